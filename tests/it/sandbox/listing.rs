//! Listings read the live calendar; page tokens remember the query and
//! expire; `eventTypes` filters.

use super::*;

async fn seed(fx: &Fx, n: u32) {
    for i in 0..n {
        let (status, body) = fx.insert(booking(&format!("seed{i:04}"), 8 + i % 8)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}

#[tokio::test]
async fn pages_read_the_live_calendar_and_the_sync_token_covers_the_listing() {
    let fx = Fx::new().await;
    seed(&fx, 6).await;
    let (status, first) = fx.list(&[("maxResults", "2")]).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(
        ids(first["items"].as_array().expect("items")),
        ["seed0000", "seed0001"]
    );
    let token = first["nextPageToken"].as_str().expect("more").to_string();
    // While paging: one not yet listed is deleted, one is added at the end.
    let (status, _) = fx
        .call(reqwest::Method::DELETE, &fx.event("seed0004"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = fx.insert(booking("vlate0001", 9)).await;
    assert_eq!(status, StatusCode::OK);
    let mut seen = Vec::new();
    let mut page = Some(token);
    let mut sync = String::new();
    for _ in 0..10 {
        let Some(t) = page.take() else { break };
        let (status, body) = fx.list(&[("maxResults", "2"), ("pageToken", &t)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        seen.extend(ids(body["items"].as_array().expect("items")));
        page = body["nextPageToken"].as_str().map(String::from);
        if page.is_none() {
            sync = body["nextSyncToken"]
                .as_str()
                .expect("sync token")
                .to_string();
        }
    }
    assert!(!seen.contains(&"seed0004".to_string()), "{seen:?}");
    assert!(seen.contains(&"seed0005".to_string()), "{seen:?}");
    // The changes made while paging come back in the next incremental sync.
    let (items, _, _) = fx.drain(&[("syncToken", &sync)]).await;
    let changed = ids(&items);
    assert!(changed.contains(&"seed0004".to_string()), "{changed:?}");
    assert!(changed.contains(&"vlate0001".to_string()), "{changed:?}");
    let gone = items
        .iter()
        .find(|e| e["id"] == "seed0004")
        .expect("tombstone");
    assert_eq!(gone["status"], "cancelled");
}

#[tokio::test]
async fn a_page_token_only_goes_with_its_own_query() {
    let fx = Fx::new().await;
    seed(&fx, 5).await;
    let (_, first) = fx.list(&[("maxResults", "2")]).await;
    let token = first["nextPageToken"].as_str().expect("more");
    for other in [
        vec![("maxResults", "3"), ("pageToken", token)],
        vec![("pageToken", token)],
        vec![
            ("maxResults", "2"),
            ("showDeleted", "true"),
            ("pageToken", token),
        ],
    ] {
        let (status, body) = fx.list(&other).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{other:?}: {body}");
        assert_eq!(reason(&body), "invalid");
        assert_eq!(body["error"]["message"], "Invalid page token value.");
    }
    let (status, body) = fx.list(&[("maxResults", "2"), ("pageToken", token)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        ids(body["items"].as_array().expect("items")),
        ["seed0002", "seed0003"]
    );
}

#[tokio::test]
async fn page_tokens_expire() {
    let fx = Fx::new().await;
    seed(&fx, 3).await;
    let google = fx.sb.google();
    // A full listing: 400 once its page tokens are gone.
    let (_, first) = fx.list(&[("maxResults", "1")]).await;
    let token = first["nextPageToken"].as_str().expect("more").to_string();
    google.expire_page_tokens();
    let (status, body) = fx.list(&[("maxResults", "1"), ("pageToken", &token)]).await;
    assert_eq!(
        (status, reason(&body)),
        (StatusCode::BAD_REQUEST, "invalid"),
        "{body}"
    );

    // An incremental one: 410, start over with a full sync.
    let (_, _, _) = fx.drain(&[]).await;
    let (_, sync, _) = fx.drain(&[]).await;
    seed_more(&fx).await;
    let (status, first) = fx.list(&[("maxResults", "1"), ("syncToken", &sync)]).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let token = first["nextPageToken"].as_str().expect("more").to_string();
    google.expire_page_tokens();
    let (status, body) = fx
        .list(&[
            ("maxResults", "1"),
            ("syncToken", &sync),
            ("pageToken", &token),
        ])
        .await;
    assert_eq!(
        (status, reason(&body)),
        (StatusCode::GONE, "fullSyncRequired"),
        "{body}"
    );

    // Tokens also age out.
    google.set_page_token_ttl(Duration::from_millis(0));
    let (_, first) = fx.list(&[("maxResults", "1")]).await;
    let token = first["nextPageToken"].as_str().expect("more").to_string();
    tokio::time::sleep(Duration::from_millis(5)).await;
    let (status, _) = fx.list(&[("maxResults", "1"), ("pageToken", &token)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    google.set_page_token_ttl(Duration::from_secs(3600));
    let (_, first) = fx.list(&[("maxResults", "1")]).await;
    let token = first["nextPageToken"].as_str().expect("more").to_string();
    let (status, _) = fx.list(&[("maxResults", "1"), ("pageToken", &token)]).await;
    assert_eq!(status, StatusCode::OK);
}

async fn seed_more(fx: &Fx) {
    for id in ["more00001", "more00002"] {
        let (status, _) = fx.insert(booking(id, 10)).await;
        assert_eq!(status, StatusCode::OK);
    }
}

fn span(day: u32) -> Value {
    json!({
        "summary": format!("dag {day}"),
        "start": {"dateTime": format!("2026-11-{day:02}T09:00:00Z")},
        "end": {"dateTime": format!("2026-11-{day:02}T10:00:00Z")},
    })
}

#[tokio::test]
async fn every_event_type_is_listed_unless_event_types_says_otherwise() {
    let fx = Fx::new().await;
    let google = fx.sb.google();
    for (day, kind) in [
        (2, "outOfOffice"),
        (3, "focusTime"),
        (4, "birthday"),
        (5, "workingLocation"),
        (6, "fromGmail"),
    ] {
        let ev = google.create_typed(CALENDAR_ID, kind, span(day));
        assert_eq!(ev["eventType"], kind, "{ev}");
    }
    let (status, ev) = fx.insert(span(7)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ev["eventType"], "default");
    let (items, _, _) = fx.drain(&[]).await;
    assert_eq!(items.len(), 6);
    let (items, _, _) = fx
        .drain(&[("eventTypes", "outOfOffice"), ("eventTypes", "default")])
        .await;
    let mut kinds: Vec<_> = items.iter().map(|e| e["eventType"].clone()).collect();
    kinds.sort_by_key(|k| k.to_string());
    assert_eq!(kinds, [json!("default"), json!("outOfOffice")]);
    let (status, body) = fx.list(&[("eventTypes", "holiday")]).await;
    assert_eq!(
        (status, reason(&body)),
        (StatusCode::BAD_REQUEST, "invalid")
    );
    // The API makes focus time, but no birthdays.
    let mut b = span(8);
    b["eventType"] = json!("focusTime");
    let (status, ev) = fx.insert(b).await;
    assert_eq!(
        (status, ev["eventType"].as_str()),
        (StatusCode::OK, Some("focusTime"))
    );
    let mut b = span(9);
    b["eventType"] = json!("birthday");
    let (status, _) = fx.insert(b).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
