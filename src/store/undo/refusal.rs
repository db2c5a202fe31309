//! Why an undo or a redo cannot be done, as a typed value: the console
//! words it in its language; the English here is for logs and errors
//! outside the console.

use super::{Revert, UndoWhat};

/// Why an undo or a redo was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoRefusal {
    /// The dispatcher has not changed any booking yet.
    NothingToUndo,
    /// The newest change (`what`, made at `at`) is past the undo window.
    UndoTooOld { what: UndoWhat, at: String },
    /// No undo waits to be redone.
    NothingToRedo,
    /// The last undo (made at `at`) is past the undo window.
    RedoTooOld { at: String },
    /// Booking `booking` was changed at `at` since, by `by` (`None`: the
    /// dispatcher, in another change).
    ChangedBy {
        revert: Revert,
        what: UndoWhat,
        booking: i64,
        by: Option<String>,
        at: String,
    },
    /// Booking `booking`, one of a change's, was changed since.
    Changed {
        revert: Revert,
        what: UndoWhat,
        booking: i64,
    },
    /// Booking `booking` no longer exists.
    Gone {
        revert: Revert,
        what: UndoWhat,
        booking: i64,
    },
    /// Taking it back would double-book; `clash` names the other booking.
    WouldClash {
        revert: Revert,
        what: UndoWhat,
        clash: Box<crate::store::ClashRefusal>,
    },
    /// Series `series` was changed since.
    SeriesChanged {
        revert: Revert,
        what: UndoWhat,
        series: i64,
    },
    /// Series `series` has visits made since.
    SeriesHasVisits {
        revert: Revert,
        what: UndoWhat,
        series: i64,
    },
}

impl std::fmt::Display for UndoRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use UndoRefusal::*;
        let verb = |r: &Revert| match r {
            Revert::Undo => "undo",
            Revert::Redo => "redo",
        };
        let minutes = super::UNDO_WINDOW_MINUTES;
        match self {
            NothingToUndo => write!(f, "Nothing to undo: you have not changed any booking yet."),
            UndoTooOld { what, at } => write!(
                f,
                "Nothing to undo: your last change ({what} at {at}) is more than {minutes} \
                 minutes old."
            ),
            NothingToRedo => write!(f, "Nothing to redo."),
            RedoTooOld { at } => write!(
                f,
                "Nothing to redo: the last undo ({at}) is more than {minutes} minutes old."
            ),
            ChangedBy {
                revert,
                what,
                booking,
                by,
                at,
            } => write!(
                f,
                "Cannot {} {what}: booking #{booking} was changed by {} at {at} since. Look at \
                 it in the journal (L) and change it by hand.",
                verb(revert),
                by.as_deref().unwrap_or("you (in another change)")
            ),
            Changed {
                revert,
                what,
                booking,
            } => write!(
                f,
                "Cannot {} {what}: booking #{booking} was changed since. Look at it in the \
                 journal (L) and change it by hand.",
                verb(revert)
            ),
            Gone {
                revert,
                what,
                booking,
            } => write!(
                f,
                "Cannot {} {what}: booking #{booking} no longer exists.",
                verb(revert)
            ),
            WouldClash {
                revert,
                what,
                clash,
            } => write!(
                f,
                "Cannot {} {what}: it would double-book. {clash}",
                verb(revert)
            ),
            SeriesChanged {
                revert,
                what,
                series,
            } => write!(
                f,
                "Cannot {} {what}: series #{series} was changed since.",
                verb(revert)
            ),
            SeriesHasVisits {
                revert,
                what,
                series,
            } => write!(
                f,
                "Cannot {} {what}: series #{series} has visits made since.",
                verb(revert)
            ),
        }
    }
}

impl std::fmt::Display for UndoWhat {
    /// The journal's English: "move of #12", "change of series #3".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UndoWhat::Booking { change, id } => write!(
                f,
                "{} of #{id}",
                change.map_or("change", crate::domain::BookingChange::noun)
            ),
            UndoWhat::Series { id } => write!(f, "change of series #{id}"),
            UndoWhat::SeriesChange => write!(f, "the series change"),
            UndoWhat::SeveralJobs => write!(f, "the reassignment of several jobs"),
        }
    }
}
