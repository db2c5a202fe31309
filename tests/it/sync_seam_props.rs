//! The sync as a state machine once more, now with a cleaner whose
//! calendar is on each provider in turn: Anna's calendar is (a) CalDAV on a
//! real Radicale, (b) Microsoft 365 on the Graph fake, both read item by
//! item through the provider seam, and (c) Google, read event by event
//! through the seam's `EventCalendar` (`GoogleProvider`), as every shared
//! calendar is. Bo's calendar and the shared one are Google's throughout, so a
//! job given to Anna or taken from her moves between providers in (a) and
//! (b).
//!
//! Random interleavings of bookings made, edited, moved, reassigned,
//! cancelled and undone here; places changed, items renamed, deleted and
//! made by hand in Anna's calendar; her cursor made invalid; her calendar
//! unreachable and back; runs cut short; sync runs. Then the dispatcher
//! settles every conflict and the sync runs without faults until quiet:
//! every calendar holds exactly the bookings meant for it, each once, as
//! the booking says; nothing is cancelled that nobody cancelled, and
//! nothing edited here was deleted there without a conflict.
//!
//! The calendars on the seam reuse the conformance fixtures
//! (`provider::caldav`, `provider::graph`): their "someone else" writes
//! straight to the server, never through our client.
//!
//! `PROPTEST_CASES=200 cargo test --test it sync_seam_props` runs it long.

mod anna;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use proptest::prelude::*;

use renos::domain::{Booking, BookingDraft, BookingStatus};
use renos::engine::sync::{Choice, SyncOptions, SyncReport, resolve};
use renos::sandbox::CalendarRole;
use renos::store::{GOOGLE_BOOKING, Save, Store};

use crate::sync_env::*;
use anna::{Anna, Item, google_items};

/// Anna's (staff 1) calendar when it is Google's.
pub(crate) const ANNA_CAL: &str = "anna@renos.test";
/// Bo's (staff 2) calendar, Google's throughout.
const BO_CAL: &str = "bo@renos.test";
const ANNA: i64 = 1;
const BO: i64 = 2;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    CalDav,
    Graph,
    Google,
}

#[derive(Debug, Clone)]
enum Op {
    /// The dispatcher books a job for Anna, Bo or nobody yet.
    Book(u8),
    /// The dispatcher changes the notes of the n-th booking.
    EditHere(u8),
    /// The dispatcher moves the n-th booking an hour.
    MoveHere(u8),
    /// The dispatcher gives the n-th booking to Anna, Bo or nobody.
    Reassign(u8),
    CancelHere(u8),
    /// The dispatcher undoes their last change.
    Undo,
    /// Someone changes the place of the n-th item in Anna's calendar.
    PlaceThere(u8),
    /// Someone renames the n-th item in Anna's calendar.
    RenameThere(u8),
    /// Someone deletes the n-th item in Anna's calendar.
    DeleteThere(u8),
    /// Someone puts a job in Anna's calendar by hand.
    MakeThere(u8),
    /// Anna's calendar no longer knows the stored cursor.
    KillCursor,
    /// Anna's calendar becomes unreachable, or is back.
    Offline,
    /// A run stopped after n milliseconds, as a kill would stop it.
    CutShort(u8),
    Sync,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any::<u8>().prop_map(Op::Book),
        2 => any::<u8>().prop_map(Op::EditHere),
        2 => any::<u8>().prop_map(Op::MoveHere),
        2 => any::<u8>().prop_map(Op::Reassign),
        1 => any::<u8>().prop_map(Op::CancelHere),
        1 => Just(Op::Undo),
        2 => any::<u8>().prop_map(Op::PlaceThere),
        1 => any::<u8>().prop_map(Op::RenameThere),
        2 => any::<u8>().prop_map(Op::DeleteThere),
        2 => any::<u8>().prop_map(Op::MakeThere),
        1 => Just(Op::KillCursor),
        1 => Just(Op::Offline),
        1 => any::<u8>().prop_map(Op::CutShort),
        3 => Just(Op::Sync),
    ]
}

/// A run on a fresh connection, with Anna's calendar on its provider.
async fn syncer(env: &Env, anna: &Anna) -> renos::engine::sync::Syncer {
    let mut s = env.syncer().await;
    if let Some(p) = anna.seam() {
        s.use_calendar(&anna.key(), p);
    }
    s
}

async fn sync(env: &Env, anna: &Anna) -> Option<SyncReport> {
    syncer(env, anna)
        .await
        .run(SyncOptions::default(), &mut ())
        .await
        .ok()
}

