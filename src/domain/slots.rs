//! The slot finder: "who can take a 3-hour job on Tuesday?". Given a
//! duration, a window of days, the service, the place and optionally the
//! customer's usual cleaner, it lists each cleaner's free slots on a grid
//! and ranks the cleaners by a strategy, with the reason of each rank.
//!
//! Free means: inside the cleaner's hours for that local date (breaks,
//! overrides, time off and closed days taken out), inside the notice limits
//! and the daily maximum, and not double-booking any of their jobs grown by
//! the travel gap, by the one double-booking rule (`clash.rs`) the save
//! obeys. Days and hours are local wall time, converted to instants with
//! the business time zone date by date, so DST days come out right.

use std::cmp::Ordering;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use serde::Serialize;

use super::availability::{Availability, Interval, TravelGap};
use super::booking::{Booking, BookingStatus};
use super::clash::double_books;
use super::staff::TimeOff;
use super::time::BusinessTz;

mod rules;

pub use rules::{DEFAULT_GRID_MIN, SlotRules, check_grid};

/// One of a cleaner's jobs as the finder sees it: the booking and the
/// postcode of its place (for the travel gap).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub booking: Booking,
    pub postcode: Option<u16>,
}

/// A cleaner and what the finder needs to know of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaner {
    pub id: i64,
    pub name: String,
    pub availability: Availability,
    pub time_off: Vec<TimeOff>,
    /// Their jobs in and around the window: whole weeks, so the booked
    /// minutes of a week are known. Any order; cancelled ones are ignored.
    pub jobs: Vec<Placed>,
    /// The newest booking given to them (booking ids grow with each new
    /// booking): round robin puts the least recently booked first.
    pub last_booked: Option<i64>,
}

/// How cleaners are put in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "staff")]
pub enum Strategy {
    /// The customer's usual cleaner first, then round robin.
    Usual,
    /// Least recently booked first.
    RoundRobin,
    /// Fewest booked minutes this week for their contracted hours first.
    LeastBusy,
    /// Highest priority first, then round robin.
    Priority,
    /// Only this cleaner.
    Only(i64),
}

impl Strategy {
    /// Parses `usual`, `round-robin`, `least-busy` or `priority`.
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim().to_lowercase().as_str() {
            "usual" => Ok(Strategy::Usual),
            "round-robin" | "roundrobin" | "rr" => Ok(Strategy::RoundRobin),
            "least-busy" | "leastbusy" => Ok(Strategy::LeastBusy),
            "priority" => Ok(Strategy::Priority),
            other => Err(format!(
                "{other:?} is not a strategy (usual, round-robin, least-busy, priority)"
            )),
        }
    }
}

/// Limits on how soon and how far ahead a job may be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// A slot starts at least this many minutes after now.
    pub min_minutes: u32,
    /// And at most this many days after now.
    pub max_days: u32,
}

impl Default for Notice {
    fn default() -> Self {
        Notice {
            min_minutes: 120,
            max_days: 90,
        }
    }
}

/// What is asked.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotQuery {
    pub duration_min: u32,
    pub first_day: NaiveDate,
    pub days: u32,
    /// Slots start at or after this local time, when set.
    pub earliest: Option<NaiveTime>,
    /// Slots end at or before this local time, when set.
    pub latest: Option<NaiveTime>,
    /// The service (empty: any cleaner will do).
    pub service: String,
    /// Where the job is.
    pub postcode: Option<u16>,
    /// The customer's usual cleaner (from the customer's memory).
    pub usual: Option<i64>,
    pub strategy: Strategy,
    /// Minutes between slot starts, from local midnight (15 by default).
    pub grid_min: u32,
    pub notice: Notice,
    pub gap: TravelGap,
    pub now: DateTime<Utc>,
}

/// A free stretch for the job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Why a cleaner ranks where they do: the facts; the view words them
/// ("Anna: usual cleaner, 22 of 30 h booked this week").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub strategy: Strategy,
    /// The customer's usual cleaner.
    pub usual: bool,
    /// Booked minutes in the week of the window's first day.
    pub week_booked_min: i64,
    /// Contracted minutes per week (their week's hours when no contract is set).
    pub week_capacity_min: i64,
    pub contracted: bool,
    pub last_booked: Option<i64>,
    pub priority: i32,
}

