//! Confirmations and receipts on a real database file.

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::clock::Clock;
use crate::domain::{BookingStatus, WorkingHours};
use crate::store::{NewBooking, NewCustomer, NewStaff};

fn at(min: i64) -> Clock {
    Clock::Fixed(
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
            .single()
            .expect("time")
            + Duration::minutes(min),
    )
}

fn open(dir: &tempfile::TempDir, min: i64) -> Store {
    Store::open(&dir.path().join("renos.db"), "bo via assistant", at(min)).expect("open")
}

fn job(s: &mut Store) -> NewBooking {
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
    let start = Utc
        .with_ymd_and_hms(2026, 11, 21, 8, 0, 0)
        .single()
        .expect("time");
    NewBooking {
        customer_id: c.id,
        staff_id: Some(staff.id),
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

fn receipt(key: Option<&str>) -> Receipt {
    Receipt {
        token: "t1".into(),
        tool: "create_booking".into(),
        digest: "d1".into(),
        key: key.map(str::to_string),
    }
}

#[test]
fn a_confirmation_is_bound_to_its_arguments_used_once_and_expires() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir, 0);
    let new = job(&mut s);
    s.issue_confirmation("t1", "create_booking", "d1")
        .expect("issue");
    let check = |s: &Store, t: &str, d: &str| s.check_confirmation(t, "create_booking", d);
    assert_eq!(check(&s, "t1", "d1").expect("check"), Ok(()));
    assert_eq!(
        check(&s, "t1", "d2").expect("check"),
        Err(Unconfirmed::Other)
    );
    assert_eq!(
        check(&s, "nope", "d1").expect("check"),
        Err(Unconfirmed::Unknown)
    );

    let b = s
        .confirmed(receipt(Some("k1")), |s| s.add_booking(new.clone()))
        .expect("write");
    assert_eq!(
        check(&s, "t1", "d1").expect("check"),
        Err(Unconfirmed::Used)
    );
    let past = s.past_write("k1").expect("read").expect("kept");
    assert_eq!(past.tool, "create_booking");
    assert_eq!(past.result, None);
    let journal = s.journal(None, 10).expect("journal");
    assert!(
        journal
            .iter()
            .any(|e| e.id == past.journal.0 && e.entity_id == b.id)
    );
    s.keep_result("k1", &serde_json::json!({"id": b.id}))
        .expect("keep");
    let past = s.past_write("k1").expect("read").expect("kept");
    assert_eq!(past.result, Some(serde_json::json!({"id": b.id})));

    // A used token cannot make a second write; nothing is written then.
    let before = s.journal(None, 100).expect("journal").len();
    assert!(
        s.confirmed(receipt(Some("k2")), |s| s.add_booking(new.clone()))
            .is_err()
    );
    assert_eq!(s.journal(None, 100).expect("journal").len(), before);
    assert!(s.past_write("k2").expect("read").is_none());

    s.issue_confirmation("t2", "create_booking", "d1")
        .expect("issue");
    drop(s);
    let s = open(&dir, CONFIRM_MINUTES + 1);
    assert!(matches!(
        check(&s, "t2", "d1").expect("check"),
        Err(Unconfirmed::Expired(_))
    ));
}
