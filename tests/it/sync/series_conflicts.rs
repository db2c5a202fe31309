//! A series changed on both sides, or deleted in Google: the same field
//! changed in the console and in Google waits in the conflict queue, and
//! the dispatcher's choice applies to the whole series; a series deleted in
//! Google ends here (its visits from today on cancelled, the past ones
//! kept), unless the console changed it meanwhile: then it is a conflict.

use chrono::{NaiveDate, NaiveTime};
use renos::domain::BookingStatus;
use renos::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
use renos::domain::sync::{ConflictKind, Field};
use renos::engine::sync::{Choice, DELETED_THERE, resolve, resolve_held};
use renos::store::{Scope, Store, VisitChange};
use serde_json::{Value, json};

use super::sync_env::*;

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("time")
}

/// Every Monday 09:00 (Copenhagen) for Hansen with Anna, from 23/11.
fn weekly(s: &mut Store) -> Series {
    weekly_from(
        s,
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
        "09:00",
    )
}

/// Every week on `first`'s weekday at `at` (Copenhagen), from `first`.
fn weekly_from(s: &mut Store, first: NaiveDate, at: &str) -> Series {
    use chrono::Datelike;
    s.create_series(
        Series {
            id: 0,
            customer_id: 1,
            staff_id: Some(1),
            service: "Fast rengøring".into(),
            start_time: hm(at),
            duration_min: 120,
            first_date: first,
            rule: Rule::Weekly {
                every: 1,
                days: vec![first.weekday()],
            },
            end: SeriesEnd::Open,
            holidays: HolidayPolicy::Skip,
            pauses: Vec::new(),
            address: String::new(),
            notes: String::new(),
            version: 0,
        },
        None,
    )
    .expect("series")
    .series
}

fn master(env: &Env) -> Value {
    env.google()
        .events(CAL)
        .into_iter()
        .find(|e| e.get("recurrence").is_some())
        .expect("the recurring event")
}

fn local_time(b: &renos::domain::Booking) -> NaiveTime {
    b.start.with_timezone(&chrono_tz::Europe::Copenhagen).time()
}

/// Each visit of the series once, and no event of Google without its
/// visit: the active visits are the live instances (up to the horizon).
fn nothing_doubled(env: &Env, s: &Store, series: i64) {
    let visits = s.series_visits(series).expect("visits");
    let mut originals = std::collections::HashSet::new();
    for (_, v) in &visits {
        assert!(originals.insert(v.original.clone()), "twice: {v:?}");
    }
    let active: Vec<_> = env
        .bookings()
        .into_iter()
        .filter(|b| b.is_active())
        .collect();
    assert_eq!(
        active.len(),
        visits.iter().filter(|(b, _)| b.is_active()).count(),
        "no booking besides the visits: {active:#?}"
    );
}

