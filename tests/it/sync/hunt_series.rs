//! Series against changes there: a visit given to a cleaner on CalDAV or
//! Microsoft 365 and given back while its item there is being changed; a
//! series ended here while one of its later visits was changed in Google.
//! No visit is cancelled that nobody cancelled, and a change made there
//! reaches the visit or waits for the dispatcher.

use renos::domain::BookingStatus;
use renos::engine::sync::{Choice, resolve};
use renos::store::{Scope, VisitChange};
use serde_json::json;

use super::seam::*;
use super::seam_writes::weekly;
use crate::sync_env::*;

fn give(s: &mut renos::store::Store, id: i64, to: Option<i64>) {
    let b = s.booking(id).expect("visit");
    s.move_visit(
        id,
        b.version,
        VisitChange {
            staff: Some(to),
            ..VisitChange::default()
        },
        Scope::This,
        None,
    )
    .expect("given");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visit_given_away_and_back_keeps_the_change_made_to_its_item() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let series = weekly(&mut s);
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let visits: Vec<i64> = s
            .series_visits(series.id)
            .expect("visits")
            .into_iter()
            .map(|(b, _)| b.id)
            .collect();
        let v = visits[1];

        give(&mut s, v, Some(ANNA));
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        assert!(anna.item(v).await.is_some(), "in Anna's calendar");

        // Anna gives it a door code as the dispatcher gives it back.
        anna.edit_place(v, "Kode 2468").await;
        give(&mut s, v, None);
        for _ in 0..3 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        let now = s.booking(v).unwrap();
        assert_eq!(now.status, BookingStatus::Scheduled);
        assert_eq!((now.staff_id, now.address.as_str()), (None, "Kode 2468"));
        assert!(anna.items().await.is_empty(), "{:#?}", anna.items().await);
        for id in &visits {
            assert!(s.booking(*id).unwrap().is_active(), "visit #{id} lives");
        }
        // In Google: its own instance says the door code.
        let link = s.google_link(v).unwrap().expect("linked");
        let ev = env
            .google()
            .events(CAL)
            .into_iter()
            .chain(
                env.google()
                    .instances(CAL, link.event_id.rsplit_once('_').map_or("", |(m, _)| m)),
            )
            .find(|e| e["id"] == link.event_id.as_str())
            .unwrap_or_else(|| panic!("its event {link:?}"));
        assert_ne!(ev["status"], "cancelled", "{ev}");
        assert_eq!(ev["location"], "Kode 2468", "{ev}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_ended_here_while_a_later_visit_changed_there_asks_first() {
    let env = Env::new();
    let mut s = env.store();
    let series = weekly(&mut s);
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    let visits: Vec<_> = s
        .series_visits(series.id)
        .expect("visits")
        .into_iter()
        .map(|(b, _)| b)
        .collect();
    // The third visit's instance gets a door code in Google.
    let third = visits[2].clone();
    let link = s.google_link(third.id).unwrap().expect("linked");
    env.google()
        .edit(CAL, &link.event_id, json!({"location": "Kode 1111"}))
        .expect("edited in Google");
    // The dispatcher ends the series after the second visit.
    let sr = s.series(series.id).unwrap();
    let after = env.store().tz().local_date(visits[1].start);
    s.end_series(series.id, sr.version, after).expect("ended");

    for _ in 0..3 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    // Either the visit waits for the dispatcher, or it lives on with the
    // change made there; it is not gone without a word.
    let third_now = s.booking(third.id);
    let waiting = s
        .sync_conflicts()
        .unwrap()
        .into_iter()
        .any(|c| c.booking_id == third.id);
    let lives = third_now
        .as_ref()
        .is_ok_and(|b| b.is_active() && b.address == "Kode 1111");
    assert!(
        waiting || lives,
        "the change made there is gone unseen: {third_now:?}; conflicts {:?}",
        s.sync_conflicts().unwrap()
    );
    // Keeping "yours" ends it for good, in Google too.
    for c in s.sync_conflicts().unwrap() {
        resolve(&mut s, c.booking_id, Choice::Mine).expect("mine");
    }
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    for b in &visits[..2] {
        assert!(
            s.booking(b.id).unwrap().is_active(),
            "visit #{} lives",
            b.id
        );
    }
}

/// Anna (CalDAV or Microsoft 365) has every visit; she moves one visit's
/// item to the next day. Then the dispatcher moves the whole series to
/// another time: the visit Anna moved keeps its day (a visit moved on its
/// own stays where it was put, wherever it was moved).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visit_moved_to_another_day_there_keeps_it_when_the_series_moves() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let series = weekly(&mut s);
        give_series(&mut s, series.id, Some(ANNA));
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        let third = s.series_visits(series.id).expect("visits")[2].0.clone();
        let day = chrono::Duration::days(1);
        let it = anna.item(third.id).await.expect("Anna's");
        let mut w = renos::providers::calendar::ItemWrite::single(
            &third.id.to_string(),
            it.content.clone(),
            "Europe/Copenhagen",
        );
        w.properties = it.properties.clone();
        w.content.start = renos::providers::calendar::When::At(third.start + day);
        w.content.end = renos::providers::calendar::When::At(third.end + day);
        anna.provider
            .update(&it.id, &it.version, &w)
            .await
            .expect("moved there");
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(s.booking(third.id).unwrap().start, third.start + day);

        // The whole series to 10:00.
        let first = s.series_visits(series.id).expect("visits")[0].0.clone();
        s.move_visit(
            first.id,
            first.version,
            VisitChange {
                start: Some(chrono::NaiveTime::from_hms_opt(10, 0, 0).expect("time")),
                ..VisitChange::default()
            },
            Scope::All,
            None,
        )
        .expect("the series moves");
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
        }
        let now = s.booking(third.id).unwrap();
        assert!(now.is_active(), "{now:?}");
        let tz = env.store().tz();
        assert_eq!(
            tz.local_date(now.start),
            tz.local_date(third.start + day),
            "the day Anna gave it stays: {now:?}"
        );
        let item = anna.item(third.id).await.expect("Anna's");
        assert_eq!(
            item.content.start,
            renos::providers::calendar::When::At(now.start)
        );
    })
    .await;
}

