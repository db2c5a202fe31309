//! TZID resolution and occurrences.

use chrono::Duration;
use chrono_tz::Europe::Copenhagen;

use super::*;
use crate::interchange::ics::windows::WINDOWS_ZONES;

fn zoned(t: &str, tzid: &str) -> IcsTime {
    IcsTime::Zoned {
        local: local(t),
        tzid: tzid.into(),
    }
}

fn at(s: &str) -> Resolved {
    Resolved::At(utc(s))
}

fn cph() -> TzResolver {
    TzResolver::new(Copenhagen)
}

/// The only event of a calendar body.
fn event(body: &str) -> Event {
    let mut evs = events(calendar(body).as_bytes());
    assert_eq!(evs.len(), 1);
    evs.remove(0)
}

fn starts(occ: &[Occurrence]) -> Vec<Resolved> {
    occ.iter().map(|o| o.start).collect()
}

fn keys(occ: &[Occurrence]) -> Vec<&str> {
    occ.iter().map(|o| o.key.as_str()).collect()
}

const OUTLOOK_ZONE: &str = "BEGIN:VTIMEZONE\nTZID:Kontor\n\
    BEGIN:STANDARD\nDTSTART:16011028T030000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\n\
    TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n\
    BEGIN:DAYLIGHT\nDTSTART:16010325T020000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\n\
    TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\n";

/// US Eastern the way Outlook writes it with history: the rules before 2007
/// end with UNTIL, the current ones start in 2007.
const US_ZONE: &str = "BEGIN:VTIMEZONE\nTZID:Custom Eastern\n\
    BEGIN:STANDARD\nDTSTART:19671029T020000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;UNTIL=20061029T060000Z\n\
    TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD\n\
    BEGIN:DAYLIGHT\nDTSTART:19870405T020000\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4;UNTIL=20060402T070000Z\n\
    TZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nEND:DAYLIGHT\n\
    BEGIN:DAYLIGHT\nDTSTART:20070311T020000\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\n\
    TZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nEND:DAYLIGHT\n\
    BEGIN:STANDARD\nDTSTART:20071104T020000\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\n\
    TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD\nEND:VTIMEZONE\n";

fn resolver_with(zones: &str) -> TzResolver {
    let mut tz = cph();
    for c in read_all(calendar(zones).as_bytes()) {
        if let Ok(Component::Timezone(z)) = c {
            tz.add(&z);
        }
    }
    tz
}

#[test]
fn iana_prefixed_quoted_and_windows_names() {
    let tz = cph();
    for tzid in [
        "Europe/Copenhagen",
        "\"Europe/Copenhagen\"",
        "/freeassociation.sourceforge.net/Europe/Copenhagen",
        "/freeassociation.sourceforge.net/Tzfile/Europe/Copenhagen",
        "/mozilla.org/20070129_1/Europe/Copenhagen",
        "/citadel.org/20190914_1/Europe/Copenhagen",
        "Romance Standard Time",
        "romance standard time",
        "W. Europe Standard Time",
        "Central Europe Standard Time",
    ] {
        assert_eq!(
            tz.resolve(&zoned("2026-11-23 09:00", tzid)),
            Ok(at("2026-11-23 08:00")),
            "{tzid}"
        );
        assert_eq!(
            tz.resolve(&zoned("2026-07-01 09:00", tzid)),
            Ok(at("2026-07-01 07:00")),
            "{tzid}"
        );
    }
    for (tzid, want) in [
        ("GMT Standard Time", "2026-07-01 08:00"),
        ("UTC", "2026-07-01 09:00"),
        ("Eastern Standard Time", "2026-07-01 13:00"),
        ("Pacific Standard Time", "2026-07-01 16:00"),
        (
            "/mozilla.org/20070129_1/America/Argentina/Buenos_Aires",
            "2026-07-01 12:00",
        ),
    ] {
        assert_eq!(
            tz.resolve(&zoned("2026-07-01 09:00", tzid)),
            Ok(at(want)),
            "{tzid}"
        );
    }
    for (windows, iana) in WINDOWS_ZONES {
        assert!(iana.parse::<chrono_tz::Tz>().is_ok(), "{windows} -> {iana}");
    }
}

#[test]
fn utc_floating_and_dates() {
    let tz = cph();
    assert_eq!(
        tz.resolve(&IcsTime::Utc(utc("2026-11-23 09:00"))),
        Ok(at("2026-11-23 09:00"))
    );
    assert_eq!(
        tz.resolve(&IcsTime::Floating(local("2026-11-23 09:00"))),
        Ok(at("2026-11-23 08:00"))
    );
    let ny = TzResolver::new(chrono_tz::America::New_York);
    assert_eq!(
        ny.resolve(&IcsTime::Floating(local("2026-11-23 09:00"))),
        Ok(at("2026-11-23 14:00"))
    );
    assert_eq!(
        tz.resolve(&IcsTime::Date(date("2026-11-23"))),
        Ok(Resolved::Day(date("2026-11-23")))
    );
}

