//! The test side of the Twilio fake: what was called and sent, faults,
//! counters, how calls and messages to a number end. The same operations in process
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
//! GET    /admin/twilio/outcomes              {"+45…": {"call", "message", "error_code"}}
//! PUT    /admin/twilio/outcomes/{number}     {"call": "busy", "message": "undelivered",
//!                                             "error_code": 30005} (each optional)
//! DELETE /admin/twilio/outcomes/{number}     calls complete, messages are delivered
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
use super::records::{call_end, message_end};
use super::{Outcome, Twilio, TwilioFaults, TwilioStats};

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
    /// messages end `undelivered` (30003). The API still answers 201.
    pub fn set_unreachable(&self, number: &str, unreachable: bool) {
        if unreachable {
            self.set_call_outcome(number, "no-answer");
            self.set_message_outcome(number, "undelivered", Some(30003));
        } else {
            self.clear_outcome(number);
        }
    }

    /// The numbers whose calls go unanswered.
    pub fn unreachable(&self) -> Vec<String> {
        let st = self.twilio.lock();
        st.outcomes
            .iter()
            .filter(|(_, o)| o.call == "no-answer")
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// Calls placed to `number` from now on end `status`: completed, busy,
    /// no-answer (after ringing), failed or canceled (never dialed). The API
    /// still answers 201; the end shows on later reads. `false` (and no
    /// change) for any other status.
    pub fn set_call_outcome(&self, number: &str, status: &str) -> bool {
        let Some(end) = call_end(status) else {
            return false;
        };
        let mut st = self.twilio.lock();
        st.outcomes.entry(number.to_string()).or_default().call = end;
        true
    }

    /// Messages sent to `number` from now on end `status`: delivered,
    /// undelivered (after `sent`) or failed (never sent), carrying
    /// `error_code` (30003 or 30008 when `None`). The API still answers 201
    /// `queued`. `false` (and no change) for any other status.
    pub fn set_message_outcome(&self, number: &str, status: &str, error_code: Option<u32>) -> bool {
        let Some(end) = message_end(status) else {
            return false;
        };
        let mut st = self.twilio.lock();
        let o = st.outcomes.entry(number.to_string()).or_default();
        o.message = end;
        o.error_code = error_code;
        true
    }

    /// Calls to `number` complete and messages are delivered again.
    pub fn clear_outcome(&self, number: &str) {
        self.twilio.lock().outcomes.remove(number);
    }

    /// What the fake hears a TwiML document say (the text of its `<Say>`
    /// verbs), or `None` when it would refuse the document or nothing is
    /// said: the same reading a call's `say` shows.
    pub fn spoken_text(twiml: &str) -> Option<String> {
        super::twiml::spoken_text(twiml)
    }

    /// Wipes calls, messages, faults, counters and outcomes.
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
        .route("/admin/twilio/outcomes", get(list_outcomes))
        .route(
            "/admin/twilio/outcomes/{number}",
            put(set_outcome).delete(clear_outcome),
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

fn outcome_json(o: &Outcome) -> Value {
    json!({"call": o.call, "message": o.message, "error_code": o.error_code})
}

async fn list_outcomes(State(admin): State<TwilioAdmin>) -> Response {
    let st = admin.twilio.lock();
    let map: serde_json::Map<String, Value> = st
        .outcomes
        .iter()
        .map(|(n, o)| (n.clone(), outcome_json(o)))
        .collect();
    json_body(&Value::Object(map))
}

#[derive(serde::Deserialize)]
struct OutcomeBody {
    call: Option<String>,
    message: Option<String>,
    error_code: Option<u32>,
}

async fn set_outcome(
    State(admin): State<TwilioAdmin>,
    Path(number): Path<String>,
    body: Bytes,
) -> Response {
    let body = match serde_json::from_slice::<OutcomeBody>(&body) {
        Ok(b) => b,
        Err(e) => {
            return (StatusCode::BAD_REQUEST, format!("not an outcome: {e}\n")).into_response();
        }
    };
    // Check both before changing either.
    let call_ok = body.call.as_deref().is_none_or(|c| call_end(c).is_some());
    let message_ok = body
        .message
        .as_deref()
        .is_none_or(|m| message_end(m).is_some());
    if !call_ok || !message_ok {
        return (
            StatusCode::BAD_REQUEST,
            "call: completed|busy|failed|no-answer|canceled; message: delivered|undelivered|failed\n",
        )
            .into_response();
    }
    if let Some(c) = &body.call {
        admin.set_call_outcome(&number, c);
    }
    if let Some(m) = &body.message {
        admin.set_message_outcome(&number, m, body.error_code);
    }
    let o = admin.twilio.lock().outcome(&number);
    json_body(&outcome_json(&o))
}

async fn clear_outcome(State(admin): State<TwilioAdmin>, Path(number): Path<String>) -> StatusCode {
    admin.clear_outcome(&number);
    StatusCode::NO_CONTENT
}
