//! Google Calendar v3 through google-calendar3 and a yup-oauth2 service
//! account with domain-wide delegation.

mod client;
mod convert;
mod items;
mod pace;
mod provider;
mod retry;
mod settings;
mod transport;
mod types;

// The answers read as the client reads them, for the fuzz tests.
#[cfg(test)]
pub(crate) use convert::{page, remote_event};
#[cfg(test)]
pub(crate) use retry::classify;

pub use client::{DEFAULT_PER_MINUTE, GoogleClient};
pub use items::{event_error, instance_id, key_for, provider_error};
pub use provider::{GoogleAccount, GoogleProvider};
pub use settings::{DEFAULT_BASE_URL, DEFAULT_TOKEN_URI, GoogleSettings, RetryPolicy};
pub use types::*;
