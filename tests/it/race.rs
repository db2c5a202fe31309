//! Two dispatchers (two connections on one database file, each on its own
//! thread) race to book the same cleaner at the same time, 1,000 times.
//! Exactly one wins each race, the other is refused in words, and at the end
//! no cleaner is double-booked and nothing is lost.

use std::sync::{Arc, Barrier};

use chrono::{DateTime, Duration, TimeZone, Utc};
use renos::clock::Clock;
use renos::domain::{BookingDraft, WorkingHours};
use renos::store::{NewCustomer, NewStaff, Save, Store, StoreError};

const PAIRS: usize = 1000;

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0)
        .single()
        .expect("time")
}

fn open(path: &std::path::Path, who: &str) -> Store {
    Store::open(path, who, Clock::Fixed(base())).expect("open")
}

/// One cleaner and one customer; their ids.
fn seed(s: &mut Store) -> (i64, i64) {
    let staff = s
        .add_staff(NewStaff {
            name: "Anna Jensen".into(),
            hours: WorkingHours::default(),
            ..Default::default()
        })
        .expect("staff")
        .id;
    let customer = s
        .add_customer(NewCustomer {
            name: "Søren Østergaard".into(),
            ..Default::default()
        })
        .expect("customer")
        .id;
    (staff, customer)
}

/// Slot `i`: two hours, every three hours from the base.
fn slot(customer: i64, staff: i64, i: usize, offset_min: i64) -> BookingDraft {
    let start = base() + Duration::hours(3 * i as i64) + Duration::minutes(offset_min);
    BookingDraft {
        customer_id: customer,
        staff_id: Some(staff),
        service: "Fast rengøring".into(),
        start,
        end: start + Duration::hours(2),
        estimate_min: 120,
        address: String::new(),
        notes: format!("race {i}"),
        review: String::new(),
    }
}

#[test]
fn a_thousand_racing_pairs_create_no_double_booking() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("race.db");
    let (staff, customer) = seed(&mut open(&path, "setup"));
    let barrier = Arc::new(Barrier::new(2));
    let racer = |who: &'static str, offset: i64| {
        let barrier = Arc::clone(&barrier);
        let path = path.clone();
        std::thread::spawn(move || {
            let mut store = open(&path, who);
            let mut results = Vec::with_capacity(PAIRS);
            for i in 0..PAIRS {
                barrier.wait();
                // The two overlap by 1h45–2h in every pair.
                let r = store.save_booking(Save {
                    target: None,
                    draft: slot(customer, staff, i, offset),
                    accepted: vec![],
                    reason: String::new(),
                });
                results.push(r.map(|b| b.id));
            }
            results
        })
    };
    let a = racer("anna-dispatch", 0);
    let b = racer("bo-dispatch", 15);
    let a = a.join().expect("thread a");
    let b = b.join().expect("thread b");

    let mut wins = 0;
    for (i, (ra, rb)) in a.iter().zip(&b).enumerate() {
        match (ra, rb) {
            (Ok(_), Err(e)) | (Err(e), Ok(_)) => {
                assert!(matches!(e, StoreError::Clash(_)), "pair {i}: {e}");
                let text = e.to_string();
                assert!(
                    text.contains("Anna Jensen is already booked"),
                    "pair {i}: {text}"
                );
                assert!(text.contains("saved by"), "pair {i}: {text}");
                wins += 1;
            }
            other => panic!("pair {i}: expected exactly one winner, got {other:?}"),
        }
    }
    assert_eq!(wins, PAIRS);

    // The database agrees: one booking per slot, no overlaps, each winner's
    // booking present and journaled.
    let s = open(&path, "check");
    let all = s
        .bookings_between(base() - Duration::days(1), base() + Duration::days(200))
        .expect("all");
    assert_eq!(all.len(), PAIRS, "nothing lost, nothing extra");
    for pair in all.windows(2) {
        assert!(pair[0].end <= pair[1].start, "double booking: {pair:?}");
    }
    let journal = s.journal(None, 10 * PAIRS).expect("journal");
    let adds = journal.iter().filter(|e| e.action == "booking.add").count();
    assert_eq!(adds, PAIRS);
}

#[test]
fn racing_edits_of_one_booking_keep_exactly_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("race.db");
    let mut s = open(&path, "setup");
    let (staff, customer) = seed(&mut s);
    let ids: Vec<(i64, i64)> = (0..200)
        .map(|i| {
            let b = s
                .save_booking(Save {
                    target: None,
                    draft: slot(customer, staff, i, 0),
                    accepted: vec![],
                    reason: String::new(),
                })
                .expect("seed");
            (b.id, b.version)
        })
        .collect();
    drop(s);
    let ids = Arc::new(ids);
    let barrier = Arc::new(Barrier::new(2));
    let racer = |who: &'static str, note: &'static str| {
        let (barrier, ids, path) = (Arc::clone(&barrier), Arc::clone(&ids), path.clone());
        std::thread::spawn(move || {
            let mut store = open(&path, who);
            ids.iter()
                .enumerate()
                .map(|(i, (id, version))| {
                    barrier.wait();
                    let mut d = slot(customer, staff, i, 0);
                    d.notes = note.into();
                    store.save_booking(Save {
                        target: Some((*id, *version)),
                        draft: d,
                        accepted: vec![],
                        reason: String::new(),
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    let (a, b) = (
        racer("anna-dispatch", "from anna"),
        racer("bo-dispatch", "from bo"),
    );
    let (a, b) = (a.join().expect("a"), b.join().expect("b"));
    let s = open(&path, "check");
    for (i, (ra, rb)) in a.iter().zip(&b).enumerate() {
        let (winner, loser) = match (ra, rb) {
            (Ok(w), Err(l)) | (Err(l), Ok(w)) => (w, l),
            other => panic!("edit {i}: expected one winner, got {other:?}"),
        };
        assert!(
            matches!(loser, StoreError::Stale { .. }),
            "edit {i}: {loser}"
        );
        assert_eq!(s.booking(winner.id).expect("b").notes, winner.notes);
    }
}
