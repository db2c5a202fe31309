//! Customer files: CSV and JSON readers, the CSV writer.
//!
//! [`CustomerReader`] reads a file one customer at a time, whatever its size:
//! CSV as Excel and other tools save it (Danish or English headings in any
//! order, `;`, `,` or tab, UTF-8 or Windows-1252), or JSON in the shape of
//! `CustomerImportData` (a list, or `{"customers": [...]}`), bookings included.
//! Every customer comes back as a [`CustomerRecord`] with the line it starts
//! on and the [`Problem`]s of its fields, so a person can fix the file; only
//! a file that cannot be read at all gives a [`FileError`]. A value, a record
//! or a quoted value past its limit ([`MAX_FIELD`] and the others, in
//! `limits`) is such an error too, met as soon as the limit is crossed.
//!
//! [`CsvWriter`] writes customers as CSV that the reader reads back unchanged.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::domain::{BookingStatus, BusinessTz, CustomerHistory};
use crate::interchange::text::{Encoding, SNIFF_LEN, read_head};

mod fault;
mod fields;
mod json_record;
mod limits;
mod lite;
mod read_csv;
mod read_json;
mod write;

pub use fault::{Fault, Shape, Warning};
pub use limits::{MAX_CSV_RECORD, MAX_FIELD, MAX_JSON_CUSTOMER, MAX_QUOTED_LINES};
pub use write::{CSV_HEADER, CsvOptions, CsvWriter, neutralise, unguard};

#[cfg(test)]
mod garbage;
#[cfg(test)]
mod roundtrip;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_json;
#[cfg(test)]
mod tests_limits;

/// The kind of a customer file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// By the file's extension: `.csv`, `.txt`, `.tsv` are CSV, `.json` is JSON.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" | "tsv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// By the content: JSON starts with `[` or `{`.
    fn sniff(head: &[u8]) -> Format {
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[' | b'{') => Format::Json,
            _ => Format::Csv,
        }
    }
}

/// What is wrong with one field of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line the record starts on.
    pub line: u64,
    /// As the file names it: the CSV heading, or the JSON field
    /// (`email`, `bookings[1].startTime`). Empty for the record as a whole.
    pub column: String,
    pub fault: Fault,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "line {}: {}", self.line, self.fault)
        } else {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.fault
            )
        }
    }
}

/// One booking of an imported customer (JSON only).
#[derive(Debug, Clone, PartialEq)]
pub struct BookingRecord {
    /// The line of the booking's `{`.
    pub line: u64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub service: String,
    pub status: BookingStatus,
    pub notes: String,
    /// The cleaner's name, when the file says.
    pub staff: Option<String>,
    /// Where the job is, when not at the customer's address.
    pub address: String,
}

/// One customer as read from a file, with what is wrong with it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomerRecord {
    /// The 1-based line the record starts on (CSV: its first physical line;
    /// JSON: the line of its `{`).
    pub line: u64,
    pub name: String,
    /// Checked, with the domain lower-cased.
    pub email: String,
    /// E.164, e.g. `+4512345678`.
    pub phone: String,
    pub address: String,
    pub company: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub history: CustomerHistory,
    pub bookings: Vec<BookingRecord>,
    /// Every bad field of the record; empty when the record is valid.
    pub problems: Vec<Problem>,
}

impl CustomerRecord {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A file that cannot be read on: unreadable, UTF-16, no name column,
/// broken JSON. Reading stops there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub line: Option<u64>,
    pub message: String,
}

impl FileError {
    fn new(line: Option<u64>, message: impl Into<String>) -> Self {
        FileError {
            line,
            message: message.into(),
        }
    }

    fn io(e: &std::io::Error) -> Self {
        FileError::new(None, format!("cannot read the file: {e}"))
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for FileError {}

enum Source {
    Csv(read_csv::CsvSource),
    Json(read_json::JsonSource),
}

/// Reads customers from a CSV or JSON file, one at a time.
///
/// It holds the input as a `Box<dyn Read>`, so it stays on the thread that
/// made it: open it on the thread that reads it.
pub struct CustomerReader {
    source: Source,
    warnings: Vec<Warning>,
    done: bool,
}

impl CustomerReader {
    /// Opens a file. Without a format, the extension decides, else the content.
    pub fn open(
        path: &Path,
        format: Option<Format>,
        tz: BusinessTz,
    ) -> Result<CustomerReader, FileError> {
        let file = File::open(path)
            .map_err(|e| FileError::new(None, format!("cannot open {}: {e}", path.display())))?;
        Self::start(
            Box::new(file),
            format.or_else(|| Format::from_path(path)),
            tz,
        )
    }

    pub fn from_reader(
        r: impl Read + 'static,
        format: Format,
        tz: BusinessTz,
    ) -> Result<CustomerReader, FileError> {
        Self::start(Box::new(r), Some(format), tz)
    }

    /// Reads `r`; without a format, the content decides.
    pub fn from_input(
        r: impl Read + 'static,
        format: Option<Format>,
        tz: BusinessTz,
    ) -> Result<CustomerReader, FileError> {
        Self::start(Box::new(r), format, tz)
    }

    fn start(
        mut input: Box<dyn Read>,
        format: Option<Format>,
        tz: BusinessTz,
    ) -> Result<CustomerReader, FileError> {
        let head = read_head(&mut input, SNIFF_LEN).map_err(|e| FileError::io(&e))?;
        let encoding = Encoding::sniff(&head).map_err(|m| FileError::new(None, m))?;
        let text = &head[encoding.bom_len()..];
        if text.iter().all(u8::is_ascii_whitespace) {
            return Err(FileError::new(None, "the file is empty"));
        }
        let format = format.unwrap_or_else(|| Format::sniff(text));
        let mut warnings = Vec::new();
        let source = match format {
            Format::Csv => Source::Csv(read_csv::CsvSource::new(
                head,
                input,
                encoding,
                tz,
                &mut warnings,
            )?),
            Format::Json => Source::Json(read_json::JsonSource::new(head, input, encoding, tz)?),
        };
        Ok(CustomerReader {
            source,
            warnings,
            done: false,
        })
    }

    /// How much of the input has been read, in bytes (for a progress bar).
    pub fn bytes_read(&self) -> u64 {
        match &self.source {
            Source::Csv(s) => s.bytes_read(),
            Source::Json(s) => s.bytes_read(),
        }
    }

    /// What the file was read as, e.g. `CSV, semicolon-separated,
    /// Windows-1252, 7 columns` or `JSON`.
    /// The shape in English, as `--json` says it: `CSV, comma-separated,
    /// UTF-8, 5 columns`.
    pub fn describe(&self) -> String {
        self.shape().to_string()
    }

    /// How the file is read.
    pub fn shape(&self) -> Shape {
        match &self.source {
            Source::Csv(s) => s.shape(),
            Source::Json(s) => s.shape(),
        }
    }

    /// What was passed over so far: unknown columns and fields, rows that
    /// were not UTF-8.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
}

impl Iterator for CustomerReader {
    type Item = Result<CustomerRecord, FileError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = match &mut self.source {
            Source::Csv(s) => s.next_record(&mut self.warnings),
            Source::Json(s) => s.next_record(&mut self.warnings),
        };
        if !matches!(item, Some(Ok(_))) {
            self.done = true;
        }
        item
    }
}
