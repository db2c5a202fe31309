//! Series in the store, on real database files: materialising, scopes,
//! undo of a scoped change as one step, and properties over random edits.

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use proptest::prelude::*;

use super::super::{NewCustomer, NewStaff, Store};
use super::*;
use crate::clock::Clock;
use crate::domain::WorkingHours;
use crate::domain::series::{HolidayPolicy, Rule};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("time")
}

/// Friday 20/11/2026, 10:00 local.
fn clock() -> Clock {
    Clock::Fixed(
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
            .single()
            .expect("time"),
    )
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    staff: i64,
    other_staff: i64,
    customer: i64,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open(&dir.path().join("renos.db"), "mette", clock()).expect("open");
    let staff = store
        .add_staff(NewStaff {
            name: "Anna Jensen".into(),
            hours: WorkingHours::default(),
            ..Default::default()
        })
        .expect("staff")
        .id;
    let other_staff = store
        .add_staff(NewStaff {
            name: "Bo Hansen".into(),
            hours: WorkingHours::default(),
            ..Default::default()
        })
        .expect("staff")
        .id;
    let customer = store
        .add_customer(NewCustomer {
            name: "Søren Østergaard".into(),
            ..Default::default()
        })
        .expect("customer")
        .id;
    Fixture {
        _dir: dir,
        store,
        staff,
        other_staff,
        customer,
    }
}

fn weekly(f: &Fixture, first: &str, every: u32) -> Series {
    Series {
        id: 0,
        customer_id: f.customer,
        staff_id: Some(f.staff),
        service: "Fast rengøring".into(),
        start_time: hm("08:30"),
        duration_min: 120,
        first_date: d(first),
        rule: Rule::Weekly {
            every,
            days: vec![d(first).weekday()],
        },
        end: SeriesEnd::Open,
        holidays: HolidayPolicy::Skip,
        pauses: Vec::new(),
        address: String::new(),
        notes: String::new(),
        version: 0,
    }
}

use chrono::Datelike;

/// One booking row: (booking id, series, original, exception, status, local start).
type Row = (i64, Option<i64>, Option<String>, String, String, String);

/// Every booking row, by id.
fn rows(s: &Store) -> Vec<Row> {
    let mut stmt = s
        .conn()
        .prepare(
            "SELECT id, series_id, original_start, exception, status, start_at FROM bookings
             ORDER BY id",
        )
        .expect("prepare");
    let tz = s.tz();
    stmt.query_map([], |r| {
        let at: i64 = r.get(5)?;
        let t = Utc.timestamp_opt(at, 0).single().expect("time");
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            tz.local(t).format("%Y-%m-%d %H:%M").to_string(),
        ))
    })
    .expect("query")
    .collect::<rusqlite::Result<_>>()
    .expect("rows")
}

fn visit_dates(s: &Store, series: i64) -> Vec<String> {
    s.series_visits(series)
        .expect("visits")
        .into_iter()
        .map(|(b, _)| s.tz().local(b.start).format("%Y-%m-%d %H:%M").to_string())
        .collect()
}

#[test]
fn a_series_is_made_to_the_horizon_once_and_extended_day_by_day() {
    let mut f = fixture();
    let made = f
        .store
        .create_series(weekly(&f, "2026-11-24", 1), None)
        .expect("create");
    // Tuesdays from 24/11 to 12 weeks after 20/11 (12/2/2027).
    assert_eq!(made.visits.len(), 12);
    assert!(made.review.is_empty());
    let id = made.series.id;
    assert_eq!(visit_dates(&f.store, id)[0], "2026-11-24 08:30");
    assert_eq!(visit_dates(&f.store, id)[11], "2027-02-09 08:30");
    let again = f.store.extend_series(d("2026-11-20")).expect("extend");
    assert_eq!(again, Extended::default());
    let next = f.store.extend_series(d("2026-11-27")).expect("extend");
    assert_eq!(next.created, 1);
    assert_eq!(
        f.store
            .extend_series(d("2026-11-27"))
            .expect("extend")
            .created,
        0
    );
    assert_eq!(visit_dates(&f.store, id).len(), 13);
    // Each visit is an ordinary booking, journaled and known by its place.
    let (b, v) = &f.store.series_visits(id).expect("visits")[0];
    assert_eq!(v.original, "2026-11-24T08:30");
    assert_eq!(f.store.visit_of(b.id).expect("visit").as_ref(), Some(v));
    assert_eq!(
        f.store.booking(b.id).expect("booking").service,
        "Fast rengøring"
    );
    let actions: Vec<String> = f
        .store
        .journal(None, 100)
        .expect("journal")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"series.add".to_string()));
    assert_eq!(actions.iter().filter(|a| *a == "booking.visit").count(), 13);
}

