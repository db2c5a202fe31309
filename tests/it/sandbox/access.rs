//! Calendars must exist and be shared; readers cannot write; events move
//! between calendars; cancelled events are purged; quota.

use super::*;

const TEAM: &str = "team@renos.test";
const NOBODY: &str = "nobody@renos.test";

#[tokio::test]
async fn unknown_calendars_answer_404_and_known_ones_can_be_probed() {
    let fx = Fx::new().await;
    let (status, body) = fx.list_in(NOBODY, &[]).await;
    assert_eq!((status, reason(&body)), (StatusCode::NOT_FOUND, "notFound"));
    assert_eq!(body["error"]["message"], "Not Found");
    let (status, _) = fx
        .call(
            reqwest::Method::POST,
            &fx.events_of(NOBODY),
            Some(booking("abcde1", 9)),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let base = fx.sb.google_base_url();
    let (status, cal) = fx
        .call(
            reqwest::Method::GET,
            &format!("{base}calendars/{CALENDAR_ID}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{cal}");
    assert_eq!(cal["kind"], "calendar#calendar");
    assert_eq!(cal["id"], CALENDAR_ID);
    assert_eq!(cal["timeZone"], "Europe/Copenhagen");
    let entry = |cal: &str| format!("{base}users/me/calendarList/{cal}");
    let (status, e) = fx
        .call(reqwest::Method::GET, &entry(CALENDAR_ID), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{e}");
    assert_eq!(e["kind"], "calendar#calendarListEntry");
    assert_eq!(e["accessRole"], "owner");
    let (status, _) = fx.call(reqwest::Method::GET, &entry(NOBODY), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    fx.sb.google().add_calendar(TEAM, CalendarRole::Reader);
    let (_, e) = fx.call(reqwest::Method::GET, &entry(TEAM), None).await;
    assert_eq!(e["accessRole"], "reader");
    assert_eq!(fx.sb.google().stats().calendar, 4);
}

#[tokio::test]
async fn readers_cannot_write() {
    let fx = Fx::new().await;
    let google = fx.sb.google();
    google.add_calendar(TEAM, CalendarRole::Reader);
    let ev = google.create(TEAM, booking("delt00001", 9));
    assert_eq!(ev["id"], "delt00001", "{ev}");
    let (status, body) = fx.list_in(TEAM, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["accessRole"], "reader");
    assert_eq!(body["items"].as_array().map(Vec::len), Some(1));
    let one = format!("{}/delt00001", fx.events_of(TEAM));
    for (method, url, body) in [
        (
            reqwest::Method::POST,
            fx.events_of(TEAM),
            Some(booking("delt00002", 10)),
        ),
        (
            reqwest::Method::PATCH,
            one.clone(),
            Some(json!({"summary": "x"})),
        ),
        (
            reqwest::Method::PUT,
            one.clone(),
            Some(booking("delt00001", 9)),
        ),
        (reqwest::Method::DELETE, one.clone(), None),
        (
            reqwest::Method::POST,
            format!("{one}/move?destination={CALENDAR_ID}"),
            None,
        ),
    ] {
        let (status, answer) = fx.call(method.clone(), &url, body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {url}: {answer}");
        assert_eq!(reason(&answer), "requiredAccessLevel");
        assert_eq!(
            answer["error"]["message"],
            "You need to have writer access to this calendar."
        );
    }
    let (status, _) = fx.call(reqwest::Method::GET, &one, None).await;
    assert_eq!(status, StatusCode::OK);
    // A writer may.
    google.add_calendar(TEAM, CalendarRole::Writer);
    let (status, _) = fx
        .call(
            reqwest::Method::POST,
            &fx.events_of(TEAM),
            Some(booking("delt00002", 10)),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_moved_event_leaves_a_cancelled_copy_behind() {
    let fx = Fx::new().await;
    fx.sb.google().add_calendar(TEAM, CalendarRole::Writer);
    let (status, _) = fx.insert(booking("flot00001", 9)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, sync, _) = fx.drain(&[("showDeleted", "true")]).await;
    let url = format!("{}/move?destination={TEAM}", fx.event("flot00001"));
    let (status, moved) = fx.call(reqwest::Method::POST, &url, None).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["id"], "flot00001");
    assert_eq!(moved["organizer"]["email"], TEAM);
    assert_eq!(moved["status"], "confirmed");
    // There: the event, found by its private property too.
    let (items, _, _) = fx
        .drain_in(
            TEAM,
            &[("privateExtendedProperty", "renos_booking=flot00001")],
        )
        .await;
    assert_eq!(ids(&items), ["flot00001"]);
    // Here: a cancelled copy.
    let (status, left) = fx
        .call(reqwest::Method::GET, &fx.event("flot00001"), None)
        .await;
    assert_eq!(
        (status, left["status"].as_str()),
        (StatusCode::OK, Some("cancelled"))
    );
    let (items, _, _) = fx.drain(&[]).await;
    assert!(items.is_empty(), "{items:?}");
    let (items, _, _) = fx.drain(&[("showDeleted", "true")]).await;
    assert_eq!(items[0]["status"], "cancelled");
    let (items, _, _) = fx.drain(&[("syncToken", &sync)]).await;
    assert_eq!(
        items,
        [json!({
            "kind": "calendar#event",
            "etag": left["etag"],
            "id": "flot00001",
            "status": "cancelled",
        })]
    );
    // Moving again from here: gone. Moving back: fine.
    let (status, _) = fx.call(reqwest::Method::POST, &url, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let back = format!(
        "{}/flot00001/move?destination={CALENDAR_ID}",
        fx.events_of(TEAM)
    );
    let (status, body) = fx.call(reqwest::Method::POST, &back, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Only default events move; the destination must exist.
    let ooo = fx
        .sb
        .google()
        .create_typed(CALENDAR_ID, "outOfOffice", booking("ferie00001", 8));
    assert_eq!(ooo["eventType"], "outOfOffice");
    let url = format!("{}/move?destination={TEAM}", fx.event("ferie00001"));
    let (status, _) = fx.call(reqwest::Method::POST, &url, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let url = format!("{}/move?destination={NOBODY}", fx.event("flot00001"));
    let (status, _) = fx.call(reqwest::Method::POST, &url, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(fx.sb.google().stats().move_event, 5);
}

#[tokio::test]
async fn purged_events_are_gone_for_good() {
    let fx = Fx::new().await;
    for id in ["purge0001", "purge0002"] {
        let (status, _) = fx.insert(booking(id, 9)).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (_, before, _) = fx.drain(&[("showDeleted", "true")]).await;
    let (status, _) = fx
        .call(reqwest::Method::DELETE, &fx.event("purge0001"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // A client that saw the deletion keeps its token; one whose token is
    // older could have missed it and must list everything again (410).
    let (items, sync, _) = fx.drain(&[("syncToken", &before)]).await;
    assert_eq!(ids(&items), ["purge0001"]);
    assert_eq!(fx.sb.google().purge_cancelled(), 1);
    let (status, body) = fx.list(&[("syncToken", &before)]).await;
    assert_eq!((status.as_u16(), reason(&body)), (410, "fullSyncRequired"));
    for method in [reqwest::Method::GET, reqwest::Method::DELETE] {
        let (status, body) = fx.call(method, &fx.event("purge0001"), None).await;
        assert_eq!((status, reason(&body)), (StatusCode::NOT_FOUND, "notFound"));
    }
    let (status, _) = fx
        .call(
            reqwest::Method::PATCH,
            &fx.event("purge0001"),
            Some(json!({"summary": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (items, _, _) = fx.drain(&[("syncToken", &sync)]).await;
    assert!(items.is_empty(), "{items:?}");
    // The id stays taken.
    let (status, body) = fx.insert(booking("purge0001", 9)).await;
    assert_eq!((status, reason(&body)), (StatusCode::CONFLICT, "duplicate"));
    let (items, _, _) = fx.drain(&[("showDeleted", "true")]).await;
    assert_eq!(ids(&items), ["purge0002"]);
}

#[tokio::test]
async fn over_the_quota_answers_403() {
    let fx = Fx::new().await;
    let google = fx.sb.google();
    google.set_faults(GoogleFaults {
        quota_per_minute: Some(3),
        ..GoogleFaults::default()
    });
    for _ in 0..3 {
        let (status, _) = fx.list(&[]).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, body) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(reason(&body), "rateLimitExceeded");
    assert_eq!(body["error"]["errors"][0]["domain"], "usageLimits");
    assert_eq!(google.stats().quota_refused, 1);
    google.set_quota(None);
    let (status, _) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::OK);
    google.set_faults(GoogleFaults {
        quota_exceeded_for: Some(Duration::from_secs(600)),
        ..GoogleFaults::default()
    });
    for _ in 0..2 {
        let (status, body) = fx.list(&[]).await;
        assert_eq!(
            (status, reason(&body)),
            (StatusCode::FORBIDDEN, "quotaExceeded")
        );
    }
    assert_eq!(google.stats().quota_refused, 3);
    google.clear_faults();
    let (status, _) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_admin_endpoints_reach_the_new_helpers() {
    let fx = Fx::new().await;
    let admin = format!("{}/admin/google", fx.sb.url());
    let http = &fx.http;
    let resp = http
        .put(format!("{admin}/calendars/{TEAM}"))
        .json(&json!({"role": "writer"}))
        .send()
        .await
        .expect("answer");
    assert_eq!(resp.status(), StatusCode::OK);
    let (status, body) = fx.list_in(TEAM, &[]).await;
    assert_eq!(
        (status, body["accessRole"].as_str()),
        (StatusCode::OK, Some("writer"))
    );
    let (status, _) = fx.insert(booking("admin0001", 9)).await;
    assert_eq!(status, StatusCode::OK);
    let moved: Value = http
        .post(format!(
            "{admin}/calendars/{CALENDAR_ID}/events/admin0001/move?destination={TEAM}"
        ))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    assert_eq!(moved["organizer"]["email"], TEAM);
    let purged: Value = http
        .post(format!("{admin}/purge"))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    assert_eq!(purged["purged"], 1);
    let resp = http
        .post(format!("{admin}/page-tokens/expire"))
        .send()
        .await
        .expect("answer");
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let series = fx.sb.google().create_recurring(
        CALENDAR_ID,
        json!({
            "id": "serie0001",
            "start": {"date": "2026-12-01"},
            "end": {"date": "2026-12-02"},
        }),
        &["RRULE:FREQ=WEEKLY;COUNT=3"],
    );
    assert_eq!(series["id"], "serie0001", "{series}");
    let inst: Value = http
        .get(format!(
            "{admin}/calendars/{CALENDAR_ID}/events/serie0001/instances"
        ))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    assert_eq!(inst["items"].as_array().map(Vec::len), Some(3));
}
