use chrono::TimeZone;
use chrono_tz::Europe::Copenhagen;

use super::*;
use crate::providers::calendar::{
    Content, Exception, ItemId, ItemStatus, Properties, Recurrence, Version,
};

fn utc(day: u32, h: u32) -> When {
    When::At(Utc.with_ymd_and_hms(2026, 12, day, h, 0, 0).unwrap())
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, 9, 30, 0).unwrap()
}

fn ours() -> ItemWrite {
    let mut w = ItemWrite::single(
        "42",
        Content {
            summary: "Hovedrengøring".into(),
            description: String::new(),
            location: "Istedgade 1".into(),
            start: utc(8, 12),
            end: utc(8, 15),
            status: ItemStatus::Confirmed,
        },
        "Europe/Copenhagen",
    );
    w.properties = Properties::from([("customer".to_string(), "7".to_string())]);
    w
}

/// A phone's event: a folded description, an alarm with its own
/// description, attendees with quoted commas and colons, categories, an
/// X- property of its own, and our summary twice.
const PHONE: &str = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Apple Inc.//iPhone OS 18.1//EN\r\n\
BEGIN:VEVENT\r\n\
UID:A1B2-C3@iphone\r\n\
DTSTAMP:20261201T100000Z\r\n\
SEQUENCE:3\r\n\
DTSTART:20261207T080000Z\r\n\
DURATION:PT2H\r\n\
SUMMARY:Madsen\r\n\
DESCRIPTION:Nøglen ligger under måtten\\, ring på hos naboen hvis den ikke er \r\n der\r\n\
ATTENDEE;CN=\"Jensen, Anna\";DELEGATED-FROM=\"mailto:a:b@firma.dk\";ROLE=REQ-\r\n PARTICIPANT:mailto:anna@firma.dk\r\n\
ATTENDEE;CN=Bo:mailto:bo@firma.dk\r\n\
CATEGORIES:Rengøring,Fast kunde\r\n\
SUMMARY:Madsen igen\r\n\
LOCATION;ALTREP=\"http://kort.dk/a,b\":Vesterbro\r\n\
X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC\r\n\
BEGIN:VALARM\r\n\
ACTION:DISPLAY\r\n\
DESCRIPTION:Påmindelse\r\n\
TRIGGER:-PT15M\r\n\
END:VALARM\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";

fn merged(stored: &str, item: &ItemWrite) -> String {
    update(stored, item, now(), Copenhagen).unwrap()
}

fn read_back(text: &str) -> crate::providers::calendar::RemoteItem {
    ical::read(ItemId("x".into()), Version("v".into()), text, Copenhagen)
        .unwrap()
        .unwrap()
}

#[test]
fn what_we_do_not_write_stays_byte_for_byte() {
    let text = merged(PHONE, &ours());
    for kept in [
        "PRODID:-//Apple Inc.//iPhone OS 18.1//EN\r\n",
        "UID:A1B2-C3@iphone\r\n",
        "ATTENDEE;CN=\"Jensen, Anna\";DELEGATED-FROM=\"mailto:a:b@firma.dk\";ROLE=REQ-\r\n PARTICIPANT:mailto:anna@firma.dk\r\n",
        "ATTENDEE;CN=Bo:mailto:bo@firma.dk\r\n",
        "CATEGORIES:Rengøring,Fast kunde\r\n",
        "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC\r\n",
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Påmindelse\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n",
    ] {
        assert!(text.contains(kept), "{kept:?} kept in\n{text}");
    }
    // Every line ends in CRLF, as stored.
    assert!(!text.replace("\r\n", "").contains('\n'), "{text}");
    assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{text}");
}

