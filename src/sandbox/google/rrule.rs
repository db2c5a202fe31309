//! One RRULE line, and the dates of EXDATE / RDATE lines, read as RFC 5545
//! writes them (<https://datatracker.ietf.org/doc/html/rfc5545#section-3.3.10>),
//! the subset Google's recurring events use
//! (<https://developers.google.com/calendar/api/concepts/events-calendars#recurring_events>).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// One start of a series: an instant, or a day for all-day events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Start {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

/// A wall-clock time in `tz` as an instant. A time skipped by daylight
/// saving (02:30 on the spring-forward night) moves an hour on, as RFC 5545
/// says; an ambiguous one takes the first.
pub(crate) fn local_to_utc(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| local.and_utc())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Until {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    pub(crate) freq: Freq,
    pub(crate) interval: u32,
    pub(crate) count: Option<u32>,
    pub(crate) until: Option<Until>,
    /// (ordinal, weekday); ordinal 0 means every such weekday.
    pub(crate) by_day: Vec<(i32, Weekday)>,
    pub(crate) by_month_day: Vec<i32>,
}

pub(crate) fn parse_rule(value: &str, tz: Tz) -> Result<Rule, String> {
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        count: None,
        until: None,
        by_day: Vec::new(),
        by_month_day: Vec::new(),
    };
    let mut freq = None;
    for part in value.split(';').filter(|p| !p.is_empty()) {
        let (key, v) = part
            .split_once('=')
            .ok_or_else(|| format!("bad rule part {part}"))?;
        match key.to_ascii_uppercase().as_str() {
            "FREQ" => {
                freq = Some(match v.to_ascii_uppercase().as_str() {
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    "YEARLY" => Freq::Yearly,
                    _ => return Err(format!("unsupported FREQ {v}")),
                })
            }
            "INTERVAL" => {
                rule.interval = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| format!("bad INTERVAL {v}"))?
            }
            "COUNT" => {
                rule.count = Some(
                    v.parse()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| format!("bad COUNT {v}"))?,
                )
            }
            "UNTIL" => {
                rule.until = Some(match parse_when(v, tz)? {
                    Start::At(t) => Until::At(t),
                    Start::Day(d) => Until::Day(d),
                })
            }
            "BYDAY" => {
                for d in v.split(',') {
                    rule.by_day.push(parse_by_day(d)?);
                }
            }
            "BYMONTHDAY" => {
                for d in v.split(',') {
                    let n: i32 = d
                        .parse()
                        .ok()
                        .filter(|n: &i32| (1..=31).contains(&n.abs()))
                        .ok_or_else(|| format!("bad BYMONTHDAY {d}"))?;
                    rule.by_month_day.push(n);
                }
            }
            // The week start only changes weekly rules with an interval and
            // several days; Monday is what Google writes.
            "WKST" => {}
            other => return Err(format!("unsupported rule part {other}")),
        }
    }
    rule.freq = freq.ok_or("RRULE without FREQ")?;
    if rule.count.is_some() && rule.until.is_some() {
        return Err("COUNT and UNTIL together".into());
    }
    if rule.freq != Freq::Monthly && rule.by_day.iter().any(|(n, _)| *n != 0) {
        return Err("an ordinal BYDAY needs FREQ=MONTHLY".into());
    }
    Ok(rule)
}

fn parse_by_day(s: &str) -> Result<(i32, Weekday), String> {
    let s = s.trim().to_ascii_uppercase();
    let bad = || format!("bad BYDAY {s}");
    let split = s.len().checked_sub(2).ok_or_else(bad)?;
    // `get` rather than slicing: hostile input may split a character.
    let (n, wd) = (
        s.get(..split).ok_or_else(bad)?,
        s.get(split..).ok_or_else(bad)?,
    );
    let wd = match wd {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return Err(format!("bad BYDAY {s}")),
    };
    let n = if n.is_empty() {
        0
    } else {
        n.trim_start_matches('+')
            .parse::<i32>()
            .ok()
            .filter(|n| *n != 0 && n.abs() <= 5)
            .ok_or_else(|| format!("bad BYDAY {s}"))?
    };
    Ok((n, wd))
}

/// `20261127T090000Z`, `20261127T090000` (local in `tz`) or `20261127`.
pub(crate) fn parse_when(v: &str, tz: Tz) -> Result<Start, String> {
    if let Some(utc) = v.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .map(|t| Start::At(t.and_utc()))
            .map_err(|_| format!("bad date-time {v}"));
    }
    if v.contains('T') {
        return NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S")
            .map(|t| Start::At(local_to_utc(t, tz)))
            .map_err(|_| format!("bad date-time {v}"));
    }
    NaiveDate::parse_from_str(v, "%Y%m%d")
        .map(Start::Day)
        .map_err(|_| format!("bad date {v}"))
}
