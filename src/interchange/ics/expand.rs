//! The occurrences of an event: its RRULE expanded in the wall-clock time of
//! its DTSTART's zone (so 09:00 stays 09:00 across daylight-saving changes),
//! plus RDATEs, minus EXDATEs.

use std::collections::HashSet;

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::tz::{SERIES_PERIODS_PER_FILE, TzResolver};
use super::{Event, IcsTime, Resolved};
use crate::domain::recurrence::{RRule, Until};

/// One occurrence. `key` is `""` for a single event, else the original start
/// (`20261123T090000Z` or, all day, `20261123`): the RECURRENCE-ID an override
/// of it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub key: String,
    pub start: Resolved,
    pub end: Resolved,
}

/// The key of an occurrence starting at `t`: `20261123T090000Z` or `20261123`.
/// Written by hand for years 0 to 9999 (an import makes one for every
/// occurrence of every recurring event, and the format's machinery was a
/// tenth of reading the file); other years as the format writes them.
pub fn recurrence_key(t: &Resolved) -> String {
    use chrono::{Datelike, Timelike};
    let date = match t {
        Resolved::At(t) => t.date_naive(),
        Resolved::Day(d) => *d,
    };
    if !(0..=9999).contains(&date.year()) {
        return match t {
            Resolved::At(t) => t.format("%Y%m%dT%H%M%SZ").to_string(),
            Resolved::Day(d) => d.format("%Y%m%d").to_string(),
        };
    }
    let mut out = String::with_capacity(16);
    let mut two = |n: u32| {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    };
    let year = date.year() as u32;
    two(year / 100);
    two(year % 100);
    two(date.month());
    two(date.day());
    if let Resolved::At(t) = t {
        two(t.hour());
        two(t.minute());
        // A leap second counts as second 60, as the format writes it.
        two(t.second() + t.nanosecond() / 1_000_000_000);
        out.insert(8, 'T');
        out.push('Z');
    }
    out
}

/// No occurrence is looked for after this day.
const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Periods (days of a daily rule, years of a yearly one) an event's RRULE is
/// walked through at most: a COUNT rule is walked from its DTSTART, so one
/// from year 1 would otherwise take minutes.
const MAX_PERIODS: u64 = 20_000;

/// How long each occurrence lasts: the master's.
#[derive(Debug, Clone, Copy)]
enum Span {
    Timed(Duration),
    Days(i64),
}

impl Span {
    fn of(ev: &Event, tz: &TzResolver, start: Resolved) -> Result<Span, String> {
        let end = ev.end.as_ref().map(|e| tz.resolve(e)).transpose()?;
        Ok(match (start, end) {
            (Resolved::Day(s), Some(Resolved::Day(e))) => Span::Days((e - s).num_days()),
            (Resolved::Day(s), Some(e @ Resolved::At(_))) => {
                let e = tz.start_of(&e);
                Span::Days((e - tz.start_of(&Resolved::Day(s))).num_days().max(1))
            }
            (Resolved::At(s), Some(e)) => Span::Timed(tz.start_of(&e) - s),
            (Resolved::Day(_), None) => Span::Days(ev.duration.map_or(1, |d| {
                let days = d.num_days();
                if d > Duration::days(days) {
                    days + 1
                } else {
                    days
                }
            })),
            (Resolved::At(_), None) => Span::Timed(ev.duration.unwrap_or_else(Duration::zero)),
        })
    }

    fn end(self, start: Resolved) -> Resolved {
        match (self, start) {
            (Span::Days(n), Resolved::Day(d)) => {
                let end = if n >= 0 {
                    d.checked_add_days(Days::new(n.unsigned_abs()))
                } else {
                    d.checked_sub_days(Days::new(n.unsigned_abs()))
                };
                Resolved::Day(end.unwrap_or(d))
            }
            (Span::Timed(dur), Resolved::At(t)) => {
                Resolved::At(t.checked_add_signed(dur).unwrap_or(t))
            }
            (_, s) => s,
        }
    }
}

fn name(ev: &Event) -> String {
    if ev.uid.is_empty() {
        format!("the event of line {}", ev.line)
    } else {
        format!("event {:?} (line {})", ev.uid, ev.line)
    }
}

/// The wall clock a recurrence is expanded on.
enum Clock<'a> {
    Utc,
    Zone(Option<&'a str>),
    Days,
}

