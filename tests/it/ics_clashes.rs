//! Double bookings a calendar holds: kept as the calendar has them and
//! named, each against every booking it double-books that was there before
//! it (earlier in the file, in an earlier batch, or from an earlier import),
//! the same whatever the size of the batches the import writes in.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use renos::clock::Clock;
use renos::domain::{BusinessTz, WorkingHours, clash};
use renos::engine::import::{IcsImport, IcsReport, Quiet, import_ics};
use renos::store::{NewStaff, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
        .single()
        .expect("now")
}

/// Events of `(uid, start, end, cleaner, status)`; a uid starting with `s`
/// repeats weekly six times (its times local, in Copenhagen).
fn calendar(events: &[(&str, &str, &str, &str, &str)]) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for (uid, start, end, who, status) in events {
        let times = if uid.starts_with('s') {
            format!(
                "DTSTART;TZID=Europe/Copenhagen:{start}\r\nDTEND;TZID=Europe/Copenhagen:{end}\r\n\
                 RRULE:FREQ=WEEKLY;COUNT=6"
            )
        } else {
            format!("DTSTART:{start}\r\nDTEND:{end}")
        };
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{uid}@test\r\n{times}\r\n\
             SUMMARY:Hansen – Rengøring\r\nATTENDEE;CN={who}:mailto:{uid}@cleaners.test\r\n\
             STATUS:{status}\r\nEND:VEVENT\r\n"
        ));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// A database with two cleaners and the booking of an earlier import.
fn store(dir: &Path, name: &str) -> Store {
    let mut store = Store::open(&dir.join(name), "dispatcher", Clock::Fixed(now()))
        .expect("store")
        .with_tz(BusinessTz::default());
    for name in ["Anna Berg", "Bo Dahl"] {
        store
            .add_staff(NewStaff {
                name: name.into(),
                phone: String::new(),
                colour: String::new(),
                hours: WorkingHours::parse("mon-sun 06:00-22:00").expect("hours"),
                time_off: vec![],
            })
            .expect("staff");
    }
    let earlier = dir.join(format!("{name}-earlier.ics"));
    let one = [(
        "p1",
        "20261207T123000Z",
        "20261207T124500Z",
        "Anna Berg",
        "CONFIRMED",
    )];
    std::fs::write(&earlier, calendar(&one)).expect("ics");
    let r = import_ics(&mut store, &earlier, &IcsImport::default(), &mut Quiet).expect("import");
    assert_eq!(r.counts.created, 1, "{:?}", r.problems.first());
    store
}

/// `#1, #2` as ids.
fn ids(text: &str) -> Vec<i64> {
    text.split(", ")
        .map(|o| o.trim().trim_start_matches('#').parse().expect("id"))
        .collect()
}

/// Booking id → the ids the report says it double-books.
fn reported(r: &IcsReport) -> BTreeMap<i64, Vec<i64>> {
    r.clashes
        .items()
        .iter()
        .map(|clash| {
            let line = clash.to_string();
            let (_, rest) = line.split_once("booking #").expect("booking");
            let id = rest.split(' ').next().expect("id").parse().expect("id");
            let (_, with) = rest.split_once("double-books with ").expect("with");
            (id, ids(with))
        })
        .collect()
}

/// Visit id → the ids its review note says it double-books.
fn reviewed(bookings: &[renos::domain::Booking]) -> BTreeMap<i64, Vec<i64>> {
    bookings
        .iter()
        .filter_map(|b| {
            let (_, rest) = b.review.split_once("recurring visit double-books ")?;
            let (with, _) = rest.split_once(':')?;
            Some((b.id, ids(with)))
        })
        .collect()
}

