//! The words for the slot finder's and the sick call's typed answers: the
//! reason of a rank ("usual cleaner, 22 of 30 h booked this week"), why a
//! cleaner is left out, why a replacement was chosen. The commands use the
//! same words.

use crate::domain::sickcall::ReplacementReason;
use crate::domain::slots::{LeftOut, Reason, Strategy};
use crate::i18n::Words;
use crate::words::text::{HourParts, hours};

fn load(w: Words, booked: i64, capacity: i64, contracted: bool) -> String {
    if capacity <= 0 {
        w.with(
            "slots-load",
            &[("booked", hours(w, booked, HourParts::Tenths).into())],
        )
    } else if contracted {
        w.with(
            "slots-load-of",
            &[
                ("booked", hours(w, booked, HourParts::Tenths).into()),
                ("of", hours(w, capacity, HourParts::Tenths).into()),
            ],
        )
    } else {
        w.with(
            "slots-load-of-working",
            &[
                ("booked", hours(w, booked, HourParts::Tenths).into()),
                ("of", hours(w, capacity, HourParts::Tenths).into()),
            ],
        )
    }
}

/// Why a cleaner ranks where they do, e.g. `usual cleaner, 22 of 30 h booked this week`.
pub fn reason(w: Words, r: &Reason) -> String {
    let mut parts = Vec::new();
    if r.usual {
        parts.push(w.get("slots-usual-cleaner"));
    }
    match r.strategy {
        Strategy::Priority => parts.push(w.with("slots-priority", &[("n", r.priority.into())])),
        Strategy::RoundRobin | Strategy::Usual if r.last_booked.is_none() => {
            parts.push(w.get("slots-not-booked-yet"))
        }
        Strategy::Only(_) => parts.push(w.get("slots-asked-for")),
        _ => {}
    }
    parts.push(load(
        w,
        r.week_booked_min,
        r.week_capacity_min,
        r.contracted,
    ));
    parts.join(", ")
}

/// `Anna: usual cleaner, 22 of 30 h booked this week`.
pub fn ranked(w: Words, name: &str, r: &Reason) -> String {
    format!("{name}: {}", reason(w, r))
}

/// Why a cleaner is not offered.
pub fn left_out(w: Words, why: LeftOut) -> String {
    w.get(match why {
        LeftOut::Skill => "slots-left-out-skill",
        LeftOut::Area => "slots-left-out-area",
        LeftOut::NoTime => "slots-left-out-no-time",
        LeftOut::NotAsked => "slots-left-out-not-asked",
    })
}

/// The words of a strategy, as typed on the command line.
pub fn strategy(s: Strategy) -> &'static str {
    match s {
        Strategy::Usual => "usual",
        Strategy::RoundRobin => "round-robin",
        Strategy::LeastBusy => "least-busy",
        Strategy::Priority => "priority",
        Strategy::Only(_) => "one cleaner",
    }
}

/// Why a replacement was chosen, e.g. `knows the customer, 12 of 30 h booked this week`.
pub fn replacement(w: Words, r: &ReplacementReason) -> String {
    let load = load(w, r.week_booked_min, r.week_capacity_min, true);
    let key = match r.known_rank {
        Some(0) => "slots-replacement-usual",
        Some(_) => "slots-replacement-known",
        None => "slots-replacement",
    };
    w.with(key, &[("load", load.into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_reads_like_the_dispatcher_says_it() {
        let r = Reason {
            strategy: Strategy::Usual,
            usual: true,
            week_booked_min: 22 * 60,
            week_capacity_min: 30 * 60,
            contracted: true,
            last_booked: Some(4),
            priority: 0,
        };
        assert_eq!(
            ranked(crate::i18n::Language::En.words(), "Anna", &r),
            "Anna: usual cleaner, 22 of 30 h booked this week"
        );
    }
}
