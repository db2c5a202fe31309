//! A job given to a cleaner on another provider leaves its old item behind
//! until the new one is there. Someone may change that old item meanwhile
//! (the cleaner it was taken from gives it a door code): the change reaches
//! the booking and its new item, or waits for the dispatcher where the
//! console changed the same thing; it is never deleted unseen. Each case
//! keeps the new calendar out of reach while the old item is changed.

use std::sync::Arc;

use renos::domain::BookingStatus;
use renos::engine::sync::{Choice, resolve};
use renos::providers::calendar::When;
use renos::store::{CALENDAR_REMOVAL, Scope, VisitChange};
use serde_json::json;

use super::seam::*;
use crate::sync_env::*;

/// `remote` as a calendar that cannot be reached.
fn unreachable(remote: &Remote) -> Remote {
    Remote {
        reference: remote.reference.clone(),
        provider: Arc::new(caldav_at("http://127.0.0.1:9/down/")),
        _radicale: None,
    }
}

fn removals(env: &Env) -> usize {
    env.store()
        .outbox_items(CALENDAR_REMOVAL)
        .expect("outbox")
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_place_given_to_the_old_item_reaches_the_new_one() {
    // Anna on CalDAV hands the job to Bo on Microsoft 365, and back.
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let b = book(&mut env.store(), HANSEN, Some(ANNA), 9);
    let r = sync(&env, &[&anna, &bo]).await;
    assert!(r.errors.is_empty(), "{r:?}");

    for (from, to, cleaner) in [(&anna, &bo, BO), (&bo, &anna, ANNA)] {
        edit(&mut env.store(), b.id, |d| d.staff_id = Some(cleaner));
        let r = sync(&env, &[from, &unreachable(to)]).await;
        assert!(!r.errors.is_empty(), "{r:?}");
        assert_eq!(removals(&env), 1, "the old item waits for the new one");
        let place = format!("Der {cleaner}2, 2. th.");
        from.edit_place(b.id, &place).await;

        let r = sync(&env, &[from, to]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let r = sync(&env, &[from, to]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let now = env.store().booking(b.id).unwrap();
        assert_eq!(now.address, place, "the change there reached the booking");
        assert_eq!(now.staff_id, Some(cleaner), "and the job stays given away");
        assert_eq!(now.status, BookingStatus::Scheduled);
        let item = to.item(b.id).await.expect("in the new calendar");
        assert_eq!(item.content.location, place, "and its new item");
        assert!(from.item(b.id).await.is_none(), "the old item is gone");
        assert_eq!(removals(&env), 0);
    }
    let r = sync(&env, &[&anna, &bo]).await;
    assert_eq!((r.counts.pushed, r.counts.updated), (0, 0), "{r:?}");
    assert_eq!(env.bookings().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_google_event_changed_after_the_job_left_it_is_merged_first() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    configure(&mut env, &anna, None);
    // Nobody's yet: the shared Google calendar.
    let b = book(&mut env.store(), HANSEN, None, 9);
    sync(&env, &[&anna]).await;
    let event = env.event_of(b.id)["id"].as_str().expect("id").to_string();

    // Given to Anna while her calendar is down; the Google event is given a
    // door code and moved half an hour meanwhile.
    edit(&mut env.store(), b.id, |d| d.staff_id = Some(ANNA));
    let r = sync(&env, &[&unreachable(&anna)]).await;
    assert!(!r.errors.is_empty(), "{r:?}");
    let later = b.start + chrono::Duration::minutes(30);
    let end = b.end + chrono::Duration::minutes(30);
    env.google()
        .edit(
            CAL,
            &event,
            json!({
                "description": "Kode 4711",
                "start": {"dateTime": later.to_rfc3339()},
                "end": {"dateTime": end.to_rfc3339()},
            }),
        )
        .expect("edited in Google");

    for _ in 0..2 {
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let now = env.store().booking(b.id).unwrap();
    assert_eq!(now.notes, "Kode 4711", "{now:?}");
    assert_eq!((now.start, now.end), (later, end), "{now:?}");
    assert_eq!(now.staff_id, Some(ANNA));
    let item = anna.item(b.id).await.expect("in Anna's calendar");
    assert!(item.content.description.contains("Kode 4711"), "{item:?}");
    assert_eq!(item.content.start, When::At(later));
    assert!(env.live_events().is_empty(), "gone from Google");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_sides_changing_the_place_is_the_dispatchers_to_decide() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let b = book(&mut env.store(), HANSEN, Some(ANNA), 9);
    sync(&env, &[&anna, &bo]).await;

    edit(&mut env.store(), b.id, |d| d.staff_id = Some(BO));
    sync(&env, &[&anna, &unreachable(&bo)]).await;
    anna.edit_place(b.id, "Der 42").await;
    edit(&mut env.store(), b.id, |d| d.address = "Havnegade 7".into());

    let r = sync(&env, &[&anna, &bo]).await;
    assert!(r.errors.is_empty(), "{r:?}");
    let conflict = env
        .store()
        .sync_conflict(b.id)
        .unwrap()
        .expect("queued for the dispatcher");
    let theirs = conflict.theirs.clone().expect("the old item's version");
    assert_eq!(theirs.location, "Der 42");
    assert_eq!(
        theirs.staff_id,
        Some(BO),
        "taking theirs keeps the new cleaner"
    );
    assert!(anna.item(b.id).await.is_none(), "the old item is gone");
    assert_eq!(env.store().booking(b.id).unwrap().address, "Havnegade 7");

    // Theirs: the place from the old item, still Bo's job, in Bo's calendar.
    resolve(&mut env.store(), b.id, Choice::Theirs).expect("resolved");
    let r = sync(&env, &[&anna, &bo]).await;
    assert!(r.errors.is_empty(), "{r:?}");
    let now = env.store().booking(b.id).unwrap();
    assert_eq!((now.address.as_str(), now.staff_id), ("Der 42", Some(BO)));
    let item = bo.item(b.id).await.expect("Bo's");
    assert_eq!(item.content.location, "Der 42");
    assert_eq!(env.bookings().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_made_by_hand_keeps_a_change_made_after_it_left() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let hand = super::seam_writes::by_hand();
    let made = anna.provider.create(&hand).await.expect("by hand");
    sync(&env, &[&anna, &bo]).await;
    let b = env.bookings().pop().expect("taken in");

    edit(&mut env.store(), b.id, |d| d.staff_id = Some(BO));
    sync(&env, &[&anna, &unreachable(&bo)]).await;
    // Changed there: a note.
    let it = anna
        .items()
        .await
        .into_iter()
        .find(|i| i.id == made.id)
        .expect("still there");
    let mut w = hand.clone();
    w.content.description = "Nøglen under måtten".into();
    anna.provider
        .update(&it.id, &it.version, &w)
        .await
        .expect("changed there");

    for _ in 0..2 {
        let r = sync(&env, &[&anna, &bo]).await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let now = env.store().booking(b.id).unwrap();
    assert_eq!(now.notes, "Nøglen under måtten", "{now:?}");
    assert_eq!(now.staff_id, Some(BO));
    assert!(anna.items().await.is_empty(), "the old item is gone");
    let item = bo.item(b.id).await.expect("Bo's");
    assert!(item.content.description.contains("Nøglen under måtten"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visit_changed_in_google_after_its_series_moved_keeps_the_change() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    configure(&mut env, &anna, None);
    let mut s = env.store();
    let series = super::seam_writes::weekly(&mut s);
    let r = sync(&env, &[&anna]).await;
    assert!(r.errors.is_empty(), "{r:?}");

    // Every visit to Anna while her calendar is down.
    let visits = s.series_visits(series.id).expect("visits");
    let (first, second) = (visits[0].0.clone(), visits[1].0.clone());
    s.move_visit(
        first.id,
        first.version,
        VisitChange {
            staff: Some(Some(ANNA)),
            ..VisitChange::default()
        },
        Scope::All,
        None,
    )
    .expect("to Anna");
    sync(&env, &[&unreachable(&anna)]).await;

    // The second visit's instance is given a door code in Google meanwhile.
    let instance = env
        .store()
        .outbox_items(CALENDAR_REMOVAL)
        .expect("outbox")
        .into_iter()
        .find_map(|e| {
            let mut parts = e.key.splitn(3, '\t');
            (parts.next() == Some(second.id.to_string().as_str()))
                .then(|| parts.nth(1).map(str::to_string))
                .flatten()
        })
        .expect("the second visit's instance is recorded for removal");
    env.google()
        .edit(CAL, &instance, json!({"description": "Kode 1357"}))
        .expect("edited in Google");

    for _ in 0..3 {
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let now = s.booking(second.id).expect("visit");
    assert_eq!(now.notes, "Kode 1357", "{now:?}");
    assert_eq!(now.staff_id, Some(ANNA));
    let item = anna.item(second.id).await.expect("in Anna's calendar");
    assert!(item.content.description.contains("Kode 1357"), "{item:?}");
    assert!(env.live_events().is_empty(), "{:#?}", env.live_events());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_made_by_hand_is_not_taken_in_again_while_its_old_item_waits() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    configure(&mut env, &anna, None);
    anna.provider
        .create(&super::seam_writes::by_hand())
        .await
        .expect("by hand");
    sync(&env, &[&anna]).await;
    let b = env.bookings().pop().expect("taken in");

    // Given to nobody (the shared Google calendar) while Google is out:
    // its old item waits; Anna's calendar is listed in full meanwhile.
    edit(&mut env.store(), b.id, |d| d.staff_id = None);
    env.sandbox.go_offline();
    sync(&env, &[&anna]).await;
    env.store()
        .reset_calendar_state(&anna.key())
        .expect("cursor");
    sync(&env, &[&anna]).await;
    assert_eq!(env.bookings().len(), 1, "{:#?}", env.bookings());

    env.sandbox.come_online().expect("online");
    for _ in 0..2 {
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let all = env.bookings();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].staff_id, None);
    assert!(anna.items().await.is_empty(), "its old item is gone");
    assert_eq!(env.live_events().len(), 1, "in the shared calendar");
}
