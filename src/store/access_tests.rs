//! The role check of every write: refused changes write nothing and leave
//! one journal entry saying so.

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::domain::{Booking, BookingStatus, Role, RoleSource};

fn clock() -> Clock {
    Clock::Fixed(
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
            .single()
            .expect("time"),
    )
}

fn as_role(s: Store, role: Role) -> Store {
    s.with_access(Access {
        login: "anna".into(),
        role,
        source: RoleSource::Config("/srv/renos/config.toml".into()),
    })
}

/// A database with a cleaner, a customer and a booking, written as admin.
fn seeded(dir: &tempfile::TempDir) -> (std::path::PathBuf, Booking) {
    let path = dir.path().join("renos.db");
    let mut s = Store::open(&path, "boss", clock()).expect("open");
    let staff = s
        .add_staff(NewStaff {
            name: "Anna Jensen".into(),
            ..Default::default()
        })
        .expect("staff");
    let c = s
        .add_customer(NewCustomer {
            name: "Søren".into(),
            ..Default::default()
        })
        .expect("customer");
    let start = Utc
        .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
        .single()
        .expect("time");
    let b = s
        .add_booking(NewBooking {
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
        })
        .expect("booking");
    (path, b)
}

fn refusals(s: &Store) -> Vec<JournalEntry> {
    s.journal(None, 100)
        .expect("journal")
        .into_iter()
        .filter(|e| e.action == journal::REFUSED)
        .collect()
}

#[test]
fn a_viewer_changes_nothing_and_the_refusal_is_journaled() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, b) = seeded(&dir);
    let mut s = as_role(
        Store::open_existing(&path, "anna", clock()).expect("open"),
        Role::Viewer,
    );
    let entries = s.journal(None, 100).expect("journal").len();
    let e = s.start_booking(b.id, b.version).unwrap_err();
    assert!(matches!(e, StoreError::Refused(_)), "{e:?}");
    assert_eq!(
        e.to_string(),
        "anna is a viewer here: changing bookings needs the dispatcher role \
         ([roles] in /srv/renos/config.toml)"
    );
    assert_eq!(s.booking(b.id).expect("booking"), b, "nothing written");
    let refused = refusals(&s);
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].actor, "anna");
    assert_eq!(refused[0].reason, e.to_string());
    assert_eq!(
        refused[0].after.as_ref().and_then(|a| a["needs"].as_str()),
        Some("dispatcher")
    );
    assert_eq!(s.journal(None, 100).expect("journal").len(), entries + 1);
    // Every kind of write asks, the batch and the sync's included.
    assert!(matches!(s.undo(), Err(StoreError::Refused(_))));
    assert!(matches!(
        s.add_customer(NewCustomer::default()),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        s.sync_write("anna", |_| Ok(())),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        s.start_sync_log("both", false),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        s.import(false, |_| Ok(())),
        Err(StoreError::Refused(_))
    ));
    assert_eq!(refusals(&s).len(), 6);
    assert_eq!(s.customers().expect("customers").len(), 1);
    // Reading goes on.
    assert_eq!(s.staff().expect("staff").len(), 1);
}

#[test]
fn a_dispatcher_books_but_is_refused_staff_and_billing() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, b) = seeded(&dir);
    let mut s = as_role(
        Store::open_existing(&path, "anna", clock()).expect("open"),
        Role::Dispatcher,
    );
    let started = s.start_booking(b.id, b.version).expect("start");
    assert_eq!(started.status, BookingStatus::InProgress);
    let e = s
        .add_staff(NewStaff {
            name: "Bo".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("anna is a dispatcher here: changing staff needs the admin role"),
        "{e}"
    );
    let anna = s.staff().expect("staff")[0].clone();
    assert!(matches!(
        s.remove_staff(anna.id),
        Err(StoreError::Refused(_))
    ));
    assert_eq!(s.staff().expect("staff").len(), 1, "nothing written");
    let refused = refusals(&s);
    assert_eq!(refused.len(), 2);
    assert!(refused.iter().all(|r| r.reason.contains("admin role")));
}

#[test]
fn a_refused_change_inside_a_batch_undoes_the_batch() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, _) = seeded(&dir);
    let mut s = as_role(
        Store::open_existing(&path, "anna", clock()).expect("open"),
        Role::Dispatcher,
    );
    let e = s
        .batch(|w| {
            w.add_customer(NewCustomer {
                name: "Ny kunde".into(),
                ..Default::default()
            })?;
            w.add_staff(NewStaff {
                name: "Bo".into(),
                ..Default::default()
            })
        })
        .unwrap_err();
    assert!(matches!(e, StoreError::Refused(_)), "{e:?}");
    assert_eq!(s.customers().expect("customers").len(), 1, "rolled back");
    assert_eq!(refusals(&s).len(), 1);
}

#[test]
fn without_roles_everybody_may_do_everything() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, _) = seeded(&dir);
    let mut s = Store::open_existing(&path, "anna", clock()).expect("open");
    assert_eq!(s.access().role, Role::Admin);
    s.add_staff(NewStaff {
        name: "Bo".into(),
        ..Default::default()
    })
    .expect("staff");
    assert!(refusals(&s).is_empty());
}

#[test]
fn a_viewer_may_neither_create_nor_edit_a_customer_from_the_console() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, b) = seeded(&dir);
    let mut s = as_role(
        Store::open_existing(&path, "anna", clock()).expect("open"),
        Role::Viewer,
    );
    let e = s
        .create_customer(NewCustomer {
            name: "Karen Blixen".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.to_string().contains("changing customers"), "{e}");
    let mut c = s.customer(b.customer_id).expect("customer");
    c.name = "Søren Ø.".into();
    assert!(matches!(s.edit_customer(&c), Err(StoreError::Refused(_))));
    assert_eq!(refusals(&s).len(), 2);
    assert_eq!(s.customers().expect("customers").len(), 1);
    assert_eq!(s.customer(b.customer_id).expect("c").name, "Søren");
}

#[test]
fn a_customer_edit_over_another_change_is_refused_with_who_and_when() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, b) = seeded(&dir);
    let mut mine = Store::open_existing(&path, "anna", clock()).expect("open");
    let mut theirs = Store::open_existing(&path, "sara", clock()).expect("open");
    let loaded = mine.customer(b.customer_id).expect("c");
    let mut t = loaded.clone();
    t.phone = "+4512345678".into();
    let saved = theirs.edit_customer(&t).expect("theirs");
    assert_eq!(saved.version, loaded.version + 1);
    let mut m = loaded;
    m.notes = "Nøgle under måtten".into();
    let e = mine.edit_customer(&m).unwrap_err();
    assert!(
        matches!(&e, StoreError::Stale { by, .. } if by == "sara"),
        "{e:?}"
    );
    let now = mine.customer(b.customer_id).expect("c");
    assert_eq!(
        (now.phone.as_str(), now.notes.as_str()),
        ("+4512345678", "")
    );
    let edits: Vec<JournalEntry> = mine
        .journal(Some(("customer", b.customer_id)), 10)
        .expect("journal")
        .into_iter()
        .filter(|e| e.action == "customer.edit")
        .collect();
    assert_eq!(edits.len(), 1, "only sara's edit");
    assert_eq!(edits[0].actor, "sara");
}
