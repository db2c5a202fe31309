use std::collections::HashSet;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use proptest::prelude::*;

use super::*;
use crate::domain::booking::BookingStatus;
use crate::domain::staff::{TimeOff, WorkingHours};

fn tz() -> BusinessTz {
    BusinessTz::default()
}

fn at(date: &str, hm: &str) -> DateTime<Utc> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    let t = NaiveTime::parse_from_str(hm, "%H:%M").expect("time");
    tz().instant(d, t)
}

fn staff(id: i64) -> Staff {
    Staff {
        id,
        name: format!("Cleaner {id}"),
        phone: String::new(),
        colour: "blue".into(),
        hours: WorkingHours::parse("mon-sun 07:00-18:00").expect("hours"),
        time_off: vec![],
        version: 1,
    }
}

fn job(id: i64, staff_id: i64, start: DateTime<Utc>, end: DateTime<Utc>) -> Booking {
    Booking {
        id,
        customer_id: 1,
        staff_id: Some(staff_id),
        service: "Rengøring".into(),
        start,
        end,
        estimate_min: (end - start).num_minutes() as u32,
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

fn kinds(c: &[Conflict]) -> Vec<(ConflictKind, i64, Option<i64>)> {
    c.iter().map(|c| (c.kind, c.first, c.second)).collect()
}

fn detect(b: &[Booking], s: &[Staff]) -> Vec<Conflict> {
    detect_conflicts(b, s, tz(), &ConflictRules::default())
}

#[test]
fn overlapping_jobs_of_one_cleaner_are_a_double_booking() {
    let d = "2026-11-20";
    let b = [
        job(1, 1, at(d, "09:00"), at(d, "12:00")),
        job(2, 1, at(d, "11:00"), at(d, "13:00")),
    ];
    let c = detect(&b, &[staff(1)]);
    assert_eq!(kinds(&c), vec![(ConflictKind::DoubleBooking, 1, Some(2))]);
    assert_eq!(c[0].minutes, 60);
}

#[test]
fn other_cleaners_and_cancelled_jobs_do_not_clash() {
    let d = "2026-11-20";
    let mut cancelled = job(3, 1, at(d, "09:30"), at(d, "10:00"));
    cancelled.status = BookingStatus::Cancelled;
    let b = [
        job(1, 1, at(d, "09:00"), at(d, "12:00")),
        job(2, 2, at(d, "09:00"), at(d, "12:00")),
        cancelled,
    ];
    assert!(detect(&b, &[staff(1), staff(2)]).is_empty());
}

#[test]
fn back_to_back_jobs_are_a_tight_gap_and_enough_travel_is_fine() {
    let d = "2026-11-20";
    let b = [
        job(1, 1, at(d, "08:00"), at(d, "10:00")),
        job(2, 1, at(d, "10:10"), at(d, "11:00")),
        job(3, 1, at(d, "11:15"), at(d, "12:00")),
    ];
    let c = detect(&b, &[staff(1)]);
    assert_eq!(kinds(&c), vec![(ConflictKind::TightGap, 1, Some(2))]);
    assert_eq!(c[0].minutes, 10);
}

#[test]
fn the_travel_gap_is_configurable() {
    let d = "2026-11-20";
    let b = [
        job(1, 1, at(d, "08:00"), at(d, "10:00")),
        job(2, 1, at(d, "10:20"), at(d, "11:00")),
    ];
    let rules = ConflictRules { travel_gap_min: 30 };
    let c = detect_conflicts(&b, &[staff(1)], tz(), &rules);
    assert_eq!(kinds(&c), vec![(ConflictKind::TightGap, 1, Some(2))]);
}

#[test]
fn a_long_job_clashes_with_every_job_inside_it() {
    let d = "2026-11-20";
    let b = [
        job(1, 1, at(d, "08:00"), at(d, "17:00")),
        job(2, 1, at(d, "09:00"), at(d, "10:00")),
        job(3, 1, at(d, "12:00"), at(d, "13:00")),
    ];
    let c = detect(&b, &[staff(1)]);
    assert_eq!(
        kinds(&c),
        vec![
            (ConflictKind::DoubleBooking, 1, Some(2)),
            (ConflictKind::DoubleBooking, 1, Some(3))
        ]
    );
}

#[test]
fn jobs_outside_working_hours_and_on_days_off() {
    let d = "2026-11-20"; // a Friday
    let mut s = staff(1);
    s.hours = WorkingHours::parse("mon-thu 07:00-16:00, fri 07:00-12:00").expect("hours");
    let b = [
        job(1, 1, at(d, "06:30"), at(d, "08:00")),
        job(2, 1, at(d, "11:00"), at(d, "12:30")),
    ];
    let c = detect(&b, &[s.clone()]);
    assert_eq!(
        kinds(&c),
        vec![
            (ConflictKind::OutsideHours, 1, None),
            (ConflictKind::OutsideHours, 2, None)
        ]
    );
    let sat = [job(
        3,
        1,
        at("2026-11-21", "09:00"),
        at("2026-11-21", "10:00"),
    )];
    let c = detect(&sat, &[s.clone()]);
    assert_eq!(kinds(&c), vec![(ConflictKind::OutsideHours, 3, None)]);
    let facts = c[0].facts(
        Some(&s),
        &|_| Some(("Hansen".into(), sat[0].start, sat[0].end)),
        tz(),
        &ConflictRules::default(),
    );
    assert_eq!(facts.day, StaffDay::NotWorking(chrono::Weekday::Sat));
}

#[test]
fn a_job_on_time_off_is_flagged_with_the_reason() {
    let d = "2026-11-24";
    let mut s = staff(1);
    s.time_off
        .push(TimeOff::parse("2026-11-23..2026-11-25: ferie").expect("time off"));
    let b = [
        job(1, 1, at(d, "09:00"), at(d, "10:00")),
        job(2, 1, at("2026-11-26", "09:00"), at("2026-11-26", "10:00")),
    ];
    let c = detect(&b, &[s.clone()]);
    assert_eq!(kinds(&c), vec![(ConflictKind::TimeOff, 1, None)]);
    let facts = c[0].facts(
        Some(&s),
        &|_| Some(("Hansen".into(), b[0].start, b[0].end)),
        tz(),
        &ConflictRules::default(),
    );
    assert_eq!(facts.day, StaffDay::Off("ferie".into()));
}

#[test]
fn a_job_across_midnight_is_outside_hours_and_clashes_on_the_next_day() {
    let mut s = staff(1);
    s.hours = WorkingHours::parse("mon-sun 00:00-23:59").expect("hours");
    s.time_off
        .push(TimeOff::parse("2026-11-21").expect("time off"));
    let night = job(1, 1, at("2026-11-20", "22:00"), at("2026-11-21", "02:00"));
    let early = job(2, 1, at("2026-11-21", "01:00"), at("2026-11-21", "03:00"));
    let c = detect(&[night, early], &[s]);
    let k = kinds(&c);
    assert!(
        k.contains(&(ConflictKind::DoubleBooking, 1, Some(2))),
        "{k:?}"
    );
    assert!(k.contains(&(ConflictKind::OutsideHours, 1, None)), "{k:?}");
    assert!(
        k.contains(&(ConflictKind::TimeOff, 1, None)),
        "the night job touches the day off: {k:?}"
    );
}

#[test]
fn a_job_ending_at_midnight_does_not_touch_the_next_day() {
    let mut s = staff(1);
    s.time_off
        .push(TimeOff::parse("2026-11-21").expect("time off"));
    let b = [job(
        1,
        1,
        at("2026-11-20", "16:00"),
        at("2026-11-21", "00:00"),
    )];
    let c = detect(&b, &[s]);
    assert!(!kinds(&c).iter().any(|k| k.0 == ConflictKind::TimeOff));
}

#[test]
fn working_hours_hold_in_local_time_on_dst_days() {
    // On 2026-03-29 clocks jump 02:00 → 03:00; on 2026-10-25 they fall back 03:00 → 02:00.
    for d in ["2026-03-29", "2026-10-25"] {
        let b = [job(1, 1, at(d, "07:00"), at(d, "18:00"))];
        assert!(
            detect(&b, &[staff(1)]).is_empty(),
            "{d}: a full local working day fits"
        );
        let b = [job(1, 1, at(d, "06:59"), at(d, "10:00"))];
        assert_eq!(
            kinds(&detect(&b, &[staff(1)])),
            vec![(ConflictKind::OutsideHours, 1, None)],
            "{d}"
        );
    }
}

#[test]
fn overlaps_are_measured_in_real_time_across_the_autumn_change() {
    // 01:30–02:30 (first occurrence, +02:00) and 02:00–03:00 local: the second
    // 02:00 is an hour later in real time, so they overlap by 30 real minutes.
    let d = "2026-10-25";
    let mut s = staff(1);
    s.hours = WorkingHours::parse("mon-sun 00:00-23:59").expect("hours");
    let first = job(1, 1, at(d, "01:30"), at(d, "02:30"));
    let second = job(2, 1, at(d, "02:00"), at(d, "03:00"));
    let c = detect(&[first, second], &[s]);
    assert_eq!(kinds(&c), vec![(ConflictKind::DoubleBooking, 1, Some(2))]);
    assert_eq!(c[0].minutes, 30);
}

#[test]
fn facts_name_both_jobs_in_local_time() {
    let d = "2026-11-20";
    let b = [
        job(1, 1, at(d, "09:00"), at(d, "12:00")),
        job(2, 1, at(d, "11:00"), at(d, "13:00")),
    ];
    let c = detect(&b, &[staff(1)]);
    let lookup = |id: i64| {
        b.iter()
            .find(|x| x.id == id)
            .map(|x| (format!("Kunde {id}"), x.start, x.end))
    };
    let facts = c[0].facts(Some(&staff(1)), &lookup, tz(), &ConflictRules::default());
    let hm = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").expect("time");
    assert_eq!(
        facts,
        ConflictFacts {
            kind: ConflictKind::DoubleBooking,
            staff: Some("Cleaner 1".into()),
            first: Job::Known {
                label: "Kunde 1".into(),
                from: hm("09:00"),
                to: hm("12:00"),
            },
            second: Some(Job::Known {
                label: "Kunde 2".into(),
                from: hm("11:00"),
                to: hm("13:00"),
            }),
            minutes: 60,
            travel_gap_min: 15,
            day: StaffDay::Unknown,
        }
    );
}

// The sweep must flag exactly the bookings that a pairwise check finds.
fn pairwise(b: &[Booking], gap: i64) -> (HashSet<i64>, HashSet<i64>) {
    let mut overlap = HashSet::new();
    let mut tight = HashSet::new();
    for x in b.iter().filter(|x| x.is_active()) {
        for y in b
            .iter()
            .filter(|y| y.is_active() && y.id != x.id && y.staff_id == x.staff_id)
        {
            if x.start < y.end && y.start < x.end {
                overlap.insert(x.id);
            }
            let g = (y.start - x.end).num_minutes();
            if (0..gap).contains(&g)
                && !b.iter().any(|z| {
                    z.is_active()
                        && z.staff_id == x.staff_id
                        && z.id != x.id
                        && z.id != y.id
                        && z.start < y.start
                        && z.end > x.end
                })
            {
                tight.insert(y.id);
            }
        }
    }
    (overlap, tight)
}

fn arb_day() -> impl Strategy<Value = Vec<Booking>> {
    let base = Utc
        .with_ymd_and_hms(2026, 3, 28, 23, 0, 0)
        .single()
        .expect("base"); // DST night
    prop::collection::vec(
        (
            0i64..3,
            0i64..(30 * 60),
            1i64..(4 * 12),
            prop::bool::weighted(0.1),
        ),
        0..60,
    )
    .prop_map(move |raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (s, q, len, cancelled))| {
                let start = base + Duration::minutes(q);
                let mut b = job(i as i64 + 1, s, start, start + Duration::minutes(len * 5));
                if cancelled {
                    b.status = BookingStatus::Cancelled;
                }
                b
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn the_sweep_flags_exactly_the_overlapping_bookings(day in arb_day()) {
        let staff: Vec<Staff> = (0..3).map(staff).collect();
        let c = detect(&day, &staff);
        let found = flagged(&c, Some(ConflictKind::DoubleBooking));
        let (overlap, _) = pairwise(&day, 15);
        prop_assert_eq!(found, overlap);
    }

    #[test]
    fn tight_gaps_are_real_and_never_overlaps(day in arb_day()) {
        let staff: Vec<Staff> = (0..3).map(staff).collect();
        let by_id: HashMap<i64, &Booking> = day.iter().map(|b| (b.id, b)).collect();
        for c in detect(&day, &staff).iter().filter(|c| c.kind == ConflictKind::TightGap) {
            let (a, b) = (by_id[&c.first], by_id[&c.second.expect("pair")]);
            let gap = (b.start - a.end).num_minutes();
            prop_assert!((0..15).contains(&gap));
            prop_assert_eq!(gap, c.minutes);
        }
        let (_, tight) = pairwise(&day, 15);
        // A job starting too soon after another is flagged: as a tight gap, or
        // as a double booking when it also overlaps a third job.
        let found = flagged(&detect(&day, &staff), None);
        for id in tight {
            prop_assert!(found.contains(&id), "booking {} follows another too closely but was not flagged", id);
        }
    }
}