/// The start moved in the console and in Google to different times: a
/// conflict waits, nothing is written meanwhile; "theirs" moves the whole
/// series to Google's time, as one change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_field_changed_on_both_sides_waits_and_theirs_moves_the_series() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let m = master(&env);
    let id = m["id"].as_str().expect("id").to_string();
    // Here: 10:00. There: 11:00.
    let v = s.series_visits(series.id).expect("visits");
    let next = v
        .iter()
        .find(|(b, _)| b.start > now())
        .map(|(b, _)| b.clone())
        .expect("a visit to come");
    s.move_visit(
        next.id,
        next.version,
        VisitChange {
            start: Some(hm("10:00")),
            ..VisitChange::default()
        },
        Scope::All,
        None,
    )
    .expect("here");
    let start = time_of(&m["start"]) + chrono::Duration::hours(2);
    env.google()
        .edit(
            CAL,
            &id,
            json!({
                "start": {"dateTime": start.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
                "end": {"dateTime": (start + chrono::Duration::hours(2)).to_rfc3339(), "timeZone": "Europe/Copenhagen"},
            }),
        )
        .expect("there");
    let before = env.google().stats();
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    let c = s.sync_conflicts().expect("conflicts").remove(0);
    assert_eq!(c.event_id, id);
    assert_eq!(c.kind, ConflictKind::Fields(vec![Field::Start]));
    // Nothing went out, and the console's series is as the dispatcher left it.
    let after = env.google().stats();
    assert_eq!(after.patch, before.patch, "{after:?}");
    assert_eq!(s.series(series.id).expect("s").start_time, hm("10:00"));
    // Again: still waiting, nothing changes.
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    assert_eq!(s.series(series.id).expect("s").start_time, hm("10:00"));

    resolve(&mut s, c.booking_id, Choice::Theirs).expect("theirs");
    assert_eq!(s.series(series.id).expect("s").start_time, hm("11:00"));
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.open_conflicts, 0, "{r:?}");
        assert_eq!(r.counts.deleted, 0, "{r:?}");
    }
    for (b, v) in s.series_visits(series.id).expect("visits") {
        if b.start > now() {
            assert_eq!(local_time(&b), hm("11:00"), "{b:?}");
            assert!(v.exception.is_empty(), "scope all, not one by one: {v:?}");
        }
    }
    let m = master(&env);
    assert_eq!(
        time_of(&m["start"])
            .with_timezone(&chrono_tz::Europe::Copenhagen)
            .time(),
        hm("11:00")
    );
    nothing_doubled(&env, &s, series.id);
}

/// The same conflict settled "mine": the console's time goes to Google for
/// the whole series, and no visit becomes an exception.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_conflict_settled_mine_sends_the_consoles_series() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let m = master(&env);
    let id = m["id"].as_str().expect("id").to_string();
    let next = s
        .series_visits(series.id)
        .expect("visits")
        .into_iter()
        .find(|(b, _)| b.start > now())
        .map(|(b, _)| b)
        .expect("a visit to come");
    s.move_visit(
        next.id,
        next.version,
        VisitChange {
            staff: Some(Some(2)),
            ..VisitChange::default()
        },
        Scope::All,
        None,
    )
    .expect("Bo here");
    let mut props = m["extendedProperties"].clone();
    props["private"]["renos_staff"] = json!("");
    env.google()
        .edit(CAL, &id, json!({ "extendedProperties": props }))
        .expect("nobody there");
    let r = env.sync().await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    let c = s.sync_conflicts().expect("conflicts").remove(0);
    assert_eq!(c.kind, ConflictKind::Fields(vec![Field::Staff]));
    resolve(&mut s, c.booking_id, Choice::Mine).expect("mine");
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.open_conflicts, 0, "{r:?}");
    }
    assert_eq!(s.series(series.id).expect("s").staff_id, Some(2));
    let m = master(&env);
    assert_eq!(m["extendedProperties"]["private"]["renos_staff"], "2");
    for (b, v) in s.series_visits(series.id).expect("visits") {
        if b.start > now() {
            assert_eq!(b.staff_id, Some(2), "{b:?}");
            assert!(v.exception.is_empty(), "{v:?}");
        }
    }
    nothing_doubled(&env, &s, series.id);
}

