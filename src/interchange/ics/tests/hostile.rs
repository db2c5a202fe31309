//! Rules written to cost time: zones and series from year 1, huge COUNTs,
//! rules that never match. Each is answered quickly, and right.

use std::time::{Duration as Elapsed, Instant};

use chrono::{Duration, Offset, TimeZone};
use chrono_tz::Europe::Copenhagen;

use super::*;

/// Central European rules starting in year 1 (daylight time from `spring`),
/// with `extra` appended to both RRULEs.
fn year_one_zone(spring: &str, extra: &str) -> String {
    format!(
        "BEGIN:VTIMEZONE\nTZID:Hostile\n\
         BEGIN:STANDARD\nDTSTART:00011025T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU{extra}\n\
         TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n\
         BEGIN:DAYLIGHT\nDTSTART:{spring}\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU{extra}\n\
         TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
    )
}

fn resolver(zones: &str) -> TzResolver {
    let mut tz = TzResolver::new(Copenhagen);
    for c in read_all(calendar(zones).as_bytes()) {
        if let Ok(Component::Timezone(z)) = c {
            tz.add(&z);
        }
    }
    tz
}

#[test]
fn zones_from_year_one_are_fast_and_agree_with_the_zone_database() {
    for extra in ["", ";COUNT=1000000", ";COUNT=4294967295"] {
        // As written by hand: the change at midnight from 1 January of year 1.
        let hostile = resolver(&year_one_zone("00010101T000000", extra));
        let t = hostile.resolve(&IcsTime::Zoned {
            local: local("2026-03-29 01:30"),
            tzid: "Hostile".into(),
        });
        assert_eq!(t, Ok(Resolved::At(utc("2026-03-28 23:30"))), "{extra}");
        // As the zone database has it: at 02:00 on the last Sunday of March.
        let zone = year_one_zone("00010325T020000", extra);
        assert!(zone.len() < 600, "{}", zone.len());
        let clock = Instant::now();
        let tz = resolver(&zone);
        // Every 17 hours and 13 minutes from 1996 to 2060: thousands of lookups.
        let mut t = utc("1996-01-01 00:00");
        let mut n = 0;
        while t < utc("2060-01-01 00:00") {
            let want = Copenhagen
                .offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc();
            let wall = tz.local(t, Some("Hostile")).expect("known zone");
            assert_eq!(
                (wall - t.naive_utc()).num_seconds(),
                i64::from(want),
                "{extra}: offset at {t}"
            );
            let back = tz.instant(wall, Some("Hostile")).expect("known zone");
            let db = Copenhagen
                .from_local_datetime(&wall)
                .earliest()
                .map(|d| d.with_timezone(&Utc));
            assert_eq!(Some(back), db, "{extra}: instant of {wall}");
            t += Duration::minutes(17 * 60 + 13);
            n += 1;
        }
        assert!(n > 30_000);
        // A guard against a lookup that walks from year one each time
        // (minutes), not a benchmark: wide enough for a loaded machine.
        assert!(
            clock.elapsed() < Elapsed::from_secs(10),
            "{extra}: {n} lookups took {:?}",
            clock.elapsed()
        );
    }
}

#[test]
fn a_thousand_hostile_zones_are_read_in_bounded_time() {
    let clock = Instant::now();
    let mut zones = String::new();
    for i in 0..1000 {
        // Daily rules that never match (31 February), walked from year 1 by COUNT.
        zones.push_str(&format!(
            "BEGIN:VTIMEZONE\nTZID:Z{i}\nBEGIN:DAYLIGHT\nDTSTART:00010101T000000\n\
             RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31;COUNT=5\n\
             TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
        ));
    }
    let tz = resolver(&zones);
    assert_eq!(
        tz.resolve(&IcsTime::Zoned {
            local: local("2026-12-01 09:00"),
            tzid: "Z999".into()
        }),
        Ok(Resolved::At(utc("2026-12-01 07:00")))
    );
    assert!(
        clock.elapsed() < Elapsed::from_secs(2),
        "{:?}",
        clock.elapsed()
    );
}

fn series(rule: &str, start: &str) -> Event {
    let mut evs = events(
        calendar(&format!(
            "BEGIN:VEVENT\nUID:s\nDTSTART;TZID=Europe/Copenhagen:{start}\n\
             DURATION:PT1H\nRRULE:{rule}\nEND:VEVENT\n"
        ))
        .as_bytes(),
    );
    assert_eq!(evs.len(), 1, "{rule}");
    evs.remove(0)
}

