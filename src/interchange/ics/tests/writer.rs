//! The writer: its VTIMEZONE, folding, escaping, and the round trip through the reader.

use chrono::Duration;
use chrono_tz::Europe::Copenhagen;
use chrono_tz::Tz;

use super::*;

fn write(tz: Tz, events: &[EventOut]) -> Vec<u8> {
    let mut w = IcsWriter::with_rules_of_year(Vec::new(), tz, "-//RenOS//Dispatch//DA", 2026)
        .expect("header");
    for e in events {
        w.event(e).expect("event");
    }
    w.finish().expect("finish")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

fn booking() -> EventOut {
    EventOut {
        uid: "booking-42@renos".into(),
        stamp: utc("2026-11-20 10:00"),
        start: utc("2026-11-23 08:00"),
        end: utc("2026-11-23 10:30"),
        summary: "Hovedrengøring hos Hansen, Maria; 3. sal".into(),
        description: "Nøgle under måtten\nHusk støvsuger \\ klude".into(),
        location: "Strandvejen 12, 2900 Hellerup".into(),
        status: Some("confirmed".into()),
        categories: vec!["Rengøring".into(), "Vinduer, indvendig".into()],
        attendees: vec![
            Attendee {
                cn: Some("Hansen, Maria".into()),
                address: "mailto:maria@example.dk".into(),
            },
            Attendee {
                cn: Some("Ole".into()),
                address: "mailto:ole@example.dk".into(),
            },
        ],
        extra: vec![
            ("X-RENOS-BOOKING".into(), "42".into()),
            ("X-RENOS-NOTE".into(), "a;b,c".into()),
        ],
        ..EventOut::default()
    }
}

#[test]
fn writes_a_calendar_khal_and_calcurse_understand() {
    let out = text(&write(Copenhagen, &[booking()]));
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert_eq!(lines.last(), Some(&""), "ends in CRLF");
    assert!(
        !out.replace("\r\n", "").contains('\n'),
        "only CRLF line ends"
    );
    assert_eq!(
        lines[..4],
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//RenOS//Dispatch//DA",
            "CALSCALE:GREGORIAN"
        ]
    );
    for want in [
        "TZID:Europe/Copenhagen",
        "UID:booking-42@renos",
        "DTSTAMP:20261120T100000Z",
        "DTSTART;TZID=Europe/Copenhagen:20261123T090000",
        "DTEND;TZID=Europe/Copenhagen:20261123T113000",
        "SUMMARY:Hovedrengøring hos Hansen\\, Maria\\; 3. sal",
        "DESCRIPTION:Nøgle under måtten\\nHusk støvsuger \\\\ klude",
        "LOCATION:Strandvejen 12\\, 2900 Hellerup",
        "STATUS:CONFIRMED",
        "CATEGORIES:Rengøring,Vinduer\\, indvendig",
        "ATTENDEE;CN=\"Hansen, Maria\":mailto:maria@example.dk",
        "ATTENDEE;CN=Ole:mailto:ole@example.dk",
        "X-RENOS-BOOKING:42",
        "X-RENOS-NOTE:a\\;b\\,c",
        "END:VCALENDAR",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{out}");
    }
}

fn vtimezone(tz: Tz) -> Vec<String> {
    let out = text(&write(tz, &[]));
    let start = out.find("BEGIN:VTIMEZONE").expect("vtimezone");
    let end = out.find("END:VTIMEZONE").expect("vtimezone end");
    out[start..end]
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn vtimezones_from_the_zone_rules() {
    let cph = vtimezone(Copenhagen);
    let want = [
        "BEGIN:DAYLIGHT",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "TZNAME:CEST",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZNAME:CET",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
    ];
    assert_eq!(cph[2..], want);
    let ny = vtimezone(chrono_tz::America::New_York);
    assert!(
        ny.contains(&"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU".to_owned()),
        "{ny:?}"
    );
    assert!(
        ny.contains(&"RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU".to_owned()),
        "{ny:?}"
    );
    assert!(ny.contains(&"DTSTART:19700308T020000".to_owned()), "{ny:?}");
    let sydney = vtimezone(chrono_tz::Australia::Sydney);
    assert!(
        sydney.contains(&"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU".to_owned()),
        "{sydney:?}"
    );
    assert!(
        sydney.contains(&"RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU".to_owned()),
        "{sydney:?}"
    );
    let tokyo = vtimezone(chrono_tz::Asia::Tokyo);
    assert_eq!(
        tokyo[2..],
        [
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZNAME:JST",
            "TZOFFSETFROM:+0900",
            "TZOFFSETTO:+0900",
            "END:STANDARD"
        ]
    );
}

#[test]
fn generated_vtimezones_agree_with_the_zone_database() {
    for tz in [
        Copenhagen,
        chrono_tz::America::New_York,
        chrono_tz::Australia::Sydney,
        chrono_tz::Asia::Tokyo,
        chrono_tz::Europe::London,
        chrono_tz::America::Santiago,
    ] {
        // The writer's VTIMEZONE, renamed so that only its rules can resolve it.
        let out = text(&write(tz, &[])).replace(&format!("TZID:{}", tz.name()), "TZID:generated");
        let mut rules = TzResolver::new(tz);
        for c in IcsReader::new(out.as_bytes()) {
            if let Ok(Component::Timezone(z)) = c {
                rules.add(&z);
            }
        }
        let iana = TzResolver::new(tz);
        let mut t = local("2026-01-01 00:30");
        while t < local("2027-01-01 00:00") {
            let by_rules = rules.resolve(&IcsTime::Zoned {
                local: t,
                tzid: "generated".into(),
            });
            let by_iana = iana.resolve(&IcsTime::Floating(t));
            assert_eq!(by_rules, by_iana, "{} at {t}", tz.name());
            t += Duration::minutes(97);
        }
    }
}

#[test]
fn long_lines_fold_at_75_octets_between_characters() {
    let mut e = booking();
    e.summary = "Grøn sæbe på Ærø, ".repeat(12) + "😀🧹".repeat(20).as_str();
    e.description = "x".repeat(74) + "ø" + &"y".repeat(300);
    let bytes = write(Copenhagen, &[e.clone()]);
    for line in bytes.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(
            line.len() <= 75,
            "{} octets: {:?}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "a character split: {line:?}"
        );
    }
    let back = events(&bytes);
    assert_eq!(back[0].summary, e.summary);
    assert_eq!(back[0].description, e.description);
}

