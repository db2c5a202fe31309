//! The form's repeat: how often a new booking comes back (`Repeats`: none,
//! weekly, every 2, 3, 4 weeks, monthly or an RRULE, read by the parser the
//! CLI uses) and when it stops (`Ends`: open, a date, or a number of
//! visits). With a repeat, saving makes a series.

use chrono::{Duration, NaiveDate};

use super::{BookingForm, Check, FormContext};
use crate::domain::BookingDraft;
use crate::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
use crate::domain::when::{dmy, parse_date};

/// What the Repeats field says when empty (no repeat).
pub const REPEATS_HINT: &str = "weekly/every 2 weeks/monthly";

/// What a repeat is made of, once both fields hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    pub rule: Rule,
    pub end: SeriesEnd,
    pub holidays: HolidayPolicy,
}

fn is_none(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "" | "none" | "no" | "ingen" | "nej" | "-"
    )
}

/// The holiday policy a repeat's text ends with (", move": to the next
/// working day; ", skip": no visit), and the text without it.
fn policy(text: &str) -> (&str, HolidayPolicy) {
    if let Some((head, tail)) = text.rsplit_once(',') {
        match tail.trim().to_lowercase().as_str() {
            "move" | "flyt" => return (head, HolidayPolicy::Move),
            "skip" | "spring over" => return (head, HolidayPolicy::Skip),
            _ => {}
        }
    }
    (text, HolidayPolicy::Skip)
}

/// Reads the Ends field: `None` for open (or the end an RRULE names).
fn parse_end(text: &str, today: NaiveDate) -> Result<Option<SeriesEnd>, String> {
    let t = text.trim().to_lowercase();
    if matches!(t.as_str(), "" | "open" | "never" | "aldrig" | "-") {
        return Ok(None);
    }
    let number = t
        .trim_end_matches("times")
        .trim_end_matches("gange")
        .trim_end_matches("visits")
        .trim_end_matches('x')
        .trim();
    if let Ok(n) = number.parse::<u32>() {
        return match n {
            0 => Err("a series has at least 1 visit".into()),
            n => Ok(Some(SeriesEnd::Count(n))),
        };
    }
    let date = t.strip_prefix("until").unwrap_or(&t).trim();
    let date = date.strip_prefix("til").unwrap_or(date).trim();
    parse_date(date, today)
        .map(|d| Some(SeriesEnd::Until(d.date)))
        .map_err(|_| "open, a date (until 2/3) or a number of visits (6 times)".to_string())
}

impl BookingForm {
    /// Whether the Repeats field asks for a series.
    pub fn repeats(&self) -> bool {
        self.editing.is_none() && !is_none(self.repeats.text())
    }

    /// The repeat the two fields describe, from `first` (the date field's
    /// day); `None` without one.
    pub fn repeat(&self, first: NaiveDate, today: NaiveDate) -> Result<Option<Repeat>, String> {
        if !self.repeats() {
            return Ok(None);
        }
        let (text, holidays) = policy(self.repeats.text());
        let spec = Rule::parse_spec(text, first)?;
        let end = parse_end(self.ends.text(), today)
            .map_err(|e| format!("ends: {e}"))?
            .or(spec.end)
            .unwrap_or(SeriesEnd::Open);
        Ok(Some(Repeat {
            rule: spec.rule,
            end,
            holidays,
        }))
    }

    /// The verdict of the Repeats field.
    pub(super) fn check_repeats(&self, ctx: &FormContext) -> Check {
        if let Some(words) = &self.series_words {
            return Ok(words.clone());
        }
        if self.editing.is_some() {
            return Ok(ctx.words.get("form-repeats-own"));
        }
        if !self.repeats() {
            return Ok(ctx.words.get("form-repeats-hint"));
        }
        let first = self.parsed_date(ctx).map(|d| d.date).unwrap_or(ctx.today);
        let (text, holidays) = policy(self.repeats.text());
        let spec = Rule::parse_spec(text, first)?;
        let mut words = spec.rule.describe();
        if holidays == HolidayPolicy::Move {
            words.push_str(&ctx.words.get("form-holidays-move"));
        }
        Ok(words)
    }

    /// The verdict of the Ends field.
    pub(super) fn check_ends(&self, ctx: &FormContext) -> Check {
        if !self.repeats() {
            return Ok(String::new());
        }
        Ok(match parse_end(self.ends.text(), ctx.today)? {
            None => ctx.words.get("form-ends-open"),
            Some(SeriesEnd::Count(n)) => ctx.words.with("form-ends-count", &[("n", n.into())]),
            Some(SeriesEnd::Until(d)) => ctx
                .words
                .with("form-ends-until", &[("date", dmy(d).into())]),
            Some(SeriesEnd::Open) => String::new(),
        })
    }

    /// The series a new booking with a repeat makes (`None`: no repeat).
    pub fn series(
        &self,
        draft: &BookingDraft,
        ctx: &FormContext,
    ) -> Result<Option<Series>, String> {
        let local = ctx.tz.local(draft.start);
        let first = local.date_naive();
        let Some(r) = self.repeat(first, ctx.today)? else {
            return Ok(None);
        };
        let minutes = (draft.end - draft.start).num_minutes().max(0);
        let series = Series {
            id: 0,
            customer_id: draft.customer_id,
            staff_id: draft.staff_id,
            service: draft.service.clone(),
            start_time: local.time(),
            duration_min: u32::try_from(minutes).unwrap_or(0),
            first_date: first,
            rule: r.rule,
            end: r.end,
            holidays: r.holidays,
            pauses: Vec::new(),
            address: draft.address.clone(),
            notes: draft.notes.clone(),
            version: 0,
        };
        series.check().map_err(|e| e.to_string())?;
        Ok(Some(series))
    }
}

/// How far the form's preview looks for the next dates.
pub const PREVIEW_DAYS: i64 = 120;

/// The last day the preview looks at, from `first`.
pub fn preview_to(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_signed(Duration::days(PREVIEW_DAYS))
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_is_open_a_date_or_a_count() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).expect("d");
        assert_eq!(parse_end("", today), Ok(None));
        assert_eq!(parse_end("6 times", today), Ok(Some(SeriesEnd::Count(6))));
        assert_eq!(parse_end("6", today), Ok(Some(SeriesEnd::Count(6))));
        assert_eq!(
            parse_end("until 2/3/2027", today),
            Ok(Some(SeriesEnd::Until(
                NaiveDate::from_ymd_opt(2027, 3, 2).expect("d")
            )))
        );
        assert!(parse_end("soon", today).is_err());
    }

    #[test]
    fn a_trailing_word_says_what_holidays_do() {
        assert_eq!(
            policy("every 2 weeks, move"),
            ("every 2 weeks", HolidayPolicy::Move)
        );
        assert_eq!(
            policy("FREQ=WEEKLY;BYDAY=MO,TU"),
            ("FREQ=WEEKLY;BYDAY=MO,TU", HolidayPolicy::Skip)
        );
        assert!(is_none(" none "));
    }
}
