//! What a calendar import tells of a file, in words: why an event is not
//! imported, a double booking kept as the calendar has it, a recurring
//! event imported otherwise than it asks. `renos ics import` and `renos
//! validate FILE.ics`. The file's own names (DTSTART, RRULE, X-RENOS-…)
//! stay as the file writes them.

use crate::engine::import::ics::{IcsClash, IcsFault, IcsProblem, IcsWarning, NotASeries};
use crate::i18n::Words;

use super::{rrule_error, series_error};

/// An event that is not imported, with its line: `linje 14: "Hansen" varer
/// 71 timer; …`.
pub fn ics_problem(w: Words, p: &IcsProblem) -> String {
    w.with(
        "ics-problem",
        &[
            ("line", p.line.into()),
            ("what", ics_fault(w, &p.fault).into()),
        ],
    )
}

/// What is wrong with an event, and what to do.
pub fn ics_fault(w: Words, f: &IcsFault) -> String {
    let q = |t: &str| format!("{t:?}");
    match f {
        IcsFault::Unreadable(detail) => {
            w.with("ics-unreadable", &[("detail", detail.as_str().into())])
        }
        IcsFault::Dates(detail) => w.with("ics-dates", &[("detail", detail.as_str().into())]),
        IcsFault::TooLong { summary, minutes } => w.with(
            "ics-too-long",
            &[
                ("summary", q(summary).into()),
                ("hours", ((minutes + 30) / 60).into()),
                ("max", crate::domain::MAX_BOOKING_HOURS.into()),
            ],
        ),
        IcsFault::NotMinutes { field, value } => w.with(
            "ics-not-minutes",
            &[("field", (*field).into()), ("value", q(value).into())],
        ),
        IcsFault::NotAStatus { field, value } => w.with(
            "ics-not-a-status",
            &[("field", (*field).into()), ("value", q(value).into())],
        ),
        IcsFault::NotATime { field, value } => w.with(
            "ics-not-a-time",
            &[("field", (*field).into()), ("value", q(value).into())],
        ),
        IcsFault::Missing { entity, id } => w.with(
            "ics-missing",
            &[("entity", (*entity).into()), ("id", (*id).into())],
        ),
        IcsFault::Refused(why) => w.with("ics-refused", &[("why", why.as_str().into())]),
        IcsFault::Shape(s) => w.with("ics-refused", &[("why", super::shape_error(w, s).into())]),
        IcsFault::Series(s) => w.with("ics-refused", &[("why", super::series_error(w, s).into())]),
        IcsFault::Entry(r) => w.with("ics-refused", &[("why", super::entry_refusal(w, r).into())]),
    }
}

/// A new booking that double-books its cleaner: `linje 9: booking #12
/// (4/12 kl. 09:00) er dobbeltbooket med #7, #8`.
pub fn ics_clash(w: Words, c: &IcsClash) -> String {
    let with: Vec<String> = c.with.iter().map(|id| format!("#{id}")).collect();
    w.with(
        "ics-clash",
        &[
            ("line", c.line.into()),
            ("booking", c.booking.into()),
            ("date", c.start.format("%-d/%-m").to_string().into()),
            ("time", c.start.format("%H:%M").to_string().into()),
            ("with", with.join(", ").into()),
        ],
    )
}

/// A recurring event imported otherwise than it asks.
pub fn ics_warning(w: Words, x: &IcsWarning) -> String {
    match x {
        IcsWarning::StaysLoose { line, summary } => w.with(
            "ics-stays-loose",
            &[
                ("line", (*line).into()),
                ("summary", format!("{summary:?}").into()),
            ],
        ),
        IcsWarning::NotASeries {
            line,
            summary,
            rule,
            why,
        } => w.with(
            "ics-not-a-series",
            &[
                ("line", (*line).into()),
                ("summary", format!("{summary:?}").into()),
                ("rule", rule.as_str().into()),
                ("why", not_a_series(w, why).into()),
            ],
        ),
    }
}

/// Why a series cannot hold a recurring event.
pub fn not_a_series(w: Words, why: &NotASeries) -> String {
    let q = |t: &str| format!("{t:?}");
    match why {
        NotASeries::NoRule => w.get("ics-series-no-rule"),
        NotASeries::NoStart => w.get("ics-series-no-start"),
        NotASeries::UnknownZone => w.get("ics-series-unknown-zone"),
        NotASeries::AllDay => w.get("ics-series-all-day"),
        NotASeries::Seconds => w.get("ics-series-seconds"),
        NotASeries::EndNotATime => w.get("ics-series-end-not-a-time"),
        NotASeries::DurationTooLong => w.get("ics-series-duration-too-long"),
        NotASeries::NoEnd => w.get("ics-series-no-end"),
        NotASeries::Length => w.get("ics-series-length"),
        NotASeries::Holidays { field, value } => w.with(
            "ics-series-holidays",
            &[("field", (*field).into()), ("value", q(value).into())],
        ),
        NotASeries::PauseDate { field, value } => w.with(
            "ics-series-pause-date",
            &[("field", (*field).into()), ("value", q(value).into())],
        ),
        NotASeries::PauseRange { field, value } => w.with(
            "ics-series-pause-range",
            &[("field", (*field).into()), ("value", q(value).into())],
        ),
        NotASeries::Rule(e) => rrule_error(w, e),
        NotASeries::Series(e) => series_error(w, e),
        NotASeries::Dates(detail) => {
            w.with("ics-series-dates", &[("detail", detail.as_str().into())])
        }
        NotASeries::Drifts { zone } => {
            w.with("ics-series-drifts", &[("zone", zone.as_str().into())])
        }
    }
}
