//! The sick call: a cleaner cannot come for a while; every job of theirs in
//! the period gets the best replacement the slot finder's rules allow (does
//! the service, covers the place, free at the job's very time with the
//! travel gap, within hours and the daily maximum), preferring a cleaner
//! the customer knows. Pure planning: the store applies an accepted plan as
//! one change.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::slots::{Calendar, Cleaner, Placed, Prepared, week_start};

/// A job of the sick cleaner, with what the planner needs about it.
#[derive(Debug, Clone, PartialEq)]
pub struct SickJob {
    pub job: Placed,
    /// Cleaners who did this customer's visits, most visits first.
    pub known_by: Vec<i64>,
}

/// Why a replacement was chosen: the facts; the view words them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplacementReason {
    /// Where they stand among the cleaners the customer knows (0: the usual one).
    pub known_rank: Option<usize>,
    /// Booked minutes that week, the job included.
    pub week_booked_min: i64,
    pub week_capacity_min: i64,
}

/// The plan for one job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replacement {
    pub booking_id: i64,
    /// The version seen while planning: a change made meanwhile is refused.
    pub version: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub customer_id: i64,
    pub service: String,
    /// `None`: nobody is free for it.
    pub to: Option<(i64, ReplacementReason)>,
}

/// Plans a replacement for each of `jobs` (any order; planned by start)
/// among `cleaners` (the sick one is skipped). A job given to someone
/// counts for the jobs after it.
pub fn plan_sick_call(
    sick: i64,
    jobs: &[SickJob],
    cleaners: &[Cleaner],
    cal: &Calendar,
) -> Vec<Replacement> {
    let mut order: Vec<&SickJob> = jobs.iter().filter(|j| j.job.booking.is_active()).collect();
    order.sort_by_key(|j| (j.job.booking.start, j.job.booking.id));
    let mut team: Vec<Cleaner> = cleaners.iter().filter(|c| c.id != sick).cloned().collect();
    let mut plan = Vec::with_capacity(order.len());
    for sj in order {
        let b = &sj.job.booking;
        let date = cal.tz.local_date(b.start);
        let week = week_start(date);
        let mut best: Option<(Key, usize, ReplacementReason)> = None;
        for (i, c) in team.iter().enumerate() {
            let a = &c.availability;
            if !a.does(&b.service) || !a.area.covers(sj.job.postcode) {
                continue;
            }
            let p = Prepared::new(c, cal, sj.job.postcode);
            let open = a.open_on(date, &c.time_off, cal.closed);
            if !p.fits(cal, date, &open, b.start, b.end, Some(b.id)) {
                continue;
            }
            let known_rank = sj.known_by.iter().position(|id| *id == c.id);
            let capacity = a
                .contract_min
                .map(i64::from)
                .unwrap_or_else(|| a.week.week_minutes());
            let booked = p.booked_week(week);
            let key = Key {
                known: known_rank.unwrap_or(usize::MAX),
                booked,
                capacity,
                id: c.id,
            };
            if best.as_ref().is_none_or(|(k, _, _)| key.better_than(k)) {
                best = Some((
                    key,
                    i,
                    ReplacementReason {
                        known_rank,
                        week_booked_min: booked + b.planned_minutes(),
                        week_capacity_min: capacity,
                    },
                ));
            }
        }
        let to = best.map(|(_, i, reason)| {
            let mut given = sj.job.clone();
            given.booking.staff_id = Some(team[i].id);
            team[i].jobs.push(given);
            (team[i].id, reason)
        });
        plan.push(Replacement {
            booking_id: b.id,
            version: b.version,
            start: b.start,
            end: b.end,
            customer_id: b.customer_id,
            service: b.service.clone(),
            to,
        });
    }
    plan
}

/// The order of candidates: known to the customer first, then the least
/// busy for their capacity, then the lower id.
struct Key {
    known: usize,
    booked: i64,
    capacity: i64,
    id: i64,
}

impl Key {
    fn better_than(&self, other: &Key) -> bool {
        let load = |k: &Key| (i128::from(k.booked), i128::from(k.capacity.max(1)));
        let ((ab, ac), (bb, bc)) = (load(self), load(other));
        (self.known, ab * bc, self.id) < (other.known, bb * ac, other.id)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, NaiveTime};

    use super::*;
    use crate::domain::availability::{Area, Availability, TravelGap, WeekHours};
    use crate::domain::booking::{Booking, BookingStatus};
    use crate::domain::time::BusinessTz;

    fn at(h: u32) -> DateTime<Utc> {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        BusinessTz::default().instant(day, NaiveTime::from_hms_opt(h, 0, 0).expect("time"))
    }

    fn placed(id: i64, staff: i64, customer: i64, h: u32, service: &str) -> Placed {
        Placed {
            booking: Booking {
                id,
                customer_id: customer,
                staff_id: Some(staff),
                service: service.into(),
                start: at(h),
                end: at(h) + Duration::hours(2),
                estimate_min: 120,
                status: BookingStatus::Scheduled,
                started_at: None,
                finished_at: None,
                address: String::new(),
                notes: String::new(),
                review: String::new(),
                cancel_reason: String::new(),
                version: 3,
            },
            postcode: Some(2100),
        }
    }

    fn cleaner(id: i64) -> Cleaner {
        Cleaner {
            id,
            name: format!("C{id}"),
            availability: Availability {
                week: WeekHours::parse("mon-fri 07:00-16:00").expect("week"),
                ..Availability::default()
            },
            time_off: Vec::new(),
            jobs: Vec::new(),
            last_booked: None,
        }
    }

    #[test]
    fn each_job_gets_the_best_free_replacement() {
        let never = |_: NaiveDate| false;
        let cal = Calendar {
            tz: BusinessTz::default(),
            closed: &never,
            gap: TravelGap::default(),
        };
        let sick = cleaner(1);
        // 2 knows customer 10 but is busy at 12; 3 does no windows; 4 is outside the area.
        let mut two = cleaner(2);
        two.jobs.push(placed(50, 2, 99, 12, "Fast rengøring"));
        let mut three = cleaner(3);
        three.availability.skills = vec!["Fast rengøring".into()];
        let mut four = cleaner(4);
        four.availability.area = Area::parse("8000").expect("area");
        let five = cleaner(5);
        let jobs = vec![
            SickJob {
                job: placed(11, 1, 10, 12, "Fast rengøring"),
                known_by: vec![2, 5],
            },
            SickJob {
                job: placed(10, 1, 10, 8, "Fast rengøring"),
                known_by: vec![2, 5],
            },
            SickJob {
                job: placed(12, 1, 20, 8, "Vinduespudsning"),
                known_by: vec![],
            },
            SickJob {
                job: placed(13, 1, 20, 9, "Vinduespudsning"),
                known_by: vec![],
            },
        ];
        let team = [sick, two, three, four, five];
        let plan = plan_sick_call(1, &jobs, &team, &cal);
        let to: Vec<(i64, Option<i64>)> = plan
            .iter()
            .map(|r| (r.booking_id, r.to.as_ref().map(|t| t.0)))
            .collect();
        // 10 at 08 → 2 (knows them); 12 at 08 → 5 (2 taken, 3 no skill);
        // 13 at 09 overlaps 12 and 10 → nobody left; 11 at 12 → 5 (2 busy).
        assert_eq!(
            to,
            [(10, Some(2)), (12, Some(5)), (13, None), (11, Some(5))]
        );
        assert_eq!(plan[0].version, 3);
        let reason = &plan[0].to.as_ref().expect("to").1;
        assert_eq!(reason.known_rank, Some(0));
    }
}
