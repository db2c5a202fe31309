//! An event moved between calendars in Google (`events.move`, which leaves
//! a cancelled copy behind) while the dispatcher cancels its booking: the
//! cancelled copy is not the end of the event, so the cancellation reaches
//! the moved event and no second booking is made from it.

use super::sync_env::*;
use renos::engine::sync::{Choice, Direction, SyncOptions, resolve};
use renos::sandbox::CalendarRole;
use serde_json::Value;

/// Bo's own calendar (cleaner 2).
const BO: &str = "bo@renos.test";

/// A hand-made event's id, fixed so that the shared calendar lists it
/// before the events this database makes (their ids start with "renos").
const MOVED: &str = "c0ffee0000000000000000000a";

fn env_with_bo() -> Env {
    let mut env = Env::new();
    env.settings
        .google
        .staff_calendars
        .push(("Bo".into(), BO.into()));
    env.google().add_calendar(BO, CalendarRole::Owner);
    env
}

/// `renos sync --max-events 6`: one partial run.
fn partial() -> SyncOptions {
    SyncOptions {
        max_events: Some(6),
        ..SyncOptions::default()
    }
}

/// Live events of both calendars, as (calendar, id).
fn live(env: &Env) -> Vec<(String, String)> {
    let g = env.google();
    [CAL, BO]
        .iter()
        .flat_map(|c| g.events(c).into_iter().map(move |e| (c.to_string(), e)))
        .filter(|(_, e)| e["status"] != "cancelled")
        .map(|(c, e)| (c, e["id"].as_str().unwrap_or_default().to_string()))
        .collect()
}

/// A hand-made event in the shared calendar, taken in as booking 1.
async fn hand_made_booking(env: &Env) -> i64 {
    let mut ev = hand_made("Hånd 1", at(11, 0), 1);
    ev["id"] = Value::from(MOVED);
    env.google().create(CAL, ev);
    env.run(partial()).await;
    let bookings = env.bookings();
    assert_eq!(bookings.len(), 1, "{bookings:?}");
    bookings[0].id
}

/// The dispatcher cancels a booking whose event someone has just moved to
/// Bo's calendar: the sync sees the cancelled copy in the shared calendar
/// first. The moved event goes, and it never comes back as a new booking.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancellation_reaches_an_event_moved_meanwhile() {
    let env = env_with_bo();
    let mut s = env.store();
    let id = hand_made_booking(&env).await;
    env.google().move_event(CAL, MOVED, BO);
    let b = s.booking(id).expect("booking");
    s.cancel_booking(id, b.version, "aflyst").expect("cancel");

    let r = env.run(partial()).await;
    assert!(r.errors.is_empty(), "{r:?}");
    // Moved to Bo's calendar is given to Bo there: against the
    // cancellation here, the dispatcher decides; they keep theirs.
    let conflicts = s.sync_conflicts().expect("conflicts");
    assert_eq!(
        conflicts.iter().map(|c| c.booking_id).collect::<Vec<_>>(),
        vec![id]
    );
    assert_eq!(conflicts[0].calendar_id, BO);
    resolve(&mut s, id, Choice::Mine).expect("resolve");
    let r = env.sync().await;
    assert!(r.errors.is_empty() && r.pending == 0, "{r:?}");

    let bookings = env.bookings();
    assert_eq!(bookings.len(), 1, "no second booking: {bookings:?}");
    assert!(!bookings[0].is_active(), "{bookings:?}");
    assert_eq!(live(&env), Vec::<(String, String)>::new());
}

/// The sequence the sync's state machine test found, replayed with its
/// order pinned: the moved event of a cancelled booking taken in as a new
/// booking, moved back, and at the end the cancelled booking's event alive
/// in Google while the new booking was cancelled as deleted there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moved_event_of_a_cancelled_booking_moved_back_and_forth() {
    let env = env_with_bo();
    let mut s = env.store();
    let g = env.google();
    let first = hand_made_booking(&env).await;
    g.move_event(CAL, MOVED, BO);
    let b = s.booking(first).expect("booking");
    s.cancel_booking(first, b.version, "aflyst")
        .expect("cancel");
    let second = book(&mut s, 2, None, 7);
    edit(&mut s, second.id, |d| d.notes = "her 6".into());
    env.run(partial()).await;
    // Both events change calendars once more: the hand-made one back to
    // the shared calendar (if it still lives), the new booking's to Bo's.
    g.move_event(BO, MOVED, CAL);
    let link = s.google_link(second.id).expect("link").expect("linked");
    g.move_event(&link.calendar_id, &link.event_id, BO);

    for _ in 0..5 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        for c in s.sync_conflicts().expect("conflicts") {
            resolve(&mut s, c.booking_id, Choice::Mine).expect("resolve");
        }
    }
    let r = env.sync().await;
    assert!(
        r.errors.is_empty() && r.pending == 0 && r.open_conflicts == 0,
        "{r:?}"
    );

    let bookings = env.bookings();
    let active: Vec<i64> = bookings
        .iter()
        .filter(|b| b.is_active())
        .map(|b| b.id)
        .collect();
    assert_eq!(active, vec![second.id], "{bookings:?}");
    let link = s.google_link(second.id).expect("link").expect("linked");
    assert_eq!(live(&env), vec![(link.calendar_id, link.event_id)]);
    assert_eq!(bookings.len(), 2, "no booking made twice: {bookings:?}");
}

/// The same, with the deletion sent before any listing sees the move
/// (`renos sync --direction push`) and after Google forgot the cancelled
/// copy the move left behind: the delete answers 404, which is not the end
/// of the moved event either.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deletion_sent_where_a_moved_event_was_follows_the_event() {
    let env = env_with_bo();
    let mut s = env.store();
    let id = hand_made_booking(&env).await;
    env.google().move_event(CAL, MOVED, BO);
    env.google().purge_cancelled();
    let b = s.booking(id).expect("booking");
    s.cancel_booking(id, b.version, "aflyst").expect("cancel");

    let r = env
        .run(SyncOptions {
            direction: Direction::Push,
            ..SyncOptions::default()
        })
        .await;
    assert!(r.errors.is_empty(), "{r:?}");
    for _ in 0..3 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        for c in s.sync_conflicts().expect("conflicts") {
            resolve(&mut s, c.booking_id, Choice::Mine).expect("resolve");
        }
    }
    let r = env.sync().await;
    assert!(
        r.errors.is_empty() && r.pending == 0 && r.open_conflicts == 0,
        "{r:?}"
    );

    let bookings = env.bookings();
    assert_eq!(live(&env), Vec::<(String, String)>::new());
    assert_eq!(bookings.len(), 1, "no second booking: {bookings:?}");
    assert!(!bookings[0].is_active(), "{bookings:?}");
}