/// One cleaner's free slots, in rank order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offer {
    pub staff_id: i64,
    pub name: String,
    /// 1 for the first.
    pub rank: usize,
    pub reason: Reason,
    pub slots: Vec<Slot>,
}

/// Why a cleaner is not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeftOut {
    /// They do not do the service.
    Skill,
    /// The place is outside their area.
    Area,
    /// No free time in the window.
    NoTime,
    /// Another cleaner was asked for.
    NotAsked,
}

/// The finder's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub offers: Vec<Offer>,
    /// Cleaners not offered, and why, by id.
    pub left_out: Vec<(i64, String, LeftOut)>,
    /// The usual cleaner was asked for, but the customer has no visits
    /// yet: the cleaners were ranked in turn (round robin) instead.
    pub no_history: bool,
}

impl Finding {
    /// The best slots across cleaners: the first slot of each offer in rank
    /// order, then the second of each, and so on (at most `n`).
    pub fn best(&self, n: usize) -> Vec<(&Offer, Slot)> {
        let mut out = Vec::new();
        let deepest = self.offers.iter().map(|o| o.slots.len()).max().unwrap_or(0);
        for i in 0..deepest {
            for o in &self.offers {
                if out.len() >= n {
                    return out;
                }
                if let Some(s) = o.slots.get(i) {
                    out.push((o, *s));
                }
            }
        }
        out
    }
}

/// Monday of the week of `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The rules that do not change from slot to slot: zone, closed days, gap.
pub struct Calendar<'a> {
    pub tz: BusinessTz,
    /// Days the business is closed (public holidays).
    pub closed: &'a dyn Fn(NaiveDate) -> bool,
    pub gap: TravelGap,
}

/// One cleaner prepared for checks: live jobs grown by the travel gap, by start.
pub(crate) struct Prepared<'a> {
    pub cleaner: &'a Cleaner,
    padded: Vec<Booking>,
    /// Booked minutes per local date of start.
    per_day: Vec<(NaiveDate, i64)>,
    /// The longest padded job, to bound the search of neighbours.
    longest: Duration,
}

impl<'a> Prepared<'a> {
    pub(crate) fn new(cleaner: &'a Cleaner, cal: &Calendar, place: Option<u16>) -> Self {
        let mut padded = Vec::with_capacity(cleaner.jobs.len());
        let mut per_day: Vec<(NaiveDate, i64)> = Vec::new();
        let mut longest = Duration::zero();
        for p in &cleaner.jobs {
            let b = &p.booking;
            if !b.is_active() {
                continue;
            }
            let gap = Duration::minutes(i64::from(cal.gap.between(place, p.postcode)));
            let mut grown = b.clone();
            grown.staff_id = Some(cleaner.id);
            grown.start = b.start - gap;
            grown.end = b.end + gap;
            longest = longest.max(grown.end - grown.start);
            padded.push(grown);
            per_day.push((cal.tz.local_date(b.start), b.planned_minutes()));
        }
        padded.sort_by_key(|b| (b.start, b.id));
        per_day.sort_unstable();
        let mut merged: Vec<(NaiveDate, i64)> = Vec::new();
        for (d, m) in per_day {
            match merged.last_mut() {
                Some((last, sum)) if *last == d => *sum += m,
                _ => merged.push((d, m)),
            }
        }
        Prepared {
            cleaner,
            padded,
            per_day: merged,
            longest,
        }
    }

    fn booked_on(&self, date: NaiveDate) -> i64 {
        self.per_day
            .binary_search_by_key(&date, |(d, _)| *d)
            .map(|i| self.per_day[i].1)
            .unwrap_or(0)
    }

    /// Booked minutes from `from` for 7 days.
    pub(crate) fn booked_week(&self, from: NaiveDate) -> i64 {
        let to = from + Duration::days(7);
        self.per_day
            .iter()
            .filter(|(d, _)| *d >= from && *d < to)
            .map(|(_, m)| m)
            .sum()
    }

