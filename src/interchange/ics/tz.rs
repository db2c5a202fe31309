//! TZID resolution: IANA names (also behind vendor prefixes such as
//! `/mozilla.org/20070129_1/`), Windows names, then the file's own VTIMEZONE
//! rules. A local time in a spring-forward gap is the instant the gap ends; an
//! ambiguous autumn time is its earlier instant.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::windows::iana_for_windows;
use super::{IcsTime, Observance, VTimezone};
use crate::domain::recurrence::Until;
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
    custom: HashMap<String, Vec<Observance>>,
}

/// The zone a wall-clock time is in.
pub(crate) enum Zone<'a> {
    Iana(Tz),
    Rules(&'a [Observance]),
}

impl TzResolver {
    pub fn new(default: Tz) -> Self {
        TzResolver {
            default,
            custom: HashMap::new(),
        }
    }

    /// The zone floating times are in.
    pub fn default_zone(&self) -> Tz {
        self.default
    }

    /// Makes a file's VTIMEZONE known (used when its TZID is neither an IANA
    /// nor a Windows name). A later one with the same TZID replaces it.
    pub fn add(&mut self, tz: &VTimezone) {
        self.custom
            .insert(key(&tz.tzid).to_owned(), tz.observances.clone());
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
            Some(obs) if !obs.is_empty() => Ok(Zone::Rules(obs)),
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
            Zone::Rules(obs) => rules_instant(obs, local).and_utc(),
        })
    }

    /// The wall-clock time of an instant in a zone (`None`: the default zone).
    pub fn local(&self, t: DateTime<Utc>, tzid: Option<&str>) -> Result<NaiveDateTime, String> {
        Ok(match self.zone(tzid)? {
            Zone::Iana(tz) => t.with_timezone(&tz).naive_local(),
            Zone::Rules(obs) => {
                let utc = t.naive_utc();
                utc.checked_add_signed(Duration::seconds(i64::from(offset_at(obs, utc))))
                    .unwrap_or(utc)
            }
        })
    }
}

fn shift(t: NaiveDateTime, secs: i32) -> Option<NaiveDateTime> {
    t.checked_sub_signed(Duration::seconds(i64::from(secs)))
}

/// The last onset (as UTC) of an observance at or before `utc`.
fn latest_onset(o: &Observance, utc: NaiveDateTime) -> Option<NaiveDateTime> {
    let to_utc = |local: NaiveDateTime| shift(local, o.offset_from);
    let first = to_utc(o.start)?;
    if first > utc {
        return None;
    }
    let mut best = Some(first);
    let mut consider = |t: Option<NaiveDateTime>| {
        if let Some(t) = t
            && t <= utc
            && best.is_none_or(|b| t > b)
        {
            best = Some(t);
        }
    };
    for r in &o.rdates {
        consider(to_utc(*r));
    }
    if let Some(rule) = &o.rrule {
        let horizon = utc.date().succ_opt().unwrap_or(utc.date());
        let near = NaiveDate::from_ymd_opt(utc.year() - 1, 1, 1).unwrap_or(utc.date());
        // A UTC UNTIL is on the clock before the onset.
        let until = match rule.until {
            Some(Until::Utc(u)) => {
                u.checked_add_signed(Duration::seconds(i64::from(o.offset_from)))
            }
            Some(Until::Date(d)) => d.and_hms_opt(23, 59, 59),
            Some(Until::Floating(u)) => Some(u),
            None => None,
        };
        let last = |skip: bool| {
            let exp = rule.expand(o.start).until(until).horizon(horizon);
            let exp = if skip { exp.skip_to(near) } else { exp };
            exp.filter_map(to_utc).take_while(|t| *t <= utc).last()
        };
        // Skipping ahead finds nothing when the rule ended (UNTIL) long before.
        let found = last(true).filter(|t| *t > first).or_else(|| last(false));
        consider(found);
    }
    best
}

/// The offset (seconds east of UTC) in force at a UTC time.
fn offset_at(obs: &[Observance], utc: NaiveDateTime) -> i32 {
    let current = obs
        .iter()
        .filter_map(|o| latest_onset(o, utc).map(|t| (t, o)))
        .max_by_key(|(t, _)| *t);
    match current {
        Some((_, o)) => o.offset_to,
        // Before the first onset: the offset the earliest observance came from.
        None => obs
            .iter()
            .min_by_key(|o| o.start)
            .map_or(0, |o| o.offset_from),
    }
}

/// The UTC time (naive) of a wall-clock time under VTIMEZONE rules.
fn rules_instant(obs: &[Observance], local: NaiveDateTime) -> NaiveDateTime {
    let mut offsets: Vec<i32> = obs
        .iter()
        .flat_map(|o| [o.offset_from, o.offset_to])
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    // Largest offset first: the earliest instant wins when the time is ambiguous.
    for &off in offsets.iter().rev() {
        if let Some(utc) = shift(local, off)
            && offset_at(obs, utc) == off
        {
            return utc;
        }
    }
    // In a gap: the onset that made it, i.e. the instant the gap ends.
    let smallest = offsets.first().copied().unwrap_or(0);
    let Some(probe) = shift(local, smallest) else {
        return local;
    };
    obs.iter()
        .filter_map(|o| latest_onset(o, probe))
        .max()
        .unwrap_or(probe)
}
