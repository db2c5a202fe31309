//! Occurrences of a series master, as a calendar view lists them
//! ("patternedRecurrence": `pattern` `daily` or `weekly` with an
//! `interval`, `absoluteMonthly` or `relativeMonthly` (see `monthly.rs`),
//! `range` `numbered` or `endDate`;
//! https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence).
//! Each occurrence has `type: occurrence` and its master's `seriesMasterId`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::{Value, json};

use super::monthly;
use super::state::Stored;
use super::times::{self, text};

/// Most occurrences one series yields.
const MAX: usize = 1000;

/// The occurrences of `master` that overlap `[start, end)`; none for an
/// event that is not a series master.
pub(crate) fn occurrences(
    master: &Stored,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Vec<Stored> {
    let f = &master.fields;
    if f.get("type").and_then(Value::as_str) != Some("seriesMaster") {
        return Vec::new();
    }
    let (Some(first), Some(first_end)) = (times::of(f.get("start")), times::of(f.get("end")))
    else {
        return Vec::new();
    };
    let length = first_end - first;
    let rec = f.get("recurrence").cloned().unwrap_or(Value::Null);
    let interval = rec["pattern"]["interval"].as_i64().unwrap_or(1).max(1);
    let starts: Box<dyn Iterator<Item = DateTime<Utc>>> = match monthly::month_day(&rec["pattern"])
    {
        Some(day) => {
            let zone = rec["range"]["recurrenceTimeZone"]
                .as_str()
                .and_then(|z| z.parse().ok())
                .unwrap_or(chrono_tz::UTC);
            let from = rec["range"]["startDate"]
                .as_str()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .unwrap_or_else(|| first.with_timezone(&zone).date_naive());
            let months = u32::try_from(interval).unwrap_or(1);
            Box::new(monthly::starts(day, months, first, zone, from))
        }
        None => {
            let step = match rec["pattern"]["type"].as_str() {
                Some("weekly") => Duration::days(7 * interval),
                _ => Duration::days(interval),
            };
            Box::new(std::iter::successors(Some(first), move |at| {
                at.checked_add_signed(step)
            }))
        }
    };
    let count = match rec["range"]["type"].as_str() {
        Some("numbered") => rec["range"]["numberOfOccurrences"]
            .as_u64()
            .map_or(MAX, |n| (n as usize).min(MAX)),
        _ => MAX,
    };
    let until = rec["range"]["endDate"]
        .as_str()
        .and_then(times::instant)
        .map(|d| d + Duration::days(1));
    let mut out = Vec::new();
    for at in starts.take(count) {
        if until.is_some_and(|u| at >= u) || at >= end {
            break;
        }
        let stop = at + length;
        if stop > start {
            let mut fields = f.clone();
            fields.remove("recurrence");
            fields.insert("type".into(), json!("occurrence"));
            fields.insert("seriesMasterId".into(), json!(master.id));
            fields.insert("start".into(), shifted(&f["start"], at));
            fields.insert("end".into(), shifted(&f["end"], stop));
            out.push(Stored {
                id: format!("{}_{}", master.id, at.format("%Y%m%d")),
                fields,
                ..master.clone()
            });
        }
    }
    out
}

fn shifted(original: &Value, at: DateTime<Utc>) -> Value {
    let zone = original["timeZone"].as_str().unwrap_or("UTC");
    json!({"dateTime": text(at.naive_utc()), "timeZone": zone})
}

/// The occurrence `id` (`{master}_{yyyymmdd}`) of a live series master of
/// `user`, turned into an exception to be changed on its own
/// (`type: exception`, `originalStart`), or `None`.
pub(crate) fn exception_for(
    events: &std::collections::BTreeMap<String, Stored>,
    user: &str,
    id: &str,
) -> Option<Stored> {
    let (master_id, day) = id.rsplit_once('_')?;
    let master = events
        .get(master_id)
        .filter(|m| !m.deleted && m.user == user)?;
    let day = chrono::NaiveDate::parse_from_str(day, "%Y%m%d").ok()?;
    let from = day.and_time(chrono::NaiveTime::MIN).and_utc();
    let mut found = occurrences(master, from, from + Duration::days(1))
        .into_iter()
        .find(|o| o.id == id)?;
    let original = times::of(found.fields.get("start"))?;
    found.fields.insert("type".into(), json!("exception"));
    found.fields.insert(
        "originalStart".into(),
        json!(original.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    );
    Some(found)
}
