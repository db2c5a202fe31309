//! A clash in a sentence (the form, the details panel, `renos agenda`).

use chrono::NaiveTime;

use crate::domain::ConflictKind;
use crate::domain::conflict::{ConflictFacts, Job, StaffDay};
use crate::i18n::Words;
use crate::words::text::{duration, weekday_long};

/// E.g. `Double booking: Anna has Hansen 09:00–12:00 and Berg 11:00–13:00,
/// overlapping by 1 h.`
pub fn conflict(w: Words, c: &ConflictFacts) -> String {
    let who = c
        .staff
        .clone()
        .unwrap_or_else(|| w.get("conflict-the-cleaner"));
    let a = job(w, &c.first);
    let b = c.second.as_ref().map(|j| job(w, j)).unwrap_or_default();
    match (c.kind, &c.day) {
        (ConflictKind::DoubleBooking, _) => w.with(
            "conflict-double",
            &[
                ("who", who.into()),
                ("a", a.into()),
                ("b", b.into()),
                ("overlap", duration(w, c.minutes).into()),
            ],
        ),
        (ConflictKind::TightGap, _) => w.with(
            "conflict-tight",
            &[
                ("who", who.into()),
                ("a", a.into()),
                ("b", b.into()),
                ("gap", duration(w, c.minutes).into()),
                ("need", duration(w, i64::from(c.travel_gap_min)).into()),
            ],
        ),
        (ConflictKind::OutsideHours, StaffDay::Hours(from, to)) => w.with(
            "conflict-outside-hours",
            &[
                ("who", who.into()),
                ("a", a.into()),
                ("start", hm(*from).into()),
                ("end", hm(*to).into()),
            ],
        ),
        (ConflictKind::OutsideHours, StaffDay::NotWorking(day)) => w.with(
            "conflict-not-working",
            &[
                ("who", who.into()),
                ("a", a.into()),
                ("weekday", weekday_long(w, *day).into()),
            ],
        ),
        (ConflictKind::OutsideHours, _) => {
            w.with("conflict-no-hours", &[("who", who.into()), ("a", a.into())])
        }
        (ConflictKind::TimeOff, StaffDay::Off(reason)) if !reason.is_empty() => w.with(
            "conflict-time-off-why",
            &[
                ("who", who.into()),
                ("a", a.into()),
                ("reason", reason.as_str().into()),
            ],
        ),
        (ConflictKind::TimeOff, _) => {
            w.with("conflict-time-off", &[("who", who.into()), ("a", a.into())])
        }
    }
}

/// `Hansen 09:00–12:00`, or `booking #12` when the plan lacks it.
fn job(w: Words, j: &Job) -> String {
    match j {
        Job::Known { label, from, to } => format!("{label} {}–{}", hm(*from), hm(*to)),
        Job::Unknown(id) => w.with("conflict-booking", &[("id", (*id).into())]),
    }
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}