#[test]
fn series_from_year_one_are_bounded() {
    let tz = TzResolver::new(Copenhagen);
    let (from, to) = (utc("2026-11-30 00:00"), utc("2026-12-07 00:00"));

    // A COUNT too large to matter: the walk skips to the window.
    let clock = Instant::now();
    let ev = series("FREQ=DAILY;COUNT=4294967295", "00010101T090000");
    let occ = occurrences(&ev, &tz, from, to, 100).expect("daily");
    assert_eq!(occ.len(), 7);
    assert_eq!(occ[0].start, Resolved::At(utc("2026-11-30 08:00")));

    // A weekly rule with every BYxxx: 7 a week, within the limit.
    let ev = series(
        "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=MO,TU,WE,TH,FR,SA,SU",
        "00010101T090000",
    );
    assert_eq!(occurrences(&ev, &tz, from, to, 100).map(|o| o.len()), Ok(7));
    // ...and the limit says so when the window holds more.
    let year = occurrences(&ev, &tz, from, utc("2027-12-01 00:00"), 100);
    assert!(year.is_err_and(|e| e.contains("more than 100 occurrences")));

    // A COUNT that ends the rule, far in the past, over rules that never
    // match: the walk is cut short with an error naming the bound.
    let ev = series(
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31;COUNT=3",
        "00010101T090000",
    );
    let e = occurrences(&ev, &tz, from, to, 100).expect_err("bounded");
    assert!(e.contains("steps from DTSTART"), "{e}");

    // An UNTIL far in the future is bounded by the window.
    let ev = series("FREQ=DAILY;UNTIL=99991231T000000Z", "20261101T090000");
    assert_eq!(occurrences(&ev, &tz, from, to, 100).map(|o| o.len()), Ok(7));
    assert!(
        clock.elapsed() < Elapsed::from_secs(2),
        "{:?}",
        clock.elapsed()
    );

    // Rules by the second, minute or hour are refused by name.
    for freq in ["SECONDLY", "MINUTELY", "HOURLY"] {
        let bad = crate::domain::recurrence::RRule::parse(&format!("FREQ={freq}"));
        assert!(bad.is_err(), "{freq}");
    }
}

#[test]
fn many_exdates_cost_little() {
    let tz = TzResolver::new(Copenhagen);
    // A daily series with every day of 60 years excluded but one in the window.
    let mut body = String::from(
        "BEGIN:VEVENT\nUID:x\nDTSTART;TZID=Europe/Copenhagen:20000101T090000\n\
         DURATION:PT1H\nRRULE:FREQ=DAILY\n",
    );
    let mut day = date("2000-01-01");
    while day < date("2060-01-01") {
        if day != date("2026-12-02") {
            body.push_str(&format!(
                "EXDATE;TZID=Europe/Copenhagen:{}T090000\n",
                day.format("%Y%m%d")
            ));
        }
        day = day.succ_opt().expect("day");
    }
    body.push_str("END:VEVENT\n");
    let evs = events(calendar(&body).as_bytes());
    let clock = Instant::now();
    let occ = occurrences(
        &evs[0],
        &tz,
        utc("2000-01-01 00:00"),
        utc("2028-01-01 00:00"),
        20_000,
    )
    .expect("series");
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].start, Resolved::At(utc("2026-12-02 08:00")));
    assert!(
        clock.elapsed() < Elapsed::from_secs(2),
        "{:?}",
        clock.elapsed()
    );
}

#[test]
fn a_rule_that_ended_before_1900_still_counts() {
    // Summer time each year until 1850, whose spring change had no autumn
    // one: the zone stayed on summer time from then on.
    let tz = resolver(
        "BEGIN:VTIMEZONE\nTZID:Old\n\
         BEGIN:STANDARD\nDTSTART:18001026T030000\n\
         RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=18491231T000000Z\n\
         TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n\
         BEGIN:DAYLIGHT\nDTSTART:18000330T020000\n\
         RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=18501231T000000Z\n\
         TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\n",
    );
    let t = tz.resolve(&IcsTime::Zoned {
        local: local("2026-07-01 09:00"),
        tzid: "Old".into(),
    });
    assert_eq!(t, Ok(Resolved::At(utc("2026-07-01 07:00"))));
}

/// An event of more than 8 MiB (here: attendees) is reported and its rest
/// passed over, without holding it; the events after it are read.
#[test]
fn an_event_too_big_is_reported_and_the_next_one_read() {
    let attendee = "ATTENDEE;CN=\"Hansen, Maria\":mailto:maria@example.dk\n";
    // Counted without the line ends.
    let n = crate::interchange::ics::read::MAX_COMPONENT / (attendee.len() - 1) + 10;
    let body = format!(
        "BEGIN:VEVENT\nUID:big\nDTSTART:20261201T090000Z\n{}END:VEVENT\n\
         BEGIN:VEVENT\nUID:next\nDTSTART:20261202T090000Z\nEND:VEVENT\n",
        attendee.repeat(n)
    );
    let items = read_all(calendar(&body).as_bytes());
    assert_eq!(items.len(), 2);
    let Err(e) = &items[0] else {
        panic!("the big event was read whole");
    };
    assert!(!e.fatal);
    assert!(
        e.message.contains("begun on line 4") && e.message.contains("more than 8 MiB"),
        "{e}"
    );
    assert!(matches!(&items[1], Ok(Component::Event(ev)) if ev.uid == "next"));
}

#[test]
fn components_nested_too_deep_end_the_file() {
    let body = "BEGIN:VEVENT\n".to_string() + &"BEGIN:VALARM\n".repeat(100);
    let items = read_all(calendar(&body).as_bytes());
    let e = items
        .last()
        .and_then(|i| i.as_ref().err())
        .expect("an error");
    assert!(e.fatal && e.line == 19, "{e:?}");
    assert!(e.message.contains("nested more than 16 deep"), "{e}");
}
