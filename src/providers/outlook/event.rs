//! Graph's events to and from the seam's items: subject, body, location,
//! times (asked for in UTC), `isAllDay`, `isCancelled` and `showAs`, the
//! series pattern as an RRULE, and our booking id in a single-value
//! extended property.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use crate::providers::calendar::{
    Content, Exception, ItemId, ItemStatus, ItemWrite, PROPERTY_NAMES, Properties, Recurrence,
    RemoteItem, Version, When,
};

/// The single-value extended property holding our booking id: a string
/// property in a namespace (GUID) of our own, so no other app's collides.
pub const BOOKING_PROPERTY: &str =
    "String {6d1e7f3a-2b4c-4e9a-8f1d-3c5b7a9e0d2f} Name RenosBooking";

/// The namespace (GUID) of our single-value extended properties.
const NAMESPACE: &str = "{6d1e7f3a-2b4c-4e9a-8f1d-3c5b7a9e0d2f}";

/// The single-value extended property holding our fact `name` (one of
/// [`PROPERTY_NAMES`]): `String {guid} Name RenosCustomer`, …
fn property_id(name: &str) -> String {
    let mut chars = name.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    format!("String {NAMESPACE} Name Renos{capital}")
}

/// `$expand` that brings [`BOOKING_PROPERTY`] and our other facts along
/// with an event (one filter, its ids joined by `or`).
pub(super) fn expand() -> String {
    let ids: Vec<String> = std::iter::once(BOOKING_PROPERTY.to_string())
        .chain(PROPERTY_NAMES.iter().map(|n| property_id(n)))
        .map(|id| format!("id eq '{id}'"))
        .collect();
    format!(
        "singleValueExtendedProperties($filter={})",
        ids.join(" or ")
    )
}

const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// The kind of an entry of a calendar view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Single,
    Master,
    /// An occurrence of the series with this master id, as the rule has it.
    Occurrence(String),
    /// An occurrence of the series with this master id, changed on its own.
    Exception(String),
}

/// What kind of entry `v` is.
pub(super) fn kind(v: &Value) -> Kind {
    let master = v["seriesMasterId"].as_str().unwrap_or_default().to_string();
    match v["type"].as_str() {
        Some("seriesMaster") => Kind::Master,
        Some("occurrence") if !master.is_empty() => Kind::Occurrence(master),
        Some("exception") if !master.is_empty() => Kind::Exception(master),
        _ => Kind::Single,
    }
}

fn when(v: &Value, all_day: bool) -> Result<When, String> {
    let dt = v["dateTime"].as_str().ok_or("a time without dateTime")?;
    let zone = v["timeZone"].as_str().unwrap_or("UTC");
    let naive = NaiveDateTime::parse_from_str(dt, FORMAT)
        .map_err(|_| format!("a time that cannot be read: {dt:?}"))?;
    if all_day {
        return Ok(When::Day(naive.date()));
    }
    if zone.eq_ignore_ascii_case("UTC") {
        return Ok(When::At(naive.and_utc()));
    }
    let tz: Tz = zone
        .parse()
        .map_err(|_| format!("a time zone that cannot be read: {zone:?}"))?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| When::At(t.with_timezone(&Utc)))
        .ok_or_else(|| format!("{dt} does not exist in {zone}"))
}

