//! Two-way sync rules, free of any calendar API: which booking fields an
//! event carries, and the three-way merge of the console's version ("mine")
//! and the calendar's ("theirs") against the version both last agreed on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::series::{Rule, SeriesEnd};

/// The booking fields a calendar event carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFields {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub staff_id: Option<i64>,
    /// Where the job is (the booking's address, else the customer's).
    pub location: String,
    pub notes: String,
    /// The event title, written by the console from customer and service;
    /// an edit of it in the calendar is not taken over.
    pub summary: String,
}

/// What the recurring event of a series carries: its first visit's fields
/// (every instance that follows the series looks alike) and its
/// `recurrence` lines (the RRULE with its end, EXDATEs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesEventFields {
    pub first: EventFields,
    pub recurrence: Vec<String>,
}

/// How a series repeats, as one side of a series conflict has it: its
/// rule and its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repeats {
    pub rule: Rule,
    pub end: SeriesEnd,
}

/// How a series repeats on each side of its conflict: the console's, the
/// calendar's (`None`: deleted there), and what both last agreed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatSides {
    pub mine: Repeats,
    pub theirs: Option<Repeats>,
    pub base: Option<Repeats>,
}

/// A field both sides may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Start,
    End,
    Staff,
    Location,
    Notes,
    /// How a series repeats (its recurring event's RRULE); a series only.
    Rule,
    /// When a series ends (UNTIL or COUNT); a series only.
    SeriesEnd,
}

impl Field {
    /// The fields an event carries (a series' rule and end are not among
    /// them: they belong to its recurring event as a whole).
    pub const ALL: [Field; 5] = [
        Field::Start,
        Field::End,
        Field::Staff,
        Field::Location,
        Field::Notes,
    ];

    /// The field's name: the catalogue's selector (`conflicts-field`)
    /// that the views word.
    pub fn label(self) -> &'static str {
        match self {
            Field::Start => "start",
            Field::End => "end",
            Field::Staff => "cleaner",
            Field::Location => "place",
            Field::Notes => "notes",
            Field::Rule => "rule",
            Field::SeriesEnd => "series-end",
        }
    }
}

impl EventFields {
    fn same(&self, other: &EventFields, f: Field) -> bool {
        match f {
            Field::Start => self.start == other.start,
            Field::End => self.end == other.end,
            Field::Staff => self.staff_id == other.staff_id,
            Field::Location => self.location == other.location,
            Field::Notes => self.notes == other.notes,
            // Not an event's: its recurring event's.
            Field::Rule | Field::SeriesEnd => true,
        }
    }

    fn take(&mut self, from: &EventFields, f: Field) {
        match f {
            Field::Start => self.start = from.start,
            Field::End => self.end = from.end,
            Field::Staff => self.staff_id = from.staff_id,
            Field::Location => self.location = from.location.clone(),
            Field::Notes => self.notes = from.notes.clone(),
            Field::Rule | Field::SeriesEnd => {}
        }
    }

    /// `onto` with the fields these changed since `base`: a change made on
    /// an old copy of an event, told as a change of the event it became.
    pub fn rebased(&self, base: &EventFields, onto: &EventFields) -> EventFields {
        let mut out = onto.clone();
        for f in Field::ALL {
            if !self.same(base, f) {
                out.take(self, f);
            }
        }
        out
    }

    /// The fields on which the two differ (the summary is not one).
    pub fn differences(&self, other: &EventFields) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| !self.same(other, *f))
            .collect()
    }
}

/// How a booking and its event stand against each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The same fields were changed on both sides.
    Fields(Vec<Field>),
    /// Deleted in the calendar, edited in the console.
    DeletedThere,
    /// Cancelled in the console, edited in the calendar.
    CancelledHere,
}

/// A side's version: present with its fields, or deleted/cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    Present(EventFields),
    Gone,
}

/// `mine` with the fields only `theirs` changed since `base`: what a merge
/// takes over even when another field clashes, so a clash over one field
/// never holds back (or, kept as "yours", drops) a change of another.
pub fn uncontested(base: &EventFields, mine: &EventFields, theirs: &EventFields) -> EventFields {
    let mut out = mine.clone();
    for f in Field::ALL {
        if !theirs.same(base, f) && mine.same(base, f) {
            out.take(theirs, f);
        }
    }
    out
}

/// `base` with the fields only `theirs` changed set as `theirs` has them:
/// what both sides agree on once [`uncontested`] took those over, so a
/// clash held for the dispatcher does not read them as changed here next
/// time.
pub fn agreed_beside(base: &EventFields, mine: &EventFields, theirs: &EventFields) -> EventFields {
    let mut out = base.clone();
    for f in Field::ALL {
        if !theirs.same(base, f) && mine.same(base, f) {
            out.take(theirs, f);
        }
    }
    out
}

/// What the merge decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    /// Both sides end as these fields.
    Present(EventFields),
    /// Both sides end deleted (cancelled here).
    Gone,
    /// The dispatcher decides.
    Conflict(ConflictKind),
}

/// The base to merge against when a write of ours (`sent`) may have reached
/// the calendar without our hearing of it (a lost answer, a crash): every
/// field where the calendar now holds what we sent is our own doing, not an
/// edit there, and counts as agreed.
pub fn with_own_writes(
    base: &EventFields,
    sent: &EventFields,
    theirs: &EventFields,
) -> EventFields {
    let mut out = base.clone();
    for f in Field::ALL {
        if theirs.same(sent, f) {
            out.take(sent, f);
        }
    }
    out
}

/// Three-way merge. A field changed on one side only takes that side's
/// value; the same field changed differently on both is a conflict; a
/// deletion against an edit on the other side is a conflict, never a silent
/// delete. Without a `base` (never agreed), the console's version wins.
pub fn merge(base: Option<&EventFields>, mine: &Side, theirs: &Side) -> Merged {
    match (mine, theirs) {
        (Side::Gone, Side::Gone) => Merged::Gone,
        (Side::Present(m), Side::Present(t)) => {
            let Some(b) = base else {
                return Merged::Present(m.clone());
            };
            let mut out = m.clone();
            let mut clashes = Vec::new();
            for f in Field::ALL {
                let mine_changed = !m.same(b, f);
                let theirs_changed = !t.same(b, f);
                if theirs_changed && !mine_changed {
                    out.take(t, f);
                } else if theirs_changed && mine_changed && !m.same(t, f) {
                    clashes.push(f);
                }
            }
            if clashes.is_empty() {
                Merged::Present(out)
            } else {
                Merged::Conflict(ConflictKind::Fields(clashes))
            }
        }
        (Side::Present(m), Side::Gone) => match base {
            Some(b) if b.differences(m).is_empty() => Merged::Gone,
            None => Merged::Present(m.clone()),
            Some(_) => Merged::Conflict(ConflictKind::DeletedThere),
        },
        (Side::Gone, Side::Present(t)) => match base {
            Some(b) if b.differences(t).is_empty() => Merged::Gone,
            None => Merged::Gone,
            Some(_) => Merged::Conflict(ConflictKind::CancelledHere),
        },
    }
}

#[cfg(test)]
mod tests;
