//! What a calendar import tells of a file, typed: why an event is not
//! imported, which new bookings double-book, which recurring events were
//! read in another way than they ask. The commands word them in their language (`words::values::ics`);
//! the English `Display` is what `--json` and the log say, as always.

use std::fmt;

use chrono::NaiveDateTime;

use crate::domain::MAX_BOOKING_HOURS;
use crate::domain::ShapeError;
use crate::domain::recurrence::RRuleError;
use crate::domain::series::SeriesError;
use crate::store::{EntryRefusal, StoreError};

/// An event that is not imported, and the line it begins on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsProblem {
    pub line: u64,
    pub fault: IcsFault,
}

/// What is wrong with an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IcsFault {
    /// The reader could not read it; its own words (English, with the
    /// property as the file writes it).
    Unreadable(String),
    /// Its dates cannot be worked out (its rule, zone or window); the
    /// reader's words.
    Dates(String),
    /// It lasts longer than a booking may (its summary, its length in
    /// minutes).
    TooLong { summary: String, minutes: i64 },
    /// A property that should hold a number of minutes (as written).
    NotMinutes { field: &'static str, value: String },
    /// A property that should hold a booking status (as written).
    NotAStatus { field: &'static str, value: String },
    /// A property that should hold an RFC 3339 time (as written).
    NotATime { field: &'static str, value: String },
    /// Its booking or series refers to something the database no longer has.
    Missing { entity: &'static str, id: i64 },
    /// The database refused its booking or series; the store's words.
    Refused(String),
    /// The database refused its booking as one that cannot exist (its
    /// times, its service).
    Shape(ShapeError),
    /// The database refused its series for the series' own rules.
    Series(SeriesError),
    /// The database refused a value of it (a customer with no name).
    Entry(EntryRefusal),
}

impl IcsFault {
    /// A refusal of the store as a fault of the event, or the error back
    /// when it is not the event's (the database failed).
    pub(super) fn refused(e: StoreError) -> Result<IcsFault, StoreError> {
        match e {
            StoreError::NotFound { entity, id } => Ok(IcsFault::Missing { entity, id }),
            StoreError::Shape(s) => Ok(IcsFault::Shape(s)),
            StoreError::Series(s) => Ok(IcsFault::Series(s)),
            StoreError::Entry(r) => Ok(IcsFault::Entry(r)),
            e if e.is_invalid() => Ok(IcsFault::Refused(e.to_string())),
            e => Err(e),
        }
    }
}

impl fmt::Display for IcsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.fault)
    }
}

impl fmt::Display for IcsFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IcsFault::Unreadable(t) | IcsFault::Dates(t) | IcsFault::Refused(t) => f.write_str(t),
            IcsFault::Shape(s) => write!(f, "{s}"),
            IcsFault::Series(s) => write!(f, "{s}"),
            IcsFault::Entry(r) => write!(f, "{r}"),
            IcsFault::TooLong { summary, minutes } => write!(
                f,
                "{summary:?} lasts {:.0} hours; a booking lasts at most {MAX_BOOKING_HOURS} \
                 hours (leave it out with --skip-invalid, or split it in the calendar)",
                *minutes as f64 / 60.0
            ),
            IcsFault::NotMinutes { field, value } => {
                write!(f, "{field} {value:?} is not a number of minutes")
            }
            IcsFault::NotAStatus { field, value } => write!(
                f,
                "{field} {value:?} is not one of scheduled, in_progress, completed, cancelled"
            ),
            IcsFault::NotATime { field, value } => {
                write!(f, "{field} {value:?} is not an RFC 3339 time")
            }
            IcsFault::Missing { entity, id } => StoreError::NotFound { entity, id: *id }.fmt(f),
        }
    }
}

/// A booking the import created that double-books its cleaner; kept as the
/// calendar has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsClash {
    /// The line of the event.
    pub line: u64,
    pub booking: i64,
    /// Its local start.
    pub start: NaiveDateTime,
    /// The bookings it double-books with.
    pub with: Vec<i64>,
}

