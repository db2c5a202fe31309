//! The fake Twilio REST API 2010-04-01: calls and messages for one account,
//! the record of everything accepted, faults on demand, and the admin side
//! (in process as [`TwilioAdmin`], over HTTP under `/admin/twilio/...`, no
//! auth, no faults).
//!
//! ```text
//! /twilio/2010-04-01/Accounts/{sid}.json                 GET   the account
//! /twilio/2010-04-01/Accounts/{sid}/Calls.json           POST  place a call (201)
//! /twilio/2010-04-01/Accounts/{sid}/Calls/{CA…}.json     GET   a call; each read advances it
//! /twilio/2010-04-01/Accounts/{sid}/Messages.json        POST  send an SMS (201)
//! /twilio/2010-04-01/Accounts/{sid}/Messages/{SM…}.json  GET   a message; each read advances it
//! ```
//!
//! As strict as Twilio: Basic auth on everything, form-encoded bodies only
//! (a JSON body reads as no parameters at all), E.164 numbers, only the
//! sandbox's own `From`, Twilio's limits and error bodies. Codes not
//! settled by Twilio's documentation are marked "unconfirmed" in `api.rs`.

mod admin;
mod api;
mod gate;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::routing::any;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub use admin::TwilioAdmin;
pub(crate) use admin::router as admin_router;

/// The sandbox's Account SID (`AC` + 32 hex digits).
pub const TWILIO_ACCOUNT_SID: &str = "AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e";
/// The sandbox account's auth token.
pub const TWILIO_AUTH_TOKEN: &str = "sandbox-twilio-token";
/// The sandbox account's one phone number: the only `From` it accepts.
pub const TWILIO_PHONE_NUMBER: &str = "+4570000000";
/// The sandbox account's messaging service (sends from `TWILIO_PHONE_NUMBER`).
pub const TWILIO_MESSAGING_SERVICE_SID: &str = "MG5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e";

/// Faults the Twilio API shows; `set_faults` replaces the whole set.
///
/// Each API request takes at most one counted fault, in this order:
/// `drop_before`, `rate_limit`, `server_error`, `drop_after`. With
/// `fail_on` set, only requests whose path contains that text take them
/// (e.g. `"Calls"`, `"Messages"`). Admin requests never do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TwilioFaults {
    /// The next N requests answer 429, code 20429 (not processed).
    pub rate_limit: u32,
    /// Add a Retry-After header (seconds) to the 429 answers.
    pub retry_after_secs: Option<u64>,
    /// The next N requests answer 500, code 20500 (not processed).
    pub server_error: u32,
    /// Answer 503, code 20503, instead of 500.
    pub server_error_503: bool,
    /// The next N requests: the connection is dropped, nothing processed.
    pub drop_before: u32,
    /// The next N requests: processed and recorded, then the answer is lost
    /// (the connection breaks mid-answer).
    pub drop_after: u32,
    /// Every API request waits this long first.
    pub latency_ms: u64,
    /// Only requests whose path contains this take the counted faults.
    pub fail_on: Option<String>,
    /// `To` numbers refused with 400, code 21211, though they are E.164
    /// (a disconnected number, say). Kept until the faults change.
    pub reject_numbers: Vec<String>,
}

/// API requests served, by outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TwilioStats {
    /// Every API request, faulted and refused ones included.
    pub requests: u64,
    /// Calls accepted (answered 201, or processed and then the answer lost).
    pub calls: u64,
    /// Messages accepted.
    pub messages: u64,
    /// Reads of a call or a message that found it.
    pub status_reads: u64,
    /// Reads of the account.
    pub account_reads: u64,
    /// Requests answered 4xx (credentials, parameters, unknown resources).
    pub refused: u64,
    /// Requests that took a counted fault.
    pub faulted: u64,
}

