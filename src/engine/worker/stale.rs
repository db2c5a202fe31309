//! A change refused because another dispatcher changed the booking first:
//! who, when and what they did, from the journal, and for a save the three
//! versions compared field by field (`domain::stale`). Typed: the console
//! words it and offers the decision.

use chrono::{DateTime, Utc};

use crate::domain::{Booking, BookingChange, FieldValue, StaleEdit};
use crate::engine::history::Names;
use crate::store::{Save, Store, StoreError};

/// Another dispatcher's change to a booking, found when saving over it.
#[derive(Debug, Clone)]
pub struct Stale {
    pub id: i64,
    /// Who changed it last (their login).
    pub by: String,
    /// When, if the journal says.
    pub at: Option<DateTime<Utc>>,
    /// What their last change was, as the journal names it.
    pub change: Option<BookingChange>,
    /// The booking as it is now.
    pub theirs: Option<Booking>,
    /// For a save: what you loaded, the booking now and your draft, field
    /// by field.
    pub edit: Option<StaleEdit>,
    /// For a save: the refused save, to send again on top of theirs once
    /// the dispatcher decides.
    pub save: Option<Save>,
    /// Names of the cleaners and customers the comparison mentions.
    pub names: Names,
}

impl Stale {
    /// "Keep mine": the refused save again, on the booking as it is now,
    /// with the fields only they changed kept as theirs and yours over the
    /// rest. `None` when there is nothing to save over.
    pub fn keep_mine(&self) -> Option<Save> {
        let (edit, save) = (self.edit.as_ref()?, self.save.as_ref()?);
        Some(Save {
            target: Some((edit.theirs.id, edit.theirs.version)),
            draft: edit.keep_mine(),
            accepted: save.accepted.clone(),
            reason: save.reason.clone(),
        })
    }
}

/// The stale news for a refusal `e`, when it is one for a booking: for a
/// save with the booking as it was loaded (`base`), the comparison too.
pub(super) fn of_refusal(
    store: &Store,
    e: &StoreError,
    save: Option<&Save>,
    base: Option<&Booking>,
) -> Option<Stale> {
    let StoreError::Stale {
        entity: "booking",
        id,
        by,
        ..
    } = e
    else {
        return None;
    };
    let id = *id;
    // The booking's own latest entry (its invoice's and alerts' are listed
    // with it).
    let last = store
        .journal(Some(("booking", id)), 10)
        .ok()
        .and_then(|l| l.into_iter().find(|j| j.entity == "booking"));
    let theirs = store.booking(id).ok();
    let edit = match (save, base, &theirs) {
        (Some(s), Some(b), Some(t)) if b.id == id => Some(StaleEdit::compare(b, t, &s.draft)),
        _ => None,
    };
    let names = edit.as_ref().map(|e| names(store, e)).unwrap_or_default();
    Some(Stale {
        id,
        by: last
            .as_ref()
            .map_or_else(|| by.clone(), |j| j.actor.clone()),
        at: last.as_ref().map(|j| j.at),
        change: last.as_ref().and_then(|j| j.action.parse().ok()),
        theirs,
        edit,
        save: save.cloned(),
        names,
    })
}

/// The names of the cleaners and customers in a comparison (an id whose
/// name cannot be read is left out: the console shows the number).
fn names(store: &Store, edit: &StaleEdit) -> Names {
    let customers: Vec<i64> = edit
        .changes
        .iter()
        .flat_map(|c| [&c.base, &c.theirs, &c.yours])
        .filter_map(|v| match v {
            FieldValue::Customer(id) => Some(*id),
            _ => None,
        })
        .collect();
    Names {
        staff: store.staff_names().unwrap_or_default(),
        customers: store
            .customers_by_id(customers)
            .map(|m| m.into_iter().map(|(id, c)| (id, c.name)).collect())
            .unwrap_or_default(),
    }
}