#[test]
fn a_clash_refuses_the_series_unless_accepted_and_the_horizon_sends_it_to_review() {
    let mut f = fixture();
    let first = f
        .store
        .create_series(weekly(&f, "2026-11-24", 1), None)
        .expect("first");
    let mut other = weekly(&f, "2026-12-01", 2);
    other.start_time = hm("09:00");
    let e = f
        .store
        .create_series(other.clone(), None)
        .expect_err("clash");
    assert!(matches!(e, StoreError::Clash(_)), "{e}");
    assert_eq!(f.store.series_list().expect("list").len(), 1);
    let ok = f
        .store
        .create_series(other, Some("kunden ønsker det"))
        .expect("accepted");
    assert!(ok.review.is_empty());
    let j = f
        .store
        .journal(Some(("booking", ok.visits[0].id)), 5)
        .expect("journal");
    assert!(j[0].reason.starts_with("override (#"), "{}", j[0].reason);
    // A series whose next visit clashes when the horizon moves: review.
    let mut late = weekly(&f, "2027-02-16", 1);
    late.start_time = hm("09:00");
    late.customer_id = f.customer;
    let made = f
        .store
        .create_series(late, None)
        .expect("nothing to clash yet");
    assert!(made.visits.is_empty());
    let x = f.store.extend_series(d("2026-11-27")).expect("extend");
    assert_eq!((x.created, x.review), (2, 1), "{x:?}");
    let queue = f.store.review_queue().expect("queue");
    assert_eq!(queue.len(), 1);
    assert!(
        queue[0].review.contains("double-books"),
        "{}",
        queue[0].review
    );
    let _ = first;
}

#[test]
fn this_visit_moved_stays_moved_when_the_series_is_made_again() {
    let mut f = fixture();
    let s = f
        .store
        .create_series(weekly(&f, "2026-11-24", 1), None)
        .expect("create");
    let third = s.visits[2].clone();
    let out = f
        .store
        .move_visit(
            third.id,
            third.version,
            VisitChange {
                date: Some(d("2026-12-09")),
                start: Some(hm("10:00")),
                ..Default::default()
            },
            Scope::This,
            None,
        )
        .expect("move");
    assert_eq!(f.store.tz().hm(out.booking.start), "10:00");
    let v = f.store.visit_of(third.id).expect("visit").expect("member");
    assert_eq!(
        (v.original.as_str(), v.exception.as_str()),
        ("2026-12-08T08:30", "moved")
    );
    let fourth = s.visits[3].clone();
    f.store
        .cancel_visit(fourth.id, fourth.version, "kunden er syg", Scope::This)
        .expect("cancel");
    f.store.extend_series(d("2026-12-31")).expect("extend");
    // All: every visit from today on starts at 09:00 — but the moved one
    // and the cancelled one (which is not made again either).
    let first = f.store.series_visits(s.series.id).expect("visits")[0]
        .0
        .clone();
    f.store
        .move_visit(
            first.id,
            first.version,
            VisitChange {
                start: Some(hm("09:00")),
                ..Default::default()
            },
            Scope::All,
            None,
        )
        .expect("all");
    let dates = visit_dates(&f.store, s.series.id);
    assert!(dates.contains(&"2026-12-09 10:00".to_string()), "{dates:?}");
    assert_eq!(
        dates.iter().filter(|t| t.ends_with("09:00")).count(),
        dates.len() - 2
    );
    assert_eq!(
        f.store.series(s.series.id).expect("series").start_time,
        hm("09:00")
    );
    let on_15_12: Vec<_> = f
        .store
        .series_visits(s.series.id)
        .expect("visits")
        .into_iter()
        .filter(|(b, _)| f.store.tz().local_date(b.start) == d("2026-12-15"))
        .collect();
    assert_eq!(on_15_12.len(), 1, "{on_15_12:?}");
    assert_eq!(on_15_12[0].0.status, BookingStatus::Cancelled);
    assert_eq!(on_15_12[0].1.original, "2026-12-15T09:00");
}

