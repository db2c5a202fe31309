//! Whole sync runs of a cleaner's calendar on another provider, through the
//! engine on a real database, as `renos sync` runs them (the shared Google
//! calendar beside it is empty): Anna's calendar holds 10,000 events made
//! by people, and
//! - the first sync takes them in: its time, the requests it sent to her
//!   calendar, and that 10,000 bookings exist (timed `rounds()` times, each
//!   into an empty database);
//! - a sync with nothing changed: requests to her calendar (one is the
//!   aim) and its time;
//! - a sync after one change there (a new place): the booking follows.
//!
//! Against the Graph fake (pages of 100, as the engine asks) and a real
//! Radicale (where installed).

use std::sync::Arc;
use std::time::{Duration, Instant};

use renos::config::CalendarRef;
use renos::engine::sync::calendars::key_of;
use renos::engine::sync::{SyncOptions, SyncReport};
use renos::providers::calendar::CalendarProvider;
use renos::sandbox::Sandbox;
use renos::store::NewCustomer;

use super::sync_env::{self, Env};
use super::{CUSTOMERS, events, ms, rounds};

/// A cleaner's calendar as the sync drives it, with its request counter.
struct Calendar<'a> {
    what: &'static str,
    reference: CalendarRef,
    provider: Arc<dyn CalendarProvider>,
    requests: &'a dyn Fn() -> u64,
}

/// A fresh database beside `sandbox`: Anna's calendar is `cal`, and the
/// customers the events name exist.
fn database(sandbox: &Arc<Sandbox>, cal: &Calendar<'_>) -> Env {
    let mut env = Env::shared(sandbox.clone());
    env.settings.sync.requests_per_minute = 0;
    env.settings
        .calendars
        .staff
        .insert("Anna".to_string(), cal.reference.clone());
    env.store()
        .batch(|w| {
            for i in 0..CUSTOMERS {
                w.add_customer(NewCustomer {
                    name: format!("Kunde {i}"),
                    ..NewCustomer::default()
                })?;
            }
            Ok(())
        })
        .expect("customers");
    env
}

/// One run of `renos sync` on `env`: its report, time and the requests it
/// sent to the calendar.
async fn run(env: &Env, cal: &Calendar<'_>) -> (SyncReport, Duration, u64) {
    let mut syncer = env.syncer().await;
    syncer.use_calendar(&key_of(&cal.reference), cal.provider.clone());
    let before = (cal.requests)();
    let started = Instant::now();
    let r = syncer
        .run(SyncOptions::default(), &mut ())
        .await
        .expect("sync");
    let took = started.elapsed();
    assert!(r.errors.is_empty(), "{}: {:?}", cal.what, r.errors);
    (r, took, (cal.requests)() - before)
}

/// The place of Anna's booking that event `i` became.
fn place_of(env: &Env, i: usize) -> Option<String> {
    let needle = format!(" {i}, 8000 Aarhus C");
    env.bookings()
        .into_iter()
        .map(|b| b.address)
        .find(|a| a.ends_with(&needle))
}

