//! The ways the sync lost bookings or edits when tried from outside, each
//! replayed against the Google sandbox over real HTTP: a full listing spread
//! over several runs with a write in between, an undone cancellation, and a
//! change in the calendar held back (then dropped as "yours") by a clash
//! over another field.

use super::sync_env::*;
use renos::domain::BookingStatus;
use renos::engine::sync::{Choice, Direction, SyncOptions, resolve};
use serde_json::json;

fn active(env: &Env, id: i64) -> bool {
    env.store().booking(id).expect("booking").status != BookingStatus::Cancelled
}

/// `renos sync --force --max-events 50`, a booking made here, then
/// `renos sync --max-events 50` until the listing ends: the new booking was
/// pushed while the listing was open, so the listing never saw its event,
/// and the end of the listing took it for deleted in Google Calendar.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_listing_spread_over_runs_keeps_what_was_written_meanwhile() {
    let env = Env::new();
    let mut s = env.store();
    let mut ids = Vec::new();
    for i in 0..120i64 {
        let mut b = book(&mut s, 1 + i % 3, None, 6);
        b = edit(&mut s, b.id, |d| {
            d.start = at(6, 0) + chrono::Duration::days(i);
            d.end = at(7, 0) + chrono::Duration::days(i);
        });
        ids.push(b.id);
    }
    let r = env.sync().await;
    assert!(r.errors.is_empty() && r.pending == 0, "{r:?}");

    let mut syncer = env.syncer().await;
    let force = SyncOptions {
        force: true,
        max_events: Some(50),
        ..SyncOptions::default()
    };
    let r = syncer.run(force, &mut ()).await.expect("force");
    assert!(r.more, "{r:?}");
    // Made here while the listing is open (as `import --create-bookings` does).
    let late = book(&mut s, 2, Some(1), 9);
    let opts = SyncOptions {
        max_events: Some(50),
        ..SyncOptions::default()
    };
    let mut runs = 0;
    loop {
        let r = syncer.run(opts, &mut ()).await.expect("run");
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.counts.deleted, 0, "nothing was deleted anywhere: {r:?}");
        runs += 1;
        if !r.more || runs > 10 {
            break;
        }
    }
    assert!(active(&env, late.id), "the booking made meanwhile lives");
    for id in &ids {
        assert!(active(&env, *id), "booking {id} lives");
    }
    let ev = env.event_of(late.id);
    assert_ne!(ev["status"], "cancelled", "{ev}");
    // A second full listing, undisturbed, agrees.
    let r = env.sync().await;
    assert_eq!(r.counts.deleted, 0, "{r:?}");
    assert_eq!(env.live_events().len(), ids.len() + 1);
}

/// The same through a pull-only listing and a push made by another process
/// while the listing waits between runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_by_another_process_during_a_listing_is_not_a_deletion() {
    let env = Env::new();
    let mut s = env.store();
    for i in 0..30i64 {
        let b = book(&mut s, 1, None, 6);
        edit(&mut s, b.id, |d| {
            d.start = at(6, 0) + chrono::Duration::days(i);
            d.end = at(7, 0) + chrono::Duration::days(i);
        });
    }
    env.sync().await;
    let mut lister = env.syncer().await;
    let pull = SyncOptions {
        direction: Direction::Pull,
        force: true,
        max_events: Some(10),
    };
    let r = lister.run(pull, &mut ()).await.expect("pull");
    assert!(r.more);
    let late = book(&mut s, 3, None, 15);
    let r = env
        .run(SyncOptions {
            direction: Direction::Push,
            ..SyncOptions::default()
        })
        .await;
    assert_eq!(r.counts.pushed, 1, "{r:?}");
    let pull = SyncOptions {
        force: false,
        ..pull
    };
    for _ in 0..10 {
        let r = lister.run(pull, &mut ()).await.expect("pull");
        assert_eq!(r.counts.deleted, 0, "{r:?}");
        if !r.more {
            break;
        }
    }
    assert!(active(&env, late.id));
    assert_ne!(env.event_of(late.id)["status"], "cancelled");
}

