//! Reading real-world customer files: the CSV fixtures in `tests/data/customers`.

use std::io::Cursor;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::*;
use crate::domain::contact::{email_key, name_address_key};

pub(super) fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/customers")
        .join(name)
}

pub(super) fn tz() -> BusinessTz {
    BusinessTz::default()
}

pub(super) fn utc(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).map(|t| t.to_utc()).ok()
}

/// Every record of a file, and the reader (for its warnings).
pub(super) fn read_all(name: &str) -> (Vec<CustomerRecord>, CustomerReader) {
    let mut reader = match CustomerReader::open(&fixture(name), None, tz()) {
        Ok(r) => r,
        Err(e) => panic!("{name}: {e}"),
    };
    let records = reader
        .by_ref()
        .map(|r| r.unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect();
    (records, reader)
}

pub(super) fn read_bytes(bytes: &[u8], format: Format) -> Result<Vec<CustomerRecord>, FileError> {
    CustomerReader::from_reader(Cursor::new(bytes.to_vec()), format, tz())?.collect()
}

/// The warnings in English.
pub(super) fn texts(warnings: &[super::Warning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

/// A problem as line, column and its English text.
#[derive(Debug)]
pub(super) struct Seen(u64, String, String);

impl PartialEq<(u64, &str, &str)> for Seen {
    fn eq(&self, other: &(u64, &str, &str)) -> bool {
        (self.0, self.1.as_str(), self.2.as_str()) == *other
    }
}

pub(super) fn problems(rec: &CustomerRecord) -> Vec<Seen> {
    rec.problems
        .iter()
        .map(|p| Seen(p.line, p.column.clone(), p.fault.to_string()))
        .collect()
}

#[test]
fn excel_danish_windows1252_semicolons() {
    let (recs, reader) = read_all("excel-da-semicolon-latin1.csv");
    assert_eq!(
        reader.describe(),
        "CSV, semicolon-separated, Windows-1252, 10 columns"
    );
    assert_eq!(
        texts(reader.warnings()),
        ["column \"Kundenr\" (column 10) is not one we know; it is ignored"]
    );
    let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 6], "the row of delimiters is skipped");
    assert!(recs.iter().all(CustomerRecord::is_valid), "{recs:#?}");

    let soren = &recs[0];
    assert_eq!(soren.name, "Søren Østergaard");
    assert_eq!(soren.email, "soren@example.dk");
    assert_eq!(soren.phone, "+4512345678");
    assert_eq!(soren.address, "Østergade 12, 8000 Aarhus C");
    assert_eq!(soren.notes, "Nøglen ligger under måtten");
    assert_eq!(soren.tags, ["VIP", "nøgle"]);
    assert_eq!(soren.history.revenue_ore, 104750);
    assert_eq!(soren.history.last_contact, utc("2025-09-30T22:00:00Z"));

    let ase = &recs[1];
    assert_eq!(ase.name, "Åse Ærø");
    assert_eq!(ase.email, "Aase@aeroe.dk");
    assert_eq!(ase.phone, "+4587654321");
    assert_eq!(ase.notes, "Betaler 1.200 € pr. måned – „fast“ aftale");
    assert_eq!(ase.history.revenue_ore, 1_200_000);
    assert_eq!(ase.history.last_contact, utc("2025-09-14T22:00:00Z"));

    let bjorn = &recs[2];
    assert_eq!(bjorn.company, "Bjørn's Rengøring ApS");
    assert_eq!(bjorn.notes, "Kontor; 3. sal");
    assert_eq!(bjorn.tags, ["erhverv", "vinduer"]);
    assert_eq!(bjorn.phone, "+4522334455");
    assert_eq!(bjorn.history.last_contact, utc("2025-08-01T07:30:00Z"));

    let aeble = &recs[3];
    assert_eq!(aeble.email, "info@æble.dk");
    assert_eq!(aeble.phone, "+4544556677");
    assert_eq!(aeble.notes, "Faktura pr. mail • ingen kontanter");
    assert_eq!(aeble.history.revenue_ore, 25000);
    assert_eq!(
        reader.bytes_read(),
        file_len("excel-da-semicolon-latin1.csv")
    );
}

pub(super) fn file_len(name: &str) -> u64 {
    std::fs::metadata(fixture(name)).map_or(0, |m| m.len())
}

#[test]
fn utf8_bom_commas_quotes_and_blank_rows() {
    let (recs, reader) = read_all("utf8-bom-comma.csv");
    assert_eq!(
        reader.describe(),
        "CSV, comma-separated, UTF-8 with BOM, 8 columns"
    );
    assert!(reader.warnings().is_empty(), "{:?}", reader.warnings());
    let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 5, 9]);
    assert!(recs.iter().all(CustomerRecord::is_valid), "{recs:#?}");

    let jens = &recs[0];
    assert_eq!(jens.name, "Jens Hansen");
    assert_eq!(jens.phone, "+4511223344");
    assert_eq!(jens.notes, "Ring på \"bagdøren\"\nHunden er venlig");
    assert_eq!(jens.address, "Vestergade 5, 1456 København K");
    assert_eq!(jens.tags, ["vip", "nøgle"]);
    assert_eq!(jens.history.bookings, 12);
    assert_eq!(jens.history.last_contact, utc("2025-10-01T10:00:00Z"));

    let mette = &recs[1];
    assert_eq!(mette.name, "Mette \"Mis\" Jensen");
    assert_eq!(mette.notes, "Første linje\r\nanden linje\ntredje linje");
    assert_eq!(mette.email, "METTE@example.com");
    assert_eq!(mette.history.bookings, 3);
    assert_eq!(mette.history.last_contact, utc("2025-09-15T12:30:00Z"));

    let karin = &recs[2];
    assert_eq!(karin.phone, "+46701234567");
    assert_eq!(karin.email, "karin@example.se");
    assert_eq!(karin.address, "Storgatan 1\nMalmö");
    assert_eq!(karin.tags, ["erhverv"]);
    assert_eq!(karin.history.last_contact, utc("2025-09-14T22:00:00Z"));
}

