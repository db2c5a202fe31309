//! What the alert outbox sees of Twilio: the settings, a placed call or
//! message, and errors sorted into the few cases it must tell apart.
//! Nothing here does I/O.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::providers::network::{NetworkFault, UrlFault};
use crate::providers::refusal::Refusal;

/// Twilio's REST API root.
pub const DEFAULT_BASE_URL: &str = "https://api.twilio.com/";

/// The account and where to reach Twilio. `Debug` leaves the auth token out.
#[derive(Clone)]
pub struct TwilioSettings {
    /// The API root; the client adds a missing trailing `/`.
    pub base_url: String,
    /// `AC` + 32 hex digits.
    pub account_sid: String,
    pub auth_token: String,
    /// The number calls and messages come from (`TWILIO_PHONE_NUMBER`), E.164.
    pub from: String,
    /// Each HTTP request gives up after this.
    pub timeout: Duration,
}

impl fmt::Debug for TwilioSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TwilioSettings")
            .field("base_url", &self.base_url)
            .field("account_sid", &self.account_sid)
            .field("auth_token", &"<hidden>")
            .field("from", &self.from)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A call or message as Twilio answered for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placed {
    /// `CA…` for a call, `SM…` for a message.
    pub sid: String,
    /// A call: queued, ringing, in-progress, completed, busy, failed,
    /// no-answer, canceled. A message: queued, accepted, sending, sent,
    /// delivered, undelivered, failed.
    pub status: String,
    pub to: String,
    /// Empty when Twilio names none (a message sent through a messaging
    /// service).
    pub from: String,
    /// `date_created`, by Twilio's clock (whole seconds).
    pub created: Option<DateTime<Utc>>,
    /// A message that was not delivered: Twilio's error code (30003
    /// unreachable handset, 30005 unknown number, …) and its words.
    pub error_code: Option<u32>,
    pub error_message: Option<String>,
}

impl Placed {
    /// Twilio's last word on it: a call that ended (completed, busy,
    /// failed, no-answer, canceled) or a message that was delivered or not
    /// (delivered, read, undelivered, failed, canceled).
    pub fn is_final(&self) -> bool {
        matches!(
            self.status.as_str(),
            "completed"
                | "busy"
                | "failed"
                | "no-answer"
                | "canceled"
                | "delivered"
                | "read"
                | "undelivered"
        )
    }
}

/// The cases the outbox tells apart. No variant's text ever holds the auth
/// token or a message body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TwilioError {
    /// A 4xx other than 401, 403 and 429 (or a request the client will not
    /// send, `status` 0): the request itself is wrong, e.g. 21211 for a
    /// number that is not a phone number. Sending it again will not help.
    #[error("Twilio refused the request ({}): {message}", refusal(*status, *code))]
    Refused {
        status: u16,
        code: Option<u32>,
        message: RequestRefusal,
    },
    /// 401 or 403: the Account SID or auth token is wrong. The text says
    /// what to fix.
    #[error("Twilio refused the credentials: {0}")]
    Auth(AccessRefusal),
    /// 429 (code 20429): not processed; safe to send again, after
    /// `retry_after` when Twilio named a pause.
    #[error("Twilio is rate limiting us (too many requests at once); trying again later")]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx.
    #[error("Twilio answered {status}: {message}")]
    Server { status: u16, message: String },
    /// No usable answer: refused or dropped connection, timeout, an answer
    /// broken off or unreadable. A call or message may have been placed.
    #[error("cannot reach Twilio: {0}")]
    Network(NetworkFault),
}

/// Why Twilio refused the credentials: what to fix and the English text.
pub type AccessRefusal = Refusal<AccessKind>;

/// What to fix when Twilio refuses the credentials.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AccessKind {
    /// The Account SID is not `AC` and 32 hex digits.
    BadSid,
    /// No auth token set.
    NoToken,
    /// 401: the SID or token is wrong; Twilio's code and words.
    Refused { code: Option<u32>, said: String },
    /// 403: the account may not do this; Twilio's code and words.
    Forbidden { code: Option<u32>, said: String },
    /// Only the text is known (read back from a log, say).
    #[default]
    Other,
}

/// Why Twilio refused a request (or it was not sent): what to fix and the
/// English text.
pub type RequestRefusal = Refusal<RequestKind>;

/// What to fix when a request to Twilio is refused before it is sent; a
/// refusal of Twilio's own is [`RequestKind::Said`], its words as given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RequestKind {
    /// The base URL set is not one a request can go to.
    BadBaseUrl { url: String, why: UrlFault },
    /// TWILIO_PHONE_NUMBER is not a number in E.164 form.
    SenderNotE164 { number: String },
    /// The timeout set is zero.
    ZeroTimeout,
    /// A call's TwiML longer than Twilio takes.
    TwimlTooLong { chars: usize, max: usize },
    /// An SMS longer than Twilio takes.
    BodyTooLong { chars: usize, max: usize },
    /// Twilio's own words (or a text read back from a log): as written.
    #[default]
    Said,
}

