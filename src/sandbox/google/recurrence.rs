//! Recurrence rules as Google reads them from an event's `recurrence` lines
//! (RFC 5545 RRULE / EXDATE / RDATE, see
//! <https://developers.google.com/calendar/api/concepts/events-calendars#recurring_events>
//! and <https://developers.google.com/calendar/api/guides/recurringevents>),
//! expanded into instance starts in the event's own time zone, so 09:00 in
//! Copenhagen stays 09:00 across daylight saving time.
//!
//! Supported: FREQ=DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL,
//! BYDAY (with an ordinal such as `1MO` or `-1FR` for MONTHLY), BYMONTHDAY,
//! EXDATE and RDATE. Other rule parts are refused rather than ignored, so a
//! test never believes in instances the fake did not make.
//!
//! Expansion is bounded: at most `MAX_INSTANCES` starts per call and at most
//! `MAX_PERIODS` periods looked at, whatever the rule says.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use super::rrule::{Freq, Rule, Until, parse_rule, parse_when};
pub(crate) use super::rrule::{Start, local_to_utc};

/// Instances one expansion hands out at most (two years of a daily series).
/// Google documents no limit of its own.
pub(crate) const MAX_INSTANCES: usize = 730;
/// Periods (days, weeks, months, years) one expansion looks at at most.
const MAX_PERIODS: u32 = 20_000;

/// A series' rules, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recurrence {
    rules: Vec<Rule>,
    exdates: Vec<Start>,
    rdates: Vec<Start>,
}

impl Recurrence {
    /// Parses `recurrence` lines; `tz` reads local times (TZID or floating).
    pub(crate) fn parse(lines: &[String], tz: Tz) -> Result<Recurrence, String> {
        let mut rec = Recurrence {
            rules: Vec::new(),
            exdates: Vec::new(),
            rdates: Vec::new(),
        };
        for line in lines {
            let (head, value) = line
                .split_once(':')
                .ok_or_else(|| format!("not a recurrence line: {line}"))?;
            let mut params = head.split(';');
            let name = params.next().unwrap_or("").to_ascii_uppercase();
            match name.as_str() {
                "RRULE" => rec.rules.push(parse_rule(value, tz)?),
                "EXDATE" | "RDATE" => {
                    let mut zone = tz;
                    for p in params {
                        if let Some(z) = p.strip_prefix("TZID=") {
                            zone = z.parse().map_err(|_| format!("unknown TZID {z}"))?;
                        }
                    }
                    let dates = value
                        .split(',')
                        .map(|v| parse_when(v.trim(), zone))
                        .collect::<Result<Vec<_>, _>>()?;
                    if name == "EXDATE" {
                        rec.exdates.extend(dates);
                    } else {
                        rec.rdates.extend(dates);
                    }
                }
                _ => return Err(format!("unsupported recurrence line: {line}")),
            }
        }
        if rec.rules.len() > 1 {
            return Err("more than one RRULE".into());
        }
        Ok(rec)
    }

