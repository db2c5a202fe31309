//! Recurring calendar events as series: `ics import` keeps an RRULE event
//! (with EXDATE, RDATE and RECURRENCE-ID) as one series with its
//! exceptions, idempotent by UID; `ics export` writes a series as one
//! recurring event with its exceptions, and export → import is lossless.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use proptest::prelude::*;
use renos::clock::Clock;
use renos::domain::series::{HolidayPolicy, Pause, Rule, Series, SeriesEnd};
use renos::domain::{BookingStatus, BusinessTz, WorkingHours};
use renos::engine::export::{IcsExport, export_ics};
use renos::engine::import::ics::validate_ics;
use renos::engine::import::{IcsImport, IcsReport, Quiet, import_ics};
use renos::store::{NewCustomer, NewStaff, Scope, Store, VisitChange};

/// Friday 20/11/2026, 10:00 local.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .expect("time")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("time")
}

fn open(path: &Path) -> Store {
    let mut store = Store::open(path, "dispatcher", Clock::Fixed(now()))
        .expect("store")
        .with_tz(BusinessTz::default());
    if store.staff().expect("staff").is_empty() {
        for name in ["Maria Hansen", "Ole Bach"] {
            store
                .add_staff(NewStaff {
                    name: name.into(),
                    hours: WorkingHours::default(),
                    ..Default::default()
                })
                .expect("staff");
        }
    }
    store
}

fn import_text(store: &mut Store, dir: &Path, text: &str) -> IcsReport {
    let f = dir.join("in.ics");
    std::fs::write(&f, text).expect("write");
    import_ics(store, &f, &IcsImport::default(), &mut Quiet).expect("import")
}

fn calendar(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n")
}

const WEEKLY: &str = "BEGIN:VEVENT\r\nUID:weekly-1@example.dk\r\nDTSTAMP:20261101T000000Z\r\n\
    DTSTART;TZID=Europe/Copenhagen:20261124T090000\r\n\
    DTEND;TZID=Europe/Copenhagen:20261124T113000\r\n\
    RRULE:FREQ=WEEKLY;BYDAY=TU\r\n\
    EXDATE;TZID=Europe/Copenhagen:20261208T090000\r\n\
    RDATE;TZID=Europe/Copenhagen:20261210T090000\r\n\
    SUMMARY:Fast rengøring – Hansen\r\nLOCATION:Strandvejen 12\r\n\
    ATTENDEE;CN=Maria Hansen:mailto:maria@example.dk\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nUID:weekly-1@example.dk\r\nDTSTAMP:20261101T000000Z\r\n\
    RECURRENCE-ID;TZID=Europe/Copenhagen:20261215T090000\r\n\
    DTSTART;TZID=Europe/Copenhagen:20261215T130000\r\n\
    DTEND;TZID=Europe/Copenhagen:20261215T153000\r\n\
    SUMMARY:Fast rengøring – Hansen\r\nEND:VEVENT\r\n";

