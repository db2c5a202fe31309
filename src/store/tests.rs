//! Store tests on real database files.

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::domain::{BookingStatus, WorkingHours};

fn clock() -> Clock {
    Clock::Fixed(
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
            .single()
            .expect("time"),
    )
}

fn open(dir: &tempfile::TempDir, who: &str) -> Store {
    Store::open(&dir.path().join("renos.db"), who, clock()).expect("open")
}

fn seed(s: &mut Store) -> (i64, i64) {
    let staff = s
        .add_staff(NewStaff {
            name: "Anna Jensen".into(),
            hours: WorkingHours::default(),
            ..Default::default()
        })
        .expect("staff");
    let c = s
        .add_customer(NewCustomer {
            name: "Søren Østergaard".into(),
            ..Default::default()
        })
        .expect("customer");
    (staff.id, c.id)
}

fn job(staff: i64, customer: i64) -> NewBooking {
    let start = Utc
        .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
        .single()
        .expect("time");
    NewBooking {
        customer_id: customer,
        staff_id: Some(staff),
        service: "Fast rengøring".into(),
        start,
        end: start + Duration::hours(3),
        estimate_min: 180,
        status: BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: String::new(),
        notes: String::new(),
    }
}

#[test]
fn migrates_an_empty_file_and_reopens_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let s = open(&dir, "anna");
    let v: i64 = s
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, schema::CURRENT);
    let mode: String = s
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    let fk: i64 = s
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("fk");
    assert_eq!(fk, 1);
    drop(s);
    let again = open(&dir, "anna");
    assert!(again.staff().expect("staff").is_empty());
}

#[test]
fn a_newer_schema_is_refused_in_words() {
    let dir = tempfile::tempdir().expect("tmp");
    let s = open(&dir, "anna");
    s.conn()
        .pragma_update(None, "user_version", 99)
        .expect("bump");
    drop(s);
    let err = Store::open(&dir.path().join("renos.db"), "anna", clock()).expect_err("refused");
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn a_missing_database_is_reported_not_created() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("nope.db");
    let err = Store::open_existing(&path, "anna", clock()).expect_err("missing");
    assert!(matches!(err, StoreError::Missing(_)));
    assert!(!path.exists());
}

#[test]
fn every_change_is_journaled_with_the_actor() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir, "mette");
    let (staff, customer) = seed(&mut s);
    let b = s.add_booking(job(staff, customer)).expect("booking");
    let b = s.start_booking(b.id, b.version).expect("start");
    let b = s.finish_booking(b.id, b.version).expect("finish");
    s.update_staff(
        staff,
        None,
        StaffPatch {
            phone: Some("+4512345678".into()),
            ..Default::default()
        },
    )
    .expect("set");
    let j = s.journal(None, 100).expect("journal");
    let actions: Vec<&str> = j.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "staff.add",
            "customer.add",
            "booking.add",
            "booking.start",
            "booking.finish",
            "staff.set"
        ]
    );
    assert!(j.iter().all(|e| e.actor == "mette"));
    let finish = &j[1];
    assert_eq!(finish.entity_id, b.id);
    assert_eq!(
        finish.before.as_ref().and_then(|v| v["status"].as_str()),
        Some("in_progress")
    );
    assert_eq!(
        finish.after.as_ref().and_then(|v| v["status"].as_str()),
        Some("completed")
    );
    let only_booking = s.journal(Some(("booking", b.id)), 100).expect("filtered");
    assert_eq!(only_booking.len(), 3);
}

#[test]
fn a_failed_change_writes_neither_row_nor_journal() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir, "anna");
    let (staff, customer) = seed(&mut s);
    let before = s.journal(None, 100).expect("journal").len();
    let mut bad = job(staff, customer);
    bad.end = bad.start;
    assert!(s.add_booking(bad).is_err());
    let b = s.add_booking(job(staff, customer)).expect("booking");
    assert!(matches!(
        s.finish_booking(b.id, b.version),
        Err(StoreError::Rule(_))
    ));
    assert_eq!(s.journal(None, 100).expect("journal").len(), before + 1);
    assert_eq!(s.booking(b.id).expect("b").status, BookingStatus::Scheduled);
}

#[test]
fn a_stale_version_is_refused_naming_who_changed_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut anna = open(&dir, "anna");
    let mut bo = open(&dir, "bo");
    let (staff, customer) = seed(&mut anna);
    let seen = anna.add_booking(job(staff, customer)).expect("booking");
    bo.start_booking(seen.id, seen.version)
        .expect("bo starts it");
    let err = anna
        .start_booking(seen.id, seen.version)
        .expect_err("stale");
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    assert!(err.to_string().contains("bo"), "{err}");
}

