//! Events as Google stores and returns them: what a client may write, the
//! server's own fields, times normalised, extended properties trimmed, and
//! PATCH / PUT semantics. Pure functions over JSON objects.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

use super::error::ApiError;

/// The time zone of every sandbox calendar.
pub(crate) const CALENDAR_TZ: Tz = chrono_tz::Europe::Copenhagen;

/// Longest extended property key kept (longer ones are dropped).
const PROP_KEY_MAX: usize = 44;
/// Longest extended property value kept (longer ones are cut).
const PROP_VALUE_MAX: usize = 1024;

/// Fields a client may write; everything else in a request body is ignored
/// (the server's own fields, `id` and `iCalUID` are handled separately).
const WRITABLE: &[&str] = &[
    "anyoneCanAddSelf",
    "attachments",
    "attendees",
    "attendeesOmitted",
    "colorId",
    "conferenceData",
    "description",
    "end",
    "endTimeUnspecified",
    "extendedProperties",
    "gadget",
    "guestsCanInviteOthers",
    "guestsCanModify",
    "guestsCanSeeOtherGuests",
    "location",
    "originalStartTime",
    "recurrence",
    "reminders",
    "source",
    "start",
    "status",
    "summary",
    "transparency",
    "visibility",
];

/// Fields set by the server once, at insert, and kept by PUT.
const SERVER_FIXED: &[&str] = &[
    "kind",
    "id",
    "iCalUID",
    "htmlLink",
    "created",
    "creator",
    "organizer",
    "sequence",
    "eventType",
];

/// The change being made: when, and its place in the change sequence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stamp {
    pub(crate) now: DateTime<Utc>,
    pub(crate) seq: u64,
}

/// `start` or `end` as an instant or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum When {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

/// RFC 3339 UTC with milliseconds, as in `updated`.
pub(crate) fn millis(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A client-chosen id must be base32hex (`a`–`v`, `0`–`9`), 5 to 1024 long.
pub(crate) fn valid_id(id: &str) -> bool {
    (5..=1024).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'v').contains(&b))
}

/// A new event from an insert body.
pub(crate) fn new_event(
    id: &str,
    calendar: &str,
    creator: &str,
    body: &Map<String, Value>,
    stamp: Stamp,
) -> Result<Map<String, Value>, ApiError> {
    let mut ev = writable(body);
    let ical = match body.get("iCalUID") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => format!("{id}@google.com"),
    };
    ev.insert("kind".into(), json!("calendar#event"));
    ev.insert("id".into(), json!(id));
    ev.insert("iCalUID".into(), json!(ical));
    ev.insert("htmlLink".into(), json!(html_link(id, calendar)));
    ev.insert("created".into(), json!(millis(stamp.now)));
    ev.insert("creator".into(), json!({ "email": creator }));
    ev.insert(
        "organizer".into(),
        json!({ "email": calendar, "self": true }),
    );
    ev.insert("sequence".into(), json!(0));
    ev.insert("eventType".into(), json!("default"));
    finish(&mut ev, None, stamp)?;
    Ok(ev)
}

/// PATCH: omitted fields kept, objects merged key by key (a JSON null
/// removes), arrays and plain values replaced.
pub(crate) fn patched(
    current: &Map<String, Value>,
    patch: &Map<String, Value>,
    stamp: Stamp,
) -> Result<Map<String, Value>, ApiError> {
    let mut ev = current.clone();
    merge(&mut ev, &writable(patch));
    finish(&mut ev, Some(current), stamp)?;
    Ok(ev)
}

/// PUT: the body replaces every writable field; the server's fields stay.
/// A missing `status` means confirmed.
pub(crate) fn replaced(
    current: &Map<String, Value>,
    body: &Map<String, Value>,
    stamp: Stamp,
) -> Result<Map<String, Value>, ApiError> {
    let mut ev = writable(body);
    for key in SERVER_FIXED {
        if let Some(v) = current.get(*key) {
            ev.insert((*key).into(), v.clone());
        }
    }
    finish(&mut ev, Some(current), stamp)?;
    Ok(ev)
}

