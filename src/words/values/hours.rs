//! A refused cleaner's value in words: hours, a date override, time off, an
//! area, a number (the staff screen's edits and `renos staff`).

use crate::domain::availability::HoursError;
use crate::i18n::Words;

/// What was typed, quoted as the refusal shows it.
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

/// The words a cleaner's typed value holds for a day off, no limit and a
/// closed day: `off`, `none`, `closed` as the commands read them; the
/// staff screen reads them in its own language too (`fri`, `ingen`,
/// `lukket`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keywords {
    pub off: String,
    pub none: String,
    pub closed: String,
}

impl Keywords {
    /// As the commands read them.
    pub fn syntax() -> Keywords {
        Keywords {
            off: "off".into(),
            none: "none".into(),
            closed: "closed".into(),
        }
    }

    /// As the staff screen shows them, in the console's language.
    pub fn spoken(w: Words) -> Keywords {
        Keywords {
            off: w.get("staff-word-off"),
            none: w.get("staff-word-none"),
            closed: w.get("staff-word-closed"),
        }
    }
}

/// Why a cleaner's value was refused, and what to type instead, naming the
/// commands' keywords (`renos staff`).
pub fn hours_error(w: Words, e: &HoursError) -> String {
    hours_error_in(w, e, &Keywords::syntax())
}

/// Why a cleaner's value was refused, naming the keywords `k`.
pub fn hours_error_in(w: Words, e: &HoursError, k: &Keywords) -> String {
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
        HoursError::NotAnOverride { text } => w.with(
            "hours-not-an-override",
            &[
                ("text", quoted(text).into()),
                ("closed", k.closed.as_str().into()),
            ],
        ),
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
            &[
                ("text", quoted(text).into()),
                ("max", (*max).into()),
                ("none", k.none.as_str().into()),
            ],
        ),
        HoursError::NotWholeNumber { text } => {
            w.with("hours-not-whole", &[("text", quoted(text).into())])
        }
        HoursError::NoSuchDay { day } => w.with("hours-no-such-day", &[("day", (*day).into())]),
        HoursError::EmptyDay => w.with("hours-empty-day", &[("off", k.off.as_str().into())]),
    }
}
