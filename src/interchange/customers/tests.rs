//! Reading real-world customer files: the fixtures in `tests/data/customers`.

use std::io::{Cursor, Read};
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::*;
use crate::domain::contact::{email_key, name_address_key};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/customers")
        .join(name)
}

fn tz() -> BusinessTz {
    BusinessTz::default()
}

fn utc(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).map(|t| t.to_utc()).ok()
}

/// Every record of a file, and the reader (for its warnings).
fn read_all(name: &str) -> (Vec<CustomerRecord>, CustomerReader) {
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

fn read_bytes(bytes: &[u8], format: Format) -> Result<Vec<CustomerRecord>, FileError> {
    CustomerReader::from_reader(Cursor::new(bytes.to_vec()), format, tz())?.collect()
}

fn problems(rec: &CustomerRecord) -> Vec<(u64, &str, &str)> {
    rec.problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.message.as_str()))
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
        reader.warnings(),
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

fn file_len(name: &str) -> u64 {
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
fn json_in_the_import_shape_with_bookings() {
    let (recs, reader) = read_all("customers.json");
    assert_eq!(reader.describe(), "JSON");
    assert_eq!(
        reader.warnings(),
        ["field \"customerId\" is not one we know; it is ignored"]
    );
    assert_eq!(recs.len(), 3);
    assert!(recs.iter().all(CustomerRecord::is_valid), "{recs:#?}");
    let john = &recs[0];
    assert_eq!(john.line, 2);
    assert_eq!(john.name, "John Doe");
    assert_eq!(john.phone, "+4512345678");
    assert_eq!(john.company, "Doe Consult ApS");
    assert_eq!(john.tags, ["vip", "regular"]);
    assert_eq!(john.history.leads, 4);
    assert_eq!(john.history.bookings, 2);
    assert_eq!(john.history.revenue_ore, 104750);
    assert_eq!(john.history.last_contact, utc("2025-10-01T10:00:00Z"));
    let [first, second] = john.bookings.as_slice() else {
        panic!("two bookings: {:?}", john.bookings);
    };
    assert_eq!(first.line, 16);
    assert_eq!(Some(first.start), utc("2025-10-15T10:00:00Z"));
    assert_eq!(Some(first.end), utc("2025-10-15T12:00:00Z"));
    assert_eq!(first.service, "Fast rengøring");
    assert_eq!(first.status, BookingStatus::Scheduled);
    assert_eq!(first.staff, None);
    assert_eq!(second.line, 22);
    assert_eq!(
        Some(second.start),
        utc("2025-10-22T08:00:00Z"),
        "local time"
    );
    assert_eq!(Some(second.end), utc("2025-10-22T11:30:00Z"));
    assert_eq!(second.notes, "Husk stige");
    assert_eq!(second.staff.as_deref(), Some("Maria"));
    assert_eq!(second.address, "Sommerhusvej 2, 8400 Ebeltoft");

    let jane = &recs[1];
    assert_eq!(jane.line, 33);
    assert_eq!(jane.tags, ["erhverv", "vinduer"]);
    assert_eq!(jane.history.revenue_ore, 1_250_000);
    assert_eq!(jane.history.last_contact, utc("2025-09-14T22:00:00Z"));
    assert_eq!(jane.bookings.len(), 1);
    assert_eq!(jane.bookings[0].line, 41);
    assert_eq!(jane.bookings[0].status, BookingStatus::Completed);
    assert_eq!(Some(jane.bookings[0].start), utc("2025-09-01T06:00:00Z"));

    assert_eq!(recs[2].line, 43);
    assert_eq!(recs[2].phone, "+4522334455");
    assert!(recs[2].bookings.is_empty());
    assert_eq!(reader.bytes_read(), file_len("customers.json"));
}

#[test]
fn json_wrapped_in_an_object() {
    let (recs, reader) = read_all("customers-wrapped.json");
    assert!(reader.warnings().is_empty(), "{:?}", reader.warnings());
    let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 8]);
    assert!(recs.iter().all(CustomerRecord::is_valid), "{recs:#?}");
    assert_eq!(recs[0].email, "test@example.com");
    assert_eq!(recs[1].company, "Bjørn's Rengøring ApS");
    assert_eq!(recs[1].bookings.len(), 1);
    assert_eq!(recs[1].bookings[0].line, 13);
    assert_eq!(recs[1].bookings[0].status, BookingStatus::InProgress);
}

#[test]
fn json_syntax_error_names_line_and_column() {
    let mut reader = match CustomerReader::open(&fixture("bad-syntax.json"), None, tz()) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    let anna = reader.next().and_then(Result::ok).map(|r| r.name);
    assert_eq!(anna.as_deref(), Some("Anna"));
    let err = reader.next().and_then(Result::err);
    assert_eq!(
        err.map(|e| e.to_string()).as_deref(),
        Some("line 3: the JSON is broken at column 19: expected `,` or `}`")
    );
    assert!(reader.next().is_none(), "reading ends after a file error");
}

