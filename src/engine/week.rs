//! One week of the plan, Monday to Sunday, for the week board and a
//! cleaner's week: each cleaner's jobs day by day in the order they are
//! done, with the marks the day view shows (the one double-booking rule,
//! the other conflicts, the review queue), and the hours booked against
//! the hours the cleaner works (their week and daily maximum from the
//! availability).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::config::Settings;
use crate::domain::availability::Availability;
use crate::domain::conflict::flagged;
use crate::domain::{Booking, BookingStatus, ConflictKind, Customer, Staff, detect_conflicts};
use crate::store::{Result, Store};

/// Days in a week.
pub const WEEK_DAYS: usize = 7;

/// A job as the week shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekJob {
    pub id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub customer: String,
    /// Where the job is: its own address, else the customer's.
    pub address: String,
    pub service: String,
    pub status: BookingStatus,
    /// Double-books another job of the cleaner.
    pub clash: bool,
    /// Takes part in another conflict (outside hours, a day off, a tight gap).
    pub warning: bool,
    /// Waits in the review queue.
    pub review: bool,
}

impl WeekJob {
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes().max(0)
    }
}

/// One cleaner's day in the week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekDay {
    pub date: NaiveDate,
    /// The day's jobs by start: the order they are done in.
    pub jobs: Vec<WeekJob>,
    /// Minutes booked (jobs starting that day).
    pub booked_min: i64,
    /// Minutes the cleaner is meant to work that day: their contract's
    /// share of the week (see `day_shares`), within their hours (none on a
    /// closed day or a day off) and their daily maximum.
    pub capacity_min: i64,
}

impl WeekDay {
    /// More booked than they are meant to work that day.
    pub fn over(&self) -> bool {
        self.booked_min > self.capacity_min
    }
}

/// A cleaner (or the unassigned jobs) over the week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekRow {
    /// `None`: the jobs without a (current) cleaner.
    pub staff_id: Option<i64>,
    pub name: String,
    /// A colour name or `#rrggbb`, for the row marker.
    pub colour: String,
    /// Monday first.
    pub days: Vec<WeekDay>,
    pub booked_min: i64,
    /// Contracted minutes a week, or the minutes of their week's hours when
    /// no contract is set.
    pub contract_min: i64,
    /// Whether `contract_min` is a contract (not only their hours).
    pub contracted: bool,
}

impl WeekRow {
    /// More booked this week than contracted.
    pub fn over(&self) -> bool {
        self.staff_id.is_some() && self.booked_min > self.contract_min
    }

    /// Jobs in the week.
    pub fn job_count(&self) -> usize {
        self.days.iter().map(|d| d.jobs.len()).sum()
    }
}

/// The week: a row per active cleaner in name order, and one for unassigned
/// jobs when there are any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekPlan {
    /// The Monday the week starts on.
    pub monday: NaiveDate,
    pub rows: Vec<WeekRow>,
}

/// The Monday of the ISO week `date` is in.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

impl WeekPlan {
    /// The seven dates, Monday first.
    pub fn dates(&self) -> [NaiveDate; WEEK_DAYS] {
        std::array::from_fn(|i| self.monday + Duration::days(i as i64))
    }

    /// The ISO week number.
    pub fn number(&self) -> u32 {
        self.monday.iso_week().week()
    }

    /// The row of a cleaner (`None`: the unassigned row).
    pub fn row_of(&self, staff_id: Option<i64>) -> Option<usize> {
        self.rows.iter().position(|r| r.staff_id == staff_id)
    }

