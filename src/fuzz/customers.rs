//! The customer readers (CSV, JSON): every record read to the end or a
//! file error, never more records than the file has lines.

use std::io::Cursor;

use super::{Edit, Recipe, check, recipes, replay};
use crate::domain::BusinessTz;
use crate::interchange::customers::{CustomerReader, Format};

const CSV_SEEDS: &[&[u8]] = &[
    include_bytes!("../../tests/data/customers/excel-da-semicolon-latin1.csv"),
    include_bytes!("../../tests/data/customers/utf8-bom-comma.csv"),
    include_bytes!("../../tests/data/customers/messy-problems.csv"),
    b"Name,Email,Phone,Address,Notes\nAnna,anna@example.dk,+4512345678,\"Vej 1\n8000 Aarhus\",\"Say \"\"hi\"\"\"\n",
];

const JSON_SEEDS: &[&[u8]] = &[
    include_bytes!("../../tests/data/customers/customers.json"),
    include_bytes!("../../tests/data/customers/customers-wrapped.json"),
    include_bytes!("../../tests/data/customers/bad-records.json"),
    include_bytes!("../../tests/data/customers/bad-syntax.json"),
];

const CSV_TOKENS: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r\n",
    b"Navn;E-mail;Telefon;Adresse;Firma;Noter\n",
    b"Name,Email\n",
    b"Anna,anna@example.dk,\"open\n",
    b",,,,,,,,,,,,,,,,\n",
    b"\"a\"b\",c\n",
    b"=HYPERLINK(\"http://x\")",
    b"+45 12 34 56 78",
    b"@",
    b"\xe6\xf8\xe5",
];

const JSON_TOKENS: &[&[u8]] = &[
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b",",
    b":",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"\\u0000",
    b"null",
    b"true",
    b"1e999",
    b"-",
    b"{\"customers\": [",
    b"{\"name\": \"Anna\", \"email\": \"a@b.dk\"},\n",
    b"\"bookings\": [{\"startTime\": \"2026-11-23T09:00:00Z\", \"endTime\": \"2026-11-23T08:00:00Z\"}],",
    b"\"startTime\": \"9999-99-99T99:99:99\",",
    b"\"tags\": [[[[[[[[[[",
    b"/*",
];

fn seeds(of: &[&[u8]]) -> Vec<Vec<u8>> {
    of.iter().map(|s| s.to_vec()).collect()
}

/// Reads every record of `bytes` as `format`; an error if the reader gives
/// more records than the file can hold, or an unclear error.
pub(crate) fn read(bytes: Vec<u8>, format: Format) -> Result<(), String> {
    // Lines end at LF, CRLF or a lone CR (as old Mac files have them).
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    let lines = breaks as u64 + 1;
    // A CSV record takes a line at least; a JSON customer a `{`, or an
    // element of the list that is not an object.
    let count = |c: u8| bytes.iter().filter(|&&b| b == c).count() as u64;
    let most = match format {
        Format::Csv => lines,
        Format::Json => count(b'{') + count(b',') + 1,
    };
    let reader =
        match CustomerReader::from_reader(Cursor::new(bytes), format, BusinessTz::default()) {
            Ok(r) => r,
            Err(e) if e.message.trim().is_empty() => return Err("an empty file error".into()),
            Err(_) => return Ok(()),
        };
    let mut records = 0u64;
    for item in reader {
        match item {
            Ok(rec) => {
                records += 1;
                if rec.line == 0 || rec.line > lines {
                    return Err(format!("a record on line {} of {lines}", rec.line));
                }
                if let Some(p) = rec
                    .problems
                    .iter()
                    .find(|p| p.fault.to_string().trim().is_empty())
                {
                    return Err(format!("a problem without words: {p:?}"));
                }
            }
            Err(e) if e.message.trim().is_empty() => return Err("an empty file error".into()),
            Err(_) => break,
        }
        if records > most {
            return Err(format!("{records} records, at most {most} expected"));
        }
    }
    Ok(())
}

#[test]
fn csv_files_read_to_an_end() {
    let seeds = seeds(CSV_SEEDS);
    check(
        "customers csv",
        96,
        recipes(seeds.len(), CSV_TOKENS),
        |r: &Recipe| read(r.build(&seeds), Format::Csv),
    );
}

#[test]
fn json_files_read_to_an_end() {
    let seeds = seeds(JSON_SEEDS);
    check(
        "customers json",
        96,
        recipes(seeds.len(), JSON_TOKENS),
        |r: &Recipe| read(r.build(&seeds), Format::Json),
    );
}

/// The slowest inputs of the long runs, kept as recipes.
#[test]
fn inputs_found_by_the_long_runs_are_read_in_bounds() {
    let csv = seeds(CSV_SEEDS);
    let rows = Recipe {
        seed: 0,
        edits: vec![Edit::Repeat(2031121801, 18, 262066)],
    };
    replay(&[rows], |r| read(r.build(&csv), Format::Csv));
}
