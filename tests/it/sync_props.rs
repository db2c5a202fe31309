//! The sync as a state machine (in the spirit of vdirsyncer's): random
//! interleavings of local edits, cancellations and undos, calendar edits,
//! deletions, moves between calendars, purges, hand-made single and
//! recurring events (a recurring one is taken in as a series), events of
//! other types, full listings spread over several runs, sync runs and
//! injected faults (quota windows and expired page tokens included). After
//! the dispatcher settles the conflicts and a final fault-free sync, both
//! sides hold the same bookings, nothing is duplicated, nothing is
//! cancelled that nobody cancelled, and nothing one side edited was
//! deleted without a conflict.
//!
//! `PROPTEST_CASES=2000 cargo test --release --test it sync_props` runs it long.

use crate::sync_env;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use proptest::prelude::*;
use renos::domain::BookingStatus;
use renos::engine::sync::{Choice, SyncOptions, resolve};
use renos::sandbox::{CalendarRole, GoogleFaults};
use renos::store::{GOOGLE_BOOKING, Store};
use serde_json::{Value, json};
use sync_env::*;

/// Bo's own calendar (cleaner 2).
const BO: &str = "bo@renos.test";

#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// The dispatcher books a new job (for Bo, into his calendar, or unassigned).
    Book(u8),
    /// The dispatcher changes the notes of the n-th booking.
    EditHere(u8),
    /// The dispatcher cancels the n-th booking.
    CancelHere(u8),
    /// The dispatcher undoes their last change (a cancellation, an edit, a booking).
    Undo,
    /// Someone changes the place of the n-th event in Google.
    EditThere(u8),
    /// Someone deletes the n-th event (or series) in Google.
    DeleteThere(u8),
    /// Someone moves the n-th event to the other calendar (`events.move`).
    MoveThere(u8),
    /// Someone makes an event by hand in Google.
    MakeThere(u8),
    /// Someone makes a weekly series by hand in Google.
    SeriesThere(u8),
    /// A birthday, out-of-office, focus time, ... appears in Google.
    OtherType(u8),
    /// Google forgets cancelled events.
    Purge,
    /// `renos sync --max-events N` (with `--force` now and then): a full
    /// listing spread over several runs, with writes in between.
    Partial(u8),
    Sync,
    /// The next calls meet this fault.
    Fault(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any::<u8>().prop_map(Op::Book),
        3 => any::<u8>().prop_map(Op::EditHere),
        1 => any::<u8>().prop_map(Op::CancelHere),
        1 => Just(Op::Undo),
        3 => any::<u8>().prop_map(Op::EditThere),
        2 => any::<u8>().prop_map(Op::DeleteThere),
        1 => any::<u8>().prop_map(Op::MoveThere),
        1 => any::<u8>().prop_map(Op::MakeThere),
        1 => any::<u8>().prop_map(Op::SeriesThere),
        1 => any::<u8>().prop_map(Op::OtherType),
        1 => Just(Op::Purge),
        2 => any::<u8>().prop_map(Op::Partial),
        3 => Just(Op::Sync),
        2 => any::<u8>().prop_map(Op::Fault),
    ]
}

fn fault(n: u8) -> GoogleFaults {
    let mut f = GoogleFaults::default();
    match n % 9 {
        0 => f.rate_limit = 2,
        1 => f.server_error = 1 + u32::from(n % 5),
        2 => f.drop_before = 1,
        3 => f.drop_after = 1 + u32::from(n % 2),
        4 => f.expire_tokens = true,
        5 => f.invalidate_sync_tokens = true,
        6 => f.quota_exceeded_for = Some(Duration::from_secs(600)),
        7 => f.quota_per_minute = Some(5 + u32::from(n % 20)),
        _ => {
            f.rate_limit = 1;
            f.rate_limit_403 = true;
            f.short_pages = true;
        }
    }
    f
}

const OTHER_TYPES: [&str; 3] = ["outOfOffice", "focusTime", "fromGmail"];

/// Every live item the sync must mirror, by (calendar, event id): single
/// events, and the live instances of series within the sync's instance
/// window; events of other types never.
fn remote_items(env: &Env) -> Vec<(String, Value)> {
    let g = env.google();
    let until = now() + chrono::Duration::weeks(12);
    let mut out = Vec::new();
    for cal in [CAL, BO] {
        for ev in g.events(cal) {
            if ev["status"] == "cancelled" || ev.get("recurringEventId").is_some() {
                continue;
            }
            if ev["eventType"].as_str().is_some_and(|t| t != "default") {
                continue;
            }
            if ev.get("recurrence").is_some() {
                let id = ev["id"].as_str().unwrap_or_default();
                for inst in g.instances(cal, id) {
                    if inst["status"] != "cancelled" && time_of(&inst["start"]) < until {
                        out.push((cal.to_string(), inst));
                    }
                }
            } else {
                out.push((cal.to_string(), ev));
            }
        }
    }
    out
}

