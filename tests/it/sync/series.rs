//! Recurring bookings in Google Calendar, against the sandbox: a series is
//! one recurring event (RRULE, EXDATEs) and its changed visits are
//! instance overrides; edits made in Google of one instance or of the
//! series come back in the right scope; "this and following" ends the old
//! event with UNTIL and makes a new one; an insert whose answer was lost,
//! or a run killed after it, leaves one event.

use chrono::{Datelike, NaiveDate, NaiveTime};
use renos::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
use renos::domain::{Booking, BookingStatus};
use renos::engine::sync::{Direction, SyncOptions};
use renos::sandbox::GoogleFaults;
use renos::store::{GOOGLE_SERIES, Scope, Store, VisitChange};
use serde_json::{Value, json};

use super::sync_env::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub(super) fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("time")
}

/// Every Friday 08:30 (Copenhagen) for Hansen with Anna, from 27/11: the
/// 12-week horizon meets 25/12 and 1/1, both holidays (skipped).
pub(super) fn weekly(s: &mut Store) -> Series {
    weekly_with(s, 1)
}

fn weekly_with(s: &mut Store, staff: i64) -> Series {
    let first = d("2026-11-27");
    s.create_series(
        Series {
            id: 0,
            customer_id: 1,
            staff_id: Some(staff),
            service: "Fast rengøring".into(),
            start_time: hm("08:30"),
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

fn visits(s: &Store, series: i64) -> Vec<Booking> {
    s.series_visits(series)
        .expect("visits")
        .into_iter()
        .map(|(b, _)| b)
        .collect()
}

fn masters(env: &Env) -> Vec<Value> {
    env.live_events()
        .into_iter()
        .filter(|e| e.get("recurrence").is_some())
        .collect()
}

fn overrides(env: &Env) -> Vec<Value> {
    env.google()
        .events(CAL)
        .into_iter()
        .filter(|e| e.get("recurringEventId").is_some())
        .collect()
}

fn singles(env: &Env) -> Vec<Value> {
    env.live_events()
        .into_iter()
        .filter(|e| e.get("recurrence").is_none() && e.get("recurringEventId").is_none())
        .collect()
}

/// The series a recurring event was made for.
fn series_of(e: &Value) -> Option<i64> {
    e["extendedProperties"]["private"]["renos_series"]
        .as_str()?
        .parse()
        .ok()
}

fn lines(master: &Value) -> Vec<String> {
    master["recurrence"]
        .as_array()
        .expect("recurrence")
        .iter()
        .map(|l| l.as_str().expect("line").to_string())
        .collect()
}

fn link_of(s: &Store, booking: i64) -> String {
    s.google_link(booking)
        .expect("link")
        .expect("linked")
        .event_id
}

fn quiet(r: &renos::engine::sync::SyncReport) {
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(
        (
            r.counts.pushed,
            r.counts.created,
            r.counts.updated,
            r.pending
        ),
        (0, 0, 0, 0),
        "nothing left to do: {r:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_is_one_recurring_event_with_overrides_and_exdates() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    let v = visits(&s, series.id);
    assert_eq!(v.len(), 10, "12 weeks of Fridays but the two holidays");
    // One visit moved to 10:00 and one cancelled, before the first sync.
    let moved = s
        .move_visit(
            v[1].id,
            v[1].version,
            VisitChange {
                start: Some(hm("10:00")),
                ..VisitChange::default()
            },
            Scope::This,
            None,
        )
        .expect("move")
        .booking;
    s.cancel_visit(v[2].id, v[2].version, "kunden er bortrejst", Scope::This)
        .expect("cancel");

    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert!(singles(&env).is_empty(), "no visit is a single event");
    let m = masters(&env);
    assert_eq!(m.len(), 1, "one recurring event: {m:#?}");
    let master = &m[0];
    assert_eq!(master["start"]["timeZone"], "Europe/Copenhagen");
    assert_eq!(
        master["extendedProperties"]["private"]["renos_series"],
        series.id.to_string()
    );
    let rec = lines(master);
    assert_eq!(rec[0], "RRULE:FREQ=WEEKLY;BYDAY=FR");
    let exdate = rec
        .iter()
        .find(|l| l.starts_with("EXDATE"))
        .expect("EXDATE");
    assert!(
        exdate.starts_with("EXDATE;TZID=Europe/Copenhagen:"),
        "{exdate}"
    );
    for date in ["20261211T083000", "20261225T083000", "20270101T083000"] {
        assert!(exdate.contains(date), "{date} in {exdate}");
    }
    assert_eq!(exdate.matches(',').count(), 2, "three dates: {exdate}");
    // The moved visit is the one override, under its instance's id.
    let o = overrides(&env);
    assert_eq!(o.len(), 1, "{o:#?}");
    let master_id = master["id"].as_str().expect("id");
    assert_eq!(o[0]["id"], format!("{master_id}_20261204T073000Z"));
    assert_eq!(o[0]["recurringEventId"], master_id);
    assert_eq!(time_of(&o[0]["start"]), moved.start);
    assert_eq!(link_of(&s, moved.id), o[0]["id"].as_str().expect("id"));
    // Every live visit links to its instance of the event.
    for b in visits(&s, series.id).iter().filter(|b| b.is_active()) {
        assert!(
            link_of(&s, b.id).starts_with(&format!("{master_id}_")),
            "{b:?}"
        );
    }
    // Google lists the instances: 10 dates, one moved, none cancelled.
    let inst = env.google().instances(CAL, master_id);
    let within: Vec<_> = inst
        .iter()
        .filter(|e| time_of(&e["start"]) < at(0, 0) + chrono::Duration::weeks(12))
        .collect();
    assert_eq!(within.len(), 9, "10 visits, one cancelled");

    // Nothing echoes back.
    quiet(&env.sync().await);
    quiet(&env.sync().await);

    // A cancellation after the sync: one more EXDATE, still one event.
    let v = visits(&s, series.id);
    s.cancel_visit(v[4].id, v[4].version, "syg", Scope::This)
        .expect("cancel");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    let m = masters(&env);
    assert_eq!(m.len(), 1);
    let exdate = lines(&m[0])
        .into_iter()
        .find(|l| l.starts_with("EXDATE"))
        .expect("EXDATE");
    assert_eq!(exdate.matches(',').count(), 3, "{exdate}");
    assert!(singles(&env).is_empty());
    quiet(&env.sync().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_in_google_come_back_as_this_visit_or_the_whole_series() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let v = visits(&s, series.id);
    let master_id = masters(&env)[0]["id"].as_str().expect("id").to_string();

    // One instance moved an hour later in Google: that visit alone.
    let third = link_of(&s, v[3].id);
    let later = v[3].start + chrono::Duration::hours(1);
    env.google()
        .edit(
            CAL,
            &third,
            json!({
                "start": {"dateTime": later.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
                "end": {"dateTime": (later + chrono::Duration::hours(2)).to_rfc3339(), "timeZone": "Europe/Copenhagen"},
            }),
        )
        .expect("edit instance");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.counts.updated, 1, "{r:?}");
    assert_eq!(s.booking(v[3].id).expect("b").start, later);
    assert_eq!(
        s.visit_of(v[3].id)
            .expect("visit")
            .expect("a visit")
            .exception,
        "moved",
        "scope this: an exception"
    );
    for b in [&v[2], &v[4]] {
        assert_eq!(
            s.booking(b.id).expect("b").start,
            b.start,
            "the others stay"
        );
    }
    assert_eq!(s.series(series.id).expect("s").start_time, hm("08:30"));
    quiet(&env.sync().await);

    // The series made 30 minutes longer in Google: every visit that
    // follows it (scope all); the exception keeps its own times.
    let master = masters(&env).remove(0);
    let end = time_of(&master["end"]) + chrono::Duration::minutes(30);
    env.google()
        .edit(
            CAL,
            &master_id,
            json!({"end": {"dateTime": end.to_rfc3339(), "timeZone": "Europe/Copenhagen"}}),
        )
        .expect("edit series");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(s.series(series.id).expect("s").duration_min, 150);
    for b in visits(&s, series.id) {
        let len = (b.end - b.start).num_minutes();
        if b.id == v[3].id {
            assert_eq!((b.start, len), (later, 120), "the exception stays");
        } else {
            assert_eq!(len, 150, "{b:?}");
            assert!(
                s.visit_of(b.id)
                    .expect("v")
                    .expect("v")
                    .exception
                    .is_empty()
            );
        }
    }
    assert_eq!(masters(&env).len(), 1);
    assert!(singles(&env).is_empty());
    quiet(&env.sync().await);

    // A visit deleted in Google: cancelled here.
    let fifth = link_of(&s, v[5].id);
    assert!(env.google().delete(CAL, &fifth));
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(
        s.booking(v[5].id).expect("b").status,
        BookingStatus::Cancelled
    );
    assert_eq!(
        visits(&s, series.id)
            .iter()
            .filter(|b| !b.is_active())
            .count(),
        1
    );

    // UNTIL brought forward in Google: the series ends there.
    let master = masters(&env).remove(0);
    let rrule = lines(&master)[0].clone();
    let mut rec = lines(&master);
    rec[0] = format!("{rrule};UNTIL=20261219T000000Z");
    env.google()
        .edit(CAL, &master_id, json!({"recurrence": rec}))
        .expect("shorten");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(
        s.series(series.id).expect("s").end,
        SeriesEnd::Until(d("2026-12-18"))
    );
    let left: Vec<_> = visits(&s, series.id)
        .into_iter()
        .filter(|b| b.is_active())
        .collect();
    assert!(
        left.iter()
            .all(|b| b.start < at(0, 0) + chrono::Duration::days(26) || b.id == v[3].id),
        "{left:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn this_and_following_ends_the_event_with_until_and_makes_a_new_one() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let v = visits(&s, series.id);
    let split = &v[4];
    let out = s
        .move_visit(
            split.id,
            split.version,
            VisitChange {
                start: Some(hm("10:00")),
                ..VisitChange::default()
            },
            Scope::Following,
            None,
        )
        .expect("split");
    let new_series = out.series_id.expect("new series");
    assert_ne!(new_series, series.id);

    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    let m = masters(&env);
    assert_eq!(m.len(), 2, "{m:#?}");
    let old = m
        .iter()
        .find(|e| series_of(e) == Some(series.id))
        .expect("old");
    let new = m
        .iter()
        .find(|e| series_of(e) == Some(new_series))
        .expect("new");
    // UNTIL strictly before the split visit's original start.
    let until = lines(old)[0].clone();
    let stamp = until.split("UNTIL=").nth(1).expect("UNTIL");
    let until_at = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
        .expect("stamp")
        .and_utc();
    assert!(until_at < split.start, "{until} before {}", split.start);
    assert!(until_at >= v[3].start, "{until} keeps {}", v[3].start);
    assert_eq!(
        time_of(&new["start"]),
        split.start + chrono::Duration::minutes(90)
    );
    assert!(lines(new)[0].starts_with("RRULE:FREQ=WEEKLY"));
    assert!(singles(&env).is_empty());
    // The visits from the split on are instances of the new event.
    let new_id = new["id"].as_str().expect("id");
    for b in visits(&s, new_series).iter().filter(|b| b.is_active()) {
        assert!(
            link_of(&s, b.id).starts_with(&format!("{new_id}_")),
            "{b:?}"
        );
    }
    // The old event lists no instance from the split on.
    let old_id = old["id"].as_str().expect("id");
    assert!(
        env.google()
            .instances(CAL, old_id)
            .iter()
            .filter(|e| e["status"] != "cancelled")
            .all(|e| time_of(&e["start"]) < split.start)
    );
    quiet(&env.sync().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_or_a_kill_during_a_series_push_leaves_one_event() {
    let env = Env::new();
    let mut s = env.store();
    quiet(&env.sync().await);
    weekly(&mut s);
    // The insert of the recurring event is made, its answer lost.
    env.google().set_faults(GoogleFaults {
        drop_after: 1,
        ..GoogleFaults::default()
    });
    let r = env
        .run(SyncOptions {
            direction: Direction::Push,
            ..SyncOptions::default()
        })
        .await;
    env.google().clear_faults();
    assert_eq!(masters(&env).len(), 1, "{r:?}");
    quiet(&env.sync().await);

    // Killed after the insert, before its link was saved: the next run
    // knows nothing of the event but its id, derived from the series.
    let series = weekly_with(&mut s, 2);
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(masters(&env).len(), 2);
    let conn = rusqlite::Connection::open(&env.db).expect("db");
    conn.execute(
        "UPDATE google_series SET etag = NULL, base = NULL WHERE series_id = ?1",
        [series.id],
    )
    .expect("forget");
    s.enqueue(GOOGLE_SERIES, &series.id.to_string(), "")
        .expect("enqueue");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(masters(&env).len(), 2, "one event per series");
    assert!(singles(&env).is_empty());
    quiet(&env.sync().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visits_pushed_as_single_events_are_taken_over_by_their_instances() {
    let env = Env::new();
    let mut s = env.store();
    quiet(&env.sync().await);
    let series = weekly(&mut s);
    let v = visits(&s, series.id);
    // As a database of before: two visits as single events of their own,
    // the series without its recurring event.
    let conn = rusqlite::Connection::open(&env.db).expect("db");
    for b in &v[..2] {
        let ev = env.google().create(
            CAL,
            json!({
                "summary": "Hansen · Fast rengøring (Anna)",
                "start": {"dateTime": b.start.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
                "end": {"dateTime": b.end.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
                "extendedProperties": {"private": {"renos_booking": b.id.to_string()}},
            }),
        );
        conn.execute(
            "INSERT INTO google_events (booking_id, calendar_id, event_id, etag) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![b.id, CAL, ev["id"].as_str().expect("id"), ev["etag"].as_str()],
        )
        .expect("link");
    }
    conn.execute("DELETE FROM outbox", []).expect("outbox");
    assert_eq!(singles(&env).len(), 2);

    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert!(singles(&env).is_empty(), "{:#?}", singles(&env));
    assert_eq!(masters(&env).len(), 1);
    let master_id = masters(&env)[0]["id"].as_str().expect("id").to_string();
    for b in &v[..2] {
        assert!(link_of(&s, b.id).starts_with(&format!("{master_id}_")));
        assert!(s.booking(b.id).expect("b").is_active());
    }
    quiet(&env.sync().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancellation_undone_brings_the_instance_back() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let v = visits(&s, series.id);
    let master_id = masters(&env)[0]["id"].as_str().expect("id").to_string();
    let live = |env: &Env| {
        env.google()
            .instances(CAL, &master_id)
            .into_iter()
            .filter(|e| e["status"] != "cancelled")
            .map(|e| time_of(&e["start"]))
            .collect::<Vec<_>>()
    };
    s.cancel_visit(v[2].id, v[2].version, "syg", Scope::This)
        .expect("cancel");
    env.sync().await;
    assert!(!live(&env).contains(&v[2].start));
    s.undo().expect("undo");
    assert!(s.booking(v[2].id).expect("b").is_active());
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert!(live(&env).contains(&v[2].start), "back in Google");
    assert_eq!(masters(&env).len(), 1);
    assert!(singles(&env).is_empty());
    quiet(&env.sync().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_series_changed_on_both_sides_keeps_both_changes() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let master_id = masters(&env)[0]["id"].as_str().expect("id").to_string();
    // Here: every visit from today at 09:00. There: 30 minutes longer.
    let v = visits(&s, series.id);
    s.move_visit(
        v[0].id,
        v[0].version,
        VisitChange {
            start: Some(hm("09:00")),
            ..VisitChange::default()
        },
        Scope::All,
        None,
    )
    .expect("all");
    let master = masters(&env).remove(0);
    let end = time_of(&master["end"]) + chrono::Duration::minutes(30);
    env.google()
        .edit(
            CAL,
            &master_id,
            json!({"end": {"dateTime": end.to_rfc3339(), "timeZone": "Europe/Copenhagen"}}),
        )
        .expect("edit series");

    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.open_conflicts, 0, "{r:?}");
    let now = s.series(series.id).expect("s");
    assert_eq!((now.start_time, now.duration_min), (hm("09:00"), 150));
    let live: Vec<_> = visits(&s, series.id)
        .into_iter()
        .filter(|b| b.is_active())
        .collect();
    assert_eq!(live.len(), 10, "none cancelled: {live:#?}");
    for b in &live {
        assert_eq!((b.end - b.start).num_minutes(), 150, "{b:?}");
        assert_eq!(
            b.start.with_timezone(&chrono_tz::Europe::Copenhagen).time(),
            hm("09:00")
        );
    }
    let m = masters(&env);
    assert_eq!(m.len(), 1);
    let start = time_of(&m[0]["start"]).with_timezone(&chrono_tz::Europe::Copenhagen);
    assert_eq!(start.time(), hm("09:00"));
    assert_eq!(
        (time_of(&m[0]["end"]) - time_of(&m[0]["start"])).num_minutes(),
        150
    );
    assert!(singles(&env).is_empty());
    quiet(&env.sync().await);
    let live_overrides: Vec<_> = overrides(&env)
        .into_iter()
        .filter(|e| e["status"] != "cancelled")
        .collect();
    assert!(live_overrides.is_empty(), "{live_overrides:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_series_moved_in_google_moves_its_visits_and_cancels_none() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    env.sync().await;
    let master = masters(&env).remove(0);
    let master_id = master["id"].as_str().expect("id").to_string();
    let start = time_of(&master["start"]) + chrono::Duration::minutes(30);
    let end = time_of(&master["end"]) + chrono::Duration::minutes(30);
    env.google()
        .edit(
            CAL,
            &master_id,
            json!({
                "start": {"dateTime": start.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
                "end": {"dateTime": end.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
            }),
        )
        .expect("move series");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(s.series(series.id).expect("s").start_time, hm("09:00"));
    let live: Vec<_> = visits(&s, series.id)
        .into_iter()
        .filter(|b| b.is_active())
        .collect();
    assert_eq!(live.len(), 10, "none cancelled");
    for b in &live {
        assert_eq!(
            b.start.with_timezone(&chrono_tz::Europe::Copenhagen).time(),
            hm("09:00")
        );
        let id = link_of(&s, b.id);
        let ev = env
            .google()
            .instances(CAL, &master_id)
            .into_iter()
            .find(|e| e["id"] == id.as_str())
            .expect("its instance");
        assert_eq!(time_of(&ev["start"]), b.start);
    }
    quiet(&env.sync().await);
    assert_eq!(masters(&env).len(), 1);
    assert!(singles(&env).is_empty());
}
