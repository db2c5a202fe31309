//! The words for recurring bookings: the scope question's answers, what a
//! series change did, the next dates a repeat makes, and a visit's series
//! in the details panel.

use crate::domain::series::Planned;
use crate::domain::when::dm;
use crate::engine::SeriesVisit;
use crate::engine::worker::ScopedChange;
use crate::i18n::Words;
use crate::store::{Revert, Scope, SeriesUndone};

/// The scope question's answers.
pub fn scope_label(w: Words, scope: Scope) -> String {
    w.get(match scope {
        Scope::This => "scope-this",
        Scope::Following => "scope-following",
        Scope::All => "scope-all",
    })
}

/// The scope in a sentence's brackets: "this and following".
fn scope_words(w: Words, scope: Scope) -> String {
    w.get(match scope {
        Scope::This => "scope-this-lower",
        Scope::Following => "scope-following-lower",
        Scope::All => "scope-all-lower",
    })
}

/// A new series: "Created series #3: 6 visits from 8/12, every 2nd week".
pub fn series_created(
    w: Words,
    series: i64,
    count: usize,
    review: usize,
    first: Option<String>,
) -> String {
    let mut s = w.with(
        "series-created",
        &[("id", series.into()), ("n", count.into())],
    );
    if let Some(f) = first {
        s = w.with(
            "series-created-from",
            &[("created", s.into()), ("first", f.into())],
        );
    }
    if review > 0 {
        s = w.with(
            "series-created-review",
            &[("created", s.into()), ("n", review.into())],
        );
    }
    s
}

/// A scoped change: "Moved 5 visits of series #3 (this and following)".
pub fn scoped(
    w: Words,
    change: ScopedChange,
    scope: Scope,
    count: usize,
    series: Option<i64>,
) -> String {
    let key = match (change, series.is_some()) {
        (ScopedChange::Move, true) => "scoped-moved-of",
        (ScopedChange::Move, false) => "scoped-moved",
        (ScopedChange::Reassign, true) => "scoped-reassigned-of",
        (ScopedChange::Reassign, false) => "scoped-reassigned",
        (ScopedChange::Cancel, true) => "scoped-cancelled-of",
        (ScopedChange::Cancel, false) => "scoped-cancelled",
    };
    w.with(
        key,
        &[
            ("n", count.into()),
            ("id", series.unwrap_or_default().into()),
            ("scope", scope_words(w, scope).into()),
        ],
    )
}

/// An undone (or redone) series change: "Undid move of 5 visits of series #3".
pub fn undone_series(w: Words, revert: Revert, s: &SeriesUndone) -> String {
    let key = match revert {
        Revert::Undo => "series-undid",
        Revert::Redo => "series-redid",
    };
    w.with(
        key,
        &[
            ("what", super::change_noun(w, s.change).into()),
            ("n", s.visits.into()),
            ("id", s.id.into()),
        ],
    )
}

/// The next dates of a repeat, with the holidays they hit: "8/12, 22/12,
/// 5/1 (skipped: 25/12 juledag)".
pub fn next_dates(w: Words, plan: &[Planned]) -> String {
    let mut dates: Vec<String> = Vec::new();
    for p in plan {
        dates.push(match p {
            Planned::Visit(o) => match o.moved_for {
                Some(why) => w.with(
                    "next-moved",
                    &[
                        ("date", dm(o.original.date()).into()),
                        ("to", dm(o.date).into()),
                        ("why", why.into()),
                    ],
                ),
                None => dm(o.date),
            },
            Planned::Holiday { original, why } => w.with(
                "next-skipped",
                &[("date", dm(original.date()).into()), ("why", (*why).into())],
            ),
            Planned::Paused { original } => {
                w.with("next-paused", &[("date", dm(original.date()).into())])
            }
        });
    }
    dates.join(", ")
}

/// The form's Repeats field on a visit of a series: the series, and the
/// visits the change is for.
pub fn series_form_words(w: Words, sv: &SeriesVisit, scope: Option<Scope>) -> String {
    let which = match scope {
        Some(Scope::Following) => format!("{}: ", w.get("scope-following-lower")),
        Some(Scope::All) => format!("{}: ", w.get("scope-all-lower")),
        _ => String::new(),
    };
    format!(
        "{which}#{} {}",
        sv.series.id,
        crate::words::values::rule(w, &sv.series.rule)
    )
}

/// A visit's series for the details panel: "Series #3: every 2nd week,
/// tir 09:00, since 3/2 · moved".
pub fn series_line(w: Words, sv: &SeriesVisit) -> String {
    let s = &sv.series;
    // `describe` says the end too, when there is one.
    let mut line = w.with(
        "series-line",
        &[
            ("id", s.id.into()),
            ("rule", crate::words::values::series(w, s).into()),
        ],
    );
    for p in &s.pauses {
        line.push_str(&w.with(
            "series-paused",
            &[("from", dm(p.from).into()), ("to", dm(p.to).into())],
        ));
    }
    if !sv.visit.exception.is_empty() {
        line.push_str(&w.with(
            "series-this-visit",
            &[("exception", sv.visit.exception.as_str().into())],
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::BookingChange;
    use crate::i18n::Language;

    fn en() -> Words {
        Language::En.words()
    }

    #[test]
    fn series_changes_read_as_the_dispatcher_says_them() {
        assert_eq!(
            scoped(en(), ScopedChange::Move, Scope::Following, 5, Some(3)),
            "Moved 5 visits of series #3 (this and following)"
        );
        assert_eq!(
            undone_series(
                en(),
                Revert::Undo,
                &SeriesUndone {
                    id: 3,
                    visits: 5,
                    change: Some(BookingChange::Move)
                }
            ),
            "Undid move of 5 visits of series #3"
        );
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("d");
        let plan = [Planned::Holiday {
            original: d(12, 25).and_hms_opt(9, 0, 0).expect("t"),
            why: "juledag",
        }];
        assert_eq!(next_dates(en(), &plan), "skipped: 25/12 juledag");
    }
}
