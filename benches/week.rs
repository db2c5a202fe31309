//! Criterion benchmark for the week board: one frame of 30 cleaners × 7
//! days × 12 jobs a day, drawn into a test backend (≤ 2 ms), at 160×48
//! and at 80×24.

// A benchmark whose setup fails stops with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use renos::config::Settings;
use renos::domain::{Booking, BookingStatus, Customer, Staff, WorkingHours};
use renos::engine::DayPlan;
use renos::engine::week::WeekPlan;
use renos::engine::worker::Reply;
use renos::tui::action::Action;
use renos::tui::app::App;
use renos::tui::keymap::Keymap;
use renos::tui::theme::Theme;

const CLEANERS: usize = 30;
const PER_DAY: usize = 12;

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 16).expect("date")
}

fn staff() -> Vec<Staff> {
    (0..CLEANERS)
        .map(|i| Staff {
            id: i as i64 + 1,
            name: format!("Cleaner {i:02}"),
            phone: String::new(),
            colour: "#5f87d7".into(),
            hours: WorkingHours::parse("mon-fri 07:00-17:00").expect("hours"),
            time_off: vec![],
            version: 1,
        })
        .collect()
}

/// Twelve jobs a day for each cleaner over the week, a few overlapping.
fn bookings(settings: &Settings) -> Vec<Booking> {
    let mut out = Vec::new();
    let mut id = 1;
    for d in 0..7 {
        let start = settings.tz.instant(
            monday() + Duration::days(d),
            NaiveTime::from_hms_opt(7, 0, 0).expect("t"),
        );
        for s in 0..CLEANERS {
            for j in 0..PER_DAY {
                let offset = (j as i64 * 50) + ((s * 7 + j * 13) % 11) as i64;
                let len = 30 + ((s * 31 + j * 17) % 40) as i64;
                let b_start = start + Duration::minutes(offset);
                out.push(Booking {
                    id,
                    customer_id: id,
                    staff_id: Some(s as i64 + 1),
                    service: "Fast rengøring".into(),
                    start: b_start,
                    end: b_start + Duration::minutes(len),
                    estimate_min: len as u32,
                    status: BookingStatus::Scheduled,
                    started_at: None,
                    finished_at: None,
                    address: format!("Vestergade {id}, 8000 Aarhus C"),
                    notes: String::new(),
                    review: String::new(),
                    cancel_reason: String::new(),
                    version: 1,
                });
                id += 1;
            }
        }
    }
    out
}

fn week_board(c: &mut Criterion) {
    let settings = Settings::default();
    let day = monday() + Duration::days(4);
    let now = settings
        .tz
        .instant(day, NaiveTime::from_hms_opt(11, 0, 0).expect("t"));
    let staff = staff();
    let bookings = bookings(&settings);
    let customers: HashMap<i64, Customer> = bookings
        .iter()
        .map(|b| {
            (
                b.customer_id,
                Customer {
                    id: b.customer_id,
                    name: format!("Kunde Østergaard {}", b.id),
                    ..Default::default()
                },
            )
        })
        .collect();
    let week = WeekPlan::build(
        monday(),
        &staff,
        &HashMap::new(),
        &bookings,
        &customers,
        &settings,
        &|_| false,
    );
    let (from, to) = settings.tz.day_bounds(day);
    let today: Vec<Booking> = bookings
        .iter()
        .filter(|b| b.start >= from && b.start < to)
        .cloned()
        .collect();
    let plan = DayPlan::build(day, staff, today, customers, &settings);
    let mut app = App::new(settings, Theme::dark(), Keymap::default(), now, day);
    app.on_reply(Reply::Day(Box::new(plan)));
    app.update(Action::WeekBoard);
    assert!(app.on_reply(Reply::Week(Box::new(week))));
    for (w, h) in [(160, 48), (80, 24)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        c.bench_function(
            &format!("render week board 30 cleaners x 7 days x 12 jobs ({w}x{h})"),
            |b| {
                b.iter(|| {
                    terminal
                        .draw(|f| renos::tui::view::draw(f, &app))
                        .map(|_| ())
                        .expect("draw")
                })
            },
        );
    }
}

criterion_group!(benches, week_board);
criterion_main!(benches);
