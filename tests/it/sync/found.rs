//! Sequences the sync's state machine test (`sync_props`) found, replayed
//! with their order pinned, so each stays fixed whatever the random seed.

use super::sync_env::*;
use crate::sync_props::{Op, run};
use renos::engine::sync::SyncOptions;
use serde_json::json;

/// A recurring event made by hand in Google, taken in by a forced partial
/// listing; a note edited here and undone; then a place typed into the
/// recurring event in Google. The place reaches every visit, and Google
/// keeps it: it is never wiped by the series written back from here.
#[test]
fn a_place_typed_into_a_series_after_a_partial_listing_stays_in_google() {
    run(vec![
        Op::SeriesThere(11),
        Op::Partial(105),
        Op::EditHere(102),
        Op::Undo,
        Op::EditThere(184),
    ])
    .expect("both sides equal");
}

/// A recurring event made by hand, taken in by a partial listing, then
/// deleted in Google while the dispatcher cancels one of its visits (and
/// undoes that): the visit brought back is not written to an instance
/// Google no longer has.
#[test]
fn a_visit_brought_back_after_its_series_was_deleted_there() {
    run(vec![
        Op::SeriesThere(0),
        Op::Partial(0),
        Op::DeleteThere(0),
        Op::CancelHere(0),
        Op::Partial(0),
        Op::Undo,
    ])
    .expect("both sides equal");
}

/// The same case by hand: a visit edited and undone (an exception that
/// says what its series says), then the place of the recurring event
/// changed in Google. The visit's write is refused as stale, Google's
/// place is merged into the visit, and what is written next is the visit
/// after the merge: Google's instance keeps the place.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visit_written_after_a_stale_answer_keeps_googles_change() {
    let env = Env::new();
    let mut s = env.store();
    let g = env.google();
    let master = g.create_recurring(
        CAL,
        hand_made("Serie 1", at(7, 30), 1),
        &["RRULE:FREQ=WEEKLY;INTERVAL=2"],
    );
    let master = master["id"].as_str().expect("id").to_string();
    // A forced listing of 4 events: the first visits are seen, the rest not.
    env.run(SyncOptions {
        force: true,
        max_events: Some(4),
        ..SyncOptions::default()
    })
    .await;
    let first = env.bookings()[0].id;
    edit(&mut s, first, |d| d.notes = "her 3".into());
    s.undo().expect("undo");
    g.edit(CAL, &master, json!({"location": "der 5"}));

    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    for b in env.bookings() {
        assert_eq!(b.address, "der 5", "#{}", b.id);
    }
    let link = s.google_link(first).expect("link").expect("linked");
    let instance = g
        .instances(CAL, &master)
        .into_iter()
        .find(|e| e["id"] == link.event_id.as_str())
        .expect("instance");
    assert_eq!(instance["location"], "der 5", "{instance}");
}
