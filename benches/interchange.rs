//! Criterion benchmarks for the import targets:
//! - `import customers` of 100,000 CSV rows into an empty database (≤ 1 s)
//! - `ics import` of 100,000 events (≤ 2 s)
//! - `ics import` of 100,000 events of which 10 % recurring (weekly or
//!   fortnightly, ten times), each kept as a series with visits up to the
//!   horizon (≤ 3 s)
//!
//! Both measured through the engine, as the command runs them: both passes,
//! batches of 1,000, journal entries and all.

// A benchmark whose setup fails stops with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group};
use renos::clock::Clock;
use renos::domain::WorkingHours;
use renos::engine::import::{CustomerImport, IcsImport, Quiet, import_customers, import_ics};
use renos::store::{NewStaff, Store};

const FIRST: [&str; 12] = [
    "Søren", "Anna", "Mette", "Jens", "Åse", "Bjørn", "Karen", "Lars", "Ida", "Mads", "Ærø", "Ole",
];
const LAST: [&str; 10] = [
    "Østergaard",
    "Hansen",
    "Jensen",
    "Nielsen",
    "Sørensen",
    "Ærøe",
    "Madsen",
    "Kjær",
    "Holm",
    "Bach",
];

fn clock() -> Clock {
    Clock::Fixed(
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
            .single()
            .expect("time"),
    )
}

fn customers_csv(path: &Path, n: usize) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("file"));
    writeln!(w, "Navn;E-mail;Telefon;Adresse;Firma;Noter;Tags").expect("write");
    for i in 0..n {
        let (f, l) = (FIRST[i % FIRST.len()], LAST[(i / 12) % LAST.len()]);
        writeln!(
            w,
            "{f} {l} {i};kunde{i}@example.dk;+45 {:02} {:02} {:02} {:02};Vestergade {}, 8000 Aarhus C;;\
             \"nøgle hos naboen; ring først\";fast,privat",
            20 + i / 1_000_000 % 80,
            i / 10_000 % 100,
            i / 100 % 100,
            i % 100,
            i % 300 + 1,
        )
        .expect("write");
    }
    w.flush().expect("flush");
}

/// `n` events; with `recurring`, every tenth repeats weekly or fortnightly
/// ten times (in the business zone, as calendars write recurring events).
/// The file spans three and a half years, so most series lie in the past
/// and those around today give visits up to the horizon: 10,000 open
/// series would put 500 a week on each of the 20 cleaners.
fn events_ics(path: &Path, n: usize, recurring: bool) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("file"));
    write!(
        w,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n"
    )
    .expect("write");
    let base = Utc
        .with_ymd_and_hms(2026, 1, 5, 7, 0, 0)
        .single()
        .expect("t");
    for i in 0..n {
        let staff = i % 20;
        let slot = i / 20;
        let start =
            base + chrono::Duration::minutes((slot as i64 / 4) * 1440 + (slot as i64 % 4) * 150);
        let end = start + chrono::Duration::minutes(120);
        let (times, rule) = if recurring && i % 10 == 0 {
            let local = |t: chrono::DateTime<Utc>| {
                t.with_timezone(&chrono_tz::Europe::Copenhagen)
                    .format("%Y%m%dT%H%M%S")
                    .to_string()
            };
            (
                format!(
                    "DTSTART;TZID=Europe/Copenhagen:{}\r\nDTEND;TZID=Europe/Copenhagen:{}",
                    local(start),
                    local(end)
                ),
                format!("RRULE:FREQ=WEEKLY;INTERVAL={};COUNT=10\r\n", 1 + i / 10 % 2),
            )
        } else {
            (
                format!(
                    "DTSTART:{}\r\nDTEND:{}",
                    start.format("%Y%m%dT%H%M%SZ"),
                    end.format("%Y%m%dT%H%M%SZ")
                ),
                String::new(),
            )
        };
        write!(
            w,
            "BEGIN:VEVENT\r\nUID:bench-{i}@example.dk\r\nDTSTAMP:20261101T000000Z\r\n\
             {times}\r\n{rule}SUMMARY:Kunde {} – Fast rengøring\r\n\
             LOCATION:Vestergade {}\\, 8000 Aarhus C\r\nDESCRIPTION:Nøgle hos naboen\r\n\
             ATTENDEE;CN=Cleaner {staff:02}:mailto:cleaner{staff}@example.dk\r\n\
             STATUS:CONFIRMED\r\nEND:VEVENT\r\n",
            i % 5_000,
            i % 300 + 1,
        )
        .expect("write");
    }
    write!(w, "END:VCALENDAR\r\n").expect("write");
    w.flush().expect("flush");
}

/// An empty database with 20 cleaners, copied fresh for each run.
fn template(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("template.db");
    let mut store = Store::open(&db, "bench", clock()).expect("store");
    for i in 0..20 {
        store
            .add_staff(NewStaff {
                name: format!("Cleaner {i:02}"),
                phone: String::new(),
                colour: String::new(),
                hours: WorkingHours::parse("mon-sun 07:00-17:00").expect("hours"),
                time_off: vec![],
            })
            .expect("staff");
    }
    drop(store);
    db
}

fn fresh(template: &Path, dir: &Path) -> Store {
    let db = dir.join("run.db");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    std::fs::copy(template, &db).expect("copy");
    Store::open(&db, "bench", clock()).expect("store")
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    let template = template(dir.path());
    let csv = dir.path().join("customers.csv");
    customers_csv(&csv, 100_000);
    let ics = dir.path().join("events.ics");
    events_ics(&ics, 100_000, false);
    let recurring = dir.path().join("recurring.ics");
    events_ics(&recurring, 100_000, true);

    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("customers_csv_100k", |b| {
        b.iter_batched(
            || fresh(&template, dir.path()),
            |mut store| {
                let r = import_customers(&mut store, &csv, &CustomerImport::default(), &mut Quiet)
                    .expect("import");
                assert_eq!(r.counts.created, 100_000, "{:?}", r.problems.first());
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.bench_function("ics_100k_events", |b| {
        b.iter_batched(
            || fresh(&template, dir.path()),
            |mut store| {
                let r = import_ics(&mut store, &ics, &IcsImport::default(), &mut Quiet)
                    .expect("import");
                assert_eq!(r.counts.created, 100_000, "{:?}", r.problems.first());
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.bench_function("ics_100k_events_10pct_recurring", |b| {
        b.iter_batched(
            || fresh(&template, dir.path()),
            |mut store| {
                let r = import_ics(&mut store, &recurring, &IcsImport::default(), &mut Quiet)
                    .expect("import");
                assert_eq!(r.series.created, 10_000, "{:?}", r.warnings.first());
                assert_eq!(r.counts.failed, 0, "{:?}", r.problems.first());
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);

/// `IMPORT_ONCE=ics` (or `recurring`) runs that import once, outside
/// Criterion, printing its time: for instruction counts under
/// `valgrind --tool=callgrind`, which Criterion's many runs would swamp.
fn main() {
    if let Ok(which) = std::env::var("IMPORT_ONCE") {
        once(&which);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

fn once(which: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let template = template(dir.path());
    let file = dir.path().join("events.ics");
    events_ics(&file, 100_000, which == "recurring");
    let mut store = fresh(&template, dir.path());
    let started = std::time::Instant::now();
    let r = import_ics(&mut store, &file, &IcsImport::default(), &mut Quiet).expect("import");
    println!("{which}: {:?}", started.elapsed());
    assert_eq!(r.counts.failed, 0, "{:?}", r.problems.first());
}
