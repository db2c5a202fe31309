//! A change the store refuses because of what the booking or series is
//! (cancelled, finished, not a visit, not paused) or what the change lacks
//! (a reason): typed, so each is worded in the language
//! (`words::values::change_refusal`). `Display` is the English text (the
//! log, the API).

use std::fmt;

use chrono::NaiveDate;

use crate::domain::BookingStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeRefusal {
    /// Accepting a double booking without saying why.
    ClashNeedsReason,
    /// Cancelling without saying why.
    CancelNeedsReason,
    /// Changing a cancelled booking.
    Cancelled { booking: i64 },
    /// Cancelling a booking cancelled already.
    AlreadyCancelled { booking: i64 },
    /// Cancelling a finished job.
    Finished { booking: i64 },
    /// Approving a booking that is not waiting for review.
    NotForReview { booking: i64 },
    /// A sick call with no job to hand over.
    NothingToReassign,
    /// Handing over a job already started or done.
    NotReassignable { booking: i64, status: BookingStatus },
    /// A scope beyond "this" for a booking of no series.
    NotAVisit { booking: i64 },
    /// A scope beyond "this" for a visit already started or done.
    VisitNotScheduled { booking: i64, status: BookingStatus },
    /// A pause whose end is before its start.
    PauseBackwards { from: NaiveDate, to: NaiveDate },
    /// Resuming a series that is not paused.
    NotPaused { series: i64 },
    /// Ending a series before its first date.
    EndsBeforeStart { series: i64, first: NaiveDate },
}

fn status(s: BookingStatus) -> String {
    s.as_str().replace('_', " ")
}

impl fmt::Display for ChangeRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ChangeRefusal::*;
        match self {
            ClashNeedsReason => write!(f, "accepting a clash needs a reason for the journal"),
            CancelNeedsReason => {
                write!(f, "a cancellation needs a reason (e.g. \"kunden aflyste\")")
            }
            Cancelled { booking } => write!(
                f,
                "booking #{booking} is cancelled: undo the cancellation (u) or create a new booking"
            ),
            AlreadyCancelled { booking } => write!(f, "booking #{booking} is already cancelled"),
            Finished { booking } => write!(
                f,
                "booking #{booking} is finished; a finished job cannot be cancelled"
            ),
            NotForReview { booking } => write!(f, "booking #{booking} is not waiting for review"),
            NothingToReassign => write!(f, "there is no job to reassign"),
            NotReassignable { booking, status: s } => write!(
                f,
                "booking #{booking} is {}: only a job not yet started is reassigned",
                status(*s)
            ),
            NotAVisit { booking } => write!(
                f,
                "scope: booking #{booking} is not a visit of a series; use --scope this"
            ),
            VisitNotScheduled { booking, status: s } => write!(
                f,
                "booking #{booking} is {}: only scheduled visits change with their series; use \
                 --scope this",
                status(*s)
            ),
            PauseBackwards { from, to } => {
                write!(f, "to: the pause ends ({to}) before it starts ({from})")
            }
            NotPaused { series } => write!(f, "series #{series} is not paused"),
            EndsBeforeStart { series, first } => write!(
                f,
                "after: series #{series} starts on {first}; cancel its visits instead"
            ),
        }
    }
}
