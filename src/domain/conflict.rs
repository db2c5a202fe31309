//! Clashes in the plan: double bookings, too-tight gaps, jobs outside working
//! hours and jobs on time off.
//!
//! Detection sorts once and sweeps each cleaner's jobs keeping the job that
//! reaches furthest, so it is O(n log n) for n bookings, never pairwise. Every
//! booking that overlaps any other is flagged (the property test checks this
//! against a pairwise oracle), though not every overlapping pair is listed.
//! When two bookings double-book is decided by [`super::clash`], the rule a
//! save obeys; the list of one booking's clashes comes from there too.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};
use serde::Serialize;

use super::booking::Booking;
use super::clash::{double_books, overlap_minutes};
use super::staff::Staff;
use super::time::BusinessTz;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ConflictKind {
    DoubleBooking,
    TightGap,
    OutsideHours,
    TimeOff,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// A double booking is a hard clash; the others are warnings.
    pub fn is_hard(self) -> bool {
        self == ConflictKind::DoubleBooking
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ConflictRules {
    /// Minutes a cleaner needs between two consecutive jobs.
    pub travel_gap_min: u32,
}

impl Default for ConflictRules {
    fn default() -> Self {
        ConflictRules { travel_gap_min: 15 }
    }
}

/// A booking as a conflict sentence names it: a label (usually the customer), start and end.
pub type BookingLabel = (String, DateTime<Utc>, DateTime<Utc>);

/// One clash. `second` is the other booking of a double booking or tight gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub staff_id: i64,
    pub first: i64,
    pub second: Option<i64>,
    /// Overlap (double booking) or gap (tight gap) in minutes; 0 otherwise.
    pub minutes: i64,
}

impl Conflict {
    pub fn involves(&self, booking_id: i64) -> bool {
        self.first == booking_id || self.second == Some(booking_id)
    }

    /// What a sentence about this clash says, resolved: the cleaner, both
    /// jobs in local time, and the cleaner's day where it matters. `booking`
    /// names a booking (usually by its customer); `staff` is the cleaner.
    pub fn facts(
        &self,
        staff: Option<&Staff>,
        booking: &dyn Fn(i64) -> Option<BookingLabel>,
        tz: BusinessTz,
        rules: &ConflictRules,
    ) -> ConflictFacts {
        let job = |id: i64| match booking(id) {
            Some((label, start, end)) => Job::Known {
                label,
                from: tz.local(start).time(),
                to: tz.local(end).time(),
            },
            None => Job::Unknown(id),
        };
        let when = booking(self.first).map(|(_, s, _)| s);
        let day = match self.kind {
            ConflictKind::OutsideHours => match (staff, when) {
                (Some(s), Some(t)) => match s.hours.on(tz.weekday(t)) {
                    Some(h) => StaffDay::Hours(h.start, h.end),
                    None => StaffDay::NotWorking(tz.weekday(t)),
                },
                _ => StaffDay::Unknown,
            },
            ConflictKind::TimeOff => match (staff, when) {
                (Some(s), Some(t)) => StaffDay::Off(
                    s.off_on(tz.local_date(t))
                        .map(|t| t.reason.clone())
                        .unwrap_or_default(),
                ),
                _ => StaffDay::Off(String::new()),
            },
            ConflictKind::DoubleBooking | ConflictKind::TightGap => StaffDay::Unknown,
        };
        ConflictFacts {
            kind: self.kind,
            staff: staff.map(|s| s.name.clone()),
            first: job(self.first),
            second: self.second.map(job),
            minutes: self.minutes,
            travel_gap_min: rules.travel_gap_min,
            day,
        }
    }
}

/// A booking as a clash names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Its label (usually the customer) and local start and end.
    Known {
        label: String,
        from: NaiveTime,
        to: NaiveTime,
    },
    /// A booking the plan does not hold, by id.
    Unknown(i64),
}

/// The cleaner's day, for a job outside working hours or on time off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffDay {
    /// Working from–to that day.
    Hours(NaiveTime, NaiveTime),
    /// Not working on that weekday.
    NotWorking(Weekday),
    /// Off that day, for this reason (may be empty).
    Off(String),
    /// Not known, or not part of this kind of clash.
    Unknown,
}

/// A clash resolved for words ([`Conflict::facts`]); the view says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictFacts {
    pub kind: ConflictKind,
    /// The cleaner's name (`None`: not known).
    pub staff: Option<String>,
    pub first: Job,
    /// The other job of a double booking or tight gap.
    pub second: Option<Job>,
    /// Overlap (double booking) or gap (tight gap) in minutes.
    pub minutes: i64,
    /// Minutes a cleaner needs between two jobs.
    pub travel_gap_min: u32,
    pub day: StaffDay,
}

