//! What the reader tells of a customer file, typed: what is wrong with a
//! value, what it passed over, how it read the file. The commands word it in
//! their language (`words::values::import_problem` and the others); the
//! English `Display` is what `--json` and the log say.

use std::fmt;

use crate::domain::contact::{EmailError, MoneyError, PhoneError};
use crate::interchange::text::Encoding;

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

/// What the reader passed over in a file, or read in another way than
/// asked; the records are read all the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A CSV column (counted from 1) without a heading.
    NoHeading { column: usize },
    /// A CSV heading that names no field we know.
    UnknownColumn { name: String, column: usize },
    /// A JSON field we do not know.
    UnknownField(String),
    /// More than this many unknown fields: they are no longer named.
    ManyUnknown(usize),
    /// The first line that is not UTF-8 (CSV: unlike the lines before it;
    /// JSON: a customer), read as Windows-1252 like any after it.
    NotUtf8 { line: u64, csv: bool },
    /// The file lists bookings, and they are not created without
    /// `--create-bookings` (said by the import).
    BookingsNotCreated(u64),
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::NoHeading { column } => {
                write!(f, "column {column} has no heading; it is ignored")
            }
            Warning::UnknownColumn { name, column } => write!(
                f,
                "column {name:?} (column {column}) is not one we know; it is ignored"
            ),
            Warning::UnknownField(key) => {
                write!(f, "field {key:?} is not one we know; it is ignored")
            }
            Warning::ManyUnknown(n) => write!(
                f,
                "more than {n} fields are not ones we know; they are all ignored"
            ),
            Warning::NotUtf8 { line, csv: true } => write!(
                f,
                "line {line} is not UTF-8 like the lines before it; it was read as \
                 Windows-1252, and so will any other such line"
            ),
            Warning::NotUtf8 { line, csv: false } => write!(
                f,
                "line {line} is not UTF-8; it was read as Windows-1252, and so will any other \
                 such customer"
            ),
            Warning::BookingsNotCreated(n) => write!(
                f,
                "the file lists {n} booking(s); they are not created without --create-bookings"
            ),
        }
    }
}

/// How a customer file was read: its format, and for CSV its separator,
/// encoding and number of columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Csv {
        delimiter: char,
        encoding: Encoding,
        columns: usize,
    },
    Json {
        windows1252: bool,
    },
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Csv {
                delimiter,
                encoding,
                columns,
            } => {
                let separated = match delimiter {
                    ';' => "semicolon-separated".to_string(),
                    ',' => "comma-separated".to_string(),
                    '\t' => "tab-separated".to_string(),
                    d => format!("separated by {d:?}"),
                };
                let encoding = encoding.name();
                write!(f, "CSV, {separated}, {encoding}, {columns} columns")
            }
            Shape::Json { windows1252: true } => f.write_str("JSON, Windows-1252"),
            Shape::Json { windows1252: false } => f.write_str("JSON"),
        }
    }
}
