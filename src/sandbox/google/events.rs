//! `events.get / insert / patch / update / delete`: the store's write rules
//! (access, ids, duplicates, event types, If-Match, cancelling, instances of
//! a series) and their HTTP handlers.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Map, Value};

use super::error::{ApiError, json_body};
use super::resource::{self, Stamp};
use super::series;
use super::state::{Caller, Google, GoogleState, new_id};

/// Who writes: a caller of the API, bound by its role on the calendar and
/// by what the API lets it create, or a person in the Google UI (the admin).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Actor {
    Api,
    Admin,
}

/// Event types (events resource, `eventType`:
/// <https://developers.google.com/calendar/api/v3/reference/events#resource>).
pub(crate) const EVENT_TYPES: &[&str] = &[
    "default",
    "birthday",
    "focusTime",
    "fromGmail",
    "outOfOffice",
    "workingLocation",
];
/// Types the API itself may create; birthdays and Gmail events come from
/// elsewhere (<https://developers.google.com/calendar/api/guides/event-types>).
const API_TYPES: &[&str] = &["default", "focusTime", "outOfOffice", "workingLocation"];

fn event_type(body: &Map<String, Value>, actor: Actor) -> Result<String, ApiError> {
    let t = match body.get("eventType") {
        None | Some(Value::Null) => "default",
        Some(Value::String(t)) if EVENT_TYPES.contains(&t.as_str()) => t.as_str(),
        Some(_) => return Err(ApiError::invalid("Invalid value for: eventType")),
    };
    if actor == Actor::Api && !API_TYPES.contains(&t) {
        return Err(ApiError::invalid(&format!(
            "Events of type {t} cannot be created through the API."
        )));
    }
    Ok(t.to_string())
}

fn as_object(body: &Value) -> Result<&Map<String, Value>, ApiError> {
    body.as_object()
        .ok_or_else(|| ApiError::bad_request("parseError", "Parse Error"))
}

impl GoogleState {
    pub(crate) fn check_access(&self, calendar: &str, actor: Actor) -> Result<(), ApiError> {
        match actor {
            Actor::Api => self.writable(calendar).map(|_| ()),
            Actor::Admin => self.cal(calendar).map(|_| ()),
        }
    }

    pub(crate) fn stored(&self, calendar: &str, id: &str) -> Option<&Map<String, Value>> {
        self.calendars
            .get(calendar)?
            .events
            .get(id)
            .map(|s| &s.event)
    }

    pub(crate) fn insert(
        &mut self,
        calendar: &str,
        body: &Value,
        creator: &str,
    ) -> Result<Value, ApiError> {
        self.insert_as(calendar, body, creator, Actor::Api)
    }

    pub(crate) fn insert_as(
        &mut self,
        calendar: &str,
        body: &Value,
        creator: &str,
        actor: Actor,
    ) -> Result<Value, ApiError> {
        self.check_access(calendar, actor)?;
        let body = as_object(body)?;
        let id = match body.get("id") {
            None | Some(Value::Null) => new_id(),
            Some(Value::String(id)) if resource::valid_id(id) => id.clone(),
            Some(_) => return Err(ApiError::invalid("Invalid resource id value.")),
        };
        let cal = self.cal(calendar)?;
        if cal.events.contains_key(&id) || cal.purged.contains(&id) {
            return Err(ApiError::new(
                409,
                "global",
                "duplicate",
                "The requested identifier already exists.",
            ));
        }
        let kind = event_type(body, actor)?;
        let stamp = Stamp {
            now: Utc::now(),
            seq: self.seq + 1,
        };
        let mut ev = resource::new_event(&id, calendar, creator, body, stamp)?;
        ev.insert("eventType".into(), Value::String(kind));
        series::check(&ev)?;
        self.seq = stamp.seq;
        Ok(self.store(calendar, ev, stamp))
    }

