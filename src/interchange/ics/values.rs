//! Property values: date-times (with TZID and VALUE=DATE), durations, UTC offsets.

use chrono::{Duration, NaiveDateTime};

use super::IcsTime;
use super::lines::ContentLine;
use crate::domain::recurrence::{parse_basic_date, parse_basic_date_time};

/// The name of a property for messages, upper case.
fn prop(cl: &ContentLine<'_>) -> String {
    cl.name.to_ascii_uppercase()
}

/// One date or date-time of a property (DTSTART, DTEND, RECURRENCE-ID).
pub(crate) fn time(cl: &ContentLine<'_>) -> Result<IcsTime, String> {
    let value = super::lines::trim(cl.value);
    let date_only = cl
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    let tzid = cl.param("TZID");
    one_time(cl, value, date_only, tzid.as_deref())
}

/// A comma-separated list (RDATE, EXDATE; may be VALUE=PERIOD: the start is taken).
pub(crate) fn times(cl: &ContentLine<'_>, out: &mut Vec<IcsTime>) -> Result<(), String> {
    let date_only = cl
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    let tzid = cl.param("TZID");
    for item in cl.value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let item = item.split_once('/').map_or(item, |(start, _)| start);
        out.push(one_time(cl, item, date_only, tzid.as_deref())?);
    }
    Ok(())
}

fn one_time(
    cl: &ContentLine<'_>,
    value: &str,
    date_only: bool,
    tzid: Option<&str>,
) -> Result<IcsTime, String> {
    if date_only || value.len() == 8 {
        return parse_basic_date(value).map(IcsTime::Date).ok_or_else(|| {
            format!(
                "{} {value:?} is not an iCalendar date (expected 20261123)",
                prop(cl)
            )
        });
    }
    let (local, utc) = parse_basic_date_time(value).ok_or_else(|| {
        format!(
            "{} {value:?} is not an iCalendar date-time (expected 20261123T090000 or 20261123)",
            prop(cl)
        )
    })?;
    Ok(match (utc, tzid) {
        (true, _) => IcsTime::Utc(local.and_utc()),
        (false, Some(tzid)) if !tzid.trim().is_empty() => IcsTime::Zoned {
            local,
            tzid: tzid.trim().to_owned(),
        },
        (false, _) => IcsTime::Floating(local),
    })
}

/// A local date-time without zone (a VTIMEZONE's DTSTART and RDATE).
pub(crate) fn local_time(cl: &ContentLine<'_>, value: &str) -> Result<NaiveDateTime, String> {
    parse_basic_date_time(value.trim())
        .map(|(t, _)| t)
        .ok_or_else(|| {
            format!(
                "{} {value:?} is not a local date-time (expected 19701025T030000)",
                prop(cl)
            )
        })
}

/// `P1D`, `PT1H30M`, `-PT15M`, `P2W`, `P1DT2H`.
pub(crate) fn duration(cl: &ContentLine<'_>) -> Result<Duration, String> {
    let value = cl.value.trim();
    parse_duration(value).ok_or_else(|| {
        format!(
            "{} {value:?} is not an iCalendar duration (expected e.g. PT1H30M, P1D or P2W)",
            prop(cl)
        )
    })
}

pub(crate) fn parse_duration(s: &str) -> Option<Duration> {
    let (neg, s) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let s = s.strip_prefix(['P', 'p'])?;
    let mut secs: i64 = 0;
    let mut num: Option<i64> = None;
    let mut in_time = false;
    let mut any = false;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                let d = i64::from(c as u8 - b'0');
                num = Some(num.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
            }
            'T' | 't' if !in_time && num.is_none() => in_time = true,
            _ => {
                let unit = match (c.to_ascii_uppercase(), in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                secs = secs.checked_add(num.take()?.checked_mul(unit)?)?;
                any = true;
            }
        }
    }
    if num.is_some() || !any {
        return None;
    }
    let d = Duration::try_seconds(secs)?;
    Some(if neg { -d } else { d })
}

/// `+0100`, `-0500`, `+053000` as seconds east of UTC.
pub(crate) fn offset(cl: &ContentLine<'_>) -> Result<i32, String> {
    let v = cl.value.trim();
    parse_offset(v).ok_or_else(|| {
        format!(
            "{} {v:?} is not a UTC offset (expected e.g. +0100 or -0500)",
            prop(cl)
        )
    })
}

pub(crate) fn parse_offset(v: &str) -> Option<i32> {
    let b = v.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let d = &b[1..];
    if !(d.len() == 4 || d.len() == 6) || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize| i32::from(d[i] - b'0') * 10 + i32::from(d[i + 1] - b'0');
    let (h, m, s) = (n(0), n(2), if d.len() == 6 { n(4) } else { 0 });
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + s))
}
