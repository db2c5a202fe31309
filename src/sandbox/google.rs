//! The fake Google Calendar v3: the event store, its change sequence, and the
//! get / insert / patch / update / delete handlers (list is in `list.rs`).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::event::{self, Stamp};
use super::faults::{self, Faults, Stats};
use super::list;
use super::oauth::{self, Issued};

/// Who is calling: the subject of the access token (or the service account).
#[derive(Debug, Clone)]
pub(crate) struct Caller(pub(crate) String);

/// An error answer in Google's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) code: u16,
    pub(crate) reason: &'static str,
    pub(crate) message: String,
    pub(crate) domain: &'static str,
    pub(crate) retry_after: Option<u64>,
}

impl ApiError {
    pub(crate) fn new(
        code: u16,
        domain: &'static str,
        reason: &'static str,
        message: &str,
    ) -> Self {
        ApiError {
            code,
            reason,
            message: message.to_string(),
            domain,
            retry_after: None,
        }
    }

    pub(crate) fn bad_request(reason: &'static str, message: &str) -> Self {
        ApiError::new(400, "global", reason, message)
    }

    pub(crate) fn invalid(message: &str) -> Self {
        ApiError::bad_request("invalid", message)
    }

    pub(crate) fn time_range_empty() -> Self {
        ApiError::bad_request("timeRangeEmpty", "The specified time range is empty.")
    }

    pub(crate) fn not_found() -> Self {
        ApiError::new(404, "global", "notFound", "Not Found")
    }

    pub(crate) fn full_sync_required() -> Self {
        ApiError::new(
            410,
            "global",
            "fullSyncRequired",
            "Sync token is no longer valid, a full sync is required.",
        )
    }

