//! The store worker's answers in words: the verbs are chosen here.

use chrono::{DateTime, Utc};

use super::super::text::duration;
use crate::domain::{Booking, BusinessTz};
use crate::engine::sync::Settled;
use crate::engine::worker::{Attempt, Outcome, Refusal, SaveKind, Unloaded};
use crate::i18n::Words;
use crate::store::{Revert, StoreError};

/// A change that went through.
pub fn outcome(w: Words, o: &Outcome, tz: BusinessTz) -> String {
    match o {
        Outcome::Started { id, at } => w.with(
            "worker-started",
            &[("id", (*id).into()), ("time", tz.hm(*at).into())],
        ),
        Outcome::Finished { id, minutes } => w.with(
            "worker-finished",
            &[
                ("id", (*id).into()),
                ("worked", duration(w, *minutes).into()),
            ],
        ),
        Outcome::Cancelled { id, reason } => w.with(
            "worker-cancelled",
            &[("id", (*id).into()), ("why", reason.as_str().into())],
        ),
        Outcome::Approved { id } => w.with("worker-approved", &[("id", (*id).into())]),
        Outcome::Undone {
            revert,
            change,
            booking,
            series,
        } => {
            if let Some(s) = series {
                return super::undone_series(w, *revert, s);
            }
            let what = super::change_noun(w, *change);
            let key = match revert {
                Revert::Undo => "worker-undid",
                Revert::Redo => "worker-redid",
            };
            w.with(key, &[("what", what.into()), ("id", (*booking).into())])
        }
        Outcome::Settled(s) => settled(w, s),
        Outcome::SeriesCreated {
            series,
            visits,
            review,
            first,
        } => super::series_created(
            w,
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
        } => super::scoped(w, *change, *scope, *visits, *series),
        Outcome::Reassigned { bookings } => {
            w.with("worker-reassigned", &[("n", bookings.len().into())])
        }
        Outcome::StaffChanged { name, field, .. } => w.with(
            "worker-staff-changed",
            &[
                ("name", name.as_str().into()),
                ("field", crate::words::values::staff_field(w, *field).into()),
            ],
        ),
    }
}

/// How a sync conflict was settled.
pub fn settled(w: Words, s: &Settled) -> String {
    match *s {
        Settled::NoEvent { booking } => w.with("settled-no-event", &[("id", booking.into())]),
        Settled::KeptMine { booking } => w.with("settled-kept-mine", &[("id", booking.into())]),
        Settled::KeptBoth { booking, copy } => w.with(
            "settled-kept-both",
            &[("id", booking.into()), ("copy", copy.into())],
        ),
        Settled::TookTheirs { booking } => w.with("settled-took-theirs", &[("id", booking.into())]),
    }
}

/// A save that went through: "Moved booking #12: 24/11 10:00, Anna".
pub fn saved(w: Words, b: &Booking, kind: SaveKind, staff: Option<&str>, tz: BusinessTz) -> String {
    let key = match kind {
        SaveKind::Created => "saved-created",
        SaveKind::Moved => "saved-moved",
        SaveKind::Reassigned => "saved-reassigned",
        SaveKind::Edited => "saved-edited",
    };
    let staff = staff.map_or_else(|| w.get("saved-unassigned"), str::to_string);
    let when = format!("{} {}", tz.local(b.start).format("%-d/%-m"), tz.hm(b.start));
    let text = w.with(
        key,
        &[
            ("id", b.id.into()),
            ("when", when.into()),
            ("cleaner", staff.into()),
        ],
    );
    if b.needs_review() {
        w.with("saved-for-review", &[("saved", text.into())])
    } else {
        text
    }
}

/// A change the store refused. When another dispatcher changed the
/// booking first, short enough for the status line: "Not cancelled: anna
/// moved #47 at 14:27".
pub fn refusal(w: Words, r: &Refusal, now: DateTime<Utc>, tz: BusinessTz) -> String {
    if let Some(s) = &r.stale {
        let head = super::stale_headline(w, s, now, tz);
        let key = match r.attempt {
            Attempt::Start => "refused-stale-start",
            Attempt::Finish => "refused-stale-finish",
            Attempt::Save => "refused-stale-save",
            Attempt::Cancel => "refused-stale-cancel",
            Attempt::Approve => "refused-stale-approve",
            Attempt::Undo => "refused-stale-undo",
            Attempt::Redo => "refused-stale-redo",
            Attempt::Resolve => "refused-stale-resolve",
            Attempt::SickCall => "refused-stale-sick-call",
            Attempt::Staff => "refused-stale-staff",
            Attempt::AddCustomer => "refused-stale-add-customer",
            Attempt::EditCustomer => "refused-stale-edit-customer",
        };
        return w.with(key, &[("what", head.into())]);
    }
    let e = crate::words::values::store_error(w, &r.error);
    let key = match r.attempt {
        Attempt::Start => "refused-start",
        Attempt::Finish => "refused-finish",
        Attempt::Save => "refused-save",
        Attempt::Cancel => "refused-cancel",
        Attempt::Approve => "refused-approve",
        Attempt::Undo | Attempt::Redo => {
            return e;
        }
        Attempt::Resolve => "refused-resolve",
        Attempt::SickCall => "refused-sick-call",
        Attempt::Staff => "refused-staff",
        Attempt::AddCustomer => "refused-add-customer",
        Attempt::EditCustomer => "refused-edit-customer",
    };
    w.with(key, &[("error", e.into())])
}

/// After a sick call: shall the customers hear who comes now?
pub fn tell_new_cleaner_question(w: Words, visits: usize) -> String {
    w.with("question-tell-new-cleaner", &[("n", visits.into())])
}

/// Something the worker could not load, and the store's reason.
pub fn not_loaded(w: Words, what: &Unloaded, error: &StoreError) -> String {
    let error = crate::words::values::store_error(w, error);
    let e = || error.as_str().into();
    match what {
        Unloaded::Day(date) => w.with(
            "not-loaded-day",
            &[("date", date.to_string().into()), ("error", e())],
        ),
        Unloaded::ReviewQueue => w.with("not-loaded-review", &[("error", e())]),
        Unloaded::SyncConflicts => w.with("not-loaded-sync-conflicts", &[("error", e())]),
        Unloaded::Customers => w.with("not-loaded-customers", &[("error", e())]),
        Unloaded::CustomerHistory => w.with("not-loaded-history", &[("error", e())]),
        Unloaded::Journal => w.with("not-loaded-journal", &[("error", e())]),
        Unloaded::CustomerCard => w.with("not-loaded-customer-card", &[("error", e())]),
        Unloaded::Week(monday) => w.with(
            "not-loaded-week",
            &[("date", monday.to_string().into()), ("error", e())],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::BookingChange;
    use crate::i18n::Language;

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
            outcome(
                Language::En.words(),
                &undone(Revert::Undo, Some(BookingChange::Move)),
                tz
            ),
            "Undid move of #12"
        );
        assert_eq!(
            outcome(
                Language::En.words(),
                &undone(Revert::Redo, Some(BookingChange::Cancel)),
                tz
            ),
            "Redid cancellation of #12"
        );
        assert_eq!(
            outcome(Language::En.words(), &undone(Revert::Undo, None), tz),
            "Undid change of #12"
        );
    }
}
