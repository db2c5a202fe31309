//! Calendar listings through the provider seam, against the Graph fake, a
//! real Radicale and (beside them, for comparison) the Google fake, over
//! loopback HTTP, each calendar holding 10,000 events made by people:
//! - a full listing (no cursor): its time and the requests it took;
//! - an incremental listing with nothing changed: requests per calendar
//!   (one is the aim) and its time;
//! - an incremental listing after one change among the 10,000.
//!
//! Requests are counted by the clients themselves (every request they
//! send; Graph's sign-in included, Google's token requests not) and, for
//! Graph, by the fake too. Google's pacing is off, as in `--bench sync`.
//! Radicale is measured only where it is installed (`radicale` on PATH);
//! otherwise the benchmark says so and goes on.
//!
//! Then whole sync runs of such a calendar into a database, through the
//! engine (`whole_sync`): the first sync, one with nothing changed, one
//! after a change.
//!
//! A timed harness, not criterion: a full listing of Radicale's 10,000
//! items takes seconds, the first one (Radicale reading every file) much
//! longer. `cargo bench --bench calendars` (`-- listings` or `-- sync` for
//! one part); `RENOS_BENCH_EVENTS` sets another number of events,
//! `RENOS_BENCH_ROUNDS` the full listings and first syncs timed.

// A benchmark whose setup fails stops with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The CalDAV tests' Radicale: its own port, users and temp storage.
#[allow(dead_code)]
#[path = "../tests/it/caldav/radicale.rs"]
mod radicale;

// The sync tests' database beside a sandbox, for whole sync runs.
#[allow(dead_code)]
#[path = "../tests/it/sync_env.rs"]
mod sync_env;

// Whole sync runs into a database (`-- sync` runs them alone).
#[path = "calendars/whole_sync.rs"]
mod whole_sync;

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use futures::StreamExt;
use serde_json::{Value, json};

use radicale::{Other, Radicale, USERS};
use renos::clock::Clock;
use renos::providers::caldav::{CalDavCalendar, CalDavSettings, Credentials};
use renos::providers::calendar::{CalendarProvider, Changes, Cursor};
use renos::providers::google::{GoogleClient, GoogleProvider, GoogleSettings};
use renos::providers::outlook::{OutlookCalendar, OutlookCredentials, OutlookSettings, Window};
use renos::providers::retry::RetryPolicy;
use renos::sandbox::{
    CALENDAR_ID, IMPERSONATED_USER, MICROSOFT_CLIENT, MICROSOFT_SECRET, MICROSOFT_TENANT,
    MICROSOFT_USER, Sandbox, key_json,
};

/// The customers the events name (`Kunde 0` … `Kunde 499`).
const CUSTOMERS: usize = 500;

/// Graph's page size: the fake's default (no `Prefer`) and a larger one.
const GRAPH_PAGES: [u32; 2] = [10, 100];

