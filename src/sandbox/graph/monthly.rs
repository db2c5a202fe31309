//! The days of monthly patterns ("recurrencePattern resource type",
//! https://learn.microsoft.com/en-us/graph/api/resources/recurrencepattern):
//!
//! - `absoluteMonthly`: on `dayOfMonth` every `interval` months. A day the
//!   month does not have falls on its last day, as Outlook keeps monthly
//!   recurrences ("DayOfMonth Property (RecurrencePattern Object)",
//!   https://msdn2.microsoft.com/en-us/library/ms528295(v=exchg.10):
//!   31 stands for the last day of every month; Outlook puts the 29th on
//!   28 February in other years than leap years).
//! - `relativeMonthly`: on the `index` (`first`, `second`, `third`,
//!   `fourth`, `last`; `first` by default) instance in the month of the
//!   days in `daysOfWeek`, every `interval` months; with several days, the
//!   first day that satisfies the pattern.
//!
//! The first occurrence is on the range's `startDate` or the first day of
//! the pattern after it ("recurrenceRange resource type",
//! https://learn.microsoft.com/en-us/graph/api/resources/recurrencerange).
//! Occurrences keep the first one's time of day in the series' time zone
//! (`range.recurrenceTimeZone`, UTC without one), so they stay at the same
//! hour across daylight saving time.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde_json::Value;

/// Most months one series is followed over.
const MAX_MONTHS: u32 = 12 * 100;

/// On which day of a month a monthly pattern falls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MonthDay {
    /// `dayOfMonth` (1–31).
    Absolute(u32),
    /// The `index`-th (0-based; `None` = last) of the days in the month
    /// that are one of `days`.
    Relative {
        days: Vec<Weekday>,
        index: Option<usize>,
    },
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// The month day of a `pattern` of type `absoluteMonthly` or
/// `relativeMonthly`; `None` for other types or a pattern without its
/// required properties.
pub(crate) fn month_day(pattern: &Value) -> Option<MonthDay> {
    match pattern["type"].as_str()? {
        "absoluteMonthly" => {
            let day = u32::try_from(pattern["dayOfMonth"].as_u64()?).ok()?;
            (1..=31).contains(&day).then_some(MonthDay::Absolute(day))
        }
        "relativeMonthly" => {
            let days: Vec<Weekday> = pattern["daysOfWeek"]
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .filter_map(weekday)
                .collect();
            let index = match pattern["index"].as_str().unwrap_or("first") {
                "first" => Some(0),
                "second" => Some(1),
                "third" => Some(2),
                "fourth" => Some(3),
                "last" => None,
                _ => return None,
            };
            (!days.is_empty()).then_some(MonthDay::Relative { days, index })
        }
        _ => None,
    }
}

/// The day `rule` falls on in the month of `first_of_month`.
pub(crate) fn day_in(rule: &MonthDay, first_of_month: NaiveDate) -> Option<NaiveDate> {
    let next = first_of_month.checked_add_months(Months::new(1))?;
    let length = u32::try_from((next - first_of_month).num_days()).ok()?;
    match rule {
        MonthDay::Absolute(day) => first_of_month.with_day((*day).min(length)),
        MonthDay::Relative { days, index } => {
            let matching: Vec<NaiveDate> = first_of_month
                .iter_days()
                .take(length as usize)
                .filter(|d| days.contains(&d.weekday()))
                .collect();
            match index {
                Some(i) => matching.get(*i).copied(),
                None => matching.last().copied(),
            }
        }
    }
}

/// The starts of a monthly series, in order: the first start's time of
/// day in `zone`, on the pattern's day of every `interval`-th month from
/// the first start's month, none before `from` (the range's start date).
pub(crate) fn starts(
    rule: MonthDay,
    interval: u32,
    first: DateTime<Utc>,
    zone: Tz,
    from: NaiveDate,
) -> impl Iterator<Item = DateTime<Utc>> {
    let local = first.with_timezone(&zone);
    let time: NaiveTime = local.time();
    let month = local.date_naive().with_day(1);
    let interval = interval.max(1);
    (0..MAX_MONTHS / interval)
        .filter_map(move |k| month?.checked_add_months(Months::new(k * interval)))
        .filter_map(move |m| day_in(&rule, m))
        .filter(move |d| *d >= from)
        .filter_map(move |d| {
            zone.from_local_datetime(&d.and_time(time))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
        })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn month_days_as_documented() {
        let p = |v: Value| month_day(&v);
        assert_eq!(
            p(json!({"type": "absoluteMonthly", "interval": 1, "dayOfMonth": 15})),
            Some(MonthDay::Absolute(15))
        );
        assert_eq!(
            p(json!({"type": "relativeMonthly", "interval": 1, "daysOfWeek": ["thursday"]})),
            Some(MonthDay::Relative {
                days: vec![Weekday::Thu],
                index: Some(0)
            }),
            "index is first by default"
        );
        assert_eq!(p(json!({"type": "absoluteMonthly"})), None);
        assert_eq!(
            p(json!({"type": "relativeMonthly", "daysOfWeek": []})),
            None
        );
        assert_eq!(
            p(json!({"type": "relativeMonthly", "daysOfWeek": ["monday"], "index": "fifth"})),
            None
        );
        assert_eq!(p(json!({"type": "weekly", "daysOfWeek": ["monday"]})), None);

        let march = date(2026, 3, 1);
        let feb = date(2026, 2, 1);
        assert_eq!(
            day_in(&MonthDay::Absolute(31), feb),
            Some(date(2026, 2, 28))
        );
        assert_eq!(
            day_in(&MonthDay::Absolute(29), date(2028, 2, 1)),
            Some(date(2028, 2, 29))
        );
        let rel = |days: &[Weekday], index| MonthDay::Relative {
            days: days.to_vec(),
            index,
        };
        // March 2026 begins on a Sunday.
        assert_eq!(
            day_in(&rel(&[Weekday::Tue], Some(1)), march),
            Some(date(2026, 3, 10))
        );
        assert_eq!(
            day_in(&rel(&[Weekday::Tue], None), march),
            Some(date(2026, 3, 31))
        );
        // Several days: the instance counts any of them.
        assert_eq!(
            day_in(&rel(&[Weekday::Mon, Weekday::Fri], Some(2)), march),
            Some(date(2026, 3, 9))
        );
        assert_eq!(
            day_in(&rel(&[Weekday::Sun, Weekday::Sat], Some(0)), march),
            Some(date(2026, 3, 1))
        );
    }

    #[test]
    fn starts_keep_the_local_hour_and_the_range_start() {
        let zone: Tz = "Europe/Copenhagen".parse().unwrap();
        // 09:00 in Copenhagen on 15 January (08:00 UTC); summer time from
        // 29 March.
        let first = Utc.with_ymd_and_hms(2026, 1, 15, 8, 0, 0).unwrap();
        let got: Vec<_> = starts(MonthDay::Absolute(15), 2, first, zone, date(2026, 1, 15))
            .take(3)
            .collect();
        assert_eq!(
            got,
            [
                first,
                Utc.with_ymd_and_hms(2026, 3, 15, 8, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(2026, 5, 15, 7, 0, 0).unwrap(),
            ]
        );
        // A first start after the month's pattern day: the next month's.
        let late = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
        let next = starts(MonthDay::Absolute(15), 1, late, zone, date(2026, 1, 20)).next();
        assert_eq!(
            next,
            Some(Utc.with_ymd_and_hms(2026, 2, 15, 8, 0, 0).unwrap())
        );
    }
}
