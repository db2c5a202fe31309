//! The test side of the Google fake: look at and change calendars as a
//! person in the Google UI would, set faults, read counters. The same
//! operations in process (`GoogleAdmin`) and over HTTP (`/admin/google/...`,
//! no auth, no faults).

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::Query;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post, put};
use serde_json::{Value, json};

use super::error::{ApiError, json_body};
use super::events::Actor;
use super::faults::{GoogleFaults, GoogleStats};
use super::series;
use super::state::{CalendarRole, Google};

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
    /// Any `eventType` may be given, and a calendar the API may only read
    /// takes it too (its owner made it); the calendar must exist.
    pub fn create(&self, calendar: &str, event: Value) -> Value {
        let creator = calendar.to_string();
        match self
            .google
            .lock()
            .insert_as(calendar, &event, &creator, Actor::Admin)
        {
            Ok(v) => v,
            Err(e) => e.body(),
        }
    }

    /// A recurring series: `event` with these `recurrence` lines
    /// (`RRULE:...`, `EXDATE...:...`, `RDATE...:...`). A timed series needs
    /// `start.timeZone`. Answers as `create`.
    pub fn create_recurring(&self, calendar: &str, mut event: Value, recurrence: &[&str]) -> Value {
        event["recurrence"] = json!(recurrence);
        self.create(calendar, event)
    }

    /// An event of a given type (`default`, `birthday`, `outOfOffice`,
    /// `focusTime`, `workingLocation`, `fromGmail`). Answers as `create`.
    pub fn create_typed(&self, calendar: &str, event_type: &str, mut event: Value) -> Value {
        event["eventType"] = json!(event_type);
        self.create(calendar, event)
    }

    /// Moves an event to another calendar, as `events.move` does (the
    /// source keeps a cancelled copy); the moved event, or the API's error
    /// body.
    pub fn move_event(&self, calendar: &str, id: &str, destination: &str) -> Value {
        match self
            .google
            .lock()
            .move_event(calendar, id, destination, Actor::Admin)
        {
            Ok(v) => v,
            Err(e) => e.body(),
        }
    }

    /// The instances of a series (exceptions in place, cancelled ones
    /// included), up to the expansion cap; empty if `series_id` is no series.
    pub fn instances(&self, calendar: &str, series_id: &str) -> Vec<Value> {
        let st = self.google.lock();
        let Some(cal) = st.calendars.get(calendar) else {
            return Vec::new();
        };
        let Some(master) = cal
            .events
            .get(series_id)
            .map(|s| &s.event)
            .filter(|m| series::is_series(m))
        else {
            return Vec::new();
        };
        series::starts(master, None, None)
            .into_iter()
            .map(|start| {
                let id = series::instance_id(series_id, start);
                match cal.events.get(&id) {
                    Some(exception) => Value::Object(exception.event.clone()),
                    None => {
                        let mut ev = series::instance(master, start);
                        if master.get("status").and_then(Value::as_str) == Some("cancelled") {
                            ev.insert("status".into(), json!("cancelled"));
                        }
                        Value::Object(ev)
                    }
                }
            })
            .collect()
    }

    /// Adds a calendar the API can reach with `role` (or changes the role).
    pub fn add_calendar(&self, id: &str, role: CalendarRole) {
        self.google.lock().add_calendar(id, role);
    }

    /// Removes every cancelled event for good, as Google does after a
    /// while; returns how many went.
    pub fn purge_cancelled(&self) -> usize {
        self.google.lock().purge_cancelled()
    }

    /// Every page token handed out so far becomes invalid.
    pub fn expire_page_tokens(&self) {
        self.google.lock().page_epoch += 1;
    }

    /// How long page tokens stay good after they are handed out (default
    /// one hour of real time).
    pub fn set_page_token_ttl(&self, ttl: Duration) {
        self.google.lock().page_ttl = ttl;
    }

    /// The per-user request budget per sliding minute (`None`: unlimited),
    /// leaving the other faults as they are.
    pub fn set_quota(&self, per_minute: Option<u32>) {
        let mut st = self.google.lock();
        st.faults.quota_per_minute = per_minute;
        st.quota_used.clear();
    }

    /// Edits an event with patch semantics, as a person in the Google UI;
    /// `None` if there is no such event or the edit is not valid.
    pub fn edit(&self, calendar: &str, id: &str, patch: Value) -> Option<Value> {
        self.try_edit(calendar, id, &patch).ok()
    }

    fn try_edit(&self, calendar: &str, id: &str, patch: &Value) -> Result<Value, ApiError> {
        self.google
            .lock()
            .write_as(calendar, id, patch, None, false, Actor::Admin)
    }

    /// Deletes an event (it stays, cancelled); false if unknown or already
    /// cancelled.
    pub fn delete(&self, calendar: &str, id: &str) -> bool {
        self.try_delete(calendar, id).is_ok()
    }

    fn try_delete(&self, calendar: &str, id: &str) -> Result<(), ApiError> {
        self.google
            .lock()
            .delete_as(calendar, id, None, Actor::Admin)
    }

    /// Replaces the fault set; `expire_tokens` and `invalidate_sync_tokens`
    /// act at once and are not kept.
    pub fn set_faults(&self, f: GoogleFaults) {
        self.google.lock().install_faults(f);
    }

    pub fn clear_faults(&self) {
        // The sustained quota window goes with the faults.
        self.google.lock().install_faults(GoogleFaults::default());
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
        .route("/admin/google/calendars/{calendar}", put(add_calendar))
        .route(
            "/admin/google/calendars/{calendar}/events/{event}/move",
            post(move_event),
        )
        .route(
            "/admin/google/calendars/{calendar}/events/{event}/instances",
            get(instances),
        )
        .route("/admin/google/purge", post(purge))
        .route("/admin/google/page-tokens/expire", post(expire_page_tokens))
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
    let result = admin
        .google
        .lock()
        .insert_as(&calendar, &body, &creator, Actor::Admin);
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

#[derive(serde::Deserialize)]
struct RoleBody {
    role: CalendarRole,
}

/// `PUT /admin/google/calendars/{calendar}` with `{"role": "owner" | "writer" | "reader"}`.
async fn add_calendar(
    State(admin): State<GoogleAdmin>,
    Path(calendar): Path<String>,
    body: Bytes,
) -> Response {
    match serde_json::from_slice::<RoleBody>(&body) {
        Ok(b) => {
            admin.add_calendar(&calendar, b.role);
            json_body(&json!({ "id": calendar, "accessRole": b.role.as_str() }))
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("not a role: {e}\n")).into_response(),
    }
}

async fn move_event(
    State(admin): State<GoogleAdmin>,
    Path((calendar, id)): Path<(String, String)>,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let destination = params
        .iter()
        .find(|(k, _)| k == "destination")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let result = admin
        .google
        .lock()
        .move_event(&calendar, &id, destination, Actor::Admin);
    match result {
        Ok(v) => json_body(&v),
        Err(e) => e.into_response(),
    }
}

async fn instances(
    State(admin): State<GoogleAdmin>,
    Path((calendar, id)): Path<(String, String)>,
) -> Response {
    json_body(&json!({ "items": admin.instances(&calendar, &id) }))
}

async fn purge(State(admin): State<GoogleAdmin>) -> Response {
    json_body(&json!({ "purged": admin.purge_cancelled() }))
}

async fn expire_page_tokens(State(admin): State<GoogleAdmin>) -> StatusCode {
    admin.expire_page_tokens();
    StatusCode::NO_CONTENT
}
