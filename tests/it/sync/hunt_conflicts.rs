//! "Keep theirs" on a clash over the time: the calendar's time is taken,
//! and nothing else the console changed goes with the choice — neither a
//! field changed here beside the clash, nor a change made here while the
//! conflict waited (a note, another cleaner on another provider).

use chrono::Duration;
use renos::engine::sync::{Choice, resolve};
use renos::providers::calendar::When;
use serde_json::json;

use super::seam::*;
use crate::sync_env::*;

/// The booking's Google event moved to `start` (two hours long).
fn move_there(env: &Env, id: i64, start: chrono::DateTime<chrono::Utc>) {
    let ev = env.event_of(id)["id"].as_str().expect("id").to_string();
    env.google().edit(
        CAL,
        &ev,
        json!({
            "start": {"dateTime": start.to_rfc3339()},
            "end": {"dateTime": (start + Duration::hours(2)).to_rfc3339()},
        }),
    );
}

fn move_here(env: &Env, id: i64, start: chrono::DateTime<chrono::Utc>) {
    edit(&mut env.store(), id, |d| {
        d.start = start;
        d.end = start + Duration::hours(2);
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeping_theirs_keeps_a_note_written_here_while_the_clash_waited() {
    let env = Env::new();
    let mut s = env.store();
    let b = book(&mut s, 1, None, 8);
    env.sync().await;
    move_there(&env, b.id, at(8, 30));
    move_here(&env, b.id, at(9, 0));
    let r = env.sync().await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");

    // While it waits: a note here, which the calendar never touched.
    edit(&mut s, b.id, |d| d.notes = "Nøglen hos naboen".into());
    resolve(&mut s, b.id, Choice::Theirs).expect("theirs");
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(now.start, at(8, 30), "the calendar's time was chosen");
    assert_eq!(now.notes, "Nøglen hos naboen", "the note made here stays");
    let ev = env.event_of(b.id);
    assert_eq!(time_of(&ev["start"]), at(8, 30));
    assert_eq!(ev["description"], "Nøglen hos naboen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeping_theirs_keeps_a_note_written_here_beside_the_clash() {
    let env = Env::new();
    let mut s = env.store();
    let b = book(&mut s, 1, None, 8);
    env.sync().await;
    move_there(&env, b.id, at(8, 30));
    edit(&mut s, b.id, |d| {
        d.start = at(9, 0);
        d.end = at(11, 0);
        d.notes = "Nøglen hos naboen".into();
    });
    let r = env.sync().await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    resolve(&mut s, b.id, Choice::Theirs).expect("theirs");
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(now.start, at(8, 30), "the calendar's time was chosen");
    assert_eq!(now.notes, "Nøglen hos naboen", "the note did not clash");
    let ev = env.event_of(b.id);
    assert_eq!(ev["description"], "Nøglen hos naboen");
}

/// Anna's job (CalDAV) clashes over its time; while the clash waits, the
/// dispatcher gives it to Bo (Microsoft 365); then keeps the calendar's
/// time. The job stays Bo's, in Bo's calendar, at that time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeping_theirs_keeps_a_cleaner_given_while_the_clash_waited() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let all = [&anna, &bo];
    let mut s = env.store();
    let b = book(&mut s, HANSEN, Some(ANNA), 9);
    sync(&env, &all).await;

    // There: half an hour later; here: an hour later.
    let it = anna.item(b.id).await.expect("there");
    let mut w = renos::providers::calendar::ItemWrite::single(
        &b.id.to_string(),
        it.content.clone(),
        "Europe/Copenhagen",
    );
    w.properties = it.properties.clone();
    w.content.start = When::At(at(9, 30));
    w.content.end = When::At(at(11, 30));
    anna.provider
        .update(&it.id, &it.version, &w)
        .await
        .expect("moved there");
    move_here(&env, b.id, at(10, 0));
    let r = sync(&env, &all).await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");

    edit(&mut s, b.id, |d| d.staff_id = Some(BO));
    let r = sync(&env, &all).await;
    assert_eq!(r.open_conflicts, 1, "still waiting: {r:?}");
    resolve(&mut s, b.id, Choice::Theirs).expect("theirs");
    for _ in 0..3 {
        let r = sync(&env, &all).await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(now.start, at(9, 30), "the calendar's time was chosen");
    assert_eq!(now.staff_id, Some(BO), "the job given to Bo stays his");
    let item = bo.item(b.id).await.expect("in Bo's calendar");
    assert_eq!(item.content.start, When::At(at(9, 30)));
    assert!(anna.items().await.is_empty());
}

/// The place changed there beside the clash is taken over at once; the
/// dispatcher then changes the place again while the clash waits. Keeping
/// "theirs" for the time must not bring the calendar's place back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeping_theirs_keeps_a_place_changed_here_after_theirs_was_taken() {
    let env = Env::new();
    let mut s = env.store();
    let b = book(&mut s, 1, None, 8);
    env.sync().await;
    let ev = env.event_of(b.id)["id"].as_str().expect("id").to_string();
    env.google().edit(
        CAL,
        &ev,
        json!({
            "start": {"dateTime": at(8, 30).to_rfc3339()},
            "end": {"dateTime": at(10, 30).to_rfc3339()},
            "location": "Der 42",
        }),
    );
    move_here(&env, b.id, at(9, 0));
    let r = env.sync().await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    assert_eq!(s.booking(b.id).unwrap().address, "Der 42", "taken over");

    edit(&mut s, b.id, |d| d.address = "Havnegade 7".into());
    resolve(&mut s, b.id, Choice::Theirs).expect("theirs");
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(
        (now.start, now.address.as_str()),
        (at(8, 30), "Havnegade 7")
    );
    assert_eq!(env.event_of(b.id)["location"], "Havnegade 7");
}
