//! A save made on an old copy of a booking: what the dispatcher loaded
//! ("base"), the booking as another dispatcher left it ("theirs") and the
//! form's draft ("yours"), compared field by field. A field only they
//! changed stays theirs, a field only you changed is yours, a field both
//! changed (to different values) waits for the dispatcher's decision. The
//! console-to-console counterpart of the calendar's merge in `sync.rs`.

use chrono::{DateTime, Utc};

use super::{Booking, BookingDraft, BookingStatus};

/// A booking field the comparison looks at: what the form edits, and the
/// status, which only others change while a form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditField {
    Customer,
    Cleaner,
    Service,
    Start,
    End,
    Estimate,
    Address,
    Notes,
    /// Why the booking waits in the review queue (the form sets it from its
    /// checks; approving it clears it).
    Review,
    Status,
}

impl EditField {
    /// Every field, in the order a dispatcher reads the form.
    pub const ALL: [EditField; 10] = [
        EditField::Customer,
        EditField::Cleaner,
        EditField::Service,
        EditField::Start,
        EditField::End,
        EditField::Estimate,
        EditField::Address,
        EditField::Notes,
        EditField::Review,
        EditField::Status,
    ];
}

/// One field's value, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Customer(i64),
    /// `None`: unassigned.
    Cleaner(Option<i64>),
    Text(String),
    At(DateTime<Utc>),
    Minutes(u32),
    Status(BookingStatus),
}

/// Who changed a field since the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Only the other dispatcher: saving keeps their value.
    Theirs,
    /// Only you: saving applies your value.
    Yours,
    /// Both, to the same value: nothing to decide.
    Alike,
    /// Both, to different values: the dispatcher decides.
    Both,
}

/// A field that is not as it was loaded, with its three values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: EditField,
    pub changed: Changed,
    pub base: FieldValue,
    pub theirs: FieldValue,
    pub yours: FieldValue,
}

/// The three versions of one booking field by field, and the changes among
/// them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleEdit {
    /// The booking as the dispatcher loaded it.
    pub base: Booking,
    /// The booking as it is now.
    pub theirs: Booking,
    /// What the dispatcher would save.
    pub yours: BookingDraft,
    /// The fields that differ anywhere, in `EditField::ALL` order.
    pub changes: Vec<FieldChange>,
}

/// One field's value: from the draft, or the status.
fn value(d: &BookingDraft, status: BookingStatus, f: EditField) -> FieldValue {
    match f {
        EditField::Customer => FieldValue::Customer(d.customer_id),
        EditField::Cleaner => FieldValue::Cleaner(d.staff_id),
        EditField::Service => FieldValue::Text(d.service.clone()),
        EditField::Start => FieldValue::At(d.start),
        EditField::End => FieldValue::At(d.end),
        EditField::Estimate => FieldValue::Minutes(d.estimate_min),
        EditField::Address => FieldValue::Text(d.address.clone()),
        EditField::Notes => FieldValue::Text(d.notes.clone()),
        EditField::Review => FieldValue::Text(d.review.clone()),
        EditField::Status => FieldValue::Status(status),
    }
}

/// Sets one field of a draft from another's.
fn take(to: &mut BookingDraft, from: &BookingDraft, f: EditField) {
    match f {
        EditField::Customer => to.customer_id = from.customer_id,
        EditField::Cleaner => to.staff_id = from.staff_id,
        EditField::Service => to.service.clone_from(&from.service),
        EditField::Start => to.start = from.start,
        EditField::End => to.end = from.end,
        EditField::Estimate => to.estimate_min = from.estimate_min,
        EditField::Address => to.address.clone_from(&from.address),
        EditField::Notes => to.notes.clone_from(&from.notes),
        EditField::Review => to.review.clone_from(&from.review),
        // Not in a draft: a save keeps the booking's status as it is.
        EditField::Status => {}
    }
}

impl StaleEdit {
    /// Compares the three versions. `yours` is the whole draft the form
    /// would save; fields it leaves as loaded count as not changed by you.
    pub fn compare(base: &Booking, theirs: &Booking, yours: &BookingDraft) -> StaleEdit {
        let (bd, td) = (BookingDraft::of(base), BookingDraft::of(theirs));
        let changes = EditField::ALL
            .into_iter()
            .filter_map(|f| {
                let b = value(&bd, base.status, f);
                let t = value(&td, theirs.status, f);
                // Your status is the one you loaded: the form does not set it.
                let y = value(yours, base.status, f);
                let changed = match (t != b, y != b) {
                    (false, false) => return None,
                    (true, false) => Changed::Theirs,
                    (false, true) => Changed::Yours,
                    (true, true) if t == y => Changed::Alike,
                    (true, true) => Changed::Both,
                };
                Some(FieldChange {
                    field: f,
                    changed,
                    base: b,
                    theirs: t,
                    yours: y,
                })
            })
            .collect();
        StaleEdit {
            base: base.clone(),
            theirs: theirs.clone(),
            yours: yours.clone(),
            changes,
        }
    }

    /// The fields both changed to different values: what needs a decision.
    pub fn clashes(&self) -> impl Iterator<Item = &FieldChange> {
        self.changes.iter().filter(|c| c.changed == Changed::Both)
    }

    /// Did the other dispatcher change anything at all?
    pub fn theirs_changed(&self) -> bool {
        self.changes
            .iter()
            .any(|c| matches!(c.changed, Changed::Theirs | Changed::Both | Changed::Alike))
    }

    /// "Keep mine": the booking as it is now with every field you changed
    /// set to your value (yours wins where both changed). Fields only they
    /// changed keep their value.
    pub fn keep_mine(&self) -> BookingDraft {
        let base = BookingDraft::of(&self.base);
        let status = self.base.status;
        let mut out = BookingDraft::of(&self.theirs);
        for f in EditField::ALL {
            if value(&self.yours, status, f) != value(&base, status, f) {
                take(&mut out, &self.yours, f);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
