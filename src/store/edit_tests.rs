//! Console edits, clashes, review, undo and redo on real database files.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::domain::{BookingChange, BookingDraft, BookingStatus, WorkingHours};

fn at(min_after_nine: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .expect("time")
        + Duration::minutes(min_after_nine)
}

/// A store on `dir` as `who`, with the clock `min` minutes after 09:00 UTC.
fn open_at(dir: &tempfile::TempDir, who: &str, min: i64) -> Store {
    Store::open(&dir.path().join("renos.db"), who, Clock::Fixed(at(min))).expect("open")
}

struct World {
    anna: i64,
    bo: i64,
    customer: i64,
}

fn world(s: &mut Store) -> World {
    let mut staff = |name: &str| {
        s.add_staff(NewStaff {
            name: name.into(),
            hours: WorkingHours::default(),
            ..Default::default()
        })
        .expect("staff")
        .id
    };
    let anna = staff("Anna Jensen");
    let bo = staff("Bo Madsen");
    let customer = s
        .add_customer(NewCustomer {
            name: "Søren Østergaard".into(),
            ..Default::default()
        })
        .expect("customer")
        .id;
    World { anna, bo, customer }
}

fn draft(w: &World, staff: i64, start_min: i64, len_min: i64) -> BookingDraft {
    BookingDraft {
        customer_id: w.customer,
        staff_id: Some(staff),
        service: "Fast rengøring".into(),
        start: at(start_min),
        end: at(start_min + len_min),
        estimate_min: len_min as u32,
        address: String::new(),
        notes: String::new(),
        review: String::new(),
    }
}

fn create(s: &mut Store, d: BookingDraft) -> Result<Booking> {
    s.save_booking(Save {
        target: None,
        draft: d,
        accepted: vec![],
        reason: String::new(),
    })
}

fn edit(s: &mut Store, b: &Booking, d: BookingDraft) -> Result<Booking> {
    s.save_booking(Save {
        target: Some((b.id, b.version)),
        draft: d,
        accepted: vec![],
        reason: String::new(),
    })
}

use crate::domain::Booking;

#[test]
fn a_double_booking_is_refused_naming_the_other_job_unless_accepted_with_a_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "bo", 0);
    let w = world(&mut s);
    let first = create(&mut s, draft(&w, w.anna, 60, 180)).expect("first");
    let err = create(&mut s, draft(&w, w.anna, 120, 60)).expect_err("clash");
    let text = err.to_string();
    assert!(matches!(err, StoreError::Clash(_)), "{text}");
    assert!(
        text.contains("Anna Jensen") && text.contains("Søren Østergaard"),
        "{text}"
    );
    assert!(text.contains(&format!("#{}", first.id)), "{text}");
    // Another cleaner at the same time is fine; back to back too.
    create(&mut s, draft(&w, w.bo, 120, 60)).expect("other cleaner");
    create(&mut s, draft(&w, w.anna, 240, 60)).expect("back to back");
    // Accepting without a reason is refused; with one it goes through and
    // the reason is journaled.
    let mut save = Save {
        target: None,
        draft: draft(&w, w.anna, 120, 60),
        accepted: vec![first.id],
        reason: " ".into(),
    };
    assert!(matches!(
        s.save_booking(save.clone()),
        Err(StoreError::Change(_))
    ));
    save.reason = "kunden ønsker to på samme tid".into();
    let b = s.save_booking(save).expect("override");
    let entry = &s.journal(Some(("booking", b.id)), 1).expect("journal")[0];
    assert_eq!(entry.action, "booking.add");
    assert!(entry.reason.contains("kunden ønsker"), "{}", entry.reason);
    assert!(entry.reason.contains(&format!("#{}", first.id)));
}

#[test]
fn accepting_one_clash_does_not_accept_another() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "bo", 0);
    let w = world(&mut s);
    let a = create(&mut s, draft(&w, w.anna, 0, 60)).expect("a");
    let b = create(&mut s, draft(&w, w.anna, 60, 60)).expect("b");
    let err = s
        .save_booking(Save {
            target: None,
            draft: draft(&w, w.anna, 30, 60),
            accepted: vec![a.id],
            reason: "ok".into(),
        })
        .expect_err("b not accepted");
    assert!(err.to_string().contains(&format!("#{}", b.id)), "{err}");
}

#[test]
fn edits_are_named_move_reassign_or_edit_and_check_the_version() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "bo", 0);
    let w = world(&mut s);
    let b = create(&mut s, draft(&w, w.anna, 60, 120)).expect("b");
    let moved = edit(&mut s, &b, draft(&w, w.anna, 75, 120)).expect("move");
    let re = edit(&mut s, &moved, draft(&w, w.bo, 75, 120)).expect("reassign");
    let mut d = draft(&w, w.bo, 75, 120);
    d.notes = "Nøgle under måtten".into();
    let edited = edit(&mut s, &re, d.clone()).expect("edit");
    let actions: Vec<String> = s
        .journal(Some(("booking", b.id)), 10)
        .expect("journal")
        .into_iter()
        .rev()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            "booking.add",
            "booking.move",
            "booking.reassign",
            "booking.edit"
        ]
    );
    // A save made against the version seen before someone else's change.
    let mut other = open_at(&dir, "sara", 1);
    edit(&mut other, &edited, draft(&w, w.bo, 90, 120)).expect("sara moves it");
    let err = edit(&mut s, &edited, d).expect_err("stale");
    assert!(
        matches!(err, StoreError::Stale { ref by, .. } if by == "sara"),
        "{err}"
    );
}

