//! CalDAV (RFC 4791) with WebDAV sync (RFC 6578): a calendar collection
//! behind the provider seam ([`crate::providers::calendar`]), calendar
//! discovery from a base URL, and Basic auth credentials.
//!
//! The requests are written here with reqwest rather than through a client
//! crate such as `libdav`: libdav reads whole answers without a size limit,
//! takes a truncated `sync-collection` answer (507 on the request-URI) as an
//! error instead of continuing from its token, and brings a second HTTP
//! stack (hyper through a tower service, a DNS resolver crate) beside the
//! reqwest that every other client here uses, with its timeouts, TLS set-up
//! and answer limits (`providers::body`). The handful of requests the seam
//! needs (PROPFIND, two REPORTs, GET, PUT, DELETE) are short; every answer
//! is read with roxmltree, which refuses DTDs.

mod client;
mod credentials;
mod discover;
mod ical;
mod merge;
mod transport;
mod xml;

// The answers read as the client reads them, for the fuzz tests.
#[cfg(test)]
pub(crate) use ical::read as read_item;
#[cfg(test)]
pub(crate) use merge::update as merge_item;
#[cfg(test)]
pub(crate) use xml::{multistatus as read_multistatus, names_precondition as read_precondition};

pub use client::{CalDavCalendar, CalDavSettings};
pub use credentials::{Credentials, ENV_PASSWORD, ENV_USERNAME};
pub use discover::{CalendarInfo, discover};
pub use ical::{X_BOOKING, uid_for};
