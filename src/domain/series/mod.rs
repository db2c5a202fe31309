//! Recurring bookings: a series (the weekly or fortnightly cleaning at one
//! customer) and its occurrences. The rule runs in wall-clock time in the
//! business time zone (a weekly 08:30 stays 08:30 across daylight-saving
//! changes); each occurrence is keyed by its original local start, so an
//! occurrence moved for a holiday, or by the dispatcher, is still known.
//!
//! Expansion goes through our own RRULE expander (`domain::recurrence`),
//! which a property test holds against the `rrule` crate.

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::holidays::Holidays;
use super::recurrence::Until;
use super::time::BusinessTz;
use super::when::dm;

mod error;
mod rule;

pub use error::RepeatError;
pub use rule::{Rule, Spec, nth_of_month};

/// How a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesEnd {
    /// It goes on until ended.
    Open,
    /// Its last occurrence is on or before this date.
    Until(NaiveDate),
    /// It has this many occurrences of its rule (those skipped for a
    /// holiday or a pause count too).
    Count(u32),
}

/// What an occurrence on a closed day does.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum HolidayPolicy {
    /// No visit that time.
    Skip,
    /// The visit moves to the next working day.
    Move,
}

impl HolidayPolicy {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A period the series rests (both days included): "customer on holiday
/// three weeks".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A recurring booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// 0 until stored.
    pub id: i64,
    pub customer_id: i64,
    pub staff_id: Option<i64>,
    pub service: String,
    /// Local start time, in the business time zone.
    pub start_time: NaiveTime,
    pub duration_min: u32,
    /// The first date the rule runs from.
    pub first_date: NaiveDate,
    pub rule: Rule,
    pub end: SeriesEnd,
    pub holidays: HolidayPolicy,
    pub pauses: Vec<Pause>,
    pub address: String,
    pub notes: String,
    pub version: i64,
}

/// One occurrence: when the rule put it and when it takes place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The rule's local start: the occurrence's key for good.
    pub original: NaiveDateTime,
    /// The local date it takes place (later than the original's when a
    /// holiday moved it).
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The holiday it was moved away from.
    pub moved_for: Option<&'static str>,
}

/// What became of one date of the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    Visit(Occurrence),
    /// Skipped for this holiday.
    Holiday {
        original: NaiveDateTime,
        why: &'static str,
    },
    /// Inside a pause.
    Paused {
        original: NaiveDateTime,
    },
}

/// Why a series cannot exist as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeriesError {
    #[error("a series needs a service type")]
    NoService,
    #[error("duration: a visit lasts from 1 minute to 24 hours")]
    Duration,
    #[error("until: the series would end ({until}) before it starts ({first})")]
    EndsBeforeStart { first: String, until: String },
    #[error("count: a series has at least one visit")]
    NoCount,
    #[error("pause: it ends ({to}) before it starts ({from})")]
    Pause { from: String, to: String },
    #[error("repeat: {0}")]
    Rule(String),
}

/// How far one expansion looks at most (periods of the rule), so a rule
/// that rarely matches still ends quickly.
const MAX_PERIODS: u64 = 20_000;

impl Series {
    /// The rules a series obeys on its own.
    pub fn check(&self) -> Result<(), SeriesError> {
        if self.service.trim().is_empty() {
            return Err(SeriesError::NoService);
        }
        if self.duration_min == 0 || self.duration_min > 24 * 60 {
            return Err(SeriesError::Duration);
        }
        match self.end {
            SeriesEnd::Until(u) if u < self.first_date => {
                return Err(SeriesError::EndsBeforeStart {
                    first: dm(self.first_date),
                    until: dm(u),
                });
            }
            SeriesEnd::Count(0) => return Err(SeriesError::NoCount),
            _ => {}
        }
        if let Some(p) = self.pauses.iter().find(|p| p.to < p.from) {
            return Err(SeriesError::Pause {
                from: dm(p.from),
                to: dm(p.to),
            });
        }
        self.rule.to_rrule().map_err(SeriesError::Rule)?;
        Ok(())
    }

    /// The local start of the first occurrence.
    pub fn first_start(&self) -> NaiveDateTime {
        self.first_date.and_time(self.start_time)
    }

