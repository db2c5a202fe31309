//! How sure the console is that a booking is what the dispatcher meant, and
//! the review rule: below a confidence of 0.8 a booking waits in the review
//! queue instead of going straight into the plan (fail-safe).
//!
//! Confidence starts at 1 and each doubtful fact takes a fixed share off:
//!
//! | fact                                                          | penalty |
//! |---------------------------------------------------------------|---------|
//! | the dispatcher kept a weekday that disagrees with the date    | 0.5     |
//! | outside the cleaner's working hours, or on their time off     | 0.3     |
//! | starts before now                                             | 0.3     |
//! | far from the customer's pattern (other weekday, or ≥ 3 h off) | 0.25    |
//! | a little off the customer's usual start (1.5–3 h)             | 0.1     |
//!
//! The pattern rules apply only to customers with at least three visits.
//! A booking without a cleaner is not penalised.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc, Weekday};

use super::memory::CustomerMemory;
use super::staff::Staff;
use super::time::BusinessTz;

/// Bookings with a confidence below this go to the review queue.
pub const REVIEW_THRESHOLD: f32 = 0.8;

/// Penalties in hundredths, so sums are exact and 0.8 compares as 0.8.
const WEEKDAY_MISMATCH: u32 = 50;
const OUTSIDE_STAFF_TIME: u32 = 30;
const IN_THE_PAST: u32 = 30;
const FAR_FROM_PATTERN: u32 = 25;
const OFF_USUAL_START: u32 = 10;

/// Visits a customer needs before their pattern counts.
const PATTERN_MIN_VISITS: u32 = 3;
/// Minutes from the usual start that count as a mild and a far deviation.
const MILD_START_MIN: u32 = 90;
const FAR_START_MIN: u32 = 180;

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// From 0 (surely wrong) to 1 (nothing doubtful).
    pub confidence: f32,
    /// One per doubtful fact, in the order of the table above (the view
    /// words them).
    pub reasons: Vec<Doubt>,
}

impl Assessment {
    /// Below [`REVIEW_THRESHOLD`]: a dispatcher must look before it is planned.
    pub fn needs_review(&self) -> bool {
        self.confidence < REVIEW_THRESHOLD
    }
}

/// One doubtful fact about a booking. Days and times are local to the
/// business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doubt {
    /// The date falls on another weekday than the one written and kept.
    WeekdayMismatch { date: NaiveDate, written: Weekday },
    /// The cleaner is off that day; `reason` as the time off gives it (may
    /// be empty).
    StaffOff {
        staff: String,
        day: NaiveDate,
        reason: String,
    },
    /// The cleaner does not work on that weekday.
    StaffNotWorking { staff: String, weekday: Weekday },
    /// The job (`from`–`to`) is outside the cleaner's hours of that weekday;
    /// `past_midnight` when it runs into the next day.
    OutsideHours {
        staff: String,
        from: NaiveTime,
        to: NaiveTime,
        hours: (NaiveTime, NaiveTime),
        weekday: Weekday,
        past_midnight: bool,
    },
    /// It starts before now.
    InThePast { date: NaiveDate, at: NaiveTime },
    /// The weekday is none of the customer's (`usual`, Monday first).
    NotTheCustomersDay {
        weekday: Weekday,
        usual: Vec<Weekday>,
    },
    /// It starts at `at`, `apart_min` minutes from the customer's usual start.
    OffUsualStart {
        at: NaiveTime,
        apart_min: u32,
        usual: NaiveTime,
    },
}

/// What [`assess`] looks at.
#[derive(Debug, Clone, Copy)]
pub struct ReviewInput<'a> {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// `None` while unassigned.
    pub staff: Option<&'a Staff>,
    /// The weekday the dispatcher wrote and kept although the date falls on
    /// another day ([`DateInput::mismatch`](super::when::DateInput::mismatch)
    /// after confirmation); `None` when there was no disagreement.
    pub confirmed_weekday_mismatch: Option<Weekday>,
    pub memory: Option<&'a CustomerMemory>,
    pub now: DateTime<Utc>,
    pub tz: BusinessTz,
}

