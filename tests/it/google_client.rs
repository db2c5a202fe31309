//! The Google Calendar client against the loopback sandbox: paging, sync
//! tokens, conditional writes, and every fault the sandbox can show.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use serde_json::json;

use renos::providers::google::{
    EventStatus, EventTime, EventWrite, GoogleClient, GoogleError, GoogleSettings, ListQuery,
    PROP_BOOKING, PROP_INSTANCE, RetryPolicy,
};
use renos::sandbox::{
    CALENDAR_ID, CLIENT_EMAIL, GoogleFaults, IMPERSONATED_USER, Sandbox, TEST_KEY_PEM, key_json,
};

fn sandbox() -> Sandbox {
    Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox")
}

fn fast() -> RetryPolicy {
    RetryPolicy {
        retries: 3,
        base: Duration::from_millis(10),
        max_wait: Duration::from_millis(200),
        timeout: Duration::from_secs(5),
    }
}

fn settings(sb: &Sandbox, retry: RetryPolicy) -> GoogleSettings {
    let mut s = GoogleSettings::from_key_json(
        &key_json(&sb.token_uri()),
        Some(IMPERSONATED_USER.to_string()),
        Some(sb.google_base_url()),
    )
    .expect("settings");
    s.retry = retry;
    s
}

async fn client(sb: &Sandbox) -> GoogleClient {
    GoogleClient::new(settings(sb, fast()))
        .await
        .expect("client")
}

fn write(n: u32) -> EventWrite {
    let start = Utc
        .with_ymd_and_hms(2026, 3, 2, 7 + n % 8, 0, 0)
        .single()
        .expect("time");
    EventWrite {
        summary: format!("Rengøring {n}"),
        description: "Nøgle hos naboen".to_string(),
        location: "Åboulevarden 3, 8000 Aarhus C".to_string(),
        start,
        end: start + chrono::Duration::minutes(90),
        time_zone: "Europe/Copenhagen".to_string(),
        status: EventStatus::Confirmed,
        private: BTreeMap::from([
            (PROP_BOOKING.to_string(), format!("b-{n}")),
            (PROP_INSTANCE.to_string(), "test-db".to_string()),
        ]),
        recurrence: Vec::new(),
    }
}

fn event_id(n: u32) -> String {
    format!("renos{n:04}abc")
}

/// Hand-made events, as someone in the Google UI would add them.
fn seed(sb: &Sandbox, count: u32) {
    for n in 0..count {
        let made = sb.google().create(
            CALENDAR_ID,
            json!({
                "summary": format!("Manual {n}"),
                "start": {"dateTime": format!("2026-03-{:02}T08:00:00Z", n % 28 + 1)},
                "end": {"dateTime": format!("2026-03-{:02}T09:00:00Z", n % 28 + 1)},
            }),
        );
        assert!(made.get("error").is_none(), "{made}");
    }
}

/// Lists every page; the ids seen and the sync token from the last page.
async fn sync_all(
    c: &GoogleClient,
    sync_token: Option<String>,
    page_size: u32,
) -> Result<(Vec<renos::providers::google::RemoteEvent>, String), GoogleError> {
    let mut q = ListQuery {
        sync_token,
        page_token: None,
        max_results: Some(page_size),
        ..ListQuery::default()
    };
    let mut events = Vec::new();
    for _ in 0..1000 {
        let page = c.list(CALENDAR_ID, &q).await?;
        events.extend(page.events);
        match (page.next_page_token, page.next_sync_token) {
            (Some(next), None) => q.page_token = Some(next),
            (None, Some(sync)) => return Ok((events, sync)),
            other => panic!("a page must carry exactly one token: {other:?}"),
        }
    }
    panic!("no last page after 1000 pages");
}