#[test]
fn cancel_needs_a_reason_and_approval_empties_the_review_queue() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "bo", 0);
    let w = world(&mut s);
    let mut d = draft(&w, w.anna, 60, 120);
    d.review = "weekday mismatch confirmed".into();
    let b = create(&mut s, d).expect("b");
    assert!(b.needs_review());
    assert_eq!(s.review_queue().expect("queue").len(), 1);
    let b = s.approve_booking(b.id, b.version).expect("approve");
    assert!(s.review_queue().expect("queue").is_empty());
    assert!(matches!(
        s.cancel_booking(b.id, b.version, "  "),
        Err(StoreError::Change(_))
    ));
    let c = s
        .cancel_booking(b.id, b.version, "kunden er syg")
        .expect("cancel");
    assert_eq!(c.status, BookingStatus::Cancelled);
    assert_eq!(c.cancel_reason, "kunden er syg");
    let e = &s.journal(Some(("booking", b.id)), 1).expect("journal")[0];
    assert_eq!(
        (e.action.as_str(), e.reason.as_str()),
        ("booking.cancel", "kunden er syg")
    );
    // The freed slot can be booked again without an override.
    create(&mut s, draft(&w, w.anna, 60, 120)).expect("slot free again");
}

#[test]
fn undo_and_redo_walk_back_and_forth_through_own_changes() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "bo", 0);
    let w = world(&mut s);
    let b = create(&mut s, draft(&w, w.anna, 60, 120)).expect("create");
    let moved = edit(&mut s, &b, draft(&w, w.anna, 90, 120)).expect("move");
    assert_eq!(
        s.undo_hint().expect("hint").map(|h| h.what),
        Some(crate::store::UndoWhat::Booking {
            change: Some(BookingChange::Move),
            id: b.id
        })
    );

    let out = s.undo().expect("undo move");
    assert_eq!(
        (out.revert, out.change, out.booking_id),
        (Revert::Undo, Some(BookingChange::Move), b.id)
    );
    let now = s.booking(b.id).expect("b");
    assert_eq!((now.start, now.end), (b.start, b.end));
    assert!(now.version > moved.version, "versions only go up");

    let out = s.undo().expect("undo create");
    assert!(out.booking.is_none());
    assert!(matches!(s.booking(b.id), Err(StoreError::NotFound { .. })));
    assert!(matches!(s.undo(), Err(StoreError::Undo(_))), "nothing left");

    s.redo().expect("redo create");
    assert_eq!(s.booking(b.id).expect("back").start, b.start);
    let out = s.redo().expect("redo move");
    assert_eq!(
        (out.revert, out.change, out.booking_id),
        (Revert::Redo, Some(BookingChange::Move), b.id)
    );
    assert_eq!(s.booking(b.id).expect("moved").start, moved.start);
    assert!(
        matches!(s.redo(), Err(StoreError::Undo(_))),
        "nothing to redo"
    );

    // Undo after redo goes back again; a new change clears redo.
    s.undo().expect("undo the redo");
    assert_eq!(s.booking(b.id).expect("b").start, b.start);
    let cur = s.booking(b.id).expect("b");
    edit(&mut s, &cur, draft(&w, w.bo, 60, 120)).expect("new change");
    assert!(matches!(s.redo(), Err(StoreError::Undo(_))));

    // Every undo and redo is journaled and points at what it reverted.
    let j = s.journal(Some(("booking", b.id)), 20).expect("journal");
    let undos: Vec<_> = j.iter().filter(|e| e.action == "booking.undo").collect();
    let redos: Vec<_> = j.iter().filter(|e| e.action == "booking.redo").collect();
    assert_eq!((undos.len(), redos.len()), (3, 2));
    assert!(
        j.iter()
            .filter(|e| e.action.ends_with("do"))
            .all(|e| e.reverts.is_some())
    );
    assert!(j.iter().all(|e| e.actor == "bo"));
}

#[test]
fn undo_covers_cancel_start_and_finish() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "bo", 0);
    let w = world(&mut s);
    let b = create(&mut s, draft(&w, w.anna, 0, 120)).expect("create");
    let b = s.start_booking(b.id, b.version).expect("start");
    let b = s.finish_booking(b.id, b.version).expect("finish");
    assert_eq!(b.status, BookingStatus::Completed);
    s.undo().expect("undo finish");
    assert_eq!(
        s.booking(b.id).expect("b").status,
        BookingStatus::InProgress
    );
    s.undo().expect("undo start");
    let now = s.booking(b.id).expect("b");
    assert_eq!(
        (now.status, now.started_at),
        (BookingStatus::Scheduled, None)
    );
    let c = s
        .cancel_booking(now.id, now.version, "syg")
        .expect("cancel");
    assert_eq!(c.status, BookingStatus::Cancelled);
    s.undo().expect("undo cancel");
    let now = s.booking(b.id).expect("b");
    assert_eq!(
        (now.status, now.cancel_reason.as_str()),
        (BookingStatus::Scheduled, "")
    );
}

