//! Why a booking waits for review, one sentence per doubt.

use chrono::{NaiveTime, Weekday};

use crate::domain::Doubt;
use crate::domain::when::dm;
use crate::i18n::Words;
use crate::words::text::{duration, weekday, weekday_long};

/// The doubts joined with `; `: the note a booking keeps while it waits.
pub fn doubts(w: Words, all: &[Doubt]) -> String {
    all.iter()
        .map(|d| doubt(w, d))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One doubt, e.g. `lørdag er ikke en af kundens dage (tir)`.
pub fn doubt(w: Words, d: &Doubt) -> String {
    match d {
        Doubt::WeekdayMismatch { date, written } => {
            use chrono::Datelike;
            w.with(
                "doubt-weekday-mismatch",
                &[
                    ("date", dm(*date).into()),
                    ("is", weekday_long(w, date.weekday()).into()),
                    ("written", weekday_long(w, *written).into()),
                ],
            )
        }
        Doubt::StaffOff { staff, day, reason } if reason.is_empty() => w.with(
            "doubt-staff-off",
            &[("staff", staff.as_str().into()), ("date", dm(*day).into())],
        ),
        Doubt::StaffOff { staff, day, reason } => w.with(
            "doubt-staff-off-why",
            &[
                ("staff", staff.as_str().into()),
                ("date", dm(*day).into()),
                ("reason", reason.as_str().into()),
            ],
        ),
        Doubt::StaffNotWorking {
            staff,
            weekday: day,
        } => w.with(
            "doubt-staff-not-working",
            &[
                ("staff", staff.as_str().into()),
                ("weekday", weekday_long(w, *day).into()),
            ],
        ),
        Doubt::OutsideHours {
            staff,
            from,
            to,
            hours,
            weekday: day,
            past_midnight,
        } => {
            let key = if *past_midnight {
                "doubt-past-midnight"
            } else {
                "doubt-outside-hours"
            };
            w.with(
                key,
                &[
                    ("from", hm(*from).into()),
                    ("to", hm(*to).into()),
                    ("staff", staff.as_str().into()),
                    ("start", hm(hours.0).into()),
                    ("end", hm(hours.1).into()),
                    ("weekday", weekday_long(w, *day).into()),
                ],
            )
        }
        Doubt::InThePast { date, at } => w.with(
            "doubt-in-the-past",
            &[("date", dm(*date).into()), ("time", hm(*at).into())],
        ),
        Doubt::NotTheCustomersDay {
            weekday: day,
            usual,
        } => w.with(
            "doubt-not-customers-day",
            &[
                ("weekday", weekday_long(w, *day).into()),
                ("usual", days(w, usual).into()),
            ],
        ),
        Doubt::OffUsualStart {
            at,
            apart_min,
            usual,
        } => w.with(
            "doubt-off-usual-start",
            &[
                ("time", hm(*at).into()),
                ("apart", duration(w, i64::from(*apart_min)).into()),
                ("usual", hm(*usual).into()),
            ],
        ),
    }
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Short weekdays with commas: `tir, tor`.
fn days(w: Words, all: &[Weekday]) -> String {
    all.iter()
        .map(|d| weekday(w, *d))
        .collect::<Vec<_>>()
        .join(", ")
}
