//! Google Calendar behind the provider seam, against the loopback sandbox:
//! full and incremental listings, own writes read back at the version they
//! made, deletions, a dead sync token, preconditions, and recurring events
//! with their changed and left-out occurrences as one item.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;

use renos::providers::calendar::{
    CalendarProvider, Content, Exception, ItemStatus, ItemWrite, ProviderError, Recurrence, When,
};
use renos::providers::google::{GoogleClient, GoogleProvider, GoogleSettings, RetryPolicy};
use renos::sandbox::{CALENDAR_ID, GoogleFaults, IMPERSONATED_USER, Sandbox, key_json};

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0)
        .single()
        .expect("t")
}

async fn provider() -> (Sandbox, GoogleProvider) {
    let sb = Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox");
    let mut s = GoogleSettings::from_key_json(
        &key_json(&sb.token_uri()),
        Some(IMPERSONATED_USER.to_string()),
        Some(sb.google_base_url()),
    )
    .expect("settings");
    s.retry = RetryPolicy {
        retries: 2,
        base: Duration::from_millis(10),
        max_wait: Duration::from_millis(100),
        timeout: Duration::from_secs(5),
    };
    let client = GoogleClient::new(s).await.expect("client");
    let p = GoogleProvider::new(Arc::new(client), CALENDAR_ID);
    (sb, p)
}

fn content(summary: &str, d: u32) -> Content {
    Content {
        summary: summary.to_string(),
        description: "Nøgle hos naboen".to_string(),
        location: "Åboulevarden 3, 8000 Aarhus C".to_string(),
        start: When::At(at(d, 8)),
        end: When::At(at(d, 10)),
        status: ItemStatus::Confirmed,
    }
}

fn booking(id: &str, d: u32) -> ItemWrite {
    let mut w = ItemWrite::single(
        id,
        content(&format!("Rengøring {id}"), d),
        "Europe/Copenhagen",
    );
    w.properties.insert("customer".into(), "7".into());
    w.properties.insert("instance".into(), "db1".into());
    w
}

#[tokio::test]
async fn single_items_both_ways_with_own_writes_known_by_version() {
    let (sb, p) = provider().await;
    sb.google().create(
        CALENDAR_ID,
        json!({"summary": "Tandlæge", "start": {"dateTime": "2026-12-03T08:00:00Z"},
               "end": {"dateTime": "2026-12-03T09:00:00Z"}}),
    );
    let made = p.create(&booking("17", 7)).await.expect("create");
    assert_eq!(
        p.create(&booking("17", 7)).await,
        Err(ProviderError::PreconditionFailed),
        "a second create for one booking meets the first"
    );

    let first = p.changes(None).await.expect("full");
    assert_eq!(first.upserts.len(), 2, "{first:?}");
    let ours = first
        .upserts
        .iter()
        .find(|i| i.booking.as_deref() == Some("17"))
        .expect("ours");
    assert_eq!(ours.id, made.id);
    assert_eq!(ours.version, made.version, "own write known by its version");
    assert_eq!(
        ours.properties.get("customer").map(String::as_str),
        Some("7")
    );
    assert_eq!(
        ours.properties.get("instance").map(String::as_str),
        Some("db1")
    );
    assert_eq!(ours.content, content("Rengøring 17", 7));
    let hand = first
        .upserts
        .iter()
        .find(|i| i.booking.is_none())
        .expect("hand-made");
    assert!(hand.properties.is_empty());
    let cursor = first.next.clone().expect("cursor");

    // Ours changed here: the listing shows it at the version written.
    let mut w = booking("17", 8);
    w.content.location = "Vestergade 3".into();
    let upd = p.update(&made.id, &made.version, &w).await.expect("update");
    assert_eq!(
        p.update(&made.id, &made.version, &w).await,
        Err(ProviderError::PreconditionFailed),
        "a write against an old version is refused"
    );
    let next = p.changes(Some(&cursor)).await.expect("incremental");
    assert_eq!(next.upserts.len(), 1);
    assert_eq!(next.upserts[0].version, upd.version);
    let cursor = next.next.clone().expect("cursor");

    // Changed there: a new version.
    sb.google()
        .edit(CALENDAR_ID, &made.id.0, json!({"summary": "Flyttet"}))
        .expect("edit");
    let edited = p.changes(Some(&cursor)).await.expect("incremental");
    assert_eq!(edited.upserts.len(), 1);
    assert_eq!(edited.upserts[0].content.summary, "Flyttet");
    assert_ne!(edited.upserts[0].version, upd.version);
    let cursor = edited.next.clone().expect("cursor");

    // Found by its booking.
    let found = p.find_by_booking("17").await.expect("find").expect("there");
    assert_eq!(found.id, made.id);
    assert_eq!(found.version, edited.upserts[0].version);
    assert_eq!(p.find_by_booking("99").await.expect("find"), None);

    // Deleted: stale version refused, then gone, then listed as deleted.
    assert_eq!(
        p.delete(&made.id, &upd.version).await,
        Err(ProviderError::PreconditionFailed)
    );
    p.delete(&made.id, &found.version).await.expect("delete");
    assert!(matches!(
        p.delete(&made.id, &found.version).await,
        Err(ProviderError::NotFound(_)) | Err(ProviderError::PreconditionFailed)
    ));
    let gone = p.changes(Some(&cursor)).await.expect("incremental");
    assert_eq!(gone.deletions, vec![made.id.clone()]);
    assert!(gone.upserts.is_empty());
    let cursor = gone.next.clone().expect("cursor");

    // A hand deletion too.
    assert!(sb.google().delete(CALENDAR_ID, &hand.id.0));
    let gone = p.changes(Some(&cursor)).await.expect("incremental");
    assert_eq!(gone.deletions, vec![hand.id.clone()]);
}

