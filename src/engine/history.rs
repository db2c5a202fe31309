//! The journal in words: who changed what, when, and each changed field as
//! `before → after` in the business's local time. Shared by the console's
//! journal view and `renos journal`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::domain::BusinessTz;
use crate::store::{JournalEntry, Result, Store, action_noun};

/// One journal entry, ready to print or show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalLine {
    pub id: i64,
    /// Local time, RFC 3339.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    /// "move of #12 · Søren Østergaard"
    pub what: String,
    /// "start 09:00 → 09:15", one per changed field.
    pub changes: Vec<String>,
    pub reason: String,
    #[serde(skip)]
    pub at_utc: DateTime<Utc>,
}

/// Names for the ids a journal entry holds.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub staff: HashMap<i64, String>,
    pub customers: HashMap<i64, String>,
}

impl Names {
    fn staff(&self, v: &Value) -> String {
        match v.as_i64() {
            None => "unassigned".into(),
            Some(id) => self
                .staff
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("cleaner #{id}")),
        }
    }

    fn customer(&self, v: &Value) -> String {
        v.as_i64()
            .map(|id| {
                self.customers
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("customer #{id}"))
            })
            .unwrap_or_default()
    }
}

/// Booking fields in the order a dispatcher reads them, with their labels.
const BOOKING_FIELDS: &[(&str, &str)] = &[
    ("customer_id", "customer"),
    ("staff_id", "cleaner"),
    ("service", "service"),
    ("start", "start"),
    ("end", "end"),
    ("estimate_min", "estimate"),
    ("status", "status"),
    ("started_at", "started"),
    ("finished_at", "finished"),
    ("address", "address"),
    ("notes", "notes"),
    ("review", "review"),
    ("cancel_reason", "cancel reason"),
];

fn time(v: &Value, tz: BusinessTz, day_too: bool) -> String {
    match v
        .as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
    {
        Some(t) => {
            let t = tz.local(t.with_timezone(&Utc));
            if day_too {
                t.format("%-d/%-m %H:%M").to_string()
            } else {
                t.format("%H:%M").to_string()
            }
        }
        None => "–".into(),
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::Null => "–".into(),
        Value::String(s) if s.is_empty() => "\"\"".into(),
        Value::String(s) => s.replace('\n', " / "),
        other => other.to_string(),
    }
}

fn render(key: &str, v: &Value, other: &Value, names: &Names, tz: BusinessTz) -> String {
    match key {
        "staff_id" => names.staff(v),
        "customer_id" => names.customer(v),
        "start" | "end" | "started_at" | "finished_at" => {
            let same_day = match (v.as_str(), other.as_str()) {
                (Some(a), Some(b)) => a.get(..10) == b.get(..10),
                _ => false,
            };
            time(v, tz, !same_day)
        }
        "estimate_min" => v.as_u64().map_or_else(|| plain(v), |m| format!("{m} min")),
        _ => plain(v),
    }
}

/// The changed fields of a booking entry, or a summary when it was created
/// or removed.
fn booking_changes(e: &JournalEntry, names: &Names, tz: BusinessTz) -> Vec<String> {
    let null = Value::Null;
    let field = |v: &Option<Value>, k: &str| v.as_ref().and_then(|v| v.get(k)).cloned();
    let summary = |v: &Value| {
        let g = |k: &str| v.get(k).unwrap_or(&null);
        format!(
            "{}–{} {}, {}",
            time(g("start"), tz, true),
            time(g("end"), tz, false),
            plain(g("service")),
            names.staff(g("staff_id")),
        )
    };
    match (&e.before, &e.after) {
        (None, Some(a)) => vec![format!("created: {}", summary(a))],
        (Some(b), None) => vec![format!("removed: {}", summary(b))],
        (None, None) => Vec::new(),
        (Some(_), Some(_)) => BOOKING_FIELDS
            .iter()
            .filter_map(|(k, label)| {
                let b = field(&e.before, k).unwrap_or(Value::Null);
                let a = field(&e.after, k).unwrap_or(Value::Null);
                (b != a).then(|| {
                    format!(
                        "{label} {} → {}",
                        render(k, &b, &a, names, tz),
                        render(k, &a, &b, names, tz)
                    )
                })
            })
            .collect(),
    }
}

/// Changed top-level fields of any other entity.
fn generic_changes(e: &JournalEntry) -> Vec<String> {
    let empty = serde_json::Map::new();
    let obj = |v: &Option<Value>| v.as_ref().and_then(Value::as_object).cloned();
    let (b, a) = (obj(&e.before), obj(&e.after));
    let (bm, am) = (b.as_ref().unwrap_or(&empty), a.as_ref().unwrap_or(&empty));
    let mut keys: Vec<&String> = bm.keys().chain(am.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| k.as_str() != "version" && k.as_str() != "id")
        .filter_map(|k| {
            let (x, y) = (
                bm.get(k).unwrap_or(&Value::Null),
                am.get(k).unwrap_or(&Value::Null),
            );
            (x != y).then(|| format!("{k} {} → {}", plain(x), plain(y)))
        })
        .collect()
}

