//! Recurring events as JSON: a series (an event with `recurrence` lines),
//! its instances and their ids, following
//! <https://developers.google.com/calendar/api/guides/recurringevents>.
//!
//! An instance is made from the series on demand: the series' fields (its
//! `extendedProperties` and `iCalUID` included) with its own `id`
//! (`{seriesId}_{YYYYMMDDTHHMMSSZ}`, the UTC of the original start, or
//! `{seriesId}_{YYYYMMDD}` all-day), `recurringEventId` and
//! `originalStartTime`. A changed or cancelled instance is stored as an
//! event of its own under that id (an exception).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

use super::error::ApiError;
use super::recurrence::{MAX_INSTANCES, Recurrence, Start, local_to_utc};
use super::resource::{self, CALENDAR_TZ, When};

/// How far an open-ended series is expanded when the query has no
/// `timeMax`: two years from now. Google documents no limit; this one keeps
/// every listing finite while it still pages on and on.
const HORIZON_DAYS: i64 = 730;

/// Is this event a series (and not an instance or a single event)?
pub(crate) fn is_series(ev: &Map<String, Value>) -> bool {
    ev.get("recurrence")
        .and_then(Value::as_array)
        .is_some_and(|r| !r.is_empty())
        && ev.get("recurringEventId").is_none()
}

/// The zone a series repeats in: its start's `timeZone`.
fn zone(ev: &Map<String, Value>) -> Tz {
    ev.get("start")
        .and_then(|s| s.get("timeZone"))
        .and_then(Value::as_str)
        .and_then(|z| z.parse().ok())
        .unwrap_or(CALENDAR_TZ)
}

fn rules(ev: &Map<String, Value>) -> Result<Recurrence, String> {
    let lines: Vec<String> = ev
        .get("recurrence")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    Recurrence::parse(&lines, zone(ev))
}

/// Checks a series about to be stored: its rules parse, and a timed series
/// names its zone ("required for recurring events", events resource:
/// <https://developers.google.com/calendar/api/v3/reference/events#resource>).
pub(crate) fn check(ev: &Map<String, Value>) -> Result<(), ApiError> {
    if !is_series(ev) {
        return Ok(());
    }
    if let Some(Value::Array(lines)) = ev.get("recurrence")
        && lines.iter().any(|l| !l.is_string())
    {
        return Err(ApiError::invalid("Invalid recurrence rule."));
    }
    rules(ev).map_err(|why| ApiError::invalid(&format!("Invalid recurrence rule: {why}.")))?;
    let timed = ev.get("start").and_then(|s| s.get("dateTime")).is_some();
    let zoned = ev.get("start").and_then(|s| s.get("timeZone")).is_some();
    if timed && !zoned {
        return Err(ApiError::bad_request(
            "missingTimeZone",
            "Missing time zone definition for start time.",
        ));
    }
    Ok(())
}

fn first_start(ev: &Map<String, Value>) -> Option<Start> {
    match resource::when(ev, "start")? {
        When::At(t) => Some(Start::At(t)),
        When::Day(d) => Some(Start::Day(d)),
    }
}

/// The instant an instance starts (days at midnight in the series' zone).
fn instant(s: Start, tz: Tz) -> DateTime<Utc> {
    match s {
        Start::At(t) => t,
        Start::Day(d) => local_to_utc(d.and_time(chrono::NaiveTime::MIN), tz),
    }
}

/// How long each instance lasts: the series' own length.
fn length(ev: &Map<String, Value>) -> Duration {
    match (resource::when(ev, "start"), resource::when(ev, "end")) {
        (Some(When::At(a)), Some(When::At(b))) => b - a,
        (Some(When::Day(a)), Some(When::Day(b))) => b - a,
        _ => Duration::zero(),
    }
}

pub(crate) fn instance_id(series: &str, s: Start) -> String {
    match s {
        Start::At(t) => format!("{series}_{}", t.format("%Y%m%dT%H%M%SZ")),
        Start::Day(d) => format!("{series}_{}", d.format("%Y%m%d")),
    }
}

/// `{seriesId}_{stamp}` as (series id, original start).
pub(crate) fn parse_instance_id(id: &str) -> Option<(&str, Start)> {
    let (series, stamp) = id.rsplit_once('_')?;
    let start = if let Some(utc) = stamp.strip_suffix('Z') {
        Start::At(
            NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
                .ok()?
                .and_utc(),
        )
    } else {
        Start::Day(NaiveDate::parse_from_str(stamp, "%Y%m%d").ok()?)
    };
    (!series.is_empty()).then_some((series, start))
}

