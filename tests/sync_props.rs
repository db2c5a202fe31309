//! The sync as a state machine (in the spirit of vdirsyncer's): random
//! interleavings of local edits, calendar edits, deletions, sync runs and
//! injected faults. After the dispatcher settles the conflicts and a final
//! fault-free sync, both sides hold the same bookings, nothing is
//! duplicated, and nothing one side edited was deleted without a conflict.

mod sync_env;

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use renos::domain::BookingStatus;
use renos::engine::sync::{Choice, resolve};
use renos::sandbox::GoogleFaults;
use renos::store::GOOGLE_BOOKING;
use serde_json::json;
use sync_env::*;

#[derive(Debug, Clone)]
enum Op {
    /// The dispatcher books a new job.
    Book(u8),
    /// The dispatcher changes the notes of the n-th booking.
    EditHere(u8),
    /// The dispatcher cancels the n-th booking.
    CancelHere(u8),
    /// Someone changes the place of the n-th event in Google.
    EditThere(u8),
    /// Someone deletes the n-th event in Google.
    DeleteThere(u8),
    /// Someone makes an event by hand in Google.
    MakeThere(u8),
    Sync,
    /// The next calls meet this fault.
    Fault(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => any::<u8>().prop_map(Op::Book),
        3 => any::<u8>().prop_map(Op::EditHere),
        1 => any::<u8>().prop_map(Op::CancelHere),
        3 => any::<u8>().prop_map(Op::EditThere),
        2 => any::<u8>().prop_map(Op::DeleteThere),
        1 => any::<u8>().prop_map(Op::MakeThere),
        3 => Just(Op::Sync),
        2 => any::<u8>().prop_map(Op::Fault),
    ]
}

fn fault(n: u8) -> GoogleFaults {
    let mut f = GoogleFaults::default();
    match n % 7 {
        0 => f.rate_limit = 2,
        1 => f.server_error = 1 + u32::from(n % 5),
        2 => f.drop_before = 1,
        3 => f.drop_after = 1 + u32::from(n % 2),
        4 => f.expire_tokens = true,
        5 => f.invalidate_sync_tokens = true,
        _ => {
            f.rate_limit = 1;
            f.rate_limit_403 = true;
            f.short_pages = true;
        }
    }
    f
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let env = Env::new();
        let g = env.google();
        let mut s = env.store();
        let mut counter = 0u32;
        // Bookings whose unpushed edit met a deletion in Google: they must
        // not disappear without the dispatcher's say.
        let mut must_survive = BTreeSet::new();
        let mut conflicted = BTreeSet::new();
        let mut made_there = 0usize;
        for op in ops {
            counter += 1;
            let active: Vec<i64> = env
                .bookings()
                .into_iter()
                .filter(|b| b.is_active())
                .map(|b| b.id)
                .collect();
            let events: Vec<serde_json::Value> = env.live_events();
            match op {
                Op::Book(n) => {
                    book(&mut s, 1 + i64::from(n % 3), None, 6 + u32::from(n % 10));
                }
                Op::EditHere(n) if !active.is_empty() => {
                    let id = active[n as usize % active.len()];
                    edit(&mut s, id, |d| d.notes = format!("her {counter}"));
                }
                Op::CancelHere(n) if !active.is_empty() => {
                    let id = active[n as usize % active.len()];
                    let b = s.booking(id).expect("b");
                    s.cancel_booking(id, b.version, "aflyst").expect("cancel");
                    must_survive.remove(&id);
                }
                Op::EditThere(n) if !events.is_empty() => {
                    let ev = &events[n as usize % events.len()];
                    g.edit(
                        CAL,
                        ev["id"].as_str().expect("id"),
                        json!({"location": format!("der {counter}")}),
                    );
                }
                Op::DeleteThere(n) if !events.is_empty() => {
                    let ev = &events[n as usize % events.len()];
                    let id = ev["id"].as_str().expect("id");
                    if let Some(b) = ev["extendedProperties"]["private"]["renos_booking"]
                        .as_str()
                        .and_then(|b| b.parse::<i64>().ok())
                        && s.outbox_entry(GOOGLE_BOOKING, &b.to_string())
                            .expect("outbox")
                            .is_some()
                        && s.booking(b).expect("b").is_active()
                    {
                        must_survive.insert(b);
                    }
                    g.delete(CAL, id);
                }
                Op::MakeThere(n) => {
                    made_there += 1;
                    g.create(
                        CAL,
                        hand_made(&format!("Hånd {counter}"), at(6 + u32::from(n % 12), 0), 1),
                    );
                }
                Op::Sync => {
                    let _ = env.sync().await;
                    for c in s.sync_conflicts().expect("conflicts") {
                        conflicted.insert(c.booking_id);
                    }
                }
                Op::Fault(n) => g.set_faults(fault(n)),
                _ => {}
            }
        }
        // The end: no faults, settle every conflict (keep mine), sync until quiet.
        g.clear_faults();
        for _ in 0..4 {
            let r = env.sync().await;
            prop_assert!(r.errors.is_empty(), "fault-free sync failed: {r:?}");
            for c in s.sync_conflicts().expect("conflicts") {
                conflicted.insert(c.booking_id);
                resolve(&mut s, c.booking_id, Choice::Mine).expect("resolve");
            }
        }
        let r = env.sync().await;
        prop_assert!(
            r.errors.is_empty() && r.open_conflicts == 0 && r.pending == 0,
            "{r:?}"
        );

        // Same bookings on both sides, once each.
        let local: BTreeMap<i64, _> = env
            .bookings()
            .into_iter()
            .filter(|b| b.is_active())
            .map(|b| (b.id, b))
            .collect();
        let mut remote = BTreeMap::new();
        for ev in env.live_events() {
            let link = s
                .google_links(CAL)
                .expect("links")
                .into_iter()
                .find(|l| l.event_id == ev["id"].as_str().unwrap_or_default());
            let Some(link) = link else {
                prop_assert!(false, "event without a booking: {ev}");
                unreachable!();
            };
            prop_assert!(
                remote.insert(link.booking_id, ev).is_none(),
                "two events for one booking"
            );
        }
        prop_assert_eq!(
            local.keys().collect::<Vec<_>>(),
            remote.keys().collect::<Vec<_>>()
        );
        for (id, b) in &local {
            let ev = &remote[id];
            prop_assert_eq!(time_of(&ev["start"]), b.start);
            prop_assert_eq!(time_of(&ev["end"]), b.end);
            prop_assert_eq!(
                ev["description"].as_str().unwrap_or_default(),
                b.notes.as_str()
            );
            let customer = s.customer(b.customer_id).expect("customer");
            let place = if b.address.is_empty() {
                &customer.address
            } else {
                &b.address
            };
            prop_assert_eq!(ev["location"].as_str().unwrap_or_default(), place.as_str());
        }
        // Every hand-made event became exactly one booking (or was deleted).
        let made = env
            .bookings()
            .iter()
            .filter(|b| {
                s.customer(b.customer_id)
                    .map(|c| c.name.starts_with("Hånd"))
                    .unwrap_or(false)
            })
            .count();
        prop_assert!(made <= made_there);
        // Nothing edited here was deleted silently.
        for id in must_survive {
            let b = s.booking(id).expect("b");
            prop_assert!(
                b.status != BookingStatus::Cancelled || conflicted.contains(&id),
                "booking #{id} edited here was deleted without a conflict"
            );
        }
        Ok(())
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        max_shrink_iters: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn both_sides_end_equal_without_duplicates_or_silent_deletes(
        ops in prop::collection::vec(op(), 5..40)
    ) {
        run(ops)?;
    }
}