#[test]
fn unknown_zones_are_named() {
    let err = cph()
        .resolve(&zoned("2026-11-23 09:00", "Mars/Olympus"))
        .expect_err("unknown");
    assert!(err.contains("\"Mars/Olympus\""), "{err}");
    assert!(err.contains("Europe/Copenhagen"), "{err}");
}

#[test]
fn gaps_and_ambiguous_times() {
    // 29 March 2026 02:00 -> 03:00; 25 October 2026 03:00 -> 02:00.
    for (tz, tzid) in [
        (cph(), "Europe/Copenhagen"),
        (resolver_with(OUTLOOK_ZONE), "Kontor"),
    ] {
        let r = |t| tz.resolve(&zoned(t, tzid));
        assert_eq!(r("2026-03-29 01:59"), Ok(at("2026-03-29 00:59")), "{tzid}");
        assert_eq!(r("2026-03-29 02:00"), Ok(at("2026-03-29 01:00")), "{tzid}");
        assert_eq!(r("2026-03-29 02:30"), Ok(at("2026-03-29 01:00")), "{tzid}");
        assert_eq!(r("2026-03-29 03:00"), Ok(at("2026-03-29 01:00")), "{tzid}");
        assert_eq!(r("2026-10-25 01:59"), Ok(at("2026-10-24 23:59")), "{tzid}");
        assert_eq!(r("2026-10-25 02:30"), Ok(at("2026-10-25 00:30")), "{tzid}");
        assert_eq!(r("2026-10-25 03:00"), Ok(at("2026-10-25 02:00")), "{tzid}");
        assert_eq!(r("2026-12-31 23:00"), Ok(at("2026-12-31 22:00")), "{tzid}");
        assert_eq!(r("1999-06-01 12:00"), Ok(at("1999-06-01 10:00")), "{tzid}");
        assert_eq!(
            tz.local(utc("2026-10-25 00:30"), Some(tzid)),
            Ok(local("2026-10-25 02:30"))
        );
        assert_eq!(
            tz.local(utc("2026-10-25 01:30"), Some(tzid)),
            Ok(local("2026-10-25 02:30"))
        );
        assert_eq!(
            tz.local(utc("2026-10-25 02:00"), Some(tzid)),
            Ok(local("2026-10-25 03:00"))
        );
    }
}

#[test]
fn vtimezone_rules_with_history() {
    let tz = resolver_with(US_ZONE);
    let r = |t| tz.resolve(&zoned(t, "Custom Eastern"));
    assert_eq!(r("2005-07-01 09:00"), Ok(at("2005-07-01 13:00")));
    // Old rules: daylight time began on 2 April 2006, not in March.
    assert_eq!(r("2006-03-20 09:00"), Ok(at("2006-03-20 14:00")));
    assert_eq!(r("2006-04-03 09:00"), Ok(at("2006-04-03 13:00")));
    assert_eq!(r("2006-10-30 09:00"), Ok(at("2006-10-30 14:00")));
    // New rules: second Sunday in March (8 March 2026) to first Sunday in November (1 November).
    assert_eq!(r("2026-03-07 09:00"), Ok(at("2026-03-07 14:00")));
    assert_eq!(r("2026-03-09 09:00"), Ok(at("2026-03-09 13:00")));
    assert_eq!(r("2026-10-31 09:00"), Ok(at("2026-10-31 13:00")));
    assert_eq!(r("2026-11-02 09:00"), Ok(at("2026-11-02 14:00")));
    // Before the first onset: the offset the zone came from.
    assert_eq!(r("1950-01-01 09:00"), Ok(at("1950-01-01 13:00")));
}