/// Puts entries into words.
pub fn describe(entries: &[JournalEntry], names: &Names, tz: BusinessTz) -> Vec<JournalLine> {
    entries
        .iter()
        .map(|e| {
            let is_booking = e.entity == "booking";
            let customer = [&e.after, &e.before]
                .into_iter()
                .flatten()
                .find_map(|v| v.get("customer_id"))
                .map(|v| names.customer(v))
                .filter(|n| !n.is_empty());
            let reverts = e.reverts.is_some() && !e.reason.is_empty();
            // A change refused for the role: its reason says it all.
            let refused = e.action == crate::store::journal::REFUSED;
            let mut what = if reverts {
                e.reason.clone()
            } else if refused {
                "change refused".to_string()
            } else if is_booking {
                format!("{} of #{}", action_noun(&e.action), e.entity_id)
            } else {
                format!("{} #{}", e.action, e.entity_id)
            };
            if let Some(c) = customer.filter(|_| is_booking) {
                what.push_str(" · ");
                what.push_str(&c);
            }
            JournalLine {
                id: e.id,
                at: tz.rfc3339(e.at),
                actor: e.actor.clone(),
                action: e.action.clone(),
                entity: e.entity.clone(),
                entity_id: e.entity_id,
                what,
                changes: if refused {
                    Vec::new()
                } else if is_booking {
                    booking_changes(e, names, tz)
                } else {
                    generic_changes(e)
                },
                reason: if reverts {
                    String::new()
                } else {
                    e.reason.clone()
                },
                at_utc: e.at,
            }
        })
        .collect()
}

/// Loads the newest `limit` entries (of one booking, or all) in words.
pub fn load(
    store: &Store,
    booking: Option<i64>,
    limit: usize,
    tz: BusinessTz,
) -> Result<Vec<JournalLine>> {
    let entries = store.journal(booking.map(|id| ("booking", id)), limit)?;
    let ids = entries
        .iter()
        .flat_map(|e| [&e.before, &e.after])
        .flatten()
        .filter_map(|v| v.get("customer_id").and_then(Value::as_i64));
    let names = Names {
        staff: store.staff_names()?,
        customers: store
            .customers_by_id(ids)?
            .into_iter()
            .map(|(id, c)| (id, c.name))
            .collect(),
    };
    Ok(describe(&entries, &names, tz))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn entry(action: &str, before: Option<Value>, after: Option<Value>) -> JournalEntry {
        JournalEntry {
            id: 1,
            at: Utc
                .with_ymd_and_hms(2026, 11, 20, 10, 2, 0)
                .single()
                .expect("t"),
            actor: "bo".into(),
            action: action.into(),
            entity: "booking".into(),
            entity_id: 12,
            before,
            after,
            reason: String::new(),
            reverts: None,
            reverted: false,
        }
    }

    fn names() -> Names {
        Names {
            staff: HashMap::from([(1, "Anna Jensen".into()), (2, "Bo Madsen".into())]),
            customers: HashMap::from([(5, "Søren Østergaard".into())]),
        }
    }

    #[test]
    fn a_move_and_reassignment_read_in_local_time_and_names() {
        let b = json!({"customer_id": 5, "staff_id": 1, "start": "2026-11-20T08:00:00Z",
                       "end": "2026-11-20T11:00:00Z", "version": 1});
        let a = json!({"customer_id": 5, "staff_id": 2, "start": "2026-11-20T08:15:00Z",
                       "end": "2026-11-20T11:15:00Z", "version": 2});
        let line = &describe(
            &[entry("booking.move", Some(b), Some(a))],
            &names(),
            BusinessTz::default(),
        )[0];
        assert_eq!(line.what, "move of #12 · Søren Østergaard");
        assert_eq!(
            line.changes,
            [
                "cleaner Anna Jensen → Bo Madsen",
                "start 09:00 → 09:15",
                "end 12:00 → 12:15"
            ]
        );
        assert_eq!(line.at, "2026-11-20T11:02:00+01:00");
    }

    #[test]
    fn creation_and_removal_are_summarised() {
        let b = json!({"customer_id": 5, "staff_id": null, "service": "Flytterengøring",
                       "start": "2026-11-20T08:00:00Z", "end": "2026-11-20T11:00:00Z"});
        let lines = describe(
            &[
                entry("booking.add", None, Some(b.clone())),
                entry("booking.undo", Some(b), None),
            ],
            &names(),
            BusinessTz::default(),
        );
        assert_eq!(
            lines[0].changes,
            ["created: 20/11 09:00–12:00 Flytterengøring, unassigned"]
        );
        assert!(lines[1].changes[0].starts_with("removed: "));
        assert_eq!(lines[1].what, "undo of #12 · Søren Østergaard");
        let mut undo = entry("booking.undo", None, None);
        undo.reverts = Some(1);
        undo.reason = "undo creation of #12".into();
        let line = &describe(&[undo], &names(), BusinessTz::default())[0];
        assert_eq!(
            (line.what.as_str(), line.reason.as_str()),
            ("undo creation of #12", "")
        );
    }

    #[test]
    fn a_refused_change_reads_as_its_reason() {
        let mut e = entry(
            crate::store::journal::REFUSED,
            None,
            Some(json!({"login": "bo", "role": "viewer"})),
        );
        e.entity = "access".into();
        e.reason = "bo is a viewer here: changing bookings needs the dispatcher role".into();
        let line = &describe(&[e], &names(), BusinessTz::default())[0];
        assert_eq!(line.what, "change refused");
        assert!(line.changes.is_empty());
        assert!(line.reason.starts_with("bo is a viewer here"));
    }
}
