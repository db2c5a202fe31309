//! When and where a cleaner can work: several intervals per weekday (a
//! break splits a day), date overrides (closed, or other hours, for a date
//! or a range), the services they do, the postcodes they cover, contracted
//! hours per week, a daily maximum and a priority. All local wall time; the
//! slot finder converts to instants with the business time zone.

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::staff::{DayHours, TimeOff, WorkingHours};
pub(crate) use error::hm;

mod edit;
mod error;

pub use error::HoursError;

pub use edit::{
    DAY_HOURS_MAX, StaffEdit, StaffField, WEEK_HOURS_MAX, day_spec, parse_day, parse_edit,
    parse_hours, time_off_spec,
};

/// A stretch of local wall time on one day, `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Interval {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Interval {
    /// Minutes from start to end.
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    fn spec(&self) -> String {
        format!(
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }

    /// Parses `HH:MM-HH:MM`.
    pub fn parse(s: &str) -> Result<Self, HoursError> {
        let (a, b) = s
            .trim()
            .split_once('-')
            .ok_or_else(|| HoursError::NotHours { text: s.into() })?;
        let (start, end) = (hm(a)?, hm(b)?);
        if start >= end {
            return Err(HoursError::EndsBeforeStart { text: s.into() });
        }
        Ok(Interval { start, end })
    }
}

/// Sorts intervals and refuses overlapping ones (touching ones are fine).
fn ordered(mut list: Vec<Interval>, what: &str) -> Result<Vec<Interval>, HoursError> {
    list.sort();
    for pair in list.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(HoursError::Overlap {
                what: what.into(),
                first: pair[0].spec(),
                second: pair[1].spec(),
            });
        }
    }
    Ok(list)
}

fn list_spec(list: &[Interval]) -> String {
    list.iter()
        .map(Interval::spec)
        .collect::<Vec<_>>()
        .join(",")
}

const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn day_index(s: &str) -> Result<usize, HoursError> {
    let key = s.trim().to_lowercase();
    DAY_KEYS
        .iter()
        .position(|d| !key.is_empty() && key.starts_with(d))
        .ok_or_else(|| HoursError::NotAWeekday { text: s.into() })
}

/// Working intervals per weekday, Monday first; an empty day is off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekHours(pub [Vec<Interval>; 7]);

impl WeekHours {
    /// The intervals of a weekday (0 = Monday).
    pub fn day(&self, index: usize) -> &[Interval] {
        self.0.get(index).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Parses `mon-fri 08:00-12:00,12:30-16:00; sat 08:00-12:00`. Parts are
    /// separated by `;` or by a comma before a day name; a comma before a
    /// time adds an interval to the same days (a break between them).
    /// Later parts override earlier ones; days not named are off.
    pub fn parse(spec: &str) -> Result<Self, HoursError> {
        let mut days: [Vec<Interval>; 7] = Default::default();
        if spec.trim() == "off" {
            return Ok(WeekHours(days));
        }
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for piece in spec
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            if piece.starts_with(|c: char| c.is_ascii_digit()) {
                match groups.last_mut() {
                    Some((_, times)) => times.push(piece.to_string()),
                    None => {
                        return Err(HoursError::DaysFirst { text: piece.into() });
                    }
                }
            } else {
                let (day_part, time_part) = piece
                    .split_once(' ')
                    .ok_or_else(|| HoursError::NoHours { text: piece.into() })?;
                groups.push((day_part.to_string(), vec![time_part.trim().to_string()]));
            }
        }
        for (day_part, times) in groups {
            let (from, to) = match day_part.split_once('-') {
                Some((a, b)) => (day_index(a)?, day_index(b)?),
                None => {
                    let i = day_index(&day_part)?;
                    (i, i)
                }
            };
            if from > to {
                return Err(HoursError::DaysBackwards {
                    text: day_part.clone(),
                });
            }
            let intervals = if times.len() == 1 && times[0] == "off" {
                Vec::new()
            } else {
                let parsed = times
                    .iter()
                    .map(|t| Interval::parse(t))
                    .collect::<Result<Vec<_>, _>>()?;
                ordered(parsed, &day_part)?
            };
            for slot in &mut days[from..=to] {
                *slot = intervals.clone();
            }
        }
        Ok(WeekHours(days))
    }