/// The first sync timed `rounds()` times, then one with nothing changed,
/// then one after `change` gave event 7 a place in Østergade.
async fn measure<F, Fut>(sandbox: &Arc<Sandbox>, cal: &Calendar<'_>, change: F)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let n = events();
    let what = cal.what;
    let mut last = None;
    for round in 1..=rounds() {
        let env = database(sandbox, cal);
        let (r, took, asked) = run(&env, cal).await;
        let bookings = env.bookings();
        assert_eq!(bookings.len(), n, "{what}: a booking per event");
        assert!(bookings.iter().all(|b| b.staff_id == Some(1)), "Anna's");
        assert_eq!(r.counts.pushed, 0, "{what}: nothing written back: {r:?}");
        println!(
            "{what}: first sync {round} of {n} events: {}, {asked} requests, \
             {} bookings made",
            ms(took),
            r.counts.created
        );
        last = Some(env);
    }
    // The listing alone, for the engine's share of a first sync.
    let started = Instant::now();
    let all = cal.provider.changes(None).await.expect("a listing");
    assert_eq!(all.upserts.len(), n);
    println!(
        "{what}: the full listing alone, for comparison: {}",
        ms(started.elapsed())
    );
    let env = last.expect("a round");
    let (r, took, asked) = run(&env, cal).await;
    assert_eq!((r.counts.pulled, r.counts.pushed), (0, 0), "{what}: {r:?}");
    println!(
        "{what}: sync with nothing changed: {}, {asked} request(s) to the calendar",
        ms(took)
    );
    change().await;
    let (r, took, asked) = run(&env, cal).await;
    assert_eq!(
        place_of(&env, 7).as_deref(),
        Some("Østergade 7, 8000 Aarhus C"),
        "{what}: the change taken in"
    );
    assert_eq!(r.counts.pushed, 0, "{what}: {r:?}");
    println!(
        "{what}: sync after one change: {}, {asked} request(s), {} booking(s) changed",
        ms(took),
        r.counts.updated
    );
}

/// Anna's calendar in the Graph fake.
async fn graph() {
    let origin = sync_env::now();
    let sandbox = Arc::new(Sandbox::start("127.0.0.1:0".parse().unwrap()).expect("sandbox"));
    let http = reqwest::Client::new();
    let token = super::seed_graph(&sandbox, &http, origin, events()).await;
    let outlook = Arc::new(super::outlook_calendar(&sandbox, 100, origin));
    let cal = Calendar {
        what: "graph (pages of 100), whole sync",
        reference: CalendarRef::Outlook(renos::sandbox::MICROSOFT_USER.to_string()),
        provider: outlook.clone(),
        requests: &|| outlook.requests(),
    };
    let url = super::graph_events_url(&sandbox);
    let change = || async {
        let id = sandbox
            .graph()
            .events(renos::sandbox::MICROSOFT_USER)
            .into_iter()
            .find(|e| {
                e["location"]["displayName"]
                    .as_str()
                    .is_some_and(|p| p.starts_with("Vestergade 7,"))
            })
            .and_then(|e| e["id"].as_str().map(str::to_string))
            .expect("event 7");
        let place = serde_json::json!({"location": {"displayName": "Østergade 7, 8000 Aarhus C"}});
        let status = http
            .patch(format!("{url}/{id}"))
            .bearer_auth(&token)
            .json(&place)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status.as_u16(), 200);
    };
    measure(&sandbox, &cal, change).await;
}

/// Anna's calendar on a real Radicale.
async fn caldav() {
    if !super::radicale_installed() {
        println!("radicale: not installed (`radicale` is not on PATH): whole sync not measured");
        return;
    }
    let origin = sync_env::now();
    let sandbox = Arc::new(Sandbox::start("127.0.0.1:0".parse().unwrap()).expect("sandbox"));
    let r = super::radicale::Radicale::start();
    let url = r.seed_calendar("anna", "many", &super::radicale_items(origin, events()));
    let dav = Arc::new(super::caldav_calendar(&url));
    let cal = Calendar {
        what: "radicale, whole sync",
        reference: CalendarRef::CalDav(url.clone()),
        provider: dav.clone(),
        requests: &|| dav.requests(),
    };
    println!("radicale: the first sync reads every file (Radicale's cache is cold)");
    let change = || async {
        let (user, _) = super::radicale::USERS[0];
        let text = super::radicale_item(origin, 7, "Østergade");
        let status = super::radicale::Other::new(user)
            .put(&format!("{url}bulk-7.ics"), &text)
            .await;
        assert!(status == 201 || status == 204, "{status}");
    };
    measure(&sandbox, &cal, change).await;
}

/// Every whole-sync measurement.
pub async fn all() {
    graph().await;
    caldav().await;
}
