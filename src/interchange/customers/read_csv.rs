//! The CSV reader: headings matched by name, the delimiter guessed from the
//! heading row, every record decoded and checked on its own.
//!
//! Records end at `\n` only (a `\r` before it is trimmed off with the other
//! blanks of the last field), and the input always ends with one, so every
//! record is followed by exactly one line break the parser has counted: the
//! line a record starts on is the line after it, less its embedded line
//! breaks, less one. (The parser's own record positions do not count blank
//! lines it skipped, nor the `\n` of a `\r\n` it has not read yet.)
//!
//! On their way to the parser the bytes are followed by a [`CsvScan`], which
//! stops the file at the first value, row or quoted value past its limit
//! (see `limits`): no row is gathered whole before it is measured.

use std::io::{self, Chain, Cursor, Read};

use ::csv::{ByteRecord, Reader, ReaderBuilder, Terminator};

use super::fields::{Field, header_key, problem, set_text};
use super::limits::{CsvScan, Overrun};
use super::write::unguard;
use super::{CustomerRecord, Fault, FileError, Shape, Warning};
use crate::domain::BusinessTz;
use crate::interchange::text::Encoding;

/// The bytes after the BOM (and `sep=` line), ending in a `\n`; in a file
/// with `\r` alone for line breaks (old Macs), each `\r` becomes `\n`.
/// Past a limit, the bytes before it are given and then only the error.
struct Input {
    inner: Chain<Cursor<Vec<u8>>, Box<dyn Read>>,
    cr_to_lf: bool,
    last: u8,
    ended: bool,
    /// Bytes taken from the file.
    taken: u64,
    scan: CsvScan,
    overrun: Option<Overrun>,
}

impl Read for Input {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if let Some(o) = &self.overrun {
            return Err(io::Error::other(o.clone()));
        }
        if self.ended || out.is_empty() {
            return Ok(0);
        }
        let mut n = self.inner.read(out)?;
        if n == 0 {
            if let Err(o) = self.scan.end() {
                self.overrun = Some(o.clone());
                return Err(io::Error::other(o));
            }
            self.ended = true;
            if self.taken > 0 && self.last != b'\n' {
                out[0] = b'\n';
                return Ok(1);
            }
            return Ok(0);
        }
        if self.cr_to_lf {
            out[..n]
                .iter_mut()
                .filter(|b| **b == b'\r')
                .for_each(|b| *b = b'\n');
        }
        if let Err((before, o)) = self.scan.scan(&out[..n]) {
            self.overrun = Some(o.clone());
            if before == 0 {
                return Err(io::Error::other(o));
            }
            n = before;
        }
        self.taken += n as u64;
        self.last = out[n - 1];
        Ok(n)
    }
}

/// One column of the file.
struct Column {
    /// The heading as the file has it (trimmed), for messages.
    name: String,
}

pub(super) struct CsvSource {
    reader: Reader<Input>,
    record: ByteRecord,
    encoding: Encoding,
    delimiter: u8,
    columns: Vec<Column>,
    /// The columns that hold a field, by index: a row costs the same
    /// however many other columns the heading row has.
    mapped: Vec<(usize, Field)>,
    tz: BusinessTz,
    /// Lines taken off before the CSV reader (a `sep=;` line).
    line_offset: u64,
    /// Bytes taken off before the CSV reader (BOM, `sep=;` line).
    byte_offset: u64,
    /// Whether a record has been read as Windows-1252 in a UTF-8 file.
    fallback_warned: bool,
}