fn events() -> usize {
    std::env::var("RENOS_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn rounds() -> usize {
    std::env::var("RENOS_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1)
}

/// The clocks stand on Monday 2 March 2026.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap()
}

/// The start of event `i` for a clock standing at `origin`: within 25
/// days back and 170 ahead (inside Graph's listing window), ten a day at
/// different hours.
fn start_of(origin: DateTime<Utc>, i: usize) -> DateTime<Utc> {
    origin
        + chrono::Duration::days((i / 10) as i64 % 195 - 25)
        + chrono::Duration::hours((i % 10) as i64 - 2)
}

fn patient() -> RetryPolicy {
    RetryPolicy {
        retries: 2,
        base: Duration::from_millis(50),
        max_wait: Duration::from_secs(2),
        timeout: Duration::from_secs(900),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// A listing, timed, with the requests it took.
async fn listing(
    cal: &dyn CalendarProvider,
    requests: &dyn Fn() -> u64,
    since: Option<&Cursor>,
) -> (Changes, Duration, u64) {
    let before = requests();
    let started = Instant::now();
    let changes = cal.changes(since).await.expect("a listing");
    (changes, started.elapsed(), requests() - before)
}

/// Times `rounds()` full listings, then an idle incremental one, then one
/// after `change` made one change; prints each. Returns nothing: the
/// figures are the output.
async fn measure<F, Fut>(
    what: &str,
    cal: &dyn CalendarProvider,
    requests: &dyn Fn() -> u64,
    change: F,
) where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let n = events();
    let mut cursor = None;
    for round in 1..=rounds() {
        let (all, took, asked) = listing(cal, requests, None).await;
        assert_eq!(all.upserts.len(), n, "{what}: every event listed");
        assert!(all.unreadable.is_empty(), "{:?}", all.unreadable.first());
        println!(
            "{what}: full listing {round} of {n} events: {}, {asked} requests",
            ms(took)
        );
        cursor = all.next;
    }
    let (idle, took, asked) = listing(cal, requests, cursor.as_ref()).await;
    assert!(idle.upserts.is_empty() && idle.deletions.is_empty());
    println!(
        "{what}: incremental listing, nothing changed: {}, {asked} request(s) per calendar",
        ms(took)
    );
    change().await;
    let (one, took, asked) = listing(cal, requests, idle.next.as_ref()).await;
    assert_eq!(one.upserts.len() + one.deletions.len(), 1, "{one:?}");
    println!(
        "{what}: incremental listing, one change: {}, {asked} request(s)",
        ms(took)
    );
}

/// Someone in Outlook: a token, then POSTs of their own.
async fn outlook_token(http: &reqwest::Client, sb: &Sandbox) -> String {
    let url = format!(
        "{}/{MICROSOFT_TENANT}/oauth2/v2.0/token",
        sb.graph_login_url()
    );
    let form = [
        ("client_id", MICROSOFT_CLIENT),
        ("client_secret", MICROSOFT_SECRET),
        ("scope", "https://graph.microsoft.com/.default"),
        ("grant_type", "client_credentials"),
    ];
    let v: Value = http
        .post(url)
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["access_token"].as_str().unwrap().to_string()
}

fn graph_time(t: DateTime<Utc>) -> Value {
    json!({"dateTime": t.format("%Y-%m-%dT%H:%M:%S").to_string(), "timeZone": "UTC"})
}

/// The events URL of the Graph fake's mailbox.
fn graph_events_url(sb: &Sandbox) -> String {
    format!(
        "{}/users/{MICROSOFT_USER}/calendar/events",
        sb.graph_base_url()
    )
}

/// `n` events made by someone in Outlook in the Graph fake's mailbox,
/// around `origin`; returns their token for later edits.
async fn seed_graph(
    sb: &Sandbox,
    http: &reqwest::Client,
    origin: DateTime<Utc>,
    n: usize,
) -> String {
    let token = outlook_token(http, sb).await;
    let url = graph_events_url(sb);
    let started = Instant::now();
    futures::stream::iter(0..n)
        .map(|i| {
            let body = json!({
                "subject": format!("Kunde {} - rengøring", i % CUSTOMERS),
                "location": {"displayName": format!("Vestergade {i}, 8000 Aarhus C")},
                "start": graph_time(start_of(origin, i)),
                "end": graph_time(start_of(origin, i) + chrono::Duration::hours(2)),
            });
            let req = http.post(&url).bearer_auth(&token).json(&body);
            async move {
                let status = req.send().await.unwrap().status();
                assert_eq!(status.as_u16(), 201);
            }
        })
        .buffer_unordered(16)
        .collect::<Vec<()>>()
        .await;
    println!("graph: {n} events made in {}", ms(started.elapsed()));
    token
}

/// The calendar objects of `n` events made by someone with another
/// CalDAV client, around `origin`, by file name (`bulk-I.ics`).
fn radicale_items(origin: DateTime<Utc>, n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            (
                format!("bulk-{i}.ics"),
                radicale_item(origin, i, "Vestergade"),
            )
        })
        .collect()
}

/// Event `i` of [`radicale_items`], in the street `street`.
fn radicale_item(origin: DateTime<Utc>, i: usize, street: &str) -> String {
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n\
         UID:bulk-{i}\r\nDTSTAMP:20260301T120000Z\r\nDTSTART:{}\r\nDTEND:{}\r\n\
         SUMMARY:Kunde {} - rengøring\r\nLOCATION:{street} {i}\\, 8000 Aarhus C\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
        stamp(start_of(origin, i)),
        stamp(start_of(origin, i) + chrono::Duration::hours(2)),
        i % CUSTOMERS
    )
}

/// The Graph fake's mailbox calendar, listed in pages of `page_size`, its
/// clock standing at `origin`.
fn outlook_calendar(sb: &Sandbox, page_size: u32, origin: DateTime<Utc>) -> OutlookCalendar {
    OutlookCalendar::new(OutlookSettings {
        credentials: OutlookCredentials {
            tenant: MICROSOFT_TENANT.to_string(),
            client_id: MICROSOFT_CLIENT.to_string(),
            secret: MICROSOFT_SECRET.to_string(),
        },
        user: MICROSOFT_USER.to_string(),
        base_url: sb.graph_base_url(),
        login_url: sb.graph_login_url(),
        window: Window::default(),
        page_size,
        retry: patient(),
        clock: Clock::Fixed(origin),
    })
    .expect("client")
}