#[tokio::test]
async fn full_sync_pages_to_the_end_then_gets_only_changes() {
    let sb = sandbox();
    seed(&sb, 7);
    let c = client(&sb).await;

    let (events, sync) = sync_all(&c, None, 3).await.expect("full sync");
    assert_eq!(events.len(), 7);
    let ids: BTreeSet<String> = events.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids.len(), 7);
    assert!(
        events
            .iter()
            .all(|e| e.etag.is_some() && e.updated.is_some())
    );
    assert_eq!(c.requests(), 3);

    // Nothing changed: an empty incremental answer.
    let (none, sync) = sync_all(&c, Some(sync), 3).await.expect("incremental");
    assert!(none.is_empty(), "{none:?}");

    // Edited and deleted in Google: both come back.
    let edited = events[1].id.clone();
    let deleted = events[4].id.clone();
    assert!(
        sb.google()
            .edit(CALENDAR_ID, &edited, json!({"summary": "Flyttet"}))
            .is_some()
    );
    assert!(sb.google().delete(CALENDAR_ID, &deleted));
    let (changes, _) = sync_all(&c, Some(sync), 3).await.expect("incremental");
    assert_eq!(changes.len(), 2, "{changes:?}");
    let by_id: BTreeMap<_, _> = changes.iter().map(|e| (e.id.clone(), e)).collect();
    assert_eq!(by_id[&edited].summary, "Flyttet");
    assert_eq!(by_id[&edited].status, EventStatus::Confirmed);
    assert_eq!(by_id[&deleted].status, EventStatus::Cancelled);
}

#[tokio::test]
async fn short_and_empty_pages_still_reach_the_sync_token() {
    let sb = sandbox();
    seed(&sb, 5);
    sb.google().set_faults(GoogleFaults {
        short_pages: true,
        ..GoogleFaults::default()
    });
    let c = client(&sb).await;
    let (events, _) = sync_all(&c, None, 2).await.expect("full sync");
    let ids: BTreeSet<String> = events.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids.len(), 5);
}

#[tokio::test]
async fn insert_get_and_duplicate() {
    let sb = sandbox();
    let c = client(&sb).await;
    let id = event_id(1);
    let w = write(1);

    let made = c.insert(CALENDAR_ID, &id, &w).await.expect("insert");
    assert_eq!(made.id, id);
    assert_eq!(made.status, EventStatus::Confirmed);
    assert_eq!(made.summary, w.summary);
    assert_eq!(made.description, w.description);
    assert_eq!(made.location, w.location);
    assert_eq!(made.start, Some(EventTime::At(w.start)));
    assert_eq!(made.end, Some(EventTime::At(w.end)));
    assert_eq!(made.private, w.private);
    assert!(made.etag.is_some());

    let got = c.get(CALENDAR_ID, &id).await.expect("get");
    assert_eq!(got, made);

    assert_eq!(
        c.insert(CALENDAR_ID, &id, &w).await,
        Err(GoogleError::Duplicate)
    );
    // A deleted event's id stays taken.
    c.delete(CALENDAR_ID, &id, None).await.expect("delete");
    assert_eq!(
        c.insert(CALENDAR_ID, &id, &w).await,
        Err(GoogleError::Duplicate)
    );

    assert!(matches!(
        c.get(CALENDAR_ID, "renos9999zzz").await,
        Err(GoogleError::NotFound(_))
    ));
}