    /// The rule's local starts whose dates lie in `[from, to]`, in order.
    pub fn originals(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDateTime>, String> {
        let mut rule = self.rule.to_rrule()?;
        match self.end {
            SeriesEnd::Open => {}
            SeriesEnd::Until(d) => rule.until = Some(Until::Date(d)),
            SeriesEnd::Count(n) => rule.count = Some(n),
        }
        let mut x = rule
            .expand(self.first_start())
            .horizon(to)
            .max_periods(MAX_PERIODS);
        if from > self.first_date {
            x = x.skip_to(from);
        }
        Ok(x.skip_while(|t| t.date() < from).collect())
    }

    /// What the rule plans for dates in `[from, to]` (by original date):
    /// visits, and the dates skipped for a holiday or a pause.
    pub fn plan(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        tz: BusinessTz,
        holidays: &Holidays,
    ) -> Result<Vec<Planned>, String> {
        let len = Duration::minutes(i64::from(self.duration_min));
        Ok(self
            .originals(from, to)?
            .into_iter()
            .map(|original| {
                let day = original.date();
                if self.pauses.iter().any(|p| p.from <= day && day <= p.to) {
                    return Planned::Paused { original };
                }
                let (date, moved_for) = match holidays.closed_because(day) {
                    None => (day, None),
                    Some(why) => match self.holidays {
                        HolidayPolicy::Skip => return Planned::Holiday { original, why },
                        HolidayPolicy::Move => match holidays.next_working_day(day) {
                            Some(d) => (d, Some(why)),
                            None => return Planned::Holiday { original, why },
                        },
                    },
                };
                let start = tz.instant(date, self.start_time);
                Planned::Visit(Occurrence {
                    original,
                    date,
                    start,
                    end: start + len,
                    moved_for,
                })
            })
            .collect())
    }

    /// The visits of dates (original) in `[from, to]`.
    pub fn occurrences(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        tz: BusinessTz,
        holidays: &Holidays,
    ) -> Result<Vec<Occurrence>, String> {
        Ok(self
            .plan(from, to, tz, holidays)?
            .into_iter()
            .filter_map(|p| match p {
                Planned::Visit(o) => Some(o),
                _ => None,
            })
            .collect())
    }

    /// How many dates of the rule come before `date` (for COUNT when a
    /// series is split there).
    pub fn used_before(&self, date: NaiveDate) -> Result<u32, String> {
        let Some(last) = date.pred_opt() else {
            return Ok(0);
        };
        if last < self.first_date {
            return Ok(0);
        }
        let n = self.originals(self.first_date, last)?.len();
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }
}

/// How far ahead visits exist, and the days the company is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub holidays: Holidays,
    pub horizon_weeks: u32,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            holidays: Holidays::default(),
            horizon_weeks: 12,
        }
    }
}

impl Calendar {
    /// The last date whose visits exist as bookings, seen from `today`.
    pub fn horizon(&self, today: NaiveDate) -> NaiveDate {
        today
            .checked_add_days(Days::new(u64::from(self.horizon_weeks) * 7))
            .unwrap_or(today)
    }
}

/// A stored original start as text: `2026-12-08T08:30` (local).
pub fn original_key(t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    // Written by hand: a quarter's visits make thousands of these, and a
    // format string is parsed anew each time. Years outside four digits
    // keep the format's own spelling.
    if (0..=9999).contains(&t.year()) {
        let year = t.year().unsigned_abs();
        let digits = |n: u32| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
        let [y1, y2] = digits(year / 100);
        let [y3, y4] = digits(year);
        let [mo1, mo2] = digits(t.month());
        let [d1, d2] = digits(t.day());
        let [h1, h2] = digits(t.hour());
        let [mi1, mi2] = digits(t.minute());
        let key = [
            y1, y2, y3, y4, b'-', mo1, mo2, b'-', d1, d2, b'T', h1, h2, b':', mi1, mi2,
        ];
        key.iter().map(|&b| char::from(b)).collect()
    } else {
        t.format("%Y-%m-%dT%H:%M").to_string()
    }
}

/// Reads an [`original_key`] back.
pub fn parse_original_key(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok()
}

#[cfg(test)]
mod tests;
