//! TZID resolution: IANA names (also behind vendor prefixes such as
//! `/mozilla.org/20070129_1/`), Windows names, then the file's own VTIMEZONE
//! rules. A local time in a spring-forward gap is the instant the gap ends; an
//! ambiguous autumn time is its earlier instant.

use std::cell::Cell;
use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::windows::iana_for_windows;
use super::{IcsTime, Observance, VTimezone};
use crate::domain::recurrence::{RRule, Until};
use crate::domain::time::BusinessTz;

/// A resolved time: an instant, or a whole day (all-day events).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

/// The IANA zone a TZID names: as is, quoted, behind a vendor prefix, or a
/// Windows zone name. `None` for anything else.
pub fn zone_for_tzid(tzid: &str) -> Option<Tz> {
    let s = tzid.trim().trim_matches('"').trim();
    if let Ok(tz) = s.parse::<Tz>() {
        return Some(tz);
    }
    let mut rest = s;
    while let Some(i) = rest.find('/') {
        rest = &rest[i + 1..];
        if let Ok(tz) = rest.parse::<Tz>() {
            return Some(tz);
        }
    }
    iana_for_windows(s).and_then(|name| name.parse::<Tz>().ok())
}

fn key(tzid: &str) -> &str {
    tzid.trim().trim_matches('"').trim()
}

/// Resolves [`IcsTime`]s: floating times are in the default zone.
#[derive(Debug, Clone)]
pub struct TzResolver {
    default: Tz,
    custom: HashMap<String, Rules>,
    /// What is left of [`PERIODS_PER_FILE`].
    periods_left: u64,
    /// What is left of [`SERIES_PERIODS_PER_FILE`] for the events' RRULEs.
    series_left: Cell<u64>,
}

/// The zone a wall-clock time is in.
pub(crate) enum Zone<'a> {
    Iana(Tz),
    Rules(&'a Rules),
}

impl TzResolver {
    pub fn new(default: Tz) -> Self {
        TzResolver {
            default,
            custom: HashMap::new(),
            periods_left: PERIODS_PER_FILE,
            series_left: Cell::new(SERIES_PERIODS_PER_FILE),
        }
    }

    /// How many periods the events' RRULEs may still be walked through.
    pub(crate) fn series_budget(&self) -> u64 {
        self.series_left.get()
    }

    /// Takes `periods` walked by an event's RRULE off the file's budget.
    pub(crate) fn spend_series(&self, periods: u64) {
        self.series_left
            .set(self.series_left.get().saturating_sub(periods));
    }

    /// The zone floating times are in.
    pub fn default_zone(&self) -> Tz {
        self.default
    }

    /// Makes a file's VTIMEZONE known (used when its TZID is neither an IANA
    /// nor a Windows name). A later one with the same TZID replaces it. Its
    /// changes are worked out here, once, from 1900 to 2200 (after that the
    /// offset stays); lookups cost the same whatever its rules.
    pub fn add(&mut self, tz: &VTimezone) {
        let rules = Rules::new(&tz.observances, &mut self.periods_left);
        self.custom.insert(key(&tz.tzid).to_owned(), rules);
    }

    pub fn resolve(&self, t: &IcsTime) -> Result<Resolved, String> {
        Ok(match t {
            IcsTime::Utc(t) => Resolved::At(*t),
            IcsTime::Date(d) => Resolved::Day(*d),
            IcsTime::Floating(local) => Resolved::At(self.instant(*local, None)?),
            IcsTime::Zoned { local, tzid } => Resolved::At(self.instant(*local, Some(tzid))?),
        })
    }

    /// The instant a resolved time starts at (a day: local midnight in the default zone).
    pub fn start_of(&self, r: &Resolved) -> DateTime<Utc> {
        match r {
            Resolved::At(t) => *t,
            Resolved::Day(d) => BusinessTz(self.default).instant(*d, NaiveTime::MIN),
        }
    }

    pub(crate) fn zone(&self, tzid: Option<&str>) -> Result<Zone<'_>, String> {
        let Some(tzid) = tzid else {
            return Ok(Zone::Iana(self.default));
        };
        if let Some(tz) = zone_for_tzid(tzid) {
            return Ok(Zone::Iana(tz));
        }
        match self.custom.get(key(tzid)) {
            Some(rules) if !rules.is_empty() => Ok(Zone::Rules(rules)),
            _ => Err(format!(
                "unknown time zone TZID={tzid:?} (expected an IANA name such as Europe/Copenhagen, \
                 a Windows name such as Romance Standard Time, or a VTIMEZONE in the file)"
            )),
        }
    }

    /// The instant of a wall-clock time in a zone (`None`: the default zone).
    pub fn instant(
        &self,
        local: NaiveDateTime,
        tzid: Option<&str>,
    ) -> Result<DateTime<Utc>, String> {
        Ok(match self.zone(tzid)? {
            Zone::Iana(tz) => BusinessTz(tz).instant(local.date(), local.time()),
            Zone::Rules(rules) => rules.instant(local).and_utc(),
        })
    }

    /// The wall-clock time of an instant in a zone (`None`: the default zone).
    pub fn local(&self, t: DateTime<Utc>, tzid: Option<&str>) -> Result<NaiveDateTime, String> {
        Ok(match self.zone(tzid)? {
            Zone::Iana(tz) => t.with_timezone(&tz).naive_local(),
            Zone::Rules(rules) => {
                let utc = t.naive_utc();
                utc.checked_add_signed(Duration::seconds(i64::from(rules.offset_at(utc))))
                    .unwrap_or(utc)
            }
        })
    }
}

fn shift(t: NaiveDateTime, secs: i32) -> Option<NaiveDateTime> {
    t.checked_sub_signed(Duration::seconds(i64::from(secs)))
}