#[tokio::test]
async fn patch_checks_the_etag_and_restores_a_cancelled_event() {
    let sb = sandbox();
    let c = client(&sb).await;
    let id = event_id(2);
    let made = c.insert(CALENDAR_ID, &id, &write(2)).await.expect("insert");
    let first_etag = made.etag.clone().expect("etag");

    let mut w = write(2);
    w.summary = "Flyttet til eftermiddag".to_string();
    w.start += chrono::Duration::hours(4);
    w.end += chrono::Duration::hours(4);
    let patched = c
        .patch(CALENDAR_ID, &id, Some(&first_etag), &w)
        .await
        .expect("patch");
    assert_eq!(patched.summary, w.summary);
    assert_eq!(patched.start, Some(EventTime::At(w.start)));
    assert_ne!(patched.etag.as_deref(), Some(first_etag.as_str()));

    // The old etag is stale now.
    assert_eq!(
        c.patch(CALENDAR_ID, &id, Some(&first_etag), &w).await,
        Err(GoogleError::Stale)
    );
    assert_eq!(
        c.delete(CALENDAR_ID, &id, Some(&first_etag)).await,
        Err(GoogleError::Stale)
    );

    // Deleted in Google, then written again with status confirmed: back.
    assert!(sb.google().delete(CALENDAR_ID, &id));
    let restored = c.patch(CALENDAR_ID, &id, None, &w).await.expect("restore");
    assert_eq!(restored.status, EventStatus::Confirmed);
    let got = c.get(CALENDAR_ID, &id).await.expect("get");
    assert_eq!(got.status, EventStatus::Confirmed);
    assert_eq!(got.summary, w.summary);

    assert!(matches!(
        c.patch(CALENDAR_ID, "renos9999zzz", None, &w).await,
        Err(GoogleError::NotFound(_))
    ));
}

#[tokio::test]
async fn delete_twice_answers_deleted() {
    let sb = sandbox();
    let c = client(&sb).await;
    let id = event_id(3);
    let made = c.insert(CALENDAR_ID, &id, &write(3)).await.expect("insert");
    c.delete(CALENDAR_ID, &id, made.etag.as_deref())
        .await
        .expect("delete");
    assert_eq!(
        c.delete(CALENDAR_ID, &id, None).await,
        Err(GoogleError::Deleted)
    );
    assert!(matches!(
        c.delete(CALENDAR_ID, "renos9999zzz", None).await,
        Err(GoogleError::NotFound(_))
    ));
    let got = c
        .get(CALENDAR_ID, &id)
        .await
        .expect("a deleted event can be read");
    assert_eq!(got.status, EventStatus::Cancelled);
}

#[tokio::test]
async fn rate_limits_are_waited_out() {
    let sb = sandbox();
    let c = client(&sb).await;
    let id = event_id(4);
    c.insert(CALENDAR_ID, &id, &write(4)).await.expect("insert");

    for status_403 in [false, true] {
        sb.google().reset_stats();
        let before = c.requests();
        sb.google().set_faults(GoogleFaults {
            rate_limit: 2,
            rate_limit_403: status_403,
            ..GoogleFaults::default()
        });
        c.get(CALENDAR_ID, &id).await.expect("third try works");
        assert_eq!(c.requests() - before, 3);
        assert_eq!(sb.google().stats().get, 3);
    }

    // More rate limits than retries: the caller gets RateLimited.
    sb.google().set_faults(GoogleFaults {
        rate_limit: 10,
        ..GoogleFaults::default()
    });
    let before = c.requests();
    assert!(matches!(
        c.get(CALENDAR_ID, &id).await,
        Err(GoogleError::RateLimited { .. })
    ));
    assert_eq!(c.requests() - before, 4);
}

#[tokio::test]
async fn retry_after_is_honoured_or_handed_back() {
    let sb = sandbox();
    let id = event_id(5);

    // Retry-After within max_wait: waited for.
    let patient = GoogleClient::new(settings(
        &sb,
        RetryPolicy {
            max_wait: Duration::from_secs(3),
            ..fast()
        },
    ))
    .await
    .expect("client");
    patient
        .insert(CALENDAR_ID, &id, &write(5))
        .await
        .expect("insert");
    sb.google().set_faults(GoogleFaults {
        rate_limit: 1,
        retry_after_secs: Some(1),
        ..GoogleFaults::default()
    });
    let t0 = Instant::now();
    patient
        .get(CALENDAR_ID, &id)
        .await
        .expect("after the pause");
    assert!(t0.elapsed() >= Duration::from_secs(1), "{:?}", t0.elapsed());

    // Retry-After beyond max_wait: no pointless retry, the pause goes back.
    let c = client(&sb).await;
    sb.google().set_faults(GoogleFaults {
        rate_limit: 1,
        retry_after_secs: Some(5),
        ..GoogleFaults::default()
    });
    let before = c.requests();
    assert_eq!(
        c.get(CALENDAR_ID, &id).await,
        Err(GoogleError::RateLimited {
            retry_after: Some(Duration::from_secs(5))
        })
    );
    assert_eq!(c.requests() - before, 1);
}