#[tokio::test]
async fn a_dead_sync_token_asks_for_a_full_listing() {
    let (sb, p) = provider().await;
    p.create(&booking("1", 7)).await.expect("create");
    let first = p.changes(None).await.expect("full");
    let cursor = first.next.clone().expect("cursor");
    sb.google().set_faults(GoogleFaults {
        invalidate_sync_tokens: true,
        ..GoogleFaults::default()
    });
    assert_eq!(
        p.changes(Some(&cursor)).await,
        Err(ProviderError::ResyncRequired)
    );
    let again = p.changes(None).await.expect("full again");
    assert_eq!(again.upserts.len(), 1);
}

#[tokio::test]
async fn offline_is_transient_and_nothing_is_lost() {
    let (sb, p) = provider().await;
    let first = p.changes(None).await.expect("full");
    let cursor = first.next.clone().expect("cursor");
    sb.go_offline();
    let e = p.create(&booking("5", 9)).await.expect_err("offline");
    assert!(e.is_transient(), "{e:?}");
    assert!(
        p.changes(Some(&cursor))
            .await
            .expect_err("offline")
            .is_transient()
    );
    sb.come_online().expect("online");
    let made = p.create(&booking("5", 9)).await.expect("create");
    let next = p.changes(Some(&cursor)).await.expect("incremental");
    assert_eq!(next.upserts.len(), 1);
    assert_eq!(next.upserts[0].version, made.version);
}

fn weekly(id: &str) -> ItemWrite {
    let mut w = booking(id, 7);
    w.properties.insert("series".into(), "3".into());
    w.recurrence = Some(Recurrence {
        rule: "FREQ=WEEKLY;COUNT=4".into(),
        excluded: vec![When::At(at(21, 8))],
    });
    w.exceptions = vec![Exception {
        original_start: When::At(at(14, 8)),
        content: Content {
            start: When::At(at(14, 12)),
            end: When::At(at(14, 14)),
            ..content("Rengøring flyttet", 14)
        },
    }];
    w
}

#[tokio::test]
async fn a_series_is_one_item_with_its_changed_and_left_out_occurrences() {
    let (sb, p) = provider().await;
    let w = weekly("s3");
    let made = p.create(&w).await.expect("create");
    let first = p.changes(None).await.expect("full");
    assert_eq!(first.upserts.len(), 1, "{first:?}");
    let item = &first.upserts[0];
    assert_eq!(item.id, made.id);
    assert_eq!(item.version, made.version, "own write known by its version");
    assert_eq!(item.recurrence, w.recurrence);
    assert_eq!(item.exceptions, w.exceptions);
    assert_eq!(item.properties.get("series").map(String::as_str), Some("3"));
    let cursor = first.next.clone().expect("cursor");

    // One occurrence changed by hand: the series comes back whole, at a
    // new version, and a write against the old one is refused.
    let inst = format!("{}_20261228T080000Z", made.id.0);
    sb.google()
        .edit(CALENDAR_ID, &inst, json!({"location": "Hos naboen"}))
        .expect("edit instance");
    let next = p.changes(Some(&cursor)).await.expect("incremental");
    assert_eq!(next.upserts.len(), 1, "{next:?}");
    let changed = &next.upserts[0];
    assert_ne!(changed.version, made.version);
    assert_eq!(changed.exceptions.len(), 2);
    assert_eq!(changed.exceptions[1].content.location, "Hos naboen");
    assert_eq!(changed.recurrence, w.recurrence);
    assert_eq!(
        p.update(&made.id, &made.version, &w).await,
        Err(ProviderError::PreconditionFailed)
    );
    let cursor = next.next.clone().expect("cursor");

    // Written against what is there: the hand change is taken back to the
    // rule, the moved occurrence put back, and the listing agrees.
    let mut w2 = weekly("s3");
    w2.exceptions.clear();
    let upd = p
        .update(&made.id, &changed.version, &w2)
        .await
        .expect("update");
    let back = p.find_by_booking("s3").await.expect("find").expect("there");
    assert_eq!(back.version, upd.version);
    assert!(back.exceptions.is_empty(), "{:?}", back.exceptions);
    let after = p.changes(Some(&cursor)).await.expect("incremental");
    let listed = after
        .upserts
        .iter()
        .find(|i| i.id == made.id)
        .expect("listed");
    assert_eq!(listed.version, upd.version);

    p.delete(&made.id, &upd.version).await.expect("delete");
    let cursor = after.next.clone().expect("cursor");
    let gone = p.changes(Some(&cursor)).await.expect("incremental");
    assert!(gone.deletions.contains(&made.id), "{gone:?}");
    assert!(gone.upserts.is_empty(), "{gone:?}");
}