/// Periods all of a file's recurring events are walked through at most
/// (each at most [`super::expand`]'s own bound), so a file of series written
/// to cost time is answered in bounded time.
pub(crate) const SERIES_PERIODS_PER_FILE: u64 = 5_000_000;

/// A VTIMEZONE's rules are followed from this year on (plus the last change
/// before it)...
const FIRST_YEAR: i32 = 1900;
/// ...up to the end of this year; the offset then stays as it was.
const LAST_YEAR: i32 = 2200;
/// Periods (years of a yearly rule, days of a daily one) one observance's
/// RRULE is walked through at most. Real zones change twice a year.
const PERIODS_PER_RULE: u64 = 20_000;
/// Periods all of a file's VTIMEZONEs are walked through at most; rules
/// beyond it count with their DTSTART and RDATEs only.
const PERIODS_PER_FILE: u64 = 400_000;

/// A VTIMEZONE's changes of offset, worked out once when the zone is read,
/// so a lookup is a binary search whatever the rules say.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rules {
    /// Onsets (UTC) and the offset from then on, in order; at equal times
    /// the later observance in the file wins.
    onsets: Vec<(NaiveDateTime, i32)>,
    /// The offset before the first onset.
    before: i32,
    /// Every offset the zone uses, ascending.
    offsets: Vec<i32>,
}

impl Rules {
    /// The changes of `obs` from [`FIRST_YEAR`] to [`LAST_YEAR`], walking at
    /// most `budget` periods in all (what is used is taken off it).
    fn new(obs: &[Observance], budget: &mut u64) -> Rules {
        let mut onsets = Vec::new();
        for o in obs {
            onsets_of(o, budget, &mut onsets);
        }
        // Stable: equal times keep the file's order, the last one wins.
        onsets.sort_by_key(|(t, _)| *t);
        let before = obs
            .iter()
            .min_by_key(|o| o.start)
            .map_or(0, |o| o.offset_from);
        let mut offsets: Vec<i32> = obs
            .iter()
            .flat_map(|o| [o.offset_from, o.offset_to])
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        Rules {
            onsets,
            before,
            offsets,
        }
    }

    fn is_empty(&self) -> bool {
        self.offsets.is_empty()
    }

    /// The last onset at or before `utc`.
    fn latest(&self, utc: NaiveDateTime) -> Option<(NaiveDateTime, i32)> {
        let i = self.onsets.partition_point(|(t, _)| *t <= utc);
        i.checked_sub(1).and_then(|i| self.onsets.get(i).copied())
    }

    /// The offset (seconds east of UTC) in force at a UTC time.
    fn offset_at(&self, utc: NaiveDateTime) -> i32 {
        self.latest(utc).map_or(self.before, |(_, off)| off)
    }

    /// The UTC time (naive) of a wall-clock time.
    fn instant(&self, local: NaiveDateTime) -> NaiveDateTime {
        // Largest offset first: the earliest instant wins when the time is ambiguous.
        for &off in self.offsets.iter().rev() {
            if let Some(utc) = shift(local, off)
                && self.offset_at(utc) == off
            {
                return utc;
            }
        }
        // In a gap: the onset that made it, i.e. the instant the gap ends.
        let smallest = self.offsets.first().copied().unwrap_or(0);
        let Some(probe) = shift(local, smallest) else {
            return local;
        };
        self.latest(probe).map_or(probe, |(t, _)| t)
    }
}

/// An observance's onsets (as UTC) within the years followed.
fn onsets_of(o: &Observance, budget: &mut u64, out: &mut Vec<(NaiveDateTime, i32)>) {
    let to_utc = |local: NaiveDateTime| shift(local, o.offset_from);
    let Some(first) = to_utc(o.start) else {
        return;
    };
    out.push((first, o.offset_to));
    out.extend(
        o.rdates
            .iter()
            .filter_map(|r| to_utc(*r))
            .map(|t| (t, o.offset_to)),
    );
    let Some(rule) = &o.rrule else {
        return;
    };
    let (Some(from), Some(last)) = (
        NaiveDate::from_ymd_opt(FIRST_YEAR - 1, 1, 1),
        NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31),
    ) else {
        return;
    };
    // A UTC UNTIL is on the clock before the onset.
    let until = match rule.until {
        Some(Until::Utc(u)) => u.checked_add_signed(Duration::seconds(i64::from(o.offset_from))),
        Some(Until::Date(d)) => d.and_hms_opt(23, 59, 59),
        Some(Until::Floating(u)) => Some(u),
        None => None,
    };
    // A COUNT too large to end the rule before the last year followed
    // changes nothing: without it the walk can start near the first year.
    let unbounded;
    let rule = if rule.count.is_some() && !rule.count_binds(o.start.date(), last) {
        unbounded = RRule {
            count: None,
            ..rule.clone()
        };
        &unbounded
    } else {
        rule
    };
    let periods = PERIODS_PER_RULE.min(*budget);
    // A rule that ended before the years followed is walked from its start,
    // for its last change.
    let skip = if until.is_some_and(|u| u.date() < from) {
        o.start.date()
    } else {
        from
    };
    let mut exp = rule
        .expand(o.start)
        .until(until)
        .horizon(last)
        .skip_to(skip)
        .max_periods(periods);
    let mut before: Option<NaiveDateTime> = None;
    for t in exp.by_ref().filter_map(to_utc) {
        if t.date() < from {
            // Only the last change before the years followed matters.
            before = Some(t);
        } else {
            out.push((t, o.offset_to));
        }
    }
    out.extend(before.map(|t| (t, o.offset_to)));
    *budget = budget.saturating_sub(exp.periods_used().min(periods));
}
