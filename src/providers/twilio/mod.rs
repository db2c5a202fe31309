//! Twilio REST API 2010-04-01: a voice call that speaks an alert in Danish,
//! an SMS, a call's status and an account check, through reqwest with
//! HTTP Basic auth and form-encoded bodies.
//!
//! Every method but the searches (`calls_to`, `messages_to`, which follow
//! pages) makes one request: the alert outbox owns retries, and before it
//! places again what may have reached Twilio it searches for it, as Twilio
//! has no idempotency key. The client checks the
//! limits Twilio states (TwiML ≤ 4000, body ≤ 1600 characters) before
//! sending; phone numbers go as given (see `domain::contact::normalize_phone`
//! for turning what people type into E.164), and Twilio's 21211 answer says
//! when one is not a phone number.

mod client;
mod list;
mod twiml;
mod types;

// The answers read as the client reads them, for the fuzz tests.
#[cfg(test)]
pub(crate) use client::{answer, placed};
#[cfg(test)]
pub(crate) use list::page_items;

pub use client::{MAX_BODY_CHARS, MAX_TWIML_CHARS, TwilioClient};
pub use twiml::{LANGUAGE, VOICE, say_twiml};
pub use types::{
    AccessKind, AccessRefusal, DEFAULT_BASE_URL, Placed, RequestKind, RequestRefusal, TwilioError,
    TwilioSettings, is_account_sid, is_e164, read_request,
};
