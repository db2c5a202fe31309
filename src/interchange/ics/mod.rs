//! iCalendar (RFC 5545): streaming reader and writer.
//!
//! - [`IcsReader`] reads a file one content line at a time (CRLF or LF,
//!   folded lines, BOM, quoted parameters) and yields one [`Component`] per
//!   VEVENT or VTIMEZONE. A broken event is an `Err` with `fatal: false`; the
//!   reader carries on after its END:VEVENT. A broken file (no calendar,
//!   unbalanced BEGIN/END, I/O error) is one `fatal: true` error, then the end.
//! - [`TzResolver`] turns an [`IcsTime`] into an instant or a day: IANA names
//!   (also with vendor prefixes), Windows zone names, then the file's own
//!   VTIMEZONE rules.
//! - [`occurrences`] expands an event (RRULE, RDATE, EXDATE) within a window.
//! - [`IcsWriter`] writes bookings as VEVENTs with a VTIMEZONE of the business
//!   zone, folded at 75 octets, that khal and calcurse import.

mod expand;
mod lines;
mod read;
mod tz;
mod values;
mod vtimezone;
mod windows;
mod write;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::domain::recurrence::RRule;

pub use expand::{Occurrence, occurrences, recurrence_key};
pub use lines::escape_text;
pub use read::IcsReader;
pub use tz::{Resolved, TzResolver, zone_for_tzid};
pub use write::{EventOut, IcsWriter};

/// A DTSTART, DTEND, RDATE, EXDATE or RECURRENCE-ID value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IcsTime {
    /// `20261123T090000Z`
    Utc(DateTime<Utc>),
    /// `20261123T090000` without TZID: local to whoever reads it.
    Floating(NaiveDateTime),
    /// `DTSTART;TZID=Europe/Copenhagen:20261123T090000`
    Zoned { local: NaiveDateTime, tzid: String },
    /// `VALUE=DATE` (all day): `20261123`
    Date(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attendee {
    pub cn: Option<String>,
    /// As written, usually `mailto:...`.
    pub address: String,
}

/// One VEVENT. Text is unescaped; times are as written (see [`TzResolver`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Event {
    /// Physical line number (1-based) of its BEGIN:VEVENT.
    pub line: u64,
    /// `""` if missing.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    /// Upper case: CONFIRMED, TENTATIVE, CANCELLED.
    pub status: Option<String>,
    pub categories: Vec<String>,
    pub start: Option<IcsTime>,
    pub end: Option<IcsTime>,
    pub duration: Option<chrono::Duration>,
    /// The raw RRULE value (already checked to parse).
    pub rrule: Option<String>,
    pub rdates: Vec<IcsTime>,
    pub exdates: Vec<IcsTime>,
    pub recurrence_id: Option<IcsTime>,
    pub attendees: Vec<Attendee>,
    /// X- properties: (NAME upper case, unescaped value).
    pub extra: Vec<(String, String)>,
}

/// A STANDARD or DAYLIGHT part of a VTIMEZONE.
#[derive(Debug, Clone, PartialEq)]
pub struct Observance {
    pub daylight: bool,
    /// Local time of the first onset, on the clock before it (TZOFFSETFROM).
    pub start: NaiveDateTime,
    /// Seconds east of UTC before the onset.
    pub offset_from: i32,
    /// Seconds east of UTC from the onset on.
    pub offset_to: i32,
    pub rrule: Option<RRule>,
    pub rdates: Vec<NaiveDateTime>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VTimezone {
    pub tzid: String,
    /// Physical line number of its BEGIN:VTIMEZONE.
    pub line: u64,
    pub observances: Vec<Observance>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Component {
    Event(Box<Event>),
    Timezone(VTimezone),
}

/// What is wrong with a file, and where. `fatal`: the reader stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsError {
    pub line: u64,
    pub message: String,
    pub fatal: bool,
}

impl std::fmt::Display for IcsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for IcsError {}

#[cfg(test)]
mod tests;
