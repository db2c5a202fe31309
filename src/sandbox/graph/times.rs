//! Graph's `dateTimeTimeZone` values: `{"dateTime": "2026-03-02T08:00:00.0000000",
//! "timeZone": "UTC"}`. Timed values are kept in UTC (as Graph returns them
//! without `Prefer: outlook.timezone`); all-day ones as given, at midnight.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::{Map, Value, json};

const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// The text Graph writes for a time in UTC.
pub(crate) fn text(t: NaiveDateTime) -> String {
    format!("{}.0000000", t.format("%Y-%m-%dT%H:%M:%S"))
}

/// A `dateTimeTimeZone` checked, in UTC; all-day values must be at midnight.
pub(crate) fn normalise(v: &Value, all_day: bool) -> Result<Value, String> {
    let (Some(dt), Some(zone)) = (
        v.get("dateTime").and_then(Value::as_str),
        v.get("timeZone").and_then(Value::as_str),
    ) else {
        return Err("A start or end needs a dateTime and a timeZone.".into());
    };
    let naive = NaiveDateTime::parse_from_str(dt, FORMAT)
        .map_err(|_| format!("Cannot convert the literal '{dt}' to a date and time."))?;
    if all_day {
        if naive.time() != chrono::NaiveTime::MIN {
            return Err("An all-day event must start and end at midnight.".into());
        }
        return Ok(json!({"dateTime": text(naive), "timeZone": zone}));
    }
    let utc = if zone.eq_ignore_ascii_case("UTC") {
        naive.and_utc()
    } else {
        let tz: chrono_tz::Tz = zone
            .parse()
            .map_err(|_| format!("A valid TimeZone value must be specified, not '{zone}'."))?;
        tz.from_local_datetime(&naive)
            .earliest()
            .ok_or_else(|| format!("'{dt}' does not exist in {zone}."))?
            .with_timezone(&Utc)
    };
    Ok(json!({"dateTime": text(utc.naive_utc()), "timeZone": "UTC"}))
}

/// A stored start or end as an instant (all-day ones at midnight UTC).
pub(crate) fn of(v: Option<&Value>) -> Option<DateTime<Utc>> {
    let dt = v?.get("dateTime")?.as_str()?;
    Some(NaiveDateTime::parse_from_str(dt, FORMAT).ok()?.and_utc())
}

/// `startDateTime`/`endDateTime` of a query: ISO 8601, with or without an
/// offset (without one, UTC), or a bare date.
pub(crate) fn instant(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(s, FORMAT) {
        return Some(t.and_utc());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// Does an event with these fields overlap `[start, end)`?
pub(crate) fn overlaps(
    fields: &Map<String, Value>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> bool {
    match (of(fields.get("start")), of(fields.get("end"))) {
        (Some(s), Some(e)) => s < end && e > start,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoned_times_are_kept_in_utc() {
        let v = json!({"dateTime": "2026-03-02T09:00:00", "timeZone": "Europe/Copenhagen"});
        let n = normalise(&v, false).unwrap();
        assert_eq!(n["dateTime"], "2026-03-02T08:00:00.0000000");
        assert_eq!(n["timeZone"], "UTC");
        let bad = json!({"dateTime": "2026-03-02T09:00:00", "timeZone": "Mars/Olympus"});
        assert!(normalise(&bad, false).is_err());
        let noon = json!({"dateTime": "2026-03-02T12:00:00", "timeZone": "UTC"});
        assert!(normalise(&noon, true).is_err());
    }
}