    /// The starts of the series beginning at `first` (local time in `tz`,
    /// or a day), in order, from `after` (when given) up to (not including)
    /// `before`, at most `limit` (and never more than `MAX_INSTANCES`).
    pub(crate) fn starts(
        &self,
        first: Start,
        tz: Tz,
        after: Option<DateTime<Utc>>,
        before: DateTime<Utc>,
        limit: usize,
    ) -> Vec<Start> {
        let limit = limit.min(MAX_INSTANCES);
        let (d0, time) = match first {
            Start::At(t) => {
                let local = t.with_timezone(&tz).naive_local();
                (local.date(), Some(local.time()))
            }
            Start::Day(d) => (d, None),
        };
        let to_start = |day: NaiveDate| match time {
            Some(t) => Start::At(local_to_utc(day.and_time(t), tz)),
            None => Start::Day(day),
        };
        let instant = |s: Start| match s {
            Start::At(t) => t,
            Start::Day(d) => local_to_utc(d.and_time(NaiveTime::MIN), tz),
        };
        let excluded = |s: Start| {
            self.exdates.iter().any(|x| match (x, s) {
                (Start::At(a), Start::At(b)) => *a == b,
                (Start::Day(a), _) => *a == day_of(s, tz),
                (Start::At(a), Start::Day(b)) => a.with_timezone(&tz).date_naive() == b,
            })
        };
        let mut out: Vec<Start> = Vec::new();
        let Some(rule) = self.rules.first() else {
            // No rule: the first start and the RDATEs.
            let mut all = vec![first];
            all.extend(self.rdates.iter().copied());
            all.sort();
            all.dedup();
            all.retain(|s| {
                !excluded(*s) && instant(*s) < before && after.is_none_or(|a| instant(*s) >= a)
            });
            all.truncate(limit);
            return all;
        };
        let mut counted = 0u32;
        'periods: for k in 0..MAX_PERIODS {
            let Some(days) = period_days(rule, d0, k) else {
                break;
            };
            for day in days.into_iter().filter(|d| *d >= d0) {
                let s = to_start(day);
                if rule.count.is_some_and(|c| counted >= c) || past_until(rule, s, tz) {
                    break 'periods;
                }
                if instant(s) >= before || out.len() >= limit {
                    break 'periods;
                }
                counted += 1;
                if !excluded(s) && after.is_none_or(|a| instant(s) >= a) {
                    out.push(s);
                }
            }
        }
        if !self.rdates.is_empty() {
            out.extend(
                self.rdates
                    .iter()
                    .copied()
                    .filter(|s| instant(*s) < before && after.is_none_or(|a| instant(*s) >= a)),
            );
            out.sort();
            out.dedup();
            out.retain(|s| !excluded(*s));
            out.truncate(limit);
        }
        out
    }
}

/// The local day of a start.
fn day_of(s: Start, tz: Tz) -> NaiveDate {
    match s {
        Start::At(t) => t.with_timezone(&tz).date_naive(),
        Start::Day(d) => d,
    }
}

fn past_until(rule: &Rule, s: Start, tz: Tz) -> bool {
    match (rule.until, s) {
        (None, _) => false,
        (Some(Until::At(u)), Start::At(t)) => t > u,
        (Some(Until::At(u)), Start::Day(d)) => d > u.with_timezone(&tz).date_naive(),
        (Some(Until::Day(u)), s) => day_of(s, tz) > u,
    }
}

/// The candidate days of period `k` (before the COUNT / UNTIL checks), in
/// order; `None` once the calendar runs out.
fn period_days(rule: &Rule, d0: NaiveDate, k: u32) -> Option<Vec<NaiveDate>> {
    let step = k.checked_mul(rule.interval)?;
    let mut days = match rule.freq {
        Freq::Daily => {
            let d = d0.checked_add_signed(Duration::days(i64::from(step)))?;
            let wanted =
                rule.by_day.is_empty() || rule.by_day.iter().any(|(_, w)| *w == d.weekday());
            if wanted { vec![d] } else { Vec::new() }
        }
        Freq::Weekly => {
            let monday = d0.checked_sub_signed(Duration::days(i64::from(
                d0.weekday().num_days_from_monday(),
            )))?;
            let week = monday.checked_add_signed(Duration::weeks(i64::from(step)))?;
            let mut wds: Vec<Weekday> = rule.by_day.iter().map(|(_, w)| *w).collect();
            if wds.is_empty() {
                wds.push(d0.weekday());
            }
            wds.iter()
                .filter_map(|w| {
                    week.checked_add_signed(Duration::days(i64::from(w.num_days_from_monday())))
                })
                .collect()
        }
        Freq::Monthly => {
            let first = d0.with_day(1)?.checked_add_months(Months::new(step))?;
            month_days(rule, first, d0.day())
        }
        Freq::Yearly => {
            let year = d0.year().checked_add(i32::try_from(step).ok()?)?;
            NaiveDate::from_ymd_opt(year, d0.month(), d0.day())
                .into_iter()
                .collect()
        }
    };
    days.sort();
    days.dedup();
    Some(days)
}