#[tokio::test]
async fn server_errors_give_up_after_four_attempts() {
    let sb = sandbox();
    let c = client(&sb).await;
    sb.google().set_faults(GoogleFaults {
        server_error: 5,
        ..GoogleFaults::default()
    });
    let err = c
        .list(CALENDAR_ID, &ListQuery::default())
        .await
        .expect_err("still failing");
    assert!(
        matches!(err, GoogleError::Server { status: 500, .. }),
        "{err:?}"
    );
    assert!(err.is_transient());
    assert_eq!(c.requests(), 4);
    assert_eq!(sb.google().stats().list, 4);
    // The fifth fault is still pending; the next call gets through after it.
    c.list(CALENDAR_ID, &ListQuery::default())
        .await
        .expect("recovered");
}

#[tokio::test]
async fn a_lost_insert_answer_ends_as_duplicate() {
    let sb = sandbox();
    let c = client(&sb).await;
    let id = event_id(6);
    sb.google().set_faults(GoogleFaults {
        drop_after: 1,
        ..GoogleFaults::default()
    });
    assert_eq!(
        c.insert(CALENDAR_ID, &id, &write(6)).await,
        Err(GoogleError::Duplicate)
    );
    assert_eq!(sb.google().stats().insert, 2);
    let got = c.get(CALENDAR_ID, &id).await.expect("the first try landed");
    assert_eq!(got.summary, write(6).summary);
    assert_eq!(sb.google().events(CALENDAR_ID).len(), 1);
}

#[tokio::test]
async fn dropped_connections_are_retried() {
    let sb = sandbox();
    let c = client(&sb).await;
    let id = event_id(7);
    sb.google().set_faults(GoogleFaults {
        drop_before: 2,
        ..GoogleFaults::default()
    });
    let made = c.insert(CALENDAR_ID, &id, &write(7)).await.expect("insert");
    sb.google().set_faults(GoogleFaults {
        drop_before: 1,
        ..GoogleFaults::default()
    });
    c.patch(CALENDAR_ID, &id, made.etag.as_deref(), &write(7))
        .await
        .expect("patch");
    sb.google().set_faults(GoogleFaults {
        drop_after: 1,
        ..GoogleFaults::default()
    });
    // The delete landed but its answer was lost: the retry finds it deleted.
    assert_eq!(
        c.delete(CALENDAR_ID, &id, None).await,
        Err(GoogleError::Deleted)
    );
}

#[tokio::test]
async fn expired_tokens_are_replaced_without_the_caller_noticing() {
    let sb = sandbox();
    let c = client(&sb).await;
    let id = event_id(8);
    let made = c.insert(CALENDAR_ID, &id, &write(8)).await.expect("insert");
    assert_eq!(sb.google().stats().token, 1);

    sb.google().set_faults(GoogleFaults {
        expire_tokens: true,
        ..GoogleFaults::default()
    });
    c.get(CALENDAR_ID, &id).await.expect("get with a new token");
    assert_eq!(sb.google().stats().token, 2);

    sb.google().set_faults(GoogleFaults {
        expire_tokens: true,
        ..GoogleFaults::default()
    });
    c.patch(CALENDAR_ID, &id, made.etag.as_deref(), &write(8))
        .await
        .expect("patch with a new token");
    assert_eq!(sb.google().stats().token, 3);
}

