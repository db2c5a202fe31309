//! What the sync engine sees of Google Calendar: events as plain values and
//! errors as the few cases it must tell apart. Nothing here does I/O.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

/// The private extended property that names the booking an event was made for.
pub const PROP_BOOKING: &str = "renos_booking";
/// The private extended property naming the database that made the event.
pub const PROP_INSTANCE: &str = "renos_instance";

/// `status` of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum EventStatus {
    Confirmed,
    Tentative,
    Cancelled,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Unknown or missing statuses count as confirmed, as Google does.
    pub fn parse(s: Option<&str>) -> EventStatus {
        s.and_then(|s| s.parse().ok())
            .unwrap_or(EventStatus::Confirmed)
    }
}

/// `start` / `end` of an event: an instant, or a date for all-day events
/// (`end` exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventTime {
    At(DateTime<Utc>),
    Date(NaiveDate),
}

/// An event as read from Google. A cancelled event from an incremental list
/// may carry only its `id`: every other field is then empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteEvent {
    pub id: String,
    pub status: EventStatus,
    pub etag: Option<String>,
    pub updated: Option<DateTime<Utc>>,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub start: Option<EventTime>,
    pub end: Option<EventTime>,
    /// `extendedProperties.private`.
    pub private: BTreeMap<String, String>,
    /// `(email, displayName)` of each attendee.
    pub attendees: Vec<(String, String)>,
    /// Set on an instance of a recurring event (`singleEvents=true` lists
    /// instances, never the series): the series' id.
    pub recurring_event_id: Option<String>,
    /// The instance's start as the series has it (before any move).
    pub original_start: Option<EventTime>,
    /// `default`, or one of Google's own kinds (`birthday`, `outOfOffice`,
    /// `focusTime`, `workingLocation`, `fromGmail`); `None` means default.
    pub event_type: Option<String>,
    /// A recurring event's `recurrence` lines (`RRULE:…`, `EXDATE…:…`);
    /// empty for a single event or an instance.
    pub recurrence: Vec<String>,
    /// `iCalUID`: shared by a recurring event and its changed instances.
    pub ical_uid: Option<String>,
}

impl RemoteEvent {
    /// An event known only by its id (what a deletion looks like).
    pub fn bare(id: &str, status: EventStatus) -> RemoteEvent {
        RemoteEvent {
            id: id.to_string(),
            status,
            etag: None,
            updated: None,
            summary: String::new(),
            description: String::new(),
            location: String::new(),
            start: None,
            end: None,
            private: BTreeMap::new(),
            attendees: Vec::new(),
            recurring_event_id: None,
            original_start: None,
            event_type: None,
            recurrence: Vec::new(),
            ical_uid: None,
        }
    }

    /// A plain event people made: not a birthday, an out-of-office, focus
    /// time, a working location or an event from Gmail.
    pub fn is_default_type(&self) -> bool {
        matches!(self.event_type.as_deref(), None | Some("default"))
    }
}

/// What the console writes into an event. Always timed, with the business
/// time zone kept beside the instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventWrite {
    pub summary: String,
    pub description: String,
    pub location: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// IANA name, e.g. `Europe/Copenhagen`.
    pub time_zone: String,
    pub status: EventStatus,
    /// Written into `extendedProperties.private` (keys ≤ 44 chars).
    pub private: BTreeMap<String, String>,
    /// `recurrence` lines of a recurring event (a series); empty for a
    /// single event or an instance, and then not sent at all.
    pub recurrence: Vec<String>,
}

/// Parameters of one `events.list` page. Every page of one listing must
/// carry the same query (Google refuses a page token sent with another).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Incremental: every change since the token, deletions included.
    pub sync_token: Option<String>,
    pub page_token: Option<String>,
    /// At most 2500; Google's default is 250.
    pub max_results: Option<u32>,
    /// Events ending after this (full listings only).
    pub time_min: Option<DateTime<Utc>>,
    /// Events starting before this (full listings only): bounds the
    /// instances of open-ended recurring events.
    pub time_max: Option<DateTime<Utc>>,
    /// `privateExtendedProperty=key=value` filters (full listings only).
    pub private: Vec<(String, String)>,
    /// Leave cancelled events out (only without a sync token).
    pub live_only: bool,
    /// List recurring events as themselves, with their changed instances
    /// beside them (`singleEvents=false`), not as their instances.
    pub whole_series: bool,
    /// Only the events with this `iCalUID` (full listings only): a
    /// recurring event and its changed instances.
    pub ical_uid: Option<String>,
}

/// One page of `events.list`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub events: Vec<RemoteEvent>,
    pub next_page_token: Option<String>,
    /// Only on the last page.
    pub next_sync_token: Option<String>,
}

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
