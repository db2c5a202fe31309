//! What dispatchers type for dates, times and durations: Danish and English,
//! long and short forms. Every rejection says what to type instead.
//!
//! Nothing here reads the clock: relative dates take `today` as an argument.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};

mod error;

pub use error::{DateError, DurationError, TimeError};

/// A date without a year is this year's, unless that lies more than this
/// many days before today; then it is next year's.
const YEARLESS_PAST_DAYS: u64 = 60;

/// The longest duration a job can have, in minutes.
const MAX_DURATION_MIN: u64 = 24 * 60;

/// Weekday names a dispatcher may type (lower case, without a trailing dot).
const WEEKDAY_WORDS: [(Weekday, &[&str]); 7] = [
    (Weekday::Mon, &["mandag", "man", "monday", "mon"]),
    (
        Weekday::Tue,
        &["tirsdag", "tirs", "tir", "tuesday", "tues", "tue"],
    ),
    (Weekday::Wed, &["onsdag", "ons", "wednesday", "wed"]),
    (
        Weekday::Thu,
        &["torsdag", "tors", "tor", "thursday", "thurs", "thur", "thu"],
    ),
    (Weekday::Fri, &["fredag", "fre", "friday", "fri"]),
    (
        Weekday::Sat,
        &["lørdag", "lør", "lordag", "lor", "saturday", "sat"],
    ),
    (
        Weekday::Sun,
        &["søndag", "søn", "sondag", "son", "sunday", "sun"],
    ),
];

/// Words that may stand between a weekday and a date: `mandag den 20/1`.
const FILLER: [&str; 3] = ["den", "d.", "the"];

/// A date as typed, and the weekday the dispatcher named with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateInput {
    pub date: NaiveDate,
    /// The weekday the dispatcher named, if any.
    pub weekday: Option<Weekday>,
}

impl DateInput {
    /// The named weekday when it disagrees with the date (the business's
    /// `validateBookingDate`).
    pub fn mismatch(&self) -> Option<Weekday> {
        self.weekday.filter(|w| *w != self.date.weekday())
    }

    /// A sentence for the form, e.g. `20/1/2025 is mandag, not tirsdag`.
    pub fn mismatch_text(&self) -> Option<String> {
        let named = self.mismatch()?;
        Some(format!(
            "{} is {}, not {}",
            dmy(self.date),
            weekday_da_long(self.date.weekday()),
            weekday_da_long(named)
        ))
    }
}

/// Danish full weekday name, e.g. `mandag`.
pub fn weekday_da_long(w: Weekday) -> &'static str {
    [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    ][w.num_days_from_monday() as usize]
}

/// `20/1/2025`.
pub fn dmy(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

/// `20/1`.
pub fn dm(d: NaiveDate) -> String {
    format!("{}/{}", d.day(), d.month())
}

/// Parses a date as a dispatcher types it: `2025-01-20`, `20/1`, `20/1/2025`,
/// `20/1/25`, `20/1-2025`, `20.01.2025`, `20.1.`, `20-01-2025`, `i dag`,
/// `i morgen`, `overmorgen`, `+3`, a weekday (`mandag`, `man.`, `monday`),
/// or a weekday with a date in either order (`mandag den 20/1`, `20/1 man`).
///
/// A weekday alone is the next such day, today included. A date without a
/// year is this year's unless that is more than 60 days ago, then next
/// year's. A weekday named with a date is kept, so the caller can show a
/// [`DateInput::mismatch`].
pub fn parse_date(input: &str, today: NaiveDate) -> Result<DateInput, DateError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let lower = text.to_lowercase();
    let joined = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(days) = relative_word(&joined) {
        return Ok(DateInput {
            date: days_after(today, days, text)?,
            weekday: None,
        });
    }
    if let Some(count) = joined.strip_prefix('+') {
        return day_count(count.trim(), today, text);
    }
    if let Some(count) = joined.strip_prefix('-')
        && !count.is_empty()
        && count.trim().chars().all(|c| c.is_ascii_digit())
    {
        return Err(DateError::Backwards { text: text.into() });
    }

    let mut date: Option<(&str, NaiveDate)> = None;
    let mut weekday: Option<(&str, Weekday)> = None;
    let tokens = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty() && !FILLER.contains(t));
    for token in tokens {
        if let Some(w) = weekday_word(token) {
            if let Some((first, _)) = weekday {
                return Err(DateError::TwoWeekdays {
                    first: first.into(),
                    second: token.into(),
                });
            }
            weekday = Some((token, w));
        } else if token.starts_with(|c: char| c.is_ascii_digit()) {
            let d = date_token(token, today)?;
            if let Some((first, _)) = date {
                return Err(DateError::TwoDates {
                    first: first.into(),
                    second: token.into(),
                });
            }
            date = Some((token, d));
        } else if token.contains(|c: char| c.is_ascii_digit()) {
            return Err(DateError::NotADate {
                token: token.into(),
            });
        } else {
            return Err(DateError::UnknownDay {
                token: token.into(),
            });
        }
    }
    match (date, weekday) {
        (Some((_, date)), named) => Ok(DateInput {
            date,
            weekday: named.map(|(_, w)| w),
        }),
        (None, Some((_, w))) => Ok(DateInput {
            date: next_weekday(today, w),
            weekday: Some(w),
        }),
        (None, None) => Err(DateError::NoDateIn { text: text.into() }),
    }
}