    /// The JSON error body.
    pub(crate) fn body(&self) -> Value {
        let mut detail = json!({
            "domain": self.domain,
            "reason": self.reason,
            "message": self.message,
        });
        let mut error = json!({
            "code": self.code,
            "message": self.message,
        });
        if self.code == 401 {
            detail["message"] = json!("Invalid Credentials");
            detail["locationType"] = json!("header");
            detail["location"] = json!("Authorization");
            error["message"] = json!("Request had invalid authentication credentials.");
            error["status"] = json!("UNAUTHENTICATED");
        }
        error["errors"] = json!([detail]);
        json!({ "error": error })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (status, json_body(&self.body())).into_response();
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}

/// A JSON answer with Google's content type.
pub(crate) fn json_body(v: &Value) -> Response {
    let text = serde_json::to_string(v).unwrap_or_default();
    (
        [(header::CONTENT_TYPE, "application/json; charset=UTF-8")],
        text,
    )
        .into_response()
}

pub(crate) struct Stored {
    pub(crate) event: Map<String, Value>,
    /// The change sequence number of the event's last change.
    pub(crate) seq: u64,
}

#[derive(Default)]
pub(crate) struct Calendar {
    pub(crate) events: BTreeMap<String, Stored>,
    pub(crate) updated: Option<DateTime<Utc>>,
}

#[derive(Default)]
pub(crate) struct GoogleState {
    pub(crate) calendars: BTreeMap<String, Calendar>,
    /// The last change sequence number handed out (global, never goes back).
    pub(crate) seq: u64,
    /// Bumped to invalidate every sync token handed out so far.
    pub(crate) generation: u64,
    pub(crate) tokens: HashMap<String, Issued>,
    pub(crate) faults: Faults,
    pub(crate) stats: Stats,
}

/// The Google service: its state and the key its token endpoint trusts.
pub(crate) struct Google {
    state: Mutex<GoogleState>,
    pub(crate) public_key: Option<Vec<u8>>,
}

impl Google {
    pub(crate) fn new() -> Arc<Google> {
        Arc::new(Google {
            state: Mutex::new(GoogleState::default()),
            public_key: oauth::public_key_der(super::TEST_KEY_PEM),
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, GoogleState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl GoogleState {
    pub(crate) fn calendar(&mut self, id: &str) -> &mut Calendar {
        self.calendars.entry(id.to_string()).or_default()
    }

    fn stamp(&mut self) -> Stamp {
        self.seq += 1;
        Stamp {
            now: Utc::now(),
            seq: self.seq,
        }
    }

    fn store(&mut self, calendar: &str, event: Map<String, Value>, stamp: Stamp) -> Value {
        let id = event::str_field(&event, "id").to_string();
        let cal = self.calendar(calendar);
        cal.updated = Some(stamp.now);
        let out = Value::Object(event.clone());
        cal.events.insert(
            id,
            Stored {
                event,
                seq: stamp.seq,
            },
        );
        out
    }

    /// Wipes calendars, tokens, faults and stats; old sync tokens become invalid.
    pub(crate) fn reset(&mut self) {
        let seq = self.seq;
        let generation = self.generation + 1;
        *self = GoogleState {
            seq,
            generation,
            ..GoogleState::default()
        };
    }

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
            Some(Value::String(id)) if event::valid_id(id) => id.clone(),
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
        let ev = event::new_event(&id, calendar, creator, body, stamp)?;
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
            event::replaced(&stored.event, body, stamp)?
        } else {
            event::patched(&stored.event, body, stamp)?
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
        if event::is_cancelled(&stored.event) {
            return Err(ApiError::new(
                410,
                "global",
                "deleted",
                "Resource has been deleted",
            ));
        }
        let mut ev = stored.event.clone();
        let stamp = self.stamp();
        event::cancel(&mut ev, stamp);
        self.store(calendar, ev, stamp);
        Ok(())
    }
}

fn check_if_match(ev: &Map<String, Value>, if_match: Option<&str>) -> Result<(), ApiError> {
    let Some(given) = if_match else {
        return Ok(());
    };
    let current = unquote(event::str_field(ev, "etag"));
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

/// A fresh event id: 26 base32hex characters.
pub(crate) fn new_id() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    random_bytes::<26>()
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect()
}

/// Random bytes from the system; a counter mixed with the clock should the
/// system source ever fail.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    use ring::rand::SecureRandom;
    use std::sync::atomic::{AtomicU64, Ordering};
    let mut out = [0u8; N];
    if ring::rand::SystemRandom::new().fill(&mut out).is_err() {
        static COUNTER: AtomicU64 = AtomicU64::new(1);
        let mut x = COUNTER.fetch_add(1, Ordering::Relaxed)
            ^ Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
        for b in out.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
    out
}

const EVENTS: &str = "/calendar/v3/calendars/{calendar}/events";
const EVENT: &str = "/calendar/v3/calendars/{calendar}/events/{event}";

/// The calendar API, behind the fault and auth gate.
pub(crate) fn router(google: Arc<Google>) -> Router {
    Router::new()
        .route(
            EVENTS,
            get(list::list).post(insert).fallback(not_found_handler),
        )
        .route(
            EVENT,
            get(get_event)
                .patch(patch)
                .put(update)
                .delete(delete)
                .fallback(not_found_handler),
        )
        .route(
            "/calendar/v3/{*rest}",
            axum::routing::any(not_found_handler),
        )
        .layer(axum::middleware::from_fn_with_state(
            google.clone(),
            faults::gate,
        ))
        .with_state(google)
}

pub(crate) async fn not_found_handler() -> Response {
    ApiError::not_found().into_response()
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

async fn insert(
    State(google): State<Arc<Google>>,
    Path(calendar): Path<String>,
    caller: Option<axum::Extension<Caller>>,
    body: Bytes,
) -> Response {
    let creator = caller.map(|c| c.0.0).unwrap_or_default();
    answer(parse_body(&body).and_then(|b| google.lock().insert(&calendar, &b, &creator)))
}

async fn get_event(
    State(google): State<Arc<Google>>,
    Path((calendar, id)): Path<(String, String)>,
) -> Response {
    answer(google.lock().get(&calendar, &id))
}

async fn patch(
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

async fn update(
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

async fn delete(
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
            assert!(event::valid_id(&id), "{id}");
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
