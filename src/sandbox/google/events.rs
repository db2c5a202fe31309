//! `events.get / insert / patch / update / delete`: the store's write rules
//! (ids, duplicates, If-Match, cancelling) and their HTTP handlers.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Map, Value};

use super::error::{ApiError, json_body};
use super::resource::{self, Stamp};
use super::state::{Caller, Google, GoogleState, new_id};

impl GoogleState {
    pub(crate) fn insert(
        &mut self,
        calendar: &str,
        body: &Value,
        creator: &str,
    ) -> Result<Value, ApiError> {
        let body = body
            .as_object()
            .ok_or_else(|| ApiError::bad_request("parseError", "Parse Error"))?;
        let id = match body.get("id") {
            None | Some(Value::Null) => new_id(),
            Some(Value::String(id)) if resource::valid_id(id) => id.clone(),
            Some(_) => return Err(ApiError::invalid("Invalid resource id value.")),
        };
        if self.calendar(calendar).events.contains_key(&id) {
            return Err(ApiError::new(
                409,
                "global",
                "duplicate",
                "The requested identifier already exists.",
            ));
        }
        let stamp = Stamp {
            now: Utc::now(),
            seq: self.seq + 1,
        };
        let ev = resource::new_event(&id, calendar, creator, body, stamp)?;
        self.seq = stamp.seq;
        Ok(self.store(calendar, ev, stamp))
    }

    pub(crate) fn get(&mut self, calendar: &str, id: &str) -> Result<Value, ApiError> {
        self.calendar(calendar)
            .events
            .get(id)
            .map(|s| Value::Object(s.event.clone()))
            .ok_or_else(ApiError::not_found)
    }

    /// PATCH (`replace` false) or PUT (`replace` true), with an optional If-Match.
    pub(crate) fn write(
        &mut self,
        calendar: &str,
        id: &str,
        body: &Value,
        if_match: Option<&str>,
        replace: bool,
    ) -> Result<Value, ApiError> {
        let body = body
            .as_object()
            .ok_or_else(|| ApiError::bad_request("parseError", "Parse Error"))?;
        let next = self.seq + 1;
        let stored = self
            .calendar(calendar)
            .events
            .get(id)
            .ok_or_else(ApiError::not_found)?;
        check_if_match(&stored.event, if_match)?;
        let stamp = Stamp {
            now: Utc::now(),
            seq: next,
        };
        let ev = if replace {
            resource::replaced(&stored.event, body, stamp)?
        } else {
            resource::patched(&stored.event, body, stamp)?
        };
        self.seq = next;
        Ok(self.store(calendar, ev, stamp))
    }

    pub(crate) fn delete(
        &mut self,
        calendar: &str,
        id: &str,
        if_match: Option<&str>,
    ) -> Result<(), ApiError> {
        let stored = self
            .calendar(calendar)
            .events
            .get(id)
            .ok_or_else(ApiError::not_found)?;
        check_if_match(&stored.event, if_match)?;
        if resource::is_cancelled(&stored.event) {
            return Err(ApiError::new(
                410,
                "global",
                "deleted",
                "Resource has been deleted",
            ));
        }
        let mut ev = stored.event.clone();
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

fn answer(r: Result<Value, ApiError>) -> Response {
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
        let mut st = GoogleState::default();
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
        let mut st = GoogleState::default();
        let mut b = event_body(Some("abcdef"));
        b["end"] = json!({"dateTime": "2026-11-20T08:00:00Z"});
        assert!(st.insert("c", &b, "me").is_err());
        assert_eq!(st.seq, 0);
        assert!(st.calendar("c").events.is_empty());
    }

    #[test]
    fn if_match() {
        let mut st = GoogleState::default();
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
        let mut st = GoogleState::default();
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