/// `i dag`, `i morgen` and `i overmorgen` as days after today.
fn relative_word(s: &str) -> Option<u64> {
    match s {
        "i dag" | "idag" | "today" => Some(0),
        "i morgen" | "imorgen" | "tomorrow" => Some(1),
        "i overmorgen" | "overmorgen" => Some(2),
        _ => None,
    }
}

fn day_count(count: &str, today: NaiveDate, text: &str) -> Result<DateInput, DateError> {
    if count.is_empty() || !count.chars().all(|c| c.is_ascii_digit()) {
        return Err(DateError::BadCount { text: text.into() });
    }
    let days = count
        .parse::<u64>()
        .map_err(|_| DateError::TooFarAhead { text: text.into() })?;
    Ok(DateInput {
        date: days_after(today, days, text)?,
        weekday: None,
    })
}

fn days_after(today: NaiveDate, days: u64, text: &str) -> Result<NaiveDate, DateError> {
    today
        .checked_add_days(Days::new(days))
        .ok_or_else(|| DateError::TooFarAhead { text: text.into() })
}

/// The weekday a word names (`tirsdag`, `tir.`, `Tuesday`, `tue`), Danish
/// or English, lower case.
pub fn weekday_word(token: &str) -> Option<Weekday> {
    let word = token.strip_suffix('.').unwrap_or(token);
    WEEKDAY_WORDS
        .iter()
        .find(|(_, names)| names.contains(&word))
        .map(|(w, _)| *w)
}