#[test]
fn double_bookings_are_named_alike_whatever_the_batches() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("week.ics");
    let events = [
        // Anna's Monday: a2 double-books a1; a3 double-books a2 and the
        // earlier import's 12:30; a cancelled visit and one that only
        // touches a3's end double-book nobody.
        (
            "a1",
            "20261207T090000Z",
            "20261207T110000Z",
            "Anna Berg",
            "CONFIRMED",
        ),
        (
            "a2",
            "20261207T100000Z",
            "20261207T120000Z",
            "Anna Berg",
            "CONFIRMED",
        ),
        (
            "b1",
            "20261207T100000Z",
            "20261207T120000Z",
            "Bo Dahl",
            "CONFIRMED",
        ),
        (
            "a3",
            "20261207T113000Z",
            "20261207T130000Z",
            "Anna Berg",
            "CONFIRMED",
        ),
        // Weekly on Mondays 10:30–11:30 (UTC) from 23/11: on 7/12 it
        // double-books a1 and a2; on 21/12 a6 and a7 double-book it.
        (
            "s1",
            "20261123T113000",
            "20261123T123000",
            "Anna Berg",
            "CONFIRMED",
        ),
        (
            "a4",
            "20261207T093000Z",
            "20261207T103000Z",
            "Anna Berg",
            "CANCELLED",
        ),
        (
            "a5",
            "20261207T130000Z",
            "20261207T140000Z",
            "Anna Berg",
            "CONFIRMED",
        ),
        // Two weeks on, and back again: far from what was read before.
        (
            "a6",
            "20261221T100000Z",
            "20261221T110000Z",
            "Anna Berg",
            "CONFIRMED",
        ),
        (
            "a7",
            "20261221T104500Z",
            "20261221T114500Z",
            "Anna Berg",
            "CONFIRMED",
        ),
        // Overnight into Monday morning: double-books a1.
        (
            "a8",
            "20261206T230000Z",
            "20261207T093000Z",
            "Anna Berg",
            "CONFIRMED",
        ),
        (
            "a9",
            "20261120T080000Z",
            "20261120T090000Z",
            "Anna Berg",
            "CONFIRMED",
        ),
        (
            "a10",
            "20261120T083000Z",
            "20261120T093000Z",
            "Anna Berg",
            "CONFIRMED",
        ),
    ];
    std::fs::write(&file, calendar(&events)).expect("ics");

    let mut seen = Vec::new();
    for batch_size in [1, 2, 3, 1000] {
        let mut store = store(dir.path(), &format!("b{batch_size}.db"));
        let opts = IcsImport {
            batch_size,
            ..IcsImport::default()
        };
        let r = import_ics(&mut store, &file, &opts, &mut Quiet).expect("import");
        assert_eq!(r.counts.created, 17, "{:?}", r.problems.first());
        assert_eq!(r.series.created, 1, "{:?}", r.warnings.first());
        let said = reported(&r);

        // What the rule says of each new booking against those before it.
        let all = store
            .bookings_between(
                Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
                    .single()
                    .expect("t"),
                Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0)
                    .single()
                    .expect("t"),
            )
            .expect("bookings");
        let visits = store.series_members().expect("visits");
        assert_eq!(visits.len(), 6);
        let (mut rule, mut rule_visits) = (BTreeMap::new(), BTreeMap::new());
        for b in &all {
            let before: Vec<_> = all.iter().filter(|o| o.id < b.id).cloned().collect();
            let ids: Vec<i64> = clash::clashes(b, &before)
                .into_iter()
                .map(|c| c.other)
                .collect();
            if ids.is_empty() {
                continue;
            }
            if visits.contains_key(&b.id) {
                rule_visits.insert(b.id, ids);
            } else {
                rule.insert(b.id, ids);
            }
        }
        assert_eq!(said, rule, "batches of {batch_size}");
        let counts: Vec<usize> = said.values().map(Vec::len).collect();
        assert_eq!(
            counts,
            [1, 2, 1, 2, 1, 1],
            "batches of {batch_size}: {said:?}"
        );
        let visits_said = reviewed(&all);
        assert_eq!(visits_said, rule_visits, "batches of {batch_size}");
        assert_eq!(
            visits_said.values().map(Vec::len).collect::<Vec<_>>(),
            [2],
            "batches of {batch_size}"
        );

        // The journal names them too.
        let named = store
            .journal(None, 100)
            .expect("journal")
            .into_iter()
            .filter(|e| e.reason.contains("double booking with"))
            .count();
        assert_eq!(named, 6, "batches of {batch_size}");
        seen.push((said, visits_said));
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:?}");
}
