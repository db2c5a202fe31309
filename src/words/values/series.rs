//! How a series repeats, in words (details, the customer screen, the form's
//! Repeats field, `renos series`).

use crate::domain::series::{RepeatError, Rule, Series, SeriesEnd, SeriesError};
use crate::domain::when::{dm, dmy};
use crate::i18n::Words;
use crate::words::text::{weekday, weekday_long};
use crate::words::values::rrule_error;

/// The rule: `weekly, Tue`, `every 2nd week, Tue+Fri`, `monthly, 2nd Tue`
/// (Danish `hver uge, tir`, `hver 2. uge, tir+fre`, `hver måned, 2. tir`).
pub fn rule(w: Words, r: &Rule) -> String {
    match r {
        Rule::Weekly { every: 1, days } => {
            w.with("rule-weekly", &[("days", day_list(w, days).into())])
        }
        Rule::Weekly { every, days } => w.with(
            "rule-weeks",
            &[
                ("nth", ordinal(w, i64::from(*every)).into()),
                ("days", day_list(w, days).into()),
            ],
        ),
        Rule::MonthlyNth {
            every,
            nth,
            weekday: day,
        } => {
            let nth = if *nth < 0 {
                w.get("rule-nth-last")
            } else {
                ordinal(w, i64::from(*nth))
            };
            let day = weekday(w, *day);
            if *every == 1 {
                w.with(
                    "rule-monthly",
                    &[("nth", nth.into()), ("weekday", day.into())],
                )
            } else {
                w.with(
                    "rule-months",
                    &[
                        ("every", ordinal(w, i64::from(*every)).into()),
                        ("nth", nth.into()),
                        ("weekday", day.into()),
                    ],
                )
            }
        }
        Rule::Custom(text) => w.with("rule-custom", &[("rule", text.as_str().into())]),
    }
}

/// The whole series: `every 2 weeks, tir 09:00, since 3/2` (Danish `hver 2.
/// uge, tir kl. 09:00, fra 3/2`), with its end when it has one.
pub fn series(w: Words, s: &Series) -> String {
    let rule = rule(w, &s.rule);
    let time = s.start_time.format("%H:%M").to_string();
    let first = dm(s.first_date);
    match s.end {
        SeriesEnd::Open => w.with(
            "series-words",
            &[
                ("rule", rule.into()),
                ("time", time.into()),
                ("first", first.into()),
            ],
        ),
        SeriesEnd::Until(d) => w.with(
            "series-words-until",
            &[
                ("rule", rule.into()),
                ("time", time.into()),
                ("first", first.into()),
                ("until", dm(d).into()),
            ],
        ),
        SeriesEnd::Count(n) => w.with(
            "series-words-count",
            &[
                ("rule", rule.into()),
                ("time", time.into()),
                ("first", first.into()),
                ("n", n.into()),
            ],
        ),
    }
}

/// `2nd` (Danish `2.`).
fn ordinal(w: Words, n: i64) -> String {
    w.with("rule-nth", &[("n", n.into())])
}

/// Short weekdays joined with `+`: `tir+fre`.
fn day_list(w: Words, days: &[chrono::Weekday]) -> String {
    days.iter()
        .map(|d| weekday(w, *d))
        .collect::<Vec<_>>()
        .join("+")
}

/// Why a typed repeat was refused, and what to type instead (the Repeats
/// field, `renos book --repeat`).
pub fn repeat_error(w: Words, e: &RepeatError) -> String {
    let hint = w.get("repeat-hint");
    match e {
        RepeatError::Empty => w.with("repeat-empty", &[("hint", hint.into())]),
        RepeatError::NotARepeat { text } => w.with(
            "repeat-not-a-repeat",
            &[("text", format!("{text:?}").into()), ("hint", hint.into())],
        ),
        RepeatError::Weeks { text } => {
            w.with("repeat-weeks", &[("text", format!("{text:?}").into())])
        }
        RepeatError::MonthlyDay { text } => w.with(
            "repeat-monthly-day",
            &[("text", format!("{text:?}").into())],
        ),
        RepeatError::NotThatDay {
            text,
            first,
            nth,
            weekday: day,
        } => {
            let nth = if *nth < 0 {
                w.get("rule-nth-last")
            } else {
                ordinal(w, i64::from(*nth))
            };
            let day = weekday_long(w, *day);
            w.with(
                "repeat-not-that-day",
                &[
                    ("text", format!("{text:?}").into()),
                    ("first", dmy(*first).into()),
                    ("nth", nth.into()),
                    ("weekday", day.into()),
                ],
            )
        }
        RepeatError::Rrule(why) => rrule_error(w, why),
    }
}

/// Why a series cannot exist as written (the form's Ends field and its
/// save).
pub fn series_error(w: Words, e: &SeriesError) -> String {
    match e {
        SeriesError::NoService => w.get("series-error-no-service"),
        SeriesError::Duration => w.get("series-error-duration"),
        SeriesError::EndsBeforeStart { first, until } => w.with(
            "series-error-ends-before-start",
            &[
                ("first", first.as_str().into()),
                ("until", until.as_str().into()),
            ],
        ),
        SeriesError::NoCount => w.get("series-error-no-count"),
        SeriesError::Pause { from, to } => w.with(
            "series-error-pause",
            &[("from", from.as_str().into()), ("to", to.as_str().into())],
        ),
        SeriesError::Rule(why) => w.with("series-error-rule", &[("why", why.as_str().into())]),
    }
}