/// The next `w`, counting today.
fn next_weekday(today: NaiveDate, w: Weekday) -> NaiveDate {
    let ahead = (7 + w.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today
        .checked_add_days(Days::new(u64::from(ahead)))
        .unwrap_or(today)
}

/// One date written with digits: `2025-01-20`, `20/1`, `20/1/2025`,
/// `20/1/25`, `20/1-2025`, `20.01.2025`, `20.1.`, `20-01-2025`.
fn date_token(token: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let not_a_date = || DateError::NotADate {
        token: token.into(),
    };
    let body = token.strip_suffix('.').unwrap_or(token);
    let parts: Vec<&str> = body.split(['/', '.', '-']).collect();
    let ok =
        |p: &str, lens: &[usize]| lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let num = |p: &str| p.parse::<u32>().map_err(|_| not_a_date());
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] if ok(y, &[4]) && ok(m, &[1, 2]) && ok(d, &[1, 2]) => {
            (Some(num(y)?), num(m)?, num(d)?)
        }
        [d, m, y] if ok(d, &[1, 2]) && ok(m, &[1, 2]) && ok(y, &[2, 4]) => {
            let y = num(y)?;
            (Some(if y < 100 { 2000 + y } else { y }), num(m)?, num(d)?)
        }
        [d, m] if ok(d, &[1, 2]) && ok(m, &[1, 2]) => (None, num(m)?, num(d)?),
        _ => return Err(not_a_date()),
    };
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth {
            token: token.into(),
            month,
        });
    }
    let year = match year {
        Some(y) => i32::try_from(y).map_err(|_| not_a_date())?,
        None => yearless(month, day, today),
    };
    let last = days_in_month(year, month);
    if day == 0 || day > last {
        return Err(DateError::NoSuchDay {
            token: token.into(),
            month,
            year,
            last,
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(not_a_date)
}

/// The year of a date typed without one: this year, unless that is more than
/// 60 days before today, then next year.
fn yearless(month: u32, day: u32, today: NaiveDate) -> i32 {
    let year = today.year();
    let probe = NaiveDate::from_ymd_opt(year, month, day.clamp(1, days_in_month(year, month)));
    let cutoff = today.checked_sub_days(Days::new(YEARLESS_PAST_DAYS));
    match (probe, cutoff) {
        (Some(p), Some(c)) if p < c => year + 1,
        _ => year,
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some())
        .unwrap_or(28)
}

/// Parses a time of day: `9`, `14`, `930`, `0930`, `9:30`, `9.30`, `09.30`,
/// optionally after `kl` or `kl.`. Seconds are not accepted.
pub fn parse_time(input: &str) -> Result<NaiveTime, TimeError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(TimeError::Empty);
    }
    let lower = text.to_lowercase();
    let body = lower
        .strip_prefix("kl.")
        .or_else(|| lower.strip_prefix("kl"))
        .unwrap_or(&lower)
        .trim();
    let body = body.strip_suffix('.').unwrap_or(body);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let not_a_time = || TimeError::NotATime { text: text.into() };
    let (h, m) = match body.split_once([':', '.']) {
        Some((_, m)) if m.contains([':', '.']) => {
            return Err(TimeError::Seconds { text: text.into() });
        }
        Some((h, m)) if digits(h) && h.len() <= 2 && digits(m) => {
            if m.len() != 2 {
                return Err(TimeError::OneDigitMinutes { text: text.into() });
            }
            (h, m)
        }
        Some(_) => return Err(not_a_time()),
        None if digits(body) => match body.len() {
            1 | 2 => (body, "0"),
            3 => body.split_at(1),
            4 => body.split_at(2),
            _ => return Err(not_a_time()),
        },
        None => return Err(not_a_time()),
    };
    let (h, m) = (
        h.parse::<u32>().map_err(|_| not_a_time())?,
        m.parse::<u32>().map_err(|_| not_a_time())?,
    );
    if h > 23 {
        return Err(TimeError::Hours { text: text.into() });
    }
    if m > 59 {
        return Err(TimeError::Minutes { text: text.into() });
    }
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(not_a_time)
}

/// Why a job's length could not be had from a duration or an end time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LengthError {
    Duration(DurationError),
    End(TimeError),
    /// The end (as typed) is not after the start.
    EndNotAfter(String),
    /// Neither a duration nor an end.
    Missing,
}

/// A job's length in minutes from its start and either a typed duration
/// (which wins) or a typed end time, as the command line and the
/// assistants' tools take them.
pub fn job_length(
    start: NaiveTime,
    duration: Option<&str>,
    end: Option<&str>,
) -> Result<u32, LengthError> {
    match (duration, end) {
        (Some(d), _) => parse_duration(d).map_err(LengthError::Duration),
        (None, Some(e)) => {
            let end = parse_time(e).map_err(LengthError::End)?;
            let min = (end - start).num_minutes();
            if min <= 0 {
                return Err(LengthError::EndNotAfter(e.to_string()));
            }
            Ok(u32::try_from(min).unwrap_or(u32::MAX))
        }
        (None, None) => Err(LengthError::Missing),
    }
}

/// Parses a duration in minutes: `3` and `2,5`/`2.5` are hours; `2:30`, `2t`,
/// `2 t`, `2h`, `2h30`, `2 t 30 min`, `150m`, `150 min`, `90min`. It must be
/// longer than 0 and at most 24 hours.
pub fn parse_duration(input: &str) -> Result<u32, DurationError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    if text.starts_with('-') {
        return Err(DurationError::Negative { text: text.into() });
    }
    let lower = text.to_lowercase();
    let minutes = match lower.split_once(':') {
        Some((h, m)) => clock_duration(h.trim(), m.trim(), text)?,
        None => unit_duration(&lower, text)?,
    };
    if minutes == 0 {
        return Err(DurationError::Zero { text: text.into() });
    }
    let over = |bare| DurationError::OverADay {
        text: text.into(),
        bare,
    };
    if minutes > MAX_DURATION_MIN {
        return Err(over(lower.bytes().all(|b| b.is_ascii_digit())));
    }
    u32::try_from(minutes).map_err(|_| over(false))
}

