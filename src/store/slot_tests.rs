//! Availability, the finder's loading and the sick call's one-change
//! reassignment on real database files.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::availability::{Area, DateOverride, WeekHours};
use crate::domain::{Booking, BookingDraft, WorkingHours};

fn at(min_after_nine: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .expect("time")
        + Duration::minutes(min_after_nine)
}

fn open_at(dir: &tempfile::TempDir, who: &str, min: i64) -> Store {
    Store::open(&dir.path().join("renos.db"), who, Clock::Fixed(at(min))).expect("open")
}

struct World {
    anna: i64,
    bo: i64,
    cy: i64,
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
    let (anna, bo, cy) = (staff("Anna Jensen"), staff("Bo Madsen"), staff("Cy Holm"));
    let customer = s
        .add_customer(NewCustomer {
            name: "Søren Østergaard".into(),
            address: "Østerbrogade 12, 2100 København Ø".into(),
            ..Default::default()
        })
        .expect("customer")
        .id;
    World {
        anna,
        bo,
        cy,
        customer,
    }
}

fn book(s: &mut Store, w: &World, staff: i64, start_min: i64, len_min: i64) -> Booking {
    s.save_booking(Save {
        target: None,
        draft: BookingDraft {
            customer_id: w.customer,
            staff_id: Some(staff),
            service: "Fast rengøring".into(),
            start: at(start_min),
            end: at(start_min + len_min),
            estimate_min: len_min as u32,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
        },
        accepted: vec![],
        reason: String::new(),
    })
    .expect("booking")
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

#[test]
fn availability_is_kept_journaled_and_loaded_for_the_finder() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "mette", 0);
    let w = world(&mut s);
    let anna = s.find_staff("Anna Jensen").expect("anna");
    let patch = StaffPatch {
        availability: AvailabilityPatch {
            week: Some(WeekHours::parse("mon-fri 08:00-12:00,12:30-16:00").expect("week")),
            add_overrides: vec![DateOverride::parse("2026-12-24 closed").expect("o")],
            skills: Some(vec!["Vinduespudsning".into()]),
            area: Some(Area::parse("2100-2450").expect("area")),
            contract_min: Some(Some(30 * 60)),
            daily_max_min: Some(Some(7 * 60)),
            priority: Some(3),
            ..Default::default()
        },
        ..Default::default()
    };
    let after = s
        .update_staff(anna.id, Some(anna.version), patch)
        .expect("set");
    assert_eq!(after.hours.to_spec(), "mon-fri 08:00-16:00", "the envelope");
    let a = s.availability(&after).expect("availability");
    assert_eq!(a.week.day(0).len(), 2);
    assert_eq!(
        (a.contract_min, a.daily_max_min, a.priority),
        (Some(1800), Some(420), 3)
    );
    let actions: Vec<String> = s
        .journal(None, 2)
        .expect("journal")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["staff.set", "staff.availability"]);
    // Plain hours afterwards replace the hours with breaks.
    let after = s
        .update_staff(
            anna.id,
            None,
            StaffPatch {
                hours: Some(WorkingHours::default()),
                ..Default::default()
            },
        )
        .expect("hours");
    assert_eq!(s.availability(&after).expect("a").week.day(0).len(), 1);

    book(&mut s, &w, w.bo, 60, 120);
    let cleaners = s.finder_cleaners(day(), 1).expect("load");
    let bo = cleaners.iter().find(|c| c.id == w.bo).expect("bo");
    assert_eq!(bo.jobs.len(), 1);
    assert_eq!(bo.jobs[0].postcode, Some(2100));
    assert!(bo.last_booked.is_some());
    let cy = cleaners.iter().find(|c| c.id == w.cy).expect("cy");
    assert!(cy.jobs.is_empty() && cy.last_booked.is_none());
}

#[test]
fn a_sick_call_is_one_change_and_one_undo() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "mette", 0);
    let w = world(&mut s);
    let a1 = book(&mut s, &w, w.anna, 0, 60);
    let a2 = book(&mut s, &w, w.anna, 120, 60);
    s.enable_google_outbox().expect("google on");
    let plan =
        crate::engine::slots::sick_call(&s, w.anna, day(), day(), &Default::default(), &|_| false)
            .expect("plan");
    assert_eq!(plan.len(), 2);
    assert!(plan.iter().all(|r| r.to.is_some()));
    let done =
        crate::engine::slots::apply_sick_call(&mut s, &plan, "sick call: Anna").expect("apply");
    assert_eq!(done.len(), 2);
    assert!(done.iter().all(|b| b.staff_id != Some(w.anna)));
    // Each booking changed waits in the outbox for the calendar.
    for b in &done {
        let key = b.id.to_string();
        assert!(
            s.outbox_entry(GOOGLE_BOOKING, &key)
                .expect("outbox")
                .is_some(),
            "#{key}"
        );
    }
    let out = s.undo().expect("undo");
    assert_eq!(out.revert, Revert::Undo);
    for id in [a1.id, a2.id] {
        let b = s.booking(id).expect("booking");
        assert_eq!(b.staff_id, Some(w.anna), "#{id} is back with Anna");
    }
    // Redo takes the whole change again.
    s.redo().expect("redo");
    for id in [a1.id, a2.id] {
        assert_ne!(s.booking(id).expect("b").staff_id, Some(w.anna));
    }
}

