//! Why a job cannot be invoiced (yet), in words (the console's `I`), and
//! why no one customer was found to invoice for a month.

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

/// No one customer for `renos invoice --customer`: none, or several (named).
pub fn customer_pick(w: Words, p: &crate::engine::billing::CustomerPick) -> String {
    use crate::engine::billing::CustomerPick;
    match p {
        CustomerPick::None { text } => w.with(
            "invoice-customer-none",
            &[("text", format!("{text:?}").into())],
        ),
        CustomerPick::Several { text, names } => w.with(
            "invoice-customer-several",
            &[
                ("text", format!("{text:?}").into()),
                ("names", names.join("; ").into()),
            ],
        ),
    }
}
