//! Whatever the bytes, the readers never panic: they give records, problems
//! or a file error, and stop.

use std::io::{Cursor, Read};

use proptest::prelude::*;

use super::tests::{fixture, tz};
use super::*;

/// Reads everything; at most a bounded number of items.
fn drain(bytes: Vec<u8>, format: Format) -> usize {
    match CustomerReader::from_reader(Cursor::new(bytes), format, tz()) {
        Ok(reader) => reader.take(10_000).count(),
        Err(_) => 0,
    }
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_default()
}

/// Fixtures with a few bytes changed, cut short, or spliced.
fn mangled(names: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::sample::select(names),
        proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(name, edits, cut)| {
            let mut bytes = fixture_bytes(name);
            if bytes.is_empty() {
                return bytes;
            }
            for (at, b) in edits {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            let keep = cut.index(bytes.len() + 1);
            if keep > bytes.len() / 2 {
                bytes.truncate(keep);
            }
            bytes
        })
}

const CSV_FILES: &[&str] = &[
    "excel-da-semicolon-latin1.csv",
    "utf8-bom-comma.csv",
    "messy-problems.csv",
];
const JSON_FILES: &[&str] = &[
    "customers.json",
    "customers-wrapped.json",
    "bad-records.json",
    "bad-syntax.json",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        drain(bytes.clone(), Format::Csv);
        drain(bytes, Format::Json);
    }

    #[test]
    fn json_like_text_never_panics(text in "[\\[\\]{}\":,\\\\ a-z0-9.eE+\\n-]{0,200}") {
        drain(text.clone().into_bytes(), Format::Json);
        drain(text.into_bytes(), Format::Csv);
    }

    #[test]
    fn mangled_csv_files_never_panic(bytes in mangled(CSV_FILES)) {
        drain(bytes, Format::Csv);
    }

    #[test]
    fn mangled_json_files_never_panic(bytes in mangled(JSON_FILES)) {
        drain(bytes, Format::Json);
    }
}

/// Gives its bytes a few at a time, so values cross every chunk boundary.
pub(super) struct Trickle {
    bytes: Vec<u8>,
    at: usize,
    step: usize,
}

impl Trickle {
    pub(super) fn new(bytes: Vec<u8>) -> Trickle {
        Trickle {
            bytes,
            at: 0,
            step: 0,
        }
    }
}

impl Read for Trickle {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        self.step = self.step % 7 + 1;
        let n = self.step.min(out.len()).min(self.bytes.len() - self.at);
        out[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[test]
fn small_reads_give_the_same_customers() {
    for (name, format) in JSON_FILES
        .iter()
        .map(|n| (*n, Format::Json))
        .chain(CSV_FILES.iter().map(|n| (*n, Format::Csv)))
    {
        let whole: Vec<Result<CustomerRecord, FileError>> =
            match CustomerReader::from_reader(Cursor::new(fixture_bytes(name)), format, tz()) {
                Ok(r) => r.collect(),
                Err(e) => panic!("{name}: {e}"),
            };
        let input = Trickle {
            bytes: fixture_bytes(name),
            at: 0,
            step: 0,
        };
        let trickled: Vec<Result<CustomerRecord, FileError>> =
            match CustomerReader::from_reader(input, format, tz()) {
                Ok(r) => r.collect(),
                Err(e) => panic!("{name}: {e}"),
            };
        assert_eq!(whole, trickled, "{name}");
        assert!(!whole.is_empty(), "{name}");
    }
}
