//! The calendar provider seam: what the sync engine needs of any calendar
//! service (Google, CalDAV, Microsoft 365), in words of none of them.
//!
//! A calendar holds *items*. Each item has an id the provider chose, a
//! version (an etag) that changes with every write, and its content: one
//! event, or a recurring event with the occurrences that were changed on
//! their own. Our items carry the booking id they were made for.
//!
//! One item is read by its id ([`CalendarProvider::get`]), or ours by the
//! booking it was made for ([`CalendarProvider::find_by_booking`]).
//!
//! Changes are listed from a [`Cursor`] (Google's sync token, Graph's delta
//! link, a WebDAV sync token): items added or changed, ids deleted, and the
//! next cursor. Writes carry a precondition on the remote version, so a
//! write never overwrites a change it has not seen.
//!
//! Besides the booking id, an item carries a few facts of our own
//! ([`Properties`]: the customer, the service, the cleaner, the series, the
//! database that wrote it), each provider keeping them where it keeps an
//! application's data: Google's private extended properties, CalDAV's
//! `X-RENOS-…` properties, Graph's single-value extended properties. A
//! changed occurrence of a recurring item is named by its start as the rule
//! has it ([`Exception::original_start`]): Google's instance ids, CalDAV's
//! RECURRENCE-ID and Graph's occurrence ids are all derived from it.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use futures::future::BoxFuture;

pub mod events;

/// Where a listing of changes stopped; opaque to everyone but its provider.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Cursor(pub String);

impl fmt::Debug for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cursor({:?})", self.0)
    }
}

/// The provider's id of an item (a CalDAV href, a Google or Graph event id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(pub String);

/// The remote version of an item: changes with every write, by anyone.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version(pub String);

/// A start or end: an instant, or a day for an all-day item (an end day is
/// exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

/// Whether an item is on, pencilled in, or called off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ItemStatus {
    #[default]
    Confirmed,
    Tentative,
    Cancelled,
}

/// What one event (or one changed occurrence of a recurring one) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub summary: String,
    pub description: String,
    pub location: String,
    pub start: When,
    pub end: When,
    pub status: ItemStatus,
}

/// One occurrence of a recurring item that was changed on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    /// The occurrence's start as the rule has it (before any move).
    pub original_start: When,
    pub content: Content,
}

/// The rule of a recurring item, in iCalendar's words (RFC 5545), which
/// every provider can be mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recurrence {
    /// The RRULE value, without `RRULE:`.
    pub rule: String,
    /// Occurrences the rule leaves out (EXDATE).
    pub excluded: Vec<When>,
}

/// The names of our own facts an item may carry (see [`Properties`]).
/// Names are lowercase ASCII letters, so that every provider can hold them
/// (an iCalendar property name takes no `_`).
pub const PROPERTY_NAMES: [&str; 5] = ["instance", "customer", "service", "staff", "series"];

/// Our own facts about an item, by name (one of [`PROPERTY_NAMES`]): what
/// the item was made for, read back as written. Other names are not kept.
pub type Properties = BTreeMap<String, String>;

/// Is `name` one of the facts every provider keeps?
pub fn is_property(name: &str) -> bool {
    PROPERTY_NAMES.contains(&name)
}

/// An item as read from the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteItem {
    pub id: ItemId,
    pub version: Version,
    /// The booking the item was made for; `None` for items people made.
    pub booking: Option<String>,
    /// Our other facts, as written (empty for items people made).
    pub properties: Properties,
    pub content: Content,
    pub recurrence: Option<Recurrence>,
    /// Occurrences changed on their own (recurring items only).
    pub exceptions: Vec<Exception>,
}

/// What the console writes into an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemWrite {
    /// The booking the item is made for; written into it so that it can be
    /// found again ([`CalendarProvider::find_by_booking`]).
    pub booking: String,
    /// Our other facts (names from [`PROPERTY_NAMES`]; others are refused
    /// as [`ProviderError::BadData`]).
    pub properties: Properties,
    /// A stable name for a new item, derived from what it is made for: a
    /// provider that lets the client choose ids (Google) makes the item
    /// under it, so a create repeated after a lost answer meets the first
    /// one. Others choose their own ids and ignore it.
    pub key: Option<String>,
    pub content: Content,
    /// The business time zone (IANA name, e.g. `Europe/Copenhagen`): times
    /// are written in it where the provider keeps one.
    pub time_zone: String,
    pub recurrence: Option<Recurrence>,
    pub exceptions: Vec<Exception>,
}

impl ItemWrite {
    /// A single (not recurring) item for `booking`, without other facts.
    pub fn single(booking: &str, content: Content, time_zone: &str) -> ItemWrite {
        ItemWrite {
            booking: booking.to_string(),
            properties: Properties::new(),
            key: None,
            content,
            time_zone: time_zone.to_string(),
            recurrence: None,
            exceptions: Vec::new(),
        }
    }

    /// The first property name that no provider keeps, if any.
    pub fn unknown_property(&self) -> Option<&str> {
        self.properties
            .keys()
            .map(String::as_str)
            .find(|k| !is_property(k))
    }
}

/// An item as written: its id and the version the write made. An item
/// listed later with this version is our own write, not someone's edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub id: ItemId,
    pub version: Version,
}

/// Every change since a cursor (or, without one, every item).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// Items added or changed, with their content and version.
    pub upserts: Vec<RemoteItem>,
    /// Items deleted (or no longer visible to us).
    pub deletions: Vec<ItemId>,
    /// Where the next listing starts.
    pub next: Option<Cursor>,
    /// Items that could not be read (bad data), with why; the listing
    /// carries on without them.
    pub unreadable: Vec<(ItemId, String)>,
}

