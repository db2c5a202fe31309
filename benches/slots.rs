//! Criterion benchmarks for the slot finder's targets:
//! - slots for 30 cleaners × 14 days on a database of 300,000 bookings,
//!   in-process, loading included (≤ 10 ms)
//! - `renos slots --json` on the same database, whole process (≤ 50 ms)

// A benchmark whose setup fails stops with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use chrono::{Duration, NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use renos::clock::Clock;
use renos::config::Settings;
use renos::domain::BookingStatus;
use renos::domain::availability::{Area, Availability, WeekHours};
use renos::domain::slots::Strategy;
use renos::engine::slots::{SlotRequest, find};
use renos::store::{NewBooking, NewCustomer, NewStaff, Store};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

const NOW: &str = "2026-11-20T11:00:00+01:00";

/// 300,000 bookings: 30 cleaners with breaks, skills and areas, 3,000
/// customers in 20 postcodes, up to 4 jobs a cleaner a day for 2,650 days, the
/// last 60 of them ahead of "now".
fn seed(db: &Path) {
    let settings = Settings::default();
    let now = settings
        .tz
        .instant(day(), NaiveTime::from_hms_opt(11, 0, 0).expect("t"));
    let mut store = Store::open(db, "bench", Clock::Fixed(now)).expect("open");
    let week = WeekHours::parse("mon-fri 07:00-11:30,12:00-16:00; sat 08:00-12:00").expect("week");
    store
        .batch(|w| {
            let mut staff = Vec::new();
            for i in 0..30 {
                let s = w.add_staff(NewStaff {
                    name: format!("Cleaner {i:02}"),
                    ..Default::default()
                })?;
                let a = Availability {
                    week: week.clone(),
                    skills: if i % 3 == 0 {
                        vec!["Fast rengøring".into(), "Vinduespudsning".into()]
                    } else {
                        Vec::new()
                    },
                    area: Area::parse(if i % 4 == 0 { "8000-8300" } else { "" }).expect("area"),
                    contract_min: Some(37 * 60),
                    daily_max_min: Some(8 * 60),
                    priority: i % 5,
                    ..Availability::default()
                };
                w.set_availability(&s, &a)?;
                staff.push(s.id);
            }
            let customers: Vec<i64> = (0..3000)
                .map(|i| {
                    w.add_customer(NewCustomer {
                        name: format!("Kunde {i}"),
                        address: format!("Vej {i}, {} Aarhus", 8000 + (i % 20) * 10),
                        ..Default::default()
                    })
                    .map(|c| c.id)
                })
                .collect::<Result<_, _>>()?;
            let first = day() - Duration::days(2590);
            for d in 0..2650i64 {
                let date = first + Duration::days(d);
                for (k, s) in staff.iter().enumerate() {
                    for j in 0..4i64 {
                        let i = d * 120 + k as i64 * 4 + j;
                        // Jobs of 60 to 150 minutes from 07:00 with gaps; a
                        // few cleaners have a free day now and then.
                        if (d + k as i64) % 9 == 0 && j > 1 {
                            continue;
                        }
                        let start = settings.tz.instant(
                            date,
                            NaiveTime::from_hms_opt(7 + 2 * j as u32, 0, 0).expect("t"),
                        );
                        let len = 60 + (i % 4) * 30;
                        w.add_booking(NewBooking {
                            customer_id: customers[(i % 3000) as usize],
                            staff_id: Some(*s),
                            service: "Fast rengøring".into(),
                            start,
                            end: start + Duration::minutes(len),
                            estimate_min: len as u32,
                            status: if d < 2590 {
                                BookingStatus::Completed
                            } else {
                                BookingStatus::Scheduled
                            },
                            started_at: None,
                            finished_at: None,
                            address: String::new(),
                            notes: String::new(),
                        })?;
                    }
                }
            }
            Ok(())
        })
        .expect("seed");
}

fn slots(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("big.db");
    seed(&db);
    let settings = Settings::default();
    let now = settings
        .tz
        .instant(day(), NaiveTime::from_hms_opt(11, 0, 0).expect("t"));
    let store = Store::open(&db, "bench", Clock::Fixed(now)).expect("open");
    let count = store.stats().expect("stats").bookings.total;
    assert!(count >= 300_000, "{count} bookings");
    let mut req = SlotRequest::new(180, day(), 14);
    req.customer_id = Some(1);
    req.strategy = Strategy::Usual;
    let f = find(&store, &req, &Default::default(), now, &|_| false).expect("find");
    assert!(f.offers.len() >= 10, "{} offers", f.offers.len());
    let mut group = c.benchmark_group("slots");
    group.bench_function(
        "30 cleaners × 14 days on 300k bookings (load + find + rank)",
        |b| b.iter(|| find(&store, &req, &Default::default(), now, &|_| false).expect("find")),
    );
    group.finish();

    let bin = env!("CARGO_BIN_EXE_renos");
    let db_arg = db.display().to_string();
    let run = || {
        let out = Command::new(bin)
            .args([
                "--db",
                &db_arg,
                "--now",
                NOW,
                "--date",
                "2026-11-20",
                "slots",
                "--duration",
                "3",
                "--days",
                "14",
                "--customer",
                "Kunde 1",
                "--json",
            ])
            .env("XDG_CONFIG_HOME", dir.path())
            .output()
            .expect("run renos slots");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout.len()
    };
    assert!(run() > 1000, "slots should be listed");
    let mut group = c.benchmark_group("slots_process");
    group.sample_size(30);
    group.bench_function("renos slots --json on 300k bookings (whole process)", |b| {
        b.iter(run)
    });
    group.finish();
}

criterion_group!(benches, slots);
criterion_main!(benches);