    /// The form `parse` reads back: `mon-fri 08:00-12:00,12:30-16:00; sat 08:00-12:00`.
    pub fn to_spec(&self) -> String {
        let mut parts = Vec::new();
        let mut i = 0;
        while i < 7 {
            if self.0[i].is_empty() {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < 7 && self.0[j + 1] == self.0[i] {
                j += 1;
            }
            let days = if i == j {
                DAY_KEYS[i].to_string()
            } else {
                format!("{}-{}", DAY_KEYS[i], DAY_KEYS[j])
            };
            parts.push(format!("{days} {}", list_spec(&self.0[i])));
            i = j + 1;
        }
        if parts.is_empty() {
            "off".to_string()
        } else {
            parts.join("; ")
        }
    }

    /// One interval per working day, as the day's `WorkingHours`.
    pub fn from_working(hours: &WorkingHours) -> Self {
        let mut days: [Vec<Interval>; 7] = Default::default();
        for (i, d) in hours.0.iter().enumerate() {
            if let Some(h) = d {
                days[i] = vec![Interval {
                    start: h.start,
                    end: h.end,
                }];
            }
        }
        WeekHours(days)
    }

    /// From the first start to the last end of each day: the working day
    /// the schedule and overtime rules know.
    pub fn envelope(&self) -> WorkingHours {
        let mut days: [Option<DayHours>; 7] = [None; 7];
        for (i, list) in self.0.iter().enumerate() {
            if let (Some(first), Some(last)) = (list.first(), list.last()) {
                days[i] = Some(DayHours {
                    start: first.start,
                    end: last.end,
                });
            }
        }
        WorkingHours(days)
    }

    /// Working minutes in a week.
    pub fn week_minutes(&self) -> i64 {
        self.0.iter().flatten().map(Interval::minutes).sum()
    }
}

/// What an override makes of its days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideHours {
    /// Not working.
    Closed,
    /// Working these intervals instead of the week's.
    Hours(Vec<Interval>),
}

/// Other hours for a date or a range of dates, `from..=to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateOverride {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub hours: OverrideHours,
}

impl DateOverride {
    /// Parses `2026-12-24 closed`, `2026-12-27..2026-12-30 09:00-13:00` or
    /// `2026-12-23 08:00-11:00,12:00-15:00`.
    pub fn parse(spec: &str) -> Result<Self, HoursError> {
        let (range, what) = spec
            .trim()
            .split_once(' ')
            .ok_or_else(|| HoursError::NotAnOverride { text: spec.into() })?;
        let date = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| HoursError::NotADate { text: s.into() })
        };
        let (from, to) = match range.split_once("..") {
            Some((a, b)) => (date(a)?, date(b)?),
            None => (date(range)?, date(range)?),
        };
        if to < from {
            return Err(HoursError::RangeBackwards { text: range.into() });
        }
        let hours = match what.trim() {
            "closed" | "off" => OverrideHours::Closed,
            times => {
                let parsed = times
                    .split(',')
                    .map(Interval::parse)
                    .collect::<Result<Vec<_>, _>>()?;
                OverrideHours::Hours(ordered(parsed, range)?)
            }
        };
        Ok(DateOverride { from, to, hours })
    }

    /// The form `parse` reads back.
    pub fn to_spec(&self) -> String {
        let range = if self.from == self.to {
            self.from.to_string()
        } else {
            format!("{}..{}", self.from, self.to)
        };
        match &self.hours {
            OverrideHours::Closed => format!("{range} closed"),
            OverrideHours::Hours(list) => format!("{range} {}", list_spec(list)),
        }
    }

    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// Postcodes a cleaner covers: single ones (`2100`) and ranges
