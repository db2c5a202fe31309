//! A seeded walk over four jobs passed between Anna (CalDAV), Bo
//! (Microsoft 365, now and then out of reach) and nobody (the shared Google
//! calendar), with notes and times changed here and places changed there
//! on each job's current item, and sync runs in between. The places and
//! the notes never clash (one side each), so at the end, with every
//! conflict kept "yours": every job lives, in its calendar only, once,
//! saying what the booking says — and the booking holds the last place
//! written there, unless its job ever waited in the conflict queue.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use renos::domain::BookingStatus;
use renos::engine::sync::{Choice, resolve};
use renos::providers::calendar::{ItemStatus, When};
use serde_json::json;

use super::seam::*;
use crate::sync_env::*;

fn unreachable(remote: &Remote) -> Remote {
    Remote {
        reference: remote.reference.clone(),
        provider: Arc::new(caldav_at("http://127.0.0.1:9/down/")),
        _radicale: None,
    }
}

/// The live items of booking `id` in each calendar: (Google, Anna, Bo).
async fn held(env: &Env, anna: &Remote, bo: &Remote, id: i64) -> (usize, usize, usize) {
    let key = id.to_string();
    let google = env
        .live_events()
        .iter()
        .filter(|e| e["extendedProperties"]["private"]["renos_booking"] == key.as_str())
        .count();
    let count = |items: Vec<renos::providers::calendar::RemoteItem>| {
        items
            .iter()
            .filter(|i| {
                i.booking.as_deref() == Some(key.as_str())
                    && i.content.status != ItemStatus::Cancelled
            })
            .count()
    };
    (google, count(anna.items().await), count(bo.items().await))
}