/// Anna's Radicale calendar at `url`.
fn caldav_calendar(url: &str) -> CalDavCalendar {
    let (user, password) = USERS[0];
    CalDavCalendar::new(CalDavSettings {
        url: url.to_string(),
        credentials: Credentials {
            username: user.to_string(),
            password: password.to_string(),
        },
        zone: chrono_tz::Europe::Copenhagen,
        retry: patient(),
    })
    .expect("client")
}

async fn graph() {
    let n = events();
    let sb = Sandbox::start("127.0.0.1:0".parse().unwrap()).expect("sandbox");
    let http = reqwest::Client::new();
    let token = seed_graph(&sb, &http, now(), n).await;
    let url = graph_events_url(&sb);

    for page_size in GRAPH_PAGES {
        let cal = outlook_calendar(&sb, page_size, now());
        // The sign-in once, before the timings.
        cal.find_by_booking("none").await.expect("signed in");
        let delta_before = sb.graph().stats().delta;
        let what = format!("graph (pages of {page_size})");
        let change = || async {
            let id = sb.graph().events(MICROSOFT_USER)[7]["id"]
                .as_str()
                .unwrap()
                .to_string();
            let status = http
                .patch(format!("{url}/{id}"))
                .bearer_auth(&token)
                .json(&json!({"subject": "Flyttet"}))
                .send()
                .await
                .unwrap()
                .status();
            assert_eq!(status.as_u16(), 200);
        };
        measure(&what, &cal, &|| cal.requests(), change).await;
        println!(
            "{what}: the fake counted {} delta requests in all",
            sb.graph().stats().delta - delta_before
        );
    }
}

async fn google() {
    let n = events();
    let sb = Sandbox::start("127.0.0.1:0".parse().unwrap()).expect("sandbox");
    let g = sb.google();
    let rfc = |t: DateTime<Utc>| json!({"dateTime": t.to_rfc3339(), "timeZone": "UTC"});
    let mut ids = Vec::new();
    for i in 0..n {
        let made = g.create(
            CALENDAR_ID,
            json!({
                "summary": format!("Kunde {} - rengøring", i % 500),
                "location": format!("Vestergade {i}, 8000 Aarhus C"),
                "start": rfc(start_of(now(), i)),
                "end": rfc(start_of(now(), i) + chrono::Duration::hours(2)),
            }),
        );
        ids.push(made["id"].as_str().unwrap().to_string());
    }
    let mut settings = GoogleSettings::from_key_json(
        &key_json(&sb.token_uri()),
        Some(IMPERSONATED_USER.to_string()),
        Some(sb.google_base_url()),
    )
    .expect("settings");
    settings.retry = patient();
    let mut client = GoogleClient::new(settings).await.expect("client");
    client.set_pace(0);
    let cal = GoogleProvider::new(std::sync::Arc::new(client), CALENDAR_ID);
    let change = || async {
        assert!(
            g.edit(CALENDAR_ID, &ids[7], json!({"summary": "Flyttet"}))
                .is_some()
        );
    };
    measure("google", &cal, &|| cal.client().requests(), change).await;
}

fn radicale_installed() -> bool {
    std::process::Command::new("radicale")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

async fn caldav() {
    if !radicale_installed() {
        println!("radicale: not installed (`radicale` is not on PATH): CalDAV not measured");
        return;
    }
    let n = events();
    let r = Radicale::start();
    let items = radicale_items(now(), n);
    // Straight into Radicale's storage, as a calendar long in use holds
    // them (uploading 10,000 one by one takes many minutes).
    let url = r.seed_calendar("anna", "many", &items);
    let (user, _) = USERS[0];
    let cal = caldav_calendar(&url);
    println!("radicale: the first full listing reads every file (Radicale's cache is cold)");
    let change = || async {
        let status = Other::new(user).delete(&format!("{url}bulk-7.ics")).await;
        assert_eq!(status, 200);
    };
    measure("radicale", &cal, &|| cal.requests(), change).await;
}

fn main() {
    renos::providers::install_crypto_provider();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!(
        "calendar listings of {} events over loopback ({} full listings each)",
        events(),
        rounds()
    );
    // `cargo bench --bench calendars -- sync` (or `-- listings`): one part.
    let only = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    rt.block_on(async {
        if only != "sync" {
            graph().await;
            caldav().await;
            google().await;
        }
        if only != "listings" {
            whole_sync::all().await;
        }
    });
}
