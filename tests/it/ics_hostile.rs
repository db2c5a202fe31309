//! Calendars written to cost time: zones whose rules start in year 1 (with
//! and without a huge COUNT) under a thousand events. `renos validate`
//! answers in well under two seconds of CPU time, with the times right.

use std::time::Duration;

use crate::bounds::watched;
use crate::common;
use common::{NOW, renos};
use serde_json::Value;

/// A zone as the report found it: 505 bytes, changes from 1 January of year 1.
fn zone(tzid: &str, extra: &str) -> String {
    format!(
        "BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n\
         BEGIN:STANDARD\r\nDTSTART:00011025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU{extra}\r\n\
         TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n\
         BEGIN:DAYLIGHT\r\nDTSTART:00010101T000000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU{extra}\r\n\
         TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )
}

fn calendar(events: usize) -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//hostile//EN\r\n");
    s.push_str(&zone("Forever", ""));
    s.push_str(&zone("Counted", ";COUNT=1000000"));
    for k in 0..events {
        let tzid = if k % 2 == 0 { "Forever" } else { "Counted" };
        let day = k % 28 + 1;
        s.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:hostile-{k}\r\nSUMMARY:Cleaning {k}\r\n\
             DTSTART;TZID={tzid}:202612{day:02}T090000\r\n\
             DTEND;TZID={tzid}:202612{day:02}T110000\r\nEND:VEVENT\r\n"
        ));
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

#[test]
fn a_thousand_events_in_year_one_zones_validate_in_under_two_seconds() {
    let home = tempfile::tempdir().expect("tmp");
    let file = home.path().join("hostile.ics");
    std::fs::write(&file, calendar(1000)).expect("write");
    // CPU time, so that a busy machine does not fail the test.
    let w = watched(
        home.path(),
        &[
            "--now",
            NOW,
            "validate",
            "--json",
            &file.display().to_string(),
        ],
        None,
    );
    let o = w.out;
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(w.cpu < Duration::from_secs(2), "validate took {:?}", w.cpu);
    let report: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(report["events"], 1000);
    assert_eq!(report["failed"], 0, "{report}");
}

#[test]
fn year_one_zones_give_the_right_times() {
    let home = tempfile::tempdir().expect("tmp");
    let file = home.path().join("hostile.ics");
    std::fs::write(&file, calendar(2)).expect("write");
    let db = home.path().join("t.db").display().to_string();
    let file = file.display().to_string();
    let o = renos(
        home.path(),
        &["--db", &db, "--now", NOW, "ics", "import", &file, "--json"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // 09:00 in winter in both zones is 09:00 in Copenhagen.
    for day in ["2026-12-01", "2026-12-02"] {
        let o = renos(
            home.path(),
            &["--db", &db, "--now", NOW, "agenda", day, "--json"],
        );
        let list: Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(list[0]["start"], format!("{day}T09:00:00+01:00"), "{list}");
        assert_eq!(list[0]["end"], format!("{day}T11:00:00+01:00"), "{list}");
    }
}

#[test]
fn a_thousand_series_from_year_one_are_refused_in_bounded_time() {
    let home = tempfile::tempdir().expect("tmp");
    let file = home.path().join("series.ics");
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//hostile//EN\r\n");
    for k in 0..1000 {
        // A rule that never matches (31 February), walked from year 1 by its COUNT.
        s.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:series-{k}\r\nSUMMARY:Cleaning\r\n\
             DTSTART;TZID=Europe/Copenhagen:00010101T090000\r\nDURATION:PT1H\r\n\
             RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31;COUNT=3\r\nEND:VEVENT\r\n"
        ));
    }
    s.push_str("END:VCALENDAR\r\n");
    std::fs::write(&file, s).expect("write");
    // CPU time, so that a busy machine does not fail the test.
    let w = watched(
        home.path(),
        &[
            "--now",
            NOW,
            "validate",
            "--json",
            &file.display().to_string(),
        ],
        None,
    );
    let o = w.out;
    assert_eq!(o.status.code(), Some(1));
    assert!(w.cpu < Duration::from_secs(2), "validate took {:?}", w.cpu);
    let report: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(report["failed"], 1000, "{report}");
    let first = report["problems"][0].as_str().unwrap_or_default();
    assert!(first.contains("per event"), "{first}");
}
