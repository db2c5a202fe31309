//! Another dispatcher's change, found when saving over it, in words: the
//! headline ("anna moved #47 at 14:27") and the values of the decision
//! panel's fields.

use chrono::{DateTime, Utc};

use crate::domain::when::format_duration;
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
        Some(BookingChange::Add | BookingChange::Visit) => "created",
        Some(BookingChange::Remove) => "removed from its series",
        Some(BookingChange::Series) => "changed the series of",
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
        BookingStatus::Scheduled => "scheduled",
        BookingStatus::InProgress => "running",
        BookingStatus::Completed => "done",
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
        FieldValue::Minutes(m) => format_duration(*m),
        FieldValue::Status(s) => status(*s).into(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::TimeZone;

    use super::*;
    use crate::engine::worker::{Attempt, Refusal};
    use crate::store::StoreError;

    fn t(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, m, 0)
            .single()
            .expect("t")
    }

    fn stale(change: Option<BookingChange>, at: Option<DateTime<Utc>>) -> Stale {
        Stale {
            id: 47,
            by: "anna".into(),
            at,
            change,
            theirs: None,
            edit: None,
            save: None,
            names: Names::default(),
        }
    }

    #[test]
    fn the_headline_says_who_did_what_and_when_in_a_few_words() {
        let tz = BusinessTz::default();
        let now = t(20, 13, 30);
        let moved = stale(Some(BookingChange::Move), Some(t(20, 13, 27)));
        assert_eq!(stale_headline(&moved, now, tz), "anna moved #47 at 14:27");
        let yesterday = stale(Some(BookingChange::Edit), Some(t(19, 13, 27)));
        assert_eq!(
            stale_headline(&yesterday, now, tz),
            "anna changed #47 at 19/11 14:27"
        );
        assert_eq!(
            stale_headline(&stale(None, None), now, tz),
            "anna changed #47"
        );
        // A refusal for it fits the status line of an 80-column console.
        let r = Refusal {
            attempt: Attempt::Cancel,
            error: Arc::new(StoreError::Invalid("x".into())),
            stale: Some(Box::new(moved)),
        };
        let text = crate::tui::view::news::refusal(&r, now, tz);
        assert_eq!(text, "Not cancelled: anna moved #47 at 14:27");
        assert!(text.chars().count() <= 38);
    }

    #[test]
    fn values_name_cleaners_and_show_the_date_only_when_it_differs() {
        let tz = BusinessTz::default();
        let mut names = Names::default();
        names.staff.insert(2, "Bo Madsen".into());
        let v = |x: &FieldValue, o: &FieldValue| field_value(x, o, &names, tz);
        assert_eq!(
            v(&FieldValue::Cleaner(Some(2)), &FieldValue::Cleaner(None)),
            "Bo Madsen"
        );
        assert_eq!(
            v(&FieldValue::Cleaner(None), &FieldValue::Cleaner(Some(2))),
            "unassigned"
        );
        let (a, b) = (FieldValue::At(t(20, 9, 0)), FieldValue::At(t(20, 10, 0)));
        assert_eq!(v(&a, &b), "10:00");
        let c = FieldValue::At(t(21, 9, 0));
        assert_eq!(v(&c, &a), "21/11 10:00");
        assert_eq!(
            v(
                &FieldValue::Text("Ring på\nhunden".into()),
                &FieldValue::Text(String::new())
            ),
            "Ring på / hunden"
        );
        assert_eq!(v(&FieldValue::Text(String::new()), &c), "(empty)");
        assert_eq!(v(&FieldValue::Minutes(150), &c), "2 h 30");
    }
}
