//! What the sync engine sees of Google Calendar: events as plain values and
//! errors as the few cases it must tell apart. Nothing here does I/O.

use std::time::Duration;

pub use crate::providers::calendar::events::{
    EventStatus, EventTime, EventWrite, ListQuery, PROP_BOOKING, PROP_INSTANCE, Page, RemoteEvent,
};

/// The cases the sync engine tells apart. Every variant's text is for the
/// dispatcher and never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GoogleError {
    /// 410 `fullSyncRequired` (or `updatedMinTooLongAgo`): the sync token is dead.
    #[error("Google asks for a full sync (the sync token expired)")]
    FullSyncRequired,
    /// 410 `deleted`: the event is already deleted.
    #[error("the event is already deleted in Google Calendar")]
    Deleted,
    /// 409 `duplicate`: an event with this id exists (perhaps deleted).
    #[error("an event with this id already exists in Google Calendar")]
    Duplicate,
    /// 412 `conditionNotMet`: the event changed since its etag was read.
    #[error("the event was changed in Google Calendar meanwhile")]
    Stale,
    /// 404.
    #[error("not found in Google Calendar: {0}")]
    NotFound(String),
    /// 401 or a refused token request: credentials are wrong or not allowed.
    #[error("Google refused the credentials: {0}")]
    Auth(String),
    /// 429 or 403 rate limit, still there after the retries.
    #[error("Google Calendar is rate limiting us; trying again later")]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx, still there after the retries.
    #[error("Google Calendar answered {status}: {message}")]
    Server { status: u16, message: String },
    /// No answer: refused, dropped or timed out.
    #[error("cannot reach Google Calendar: {0}")]
    Network(String),
    /// 400 on a page token: expired, or sent with another query. The
    /// listing starts again from its first page.
    #[error("Google refused the page token; the listing starts again")]
    BadPageToken,
    /// 403 `requiredAccessLevel`: the calendar is shared read-only.
    #[error(
        "Google Calendar allows only reading ({0}): share the calendar with the account \
         as \"Make changes to events\""
    )]
    ReadOnly(String),
    /// Any other refusal (400, 403 forbidden, ...): retrying will not help.
    #[error("Google Calendar refused the request ({status} {reason}): {message}")]
    Refused {
        status: u16,
        reason: String,
        message: String,
    },
}

impl GoogleError {
    /// Google could not be reached at all (as opposed to refusing).
    pub fn is_network(&self) -> bool {
        matches!(self, GoogleError::Network(_))
    }

    /// A rate limit or quota that outlived the retries: the rest of a batch
    /// would only burn the quota further.
    pub fn is_rate_limit(&self) -> bool {
        matches!(self, GoogleError::RateLimited { .. })
    }

    /// Worth trying again later (the outbox keeps it).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            GoogleError::RateLimited { .. } | GoogleError::Server { .. } | GoogleError::Network(_)
        )
    }
}
