//! Why a typed repeat was refused: the facts, typed. The console's Repeats
//! field and `renos book --repeat` word them (`tui::view::values::series`);
//! the English `Display` is for callers with no words at hand.

use std::fmt;

use chrono::{NaiveDate, Weekday};

use crate::domain::recurrence::RRuleError;

use crate::domain::time::weekday_en;
use crate::domain::when::dmy;

const SPEC_HINT: &str = "write weekly, every 2 weeks, hver 2. uge, monthly, månedlig or an RRULE \
                         (FREQ=WEEKLY;INTERVAL=2)";

/// Why a repeat was refused. `text` is what was typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepeatError {
    /// Nothing typed.
    Empty,
    /// No repeat the console knows.
    NotARepeat { text: String },
    /// Every n weeks, n outside 1 to 52.
    Weeks { text: String },
    /// `monthly` and a day that does not read as `2nd Tuesday`.
    MonthlyDay { text: String },
    /// The first visit is not the named day of its month (`nth` -1: last).
    NotThatDay {
        text: String,
        first: NaiveDate,
        nth: i8,
        weekday: Weekday,
    },
    /// An RRULE refused, and why.
    Rrule(RRuleError),
}

fn ordinal_en(nth: i8) -> String {
    if nth < 0 {
        return "last".to_string();
    }
    let n = nth.unsigned_abs();
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl fmt::Display for RepeatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RepeatError::Empty => write!(f, "no repeat: {SPEC_HINT}"),
            RepeatError::NotARepeat { text } => {
                write!(f, "{text:?} is not a repeat: {SPEC_HINT}")
            }
            RepeatError::Weeks { text } => write!(f, "{text:?}: the number of weeks is 1 to 52"),
            RepeatError::MonthlyDay { text } => write!(
                f,
                "{text:?}: name the day as monthly, 2nd Tuesday (1st to 4th, or last)"
            ),
            RepeatError::NotThatDay {
                text,
                first,
                nth,
                weekday,
            } => write!(
                f,
                "{text:?}: the first visit, {}, is not the {} {} of its month; change the date, or write monthly",
                dmy(*first),
                ordinal_en(*nth),
                weekday_en(*weekday)
            ),
            RepeatError::Rrule(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for RepeatError {}