/// The booking as the console saves it; a clash is refused (fine).
fn save(s: &mut Store, b: &Booking, f: impl FnOnce(&mut BookingDraft)) {
    let mut d = BookingDraft::of(b);
    f(&mut d);
    let _ = s.save_booking(Save {
        target: Some((b.id, b.version)),
        draft: d,
        accepted: Vec::new(),
        reason: String::new(),
    });
}

fn whom(n: u8) -> Option<i64> {
    match n % 3 {
        0 => Some(ANNA),
        1 => Some(BO),
        _ => None,
    }
}

/// Plays `ops` with Anna's calendar on `kind` and checks the end state.
fn run(kind: Kind, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let mut env = Env::new();
        let anna = Anna::new(kind).await;
        let g = env.google();
        g.add_calendar(BO_CAL, CalendarRole::Owner);
        env.settings
            .google
            .staff_calendars
            .push(("Bo".into(), BO_CAL.into()));
        if let Anna::Google = anna {
            g.add_calendar(ANNA_CAL, CalendarRole::Owner);
        }
        env.settings
            .calendars
            .staff
            .insert("Anna".to_string(), anna.reference());
        let key = anna.key();
        let mut s = env.store();
        let mut offline = false;
        // Bookings whose change here not yet there met a deletion there:
        // they must not disappear without the dispatcher's say.
        let mut must_survive = BTreeSet::new();
        // What an item said when it was deleted there, by booking.
        let mut deleted_said: BTreeMap<i64, Item> = BTreeMap::new();
        let mut conflicted = BTreeSet::new();
        // Bookings somebody cancelled or deleted (here or there).
        let mut may_go = BTreeSet::new();
        for (counter, op) in ops.into_iter().enumerate() {
            let active: Vec<Booking> = env
                .bookings()
                .into_iter()
                .filter(|b| b.is_active())
                .collect();
            let pick = |n: u8| active.get(n as usize % active.len().max(1)).cloned();
            // Someone else can write to Anna's calendar now.
            let there = !offline || anna.writable_offline();
            let listed = if there
                && matches!(
                    op,
                    Op::PlaceThere(_) | Op::RenameThere(_) | Op::DeleteThere(_)
                ) {
                // While our client cannot reach it, only Google's are
                // listed (the test's own view of the calendar).
                anna.items(&env).await.unwrap_or_default()
            } else {
                Vec::new()
            };
            let items: Vec<String> = listed.iter().map(|i| i.id.clone()).collect();
            let item = |n: u8| items.get(n as usize % items.len().max(1)).cloned();
            match op {
                Op::Book(n) => {
                    let h = 6 + u32::from(n % 10);
                    let _ = s.save_booking(Save {
                        target: None,
                        draft: BookingDraft {
                            customer_id: 1 + i64::from(n % 3),
                            staff_id: whom(n / 3),
                            service: "Fast rengøring".into(),
                            start: at(h, 0),
                            end: at(h + 1, 0),
                            estimate_min: 60,
                            address: String::new(),
                            notes: String::new(),
                            review: String::new(),
                        },
                        accepted: Vec::new(),
                        reason: String::new(),
                    });
                }
                Op::EditHere(n) => {
                    if let Some(b) = pick(n) {
                        save(&mut s, &b, |d| d.notes = format!("her {counter}"));
                    }
                }
                Op::MoveHere(n) => {
                    if let Some(b) = pick(n) {
                        let by = chrono::Duration::hours(if n % 2 == 0 { 1 } else { -1 });
                        save(&mut s, &b, |d| {
                            d.start += by;
                            d.end += by;
                        });
                    }
                }
                Op::Reassign(n) => {
                    if let Some(b) = pick(n) {
                        save(&mut s, &b, |d| d.staff_id = whom(n / 7));
                    }
                }
                Op::CancelHere(n) => {
                    if let Some(b) = pick(n) {
                        s.cancel_booking(b.id, b.version, "aflyst").expect("cancel");
                        must_survive.remove(&b.id);
                        may_go.insert(b.id);
                    }
                }
                Op::Undo => {
                    if let Ok(out) = s.undo() {
                        if !out.booking.as_ref().is_some_and(|b| b.is_active()) {
                            may_go.insert(out.booking_id);
                        }
                        // An edit undone is no edit: unless the booking
                        // still differs from what its item said, the
                        // deletion there may stand.
                        let still_edited = out.booking.as_ref().is_some_and(|b| {
                            deleted_said.get(&b.id).is_some_and(|i| differs(b, i))
                        });
                        if !still_edited {
                            must_survive.remove(&out.booking_id);
                        }
                    }
                }
                Op::PlaceThere(n) => {
                    if let Some(id) = item(n) {
                        anna.place(&env, &id, &format!("der {counter}")).await;
                    }
                }
                Op::RenameThere(n) => {
                    if let Some(id) = item(n) {
                        anna.rename(&env, &id, &format!("Omdøbt {counter}")).await;
                    }
                }
                Op::DeleteThere(n) => {
                    let Some(id) = item(n) else { continue };
                    // The booking of that item, and whether it changed here
                    // since its item last said so.
                    let said = listed.iter().find(|i| i.id == id);
                    let link = s
                        .google_links(&key)
                        .expect("links")
                        .into_iter()
                        .find(|l| l.event_id == id && !l.gone);
                    // A link whose booking an undo removed has nothing here
                    // to keep.
                    if let Some(b) = link.and_then(|l| s.booking(l.booking_id).ok()) {
                        let pending = s
                            .outbox_entry(GOOGLE_BOOKING, &b.id.to_string())
                            .expect("outbox")
                            .is_some();
                        if let Some(said) = said {
                            if pending && b.is_active() && differs(&b, said) {
                                must_survive.insert(b.id);
                            }
                            deleted_said.insert(b.id, said.clone());
                        }
                        may_go.insert(b.id);
                    }
                    anna.delete(&env, &id).await;
                }
                Op::MakeThere(n) => {
                    if there {
                        let start = at(6 + u32::from(n % 12), 30);
                        let summary = format!("Hånd {counter}");
                        anna.make(&env, &summary, start).await;
                    }
                }
                Op::KillCursor => {
                    let mut st = s.calendar_state(&key).expect("state");
                    if st.sync_token.is_some() {
                        st.sync_token = Some(match &anna {
                            Anna::CalDav(f) => format!("{}sync/not-a-token", f.url()),
                            Anna::Graph(_) => "graph1 2026-11-20 http://127.0.0.1:9/nowhere".into(),
                            Anna::Google => "not-a-token".into(),
                        });
                        s.sync_write("test", |w| w.save_state(&key, &st))
                            .expect("state");
                    }
                }
                Op::Offline => {
                    if offline {
                        anna.online(&env).await;
                    } else {
                        anna.offline(&env).await;
                    }
                    offline = !offline;
                }
                Op::CutShort(n) => {
                    let mut r = syncer(&env, &anna).await;
                    let wait = Duration::from_millis(1 + u64::from(n % 100));
                    let _ =
                        tokio::time::timeout(wait, r.run(SyncOptions::default(), &mut ())).await;
                }
                Op::Sync => {
                    let _ = sync(&env, &anna).await;
                }
            }
            for c in s.sync_conflicts().expect("conflicts") {
                conflicted.insert(c.booking_id);
            }
        }

        // The end: reachable again, every conflict settled (keep mine),
        // synced until quiet.
        if offline {
            anna.online(&env).await;
        }
        for _ in 0..5 {
            let r = sync(&env, &anna).await;
            prop_assert!(
                r.as_ref().is_some_and(|r| r.errors.is_empty()),
                "a fault-free sync failed: {r:?}"
            );
            for c in s.sync_conflicts().expect("conflicts") {
                conflicted.insert(c.booking_id);
                resolve(&mut s, c.booking_id, Choice::Mine).expect("resolve");
            }
        }
        let r = sync(&env, &anna).await;
        prop_assert!(
            r.as_ref().is_some_and(|r| r.errors.is_empty()
                && r.open_conflicts == 0
                && r.pending == 0
                && r.failed == 0),
            "{r:?}\ngiven up: {:?}",
            s.outbox_items(GOOGLE_BOOKING)
                .expect("outbox")
                .into_iter()
                .filter(|i| i.failed)
                .map(|i| (i.key, i.last_error))
                .collect::<Vec<_>>()
        );

        // Each calendar holds exactly its bookings, once each.
        let local: BTreeMap<i64, Booking> = env
            .bookings()
            .into_iter()
            .filter(|b| b.is_active())
            .map(|b| (b.id, b))
            .collect();
        let Some(anna_items) = anna.items(&env).await else {
            prop_assert!(false, "Anna's calendar cannot be listed");
            unreachable!();
        };
        let mut remote: BTreeMap<i64, (String, Item)> = BTreeMap::new();
        for (cal, items) in [
            (CAL.to_string(), google_items(&env, CAL)),
            (BO_CAL.to_string(), google_items(&env, BO_CAL)),
            (key.clone(), anna_items),
        ] {
            let links = s.google_links(&cal).expect("links");
            for item in items {
                let link = links.iter().find(|l| l.event_id == item.id && !l.gone);
                let Some(link) = link else {
                    prop_assert!(false, "an item without a booking in {cal}: {item:?}");
                    unreachable!();
                };
                if let Some((other, _)) = remote.insert(link.booking_id, (cal.clone(), item)) {
                    prop_assert!(
                        false,
                        "booking #{} is in {other} and in {cal}",
                        link.booking_id
                    );
                }
            }
        }
        prop_assert_eq!(
            local.keys().collect::<Vec<_>>(),
            remote.keys().collect::<Vec<_>>()
        );
        for (id, b) in &local {
            let (cal, item) = &remote[id];
            let want = match b.staff_id {
                Some(ANNA) => key.as_str(),
                Some(BO) => BO_CAL,
                _ => CAL,
            };
            prop_assert_eq!(cal.as_str(), want, "booking #{} in the wrong calendar", id);
            prop_assert_eq!(item.start, b.start, "booking #{}", id);
            prop_assert_eq!(item.end, b.end, "booking #{}", id);
            prop_assert_eq!(&item.description, &b.notes, "booking #{}", id);
            let customer = s.customer(b.customer_id).expect("customer");
            let place = if b.address.is_empty() {
                &customer.address
            } else {
                &b.address
            };
            prop_assert_eq!(&item.location, place, "booking #{}", id);
        }
        // Nothing cancelled that nobody cancelled; nothing changed here
        // deleted there without a conflict.
        let mut taken_in = BTreeMap::new();
        for b in env.bookings() {
            // A job made by hand is taken in once, whatever happened to it.
            let name = s.customer(b.customer_id).expect("customer").name;
            if name.starts_with("Hånd ") {
                let before = taken_in.insert(name.clone(), b.id);
                prop_assert!(
                    before.is_none(),
                    "{name} taken in twice: {before:?} and #{}",
                    b.id
                );
            }
            if b.status == BookingStatus::Cancelled {
                prop_assert!(
                    may_go.contains(&b.id),
                    "booking #{} was cancelled though nobody cancelled it: {}",
                    b.id,
                    b.cancel_reason
                );
            }
        }
        for id in must_survive {
            let Ok(b) = s.booking(id) else {
                // Removed by an undo of its creation.
                prop_assert!(may_go.contains(&id));
                continue;
            };
            prop_assert!(
                b.status != BookingStatus::Cancelled || conflicted.contains(&id),
                "booking #{id} changed here was deleted there without a conflict"
            );
        }
        Ok(())
    })
}