/// The recurring event deleted in Google: the series ends; its visits to
/// come are cancelled naming Google, the one of this morning stays; again
/// and again, nothing more happens and the event is not made again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_deleted_in_google_ends_here_and_keeps_the_past() {
    let env = Env::new();
    let mut s = env.store();
    // Fridays 07:30 from today (20/11, 08:00 in Copenhagen now).
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let series = weekly_from(&mut s, today, "07:30");
    env.sync().await;
    let id = master(&env)["id"].as_str().expect("id").to_string();
    assert!(env.google().delete(CAL, &id));
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.open_conflicts, 0, "{r:?} {:#?}", s.sync_conflicts());
    let visits = s.series_visits(series.id).expect("visits");
    assert!(visits.iter().any(|(b, _)| b.start < now()), "{visits:#?}");
    for (b, _) in &visits {
        if b.start < now() {
            assert!(b.is_active(), "the past stays: {b:?}");
        } else {
            assert_eq!(b.status, BookingStatus::Cancelled, "{b:?}");
            assert_eq!(b.cancel_reason, DELETED_THERE);
        }
    }
    let ended = s.series(series.id).expect("s");
    assert!(
        matches!(ended.end, SeriesEnd::Until(d) if d < today),
        "{ended:?}"
    );
    let journal = s.journal(Some(("series", series.id)), 50).expect("journal");
    assert!(
        journal
            .iter()
            .any(|e| e.action == "series.end" && e.reason == DELETED_THERE),
        "{journal:#?}"
    );
    let before = env.google().stats();
    for force in [false, true] {
        let r = env
            .run(renos::engine::sync::SyncOptions {
                force,
                ..Default::default()
            })
            .await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!((r.counts.deleted, r.counts.pushed), (0, 0), "{r:?}");
    }
    let after = env.google().stats();
    assert_eq!((after.insert, after.patch), (before.insert, before.patch));
    assert!(
        env.google()
            .events(CAL)
            .iter()
            .all(|e| e["status"] == "cancelled")
    );
    let past: Vec<_> = env
        .bookings()
        .into_iter()
        .filter(|b| b.is_active())
        .collect();
    assert_eq!(past.len(), 1, "{past:#?}");
}

/// Deleted in Google while the console moved the series: a conflict, no
/// visit cancelled; "mine" brings the event back with the console's series.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_deleted_there_and_changed_here_is_a_conflict() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let id = master(&env)["id"].as_str().expect("id").to_string();
    let next = s
        .series_visits(series.id)
        .expect("visits")
        .into_iter()
        .find(|(b, _)| b.start > now())
        .map(|(b, _)| b)
        .expect("a visit to come");
    s.move_visit(
        next.id,
        next.version,
        VisitChange {
            start: Some(hm("12:00")),
            ..VisitChange::default()
        },
        Scope::All,
        None,
    )
    .expect("here");
    assert!(env.google().delete(CAL, &id));
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    assert_eq!(r.counts.deleted, 0, "{r:?}");
    let c = s.sync_conflicts().expect("conflicts").remove(0);
    assert_eq!(c.kind, ConflictKind::DeletedThere);
    let live = |s: &Store| {
        s.series_visits(series.id)
            .expect("visits")
            .into_iter()
            .filter(|(b, _)| b.is_active())
            .count()
    };
    let before = live(&s);
    let r = env.sync().await;
    assert_eq!((r.open_conflicts, r.counts.deleted), (1, 0), "{r:?}");
    assert_eq!(live(&s), before);

    resolve(&mut s, c.booking_id, Choice::Mine).expect("mine");
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!((r.open_conflicts, r.counts.deleted), (0, 0), "{r:?}");
    }
    assert_eq!(live(&s), before);
    let m = master(&env);
    assert_ne!(m["status"], "cancelled", "{m}");
    assert_eq!(
        time_of(&m["start"])
            .with_timezone(&chrono_tz::Europe::Copenhagen)
            .time(),
        hm("12:00")
    );
    nothing_doubled(&env, &s, series.id);
}

/// A recurring event made by hand, deleted in Google and forgotten there
/// (purged), while the dispatcher cancels one of its visits and undoes
/// that: the run that writes the series' end settles the deletion before
/// the visit is delivered, and the visit, cancelled with its series by
/// then, is not written to an instance that no longer exists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visit_brought_back_while_its_series_was_deleted_there_ends_with_it() {
    let env = Env::new();
    let mut s = env.store();
    let g = env.google();
    let master = g.create_recurring(
        CAL,
        hand_made("Serie 2", at(8, 30), 1),
        &["RRULE:FREQ=WEEKLY;INTERVAL=2"],
    );
    let id = master["id"].as_str().expect("id").to_string();
    let r = env
        .run(renos::engine::sync::SyncOptions {
            force: true,
            max_events: Some(1),
            ..Default::default()
        })
        .await;
    assert!(r.errors.is_empty(), "{r:?}");
    let visits: Vec<_> = env
        .bookings()
        .into_iter()
        .filter(|b| b.is_active())
        .collect();
    assert!(visits.len() > 2, "{visits:#?}");
    assert!(g.delete(CAL, &id));
    let b = &visits[1];
    s.cancel_booking(b.id, b.version, "aflyst").expect("cancel");
    g.purge_cancelled();
    s.undo().expect("undo");

    for _ in 0..3 {
        let r = env.sync().await;
        assert!(r.errors.is_empty() && r.failed == 0, "{r:?}");
    }
    assert!(
        env.bookings()
            .iter()
            .all(|b| !b.is_active() || b.start < now()),
        "{:#?}",
        env.bookings()
    );
}