/// A refusal's message back from its text (as stored): the kind when it
/// is one of ours (a message or TwiML too long, a sender that is not a
/// number), else Twilio's own words.
pub fn read_request(message: &str) -> RequestRefusal {
    let too_long = |what: &str| {
        let rest = message.strip_prefix(what)?;
        let (chars, max) = rest.split_once(" characters long; Twilio takes at most ")?;
        Some((chars.parse().ok()?, max.parse().ok()?))
    };
    let kind = if let Some((chars, max)) = too_long("the message is ") {
        RequestKind::BodyTooLong { chars, max }
    } else if let Some((chars, max)) = too_long("the TwiML is ") {
        RequestKind::TwimlTooLong { chars, max }
    } else if let Some(number) = message
        .strip_prefix("TWILIO_PHONE_NUMBER `")
        .and_then(|rest| rest.strip_suffix("` is not a number in E.164 form (e.g. +4570000000)"))
    {
        RequestKind::SenderNotE164 {
            number: number.to_string(),
        }
    } else if message == "the Twilio timeout is zero" {
        RequestKind::ZeroTimeout
    } else {
        RequestKind::Said
    };
    RequestRefusal::new(kind, message)
}

fn refusal(status: u16, code: Option<u32>) -> String {
    match (status, code) {
        (0, Some(code)) => format!("not sent, code {code}"),
        (0, None) => "not sent".to_string(),
        (status, Some(code)) => format!("{status}, code {code}"),
        (status, None) => status.to_string(),
    }
}

impl TwilioError {
    /// Worth trying again later: rate limits, server errors, no answer.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            TwilioError::RateLimited { .. } | TwilioError::Server { .. } | TwilioError::Network(_)
        )
    }
}

/// `+` then 8 to 15 digits, the first not 0 (`+4512345678`).
pub fn is_e164(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// `AC` then 32 hex digits (either case).
pub fn is_account_sid(sid: &str) -> bool {
    is_sid(sid, "AC")
}

/// `prefix` then 32 hex digits.
pub(crate) fn is_sid(sid: &str, prefix: &str) -> bool {
    sid.strip_prefix(prefix)
        .is_some_and(|hex| hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_numbers() {
        for good in [
            "+4512345678",
            "+4570000000",
            "+12025550123",
            "+123456789012345",
        ] {
            assert!(is_e164(good), "{good}");
        }
        for bad in [
            "",
            "+",
            "12345678",
            "4512345678",
            "+45 12345678",
            "+45-1234-5678",
            "+0512345678",
            "+1234567",
            "+1234567890123456",
            "++4512345678",
            "+4512345678 ",
            "+45１２345678",
        ] {
            assert!(!is_e164(bad), "{bad}");
        }
    }

    #[test]
    fn account_sids() {
        assert!(is_account_sid("AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e"));
        assert!(is_account_sid("AC5A9D0C1E2F3A4B5C6D7E8F9A0B1C2D3E"));
        for bad in [
            "",
            "AC",
            "ac5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e",
            "SK5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e",
            "AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3",
            "AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e0",
            "AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3g",
            " AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e",
        ] {
            assert!(!is_account_sid(bad), "{bad}");
        }
        assert!(is_sid("CA0123456789abcdef0123456789abcdef", "CA"));
        assert!(!is_sid("CA0123456789abcdef0123456789abcdef", "SM"));
    }

    #[test]
    fn transient_errors() {
        assert!(TwilioError::RateLimited { retry_after: None }.is_transient());
        assert!(
            TwilioError::Server {
                status: 503,
                message: "x".into()
            }
            .is_transient()
        );
        assert!(TwilioError::Network("x".into()).is_transient());
        assert!(!TwilioError::Auth("x".into()).is_transient());
        assert!(
            !TwilioError::Refused {
                status: 400,
                code: Some(21211),
                message: "x".into()
            }
            .is_transient()
        );
    }

    #[test]
    fn texts() {
        let e = TwilioError::Refused {
            status: 400,
            code: Some(21211),
            message: "The 'To' number 123 is not a valid phone number.".into(),
        };
        assert_eq!(
            e.to_string(),
            "Twilio refused the request (400, code 21211): The 'To' number 123 is not a valid phone number."
        );
        let e = TwilioError::Refused {
            status: 0,
            code: Some(32018),
            message: "too long".into(),
        };
        assert_eq!(
            e.to_string(),
            "Twilio refused the request (not sent, code 32018): too long"
        );
    }

    #[test]
    fn debug_hides_the_token() {
        let s = TwilioSettings {
            base_url: DEFAULT_BASE_URL.into(),
            account_sid: "AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e".into(),
            auth_token: "very-secret-token".into(),
            from: "+4570000000".into(),
            timeout: Duration::from_secs(10),
        };
        let shown = format!("{s:?} {s:#?}");
        assert!(!shown.contains("very-secret-token"), "{shown}");
        assert!(shown.contains("AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e"));
        assert!(shown.contains("+4570000000"));
    }
}