impl fmt::Display for IcsClash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<String> = self.with.iter().map(|id| format!("#{id}")).collect();
        write!(
            f,
            "line {}: booking #{} {} double-books with {}",
            self.line,
            self.booking,
            self.start.format("%-d/%-m %H:%M"),
            ids.join(", ")
        )
    }
}

/// A recurring event imported otherwise than it asks; its bookings are
/// imported all the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IcsWarning {
    /// An earlier import gave it a booking per occurrence, and it stays so
    /// (a series beside them would double them).
    StaysLoose { line: u64, summary: String },
    /// A series cannot hold its rule: imported as single bookings.
    NotASeries {
        line: u64,
        summary: String,
        rule: String,
        why: NotASeries,
    },
}

impl fmt::Display for IcsWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IcsWarning::StaysLoose { line, summary } => write!(
                f,
                "line {line}: {summary:?} came in before as a booking per occurrence, and stays \
                 so (a series beside them would double them)"
            ),
            IcsWarning::NotASeries {
                line,
                summary,
                rule,
                why,
            } => write!(
                f,
                "line {line}: {summary:?} repeats as RRULE {rule}, which a series cannot hold \
                 ({why}): imported as single bookings"
            ),
        }
    }
}

/// Why a series cannot hold a recurring event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotASeries {
    NoRule,
    NoStart,
    /// Its start's time zone is not one the file or the system knows.
    UnknownZone,
    /// An all-day event: a series' visits have a start time.
    AllDay,
    /// It starts at a second past the minute.
    Seconds,
    /// Its end is not a time of day.
    EndNotATime,
    /// Its duration is longer than a calendar holds.
    DurationTooLong,
    NoEnd,
    /// A visit lasts whole minutes, from 1 minute to 24 hours.
    Length,
    /// The holiday policy property is not `skip` or `move` (as written).
    Holidays {
        field: &'static str,
        value: String,
    },
    /// A pause's date is not `YYYY-MM-DD` (as written).
    PauseDate {
        field: &'static str,
        value: String,
    },
    /// A pause is not `FROM/TO` (as written).
    PauseRange {
        field: &'static str,
        value: String,
    },
    /// A rule the series cannot repeat by.
    Rule(RRuleError),
    /// A series the rule would give breaks the series' own rules.
    Series(SeriesError),
    /// Its dates cannot be worked out; the reader's words.
    Dates(String),
    /// Its dates do not keep one local time in the business's zone.
    Drifts {
        zone: String,
    },
}

impl fmt::Display for NotASeries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotASeries::NoRule => f.write_str("no RRULE"),
            NotASeries::NoStart => f.write_str("no start"),
            NotASeries::UnknownZone => f.write_str("its zone is not known"),
            NotASeries::AllDay => f.write_str("an all-day event has no start time"),
            NotASeries::Seconds => f.write_str("it starts at a second past the minute"),
            NotASeries::EndNotATime => f.write_str("its end is not a time"),
            NotASeries::DurationTooLong => {
                f.write_str("its duration is longer than a calendar holds")
            }
            NotASeries::NoEnd => f.write_str("it has no end time"),
            NotASeries::Length => {
                f.write_str("a visit lasts whole minutes, from 1 minute to 24 hours")
            }
            NotASeries::Holidays { field, value } => {
                write!(f, "{field} {value:?} is not skip or move")
            }
            NotASeries::PauseDate { field, value } => {
                write!(f, "{field}: {value:?} is not a date (YYYY-MM-DD)")
            }
            NotASeries::PauseRange { field, value } => {
                write!(f, "{field}: {value:?} is not FROM/TO")
            }
            NotASeries::Rule(e) => e.fmt(f),
            NotASeries::Series(e) => e.fmt(f),
            NotASeries::Dates(t) => f.write_str(t),
            NotASeries::Drifts { zone } => write!(
                f,
                "its dates do not keep one local time in {zone} the way a series does"
            ),
        }
    }
}
