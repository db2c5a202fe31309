//! The week board and a cleaner's week through the console, key by key,
//! with the store worker's own service answering on a real database.

use crossterm::event::KeyCode;

use super::edit_tests::Harness;
use super::*;
use crate::engine::worker::Request;

fn week(h: &Harness) -> &WeekState {
    match &h.app.mode {
        Mode::Week(w) => w,
        _ => panic!("the week is not open"),
    }
}

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

fn stops_watching(effects: &[Effect]) -> bool {
    effects.contains(&Effect::Request(Request::Week(None)))
}

#[test]
fn w_shows_the_week_on_the_selected_cleaner_and_enter_opens_the_chosen_day() {
    let mut h = Harness::new();
    h.app.lane = 0;
    h.press(KeyCode::Char('w'));
    let w = week(&h);
    assert_eq!(w.monday, date(16));
    assert_eq!((w.row, w.day), (0, 4), "Anna, Friday");
    let plan = w.plan.as_ref().expect("the week arrived");
    assert_eq!(plan.rows.len(), 2);
    assert_eq!(plan.rows[0].days[4].jobs.len(), 2);
    assert_eq!(plan.rows[0].days[4].booked_min, 240);

    // Bo's Thursday: the day loads with his lane chosen.
    h.press(KeyCode::Down);
    h.press(KeyCode::Left);
    assert_eq!(week(&h).date(), date(19));
    let effects = h.press(KeyCode::Enter);
    assert!(stops_watching(&effects), "{effects:?}");
    assert!(h.app.mode.is_normal());
    assert_eq!(h.app.date, date(19));
    let bo = h.app.plan.as_ref().expect("day").staff[1].id;
    assert_eq!(h.app.lanes()[h.app.lane], Some(bo));
    assert_eq!(h.app.selected, None, "Bo has no job that day");

    // Back on Friday, Anna's cell: her lane and her first job.
    h.press(KeyCode::Char('w'));
    h.press(KeyCode::Right);
    h.press(KeyCode::Up);
    assert_eq!(week(&h).date(), date(20));
    h.press(KeyCode::Enter);
    assert_eq!(h.app.date, date(20));
    assert_eq!(h.app.lane, 0);
    assert_eq!(h.app.selected, Some(h.ids[0]));
}

#[test]
fn the_days_run_on_into_the_weeks_around_and_brackets_change_the_week() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('w'));
    for _ in 0..4 {
        h.press(KeyCode::Left);
    }
    assert_eq!(week(&h).date(), date(16));
    h.press(KeyCode::Left);
    assert_eq!(week(&h).date(), date(15), "Sunday of the week before");
    assert_eq!(week(&h).monday, date(9));
    assert!(week(&h).plan.is_some(), "that week was asked for");
    h.press(KeyCode::Char(']'));
    h.press(KeyCode::Char(']'));
    assert_eq!(week(&h).monday, date(23));
    h.press(KeyCode::Right);
    assert_eq!(week(&h).monday, date(30));
    assert_eq!(week(&h).day, 0);
    let effects = h.press(KeyCode::Esc);
    assert!(stops_watching(&effects));
    assert!(h.app.mode.is_normal());
    assert_eq!(h.app.date, date(20), "esc leaves the day as it was");
}

#[test]
fn big_w_shows_the_cleaners_week_from_the_lane_or_the_board() {
    let mut h = Harness::new();
    h.app.lane = 0;
    h.press(KeyCode::Char('W'));
    let anna = h.app.plan.as_ref().expect("day").staff[0].id;
    let c = week(&h).cleaner.clone().expect("the cleaner's week");
    assert_eq!(c.staff_id, Some(anna));
    assert!(!c.from_board);
    h.press(KeyCode::Down);
    assert_eq!(week(&h).cleaner.as_ref().map(|c| c.scroll), Some(1));
    let effects = h.press(KeyCode::Esc);
    assert!(stops_watching(&effects));
    assert!(h.app.mode.is_normal(), "esc: back to the schedule");

    h.press(KeyCode::Char('w'));
    h.press(KeyCode::Char('W'));
    assert!(week(&h).cleaner.as_ref().is_some_and(|c| c.from_board));
    h.press(KeyCode::Esc);
    assert!(week(&h).cleaner.is_none(), "esc: back to the board");
}

#[test]
fn another_change_reaches_the_open_board() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('w'));
    let b = h.booking(h.ids[1]).expect("booking");
    // As another console would: straight to the store, then the watch.
    h.run(vec![Effect::Request(Request::Cancel {
        id: b.id,
        version: b.version,
        reason: "ill".into(),
    })]);
    let plan = week(&h).plan.as_ref().expect("week");
    assert_eq!(plan.rows[0].days[4].jobs.len(), 1);
}
