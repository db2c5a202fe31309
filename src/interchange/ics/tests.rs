//! Content lines and the reader; fixtures, expansion and the writer are in
//! the submodules.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use proptest::prelude::*;

use super::lines::{ContentLine, text_list, unescape};
use super::values::{parse_duration, parse_offset};
use super::*;

mod expand;
mod fixtures;
mod hostile;
mod writer;

pub(super) fn read_all(bytes: &[u8]) -> Vec<Result<Component, IcsError>> {
    IcsReader::new(bytes).collect()
}

/// The events of a file that must read without any error.
pub(super) fn events(bytes: &[u8]) -> Vec<Event> {
    read_all(bytes)
        .into_iter()
        .filter_map(|c| match c.expect("no error") {
            Component::Event(e) => Some(*e),
            Component::Timezone(_) => None,
        })
        .collect()
}

/// `2026-11-23 08:00` as UTC.
pub(super) fn utc(s: &str) -> DateTime<Utc> {
    let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time");
    Utc.from_utc_datetime(&t)
}

pub(super) fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
}

pub(super) fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A calendar around VEVENT bodies (LF line ends).
pub(super) fn calendar(body: &str) -> String {
    format!("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}END:VCALENDAR\n")
}

#[test]
fn content_lines_with_quoted_parameters() {
    let cl = ContentLine::parse(
        r#"ATTENDEE;CN="Hansen, Maria: boss";ROLE=REQ-PARTICIPANT:mailto:m@x.dk"#,
    )
    .expect("content line");
    assert_eq!(cl.name, "ATTENDEE");
    assert_eq!(cl.value, "mailto:m@x.dk");
    assert_eq!(cl.param("cn").as_deref(), Some("Hansen, Maria: boss"));
    assert_eq!(cl.param("ROLE").as_deref(), Some("REQ-PARTICIPANT"));
    assert_eq!(cl.param("RSVP"), None);
    let cl = ContentLine::parse("DESCRIPTION:a:b;c").expect("content line");
    assert_eq!((cl.name, cl.value), ("DESCRIPTION", "a:b;c"));
    let cl = ContentLine::parse("X-A;CN=^'Bo^' ^^ ^n;BAD;Y=1:v").expect("content line");
    assert_eq!(cl.param("CN").as_deref(), Some("\"Bo\" ^ \n"));
    assert_eq!(cl.param("Y").as_deref(), Some("1"));
    assert!(ContentLine::parse("no colon here").is_none());
    assert!(ContentLine::parse(":value").is_none());
    assert!(ContentLine::parse("A;X=\"unclosed:value").is_none());
}