/// Finds every clash among `bookings` (cancelled and unassigned ones are
/// ignored). Conflicts come sorted by cleaner and time.
pub fn detect_conflicts(
    bookings: &[Booking],
    staff: &[Staff],
    tz: BusinessTz,
    rules: &ConflictRules,
) -> Vec<Conflict> {
    let staff_by_id: HashMap<i64, &Staff> = staff.iter().map(|s| (s.id, s)).collect();
    let mut active: Vec<&Booking> = bookings
        .iter()
        .filter(|b| b.is_active() && b.end > b.start)
        .filter(|b| b.staff_id.is_some())
        .collect();
    active.sort_unstable_by_key(|b| (b.staff_id, b.start, b.end, b.id));

    let gap = Duration::minutes(i64::from(rules.travel_gap_min));
    let mut out = Vec::new();
    let mut reach: Option<&Booking> = None;
    let mut window = HoursWindow::default();
    for b in active {
        let Some(staff_id) = b.staff_id else { continue };
        if reach.is_some_and(|r| r.staff_id != b.staff_id) {
            reach = None;
        }
        if let Some(r) = reach {
            if double_books(r, b) {
                out.push(Conflict {
                    kind: ConflictKind::DoubleBooking,
                    staff_id,
                    first: r.id,
                    second: Some(b.id),
                    minutes: overlap_minutes(r, b),
                });
            } else if b.start - r.end < gap {
                out.push(Conflict {
                    kind: ConflictKind::TightGap,
                    staff_id,
                    first: r.id,
                    second: Some(b.id),
                    minutes: (b.start - r.end).num_minutes(),
                });
            }
        }
        if reach.is_none_or(|r| b.end > r.end) {
            reach = Some(b);
        }
        if let Some(s) = staff_by_id.get(&staff_id) {
            if outside_hours(b, s, tz, &mut window) {
                out.push(single(ConflictKind::OutsideHours, staff_id, b.id));
            }
            if on_time_off(b, s, tz) {
                out.push(single(ConflictKind::TimeOff, staff_id, b.id));
            }
        }
    }
    out
}

fn single(kind: ConflictKind, staff_id: i64, id: i64) -> Conflict {
    Conflict {
        kind,
        staff_id,
        first: id,
        second: None,
        minutes: 0,
    }
}

/// Outside the working hours of the day the job starts on; a job that runs
/// past local midnight is always outside.
fn outside_hours(b: &Booking, s: &Staff, tz: BusinessTz, window: &mut HoursWindow) -> bool {
    match window.get(s, b.start, tz) {
        None => true,
        Some((from, to)) => b.start < from || b.end > to,
    }
}

/// The working-hours window of the cleaner and local day last looked at.
/// Bookings arrive sorted by cleaner and start, so one remembered window
/// spares almost every time-zone conversion (the costly part of detection).
#[derive(Default)]
struct HoursWindow {
    staff_id: Option<i64>,
    /// `[day_start, day_end)` of the remembered local day.
    day: Option<(DateTime<Utc>, DateTime<Utc>)>,
    hours: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

impl HoursWindow {
    fn get(
        &mut self,
        s: &Staff,
        t: DateTime<Utc>,
        tz: BusinessTz,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let same_day = self.day.is_some_and(|(from, to)| from <= t && t < to);
        if self.staff_id != Some(s.id) || !same_day {
            let date = tz.local_date(t);
            self.staff_id = Some(s.id);
            self.day = Some(tz.day_bounds(date));
            self.hours = s
                .hours
                .on(date.weekday())
                .map(|h| (tz.instant(date, h.start), tz.instant(date, h.end)));
        }
        self.hours
    }
}

fn on_time_off(b: &Booking, s: &Staff, tz: BusinessTz) -> bool {
    if s.time_off.is_empty() {
        return false;
    }
    let first = tz.local_date(b.start);
    // The end is exclusive: a job ending at midnight does not touch the next day.
    let last = tz.local_date(b.end - Duration::seconds(1));
    s.time_off.iter().any(|t| t.from <= last && first <= t.to)
}

/// Booking ids involved in any conflict of `kind` (or any kind when `None`).
pub fn flagged(
    conflicts: &[Conflict],
    kind: Option<ConflictKind>,
) -> std::collections::HashSet<i64> {
    conflicts
        .iter()
        .filter(|c| kind.is_none_or(|k| c.kind == k))
        .flat_map(|c| std::iter::once(c.first).chain(c.second))
        .collect()
}

#[cfg(test)]
mod tests;