/// `2:30` as minutes.
fn clock_duration(h: &str, m: &str, text: &str) -> Result<u64, DurationError> {
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 2) || !digits(m, 2) || m.len() != 2 {
        return Err(DurationError::NotADuration { text: text.into() });
    }
    let (h, m) = (parse_u64(h, text)?, parse_u64(m, text)?);
    if m > 59 {
        return Err(DurationError::Minutes { text: text.into() });
    }
    Ok(h * 60 + m)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// No unit written.
    Bare,
    Hours,
    Minutes,
}

/// `3`, `2,5 t`, `2h30`, `2 t 30 min`, `90min` as minutes.
fn unit_duration(lower: &str, text: &str) -> Result<u64, DurationError> {
    let not_a_duration = || DurationError::NotADuration { text: text.into() };
    let mut parts: Vec<(&str, Unit)> = Vec::new();
    let mut rest = lower.trim_start();
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(num_len);
        let after = after.trim_start();
        let unit_len = after
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(after.len());
        let (word, after) = after.split_at(unit_len);
        if number.is_empty() {
            return Err(not_a_duration());
        }
        let unit = match word {
            "" => Unit::Bare,
            "t" | "time" | "timer" | "h" | "hr" | "hrs" | "hour" | "hours" => Unit::Hours,
            "m" | "min" | "mins" | "minut" | "minutter" | "minute" | "minutes" => Unit::Minutes,
            _ => {
                return Err(DurationError::UnknownUnit {
                    text: text.into(),
                    unit: word.into(),
                });
            }
        };
        parts.push((number, unit));
        rest = after.trim_start();
    }
    match parts.as_slice() {
        [(n, Unit::Bare | Unit::Hours)] => hours(n, text),
        [(n, Unit::Minutes)] => whole_minutes(n, text),
        [(h, Unit::Hours), (m, Unit::Bare | Unit::Minutes)] => {
            let m = whole_minutes(m, text)?;
            if m > 59 {
                return Err(DurationError::MinutesAfterHours { text: text.into() });
            }
            Ok(whole_hours(h, text)? * 60 + m)
        }
        _ => Err(not_a_duration()),
    }
}

/// Hours with an optional decimal comma or point, as whole minutes (rounded).
fn hours(n: &str, text: &str) -> Result<u64, DurationError> {
    let Some((whole, frac)) = n.split_once([',', '.']) else {
        return Ok(parse_u64(n, text)? * 60);
    };
    let bad = || DurationError::NotADuration { text: text.into() };
    if frac.is_empty() || frac.len() > 4 || frac.contains([',', '.']) {
        return Err(bad());
    }
    let whole = if whole.is_empty() {
        0
    } else {
        parse_u64(whole, text)?
    };
    let scale = 10u64.pow(frac.len() as u32);
    let frac_min = (parse_u64(frac, text)? * 60 * 2 + scale) / (2 * scale);
    Ok(whole * 60 + frac_min)
}

fn whole_hours(n: &str, text: &str) -> Result<u64, DurationError> {
    if n.contains([',', '.']) {
        return Err(DurationError::WholeHours { text: text.into() });
    }
    parse_u64(n, text)
}

fn whole_minutes(n: &str, text: &str) -> Result<u64, DurationError> {
    if n.contains([',', '.']) {
        return Err(DurationError::WholeMinutes { text: text.into() });
    }
    parse_u64(n, text)
}

/// A digit string; anything too long to be a job's length counts as too long.
fn parse_u64(s: &str, text: &str) -> Result<u64, DurationError> {
    if s.len() > 6 {
        return Err(DurationError::OverADay {
            text: text.into(),
            bare: false,
        });
    }
    s.parse::<u64>()
        .map_err(|_| DurationError::NotADuration { text: text.into() })
}

/// A minute count as the console shows durations: `45 min`, `3 h`, `2 h 30`,
/// `3 h 05`. [`parse_duration`] reads every one of these back.
pub fn format_duration(min: u32) -> String {
    match (min / 60, min % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

#[cfg(test)]
mod tests;