#[test]
fn text_escapes() {
    assert_eq!(unescape(r"a\, b\; c\\ d\n e\N f"), "a, b; c\\ d\n e\n f");
    assert_eq!(unescape(r"odd \x end\"), r"odd \x end\");
    assert_eq!(
        escape_text("a, b; c\\ d\ne\r\nf\rg\u{7}"),
        r"a\, b\; c\\ d\ne\nf\ng"
    );
    let mut v = Vec::new();
    text_list(r"Kontor, Fast kunde,Komma\, her,,", &mut v);
    assert_eq!(v, ["Kontor", "Fast kunde", "Komma, her"]);
}

#[test]
fn durations_and_offsets() {
    let d = |s| parse_duration(s).map(|d| d.num_seconds());
    assert_eq!(d("PT1H30M"), Some(5400));
    assert_eq!(d("P1D"), Some(86_400));
    assert_eq!(d("P2W"), Some(14 * 86_400));
    assert_eq!(d("P0DT2H30M0S"), Some(9000));
    assert_eq!(d("-PT15M"), Some(-900));
    assert_eq!(d("+P1DT1S"), Some(86_401));
    for bad in [
        "",
        "P",
        "PT",
        "1H",
        "PT1D",
        "P1H",
        "P1",
        "PT1H2",
        "P99999999999999999999D",
        "Pø",
    ] {
        assert_eq!(d(bad), None, "{bad:?}");
    }
    assert_eq!(parse_offset("+0100"), Some(3600));
    assert_eq!(parse_offset("-0430"), Some(-16_200));
    assert_eq!(parse_offset("+003512"), Some(2112));
    for bad in ["0100", "+01", "+2500", "+01ø0", ""] {
        assert_eq!(parse_offset(bad), None, "{bad:?}");
    }
}

#[test]
fn reads_properties_parameters_and_text() {
    let text = "\u{feff}BEGIN:VCALENDAR\r\n\
        VERSION:2.0\r\n\
        begin:vevent\r\n\
        uid:abc-1\r\n\
        dtstart;tzid=\"Europe/Copenhagen\":20261123T090000\r\n\
        DTEND;TZID=Europe/Copenhagen:20261123T1\r\n 13000\r\n\
        SUMMARY:Hovedrengøring hos Hansen\\, Maria\\; 3. sal\r\n\
        DESCRIPTION:Linje 1\\nLinje 2\\N\\\\slut\r\n\
        LOCATION:Strandvejen 12\\, Hellerup\r\n\
        STATUS:tentative\r\n\
        CATEGORIES:Kontor,Fast kunde\r\n\
        CATEGORIES:Vinduer\r\n\
        ATTENDEE;CN=\"Hansen, Maria\";RSVP=TRUE:mailto:maria@example.dk\r\n\
        ATTENDEE:mailto:ole@example.dk\r\n\
        X-Renos-Booking:42\\, igen\r\n\
        X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\n\
        ORGANIZER:mailto:boss@example.dk\r\n\
        END:VEVENT\r\n\
        END:VCALENDAR\r\n";
    let evs = events(text.as_bytes());
    assert_eq!(evs.len(), 1);
    let e = &evs[0];
    assert_eq!(e.line, 3);
    assert_eq!(e.uid, "abc-1");
    let zoned = |t: &str| IcsTime::Zoned {
        local: local(t),
        tzid: "Europe/Copenhagen".into(),
    };
    assert_eq!(e.start, Some(zoned("2026-11-23 09:00")));
    assert_eq!(e.end, Some(zoned("2026-11-23 11:30")));
    assert_eq!(e.summary, "Hovedrengøring hos Hansen, Maria; 3. sal");
    assert_eq!(e.description, "Linje 1\nLinje 2\n\\slut");
    assert_eq!(e.location, "Strandvejen 12, Hellerup");
    assert_eq!(e.status.as_deref(), Some("TENTATIVE"));
    assert_eq!(e.categories, ["Kontor", "Fast kunde", "Vinduer"]);
    assert_eq!(
        e.attendees,
        [
            Attendee {
                cn: Some("Hansen, Maria".into()),
                address: "mailto:maria@example.dk".into()
            },
            Attendee {
                cn: None,
                address: "mailto:ole@example.dk".into()
            },
        ]
    );
    assert_eq!(
        e.extra,
        [
            ("X-RENOS-BOOKING".to_owned(), "42, igen".to_owned()),
            ("X-MICROSOFT-CDO-BUSYSTATUS".to_owned(), "BUSY".to_owned()),
        ]
    );
}

#[test]
fn times_dates_lists_and_durations() {
    let text = calendar(
        "BEGIN:VEVENT\nUID:t\nDTSTART:20261123T090000Z\nDURATION:PT1H30M\n\
         RRULE:FREQ=DAILY;COUNT=5\n\
         EXDATE:20261124T090000Z,20261125T090000Z\nEXDATE;VALUE=DATE:20261126\n\
         RDATE;VALUE=PERIOD:20261201T090000Z/20261201T100000Z\nRDATE:20261202T090000\n\
         RECURRENCE-ID;VALUE=DATE:20261130\nEND:VEVENT\n",
    );
    let evs = events(text.as_bytes());
    let e = &evs[0];
    assert_eq!(e.start, Some(IcsTime::Utc(utc("2026-11-23 09:00"))));
    assert_eq!(e.duration, Some(chrono::Duration::minutes(90)));
    assert_eq!(e.rrule.as_deref(), Some("FREQ=DAILY;COUNT=5"));
    assert_eq!(
        e.exdates,
        [
            IcsTime::Utc(utc("2026-11-24 09:00")),
            IcsTime::Utc(utc("2026-11-25 09:00")),
            IcsTime::Date(date("2026-11-26")),
        ]
    );
    assert_eq!(
        e.rdates,
        [
            IcsTime::Utc(utc("2026-12-01 09:00")),
            IcsTime::Floating(local("2026-12-02 09:00"))
        ]
    );
    assert_eq!(e.recurrence_id, Some(IcsTime::Date(date("2026-11-30"))));
}

#[test]
fn folds_may_split_utf8_characters_and_lines_may_end_in_lf() {
    // "Hovedrengøring" folded between the two bytes of "ø", with a tab fold too.
    let mut bytes = b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261123\nSUMMARY:Hovedreng\xc3\r\n \xb8ring\n\t hos Hansen\n".to_vec();
    bytes.extend_from_slice(b"END:VEVENT\r\nEND:VCALENDAR");
    let evs = events(&bytes);
    assert_eq!(evs[0].summary, "Hovedrengøring hos Hansen");
}

#[test]
fn invalid_utf8_is_replaced_not_fatal() {
    let bytes = b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261123\nSUMMARY:Hovedreng\xf8ring\nEND:VEVENT\nEND:VCALENDAR\n";
    let evs = events(bytes);
    assert_eq!(evs[0].summary, "Hovedreng\u{fffd}ring");
}

#[test]
fn unknown_components_and_properties_are_skipped() {
    let text = calendar(
        "BEGIN:VTODO\nUID:todo\nDTSTART:bad\nEND:VTODO\n\
         BEGIN:VJOURNAL\nSUMMARY:j\nEND:VJOURNAL\n\
         BEGIN:VFREEBUSY\nFREEBUSY:20261123T090000Z/PT1H\nEND:VFREEBUSY\n\
         BEGIN:VEVENT\nUID:e\nDTSTART:20261123\nDESCRIPTION:Event\nFOO;BAR=1:baz\n\
         BEGIN:VALARM\nTRIGGER:-PT15M\nDESCRIPTION:Reminder\nDTSTART:nonsense\nEND:VALARM\n\
         END:VEVENT\n\
         BEGIN:X-OTHER\nBEGIN:VEVENT\nUID:nested\nEND:VEVENT\nEND:X-OTHER\n",
    );
    let evs = events(text.as_bytes());
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].uid, "e");
    assert_eq!(evs[0].description, "Event");
}

