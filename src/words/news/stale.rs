//! Another dispatcher's change, found when saving over it, in words: the
//! headline ("anna moved #47 at 14:27") and the values of the decision
//! panel's fields.

use chrono::{DateTime, Utc};

use super::super::text::duration;
use crate::domain::{BookingChange, BookingStatus, BusinessTz, EditField, FieldValue};
use crate::engine::history::Names;
use crate::engine::worker::Stale;
use crate::i18n::Words;

/// What they did, as a verb phrase about the booking.
fn did(w: Words, change: Option<BookingChange>, id: i64) -> String {
    let key = match change {
        Some(BookingChange::Move) => "did-move",
        Some(BookingChange::Reassign) => "did-reassign",
        Some(BookingChange::Cancel) => "did-cancel",
        Some(BookingChange::Start) => "did-start",
        Some(BookingChange::Finish) => "did-finish",
        Some(BookingChange::Approve) => "did-approve",
        Some(BookingChange::Undo) => "did-undo",
        Some(BookingChange::Redo) => "did-redo",
        Some(BookingChange::Sync) => "did-sync",
        Some(BookingChange::Import | BookingChange::ImportUpdate) => "did-import",
        Some(BookingChange::Add | BookingChange::Visit) => "did-add",
        Some(BookingChange::Remove) => "did-remove",
        Some(BookingChange::Series) => "did-series",
        Some(BookingChange::Edit) | None => "did-edit",
    };
    w.with(key, &[("id", id.into())])
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
pub fn stale_headline(w: Words, s: &Stale, now: DateTime<Utc>, tz: BusinessTz) -> String {
    let what = did(w, s.change, s.id);
    match s.at {
        Some(at) => w.with(
            "stale-headline-at",
            &[
                ("who", s.by.as_str().into()),
                ("what", what.into()),
                ("time", when(at, now, tz).into()),
            ],
        ),
        None => w.with(
            "stale-headline",
            &[("who", s.by.as_str().into()), ("what", what.into())],
        ),
    }
}

/// A field's name in the panel.
pub fn field_label(w: Words, f: EditField) -> String {
    w.get(match f {
        EditField::Customer => "field-customer",
        EditField::Cleaner => "field-cleaner",
        EditField::Service => "field-service",
        EditField::Start => "field-start",
        EditField::End => "field-end",
        EditField::Estimate => "field-estimate",
        EditField::Address => "field-address",
        EditField::Notes => "field-notes",
        EditField::Review => "field-review",
        EditField::Status => "field-status",
    })
}

/// A booking's status as a word: `scheduled`, `running`.
pub fn booking_status(w: Words, s: BookingStatus) -> String {
    w.get(match s {
        BookingStatus::Scheduled => "status-scheduled",
        BookingStatus::InProgress => "booking-running",
        BookingStatus::Completed => "booking-done",
        BookingStatus::Cancelled => "status-cancelled",
    })
}

/// A field's value in words: names for ids, local times (with the date
/// when it differs from `other`'s), one line for notes.
pub fn field_value(
    w: Words,
    v: &FieldValue,
    other: &FieldValue,
    names: &Names,
    tz: BusinessTz,
) -> String {
    match v {
        FieldValue::Customer(id) => names
            .customers
            .get(id)
            .cloned()
            .unwrap_or_else(|| w.with("value-customer-id", &[("id", (*id).into())])),
        FieldValue::Cleaner(None) => w.get("saved-unassigned"),
        FieldValue::Cleaner(Some(id)) => names
            .staff
            .get(id)
            .cloned()
            .unwrap_or_else(|| w.with("value-cleaner-id", &[("id", (*id).into())])),
        FieldValue::Text(s) if s.trim().is_empty() => w.get("value-empty"),
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
        FieldValue::Minutes(m) => duration(w, i64::from(*m)),
        FieldValue::Status(s) => booking_status(w, *s),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::TimeZone;

    use super::*;
    use crate::engine::worker::{Attempt, Refusal};
    use crate::i18n::Language;
    use crate::store::StoreError;

    fn en() -> Words {
        Language::En.words()
    }

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
        assert_eq!(
            stale_headline(en(), &moved, now, tz),
            "anna moved #47 at 14:27"
        );
        let yesterday = stale(Some(BookingChange::Edit), Some(t(19, 13, 27)));
        assert_eq!(
            stale_headline(en(), &yesterday, now, tz),
            "anna changed #47 at 19/11 14:27"
        );
        assert_eq!(
            stale_headline(en(), &stale(None, None), now, tz),
            "anna changed #47"
        );
        // A refusal for it fits the status line of an 80-column console.
        let r = Refusal {
            attempt: Attempt::Cancel,
            error: Arc::new(StoreError::Invalid("x".into())),
            stale: Some(Box::new(moved)),
        };
        let text = crate::words::news::refusal(en(), &r, now, tz);
        assert_eq!(text, "Not cancelled: anna moved #47 at 14:27");
        assert!(text.chars().count() <= 38);
    }

    #[test]
    fn values_name_cleaners_and_show_the_date_only_when_it_differs() {
        let tz = BusinessTz::default();
        let mut names = Names::default();
        names.staff.insert(2, "Bo Madsen".into());
        let v = |x: &FieldValue, o: &FieldValue| field_value(en(), x, o, &names, tz);
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
        assert_eq!(v(&FieldValue::Minutes(150), &c), "2 h 30 min");
    }
}