/// The series' starts whose instance overlaps [`from`, `before`); without
/// `before`, up to the horizon; at most `MAX_INSTANCES`.
pub(crate) fn starts(
    series: &Map<String, Value>,
    from: Option<DateTime<Utc>>,
    before: Option<DateTime<Utc>>,
) -> Vec<Start> {
    let (Ok(rec), Some(first)) = (rules(series), first_start(series)) else {
        return Vec::new();
    };
    let before = before.unwrap_or_else(|| Utc::now() + Duration::days(HORIZON_DAYS));
    // An instance overlaps `from` when it ends after it.
    let after = from.map(|f| f - length(series));
    rec.starts(first, zone(series), after, before, MAX_INSTANCES)
        .into_iter()
        .filter(|s| from.is_none_or(|f| instant(*s, zone(series)) + length(series) > f))
        .collect()
}

/// Is `s` one of the series' original starts?
pub(crate) fn has_start(series: &Map<String, Value>, s: Start) -> bool {
    let tz = zone(series);
    let at = instant(s, tz);
    let (Ok(rec), Some(first)) = (rules(series), first_start(series)) else {
        return false;
    };
    rec.starts(first, tz, Some(at), at + Duration::seconds(1), 1)
        .contains(&s)
}

fn time_value(s: Start, tz: Tz, zoned: bool) -> Value {
    match s {
        Start::At(t) => {
            let mut v = json!({
                "dateTime": t.with_timezone(&tz).to_rfc3339_opts(SecondsFormat::Secs, true)
            });
            if zoned {
                v["timeZone"] = json!(tz.name());
            }
            v
        }
        Start::Day(d) => json!({ "date": d.format("%Y-%m-%d").to_string() }),
    }
}

/// The instance of `series` originally starting at `s`, as Google lists it.
pub(crate) fn instance(series: &Map<String, Value>, s: Start) -> Map<String, Value> {
    let tz = zone(series);
    let zoned = series
        .get("start")
        .and_then(|v| v.get("timeZone"))
        .is_some();
    let series_id = resource::str_field(series, "id").to_string();
    let end = match s {
        Start::At(t) => Start::At(t + length(series)),
        Start::Day(d) => Start::Day(d.checked_add_signed(length(series)).unwrap_or(d)),
    };
    let mut ev = series.clone();
    ev.remove("recurrence");
    ev.insert("id".into(), json!(instance_id(&series_id, s)));
    ev.insert("recurringEventId".into(), json!(series_id));
    ev.insert("start".into(), time_value(s, tz, zoned));
    ev.insert("end".into(), time_value(end, tz, zoned));
    ev.insert("originalStartTime".into(), time_value(s, tz, zoned));
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series() -> Map<String, Value> {
        json!({
            "id": "serie1",
            "iCalUID": "serie1@google.com",
            "summary": "Ugentlig rengøring",
            "start": {"dateTime": "2026-10-18T09:00:00+02:00", "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": "2026-10-18T11:00:00+02:00", "timeZone": "Europe/Copenhagen"},
            "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"],
            "extendedProperties": {"private": {"renos_booking": "7"}},
        })
        .as_object()
        .cloned()
        .expect("object")
    }

    #[test]
    fn instances_inherit_and_keep_local_time() {
        let s = series();
        let starts = starts(&s, None, None);
        assert_eq!(starts.len(), 3);
        let second = instance(&s, starts[1]);
        assert_eq!(second["id"], "serie1_20261025T080000Z");
        assert_eq!(second["start"]["dateTime"], "2026-10-25T09:00:00+01:00");
        assert_eq!(second["end"]["dateTime"], "2026-10-25T11:00:00+01:00");
        assert_eq!(second["originalStartTime"], second["start"]);
        assert_eq!(second["recurringEventId"], "serie1");
        assert_eq!(second["iCalUID"], "serie1@google.com");
        assert_eq!(
            second["extendedProperties"]["private"]["renos_booking"],
            "7"
        );
        assert!(second.get("recurrence").is_none());
        let (series_id, start) = parse_instance_id("serie1_20261025T080000Z").expect("id");
        assert_eq!(series_id, "serie1");
        assert!(has_start(&s, start));
        let (_, off) = parse_instance_id("serie1_20261025T090000Z").expect("id");
        assert!(!has_start(&s, off));
    }

    #[test]
    fn window_bounds() {
        let s = series();
        let from = DateTime::parse_from_rfc3339("2026-10-25T10:00:00+01:00")
            .expect("t")
            .with_timezone(&Utc);
        // The instance running at `from` overlaps it.
        assert_eq!(starts(&s, Some(from), None).len(), 2);
        assert_eq!(starts(&s, None, Some(from)).len(), 2);
    }

    #[test]
    fn checks() {
        let mut s = series();
        assert!(check(&s).is_ok());
        s.insert("recurrence".into(), json!(["RRULE:FREQ=SECONDLY"]));
        assert_eq!(check(&s).map_err(|e| e.code), Err(400));
        let mut s = series();
        s.insert(
            "start".into(),
            json!({"dateTime": "2026-10-18T09:00:00+02:00"}),
        );
        assert!(check(&s).is_err());
    }
}
