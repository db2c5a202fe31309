use std::collections::HashMap;
use std::time::Instant;

use chrono::{NaiveDate, NaiveTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::config::Settings;
use crate::domain::{Customer, Staff, WorkingHours};
use crate::engine::worker::Reply;
use crate::tui::keymap::Keymap;

#[test]
fn overlapping_spans_get_levels_of_their_own_and_their_groups_depth() {
    // 9–11 and 10–12 overlap; 12–13 is alone (touching is not overlapping);
    // 14–17 holds 14–15 and 15–16 beside it, which reuse one level.
    let spans = [
        (540, 660),
        (600, 720),
        (720, 780),
        (840, 1020),
        (840, 900),
        (900, 960),
    ];
    assert_eq!(
        stack(&spans),
        vec![(0, 2), (1, 2), (0, 1), (0, 2), (1, 2), (1, 2)]
    );
    assert!(stack(&[]).is_empty());
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

fn staff(id: i64, name: &str) -> Staff {
    Staff {
        id,
        name: name.into(),
        phone: String::new(),
        colour: "blue".into(),
        hours: WorkingHours::parse("mon-sun 07:00-18:00").expect("hours"),
        time_off: vec![],
        version: 1,
    }
}

fn job(id: i64, staff_id: i64, customer_id: i64, from: &str, to: &str) -> Booking {
    let tz = Settings::default().tz;
    let at = |hm: &str| tz.instant(date(), NaiveTime::parse_from_str(hm, "%H:%M").expect("t"));
    Booking {
        id,
        customer_id,
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

fn screen(bookings: Vec<Booking>, w: u16, h: u16) -> (String, std::time::Duration) {
    // The tests read the English console.
    let settings = Settings {
        language: crate::i18n::Language::En,
        ..Settings::default()
    };
    let customers: HashMap<i64, Customer> = bookings
        .iter()
        .map(|b| {
            let name = match b.customer_id {
                1 => "Hansen".to_string(),
                2 => "Jensen".to_string(),
                n => format!("Kunde {n}"),
            };
            (
                b.customer_id,
                Customer {
                    id: b.customer_id,
                    name,
                    ..Customer::default()
                },
            )
        })
        .collect();
    let plan = DayPlan::build(
        date(),
        vec![staff(1, "Anna"), staff(2, "Bo")],
        bookings,
        customers,
        &settings,
    );
    let now = settings
        .tz
        .instant(date(), NaiveTime::from_hms_opt(6, 0, 0).expect("t"));
    let mut app = App::new(settings, Theme::dark(), Keymap::default(), now, date());
    app.on_reply(Reply::Day(Box::new(plan)));
    app.lane = 0;
    app.selected = None;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let started = Instant::now();
    terminal
        .draw(|f| crate::tui::view::draw(f, &app))
        .expect("draw");
    let took = started.elapsed();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    (out, took)
}

#[test]
fn double_booked_jobs_both_show_their_names() {
    let (text, _) = screen(
        vec![
            job(1, 1, 1, "09:00", "11:00"),
            job(2, 1, 2, "09:30", "11:00"),
        ],
        80,
        24,
    );
    assert!(text.contains("Hansen"), "{text}");
    assert!(text.contains("Jensen"), "{text}");
}

#[test]
fn a_lane_of_700_jobs_at_once_stays_readable_and_quick() {
    let mut jobs: Vec<Booking> = (0..700)
        .map(|i| job(i + 10, 1, i + 10, "09:00", "11:00"))
        .collect();
    jobs.push(job(1, 2, 1, "12:00", "13:00"));
    let (text, took) = screen(jobs, 80, 24);
    let anna = text
        .lines()
        .find(|l| l.contains("Anna"))
        .expect("Anna's lane");
    assert!(anna.contains("Kunde 10"), "{text}");
    assert!(
        text.contains("Kunde 11"),
        "a row each for the first:\n{text}"
    );
    assert!(text.contains("+697 more"), "{text}");
    assert!(
        text.contains("▏Hans"),
        "the next lane is untouched:\n{text}"
    );
    assert!(took.as_millis() < 500, "{took:?}");
}
