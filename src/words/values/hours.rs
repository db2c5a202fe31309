//! A refused cleaner's value in words: hours, a date override, time off, an
//! area, a number (the staff screen's edits and `renos staff`).

use crate::domain::availability::HoursError;
use crate::i18n::Words;

/// What was typed, quoted as the refusal shows it.
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

/// Why a cleaner's value was refused, and what to type instead.
pub fn hours_error(w: Words, e: &HoursError) -> String {
    match e {
        HoursError::NotATime { text } => {
            w.with("hours-not-a-time", &[("text", quoted(text).into())])
        }
        HoursError::NotHours { text } => {
            w.with("hours-not-hours", &[("text", quoted(text).into())])
        }
        HoursError::EndsBeforeStart { text } => {
            w.with("hours-ends-before-start", &[("text", quoted(text).into())])
        }
        HoursError::DayEndsBeforeStart { text } => w.with(
            "hours-day-ends-before-start",
            &[("text", quoted(text).into())],
        ),
        HoursError::Overlap {
            what,
            first,
            second,
        } => w.with(
            "hours-overlap",
            &[
                ("what", what.as_str().into()),
                ("first", first.as_str().into()),
                ("second", second.as_str().into()),
            ],
        ),
        HoursError::NotAWeekday { text } => {
            w.with("hours-not-a-weekday", &[("text", quoted(text).into())])
        }
        HoursError::DaysFirst { text } => {
            w.with("hours-days-first", &[("text", quoted(text).into())])
        }
        HoursError::NoHours { text } => w.with("hours-no-hours", &[("text", quoted(text).into())]),
        HoursError::NoWorkingHours { text } => {
            w.with("hours-no-working-hours", &[("text", quoted(text).into())])
        }
        HoursError::DaysBackwards { text } => {
            w.with("hours-days-backwards", &[("text", quoted(text).into())])
        }
        HoursError::NotAnOverride { text } => {
            w.with("hours-not-an-override", &[("text", quoted(text).into())])
        }
        HoursError::NotADate { text } => {
            w.with("hours-not-a-date", &[("text", quoted(text).into())])
        }
        HoursError::RangeBackwards { text } => {
            w.with("hours-range-backwards", &[("text", quoted(text).into())])
        }
        HoursError::TimeOffBackwards { text } => {
            w.with("hours-time-off-backwards", &[("text", quoted(text).into())])
        }
        HoursError::NotAPostcode { text } => {
            w.with("hours-not-a-postcode", &[("text", quoted(text).into())])
        }
        HoursError::PostcodesBackwards { text } => w.with(
            "hours-postcodes-backwards",
            &[("text", quoted(text).into())],
        ),
        HoursError::NotHoursCount { text, max } => w.with(
            "hours-not-a-count",
            &[("text", quoted(text).into()), ("max", (*max).into())],
        ),
        HoursError::NotWholeNumber { text } => {
            w.with("hours-not-whole", &[("text", quoted(text).into())])
        }
        HoursError::NoSuchDay { day } => w.with("hours-no-such-day", &[("day", (*day).into())]),
        HoursError::EmptyDay => w.get("hours-empty-day"),
    }
}