#[test]
fn this_and_following_splits_the_series_without_losing_or_doubling_a_visit() {
    let mut f = fixture();
    let s = f
        .store
        .create_series(weekly(&f, "2026-11-24", 2), None)
        .expect("create");
    let before = rows(&f.store);
    let split = s.visits[2].clone(); // 22/12
    let out = f
        .store
        .move_visit(
            split.id,
            split.version,
            VisitChange {
                start: Some(hm("11:00")),
                staff: Some(Some(f.other_staff)),
                ..Default::default()
            },
            Scope::Following,
            None,
        )
        .expect("split");
    let new_id = out.series_id.expect("new series");
    assert_ne!(new_id, s.series.id);
    assert_eq!(out.booking.id, split.id);
    let old = f.store.series(s.series.id).expect("old");
    assert_eq!(old.end, SeriesEnd::Until(d("2026-12-21")));
    let new = f.store.series(new_id).expect("new");
    assert_eq!(
        (new.first_date, new.start_time),
        (d("2026-12-22"), hm("11:00"))
    );
    assert_eq!(new.staff_id, Some(f.other_staff));
    assert_eq!(
        visit_dates(&f.store, s.series.id),
        ["2026-11-24 08:30", "2026-12-08 08:30"]
    );
    let later = visit_dates(&f.store, new_id);
    assert_eq!(later[0], "2026-12-22 11:00");
    // The same rows, the same number: moved, not made again.
    let after = rows(&f.store);
    assert_eq!(before.len(), after.len());
    assert_eq!(
        before.iter().map(|r| r.0).collect::<Vec<_>>(),
        after.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    // Undo takes the whole split back in one step; redo makes it again.
    let undone = f.store.undo().expect("undo");
    assert_eq!(undone.change, Some(crate::domain::BookingChange::Series));
    assert_eq!(rows(&f.store), before);
    assert!(matches!(
        f.store.series(new_id),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        f.store.series(s.series.id).expect("old").end,
        SeriesEnd::Open
    );
    f.store.redo().expect("redo");
    assert_eq!(visit_dates(&f.store, new_id)[0], "2026-12-22 11:00");
    assert_eq!(rows(&f.store).len(), before.len());
}

#[test]
fn moving_all_visits_a_day_later_keeps_the_rhythm_and_undoes_as_one() {
    let mut f = fixture();
    let s = f
        .store
        .create_series(weekly(&f, "2026-11-24", 1), None)
        .expect("create");
    let before = rows(&f.store);
    let v = s.visits[1].clone();
    f.store
        .move_visit(
            v.id,
            v.version,
            VisitChange {
                date: Some(d("2026-12-02")),
                ..Default::default()
            },
            Scope::All,
            None,
        )
        .expect("all");
    let dates = visit_dates(&f.store, s.series.id);
    assert_eq!(dates[0], "2026-11-25 08:30");
    assert!(
        dates.iter().all(|t| d(&t[..10]).weekday() == Weekday::Wed),
        "{dates:?}"
    );
    assert_eq!(dates.len(), 12);
    f.store.undo().expect("undo");
    assert_eq!(rows(&f.store), before);
}

#[test]
fn cancelling_following_ends_the_series_and_pause_and_resume() {
    let mut f = fixture();
    let s = f
        .store
        .create_series(weekly(&f, "2026-11-24", 1), None)
        .expect("create");
    let id = s.series.id;
    let series = f.store.series(id).expect("series");
    let paused = f
        .store
        .pause_series(
            id,
            series.version,
            Pause {
                from: d("2026-12-07"),
                to: d("2026-12-20"),
            },
        )
        .expect("pause");
    assert_eq!(visit_dates(&f.store, id).len(), 10);
    let resumed = f.store.resume_series(id, paused.version).expect("resume");
    assert!(resumed.pauses.is_empty());
    assert_eq!(visit_dates(&f.store, id).len(), 12);
    let sixth = f.store.series_visits(id).expect("visits")[5].0.clone();
    let out = f
        .store
        .cancel_visit(sixth.id, sixth.version, "kunden stopper", Scope::Following)
        .expect("cancel");
    assert_eq!(out.booking.status, BookingStatus::Cancelled);
    assert_eq!(out.changed.len(), 6);
    let ended = f.store.series(id).expect("series");
    assert_eq!(ended.end, SeriesEnd::Until(d("2026-12-28")));
    assert_eq!(
        f.store
            .extend_series(d("2027-01-15"))
            .expect("extend")
            .created,
        0
    );
    let e = f
        .store
        .cancel_visit(sixth.id, 99, "x", Scope::Following)
        .expect_err("stale");
    assert!(
        matches!(
            e,
            StoreError::Stale { .. } | StoreError::Invalid(_) | StoreError::Change(_)
        ),
        "{e}"
    );
    let end = f
        .store
        .end_series(id, ended.version, d("2026-12-01"))
        .expect("end");
    assert_eq!(end.end, SeriesEnd::Until(d("2026-12-01")));
    assert_eq!(
        f.store
            .series_visits(id)
            .expect("visits")
            .iter()
            .filter(|(b, _)| b.status == BookingStatus::Scheduled)
            .count(),
        2
    );
}

/// One random edit of the property test.
#[derive(Debug, Clone)]
enum Edit {
    Move {
        pick: usize,
        days: i64,
        hour: u32,
        scope: Scope,
    },
    Cancel {
        pick: usize,
        scope: Scope,
    },
    Extend {
        days: u64,
    },
    /// Undo the last change: everything is as it was before it.
    Undo,
}

fn edit() -> impl Strategy<Value = Edit> {
    let scope = prop_oneof![Just(Scope::This), Just(Scope::Following), Just(Scope::All)];
    prop_oneof![
        4 => (0usize..40, -2i64..=2, 7u32..=15, scope.clone())
            .prop_map(|(pick, days, hour, scope)| Edit::Move { pick, days, hour, scope }),
        1 => (0usize..40, scope).prop_map(|(pick, scope)| Edit::Cancel { pick, scope }),
        1 => (1u64..30).prop_map(|days| Edit::Extend { days }),
        2 => Just(Edit::Undo),
    ]
}

/// The invariants after any edits: every series' visits up to the horizon
/// exist once each (the rule's expansion, less exceptions, plus exceptions
/// kept), and no visit row was lost.
fn check_invariants(s: &Store, today: NaiveDate, ids_before: &HashSet<i64>) {
    let cal = s.calendar().clone();
    let horizon = cal.horizon(today);
    for series in s.series_list().expect("list") {
        let expected: BTreeMap<String, _> = series
            .occurrences(series.first_date.max(today), horizon, s.tz(), &cal.holidays)
            .expect("expand")
            .into_iter()
            .map(|o| (original_key(o.original), o))
            .collect();
        let visits = s.series_visits(series.id).expect("visits");
        let mut seen = HashSet::new();
        for (b, v) in &visits {
            assert!(seen.insert(v.original.clone()), "doubled {v:?}");
            if v.exception.is_empty()
                && b.status == BookingStatus::Scheduled
                && let Some(o) = expected.get(&v.original)
            {
                assert_eq!((b.start, b.end), (o.start, o.end), "{v:?}");
                assert_eq!(b.staff_id, series.staff_id, "{v:?}");
            }
        }
        for key in expected.keys() {
            assert!(
                seen.contains(key),
                "series #{} lost its visit {key}: {:?}",
                series.id,
                visits.iter().map(|(_, v)| &v.original).collect::<Vec<_>>()
            );
        }
    }
    let now: HashSet<i64> = rows(s).into_iter().map(|r| r.0).collect();
    for id in ids_before {
        // Only visits the series no longer has are removed (or visits an
        // undone change had made), journaled as such.
        if !now.contains(id) {
            let j = s.journal(Some(("booking", *id)), 1).expect("journal");
            assert!(
                [BOOKING_REMOVE, "booking.undo"].contains(&j[0].action.as_str()),
                "#{id} vanished: {}",
                j[0].action
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_scoped_edits_leave_every_visit_once(edits in proptest::collection::vec(edit(), 1..6)) {
        let mut f = fixture();
        let a = f.store.create_series(weekly(&f, "2026-11-24", 1), None).expect("a");
        let mut b = weekly(&f, "2026-11-26", 2);
        b.staff_id = Some(f.other_staff);
        f.store.create_series(b, None).expect("b");
        let _ = a;
        let mut today = d("2026-11-20");
        // The rows before the last change `u` would undo, and that change.
        let mut undoable: Option<Vec<_>> = None;
        for e in edits {
            let snapshot = rows(&f.store);
            let ids: HashSet<i64> = rows(&f.store).into_iter().map(|r| r.0).collect();
            let visits: Vec<(i64, i64)> = rows(&f.store)
                .into_iter()
                .filter(|r| r.1.is_some() && r.4 == "scheduled")
                .map(|r| (r.0, f.store.booking(r.0).expect("b").version))
                .collect();
            match e {
                Edit::Move { pick, days, hour, scope } => {
                    if let Some(&(id, version)) = visits.get(pick % visits.len().max(1)) {
                        let b = f.store.booking(id).expect("b");
                        let date = f.store.tz().local_date(b.start) + Duration::days(days);
                        let split_before = f.store.visit_of(id).expect("v");
                        let r = f.store.move_visit(id, version, VisitChange {
                            date: Some(date),
                            start: NaiveTime::from_hms_opt(hour, 0, 0),
                            ..Default::default()
                        }, scope, Some("test"));
                        if let Ok(out) = r {
                            // The split visit is there once, in its series.
                            let v = f.store.visit_of(id).expect("v");
                            prop_assert!(v.is_some() || split_before.is_none() || scope != Scope::This);
                            prop_assert_eq!(out.booking.id, id);
                            undoable = Some(snapshot.clone());
                        }
                    }
                }
                Edit::Cancel { pick, scope } => {
                    if let Some(&(id, version)) = visits.get(pick % visits.len().max(1))
                        && f.store.cancel_visit(id, version, "test", scope).is_ok()
                    {
                        undoable = Some(snapshot.clone());
                    }
                }
                Edit::Extend { days } => {
                    today += Duration::days(days as i64);
                    if f.store.extend_series(today).expect("extend").created > 0 {
                        // Visits the horizon made are not the dispatcher's to undo.
                        undoable = None;
                    }
                }
                Edit::Undo => {
                    if let Some(before) = undoable.take() {
                        f.store.undo().expect("undo");
                        prop_assert_eq!(rows(&f.store), before);
                        // An undo brings the series back as they were when
                        // the change was made; the store then makes what its
                        // clock's horizon misses. The test's day runs ahead of
                        // the fixture's clock, so its round is run here.
                        f.store.extend_series(today).expect("extend");
                    }
                }
            }
            check_invariants(&f.store, today, &ids);
        }
    }
}

proptest! {
    /// The journal's JSON of a visit (and of a booking), written by hand, is
    /// serde's own: any text (quotes, backslashes, control characters), any
    /// status, times with and without fractions of a second, years past 9999.
    #[test]
    fn member_json_is_serdes(
        id in -1_000_000i64..1_000_000_000_000,
        staff in proptest::option::of(0i64..1000),
        service in "\\PC{0,8}|[\"\\\\\u{0}-\u{1f}\u{7f}a-zæøå]{0,8}",
        notes in ".{0,12}",
        review in "[\"\\\\\n\t\u{1}x]{0,4}",
        status in 0usize..4,
        seconds in -100_000_000_000i64..300_000_000_000,
        nanos in proptest::option::of(1u32..1_000_000_000),
        started in proptest::option::of(0i64..2_000_000_000),
        series in proptest::option::of(1i64..1000),
        exception in "(|moved|cancelled)",
    ) {
        let start = Utc.timestamp_opt(seconds, nanos.unwrap_or(0)).single().expect("time");
        let b = Booking {
            id,
            customer_id: 3,
            staff_id: staff,
            service,
            start,
            end: start + Duration::hours(3),
            estimate_min: 180,
            status: [
                BookingStatus::Scheduled,
                BookingStatus::InProgress,
                BookingStatus::Completed,
                BookingStatus::Cancelled,
            ][status],
            started_at: started.and_then(|s| Utc.timestamp_opt(s, 0).single()),
            finished_at: None,
            address: "Vej \"1\"".into(),
            notes,
            review,
            cancel_reason: String::new(),
            version: 1,
        };
        let v = series.map(|series_id| Visit {
            series_id,
            original: "2026-12-08T08:30".into(),
            exception: exception.clone(),
        });
        let m = rows::Member::of(&b, v.as_ref());
        prop_assert_eq!(m.encode().expect("json"), serde_json::to_string(&m).expect("json"));
        // And a booking of its own, as an import journals it.
        prop_assert_eq!(
            crate::store::journal::booking_json(&b).expect("json"),
            serde_json::to_string(&b).expect("json")
        );
    }

    /// An original start's key, written by hand, is the format's.
    #[test]
    fn original_key_is_the_formats(days in -800_000i64..800_000, minutes in 0i64..1440) {
        let t = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date").and_time(NaiveTime::MIN)
            + Duration::days(days)
            + Duration::minutes(minutes);
        prop_assert_eq!(
            crate::domain::series::original_key(t),
            t.format("%Y-%m-%dT%H:%M").to_string()
        );
    }
}
