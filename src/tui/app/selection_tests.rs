//! Up and down between lanes keep the time of the selection; stacked
//! jobs stay reachable.

use chrono::{NaiveDate, NaiveTime};

use super::*;
use crate::domain::{Customer, Staff, WorkingHours};

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

fn staff(id: i64) -> Staff {
    Staff {
        id,
        name: format!("Cleaner {id}"),
        phone: String::new(),
        colour: "blue".into(),
        hours: WorkingHours::parse("mon-sun 07:00-18:00").expect("hours"),
        time_off: vec![],
        version: 1,
    }
}

fn job(id: i64, staff_id: i64, from: &str, to: &str) -> Booking {
    let tz = Settings::default().tz;
    let at = |hm: &str| tz.instant(date(), NaiveTime::parse_from_str(hm, "%H:%M").expect("t"));
    Booking {
        id,
        customer_id: 1,
        staff_id: Some(staff_id),
        service: "Rengøring".into(),
        start: at(from),
        end: at(to),
        estimate_min: 60,
        status: BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: String::new(),
        notes: String::new(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 1,
    }
}

/// An app on `date()` showing three cleaners and `bookings`.
fn app_with(bookings: Vec<Booking>) -> App {
    let settings = Settings::default();
    let customers = std::collections::HashMap::from([(
        1,
        Customer {
            id: 1,
            name: "Hansen".into(),
            ..Customer::default()
        },
    )]);
    let plan = DayPlan::build(
        date(),
        vec![staff(1), staff(2), staff(3)],
        bookings,
        customers,
        &settings,
    );
    let now = settings
        .tz
        .instant(date(), NaiveTime::from_hms_opt(6, 0, 0).expect("t"));
    let mut app = App::new(settings, Theme::dark(), Keymap::default(), now, date());
    app.on_reply(Reply::Day(Box::new(plan)));
    app
}

#[test]
fn down_and_up_keep_the_time_of_the_selection() {
    let mut app = app_with(vec![
        job(1, 1, "12:00", "13:00"),
        job(2, 2, "09:00", "12:30"),
        job(3, 3, "09:00", "10:00"),
        job(4, 3, "12:00", "13:00"),
    ]);
    app.lane = 0;
    app.selected = Some(1);
    app.update(crate::tui::action::Action::LaneDown);
    assert_eq!(app.selected, Some(2), "the long job under 12:00");
    app.update(crate::tui::action::Action::LaneDown);
    assert_eq!(
        app.selected,
        Some(4),
        "still 12:00, not the long job's 09:00"
    );
    app.update(crate::tui::action::Action::LaneUp);
    app.update(crate::tui::action::Action::LaneUp);
    assert_eq!(app.selected, Some(1), "and back where it began");
}

#[test]
fn a_step_along_the_lane_sets_a_new_time() {
    let mut app = app_with(vec![
        job(1, 1, "09:00", "10:00"),
        job(2, 1, "14:00", "15:00"),
        job(3, 2, "09:00", "10:00"),
        job(4, 2, "14:00", "15:00"),
    ]);
    app.lane = 0;
    app.selected = Some(1);
    app.update(crate::tui::action::Action::LaneDown);
    assert_eq!(app.selected, Some(3));
    app.update(crate::tui::action::Action::SelectNext);
    assert_eq!(app.selected, Some(4));
    app.update(crate::tui::action::Action::LaneUp);
    assert_eq!(app.selected, Some(2), "from 14:00 now");
}

#[test]
fn among_jobs_at_the_time_the_nearest_start_is_taken() {
    let mut app = app_with(vec![
        job(1, 1, "12:00", "13:00"),
        job(2, 2, "08:00", "14:00"),
        job(3, 2, "11:45", "13:00"),
    ]);
    app.lane = 0;
    app.selected = Some(1);
    app.update(crate::tui::action::Action::LaneDown);
    assert_eq!(app.selected, Some(3));
}
