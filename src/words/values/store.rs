//! Why the store refused or failed, in words: a record that is gone, one
//! changed by someone else, a job's state that does not allow the step, a
//! database that is missing, newer or damaged. SQLite's and the system's
//! own detail texts come last, after a sentence that says what to do.

use crate::domain::booking::TransitionError;
use crate::i18n::Words;
use crate::store::{ChangeRefusal, ClashRefusal, Invoiced, StoreError};

/// The store's error in the language: `bookingen #12 findes ikke (den kan
/// være slettet)`. Only `StoreError::Invalid`, the store's and engine's
/// own English for what reaches no dispatcher, is given as it is.
pub fn store_error(w: Words, e: &StoreError) -> String {
    match e {
        StoreError::Missing(path) => w.with(
            "store-missing",
            &[("path", path.display().to_string().into())],
        ),
        StoreError::TooNew { have, known } => w.with(
            "store-too-new",
            &[("have", (*have).into()), ("known", (*known).into())],
        ),
        StoreError::NotFound { entity, id } => w.with(
            "store-not-found",
            &[("entity", (*entity).into()), ("id", (*id).into())],
        ),
        StoreError::Stale { entity, id, by, at } => w.with(
            "store-stale",
            &[
                ("entity", (*entity).into()),
                ("id", (*id).into()),
                ("by", by.as_str().into()),
                ("at", at.as_str().into()),
            ],
        ),
        StoreError::NoSyncConflict { booking, of_series } => w.with(
            "store-no-sync-conflict",
            &[
                ("booking", (*booking).into()),
                ("series", if *of_series { "yes" } else { "no" }.into()),
            ],
        ),
        StoreError::NoSuchCleaner { name } => w.with(
            "store-no-such-cleaner",
            &[("name", format!("{name:?}").into())],
        ),
        StoreError::Undo(u) => crate::words::news::undo_refusal(w, u),
        StoreError::Rule(t) => transition_error(w, t),
        StoreError::Sql(e) => w.with("store-sql", &[("detail", e.to_string().into())]),
        StoreError::Corrupt(t) => w.with("store-corrupt", &[("detail", t.as_str().into())]),
        StoreError::Write(io) => w.with("store-write", &[("detail", io.to_string().into())]),
        StoreError::Clash(c) => clash_refusal(w, c),
        StoreError::Change(c) => change_refusal(w, c),
        StoreError::Entry(r) => super::entry_refusal(w, r),
        StoreError::Shape(s) => super::shape_error(w, s),
        StoreError::Series(s) => super::series_error(w, s),
        StoreError::Open(o) => super::open_error(w, o),
        StoreError::Refused(r) => super::access_refusal(w, r),
        // The store's or the engine's own English words: what reaches no
        // dispatcher in their language (see `StoreError::Invalid`).
        StoreError::Invalid(_) => e.to_string(),
    }
}

/// A double booking refused: `Anna Jensen har allerede en opgave
/// 09:00–11:00 hos Hansen (#12, gemt af mette kl. 8:05); …`.
pub fn clash_refusal(w: Words, c: &ClashRefusal) -> String {
    w.with(
        "store-clash",
        &[
            ("staff", c.staff.as_str().into()),
            ("start", c.start.as_str().into()),
            ("end", c.end.as_str().into()),
            ("customer", c.customer.as_str().into()),
            ("id", c.other.into()),
            ("by", c.by.as_str().into()),
            ("at", c.at.as_str().into()),
        ],
    )
}

