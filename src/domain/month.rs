//! A calendar month ("2026-12"), the period a monthly invoice covers, and
//! its bounds in the business time zone.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Serialize, Serializer};

use super::BusinessTz;

/// A year and month of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Its first day.
    first: NaiveDate,
}

impl Month {
    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            first: date.with_day(1).unwrap_or(date),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The first day of the next month.
    pub fn next_first_day(self) -> NaiveDate {
        self.first
            .checked_add_months(Months::new(1))
            .unwrap_or(NaiveDate::MAX)
    }

    /// 1 to 12.
    pub fn number(self) -> u32 {
        self.first.month()
    }

    pub fn year(self) -> i32 {
        self.first.year()
    }

    /// From its first local midnight to the next month's, in `tz`.
    pub fn bounds(self, tz: BusinessTz) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            tz.day_bounds(self.first).0,
            tz.day_bounds(self.next_first_day()).0,
        )
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }
}

impl FromStr for Month {
    type Err = String;

    /// `2026-12` (also `2026-1`).
    fn from_str(s: &str) -> Result<Month, String> {
        let bad = || format!("{s:?} is not a month: write it as 2026-12");
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>()) else {
            return Err(bad());
        };
        if !(1900..=9999).contains(&y) {
            return Err(bad());
        }
        NaiveDate::from_ymd_opt(y, m, 1)
            .map(|first| Month { first })
            .ok_or_else(bad)
    }
}

impl fmt::Display for Month {
    /// `2026-12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.number())
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prints_and_bounds_a_month_in_copenhagen() {
        let m: Month = "2026-12".parse().expect("month");
        assert_eq!(m.to_string(), "2026-12");
        assert_eq!("2026-3".parse::<Month>().expect("m").to_string(), "2026-03");
        for bad in ["2026", "2026-13", "2026-0", "x-12", "12-2026", ""] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
        let tz = BusinessTz::parse("Europe/Copenhagen").expect("tz");
        let (from, to) = m.bounds(tz);
        assert_eq!(from.to_rfc3339(), "2026-11-30T23:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-12-31T23:00:00+00:00");
        // March has the change to summer time: its end is at 22:00 UTC.
        let (_, to) = "2026-03".parse::<Month>().expect("m").bounds(tz);
        assert_eq!(to.to_rfc3339(), "2026-03-31T22:00:00+00:00");
        let d = NaiveDate::from_ymd_opt(2026, 12, 31).expect("d");
        assert!(m.contains(d) && Month::of(d) == m);
        assert_eq!(m.next_first_day().to_string(), "2027-01-01");
    }
}
