//! Recurring events made by hand in Google Calendar become series: the
//! customer found as for single events (or made, and waiting for review),
//! an EXDATE a skipped day, an RDATE an added visit, a changed instance a
//! changed visit, an instance without a cleaner the series' cleaner's; a
//! rule a series cannot hold stays single bookings with a warning. Every
//! instance of the window is one visit, once, whatever the runs.

use renos::engine::sync::SyncOptions;
use serde_json::{Value, json};

use super::sync_env::*;

fn active(env: &Env) -> Vec<renos::domain::Booking> {
    env.bookings()
        .into_iter()
        .filter(|b| b.is_active())
        .collect()
}

/// Each live instance of `series` up to the instance window is exactly one
/// active booking, a visit of one series, at the instance's times.
fn one_visit_per_instance(env: &Env, series: &str) {
    let s = env.store();
    let until = now() + chrono::Duration::weeks(12);
    let live: Vec<Value> = env
        .google()
        .instances(CAL, series)
        .into_iter()
        .filter(|i| i["status"] != "cancelled" && time_of(&i["start"]) < until)
        .collect();
    let links = s.google_links(CAL).expect("links");
    let mut seen = std::collections::HashSet::new();
    for i in &live {
        let id = i["id"].as_str().expect("id");
        let l: Vec<_> = links.iter().filter(|l| l.event_id == id).collect();
        assert_eq!(l.len(), 1, "instance {id} is one booking: {l:?}");
        let b = s.booking(l[0].booking_id).expect("booking");
        assert!(b.is_active(), "{b:?}");
        assert_eq!(b.start, time_of(&i["start"]), "{id}");
        assert_eq!(b.end, time_of(&i["end"]), "{id}");
        assert!(s.visit_of(b.id).expect("visit").is_some(), "a visit: {b:?}");
        assert!(seen.insert(b.id));
    }
    let series_links = links
        .iter()
        .filter(|l| l.event_id.starts_with(&format!("{series}_")) && !l.gone)
        .filter(|l| s.booking(l.booking_id).is_ok_and(|b| b.is_active()))
        .count();
    assert_eq!(
        series_links,
        live.len(),
        "no active visit without its instance"
    );
}

/// An unknown customer's fortnightly cleaning with a skipped date and an
/// extra date: one series, its visits waiting for review, nothing written
/// back; partial runs (`--max-events 1`) and a forced full listing make
/// nothing twice, and the event is read once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_made_series_of_an_unknown_customer_is_one_series_in_review() {
    let env = Env::new();
    let g = env.google();
    let start = at(9, 0);
    let mut ev = hand_made("Fru Petersen, Skolevej 4", start, 3);
    ev["location"] = json!("Skolevej 4, 8000 Aarhus");
    // Every other Monday; 7/12 skipped; Wednesday 2/12 added.
    let master = g.create_recurring(
        CAL,
        ev,
        &[
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
            "EXDATE;TZID=Europe/Copenhagen:20261207T100000",
            "RDATE;TZID=Europe/Copenhagen:20261202T100000",
        ],
    );
    let series = master["id"].as_str().expect("id").to_string();
    let before = g.stats();

    // A listing spread over runs of one event each.
    let mut runs = 0;
    let mut taken = 0;
    for _ in 0..40 {
        runs += 1;
        let r = env
            .run(SyncOptions {
                max_events: Some(1),
                ..SyncOptions::default()
            })
            .await;
        assert!(r.errors.is_empty(), "{r:?}");
        taken += r.series_taken;
        if !r.more {
            break;
        }
    }
    let s = env.store();
    let all = s.series_list().expect("series");
    assert_eq!(all.len(), 1, "{all:#?}");
    let made = &all[0];
    assert_eq!(made.pauses.len(), 1, "the EXDATE: {made:?}");
    assert_eq!(made.duration_min, 180);
    let customer = s.customer(made.customer_id).expect("customer");
    assert!(customer.name.contains("Petersen"), "{customer:?}");
    let visits = s.series_visits(made.id).expect("visits");
    assert!(
        visits
            .iter()
            .all(|(b, _)| b.review == renos::engine::sync::REVIEW_NEW_CUSTOMER),
        "{visits:#?}"
    );
    let added: Vec<_> = visits
        .iter()
        .filter(|(_, v)| v.exception == "added")
        .collect();
    assert_eq!(added.len(), 1, "the RDATE: {visits:#?}");
    one_visit_per_instance(&env, &series);
    // Taken in once, the event read at most once a run, never written.
    assert_eq!(taken, 1);
    let after = g.stats();
    assert!(after.get - before.get <= runs, "{runs} runs: {after:?}");
    assert_eq!(
        (after.patch, after.insert, after.update, after.delete),
        (before.patch, before.insert, before.update, before.delete)
    );
    // A full listing again, then an incremental one: nothing new.
    for force in [true, false] {
        let r = env
            .run(SyncOptions {
                force,
                ..SyncOptions::default()
            })
            .await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(
            (r.counts.created, r.counts.updated, r.counts.deleted),
            (0, 0, 0),
            "{r:?}"
        );
        assert_eq!((r.series_taken, r.counts.pushed), (0, 0), "{r:?}");
    }
    assert_eq!(s.series_list().expect("series").len(), 1);
    one_visit_per_instance(&env, &series);
}