#[test]
fn a_weekly_event_with_its_exceptions_becomes_one_series_and_imports_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir.path().join("r.db"));
    let tz = store.tz();
    // `validate` says what the import will keep as a series.
    let f = dir.path().join("check.ics");
    std::fs::write(&f, calendar(WEEKLY)).expect("write");
    let checked = validate_ics(&f, tz, now()).expect("validate");
    assert_eq!(checked.series_events, 1, "{checked:?}");
    let r = import_text(&mut store, dir.path(), &calendar(WEEKLY));
    assert_eq!(r.series_events, 1, "{r:?}");
    assert_eq!(r.series.created, 1, "{r:?}");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let all = store.series_list().expect("series");
    assert_eq!(all.len(), 1);
    let s = &all[0];
    assert_eq!(
        s.rule,
        Rule::Weekly {
            every: 1,
            days: vec![Weekday::Tue]
        }
    );
    assert_eq!((s.start_time, s.duration_min), (hm("09:00"), 150));
    assert_eq!(s.end, SeriesEnd::Open);
    // The EXDATE: that Tuesday skipped, without a booking.
    assert_eq!(
        s.pauses,
        vec![Pause {
            from: d("2026-12-08"),
            to: d("2026-12-08")
        }]
    );
    let visits = store.series_visits(s.id).expect("visits");
    let by_original: BTreeMap<String, (String, String)> = visits
        .iter()
        .map(|(b, v)| {
            (
                v.original.clone(),
                (
                    tz.local(b.start).format("%d/%m %H:%M").to_string(),
                    v.exception.clone(),
                ),
            )
        })
        .collect();
    assert!(
        !by_original.contains_key("2026-12-08T09:00"),
        "{by_original:?}"
    );
    assert_eq!(
        by_original["2026-12-15T09:00"],
        ("15/12 13:00".into(), "moved".into()),
        "the override"
    );
    assert_eq!(
        by_original["2026-12-10T09:00"],
        ("10/12 09:00".into(), "added".into()),
        "the RDATE"
    );
    // Only up to the horizon (12 weeks from 20/11): Tuesdays 24/11 to 9/2,
    // less 8/12, plus the added Thursday.
    assert_eq!(visits.len(), 12, "{by_original:?}");
    assert!(visits.iter().all(|(b, _)| b.staff_id.is_some()));

    // The same file again: nothing changes.
    let again = import_text(&mut store, dir.path(), &calendar(WEEKLY));
    assert_eq!(
        (
            again.counts.created,
            again.counts.updated,
            again.series.same
        ),
        (0, 0, 1),
        "{again:?}"
    );
    assert_eq!(store.series_visits(s.id).expect("visits"), visits);

    // The event moved to 10:00 in the calendar: the series follows, the
    // override stays where the file has it.
    let later = WEEKLY
        .replace("20261124T090000", "20261124T100000")
        .replace("20261124T113000", "20261124T123000")
        .replace(
            "EXDATE;TZID=Europe/Copenhagen:20261208T090000",
            "EXDATE;TZID=Europe/Copenhagen:20261208T100000",
        );
    let changed = import_text(&mut store, dir.path(), &calendar(&later));
    assert_eq!(changed.series.updated, 1, "{changed:?}");
    let s = store.series(s.id).expect("series");
    assert_eq!(s.start_time, hm("10:00"));
    let visits = store.series_visits(s.id).expect("visits");
    for (b, v) in &visits {
        let local = tz.local(b.start).format("%H:%M").to_string();
        match v.exception.as_str() {
            "" => assert_eq!(local, "10:00", "{v:?}"),
            "moved" => assert_eq!(local, "13:00", "{v:?}"),
            _ => {}
        }
    }
}

#[test]
fn rules_a_series_cannot_hold_come_in_as_single_bookings_with_a_warning() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir.path().join("r.db"));
    // Weekly at 08:00 UTC: 09:00 in winter, 10:00 in summer in Copenhagen.
    let utc = "BEGIN:VEVENT\r\nUID:utc-weekly@example.dk\r\nDTSTAMP:20261101T000000Z\r\n\
        DTSTART:20261124T080000Z\r\nDTEND:20261124T090000Z\r\n\
        RRULE:FREQ=WEEKLY;COUNT=30\r\nSUMMARY:Vinduer\r\nEND:VEVENT\r\n";
    let r = import_text(&mut store, dir.path(), &calendar(utc));
    assert_eq!(r.series_events, 0, "{r:?}");
    assert!(store.series_list().expect("series").is_empty());
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(
        r.warnings[0].to_string().contains("\"Vinduer\"")
            && r.warnings[0].to_string().contains("FREQ=WEEKLY;COUNT=30"),
        "{:?}",
        r.warnings
    );
    assert!(r.counts.created >= 12, "{r:?}");
    let again = import_text(&mut store, dir.path(), &calendar(utc));
    assert_eq!((again.counts.created, again.counts.updated), (0, 0));
}