impl CsvSource {
    pub(super) fn new(
        mut head: Vec<u8>,
        rest: Box<dyn Read>,
        encoding: Encoding,
        tz: BusinessTz,
        warnings: &mut Vec<Warning>,
    ) -> Result<CsvSource, FileError> {
        let mut byte_offset = encoding.bom_len();
        let mut line_offset = 0;
        // Excel's `sep=;` first line names the delimiter.
        let declared = declared_separator(&head[byte_offset..]);
        if let Some((_, len)) = declared {
            byte_offset += len;
            line_offset = 1;
        }
        head.drain(..byte_offset);
        let delimiter = match declared {
            Some((d, _)) => d,
            None => sniff_delimiter(&head),
        };
        let cr_to_lf = head.contains(&b'\r') && !head.contains(&b'\n');
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .terminator(Terminator::Any(b'\n'))
            .buffer_capacity(64 * 1024)
            .from_reader(Input {
                inner: Cursor::new(head).chain(rest),
                cr_to_lf,
                last: 0,
                ended: false,
                taken: 0,
                scan: CsvScan::new(delimiter, 1 + line_offset),
                overrun: None,
            });
        let mut header = ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut header) {
                Ok(true) if is_blank(&header) => {}
                Ok(true) => break,
                Ok(false) => return Err(FileError::new(None, "the file has no heading row")),
                Err(e) => return Err(csv_error(&e)),
            }
        }
        let mut source = CsvSource {
            reader,
            record: ByteRecord::new(),
            encoding,
            delimiter,
            columns: Vec::new(),
            mapped: Vec::new(),
            tz,
            line_offset,
            byte_offset: byte_offset as u64,
            fallback_warned: false,
        };
        source.read_header(&header, warnings)?;
        Ok(source)
    }

    /// Matches the headings to fields.
    fn read_header(
        &mut self,
        record: &ByteRecord,
        warnings: &mut Vec<Warning>,
    ) -> Result<(), FileError> {
        let line = self.line_of(record);
        let encoding = self.record_encoding(record, line, warnings);
        let mut seen: [Option<usize>; Field::COUNT] = [None; Field::COUNT];
        for (i, raw) in record.iter().enumerate() {
            let name = decode(encoding, raw).trim().to_string();
            let field = Field::from_key(&header_key(&name));
            match field {
                Some(f) => {
                    if let Some(first) = seen[f as usize] {
                        let first_name = &self.columns[first].name;
                        return Err(FileError::new(
                            Some(line),
                            format!(
                                "columns {first_name:?} (column {}) and {name:?} (column {}) \
                                 both hold {}; keep one of them",
                                first + 1,
                                i + 1,
                                f.what()
                            ),
                        ));
                    }
                    seen[f as usize] = Some(i);
                }
                None if name.is_empty() => {
                    warnings.push(Warning::NoHeading { column: i + 1 });
                }
                None => warnings.push(Warning::UnknownColumn {
                    name: name.to_string(),
                    column: i + 1,
                }),
            }
            if let Some(f) = field {
                self.mapped.push((i, f));
            }
            self.columns.push(Column { name });
        }
        if seen[Field::Name as usize].is_none() {
            let names: Vec<String> = self
                .columns
                .iter()
                .map(|c| format!("{:?}", c.name))
                .collect();
            return Err(FileError::new(
                Some(line),
                format!(
                    "there is no name column: the columns are {}; one of them must be called \
                     Name or Navn",
                    names.join(", ")
                ),
            ));
        }
        Ok(())
    }

    pub(super) fn next_record(
        &mut self,
        warnings: &mut Vec<Warning>,
    ) -> Option<Result<CustomerRecord, FileError>> {
        let mut record = std::mem::take(&mut self.record);
        let item = loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(true) if is_blank(&record) => continue,
                Ok(true) => break Some(Ok(self.customer(&record, warnings))),
                Ok(false) => break None,
                Err(e) => break Some(Err(csv_error(&e))),
            }
        };
        self.record = record;
        item
    }

    /// Checks one record.
    fn customer(&mut self, record: &ByteRecord, warnings: &mut Vec<Warning>) -> CustomerRecord {
        let line = self.line_of(record);
        let encoding = self.record_encoding(record, line, warnings);
        let mut rec = CustomerRecord {
            line,
            ..CustomerRecord::default()
        };
        for &(i, field) in &self.mapped {
            let raw = record.get(i).unwrap_or_default();
            let name = self.columns.get(i).map_or("", |c| c.name.as_str());
            // An Excel export's `'` before a formula start goes.
            set_text(
                &mut rec,
                field,
                unguard(decode(encoding, raw).trim()),
                name,
                self.tz,
            );
        }
        let extra = record.iter().skip(self.columns.len());
        if extra.clone().any(|f| !is_blank_field(f)) {
            let fields = self.columns.len() + extra.count();
            problem(
                &mut rec,
                "",
                Fault::TooManyFields {
                    fields,
                    heading: self.columns.len(),
                    delimiter: char::from(self.delimiter),
                },
            );
        }
        rec
    }

    /// The encoding to read one record with: in a UTF-8 file, a record that
    /// is not UTF-8 is read as Windows-1252 (with a warning, once).
    fn record_encoding(
        &mut self,
        record: &ByteRecord,
        line: u64,
        warnings: &mut Vec<Warning>,
    ) -> Encoding {
        if self.encoding == Encoding::Windows1252
            || record.iter().all(|f| std::str::from_utf8(f).is_ok())
        {
            return self.encoding;
        }
        if !self.fallback_warned {
            self.fallback_warned = true;
            warnings.push(Warning::NotUtf8 { line, csv: true });
        }
        Encoding::Windows1252
    }

    /// The line the record just read starts on.
    fn line_of(&self, record: &ByteRecord) -> u64 {
        let embedded = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        let after = self.reader.position().line();
        after.saturating_sub(embedded + 1).max(1) + self.line_offset
    }

    pub(super) fn bytes_read(&self) -> u64 {
        let parsed = self.reader.position().byte();
        self.byte_offset + parsed.min(self.reader.get_ref().taken)
    }

    pub(super) fn shape(&self) -> Shape {
        Shape::Csv {
            delimiter: char::from(self.delimiter),
            encoding: self.encoding,
            columns: self.columns.len(),
        }
    }
}