#[test]
fn messy_file_reports_every_problem_on_its_line_and_column() {
    let (recs, reader) = read_all("messy-problems.csv");
    assert_eq!(reader.describe(), "CSV, comma-separated, UTF-8, 5 columns");
    let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 15]);
    let danish = "Danish numbers have 8 digits, e.g. +45 12 34 56 78";
    assert_eq!(
        problems(&recs[0]),
        [(
            2,
            "Email",
            "\"hans@\" is not an e-mail address: the part after @ is missing"
        )]
    );
    assert_eq!(
        recs[0].problems[0].to_string(),
        "line 2, column Email: \"hans@\" is not an e-mail address: the part after @ is missing"
    );
    assert_eq!(
        problems(&recs[1]),
        [
            (
                3,
                "Email",
                "\"a b@c.dk\" is not an e-mail address: the part before @ contains a space"
            ),
            (
                3,
                "Phone",
                &*format!("\"1234\" is not a phone number: {danish}")
            ),
        ]
    );
    assert_eq!(
        problems(&recs[2]),
        [
            (
                4,
                "Email",
                "\"x@y\" is not an e-mail address: the part after @ (\"y\") needs a dot, e.g. example.dk"
            ),
            (
                4,
                "Phone",
                &*format!("\"+45 1234 567\" is not a phone number: {danish}")
            ),
        ]
    );
    assert_eq!(recs[2].notes, "note med\nto linjer");
    assert_eq!(
        problems(&recs[3]),
        [
            (6, "Name", "a customer needs a name"),
            (
                6,
                "Phone",
                &*format!("\"abc\" is not a phone number: {danish}")
            ),
        ]
    );
    assert_eq!(
        problems(&recs[4]),
        [(
            7,
            "",
            "the row has 7 fields but the heading row has 5; is a value with a comma missing its quotes?"
        )]
    );
    assert_eq!(
        recs[4].problems[0].to_string(),
        "line 7: the row has 7 fields but the heading row has 5; is a value with a comma missing its quotes?"
    );
    // Duplicates are all read; the keys tell they are one customer.
    let kims = &recs[5..8];
    assert!(kims.iter().all(CustomerRecord::is_valid));
    assert_eq!(
        kims[0],
        CustomerRecord {
            line: 8,
            ..kims[1].clone()
        }
    );
    for kim in kims {
        assert_eq!(email_key(&kim.email), "kim@example.dk");
        assert_eq!(
            name_address_key(&kim.name, &kim.address),
            name_address_key("Kim Kristensen", "Vej 6")
        );
        assert_eq!(kim.phone, "+4598765432");
    }
    // A short row: the missing fields are empty.
    assert!(recs[8].is_valid());
    assert_eq!(
        (recs[8].phone.as_str(), recs[8].address.as_str()),
        ("+4533445566", "")
    );
    let dorte = &recs[9];
    assert_eq!(dorte.name, "Dorte \"Dot\" Due");
    assert_eq!(dorte.address, "Vej 7\n\n2. sal");
    assert_eq!(dorte.notes, "Kommentar, lang");
    assert_eq!(
        problems(dorte),
        [(
            12,
            "Email",
            "\"dorte@example\" is not an e-mail address: the part after @ (\"example\") needs a dot, e.g. example.dk"
        )]
    );
    assert!(recs[10].is_valid());
    assert_eq!(recs[10].name, "Erik Ek");
}