/// The event `event_id` of `cal` as stored, or as an instance of `series`.
fn event_in(
    g: &renos::sandbox::GoogleAdmin,
    cal: &str,
    event_id: &str,
    series: &str,
) -> Option<Value> {
    g.events(cal)
        .into_iter()
        .find(|e| e["id"] == event_id)
        .or_else(|| {
            g.instances(cal, series)
                .into_iter()
                .find(|e| e["id"] == event_id)
        })
}

/// Bookings linked to an event or to an instance of it (a series).
fn bookings_of(s: &Store, event_id: &str) -> Vec<i64> {
    let prefix = format!("{event_id}_");
    [CAL, BO]
        .iter()
        .flat_map(|cal| s.google_links(cal).expect("links"))
        .filter(|l| l.event_id == event_id || l.event_id.starts_with(&prefix))
        .map(|l| l.booking_id)
        .collect()
}

/// Plays `ops` and checks the end state (shared with the pinned cases
/// in `sync::found`).
pub(crate) fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let mut env = Env::new();
        env.settings
            .google
            .staff_calendars
            .push(("Bo".into(), BO.into()));
        let g = env.google();
        g.add_calendar(BO, CalendarRole::Owner);
        let mut s = env.store();
        let mut counter = 0u32;
        // Bookings whose unpushed edit met a deletion in Google: they must
        // not disappear without the dispatcher's say.
        let mut must_survive = BTreeSet::new();
        let mut conflicted = BTreeSet::new();
        // Bookings somebody cancelled or deleted (here or there).
        let mut may_go = BTreeSet::new();
        for op in ops {
            counter += 1;
            let active: Vec<i64> = env
                .bookings()
                .into_iter()
                .filter(|b| b.is_active())
                .map(|b| b.id)
                .collect();
            // Single events and series (never instances) of both calendars.
            let events: Vec<(String, Value)> = [CAL, BO]
                .iter()
                .flat_map(|c| g.events(c).into_iter().map(move |e| (c.to_string(), e)))
                .filter(|(_, e)| e["status"] != "cancelled" && e.get("recurringEventId").is_none())
                .collect();
            match op {
                Op::Book(n) => {
                    let staff = match n % 3 {
                        0 => Some(2),
                        1 => Some(1),
                        _ => None,
                    };
                    // A cleaner who is busy then is refused (a clash): fine.
                    let h = 6 + u32::from(n % 10);
                    let _ = s.save_booking(renos::store::Save {
                        target: None,
                        draft: renos::domain::BookingDraft {
                            customer_id: 1 + i64::from(n % 3),
                            staff_id: staff,
                            service: "Fast rengøring".into(),
                            start: at(h, 0),
                            end: at(h + 2, 0),
                            estimate_min: 120,
                            address: String::new(),
                            notes: String::new(),
                            review: String::new(),
                        },
                        accepted: Vec::new(),
                        reason: String::new(),
                    });
                }
                Op::EditHere(n) if !active.is_empty() => {
                    let id = active[n as usize % active.len()];
                    let b = s.booking(id).expect("b");
                    let mut d = renos::domain::BookingDraft::of(&b);
                    d.notes = format!("her {counter}");
                    // A clash with what the calendar brought is refused: fine.
                    let _ = s.save_booking(renos::store::Save {
                        target: Some((id, b.version)),
                        draft: d,
                        accepted: Vec::new(),
                        reason: String::new(),
                    });
                }
                Op::CancelHere(n) if !active.is_empty() => {
                    let id = active[n as usize % active.len()];
                    let b = s.booking(id).expect("b");
                    s.cancel_booking(id, b.version, "aflyst").expect("cancel");
                    must_survive.remove(&id);
                    may_go.insert(id);
                }
                Op::Undo => {
                    if let Ok(out) = s.undo() {
                        if !out.booking.as_ref().is_some_and(|b| b.is_active()) {
                            may_go.insert(out.booking_id);
                        }
                        // An edit undone is no edit: unless an older one is
                        // still not in Google, its deletion there may stand.
                        let still_edited = out.booking.as_ref().is_some_and(|b| {
                            s.google_link(b.id).ok().flatten().is_some_and(|l| {
                                g.events(&l.calendar_id).iter().any(|e| {
                                    e["id"] == l.event_id.as_str()
                                        && e["description"].as_str().unwrap_or_default() != b.notes
                                })
                            })
                        });
                        if !still_edited {
                            must_survive.remove(&out.booking_id);
                        }
                    }
                }
                Op::EditThere(n) if !events.is_empty() => {
                    let (cal, ev) = &events[n as usize % events.len()];
                    g.edit(
                        cal,
                        ev["id"].as_str().expect("id"),
                        json!({"location": format!("der {counter}")}),
                    );
                }
                Op::DeleteThere(n) if !events.is_empty() => {
                    let (cal, ev) = &events[n as usize % events.len()];
                    let id = ev["id"].as_str().expect("id");
                    for b in bookings_of(&s, id) {
                        // An edit here not yet in Google (an edit undone
                        // again is none): against the booking's own event
                        // (for a series, its instance or exception).
                        let own = s
                            .google_link(b)
                            .expect("link")
                            .and_then(|l| event_in(&g, cal, &l.event_id, id));
                        let there = own.as_ref().unwrap_or(ev);
                        let edited = s.booking(b).is_ok_and(|b| {
                            b.is_active()
                                && b.notes != there["description"].as_str().unwrap_or_default()
                        });
                        if s.outbox_entry(GOOGLE_BOOKING, &b.to_string())
                            .expect("outbox")
                            .is_some()
                            && edited
                        {
                            must_survive.insert(b);
                        }
                        may_go.insert(b);
                    }
                    g.delete(cal, id);
                }
                Op::MoveThere(n) if !events.is_empty() => {
                    let (cal, ev) = &events[n as usize % events.len()];
                    if ev.get("recurrence").is_none() {
                        let to = if cal == CAL { BO } else { CAL };
                        g.move_event(cal, ev["id"].as_str().expect("id"), to);
                    }
                }
                Op::MakeThere(n) => {
                    let cal = if n % 4 == 0 { BO } else { CAL };
                    g.create(
                        cal,
                        hand_made(&format!("Hånd {counter}"), at(6 + u32::from(n % 12), 0), 1),
                    );
                }
                Op::SeriesThere(n) => {
                    let rule = match n % 3 {
                        0 => "RRULE:FREQ=WEEKLY".to_string(),
                        1 => format!("RRULE:FREQ=WEEKLY;COUNT={}", 2 + n % 5),
                        _ => "RRULE:FREQ=WEEKLY;INTERVAL=2".to_string(),
                    };
                    g.create_recurring(
                        CAL,
                        hand_made(
                            &format!("Serie {counter}"),
                            at(6 + u32::from(n % 10), 30),
                            1,
                        ),
                        &[rule.as_str()],
                    );
                }
                Op::OtherType(n) => {
                    let kind = OTHER_TYPES[n as usize % OTHER_TYPES.len()];
                    g.create_typed(
                        if n % 2 == 0 { CAL } else { BO },
                        kind,
                        hand_made(&format!("Typet {counter}"), at(7 + u32::from(n % 8), 0), 1),
                    );
                }
                Op::Purge => {
                    g.purge_cancelled();
                }
                Op::Partial(n) => {
                    let opts = SyncOptions {
                        force: n % 3 == 0,
                        max_events: Some(1 + usize::from(n % 6)),
                        ..SyncOptions::default()
                    };
                    let _ = env.syncer().await.run(opts, &mut ()).await;
                }
                Op::Sync => {
                    let _ = env.sync().await;
                }
                Op::Fault(n) => {
                    if n % 11 == 0 {
                        g.expire_page_tokens();
                    } else {
                        g.set_faults(fault(n));
                    }
                }
                _ => {}
            }
            for c in s.sync_conflicts().expect("conflicts") {
                conflicted.insert(c.booking_id);
            }
        }
        // The end: no faults, settle every conflict (keep mine), sync until quiet.
        g.clear_faults();
        for _ in 0..5 {
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
        for (cal, ev) in remote_items(&env) {
            let id = ev["id"].as_str().unwrap_or_default();
            let link = s
                .google_links(&cal)
                .expect("links")
                .into_iter()
                .find(|l| l.event_id == id);
            let Some(link) = link else {
                prop_assert!(false, "event without a booking in {cal}: {ev}");
                unreachable!();
            };
            // A recurring event made by hand is a series here: each of its
            // instances is a visit of it.
            if ev.get("recurringEventId").is_some() {
                prop_assert!(
                    s.visit_of(link.booking_id).expect("visit").is_some(),
                    "an instance taken in as a single booking: {ev}"
                );
            }
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
        // Nothing cancelled that nobody cancelled; nothing edited here
        // deleted without a conflict; no booking from another event type.
        for b in env.bookings() {
            if b.status == BookingStatus::Cancelled {
                prop_assert!(
                    may_go.contains(&b.id),
                    "booking #{} was cancelled though nobody cancelled it: {}",
                    b.id,
                    b.cancel_reason
                );
            }
            let name = s.customer(b.customer_id).expect("customer").name;
            prop_assert!(!name.starts_with("Typet"), "{name}");
        }
        for id in must_survive {
            let Ok(b) = s.booking(id) else {
                // Removed by an undo of its creation.
                prop_assert!(may_go.contains(&id));
                continue;
            };
            prop_assert!(
                b.status != BookingStatus::Cancelled || conflicted.contains(&id),
                "booking #{id} edited here was deleted without a conflict"
            );
        }
        Ok(())
    })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 1024,
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
