//! Another dispatcher's change, found when saving over it, in words: the
//! headline ("anna moved #47 at 14:27") and the values of the decision
//! panel's fields.

use chrono::{DateTime, Utc};

use crate::domain::{BookingChange, BookingStatus, BusinessTz, EditField, FieldValue};
use crate::engine::history::Names;
use crate::engine::worker::Stale;

/// What they did, as a verb phrase about the booking.
fn did(change: Option<BookingChange>, id: i64) -> String {
    let verb = match change {
        Some(BookingChange::Move) => "moved",
        Some(BookingChange::Reassign) => "reassigned",
        Some(BookingChange::Cancel) => "cancelled",
        Some(BookingChange::Start) => "started",
        Some(BookingChange::Finish) => "finished",
        Some(BookingChange::Approve) => "approved",
        Some(BookingChange::Undo) => "undid a change of",
        Some(BookingChange::Redo) => "redid a change of",
        Some(BookingChange::Sync) => "brought a calendar change to",
        Some(BookingChange::Import | BookingChange::ImportUpdate) => "imported",
        Some(BookingChange::Add) => "created",
        Some(BookingChange::Edit) | None => "changed",
    };
    format!("{verb} #{id}")
}

/// An instant as the dispatcher reads it: "14:27", or "19/11 14:27" when it
/// is not on `today`'s date.
fn when(t: DateTime<Utc>, now: DateTime<Utc>, tz: BusinessTz) -> String {
    if tz.local_date(t) == tz.local_date(now) {
        tz.hm(t)
    } else {
        tz.local(t).format("%-d/%-m %H:%M").to_string()
    }
}

/// "anna moved #47 at 14:27": short enough for the status line.
pub fn stale_headline(s: &Stale, now: DateTime<Utc>, tz: BusinessTz) -> String {
    let what = did(s.change, s.id);
    match s.at {
        Some(at) => format!("{} {what} at {}", s.by, when(at, now, tz)),
        None => format!("{} {what}", s.by),
    }
}

/// A field's name in the panel.
pub fn field_label(f: EditField) -> &'static str {
    match f {
        EditField::Customer => "Customer",
        EditField::Cleaner => "Cleaner",
        EditField::Service => "Service",
        EditField::Start => "Start",
        EditField::End => "End",
        EditField::Estimate => "Estimate",
        EditField::Address => "Address",
        EditField::Notes => "Notes",
        EditField::Review => "Review",
        EditField::Status => "Status",
    }
}

fn status(s: BookingStatus) -> &'static str {
    match s {
        BookingStatus::Scheduled => "planned",
        BookingStatus::InProgress => "running",
        BookingStatus::Completed => "finished",
        BookingStatus::Cancelled => "cancelled",
    }
}

/// A field's value in words: names for ids, local times (with the date
/// when it differs from `other`'s), one line for notes.
pub fn field_value(v: &FieldValue, other: &FieldValue, names: &Names, tz: BusinessTz) -> String {
    match v {
        FieldValue::Customer(id) => names
            .customers
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("customer #{id}")),
        FieldValue::Cleaner(None) => "unassigned".into(),
        FieldValue::Cleaner(Some(id)) => names
            .staff
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("cleaner #{id}")),
        FieldValue::Text(s) if s.trim().is_empty() => "(empty)".into(),
        FieldValue::Text(s) => s.lines().collect::<Vec<_>>().join(" / "),
        FieldValue::At(t) => {
            let same_day =
                matches!(other, FieldValue::At(o) if tz.local_date(*o) == tz.local_date(*t));
            if same_day {
                tz.hm(*t)
            } else {
                tz.local(*t).format("%-d/%-m %H:%M").to_string()
            }
        }
        FieldValue::Minutes(m) => format!("{} h {:02} min", m / 60, m % 60),
        FieldValue::Status(s) => status(*s).into(),
    }
}
