//! A job passed along while a calendar is out of reach, with changes on
//! both sides between the steps: Anna's (CalDAV) old item changed after the
//! job went on to Bo (Microsoft 365) and then to nobody (Google); a clash
//! settled "keep yours" after the job moved on; a job cancelled here while
//! its old item waits and is changed there.

use std::sync::Arc;

use renos::domain::BookingStatus;
use renos::engine::sync::{Choice, resolve};
use renos::providers::calendar::{ItemWrite, When};

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

/// Someone moves the booking's item in `remote` to `start` (two hours).
async fn move_there(remote: &Remote, booking: i64, start: chrono::DateTime<chrono::Utc>) {
    let it = remote.item(booking).await.expect("there");
    let mut w = ItemWrite::single(
        &booking.to_string(),
        it.content.clone(),
        "Europe/Copenhagen",
    );
    w.properties = it.properties.clone();
    w.content.start = When::At(start);
    w.content.end = When::At(start + chrono::Duration::hours(2));
    remote
        .provider
        .update(&it.id, &it.version, &w)
        .await
        .expect("moved there");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_to_the_first_item_survives_two_more_reassignments() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let mut s = env.store();
    let b = book(&mut s, HANSEN, Some(ANNA), 9);
    sync(&env, &[&anna, &bo]).await;

    // To Bo while his calendar is down; Anna's old item waits.
    edit(&mut s, b.id, |d| d.staff_id = Some(BO));
    sync(&env, &[&anna, &unreachable(&bo)]).await;
    anna.edit_place(b.id, "Der 7, 1. tv.").await;
    // Then to nobody: the shared Google calendar.
    edit(&mut s, b.id, |d| d.staff_id = None);

    for _ in 0..3 {
        let r = sync(&env, &[&anna, &bo]).await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(now.status, BookingStatus::Scheduled);
    assert_eq!(
        (now.staff_id, now.address.as_str()),
        (None, "Der 7, 1. tv.")
    );
    assert_eq!(env.event_of(b.id)["location"], "Der 7, 1. tv.");
    assert_eq!(env.live_events().len(), 1);
    assert!(anna.items().await.is_empty(), "Anna's old item is gone");
    assert!(bo.items().await.is_empty(), "Bo never got one");
    assert_eq!(env.bookings().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeping_yours_after_the_job_moved_on_writes_it_to_the_new_calendar() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let all = [&anna, &bo];
    let mut s = env.store();
    let b = book(&mut s, HANSEN, Some(ANNA), 9);
    sync(&env, &all).await;

    move_there(&anna, b.id, at(9, 30)).await;
    anna.edit_place(b.id, "Gården").await;
    edit(&mut s, b.id, |d| {
        d.start = at(10, 0);
        d.end = at(12, 0);
    });
    let r = sync(&env, &all).await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    edit(&mut s, b.id, |d| d.staff_id = Some(BO));
    sync(&env, &all).await;
    resolve(&mut s, b.id, Choice::Mine).expect("mine");
    for _ in 0..3 {
        let r = sync(&env, &all).await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(
        (now.start, now.staff_id, now.address.as_str()),
        (at(10, 0), Some(BO), "Gården"),
        "yours for the time, the place from there, the cleaner given here"
    );
    let item = bo.item(b.id).await.expect("in Bo's calendar");
    assert_eq!(item.content.start, When::At(at(10, 0)));
    assert_eq!(item.content.location, "Gården");
    assert!(anna.items().await.is_empty());
    assert!(env.live_events().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_cancelled_while_its_old_item_waits_stays_cancelled_unless_chosen() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let mut s = env.store();
    let b = book(&mut s, HANSEN, Some(ANNA), 9);
    sync(&env, &[&anna, &bo]).await;

    edit(&mut s, b.id, |d| d.staff_id = Some(BO));
    sync(&env, &[&anna, &unreachable(&bo)]).await;
    let cur = s.booking(b.id).unwrap();
    s.cancel_booking(b.id, cur.version, "kunden aflyste")
        .expect("cancel");
    anna.edit_place(b.id, "Der 9").await;

    for _ in 0..3 {
        let r = sync(&env, &[&anna, &bo]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let now = s.booking(b.id).unwrap();
        assert_eq!(
            now.status,
            BookingStatus::Cancelled,
            "never revived without the dispatcher"
        );
        for c in s.sync_conflicts().unwrap() {
            resolve(&mut s, c.booking_id, Choice::Mine).expect("mine");
        }
    }
    let r = sync(&env, &[&anna, &bo]).await;
    assert!(r.errors.is_empty() && r.pending == 0, "{r:?}");
    assert_eq!(s.booking(b.id).unwrap().status, BookingStatus::Cancelled);
    assert!(anna.items().await.is_empty(), "{:#?}", anna.items().await);
    assert!(bo.items().await.is_empty());
    assert!(env.live_events().is_empty());
}

/// Anna deletes her item once the job was handed to Bo (his calendar still
/// out of reach): that was a copy going away, not the job.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_old_item_deleted_during_the_hand_over_is_no_cancellation() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let mut s = env.store();
    let b = book(&mut s, HANSEN, Some(ANNA), 9);
    sync(&env, &[&anna, &bo]).await;

    edit(&mut s, b.id, |d| d.staff_id = Some(BO));
    sync(&env, &[&anna, &unreachable(&bo)]).await;
    let it = anna.item(b.id).await.expect("waits");
    anna.provider
        .delete(&it.id, &it.version)
        .await
        .expect("deleted there");
    for _ in 0..3 {
        let r = sync(&env, &[&anna, &bo]).await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(
        (now.status, now.staff_id),
        (BookingStatus::Scheduled, Some(BO))
    );
    assert!(bo.item(b.id).await.is_some());
    assert!(anna.items().await.is_empty());
}

/// Anna deletes her item before the reassignment to Bo was sent: the
/// deletion meets a change here, and the dispatcher decides; keeping
/// "yours" gives Bo the job in his calendar.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_item_deleted_before_the_reassignment_went_out_asks_the_dispatcher() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let all = [&anna, &bo];
    let mut s = env.store();
    let b = book(&mut s, HANSEN, Some(ANNA), 9);
    sync(&env, &all).await;

    let it = anna.item(b.id).await.expect("there");
    anna.provider
        .delete(&it.id, &it.version)
        .await
        .expect("deleted there");
    edit(&mut s, b.id, |d| d.staff_id = Some(BO));
    let r = sync(&env, &all).await;
    assert_eq!(r.open_conflicts, 1, "{r:?}");
    assert_eq!(s.booking(b.id).unwrap().status, BookingStatus::Scheduled);
    resolve(&mut s, b.id, Choice::Mine).expect("mine");
    for _ in 0..2 {
        let r = sync(&env, &all).await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(
        (now.status, now.staff_id),
        (BookingStatus::Scheduled, Some(BO))
    );
    assert!(bo.item(b.id).await.is_some());
    assert!(anna.items().await.is_empty());
}
