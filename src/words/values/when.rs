//! A refused date, time or duration in words: the form's fields, the go-to
//! prompt, the finder, the staff screen and the commands' options.

use crate::domain::when::{DateError, DurationError, TimeError};
use crate::i18n::Words;

/// What was typed, quoted as the refusal shows it: `"32/1"`.
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

/// Why a date was refused, and what to type instead.
pub fn date_error(w: Words, e: &DateError) -> String {
    let hint = w.get("when-date-hint");
    let forms = w.get("when-date-forms");
    match e {
        DateError::Empty => w.with("when-date-empty", &[("hint", hint.into())]),
        DateError::Backwards { text } => {
            w.with("when-date-backwards", &[("text", quoted(text).into())])
        }
        DateError::TwoWeekdays { first, second } => w.with(
            "when-date-two-weekdays",
            &[
                ("first", first.as_str().into()),
                ("second", second.as_str().into()),
            ],
        ),
        DateError::TwoDates { first, second } => w.with(
            "when-date-two-dates",
            &[
                ("first", first.as_str().into()),
                ("second", second.as_str().into()),
            ],
        ),
        DateError::NotADate { token } => w.with(
            "when-date-not-a-date",
            &[("text", quoted(token).into()), ("forms", forms.into())],
        ),
        DateError::UnknownDay { token } => w.with(
            "when-date-unknown-day",
            &[("text", quoted(token).into()), ("hint", hint.into())],
        ),
        DateError::NoDateIn { text } => w.with(
            "when-date-none-in",
            &[("text", quoted(text).into()), ("hint", hint.into())],
        ),
        DateError::BadCount { text } => {
            w.with("when-date-bad-count", &[("text", quoted(text).into())])
        }
        DateError::TooFarAhead { text } => {
            w.with("when-date-too-far", &[("text", quoted(text).into())])
        }
        DateError::NoSuchMonth { token, month } => w.with(
            "when-date-no-month",
            &[("text", quoted(token).into()), ("month", (*month).into())],
        ),
        DateError::NoSuchDay {
            token,
            month,
            year,
            last,
        } => {
            let name = w.with("month-long", &[("month", (*month).into())]);
            w.with(
                "when-date-no-day",
                &[
                    ("text", quoted(token).into()),
                    ("month", name.into()),
                    ("year", year.to_string().into()),
                    ("last", (*last).into()),
                ],
            )
        }
    }
}

/// Why a time of day was refused, and what to type instead.
pub fn time_error(w: Words, e: &TimeError) -> String {
    let hint = w.get("when-time-hint");
    match e {
        TimeError::Empty => w.with("when-time-empty", &[("hint", hint.into())]),
        TimeError::NotATime { text } => w.with(
            "when-time-not-a-time",
            &[("text", quoted(text).into()), ("hint", hint.into())],
        ),
        TimeError::Seconds { text } => {
            w.with("when-time-seconds", &[("text", quoted(text).into())])
        }
        TimeError::OneDigitMinutes { text } => {
            w.with("when-time-two-digits", &[("text", quoted(text).into())])
        }
        TimeError::Hours { text } => w.with(
            "when-time-hours",
            &[("text", quoted(text).into()), ("hint", hint.into())],
        ),
        TimeError::Minutes { text } => w.with(
            "when-time-minutes",
            &[("text", quoted(text).into()), ("hint", hint.into())],
        ),
    }
}

/// Why a duration was refused, and what to type instead.
pub fn duration_error(w: Words, e: &DurationError) -> String {
    let hint = w.get("when-duration-hint");
    match e {
        DurationError::Empty => w.with("when-duration-empty", &[("hint", hint.into())]),
        DurationError::NotADuration { text } => w.with(
            "when-duration-not-a-duration",
            &[("text", quoted(text).into()), ("hint", hint.into())],
        ),
        DurationError::Negative { text } => w.with(
            "when-duration-negative",
            &[("text", quoted(text).into()), ("hint", hint.into())],
        ),
        DurationError::Zero { text } => w.with(
            "when-duration-zero",
            &[("text", quoted(text).into()), ("hint", hint.into())],
        ),
        DurationError::OverADay { text, bare: false } => {
            w.with("when-duration-over-a-day", &[("text", quoted(text).into())])
        }
        DurationError::OverADay { text, bare: true } => w.with(
            "when-duration-over-a-day-minutes",
            &[
                ("text", quoted(text).into()),
                ("minutes", text.to_lowercase().into()),
            ],
        ),
        DurationError::Minutes { text } => w.with(
            "when-duration-minutes",
            &[("text", quoted(text).into()), ("hint", hint.into())],
        ),
        DurationError::MinutesAfterHours { text } => w.with(
            "when-duration-minutes-after-hours",
            &[("text", quoted(text).into()), ("hint", hint.into())],
        ),
        DurationError::UnknownUnit { text, unit } => w.with(
            "when-duration-unknown-unit",
            &[("text", quoted(text).into()), ("unit", quoted(unit).into())],
        ),
        DurationError::WholeHours { text } => w.with(
            "when-duration-whole-hours",
            &[("text", quoted(text).into())],
        ),
        DurationError::WholeMinutes { text } => w.with(
            "when-duration-whole-minutes",
            &[("text", quoted(text).into())],
        ),
    }
}

/// A fixed "now" (`--now`, `RENOS_NOW`) that is not an instant: what was
/// given, an example, and the reader's own words last.
pub fn instant_error(w: Words, e: &crate::clock::NotAnInstant) -> String {
    w.with(
        "cli-now-not-an-instant",
        &[
            ("text", format!("{:?}", e.text).into()),
            ("detail", e.detail.as_str().into()),
        ],
    )
}
