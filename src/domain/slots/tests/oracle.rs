//! The finder against a brute-force oracle: every rule checked minute by
//! minute on random cleaners, jobs and questions, DST days included.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Europe::Copenhagen;
use proptest::prelude::*;
use proptest::strategy::Strategy as Gen;

use super::*;
use crate::domain::availability::{Area, DateOverride, OverrideHours, WeekHours};

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
