//! What is wrong with a value of a customer file, typed: the commands word
//! it in their language (`words::values::import_problem`); the English
//! `Display` is what `--json` and the log say.

use std::fmt;

use crate::domain::contact::{EmailError, MoneyError, PhoneError};

/// What is wrong with one field (or the whole) of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The record has no name, or an empty one.
    NoName,
    Email(EmailError),
    Phone(PhoneError),
    /// An amount of money (the revenue).
    Money(MoneyError),
    /// Not a whole number, 0 or more: as written, and whether it was
    /// written as a number (a JSON number: shown without quotes).
    NotACount {
        text: String,
        number: bool,
    },
    /// A count too large to keep.
    CountTooLarge(String),
    /// Not a date (as written).
    NotADate(String),
    /// Not a date with a time (as written).
    NotADateTime(String),
    /// Not a booking status (as written).
    NotAStatus(String),
    /// A booking without its start (`true`) or end time.
    NoTime {
        start: bool,
    },
    /// A booking's end is not after its start (both as written).
    EndNotAfterStart {
        start: String,
        end: String,
    },
    /// A CSV row with more fields than the heading row has.
    TooManyFields {
        fields: usize,
        heading: usize,
        delimiter: char,
    },
    /// Anything else (the shape of a JSON file), in English.
    Other(String),
}

/// The date forms the reader takes, for the English text.
const DATE_HINT: &str =
    "write it as 2025-10-01, 1/10/2025, 2025-10-01 10:00 or 2025-10-01T10:00:00+02:00";

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::NoName => f.write_str("a customer needs a name"),
            Fault::Email(e) => e.fmt(f),
            Fault::Phone(e) => e.fmt(f),
            Fault::Money(e) => e.fmt(f),
            Fault::NotACount { text, number } => {
                if *number {
                    write!(f, "{text}")?;
                } else {
                    write!(f, "{text:?}")?;
                }
                write!(f, " is not a count: write a whole number, 0 or more")
            }
            Fault::CountTooLarge(t) => write!(f, "{t:?} is too large a count"),
            Fault::NotADate(t) => write!(f, "{t:?} is not a date: {DATE_HINT}"),
            Fault::NotADateTime(t) => write!(
                f,
                "{t:?} is not a date and time: write it as 2025-10-15T10:00:00+02:00 or \
                 2025-10-15 10:00"
            ),
            Fault::NotAStatus(t) => write!(
                f,
                "{t:?} is not a booking status: use scheduled, in_progress, completed or cancelled"
            ),
            Fault::NoTime { start } => write!(
                f,
                "a booking needs its {} time",
                if *start { "start" } else { "end" }
            ),
            Fault::EndNotAfterStart { start, end } => {
                write!(f, "the end ({end}) is not after the start ({start})")
            }
            Fault::TooManyFields {
                fields,
                heading,
                delimiter,
            } => {
                let name = match delimiter {
                    ';' => "semicolon",
                    '\t' => "tab",
                    _ => "comma",
                };
                write!(
                    f,
                    "the row has {fields} fields but the heading row has {heading}; is a value \
                     with a {name} missing its quotes?"
                )
            }
            Fault::Other(t) => f.write_str(t),
        }
    }
}

impl From<String> for Fault {
    fn from(text: String) -> Fault {
        Fault::Other(text)
    }
}

impl From<&str> for Fault {
    fn from(text: &str) -> Fault {
        Fault::Other(text.to_string())
    }
}