#[test]
fn what_we_own_is_replaced_once_in_its_place() {
    let text = merged(PHONE, &ours());
    // Our summary once, where theirs was first; the second goes.
    assert_eq!(text.matches("\r\nSUMMARY").count(), 1, "{text}");
    assert!(!text.contains("Madsen"), "{text}");
    let summary = text.find("SUMMARY:Hovedrengøring\r\n").unwrap();
    assert!(text.find("DURATION").is_none() && text.contains("DTEND;TZID=Europe/Copenhagen"));
    assert!(summary < text.find("ATTENDEE").unwrap(), "{text}");
    // The folded description goes whole (ours is empty): no stray
    // continuation is left; the alarm's own description stays.
    assert!(!text.contains(" der\r\n"), "{text}");
    assert_eq!(text.matches("DESCRIPTION").count(), 1, "{text}");
    // The place replaced with its parameter; ours has none.
    assert!(text.contains("\r\nLOCATION:Istedgade 1\r\n"), "{text}");
    assert!(!text.contains("ALTREP"), "{text}");
    // Our facts before the alarm, the event's other properties first.
    let facts = text.find("X-RENOS-BOOKING:42\r\n").unwrap();
    assert!(text.contains("X-RENOS-CUSTOMER:7\r\n"));
    assert!(facts < text.find("BEGIN:VALARM").unwrap(), "{text}");
    assert!(facts > text.find("X-APPLE").unwrap(), "{text}");
    // Stamped now; the time changed, so the sequence is raised.
    assert!(text.contains("DTSTAMP:20261205T093000Z\r\n"), "{text}");
    assert!(
        text.contains("LAST-MODIFIED:20261205T093000Z\r\n"),
        "{text}"
    );
    assert!(text.contains("SEQUENCE:4\r\n"), "{text}");
    // Our zone's definition, for our times.
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1, "{text}");
    assert!(text.find("BEGIN:VTIMEZONE").unwrap() < text.find("BEGIN:VEVENT").unwrap());

    let back = read_back(&text);
    assert_eq!(back.content, ours().content);
    assert_eq!(back.booking.as_deref(), Some("42"));
    assert_eq!(back.properties, ours().properties);
}

#[test]
fn a_new_title_alone_keeps_the_sequence() {
    let first = merged(PHONE, &ours());
    let mut renamed = ours();
    renamed.content.summary = "Vinduespudsning".into();
    let text = merged(&first, &renamed);
    assert!(text.contains("SEQUENCE:4\r\n"), "{text}");
    assert!(text.contains("SUMMARY:Vinduespudsning\r\n"), "{text}");
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1, "{text}");
    // Written over a second time: still one of each of ours.
    let event = &text[text.find("BEGIN:VEVENT").unwrap()..];
    for once in [
        "DTSTART",
        "DTEND",
        "LAST-MODIFIED",
        "X-RENOS-BOOKING",
        "STATUS",
    ] {
        assert_eq!(
            event.matches(&format!("\r\n{once}")).count(),
            1,
            "{once} in\n{text}"
        );
    }
}

#[test]
fn bare_line_feeds_are_kept_and_ours_follow_them() {
    let lf = PHONE.replace("\r\n", "\n");
    let text = merged(&lf, &ours());
    assert!(!text.contains('\r'), "{text}");
    assert!(text.contains("ATTENDEE;CN=Bo:mailto:bo@firma.dk\n"));
    assert!(text.contains("SUMMARY:Hovedrengøring\n"));
    assert_eq!(read_back(&text).content, ours().content);
}

#[test]
fn their_zone_and_other_components_stay() {
    let stored = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n\
BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen\r\nX-LIC-LOCATION:Europe/Copenhagen\r\n\
BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20261201T100000Z\r\n\
DTSTART;TZID=Europe/Copenhagen:20261207T090000\r\n\
DTEND;TZID=Europe/Copenhagen:20261207T110000\r\nSUMMARY:Madsen\r\nEND:VEVENT\r\n\
BEGIN:VTODO\r\nUID:t1\r\nSUMMARY:Køb sæbe\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
    let text = merged(stored, &ours());
    // Theirs is the zone's definition: not written twice.
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1, "{text}");
    assert!(text.contains("X-LIC-LOCATION:Europe/Copenhagen\r\n"));
    assert!(text.contains("BEGIN:VTODO\r\nUID:t1\r\nSUMMARY:Køb sæbe\r\nEND:VTODO\r\n"));
    assert_eq!(read_back(&text).content, ours().content);
}