async fn walk(seed: u64) {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let who = [None, Some(ANNA), Some(BO)];
    let mut s = env.store();
    let ids: Vec<i64> = (0..4)
        .map(|i| book(&mut s, HANSEN, who[i % 3], 7 + 3 * i as u32).id)
        .collect();
    let mut rng = crate::common::Lcg(seed);
    let cut = std::env::var("HUNT_CUT").is_ok_and(|v| v == "1");
    let mut bo_down = false;
    let mut placed: BTreeMap<i64, String> = BTreeMap::new();
    let mut conflicted = BTreeSet::new();
    let mut log = Vec::new();
    for step in 0..40 {
        let n = rng.next(4) as usize;
        let id = ids[n];
        match rng.next(7) {
            0 | 1 => {
                let to = who[rng.next(3) as usize];
                log.push(format!("{step}: #{id} to {to:?}"));
                edit(&mut s, id, |d| d.staff_id = to);
            }
            2 => {
                log.push(format!("{step}: #{id} notes here"));
                edit(&mut s, id, |d| d.notes = format!("her {step}"));
            }
            3 => {
                let h = 7 + 3 * n as u32 + rng.next(2) as u32;
                log.push(format!("{step}: #{id} to {h}:00 here"));
                edit(&mut s, id, |d| {
                    d.start = day(h);
                    d.end = day(h + 1);
                });
            }
            4 => {
                // A place on the item its link points at, if it is there.
                let place = format!("der {step}");
                let link = s.google_link(id).unwrap();
                let Some(link) = link.filter(|l| !l.gone) else {
                    continue;
                };
                // Now and then the old item a hand-over left behind.
                let old = rng.next(2) == 0;
                let left_google = env
                    .live_events()
                    .into_iter()
                    .find(|e| {
                        e["extendedProperties"]["private"]["renos_booking"]
                            == id.to_string().as_str()
                    })
                    .filter(|_| link.calendar_id != CAL)
                    .and_then(|e| e["id"].as_str().map(str::to_string));
                let done = if old {
                    if let Some(ev) = left_google {
                        env.google()
                            .edit(CAL, &ev, json!({"location": place}))
                            .is_some()
                    } else if link.calendar_id != anna.key() && anna.item(id).await.is_some() {
                        anna.edit_place(id, &place).await;
                        true
                    } else if link.calendar_id != bo.key()
                        && !bo_down
                        && bo.item(id).await.is_some()
                    {
                        bo.edit_place(id, &place).await;
                        true
                    } else {
                        false
                    }
                } else if link.calendar_id == CAL {
                    env.google()
                        .edit(CAL, &link.event_id, json!({"location": place}))
                        .is_some()
                } else if link.calendar_id == anna.key() {
                    match anna.item(id).await {
                        Some(_) => {
                            anna.edit_place(id, &place).await;
                            true
                        }
                        None => false,
                    }
                } else if !bo_down && bo.item(id).await.is_some() {
                    bo.edit_place(id, &place).await;
                    true
                } else {
                    false
                };
                if done {
                    log.push(format!(
                        "{step}: #{id} place there ({}) in {}",
                        if old { "old item" } else { "its item" },
                        link.calendar_id
                    ));
                    placed.insert(id, place);
                }
            }
            5 => {
                bo_down = !bo_down;
                log.push(format!("{step}: Bo down {bo_down}"));
            }
            _ => {
                log.push(format!("{step}: sync"));
                let down = unreachable(&bo);
                let b = if bo_down { &down } else { &bo };
                if cut && rng.next(2) == 0 {
                    // Stopped anywhere, as a kill would stop it (timing
                    // decides where: only when asked for, HUNT_CUT=1).
                    let wait = std::time::Duration::from_millis(1 + rng.next(60));
                    let mut r = syncer(&env, &[&anna, b]).await;
                    let _ = tokio::time::timeout(
                        wait,
                        r.run(renos::engine::sync::SyncOptions::default(), &mut ()),
                    )
                    .await;
                } else {
                    let _ = sync(&env, &[&anna, b]).await;
                }
                for c in s.sync_conflicts().unwrap() {
                    conflicted.insert(c.booking_id);
                }
            }
        }
    }
    for _ in 0..4 {
        let r = sync(&env, &[&anna, &bo]).await;
        assert!(r.errors.is_empty(), "seed {seed}: {r:?}\n{log:#?}");
        for c in s.sync_conflicts().unwrap() {
            conflicted.insert(c.booking_id);
            resolve(&mut s, c.booking_id, Choice::Mine).expect("mine");
        }
    }
    let r = sync(&env, &[&anna, &bo]).await;
    assert!(
        r.errors.is_empty() && r.open_conflicts == 0 && r.pending == 0,
        "seed {seed}: {r:?}\n{log:#?}"
    );
    for id in &ids {
        let b = s.booking(*id).unwrap();
        assert_eq!(
            b.status,
            BookingStatus::Scheduled,
            "seed {seed}: {b:?}\n{log:#?}"
        );
        let want = match b.staff_id {
            None => (1, 0, 0),
            Some(ANNA) => (0, 1, 0),
            _ => (0, 0, 1),
        };
        assert_eq!(
            held(&env, &anna, &bo, *id).await,
            want,
            "seed {seed}: booking #{id} of {:?}\n{log:#?}",
            b.staff_id
        );
        let customer = s.customer(b.customer_id).unwrap();
        let place = if b.address.is_empty() {
            customer.address.clone()
        } else {
            b.address.clone()
        };
        let (location, start, notes) = match b.staff_id {
            None => {
                let ev = env.event_of(*id);
                (
                    ev["location"].as_str().unwrap_or_default().to_string(),
                    When::At(time_of(&ev["start"])),
                    ev["description"].as_str().unwrap_or_default().to_string(),
                )
            }
            Some(ANNA) | Some(BO) => {
                let r = if b.staff_id == Some(ANNA) { &anna } else { &bo };
                let it = r.item(*id).await.expect("its item");
                (
                    it.content.location,
                    it.content.start,
                    it.content.description,
                )
            }
            _ => unreachable!(),
        };
        assert_eq!(location, place, "seed {seed}: booking #{id}\n{log:#?}");
        assert_eq!(
            start,
            When::At(b.start),
            "seed {seed}: booking #{id}\n{log:#?}"
        );
        assert!(
            notes.contains(&b.notes),
            "seed {seed}: booking #{id}: {notes:?} vs {:?}\n{log:#?}",
            b.notes
        );
        if let Some(p) = placed.get(id)
            && !conflicted.contains(id)
        {
            assert_eq!(
                &b.address, p,
                "seed {seed}: booking #{id} lost the place written there\n{log:#?}"
            );
        }
    }
    assert_eq!(env.bookings().len(), ids.len(), "seed {seed}: {log:#?}");
    eprintln!(
        "seed {seed}: {} places there, {} jobs conflicted",
        placed.len(),
        conflicted.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_walked_between_three_providers_lose_nothing() {
    let seeds: u64 = std::env::var("HUNT_SEEDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    for seed in 1..=seeds {
        eprintln!("-- seed {seed}");
        walk(seed).await;
    }
}
