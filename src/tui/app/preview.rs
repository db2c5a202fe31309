//! What a booking would cause where the dispatcher is putting it: the clashes
//! with the cleaner's other jobs, and how sure we are it is right (the
//! review rule). Pure; used live by the form and by move mode.

use chrono::{DateTime, Utc, Weekday};

use crate::config::Settings;
use crate::domain::memory::CustomerMemory;
use crate::domain::review::{Assessment, ReviewInput, assess};
use crate::domain::{Booking, ConflictKind, Customer};
use crate::engine::DayPlan;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preview {
    /// Sentences, hard (double booking) first.
    pub clashes: Vec<(ConflictKind, String)>,
    /// The other bookings of double bookings: saving needs an override for these.
    pub hard: Vec<i64>,
    pub assessment: Option<Assessment>,
    /// The plan of the booking's day is still on its way.
    pub loading: bool,
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
    let mut clashes: Vec<(ConflictKind, String)> = with
        .conflicts_of(b.id)
        .map(|c| (c.kind, with.describe(c, settings)))
        .collect();
    clashes.sort_by_key(|(k, _)| *k);
    let mut hard: Vec<i64> = with
        .conflicts_of(b.id)
        .filter(|c| c.kind == ConflictKind::DoubleBooking)
        .filter_map(|c| {
            if c.first == b.id {
                c.second
            } else {
                Some(c.first)
            }
        })
        .collect();
    hard.sort_unstable();
    hard.dedup();
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
        clashes,
        hard,
        assessment: Some(assessment),
        loading: false,
    };
    (with, p)
}