/// The content of one event or occurrence.
pub(super) fn content(v: &Value) -> Result<Content, String> {
    let all_day = v["isAllDay"].as_bool().unwrap_or(false);
    let status = if v["isCancelled"].as_bool().unwrap_or(false) {
        ItemStatus::Cancelled
    } else if v["showAs"].as_str() == Some("tentative") {
        ItemStatus::Tentative
    } else {
        ItemStatus::Confirmed
    };
    Ok(Content {
        summary: v["subject"].as_str().unwrap_or_default().to_string(),
        description: v["body"]["content"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        location: v["location"]["displayName"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        start: when(&v["start"], all_day)?,
        end: when(&v["end"], all_day)?,
        status,
    })
}

/// Our booking id, when the event carries it.
pub(super) fn booking(v: &Value) -> Option<String> {
    v["singleValueExtendedProperties"]
        .as_array()?
        .iter()
        .find(|p| {
            p["id"]
                .as_str()
                .is_some_and(|id| id.eq_ignore_ascii_case(BOOKING_PROPERTY))
        })
        .and_then(|p| p["value"].as_str())
        .map(str::to_string)
}

/// Our other facts, when the event carries them.
pub(super) fn properties(v: &Value) -> Properties {
    let Some(list) = v["singleValueExtendedProperties"].as_array() else {
        return Properties::new();
    };
    PROPERTY_NAMES
        .iter()
        .filter_map(|name| {
            let id = property_id(name);
            list.iter()
                .find(|p| {
                    p["id"]
                        .as_str()
                        .is_some_and(|i| i.eq_ignore_ascii_case(&id))
                })
                .and_then(|p| p["value"].as_str())
                .map(|value| (name.to_string(), value.to_string()))
        })
        .collect()
}

/// An event (or series master) as an item, its exceptions apart.
pub(super) fn item(v: &Value) -> Result<RemoteItem, String> {
    let id = v["id"].as_str().ok_or("an event without an id")?;
    let version = v["@odata.etag"]
        .as_str()
        .ok_or("an event without an @odata.etag")?;
    let recurrence = match v.get("recurrence") {
        Some(r) if !r.is_null() => Some(rule_of(r)?),
        _ => None,
    };
    Ok(RemoteItem {
        id: ItemId(id.to_string()),
        version: Version(version.to_string()),
        booking: booking(v),
        properties: properties(v),
        content: content(v)?,
        recurrence,
        exceptions: Vec::new(),
    })
}

/// A changed occurrence of a series.
pub(super) fn exception(v: &Value) -> Result<Exception, String> {
    let original = v["originalStart"]
        .as_str()
        .ok_or("a changed occurrence without originalStart")?;
    let at = DateTime::parse_from_rfc3339(original)
        .map_err(|_| format!("an originalStart that cannot be read: {original:?}"))?;
    Ok(Exception {
        original_start: When::At(at.with_timezone(&Utc)),
        content: content(v)?,
    })
}

const DAYS: [(&str, &str); 7] = [
    ("MO", "monday"),
    ("TU", "tuesday"),
    ("WE", "wednesday"),
    ("TH", "thursday"),
    ("FR", "friday"),
    ("SA", "saturday"),
    ("SU", "sunday"),
];

/// A `patternedRecurrence` as an RRULE: daily, weekly (with days) and
/// monthly on a day of the month; ended by a count, a date or never.
fn rule_of(r: &Value) -> Result<Recurrence, String> {
    let p = &r["pattern"];
    let interval = p["interval"].as_u64().unwrap_or(1).max(1);
    let mut parts = Vec::new();
    match p["type"].as_str() {
        Some("daily") => parts.push("FREQ=DAILY".to_string()),
        Some("weekly") => {
            parts.push("FREQ=WEEKLY".to_string());
            let days: Vec<&str> = p["daysOfWeek"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .filter_map(|d| DAYS.iter().find(|(_, n)| *n == d).map(|(c, _)| *c))
                        .collect()
                })
                .unwrap_or_default();
            if !days.is_empty() {
                parts.push(format!("BYDAY={}", days.join(",")));
            }
        }
        Some("absoluteMonthly") => {
            parts.push("FREQ=MONTHLY".to_string());
            if let Some(d) = p["dayOfMonth"].as_u64() {
                parts.push(format!("BYMONTHDAY={d}"));
            }
        }
        other => return Err(format!("a series pattern not supported: {other:?}")),
    }
    if interval > 1 {
        parts.push(format!("INTERVAL={interval}"));
    }
    let range = &r["range"];
    match range["type"].as_str() {
        Some("numbered") => {
            let n = range["numberOfOccurrences"].as_u64().unwrap_or(1);
            parts.push(format!("COUNT={n}"));
        }
        Some("endDate") => {
            let d = range["endDate"].as_str().unwrap_or_default();
            let d = NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| format!("a series end that cannot be read: {d:?}"))?;
            parts.push(format!("UNTIL={}T235959Z", d.format("%Y%m%d")));
        }
        _ => {}
    }
    Ok(Recurrence {
        rule: parts.join(";"),
        excluded: Vec::new(),
    })
}

/// An RRULE as a `patternedRecurrence` starting on `start`, or why Graph
/// cannot hold it.
fn pattern_of(rule: &str, start: NaiveDate) -> Result<Value, String> {
    let mut freq = None;
    let mut interval = 1u64;
    let mut days = Vec::new();
    let mut month_day = None;
    let mut range = json!({"type": "noEnd", "startDate": start.to_string()});
    for part in rule.split(';').filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or(format!("an RRULE part {part:?}"))?;
        match k {
            "FREQ" => freq = Some(v.to_string()),
            "INTERVAL" => interval = v.parse().map_err(|_| format!("INTERVAL={v}"))?,
            "BYDAY" => {
                for d in v.split(',') {
                    let name = DAYS
                        .iter()
                        .find(|(c, _)| *c == d)
                        .map(|(_, n)| *n)
                        .ok_or(format!("BYDAY={d} (Graph takes plain week days)"))?;
                    days.push(name);
                }
            }
            "BYMONTHDAY" => {
                month_day = Some(v.parse::<u64>().map_err(|_| format!("BYMONTHDAY={v}"))?)
            }
            "COUNT" => {
                let n: u64 = v.parse().map_err(|_| format!("COUNT={v}"))?;
                range = json!({"type": "numbered", "startDate": start.to_string(),
                               "numberOfOccurrences": n});
            }
            "UNTIL" => {
                let d = NaiveDate::parse_from_str(v.get(..8).unwrap_or(v), "%Y%m%d")
                    .map_err(|_| format!("UNTIL={v}"))?;
                range = json!({"type": "endDate", "startDate": start.to_string(),
                               "endDate": d.to_string()});
            }
            "WKST" => {}
            _ => return Err(format!("{k} in a series rule")),
        }
    }
    let pattern = match freq.as_deref() {
        Some("DAILY") => json!({"type": "daily", "interval": interval}),
        Some("WEEKLY") => {
            if days.is_empty() {
                days.push(DAYS[start.format("%u").to_string().parse::<usize>().unwrap_or(1) - 1].1);
            }
            json!({"type": "weekly", "interval": interval, "daysOfWeek": days,
                   "firstDayOfWeek": "monday"})
        }
        Some("MONTHLY") => json!({"type": "absoluteMonthly", "interval": interval,
                                  "dayOfMonth": month_day.unwrap_or(u64::from(chrono::Datelike::day(&start)))}),
        other => return Err(format!("FREQ={other:?}")),
    };
    Ok(json!({"pattern": pattern, "range": range}))
}