/// The days of the month starting at `first` a MONTHLY rule picks.
fn month_days(rule: &Rule, first: NaiveDate, day0: u32) -> Vec<NaiveDate> {
    let next = first.checked_add_months(Months::new(1));
    let len = next.map_or(28, |n| (n - first).num_days()) as i32;
    let at = |d: i32| -> Option<NaiveDate> {
        let d = if d < 0 { len + d + 1 } else { d };
        (1..=len)
            .contains(&d)
            .then(|| first.with_day(d as u32))
            .flatten()
    };
    if !rule.by_day.is_empty() {
        let mut out = Vec::new();
        for (n, wd) in &rule.by_day {
            let all: Vec<NaiveDate> = (1..=len)
                .filter_map(at)
                .filter(|d| d.weekday() == *wd)
                .collect();
            match *n {
                0 => out.extend(all),
                n if n > 0 => out.extend(all.get((n - 1) as usize).copied()),
                n => out.extend(
                    usize::try_from(-n)
                        .ok()
                        .and_then(|back| all.len().checked_sub(back))
                        .and_then(|i| all.get(i).copied()),
                ),
            }
        }
        if !rule.by_month_day.is_empty() {
            out.retain(|d| rule.by_month_day.iter().any(|m| at(*m) == Some(*d)));
        }
        out
    } else if !rule.by_month_day.is_empty() {
        rule.by_month_day.iter().filter_map(|m| at(*m)).collect()
    } else {
        // RFC 5545: a month without that day has no instance.
        at(day0 as i32).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDateTime, TimeZone};

    const CPH: Tz = chrono_tz::Europe::Copenhagen;

    fn rec(lines: &[&str]) -> Recurrence {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        Recurrence::parse(&lines, CPH).expect("rule")
    }

    fn local(s: Start) -> String {
        match s {
            Start::At(t) => t
                .with_timezone(&CPH)
                .format("%Y-%m-%d %H:%M %a")
                .to_string(),
            Start::Day(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    fn at(s: &str) -> Start {
        Start::At(local_to_utc(
            NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time"),
            CPH,
        ))
    }

    fn far() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0)
            .single()
            .expect("far")
    }

    #[test]
    fn weekly_keeps_local_time_across_dst() {
        let r = rec(&["RRULE:FREQ=WEEKLY;COUNT=3"]);
        let got: Vec<_> = r
            .starts(at("2026-10-18 09:00"), CPH, None, far(), 100)
            .into_iter()
            .map(local)
            .collect();
        assert_eq!(
            got,
            [
                "2026-10-18 09:00 Sun",
                "2026-10-25 09:00 Sun",
                "2026-11-01 09:00 Sun"
            ]
        );
    }

    #[test]
    fn weekly_by_day_interval_until_exdate() {
        let r = rec(&[
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20261201T000000Z",
            "EXDATE;TZID=Europe/Copenhagen:20261105T080000",
        ]);
        let got: Vec<_> = r
            .starts(at("2026-11-02 08:00"), CPH, None, far(), 100)
            .into_iter()
            .map(local)
            .collect();
        assert_eq!(
            got,
            [
                "2026-11-02 08:00 Mon",
                "2026-11-16 08:00 Mon",
                "2026-11-19 08:00 Thu",
                "2026-11-30 08:00 Mon"
            ]
        );
    }

    #[test]
    fn monthly_ordinals() {
        let r = rec(&["RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3"]);
        let got: Vec<_> = r
            .starts(at("2026-11-27 10:00"), CPH, None, far(), 100)
            .into_iter()
            .map(local)
            .collect();
        assert_eq!(
            got,
            [
                "2026-11-27 10:00 Fri",
                "2026-12-25 10:00 Fri",
                "2027-01-29 10:00 Fri"
            ]
        );
        let r = rec(&["RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=2"]);
        let got: Vec<_> = r
            .starts(at("2026-11-02 10:00"), CPH, None, far(), 100)
            .into_iter()
            .map(local)
            .collect();
        assert_eq!(got, ["2026-11-02 10:00 Mon", "2026-12-07 10:00 Mon"]);
        // The 31st: months without one have no instance.
        let r = rec(&["RRULE:FREQ=MONTHLY;COUNT=3"]);
        let got: Vec<_> = r
            .starts(at("2027-01-31 10:00"), CPH, None, far(), 100)
            .into_iter()
            .map(local)
            .collect();
        assert_eq!(
            got,
            [
                "2027-01-31 10:00 Sun",
                "2027-03-31 10:00 Wed",
                "2027-05-31 10:00 Mon"
            ]
        );
    }

    #[test]
    fn all_day_daily_and_bounds() {
        let r = rec(&["RRULE:FREQ=DAILY", "EXDATE;VALUE=DATE:20261203"]);
        let first = Start::Day(NaiveDate::from_ymd_opt(2026, 12, 1).expect("day"));
        let got: Vec<_> = r
            .starts(first, CPH, None, far(), 4)
            .into_iter()
            .map(local)
            .collect();
        assert_eq!(
            got,
            ["2026-12-01", "2026-12-02", "2026-12-04", "2026-12-05"]
        );
        // Open-ended: capped.
        assert_eq!(
            r.starts(first, CPH, None, far(), usize::MAX).len(),
            MAX_INSTANCES
        );
        let before = local_to_utc(
            NaiveDateTime::parse_from_str("2026-12-03 00:00", "%Y-%m-%d %H:%M").expect("t"),
            CPH,
        );
        assert_eq!(r.starts(first, CPH, None, before, 100).len(), 2);
    }

    #[test]
    fn refuses_what_it_does_not_know() {
        for bad in [
            "RRULE:FREQ=HOURLY",
            "RRULE:FREQ=WEEKLY;BYSETPOS=1",
            "RRULE:COUNT=2",
            "RRULE:FREQ=WEEKLY;BYDAY=1MO",
            "RRULE:FREQ=DAILY;COUNT=2;UNTIL=20270101",
            "EXRULE:FREQ=DAILY",
            "nonsense",
            "RRULE:FREQ=WEEKLY;BYDAY=éa",
            "RRULE:FREQ=DAILY;INTERVAL=0",
        ] {
            assert!(Recurrence::parse(&[bad.to_string()], CPH).is_err(), "{bad}");
        }
    }

    #[test]
    fn odd_rules_stay_bounded() {
        let firsts = [
            at("2028-02-29 10:00"),
            at("2026-03-29 02:30"), // skipped by daylight saving time
            at("2026-10-25 02:30"), // happens twice
            Start::Day(NaiveDate::from_ymd_opt(2027, 1, 31).expect("day")),
        ];
        for freq in ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] {
            for extra in [
                "",
                ";INTERVAL=1000",
                ";BYMONTHDAY=-1,31",
                ";BYDAY=MO,-1SU",
                ";BYDAY=5FR;BYMONTHDAY=30",
                ";COUNT=3",
                ";UNTIL=20270101",
            ] {
                let line = format!("RRULE:FREQ={freq}{extra}");
                let Ok(r) = Recurrence::parse(std::slice::from_ref(&line), CPH) else {
                    continue;
                };
                for first in firsts {
                    let got = r.starts(first, CPH, None, far(), usize::MAX);
                    assert!(got.len() <= MAX_INSTANCES, "{line}");
                    assert!(got.windows(2).all(|w| w[0] < w[1]), "{line}");
                }
            }
        }
        // The skipped 02:30 moves an hour on.
        let r = rec(&["RRULE:FREQ=DAILY;COUNT=2"]);
        let got: Vec<_> = r
            .starts(at("2026-03-28 02:30"), CPH, None, far(), 10)
            .into_iter()
            .map(local)
            .collect();
        assert_eq!(got, ["2026-03-28 02:30 Sat", "2026-03-29 03:30 Sun"]);
    }
}
