use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Europe::Copenhagen;
use proptest::prelude::*;
use proptest::strategy::Strategy as Gen;

use super::Strategy;
use super::*;
use crate::domain::availability::{Area, DateOverride, OverrideHours, WeekHours};

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

// ---------------------------------------------------------------- oracle

/// First day, days more, and the hours (`None`: closed).
type Override = (u32, u32, Option<Vec<(u32, u32)>>);

#[derive(Debug, Clone)]
struct Case {
    week: Vec<Vec<(u32, u32)>>,
    overrides: Vec<Override>,
    off: Vec<(u32, u32)>,
    closed: Vec<u32>,
    jobs: Vec<(u32, u32, u32, bool, bool)>,
    first: NaiveDate,
    days: u32,
    duration: u32,
    grid: u32,
    place: Option<u16>,
    daily_max: Option<u32>,
    now_min: u32,
    notice: (u32, u32),
    skilled: bool,
}

fn intervals() -> impl Gen<Value = Vec<(u32, u32)>> {
    prop::collection::vec((0u32..96, 1u32..40), 0..3).prop_map(|raw| {
        // Quarter-hour bounds, sorted and made disjoint.
        let mut out: Vec<(u32, u32)> = Vec::new();
        let mut at = 0;
        for (skip, len) in raw {
            let start = at + skip % 24 + 1;
            let end = (start + len).min(96);
            if start >= 96 || start >= end {
                break;
            }
            out.push((start * 15, end * 15));
            at = end;
        }
        out
    })
}

fn case() -> impl Gen<Value = Case> {
    let firsts = prop::sample::select(vec![
        d("2026-03-27"),
        d("2026-03-29"),
        d("2026-10-23"),
        d("2026-10-25"),
        d("2026-11-23"),
    ]);
    (
        prop::collection::vec(intervals(), 7),
        prop::collection::vec((0u32..5, 0u32..3, prop::option::of(intervals())), 0..3),
        prop::collection::vec((0u32..5, 0u32..2), 0..2),
        prop::collection::vec(0u32..5, 0..2),
        prop::collection::vec(
            (
                0u32..5,
                0u32..(24 * 12),
                1u32..60,
                any::<bool>(),
                any::<bool>(),
            ),
            0..12,
        ),
        firsts,
        1u32..5,
        (1u32..30, prop::sample::select(vec![5u32, 15, 30])),
        (
            prop::option::of(prop::sample::select(vec![2100u16, 2200])),
            prop::option::of(60u32..600),
        ),
        (0u32..(5 * 24 * 60), 0u32..600, 0u32..6),
        any::<bool>(),
    )
        .prop_map(
            |(
                week,
                overrides,
                off,
                closed,
                jobs,
                first,
                days,
                (dur, grid),
                (place, daily_max),
                (now_min, nmin, nmax),
                skilled,
            )| Case {
                week,
                overrides,
                off,
                closed,
                jobs,
                first,
                days,
                duration: dur * 15,
                grid,
                place,
                daily_max,
                now_min,
                notice: (nmin, nmax),
                skilled,
            },
        )
}

fn to_intervals(list: &[(u32, u32)]) -> Vec<Interval> {
    list.iter()
        .map(|(a, b)| Interval {
            start: NaiveTime::MIN + Duration::minutes(i64::from(*a)),
            end: if *b >= 24 * 60 {
                hm(23, 59)
            } else {
                NaiveTime::MIN + Duration::minutes(i64::from(*b))
            },
        })
        .filter(|iv| iv.start < iv.end)
        .collect()
}

struct Built {
    cleaner: Cleaner,
    closed: BTreeSet<NaiveDate>,
    query: SlotQuery,
}

