//! The words for recurring bookings: the scope question's answers, what a
//! series change did, the next dates a repeat makes, and a visit's series
//! in the details panel.

use crate::domain::series::Planned;
use crate::domain::when::dm;
use crate::engine::SeriesVisit;
use crate::engine::worker::ScopedChange;
use crate::store::{Scope, SeriesUndone};

/// The scope question's answers.
pub fn scope_label(scope: Scope) -> &'static str {
    match scope {
        Scope::This => "This visit",
        Scope::Following => "This and following",
        Scope::All => "All visits",
    }
}

fn visits(n: usize) -> String {
    if n == 1 {
        "1 visit".into()
    } else {
        format!("{n} visits")
    }
}

/// A new series: "Created series #3: 6 visits from 8/12, every 2nd week".
pub fn series_created(series: i64, count: usize, review: usize, first: Option<String>) -> String {
    let mut s = format!("Created series #{series}: {}", visits(count));
    if let Some(f) = first {
        s.push_str(&format!(" from {f}"));
    }
    if review > 0 {
        s.push_str(&format!(" ({review} waiting for review)"));
    }
    s
}

/// A scoped change: "Moved 5 visits of series #3 (this and following)".
pub fn scoped(change: ScopedChange, scope: Scope, count: usize, series: Option<i64>) -> String {
    let verb = match change {
        ScopedChange::Move => "Moved",
        ScopedChange::Reassign => "Reassigned",
        ScopedChange::Cancel => "Cancelled",
    };
    let of = series.map_or_else(String::new, |s| format!(" of series #{s}"));
    format!(
        "{verb} {}{of} ({})",
        visits(count),
        scope_label(scope).to_lowercase()
    )
}

/// An undone (or redone) series change: "Undid move of 5 visits of series #3".
pub fn undone_series(verb: &str, s: &SeriesUndone) -> String {
    let what = s.change.map_or("change", |c| c.noun());
    format!("{verb} {what} of {} of series #{}", visits(s.visits), s.id)
}

/// The next dates of a repeat, with the holidays they hit: "8/12, 22/12,
/// 5/1 (skipped: 25/12 juledag)".
pub fn next_dates(plan: &[Planned]) -> String {
    let mut dates: Vec<String> = Vec::new();
    for p in plan {
        dates.push(match p {
            Planned::Visit(o) => match o.moved_for {
                Some(why) => format!("{} (moved to {}: {why})", dm(o.original.date()), dm(o.date)),
                None => dm(o.date),
            },
            Planned::Holiday { original, why } => {
                format!("skipped: {} {why}", dm(original.date()))
            }
            Planned::Paused { original } => format!("paused: {}", dm(original.date())),
        });
    }
    dates.join(", ")
}

/// The form's Repeats field on a visit of a series: the series, and the
/// visits the change is for.
pub fn series_form_words(sv: &SeriesVisit, scope: Option<Scope>) -> String {
    let which = match scope {
        Some(Scope::Following) => "this and following: ",
        Some(Scope::All) => "all visits: ",
        _ => "",
    };
    format!("{which}#{} {}", sv.series.id, sv.series.rule.describe())
}

/// A visit's series for the details panel: "Series #3: every 2nd week,
/// tir 09:00, since 3/2 · moved".
pub fn series_line(sv: &SeriesVisit) -> String {
    let s = &sv.series;
    // `describe` says the end too, when there is one.
    let mut line = format!("Series #{}: {}", s.id, s.describe());
    for p in &s.pauses {
        line.push_str(&format!(", paused {}–{}", dm(p.from), dm(p.to)));
    }
    if !sv.visit.exception.is_empty() {
        line.push_str(&format!(" · this visit {}", sv.visit.exception));
    }
    line
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::BookingChange;

    #[test]
    fn series_changes_read_as_the_dispatcher_says_them() {
        assert_eq!(
            scoped(ScopedChange::Move, Scope::Following, 5, Some(3)),
            "Moved 5 visits of series #3 (this and following)"
        );
        assert_eq!(
            undone_series(
                "Undid",
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
        assert_eq!(next_dates(&plan), "skipped: 25/12 juledag");
    }
}
