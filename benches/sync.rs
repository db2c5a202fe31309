//! Criterion benchmarks for the Google Calendar sync, against the sandbox
//! over loopback HTTP, through the real client:
//! - a full sync of 10,000 events, 500 of them weekly series, into an
//!   empty database (≤ 2 s). Google lists the series as their instances
//!   within the sync window (30 days back, 180 ahead): about 15,000 more
//!   items; those within 12 weeks become bookings;
//! - an incremental sync with nothing changed (one request per calendar).

// A benchmark whose setup fails stops with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The sync tests' helpers; the benchmarks use the sandbox and seeding ones.
#[allow(dead_code)]
#[path = "../tests/it/sync_env.rs"]
mod sync_env;

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use renos::engine::sync::{Direction, SyncOptions};
use renos::sandbox::Sandbox;
use renos::store::NewCustomer;
use sync_env::{CAL, Env, at, hand_made};

const EVENTS: usize = 10_000;
const SERIES: usize = 500;
const CUSTOMERS: usize = 500;

/// A sandbox holding 10,000 events made by hand, named after the
/// customers: 9,500 single ones within the sync window and 500 open-ended
/// weekly series.
fn big_calendar() -> (Sandbox, usize) {
    let sb = Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox");
    let g = sb.google();
    let until = sync_env::now() + chrono::Duration::weeks(12);
    let mut bookings = 0;
    for i in 0..EVENTS - SERIES {
        let start = at(6, 0)
            + chrono::Duration::hours(i as i64 % 10)
            + chrono::Duration::days((i / 10) as i64 % 200 - 25);
        let mut ev = hand_made(&format!("Kunde {} - rengøring", i % CUSTOMERS), start, 2);
        ev["location"] = serde_json::json!(format!("Vestergade {i}, 8000 Aarhus C"));
        g.create(CAL, ev);
        bookings += 1;
    }
    for i in 0..SERIES {
        let start = at(6, 30)
            + chrono::Duration::hours(i as i64 % 10)
            + chrono::Duration::days(i as i64 % 7);
        let mut ev = hand_made(
            &format!("Kunde {} - fast rengøring", i % CUSTOMERS),
            start,
            2,
        );
        ev["location"] = serde_json::json!(format!("Nørregade {i}, 8000 Aarhus C"));
        let made = g.create_recurring(CAL, ev, &["RRULE:FREQ=WEEKLY"]);
        let id = made["id"].as_str().expect("series id");
        bookings += g
            .instances(CAL, id)
            .iter()
            .filter(|e| sync_env::time_of(&e["start"]) < until)
            .count();
    }
    (sb, bookings)
}

/// The sync's own time, without the pacing that keeps real runs under
/// Google's quota (the sandbox has none here).
fn unpaced(mut env: Env) -> Env {
    env.settings.sync.requests_per_minute = 0;
    env
}

fn prepared(env: &Env) {
    let mut s = env.store();
    s.batch(|w| {
        for i in 0..CUSTOMERS {
            w.add_customer(NewCustomer {
                name: format!("Kunde {i}"),
                ..NewCustomer::default()
            })?;
        }
        Ok(())
    })
    .expect("customers");
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (sandbox, bookings) = big_calendar();
    let sandbox = std::sync::Arc::new(sandbox);
    let pull = SyncOptions {
        direction: Direction::Pull,
        ..SyncOptions::default()
    };

    let mut g = c.benchmark_group("sync");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function(
        "full sync of 10,000 events, 500 of them weekly series",
        |b| {
            b.iter_batched(
                || {
                    let env = unpaced(Env::shared(sandbox.clone()));
                    prepared(&env);
                    let syncer = rt.block_on(env.syncer());
                    (env, syncer)
                },
                |(env, mut syncer)| {
                    let r = rt.block_on(syncer.run(pull, &mut ())).expect("sync");
                    // The 500 hand-made weekly events become series, their
                    // visits made to the horizon; the rest single bookings.
                    assert_eq!(r.series_taken, 500, "{r:?}");
                    assert!(r.errors.is_empty() && r.loose_series.is_empty(), "{r:?}");
                    assert!(r.counts.created as usize >= bookings - 500 * 20, "{r:?}");
                    drop(env);
                },
                BatchSize::PerIteration,
            );
        },
    );

    let env = unpaced(Env::shared(sandbox.clone()));
    prepared(&env);
    let mut syncer = rt.block_on(env.syncer());
    rt.block_on(syncer.run(pull, &mut ())).expect("first sync");
    g.bench_function("incremental sync, nothing changed", |b| {
        b.iter(|| {
            let before = env.google().stats().calendar_calls();
            let r = rt
                .block_on(syncer.run(SyncOptions::default(), &mut ()))
                .expect("sync");
            assert_eq!(r.counts.pulled, 0);
            assert_eq!(
                env.google().stats().calendar_calls() - before,
                1,
                "one request"
            );
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
