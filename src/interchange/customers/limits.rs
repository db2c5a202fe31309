//! Limits of the customer readers: how much one value, one record and one
//! quoted value may hold before the file is taken for broken. They keep the
//! memory of an import small whatever the file holds (a line that never
//! ends, a quote that is never closed), and each error names the line and
//! the limit.
//!
//! [`CsvScan`] follows the CSV bytes on their way to the parser, with the
//! parser's own rules for quotes, so a limit is met as soon as it is crossed
//! rather than after a whole record has been gathered.

use std::fmt;

/// The most one value may hold (a CSV field, a JSON string): 64 KB.
pub const MAX_FIELD: u64 = 64 * 1024;
/// The most one CSV record may hold, line breaks inside quotes included:
/// 256 KB.
pub const MAX_CSV_RECORD: u64 = 256 * 1024;
/// The most one JSON customer may hold, its bookings included: 4 MB.
pub const MAX_JSON_CUSTOMER: u64 = 4 * 1024 * 1024;
/// The most lines one quoted CSV value may span: an address or notes may
/// hold a few line breaks, a quote never closed runs on.
pub const MAX_QUOTED_LINES: u64 = 10;

/// A size as a person reads it: `64 KB`, `4 MB` (1 KB = 1024 bytes).
pub fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// A limit crossed: the line to name and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overrun {
    pub line: u64,
    pub message: String,
}

impl fmt::Display for Overrun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for Overrun {}

/// Where the scan is, as the CSV parser sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before a record; blank lines are passed over here.
    Record,
    Field,
    Unquoted,
    Quoted,
    /// Just after a `"` inside a quoted value: a second `"` is a quote
    /// inside the value, anything else ends the quotes.
    QuoteInQuoted,
}

/// Follows CSV bytes (records ending at `\n`, `"` quotes doubled inside
/// quoted values) and stops at the first limit crossed.
#[derive(Debug, Clone)]
pub struct CsvScan {
    delimiter: u8,
    at: At,
    /// The line of the next byte.
    line: u64,
    record_line: u64,
    record_bytes: u64,
    field_line: u64,
    field_bytes: u64,
    #[cfg(test)]
    records: u64,
}

impl CsvScan {
    /// A scan whose first byte is on `first_line`.
    pub fn new(delimiter: u8, first_line: u64) -> CsvScan {
        CsvScan {
            delimiter,
            at: At::Record,
            line: first_line,
            record_line: first_line,
            record_bytes: 0,
            field_line: first_line,
            field_bytes: 0,
            #[cfg(test)]
            records: 0,
        }
    }

    /// Follows `bytes`. On a limit crossed, how many of them come before it
    /// (they may be passed on: they hold the records before) and why.
    pub fn scan(&mut self, bytes: &[u8]) -> Result<(), (usize, Overrun)> {
        for (i, &b) in bytes.iter().enumerate() {
            if self.at == At::Record {
                if b == b'\n' {
                    self.line += 1;
                    continue;
                }
                self.at = At::Field;
                self.record_line = self.line;
                self.record_bytes = 0;
                #[cfg(test)]
                {
                    self.records += 1;
                }
            }
            if self.at == At::Field {
                self.field_line = self.line;
                self.field_bytes = 0;
            }
            self.record_bytes += 1;
            self.field_bytes += 1;
            match (self.at, b) {
                (At::Quoted, b'"') => self.at = At::QuoteInQuoted,
                (At::Quoted, b'\n') => {
                    self.line += 1;
                    if self.line - self.field_line >= MAX_QUOTED_LINES {
                        return Err((i, self.unclosed(false)));
                    }
                }
                (At::Quoted, _) => {}
                (At::Field | At::QuoteInQuoted, b'"') => self.at = At::Quoted,
                (_, b'\n') => {
                    self.line += 1;
                    self.at = At::Record;
                    continue;
                }
                (_, d) if d == self.delimiter => self.at = At::Field,
                _ => self.at = At::Unquoted,
            }
            if self.field_bytes > MAX_FIELD {
                return Err((i, self.field_too_long()));
            }
            if self.record_bytes > MAX_CSV_RECORD {
                return Err((i, self.record_too_long()));
            }
        }
        Ok(())
    }

    /// At the end of the input: a quote still open is an error.
    pub fn end(&self) -> Result<(), Overrun> {
        match self.at {
            At::Quoted => Err(self.unclosed(true)),
            _ => Ok(()),
        }
    }

