use std::collections::HashSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::domain::booking::BookingStatus;
use crate::domain::conflict::{ConflictKind, ConflictRules, detect_conflicts};
use crate::domain::time::BusinessTz;

fn at(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 7, 0, 0)
        .single()
        .expect("time")
        + Duration::minutes(min)
}

fn job(id: i64, staff: Option<i64>, start_min: i64, end_min: i64) -> Booking {
    Booking {
        id,
        customer_id: 1,
        staff_id: staff,
        service: "Rengøring".into(),
        start: at(start_min),
        end: at(end_min),
        estimate_min: 0,
        status: BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: String::new(),
        notes: String::new(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 1,
    }
}

fn ids(c: &[Clash]) -> Vec<i64> {
    c.iter().map(|c| c.other).collect()
}

#[test]
fn overlapping_jobs_of_one_cleaner_clash_by_their_overlap() {
    let others = [job(1, Some(1), 0, 120), job(2, Some(1), 180, 240)];
    let c = clashes(&job(0, Some(1), 60, 200), &others);
    assert_eq!(
        c,
        vec![
            Clash {
                other: 1,
                minutes: 60
            },
            Clash {
                other: 2,
                minutes: 20
            }
        ]
    );
}

#[test]
fn touching_ends_do_not_clash() {
    let others = [job(1, Some(1), 0, 60), job(2, Some(1), 120, 180)];
    assert!(clashes(&job(0, Some(1), 60, 120), &others).is_empty());
    assert_eq!(
        ids(&clashes(&job(0, Some(1), 59, 121), &others)),
        vec![1, 2]
    );
}

#[test]
fn other_cleaners_unassigned_and_cancelled_bookings_are_ignored() {
    let mut cancelled = job(3, Some(1), 0, 60);
    cancelled.status = BookingStatus::Cancelled;
    let others = [job(1, Some(2), 0, 60), job(2, None, 0, 60), cancelled];
    assert!(clashes(&job(0, Some(1), 0, 60), &others).is_empty());
    // An unassigned or cancelled candidate double-books nobody.
    let busy = [job(1, Some(1), 0, 60)];
    assert!(clashes(&job(0, None, 0, 60), &[job(1, None, 0, 60)]).is_empty());
    let mut gone = job(0, Some(1), 0, 60);
    gone.status = BookingStatus::Cancelled;
    assert!(clashes(&gone, &busy).is_empty());
    // A running or finished job still holds its cleaner.
    let mut running = job(1, Some(1), 0, 60);
    running.status = BookingStatus::InProgress;
    assert_eq!(ids(&clashes(&job(0, Some(1), 30, 90), &[running])), vec![1]);
}

#[test]
fn a_booking_moved_onto_itself_does_not_clash_with_its_old_times() {
    let old = job(5, Some(1), 0, 120);
    let moved = job(5, Some(1), 60, 180);
    assert!(clashes(&moved, &[old]).is_empty());
}

#[test]
fn a_booking_that_takes_no_time_clashes_with_nothing() {
    let others = [job(1, Some(1), 30, 30)];
    assert!(clashes(&job(0, Some(1), 0, 60), &others).is_empty());
    assert!(clashes(&job(0, Some(1), 30, 30), &[job(1, Some(1), 0, 60)]).is_empty());
}

#[test]
fn only_accepted_clashes_pass_and_the_first_other_is_named() {
    let others = [job(2, Some(1), 30, 90), job(1, Some(1), 0, 60)];
    let c = job(0, Some(1), 40, 80);
    assert_eq!(check_clashes(&c, &others, &[1, 2]), Ok(vec![1, 2]));
    assert_eq!(
        check_clashes(&c, &others, &[2]).map_err(|c| c.other),
        Err(1)
    );
    assert_eq!(
        check_clashes(&c, &others, &[1]).map_err(|c| c.other),
        Err(2)
    );
    assert_eq!(check_clashes(&c, &[], &[1]), Ok(vec![]));
}

/// Bookings of a day on three cleaners (some unassigned, some cancelled,
/// some touching or taking no time), on a 5-minute grid so ends meet often.
fn arb_bookings() -> impl Strategy<Value = Vec<Booking>> {
    prop::collection::vec(
        (
            prop::option::weighted(0.9, 1i64..=3),
            0i64..60,
            0i64..24,
            0u8..10,
        ),
        0..14,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (staff, start, len, status))| {
                let mut b = job(i as i64 + 1, staff, start * 5, (start + len) * 5);
                b.status = match status {
                    0 => BookingStatus::Cancelled,
                    1 => BookingStatus::InProgress,
                    _ => BookingStatus::Scheduled,
                };
                b
            })
            .collect()
    })
}

/// The rule written out plainly, pair by pair.
fn oracle(candidate: &Booking, others: &[Booking]) -> HashSet<i64> {
    let live = |b: &Booking| b.status != BookingStatus::Cancelled && b.end > b.start;
    others
        .iter()
        .filter(|o| o.id != candidate.id && live(o) && live(candidate))
        .filter(|o| candidate.staff_id.is_some() && o.staff_id == candidate.staff_id)
        .filter(|o| o.start.max(candidate.start) < o.end.min(candidate.end))
        .map(|o| o.id)
        .collect()
}

proptest! {
    #[test]
    fn clashes_are_exactly_the_overlapping_bookings(day in arb_bookings(), pick in 0usize..20,
                                                    start in 0i64..60, len in 0i64..24) {
        // A new booking, or one of the day's moved (onto itself, too).
        let mut candidate = day.get(pick).cloned().unwrap_or_else(|| job(0, Some(1), 0, 0));
        if pick % 2 == 0 {
            candidate.start = at(start * 5);
            candidate.end = at((start + len) * 5);
        }
        let found = clashes(&candidate, &day);
        let got: HashSet<i64> = ids(&found).into_iter().collect();
        prop_assert_eq!(got.len(), found.len());
        prop_assert_eq!(got, oracle(&candidate, &day));
        for c in &found {
            let o = day.iter().find(|o| o.id == c.other).expect("listed");
            prop_assert!(c.minutes >= 0);
            prop_assert_eq!(c.minutes, overlap_minutes(&candidate, o));
        }
        // Checking passes exactly when everything found is accepted.
        let all = ids(&found);
        prop_assert_eq!(check_clashes(&candidate, &day, &all), Ok(all.clone()));
        if let Some((first, rest)) = all.split_first() {
            prop_assert_eq!(check_clashes(&candidate, &day, rest).map_err(|c| c.other), Err(*first));
        }
    }

    #[test]
    fn the_plans_sweep_flags_exactly_the_bookings_that_clash(day in arb_bookings()) {
        let conflicts = detect_conflicts(&day, &[], BusinessTz::default(), &ConflictRules::default());
        let flagged: HashSet<i64> = conflicts
            .iter()
            .filter(|c| c.kind == ConflictKind::DoubleBooking)
            .flat_map(|c| [Some(c.first), c.second])
            .flatten()
            .collect();
        let clashing: HashSet<i64> = day
            .iter()
            .filter(|b| !clashes(b, &day).is_empty())
            .map(|b| b.id)
            .collect();
        prop_assert_eq!(flagged, clashing);
        // Every pair the sweep lists is a clash of the rule, with its overlap.
        for c in conflicts.iter().filter(|c| c.kind == ConflictKind::DoubleBooking) {
            let first = day.iter().find(|b| b.id == c.first).expect("first");
            let found = clashes(first, &day);
            prop_assert!(found.iter().any(|x| Some(x.other) == c.second && x.minutes == c.minutes));
        }
    }
}
