//! Criterion benchmark for recurring bookings: materialising 1,000 series ×
//! 12 weeks (≤ 100 ms): every visit a journaled booking row, checked for
//! clashes, in one transaction.

// A benchmark whose setup fails stops with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group};
use renos::clock::Clock;
use renos::domain::WorkingHours;
use renos::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
use renos::store::{NewCustomer, NewStaff, Store};

const SERIES: usize = 1_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn clock() -> Clock {
    Clock::Fixed(
        Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0)
            .single()
            .expect("now"),
    )
}

/// 100 cleaners with ten weekly slots each (Monday to Friday, 08:00 and
/// 13:00), one series per slot, none made yet.
fn seed(path: &Path) {
    let mut store = Store::open(path, "bench", clock()).expect("open");
    store
        .batch(|w| {
            for c in 0..(SERIES / 10) {
                let staff = w.add_staff(NewStaff {
                    name: format!("Cleaner {c:03}"),
                    hours: WorkingHours::parse("mon-fri 07:00-18:00").expect("hours"),
                    ..Default::default()
                })?;
                for slot in 0..10u64 {
                    let customer = w.add_customer(NewCustomer {
                        name: format!("Customer {c:03}-{slot}"),
                        ..Default::default()
                    })?;
                    let first = today().checked_add_days(Days::new(slot % 5)).expect("day");
                    w.add_series(Series {
                        id: 0,
                        customer_id: customer.id,
                        staff_id: Some(staff.id),
                        service: "Fast rengøring".into(),
                        start_time: NaiveTime::from_hms_opt(if slot < 5 { 8 } else { 13 }, 0, 0)
                            .expect("time"),
                        duration_min: 180,
                        first_date: first,
                        rule: Rule::Weekly {
                            every: 1,
                            days: vec![first.weekday()],
                        },
                        end: SeriesEnd::Open,
                        holidays: HolidayPolicy::Move,
                        pauses: Vec::new(),
                        address: String::new(),
                        notes: String::new(),
                        version: 0,
                    })?;
                }
            }
            Ok(())
        })
        .expect("seed");
}

fn materialise(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    let seeded = dir.path().join("seeded.db");
    seed(&seeded);
    let mut group = c.benchmark_group("series");
    group.sample_size(10);
    let fresh = || {
        let path = dir.path().join("run.db");
        let _ = std::fs::remove_file(dir.path().join("run.db-wal"));
        let _ = std::fs::remove_file(dir.path().join("run.db-shm"));
        std::fs::copy(&seeded, &path).expect("copy");
        Store::open(&path, "bench", clock()).expect("open")
    };
    // What the caller waits for: the write, committed. The log is copied
    // into the database by the next commit, or here when the store is
    // closed, after timing.
    group.bench_function("materialise 1000 series x 12 weeks", |b| {
        b.iter_batched(
            fresh,
            |mut store| {
                let made = store.extend_series(today()).expect("extend");
                assert!(made.created >= SERIES * 12, "{made:?}");
                store
            },
            BatchSize::PerIteration,
        )
    });
    // The same, closed inside the timing: the log's copy into the database
    // waited for as well (all the disk work the write causes).
    group.bench_function("materialise 1000 series x 12 weeks, closed", |b| {
        b.iter_batched(
            fresh,
            |mut store| {
                let made = store.extend_series(today()).expect("extend");
                assert!(made.created >= SERIES * 12, "{made:?}");
                drop(store);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, materialise);

/// `SERIES_ONCE=1` materialises once, outside Criterion, printing its time:
/// for instruction counts under `valgrind --tool=callgrind`, which
/// Criterion's many runs would swamp.
fn main() {
    if std::env::var_os("SERIES_ONCE").is_some() {
        once();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

fn once() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("seeded.db");
    seed(&path);
    let mut store = Store::open(&path, "bench", clock()).expect("open");
    let started = std::time::Instant::now();
    let made = store.extend_series(today()).expect("extend");
    println!("materialise: {:?}", started.elapsed());
    assert!(made.created >= SERIES * 12, "{made:?}");
}