fn decode(encoding: Encoding, raw: &[u8]) -> std::borrow::Cow<'_, str> {
    encoding
        .decode(raw)
        .unwrap_or_else(|| crate::interchange::text::decode_windows1252(raw))
}

fn is_blank_field(field: &[u8]) -> bool {
    field.iter().all(u8::is_ascii_whitespace)
}

/// All fields empty (or only spaces): an empty line or a row of delimiters.
fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(is_blank_field)
}

fn csv_error(e: &::csv::Error) -> FileError {
    let line = e.position().map(|p| p.line());
    match e.kind() {
        ::csv::ErrorKind::Io(io) => match io.get_ref().and_then(|e| e.downcast_ref::<Overrun>()) {
            Some(o) => FileError::new(Some(o.line), o.message.clone()),
            None => FileError::new(line, format!("cannot read the file: {io}")),
        },
        _ => FileError::new(line, e.to_string()),
    }
}

/// `sep=;` (or `,`, tab) on the first line, and the length of that line.
fn declared_separator(head: &[u8]) -> Option<(u8, usize)> {
    let rest = head.get(..4)?;
    if !rest.eq_ignore_ascii_case(b"sep=") {
        return None;
    }
    let d = *head.get(4)?;
    let end = head.iter().position(|&b| b == b'\n')?;
    let line = head.get(5..end)?;
    if !matches!(d, b';' | b',' | b'\t' | b'|') || !line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    Some((d, end + 1))
}

/// The delimiter that occurs most often in the first non-empty line, outside
/// quotes; on a tie `;`, then tab, then `,`.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let start = head
        .iter()
        .position(|b| !b"\r\n ".contains(b))
        .unwrap_or(head.len());
    let (mut comma, mut semicolon, mut tab) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for &b in &head[start..] {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semicolon += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    [(comma, b','), (tab, b'\t'), (semicolon, b';')]
        .into_iter()
        .max_by_key(|&(n, _)| n)
        .map_or(b',', |(n, d)| if n == 0 { b',' } else { d })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_guessed_from_the_heading_row() {
        assert_eq!(sniff_delimiter(b"Navn;Adresse;Tlf\r\na,b,c,d,e\n"), b';');
        assert_eq!(sniff_delimiter(b"Name,Email\n"), b',');
        assert_eq!(sniff_delimiter(b"Name\tEmail\tPhone\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"Name;x\",Email\n"), b',');
        assert_eq!(sniff_delimiter(b"\r\n\nName;Email\n"), b';');
        assert_eq!(sniff_delimiter(b"Name\n"), b',');
        assert_eq!(sniff_delimiter(b"a,b;c\n"), b';');
    }

    #[test]
    fn excel_sep_line_is_honoured() {
        assert_eq!(
            declared_separator(b"sep=;\r\nNavn;Tlf\r\n"),
            Some((b';', 7))
        );
        assert_eq!(declared_separator(b"SEP=,\nName\n"), Some((b',', 6)));
        assert_eq!(declared_separator(b"Name;sep\n"), None);
        assert_eq!(declared_separator(b"sep=;x\n"), None);
        assert_eq!(declared_separator(b"sep=\n"), None);
        assert_eq!(declared_separator(b"sep="), None);
    }
}