/// The booking says something else than its item did.
fn differs(b: &Booking, item: &Item) -> bool {
    b.notes != item.description || b.start != item.start || b.end != item.end
}

/// Plays `ops` as a test of its own (a sequence found, pinned).
fn replay(kind: Kind, ops: Vec<Op>) {
    if let Err(e) = run(kind, ops) {
        panic!("{e}");
    }
}

/// A job made by hand in a CalDAV calendar, then changed here: the item
/// keeps its own UID when written (Radicale refused ours with 409
/// `no-uid-conflict`, and every later sync failed).
#[test]
fn caldav_a_job_made_by_hand_takes_changes_made_here() {
    replay(
        Kind::CalDav,
        vec![Op::MakeThere(0), Op::Sync, Op::EditHere(0), Op::Sync],
    );
}

/// A job made by hand in Anna's calendar, then given to Bo: it leaves her
/// calendar.
#[test]
fn a_job_made_by_hand_given_to_a_google_cleaner_leaves_her_calendar() {
    for kind in [Kind::CalDav, Kind::Graph] {
        replay(
            kind,
            vec![Op::MakeThere(0), Op::Sync, Op::Reassign(7), Op::Sync],
        );
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn caldav_both_sides_end_equal(ops in prop::collection::vec(op(), 5..30)) {
        run(Kind::CalDav, ops)?;
    }

    #[test]
    fn outlook_both_sides_end_equal(ops in prop::collection::vec(op(), 5..30)) {
        run(Kind::Graph, ops)?;
    }

    #[test]
    fn google_both_sides_end_equal(ops in prop::collection::vec(op(), 5..30)) {
        run(Kind::Google, ops)?;
    }
}

/// Found by the property test (Microsoft 365): a job's item deleted there
/// was never reported — the Graph fake left deletions out of every round
/// after a first round that had listed an empty calendar.
#[test]
fn a_deletion_there_beside_a_job_made_there() {
    replay(
        Kind::Graph,
        vec![
            Op::Book(0),
            Op::EditHere(0),
            Op::Book(164),
            Op::Sync,
            Op::DeleteThere(171),
            Op::MakeThere(141),
            Op::Sync,
            Op::Book(122),
        ],
    );
}