/// The event's occurrences that start in `[from, to)` (all day: whose local
/// midnight in the default zone does), at most `limit` (an `Err` says so when
/// there are more). The window applies to recurring events (RRULE or RDATE)
/// only: a single event yields its one occurrence with key `""`, and an
/// override (RECURRENCE-ID) its one occurrence keyed by that id. Overrides are
/// separate events with the same UID: the caller puts them in place of the
/// master's occurrence with the same key.
pub fn occurrences(
    ev: &Event,
    tz: &TzResolver,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<Occurrence>, String> {
    let err = |e: String| format!("{}: {e}", name(ev));
    let Some(first) = &ev.start else {
        return Err(err("no DTSTART".into()));
    };
    let start = tz.resolve(first).map_err(err)?;
    let span = Span::of(ev, tz, start).map_err(err)?;
    if let Some(rid) = &ev.recurrence_id {
        let key = recurrence_key(&tz.resolve(rid).map_err(err)?);
        return Ok(vec![Occurrence {
            key,
            start,
            end: span.end(start),
        }]);
    }
    if ev.rrule.is_none() && ev.rdates.is_empty() {
        return Ok(vec![Occurrence {
            key: String::new(),
            start,
            end: span.end(start),
        }]);
    }

    let exdates: Vec<Resolved> = ev
        .exdates
        .iter()
        .map(|x| tz.resolve(x))
        .collect::<Result<_, _>>()
        .map_err(err)?;
    // Sets, so that thousands of EXDATEs cost no more than a few.
    let mut ex_at: HashSet<DateTime<Utc>> = HashSet::new();
    let mut ex_day: HashSet<NaiveDate> = HashSet::new();
    let mut ex_at_day: HashSet<NaiveDate> = HashSet::new();
    for x in &exdates {
        match x {
            Resolved::At(a) => {
                ex_at.insert(*a);
                if let Ok(l) = tz.local(*a, None) {
                    ex_at_day.insert(l.date());
                }
            }
            Resolved::Day(d) => {
                ex_day.insert(*d);
            }
        }
    }
    let excluded = |r: &Resolved| match r {
        Resolved::At(b) => {
            ex_at.contains(b)
                || (!ex_day.is_empty()
                    && tz.local(*b, None).is_ok_and(|l| ex_day.contains(&l.date())))
        }
        Resolved::Day(b) => ex_day.contains(b) || ex_at_day.contains(b),
    };
    let mut found: Vec<Occurrence> = Vec::new();
    let too_many = || {
        err(format!(
            "more than {limit} occurrences from {} to {} (narrow the window)",
            from.format("%Y-%m-%d %H:%M UTC"),
            to.format("%Y-%m-%d %H:%M UTC")
        ))
    };
    let take = |r: Resolved, found: &mut Vec<Occurrence>| {
        let at = tz.start_of(&r);
        if from <= at && at < to && !excluded(&r) {
            found.push(Occurrence {
                key: recurrence_key(&r),
                start: r,
                end: span.end(r),
            });
        }
    };

    if let Some(text) = &ev.rrule {
        let rule = RRule::parse(text).map_err(|e| err(e.to_string()))?;
        let (wall_start, clock) = match first {
            IcsTime::Utc(t) => (t.naive_utc(), Clock::Utc),
            IcsTime::Floating(t) => (*t, Clock::Zone(None)),
            IcsTime::Zoned { local, tzid } => (*local, Clock::Zone(Some(tzid.as_str()))),
            IcsTime::Date(d) => (d.and_time(NaiveTime::MIN), Clock::Days),
        };
        let wall = |t: DateTime<Utc>| -> Result<NaiveDateTime, String> {
            match clock {
                Clock::Utc => Ok(t.naive_utc()),
                Clock::Zone(z) => tz.local(t, z),
                Clock::Days => tz.local(t, None),
            }
        };
        let until = match rule.until {
            Some(Until::Utc(u)) => Some(wall(u.and_utc()).map_err(err)?),
            Some(Until::Date(d)) => d.and_hms_opt(23, 59, 59),
            Some(Until::Floating(u)) => Some(u),
            None => None,
        };
        let near = wall(from).map_err(err)?.date();
        let near = near.checked_sub_days(Days::new(2)).unwrap_or(near);
        let horizon = wall(to).map_err(err)?.date();
        let horizon = horizon
            .checked_add_days(Days::new(2))
            .unwrap_or(horizon)
            .min(LAST_DAY);
        // A COUNT too large to end the rule before the window's end changes
        // nothing there: without it the walk skips to the window.
        let rule = if rule.count_binds(wall_start.date(), horizon) {
            rule
        } else {
            RRule {
                count: None,
                ..rule
            }
        };
        let mut exp = rule
            .expand(wall_start)
            .until(until)
            .horizon(horizon)
            .skip_to(near)
            .max_periods(MAX_PERIODS.min(tz.series_budget()));
        for w in exp.by_ref() {
            if w.date() < near {
                continue;
            }
            let r = match clock {
                Clock::Utc => Resolved::At(w.and_utc()),
                Clock::Zone(z) => Resolved::At(tz.instant(w, z).map_err(err)?),
                Clock::Days => Resolved::Day(w.date()),
            };
            take(r, &mut found);
            if found.len() > limit {
                tz.spend_series(exp.periods_used());
                return Err(too_many());
            }
        }
        tz.spend_series(exp.periods_used());
        if exp.exhausted() {
            return Err(err(format!(
                "its RRULE needs more steps from DTSTART than allowed to reach the dates \
                 asked for (at most {MAX_PERIODS} per event and {SERIES_PERIODS_PER_FILE} per \
                 file; a rule from long ago: give it a later DTSTART)"
            )));
        }
    }
    if ev.rrule.is_none() {
        // Without RRULE the expansion above did not produce the start itself.
        take(start, &mut found);
    }
    for rdate in &ev.rdates {
        let r = match (tz.resolve(rdate).map_err(err)?, start) {
            // A date-time RDATE of an all-day event is that day.
            (Resolved::At(t), Resolved::Day(_)) => {
                Resolved::Day(tz.local(t, None).map_err(err)?.date())
            }
            (r, _) => r,
        };
        take(r, &mut found);
    }
    found.sort_by_key(|o| tz.start_of(&o.start));
    found.dedup_by(|a, b| a.key == b.key);
    if found.len() > limit {
        return Err(too_many());
    }
    Ok(found)
}