#[test]
fn the_second_pass_of_the_autumn_hour_is_written_in_utc() {
    let mut e = booking();
    e.start = utc("2026-10-25 00:30"); // 02:30 CEST
    e.end = utc("2026-10-25 01:30"); // 02:30 CET
    let out = text(&write(Copenhagen, &[e]));
    assert!(
        out.contains("DTSTART;TZID=Europe/Copenhagen:20261025T023000\r\n"),
        "{out}"
    );
    assert!(out.contains("DTEND:20261025T013000Z\r\n"), "{out}");
}

#[test]
fn bad_x_names_are_refused() {
    for name in ["RENOS", "X-", "X-A:B", "X-Æ", "X-A B"] {
        let mut e = booking();
        e.extra = vec![(name.into(), "v".into())];
        let mut w = IcsWriter::new(Vec::new(), Copenhagen, "p").expect("header");
        let err = w.event(&e).expect_err(name);
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    }
}

fn round_trip(out: &EventOut) -> Event {
    let bytes = write(Copenhagen, std::slice::from_ref(out));
    let mut evs = events(&bytes);
    assert_eq!(evs.len(), 1);
    evs.remove(0)
}

/// Text people type: commas, semicolons, backslashes, colons, quotes,
/// newlines, tabs, Danish letters, emoji, long runs.
fn typed() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec![
                ",", ";", "\\", ":", "\"", "\n", "\t", " ", "æ", "ø", "å", "Æ", "Ø", "Å", "😀",
                "\\n", "^", "=", "—"
            ])
            .prop_map(str::to_owned),
            "[a-zA-Z0-9 ]{1,90}",
            "\\PC{1,8}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn what_is_written_reads_back_equal(
        summary in typed(),
        description in typed(),
        location in typed(),
        category in typed(),
        cn in typed(),
        note in typed(),
        start_min in 0i64..(3 * 366 * 24 * 60),
        len_min in 0i64..(12 * 60),
    ) {
        let start = utc("2025-01-01 00:00") + Duration::minutes(start_min);
        let out = EventOut {
            uid: format!("booking-{start_min}@renos"),
            stamp: utc("2026-11-20 10:00"),
            start,
            end: start + Duration::minutes(len_min),
            summary: summary.clone(),
            description: description.clone(),
            location: location.clone(),
            status: Some("TENTATIVE".into()),
            categories: vec![category.clone()],
            attendees: vec![Attendee { cn: Some(cn.clone()), address: "mailto:a@example.dk".into() }],
            extra: vec![("X-RENOS-NOTE".into(), note.clone())],
            ..EventOut::default()
        };
        let back = round_trip(&out);
        // The reader keeps text as written, but list items are trimmed and empty ones dropped.
        let want_categories: Vec<String> = Some(category.trim().to_owned()).filter(|c| !c.is_empty()).into_iter().collect();
        prop_assert_eq!(&back.summary, &summary);
        prop_assert_eq!(&back.description, &description);
        prop_assert_eq!(&back.location, &location);
        prop_assert_eq!(&back.uid, &out.uid);
        prop_assert_eq!(&back.categories, &want_categories);
        prop_assert_eq!(back.attendees[0].cn.as_deref(), Some(cn.as_str()));
        prop_assert_eq!(&back.extra, &vec![("X-RENOS-NOTE".to_owned(), note.clone())]);
        let tz = TzResolver::new(Copenhagen);
        let occ = occurrences(&back, &tz, start, start, 1).map_err(TestCaseError::fail)?;
        prop_assert_eq!(occ[0].start, Resolved::At(start));
        prop_assert_eq!(occ[0].end, Resolved::At(out.end));
    }
}
