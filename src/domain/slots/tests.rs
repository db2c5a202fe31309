use std::collections::HashMap;

use chrono::TimeZone;

use super::Strategy;
use super::*;
use crate::domain::availability::{Area, WeekHours};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

fn local(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    BusinessTz::default().instant(date, hm(h, m))
}

fn job(id: i64, staff: i64, start: DateTime<Utc>, minutes: i64, postcode: Option<u16>) -> Placed {
    Placed {
        booking: Booking {
            id,
            customer_id: 1,
            staff_id: Some(staff),
            service: "Fast rengøring".into(),
            start,
            end: start + Duration::minutes(minutes),
            estimate_min: 0,
            status: BookingStatus::Scheduled,
            started_at: None,
            finished_at: None,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
            cancel_reason: String::new(),
            version: 1,
        },
        postcode,
    }
}

fn cleaner(id: i64, week: &str) -> Cleaner {
    Cleaner {
        id,
        name: format!("C{id}"),
        availability: Availability {
            week: WeekHours::parse(week).expect("week"),
            ..Availability::default()
        },
        time_off: Vec::new(),
        jobs: Vec::new(),
        last_booked: None,
    }
}

fn query(first_day: NaiveDate, days: u32, duration_min: u32) -> SlotQuery {
    SlotQuery {
        duration_min,
        first_day,
        days,
        earliest: None,
        latest: None,
        service: String::new(),
        postcode: None,
        usual: None,
        strategy: Strategy::RoundRobin,
        grid_min: 15,
        notice: Notice {
            min_minutes: 0,
            max_days: 365,
        },
        gap: TravelGap::default(),
        now: local(first_day, 0, 0) - Duration::days(1),
    }
}

fn never(_: NaiveDate) -> bool {
    false
}

fn cal(closed: &dyn Fn(NaiveDate) -> bool) -> Calendar<'_> {
    Calendar {
        tz: BusinessTz::default(),
        closed,
        gap: TravelGap::default(),
    }
}

#[test]
fn breaks_and_jobs_with_travel_gap() {
    let mut c = cleaner(1, "mon-fri 08:00-12:00,12:30-16:00");
    let day = d("2026-11-24");
    c.jobs.push(job(7, 1, local(day, 9, 0), 60, Some(2100)));
    let mut q = query(day, 1, 120);
    q.postcode = Some(2100);
    let f = find_slots(&[c], &cal(&never), &q);
    let starts: Vec<String> = f.offers[0]
        .slots
        .iter()
        .map(|s| BusinessTz::default().hm(s.start))
        .collect();
    // 08:00-12:00 with 09:00-10:00 taken (15 min gap within 2100): from
    // 10:15 to 12:00 is too short; the afternoon fits 12:30..14:00.
    assert_eq!(
        starts,
        [
            "12:30", "12:45", "13:00", "13:15", "13:30", "13:45", "14:00"
        ]
    );
}

#[test]
fn a_cleaner_without_the_skill_or_the_area_is_left_out() {
    let mut a = cleaner(1, "mon-fri 08:00-16:00");
    a.availability.skills = vec!["Vinduespudsning".into()];
    let mut b = cleaner(2, "mon-fri 08:00-16:00");
    b.availability.area = Area::parse("2100").expect("area");
    let c = cleaner(3, "mon-fri 08:00-16:00");
    let mut q = query(d("2026-11-24"), 1, 60);
    q.service = "Fast rengøring".into();
    q.postcode = Some(2200);
    let f = find_slots(&[a, b, c], &cal(&never), &q);
    assert_eq!(f.offers.len(), 1);
    assert_eq!(f.offers[0].staff_id, 3);
    let why: Vec<LeftOut> = f.left_out.iter().map(|l| l.2).collect();
    assert_eq!(why, [LeftOut::Skill, LeftOut::Area]);
}

#[test]
fn notice_limits_hold() {
    let c = cleaner(1, "mon-fri 08:00-16:00");
    let day = d("2026-11-24");
    let mut q = query(day, 3, 60);
    q.now = local(day, 9, 0);
    q.notice = Notice {
        min_minutes: 120,
        max_days: 1,
    };
    let f = find_slots(&[c], &cal(&never), &q);
    let slots = &f.offers[0].slots;
    assert_eq!(slots.first().map(|s| s.start), Some(local(day, 11, 0)));
    assert!(slots.iter().all(|s| s.start <= q.now + Duration::days(1)));
}

