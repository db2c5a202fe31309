use chrono::{Duration, TimeZone};
use proptest::prelude::*;

use super::*;

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, h, 0, 0)
        .single()
        .expect("time")
}

fn booking() -> Booking {
    Booking {
        id: 47,
        customer_id: 1,
        staff_id: Some(1),
        service: "Fast rengøring".into(),
        start: at(9),
        end: at(11),
        estimate_min: 120,
        status: BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: String::new(),
        notes: String::new(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 3,
    }
}

fn moved(b: &Booking, hours: i64) -> Booking {
    Booking {
        start: b.start + Duration::hours(hours),
        end: b.end + Duration::hours(hours),
        version: b.version + 1,
        ..b.clone()
    }
}

#[test]
fn their_move_and_your_note_are_both_kept() {
    let base = booking();
    let theirs = moved(&base, 1);
    let mut yours = BookingDraft::of(&base);
    yours.notes = "Ring på".into();
    let s = StaleEdit::compare(&base, &theirs, &yours);
    let who: Vec<(EditField, Changed)> = s.changes.iter().map(|c| (c.field, c.changed)).collect();
    assert_eq!(
        who,
        vec![
            (EditField::Start, Changed::Theirs),
            (EditField::End, Changed::Theirs),
            (EditField::Notes, Changed::Yours),
        ]
    );
    assert_eq!(s.clashes().count(), 0);
    assert!(s.theirs_changed());
    let kept = s.keep_mine();
    assert_eq!((kept.start, kept.end), (theirs.start, theirs.end));
    assert_eq!(kept.notes, "Ring på");
}

#[test]
fn both_moving_it_is_a_clash_with_the_three_values() {
    let base = booking();
    let theirs = moved(&base, 1);
    let yours = BookingDraft::of(&moved(&base, 2));
    let s = StaleEdit::compare(&base, &theirs, &yours);
    let start = s.clashes().next().expect("a clash");
    assert_eq!(start.field, EditField::Start);
    assert_eq!(start.base, FieldValue::At(at(9)));
    assert_eq!(start.theirs, FieldValue::At(at(10)));
    assert_eq!(start.yours, FieldValue::At(at(11)));
    assert_eq!(s.clashes().count(), 2, "start and end");
    // Keep mine: your times over theirs.
    assert_eq!(s.keep_mine().start, at(11));
}

#[test]
fn the_same_change_on_both_sides_needs_no_decision() {
    let base = booking();
    let theirs = moved(&base, 1);
    let yours = BookingDraft::of(&theirs);
    let s = StaleEdit::compare(&base, &theirs, &yours);
    assert!(s.changes.iter().all(|c| c.changed == Changed::Alike));
    assert_eq!(s.clashes().count(), 0);
    assert_eq!(s.keep_mine(), yours);
}

#[test]
fn their_status_change_is_theirs_and_a_save_keeps_it() {
    let base = booking();
    let mut theirs = base.clone();
    theirs.status = BookingStatus::InProgress;
    theirs.version += 1;
    let s = StaleEdit::compare(&base, &theirs, &BookingDraft::of(&base));
    assert_eq!(s.changes.len(), 1);
    assert_eq!(s.changes[0].field, EditField::Status);
    assert_eq!(s.changes[0].changed, Changed::Theirs);
    assert_eq!(
        s.changes[0].theirs,
        FieldValue::Status(BookingStatus::InProgress)
    );
}

fn arb_booking() -> impl Strategy<Value = Booking> {
    (
        1i64..3,
        prop::option::of(1i64..3),
        prop::sample::select(vec!["Fast", "Hoved"]),
        0i64..3,
        1i64..3,
        prop::sample::select(vec![60u32, 120]),
        prop::sample::select(vec!["", "Vestergade 1"]),
        prop::sample::select(vec!["", "Ring på", "nøgle"]),
        prop::sample::select(vec!["", "uden for arbejdstid"]),
        prop::sample::select(vec![BookingStatus::Scheduled, BookingStatus::InProgress]),
    )
        .prop_map(
            |(customer, staff, service, start, len, est, address, notes, review, status)| Booking {
                customer_id: customer,
                staff_id: staff,
                service: service.into(),
                start: at(8) + Duration::hours(start),
                end: at(8) + Duration::hours(start + len),
                estimate_min: est,
                address: address.into(),
                notes: notes.into(),
                review: review.into(),
                status,
                ..booking()
            },
        )
}

proptest! {
    /// Keeping mine never reverts a field only they changed, always applies
    /// a field only you changed, and writes yours where both did.
    #[test]
    fn keep_mine_never_reverts_theirs_and_always_applies_yours(
        base in arb_booking(),
        theirs in arb_booking(),
        yours in arb_booking(),
    ) {
        let yours = BookingDraft::of(&yours);
        let s = StaleEdit::compare(&base, &theirs, &yours);
        let kept = s.keep_mine();
        let (bd, td) = (BookingDraft::of(&base), BookingDraft::of(&theirs));
        for f in EditField::ALL {
            if f == EditField::Status {
                continue;
            }
            let (b, t, y, k) = (
                value(&bd, base.status, f),
                value(&td, theirs.status, f),
                value(&yours, base.status, f),
                value(&kept, base.status, f),
            );
            if y == b {
                prop_assert_eq!(&k, &t, "{:?}: only theirs (or nobody) changed it", f);
            } else {
                prop_assert_eq!(&k, &y, "{:?}: you changed it", f);
            }
            // Listed exactly when it differs anywhere, and rightly named.
            let listed = s.changes.iter().find(|c| c.field == f);
            match listed {
                None => prop_assert!(b == t && b == y),
                Some(c) => {
                    let expect = match (t != b, y != b) {
                        (true, false) => Changed::Theirs,
                        (false, true) => Changed::Yours,
                        (true, true) if t == y => Changed::Alike,
                        (true, true) => Changed::Both,
                        (false, false) => unreachable!("listed without a change"),
                    };
                    prop_assert_eq!(c.changed, expect);
                }
            }
        }
        // Nothing to decide and nothing of theirs: keeping mine is yours.
        if !s.theirs_changed() {
            prop_assert_eq!(&kept, &yours);
        }
    }
}