/// (`2100-2450`). Empty covers everywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area(pub Vec<(u16, u16)>);

impl Area {
    /// Parses `2100,2200-2450` (empty: everywhere).
    pub fn parse(spec: &str) -> Result<Self, HoursError> {
        let code = |s: &str| {
            let s = s.trim();
            match s.parse::<u16>() {
                Ok(n) if (1000..=9999).contains(&n) && s.len() == 4 => Ok(n),
                _ => Err(HoursError::NotAPostcode { text: s.into() }),
            }
        };
        let mut out = Vec::new();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => (code(a)?, code(b)?),
                None => (code(part)?, code(part)?),
            };
            if b < a {
                return Err(HoursError::PostcodesBackwards { text: part.into() });
            }
            out.push((a, b));
        }
        out.sort_unstable();
        Ok(Area(out))
    }

    pub fn to_spec(&self) -> String {
        self.0
            .iter()
            .map(|(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Does the cleaner go to `postcode`? Everywhere when the area is empty;
    /// an unknown place is taken as covered.
    pub fn covers(&self, postcode: Option<u16>) -> bool {
        match postcode {
            None => true,
            Some(p) => self.0.is_empty() || self.0.iter().any(|(a, b)| *a <= p && p <= *b),
        }
    }
}

/// The Danish postcode in an address: the last stand-alone four-digit
/// number (`Østerbrogade 12, 2100 København Ø` → 2100).
pub fn postcode(address: &str) -> Option<u16> {
    address
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .rfind(|n| *n >= 1000)
}

/// Minutes kept free between two jobs: less within one postcode than
/// between two (or when a place is not known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TravelGap {
    pub within_min: u32,
    pub between_min: u32,
}

impl Default for TravelGap {
    fn default() -> Self {
        TravelGap {
            within_min: 15,
            between_min: 30,
        }
    }
}

impl TravelGap {
    /// The gap between jobs at `a` and `b`.
    pub fn between(&self, a: Option<u16>, b: Option<u16>) -> u32 {
        match (a, b) {
            (Some(x), Some(y)) if x == y => self.within_min,
            _ => self.between_min,
        }
    }
}

/// Everything about when and where one cleaner works, beyond their name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub week: WeekHours,
    pub overrides: Vec<DateOverride>,
    /// Services they do (matched without case); empty: every service.
    pub skills: Vec<String>,
    pub area: Area,
    /// Contracted minutes per week, if set.
    pub contract_min: Option<u32>,
    /// At most this many booked minutes a day, if set.
    pub daily_max_min: Option<u32>,
    /// Higher goes first under the priority strategy.
    pub priority: i32,
}

impl Availability {
    /// A cleaner known only by their working hours.
    pub fn from_hours(hours: &WorkingHours) -> Self {
        Availability {
            week: WeekHours::from_working(hours),
            ..Availability::default()
        }
    }

    /// Do they do `service`?
    pub fn does(&self, service: &str) -> bool {
        let service = service.trim();
        service.is_empty()
            || self.skills.is_empty()
            || self
                .skills
                .iter()
                .any(|s| s.trim().eq_ignore_ascii_case(service))
    }

    /// The intervals they work on `date`: none on a closed day (a public
    /// holiday) or a day off; else the latest override covering the date;
    /// else the week's hours for its weekday.
    pub fn open_on(
        &self,
        date: NaiveDate,
        time_off: &[TimeOff],
        closed: &dyn Fn(NaiveDate) -> bool,
    ) -> Vec<Interval> {
        if closed(date) || time_off.iter().any(|t| t.covers(date)) {
            return Vec::new();
        }
        match self.overrides.iter().rev().find(|o| o.covers(date)) {
            Some(DateOverride {
                hours: OverrideHours::Closed,
                ..
            }) => Vec::new(),
            Some(DateOverride {
                hours: OverrideHours::Hours(list),
                ..
            }) => list.clone(),
            None => self
                .week
                .day(date.weekday().num_days_from_monday() as usize)
                .to_vec(),
        }
    }
}