/// An accepted call.
#[derive(Debug, Clone)]
pub(crate) struct CallRecord {
    pub(crate) sid: String,
    pub(crate) to: String,
    pub(crate) from: String,
    pub(crate) twiml: Option<String>,
    pub(crate) url: Option<String>,
    /// What the TwiML speaks.
    pub(crate) say: Option<String>,
    /// The first `<Say>`'s language and voice.
    pub(crate) language: Option<String>,
    pub(crate) voice: Option<String>,
    pub(crate) timeout: u32,
    pub(crate) status_callback: Option<String>,
    pub(crate) status: &'static str,
    /// The number was unreachable when the call was placed.
    pub(crate) unreachable: bool,
    pub(crate) created: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
    pub(crate) started: Option<DateTime<Utc>>,
    pub(crate) ended: Option<DateTime<Utc>>,
}

impl CallRecord {
    /// The next state, as a read sees it: queued → ringing → in-progress →
    /// completed; an unreachable number rings, then no-answer.
    pub(crate) fn advance(&mut self, now: DateTime<Utc>) {
        let next = match (self.status, self.unreachable) {
            ("queued", _) => "ringing",
            ("ringing", false) => "in-progress",
            ("ringing", true) => "no-answer",
            ("in-progress", _) => "completed",
            (done, _) => done,
        };
        if next == self.status {
            return;
        }
        self.status = next;
        self.updated = now;
        match next {
            "in-progress" => self.started = Some(now),
            "completed" | "no-answer" => self.ended = Some(now),
            _ => {}
        }
    }

    /// The record as the admin side shows it.
    pub(crate) fn record(&self) -> Value {
        json!({
            "sid": self.sid,
            "to": self.to,
            "from": self.from,
            "twiml": self.twiml,
            "url": self.url,
            "say": self.say,
            "language": self.language,
            "voice": self.voice,
            "timeout": self.timeout,
            "status_callback": self.status_callback,
            "status": self.status,
            "at": self.created.to_rfc3339(),
        })
    }
}

/// An accepted message.
#[derive(Debug, Clone)]
pub(crate) struct MessageRecord {
    pub(crate) sid: String,
    pub(crate) to: String,
    /// `None` when sent through the messaging service without a `From`.
    pub(crate) from: Option<String>,
    pub(crate) messaging_service_sid: Option<String>,
    pub(crate) body: String,
    pub(crate) status: &'static str,
    pub(crate) unreachable: bool,
    pub(crate) created: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
    pub(crate) sent: Option<DateTime<Utc>>,
}

impl MessageRecord {
    /// accepted → queued → sent → delivered (undelivered for an
    /// unreachable number).
    pub(crate) fn advance(&mut self, now: DateTime<Utc>) {
        let next = match (self.status, self.unreachable) {
            ("accepted", _) => "queued",
            ("queued", _) => "sent",
            ("sent", false) => "delivered",
            ("sent", true) => "undelivered",
            (done, _) => done,
        };
        if next == self.status {
            return;
        }
        self.status = next;
        self.updated = now;
        if next == "sent" {
            self.sent = Some(now);
        }
    }

    pub(crate) fn record(&self) -> Value {
        json!({
            "sid": self.sid,
            "to": self.to,
            "from": self.from,
            "messaging_service_sid": self.messaging_service_sid,
            "body": self.body,
            "status": self.status,
            "at": self.created.to_rfc3339(),
        })
    }
}

#[derive(Debug, Default)]
pub(crate) struct TwilioState {
    pub(crate) calls: Vec<CallRecord>,
    pub(crate) messages: Vec<MessageRecord>,
    pub(crate) faults: TwilioFaults,
    pub(crate) stats: TwilioStats,
    /// Numbers whose calls go unanswered and whose messages go undelivered.
    pub(crate) unreachable: BTreeSet<String>,
}

/// The Twilio service's state.
#[derive(Debug, Default)]
pub(crate) struct Twilio {
    state: Mutex<TwilioState>,
}