/// Marks an event cancelled (a delete).
pub(crate) fn cancel(ev: &mut Map<String, Value>, stamp: Stamp) {
    ev.insert("status".into(), json!("cancelled"));
    touch(ev, stamp);
}

/// An event arriving in another calendar (a move): that calendar organises
/// it now.
pub(crate) fn reorganise(ev: &mut Map<String, Value>, calendar: &str, stamp: Stamp) {
    let id = str_field(ev, "id").to_string();
    ev.insert(
        "organizer".into(),
        json!({ "email": calendar, "self": true }),
    );
    ev.insert("htmlLink".into(), json!(html_link(&id, calendar)));
    touch(ev, stamp);
}

/// What an incremental list shows of a cancelled event; a cancelled
/// instance still says which series and start it was
/// (<https://developers.google.com/calendar/api/guides/recurringevents>).
pub(crate) fn tombstone(ev: &Map<String, Value>) -> Value {
    let mut out = json!({
        "kind": "calendar#event",
        "etag": ev.get("etag").cloned().unwrap_or(Value::Null),
        "id": ev.get("id").cloned().unwrap_or(Value::Null),
        "status": "cancelled",
    });
    for key in ["recurringEventId", "originalStartTime"] {
        if let Some(v) = ev.get(key) {
            out[key] = v.clone();
        }
    }
    out
}

pub(crate) fn is_cancelled(ev: &Map<String, Value>) -> bool {
    ev.get("status").and_then(Value::as_str) == Some("cancelled")
}

pub(crate) fn str_field<'a>(ev: &'a Map<String, Value>, key: &str) -> &'a str {
    ev.get(key).and_then(Value::as_str).unwrap_or("")
}

/// `start` / `end` of a stored (normalised) event.
pub(crate) fn when(ev: &Map<String, Value>, which: &str) -> Option<When> {
    let t = ev.get(which)?.as_object()?;
    if let Some(s) = t.get("dateTime").and_then(Value::as_str) {
        return DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| When::At(d.with_timezone(&Utc)));
    }
    let s = t.get("date").and_then(Value::as_str)?;
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(When::Day)
}

/// The instant a `When` begins, days taken at midnight in the calendar's zone.
pub(crate) fn instant(w: When) -> DateTime<Utc> {
    match w {
        When::At(t) => t,
        When::Day(d) => {
            let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
            CALENDAR_TZ
                .from_local_datetime(&midnight)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| midnight.and_utc())
        }
    }
}

