//! The test side of the Google fake: look at and change calendars as a
//! person in the Google UI would, set faults, read counters. The same
//! operations in process (`GoogleAdmin`) and over HTTP (`/admin/google/...`,
//! no auth, no faults).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, put};
use serde_json::{Value, json};

use super::error::{ApiError, json_body};
use super::faults::{GoogleFaults, GoogleStats};
use super::state::Google;

/// In-process admin handle on the Google fake.
#[derive(Clone)]
pub struct GoogleAdmin {
    pub(crate) google: Arc<Google>,
}

impl GoogleAdmin {
    /// Every event of a calendar, cancelled ones included, ordered by id, as
    /// the API would return them.
    pub fn events(&self, calendar: &str) -> Vec<Value> {
        let st = self.google.lock();
        st.calendars
            .get(calendar)
            .map(|c| {
                c.events
                    .values()
                    .map(|s| Value::Object(s.event.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A hand-made event (the id is generated unless given). An event the
    /// API would refuse is not stored: the answer is then the API's error
    /// body (`{"error": {...}}`).
    pub fn create(&self, calendar: &str, event: Value) -> Value {
        let creator = calendar.to_string();
        match self.google.lock().insert(calendar, &event, &creator) {
            Ok(v) => v,
            Err(e) => e.body(),
        }
    }

    /// Edits an event with patch semantics, as a person in the Google UI;
    /// `None` if there is no such event or the edit is not valid.
    pub fn edit(&self, calendar: &str, id: &str, patch: Value) -> Option<Value> {
        self.try_edit(calendar, id, &patch).ok()
    }

    fn try_edit(&self, calendar: &str, id: &str, patch: &Value) -> Result<Value, ApiError> {
        let mut st = self.google.lock();
        if !st
            .calendars
            .get(calendar)
            .is_some_and(|c| c.events.contains_key(id))
        {
            return Err(ApiError::not_found());
        }
        st.write(calendar, id, patch, None, false)
    }

    /// Deletes an event (it stays, cancelled); false if unknown or already
    /// cancelled.
    pub fn delete(&self, calendar: &str, id: &str) -> bool {
        self.try_delete(calendar, id).is_ok()
    }

    fn try_delete(&self, calendar: &str, id: &str) -> Result<(), ApiError> {
        let mut st = self.google.lock();
        if !st
            .calendars
            .get(calendar)
            .is_some_and(|c| c.events.contains_key(id))
        {
            return Err(ApiError::not_found());
        }
        st.delete(calendar, id, None)
    }

    /// Replaces the fault set; `expire_tokens` and `invalidate_sync_tokens`
    /// act at once and are not kept.
    pub fn set_faults(&self, f: GoogleFaults) {
        self.google.lock().install_faults(f);
    }

    pub fn clear_faults(&self) {
        self.google.lock().faults = GoogleFaults::default();
    }

    /// The faults still pending.
    pub fn faults(&self) -> GoogleFaults {
        self.google.lock().faults.clone()
    }

    pub fn stats(&self) -> GoogleStats {
        self.google.lock().stats.clone()
    }

    pub fn reset_stats(&self) {
        self.google.lock().stats = GoogleStats::default();
    }

    /// Wipes every calendar, token, fault and counter; sync tokens handed
    /// out before answer 410.
    pub fn reset(&self) {
        self.google.lock().reset();
    }
}

/// `/admin/google/...`.
pub(crate) fn router(google: Arc<Google>) -> Router {
    let admin = GoogleAdmin { google };
    Router::new()
        .route(
            "/admin/google/calendars/{calendar}/events",
            get(list_events).post(create_event),
        )
        .route(
            "/admin/google/calendars/{calendar}/events/{event}",
            patch(edit_event).delete(delete_event),
        )
        .route(
            "/admin/google/faults",
            put(set_faults).get(get_faults).delete(clear_faults),
        )
        .route("/admin/google/stats", get(get_stats).delete(reset_stats))
        .with_state(admin)
}

fn parse(body: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|_| ApiError::bad_request("parseError", "Parse Error"))
}

async fn list_events(State(admin): State<GoogleAdmin>, Path(calendar): Path<String>) -> Response {
    json_body(&json!({ "items": admin.events(&calendar) }))
}

async fn create_event(
    State(admin): State<GoogleAdmin>,
    Path(calendar): Path<String>,
    body: Bytes,
) -> Response {
    let body = match parse(&body) {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let creator = calendar.clone();
    let result = admin.google.lock().insert(&calendar, &body, &creator);
    match result {
        Ok(v) => (StatusCode::OK, json_body(&v)).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn edit_event(
    State(admin): State<GoogleAdmin>,
    Path((calendar, id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let body = match parse(&body) {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    match admin.try_edit(&calendar, &id, &body) {
        Ok(v) => json_body(&v),
        Err(e) => e.into_response(),
    }
}

async fn delete_event(
    State(admin): State<GoogleAdmin>,
    Path((calendar, id)): Path<(String, String)>,
) -> Response {
    match admin.try_delete(&calendar, &id) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.into_response(),
    }
}

async fn set_faults(State(admin): State<GoogleAdmin>, body: Bytes) -> Response {
    match serde_json::from_slice::<GoogleFaults>(&body) {
        Ok(f) => {
            admin.set_faults(f);
            json_body(&serde_json::to_value(admin.faults()).unwrap_or_default())
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("not a fault set: {e}\n")).into_response(),
    }
}

async fn get_faults(State(admin): State<GoogleAdmin>) -> Response {
    json_body(&serde_json::to_value(admin.faults()).unwrap_or_default())
}

async fn clear_faults(State(admin): State<GoogleAdmin>) -> StatusCode {
    admin.clear_faults();
    StatusCode::NO_CONTENT
}

async fn get_stats(State(admin): State<GoogleAdmin>) -> Response {
    json_body(&serde_json::to_value(admin.stats()).unwrap_or_default())
}

async fn reset_stats(State(admin): State<GoogleAdmin>) -> StatusCode {
    admin.reset_stats();
    StatusCode::NO_CONTENT
}
