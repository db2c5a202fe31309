//! RRULE text: parts, values, and the basic date forms (`20261123`,
//! `20261123T090000Z`).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::error::{ListPart, RRuleError};
use super::{ByDay, Freq, RRule, Until};

/// `20261123`.
pub fn parse_basic_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year = digits(&b[0..4]) as i32;
    NaiveDate::from_ymd_opt(year, digits(&b[4..6]), digits(&b[6..8]))
}

/// `20261123T090000` (floating or zoned) or `20261123T090000Z` (UTC, `true`).
pub fn parse_basic_date_time(s: &str) -> Option<(NaiveDateTime, bool)> {
    let b = s.as_bytes();
    let (b, utc) = match b {
        [rest @ .., b'Z' | b'z'] => (rest, true),
        _ => (b, false),
    };
    if b.len() != 15 || !matches!(b[8], b'T' | b't') {
        return None;
    }
    let date = parse_basic_date(s.get(0..8)?)?;
    let t = &b[9..15];
    if !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // A leap second (60) is read as the second before it.
    let time =
        NaiveTime::from_hms_opt(digits(&t[0..2]), digits(&t[2..4]), digits(&t[4..6]).min(59))?;
    Some((date.and_time(time), utc))
}

fn digits(b: &[u8]) -> u32 {
    b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

fn parse_weekday(s: &str) -> Option<Weekday> {
    let wd = match s.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    };
    Some(wd)
}

fn parse_by_day(item: &str) -> Result<ByDay, RRuleError> {
    let bad = || RRuleError::ByDay {
        item: item.to_string(),
    };
    if !item.is_ascii() || item.len() < 2 {
        return Err(bad());
    }
    let (num, wd) = item.split_at(item.len() - 2);
    let weekday = parse_weekday(wd).ok_or_else(bad)?;
    let nth = match num {
        "" => None,
        n => {
            let n: i16 = n.parse().map_err(|_| bad())?;
            if n == 0 || n.abs() > 53 {
                return Err(RRuleError::ByDayOrdinal {
                    item: item.to_string(),
                });
            }
            Some(n)
        }
    };
    Ok(ByDay { nth, weekday })
}

fn parse_list<T>(
    part: ListPart,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, RRuleError> {
    value
        .split(',')
        .map(|item| {
            parse(item.trim()).ok_or_else(|| RRuleError::OutOfRange {
                part,
                item: item.to_string(),
            })
        })
        .collect()
}

impl RRule {
    /// Parses an RRULE value such as `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR`
    /// (a leading `RRULE:` is allowed). Names are case-insensitive.
    pub fn parse(s: &str) -> Result<RRule, RRuleError> {
        let s = s.trim();
        let s = match s.get(..6) {
            Some(p) if p.eq_ignore_ascii_case("RRULE:") => &s[6..],
            _ => s,
        };
        let mut rule = RRule {
            freq: Freq::Daily,
            interval: 1,
            count: None,
            until: None,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            wkst: Weekday::Mon,
        };
        let mut freq = None;
        let mut seen: Vec<String> = Vec::new();
        for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, value)) = part.split_once('=') else {
                return Err(RRuleError::NoValue {
                    part: part.to_string(),
                });
            };
            let name = name.trim().to_ascii_uppercase();
            let value = value.trim();
            if seen.contains(&name) {
                return Err(RRuleError::Twice { name });
            }
            match name.as_str() {
                "FREQ" => {
                    freq = Some(match value.to_ascii_uppercase().as_str() {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        "YEARLY" => Freq::Yearly,
                        f @ ("HOURLY" | "MINUTELY" | "SECONDLY") => {
                            return Err(RRuleError::FreqNotSupported {
                                freq: f.to_string(),
                            });
                        }
                        _ => {
                            return Err(RRuleError::NotAFreq {
                                value: value.to_string(),
                            });
                        }
                    })
                }
                "INTERVAL" => {
                    rule.interval = value.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                        RRuleError::Interval {
                            value: value.to_string(),
                        }
                    })?
                }
                "COUNT" => {
                    rule.count = Some(value.parse().map_err(|_| RRuleError::Count {
                        value: value.to_string(),
                    })?)
                }
                "UNTIL" => {
                    let until = if let Some(d) = parse_basic_date(value) {
                        Until::Date(d)
                    } else if let Some((t, utc)) = parse_basic_date_time(value) {
                        if utc {
                            Until::Utc(t)
                        } else {
                            Until::Floating(t)
                        }
                    } else {
                        return Err(RRuleError::Until {
                            value: value.to_string(),
                        });
                    };
                    rule.until = Some(until);
                }
                "BYDAY" => {
                    rule.by_day = value
                        .split(',')
                        .map(|d| parse_by_day(d.trim()))
                        .collect::<Result<_, _>>()?
                }
                "BYMONTHDAY" => {
                    rule.by_month_day = parse_list(ListPart::ByMonthDay, value, |v| {
                        v.parse::<i8>().ok().filter(|d| *d != 0 && d.abs() <= 31)
                    })?
                }
                "BYMONTH" => {
                    rule.by_month = parse_list(ListPart::ByMonth, value, |v| {
                        v.parse::<u32>().ok().filter(|m| (1..=12).contains(m))
                    })?
                }
                "BYSETPOS" => {
                    rule.by_set_pos = parse_list(ListPart::BySetPos, value, |v| {
                        v.parse::<i32>().ok().filter(|p| *p != 0 && p.abs() <= 366)
                    })?
                }
                "WKST" => {
                    rule.wkst = parse_weekday(value).ok_or_else(|| RRuleError::Wkst {
                        value: value.to_string(),
                    })?
                }
                "BYHOUR" | "BYMINUTE" | "BYSECOND" | "BYWEEKNO" | "BYYEARDAY" | "RSCALE"
                | "SKIP" => {
                    return Err(RRuleError::PartNotSupported { name });
                }
                n if n.starts_with("X-") => {}
                _ => return Err(RRuleError::PartUnknown { name }),
            }
            seen.push(name);
        }
        rule.freq = freq.ok_or_else(|| RRuleError::NoFreq {
            text: s.to_string(),
        })?;
        if matches!(rule.freq, Freq::Daily | Freq::Weekly)
            && rule.by_day.iter().any(|d| d.nth.is_some())
        {
            return Err(RRuleError::OrdinalNeedsMonthly);
        }
        if rule.freq == Freq::Weekly && !rule.by_month_day.is_empty() {
            return Err(RRuleError::MonthDayWeekly);
        }
        Ok(rule)
    }
}
