//! The CSV writer: one heading row, then one row per customer, in the form
//! the reader reads back unchanged.

use std::io::{self, Write};

use ::csv::{QuoteStyle, Terminator, Writer, WriterBuilder};
use chrono::SecondsFormat;

use crate::domain::Customer;
use crate::domain::contact::format_money_ore;

/// How the CSV is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// `b','`, or `b';'` for Excel with Danish settings.
    pub delimiter: u8,
    /// Start with a UTF-8 byte-order mark (Excel then reads æøå right).
    pub bom: bool,
    /// End lines with CRLF instead of LF.
    pub crlf: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: b',',
            bom: false,
            crlf: false,
        }
    }
}

/// The heading row of written files.
pub const CSV_HEADER: [&str; 11] = [
    "Name",
    "Email",
    "Phone",
    "Address",
    "Company",
    "Notes",
    "Tags",
    "TotalLeads",
    "TotalBookings",
    "TotalRevenue",
    "LastContactAt",
];

/// Writes customers as CSV.
pub struct CsvWriter<W: Write> {
    inner: Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the file: the BOM if asked for, and the heading row.
    pub fn new(mut w: W, opts: CsvOptions) -> io::Result<Self> {
        if opts.bom {
            w.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut inner = WriterBuilder::new()
            .delimiter(opts.delimiter)
            .terminator(if opts.crlf {
                Terminator::CRLF
            } else {
                Terminator::Any(b'\n')
            })
            .quote_style(QuoteStyle::Necessary)
            .from_writer(w);
        inner.write_record(CSV_HEADER).map_err(into_io)?;
        Ok(CsvWriter { inner })
    }

    /// One row: phone and e-mail as stored, tags joined with `, `, revenue
    /// in kroner with two decimals, the last contact in RFC 3339 UTC.
    pub fn write(&mut self, c: &Customer) -> io::Result<()> {
        let h = &c.history;
        let last_contact = h
            .last_contact
            .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
            .unwrap_or_default();
        self.inner
            .write_record([
                c.name.as_str(),
                &c.email,
                &c.phone,
                &c.address,
                &c.company,
                &c.notes,
                &c.tags.join(", "),
                &h.leads.to_string(),
                &h.bookings.to_string(),
                &format_money_ore(h.revenue_ore),
                &last_contact,
            ])
            .map_err(into_io)
    }

    /// Flushes and gives back the writer.
    pub fn finish(self) -> io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

fn into_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