/// The cases the sync engine tells apart. The texts never hold a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The item's version is not the one the write was made against: it
    /// changed (or was deleted) meanwhile. Read it again and merge.
    #[error("the item was changed in the calendar meanwhile")]
    PreconditionFailed,
    /// No such item (or calendar).
    #[error("not found in the calendar: {0}")]
    NotFound(String),
    /// The cursor is no longer valid: list everything again.
    #[error("the calendar asks for a full sync (the sync token is no longer valid)")]
    ResyncRequired,
    /// Wrong or missing credentials.
    #[error("the calendar refused the credentials: {0}")]
    Unauthorised(String),
    /// Not reached, timed out, or a server error: worth trying again later.
    #[error("cannot reach the calendar: {0}")]
    Transient(String),
    /// An answer or an item that cannot be read.
    #[error("the calendar sent something that cannot be read: {0}")]
    BadData(String),
    /// Any other refusal (forbidden, unsupported): retrying will not help.
    /// `reason` is the service's own word for it (Google's `badRequest`),
    /// empty when it gives none.
    #[error(
        "the calendar refused the request ({}): {message}",
        status_and_reason(*status, reason)
    )]
    Refused {
        status: u16,
        reason: String,
        message: String,
    },
    /// A first listing holds more items than the run may take in.
    #[error("the calendar holds more than {limit} items, more than this run takes in")]
    TooMany { limit: usize },
    /// The event is deleted already (event-level calls only).
    #[error("the event is already deleted in the calendar")]
    Gone,
    /// An event with the id a create chose exists already (perhaps deleted;
    /// event-level calls only).
    #[error("an event with this id already exists in the calendar")]
    AlreadyExists,
    /// A page token expired or does not fit its query: the listing starts
    /// again from its first page (event-level calls only).
    #[error("the calendar refused the page token; the listing starts again")]
    PageExpired,
    /// Rate limited, still after the retries.
    #[error("the calendar is rate limiting us; trying again later")]
    RateLimited { retry_after: Option<Duration> },
    /// A server error, still after the retries.
    #[error("the calendar answered {status}: {message}")]
    Server { status: u16, message: String },
    /// The calendar may only be read by this account.
    #[error("the calendar allows only reading: {0}")]
    ReadOnly(String),
}

/// "403", or "400 badRequest" when the service named its reason.
fn status_and_reason(status: u16, reason: &str) -> String {
    if reason.is_empty() {
        status.to_string()
    } else {
        format!("{status} {reason}")
    }
}

impl ProviderError {
    /// Worth trying again later (the outbox keeps the change).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ProviderError::Transient(_)
                | ProviderError::RateLimited { .. }
                | ProviderError::Server { .. }
        )
    }

    /// Not reached at all (as opposed to refusing, or failing there).
    pub fn is_network(&self) -> bool {
        matches!(self, ProviderError::Transient(_))
    }

    /// A rate limit that outlived the retries: the rest of a batch would
    /// only burn the quota further.
    pub fn is_rate_limit(&self) -> bool {
        matches!(self, ProviderError::RateLimited { .. })
    }

    /// The item or event is not there (deleted, or never was).
    pub fn is_gone(&self) -> bool {
        matches!(self, ProviderError::Gone | ProviderError::NotFound(_))
    }
}

/// The answer of a provider call.
pub type ProviderResult<T> = Result<T, ProviderError>;

/// One calendar on one provider. Object-safe, so a cleaner's calendar can
/// be any provider behind a `Box<dyn CalendarProvider>`.
pub trait CalendarProvider: Send + Sync {
    /// Every change since `since`; every item when `None`. A cursor the
    /// provider no longer knows is [`ProviderError::ResyncRequired`].
    fn changes<'a>(&'a self, since: Option<&'a Cursor>) -> BoxFuture<'a, ProviderResult<Changes>>;

    /// Every item, as `changes(None)`; [`ProviderError::TooMany`] when
    /// there are more than `limit`, so that none is taken in. By default
    /// the whole listing is read, then counted; a provider that learns the
    /// number sooner stops sooner.
    fn first_listing<'a>(&'a self, limit: Option<usize>) -> BoxFuture<'a, ProviderResult<Changes>> {
        Box::pin(async move {
            let all = self.changes(None).await?;
            match limit {
                Some(limit) if all.upserts.len() > limit => Err(ProviderError::TooMany { limit }),
                _ => Ok(all),
            }
        })
    }

    /// Makes a new item; fails with [`ProviderError::PreconditionFailed`]
    /// when the item for this booking exists already.
    fn create<'a>(&'a self, item: &'a ItemWrite) -> BoxFuture<'a, ProviderResult<Written>>;

    /// Replaces the item `id`, only if it is still at `version`.
    fn update<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
        item: &'a ItemWrite,
    ) -> BoxFuture<'a, ProviderResult<Written>>;

    /// Deletes the item `id`, only if it is still at `version`.
    fn delete<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
    ) -> BoxFuture<'a, ProviderResult<()>>;

    /// The item `id` as it is now (a recurring one with its changed
    /// occurrences); `None` when it is gone.
    fn get<'a>(&'a self, id: &'a ItemId) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>>;

    /// Our item for `booking`, if there is one.
    fn find_by_booking<'a>(
        &'a self,
        booking: &'a str,
    ) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>>;
}