/// A weekly series with a changed occurrence that has an alarm of its own,
/// and one changed occurrence the write leaves out.
#[test]
fn changed_occurrences_are_written_as_the_write_states_them() {
    let stored = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n\
BEGIN:VEVENT\r\nUID:s1\r\nDTSTAMP:20261201T100000Z\r\nDTSTART:20261207T080000Z\r\n\
DTEND:20261207T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Fast\r\n\
X-OWN:1\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:s1\r\nDTSTAMP:20261201T100000Z\r\nRECURRENCE-ID:20261214T080000Z\r\n\
DTSTART:20261214T090000Z\r\nDTEND:20261214T110000Z\r\nSUMMARY:Fast (flyttet)\r\n\
BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Husk\r\nTRIGGER:-PT1H\r\nEND:VALARM\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:s1\r\nDTSTAMP:20261201T100000Z\r\nRECURRENCE-ID:20261221T080000Z\r\n\
DTSTART:20261221T120000Z\r\nDTEND:20261221T140000Z\r\nSUMMARY:Fast (senere)\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let moved = Content {
        summary: "Fast".into(),
        description: String::new(),
        location: String::new(),
        start: utc(14, 10),
        end: utc(14, 12),
        status: ItemStatus::Confirmed,
    };
    let mut w = ours();
    w.content.start = utc(7, 8);
    w.content.end = utc(7, 10);
    w.content.summary = "Fast".into();
    w.recurrence = Some(Recurrence {
        rule: "FREQ=WEEKLY;COUNT=4".into(),
        excluded: Vec::new(),
    });
    w.exceptions = vec![
        Exception {
            original_start: utc(14, 8),
            content: moved.clone(),
        },
        Exception {
            original_start: utc(28, 8),
            content: Content {
                start: utc(28, 13),
                end: utc(28, 15),
                ..moved.clone()
            },
        },
    ];
    let text = merged(stored, &w);
    assert!(text.contains("X-OWN:1\r\n"), "{text}");
    assert_eq!(
        text.matches("RRULE:FREQ=WEEKLY;COUNT=4").count(),
        1,
        "{text}"
    );
    // The occurrence the write names keeps its alarm; the one it leaves
    // out goes; the new one is added.
    assert!(text.contains("DESCRIPTION:Husk\r\n"), "{text}");
    assert!(!text.contains("senere"), "{text}");
    let back = read_back(&text);
    assert_eq!(back.exceptions, w.exceptions);
    assert_eq!(back.recurrence, w.recurrence);
    // The master's time did not change: its sequence stays absent.
    let master = &text[..text.find("RECURRENCE-ID").unwrap()];
    assert!(!master.contains("SEQUENCE"), "{text}");
}

#[test]
fn events_of_another_uid_and_broken_objects() {
    let two = PHONE.replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:other\r\nDTSTART:20261209T080000Z\r\nSUMMARY:Andet\r\nEND:VEVENT\r\nEND:VCALENDAR",
    );
    // One object with two UIDs is not read (`ical::read`); written over,
    // the other's event is left as it is.
    let text = merged(&two, &ours());
    assert!(text.contains(
        "BEGIN:VEVENT\r\nUID:other\r\nDTSTART:20261209T080000Z\r\nSUMMARY:Andet\r\nEND:VEVENT\r\n"
    ));
    let z = Copenhagen;
    assert!(
        update(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n",
            &ours(),
            now(),
            z
        )
        .is_err()
    );
    assert!(update("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", &ours(), now(), z).is_err());
}

#[test]
fn lines_unfold_as_the_reader_unfolds_them() {
    let data = "\u{feff}BEGIN:VCALENDAR\r\nX-A;P=\"a:b;c\":v\r\n  w\r\n\tx\r\n\r\nEND:VCALENDAR";
    let lines = split(data).unwrap();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0].text, "BEGIN:VCALENDAR");
    assert_eq!(lines[1].name, "X-A");
    assert_eq!(lines[1].text, "X-A;P=\"a:b;c\":v wx");
    assert_eq!(lines[1].raw, "X-A;P=\"a:b;c\":v\r\n  w\r\n\tx\r\n");
    assert_eq!(value(&lines[1].text), "v wx");
    assert_eq!((lines[2].number, lines[2].name.as_str()), (5, ""));
    assert_eq!((lines[3].number, lines[3].depth), (6, 1));
    let all: String = lines.iter().map(|l| l.raw).collect();
    assert_eq!(all, data);
}

/// One of our own objects as an earlier write made it whole (a fact this
/// write leaves out, our zone's definition, no SEQUENCE): written over, it
/// reads as the new write, with one zone and no stale fact.
#[test]
fn our_own_object_written_over_reads_as_the_new_write() {
    let mut old = ours();
    old.properties.insert("staff".to_string(), "3".to_string());
    let stored = ical::write_as(&old, &ical::uid_for("42"), now()).unwrap();
    assert!(stored.contains("X-RENOS-STAFF"), "{stored}");
    let mut new = ours();
    new.content.start = utc(9, 12);
    new.content.end = utc(9, 14);
    let text = merged(&stored, &new);
    assert!(!text.contains("X-RENOS-STAFF"), "{text}");
    assert!(text.contains("UID:renos-booking-42\r\n"), "{text}");
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1, "{text}");
    assert!(text.contains("SEQUENCE:1\r\n"), "{text}");
    let back = read_back(&text);
    let whole = read_back(&ical::write_as(&new, &ical::uid_for("42"), now()).unwrap());
    assert_eq!(back.content, whole.content);
    assert_eq!(back.properties, whole.properties);
    assert_eq!(back.booking, whole.booking);
}