/// Every visit is Anna's (CalDAV or Microsoft 365); she gives the third
/// visit's item a door code while the dispatcher ends the series after
/// the second. The change there is not deleted unseen: the visit lives on
/// with it, or waits for the dispatcher.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_ended_here_while_a_visit_changed_in_a_cleaners_calendar_asks_first() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let series = weekly(&mut s);
        give_series(&mut s, series.id, Some(ANNA));
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        let visits: Vec<_> = s
            .series_visits(series.id)
            .expect("visits")
            .into_iter()
            .map(|(b, _)| b)
            .collect();
        let third = visits[2].clone();
        anna.edit_place(third.id, "Kode 3333").await;
        let sr = s.series(series.id).unwrap();
        let after = env.store().tz().local_date(visits[1].start);
        s.end_series(series.id, sr.version, after).expect("ended");
        for _ in 0..3 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        let waiting = s
            .sync_conflicts()
            .unwrap()
            .into_iter()
            .any(|c| c.booking_id == third.id);
        let now = s.booking(third.id);
        let lives = now
            .as_ref()
            .is_ok_and(|b| b.is_active() && b.address == "Kode 3333");
        assert!(
            waiting || lives,
            "the change made there is gone unseen: {now:?}; Anna's: {:#?}",
            anna.items().await
        );
        for c in s.sync_conflicts().unwrap() {
            resolve(&mut s, c.booking_id, Choice::Mine).expect("mine");
        }
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        for b in &visits[..2] {
            assert!(
                s.booking(b.id).unwrap().is_active(),
                "visit #{} lives",
                b.id
            );
        }
        assert_eq!(anna.items().await.len(), 2, "{:#?}", anna.items().await);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visit_given_away_and_back_unchanged_is_live_in_google_again() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let series = weekly(&mut s);
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let v = s.series_visits(series.id).expect("visits")[1].0.id;

        // Given to Anna: its instance in the series' event is called off
        // there once her item is made.
        give(&mut s, v, Some(ANNA));
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        assert!(anna.item(v).await.is_some(), "in Anna's calendar");
        // Given back, nothing else changed: it follows its series again.
        give(&mut s, v, None);
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        // Every calendar listed in full: the instance called off by its
        // removal must not read as the visit deleted in Google.
        let r = run(
            &env,
            &[&anna],
            renos::engine::sync::SyncOptions {
                force: true,
                ..Default::default()
            },
        )
        .await;
        assert!(r.errors.is_empty(), "{r:?}");
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let now = s.booking(v).unwrap();
        assert_eq!(now.status, BookingStatus::Scheduled, "{now:?}");
        assert!(anna.items().await.is_empty(), "{:#?}", anna.items().await);
        let link = s.google_link(v).unwrap().expect("linked");
        let master = link.event_id.rsplit_once('_').map_or("", |(m, _)| m);
        let ev = env
            .google()
            .instances(CAL, master)
            .into_iter()
            .find(|e| e["id"] == link.event_id.as_str())
            .unwrap_or_else(|| panic!("its instance {link:?}"));
        assert_ne!(ev["status"], "cancelled", "{ev}");
    })
    .await;
}
