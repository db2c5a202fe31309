//! The words for the slot finder's and the sick call's typed answers: the
//! reason of a rank ("usual cleaner, 22 of 30 h booked this week"), why a
//! cleaner is left out, why a replacement was chosen. The commands use the
//! same words.

use crate::domain::sickcall::ReplacementReason;
use crate::domain::slots::{LeftOut, Reason, Strategy};

/// Hours from minutes: `22`, `7.5`.
pub fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        format!("{}", minutes / 60)
    } else {
        format!("{:.1}", minutes as f64 / 60.0)
    }
}

fn load(booked: i64, capacity: i64, contracted: bool) -> String {
    if capacity <= 0 {
        format!("{} h booked this week", hours(booked))
    } else if contracted {
        format!(
            "{} of {} h booked this week",
            hours(booked),
            hours(capacity)
        )
    } else {
        format!(
            "{} of {} working h booked this week",
            hours(booked),
            hours(capacity)
        )
    }
}

/// Why a cleaner ranks where they do, e.g. `usual cleaner, 22 of 30 h booked this week`.
pub fn reason(r: &Reason) -> String {
    let mut parts = Vec::new();
    if r.usual {
        parts.push("usual cleaner".to_string());
    }
    match r.strategy {
        Strategy::Priority => parts.push(format!("priority {}", r.priority)),
        Strategy::RoundRobin | Strategy::Usual if r.last_booked.is_none() => {
            parts.push("not booked yet".to_string())
        }
        Strategy::Only(_) => parts.push("asked for".to_string()),
        _ => {}
    }
    parts.push(load(r.week_booked_min, r.week_capacity_min, r.contracted));
    parts.join(", ")
}

/// `Anna: usual cleaner, 22 of 30 h booked this week`.
pub fn ranked(name: &str, r: &Reason) -> String {
    format!("{name}: {}", reason(r))
}

/// Why a cleaner is not offered.
pub fn left_out(why: LeftOut) -> &'static str {
    match why {
        LeftOut::Skill => "does not do this service",
        LeftOut::Area => "does not cover this area",
        LeftOut::NoTime => "no free time in these days",
        LeftOut::NotAsked => "not asked for",
    }
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
pub fn replacement(r: &ReplacementReason) -> String {
    let known = match r.known_rank {
        Some(0) => "the customer's usual cleaner, ".to_string(),
        Some(_) => "has been to the customer, ".to_string(),
        None => String::new(),
    };
    format!(
        "{known}{} with this job",
        load(r.week_booked_min, r.week_capacity_min, true)
    )
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
            ranked("Anna", &r),
            "Anna: usual cleaner, 22 of 30 h booked this week"
        );
        assert_eq!(hours(450), "7.5");
    }
}