/// Parses a list of skills: `Vinduespudsning, Fast rengøring`.
pub fn parse_skills(spec: &str) -> Vec<String> {
    spec.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn week_with_breaks_round_trips() {
        let w =
            WeekHours::parse("mon-fri 08:00-12:00,12:30-16:00, sat 09:00-12:00").expect("parse");
        assert_eq!(w.day(0).len(), 2);
        assert_eq!(w.day(5).len(), 1);
        assert!(w.day(6).is_empty());
        assert_eq!(
            w.to_spec(),
            "mon-fri 08:00-12:00,12:30-16:00; sat 09:00-12:00"
        );
        assert_eq!(WeekHours::parse(&w.to_spec()).expect("reparse"), w);
        assert_eq!(
            w.envelope().to_spec(),
            "mon-fri 08:00-16:00, sat 09:00-12:00"
        );
        assert_eq!(w.week_minutes(), 5 * 450 + 180);
    }

    #[test]
    fn week_errors_name_the_part() {
        let e = WeekHours::parse("mon 08:00-12:00,11:00-14:00")
            .unwrap_err()
            .to_string();
        assert!(e.contains("overlap"), "{e}");
        let e = WeekHours::parse("08:00-12:00").unwrap_err().to_string();
        assert!(e.contains("days first"), "{e}");
        let e = WeekHours::parse("mon 12:00-08:00").unwrap_err().to_string();
        assert!(e.contains("end after"), "{e}");
    }

    #[test]
    fn overrides_parse_and_win_over_the_week() {
        let o = DateOverride::parse("2026-12-27..2026-12-30 09:00-13:00").expect("parse");
        assert_eq!(o.to_spec(), "2026-12-27..2026-12-30 09:00-13:00");
        let c = DateOverride::parse("2026-12-29 closed").expect("parse");
        let a = Availability {
            week: WeekHours::parse("mon-fri 08:00-16:00").expect("week"),
            overrides: vec![o, c],
            ..Availability::default()
        };
        let never = |_: NaiveDate| false;
        assert_eq!(a.open_on(d("2026-12-28"), &[], &never).len(), 1);
        assert_eq!(
            a.open_on(d("2026-12-28"), &[], &never)[0].start,
            NaiveTime::from_hms_opt(9, 0, 0).expect("t")
        );
        assert!(a.open_on(d("2026-12-29"), &[], &never).is_empty());
        let holiday = |day: NaiveDate| day == d("2026-12-28");
        assert!(a.open_on(d("2026-12-28"), &[], &holiday).is_empty());
        assert!(DateOverride::parse("2026-12-30..2026-12-27 closed").is_err());
    }

    #[test]
    fn areas_and_postcodes() {
        let a = Area::parse("2100, 2200-2450").expect("area");
        assert_eq!(a.to_spec(), "2100,2200-2450");
        assert!(a.covers(Some(2300)));
        assert!(!a.covers(Some(2500)));
        assert!(a.covers(None));
        assert!(Area::parse("21").is_err());
        assert_eq!(postcode("Østerbrogade 12, 2100 København Ø"), Some(2100));
        assert_eq!(postcode("Vej 3"), None);
        let gap = TravelGap::default();
        assert!(gap.between(Some(2100), Some(2100)) < gap.between(Some(2100), Some(2200)));
    }

    #[test]
    fn skills_match_without_case() {
        let a = Availability {
            skills: parse_skills("Vinduespudsning, Fast rengøring"),
            ..Availability::default()
        };
        assert!(a.does("vinduespudsning"));
        assert!(!a.does("Flytterengøring"));
        assert!(Availability::default().does("Flytterengøring"));
    }
}
