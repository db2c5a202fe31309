//! Cleaners: who they are, when they work, when they are off.

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::availability::HoursError;
use super::availability::hm;

/// Working hours for one weekday, local time, `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// Working hours per weekday, Monday first; `None` is a day off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHours(pub [Option<DayHours>; 7]);

impl Default for WorkingHours {
    /// Monday to Friday, 07:00–16:00.
    fn default() -> Self {
        let day = DayHours {
            start: NaiveTime::from_hms_opt(7, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(16, 0, 0).unwrap_or(NaiveTime::MIN),
        };
        WorkingHours([
            Some(day),
            Some(day),
            Some(day),
            Some(day),
            Some(day),
            None,
            None,
        ])
    }
}

const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl WorkingHours {
    pub fn on(&self, day: Weekday) -> Option<DayHours> {
        self.0[day.num_days_from_monday() as usize]
    }

    /// Parses `mon-fri 07:00-16:00, sat 08:00-12:00` (later parts override
    /// earlier ones; days not named are off).
    pub fn parse(spec: &str) -> Result<Self, HoursError> {
        let mut days: [Option<DayHours>; 7] = [None; 7];
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (day_part, time_part) = part
                .split_once(' ')
                .ok_or_else(|| HoursError::NoWorkingHours { text: part.into() })?;
            let (from, to) = match day_part.split_once('-') {
                Some((a, b)) => (day_index(a)?, day_index(b)?),
                None => {
                    let i = day_index(day_part)?;
                    (i, i)
                }
            };
            if from > to {
                return Err(HoursError::DaysBackwards {
                    text: day_part.into(),
                });
            }
            let hours = match time_part.trim() {
                "off" => None,
                t => {
                    let (a, b) = t
                        .split_once('-')
                        .ok_or_else(|| HoursError::NotHours { text: t.into() })?;
                    let (start, end) = (hm(a)?, hm(b)?);
                    if start >= end {
                        return Err(HoursError::DayEndsBeforeStart { text: t.into() });
                    }
                    Some(DayHours { start, end })
                }
            };
            for slot in &mut days[from..=to] {
                *slot = hours;
            }
        }
        Ok(WorkingHours(days))
    }

    /// The compact form `parse` reads back, e.g. `mon-fri 07:00-16:00`.
    pub fn to_spec(&self) -> String {
        let mut parts = Vec::new();
        let mut i = 0;
        while i < 7 {
            let Some(h) = self.0[i] else {
                i += 1;
                continue;
            };
            let mut j = i;
            while j + 1 < 7 && self.0[j + 1] == Some(h) {
                j += 1;
            }
            let days = if i == j {
                DAY_KEYS[i].to_string()
            } else {
                format!("{}-{}", DAY_KEYS[i], DAY_KEYS[j])
            };
            parts.push(format!(
                "{days} {}-{}",
                h.start.format("%H:%M"),
                h.end.format("%H:%M")
            ));
            i = j + 1;
        }
        if parts.is_empty() {
            "off".to_string()
        } else {
            parts.join(", ")
        }
    }
}

fn day_index(s: &str) -> Result<usize, HoursError> {
    let key = s.trim().to_lowercase();
    DAY_KEYS
        .iter()
        .position(|d| key.starts_with(d))
        .ok_or_else(|| HoursError::NotAWeekday { text: s.into() })
}

/// Whole days off, `from..=to` inclusive, local dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOff {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub reason: String,
}

impl TimeOff {
    /// Parses `2026-11-24` or `2026-11-24..2026-11-26`, optionally followed by
    /// `:reason`.
    pub fn parse(spec: &str) -> Result<Self, HoursError> {
        let (range, reason) = match spec.split_once(':') {
            Some((r, why)) => (r.trim(), why.trim().to_string()),
            None => (spec.trim(), String::new()),
        };
        let date = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| HoursError::NotADate { text: s.into() })
        };
        let (from, to) = match range.split_once("..") {
            Some((a, b)) => (date(a)?, date(b)?),
            None => (date(range)?, date(range)?),
        };
        if to < from {
            return Err(HoursError::TimeOffBackwards { text: range.into() });
        }
        Ok(TimeOff { from, to, reason })
    }

    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// A cleaner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: i64,
    pub name: String,
    pub phone: String,
    /// A colour name or `#rrggbb`, used for the lane marker.
    pub colour: String,
    pub hours: WorkingHours,
    pub time_off: Vec<TimeOff>,
    pub version: i64,
}

impl Staff {
    pub fn off_on(&self, day: NaiveDate) -> Option<&TimeOff> {
        self.time_off.iter().find(|t| t.covers(day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_round_trip() {
        let h = WorkingHours::parse("mon-thu 07:00-15:30, fri 07:00-13:00").expect("parse");
        assert_eq!(h.to_spec(), "mon-thu 07:00-15:30, fri 07:00-13:00");
        assert_eq!(h.on(Weekday::Sat), None);
        assert_eq!(WorkingHours::parse(&h.to_spec()).expect("reparse"), h);
    }

    #[test]
    fn hours_errors_name_the_part() {
        assert!(
            WorkingHours::parse("mon-fri 16:00-07:00")
                .unwrap_err()
                .to_string()
                .contains("end after")
        );
        assert!(
            WorkingHours::parse("funday 07:00-16:00")
                .unwrap_err()
                .to_string()
                .contains("not a weekday")
        );
        assert!(
            WorkingHours::parse("mon 7-16")
                .unwrap_err()
                .to_string()
                .contains("HH:MM")
        );
    }

    #[test]
    fn time_off_parses_ranges_and_reasons() {
        let t = TimeOff::parse("2026-11-24..2026-11-26: ferie").expect("parse");
        assert!(t.covers(NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")));
        assert_eq!(t.reason, "ferie");
        assert!(TimeOff::parse("2026-11-26..2026-11-24").is_err());
    }
}