    /// A stored event, or an instance of a stored series made on demand;
    /// a cancelled series' instances are cancelled too.
    ///
    /// events.get of a recurring event answers the event itself with its
    /// `recurrence` lines (what a listing with `singleEvents=true` never
    /// shows), and of a deleted one the event with `status: cancelled`
    /// until it is purged, then 404
    /// (<https://developers.google.com/calendar/api/v3/reference/events/get>,
    /// <https://developers.google.com/calendar/api/guides/recurringevents>).
    fn current(&self, calendar: &str, id: &str) -> Result<Map<String, Value>, ApiError> {
        let cal = self.cal(calendar)?;
        if let Some(s) = cal.events.get(id) {
            let mut ev = s.event.clone();
            // An exception of a cancelled series is cancelled with it.
            let series_cancelled = ev
                .get("recurringEventId")
                .and_then(Value::as_str)
                .and_then(|m| cal.events.get(m))
                .is_some_and(|m| resource::is_cancelled(&m.event));
            if series_cancelled {
                ev.insert("status".into(), Value::String("cancelled".into()));
            }
            return Ok(ev);
        }
        let (series_id, start) = series::parse_instance_id(id).ok_or_else(ApiError::not_found)?;
        let master = cal
            .events
            .get(series_id)
            .map(|s| &s.event)
            .filter(|m| series::is_series(m) && series::has_start(m, start))
            .ok_or_else(ApiError::not_found)?;
        let mut ev = series::instance(master, start);
        if resource::is_cancelled(master) {
            ev.insert("status".into(), Value::String("cancelled".into()));
        }
        Ok(ev)
    }

    pub(crate) fn get(&mut self, calendar: &str, id: &str) -> Result<Value, ApiError> {
        self.current(calendar, id).map(Value::Object)
    }

    /// PATCH (`replace` false) or PUT (`replace` true), with an optional
    /// If-Match. Writing an instance stores an exception under its id.
    pub(crate) fn write(
        &mut self,
        calendar: &str,
        id: &str,
        body: &Value,
        if_match: Option<&str>,
        replace: bool,
    ) -> Result<Value, ApiError> {
        self.write_as(calendar, id, body, if_match, replace, Actor::Api)
    }

    pub(crate) fn write_as(
        &mut self,
        calendar: &str,
        id: &str,
        body: &Value,
        if_match: Option<&str>,
        replace: bool,
        actor: Actor,
    ) -> Result<Value, ApiError> {
        self.check_access(calendar, actor)?;
        let mut body = as_object(body)?.clone();
        let current = self.current(calendar, id)?;
        check_if_match(&current, if_match)?;
        let instance = current.get("recurringEventId").cloned();
        if instance.is_some() {
            // An instance never becomes a series of its own.
            body.remove("recurrence");
        }
        let stamp = Stamp {
            now: Utc::now(),
            seq: self.seq + 1,
        };
        let mut ev = if replace {
            resource::replaced(&current, &body, stamp)?
        } else {
            resource::patched(&current, &body, stamp)?
        };
        if let Some(series_id) = instance {
            ev.insert("recurringEventId".into(), series_id);
            if let Some(original) = current.get("originalStartTime") {
                ev.insert("originalStartTime".into(), original.clone());
            }
        }
        series::check(&ev)?;
        self.seq = stamp.seq;
        Ok(self.store(calendar, ev, stamp))
    }

    pub(crate) fn delete(
        &mut self,
        calendar: &str,
        id: &str,
        if_match: Option<&str>,
    ) -> Result<(), ApiError> {
        self.delete_as(calendar, id, if_match, Actor::Api)
    }

    pub(crate) fn delete_as(
        &mut self,
        calendar: &str,
        id: &str,
        if_match: Option<&str>,
        actor: Actor,
    ) -> Result<(), ApiError> {
        self.check_access(calendar, actor)?;
        let mut ev = self.current(calendar, id)?;
        check_if_match(&ev, if_match)?;
        if resource::is_cancelled(&ev) {
            return Err(ApiError::new(
                410,
                "global",
                "deleted",
                "Resource has been deleted",
            ));
        }
        let stamp = self.stamp();
        resource::cancel(&mut ev, stamp);
        self.store(calendar, ev, stamp);
        Ok(())
    }
}

fn check_if_match(ev: &Map<String, Value>, if_match: Option<&str>) -> Result<(), ApiError> {
    let Some(given) = if_match else {
        return Ok(());
    };
    let current = unquote(resource::str_field(ev, "etag"));
    if given
        .split(',')
        .map(str::trim)
        .any(|g| g == "*" || unquote(g) == current)
    {
        Ok(())
    } else {
        Err(ApiError::new(
            412,
            "global",
            "conditionNotMet",
            "Precondition Failed",
        ))
    }
}