#[tokio::test]
async fn an_invalidated_sync_token_asks_for_a_full_sync() {
    let sb = sandbox();
    seed(&sb, 2);
    let c = client(&sb).await;
    let (_, sync) = sync_all(&c, None, 250).await.expect("full sync");
    sb.google().set_faults(GoogleFaults {
        invalidate_sync_tokens: true,
        ..GoogleFaults::default()
    });
    let before = c.requests();
    assert_eq!(
        sync_all(&c, Some(sync), 250).await.map(|_| ()),
        Err(GoogleError::FullSyncRequired)
    );
    assert_eq!(c.requests() - before, 1, "no retry on 410");
    let (events, _) = sync_all(&c, None, 250).await.expect("full sync again");
    assert_eq!(events.len(), 2);
}

#[tokio::test]
async fn slow_answers_time_out_as_network_errors() {
    let sb = sandbox();
    let c = GoogleClient::new(settings(
        &sb,
        RetryPolicy {
            retries: 1,
            timeout: Duration::from_millis(300),
            ..fast()
        },
    ))
    .await
    .expect("client");
    c.check_auth().await.expect("token first");
    sb.google().set_faults(GoogleFaults {
        latency_ms: 1500,
        ..GoogleFaults::default()
    });
    let err = c
        .list(CALENDAR_ID, &ListQuery::default())
        .await
        .expect_err("too slow");
    assert!(matches!(err, GoogleError::Network(_)), "{err:?}");
    assert_eq!(c.requests(), 2);
}

#[tokio::test]
async fn offline_is_a_network_error() {
    let sb = sandbox();
    let c = client(&sb).await;
    c.check_auth().await.expect("token");
    sb.go_offline();
    let err = c.get(CALENDAR_ID, &event_id(9)).await.expect_err("offline");
    assert!(matches!(err, GoogleError::Network(_)), "{err:?}");
    assert!(err.is_transient());
    sb.come_online().expect("online");
    assert!(matches!(
        c.get(CALENDAR_ID, &event_id(9)).await,
        Err(GoogleError::NotFound(_))
    ));
}

#[tokio::test]
async fn credentials_are_checked() {
    let sb = sandbox();
    let c = client(&sb).await;
    c.check_auth().await.expect("the sandbox key works");
    assert_eq!(c.requests(), 0, "token requests are not counted");

    let mut wrong = settings(&sb, fast());
    wrong.client_email = "someone-else@renos-sandbox.iam.gserviceaccount.com".to_string();
    let c = GoogleClient::new(wrong).await.expect("client");
    let err = c.check_auth().await.expect_err("wrong account");
    match &err {
        GoogleError::Auth(msg) => assert!(!msg.contains("PRIVATE KEY"), "{msg}"),
        other => panic!("{other:?}"),
    }
    assert!(!err.is_transient());
    assert!(matches!(
        c.list(CALENDAR_ID, &ListQuery::default()).await,
        Err(GoogleError::Auth(_))
    ));
    assert_eq!(c.requests(), 0);
}

#[tokio::test]
async fn key_from_an_environment_variable_with_escaped_newlines() {
    let sb = sandbox();
    // Written as a struct literal, as from inline credentials in a config.
    let s = GoogleSettings {
        client_email: CLIENT_EMAIL.to_string(),
        private_key: TEST_KEY_PEM.replace('\n', "\\n"),
        token_uri: sb.token_uri(),
        subject: Some(IMPERSONATED_USER.to_string()),
        base_url: sb.google_base_url().trim_end_matches('/').to_string(),
        retry: fast(),
    };
    assert!(s.private_key.contains("\\n"));
    assert!(!format!("{s:?}").contains("PRIVATE KEY"));
    let c = GoogleClient::new(s).await.expect("client");
    c.check_auth().await.expect("token");
    c.list(CALENDAR_ID, &ListQuery::default())
        .await
        .expect("list");

    let built = GoogleSettings::new(
        CLIENT_EMAIL,
        &TEST_KEY_PEM.replace('\n', "\\n"),
        Some(&sb.token_uri()),
        Some(IMPERSONATED_USER.to_string()),
        Some(&sb.google_base_url()),
    );
    assert_eq!(built.private_key.trim(), TEST_KEY_PEM.trim());
}