    /// Does `[start, end)` double-book a padded job? The one clash rule,
    /// over the jobs that can reach it.
    fn taken(&self, start: DateTime<Utc>, end: DateTime<Utc>, except: Option<i64>) -> bool {
        let candidate = Booking {
            id: except.unwrap_or(0),
            customer_id: 0,
            staff_id: Some(self.cleaner.id),
            service: String::new(),
            start,
            end,
            estimate_min: 0,
            status: BookingStatus::Scheduled,
            started_at: None,
            finished_at: None,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
            cancel_reason: String::new(),
            version: 0,
        };
        let from = self
            .padded
            .partition_point(|b| b.start < start - self.longest);
        self.padded[from..]
            .iter()
            .take_while(|b| b.start < end)
            .any(|b| double_books(&candidate, b))
    }

    /// May the cleaner do `[start, end)` on local `date` (within one of
    /// `open`, under the daily maximum, not double-booking)? `except` is a
    /// job of theirs to leave out (the one being placed).
    pub(crate) fn fits(
        &self,
        cal: &Calendar,
        date: NaiveDate,
        open: &[Interval],
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        except: Option<i64>,
    ) -> bool {
        let inside = open.iter().any(|iv| {
            cal.tz.instant(date, iv.start) <= start && end <= cal.tz.instant(date, iv.end)
        });
        inside && self.free(date, start, end, except)
    }

    /// Under the daily maximum and not double-booking (the hours are the
    /// caller's to check).
    fn free(
        &self,
        date: NaiveDate,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        except: Option<i64>,
    ) -> bool {
        if let Some(max) = self.cleaner.availability.daily_max_min {
            let minutes = (end - start).num_minutes();
            if self.booked_on(date) + minutes > i64::from(max) {
                return false;
            }
        }
        !self.taken(start, end, except)
    }
}

/// The free slots of one cleaner for `q` (nothing about ranking).
pub(crate) fn free_slots(p: &Prepared, cal: &Calendar, q: &SlotQuery) -> Vec<Slot> {
    let mut out = Vec::new();
    let grid = i64::from(q.grid_min.max(1));
    let duration = Duration::minutes(i64::from(q.duration_min));
    if q.duration_min == 0 {
        return out;
    }
    let soonest = q.now + Duration::minutes(i64::from(q.notice.min_minutes));
    let furthest = q.now + Duration::days(i64::from(q.notice.max_days));
    for offset in 0..i64::from(q.days) {
        let date = q.first_day + Duration::days(offset);
        let open = p
            .cleaner
            .availability
            .open_on(date, &p.cleaner.time_off, cal.closed);
        for iv in &open {
            let from = match q.earliest {
                Some(e) => iv.start.max(e),
                None => iv.start,
            };
            let to = match q.latest {
                Some(l) => iv.end.min(l),
                None => iv.end,
            };
            if from >= to {
                continue;
            }
            let to_instant = cal.tz.instant(date, to);
            // The UTC offset, when it is the same all through the interval
            // (every day but the two DST days): wall times then convert
            // by arithmetic.
            let as_utc = |t: NaiveTime| Utc.from_utc_datetime(&date.and_time(t));
            let shift = cal.tz.instant(date, from) - as_utc(from);
            let steady = to_instant - as_utc(to) == shift;
            let from_min = i64::from(from.num_seconds_from_midnight()).div_euclid(60);
            let first = (from_min + grid - 1) / grid * grid;
            let mut minute = first;
            while minute < 24 * 60 {
                let Some(wall) =
                    NaiveTime::from_hms_opt((minute / 60) as u32, (minute % 60) as u32, 0)
                else {
                    break;
                };
                minute += grid;
                if wall >= to {
                    break;
                }
                let start = if steady {
                    as_utc(wall) + shift
                } else {
                    let start = cal.tz.instant(date, wall);
                    // A wall time skipped by the spring change does not exist.
                    if cal.tz.local(start).time() != wall {
                        continue;
                    }
                    start
                };
                let end = start + duration;
                if end > to_instant {
                    break;
                }
                if start < soonest || start > furthest {
                    continue;
                }
                // Inside the interval by construction.
                if p.free(date, start, end, None) {
                    out.push(Slot { start, end });
                }
            }
        }
    }
    out
}

