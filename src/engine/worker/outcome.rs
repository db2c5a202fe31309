//! What the store worker answers about a change: typed, so the console
//! chooses the words (and the verbs).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::availability::StaffField;
use crate::domain::{Booking, BookingChange};
use crate::engine::sync::Settled;
use crate::store::{Revert, Scope, SeriesUndone, StoreError};

/// A change that went through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Started {
        id: i64,
        at: DateTime<Utc>,
    },
    Finished {
        id: i64,
        minutes: i64,
    },
    Cancelled {
        id: i64,
        reason: String,
    },
    Approved {
        id: i64,
    },
    /// An undo or redo went through: which change of which booking.
    Undone {
        revert: Revert,
        change: Option<BookingChange>,
        booking: i64,
        /// For a series change: which series, how many visits.
        series: Option<SeriesUndone>,
    },
    /// A sync conflict was settled.
    Settled(Settled),
    /// A recurring booking was made: the series, how many visits exist
    /// now (and how many of them wait for review), and the first.
    SeriesCreated {
        series: i64,
        visits: usize,
        review: usize,
        first: Option<Box<Booking>>,
    },
    /// A visit of a series changed in the scope the dispatcher chose.
    Scoped {
        change: ScopedChange,
        scope: Scope,
        /// The visit changed and the others that changed with it.
        visits: usize,
        /// The series the visit belongs to now.
        series: Option<i64>,
        /// The visit as it is now.
        booking: Box<Booking>,
    },
    /// A sick call's jobs went to their replacements, as one change.
    Reassigned {
        bookings: Vec<i64>,
    },
    /// A field of a cleaner changed (the staff screen).
    StaffChanged {
        id: i64,
        name: String,
        field: StaffField,
    },
}

/// What a scoped change did to the visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopedChange {
    /// Moved or re-timed (and maybe reassigned).
    Move,
    /// Only given another cleaner.
    Reassign,
    Cancel,
}

/// What a save changed, as the dispatcher would say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    Created,
    /// Only the time moved.
    Moved,
    /// Only the cleaner changed.
    Reassigned,
    /// Anything else.
    Edited,
}

impl SaveKind {
    /// What a save did to `before` (`None`: a new booking): a move or a
    /// reassignment when only the times or only the cleaner changed. The
    /// same rule names the journal entry.
    pub fn of(before: Option<&Booking>, after: &Booking) -> SaveKind {
        let Some(before) = before else {
            return SaveKind::Created;
        };
        match BookingChange::of_edit(before, after) {
            BookingChange::Move => SaveKind::Moved,
            BookingChange::Reassign => SaveKind::Reassigned,
            _ => SaveKind::Edited,
        }
    }
}

/// What the dispatcher asked for that the worker could not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Start,
    Finish,
    Save,
    Cancel,
    Approve,
    Undo,
    Redo,
    Resolve,
    /// Handing a sick cleaner's jobs to others.
    SickCall,
    /// Changing a cleaner's hours, skills, area, contract or time off.
    Staff,
    /// A new customer from the booking form.
    AddCustomer,
    /// A customer's contact details from the customer screen.
    EditCustomer,
}

/// A change the store refused (another dispatcher was first, a rule
/// forbids it, the database failed).
#[derive(Debug, Clone)]
pub struct Refusal {
    pub attempt: Attempt,
    pub error: Arc<StoreError>,
    /// When another dispatcher changed the booking first: who, when and
    /// what (for a save, field by field).
    pub stale: Option<Box<super::Stale>>,
}

/// Something the worker could not load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unloaded {
    Day(NaiveDate),
    ReviewQueue,
    SyncConflicts,
    Customers,
    CustomerHistory,
    Journal,
    /// A customer's card for the customer screen.
    CustomerCard,
    /// The week starting on this Monday.
    Week(NaiveDate),
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;
    use crate::domain::BookingStatus;

    fn booking() -> Booking {
        let start = Utc
            .with_ymd_and_hms(2026, 11, 23, 8, 0, 0)
            .single()
            .expect("t");
        Booking {
            id: 1,
            customer_id: 1,
            staff_id: Some(1),
            service: "Rengøring".into(),
            start,
            end: start + Duration::hours(2),
            estimate_min: 120,
            status: BookingStatus::Scheduled,
            started_at: None,
            finished_at: None,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
            cancel_reason: String::new(),
            version: 1,
        }
    }

    #[test]
    fn a_save_is_a_move_a_reassignment_or_an_edit_by_what_changed() {
        let before = booking();
        assert_eq!(SaveKind::of(None, &before), SaveKind::Created);
        let moved = Booking {
            start: before.start + Duration::hours(1),
            end: before.end + Duration::hours(1),
            version: 2,
            ..before.clone()
        };
        assert_eq!(SaveKind::of(Some(&before), &moved), SaveKind::Moved);
        let both = Booking {
            staff_id: Some(2),
            ..moved.clone()
        };
        assert_eq!(SaveKind::of(Some(&before), &both), SaveKind::Moved);
        let reassigned = Booking {
            staff_id: Some(2),
            version: 2,
            ..before.clone()
        };
        assert_eq!(
            SaveKind::of(Some(&before), &reassigned),
            SaveKind::Reassigned
        );
        let edited = Booking {
            notes: "nøgle under måtten".into(),
            ..moved
        };
        assert_eq!(SaveKind::of(Some(&before), &edited), SaveKind::Edited);
    }
}
