//! Why a typed date, time or duration was refused: the facts, typed. The
//! console and the commands word them (`tui::view::values::when`); the
//! English `Display` is for callers with no words at hand (the HTTP API,
//! MCP tools, imports and the fuzz checks).

use std::fmt;

use chrono::Month;

const DATE_HINT: &str = "write a date like 20/1 or a weekday like mandag";
const DATE_FORMS: &str = "write it like 20/1, 20/1/2025 or 2025-01-20";
const TIME_HINT: &str = "write it like 9, 9:30, 09.30 or 0930";
const DURATION_HINT: &str = "write it like 3, 2,5, 2:30, 2 t 30 min or 90 min";

/// Why a date was refused. `text` is what was typed (trimmed), `token` the
/// one word of it at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Nothing typed.
    Empty,
    /// `-3`: days are counted ahead only.
    Backwards { text: String },
    /// Two weekdays named.
    TwoWeekdays { first: String, second: String },
    /// Two dates written.
    TwoDates { first: String, second: String },
    /// Digits that do not make a date.
    NotADate { token: String },
    /// A word that names no day.
    UnknownDay { token: String },
    /// Only filler words, no date.
    NoDateIn { text: String },
    /// `+` without a number of days.
    BadCount { text: String },
    /// Past the last date the calendar holds.
    TooFarAhead { text: String },
    /// A month outside 1 to 12.
    NoSuchMonth { token: String, month: u32 },
    /// A day the month does not have.
    NoSuchDay {
        token: String,
        /// 1 to 12.
        month: u32,
        year: i32,
        last: u32,
    },
}

/// Why a time of day was refused. `text` is what was typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Nothing typed.
    Empty,
    /// Not a time at all.
    NotATime { text: String },
    /// Seconds written.
    Seconds { text: String },
    /// One digit of minutes.
    OneDigitMinutes { text: String },
    /// An hour past 23.
    Hours { text: String },
    /// A minute past 59.
    Minutes { text: String },
}

/// Why a duration was refused. `text` is what was typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    /// Nothing typed.
    Empty,
    /// Not a duration at all.
    NotADuration { text: String },
    /// A minus sign.
    Negative { text: String },
    /// Zero long.
    Zero { text: String },
    /// Past 24 hours; `bare` when only digits were typed (perhaps meant as
    /// minutes).
    OverADay { text: String, bare: bool },
    /// A clock duration with minutes past 59.
    Minutes { text: String },
    /// Minutes after the hours past 59.
    MinutesAfterHours { text: String },
    /// A unit that is neither hours nor minutes.
    UnknownUnit { text: String, unit: String },
    /// Hours with a fraction followed by minutes.
    WholeHours { text: String },
    /// Minutes with a fraction.
    WholeMinutes { text: String },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Empty => write!(f, "no date: {DATE_HINT}"),
            DateError::Backwards { text } => write!(
                f,
                "{text:?}: count days ahead only (+1 is tomorrow); for an earlier day write its date"
            ),
            DateError::TwoWeekdays { first, second } => write!(
                f,
                "two weekdays ({first} and {second}): write one weekday, or none"
            ),
            DateError::TwoDates { first, second } => {
                write!(f, "two dates ({first} and {second}): write one date")
            }
            DateError::NotADate { token } => write!(f, "{token:?} is not a date: {DATE_FORMS}"),
            DateError::UnknownDay { token } => write!(f, "unknown day {token:?}: {DATE_HINT}"),
            DateError::NoDateIn { text } => write!(f, "no date in {text:?}: {DATE_HINT}"),
            DateError::BadCount { text } => write!(
                f,
                "{text:?}: write + and a number of days, e.g. +3 for three days from today"
            ),
            DateError::TooFarAhead { text } => {
                write!(f, "{text:?} is too far ahead: write the date")
            }
            DateError::NoSuchMonth { token, month } => write!(
                f,
                "{token:?} is not a date: there is no month {month} (months go from 1 to 12)"
            ),
            DateError::NoSuchDay {
                token,
                month,
                year,
                last,
            } => write!(
                f,
                "{token:?} is not a date: {} {year} has days 1 to {last}",
                u8::try_from(*month)
                    .ok()
                    .and_then(|m| Month::try_from(m).ok())
                    .map_or("that month", |m| m.name())
            ),
        }
    }
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::Empty => write!(f, "no time: {TIME_HINT}"),
            TimeError::NotATime { text } => write!(f, "{text:?} is not a time: {TIME_HINT}"),
            TimeError::Seconds { text } => write!(
                f,
                "{text:?}: write hours and minutes without seconds, e.g. 9:30"
            ),
            TimeError::OneDigitMinutes { text } => write!(
                f,
                "{text:?}: write the minutes with two digits, e.g. 9:05 or 9:30"
            ),
            TimeError::Hours { text } => write!(
                f,
                "{text:?}: hours go from 0 to 23 (midnight is 0:00); {TIME_HINT}"
            ),
            TimeError::Minutes { text } => {
                write!(f, "{text:?}: minutes go from 00 to 59; {TIME_HINT}")
            }
        }
    }
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DurationError::Empty => write!(f, "no duration: {DURATION_HINT}"),
            DurationError::NotADuration { text } => {
                write!(f, "{text:?} is not a duration: {DURATION_HINT}")
            }
            DurationError::Negative { text } => write!(
                f,
                "{text:?}: a duration cannot be negative; {DURATION_HINT}"
            ),
            DurationError::Zero { text } => write!(
                f,
                "{text:?}: a duration must be longer than 0; {DURATION_HINT}"
            ),
            DurationError::OverADay { text, bare } => {
                write!(
                    f,
                    "{text:?} is longer than a day: a job can last at most 24 h"
                )?;
                if *bare {
                    write!(f, "; for minutes write {} min", text.to_lowercase())?;
                }
                Ok(())
            }
            DurationError::Minutes { text } => {
                write!(f, "{text:?}: minutes go from 00 to 59; {DURATION_HINT}")
            }
            DurationError::MinutesAfterHours { text } => write!(
                f,
                "{text:?}: after the hours, minutes go from 0 to 59; {DURATION_HINT}"
            ),
            DurationError::UnknownUnit { text, unit } => write!(
                f,
                "{text:?}: unknown unit {unit:?} (use t or h for hours, min for minutes)"
            ),
            DurationError::WholeHours { text } => write!(
                f,
                "{text:?}: with minutes after them, write whole hours, e.g. 2 t 30 min"
            ),
            DurationError::WholeMinutes { text } => {
                write!(f, "{text:?}: write minutes as a whole number, e.g. 90 min")
            }
        }
    }
}

impl std::error::Error for DateError {}
impl std::error::Error for TimeError {}
impl std::error::Error for DurationError {}