#[test]
fn csv_file_errors() {
    let err = |bytes: &[u8]| read_bytes(bytes, Format::Csv).err().map(|e| e.to_string());
    assert_eq!(
        err(b"Email;Telefon;Kundenr\r\na@b.dk;12345678;1\r\n").as_deref(),
        Some(
            "line 1: there is no name column: the columns are \"Email\", \"Telefon\", \
             \"Kundenr\"; one of them must be called Name or Navn"
        )
    );
    assert_eq!(
        err(b"\n\nNavn,Email,E-mail\nA,a@b.dk,a@b.dk\n").as_deref(),
        Some(
            "line 3: columns \"Email\" (column 2) and \"E-mail\" (column 3) both hold the \
             e-mail address; keep one of them"
        )
    );
    assert_eq!(err(b"").as_deref(), Some("the file is empty"));
    assert_eq!(err(b" \r\n\n").as_deref(), Some("the file is empty"));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Name\r\nA\r\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(err(&utf16).is_some_and(|e| e.contains("CSV UTF-8")));
}

#[test]
fn csv_header_only_and_odd_separators() {
    assert_eq!(
        read_bytes(b"Name;Email\r\n", Format::Csv).map(|r| r.len()),
        Ok(0)
    );
    let recs =
        read_bytes(b"sep=;\r\nNavn;Tlf\r\nA, B;12345678\r\n", Format::Csv).unwrap_or_default();
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].line, recs[0].name.as_str()), (3, "A, B"));
    let recs = read_bytes(b"Name\tPhone\nA\t12 34 56 78\n", Format::Csv).unwrap_or_default();
    assert_eq!(recs[0].phone, "+4512345678");
}

#[test]
fn a_utf8_file_with_a_windows1252_row() {
    // UTF-8 for longer than the sniff, then a row saved by another program.
    let mut bytes = "Navn;Adresse\n".as_bytes().to_vec();
    for _ in 0..4000 {
        bytes.extend_from_slice("Søren;Østergade 1\n".as_bytes());
    }
    bytes.extend_from_slice(b"Bj\xF8rn;\xC6blevej 2\n");
    bytes.extend_from_slice("Åse;Ærøvej 3\n".as_bytes());
    assert!(bytes.len() > crate::interchange::text::SNIFF_LEN);
    let mut reader = match CustomerReader::from_reader(Cursor::new(bytes), Format::Csv, tz()) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    let names: Vec<(String, String)> = reader
        .by_ref()
        .filter_map(Result::ok)
        .map(|r| (r.name, r.address))
        .collect();
    assert_eq!(names.len(), 4002);
    assert!(
        names[..4000]
            .iter()
            .all(|(n, a)| n == "Søren" && a == "Østergade 1")
    );
    assert_eq!(
        names[4000..],
        [
            ("Bjørn".to_string(), "Æblevej 2".to_string()),
            ("Åse".to_string(), "Ærøvej 3".to_string())
        ]
    );
    assert_eq!(
        reader.describe(),
        "CSV, semicolon-separated, UTF-8, 2 columns"
    );
    assert_eq!(
        texts(reader.warnings()),
        [
            "line 4002 is not UTF-8 like the lines before it; it was read as Windows-1252, \
          and so will any other such line"
        ]
    );
}

#[test]
fn format_comes_from_the_extension_or_the_content() {
    assert_eq!(
        Format::from_path("a/kunder.CSV".as_ref()),
        Some(Format::Csv)
    );
    assert_eq!(Format::from_path("kunder.txt".as_ref()), Some(Format::Csv));
    assert_eq!(
        Format::from_path("kunder.json".as_ref()),
        Some(Format::Json)
    );
    assert_eq!(Format::from_path("kunder".as_ref()), None);
    let dir = tempfile::tempdir().map_err(|e| e.to_string());
    let Ok(dir) = dir else { panic!("tempdir") };
    let path = dir.path().join("kunder.dat");
    assert!(std::fs::write(&path, "\n  [{\"name\": \"A\"}]").is_ok());
    let reader = CustomerReader::open(&path, None, tz());
    assert_eq!(reader.map(|r| r.describe()).ok().as_deref(), Some("JSON"));
    let missing = CustomerReader::open(&dir.path().join("nope.csv"), None, tz());
    assert!(
        missing
            .err()
            .is_some_and(|e| e.message.starts_with("cannot open"))
    );
}

#[test]
fn crlf_and_cr_line_breaks_keep_line_numbers() {
    let recs = read_bytes(
        b"Name,Notes\r\n\"A\",\"x\r\ny\"\r\n\r\n\"B\",\"z\"\r\n\r\nC,\"w\"",
        Format::Csv,
    )
    .unwrap_or_default();
    let got: Vec<(u64, &str, &str)> = recs
        .iter()
        .map(|r| (r.line, r.name.as_str(), r.notes.as_str()))
        .collect();
    assert_eq!(got, [(2, "A", "x\r\ny"), (5, "B", "z"), (7, "C", "w")]);
    let recs = read_bytes(b"Name,Notes\r\"A\",x\rB,\"y\r\"\r", Format::Csv).unwrap_or_default();
    let got: Vec<(u64, &str, &str)> = recs
        .iter()
        .map(|r| (r.line, r.name.as_str(), r.notes.as_str()))
        .collect();
    assert_eq!(got, [(2, "A", "x"), (3, "B", "y")]);
}