#[test]
fn several_calendars_in_one_file() {
    let one = calendar("BEGIN:VEVENT\nUID:a\nDTSTART:20261123\nEND:VEVENT\n");
    let two = calendar("BEGIN:VEVENT\nUID:b\nDTSTART:20261124\nEND:VEVENT\n");
    let text = format!("{one}\n\r\n{two}");
    let uids: Vec<String> = events(text.as_bytes()).into_iter().map(|e| e.uid).collect();
    assert_eq!(uids, ["a", "b"]);
}

#[test]
fn a_broken_event_is_reported_and_reading_goes_on() {
    let text = calendar(
        "BEGIN:VEVENT\nUID:bad-start\nDTSTART:2026-11-23\nSUMMARY:x\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:no-start\nSUMMARY:y\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:bad-rule\nDTSTART:20261123T090000Z\nRRULE:FREQ=HOURLY\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:bad-line\nDTSTART:20261123\ngarbage\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:bad-date\nDTSTART;VALUE=DATE:20261323\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:good\nDTSTART:20261123T090000Z\nEND:VEVENT\n",
    );
    let all = read_all(text.as_bytes());
    let errors: Vec<String> = all
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| {
            assert!(!e.fatal, "{e}");
            e.to_string()
        })
        .collect();
    assert_eq!(
        errors,
        [
            "line 6: DTSTART \"2026-11-23\" is not an iCalendar date-time (expected 20261123T090000 or 20261123)",
            "line 9: VEVENT \"no-start\" has no DTSTART (expected a line like DTSTART:20261123T090000Z)",
            "line 16: RRULE FREQ=HOURLY is not supported (supported: DAILY, WEEKLY, MONTHLY, YEARLY) in RRULE:FREQ=HOURLY",
            "line 21: \"garbage\" is not a content line (expected NAME:value)",
            "line 25: DTSTART \"20261323\" is not an iCalendar date (expected 20261123)",
        ]
    );
    let last = all.last().and_then(|r| r.as_ref().ok());
    assert!(matches!(last, Some(Component::Event(e)) if e.uid == "good"));
}

