//! What a booking would cause where the dispatcher is putting it: the clashes
//! with the cleaner's other jobs, and how sure we are it is right (the
//! review rule). Pure; used live by the form and by move mode.

use chrono::{DateTime, Utc, Weekday};

use crate::config::Settings;
use crate::domain::conflict::ConflictFacts;
use crate::domain::memory::CustomerMemory;
use crate::domain::review::{Assessment, ReviewInput, assess};
use crate::domain::series::{Planned, Series};
use crate::domain::{Booking, Clash, Conflict, ConflictKind, Customer, clashes};
use crate::engine::DayPlan;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preview {
    /// The clashes, hard (double booking) first (the view words them).
    pub clashes: Vec<ConflictFacts>,
    /// The other bookings of double bookings: saving needs an override for these.
    pub hard: Vec<i64>,
    pub assessment: Option<Assessment>,
    /// The plan of the booking's day is still on its way.
    pub loading: bool,
    /// A new booking that repeats: its next dates, and the holidays and
    /// pauses among them.
    pub next: Vec<Planned>,
}

/// How many visits the form's preview of a repeat lists.
pub const NEXT_VISITS: usize = 4;

/// The first [`NEXT_VISITS`] visits of `series`, with the dates skipped
/// among them (a holiday is skipped or moved as the series says).
pub fn next_dates(series: &Series, settings: &Settings) -> Vec<Planned> {
    let first = series.first_date;
    let to = crate::tui::form::preview_to(first);
    let holidays = settings.calendar().holidays;
    let Ok(plan) = series.plan(first, to, settings.tz, &holidays) else {
        return Vec::new();
    };
    let mut visits = 0;
    plan.into_iter()
        .take_while(|p| {
            let more = visits < NEXT_VISITS;
            if matches!(p, Planned::Visit(_)) {
                visits += 1;
            }
            more
        })
        .collect()
}

/// The plan with `b` in it, and what `b` would cause there.
pub fn preview(
    plan: &DayPlan,
    b: Booking,
    customer: Option<&Customer>,
    settings: &Settings,
    memory: Option<&CustomerMemory>,
    confirmed_mismatch: Option<Weekday>,
    now: DateTime<Utc>,
) -> (DayPlan, Preview) {
    let mut with = plan.with_booking(b.clone(), settings);
    if let Some(c) = customer {
        with.customers.entry(c.id).or_insert_with(|| c.clone());
    }
    // Double bookings from the rule a save obeys (every one, not only the
    // pairs the plan's sweep lists); the warnings from the sweep.
    let double: Vec<(Clash, Conflict)> = clashes(&b, &with.bookings)
        .into_iter()
        .filter_map(|c| {
            let other = with.booking(c.other)?;
            let (first, second) = if (other.start, other.end, other.id) <= (b.start, b.end, b.id) {
                (other.id, b.id)
            } else {
                (b.id, other.id)
            };
            let conflict = Conflict {
                kind: ConflictKind::DoubleBooking,
                staff_id: b.staff_id?,
                first,
                second: Some(second),
                minutes: c.minutes,
            };
            Some((c, conflict))
        })
        .collect();
    let mut sentences: Vec<ConflictFacts> = double
        .iter()
        .map(|(_, c)| with.conflict_facts(c, settings))
        .chain(
            with.conflicts_of(b.id)
                .filter(|c| c.kind != ConflictKind::DoubleBooking)
                .map(|c| with.conflict_facts(c, settings)),
        )
        .collect();
    sentences.sort_by_key(|c| c.kind);
    let mut hard: Vec<i64> = double.iter().map(|(c, _)| c.other).collect();
    hard.sort_unstable();
    let staff = b.staff_id.and_then(|id| with.staff_by_id(id));
    let assessment = assess(&ReviewInput {
        start: b.start,
        end: b.end,
        staff,
        confirmed_weekday_mismatch: confirmed_mismatch,
        memory,
        now,
        tz: settings.tz,
    });
    let p = Preview {
        clashes: sentences,
        hard,
        assessment: Some(assessment),
        loading: false,
        next: Vec::new(),
    };
    (with, p)
}

#[cfg(test)]
mod tests;
