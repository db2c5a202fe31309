//! The calls and messages the fake accepted, and how each one moves on.
//!
//! Each read of a call or a message (`GET …/Calls/{sid}.json`,
//! `…/Messages/{sid}.json`) takes it one step along Twilio's documented
//! life cycle, so a poller sees every state a real one could:
//!
//! - call (https://www.twilio.com/docs/voice/api/call-resource#call-status-values):
//!   queued → ringing → in-progress → completed, or queued → ringing → busy |
//!   no-answer, or queued → failed | canceled. `start_time` is set once the
//!   call is dialed (ringing): "Empty if the call has not yet been dialed".
//! - message (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values):
//!   accepted → queued → sent → delivered | undelivered, or queued → failed.
//!   A failure comes *after* the 201 answer, with an `error_code`
//!   (https://www.twilio.com/docs/api/errors/30003 and neighbours).

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// How calls to a number, and messages to it, end: set per number by the
/// admin side (`TwilioAdmin::set_call_outcome`, `set_message_outcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// completed, busy, failed, no-answer or canceled.
    pub(crate) call: &'static str,
    /// delivered, undelivered or failed.
    pub(crate) message: &'static str,
    /// The error code of an undelivered or failed message.
    pub(crate) error_code: Option<u32>,
}

impl Default for Outcome {
    fn default() -> Outcome {
        Outcome {
            call: "completed",
            message: "delivered",
            error_code: None,
        }
    }
}

/// A call status an admin may choose as the end of calls to a number.
pub(crate) fn call_end(status: &str) -> Option<&'static str> {
    ["completed", "busy", "failed", "no-answer", "canceled"]
        .into_iter()
        .find(|s| *s == status)
}

/// A message status an admin may choose as the end of messages to a number.
pub(crate) fn message_end(status: &str) -> Option<&'static str> {
    ["delivered", "undelivered", "failed"]
        .into_iter()
        .find(|s| *s == status)
}

/// Twilio's words for the delivery error codes the fake uses
/// (https://www.twilio.com/docs/api/errors).
pub(crate) fn error_message(code: u32) -> &'static str {
    match code {
        30003 => "Unreachable destination handset",
        30004 => "Message blocked",
        30005 => "Unknown destination handset",
        30006 => "Landline or unreachable carrier",
        30007 => "Message filtered",
        30008 => "Unknown error",
        _ => "Message delivery failed",
    }
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
    /// How this call ends (fixed when it was placed).
    pub(crate) ends: &'static str,
    pub(crate) created: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
    /// Dialed (ringing).
    pub(crate) started: Option<DateTime<Utc>>,
    /// Answered (in-progress).
    pub(crate) answered: Option<DateTime<Utc>>,
    pub(crate) ended: Option<DateTime<Utc>>,
}

impl CallRecord {
    /// The next state, as a read sees it.
    pub(crate) fn advance(&mut self, now: DateTime<Utc>) {
        let next = match (self.status, self.ends) {
            ("queued", end @ ("failed" | "canceled")) => end,
            ("queued", _) => "ringing",
            ("ringing", "completed") => "in-progress",
            ("ringing", end) => end,
            ("in-progress", _) => "completed",
            (done, _) => done,
        };
        if next == self.status {
            return;
        }
        self.status = next;
        self.updated = now;
        match next {
            "ringing" => self.started = Some(now),
            "in-progress" => self.answered = Some(now),
            _ => self.ended = Some(now),
        }
    }

    /// Seconds talked: only a completed call has a duration ("empty for
    /// busy, failed, unanswered or ongoing calls").
    pub(crate) fn duration(&self) -> Option<i64> {
        match (self.status, self.answered, self.ended) {
            ("completed", Some(a), Some(e)) => Some((e - a).num_seconds().max(0)),
            ("completed", None, _) => Some(0),
            _ => None,
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
    /// How this message ends, and the error code it then carries.
    pub(crate) ends: &'static str,
    pub(crate) end_code: Option<u32>,
    pub(crate) created: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
    pub(crate) sent: Option<DateTime<Utc>>,
}

impl MessageRecord {
    pub(crate) fn advance(&mut self, now: DateTime<Utc>) {
        let next = match (self.status, self.ends) {
            ("accepted", _) => "queued",
            ("queued", "failed") => "failed",
            ("queued", _) => "sent",
            ("sent", end) => end,
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

    /// The error a finished, failed message carries.
    pub(crate) fn error_code(&self) -> Option<u32> {
        match self.status {
            "undelivered" => Some(self.end_code.unwrap_or(30003)),
            "failed" => Some(self.end_code.unwrap_or(30008)),
            _ => None,
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
            "error_code": self.error_code(),
            "at": self.created.to_rfc3339(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(ends: &'static str) -> CallRecord {
        let now = Utc::now();
        CallRecord {
            sid: "CA1".into(),
            to: "+4512345678".into(),
            from: "+4570000000".into(),
            twiml: None,
            url: None,
            say: None,
            language: None,
            voice: None,
            timeout: 60,
            status_callback: None,
            status: "queued",
            ends,
            created: now,
            updated: now,
            started: None,
            answered: None,
            ended: None,
        }
    }

    fn reads(c: &mut CallRecord, n: usize) -> Vec<&'static str> {
        (0..n)
            .map(|_| {
                c.advance(Utc::now());
                c.status
            })
            .collect()
    }

    #[test]
    fn calls_advance_per_read() {
        let mut c = call("completed");
        assert_eq!(
            reads(&mut c, 5),
            [
                "ringing",
                "in-progress",
                "completed",
                "completed",
                "completed"
            ]
        );
        assert!(c.started.is_some() && c.ended.is_some());
        assert!(c.duration().is_some());
        for end in ["busy", "no-answer"] {
            let mut c = call(end);
            assert_eq!(reads(&mut c, 3), ["ringing", end, end]);
            assert!(c.started.is_some(), "dialed");
            assert_eq!(c.duration(), None);
        }
        for end in ["failed", "canceled"] {
            let mut c = call(end);
            assert_eq!(reads(&mut c, 2), [end, end]);
            assert!(c.started.is_none(), "never dialed");
        }
    }

    fn message(ends: &'static str, code: Option<u32>) -> MessageRecord {
        let now = Utc::now();
        MessageRecord {
            sid: "SM1".into(),
            to: "+4512345678".into(),
            from: None,
            messaging_service_sid: None,
            body: "x".into(),
            status: "accepted",
            ends,
            end_code: code,
            created: now,
            updated: now,
            sent: None,
        }
    }

    #[test]
    fn messages_advance_per_read() {
        let mut m = message("undelivered", None);
        let seen: Vec<&str> = (0..4)
            .map(|_| {
                m.advance(Utc::now());
                m.status
            })
            .collect();
        assert_eq!(seen, ["queued", "sent", "undelivered", "undelivered"]);
        assert_eq!(m.error_code(), Some(30003));
        let mut m = message("failed", Some(30005));
        m.advance(Utc::now());
        assert_eq!(m.error_code(), None, "not failed yet");
        m.advance(Utc::now());
        assert_eq!((m.status, m.error_code()), ("failed", Some(30005)));
        assert!(m.sent.is_none());
        let mut m = message("delivered", None);
        for _ in 0..3 {
            m.advance(Utc::now());
        }
        assert_eq!((m.status, m.error_code()), ("delivered", None));
    }

    #[test]
    fn admin_choices() {
        assert_eq!(call_end("busy"), Some("busy"));
        assert_eq!(call_end("ringing"), None);
        assert_eq!(message_end("undelivered"), Some("undelivered"));
        assert_eq!(message_end("sent"), None);
    }
}
