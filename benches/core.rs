//! Criterion benchmarks for the issue targets:
//! - conflict detection for 10,000 bookings in one day (≤ 2 ms)
//! - rendering one frame of 30 lanes × 12 bookings (≤ 2 ms)
//! - `renos agenda` on a database of 100,000 bookings, whole process (≤ 20 ms)

// A benchmark whose setup fails stops with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::process::Command;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use renos::clock::Clock;
use renos::config::Settings;
use renos::domain::{Booking, BookingStatus, Customer, Staff, WorkingHours, detect_conflicts};
use renos::engine::DayPlan;
use renos::engine::worker::Reply;
use renos::store::{NewBooking, NewCustomer, NewStaff, Store};
use renos::tui::app::App;
use renos::tui::keymap::Keymap;
use renos::tui::theme::Theme;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

fn staff(n: usize) -> Vec<Staff> {
    (0..n)
        .map(|i| Staff {
            id: i as i64 + 1,
            name: format!("Cleaner {i:02}"),
            phone: String::new(),
            colour: "#5f87d7".into(),
            hours: WorkingHours::parse("mon-sun 07:00-17:00").expect("hours"),
            time_off: vec![],
            version: 1,
        })
        .collect()
}

/// `per_staff` jobs for each cleaner spread over the working day, some overlapping.
fn bookings(settings: &Settings, staff: usize, per_staff: usize) -> Vec<Booking> {
    let start = settings
        .tz
        .instant(day(), NaiveTime::from_hms_opt(7, 0, 0).expect("t"));
    let mut out = Vec::new();
    let mut id = 1;
    for s in 0..staff {
        for j in 0..per_staff {
            // Spread over ten hours with pseudo-random lengths: a few clash, a few are tight.
            let offset = (j as i64 * 600 / per_staff as i64) + ((s * 7 + j * 13) % 11) as i64;
            let len = 30 + ((s * 31 + j * 17) % 90) as i64;
            let b_start = start + Duration::minutes(offset);
            out.push(Booking {
                id,
                customer_id: id,
                staff_id: Some(s as i64 + 1),
                service: "Fast rengøring".into(),
                start: b_start,
                end: b_start + Duration::minutes(len),
                estimate_min: len as u32,
                status: if j % 3 == 0 {
                    BookingStatus::InProgress
                } else {
                    BookingStatus::Scheduled
                },
                started_at: (j % 3 == 0).then_some(b_start),
                finished_at: None,
                address: String::new(),
                notes: String::new(),
                review: String::new(),
                cancel_reason: String::new(),
                version: 1,
            });
            id += 1;
        }
    }
    out
}

fn conflicts(c: &mut Criterion) {
    let settings = Settings::default();
    let staff = staff(50);
    let bookings = bookings(&settings, 50, 200);
    assert_eq!(bookings.len(), 10_000);
    c.bench_function("detect_conflicts 10k bookings/day", |b| {
        b.iter(|| {
            detect_conflicts(
                std::hint::black_box(&bookings),
                &staff,
                settings.tz,
                &settings.conflicts,
            )
        })
    });
}

fn render(c: &mut Criterion) {
    let settings = Settings::default();
    let now: DateTime<Utc> = settings
        .tz
        .instant(day(), NaiveTime::from_hms_opt(11, 0, 0).expect("t"));
    let staff = staff(30);
    let bookings = bookings(&settings, 30, 12);
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
    let plan = DayPlan::build(day(), staff, bookings, customers, &settings);
    let mut app = App::new(settings, Theme::dark(), Keymap::default(), now, day());
    app.on_reply(Reply::Day(Box::new(plan)));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    c.bench_function("render frame 30 lanes x 12 bookings (160x48)", |b| {
        b.iter(|| {
            terminal
                .draw(|f| renos::tui::view::draw(f, &app))
                .map(|_| ())
                .expect("draw")
        })
    });
}

fn agenda_process(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("big.db");
    let settings = Settings::default();
    let now = settings
        .tz
        .instant(day(), NaiveTime::from_hms_opt(11, 0, 0).expect("t"));
    let mut store = Store::open(&db, "bench", Clock::Fixed(now)).expect("open");
    // 100,000 bookings: 40 cleaners, 2,000 customers, about 10 jobs a day for 250 days.
    store
        .batch(|w| {
            let staff: Vec<i64> = (0..40)
                .map(|i| {
                    w.add_staff(NewStaff {
                        name: format!("Cleaner {i:02}"),
                        ..Default::default()
                    })
                    .map(|s| s.id)
                })
                .collect::<Result<_, _>>()?;
            let customers: Vec<i64> = (0..2000)
                .map(|i| {
                    w.add_customer(NewCustomer {
                        name: format!("Kunde {i}"),
                        ..Default::default()
                    })
                    .map(|c| c.id)
                })
                .collect::<Result<_, _>>()?;
            let first = settings.tz.instant(
                day() - Duration::days(125),
                NaiveTime::from_hms_opt(7, 0, 0).expect("t"),
            );
            for i in 0..100_000i64 {
                let start = first + Duration::days(i / 400) + Duration::minutes((i % 10) * 60);
                w.add_booking(NewBooking {
                    customer_id: customers[(i % 2000) as usize],
                    staff_id: Some(staff[((i / 10) % 40) as usize]),
                    service: "Fast rengøring".into(),
                    start,
                    end: start + Duration::minutes(50),
                    estimate_min: 50,
                    status: BookingStatus::Scheduled,
                    started_at: None,
                    finished_at: None,
                    address: String::new(),
                    notes: String::new(),
                })?;
            }
            Ok(())
        })
        .expect("seed 100k");
    drop(store);
    let bin = env!("CARGO_BIN_EXE_renos");
    let db_arg = db.display().to_string();
    let run = || {
        let out = Command::new(bin)
            .args([
                "--db",
                &db_arg,
                "--now",
                "2026-11-20T11:00:00+01:00",
                "agenda",
                "2026-11-20",
                "--json",
            ])
            .env("XDG_CONFIG_HOME", dir.path())
            .output()
            .expect("run renos agenda");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout.len()
    };
    assert!(run() > 1000, "the agenda should list the day's bookings");
    let mut group = c.benchmark_group("agenda");
    group.sample_size(30);
    group.bench_function(
        "renos agenda --json on 100k bookings (whole process)",
        |b| b.iter(run),
    );
    group.finish();
}

criterion_group!(benches, conflicts, render, agenda_process);
criterion_main!(benches);
