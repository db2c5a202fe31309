//! Why a cleaner's hours, date override, time off, area or number was
//! refused: the facts, typed. The console's staff screen and the commands
//! word them (`tui::view::values::hours`); the English `Display` is for
//! callers with no words at hand (the store's guard, the demo's data).

use std::fmt;

use chrono::NaiveTime;

use crate::domain::time::parse_hm;

/// Why a value of a cleaner's was refused. `text` is the part at fault,
/// as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HoursError {
    /// Not `HH:MM`.
    NotATime { text: String },
    /// Not `HH:MM-HH:MM`.
    NotHours { text: String },
    /// Hours that end before they start.
    EndsBeforeStart { text: String },
    /// A working day (the older one-interval form) that ends before it starts.
    DayEndsBeforeStart { text: String },
    /// Two intervals of `what` (days or a date range) overlap.
    Overlap {
        what: String,
        first: String,
        second: String,
    },
    /// Not a weekday key.
    NotAWeekday { text: String },
    /// Times before any day was named.
    DaysFirst { text: String },
    /// Days without hours.
    NoHours { text: String },
    /// Working hours (the older form) without days.
    NoWorkingHours { text: String },
    /// `fri-mon`.
    DaysBackwards { text: String },
    /// An override that is neither closed nor hours.
    NotAnOverride { text: String },
    /// Not `YYYY-MM-DD`.
    NotADate { text: String },
    /// A date range that ends before it starts.
    RangeBackwards { text: String },
    /// Time off that ends before it starts.
    TimeOffBackwards { text: String },
    /// Not four digits.
    NotAPostcode { text: String },
    /// `2450-2100`.
    PostcodesBackwards { text: String },
    /// Not a number of hours between 0 and `max`, nor `none`.
    NotHoursCount { text: String, max: u32 },
    /// Not a whole number.
    NotWholeNumber { text: String },
    /// A weekday index past Sunday.
    NoSuchDay { day: usize },
    /// A weekday's hours left empty.
    EmptyDay,
}

/// `HH:MM`, refused as [`HoursError::NotATime`].
pub(crate) fn hm(s: &str) -> Result<NaiveTime, HoursError> {
    parse_hm(s).map_err(|_| HoursError::NotATime { text: s.into() })
}

impl fmt::Display for HoursError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HoursError::NotATime { text } => {
                write!(f, "{text:?} is not a time; write it as HH:MM, e.g. 07:30")
            }
            HoursError::NotHours { text } => write!(f, "{text:?}: write hours as HH:MM-HH:MM"),
            HoursError::EndsBeforeStart { text } => {
                write!(f, "{text:?}: the hours must end after they start")
            }
            HoursError::DayEndsBeforeStart { text } => {
                write!(f, "{text:?}: the working day must end after it starts")
            }
            HoursError::Overlap {
                what,
                first,
                second,
            } => write!(f, "{what}: {first} and {second} overlap"),
            HoursError::NotAWeekday { text } => write!(
                f,
                "{text:?} is not a weekday (mon, tue, wed, thu, fri, sat, sun)"
            ),
            HoursError::DaysFirst { text } => write!(
                f,
                "{text:?}: name the days first, e.g. mon-fri 08:00-12:00,12:30-16:00"
            ),
            HoursError::NoHours { text } => write!(
                f,
                "{text:?}: write hours as DAYS HH:MM-HH:MM, e.g. mon-fri 08:00-16:00"
            ),
            HoursError::NoWorkingHours { text } => write!(
                f,
                "{text:?}: write working hours as DAYS HH:MM-HH:MM, e.g. mon-fri 07:00-16:00"
            ),
            HoursError::DaysBackwards { text } => write!(
                f,
                "{text:?}: the first day must come before the last (mon-fri)"
            ),
            HoursError::NotAnOverride { text } => write!(
                f,
                "{text:?}: write DATE[..DATE] closed or DATE[..DATE] HH:MM-HH:MM"
            ),
            HoursError::NotADate { text } => {
                write!(f, "{text:?} is not a date; write YYYY-MM-DD")
            }
            HoursError::RangeBackwards { text } => {
                write!(f, "{text:?}: the range must end on or after it starts")
            }
            HoursError::TimeOffBackwards { text } => write!(
                f,
                "{text:?}: time off must end on or after the day it starts"
            ),
            HoursError::NotAPostcode { text } => {
                write!(f, "{text:?} is not a postcode (four digits, e.g. 2100)")
            }
            HoursError::PostcodesBackwards { text } => {
                write!(f, "{text:?}: the range must go up (2100-2450)")
            }
            HoursError::NotHoursCount { text, max } => write!(
                f,
                "{text:?} is not a number of hours between 0 and {max} (e.g. 30 or 37.5), or none"
            ),
            HoursError::NotWholeNumber { text } => {
                write!(f, "{text:?} is not a whole number (e.g. 0, 5 or -1)")
            }
            HoursError::NoSuchDay { day } => write!(f, "day {day} is not a weekday"),
            HoursError::EmptyDay => write!(
                f,
                "write HH:MM-HH:MM, a second interval after a comma for a break, or off"
            ),
        }
    }
}

impl std::error::Error for HoursError {}