fn build(c: &Case) -> Built {
    let day = |i: u32| c.first + Duration::days(i64::from(i));
    let mut week: [Vec<Interval>; 7] = Default::default();
    for (i, list) in c.week.iter().enumerate() {
        week[i] = to_intervals(list);
    }
    let overrides = c
        .overrides
        .iter()
        .map(|(from, len, hours)| DateOverride {
            from: day(*from),
            to: day(*from + *len),
            hours: match hours {
                None => OverrideHours::Closed,
                Some(list) => OverrideHours::Hours(to_intervals(list)),
            },
        })
        .collect();
    let time_off = c
        .off
        .iter()
        .map(|(from, len)| TimeOff {
            from: day(*from),
            to: day(*from + *len),
            reason: String::new(),
        })
        .collect();
    let jobs = c
        .jobs
        .iter()
        .enumerate()
        .map(|(i, (dd, five, len, cancelled, here))| {
            let start = BusinessTz::default().day_bounds(day(*dd)).0
                + Duration::minutes(i64::from(*five) * 5);
            let mut p = job(
                i as i64 + 1,
                1,
                start,
                i64::from(*len) * 5,
                if *here { c.place } else { Some(9000) },
            );
            if *cancelled && i % 3 == 0 {
                p.booking.status = BookingStatus::Cancelled;
            }
            p
        })
        .collect();
    let cleaner = Cleaner {
        id: 1,
        name: "Anna".into(),
        availability: Availability {
            week: WeekHours(week),
            overrides,
            skills: if c.skilled {
                Vec::new()
            } else {
                vec!["Vinduespudsning".into()]
            },
            area: Area::default(),
            contract_min: None,
            daily_max_min: c.daily_max,
            priority: 0,
        },
        time_off,
        jobs,
        last_booked: None,
    };
    let mut query = query(c.first, c.days, c.duration);
    query.grid_min = c.grid;
    query.postcode = c.place;
    query.service = "Fast rengøring".into();
    query.now = BusinessTz::default().day_bounds(c.first).0 - Duration::days(1)
        + Duration::minutes(i64::from(c.now_min));
    query.notice = Notice {
        min_minutes: c.notice.0,
        max_days: c.notice.1,
    };
    Built {
        cleaner,
        closed: c.closed.iter().map(|i| day(*i)).collect(),
        query,
    }
}