impl Twilio {
    pub(crate) fn new() -> Arc<Twilio> {
        Arc::new(Twilio::default())
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, TwilioState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wipes calls, messages, faults, counters and unreachable numbers.
    pub(crate) fn reset(&self) {
        *self.lock() = TwilioState::default();
    }
}

/// The API under `/twilio/`, behind the fault and auth gate.
pub(crate) fn router(twilio: Arc<Twilio>) -> Router {
    Router::new()
        .route("/twilio/{*rest}", any(api::dispatch))
        .layer(axum::middleware::from_fn_with_state(
            twilio.clone(),
            gate::gate,
        ))
        .with_state(twilio)
}

/// A fresh SID: `prefix` and 32 lowercase hex digits.
pub(crate) fn new_sid(prefix: &str) -> String {
    let mut sid = String::with_capacity(34);
    sid.push_str(prefix);
    for b in super::google::random_bytes::<16>() {
        sid.push_str(&format!("{b:02x}"));
    }
    sid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::twilio::{is_account_sid, is_sid};

    #[test]
    fn constants_have_twilio_shapes() {
        assert!(is_account_sid(TWILIO_ACCOUNT_SID));
        assert!(is_sid(TWILIO_MESSAGING_SERVICE_SID, "MG"));
        assert!(crate::providers::twilio::is_e164(TWILIO_PHONE_NUMBER));
        let sid = new_sid("CA");
        assert!(is_sid(&sid, "CA"), "{sid}");
        assert_eq!(sid, sid.to_lowercase().replacen("ca", "CA", 1));
        assert_ne!(new_sid("CA"), new_sid("CA"));
    }

    fn call(unreachable: bool) -> CallRecord {
        let now = Utc::now();
        CallRecord {
            sid: new_sid("CA"),
            to: "+4512345678".into(),
            from: TWILIO_PHONE_NUMBER.into(),
            twiml: None,
            url: None,
            say: None,
            language: None,
            voice: None,
            timeout: 60,
            status_callback: None,
            status: "queued",
            unreachable,
            created: now,
            updated: now,
            started: None,
            ended: None,
        }
    }

    #[test]
    fn calls_advance_per_read() {
        let mut c = call(false);
        let seen: Vec<&str> = (0..5)
            .map(|_| {
                c.advance(Utc::now());
                c.status
            })
            .collect();
        assert_eq!(
            seen,
            [
                "ringing",
                "in-progress",
                "completed",
                "completed",
                "completed"
            ]
        );
        assert!(c.started.is_some() && c.ended.is_some());
        let mut c = call(true);
        let seen: Vec<&str> = (0..3)
            .map(|_| {
                c.advance(Utc::now());
                c.status
            })
            .collect();
        assert_eq!(seen, ["ringing", "no-answer", "no-answer"]);
        assert!(c.started.is_none());
    }

    #[test]
    fn messages_advance_per_read() {
        let now = Utc::now();
        let mut m = MessageRecord {
            sid: new_sid("SM"),
            to: "+4512345678".into(),
            from: None,
            messaging_service_sid: Some(TWILIO_MESSAGING_SERVICE_SID.into()),
            body: "x".into(),
            status: "accepted",
            unreachable: true,
            created: now,
            updated: now,
            sent: None,
        };
        let seen: Vec<&str> = (0..4)
            .map(|_| {
                m.advance(Utc::now());
                m.status
            })
            .collect();
        assert_eq!(seen, ["queued", "sent", "undelivered", "undelivered"]);
    }

    #[test]
    fn faults_json_defaults() {
        let f: TwilioFaults =
            serde_json::from_str(r#"{"rate_limit": 2, "fail_on": "Calls"}"#).expect("json");
        assert_eq!(f.rate_limit, 2);
        assert_eq!(f.fail_on.as_deref(), Some("Calls"));
        assert!(f.reject_numbers.is_empty());
        assert_eq!(f.retry_after_secs, None);
    }
}
