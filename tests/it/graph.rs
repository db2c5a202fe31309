//! The Microsoft 365 client against the sandbox's Graph fake over real
//! HTTP: full listings in pages, someone else's changes and deletions,
//! an expired delta token, throttling, conditional writes, our own writes,
//! an expired access token, lookup by booking, series and the sliding
//! window.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};

use renos::clock::Clock;
use renos::providers::calendar::{
    CalendarProvider, Content, ItemStatus, ItemWrite, ProviderError, Recurrence, When,
};
use renos::providers::outlook::{OutlookCalendar, OutlookCredentials, OutlookSettings, Window};
use renos::providers::retry::RetryPolicy;
use renos::sandbox::{
    GraphFaults, MICROSOFT_CLIENT, MICROSOFT_SECRET, MICROSOFT_TENANT, MICROSOFT_USER, Sandbox,
};

fn sandbox() -> Sandbox {
    Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
        .single()
        .expect("t")
}

fn settings(sb: &Sandbox, secret: &str, clock: Clock) -> OutlookSettings {
    OutlookSettings {
        credentials: OutlookCredentials {
            tenant: MICROSOFT_TENANT.to_string(),
            client_id: MICROSOFT_CLIENT.to_string(),
            secret: secret.to_string(),
        },
        user: MICROSOFT_USER.to_string(),
        base_url: sb.graph_base_url(),
        login_url: sb.graph_login_url(),
        window: Window::default(),
        page_size: 10,
        retry: RetryPolicy {
            retries: 3,
            base: Duration::from_millis(10),
            max_wait: Duration::from_secs(3),
            timeout: Duration::from_secs(20),
        },
        clock,
    }
}

fn client(sb: &Sandbox) -> OutlookCalendar {
    OutlookCalendar::new(settings(sb, MICROSOFT_SECRET, Clock::Fixed(now()))).expect("client")
}

fn at(day: u32, hour: u32) -> When {
    When::At(
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0)
            .single()
            .expect("t"),
    )
}

fn write(booking: &str, summary: &str, day: u32) -> ItemWrite {
    ItemWrite {
        booking: booking.to_string(),
        properties: Default::default(),
        key: None,
        content: Content {
            summary: summary.to_string(),
            description: "Nøgle under måtten".to_string(),
            location: "Vestergade 3, Aarhus".to_string(),
            start: at(day, 8),
            end: at(day, 10),
            status: ItemStatus::Confirmed,
        },
        time_zone: "Europe/Copenhagen".to_string(),
        recurrence: None,
        exceptions: Vec::new(),
    }
}

/// Someone in Outlook's login at the fake: a client and a token of their
/// own (client credentials), for raw Graph requests.
pub(crate) async fn outlook_login(sb: &Sandbox) -> (reqwest::Client, String) {
    renos::providers::install_crypto_provider();
    let http = reqwest::Client::new();
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
        .expect("token")
        .json()
        .await
        .expect("json");
    let token = v["access_token"].as_str().expect("token").to_string();
    (http, token)
}