/// Every grid start, checked minute by minute against every rule.
fn oracle(b: &Built) -> BTreeSet<DateTime<Utc>> {
    let c = &b.cleaner;
    let q = &b.query;
    let mut out = BTreeSet::new();
    if !c.availability.does(&q.service) {
        return out;
    }
    let gap = TravelGap::default();
    let dur = Duration::minutes(i64::from(q.duration_min));
    let mut booked: HashMap<NaiveDate, i64> = HashMap::new();
    for j in c.jobs.iter().filter(|j| j.booking.is_active()) {
        *booked
            .entry(j.booking.start.with_timezone(&Copenhagen).date_naive())
            .or_default() += (j.booking.end - j.booking.start).num_minutes();
    }
    for i in 0..q.days {
        let date = q.first_day + Duration::days(i64::from(i));
        if b.closed.contains(&date) || c.time_off.iter().any(|t| t.from <= date && date <= t.to) {
            continue;
        }
        let open: Vec<Interval> = match c
            .availability
            .overrides
            .iter()
            .rev()
            .find(|o| o.from <= date && date <= o.to)
        {
            Some(o) => match &o.hours {
                OverrideHours::Closed => Vec::new(),
                OverrideHours::Hours(l) => l.clone(),
            },
            None => c.availability.week.0[date.weekday().num_days_from_monday() as usize].clone(),
        };
        let instant = |t: NaiveTime| {
            let naive = NaiveDateTime::new(date, t);
            match Copenhagen.from_local_datetime(&naive).earliest() {
                Some(x) => x.with_timezone(&Utc),
                None => {
                    // In the spring gap: the first instant after it.
                    let mut probe = naive;
                    loop {
                        probe += Duration::minutes(1);
                        if let Some(x) = Copenhagen.from_local_datetime(&probe).earliest() {
                            return x.with_timezone(&Utc);
                        }
                    }
                }
            }
        };
        let mut m = 0;
        while m < 24 * 60 {
            let wall = NaiveTime::MIN + Duration::minutes(i64::from(m));
            m += q.grid_min;
            let Some(start) = Copenhagen
                .from_local_datetime(&NaiveDateTime::new(date, wall))
                .earliest()
                .map(|x| x.with_timezone(&Utc))
            else {
                continue;
            };
            let end = start + dur;
            let inside = open
                .iter()
                .any(|iv| instant(iv.start) <= start && end <= instant(iv.end));
            let notice = start >= q.now + Duration::minutes(i64::from(q.notice.min_minutes))
                && start <= q.now + Duration::days(i64::from(q.notice.max_days));
            let free = c.jobs.iter().filter(|j| j.booking.is_active()).all(|j| {
                let g = Duration::minutes(i64::from(gap.between(q.postcode, j.postcode)));
                end <= j.booking.start - g || start >= j.booking.end + g
            });
            let under_max = c.availability.daily_max_min.is_none_or(|max| {
                booked.get(&date).copied().unwrap_or(0) + dur.num_minutes() <= i64::from(max)
            });
            if inside && notice && free && under_max {
                out.insert(start);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The finder's slots are exactly the oracle's: none breaks a rule
    /// (hours, breaks, overrides, time off, closed days, notice, daily
    /// maximum, skill, jobs plus travel gap) and none on the grid is missed.
    #[test]
    fn finder_matches_brute_force(c in case()) {
        let b = build(&c);
        let closed = |day: NaiveDate| b.closed.contains(&day);
        let f = find_slots(std::slice::from_ref(&b.cleaner), &cal(&closed), &b.query);
        let got: BTreeSet<DateTime<Utc>> = f
            .offers
            .iter()
            .flat_map(|o| o.slots.iter().map(|s| s.start))
            .collect();
        let want = oracle(&b);
        prop_assert_eq!(got, want);
        for o in &f.offers {
            for s in &o.slots {
                prop_assert_eq!((s.end - s.start).num_minutes(), i64::from(b.query.duration_min));
            }
        }
    }

    /// Every free stretch at least the duration plus one grid step long
    /// holds a slot.
    #[test]
    fn every_long_enough_gap_is_found(c in case()) {
        let mut c = c;
        c.skilled = true;
        c.daily_max = None;
        c.notice = (0, 30);
        c.now_min = 0;
        c.closed.clear();
        c.off.clear();
        c.overrides.clear();
        let b = build(&c);
        let f = find_slots(std::slice::from_ref(&b.cleaner), &cal(&never), &b.query);
        let got: Vec<Slot> = f.offers.iter().flat_map(|o| o.slots.clone()).collect();
        let gap = TravelGap::default();
        let tz = BusinessTz::default();
        for i in 0..b.query.days {
            let date = b.query.first_day + Duration::days(i64::from(i));
            for iv in b.cleaner.availability.open_on(date, &[], &never) {
                let (from, to) = (tz.instant(date, iv.start), tz.instant(date, iv.end));
                // Walk the interval minute by minute; a free run long enough must hold a slot.
                let mut run_start: Option<DateTime<Utc>> = None;
                let mut t = from;
                while t <= to {
                    let busy = t == to || b.cleaner.jobs.iter().filter(|j| j.booking.is_active()).any(|j| {
                        let g = Duration::minutes(i64::from(gap.between(b.query.postcode, j.postcode)));
                        j.booking.start - g <= t && t < j.booking.end + g
                    });
                    match (busy, run_start) {
                        (false, None) => run_start = Some(t),
                        (true, Some(s)) => {
                            // In the hour the autumn change repeats, slots start
                            // only at its first occurrence.
                            let (d0, d1) = tz.day_bounds(date);
                            let repeated = if (d1 - d0).num_hours() == 25 { 60 } else { 0 };
                            let need = i64::from(b.query.duration_min + b.query.grid_min) + repeated;
                            if (t - s).num_minutes() >= need {
                                prop_assert!(
                                    got.iter().any(|slot| slot.start >= s && slot.end <= t),
                                    "free {s}..{t} has no slot"
                                );
                            }
                            run_start = None;
                        }
                        _ => {}
                    }
                    t += Duration::minutes(1);
                }
            }
        }
    }
}

mod distribution;
