//! The test side of the Twilio fake: what was called and sent, faults,
//! counters, unreachable numbers. The same operations in process
//! ([`TwilioAdmin`]) and over HTTP (`/admin/twilio/...`, no auth, no faults):
//!
//! ```text
//! GET    /admin/twilio/calls                 {"calls": [record, ...]}, oldest first
//! GET    /admin/twilio/messages              {"messages": [record, ...]}
//! PUT    /admin/twilio/faults                replace the fault set (TwilioFaults JSON)
//! GET    /admin/twilio/faults                the faults still pending
//! DELETE /admin/twilio/faults                no faults
//! GET    /admin/twilio/stats                 TwilioStats JSON
//! DELETE /admin/twilio/stats                 zero the counters
//! GET    /admin/twilio/unreachable           {"numbers": [...]}
//! PUT    /admin/twilio/unreachable/{number}  calls to it go unanswered
//! DELETE /admin/twilio/unreachable/{number}  reachable again
//! ```

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use serde_json::{Value, json};

use super::api::json_body;
use super::{Twilio, TwilioFaults, TwilioStats};

/// In-process admin handle on the Twilio fake.
#[derive(Clone)]
pub struct TwilioAdmin {
    pub(crate) twilio: Arc<Twilio>,
}

impl TwilioAdmin {
    /// Every accepted call, oldest first: `{sid, to, from, twiml, url, say,
    /// language, voice, timeout, status_callback, status, at}` (`say` is
    /// what the TwiML speaks, `status` the last one read, `at` RFC 3339).
    pub fn calls(&self) -> Vec<Value> {
        self.twilio
            .lock()
            .calls
            .iter()
            .map(|c| c.record())
            .collect()
    }

    /// Every accepted message, oldest first: `{sid, to, from,
    /// messaging_service_sid, body, status, at}`.
    pub fn messages(&self) -> Vec<Value> {
        self.twilio
            .lock()
            .messages
            .iter()
            .map(|m| m.record())
            .collect()
    }

    /// Replaces the fault set.
    pub fn set_faults(&self, faults: TwilioFaults) {
        self.twilio.lock().faults = faults;
    }

    pub fn clear_faults(&self) {
        self.twilio.lock().faults = TwilioFaults::default();
    }

    /// The faults still pending.
    pub fn faults(&self) -> TwilioFaults {
        self.twilio.lock().faults.clone()
    }

    pub fn stats(&self) -> TwilioStats {
        self.twilio.lock().stats.clone()
    }

    pub fn reset_stats(&self) {
        self.twilio.lock().stats = TwilioStats::default();
    }

    /// Calls placed to `number` from now on ring, then end `no-answer`;
    /// messages end `undelivered`. The API still answers 201.
    pub fn set_unreachable(&self, number: &str, unreachable: bool) {
        let mut st = self.twilio.lock();
        if unreachable {
            st.unreachable.insert(number.to_string());
        } else {
            st.unreachable.remove(number);
        }
    }

    /// The numbers set unreachable.
    pub fn unreachable(&self) -> Vec<String> {
        self.twilio.lock().unreachable.iter().cloned().collect()
    }

    /// Wipes calls, messages, faults, counters and unreachable numbers.
    pub fn reset(&self) {
        self.twilio.reset();
    }
}

/// `/admin/twilio/...`.
pub(crate) fn router(twilio: Arc<Twilio>) -> Router {
    let admin = TwilioAdmin { twilio };
    Router::new()
        .route("/admin/twilio/calls", get(list_calls))
        .route("/admin/twilio/messages", get(list_messages))
        .route(
            "/admin/twilio/faults",
            put(set_faults).get(get_faults).delete(clear_faults),
        )
        .route("/admin/twilio/stats", get(get_stats).delete(reset_stats))
        .route("/admin/twilio/unreachable", get(list_unreachable))
        .route(
            "/admin/twilio/unreachable/{number}",
            put(add_unreachable).delete(remove_unreachable),
        )
        .with_state(admin)
}

async fn list_calls(State(admin): State<TwilioAdmin>) -> Response {
    json_body(&json!({ "calls": admin.calls() }))
}

async fn list_messages(State(admin): State<TwilioAdmin>) -> Response {
    json_body(&json!({ "messages": admin.messages() }))
}

async fn set_faults(State(admin): State<TwilioAdmin>, body: Bytes) -> Response {
    match serde_json::from_slice::<TwilioFaults>(&body) {
        Ok(f) => {
            admin.set_faults(f);
            json_body(&serde_json::to_value(admin.faults()).unwrap_or_default())
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("not a fault set: {e}\n")).into_response(),
    }
}

async fn get_faults(State(admin): State<TwilioAdmin>) -> Response {
    json_body(&serde_json::to_value(admin.faults()).unwrap_or_default())
}

async fn clear_faults(State(admin): State<TwilioAdmin>) -> StatusCode {
    admin.clear_faults();
    StatusCode::NO_CONTENT
}

async fn get_stats(State(admin): State<TwilioAdmin>) -> Response {
    json_body(&serde_json::to_value(admin.stats()).unwrap_or_default())
}

async fn reset_stats(State(admin): State<TwilioAdmin>) -> StatusCode {
    admin.reset_stats();
    StatusCode::NO_CONTENT
}

async fn list_unreachable(State(admin): State<TwilioAdmin>) -> Response {
    json_body(&json!({ "numbers": admin.unreachable() }))
}

async fn add_unreachable(
    State(admin): State<TwilioAdmin>,
    Path(number): Path<String>,
) -> StatusCode {
    admin.set_unreachable(&number, true);
    StatusCode::NO_CONTENT
}

async fn remove_unreachable(
    State(admin): State<TwilioAdmin>,
    Path(number): Path<String>,
) -> StatusCode {
    admin.set_unreachable(&number, false);
    StatusCode::NO_CONTENT
}