fn fatal_of(bytes: &[u8]) -> IcsError {
    let mut reader = IcsReader::new(bytes);
    let err = loop {
        match reader.next() {
            Some(Err(e)) if e.fatal => break e,
            Some(_) => {}
            None => panic!("no fatal error for {:?}", String::from_utf8_lossy(bytes)),
        }
    };
    assert!(
        reader.next().is_none(),
        "the reader stops after a fatal error"
    );
    assert!(reader.next().is_none());
    err
}

#[test]
fn structural_problems_are_fatal() {
    let cases: [(&[u8], &str); 8] = [
        (
            b"Name,Phone\nMaria,12345678\n",
            "line 1: expected BEGIN:VCALENDAR, found \"Name,Phone\" (is this an iCalendar file?)",
        ),
        (
            b"",
            "line 1: no BEGIN:VCALENDAR found (is this an iCalendar file?)",
        ),
        (
            b"\n\r\n  \n",
            "line 3: no BEGIN:VCALENDAR found (is this an iCalendar file?)",
        ),
        (
            b"VERSION:2.0\n",
            "line 1: expected BEGIN:VCALENDAR, found \"VERSION:2.0\" (is this an iCalendar file?)",
        ),
        (
            b"BEGIN:VEVENT\nEND:VEVENT\n",
            "line 1: BEGIN:VEVENT outside a calendar (expected BEGIN:VCALENDAR)",
        ),
        (
            b"BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VEVENT\n",
            "line 3: END:VEVENT without BEGIN:VEVENT",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261123\nEND:VTODO\n",
            "line 4: END:VTODO does not close BEGIN:VEVENT of line 2 (expected END:VEVENT)",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261123\n",
            "line 3: the file ends inside BEGIN:VEVENT of line 2 (expected END:VEVENT)",
        ),
    ];
    for (bytes, want) in cases {
        assert_eq!(fatal_of(bytes).to_string(), want);
    }
}

/// Fails after handing out `ok` bytes.
struct Failing<'a> {
    data: &'a [u8],
}

impl std::io::Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.data.is_empty() {
            return Err(std::io::Error::other("disk on fire"));
        }
        let n = buf.len().min(self.data.len()).min(7);
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn io_errors_and_huge_lines_are_fatal() {
    let data = b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261123\nEND:VEVENT\nBEGIN:VEV";
    let mut reader = IcsReader::new(std::io::BufReader::with_capacity(16, Failing { data }));
    assert!(matches!(reader.next(), Some(Ok(Component::Event(_)))));
    let err = reader.next().and_then(Result::err).expect("an error");
    assert!(err.fatal);
    assert_eq!(
        err.to_string(),
        "line 5: cannot read the file: disk on fire"
    );
    assert!(reader.next().is_none());

    let mut huge = b"BEGIN:VCALENDAR\nX-BIG:".to_vec();
    huge.resize(lines::MAX_LINE + 100, b'a');
    let err = fatal_of(&huge);
    assert_eq!(err.line, 2);
    assert!(err.message.contains("longer than 4 MiB"), "{err}");
}

#[test]
fn bytes_read_counts_everything() {
    let text = calendar("BEGIN:VEVENT\nDTSTART:20261123\nSUMMARY:a\n b\nEND:VEVENT\n");
    let mut reader = IcsReader::new(text.as_bytes());
    assert_eq!(reader.bytes_read(), 0);
    while reader.next().is_some() {}
    assert_eq!(reader.bytes_read(), text.len() as u64);
}