/// `d` on a booking, the sync deletes its event, `u` undoes the
/// cancellation: the booking must get an event again (a fresh id), and the
/// next syncs must never cancel it again from the dead event.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_undone_cancellation_gets_a_new_event_and_stays() {
    let env = Env::new();
    let mut s = env.store();
    let b = book(&mut s, 1, Some(1), 8);
    env.sync().await;
    let first = env.event_of(b.id)["id"].as_str().expect("id").to_string();

    let cur = s.booking(b.id).expect("b");
    s.cancel_booking(b.id, cur.version, "kunden aflyser")
        .expect("cancel");
    let r = env.sync().await;
    assert_eq!(r.counts.pushed, 1, "{r:?}");
    assert_eq!(env.event_of(b.id)["status"], "cancelled");

    let undone = s.undo().expect("undo");
    assert_eq!(undone.revert, renos::store::Revert::Undo, "{undone:?}");
    assert!(active(&env, b.id));

    for round in 0..3 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.counts.deleted, 0, "round {round}: {r:?}");
        assert!(active(&env, b.id), "round {round}");
    }
    let ev = env.event_of(b.id);
    assert_ne!(ev["id"], first.as_str(), "a fresh event, not the dead one");
    assert_eq!(ev["status"], "confirmed", "{ev}");
    assert_eq!(env.live_events().len(), 1);
    // The dead event stays dead.
    let dead = env
        .google()
        .events(CAL)
        .into_iter()
        .find(|e| e["id"] == first.as_str())
        .expect("old");
    assert_eq!(dead["status"], "cancelled");
}

/// The same when the pull sees the cancelled event only after the undo:
/// the cancellation came back from Google before the new event went out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_undone_cancellation_survives_a_pull_of_its_dead_event() {
    let env = Env::new();
    let mut s = env.store();
    let b = book(&mut s, 1, None, 8);
    env.sync().await;
    let cur = s.booking(b.id).expect("b");
    s.cancel_booking(b.id, cur.version, "aflyst")
        .expect("cancel");
    // Deleted by a push-only run: the pull has not seen the deletion yet.
    env.run(SyncOptions {
        direction: Direction::Push,
        ..SyncOptions::default()
    })
    .await;
    s.undo().expect("undo");
    let r = env
        .run(SyncOptions {
            direction: Direction::Pull,
            ..SyncOptions::default()
        })
        .await;
    assert_eq!(r.counts.deleted, 0, "{r:?}");
    assert!(active(&env, b.id));
    let r = env.sync().await;
    assert_eq!(r.counts.deleted, 0, "{r:?}");
    assert!(active(&env, b.id));
    assert_eq!(env.live_events().len(), 1);
}

/// The time changed on both sides and the place only in Google: the clash
/// over the time waits for the dispatcher, the place is taken over at once,
/// and keeping "yours" keeps it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clash_over_one_field_never_drops_a_change_of_another() {
    let env = Env::new();
    let mut s = env.store();
    let b = book(&mut s, 1, None, 8);
    env.sync().await;
    let ev = env.event_of(b.id)["id"].as_str().expect("id").to_string();
    let theirs = at(8, 30);
    env.google().edit(
        CAL,
        &ev,
        json!({
            "start": {"dateTime": theirs.to_rfc3339()},
            "end": {"dateTime": (theirs + chrono::Duration::hours(2)).to_rfc3339()},
            "location": "Der 42, 2. th.",
        }),
    );
    edit(&mut s, b.id, |d| {
        d.start = at(9, 0);
        d.end = at(11, 0);
    });

    let r = env.sync().await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    let now = s.booking(b.id).expect("booking");
    assert_eq!(now.address, "Der 42, 2. th.", "the place is not in doubt");
    assert_eq!(now.start, at(9, 0), "the time waits for the dispatcher");

    // The place changed there again while the time still waits: not a
    // clash either (the place taken over is agreed, not a change here).
    env.google()
        .edit(CAL, &ev, json!({"location": "Der 43"}))
        .expect("edited again");
    let r = env.sync().await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    let now = s.booking(b.id).expect("booking");
    assert_eq!(now.address, "Der 43", "the second place is taken over too");

    resolve(&mut s, b.id, Choice::Mine).expect("mine");
    let r = env.sync().await;
    assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    let now = s.booking(b.id).expect("booking");
    assert_eq!((now.start, now.address.as_str()), (at(9, 0), "Der 43"));
    let ev = env.event_of(b.id);
    assert_eq!(time_of(&ev["start"]), at(9, 0));
    assert_eq!(ev["location"], "Der 43");
    let r = env.sync().await;
    assert_eq!(
        r.open_conflicts + r.counts.pushed + r.counts.updated,
        0,
        "{r:?}"
    );
}