/// The RRULE of the recurring event in Google, as it stands.
fn rrule(env: &Env) -> String {
    master(env)["recurrence"]
        .as_array()
        .and_then(|r| r.iter().find_map(|l| l.as_str()?.strip_prefix("RRULE:")))
        .expect("an RRULE")
        .to_string()
}

/// The end moved in the console and in Google to different dates: a
/// conflict names the end of the series, both ends are kept in it, and
/// "mine" sends the console's end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_end_changed_on_both_sides_waits_and_mine_sends_the_consoles_end() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let id = master(&env)["id"].as_str().expect("id").to_string();
    let here = NaiveDate::from_ymd_opt(2026, 12, 28).expect("date");
    let cur = s.series(series.id).expect("series");
    s.end_series(series.id, cur.version, here)
        .expect("end here");
    // There: the last visit on 11/1 (09:00 in Copenhagen is 08:00 UTC).
    env.google()
        .edit(
            CAL,
            &id,
            json!({"recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270111T080000Z"]}),
        )
        .expect("there");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    let c = s.sync_conflicts().expect("conflicts").remove(0);
    assert_eq!(c.kind, ConflictKind::Fields(vec![Field::SeriesEnd]));
    let repeats = c.repeats.clone().expect("both ends");
    assert_eq!(repeats.mine.end, SeriesEnd::Until(here));
    assert_eq!(
        repeats.theirs.expect("theirs").end,
        SeriesEnd::Until(NaiveDate::from_ymd_opt(2027, 1, 11).expect("date"))
    );
    // Waiting: the console's end stays, and so does Google's.
    let r = env.sync().await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    assert!(rrule(&env).contains("UNTIL=20270111"), "{}", rrule(&env));

    resolve(&mut s, c.booking_id, Choice::Mine).expect("mine");
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.open_conflicts, 0, "{r:?}");
    }
    assert_eq!(s.series(series.id).expect("s").end, SeriesEnd::Until(here));
    // 28/12 09:00 in Copenhagen is 08:00 UTC.
    assert!(
        rrule(&env).contains("UNTIL=20261228T080000Z"),
        "{}",
        rrule(&env)
    );
    nothing_doubled(&env, &s, series.id);
}

/// The rule changed in the console (the series moved to Tuesdays) and in
/// Google (to Wednesdays): a conflict names the repeat; "theirs" makes
/// the series repeat on Wednesdays, its visits to come with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rule_changed_on_both_sides_waits_and_theirs_takes_googles_rule() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let id = master(&env)["id"].as_str().expect("id").to_string();
    let next = s
        .series_visits(series.id)
        .expect("visits")
        .into_iter()
        .find(|(b, _)| b.start > now())
        .map(|(b, _)| b)
        .expect("a visit to come");
    let tuesday = next
        .start
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive()
        .succ_opt()
        .expect("date");
    s.move_visit(
        next.id,
        next.version,
        VisitChange {
            date: Some(tuesday),
            ..VisitChange::default()
        },
        Scope::All,
        None,
    )
    .expect("Tuesdays here");
    assert!(
        matches!(&s.series(series.id).expect("s").rule, Rule::Weekly { days, .. } if days == &[chrono::Weekday::Tue]),
        "{:?}",
        s.series(series.id)
    );
    env.google()
        .edit(
            CAL,
            &id,
            json!({"recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=WE"]}),
        )
        .expect("Wednesdays there");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    let c = s.sync_conflicts().expect("conflicts").remove(0);
    let ConflictKind::Fields(fields) = &c.kind else {
        panic!("{c:?}");
    };
    assert!(fields.contains(&Field::Rule), "{fields:?}");
    // Nothing of either side was written over meanwhile.
    assert!(rrule(&env).contains("BYDAY=WE"), "{}", rrule(&env));

    resolve(&mut s, c.booking_id, Choice::Theirs).expect("theirs");
    let wednesdays = Rule::Weekly {
        every: 1,
        days: vec![chrono::Weekday::Wed],
    };
    assert_eq!(s.series(series.id).expect("s").rule, wednesdays);
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.open_conflicts, 0, "{r:?}");
    }
    assert_eq!(s.series(series.id).expect("s").rule, wednesdays);
    assert!(rrule(&env).contains("BYDAY=WE"), "{}", rrule(&env));
    use chrono::Datelike;
    for (b, _) in s.series_visits(series.id).expect("visits") {
        if b.is_active() && b.start > now() + chrono::Duration::days(7) {
            let day = b
                .start
                .with_timezone(&chrono_tz::Europe::Copenhagen)
                .weekday();
            assert_eq!(day, chrono::Weekday::Wed, "{b:?}");
        }
    }
    nothing_doubled(&env, &s, series.id);
}