/// Everything a series and its visits hold, by names (ids differ between
/// databases).
fn described(store: &Store) -> Vec<String> {
    let tz = store.tz();
    let staff: BTreeMap<i64, String> = store
        .staff()
        .expect("staff")
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let name = |id: Option<i64>| id.map(|i| staff[&i].clone()).unwrap_or_default();
    let mut out = Vec::new();
    for s in store.series_list().expect("series") {
        let c = store.customer(s.customer_id).expect("customer");
        out.push(format!(
            "series {} {} {:?} {} {}min {:?} {:?} {:?} {} {:?} {:?} {}",
            c.name,
            name(s.staff_id),
            s.rule,
            s.start_time,
            s.duration_min,
            s.first_date,
            s.end,
            s.holidays,
            s.service,
            s.pauses,
            s.address,
            s.notes
        ));
        for (b, v) in store.series_visits(s.id).expect("visits") {
            out.push(format!(
                "  {} {} {}–{} {} {} {} {:?} {:?}",
                v.original,
                v.exception,
                tz.rfc3339(b.start),
                tz.rfc3339(b.end),
                name(b.staff_id),
                b.status.as_str(),
                b.service,
                b.cancel_reason,
                b.notes,
            ));
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Case {
    rule: Rule,
    first_day: i64,
    start_min: u32,
    duration_min: u32,
    end: u8,
    holidays: HolidayPolicy,
    pause: Option<(i64, i64)>,
    /// Visits (by index) moved by minutes, reassigned, cancelled.
    moves: Vec<(usize, i64)>,
    reassign: Option<usize>,
    cancel: Option<usize>,
}

fn case() -> impl Strategy<Value = Case> {
    let weekday = prop_oneof![
        Just(Weekday::Mon),
        Just(Weekday::Tue),
        Just(Weekday::Wed),
        Just(Weekday::Thu),
        Just(Weekday::Fri)
    ];
    let rule = prop_oneof![
        (1u32..4, weekday.clone()).prop_map(|(every, w)| Rule::Weekly {
            every,
            days: vec![w]
        }),
        (1u32..3, prop_oneof![Just(1i8), Just(2), Just(-1)], weekday).prop_map(
            |(every, nth, weekday)| Rule::MonthlyNth {
                every,
                nth,
                weekday
            }
        ),
    ];
    (
        rule,
        0i64..40,
        (28u32..64).prop_map(|q| q * 15),
        (2u32..16).prop_map(|q| q * 15),
        0u8..3,
        prop_oneof![Just(HolidayPolicy::Skip), Just(HolidayPolicy::Move)],
        proptest::option::of((0i64..60, 0i64..20)),
        proptest::collection::vec((0usize..8, -180i64..180), 0..3),
        proptest::option::of(0usize..8),
        proptest::option::of(0usize..8),
    )
        .prop_map(
            |(
                rule,
                first_day,
                start_min,
                duration_min,
                end,
                holidays,
                pause,
                moves,
                reassign,
                cancel,
            )| {
                Case {
                    rule,
                    first_day,
                    start_min,
                    duration_min,
                    end,
                    holidays,
                    pause,
                    moves,
                    reassign,
                    cancel,
                }
            },
        )
}

/// The series of `c` in `store`, with its exceptions made by the console's
/// own scoped changes.
fn build(store: &mut Store, c: &Case) {
    let staff = store.staff().expect("staff");
    let customer = store
        .add_customer(NewCustomer {
            name: "Søren Østergaard".into(),
            email: "soren@example.dk".into(),
            address: "Vestergade 1, 8000 Aarhus C".into(),
            ..Default::default()
        })
        .expect("customer")
        .id;
    let mut first = d("2026-11-23") + Duration::days(c.first_day);
    // The first date is one of the rule's.
    let probe = |first: NaiveDate| Series {
        id: 0,
        customer_id: customer,
        staff_id: Some(staff[0].id),
        service: "Fast rengøring".into(),
        start_time: NaiveTime::from_hms_opt(c.start_min / 60, c.start_min % 60, 0).expect("t"),
        duration_min: c.duration_min,
        first_date: first,
        rule: c.rule.clone(),
        end: match c.end {
            0 => SeriesEnd::Open,
            1 => SeriesEnd::Count(6),
            _ => SeriesEnd::Until(first + Duration::days(70)),
        },
        holidays: c.holidays,
        pauses: c
            .pause
            .map(|(from, len)| Pause {
                from: first + Duration::days(from),
                to: first + Duration::days(from + len),
            })
            .into_iter()
            .collect(),
        address: String::new(),
        notes: "Nøgle under måtten; ring først".into(),
        version: 0,
    };
    if let Some(o) = probe(first)
        .originals(first, first + Duration::days(400))
        .expect("originals")
        .first()
    {
        first = o.date();
    }
    store
        .create_series(probe(first), Some("test"))
        .expect("series");
    let sid = store.series_list().expect("list")[0].id;
    let visits = |store: &Store| -> Vec<(i64, i64)> {
        store
            .series_visits(sid)
            .expect("visits")
            .into_iter()
            .filter(|(b, _)| b.status == BookingStatus::Scheduled)
            .map(|(b, _)| (b.id, b.version))
            .collect()
    };
    for &(i, minutes) in &c.moves {
        let vs = visits(store);
        if let Some(&(id, version)) = vs.get(i) {
            let b = store.booking(id).expect("booking");
            let tz = store.tz();
            let to = tz.local(b.start + Duration::minutes(minutes)).naive_local();
            let _ = store.move_visit(
                id,
                version,
                VisitChange {
                    date: Some(to.date()),
                    start: Some(to.time()),
                    ..VisitChange::default()
                },
                Scope::This,
                Some("test"),
            );
        }
    }
    if let Some(i) = c.reassign
        && let Some(&(id, version)) = visits(store).get(i)
    {
        let _ = store.move_visit(
            id,
            version,
            VisitChange {
                staff: Some(Some(staff[1].id)),
                ..VisitChange::default()
            },
            Scope::This,
            Some("test"),
        );
    }
    if let Some(i) = c.cancel
        && let Some(&(id, version)) = visits(store).get(i)
    {
        store
            .cancel_visit(id, version, "kunden aflyste", Scope::This)
            .expect("cancel");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// Export → import into an empty database gives the same series and
    /// visits; importing the file again changes nothing.
    #[test]
    fn export_then_import_of_a_series_with_exceptions_is_lossless(c in case()) {
        let dir = tempfile::tempdir().expect("tmp");
        let mut from = open(&dir.path().join("from.db"));
        build(&mut from, &c);
        let mut file = Vec::new();
        export_ics(&from, &mut file, &IcsExport::default()).expect("export");
        let path = dir.path().join("out.ics");
        std::fs::write(&path, &file).expect("write");
        let mut to = open(&dir.path().join("to.db"));
        let r = import_ics(&mut to, &path, &IcsImport::default(), &mut Quiet).expect("import");
        let text = String::from_utf8_lossy(&file).into_owned();
        prop_assert!(r.warnings.is_empty() && r.problems.is_empty(), "{r:?}\n{text}");
        prop_assert_eq!(described(&to), described(&from), "{}", text);
        let again = import_ics(&mut to, &path, &IcsImport::default(), &mut Quiet).expect("import");
        prop_assert_eq!((again.counts.created, again.counts.updated), (0, 0), "{:?}", again);
        // Into the database it came from: recognised, nothing changes.
        let back = import_ics(&mut from, &path, &IcsImport::default(), &mut Quiet).expect("import");
        prop_assert_eq!((back.counts.created, back.counts.updated, back.series.created), (0, 0, 0), "{:?}", back);
    }
}

/// A recurring event an earlier import gave a booking per occurrence (its
/// rule could not be a series then) stays so when it can be one: a series
/// beside those bookings would double them.
#[test]
fn an_event_imported_before_as_single_bookings_is_not_doubled_by_a_series() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir.path().join("r.db"));
    let utc = "BEGIN:VEVENT\r\nUID:moved-zone@example.dk\r\nDTSTAMP:20261101T000000Z\r\n\
        DTSTART:20261124T080000Z\r\nDTEND:20261124T090000Z\r\n\
        RRULE:FREQ=WEEKLY;COUNT=30\r\nSUMMARY:Vinduer\r\nEND:VEVENT\r\n";
    let first = import_text(&mut store, dir.path(), &calendar(utc));
    assert_eq!(first.series_events, 0, "{first:?}");
    let before = first.counts.created;
    assert!(before > 0, "{first:?}");
    // The same event, now in the business zone: a rule a series can hold.
    let zoned = utc
        .replace(
            "DTSTART:20261124T080000Z",
            "DTSTART;TZID=Europe/Copenhagen:20261124T090000",
        )
        .replace(
            "DTEND:20261124T090000Z",
            "DTEND;TZID=Europe/Copenhagen:20261124T100000",
        );
    let again = import_text(&mut store, dir.path(), &calendar(&zoned));
    assert!(store.series_list().expect("series").is_empty(), "{again:?}");
    assert_eq!(again.counts.created, 0, "{again:?}");
    assert!(
        again
            .warnings
            .iter()
            .any(|w| w.to_string().contains("came in before")),
        "{:?}",
        again.warnings
    );
}
