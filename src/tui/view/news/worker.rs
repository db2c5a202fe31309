//! The store worker's answers in words: the verbs are chosen here.

use chrono::{DateTime, Utc};

use crate::domain::{Booking, BusinessTz};
use crate::engine::sync::Settled;
use crate::engine::worker::{Attempt, Outcome, Refusal, SaveKind, Unloaded};
use crate::store::Revert;

/// A change that went through.
pub fn outcome(o: &Outcome, tz: BusinessTz) -> String {
    match o {
        Outcome::Started { id, at } => format!("Started booking #{id} at {}", tz.hm(*at)),
        Outcome::Finished { id, minutes } => format!(
            "Finished booking #{id} after {} h {:02} min",
            minutes / 60,
            minutes % 60
        ),
        Outcome::Cancelled { id, reason } => format!("Cancelled booking #{id} ({reason})"),
        Outcome::Approved { id } => format!("Approved booking #{id}"),
        Outcome::Undone {
            revert,
            change,
            booking,
            series,
        } => {
            let verb = match revert {
                Revert::Undo => "Undid",
                Revert::Redo => "Redid",
            };
            if let Some(s) = series {
                return super::undone_series(verb, s);
            }
            let what = change.map_or("change", |c| c.noun());
            format!("{verb} {what} of #{booking}")
        }
        Outcome::Settled(s) => settled(s),
        Outcome::SeriesCreated {
            series,
            visits,
            review,
            first,
        } => super::series_created(
            *series,
            *visits,
            *review,
            first
                .as_ref()
                .map(|b| format!("{} {}", tz.local(b.start).format("%-d/%-m"), tz.hm(b.start))),
        ),
        Outcome::Scoped {
            change,
            scope,
            visits,
            series,
            ..
        } => super::scoped(*change, *scope, *visits, *series),
        Outcome::Reassigned { bookings } if bookings.len() == 1 => {
            "Gave 1 job to another cleaner".into()
        }
        Outcome::Reassigned { bookings } => format!(
            "Gave {} jobs to other cleaners (one undo takes them all back)",
            bookings.len()
        ),
    }
}

/// How a sync conflict was settled.
pub fn settled(s: &Settled) -> String {
    match *s {
        Settled::NoEvent { booking } => {
            format!("booking #{booking} has no calendar event any more")
        }
        Settled::KeptMine { booking } => {
            format!("Kept your version of #{booking}; it goes to the calendar")
        }
        Settled::KeptBoth { booking, copy } => format!(
            "Kept both: #{booking} as you had it, and #{copy} as the calendar had it (in review)"
        ),
        Settled::TookTheirs { booking } => format!("Took the calendar's version of #{booking}"),
    }
}

/// A save that went through: "Moved booking #12: 24/11 10:00, Anna".
pub fn saved(b: &Booking, kind: SaveKind, staff: Option<&str>, tz: BusinessTz) -> String {
    let verb = match kind {
        SaveKind::Created => "Created",
        SaveKind::Moved => "Moved",
        SaveKind::Reassigned => "Reassigned",
        SaveKind::Edited => "Saved",
    };
    let mut text = format!(
        "{verb} booking #{}: {} {}, {}",
        b.id,
        tz.local(b.start).format("%-d/%-m"),
        tz.hm(b.start),
        staff.unwrap_or("unassigned")
    );
    if b.needs_review() {
        text.push_str(" (waiting for review)");
    }
    text
}

/// A change the store refused. When another dispatcher changed the
/// booking first, short enough for the status line: "Not cancelled: anna
/// moved #47 at 14:27".
pub fn refusal(r: &Refusal, now: DateTime<Utc>, tz: BusinessTz) -> String {
    if let Some(s) = &r.stale {
        let head = super::stale_headline(s, now, tz);
        let not = match r.attempt {
            Attempt::Start => "Not started",
            Attempt::Finish => "Not finished",
            Attempt::Save => "Not saved",
            Attempt::Cancel => "Not cancelled",
            Attempt::Approve => "Not approved",
            Attempt::Undo => "Not undone",
            Attempt::Redo => "Not redone",
            Attempt::Resolve => "Not settled",
            Attempt::SickCall => "Not reassigned",
        };
        return format!("{not}: {head}");
    }
    let e = r.error.to_string();
    match r.attempt {
        Attempt::Start => format!("Could not start: {e}"),
        Attempt::Finish => format!("Could not finish: {e}"),
        Attempt::Save => format!("Not saved: {e}"),
        Attempt::Cancel => format!("Could not cancel: {e}"),
        Attempt::Approve => format!("Could not approve: {e}"),
        Attempt::Undo | Attempt::Redo => e,
        Attempt::Resolve => format!("Could not settle the conflict: {e}"),
        Attempt::SickCall => format!("Not reassigned, nothing changed: {e}"),
    }
}

/// After a sick call: shall the customers hear who comes now?
pub fn tell_new_cleaner_question(visits: usize) -> String {
    if visits == 1 {
        "Tell the customer by SMS who comes now?".into()
    } else {
        format!("Tell the {visits} customers by SMS who comes now?")
    }
}

/// Something the worker could not load.
pub fn not_loaded(what: &Unloaded, error: &str) -> String {
    match what {
        Unloaded::Day(date) => format!("could not load {date}: {error}"),
        Unloaded::ReviewQueue => format!("could not load the review queue: {error}"),
        Unloaded::SyncConflicts => format!("could not load the sync conflicts: {error}"),
        Unloaded::Customers => format!("could not load customers: {error}"),
        Unloaded::CustomerHistory => format!("could not load the customer's history: {error}"),
        Unloaded::Journal => format!("could not read the journal: {error}"),
        Unloaded::Week(monday) => format!("could not load the week of {monday}: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::BookingChange;

    #[test]
    fn an_undo_is_worded_from_its_change() {
        let tz = BusinessTz::default();
        let undone = |revert, change| Outcome::Undone {
            revert,
            change,
            booking: 12,
            series: None,
        };
        assert_eq!(
            outcome(&undone(Revert::Undo, Some(BookingChange::Move)), tz),
            "Undid move of #12"
        );
        assert_eq!(
            outcome(&undone(Revert::Redo, Some(BookingChange::Cancel)), tz),
            "Redid cancellation of #12"
        );
        assert_eq!(
            outcome(&undone(Revert::Undo, None), tz),
            "Undid change of #12"
        );
    }
}
