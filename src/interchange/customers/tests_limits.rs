//! The limits of the readers: a quote never closed, a value or a customer
//! too long, a line that never ends. Each stops the file early, naming the
//! line and the limit, without reading (or holding) the rest.

use std::io::{Cursor, Read};
use std::time::{Duration, Instant};

use super::tests::{read_bytes, tz};
use super::*;

/// A header, then `head` as given, then `rows` good rows.
fn csv_with(head: &str, rows: usize) -> Vec<u8> {
    let mut text = format!("Navn;E-mail;Noter\n{head}");
    for i in 0..rows {
        text.push_str(&format!("Kunde {i};kunde{i}@example.dk;\n"));
    }
    text.into_bytes()
}

/// The records read before the file error, and the error.
fn until_error(r: impl Read + 'static, format: Format) -> (usize, FileError) {
    let reader = match CustomerReader::from_reader(r, format, tz()) {
        Ok(r) => r,
        Err(e) => return (0, e),
    };
    let mut n = 0;
    for item in reader {
        match item {
            Ok(_) => n += 1,
            Err(e) => return (n, e),
        }
    }
    panic!("{n} records and no error")
}

/// `prefix`, then `fill` for ever (or for `len` bytes), then `suffix`.
struct Endless {
    prefix: Cursor<Vec<u8>>,
    fill: u8,
    left: u64,
    suffix: Cursor<Vec<u8>>,
    /// Bytes given so far.
    given: std::rc::Rc<std::cell::Cell<u64>>,
}

impl Endless {
    fn new(prefix: &[u8], fill: u8, len: u64, suffix: &[u8]) -> Endless {
        Endless {
            prefix: Cursor::new(prefix.to_vec()),
            fill,
            left: len,
            suffix: Cursor::new(suffix.to_vec()),
            given: Default::default(),
        }
    }
}

impl Read for Endless {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let mut n = self.prefix.read(out)?;
        if n == 0 && self.left > 0 {
            n = out
                .len()
                .min(usize::try_from(self.left).unwrap_or(usize::MAX));
            out[..n].fill(self.fill);
            self.left -= n as u64;
        }
        if n == 0 {
            n = self.suffix.read(out)?;
        }
        self.given.set(self.given.get() + n as u64);
        Ok(n)
    }
}

#[test]
fn an_unclosed_quote_in_a_long_file_is_named_by_its_line() {
    // 10,000 rows; the quote opened on line 2 would swallow all of them.
    let bytes = csv_with("Anna;anna@example.dk;\"Nøgle under måtten\n", 10_000);
    let err = read_bytes(&bytes, Format::Csv).err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some(
            "line 2: a quote opened on this line is not closed within 10 lines; close the \
             quote opened on line 2 (a quote inside a value is written twice: \"\")"
        )
    );
    // Near the end of the file, the quote runs to the end.
    let bytes = csv_with("", 5);
    let mut bytes = bytes;
    bytes.extend_from_slice(b"Ole;ole@example.dk;\"open\nKunde 9;k9@example.dk;\n");
    let (n, err) = until_error(Cursor::new(bytes), Format::Csv);
    assert_eq!(n, 5, "the rows before it are read");
    assert_eq!(err.line, Some(7));
    assert!(err.message.contains("runs to the end of the file"), "{err}");
}

#[test]
fn a_quoted_value_may_hold_a_few_line_breaks() {
    let notes = "Ring på\nNøgle hos naboen\nKat: Findus\n\n\n\n\n\nSlut";
    let bytes = csv_with(&format!("Anna;anna@example.dk;\"{notes}\"\n"), 2);
    let recs = read_bytes(&bytes, Format::Csv).unwrap_or_default();
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0].notes, notes);
    assert_eq!(recs[1].line, 11);
}