fn written_time(w: &When, tz: Tz) -> Value {
    match w {
        When::At(t) => json!({
            "dateTime": t.with_timezone(&tz).naive_local().format("%Y-%m-%dT%H:%M:%S").to_string(),
            "timeZone": tz.name(),
        }),
        When::Day(d) => json!({
            "dateTime": format!("{d}T00:00:00"),
            "timeZone": tz.name(),
        }),
    }
}

/// The booking id and our other facts as single-value extended properties.
fn extended(item: &ItemWrite) -> Value {
    let props: Vec<Value> = std::iter::once(json!({"id": BOOKING_PROPERTY, "value": item.booking}))
        .chain(
            item.properties
                .iter()
                .map(|(name, value)| json!({"id": property_id(name), "value": value})),
        )
        .collect();
    Value::Array(props)
}

/// The body of a create or PATCH for `item`, times in the business zone,
/// the booking id in [`BOOKING_PROPERTY`].
pub(super) fn body(item: &ItemWrite) -> Result<Value, String> {
    let tz: Tz = item
        .time_zone
        .parse()
        .map_err(|_| format!("unknown time zone {:?}", item.time_zone))?;
    if let Some(name) = item.unknown_property() {
        return Err(format!("a property no calendar keeps: {name:?}"));
    }
    let c = &item.content;
    let all_day = matches!(c.start, When::Day(_));
    if all_day != matches!(c.end, When::Day(_)) {
        return Err("a start and an end of different kinds (day and time)".into());
    }
    let mut v = json!({
        "subject": c.summary,
        "body": {"contentType": "text", "content": c.description},
        "location": {"displayName": c.location},
        "start": written_time(&c.start, tz),
        "end": written_time(&c.end, tz),
        "isAllDay": all_day,
        "showAs": if c.status == ItemStatus::Tentative { "tentative" } else { "busy" },
        "singleValueExtendedProperties": extended(item),
    });
    if let Some(r) = &item.recurrence {
        // Graph's pattern has no list of left-out dates, and changed
        // occurrences are separate writes: refused rather than lost.
        if !r.excluded.is_empty() || !item.exceptions.is_empty() {
            return Err(
                "a series with left-out or changed occurrences cannot be written to \
                        Microsoft 365 yet"
                    .into(),
            );
        }
        let start = match c.start {
            When::At(t) => t.with_timezone(&tz).date_naive(),
            When::Day(d) => d,
        };
        let mut p = pattern_of(&r.rule, start)?;
        p["range"]["recurrenceTimeZone"] = json!(tz.name());
        v["recurrence"] = p;
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_facts_go_there_and_back() {
        let mut item = ItemWrite::single(
            "42",
            Content {
                summary: "x".into(),
                description: String::new(),
                location: String::new(),
                start: When::At(Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap()),
                end: When::At(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()),
                status: ItemStatus::Confirmed,
            },
            "Europe/Copenhagen",
        );
        item.properties.insert("customer".into(), "7".into());
        item.properties.insert("series".into(), "3".into());
        let mut v = body(&item).unwrap();
        assert_eq!(booking(&v).as_deref(), Some("42"));
        assert_eq!(properties(&v), item.properties);
        assert!(expand().contains("Name RenosCustomer'"), "{}", expand());
        v["singleValueExtendedProperties"] = json!([]);
        assert!(properties(&v).is_empty());
        item.properties.insert("colour".into(), "red".into());
        assert!(body(&item).is_err());
    }

    #[test]
    fn rules_go_there_and_back() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        for rule in [
            "FREQ=DAILY;COUNT=5",
            "FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=2;UNTIL=20260601T235959Z",
            "FREQ=MONTHLY;BYMONTHDAY=2",
        ] {
            let p = pattern_of(rule, start).unwrap();
            assert_eq!(rule_of(&p).unwrap().rule, rule, "{p}");
        }
        assert!(pattern_of("FREQ=YEARLY", start).is_err());
        assert!(pattern_of("FREQ=WEEKLY;BYDAY=1MO", start).is_err());
    }
}