/// An instance changed in Google: moved, and without the cleaner the
/// series names (its attendee removed): the visit moves (scope "this") and
/// keeps the series' cleaner; a change of the event itself moves every
/// visit that follows it (scope "all"). Nothing is doubled or lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instance_and_event_changes_of_a_hand_made_series_come_back_in_scope() {
    let env = Env::new();
    let g = env.google();
    let mut ev = hand_made("Hansen - fast rengøring", at(8, 0), 2);
    ev["location"] = json!("Vestergade 1, 8000 Aarhus");
    ev["attendees"] = json!([{"email": "anna@renos.test", "displayName": "Anna"}]);
    let master = g.create_recurring(CAL, ev, &["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6"]);
    let series = master["id"].as_str().expect("id").to_string();
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    let s = env.store();
    let made = s.series_list().expect("series").remove(0);
    assert_eq!(made.staff_id, Some(1), "Anna's: {made:?}");
    assert_eq!(made.customer_id, 1, "Hansen's");
    assert!(
        active(&env).iter().all(|b| b.review.is_empty()),
        "a known customer"
    );
    one_visit_per_instance(&env, &series);

    // The second instance an hour later, its attendee removed.
    let second = g.instances(CAL, &series)[1].clone();
    let id = second["id"].as_str().expect("id").to_string();
    let later = time_of(&second["start"]) + chrono::Duration::hours(1);
    g.edit(
        CAL,
        &id,
        json!({
            "start": {"dateTime": later.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": (later + chrono::Duration::hours(2)).to_rfc3339(), "timeZone": "Europe/Copenhagen"},
            "attendees": [],
        }),
    )
    .expect("moved instance");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.counts.updated, 1, "{r:?}");
    let link = s
        .google_links(CAL)
        .expect("links")
        .into_iter()
        .find(|l| l.event_id == id)
        .expect("linked");
    let moved = s.booking(link.booking_id).expect("b");
    assert_eq!(moved.start, later);
    assert_eq!(moved.staff_id, Some(1), "the series' cleaner: {moved:?}");
    let v = s.visit_of(moved.id).expect("v").expect("visit");
    assert_eq!(v.exception, "moved");
    one_visit_per_instance(&env, &series);

    // The event itself 30 minutes later: the other visits follow.
    let start = time_of(&master["start"]) + chrono::Duration::minutes(30);
    g.edit(
        CAL,
        &series,
        json!({
            "start": {"dateTime": start.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": (start + chrono::Duration::hours(2)).to_rfc3339(), "timeZone": "Europe/Copenhagen"},
        }),
    )
    .expect("moved event");
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.counts.deleted, 0, "{r:?}");
    let now = s.series(made.id).expect("s");
    assert_eq!(
        now.start_time,
        chrono::NaiveTime::from_hms_opt(9, 30, 0).expect("t")
    );
    let after = s.booking(moved.id).expect("b");
    assert_eq!(after.start, later, "the exception keeps its time");
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!((r.counts.created, r.counts.deleted), (0, 0), "{r:?}");
    }
    assert_eq!(active(&env).len(), 6, "{:#?}", active(&env));
    one_visit_per_instance(&env, &series);
}

/// A weekly all-day event: a series cannot hold it (no start time), so its
/// instances stay single bookings waiting for their times, as before, and
/// the run says why; later runs make nothing twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rule_a_series_cannot_hold_stays_single_bookings_with_a_warning() {
    let env = Env::new();
    let g = env.google();
    g.create_recurring(
        CAL,
        json!({
            "summary": "Hansen hovedrengøring",
            "start": {"date": "2026-11-23"},
            "end": {"date": "2026-11-24"},
        }),
        &["RRULE:FREQ=WEEKLY;COUNT=3"],
    );
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.series_taken, 0, "{r:?}");
    assert_eq!(r.loose_series.len(), 1, "{r:?}");
    assert!(r.loose_series[0].summary.contains("Hansen"), "{r:?}");
    assert_eq!(r.counts.created, 3, "{r:?}");
    let s = env.store();
    assert!(s.series_list().expect("series").is_empty());
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.counts.created, 0, "{r:?}");
        assert!(r.loose_series.is_empty(), "said once: {r:?}");
    }
    assert_eq!(active(&env).len(), 3);
}

/// A visit of a hand-made series edited here, not yet sent, while the
/// event is deleted in Google: a conflict, never a silent cancellation;
/// keep mine brings the event back with the edit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_visit_of_a_series_deleted_there_waits_for_the_dispatcher() {
    let env = Env::new();
    let g = env.google();
    let master = g.create_recurring(
        CAL,
        hand_made("Hansen - fast rengøring", at(8, 0), 2),
        &["RRULE:FREQ=WEEKLY;COUNT=4"],
    );
    let series = master["id"].as_str().expect("id").to_string();
    env.sync().await;
    let mut s = env.store();
    let visit = active(&env).remove(1);
    edit(&mut s, visit.id, |d| d.notes = "Nøgle under måtten".into());
    assert!(g.delete(CAL, &series));
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.open_conflicts, 1, "{r:?}");
        assert_eq!(r.counts.deleted, 0, "{r:?}");
    }
    assert_eq!(active(&env).len(), 4);
    let c = s.sync_conflicts().expect("conflicts").remove(0);
    assert_eq!(c.booking_id, visit.id, "held on the edited visit");
    renos::engine::sync::resolve(&mut s, c.booking_id, renos::engine::sync::Choice::Mine)
        .expect("mine");
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!((r.open_conflicts, r.counts.deleted), (0, 0), "{r:?}");
    }
    assert_eq!(active(&env).len(), 4);
    assert_eq!(s.booking(visit.id).expect("b").notes, "Nøgle under måtten");
    one_visit_per_instance(&env, &series);
}