#[test]
fn two_connections_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut first = open(&dir, "anna");
    let (staff, customer) = seed(&mut first);
    drop(first);
    let path = dir.path().join("renos.db");
    let writers: Vec<_> = ["anna", "bo"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path, who, clock()).expect("open");
                for i in 0..100 {
                    let mut b = job(staff, customer);
                    b.notes = format!("{who} {i}");
                    s.add_booking(b).expect("write under contention");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer thread");
    }
    let s = Store::open(&path, "check", clock()).expect("open");
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM bookings", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 200);
    let j: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM journal WHERE action = 'booking.add'",
            [],
            |r| r.get(0),
        )
        .expect("journal count");
    assert_eq!(j, 200);
}

#[test]
fn other_connections_commits_move_the_data_version() {
    let dir = tempfile::tempdir().expect("tmp");
    let watcher = open(&dir, "watch");
    let mut writer = open(&dir, "anna");
    let v0 = watcher.data_version().expect("v0");
    seed(&mut writer);
    assert_ne!(watcher.data_version().expect("v1"), v0);
}

#[test]
fn staff_names_are_unique_and_removal_waits_for_upcoming_jobs() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir, "anna");
    let (staff, customer) = seed(&mut s);
    let dup = s.add_staff(NewStaff {
        name: "anna jensen".into(),
        ..Default::default()
    });
    assert!(dup.expect_err("dup").to_string().contains("already"));
    let mut later = job(staff, customer);
    later.start += Duration::days(1);
    later.end += Duration::days(1);
    s.add_booking(later).expect("booking");
    let err = s.remove_staff(staff).expect_err("refused");
    assert!(err.to_string().contains("upcoming"), "{err}");
    assert_eq!(s.find_staff("ANNA JENSEN").expect("found").id, staff);
}

#[test]
fn day_query_finds_jobs_that_started_the_day_before() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir, "anna");
    let (staff, customer) = seed(&mut s);
    let mut night = job(staff, customer);
    night.start = Utc
        .with_ymd_and_hms(2026, 11, 19, 21, 0, 0)
        .single()
        .expect("t");
    night.end = Utc
        .with_ymd_and_hms(2026, 11, 20, 2, 0, 0)
        .single()
        .expect("t");
    let n = s.add_booking(night).expect("night");
    let day = s
        .bookings_between(
            Utc.with_ymd_and_hms(2026, 11, 19, 23, 0, 0)
                .single()
                .expect("t"),
            Utc.with_ymd_and_hms(2026, 11, 20, 23, 0, 0)
                .single()
                .expect("t"),
        )
        .expect("day");
    assert!(day.iter().any(|b| b.id == n.id));
}

#[test]
fn the_status_check_migration_keeps_bookings_their_ids_and_what_refers_to_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("renos.db");
    let before = schema::MIGRATIONS
        .iter()
        .position(|m| m.contains("CREATE TABLE bookings_v3"))
        .expect("the migration");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        for m in &schema::MIGRATIONS[..before] {
            conn.execute_batch(m).expect("migrate");
        }
        conn.pragma_update(None, "user_version", before as i64)
            .expect("version");
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             INSERT INTO staff (id, name, hours, updated_at, updated_by) VALUES (1, 'Anna', '', 0, 'x');
             INSERT INTO customers (id, name, updated_at, updated_by) VALUES (1, 'Søren', 0, 'x');
             INSERT INTO bookings (customer_id, staff_id, service, start_at, end_at,
               estimate_min, status, review, updated_at, updated_by)
             VALUES (1, 1, 'Fast', 1000, 2000, 10, 'completed', 'check', 0, 'x'),
                    (1, 1, 'Fast', 3000, 4000, 10, 'scheduled', '', 0, 'x');
             INSERT INTO booking_uids (booking_id, uid, recurrence) VALUES (1, 'u-1', '');
             DELETE FROM bookings WHERE id = 2;",
        )
        .expect("rows");
    }
    let mut s = Store::open(&path, "bo", clock()).expect("migrate");
    let b = s.booking(1).expect("kept");
    assert_eq!(
        (b.service.as_str(), b.status, b.review.as_str()),
        ("Fast", BookingStatus::Completed, "check")
    );
    let uid: i64 = s
        .conn()
        .query_row(
            "SELECT booking_id FROM booking_uids WHERE uid = 'u-1'",
            [],
            |r| r.get(0),
        )
        .expect("uid");
    assert_eq!(uid, 1);
    let fk: i64 = s
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("fk");
    assert_eq!(fk, 1);
    // The id of the booking that is gone is not handed out again.
    let next = s.add_booking(job(1, 1)).expect("book");
    assert_eq!(next.id, 3);
    let indexes: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bookings'",
            [],
            |r| r.get(0),
        )
        .expect("indexes");
    assert_eq!(indexes, 6);
    // The check still holds, now without a temporary table per row.
    let bad = s
        .conn()
        .execute("UPDATE bookings SET status = 'lost' WHERE id = 1", []);
    assert!(bad.is_err());
}

