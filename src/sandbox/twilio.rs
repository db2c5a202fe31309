//! The fake Twilio REST API 2010-04-01: calls and messages for one account,
//! the record of everything accepted, faults on demand, and the admin side
//! (in process as [`TwilioAdmin`], over HTTP under `/admin/twilio/...`, no
//! auth, no faults).
//!
//! ```text
//! /twilio/2010-04-01/Accounts/{sid}.json                 GET   the account
//! /twilio/2010-04-01/Accounts/{sid}/Calls.json           POST  place a call (201)
//!                                                        GET   list calls (To, From, Status,
//!                                                              StartTime[<>], EndTime[<>], paging)
//! /twilio/2010-04-01/Accounts/{sid}/Calls/{CA…}.json     GET   a call; each read advances it
//! /twilio/2010-04-01/Accounts/{sid}/Messages.json        POST  send an SMS (201)
//!                                                        GET   list messages (To, From,
//!                                                              DateSent[<>], paging)
//! /twilio/2010-04-01/Accounts/{sid}/Messages/{SM…}.json  GET   a message; each read advances it
//! ```
//!
//! Written from Twilio's REST reference (https://www.twilio.com/docs/voice/api/call-resource,
//! https://www.twilio.com/docs/messaging/api/message-resource) and its OpenAPI description
//! (`twilio/twilio-oai`, `spec/json/twilio_api_v2010.json`); nothing here comes from the
//! client that talks to it, so the client's mistakes cannot be copied into its judge.
//!
//! As strict as Twilio: Basic auth on everything, form-encoded bodies only
//! (a JSON body reads as no parameters at all), E.164 numbers, only the
//! sandbox's own `From`, Twilio's limits and error bodies. Codes not
//! settled by Twilio's documentation are marked "unconfirmed" in `api.rs`.

mod admin;
mod api;
mod gate;
mod records;
mod twiml;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::routing::any;
use serde::{Deserialize, Serialize};

pub use admin::TwilioAdmin;
pub(crate) use admin::router as admin_router;
pub(crate) use records::{CallRecord, MessageRecord, Outcome};

/// The longest inline TwiML Twilio takes: above it, error 32018
/// (https://www.twilio.com/docs/api/errors/32018).
pub(crate) const MAX_TWIML_CHARS: usize = 4000;
/// The longest message body Twilio takes: above it, error 21617
/// (https://www.twilio.com/docs/api/errors/21617).
pub(crate) const MAX_BODY_CHARS: usize = 1600;

/// `+` then 8 to 15 digits, the first not 0: E.164 as Twilio asks for it
/// (https://www.twilio.com/docs/glossary/what-e164). Danish numbers are
/// `+45` and 8 digits, so shorter ones are refused.
pub(crate) fn is_e164(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

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
/// `drop_before`, `rate_limit`, `server_error`, `drop_after`, `error_after`. With
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
    /// The next N requests: processed and recorded, then answered 500
    /// (code 20500) as if nothing happened: the call rings all the same.
    pub error_after: u32,
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

#[derive(Debug, Default)]
pub(crate) struct TwilioState {
    pub(crate) calls: Vec<CallRecord>,
    pub(crate) messages: Vec<MessageRecord>,
    pub(crate) faults: TwilioFaults,
    pub(crate) stats: TwilioStats,
    /// How calls and messages to a number end; others complete and are
    /// delivered.
    pub(crate) outcomes: BTreeMap<String, Outcome>,
}

impl TwilioState {
    /// How calls and messages to `number` end.
    pub(crate) fn outcome(&self, number: &str) -> Outcome {
        self.outcomes.get(number).copied().unwrap_or_default()
    }
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

    /// Wipes calls, messages, faults, counters and outcomes.
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
    for b in super::random::random_bytes::<16>() {
        sid.push_str(&format!("{b:02x}"));
    }
    sid
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `prefix` then 32 hex digits.
    fn is_sid(sid: &str, prefix: &str) -> bool {
        sid.strip_prefix(prefix)
            .is_some_and(|hex| hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    #[test]
    fn constants_have_twilio_shapes() {
        assert!(is_sid(TWILIO_ACCOUNT_SID, "AC"));
        assert!(is_sid(TWILIO_MESSAGING_SERVICE_SID, "MG"));
        assert!(is_e164(TWILIO_PHONE_NUMBER));
        let sid = new_sid("CA");
        assert!(is_sid(&sid, "CA"), "{sid}");
        assert_eq!(sid, sid.to_lowercase().replacen("ca", "CA", 1));
        assert_ne!(new_sid("CA"), new_sid("CA"));
    }

    #[test]
    fn e164_numbers() {
        for good in ["+4512345678", "+12025550123", "+123456789012345"] {
            assert!(is_e164(good), "{good}");
        }
        for bad in [
            "",
            "+",
            "4512345678",
            "+45 12345678",
            "+0512345678",
            "+1234567",
            "+1234567890123456",
            "+45１２345678",
        ] {
            assert!(!is_e164(bad), "{bad}");
        }
    }

    #[test]
    fn faults_json_defaults() {
        let f: TwilioFaults =
            serde_json::from_str(r#"{"rate_limit": 2, "fail_on": "Calls"}"#).expect("json");
        assert_eq!(f.rate_limit, 2);
        assert_eq!(f.fail_on.as_deref(), Some("Calls"));
        assert!(f.reject_numbers.is_empty());
        assert_eq!(f.retry_after_secs, None);
        assert_eq!(f.error_after, 0);
    }
}