    fn unclosed(&self, at_end: bool) -> Overrun {
        let line = self.field_line;
        let what = if at_end {
            "runs to the end of the file".to_string()
        } else {
            format!("is not closed within {MAX_QUOTED_LINES} lines")
        };
        Overrun {
            line,
            message: format!(
                "a quote opened on this line {what}; close the quote opened on line {line} \
                 (a quote inside a value is written twice: \"\")"
            ),
        }
    }

    fn field_too_long(&self) -> Overrun {
        Overrun {
            line: self.field_line,
            message: format!(
                "a value on this line is longer than {}, the most one value may hold; \
                 is a line break or a quote missing?",
                size(MAX_FIELD)
            ),
        }
    }

    fn record_too_long(&self) -> Overrun {
        Overrun {
            line: self.record_line,
            message: format!(
                "the row on this line is longer than {}, the most one row may hold; \
                 is a line break missing?",
                size(MAX_CSV_RECORD)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scan(text: &[u8]) -> Result<CsvScan, Overrun> {
        let mut s = CsvScan::new(b',', 1);
        s.scan(text).map_err(|(_, o)| o)?;
        s.end()?;
        Ok(s)
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(MAX_FIELD), "64 KB");
        assert_eq!(size(MAX_CSV_RECORD), "256 KB");
        assert_eq!(size(MAX_JSON_CUSTOMER), "4 MB");
        assert_eq!(size(1000), "1000 bytes");
    }

    #[test]
    fn quoted_values_may_hold_a_few_line_breaks() {
        let nine = format!("Name,Notes\nA,\"{}\"\nB,x\n", "l\n".repeat(9));
        assert!(scan(nine.as_bytes()).is_ok());
        let ten = format!("Name,Notes\nA,\"{}\"\nB,x\n", "l\n".repeat(10));
        let e = scan(ten.as_bytes()).err();
        assert_eq!(e.as_ref().map(|e| e.line), Some(2), "{e:?}");
        let msg = e.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            msg.contains("not closed within 10 lines")
                && msg.contains("close the quote opened on line 2"),
            "{msg}"
        );
    }

    #[test]
    fn a_quote_open_at_the_end_is_named_by_its_line() {
        let e = scan(b"Name,Notes\n\nA,x\nB,\"open\nC,y\n").err();
        assert_eq!(e.as_ref().map(|e| e.line), Some(4));
        assert!(
            e.is_some_and(|e| e.message.contains("runs to the end of the file")
                && e.message.contains("line 4"))
        );
        // A quote inside an unquoted value is only a character.
        assert!(scan(b"Name,Notes\nA,5\" screen\n").is_ok());
        // Closed at the very end.
        assert!(scan(b"Name,Notes\nA,\"x\"\"y\"").is_ok());
    }

    #[test]
    fn values_and_rows_have_a_size_limit() {
        let mut long = b"Name,Notes\nA,".to_vec();
        long.extend(std::iter::repeat_n(b'x', MAX_FIELD as usize + 1));
        let mut s = CsvScan::new(b',', 1);
        let e = s.scan(&long).err();
        // What comes before the limit may be passed on.
        assert_eq!(e.as_ref().map(|e| e.0), Some(long.len() - 1));
        assert!(e.is_some_and(|(_, o)| o.line == 2 && o.message.contains("64 KB")));

        let field = "y".repeat(60 * 1024);
        let row = format!("Name\n\n{}\n", [field.as_str(); 5].join(","));
        let e = scan(row.as_bytes()).err();
        assert!(
            e.is_some_and(|o| o.line == 3 && o.message.contains("256 KB")),
            "row"
        );
    }

    /// The records the CSV parser finds, read as the customer reader reads.
    fn parser_records(text: &[u8]) -> u64 {
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_reader(text);
        let mut rec = ::csv::ByteRecord::new();
        let mut n = 0;
        while r.read_byte_record(&mut rec).unwrap_or(false) {
            n += 1;
        }
        n
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// The scan splits records exactly where the parser does.
        #[test]
        fn records_end_where_the_parser_ends_them(text in "[a\",\\n \r]{0,60}") {
            let mut s = CsvScan::new(b',', 1);
            // Past the quoted-lines limit the parser is not asked.
            prop_assume!(s.scan(text.as_bytes()).is_ok());
            prop_assert_eq!(s.records, parser_records(text.as_bytes()), "{:?}", text);
        }
    }
}