fn writable(body: &Map<String, Value>) -> Map<String, Value> {
    body.iter()
        .filter(|(k, _)| WRITABLE.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn merge(into: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (key, value) in patch {
        match (into.get_mut(key), value) {
            (_, Value::Null) => {
                into.remove(key);
            }
            (Some(Value::Object(old)), Value::Object(new)) => merge(old, new),
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Validates and normalises a written event, bumps `sequence` when its times
/// moved, and stamps it.
fn finish(
    ev: &mut Map<String, Value>,
    before: Option<&Map<String, Value>>,
    stamp: Stamp,
) -> Result<(), ApiError> {
    match ev.get("status") {
        None | Some(Value::Null) => {
            ev.insert("status".into(), json!("confirmed"));
        }
        Some(Value::String(s)) if ["confirmed", "tentative", "cancelled"].contains(&s.as_str()) => {
        }
        Some(_) => return Err(ApiError::invalid("Invalid value for: status")),
    }
    let (start, start_when) = normalise_time(ev.get("start"), "start")?;
    let (end, end_when) = normalise_time(ev.get("end"), "end")?;
    match (start_when, end_when) {
        (When::At(a), When::At(b)) if b < a => return Err(ApiError::time_range_empty()),
        (When::Day(a), When::Day(b)) if b < a => return Err(ApiError::time_range_empty()),
        (When::At(_), When::Day(_)) | (When::Day(_), When::At(_)) => {
            return Err(ApiError::bad_request(
                "invalid",
                "Start and end times must either both be date or both be dateTime.",
            ));
        }
        _ => {}
    }
    ev.insert("start".into(), start);
    ev.insert("end".into(), end);
    sanitise_props(ev);
    if let Some(Value::Array(attendees)) = ev.get_mut("attendees") {
        for a in attendees.iter_mut().filter_map(Value::as_object_mut) {
            a.entry("responseStatus").or_insert(json!("needsAction"));
        }
    }
    if !matches!(ev.get("reminders"), Some(Value::Object(_))) {
        ev.insert("reminders".into(), json!({ "useDefault": true }));
    }
    if let Some(before) = before {
        let moved = before.get("start") != ev.get("start") || before.get("end") != ev.get("end");
        let seq = before.get("sequence").and_then(Value::as_u64).unwrap_or(0);
        ev.insert("sequence".into(), json!(if moved { seq + 1 } else { seq }));
    }
    touch(ev, stamp);
    Ok(())
}

fn touch(ev: &mut Map<String, Value>, stamp: Stamp) {
    // Unique per change: the time in microseconds with the sequence folded in.
    let micros = stamp.now.timestamp_millis().max(0) as u64 * 1000 + stamp.seq % 1000;
    ev.insert("etag".into(), json!(format!("\"{micros}\"")));
    ev.insert("updated".into(), json!(millis(stamp.now)));
}

/// `{"dateTime","timeZone"?}` or `{"date"}`: the dateTime becomes RFC 3339 in
/// the given zone (or the calendar's), whole seconds, as Google answers.
fn normalise_time(v: Option<&Value>, which: &str) -> Result<(Value, When), ApiError> {
    let missing = || ApiError::bad_request("required", &format!("Missing {which} time."));
    let invalid = || ApiError::bad_request("invalid", &format!("Invalid {which} time."));
    let Some(obj) = v.and_then(Value::as_object) else {
        return Err(missing());
    };
    let zone = match obj.get("timeZone") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(name.parse::<Tz>().map_err(|_| {
            ApiError::bad_request(
                "invalid",
                &format!("Invalid time zone definition for {which} time."),
            )
        })?),
        Some(_) => return Err(invalid()),
    };
    let date_time = obj.get("dateTime").filter(|v| !v.is_null());
    let date = obj.get("date").filter(|v| !v.is_null());
    let mut out = Map::new();
    let when = match (date_time, date) {
        (Some(_), Some(_)) => return Err(invalid()),
        (Some(dt), None) => {
            let s = dt.as_str().ok_or_else(invalid)?;
            let t = match DateTime::parse_from_rfc3339(s) {
                Ok(t) => t.with_timezone(&Utc),
                Err(_) => {
                    let local = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
                        .map_err(|_| invalid())?;
                    let tz = zone.ok_or_else(|| {
                        ApiError::bad_request(
                            "invalid",
                            &format!("Missing time zone definition for {which} time."),
                        )
                    })?;
                    tz.from_local_datetime(&local)
                        .earliest()
                        .ok_or_else(invalid)?
                        .with_timezone(&Utc)
                }
            };
            let tz = zone.unwrap_or(CALENDAR_TZ);
            out.insert(
                "dateTime".into(),
                json!(
                    t.with_timezone(&tz)
                        .to_rfc3339_opts(SecondsFormat::Secs, true)
                ),
            );
            When::At(t)
        }
        (None, Some(d)) => {
            let s = d.as_str().ok_or_else(invalid)?;
            let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| invalid())?;
            out.insert("date".into(), json!(day.format("%Y-%m-%d").to_string()));
            When::Day(day)
        }
        (None, None) => return Err(missing()),
    };
    if let Some(tz) = zone {
        out.insert("timeZone".into(), json!(tz.name()));
    }
    Ok((Value::Object(out), when))
}

/// Keys over 44 characters dropped, values cut to 1024, only string maps
/// under `private` and `shared`.
fn sanitise_props(ev: &mut Map<String, Value>) {
    let Some(Value::Object(props)) = ev.get_mut("extendedProperties") else {
        ev.remove("extendedProperties");
        return;
    };
    props.retain(|scope, v| (scope == "private" || scope == "shared") && v.is_object());
    for map in props.values_mut().filter_map(Value::as_object_mut) {
        let kept: Map<String, Value> = std::mem::take(map)
            .into_iter()
            .filter(|(k, _)| k.chars().count() <= PROP_KEY_MAX)
            .filter_map(|(k, v)| {
                let s = match v {
                    Value::String(s) => s,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => return None,
                };
                Some((k, json!(s.chars().take(PROP_VALUE_MAX).collect::<String>())))
            })
            .collect();
        *map = kept;
    }
    props.retain(|_, v| v.as_object().is_some_and(|m| !m.is_empty()));
    if props.is_empty() {
        ev.remove("extendedProperties");
    }
}

fn html_link(id: &str, calendar: &str) -> String {
    use base64::Engine;
    let eid = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{id} {calendar}"));
    format!("https://www.google.com/calendar/event?eid={eid}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(seq: u64) -> Stamp {
        Stamp {
            now: Utc::now(),
            seq,
        }
    }

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().expect("object")
    }

    fn base() -> Map<String, Value> {
        obj(json!({
            "summary": "Rengøring",
            "start": {"dateTime": "2026-11-20T09:30:00.000000000Z", "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": "2026-11-20T12:00:00Z", "timeZone": "Europe/Copenhagen"},
            "extendedProperties": {"private": {"renos_booking": "17", "x": 5}},
            "etag": "\"client\"", "kind": "nonsense", "unknownField": 1,
        }))
    }

    #[test]
    fn ids() {
        assert!(valid_id("abcde"));
        assert!(valid_id("0123456789abcdefghijklmnopqrstuv"));
        assert!(!valid_id("abcd"));
        assert!(!valid_id("abcdw"));
        assert!(!valid_id("ABCDE"));
        assert!(!valid_id("abc-de"));
        assert!(!valid_id(&"a".repeat(1025)));
    }

    #[test]
    fn insert_normalises_times_and_props() {
        let ev = new_event("abcde", "cal@x", "me@x", &base(), stamp(1)).expect("valid");
        assert_eq!(ev["start"]["dateTime"], "2026-11-20T10:30:00+01:00");
        assert_eq!(ev["start"]["timeZone"], "Europe/Copenhagen");
        assert_eq!(ev["end"]["dateTime"], "2026-11-20T13:00:00+01:00");
        assert_eq!(ev["extendedProperties"]["private"]["x"], "5");
        assert_eq!(ev["kind"], "calendar#event");
        assert_eq!(ev["iCalUID"], "abcde@google.com");
        assert_eq!(ev["status"], "confirmed");
        assert_ne!(ev["etag"], "\"client\"");
        assert!(ev.get("unknownField").is_none());
        assert_eq!(ev["reminders"]["useDefault"], true);
        let updated = ev["updated"].as_str().expect("updated");
        assert_eq!(updated.len(), "2026-11-20T09:30:00.123Z".len());
    }

    #[test]
    fn insert_refuses_bad_times() {
        let mut b = base();
        b.remove("end");
        let e = new_event("abcde", "c", "m", &b, stamp(1)).expect_err("no end");
        assert_eq!((e.code, e.reason), (400, "required"));
        assert_eq!(e.message, "Missing end time.");
        let mut b = base();
        b.insert("end".into(), json!({"dateTime": "2026-11-20T08:00:00Z"}));
        let e = new_event("abcde", "c", "m", &b, stamp(1)).expect_err("reversed");
        assert_eq!(e.reason, "timeRangeEmpty");
        let mut b = base();
        b.insert("start".into(), json!({"dateTime": "2026-11-20T08:00:00"}));
        let e = new_event("abcde", "c", "m", &b, stamp(1)).expect_err("no zone");
        assert_eq!(e.message, "Missing time zone definition for start time.");
        let mut b = base();
        b.insert("start".into(), json!({"date": "2026-11-20"}));
        assert!(new_event("abcde", "c", "m", &b, stamp(1)).is_err());
    }

    #[test]
    fn local_time_with_zone_and_all_day() {
        let b = obj(json!({
            "start": {"dateTime": "2026-07-01T08:00:00", "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": "2026-07-01T09:00:00", "timeZone": "Europe/Copenhagen"},
        }));
        let ev = new_event("abcde", "c", "m", &b, stamp(1)).expect("valid");
        assert_eq!(ev["start"]["dateTime"], "2026-07-01T08:00:00+02:00");
        let b = obj(json!({"start": {"date": "2026-07-01"}, "end": {"date": "2026-07-02"}}));
        let ev = new_event("abcde", "c", "m", &b, stamp(1)).expect("valid");
        assert_eq!(ev["start"], json!({"date": "2026-07-01"}));
        assert_eq!(
            when(&ev, "end"),
            Some(When::Day(
                NaiveDate::from_ymd_opt(2026, 7, 2).expect("date")
            ))
        );
    }

    #[test]
    fn long_keys_dropped_long_values_cut() {
        let mut b = base();
        b.insert(
            "extendedProperties".into(),
            json!({"private": {"k".repeat(45): "a", "k".repeat(44): "v".repeat(2000)}, "other": {"a": "b"}}),
        );
        let ev = new_event("abcde", "c", "m", &b, stamp(1)).expect("valid");
        let p = ev["extendedProperties"]["private"]
            .as_object()
            .expect("private");
        assert_eq!(p.len(), 1);
        assert_eq!(
            p["k".repeat(44).as_str()].as_str().map(str::len),
            Some(1024)
        );
        assert!(ev["extendedProperties"].get("other").is_none());
    }

    #[test]
    fn patch_merges_objects_and_replaces_arrays() {
        let mut b = base();
        b.insert(
            "attendees".into(),
            json!([{"email": "a@x"}, {"email": "b@x"}]),
        );
        let ev = new_event("abcde", "c", "m", &b, stamp(1)).expect("valid");
        let p = obj(json!({
            "extendedProperties": {"private": {"customer": "9", "x": null}},
            "attendees": [{"email": "c@x"}],
            "description": "ny",
            "id": "other",
        }));
        let out = patched(&ev, &p, stamp(2)).expect("valid");
        assert_eq!(out["summary"], "Rengøring");
        assert_eq!(out["id"], "abcde");
        assert_eq!(
            out["extendedProperties"]["private"],
            json!({"renos_booking": "17", "customer": "9"})
        );
        assert_eq!(
            out["attendees"],
            json!([{"email": "c@x", "responseStatus": "needsAction"}])
        );
        assert_eq!(out["sequence"], 0);
        assert_ne!(out["etag"], ev["etag"]);
        let moved = patched(
            &out,
            &obj(json!({"end": {"dateTime": "2026-11-20T13:00:00Z"}})),
            stamp(3),
        )
        .expect("valid");
        assert_eq!(moved["sequence"], 1);
        assert_eq!(moved["end"]["timeZone"], "Europe/Copenhagen");
    }

    #[test]
    fn put_replaces_everything_writable() {
        let ev = new_event("abcde", "c", "m", &base(), stamp(1)).expect("valid");
        let body = obj(json!({
            "start": {"dateTime": "2026-11-20T09:30:00Z"},
            "end": {"dateTime": "2026-11-20T12:00:00Z"},
        }));
        let out = replaced(&ev, &body, stamp(2)).expect("valid");
        assert!(out.get("summary").is_none());
        assert!(out.get("extendedProperties").is_none());
        assert_eq!(out["id"], "abcde");
        assert_eq!(out["created"], ev["created"]);
        assert_eq!(out["start"]["dateTime"], "2026-11-20T10:30:00+01:00");
    }
}
