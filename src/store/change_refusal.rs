//! A change the store refuses because of what the booking, series, invoice
//! or cleaner is (cancelled, finished, not a visit, not paused, invoiced,
//! still booked) or what the change lacks (a reason, a note): typed, so each is worded in the language
//! (`words::values::change_refusal`). `Display` is the English text (the
//! log, the API).

use std::fmt;

use chrono::NaiveDate;

use crate::domain::BookingStatus;
use crate::domain::month::Month;

use super::InvoiceStage;

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
    /// A note with no text.
    NoteEmpty,
    /// Invoicing a job not finished.
    NotFinishedToInvoice { booking: i64 },
    /// Invoicing a job on an invoice already.
    AlreadyInvoiced {
        booking: i64,
        on: Invoiced,
        /// Who asked for that invoice.
        by: String,
    },
    /// Approving an invoice approved already (`booking`: of one job).
    InvoiceApproved {
        number: Option<String>,
        booking: Option<i64>,
    },
    /// Removing a cleaner who still has jobs ahead or running.
    StaffStillBooked { name: String, jobs: i64 },
    /// Moving a series of its own RRULE to another weekday.
    OwnRuleCannotMove { series: i64 },
}

/// The invoice a job is on already: Billy's number once it has one, the
/// month of a monthly invoice, and how far it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoiced {
    pub number: Option<String>,
    pub month: Option<Month>,
    pub stage: InvoiceStage,
}

impl fmt::Display for Invoiced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.number, self.month) {
            (Some(no), Some(m)) => write!(f, "on monthly invoice {no} for {m}"),
            (None, Some(m)) => write!(f, "on the monthly invoice for {m}, {}", self.stage.as_str()),
            (Some(no), None) => write!(f, "invoice {no}"),
            (None, None) => write!(f, "invoice is {}", self.stage.as_str()),
        }
    }
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
            NoteEmpty => write!(f, "the note is empty"),
            NotFinishedToInvoice { booking } => write!(
                f,
                "booking #{booking} is not finished: only finished jobs are invoiced"
            ),
            AlreadyInvoiced { booking, on, by } => write!(
                f,
                "booking #{booking} is already invoiced ({on}, asked for by {by})"
            ),
            InvoiceApproved { number, booking } => {
                let number = number.as_deref().unwrap_or(InvoiceStage::Approved.as_str());
                match booking {
                    Some(b) => write!(f, "invoice {number} of booking #{b} is already approved"),
                    None => write!(f, "invoice {number} is already approved"),
                }
            }
            OwnRuleCannotMove { .. } => write!(
                f,
                "a series with its own RRULE cannot move to another weekday: end it and book a \
                 new one"
            ),
            StaffStillBooked { name, jobs } => write!(
                f,
                "{name} still has {jobs} upcoming or running job(s); reassign or cancel them first"
            ),
        }
    }
}
