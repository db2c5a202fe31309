//! What the business knows about a customer from their bookings (the
//! business's `getCustomerMemory`): how often they had a visit, how long the
//! visits took, on which days and at what time, and who usually went.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{DateTime, NaiveTime, Timelike, Utc, Weekday};
use serde::Serialize;

use super::booking::{Booking, BookingStatus};
use super::time::BusinessTz;

/// Monday first.
const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Minutes a prefilled estimate is rounded up to.
const ESTIMATE_STEP_MIN: u32 = 15;

/// Minutes the usual start is rounded to.
const START_STEP_MIN: u32 = 15;

/// A customer's history, summed up. Days and times are local to the business.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CustomerMemory {
    /// Completed bookings.
    pub visits: u32,
    pub cancellations: u32,
    /// Scheduled or running bookings that start after now.
    pub upcoming: u32,
    /// Average worked minutes over the completed visits with a recorded
    /// start and finish.
    pub avg_actual_min: Option<u32>,
    /// Average estimate over the same visits.
    pub avg_estimate_min: Option<u32>,
    /// The weekday most completed visits fell on (ties: the earliest in the week).
    pub usual_weekday: Option<Weekday>,
    /// Every weekday a completed visit fell on, Monday first.
    pub weekdays: Vec<Weekday>,
    /// The median planned start of completed visits, rounded to 15 minutes.
    pub usual_start: Option<NaiveTime>,
    /// The cleaner who did most completed visits (ties: the one who went last).
    pub preferred_staff: Option<i64>,
    /// The planned start of the latest completed visit.
    pub last_visit: Option<DateTime<Utc>>,
}

/// Sums up the bookings of one customer, in any order.
pub fn customer_memory(bookings: &[Booking], now: DateTime<Utc>, tz: BusinessTz) -> CustomerMemory {
    let mut memory = CustomerMemory::default();
    let mut done: Vec<&Booking> = Vec::new();
    for b in bookings {
        match b.status {
            BookingStatus::Completed => done.push(b),
            BookingStatus::Cancelled => memory.cancellations += 1,
            BookingStatus::Scheduled | BookingStatus::InProgress => {
                if b.start > now {
                    memory.upcoming += 1;
                }
            }
        }
    }
    memory.visits = count(done.len());

    let timed: Vec<(u64, u64)> = done
        .iter()
        .filter_map(|b| {
            let actual = u64::try_from(b.actual_minutes()?.max(0)).ok()?;
            Some((actual, u64::from(b.estimate_min)))
        })
        .collect();
    memory.avg_actual_min = average(timed.iter().map(|t| t.0));
    memory.avg_estimate_min = average(timed.iter().map(|t| t.1));

    let mut per_day = [0u32; 7];
    for b in &done {
        per_day[tz.weekday(b.start).num_days_from_monday() as usize] += 1;
    }
    memory.weekdays = WEEK
        .iter()
        .zip(per_day)
        .filter(|(_, n)| *n > 0)
        .map(|(w, _)| *w)
        .collect();
    memory.usual_weekday = WEEK
        .iter()
        .zip(per_day)
        .filter(|(_, n)| *n > 0)
        .fold(None, |best: Option<(Weekday, u32)>, (w, n)| match best {
            Some((_, most)) if most >= n => best,
            _ => Some((*w, n)),
        })
        .map(|(w, _)| w);

    let mut starts: Vec<u32> = done
        .iter()
        .map(|b| tz.local(b.start).time().num_seconds_from_midnight() / 60)
        .collect();
    starts.sort_unstable();
    memory.usual_start = median_quarter(&starts);

    let mut by_staff: HashMap<i64, (u32, DateTime<Utc>)> = HashMap::new();
    for b in &done {
        if let Some(id) = b.staff_id {
            let entry = by_staff.entry(id).or_insert((0, b.start));
            entry.0 += 1;
            entry.1 = entry.1.max(b.start);
        }
    }
    memory.preferred_staff = by_staff
        .into_iter()
        .max_by_key(|(id, (n, last))| (*n, *last, Reverse(*id)))
        .map(|(id, _)| id);
    memory.last_visit = done.iter().map(|b| b.start).max();
    memory
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Rounded to the nearest minute, halves up.
fn average(values: impl Iterator<Item = u64>) -> Option<u32> {
    let (sum, n) = values.fold((0u64, 0u64), |(s, n), v| (s.saturating_add(v), n + 1));
    if n == 0 {
        return None;
    }
    u32::try_from((sum + n / 2) / n).ok()
}

/// The median of sorted minutes after midnight (the mean of the middle two
/// for an even count), rounded to the nearest quarter hour, halves up.
fn median_quarter(sorted: &[u32]) -> Option<NaiveTime> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    // Twice the median, so an even count stays exact.
    let twice = if n % 2 == 1 {
        2 * sorted[n / 2]
    } else {
        sorted[n / 2 - 1] + sorted[n / 2]
    };
    let minutes = (twice + START_STEP_MIN) / (2 * START_STEP_MIN) * START_STEP_MIN;
    let minutes = minutes % (24 * 60);
    NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)
}

impl CustomerMemory {
    /// The estimate to prefill for a new booking, in minutes: the average
    /// actual time rounded up to 15 minutes, else the average estimate, else
    /// `None`.
    pub fn suggested_estimate(&self) -> Option<u32> {
        match self.avg_actual_min {
            Some(actual) => Some(
                actual
                    .div_ceil(ESTIMATE_STEP_MIN)
                    .max(1)
                    .saturating_mul(ESTIMATE_STEP_MIN),
            ),
            None => self.avg_estimate_min,
        }
    }
}

#[cfg(test)]
mod tests;
