//! A sync listing the server cuts short (RFC 6578 3.6: 507 on the
//! request-URI), which Radicale never does: a small loopback server that
//! answers in two rounds.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use renos::providers::caldav::CalDavCalendar;
use renos::providers::calendar::CalendarProvider;

fn multistatus(inner: &str) -> Response {
    (
        StatusCode::MULTI_STATUS,
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        format!(r#"<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">{inner}</d:multistatus>"#),
    )
        .into_response()
}

fn etag(href: &str, etag: &str) -> String {
    format!(
        "<d:response><d:href>{href}</d:href><d:propstat><d:prop><d:getetag>{etag}</d:getetag>\
         </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    )
}

fn data(href: &str, uid: &str) -> String {
    let ics = super::foreign(uid, uid);
    format!(
        "<d:response><d:href>{href}</d:href><d:propstat><d:prop><d:getetag>\"{uid}\"</d:getetag>\
         <c:calendar-data>{ics}</c:calendar-data></d:prop>\
         <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    )
}

async fn answer(seen: Arc<Mutex<Vec<String>>>, method: Method, body: Bytes) -> Response {
    let body = String::from_utf8_lossy(&body).into_owned();
    seen.lock().unwrap().push(body.clone());
    if method.as_str() != "REPORT" {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    if body.contains("calendar-multiget") {
        return multistatus(&format!(
            "{}{}",
            data("/cal/a.ics", "a"),
            data("/cal/b.ics", "b")
        ));
    }
    if body.contains("<d:sync-token></d:sync-token>") {
        return multistatus(&format!(
            "{}<d:response><d:href>/cal/</d:href>\
             <d:status>HTTP/1.1 507 Insufficient Storage</d:status></d:response>\
             <d:sync-token>t1</d:sync-token>",
            etag("/cal/a.ics", "\"a\"")
        ));
    }
    if body.contains("<d:sync-token>t1</d:sync-token>") {
        return multistatus(&format!(
            "{}<d:response><d:href>/cal/gone.ics</d:href>\
             <d:status>HTTP/1.1 404 Not Found</d:status></d:response>\
             <d:sync-token>t2</d:sync-token>",
            etag("/cal/b.ics", "\"b\"")
        ));
    }
    StatusCode::BAD_REQUEST.into_response()
}

#[tokio::test]
async fn a_truncated_listing_continues_from_its_token() {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = seen.clone();
    let app = axum::Router::new().fallback(move |method: Method, body: Bytes| {
        let log = log.clone();
        async move { answer(log, method, body).await }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let c =
        CalDavCalendar::new(super::settings(&format!("http://{addr}/cal/"), "anna", "x")).unwrap();
    let listed = c.changes(None).await.unwrap();
    let mut ids: Vec<&str> = listed.upserts.iter().map(|i| i.id.0.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["/cal/a.ics", "/cal/b.ics"]);
    assert_eq!(listed.deletions.len(), 1);
    assert_eq!(listed.deletions[0].0, "/cal/gone.ics");
    assert_eq!(listed.next.as_ref().map(|c| c.0.as_str()), Some("t2"));
    // Two sync rounds, then one fetch of both items.
    assert_eq!(seen.lock().unwrap().len(), 3);
}