#[test]
fn undo_is_refused_after_someone_elses_change_and_never_touches_theirs() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut bo = open_at(&dir, "bo", 0);
    let w = world(&mut bo);
    let b = create(&mut bo, draft(&w, w.anna, 60, 120)).expect("create");
    let mut sara = open_at(&dir, "sara", 1);
    let theirs = edit(&mut sara, &b, draft(&w, w.bo, 60, 120)).expect("sara reassigns");
    let err = bo.undo().expect_err("refused");
    let text = err.to_string();
    assert!(
        text.contains("sara") && text.contains(&format!("#{}", b.id)),
        "{text}"
    );
    // Nothing changed, nothing journaled by bo's refused undo.
    assert_eq!(bo.booking(b.id).expect("b"), theirs);
    assert_eq!(
        bo.journal(None, 100)
            .expect("j")
            .iter()
            .filter(|e| e.action == "booking.undo")
            .count(),
        0
    );
    // Sara's own undo works, and only ever sees her change.
    let out = sara.undo().expect("sara undoes her own");
    assert_eq!(out.booking.expect("b").staff_id, Some(w.anna));
}

#[test]
fn undo_expires_after_five_minutes_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tmp");
    let b = {
        let mut s = open_at(&dir, "bo", 0);
        let w = world(&mut s);
        create(&mut s, draft(&w, w.anna, 60, 120)).expect("create")
    };
    // A restart 4 minutes 59 seconds later: still undoable, with the time left.
    let later = Clock::Fixed(at(5) - Duration::seconds(1));
    let s = Store::open(&dir.path().join("renos.db"), "bo", later).expect("reopen");
    let hint = s.undo_hint().expect("hint").expect("still undoable");
    assert_eq!(hint.expires, at(5));
    assert_eq!(hint.booking, b.id);
    drop(s);
    // At exactly five minutes it is gone, and says why.
    let mut s = open_at(&dir, "bo", 5);
    assert_eq!(s.undo_hint().expect("hint"), None);
    let err = s.undo().expect_err("expired");
    assert!(err.to_string().contains("more than 5 minutes"), "{err}");
    assert!(s.booking(b.id).is_ok());
    // Another dispatcher never undoes bo's change.
    let mut sara = open_at(&dir, "sara", 1);
    assert!(matches!(sara.undo(), Err(StoreError::Undo(_))));
}

#[test]
fn undo_that_would_double_book_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut bo = open_at(&dir, "bo", 0);
    let w = world(&mut bo);
    let b = create(&mut bo, draft(&w, w.anna, 60, 120)).expect("create");
    edit(&mut bo, &b, draft(&w, w.anna, 300, 120)).expect("move away");
    let mut sara = open_at(&dir, "sara", 1);
    create(&mut sara, draft(&w, w.anna, 60, 60)).expect("sara takes the old slot");
    let err = bo.undo().expect_err("would clash");
    assert!(err.to_string().contains("double-book"), "{err}");
    assert_eq!(bo.booking(b.id).expect("b").start, at(300));
}

#[test]
fn ids_of_undone_creations_are_never_reused() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "bo", 0);
    let w = world(&mut s);
    let b = create(&mut s, draft(&w, w.anna, 60, 120)).expect("create");
    s.undo().expect("undo");
    let c = create(&mut s, draft(&w, w.anna, 60, 120)).expect("again");
    assert!(c.id > b.id);
    // So the undone creation cannot be redone over someone else's booking.
    assert!(matches!(s.redo(), Err(StoreError::Undo(_))));
}

#[test]
fn a_version_one_database_keeps_its_bookings_through_the_migration() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("renos.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(schema::MIGRATIONS[0]).expect("v1");
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO staff (id, name, hours, updated_at, updated_by) VALUES (1, 'Anna', '', 0, 'x');
             INSERT INTO customers (id, name, updated_at, updated_by) VALUES (1, 'Søren', 0, 'x');
             INSERT INTO bookings (id, customer_id, staff_id, service, start_at, end_at,
               estimate_min, status, updated_at, updated_by)
             VALUES (7, 1, 1, 'Fast', 1000, 2000, 10, 'scheduled', 0, 'x');
             INSERT INTO journal (at, actor, action, entity, entity_id) VALUES (0, 'x', 'booking.add', 'booking', 7);",
        )
        .expect("rows");
    }
    let s = Store::open(&path, "bo", Clock::Fixed(at(0))).expect("migrate");
    let b = s.booking(7).expect("kept");
    assert_eq!((b.service.as_str(), b.review.as_str()), ("Fast", ""));
    let j = s.journal(None, 10).expect("journal");
    assert_eq!(
        (j.len(), j[0].reason.as_str(), j[0].reverted),
        (1, "", false)
    );
}