#[test]
fn a_huge_value_stops_the_file_early() {
    // 50 MB in one field: the reader stops after the limit, not after the field.
    let input = Endless::new(b"Name,Notes\nAnna,\"", b'x', 50 << 20, b"\"\n");
    let given = input.given.clone();
    let started = Instant::now();
    let (n, err) = until_error(input, Format::Csv);
    assert_eq!(n, 0);
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("longer than 64 KB"), "{err}");
    assert!(given.get() < 1 << 20, "{} bytes read", given.get());
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn a_line_that_never_ends_stops_at_the_limit() {
    // Many short values: the row limit, not the value limit.
    for (fill, limit) in [(b',', "256 KB"), (b'a', "64 KB")] {
        let input = Endless::new(b"Name,Notes\nAnna,", fill, u64::MAX, b"");
        let given = input.given.clone();
        let (_, err) = until_error(input, Format::Csv);
        assert_eq!(err.line, Some(2), "{err}");
        assert!(err.message.contains(limit), "{err}");
        assert!(given.get() < 1 << 20, "{} bytes read", given.get());
    }
    // Even the heading row.
    let (_, err) = until_error(Endless::new(b"Name,", b'a', u64::MAX, b""), Format::Csv);
    assert_eq!(err.line, Some(1), "{err}");
}

#[test]
fn csv_limits_hold_across_small_reads() {
    let mut bytes = csv_with("", 3);
    bytes.extend_from_slice(b"Ole;ole@example.dk;\"");
    bytes.extend(std::iter::repeat_n(b'y', 70 * 1024));
    let whole = until_error(Cursor::new(bytes.clone()), Format::Csv);
    let trickled = until_error(super::garbage::Trickle::new(bytes), Format::Csv);
    assert_eq!(whole, trickled);
    assert_eq!(whole.0, 3);
    assert_eq!(whole.1.line, Some(5));
}

#[test]
fn json_values_and_customers_have_limits() {
    // A string of 50 MB.
    let input = Endless::new(
        b"[\n{\"name\": \"Anna\",\n \"notes\": \"",
        b'x',
        50 << 20,
        b"\"}]",
    );
    let given = input.given.clone();
    let (n, err) = until_error(input, Format::Json);
    assert_eq!((n, err.line), (0, Some(3)), "{err}");
    assert!(err.message.contains("longer than 64 KB"), "{err}");
    assert!(given.get() < 1 << 20, "{} bytes read", given.get());

    // A customer of many short values, never closed.
    let input = Endless::new(
        b"[{\"name\": \"A\"},\n{\"name\": \"B\", \"tags\": [",
        b' ',
        u64::MAX,
        b"",
    );
    let (n, err) = until_error(input, Format::Json);
    assert_eq!((n, err.line), (1, Some(2)), "{err}");
    assert!(err.message.contains("more than 4 MB"), "{err}");

    // A number that never ends.
    let input = Endless::new(b"[", b'7', u64::MAX, b"");
    let (_, err) = until_error(input, Format::Json);
    assert!(err.message.contains("64 KB"), "{err}");
}

#[test]
fn a_wide_heading_row_costs_nothing_per_row() {
    // 100,000 columns, then 50,000 short rows: each row is read by its own length.
    let mut text = format!("Name{}\n", ",x".repeat(100_000));
    text.push_str(&"A\n".repeat(50_000));
    let started = Instant::now();
    let recs = read_bytes(text.as_bytes(), Format::Csv).unwrap_or_default();
    assert_eq!(recs.len(), 50_000);
    assert!(recs.iter().all(|r| r.name == "A" && r.is_valid()));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn made_up_json_field_names_are_warned_about_up_to_a_limit() {
    let mut text = String::from("[");
    for i in 0..5_000 {
        text.push_str(&format!("{{\"name\": \"K{i}\", \"made_up_{i}\": 1}},\n"));
    }
    text.push_str("{\"name\": \"Last\"}]");
    let mut reader =
        CustomerReader::from_reader(Cursor::new(text.into_bytes()), Format::Json, tz())
            .expect("opens");
    assert_eq!(reader.by_ref().filter(Result::is_ok).count(), 5_001);
    let warnings = reader.warnings();
    assert_eq!(warnings.len(), 101, "{warnings:?}");
    assert_eq!(
        warnings.last().map(ToString::to_string).as_deref(),
        Some("more than 100 fields are not ones we know; they are all ignored")
    );
}
