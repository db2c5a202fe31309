//! `renos sync --force` (every calendar listed in full again) while a
//! job's old item waits for its removal and changes there, and while
//! changes made here wait to go out against items changed there.

use std::sync::Arc;

use renos::domain::BookingStatus;
use renos::engine::sync::{SyncOptions, SyncReport};

use super::seam::*;
use crate::sync_env::*;

fn unreachable(remote: &Remote) -> Remote {
    Remote {
        reference: remote.reference.clone(),
        provider: Arc::new(caldav_at("http://127.0.0.1:9/down/")),
        _radicale: None,
    }
}

async fn force(env: &Env, remotes: &[&Remote]) -> SyncReport {
    run(
        env,
        remotes,
        SyncOptions {
            force: true,
            ..SyncOptions::default()
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_listing_while_an_old_item_waits_keeps_its_change() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let mut s = env.store();
    let b = book(&mut s, HANSEN, Some(ANNA), 9);
    let other = book(&mut s, 2, Some(ANNA), 13);
    sync(&env, &[&anna, &bo]).await;

    edit(&mut s, b.id, |d| d.staff_id = Some(BO));
    sync(&env, &[&anna, &unreachable(&bo)]).await;
    anna.edit_place(b.id, "Der 3").await;
    // Listed in full twice while Bo is still out, then once with him back.
    force(&env, &[&anna, &unreachable(&bo)]).await;
    force(&env, &[&anna, &unreachable(&bo)]).await;
    let r = force(&env, &[&anna, &bo]).await;
    assert!(r.errors.is_empty(), "{r:?}");
    for _ in 0..2 {
        let r = sync(&env, &[&anna, &bo]).await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(now.status, BookingStatus::Scheduled);
    assert_eq!((now.staff_id, now.address.as_str()), (Some(BO), "Der 3"));
    assert_eq!(bo.item(b.id).await.expect("Bo's").content.location, "Der 3");
    let left: Vec<_> = anna.items().await;
    assert_eq!(left.len(), 1, "only the other job: {left:#?}");
    assert_eq!(
        left[0].booking.as_deref(),
        Some(other.id.to_string().as_str())
    );
    assert!(s.booking(other.id).unwrap().is_active());
    assert_eq!(env.bookings().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_listing_while_changes_wait_to_go_out_keeps_both_sides() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let b = book(&mut s, HANSEN, Some(ANNA), 9);
        sync(&env, &[&anna]).await;
        // Here a note (not sent: the calendar is out of reach), there a
        // place; then everything is listed again.
        edit(&mut s, b.id, |d| d.notes = "Ring på".into());
        let r = sync(&env, &[&unreachable(&anna)]).await;
        assert_eq!(r.pending, 1, "{r:?}");
        anna.edit_place(b.id, "Der 5").await;
        let r = force(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
        let now = s.booking(b.id).unwrap();
        assert_eq!(
            (now.notes.as_str(), now.address.as_str()),
            ("Ring på", "Der 5")
        );
        let item = anna.item(b.id).await.expect("there");
        assert!(item.content.description.contains("Ring på"), "{item:?}");
        assert_eq!(item.content.location, "Der 5");
        assert_eq!(anna.items().await.len(), 1);
    })
    .await;
}