#[test]
fn daily_maximum_holds() {
    let mut c = cleaner(1, "mon-fri 08:00-16:00");
    c.availability.daily_max_min = Some(300);
    let day = d("2026-11-24");
    c.jobs.push(job(1, 1, local(day, 8, 0), 240, None));
    let f = find_slots(&[c], &cal(&never), &query(day, 1, 90));
    assert!(f.offers.is_empty(), "240 + 90 > 300");
}

/// Schedules before and after 13:00 on the days the clocks change keep
/// their wall times, and their real lengths.
#[test]
fn dst_days_keep_wall_times() {
    let tz = BusinessTz::default();
    for (day, offset) in [("2026-03-29", 2), ("2026-10-25", 1), ("2026-03-28", 1)] {
        let day = d(day);
        let mut c = cleaner(1, "mon-sun 06:00-12:00,14:00-18:00");
        c.jobs.push(job(1, 1, local(day, 7, 0), 60, Some(2100)));
        let mut q = query(day, 1, 120);
        q.postcode = Some(2100);
        let f = find_slots(&[c], &cal(&never), &q);
        let slots = &f.offers[0].slots;
        let walls: Vec<String> = slots.iter().map(|s| tz.hm(s.start)).collect();
        assert_eq!(walls.first().map(String::as_str), Some("08:15"), "{day}");
        assert!(walls.contains(&"14:00".to_string()), "{day}");
        assert_eq!(walls.last().map(String::as_str), Some("16:00"), "{day}");
        let first = slots[0].start;
        assert_eq!(
            first,
            Utc.with_ymd_and_hms(day.year(), day.month(), day.day(), 8 - offset, 15, 0)
                .single()
                .expect("utc"),
            "{day}"
        );
        assert!(slots.iter().all(|s| (s.end - s.start).num_minutes() == 120));
    }
}

#[test]
fn a_night_shift_over_the_spring_gap_skips_missing_wall_times() {
    let tz = BusinessTz::default();
    let day = d("2026-03-29");
    let c = cleaner(1, "sun 01:00-05:00");
    let f = find_slots(&[c], &cal(&never), &query(day, 1, 60));
    let walls: Vec<String> = f.offers[0].slots.iter().map(|s| tz.hm(s.start)).collect();
    // 02:00-02:59 do not exist; 01:00 + 60 real minutes ends at 03:00 wall.
    assert!(!walls.iter().any(|w| w.starts_with("02:")), "{walls:?}");
    assert_eq!(walls.first().map(String::as_str), Some("01:00"));
    assert_eq!(walls.last().map(String::as_str), Some("04:00"));
}

#[test]
fn strategies_rank_with_reasons_and_ties_by_id() {
    let day = d("2026-11-24");
    let mut a = cleaner(1, "mon-fri 08:00-16:00");
    a.availability.contract_min = Some(30 * 60);
    a.jobs.push(job(
        1,
        1,
        local(day - Duration::days(1), 8, 0),
        22 * 60 / 5,
        None,
    ));
    a.last_booked = Some(1);
    let mut b = cleaner(2, "mon-fri 08:00-16:00");
    b.availability.priority = 5;
    b.last_booked = Some(0);
    let c = cleaner(3, "mon-fri 08:00-16:00");
    let team = [a, b, c];
    let order = |strategy, usual| {
        let mut q = query(day, 1, 60);
        q.strategy = strategy;
        q.usual = usual;
        find_slots(&team, &cal(&never), &q)
            .offers
            .iter()
            .map(|o| o.staff_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(order(Strategy::RoundRobin, None), [3, 2, 1]);
    assert_eq!(order(Strategy::Usual, Some(1)), [1, 3, 2]);
    assert_eq!(order(Strategy::Priority, None), [2, 3, 1]);
    // 2 and 3 have nothing booked: round robin breaks the tie.
    assert_eq!(order(Strategy::LeastBusy, None), [3, 2, 1]);
    assert_eq!(order(Strategy::Only(2), None), [2]);
    let mut q = query(day, 1, 60);
    q.strategy = Strategy::Usual;
    q.usual = Some(1);
    let f = find_slots(&team, &cal(&never), &q);
    let r = &f.offers[0].reason;
    assert!(r.usual && r.contracted);
    assert_eq!((r.week_booked_min, r.week_capacity_min), (264, 1800));
}

mod distribution;
mod oracle;