#[test]
fn a_sick_call_refuses_a_slot_taken_meanwhile_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "mette", 0);
    let w = world(&mut s);
    let a1 = book(&mut s, &w, w.anna, 0, 60);
    let a2 = book(&mut s, &w, w.anna, 300, 60);
    let plan =
        crate::engine::slots::sick_call(&s, w.anna, day(), day(), &Default::default(), &|_| false)
            .expect("plan");
    let first_to = plan[0].to.as_ref().expect("to").0;
    // Another dispatcher books the replacement at the first job's time.
    let mut other = open_at(&dir, "bo", 1);
    book(&mut other, &w, first_to, 0, 60);
    let err = crate::engine::slots::apply_sick_call(&mut s, &plan, "sick call").expect_err("taken");
    assert!(matches!(err, StoreError::Clash(_)), "{err}");
    for id in [a1.id, a2.id] {
        assert_eq!(
            s.booking(id).expect("b").staff_id,
            Some(w.anna),
            "nothing moved"
        );
    }
    // A job changed meanwhile is refused by its version.
    let mut plan = plan;
    plan.retain(|r| r.booking_id == a2.id);
    let a2now = s.booking(a2.id).expect("b");
    other
        .cancel_booking(a2now.id, a2now.version, "kunden aflyste")
        .expect("cancel");
    let err = crate::engine::slots::apply_sick_call(&mut s, &plan, "sick call").expect_err("stale");
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
}

/// The finder keeps the configured travel gap between two areas around a
/// job (and `[conflicts] travel_gap_min` within one), through the settings.
#[test]
fn the_finder_keeps_the_configured_gap_between_areas() {
    use crate::config::Settings;
    use crate::domain::slots::Strategy;
    use crate::engine::slots::{SlotRequest, find};

    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open_at(&dir, "mette", 0);
    let w = world(&mut s);
    let aarhus = s
        .add_customer(NewCustomer {
            name: "Jens Aarhus".into(),
            address: "Strøget 1, 8000 Aarhus C".into(),
            ..Default::default()
        })
        .expect("customer")
        .id;
    // Monday 23/11, 11:00-13:00 local, at 2100.
    let monday = day() + Duration::days(3);
    book(&mut s, &w, w.bo, 3 * 24 * 60 + 60, 120);
    let starts = |config: &str, customer: i64| {
        let settings = Settings::parse(config, std::path::Path::new("config.toml")).expect("cfg");
        let mut req = SlotRequest::new(60, monday, 1);
        req.customer_id = Some(customer);
        req.strategy = Strategy::Only(w.bo);
        let f = find(&s, &req, &settings.slot_rules(), at(0), &|_| false).expect("find");
        f.offers[0]
            .slots
            .iter()
            .map(|x| s.tz().hm(x.start))
            .collect::<Vec<_>>()
    };
    let around = |list: &[String]| {
        let before = list.iter().rfind(|t| t.as_str() < "11:00").cloned();
        let after = list.iter().find(|t| t.as_str() > "11:00").cloned();
        (before.unwrap_or_default(), after.unwrap_or_default())
    };
    // Within 2100: [conflicts] travel_gap_min, 15 by default, 30 when set.
    assert_eq!(
        around(&starts("", w.customer)),
        ("09:45".into(), "13:15".into())
    );
    assert_eq!(
        around(&starts("[conflicts]\ntravel_gap_min = 30\n", w.customer)),
        ("09:30".into(), "13:30".into())
    );
    // From 2100 to 8000: 30 by default, 45 when set.
    assert_eq!(
        around(&starts("", aarhus)),
        ("09:30".into(), "13:30".into())
    );
    assert_eq!(
        around(&starts(
            "[slots]\ntravel_gap_between_areas_min = 45\n",
            aarhus
        )),
        ("09:15".into(), "13:45".into())
    );
}