fn unquote(etag: &str) -> &str {
    let e = etag.trim();
    let e = e.strip_prefix("W/").unwrap_or(e);
    e.strip_prefix('"')
        .and_then(|e| e.strip_suffix('"'))
        .unwrap_or(e)
}

fn parse_body(body: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|_| ApiError::bad_request("parseError", "Parse Error"))
}

fn if_match(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok())
}

pub(crate) fn answer(r: Result<Value, ApiError>) -> Response {
    match r {
        Ok(v) => json_body(&v),
        Err(e) => e.into_response(),
    }
}

pub(crate) async fn insert(
    State(google): State<Arc<Google>>,
    Path(calendar): Path<String>,
    caller: Option<axum::Extension<Caller>>,
    body: Bytes,
) -> Response {
    let creator = caller.map(|c| c.0.0).unwrap_or_default();
    answer(parse_body(&body).and_then(|b| google.lock().insert(&calendar, &b, &creator)))
}

pub(crate) async fn get_event(
    State(google): State<Arc<Google>>,
    Path((calendar, id)): Path<(String, String)>,
) -> Response {
    answer(google.lock().get(&calendar, &id))
}

pub(crate) async fn patch(
    State(google): State<Arc<Google>>,
    Path((calendar, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(parse_body(&body).and_then(|b| {
        google
            .lock()
            .write(&calendar, &id, &b, if_match(&headers), false)
    }))
}

pub(crate) async fn update(
    State(google): State<Arc<Google>>,
    Path((calendar, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(parse_body(&body).and_then(|b| {
        google
            .lock()
            .write(&calendar, &id, &b, if_match(&headers), true)
    }))
}

pub(crate) async fn delete(
    State(google): State<Arc<Google>>,
    Path((calendar, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match google.lock().delete(&calendar, &id, if_match(&headers)) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::CalendarRole;

    fn with_calendars() -> GoogleState {
        let mut st = GoogleState::default();
        st.add_calendar("c", CalendarRole::Owner);
        st.add_calendar("d", CalendarRole::Owner);
        st
    }
    use serde_json::json;

    fn event_body(id: Option<&str>) -> Value {
        let mut v = json!({
            "summary": "Rengøring",
            "start": {"dateTime": "2026-11-20T09:30:00Z"},
            "end": {"dateTime": "2026-11-20T12:00:00Z"},
        });
        if let Some(id) = id {
            v["id"] = json!(id);
        }
        v
    }

    #[test]
    fn ids_are_base32hex() {
        for _ in 0..50 {
            let id = new_id();
            assert_eq!(id.len(), 26);
            assert!(resource::valid_id(&id), "{id}");
        }
        assert_ne!(new_id(), new_id());
    }

    #[test]
    fn duplicate_even_after_delete() {
        let mut st = with_calendars();
        st.insert("c", &event_body(Some("abcdef")), "me")
            .expect("insert");
        let e = st
            .insert("c", &event_body(Some("abcdef")), "me")
            .expect_err("dup");
        assert_eq!((e.code, e.reason), (409, "duplicate"));
        st.delete("c", "abcdef", None).expect("delete");
        let e = st
            .insert("c", &event_body(Some("abcdef")), "me")
            .expect_err("dup");
        assert_eq!(e.code, 409);
        let e = st.delete("c", "abcdef", None).expect_err("gone");
        assert_eq!((e.code, e.reason), (410, "deleted"));
        // Another calendar is another id space.
        st.insert("d", &event_body(Some("abcdef")), "me")
            .expect("insert");
    }

    #[test]
    fn failed_insert_changes_nothing() {
        let mut st = with_calendars();
        let mut b = event_body(Some("abcdef"));
        b["end"] = json!({"dateTime": "2026-11-20T08:00:00Z"});
        assert!(st.insert("c", &b, "me").is_err());
        assert_eq!(st.seq, 0);
        assert!(st.cal("c").expect("calendar").events.is_empty());
    }

    #[test]
    fn if_match() {
        let mut st = with_calendars();
        let ev = st.insert("c", &event_body(None), "me").expect("insert");
        let id = ev["id"].as_str().expect("id").to_string();
        let etag = ev["etag"].as_str().expect("etag").to_string();
        let e = st
            .write("c", &id, &json!({"summary": "x"}), Some("\"1\""), false)
            .expect_err("stale");
        assert_eq!((e.code, e.reason), (412, "conditionNotMet"));
        let ev2 = st
            .write("c", &id, &json!({"summary": "x"}), Some(&etag), false)
            .expect("fresh");
        assert_ne!(ev2["etag"], ev["etag"]);
        let e = st.delete("c", &id, Some(&etag)).expect_err("stale");
        assert_eq!(e.code, 412);
        st.write("c", &id, &json!({}), Some("*"), false)
            .expect("star");
    }

    #[test]
    fn patch_restores_cancelled() {
        let mut st = with_calendars();
        st.insert("c", &event_body(Some("abcdef")), "me")
            .expect("insert");
        st.delete("c", "abcdef", None).expect("delete");
        let got = st.get("c", "abcdef").expect("still there");
        assert_eq!(got["status"], "cancelled");
        assert_eq!(got["summary"], "Rengøring");
        let back = st
            .write("c", "abcdef", &json!({"status": "confirmed"}), None, false)
            .expect("restore");
        assert_eq!(back["status"], "confirmed");
    }

    fn series_body() -> Value {
        json!({
            "id": "serie1",
            "summary": "Hver uge",
            "start": {"dateTime": "2026-11-02T09:00:00", "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": "2026-11-02T10:00:00", "timeZone": "Europe/Copenhagen"},
            "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"],
        })
    }

    #[test]
    fn get_of_a_series_answers_its_rule_and_of_a_deleted_one_cancelled() {
        let mut st = with_calendars();
        st.insert("c", &series_body(), "me").expect("series");
        let m = st.get("c", "serie1").expect("series");
        assert_eq!(m["recurrence"], json!(["RRULE:FREQ=WEEKLY;COUNT=3"]));
        assert!(m.get("recurringEventId").is_none());
        st.delete("c", "serie1", None).expect("delete");
        let gone = st.get("c", "serie1").expect("still there, cancelled");
        assert_eq!(gone["status"], "cancelled");
        let inst = st.get("c", "serie1_20261109T080000Z").expect("instance");
        assert_eq!(inst["status"], "cancelled", "its instances go with it");
    }

    #[test]
    fn put_on_an_instance_stores_an_exception() {
        let mut st = with_calendars();
        st.insert("c", &series_body(), "me").expect("series");
        let id = "serie1_20261109T080000Z";
        let inst = st.get("c", id).expect("instance");
        let e = st
            .write("c", id, &json!({}), Some("\"stale\""), true)
            .expect_err("stale");
        assert_eq!(e.code, 412);
        let body = json!({
            "summary": "Kun denne gang",
            "start": {"dateTime": "2026-11-09T12:00:00+01:00"},
            "end": {"dateTime": "2026-11-09T13:00:00+01:00"},
            "recurrence": ["RRULE:FREQ=DAILY"],
        });
        let etag = inst["etag"].as_str().expect("etag").to_string();
        let ex = st.write("c", id, &body, Some(&etag), true).expect("put");
        assert_eq!(ex["id"], id);
        assert_eq!(ex["recurringEventId"], "serie1");
        assert_eq!(ex["originalStartTime"], inst["originalStartTime"]);
        assert!(ex.get("recurrence").is_none());
        assert_eq!(
            st.get("c", id).expect("stored")["summary"],
            "Kun denne gang"
        );
        // The series itself is untouched; a cancelled series purges with its
        // exceptions, and the ids stay taken.
        assert_eq!(
            st.get("c", "serie1").expect("series")["summary"],
            "Hver uge"
        );
        st.delete("c", "serie1", None).expect("delete");
        assert_eq!(st.purge_cancelled(), 2);
        assert_eq!(st.get("c", id).map_err(|e| e.code), Err(404));
        let e = st.insert("c", &series_body(), "me").expect_err("taken");
        assert_eq!(e.code, 409);
    }

    #[test]
    fn error_bodies() {
        let v = ApiError::not_found().body();
        assert_eq!(v["error"]["code"], 404);
        assert_eq!(v["error"]["errors"][0]["reason"], "notFound");
        let v = ApiError::new(401, "global", "authError", "x").body();
        assert_eq!(v["error"]["status"], "UNAUTHENTICATED");
        assert_eq!(v["error"]["errors"][0]["location"], "Authorization");
    }
}
