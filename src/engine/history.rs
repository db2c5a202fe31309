//! The journal as typed values: who changed what, when, and each changed
//! field with its value before and after (times as instants, amounts in
//! øre, cleaners and customers by name). The words are the view's
//! (`tui::view::news::journal`), shared by the console's journal and
//! `renos journal`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::domain::BusinessTz;
use crate::domain::change::BookingChange;
use crate::store::{JournalEntry, Result, Store};

/// One journal entry, typed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalLine {
    pub id: i64,
    /// Local time, RFC 3339.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    /// The booking's customer, by name, when the entry is about a booking.
    pub customer: Option<String>,
    /// The changed fields in the order a dispatcher reads them; for a
    /// creation every field it was made with, for a removal every field it had.
    pub fields: Vec<FieldChange>,
    pub reason: String,
    /// The entry this one undoes or redoes.
    pub reverts: Option<i64>,
    #[serde(skip)]
    pub at_utc: DateTime<Utc>,
}

impl JournalLine {
    /// What the entry did to a booking, when it is a booking change.
    pub fn booking_change(&self) -> Option<BookingChange> {
        (self.entity == "booking")
            .then(|| self.action.parse().ok())
            .flatten()
    }

    /// A change refused for the role.
    pub fn refused(&self) -> bool {
        self.action == crate::store::journal::REFUSED
    }

    /// The change of one field, if it changed.
    pub fn field(&self, f: Field) -> Option<&FieldChange> {
        self.fields.iter().find(|c| c.field == f)
    }

    /// Whether the entry made the entity (nothing before).
    pub fn created(&self) -> bool {
        !self.fields.is_empty() && self.fields.iter().all(|c| c.before == Val::Nothing)
    }

    /// Whether the entry took the entity away (nothing after).
    pub fn removed(&self) -> bool {
        !self.fields.is_empty() && self.fields.iter().all(|c| c.after == Val::Nothing)
    }
}

/// A field of a journal entry. Booking fields are named; others keep the
/// stored key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Customer,
    Cleaner,
    Service,
    Start,
    End,
    Estimate,
    Status,
    Started,
    Finished,
    Address,
    Notes,
    Review,
    CancelReason,
    /// Any other field, by its stored key (`gross_ore`, `phone`, …).
    Other(String),
}

/// Booking fields in the order a dispatcher reads them, with their keys.
const BOOKING_FIELDS: &[(&str, Field)] = &[
    ("customer_id", Field::Customer),
    ("staff_id", Field::Cleaner),
    ("service", Field::Service),
    ("start", Field::Start),
    ("end", Field::End),
    ("estimate_min", Field::Estimate),
    ("status", Field::Status),
    ("started_at", Field::Started),
    ("finished_at", Field::Finished),
    ("address", Field::Address),
    ("notes", Field::Notes),
    ("review", Field::Review),
    ("cancel_reason", Field::CancelReason),
];

/// A value before or after a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Val {
    /// Not set, or not there (before a creation, after a removal).
    Nothing,
    Text(String),
    /// An instant; the view says it in the business's local time.
    Time(DateTime<Utc>),
    Minutes(i64),
    /// An amount in øre.
    Money(i64),
    Number(i64),
    Flag(bool),
    /// A cleaner: `None` for unassigned; the name when it is known.
    Cleaner {
        id: Option<i64>,
        name: Option<String>,
    },
    Customer {
        id: i64,
        name: Option<String>,
    },
    /// Anything else, as stored (a rule, a week of hours).
    Other(Value),
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: Field,
    pub before: Val,
    pub after: Val,
}

/// Names for the ids a journal entry holds.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub staff: HashMap<i64, String>,
    pub customers: HashMap<i64, String>,
}

impl Names {
    fn cleaner(&self, v: &Value) -> Val {
        let id = v.as_i64();
        Val::Cleaner {
            id,
            name: id.and_then(|id| self.staff.get(&id).cloned()),
        }
    }

    fn customer(&self, v: &Value) -> Val {
        match v.as_i64() {
            Some(id) => Val::Customer {
                id,
                name: self.customers.get(&id).cloned(),
            },
            None => Val::Nothing,
        }
    }
}

/// A stored value, typed by its key and shape.
fn typed(key: &str, v: Option<&Value>, names: &Names) -> Val {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return if key == "staff_id" {
            // Assigned to nobody, where the field is there.
            v.map_or(Val::Nothing, |_| Val::Cleaner {
                id: None,
                name: None,
            })
        } else {
            Val::Nothing
        };
    };
    match key {
        "staff_id" => return names.cleaner(v),
        "customer_id" => return names.customer(v),
        _ => {}
    }
    match v {
        Value::Bool(b) => Val::Flag(*b),
        Value::Number(n) => match n.as_i64() {
            Some(n) if key.ends_with("_ore") => Val::Money(n),
            Some(n) if key.ends_with("_min") => Val::Minutes(n),
            Some(n) => Val::Number(n),
            None => Val::Other(v.clone()),
        },
        Value::String(s) => match DateTime::parse_from_rfc3339(s) {
            Ok(t) if s.contains('T') => Val::Time(t.with_timezone(&Utc)),
            _ => Val::Text(s.clone()),
        },
        other => Val::Other(other.clone()),
    }
}

