//! The CSV writer: one heading row, then one row per customer, in the form
//! the reader reads back unchanged.

use std::borrow::Cow;
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
    /// Write text that a spreadsheet would take for a formula as text (see
    /// [`neutralise`]). The file is then for people, not for reading back.
    pub guard_formulas: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: b',',
            bom: false,
            crlf: false,
            guard_formulas: false,
        }
    }
}

impl CsvOptions {
    /// For Excel with Danish settings: semicolons, a byte-order mark, CRLF,
    /// and no cell Excel would run as a formula.
    pub fn excel() -> CsvOptions {
        CsvOptions {
            delimiter: b';',
            bom: true,
            crlf: true,
            guard_formulas: true,
        }
    }
}

/// A text cell a spreadsheet shows as text, never runs: one that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front
/// (OWASP's advice against CSV injection: `=HYPERLINK(…)` in a customer's
/// name would otherwise be a live link, `=cmd|…` a command).
///
/// Every text cell is treated so, whatever it looks like: a phone number
/// `+4512345678` becomes `'+4512345678`, which Excel shows as the text
/// +4512345678 (without the `'`, Excel would make it the number 4512345678
/// and drop the plus), and a note `-5 kr rabat` stays text. The columns
/// RenOS computes itself (counts, revenue, dates) are numbers and dates by
/// design and are written as they are. [`unguard`] takes the `'` off again
/// when RenOS reads the file back.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    guard(cell, true)
}

/// `cell` with a `'` in front when it starts a formula (and `formulas`),
/// or when it already starts with `'`s before a formula start: such a text
/// (rare) would otherwise lose its first `'` to [`unguard`], so it gets one
/// more, in the plain CSV too.
fn guard(cell: &str, formulas: bool) -> Cow<'_, str> {
    if looks_guarded(cell) || (formulas && cell.starts_with(FORMULA_START)) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// What a spreadsheet takes for the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `'`s, then a formula start.
fn looks_guarded(cell: &str) -> bool {
    let rest = cell.trim_start_matches('\'');
    rest.len() < cell.len() && rest.starts_with(FORMULA_START)
}

/// A cell as it was before [`neutralise`]: one `'` fewer in front of a
/// formula start. Any other `'` (`'t Hooft`) stays.
pub fn unguard(cell: &str) -> &str {
    if looks_guarded(cell) {
        &cell[1..]
    } else {
        cell
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
    /// [`CsvOptions::guard_formulas`].
    guard: bool,
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
        Ok(CsvWriter {
            inner,
            guard: opts.guard_formulas,
        })
    }

    /// One row: phone and e-mail as stored, tags joined with `, `, revenue
    /// in kroner with two decimals, the last contact in RFC 3339 UTC; the
    /// text cells [`neutralise`]d when formulas are guarded (and a text that
    /// starts with `'` before a formula start given one more `'` always).
    pub fn write(&mut self, c: &Customer) -> io::Result<()> {
        let h = &c.history;
        let last_contact = h
            .last_contact
            .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
            .unwrap_or_default();
        let tags = c.tags.join(", ");
        let formulas = self.guard;
        let text = [
            c.name.as_str(),
            &c.email,
            &c.phone,
            &c.address,
            &c.company,
            &c.notes,
            &tags,
        ]
        .map(|s| guard(s, formulas));
        let figures = [
            h.leads.to_string(),
            h.bookings.to_string(),
            format_money_ore(h.revenue_ore),
            last_contact,
        ];
        self.inner
            .write_record(
                text.iter()
                    .map(|s| s.as_ref())
                    .chain(figures.iter().map(String::as_str)),
            )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn excel_row(c: &Customer) -> String {
        let mut w = CsvWriter::new(Vec::new(), CsvOptions::excel()).unwrap();
        w.write(c).unwrap();
        let bytes = w.finish().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        text.lines().nth(1).unwrap().to_string()
    }

    #[test]
    fn formula_cells_are_text_in_excel() {
        for (cell, shown) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+4512345678", "'+4512345678"),
            ("-5 kr rabat", "'-5 kr rabat"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("\rCR", "'\rCR"),
            ("Hansen = god", "Hansen = god"),
            ("'t Hooft", "'t Hooft"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), shown, "{cell:?}");
            assert_eq!(unguard(&neutralise(cell)), cell, "{cell:?}");
        }
        assert_eq!(unguard("'t Hooft"), "'t Hooft");
        assert_eq!(unguard("'"), "'");
        // A text that looks guarded already keeps its own `'`, in both flavours.
        for formulas in [true, false] {
            assert_eq!(guard("'=x", formulas), "''=x");
            assert_eq!(unguard(&guard("''-x", formulas)), "''-x");
        }
        assert_eq!(guard("=x", false), "=x");
    }

    #[test]
    fn an_excel_row_guards_every_text_cell_and_no_figure() {
        let c = Customer {
            name: "=cmd|' /C calc'!A0".into(),
            email: "-x@firma.dk".into(),
            phone: "+4512345678".into(),
            address: "@Vej 1".into(),
            company: "+Firma".into(),
            notes: "=1+1".into(),
            tags: vec!["-vip".into()],
            history: crate::domain::CustomerHistory {
                revenue_ore: -1250,
                ..Default::default()
            },
            ..Customer::default()
        };
        assert_eq!(
            excel_row(&c),
            "'=cmd|' /C calc'!A0;'-x@firma.dk;'+4512345678;'@Vej 1;'+Firma;'=1+1;'-vip;0;0;-12.50;"
        );
        // The plain CSV keeps the data exact.
        let mut w = CsvWriter::new(Vec::new(), CsvOptions::default()).unwrap();
        w.write(&c).unwrap();
        let plain = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(
            plain.contains("\n=cmd|' /C calc'!A0,-x@firma.dk,+4512345678,"),
            "{plain}"
        );
    }
}
