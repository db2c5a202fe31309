//! Twilio REST API 2010-04-01: a voice call that speaks an alert in Danish,
//! an SMS, a call's status and an account check, through reqwest with
//! HTTP Basic auth and form-encoded bodies.
//!
//! Every method makes at most one request: the alert outbox owns retries
//! (and dedupes, as Twilio has no idempotency key). The client checks the
//! limits Twilio states (TwiML ≤ 4000, body ≤ 1600 characters) before
//! sending; phone numbers go as given (see `domain::contact::normalize_phone`
//! for turning what people type into E.164), and Twilio's 21211 answer says
//! when one is not a phone number.

mod client;
mod twiml;
mod types;

pub use client::{MAX_BODY_CHARS, MAX_TWIML_CHARS, TwilioClient};
pub use twiml::{LANGUAGE, VOICE, say_twiml, spoken_text};
pub use types::{DEFAULT_BASE_URL, Placed, TwilioError, TwilioSettings, is_account_sid, is_e164};

pub(crate) use twiml::says;
#[cfg(test)]
pub(crate) use types::is_sid;
