//! Why a config file's value is refused, typed: the file, the line when
//! known, the field and the kind of fault. `Display` is the English text
//! (logs and scripts read it); `words::values::config_error` says it in the
//! command's language, with what to do.

use std::fmt;
use std::path::PathBuf;

use crate::domain::contact::PhoneError;

/// A config file that cannot be read at all: `cannot read config file X`,
/// the system's error (or [`crate::tomlfile::read`]'s refusal of a file too
/// big or not UTF-8) as its source.
#[derive(Debug)]
pub struct ConfigUnreadable {
    pub file: PathBuf,
    pub error: std::io::Error,
}

impl fmt::Display for ConfigUnreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read config file {}", self.file.display())
    }
}

impl std::error::Error for ConfigUnreadable {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// A refused value of `config.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, as it was named.
    pub file: PathBuf,
    /// The 1-based line of the key, when it was found in the text.
    pub line: Option<usize>,
    /// Whether the English text names the line: it always has for
    /// `[slots]`, `[api]` and `[calendars]`, never for the rest (scripts
    /// read that text as it is). The words in other languages always do.
    pub english_line: bool,
    /// The field, as `table.key` (`day.scroll_min`).
    pub field: String,
    pub why: FieldWhy,
}

/// The unit of a range's bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A bare number (a percentage, a count).
    None,
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Requests,
    KiB,
}

/// What a range says of its bounds beside the numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeNote {
    None,
    /// The low bound means "no pacing": `0 (unpaced)`.
    Unpaced,
    /// The high bound is a week of minutes: `10080 minutes (a week)`.
    AWeek,
    /// The low bound is `conflicts.travel_gap_min`.
    AreaGap,
}

/// The kind of fault of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldWhy {
    /// A number outside `low..=high`.
    OutOfRange {
        value: u64,
        low: u64,
        high: u64,
        unit: Unit,
        note: RangeNote,
    },
    /// Not a time of day as `HH:MM`.
    NotATime { text: String },
    /// Not a date as `YYYY-MM-DD`.
    NotADate { text: String },
    /// Not a time zone's IANA name.
    NotATimeZone { text: String },
    /// Not a language the console speaks.
    NotALanguage { text: String },
    /// Not a slot finder grid (minutes that divide an hour, or whole hours).
    NotAGrid { minutes: u32 },
    /// Not a billing unit (15, 30 or 60 minutes).
    NotABillingUnit { minutes: u32 },
    /// Not one of the customary days the company may choose to close.
    NotAClosingDay { text: String },
    /// An end that is not after its start field.
    EndBeforeStart { start: &'static str },
    /// A notice window with nothing left in it.
    NoticeLeavesNothing { days: u32, min_notice_min: u32 },
    /// A phone number that cannot be read.
    Phone(PhoneError),
    /// A rate that is not an amount over 0 kr; `service` for `[billing.rates]`.
    Rate {
        service: Option<String>,
        detail: String,
    },
    /// A name left empty in `[roles]`.
    EmptyRoleName,
    /// A cleaner's calendar that cannot be read (the detail in English).
    Calendar { detail: String },
    /// A rarer fault, in English.
    Other(String),
}

/// A field's fault as the config's checks hand it over: (field, why).
pub(super) type FieldError = (&'static str, FieldWhy);

impl Unit {
    /// The English unit after a number, with its space; empty for none.
    fn english(self) -> &'static str {
        match self {
            Unit::None => "",
            Unit::Milliseconds => " milliseconds",
            Unit::Seconds => " seconds",
            Unit::Minutes => " minutes",
            Unit::Hours => " hours",
            Unit::Days => " days",
            Unit::Weeks => " weeks",
            Unit::Requests => " requests",
            Unit::KiB => " KiB",
        }
    }
}

impl FieldWhy {
    /// `value` out of `low..=high` in `unit`.
    pub fn range(value: impl Into<u64>, low: u64, high: u64, unit: Unit) -> FieldWhy {
        FieldWhy::OutOfRange {
            value: value.into(),
            low,
            high,
            unit,
            note: RangeNote::None,
        }
    }

    /// As [`FieldWhy::range`], with a note on the bounds.
    pub fn range_noted(
        value: impl Into<u64>,
        low: u64,
        high: u64,
        unit: Unit,
        note: RangeNote,
    ) -> FieldWhy {
        FieldWhy::OutOfRange {
            value: value.into(),
            low,
            high,
            unit,
            note,
        }
    }
}

impl fmt::Display for FieldWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldWhy::OutOfRange {
                value,
                low,
                high,
                unit,
                note,
            } => {
                let unit = unit.english();
                write!(f, "{value} is out of range; use {low}")?;
                match note {
                    RangeNote::None => write!(f, " to {high}{unit}"),
                    RangeNote::Unpaced => write!(f, " (unpaced) to {high}{unit}"),
                    RangeNote::AWeek => write!(f, " to {high}{unit} (a week)"),
                    RangeNote::AreaGap => write!(
                        f,
                        " (the gap within an area, conflicts.travel_gap_min) to {high}{unit}"
                    ),
                }
            }
            FieldWhy::NotATime { text } => {
                write!(f, "{text:?} is not a time; write it as HH:MM, e.g. 07:30")
            }
            FieldWhy::NotADate { text } => {
                write!(f, "{text:?} is not a date; write it as 2026-12-24")
            }
            FieldWhy::NotATimeZone { text } => write!(
                f,
                "unknown time zone {text:?} (use an IANA name such as Europe/Copenhagen)"
            ),
            FieldWhy::NotALanguage { text } => write!(
                f,
                "{text:?} is not a language the console speaks; use \"da\" or \"en\""
            ),
            FieldWhy::NotAGrid { minutes } => write!(
                f,
                "{minutes} is not a grid; use 5 to 120 minutes that divide an hour (5, 10, 15, \
                 20, 30) or whole hours (60, 120)"
            ),
            FieldWhy::NotABillingUnit { minutes } => write!(
                f,
                "{minutes} is not a billing unit; use 15 (quarter hour), 30 or 60 minutes"
            ),
            FieldWhy::NotAClosingDay { text } => write!(
                f,
                "{text:?} is not a day the company can choose to close; use grundlovsdag, \
                 juleaftensdag or nytårsaftensdag (or give a date)"
            ),
            FieldWhy::EndBeforeStart { start } => write!(f, "must be after {start}"),
            FieldWhy::NoticeLeavesNothing {
                days,
                min_notice_min,
            } => write!(
                f,
                "{days} days ahead leaves nothing after the minimum notice of {min_notice_min} \
                 minutes"
            ),
            FieldWhy::Phone(e) => write!(f, "{e}"),
            FieldWhy::Rate {
                service: Some(s),
                detail,
            } => write!(f, "{s:?}: {detail}"),
            FieldWhy::Rate {
                service: None,
                detail,
            } => f.write_str(detail),
            FieldWhy::EmptyRoleName => {
                f.write_str("an empty name; write a login (\"anna\") or a group (\"@renos\")")
            }
            FieldWhy::Calendar { detail } | FieldWhy::Other(detail) => f.write_str(detail),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file.display())?;
        if let Some(line) = self.line.filter(|_| self.english_line) {
            write!(f, "line {line}: ")?;
        }
        match &self.why {
            // "day.end must be after day.start": the field leads the sentence.
            FieldWhy::EndBeforeStart { .. } => write!(f, "{} {}", self.field, self.why),
            why => write!(f, "{}: {why}", self.field),
        }
    }
}

impl std::error::Error for ConfigError {}