/// How sure the console is about a booking, and why not more.
pub fn assess(input: &ReviewInput) -> Assessment {
    let mut penalty = 0;
    let mut reasons = Vec::new();
    let tz = input.tz;
    let date = tz.local_date(input.start);

    if let Some(written) = input
        .confirmed_weekday_mismatch
        .filter(|w| *w != date.weekday())
    {
        penalty += WEEKDAY_MISMATCH;
        reasons.push(Doubt::WeekdayMismatch { date, written });
    }

    if let Some(staff) = input.staff {
        let found = staff_doubts(input, staff);
        if !found.is_empty() {
            penalty += OUTSIDE_STAFF_TIME;
            reasons.extend(found);
        }
    }

    if input.start < input.now {
        penalty += IN_THE_PAST;
        reasons.push(Doubt::InThePast {
            date,
            at: minute(tz.local(input.start).time()),
        });
    }

    if let Some(memory) = input.memory.filter(|m| m.visits >= PATTERN_MIN_VISITS) {
        let (cost, found) = pattern_doubts(input, memory);
        penalty += cost;
        reasons.extend(found);
    }

    Assessment {
        confidence: 100u32.saturating_sub(penalty) as f32 / 100.0,
        reasons,
    }
}

/// Time off on any local day the job touches, and working hours of the day
/// it starts; a job that runs past local midnight is always outside them.
fn staff_doubts(input: &ReviewInput, staff: &Staff) -> Vec<Doubt> {
    let tz = input.tz;
    let first = tz.local_date(input.start);
    // The end is exclusive: a job ending at midnight does not touch the next day.
    let last = tz.local_date(input.end - Duration::seconds(1)).max(first);
    let mut found = Vec::new();

    if let Some(off) = first
        .iter_days()
        .take_while(|d| *d <= last)
        .find_map(|d| staff.off_on(d).map(|t| (d, t)))
    {
        let (day, time_off) = off;
        found.push(Doubt::StaffOff {
            staff: staff.name.clone(),
            day,
            reason: time_off.reason.clone(),
        });
    }

    let weekday = first.weekday();
    match staff.hours.on(weekday) {
        None => found.push(Doubt::StaffNotWorking {
            staff: staff.name.clone(),
            weekday,
        }),
        Some(h) => {
            let from = tz.instant(first, h.start);
            let to = tz.instant(first, h.end);
            let past_midnight = last > first;
            if past_midnight || input.start < from || input.end > to {
                found.push(Doubt::OutsideHours {
                    staff: staff.name.clone(),
                    from: minute(tz.local(input.start).time()),
                    to: minute(tz.local(input.end).time()),
                    hours: (h.start, h.end),
                    weekday,
                    past_midnight,
                });
            }
        }
    }
    found
}

/// The customer's usual weekdays and start time against this booking's:
/// the penalty (far or mild, not both) and a sentence per deviation.
fn pattern_doubts(input: &ReviewInput, memory: &CustomerMemory) -> (u32, Vec<Doubt>) {
    let tz = input.tz;
    let local = tz.local(input.start);
    let mut far = false;
    let mut mild = false;
    let mut found = Vec::new();

    let weekday = local.weekday();
    if !memory.weekdays.is_empty() && !memory.weekdays.contains(&weekday) {
        far = true;
        found.push(Doubt::NotTheCustomersDay {
            weekday,
            usual: memory.weekdays.clone(),
        });
    }

    if let Some(usual) = memory.usual_start {
        let at = local.time().num_seconds_from_midnight() / 60;
        let usual_min = usual.num_seconds_from_midnight() / 60;
        let apart = at.abs_diff(usual_min);
        // Around the clock, 23:30 and 00:30 are an hour apart.
        let apart = apart.min(24 * 60 - apart);
        if apart >= MILD_START_MIN {
            far |= apart >= FAR_START_MIN;
            mild = true;
            found.push(Doubt::OffUsualStart {
                at: minute(local.time()),
                apart_min: apart,
                usual,
            });
        }
    }

    let cost = if far {
        FAR_FROM_PATTERN
    } else if mild {
        OFF_USUAL_START
    } else {
        0
    };
    (cost, found)
}

/// A time to the minute (seconds dropped, as the console shows it).
fn minute(t: NaiveTime) -> NaiveTime {
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t)
}

#[cfg(test)]
mod tests;