/// Finds and ranks free slots for `q` among `cleaners`.
pub fn find_slots(cleaners: &[Cleaner], cal: &Calendar, q: &SlotQuery) -> Finding {
    let week = week_start(q.first_day);
    let mut ranked: Vec<(RankKey, Offer)> = Vec::new();
    let mut left_out = Vec::new();
    for c in cleaners {
        let why = match q.strategy {
            Strategy::Only(id) if id != c.id => Some(LeftOut::NotAsked),
            _ if !c.availability.does(&q.service) => Some(LeftOut::Skill),
            _ if !c.availability.area.covers(q.postcode) => Some(LeftOut::Area),
            _ => None,
        };
        if let Some(why) = why {
            left_out.push((c.id, c.name.clone(), why));
            continue;
        }
        let p = Prepared::new(c, cal, q.postcode);
        let slots = free_slots(&p, cal, q);
        if slots.is_empty() {
            left_out.push((c.id, c.name.clone(), LeftOut::NoTime));
            continue;
        }
        let reason = reason_of(&p, q, week);
        ranked.push((
            RankKey::of(&reason, c.id),
            Offer {
                staff_id: c.id,
                name: c.name.clone(),
                rank: 0,
                reason,
                slots,
            },
        ));
    }
    ranked.sort_by(|a, b| a.0.cmp(&b.0));
    let offers = ranked
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut o))| {
            o.rank = i + 1;
            o
        })
        .collect();
    Finding {
        offers,
        left_out,
        no_history: false,
    }
}

pub(crate) fn reason_of(p: &Prepared, q: &SlotQuery, week: NaiveDate) -> Reason {
    let a = &p.cleaner.availability;
    Reason {
        strategy: q.strategy,
        usual: q.usual == Some(p.cleaner.id),
        week_booked_min: p.booked_week(week),
        week_capacity_min: a
            .contract_min
            .map(i64::from)
            .unwrap_or_else(|| a.week.week_minutes()),
        contracted: a.contract_min.is_some(),
        last_booked: p.cleaner.last_booked,
        priority: a.priority,
    }
}

/// The order of cleaners under a strategy; the cleaner's id breaks ties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RankKey {
    reason: Reason,
    id: i64,
}

impl RankKey {
    pub(crate) fn of(reason: &Reason, id: i64) -> Self {
        RankKey {
            reason: reason.clone(),
            id,
        }
    }

    /// Never booked first, then the least recently booked.
    fn round_robin(&self, other: &Self) -> Ordering {
        match (self.reason.last_booked, other.reason.last_booked) {
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (a, b) => a.cmp(&b),
        }
    }

    /// Booked over capacity, compared without division; no capacity is full.
    fn load(&self, other: &Self) -> Ordering {
        let (a, b) = (&self.reason, &other.reason);
        match (a.week_capacity_min > 0, b.week_capacity_min > 0) {
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => a.week_booked_min.cmp(&b.week_booked_min),
            (true, true) => (i128::from(a.week_booked_min) * i128::from(b.week_capacity_min))
                .cmp(&(i128::from(b.week_booked_min) * i128::from(a.week_capacity_min))),
        }
    }
}

impl PartialOrd for RankKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RankKey {
    fn cmp(&self, other: &Self) -> Ordering {
        let first = match self.reason.strategy {
            Strategy::Usual => other
                .reason
                .usual
                .cmp(&self.reason.usual)
                .then_with(|| self.round_robin(other)),
            Strategy::RoundRobin | Strategy::Only(_) => self.round_robin(other),
            Strategy::LeastBusy => self.load(other).then_with(|| self.round_robin(other)),
            Strategy::Priority => other
                .reason
                .priority
                .cmp(&self.reason.priority)
                .then_with(|| self.round_robin(other)),
        };
        first.then(self.id.cmp(&other.id))
    }
}

#[cfg(test)]
mod tests;