    /// Assembles the week from loaded parts. Pure: `closed` says which
    /// dates the business is closed.
    pub fn build(
        monday: NaiveDate,
        staff: &[Staff],
        availability: &HashMap<i64, Availability>,
        bookings: &[Booking],
        customers: &HashMap<i64, Customer>,
        settings: &Settings,
        closed: &dyn Fn(NaiveDate) -> bool,
    ) -> WeekPlan {
        let tz = settings.tz;
        let monday = monday_of(monday);
        let dates: [NaiveDate; WEEK_DAYS] =
            std::array::from_fn(|i| monday + Duration::days(i as i64));
        let conflicts = detect_conflicts(bookings, staff, tz, &settings.conflicts);
        let clashes = flagged(&conflicts, Some(ConflictKind::DoubleBooking));
        let warnings = flagged(&conflicts, None);
        let known: HashMap<i64, usize> = staff.iter().enumerate().map(|(i, s)| (s.id, i)).collect();

        let mut rows: Vec<WeekRow> = staff
            .iter()
            .map(|s| {
                let fallback;
                let a = match availability.get(&s.id) {
                    Some(a) => a,
                    None => {
                        fallback = Availability::from_hours(&s.hours);
                        &fallback
                    }
                };
                let open: Vec<i64> = dates
                    .iter()
                    .map(|d| {
                        let open: i64 = a
                            .open_on(*d, &s.time_off, closed)
                            .iter()
                            .map(|iv| iv.minutes())
                            .sum();
                        a.daily_max_min.map_or(open, |m| open.min(i64::from(m)))
                    })
                    .collect();
                let days = dates
                    .iter()
                    .zip(day_shares(&open, a.contract_min.map(i64::from)))
                    .map(|(d, cap)| empty_day(*d, cap))
                    .collect();
                WeekRow {
                    staff_id: Some(s.id),
                    name: s.name.clone(),
                    colour: s.colour.clone(),
                    days,
                    booked_min: 0,
                    contract_min: a
                        .contract_min
                        .map(i64::from)
                        .unwrap_or_else(|| a.week.week_minutes()),
                    contracted: a.contract_min.is_some(),
                }
            })
            .collect();
        let mut unassigned = WeekRow {
            staff_id: None,
            name: String::new(),
            colour: String::new(),
            days: dates.iter().map(|d| empty_day(*d, 0)).collect(),
            booked_min: 0,
            contract_min: 0,
            contracted: false,
        };

        let mut sorted: Vec<&Booking> = bookings.iter().filter(|b| b.is_active()).collect();
        sorted.sort_by_key(|b| (b.start, b.id));
        for b in sorted {
            let date = tz.local_date(b.start);
            let Some(day) = dates.iter().position(|d| *d == date) else {
                continue;
            };
            let row = match b.staff_id.and_then(|id| known.get(&id)) {
                Some(i) => &mut rows[*i],
                None => &mut unassigned,
            };
            let customer = customers.get(&b.customer_id);
            let address = if b.address.trim().is_empty() {
                customer.map_or("", |c| c.address.as_str())
            } else {
                b.address.as_str()
            };
            let job = WeekJob {
                id: b.id,
                start: b.start,
                end: b.end,
                customer: customer.map_or_else(String::new, |c| c.name.clone()),
                address: address.to_string(),
                service: b.service.clone(),
                status: b.status,
                clash: clashes.contains(&b.id),
                warning: warnings.contains(&b.id),
                review: b.needs_review(),
            };
            let minutes = job.minutes();
            row.days[day].booked_min += minutes;
            row.days[day].jobs.push(job);
            row.booked_min += minutes;
        }
        if unassigned.job_count() > 0 {
            rows.push(unassigned);
        }
        WeekPlan { monday, rows }
    }

    /// Loads the week `date` is in from the store.
    pub fn load(store: &Store, date: NaiveDate, settings: &Settings) -> Result<WeekPlan> {
        let monday = monday_of(date);
        let (from, _) = settings.tz.day_bounds(monday);
        let (_, to) = settings
            .tz
            .day_bounds(monday + Duration::days(WEEK_DAYS as i64 - 1));
        let staff = store.staff()?;
        let availability = store.availabilities(&staff)?;
        let bookings = store.bookings_between(from, to)?;
        let customers = store.customers_by_id(bookings.iter().map(|b| b.customer_id))?;
        let holidays = &settings.holidays;
        Ok(WeekPlan::build(
            monday,
            &staff,
            &availability,
            &bookings,
            &customers,
            settings,
            &|d| holidays.is_closed(d),
        ))
    }
}

/// What a cleaner is meant to work each day of the week: with a contract,
/// its hours shared evenly over the days they work (a 37-hour week over
/// five days is 7 h 24 min a day), never more than the day's hours; without
/// one, the day's hours. Whole minutes; what the division leaves goes to the
/// first working days, so the week adds up to the contract.
fn day_shares(open: &[i64], contract_min: Option<i64>) -> Vec<i64> {
    let Some(contract) = contract_min else {
        return open.to_vec();
    };
    let working = open.iter().filter(|m| **m > 0).count() as i64;
    if working == 0 {
        return open.to_vec();
    }
    let (each, mut left) = (contract / working, contract % working);
    open.iter()
        .map(|&o| {
            if o == 0 {
                return 0;
            }
            let extra = i64::from(left > 0);
            left -= extra;
            (each + extra).min(o)
        })
        .collect()
}

fn empty_day(date: NaiveDate, capacity_min: i64) -> WeekDay {
    WeekDay {
        date,
        jobs: Vec::new(),
        booked_min: 0,
        capacity_min,
    }
}

#[cfg(test)]
mod tests;