/// The changed fields of a booking entry, in reading order.
fn booking_fields(e: &JournalEntry, names: &Names) -> Vec<FieldChange> {
    let get = |v: &Option<Value>, k: &str| v.as_ref().and_then(|v| v.get(k)).cloned();
    BOOKING_FIELDS
        .iter()
        .filter_map(|(k, field)| {
            let (b, a) = (get(&e.before, k), get(&e.after, k));
            let (before, after) = (typed(k, b.as_ref(), names), typed(k, a.as_ref(), names));
            (before != after).then(|| FieldChange {
                field: field.clone(),
                before,
                after,
            })
        })
        .collect()
}

/// Changed top-level fields of any other entity, by key.
fn other_fields(e: &JournalEntry, names: &Names) -> Vec<FieldChange> {
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
            let (before, after) = (typed(k, bm.get(k), names), typed(k, am.get(k), names));
            (before != after).then(|| FieldChange {
                field: Field::Other(k.clone()),
                before,
                after,
            })
        })
        .collect()
}

/// Types the entries.
pub fn describe(entries: &[JournalEntry], names: &Names, tz: BusinessTz) -> Vec<JournalLine> {
    entries
        .iter()
        .map(|e| {
            let is_booking = e.entity == "booking";
            let customer = [&e.after, &e.before]
                .into_iter()
                .flatten()
                .find_map(|v| v.get("customer_id").and_then(Value::as_i64))
                .and_then(|id| names.customers.get(&id).cloned())
                .filter(|_| is_booking || e.entity == "invoice" || e.entity == "alert");
            let refused = e.action == crate::store::journal::REFUSED;
            JournalLine {
                id: e.id,
                at: tz.rfc3339(e.at),
                actor: e.actor.clone(),
                action: e.action.clone(),
                entity: e.entity.clone(),
                entity_id: e.entity_id,
                customer,
                fields: if refused {
                    Vec::new()
                } else if is_booking {
                    booking_fields(e, names)
                } else {
                    other_fields(e, names)
                },
                reason: e.reason.clone(),
                reverts: e.reverts,
                at_utc: e.at,
            }
        })
        .collect()
}

/// Loads the newest `limit` entries (of one booking, or all), typed.
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

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("time")
            .with_timezone(&Utc)
    }

    #[test]
    fn a_move_and_reassignment_are_typed_with_names_and_instants() {
        let b = json!({"customer_id": 5, "staff_id": 1, "start": "2026-11-20T08:00:00Z",
                       "end": "2026-11-20T11:00:00Z", "version": 1});
        let a = json!({"customer_id": 5, "staff_id": 2, "start": "2026-11-20T08:15:00Z",
                       "end": "2026-11-20T11:15:00Z", "version": 2});
        let line = &describe(
            &[entry("booking.move", Some(b), Some(a))],
            &names(),
            BusinessTz::default(),
        )[0];
        assert_eq!(line.customer.as_deref(), Some("Søren Østergaard"));
        assert_eq!(line.booking_change(), Some(BookingChange::Move));
        let fields: Vec<&Field> = line.fields.iter().map(|c| &c.field).collect();
        assert_eq!(fields, [&Field::Cleaner, &Field::Start, &Field::End]);
        assert_eq!(
            line.fields[0].after,
            Val::Cleaner {
                id: Some(2),
                name: Some("Bo Madsen".into())
            }
        );
        assert_eq!(line.fields[1].before, Val::Time(t("2026-11-20T08:00:00Z")));
        assert_eq!(line.at, "2026-11-20T11:02:00+01:00");
    }

    #[test]
    fn creation_and_removal_list_every_field_against_nothing() {
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
        assert!(lines[0].created() && !lines[0].removed());
        assert!(lines[1].removed() && !lines[1].created());
        assert_eq!(
            lines[0].field(Field::Cleaner).map(|c| &c.after),
            Some(&Val::Cleaner {
                id: None,
                name: None
            }),
            "unassigned"
        );
    }

    #[test]
    fn amounts_minutes_and_other_keys_are_typed() {
        let mut e = entry(
            "invoice.create",
            None,
            Some(
                json!({"gross_ore": 76344, "billed_min": 90, "draft": true, "number": 7,
                        "rule": {"every": 2}}),
            ),
        );
        e.entity = "invoice".into();
        let line = &describe(&[e], &names(), BusinessTz::default())[0];
        let after = |k: &str| {
            line.field(Field::Other(k.into()))
                .map(|c| c.after.clone())
                .expect(k)
        };
        assert_eq!(after("gross_ore"), Val::Money(76344));
        assert_eq!(after("billed_min"), Val::Minutes(90));
        assert_eq!(after("draft"), Val::Flag(true));
        assert_eq!(after("number"), Val::Number(7));
        assert_eq!(after("rule"), Val::Other(json!({"every": 2})));
        let json = serde_json::to_value(line).expect("json");
        assert_eq!(
            json["fields"][2],
            json!({"field": {"other": "gross_ore"}, "before": {"type": "nothing"},
                   "after": {"type": "money", "value": 76344}})
        );
    }

    #[test]
    fn a_refused_change_keeps_its_reason_and_no_fields() {
        let mut e = entry(
            crate::store::journal::REFUSED,
            None,
            Some(json!({"login": "bo", "role": "viewer"})),
        );
        e.entity = "access".into();
        e.reason = "bo is a viewer here: changing bookings needs the dispatcher role".into();
        let line = &describe(&[e], &names(), BusinessTz::default())[0];
        assert!(line.refused());
        assert!(line.fields.is_empty());
        assert!(line.reason.starts_with("bo is a viewer here"));
    }
}