#[test]
fn vtimezones_are_read() {
    let text = calendar(
        "BEGIN:VTIMEZONE\nTZID:Kontor\nBEGIN:STANDARD\nDTSTART:16011028T030000\n\
         RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nEND:STANDARD\n\
         BEGIN:DAYLIGHT\nDTSTART:16010325T020000\nRDATE:20300331T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\n\
         END:VTIMEZONE\n\
         BEGIN:VTIMEZONE\nTZID:Broken\nBEGIN:STANDARD\nDTSTART:16011028T030000\nTZOFFSETTO:+1\nEND:STANDARD\nEND:VTIMEZONE\n\
         BEGIN:VTIMEZONE\nBEGIN:STANDARD\nDTSTART:16011028T030000\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n",
    );
    let all = read_all(text.as_bytes());
    let Some(Ok(Component::Timezone(tz))) = all.first() else {
        panic!("a timezone first: {all:?}");
    };
    assert_eq!(tz.tzid, "Kontor");
    assert_eq!(tz.line, 4);
    assert_eq!(tz.observances.len(), 2);
    let std = &tz.observances[0];
    assert!(!std.daylight);
    assert_eq!((std.offset_from, std.offset_to), (7200, 3600));
    assert_eq!(std.start, local("1601-10-28 03:00"));
    assert_eq!(std.name.as_deref(), Some("CET"));
    assert!(std.rrule.is_some());
    assert_eq!(tz.observances[1].rdates, [local("2030-03-31 02:00")]);
    let errors: Vec<String> = all[1..]
        .iter()
        .map(|r| {
            r.as_ref()
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string())
        })
        .collect();
    assert_eq!(
        errors,
        [
            "line 24: TZOFFSETTO \"+1\" is not a UTC offset (expected e.g. +0100 or -0500)",
            "line 27: VTIMEZONE has no TZID (expected e.g. TZID:Europe/Copenhagen)",
        ]
    );
}

proptest! {
    /// Whatever the bytes, the reader ends without panicking, and nothing
    /// follows a fatal error.
    #[test]
    fn never_panics(
        parts in prop::collection::vec(prop::sample::select(vec![
            "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VALARM",
            "END:VALARM", "BEGIN:VTIMEZONE", "END:VTIMEZONE", "BEGIN:STANDARD", "END:STANDARD",
            "DTSTART:20261123T090000Z", "DTSTART;TZID=\"a:b\":2026", "RRULE:FREQ=WEEKLY;BYDAY=-1FR",
            "SUMMARY:æøå\\", " folded", "\t", "", "TZOFFSETTO:+0100", "EXDATE:,,", "DURATION:P",
            "ATTENDEE;CN=\"x:mailto:y", "\u{feff}", "\r", ";:", "RDATE;VALUE=PERIOD:/",
        ]), 0..40),
        noise in prop::collection::vec(any::<u8>(), 0..20),
    ) {
        let mut bytes = parts.join("\n").into_bytes();
        bytes.extend_from_slice(&noise);
        let mut reader = IcsReader::new(bytes.as_slice());
        let mut n = 0;
        while let Some(item) = reader.next() {
            n += 1;
            prop_assert!(n < 1000);
            if matches!(item, Err(ref e) if e.fatal) {
                prop_assert!(reader.next().is_none());
                break;
            }
        }
    }
}

#[test]
fn lines_come_whole_across_the_reader_s_buffer() {
    let text =
        "BEGIN:VCALENDAR\r\nSUMMARY:Søren Østergaard\\, trappe \r\n  og kælder\nX-A:1\r\n\r\nEND";
    let mut r = lines::LineReader::new(std::io::BufReader::with_capacity(3, text.as_bytes()));
    let mut got = Vec::new();
    while let Ok(Some(n)) = r.advance() {
        got.push((n, r.line().into_owned()));
    }
    assert_eq!(
        got,
        [
            (1, "BEGIN:VCALENDAR".to_string()),
            (
                2,
                "SUMMARY:Søren Østergaard\\, trappe  og kælder".to_string()
            ),
            (4, "X-A:1".to_string()),
            (6, "END".to_string()),
        ]
    );
    assert_eq!(r.bytes_read(), text.len() as u64);
}

#[test]
fn escapes_beside_other_characters() {
    assert_eq!(unescape("Ærø\\,Å\\;ø\\\\"), "Ærø,Å;ø\\");
    assert_eq!(unescape("\\ø and \\"), "\\ø and \\");
    assert_eq!(unescape("plain"), "plain");
    assert_eq!(unescape(""), "");
}
