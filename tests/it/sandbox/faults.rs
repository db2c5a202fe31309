//! Faults on purpose: rate limits, server errors, lost connections, latency.

use super::*;

#[tokio::test]
async fn rate_limits_and_server_errors_are_not_processed() {
    let fx = Fx::new().await;
    let google = fx.sb.google();
    google.set_faults(GoogleFaults {
        rate_limit: 1,
        retry_after_secs: Some(7),
        ..GoogleFaults::default()
    });
    let resp = fx
        .req(reqwest::Method::POST, &fx.events())
        .json(&booking("ev001", 9))
        .send()
        .await
        .expect("answer");
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        resp.headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("7")
    );
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["error"]["errors"][0]["reason"], "rateLimitExceeded");
    assert_eq!(body["error"]["errors"][0]["domain"], "usageLimits");

    google.set_faults(GoogleFaults {
        rate_limit: 1,
        rate_limit_403: true,
        server_error: 1,
        ..GoogleFaults::default()
    });
    let (status, body) = fx.insert(booking("ev001", 9)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["error"]["errors"][0]["reason"],
        "userRateLimitExceeded"
    );
    let (status, body) = fx.insert(booking("ev001", 9)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["error"]["errors"][0]["reason"], "backendError");
    assert!(google.events(CALENDAR_ID).is_empty());
    let (status, _) = fx.insert(booking("ev001", 9)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(google.stats().insert, 4);
    assert_eq!(google.stats().calendar_calls(), 4);
}

#[tokio::test]
async fn drop_after_commits_but_the_answer_is_lost() {
    let fx = Fx::new().await;
    let google = fx.sb.google();
    google.set_faults(GoogleFaults {
        drop_after: 2,
        ..GoogleFaults::default()
    });
    let outcome = fx
        .req(reqwest::Method::POST, &fx.events())
        .json(&booking("ev001", 9))
        .send()
        .await;
    let resp = outcome.expect("the head arrives");
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        resp.bytes().await.is_err(),
        "the body must not arrive whole"
    );
    assert_eq!(ids(&google.events(CALENDAR_ID)), ["ev001"]);
    // A delete's empty answer is lost whole.
    let outcome = fx
        .req(reqwest::Method::DELETE, &fx.event("ev001"))
        .send()
        .await;
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(google.events(CALENDAR_ID)[0]["status"], "cancelled");
    // The retry learns what happened.
    let (status, _) = fx.insert(booking("ev001", 9)).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn drop_before_does_not_commit() {
    let fx = Fx::new().await;
    let google = fx.sb.google();
    google.set_faults(GoogleFaults {
        drop_before: 1,
        ..GoogleFaults::default()
    });
    let outcome = fx
        .req(reqwest::Method::POST, &fx.events())
        .json(&booking("ev001", 9))
        .send()
        .await;
    let err = outcome.expect_err("no answer");
    assert!(err.status().is_none());
    assert!(google.events(CALENDAR_ID).is_empty());
    assert_eq!(google.stats().insert, 1);
    let (status, _) = fx.insert(booking("ev001", 9)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn offline_then_online_keeps_the_state() {
    let fx = Fx::new().await;
    fx.insert(booking("ev001", 9)).await;
    fx.sb.go_offline();
    let err = http().get(fx.events()).send().await.expect_err("offline");
    assert!(err.is_connect(), "{err:?}");
    assert!(
        fx.req(reqwest::Method::GET, &fx.events())
            .send()
            .await
            .is_err()
    );
    fx.sb.go_offline();
    fx.sb.come_online().expect("online");
    fx.sb.come_online().expect("already online");
    let (status, body) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(body["items"].as_array().expect("items")), ["ev001"]);
}

#[tokio::test]
async fn latency_and_concurrent_connections() {
    let fx = Fx::new().await;
    fx.sb.google().set_faults(GoogleFaults {
        latency_ms: 150,
        ..GoogleFaults::default()
    });
    let started = Instant::now();
    let calls = (0..12u32).map(|i| fx.insert(booking(&format!("ev{i:03}"), 8)));
    let answers = futures::future::join_all(calls).await;
    assert!(answers.iter().all(|(s, _)| *s == StatusCode::OK));
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(150));
    assert!(
        took < Duration::from_millis(1500),
        "calls were served one by one: {took:?}"
    );
    assert_eq!(fx.sb.google().events(CALENDAR_ID).len(), 12);
}