/// A visit waits on its own conflict (its notes changed here and in
/// Google) when its series' recurring event is deleted in Google: the
/// series' conflict is held on the same visit, and the two wait side by
/// side, neither overwriting the other; each is settled on its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visits_own_conflict_and_its_series_conflict_wait_side_by_side() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let id = master(&env)["id"].as_str().expect("id").to_string();
    let visit = s
        .series_visits(series.id)
        .expect("visits")
        .into_iter()
        .find(|(b, _)| b.start > now())
        .map(|(b, _)| b)
        .expect("a visit to come");
    edit(&mut s, visit.id, |d| d.notes = "her".into());
    let instance = s
        .google_link(visit.id)
        .expect("link")
        .expect("linked")
        .event_id;
    env.google()
        .edit(CAL, &instance, json!({"description": "der"}))
        .expect("there");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.open_conflicts, 1, "{r:?}");

    assert!(env.google().delete(CAL, &id));
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.open_conflicts, 2, "{r:?}");
    let conflicts = s.sync_conflicts().expect("conflicts");
    assert!(
        conflicts.iter().all(|c| c.booking_id == visit.id),
        "{conflicts:#?}"
    );
    let own = conflicts.iter().find(|c| !c.of_series).expect("its own");
    assert_eq!(own.kind, ConflictKind::Fields(vec![Field::Notes]));
    let of_series = conflicts.iter().find(|c| c.of_series).expect("its series'");
    assert_eq!(of_series.kind, ConflictKind::DeletedThere);
    assert_eq!(of_series.event_id, id);

    // The series first: made again in Google; the visit's own waits on.
    resolve_held(&mut s, visit.id, true, Choice::Mine).expect("series");
    let left = s.sync_conflicts().expect("conflicts");
    assert_eq!(left.len(), 1, "{left:#?}");
    assert!(!left[0].of_series);
    resolve_held(&mut s, visit.id, false, Choice::Mine).expect("visit");
    assert!(s.sync_conflicts().expect("conflicts").is_empty());
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.open_conflicts, 0, "{r:?}");
    }
    let b = s.booking(visit.id).expect("visit");
    assert!(b.is_active(), "{b:?}");
    assert_eq!(b.notes, "her");
    let link = s.google_link(visit.id).expect("link").expect("linked");
    let master_now = env
        .google()
        .events(CAL)
        .into_iter()
        .find(|e| e.get("recurrence").is_some() && e["status"] != "cancelled")
        .expect("the recurring event made again");
    let inst = env
        .google()
        .instances(CAL, master_now["id"].as_str().expect("id"))
        .into_iter()
        .find(|e| e["id"] == link.event_id.as_str())
        .expect("the visit's instance");
    assert_eq!(inst["description"], "her", "{inst}");
    nothing_doubled(&env, &s, series.id);
}