#[test]
fn json_bad_records_are_problems_not_stops() {
    let (recs, reader) = read_all("bad-records.json");
    assert!(reader.warnings().is_empty(), "{:?}", reader.warnings());
    assert_eq!(recs.len(), 5);
    assert_eq!(
        problems(&recs[0]),
        [
            (
                2,
                "email",
                "\"hans@\" is not an e-mail address: the part after @ is missing"
            ),
            (2, "name", "expected text, found the number 5"),
            (
                2,
                "totalLeads",
                "-1 is not a count: write a whole number, 0 or more"
            ),
        ]
    );
    assert_eq!(problems(&recs[1]), [(7, "name", "a customer needs a name")]);
    let carl = &recs[2];
    assert_eq!(carl.line, 10);
    assert_eq!(
        problems(carl),
        [
            (
                10,
                "bookings[1].endTime",
                "the end (2025-10-16T10:00:00Z) is not after the start (2025-10-16T12:00:00Z)"
            ),
            (
                10,
                "bookings[2].startTime",
                "\"i morgen\" is not a date and time: write it as 2025-10-15T10:00:00+02:00 or 2025-10-15 10:00"
            ),
            (
                10,
                "bookings[2].status",
                "\"lost\" is not a booking status: use scheduled, in_progress, completed or cancelled"
            ),
            (10, "bookings[2].endTime", "a booking needs its end time"),
            (
                10,
                "phone",
                "\"1234\" is not a phone number: Danish numbers have 8 digits, e.g. +45 12 34 56 78"
            ),
            (10, "tags", "expected tags as text, found the number 7"),
        ]
    );
    assert_eq!(carl.bookings.len(), 1, "the valid booking is kept");
    assert_eq!(carl.bookings[0].line, 15);
    assert_eq!(
        problems(&recs[3]),
        [(
            32,
            "",
            "expected a customer ({\"name\": ...}), found the text \"Dorte\""
        )]
    );
    let erik = &recs[4];
    assert_eq!(erik.line, 33);
    assert_eq!(
        problems(erik),
        [
            (33, "address", "expected text, found an object"),
            (33, "lastContactAt", "expected a date, found true"),
            (
                33,
                "totalRevenue",
                "\"mange penge\" is not an amount of money: write kroner and øre, e.g. 1047.50 or 1.047,50 kr"
            ),
        ]
    );
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
        reader.warnings(),
        [
            "line 4002 is not UTF-8 like the lines before it; it was read as Windows-1252, \
          and so will any other such line"
        ]
    );
}

#[test]
fn json_file_errors() {
    let err = |text: &str| {
        read_bytes(text.as_bytes(), Format::Json)
            .err()
            .map(|e| e.to_string())
    };
    assert!(
        err("{\"options\": {}}")
            .is_some_and(|e| e.starts_with("line 1: the JSON object has no \"customers\" list")),
        "{:?}",
        err("{\"options\": {}}")
    );
    assert!(err("\"hello\"").is_some_and(|e| e.contains("a list of customers")));
    assert!(err("[{\"name\": \"A\"}").is_some_and(|e| e.contains("ends too early")));
    assert!(err("[{\"name\": \"A\"}] x").is_some_and(|e| e.contains("broken")));
    assert_eq!(err("[]"), None);
    assert_eq!(err("{\"customers\": [], \"meta\": [1, {}]}"), None);
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

/// Endless JSON made on the fly: proves the reader never needs the whole file.
struct Generated {
    n: usize,
    i: usize,
    pending: Vec<u8>,
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() && self.i <= self.n {
            self.pending = if self.i == 0 {
                b"[\n".to_vec()
            } else {
                let sep = if self.i == self.n { "\n]\n" } else { ",\n" };
                format!(
                    "{{\"name\": \"Kunde {i}\",\n \"phone\": \"{:08}\", \"bookings\": [{{\"startTime\": \"2025-10-15T10:00:00Z\",\n \"endTime\": \"2025-10-15T12:00:00Z\"}}]}}{sep}",
                    10_000_000 + self.i,
                    i = self.i
                )
                .into_bytes()
            };
            self.i += 1;
        }
        let n = out.len().min(self.pending.len());
        out[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

#[test]
fn json_streams_and_counts_lines() {
    let input = Generated {
        n: 5000,
        i: 0,
        pending: Vec::new(),
    };
    let reader = CustomerReader::from_reader(input, Format::Json, tz());
    let Ok(reader) = reader else { panic!("reader") };
    let mut count = 0u64;
    for rec in reader {
        let Ok(rec) = rec else { panic!("{rec:?}") };
        count += 1;
        assert_eq!(rec.line, 2 + 3 * (count - 1), "{rec:?}");
        assert_eq!(rec.bookings.len(), 1);
        assert_eq!(rec.bookings[0].line, rec.line + 1);
        assert!(rec.is_valid(), "{rec:?}");
    }
    assert_eq!(count, 5000);
}

#[test]
fn a_json_reader_can_be_left_midway() {
    let input = Generated {
        n: 100_000,
        i: 0,
        pending: Vec::new(),
    };
    let Ok(mut reader) = CustomerReader::from_reader(input, Format::Json, tz()) else {
        panic!("reader")
    };
    assert!(reader.next().is_some_and(|r| r.is_ok()));
    drop(reader);
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
