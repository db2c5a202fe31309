//! Written customers read back unchanged: any customer whose fields are in
//! the form the reader gives (trimmed, phone and e-mail normalised, tags
//! without separators), with any delimiter, BOM or line ending, with or
//! without formulas guarded for Excel.

use std::io::Cursor;

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::domain::Customer;
use crate::domain::contact::{check_email, parse_tags};

/// Text with everything CSV must quote, Danish letters, and line breaks.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        "[a-zA-Z0-9æøåÆØÅé€ ,;\\t\"'\\r\\n|.:#=+@-]{{0,{max}}}"
    ))
    .unwrap_or_else(|_| panic!("regex"))
    .prop_map(|s| s.trim().to_string())
}

fn name() -> impl Strategy<Value = String> {
    (text(24), "[A-ZÆØÅ][a-zæøå]{0,8}").prop_map(|(t, start)| format!("{start}{t}"))
}

fn email() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9_+-]{1,8}(\\.[a-zA-Z0-9_+-]{1,5})?@[a-z0-9æøå]{1,8}(-[a-z0-9]{1,4})?\\.(dk|com|se)",
    ]
}

fn phone() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "\\+45[0-9]{8}",
        "\\+4[6-9][1-9][0-9]{6,11}",
    ]
}

fn tags() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[a-zA-Z0-9æøå \"'\\n-]{1,10}", 0..5)
        .prop_map(|tags| parse_tags(&tags.join(",")))
}

fn when() -> impl Strategy<Value = Option<DateTime<Utc>>> {
    prop_oneof![
        Just(None),
        (
            946_684_800i64..4_102_444_800,
            prop_oneof![Just(0u32), 0u32..1_000_000_000]
        )
            .prop_map(|(s, ns)| Utc.timestamp_opt(s, ns).single()),
    ]
}

prop_compose! {
    fn customer()(
        name in name(),
        email in email(),
        phone in phone(),
        address in text(40),
        company in text(16),
        notes in text(60),
        tags in tags(),
        leads in any::<u32>(),
        bookings in any::<u32>(),
        revenue_ore in any::<i64>(),
        last_contact in when(),
    ) -> Customer {
        Customer {
            name,
            email,
            phone,
            address,
            company,
            notes,
            tags,
            history: CustomerHistory { leads, bookings, revenue_ore, last_contact },
            ..Customer::default()
        }
    }
}

fn options() -> impl Strategy<Value = CsvOptions> {
    (
        prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(delimiter, bom, crlf, guard_formulas)| CsvOptions {
            delimiter,
            bom,
            crlf,
            guard_formulas,
        })
}

fn write_all(customers: &[Customer], opts: CsvOptions) -> std::io::Result<Vec<u8>> {
    let mut w = CsvWriter::new(Vec::new(), opts)?;
    for c in customers {
        w.write(c)?;
    }
    w.finish()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn written_customers_read_back_unchanged(
        customers in proptest::collection::vec(customer(), 1..6),
        opts in options(),
    ) {
        for c in &customers {
            prop_assume!(check_email(&c.email).as_deref() == Ok(c.email.as_str()));
        }
        let bytes = write_all(&customers, opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let reader = CustomerReader::from_reader(Cursor::new(bytes), Format::Csv, BusinessTz::default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let records: Vec<CustomerRecord> = reader
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(records.len(), customers.len());
        for (c, r) in customers.iter().zip(&records) {
            prop_assert!(r.problems.is_empty(), "{:?}", r.problems);
            prop_assert_eq!(&r.name, &c.name);
            prop_assert_eq!(&r.email, &c.email);
            prop_assert_eq!(&r.phone, &c.phone);
            prop_assert_eq!(&r.address, &c.address);
            prop_assert_eq!(&r.company, &c.company);
            prop_assert_eq!(&r.notes, &c.notes);
            prop_assert_eq!(&r.tags, &c.tags);
            prop_assert_eq!(r.history, c.history);
        }
        // The lines given are where the rows start.
        prop_assert_eq!(records[0].line, 2);
        for pair in records.windows(2) {
            let breaks = customers_line_breaks(&pair[0]);
            prop_assert_eq!(pair[1].line, pair[0].line + 1 + breaks);
        }
    }
}

/// Line breaks inside one written row.
fn customers_line_breaks(r: &CustomerRecord) -> u64 {
    [&r.name, &r.address, &r.company, &r.notes]
        .into_iter()
        .chain(&r.tags)
        .map(|s| s.matches('\n').count() as u64)
        .sum()
}

#[test]
fn the_header_and_a_row_as_written() {
    let c = Customer {
        name: "Bjørn's Rengøring ApS".into(),
        email: "kontakt@bjorn.dk".into(),
        phone: "+4512345678".into(),
        address: "Østergade 12, 8000 Aarhus C".into(),
        notes: "Siger \"hej\"\nto linjer".into(),
        tags: vec!["vip".into(), "nøgle".into()],
        history: CustomerHistory {
            leads: 3,
            bookings: 2,
            revenue_ore: 104750,
            last_contact: Utc.with_ymd_and_hms(2025, 10, 1, 10, 0, 0).single(),
        },
        ..Customer::default()
    };
    let bytes = write_all(
        std::slice::from_ref(&c),
        CsvOptions {
            delimiter: b';',
            bom: true,
            crlf: true,
            guard_formulas: false,
        },
    );
    let text = bytes.map(|b| String::from_utf8_lossy(&b).into_owned());
    assert_eq!(
        text.ok().as_deref(),
        Some(
            "\u{feff}Name;Email;Phone;Address;Company;Notes;Tags;TotalLeads;TotalBookings;TotalRevenue;LastContactAt\r\n\
             Bjørn's Rengøring ApS;kontakt@bjorn.dk;+4512345678;Østergade 12, 8000 Aarhus C;;\"Siger \"\"hej\"\"\nto linjer\";vip, nøgle;3;2;1047.50;2025-10-01T10:00:00Z\r\n"
        )
    );
    let plain =
        write_all(&[], CsvOptions::default()).map(|b| String::from_utf8_lossy(&b).into_owned());
    assert_eq!(
        plain.ok().as_deref(),
        Some(
            "Name,Email,Phone,Address,Company,Notes,Tags,TotalLeads,TotalBookings,TotalRevenue,LastContactAt\n"
        )
    );
}