#[test]
fn the_conflicts_migration_keeps_every_conflict_and_tells_a_series_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("renos.db");
    let before = schema::MIGRATIONS
        .iter()
        .position(|m| m.contains("CREATE TABLE sync_conflicts_v2"))
        .expect("the migration");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        for m in &schema::MIGRATIONS[..before] {
            conn.execute_batch(m).expect("migrate");
        }
        conn.pragma_update(None, "user_version", before as i64)
            .expect("version");
        // Booking 7 waits on its own event's conflict; booking 8 on its
        // series' (the recurring event "master").
        conn.execute_batch(
            r#"INSERT INTO google_series (series_id, calendar_id, event_id)
                 VALUES (3, 'cal', 'master');
               INSERT INTO sync_conflicts (booking_id, calendar_id, event_id, kind, at)
                 VALUES (7, 'cal', 'renos7', '"deleted_there"', 10),
                        (8, 'cal', 'master', '"deleted_there"', 20);"#,
        )
        .expect("rows");
    }
    let s = Store::open(&path, "bo", clock()).expect("migrate");
    let all = s.sync_conflicts().expect("conflicts");
    assert_eq!(
        all.iter()
            .map(|c| (c.booking_id, c.event_id.as_str(), c.of_series))
            .collect::<Vec<_>>(),
        vec![(7, "renos7", false), (8, "master", true)]
    );
    assert!(all.iter().all(|c| c.repeats.is_none()));
    assert!(s.sync_conflict_held(8, true).expect("read").is_some());
    assert!(s.sync_conflict_held(8, false).expect("read").is_none());
    assert_eq!(
        s.series_conflict("cal", "master")
            .expect("read")
            .map(|c| c.booking_id),
        Some(8)
    );
}

#[test]
fn the_ours_migration_keeps_every_link_and_tells_jobs_made_by_hand() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("renos.db");
    let before = schema::MIGRATIONS
        .iter()
        .position(|m| m.contains("ADD COLUMN ours"))
        .expect("the migration");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        for m in &schema::MIGRATIONS[..before] {
            conn.execute_batch(m).expect("migrate");
        }
        conn.pragma_update(None, "user_version", before as i64)
            .expect("version");
        // 1: ours on CalDAV; 2: made by hand in Microsoft 365 and taken in
        // (the sync made the booking); 3: a Google event.
        conn.execute_batch(
            r#"INSERT INTO google_events (booking_id, calendar_id, event_id, etag)
                 VALUES (1, 'caldav:http://h/anna/', '/anna/renos-booking-1.ics', '"e1"'),
                        (2, 'outlook:bo@firma.dk', 'AAMk2', '"e2"'),
                        (3, 'cal', 'renosab1b3', '"e3"');
               INSERT INTO journal (at, actor, action, entity, entity_id, before, after)
                 VALUES (1, 'mette', 'booking.add', 'booking', 1, NULL, '{}'),
                        (2, 'Microsoft 365', 'booking.sync', 'booking', 2, NULL, '{}'),
                        (3, 'Microsoft 365', 'booking.sync', 'booking', 1, '{}', '{}');"#,
        )
        .expect("rows");
    }
    let s = Store::open(&path, "bo", clock()).expect("migrate");
    for (id, event, ours) in [
        (1, "/anna/renos-booking-1.ics", true),
        (2, "AAMk2", false),
        (3, "renosab1b3", false),
    ] {
        let link = s.google_link(id).expect("read").expect("kept");
        assert_eq!(link.event_id, event);
        assert!(link.etag.is_some());
        assert_eq!(s.link_is_ours(id).expect("read"), ours, "booking {id}");
    }
    // Moved to another calendar: not ours until the item there is made.
    let mut s = s;
    let mut link = s.google_link(1).expect("read").expect("kept");
    link.event_id = "/bo/x.ics".into();
    s.sync_write("test", |w| w.save_link(&link))
        .expect("same calendar");
    assert!(
        s.link_is_ours(1).expect("read"),
        "another item, same calendar"
    );
    link.calendar_id = "caldav:http://h/bo/".into();
    s.sync_write("test", |w| w.save_link(&link)).expect("moved");
    assert!(!s.link_is_ours(1).expect("read"));
    s.sync_write("test", |w| w.mark_ours(1)).expect("made");
    assert!(s.link_is_ours(1).expect("read"));
}
