//! The seam's event-level calls (`EventCalendar`, as the sync engine holds
//! the shared calendars) against the sandbox's Google Calendar fake: each
//! case the engine acts on comes back as its own `ProviderError`.

use chrono::Duration;
use serde_json::json;

use super::{at, google};
use renos::providers::calendar::ProviderError;
use renos::providers::calendar::events::{
    EventAccount, EventCalendar, EventStatus, EventWrite, ListQuery,
};
use renos::providers::google::{GoogleAccount, GoogleClient};
use renos::sandbox::{CALENDAR_ID, GoogleFaults};

fn write(summary: &str) -> EventWrite {
    let start = at(10, 9);
    EventWrite {
        summary: summary.into(),
        description: String::new(),
        location: String::new(),
        start,
        end: start + Duration::hours(2),
        time_zone: "Europe/Copenhagen".into(),
        status: EventStatus::Confirmed,
        private: [("renos_booking".to_string(), "7".to_string())].into(),
        recurrence: Vec::new(),
    }
}

async fn calendar(g: &google::Google) -> std::sync::Arc<dyn EventCalendar> {
    let client: GoogleClient = g.new_client().await;
    GoogleAccount::new(client).calendar(CALENDAR_ID)
}

#[tokio::test]
async fn a_create_repeated_meets_the_first_and_the_event_reads_back() {
    let g = google::calendar().await;
    let cal = calendar(&g).await;
    assert_eq!(cal.calendar_id(), CALENDAR_ID);
    let made = cal
        .insert_event("renos7", &write("Madsen"))
        .await
        .expect("insert");
    assert_eq!(made.id, "renos7");
    let again = cal.insert_event("renos7", &write("Madsen")).await;
    assert_eq!(again, Err(ProviderError::AlreadyExists));
    let read = cal.get_event("renos7").await.expect("get");
    assert_eq!(read.summary, "Madsen");
    assert_eq!(
        read.private.get("renos_booking").map(String::as_str),
        Some("7")
    );
}

#[tokio::test]
async fn a_write_at_an_old_version_is_refused_and_a_deleted_event_is_gone() {
    let g = google::calendar().await;
    let cal = calendar(&g).await;
    let made = cal
        .insert_event("renos8", &write("Madsen"))
        .await
        .expect("insert");
    let old = made.etag.clone().expect("etag");
    // Someone else changes it in Google Calendar.
    g.sandbox()
        .google()
        .edit(CALENDAR_ID, "renos8", json!({"location": "Vestergade 1"}))
        .expect("edit");
    let stale = cal
        .patch_event("renos8", Some(&old), &write("Madsen, 2 timer"))
        .await;
    assert_eq!(stale, Err(ProviderError::PreconditionFailed));
    let kept = cal.get_event("renos8").await.expect("get");
    assert_eq!(kept.location, "Vestergade 1", "nothing written over");
    let stale_delete = cal.delete_event("renos8", Some(&old)).await;
    assert_eq!(stale_delete, Err(ProviderError::PreconditionFailed));
    cal.delete_event("renos8", kept.etag.as_deref())
        .await
        .expect("delete at the version seen");
    match cal.get_event("renos8").await {
        Ok(ev) => assert_eq!(ev.status, EventStatus::Cancelled),
        Err(e) => assert!(e.is_gone(), "{e:?}"),
    }
    let twice = cal.delete_event("renos8", None).await;
    assert!(
        matches!(&twice, Err(e) if e.is_gone()),
        "a second delete: {twice:?}"
    );
    let never = cal.get_event("nosuchevent").await;
    assert!(matches!(&never, Err(e) if e.is_gone()), "{never:?}");
}

#[tokio::test]
async fn listing_tells_a_refused_page_token_from_a_dead_sync_token() {
    let g = google::calendar().await;
    let cal = calendar(&g).await;
    for i in 0..3 {
        cal.insert_event(&format!("renos{i}a"), &write("Madsen"))
            .await
            .expect("insert");
    }
    let first = ListQuery {
        max_results: Some(1),
        ..ListQuery::default()
    };
    let page = cal.list_events(&first).await.expect("page 1");
    let token = page.next_page_token.expect("more pages");
    g.sandbox().google().expire_page_tokens();
    let next = ListQuery {
        page_token: Some(token),
        ..first.clone()
    };
    assert_eq!(
        cal.list_events(&next).await,
        Err(ProviderError::PageExpired)
    );
    // A whole listing, then its sync token made invalid.
    let mut q = ListQuery::default();
    let sync = loop {
        let page = cal.list_events(&q).await.expect("page");
        match page.next_page_token {
            Some(t) => q.page_token = Some(t),
            None => break page.next_sync_token.expect("sync token"),
        }
    };
    g.sandbox().google().set_faults(GoogleFaults {
        invalidate_sync_tokens: true,
        ..GoogleFaults::default()
    });
    let incremental = ListQuery {
        sync_token: Some(sync),
        ..ListQuery::default()
    };
    assert_eq!(
        cal.list_events(&incremental).await,
        Err(ProviderError::ResyncRequired)
    );
}

#[tokio::test]
async fn a_server_that_keeps_failing_is_a_server_error_worth_trying_again() {
    let g = google::calendar().await;
    let cal = calendar(&g).await;
    g.sandbox().google().set_faults(GoogleFaults {
        server_error: 50,
        ..GoogleFaults::default()
    });
    let failed = cal.get_event("renos1").await;
    assert!(
        matches!(&failed, Err(ProviderError::Server { status: 500, .. })),
        "{failed:?}"
    );
    assert!(
        failed
            .as_ref()
            .err()
            .is_some_and(ProviderError::is_transient)
    );
}