/// A change refused for what the booking or series is, or what the change
/// lacks.
pub fn change_refusal(w: Words, c: &ChangeRefusal) -> String {
    use ChangeRefusal::*;
    match c {
        ClashNeedsReason => w.get("refusal-clash-needs-reason"),
        CancelNeedsReason => w.get("refusal-cancel-needs-reason"),
        Cancelled { booking } => w.with("refusal-cancelled", &[("id", (*booking).into())]),
        AlreadyCancelled { booking } => {
            w.with("refusal-already-cancelled", &[("id", (*booking).into())])
        }
        Finished { booking } => w.with("refusal-finished", &[("id", (*booking).into())]),
        NotForReview { booking } => w.with("refusal-not-for-review", &[("id", (*booking).into())]),
        NothingToReassign => w.get("refusal-nothing-to-reassign"),
        NotReassignable { booking, status } => w.with(
            "refusal-not-reassignable",
            &[
                ("id", (*booking).into()),
                (
                    "status",
                    crate::words::news::booking_status(w, *status).into(),
                ),
            ],
        ),
        NotAVisit { booking } => w.with("refusal-not-a-visit", &[("id", (*booking).into())]),
        VisitNotScheduled { booking, status } => w.with(
            "refusal-visit-not-scheduled",
            &[
                ("id", (*booking).into()),
                (
                    "status",
                    crate::words::news::booking_status(w, *status).into(),
                ),
            ],
        ),
        PauseBackwards { from, to } => w.with(
            "refusal-pause-backwards",
            &[
                ("from", crate::words::text::date_short(w, *from).into()),
                ("to", crate::words::text::date_short(w, *to).into()),
            ],
        ),
        NotPaused { series } => w.with("refusal-not-paused", &[("id", (*series).into())]),
        EndsBeforeStart { series, first } => w.with(
            "refusal-ends-before-start",
            &[
                ("id", (*series).into()),
                ("first", crate::words::text::date_short(w, *first).into()),
            ],
        ),
        NoteEmpty => w.get("refusal-note-empty"),
        NotFinishedToInvoice { booking } => w.with(
            "refusal-not-finished-to-invoice",
            &[("id", (*booking).into())],
        ),
        AlreadyInvoiced { booking, on, by } => w.with(
            "refusal-already-invoiced",
            &[
                ("id", (*booking).into()),
                ("on", invoiced(w, on).into()),
                ("by", by.as_str().into()),
            ],
        ),
        InvoiceApproved { number, booking } => w.with(
            "refusal-invoice-approved",
            &[
                (
                    "numbered",
                    if number.is_some() { "yes" } else { "no" }.into(),
                ),
                ("number", number.as_deref().unwrap_or("").into()),
                ("booking", booking.unwrap_or(0).into()),
            ],
        ),
        OwnRuleCannotMove { .. } => w.get("refusal-own-rule-cannot-move"),
        StaffStillBooked { name, jobs } => w.with(
            "refusal-staff-still-booked",
            &[("name", name.as_str().into()), ("n", (*jobs).into())],
        ),
    }
}

/// The invoice a job is on already: `månedsfaktura 1001 for december
/// 2026`, `fakturaen for december 2026 (kladde)`, `faktura 1001`.
fn invoiced(w: Words, on: &Invoiced) -> String {
    let month = on
        .month
        .map(|m| crate::words::news::month_words(w, m))
        .unwrap_or_default();
    let kind = match (&on.number, on.month) {
        (Some(_), Some(_)) => "monthly-numbered",
        (None, Some(_)) => "monthly",
        (Some(_), None) => "numbered",
        (None, None) => "single",
    };
    w.with(
        "refusal-invoiced-on",
        &[
            ("kind", kind.into()),
            ("number", on.number.as_deref().unwrap_or("").into()),
            ("month", month.into()),
            ("stage", on.stage.as_str().into()),
        ],
    )
}

/// Why a job cannot take the step asked for.
pub fn transition_error(w: Words, e: &TransitionError) -> String {
    w.get(match e {
        TransitionError::AlreadyRunning => "job-already-running",
        TransitionError::AlreadyFinished => "job-already-finished",
        TransitionError::Cancelled => "job-cancelled",
        TransitionError::NotStarted => "job-not-started",
        TransitionError::Unassigned => "job-unassigned",
    })
}

/// A provider the settings leave out, and what to set.
pub fn not_set_up(w: Words, e: &crate::engine::not_set_up::NotSetUp) -> String {
    let missing = match e.missing.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => w.with(
            "cli-doctor-and",
            &[("first", rest.join(", ").into()), ("last", (*last).into())],
        ),
    };
    w.with(
        "provider-not-set-up",
        &[
            ("provider", e.provider.name().into()),
            ("missing", missing.into()),
            ("section", e.provider.section().into()),
        ],
    )
}
