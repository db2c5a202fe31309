//! The event-level side of the seam: a calendar read and written event by
//! event, where a recurring event's instances each have an id and a version
//! of their own (Google's `singleEvents` listing and instance ids). The sync
//! engine keeps the shared calendars through it, a series as one recurring
//! event whose visits are its instances; a calendar that offers only whole
//! items ([`super::CalendarProvider`]: CalDAV, Microsoft 365) gets a
//! series' visits written one by one.
//!
//! Events are plain values; nothing here does I/O.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use futures::future::BoxFuture;

use super::{CalendarProvider, ProviderResult};

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

/// One calendar read and written event by event. Every error is a
/// [`super::ProviderError`]; the event-level calls tell apart what the
/// item-level ones fold together (an event already deleted, an id already
/// taken, a page token refused, a rate limit, a server error), because the
/// sync engine acts on each differently.
pub trait EventCalendar: CalendarProvider {
    /// The calendar's id at its provider.
    fn calendar_id(&self) -> &str;

    /// One page of events, cancelled ones and instances included; a page
    /// token refused is [`super::ProviderError::PageExpired`], a sync token
    /// no longer known [`super::ProviderError::ResyncRequired`].
    fn list_events<'a>(&'a self, q: &'a ListQuery) -> BoxFuture<'a, ProviderResult<Page>>;

    /// The event (or instance) `id`, cancelled ones included; one deleted
    /// for good is [`super::ProviderError::Gone`] or
    /// [`super::ProviderError::NotFound`].
    fn get_event<'a>(&'a self, id: &'a str) -> BoxFuture<'a, ProviderResult<RemoteEvent>>;

    /// Makes the event `id` (an id the caller chose, so a repeat after a
    /// lost answer meets the first): [`super::ProviderError::AlreadyExists`]
    /// when it is there already.
    fn insert_event<'a>(
        &'a self,
        id: &'a str,
        event: &'a EventWrite,
    ) -> BoxFuture<'a, ProviderResult<RemoteEvent>>;

    /// Writes every field of `event` over the event (or instance) `id`;
    /// with `version`, only if it is still at it
    /// ([`super::ProviderError::PreconditionFailed`] if not).
    fn patch_event<'a>(
        &'a self,
        id: &'a str,
        version: Option<&'a str>,
        event: &'a EventWrite,
    ) -> BoxFuture<'a, ProviderResult<RemoteEvent>>;

    /// Deletes the event `id`; with `version`, only if it is still at it.
    fn delete_event<'a>(
        &'a self,
        id: &'a str,
        version: Option<&'a str>,
    ) -> BoxFuture<'a, ProviderResult<()>>;
}

/// One account at a calendar service, holding many calendars read event by
/// event (Google's service account: the shared calendar and any cleaner's
/// `google:` one).
pub trait EventAccount: Send + Sync {
    /// The calendar `id` of this account.
    fn calendar(&self, id: &str) -> std::sync::Arc<dyn EventCalendar>;

    /// Requests sent so far, retries included (for a run's report).
    fn requests(&self) -> u64;
}
