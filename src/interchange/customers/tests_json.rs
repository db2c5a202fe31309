//! Reading JSON customer files: the fixtures in `tests/data/customers`, and
//! a generated list that is never held whole.

use std::io::{Cursor, Read};

use super::tests::{file_len, fixture, problems, read_all, read_bytes, texts, tz, utc};
use super::*;

#[test]
fn json_in_the_import_shape_with_bookings() {
    let (recs, reader) = read_all("customers.json");
    assert_eq!(reader.describe(), "JSON");
    assert_eq!(
        texts(reader.warnings()),
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
            (2, "name", "expected text, found the number 5"),
            (
                2,
                "email",
                "\"hans@\" is not an e-mail address: the part after @ is missing"
            ),
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
                "phone",
                "\"1234\" is not a phone number: Danish numbers have 8 digits, e.g. +45 12 34 56 78"
            ),
            (10, "tags", "expected tags as text, found the number 7"),
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
            (33, "lastContactAt", "expected a date, found true"),
            (
                33,
                "totalRevenue",
                "\"mange penge\" is not an amount of money: write kroner and øre, e.g. 1047.50 or 1.047,50 kr"
            ),
            (33, "address", "expected text, found an object"),
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
fn json_positions_inside_a_customer_and_awkward_strings() {
    let text = "[\n  {\"name\": \"A \\\"quoted\\\" \\\\ name\", \"notes\": \"}]{[\",\n   \"tags\": [\"x\"]},\n  {\"name\": \"B\",\n   \"email\": \"b@example.dk\" \"phone\": 1}\n]";
    let Ok(reader) = CustomerReader::from_reader(Cursor::new(text), Format::Json, tz()) else {
        panic!("reader")
    };
    let items: Vec<Result<CustomerRecord, FileError>> = reader.collect();
    let [Ok(first), Err(err)] = items.as_slice() else {
        panic!("{items:?}")
    };
    assert_eq!(first.name, "A \"quoted\" \\ name");
    assert_eq!(first.notes, "}]{[");
    assert_eq!(first.tags, ["x"]);
    assert_eq!(
        err.to_string(),
        "line 5: the JSON is broken at column 28: expected `,` or `}`"
    );
}

#[test]
fn json_with_bom_or_in_windows1252() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("[{\"name\": \"Søren\"}]".as_bytes());
    let recs = read_bytes(&bytes, Format::Json).unwrap_or_default();
    assert_eq!(recs.first().map(|r| r.name.as_str()), Some("Søren"));
    let Ok(mut reader) = CustomerReader::from_reader(
        Cursor::new(b"[{\"name\": \"\xC5se \xC6r\xF8\", \"notes\": \"\x80 50\"}]".to_vec()),
        Format::Json,
        tz(),
    ) else {
        panic!("reader")
    };
    let rec = reader.next().and_then(Result::ok).unwrap_or_default();
    assert_eq!((rec.name.as_str(), rec.notes.as_str()), ("Åse Ærø", "€ 50"));
    assert_eq!(reader.describe(), "JSON, Windows-1252");
}

#[test]
fn a_utf8_json_file_with_a_windows1252_customer() {
    let mut bytes = b"[\n".to_vec();
    for _ in 0..3000 {
        bytes.extend_from_slice("{\"name\": \"Søren Østergaard\"},\n".as_bytes());
    }
    bytes.extend_from_slice(b"{\"name\": \"Bj\xF8rn B\xE6k\"},\n{\"name\": \"\xC3\x85se\"}\n]\n");
    assert!(bytes.len() > crate::interchange::text::SNIFF_LEN);
    let Ok(mut reader) = CustomerReader::from_reader(Cursor::new(bytes), Format::Json, tz()) else {
        panic!("reader")
    };
    let recs: Vec<CustomerRecord> = reader.by_ref().filter_map(Result::ok).collect();
    assert_eq!(recs.len(), 3002);
    assert!(recs[..3000].iter().all(|r| r.name == "Søren Østergaard"));
    assert_eq!(
        (recs[3000].line, recs[3000].name.as_str()),
        (3002, "Bjørn Bæk")
    );
    assert_eq!((recs[3001].line, recs[3001].name.as_str()), (3003, "Åse"));
    assert_eq!(reader.describe(), "JSON");
    assert_eq!(
        texts(reader.warnings()),
        [
            "line 3002 is not UTF-8; it was read as Windows-1252, and so will any other such customer"
        ]
    );
}
