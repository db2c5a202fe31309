//! Why a job cannot be invoiced (yet), in words (the console's `I`).

use crate::domain::invoice::NotBillable;
use crate::i18n::Words;

/// Why the job cannot be invoiced.
pub fn not_billable(w: Words, e: &NotBillable) -> String {
    w.get(match e {
        NotBillable::NotFinished => "not-billable-not-finished",
        NotBillable::Cancelled => "not-billable-cancelled",
        NotBillable::NoTimes => "not-billable-no-times",
        NotBillable::NothingWorked => "not-billable-nothing-worked",
    })
}