#[test]
fn a_single_event_is_one_occurrence_whatever_the_window() {
    let tz = cph();
    let ev = event(
        "BEGIN:VEVENT\nUID:s\nDTSTART;TZID=Europe/Copenhagen:20261123T090000\nDTEND;TZID=Europe/Copenhagen:20261123T113000\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &ev,
        &tz,
        utc("2030-01-01 00:00"),
        utc("2030-01-02 00:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(
        occ,
        [Occurrence {
            key: String::new(),
            start: at("2026-11-23 08:00"),
            end: at("2026-11-23 10:30")
        }]
    );
}

#[test]
fn ends_from_dtend_duration_or_defaults() {
    let tz = cph();
    let one = |body: &str| {
        let ev = event(body);
        occurrences(
            &ev,
            &tz,
            utc("2026-01-01 00:00"),
            utc("2027-01-01 00:00"),
            5,
        )
        .expect("occurrences")
        .remove(0)
    };
    let o = one("BEGIN:VEVENT\nDTSTART:20261123T090000Z\nDURATION:PT2H30M\nEND:VEVENT\n");
    assert_eq!(o.end, at("2026-11-23 11:30"));
    let o = one("BEGIN:VEVENT\nDTSTART:20261123T090000Z\nEND:VEVENT\n");
    assert_eq!(o.end, at("2026-11-23 09:00"));
    let o = one("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261123\nEND:VEVENT\n");
    assert_eq!(
        (o.start, o.end),
        (
            Resolved::Day(date("2026-11-23")),
            Resolved::Day(date("2026-11-24"))
        )
    );
    let o = one("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261123\nDURATION:P3D\nEND:VEVENT\n");
    assert_eq!(o.end, Resolved::Day(date("2026-11-26")));
    let o =
        one("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261123\nDTEND;VALUE=DATE:20261125\nEND:VEVENT\n");
    assert_eq!(o.end, Resolved::Day(date("2026-11-25")));
}

#[test]
fn weekly_at_nine_stays_at_nine_across_the_october_change() {
    let tz = cph();
    let ev = event(
        "BEGIN:VEVENT\nUID:w\nDTSTART;TZID=Europe/Copenhagen:20261012T090000\n\
         DTEND;TZID=Europe/Copenhagen:20261012T110000\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &ev,
        &tz,
        utc("2026-10-01 00:00"),
        utc("2026-11-03 00:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(
        starts(&occ),
        [
            at("2026-10-12 07:00"),
            at("2026-10-19 07:00"),
            at("2026-10-26 08:00"),
            at("2026-11-02 08:00")
        ]
    );
    assert_eq!(
        keys(&occ),
        [
            "20261012T070000Z",
            "20261019T070000Z",
            "20261026T080000Z",
            "20261102T080000Z"
        ]
    );
    assert!(occ.iter().all(|o| matches!((o.start, o.end), (Resolved::At(s), Resolved::At(e)) if e - s == Duration::hours(2))));
    // An endless rule far in the future: the window bounds it.
    let far = occurrences(
        &ev,
        &tz,
        utc("2126-01-01 00:00"),
        utc("2126-01-15 00:00"),
        10,
    )
    .expect("far");
    assert_eq!(far.len(), 2);
}

#[test]
fn utc_until_is_compared_as_an_instant() {
    let tz = cph();
    // 7 December 09:00 Copenhagen is 08:00 UTC: the last occurrence.
    let ev = event(
        "BEGIN:VEVENT\nDTSTART;TZID=Europe/Copenhagen:20261123T090000\n\
         RRULE:FREQ=WEEKLY;UNTIL=20261207T080000Z\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &ev,
        &tz,
        utc("2026-01-01 00:00"),
        utc("2027-01-01 00:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(
        starts(&occ),
        [
            at("2026-11-23 08:00"),
            at("2026-11-30 08:00"),
            at("2026-12-07 08:00")
        ]
    );
    let ev = event(
        "BEGIN:VEVENT\nDTSTART;TZID=Europe/Copenhagen:20261123T090000\n\
         RRULE:FREQ=WEEKLY;UNTIL=20261207T075959Z\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &ev,
        &tz,
        utc("2026-01-01 00:00"),
        utc("2027-01-01 00:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(occ.len(), 2);
}

#[test]
fn window_limit_exdate_rdate() {
    let tz = cph();
    let ev = event(
        "BEGIN:VEVENT\nUID:d\nDTSTART:20261123T090000Z\nDTEND:20261123T100000Z\nRRULE:FREQ=DAILY\n\
         EXDATE:20261125T090000Z,20261126T090000Z\nEXDATE;TZID=Europe/Copenhagen:20261127T100000\n\
         RDATE:20261125T150000Z\nRDATE:20261123T090000Z\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &ev,
        &tz,
        utc("2026-11-24 00:00"),
        utc("2026-11-29 00:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(
        starts(&occ),
        [
            at("2026-11-24 09:00"),
            at("2026-11-25 15:00"),
            at("2026-11-28 09:00")
        ]
    );
    assert_eq!(occ[1].end, at("2026-11-25 16:00"));
    // The start is in the window only when asked for.
    let occ = occurrences(
        &ev,
        &tz,
        utc("2026-11-23 09:00"),
        utc("2026-11-24 09:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(keys(&occ), ["20261123T090000Z"]);
    // Exactly the limit is fine; one more is an error that says so.
    let window = (utc("2026-12-01 00:00"), utc("2026-12-11 00:00"));
    assert_eq!(
        occurrences(&ev, &tz, window.0, window.1, 10).map(|o| o.len()),
        Ok(10)
    );
    let err = occurrences(&ev, &tz, window.0, window.1, 9).expect_err("too many");
    assert!(err.contains("more than 9 occurrences"), "{err}");
    assert!(err.contains("\"d\""), "{err}");
}

#[test]
fn all_day_series_and_overrides() {
    let tz = cph();
    let ev = event(
        "BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20261123\nRRULE:FREQ=WEEKLY;COUNT=4\n\
         EXDATE;VALUE=DATE:20261130\nEND:VEVENT\n",
    );
    // The window is in UTC: 23 November starts at 22 November 23:00 UTC.
    let occ = occurrences(
        &ev,
        &tz,
        utc("2026-11-22 23:00"),
        utc("2026-12-31 00:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(keys(&occ), ["20261123", "20261207", "20261214"]);
    assert_eq!(occ[0].end, Resolved::Day(date("2026-11-24")));
    let occ = occurrences(
        &ev,
        &tz,
        utc("2026-11-23 00:00"),
        utc("2026-12-31 00:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(keys(&occ), ["20261207", "20261214"]);

    let moved = event(
        "BEGIN:VEVENT\nUID:a\nRECURRENCE-ID;VALUE=DATE:20261207\nDTSTART;VALUE=DATE:20261208\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &moved,
        &tz,
        utc("2030-01-01 00:00"),
        utc("2030-01-02 00:00"),
        1,
    )
    .expect("override");
    assert_eq!(
        occ,
        [Occurrence {
            key: "20261207".into(),
            start: Resolved::Day(date("2026-12-08")),
            end: Resolved::Day(date("2026-12-09")),
        }]
    );
    let timed = event(
        "BEGIN:VEVENT\nUID:b\nRECURRENCE-ID;TZID=Europe/Copenhagen:20261207T090000\n\
         DTSTART;TZID=Europe/Copenhagen:20261207T130000\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &timed,
        &tz,
        utc("2030-01-01 00:00"),
        utc("2030-01-02 00:00"),
        1,
    )
    .expect("override");
    assert_eq!(keys(&occ), ["20261207T080000Z"]);
    assert_eq!(recurrence_key(&at("2026-12-07 08:00")), "20261207T080000Z");
    assert_eq!(
        recurrence_key(&Resolved::Day(date("2026-12-07"))),
        "20261207"
    );
}

#[test]
fn floating_and_rdate_only_series() {
    let tz = cph();
    let ev = event(
        "BEGIN:VEVENT\nDTSTART:20261023T090000\nDURATION:PT1H\nRRULE:FREQ=MONTHLY;BYMONTHDAY=23;UNTIL=20261223T090000\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &ev,
        &tz,
        utc("2026-01-01 00:00"),
        utc("2027-06-01 00:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(
        starts(&occ),
        [
            at("2026-10-23 07:00"),
            at("2026-11-23 08:00"),
            at("2026-12-23 08:00")
        ]
    );
    let ev = event(
        "BEGIN:VEVENT\nDTSTART:20261123T090000Z\nRDATE:20261201T090000Z,20261208T090000Z\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &ev,
        &tz,
        utc("2026-01-01 00:00"),
        utc("2027-06-01 00:00"),
        10,
    )
    .expect("occurrences");
    assert_eq!(
        keys(&occ),
        ["20261123T090000Z", "20261201T090000Z", "20261208T090000Z"]
    );
}

#[test]
fn problems_are_errors_not_panics() {
    let tz = cph();
    let (from, to) = (utc("2026-01-01 00:00"), utc("2027-01-01 00:00"));
    let no_start = Event {
        uid: "x".into(),
        ..Event::default()
    };
    assert!(
        occurrences(&no_start, &tz, from, to, 5)
            .expect_err("no start")
            .contains("no DTSTART")
    );
    let bad_zone = event(
        "BEGIN:VEVENT\nUID:z\nDTSTART;TZID=Nowhere:20261123T090000\nRRULE:FREQ=DAILY\nEND:VEVENT\n",
    );
    assert!(
        occurrences(&bad_zone, &tz, from, to, 5)
            .expect_err("zone")
            .contains("Nowhere")
    );
    let bad_rule = Event {
        start: Some(IcsTime::Utc(utc("2026-11-23 09:00"))),
        rrule: Some("FREQ=HOURLY".into()),
        ..Event::default()
    };
    assert!(
        occurrences(&bad_rule, &tz, from, to, 5)
            .expect_err("rule")
            .contains("HOURLY")
    );
    let extreme = event(
        "BEGIN:VEVENT\nDTSTART:99991231T230000Z\nDURATION:P9999W\nRRULE:FREQ=DAILY\nEND:VEVENT\n",
    );
    let far = chrono::DateTime::<Utc>::MAX_UTC;
    let _ = occurrences(&extreme, &tz, chrono::DateTime::<Utc>::MIN_UTC, far, 5);
}

#[test]
fn rfc_examples_in_new_york_with_utc_until() {
    let tz = cph();
    let ev = event(
        "BEGIN:VEVENT\nDTSTART;TZID=America/New_York:19970901T090000\n\
         RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &ev,
        &tz,
        utc("1997-01-01 00:00"),
        utc("1998-12-31 00:00"),
        100,
    )
    .expect("occurrences");
    assert_eq!(occ.len(), 25);
    // 09:00 EDT, then 09:00 EST after 26 October.
    assert_eq!(occ[0].start, at("1997-09-01 13:00"));
    assert_eq!(occ[24].start, at("1997-12-22 14:00"));
    let ev = event(
        "BEGIN:VEVENT\nDTSTART;TZID=America/New_York:19970902T090000\n\
         RRULE:FREQ=DAILY;UNTIL=19971224T000000Z\nEND:VEVENT\n",
    );
    let occ = occurrences(
        &ev,
        &tz,
        utc("1997-01-01 00:00"),
        utc("1998-12-31 00:00"),
        200,
    )
    .expect("occurrences");
    assert_eq!(occ.len(), 113);
    assert_eq!(occ[112].key, "19971223T140000Z");
}

proptest! {
    /// Windows split anywhere give the same occurrences as one window, each
    /// inside its window, in order, with distinct keys.
    #[test]
    fn windows_add_up(
        rule in prop::sample::select(vec![
            "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=WEEKLY;INTERVAL=2;COUNT=30",
            "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU",
            "FREQ=DAILY;UNTIL=20270301T080000Z", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
        ]),
        start in prop::sample::select(vec![
            "DTSTART;TZID=Europe/Copenhagen:20260131T090000", "DTSTART:20260131T023000",
            "DTSTART:20260131T090000Z", "DTSTART;VALUE=DATE:20260131",
            "DTSTART;TZID=America/New_York:20260131T233000",
        ]),
        a in 0i64..800,
        b in 0i64..800,
        c in 0i64..800,
    ) {
        let ev = event(&format!("BEGIN:VEVENT\n{start}\nRRULE:{rule}\nEXDATE:20260305T090000Z\nEND:VEVENT\n"));
        let tz = cph();
        let mut cuts = [a, b, c];
        cuts.sort_unstable();
        let day = |n: i64| utc("2026-01-01 00:00") + Duration::hours(n * 13);
        let (t0, t1, t2) = (day(cuts[0]), day(cuts[1]), day(cuts[2]));
        let whole = occurrences(&ev, &tz, t0, t2, 10_000).map_err(TestCaseError::fail)?;
        let mut parts = occurrences(&ev, &tz, t0, t1, 10_000).map_err(TestCaseError::fail)?;
        parts.extend(occurrences(&ev, &tz, t1, t2, 10_000).map_err(TestCaseError::fail)?);
        prop_assert_eq!(&whole, &parts);
        let starts: Vec<_> = whole.iter().map(|o| tz.start_of(&o.start)).collect();
        prop_assert!(starts.iter().all(|s| t0 <= *s && *s < t2));
        prop_assert!(starts.windows(2).all(|w| w[0] < w[1]));
    }
}

proptest! {
    /// An occurrence's key, written by hand, is the format's: any second of
    /// any year (leap seconds too), and any day.
    #[test]
    fn recurrence_keys_are_the_formats(
        seconds in -400_000_000_000i64..400_000_000_000,
        leap in proptest::bool::weighted(0.05),
    ) {
        let t = if leap {
            // A leap second is the 60th second of a minute.
            chrono::DateTime::from_timestamp(seconds - seconds.rem_euclid(60) + 59, 1_000_000_000)
        } else {
            chrono::DateTime::from_timestamp(seconds, 0)
        }
        .expect("time");
        prop_assert_eq!(
            recurrence_key(&Resolved::At(t)),
            t.format("%Y%m%dT%H%M%SZ").to_string()
        );
        let d = t.date_naive();
        prop_assert_eq!(recurrence_key(&Resolved::Day(d)), d.format("%Y%m%d").to_string());
    }
}