/// Someone in Outlook: raw requests to the fake with a token of their own.
struct Outlook {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Outlook {
    async fn new(sb: &Sandbox) -> Outlook {
        let (http, token) = outlook_login(sb).await;
        Outlook {
            http,
            base: format!(
                "{}/users/{MICROSOFT_USER}/calendar/events",
                sb.graph_base_url()
            ),
            token,
        }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("answer");
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    async fn create(&self, subject: &str, day: u32) -> String {
        let (status, v) = self
            .send(
                reqwest::Method::POST,
                "",
                Some(json!({
                    "subject": subject,
                    "start": {"dateTime": format!("2026-03-{day:02}T09:00:00"), "timeZone": "Europe/Copenhagen"},
                    "end": {"dateTime": format!("2026-03-{day:02}T10:00:00"), "timeZone": "Europe/Copenhagen"},
                })),
            )
            .await;
        assert_eq!(status, 201, "{v}");
        v["id"].as_str().expect("id").to_string()
    }
}

#[tokio::test]
async fn a_full_listing_comes_in_pages_then_only_changes() {
    let sb = sandbox();
    let outlook = Outlook::new(&sb).await;
    let mut ids = Vec::new();
    for i in 0..25 {
        ids.push(outlook.create(&format!("Møde {i}"), 2 + i % 20).await);
    }
    let cal = client(&sb);
    let first = cal.changes(None).await.expect("listing");
    assert_eq!(first.upserts.len(), 25);
    assert!(first.deletions.is_empty() && first.unreadable.is_empty());
    assert_eq!(sb.graph().stats().delta, 3, "25 events in pages of 10");
    let moved = first
        .upserts
        .iter()
        .find(|i| i.id.0 == ids[0])
        .expect("listed");
    assert_eq!(
        moved.content.start,
        at(2, 8),
        "09:00 in Copenhagen is 08:00 UTC"
    );
    assert_eq!(moved.booking, None, "made by a person");

    // Nothing changed: one request, nothing listed.
    let cursor = first.next.expect("cursor");
    let again = cal.changes(Some(&cursor)).await.expect("incremental");
    assert!(again.upserts.is_empty() && again.deletions.is_empty());

    // Someone edits one event and deletes another in Outlook.
    let (status, _) = outlook
        .send(
            reqwest::Method::PATCH,
            &format!("/{}", ids[3]),
            Some(json!({"subject": "Flyttet"})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = outlook
        .send(reqwest::Method::DELETE, &format!("/{}", ids[4]), None)
        .await;
    assert_eq!(status, 204);
    let changes = cal.changes(again.next.as_ref()).await.expect("incremental");
    assert_eq!(changes.upserts.len(), 1);
    assert_eq!(changes.upserts[0].id.0, ids[3]);
    assert_eq!(changes.upserts[0].content.summary, "Flyttet");
    assert_eq!(changes.deletions.len(), 1);
    assert_eq!(changes.deletions[0].0, ids[4]);
}

/// A first round over an empty calendar, an item made and deleted after
/// it: the next round reports the deletion (the fake once left it out).
#[tokio::test]
async fn a_deletion_after_a_first_round_of_an_empty_calendar_is_reported() {
    let sb = sandbox();
    let cal = client(&sb);
    let first = cal.changes(None).await.expect("first round");
    assert!(first.upserts.is_empty());
    // Made (by the console) and deleted (by someone) before the next round.
    let made = cal.create(&write("1", "Hansen", 2)).await.expect("made");
    cal.delete(&made.id, &made.version).await.expect("deleted");
    let changes = cal.changes(first.next.as_ref()).await.expect("next round");
    assert_eq!(changes.deletions, vec![made.id.clone()], "{changes:?}");
}

#[tokio::test]
async fn an_expired_delta_token_asks_for_a_full_round() {
    let sb = sandbox();
    let outlook = Outlook::new(&sb).await;
    outlook.create("Rengøring", 3).await;
    let cal = client(&sb);
    let first = cal.changes(None).await.expect("listing");
    sb.graph().forget_sync_state();
    let r = cal.changes(first.next.as_ref()).await;
    assert_eq!(r, Err(ProviderError::ResyncRequired));
    let full = cal.changes(None).await.expect("a new round");
    assert_eq!(full.upserts.len(), 1);
    let r = cal
        .changes(Some(&renos::providers::calendar::Cursor("junk".into())))
        .await;
    assert_eq!(r, Err(ProviderError::ResyncRequired));
}

#[tokio::test]
async fn the_window_slides_by_starting_a_new_round() {
    let sb = sandbox();
    let cal = client(&sb);
    let first = cal.changes(None).await.expect("listing");
    let later = OutlookCalendar::new(settings(
        &sb,
        MICROSOFT_SECRET,
        Clock::Fixed(now() + chrono::Duration::days(8)),
    ))
    .expect("client");
    assert_eq!(
        later.changes(first.next.as_ref()).await,
        Err(ProviderError::ResyncRequired)
    );
    let soon = OutlookCalendar::new(settings(
        &sb,
        MICROSOFT_SECRET,
        Clock::Fixed(now() + chrono::Duration::days(2)),
    ))
    .expect("client");
    assert!(soon.changes(first.next.as_ref()).await.is_ok());
}

#[tokio::test]
async fn throttling_is_waited_out() {
    let sb = sandbox();
    let outlook = Outlook::new(&sb).await;
    for i in 0..15 {
        outlook.create(&format!("Job {i}"), 2 + i).await;
    }
    let cal = client(&sb);
    sb.graph().set_faults(GraphFaults {
        quota: Some((1, 1000)),
        ..GraphFaults::default()
    });
    let started = std::time::Instant::now();
    let all = cal.changes(None).await.expect("listing despite 429");
    assert_eq!(all.upserts.len(), 15);
    assert!(sb.graph().stats().throttled >= 1);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After was honoured"
    );

    // A server error and a broken answer on reads: tried again.
    sb.graph().set_faults(GraphFaults {
        server_error: 1,
        drop_after: 1,
        ..GraphFaults::default()
    });
    let all = cal.changes(None).await.expect("listing despite the faults");
    assert_eq!(all.upserts.len(), 15);

    // Asked to wait longer than we may: the error goes to the caller.
    sb.graph().set_faults(GraphFaults {
        rate_limit: 1,
        retry_after_secs: 60,
        ..GraphFaults::default()
    });
    let r = cal.changes(None).await;
    assert!(matches!(r, Err(ProviderError::Transient(_))), "{r:?}");
}

#[tokio::test]
async fn writes_carry_the_etag_and_a_stale_one_fails() {
    let sb = sandbox();
    let cal = client(&sb);
    let made = cal
        .create(&write("b-101", "Hovedrengøring", 4))
        .await
        .expect("create");
    // Our write comes back with the etag it made: told apart from edits.
    let listed = cal.changes(None).await.expect("listing");
    assert_eq!(listed.upserts.len(), 1);
    let ours = &listed.upserts[0];
    assert_eq!((&ours.id, &ours.version), (&made.id, &made.version));
    assert_eq!(ours.booking.as_deref(), Some("b-101"));
    assert_eq!(ours.content.location, "Vestergade 3, Aarhus");
    assert_eq!(ours.content.start, at(4, 8));

    // A second create for the same booking is refused.
    assert_eq!(
        cal.create(&write("b-101", "Igen", 4)).await,
        Err(ProviderError::PreconditionFailed)
    );

    let updated = cal
        .update(&made.id, &made.version, &write("b-101", "Flyttet", 5))
        .await
        .expect("update with the right etag");
    assert_ne!(updated.version, made.version);
    assert_eq!(
        cal.update(&made.id, &made.version, &write("b-101", "Gammel", 5))
            .await,
        Err(ProviderError::PreconditionFailed)
    );
    assert_eq!(
        cal.delete(&made.id, &made.version).await,
        Err(ProviderError::PreconditionFailed)
    );
    assert_eq!(sb.graph().stats().preconditions_failed, 2);
    let next = cal
        .changes(listed.next.as_ref())
        .await
        .expect("incremental");
    assert_eq!(next.upserts.len(), 1);
    assert_eq!(next.upserts[0].version, updated.version, "our own write");

    cal.delete(&made.id, &updated.version)
        .await
        .expect("delete");
    assert!(sb.graph().events(MICROSOFT_USER).is_empty());
    assert_eq!(cal.find_by_booking("b-101").await, Ok(None));
}

#[tokio::test]
async fn lookup_by_booking_finds_our_item() {
    let sb = sandbox();
    let cal = client(&sb);
    let outlook = Outlook::new(&sb).await;
    outlook.create("Privat", 6).await;
    let made = cal
        .create(&write("b-'7'", "Vinduer", 6))
        .await
        .expect("create");
    cal.create(&write("b-8", "Trappe", 6))
        .await
        .expect("create");
    let found = cal
        .find_by_booking("b-'7'")
        .await
        .expect("lookup")
        .expect("found");
    assert_eq!(found.id, made.id);
    assert_eq!(found.content.summary, "Vinduer");
    assert_eq!(cal.find_by_booking("b-9").await, Ok(None));
    let stored = sb.graph().events(MICROSOFT_USER);
    assert!(
        stored
            .iter()
            .any(|e| e["singleValueExtendedProperties"][0]["id"]
                .as_str()
                .is_some_and(|id| id == renos::providers::outlook::BOOKING_PROPERTY)),
        "the booking is kept in the extended property"
    );
}

#[tokio::test]
async fn an_expired_access_token_is_renewed_and_a_wrong_secret_never_shown() {
    let sb = sandbox();
    let cal = client(&sb);
    cal.changes(None).await.expect("listing");
    assert_eq!(sb.graph().stats().tokens, 1);
    cal.changes(None).await.expect("listing");
    assert_eq!(sb.graph().stats().tokens, 1, "the token is cached");
    sb.graph().expire_tokens();
    cal.changes(None).await.expect("listing with a new token");
    assert_eq!(sb.graph().stats().tokens, 2);

    // Tokens that expire within the renewal margin are fetched anew.
    sb.graph().set_token_lifetime(Some(Duration::from_secs(30)));
    let short = client(&sb);
    short.changes(None).await.expect("listing");
    short.changes(None).await.expect("listing");
    assert_eq!(sb.graph().stats().tokens, 4);

    let wrong =
        OutlookCalendar::new(settings(&sb, "hemmelig-42", Clock::Fixed(now()))).expect("client");
    let e = wrong.changes(None).await.expect_err("refused");
    assert!(matches!(e, ProviderError::Unauthorised(_)), "{e:?}");
    assert!(!e.to_string().contains("hemmelig-42"), "{e}");
    assert!(e.to_string().contains("MICROSOFT_CLIENT_SECRET"), "{e}");
}

#[tokio::test]
async fn series_come_whole_from_their_master() {
    let sb = sandbox();
    let outlook = Outlook::new(&sb).await;
    let (status, v) = outlook
        .send(
            reqwest::Method::POST,
            "",
            Some(json!({
                "subject": "Ugentlig",
                "start": {"dateTime": "2026-03-03T09:00:00", "timeZone": "UTC"},
                "end": {"dateTime": "2026-03-03T11:00:00", "timeZone": "UTC"},
                "recurrence": {
                    "pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["tuesday"]},
                    "range": {"type": "numbered", "startDate": "2026-03-03", "numberOfOccurrences": 4}
                }
            })),
        )
        .await;
    assert_eq!(status, 201, "{v}");
    let master = v["id"].as_str().expect("id").to_string();
    let cal = client(&sb);
    let listed = cal.changes(None).await.expect("listing");
    assert_eq!(listed.upserts.len(), 1, "{:?}", listed.upserts);
    let series = &listed.upserts[0];
    assert_eq!(series.id.0, master);
    assert_eq!(
        series.recurrence.as_ref().map(|r| r.rule.as_str()),
        Some("FREQ=WEEKLY;BYDAY=TU;COUNT=4")
    );

    // Ours: written as a pattern, read back as the same rule.
    let mut ours = write("b-series", "Hver dag", 9);
    ours.recurrence = Some(Recurrence {
        rule: "FREQ=DAILY;COUNT=3".to_string(),
        excluded: Vec::new(),
    });
    let made = cal.create(&ours).await.expect("create a series");
    let next = cal
        .changes(listed.next.as_ref())
        .await
        .expect("incremental");
    let back = next
        .upserts
        .iter()
        .find(|i| i.id == made.id)
        .expect("the series");
    assert_eq!(back.booking.as_deref(), Some("b-series"));
    assert_eq!(
        back.recurrence.as_ref().map(|r| r.rule.as_str()),
        Some("FREQ=DAILY;COUNT=3")
    );
    // Someone moves the second Tuesday an hour later: an exception.
    let (status, v) = outlook
        .send(
            reqwest::Method::PATCH,
            &format!("/{master}_20260310"),
            Some(json!({
                "start": {"dateTime": "2026-03-10T10:00:00", "timeZone": "UTC"},
                "end": {"dateTime": "2026-03-10T12:00:00", "timeZone": "UTC"},
            })),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["type"], "exception");
    let moved = cal.changes(next.next.as_ref()).await.expect("incremental");
    assert_eq!(moved.upserts.len(), 1, "{:?}", moved.upserts);
    let series = &moved.upserts[0];
    assert_eq!(series.id.0, master);
    assert_eq!(series.exceptions.len(), 1);
    assert_eq!(series.exceptions[0].original_start, at(10, 9));
    assert_eq!(series.exceptions[0].content.start, at(10, 10));
    let next = moved;

    let (status, _) = outlook
        .send(reqwest::Method::DELETE, &format!("/{master}"), None)
        .await;
    assert_eq!(status, 204);
    let gone = cal.changes(next.next.as_ref()).await.expect("incremental");
    assert!(gone.deletions.iter().any(|d| d.0 == master));
}

#[tokio::test]
async fn our_facts_travel_in_extended_properties() {
    let sb = sandbox();
    let c = client(&sb);
    let mut w = write("b-9", "Rengøring", 3);
    w.properties.insert("customer".into(), "7".into());
    w.properties.insert("staff".into(), "2".into());
    let made = c.create(&w).await.expect("create");
    let listed = c.changes(None).await.expect("full");
    let item = listed
        .upserts
        .iter()
        .find(|i| i.id == made.id)
        .expect("listed");
    assert_eq!(item.booking.as_deref(), Some("b-9"));
    assert_eq!(item.properties, w.properties);
    let found = c.find_by_booking("b-9").await.expect("find").expect("ours");
    assert_eq!(found.properties, w.properties);
    w.booking = "b-10".into();
    w.properties.insert("colour".into(), "red".into());
    let refused = c.create(&w).await;
    assert!(
        matches!(refused, Err(ProviderError::BadData(_))),
        "{refused:?}"
    );
}
