//! Tokens, the event calls, paging and sync tokens, the admin endpoints.

use super::*;

#[tokio::test]
async fn token_endpoint_checks_the_jwt() {
    let sb = Sandbox::start(local()).expect("sandbox");
    let http = http();
    for (padded, sub) in [(true, json!(null)), (false, json!(IMPERSONATED_USER))] {
        let (status, body) = token_answer(&http, &sb, &jwt(&claims(&sb, sub), padded)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 3599);
        assert!(body["access_token"].as_str().is_some_and(|t| !t.is_empty()));
    }
    let good = jwt(&claims(&sb, json!(null)), false);
    let (head, sig) = good.rsplit_once('.').expect("jwt");
    let flipped = if sig.starts_with('A') { "B" } else { "A" };
    let tampered = format!("{head}.{flipped}{}", &sig[1..]);
    let (status, body) = token_answer(&http, &sb, &tampered).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(body["error_description"], "Invalid JWT Signature.");

    let mut c = claims(&sb, json!(null));
    c["iss"] = json!("intruder@evil.iam.gserviceaccount.com");
    let (status, body) = token_answer(&http, &sb, &jwt(&c, true)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );

    let resp = http
        .post(sb.token_uri())
        .form(&[("grant_type", "password"), ("assertion", good.as_str())])
        .send()
        .await
        .expect("answer");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(sb.google().stats().token, 5);
}

#[tokio::test]
async fn calendar_calls_need_a_live_token() {
    let fx = Fx::new().await;
    let resp = fx.http.get(fx.events()).send().await.expect("answer");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["error"]["errors"][0]["reason"], "authError");
    assert_eq!(body["error"]["status"], "UNAUTHENTICATED");
    let (status, _) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::OK);
    fx.sb.google().set_faults(GoogleFaults {
        expire_tokens: true,
        ..GoogleFaults::default()
    });
    let (status, body) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"]["code"], 401);
    // A new token works again; the one-shot is not kept.
    let token = new_token(&fx.http, &fx.sb).await;
    let fresh = Fx { token, ..fx };
    let (status, _) = fresh.list(&[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fresh.sb.google().faults(), GoogleFaults::default());
    assert_eq!(fresh.sb.google().stats().list, 4);
}

#[tokio::test]
async fn client_ids_are_checked_and_unique() {
    let fx = Fx::new().await;
    let (status, ev) = fx.insert(booking("booking00017", 9)).await;
    assert_eq!(status, StatusCode::OK, "{ev}");
    assert_eq!(ev["id"], "booking00017");
    assert_eq!(ev["kind"], "calendar#event");
    assert_eq!(ev["creator"]["email"], IMPERSONATED_USER);
    assert_eq!(ev["start"]["dateTime"], "2026-11-20T10:00:00+01:00");
    assert!(ev["etag"].as_str().is_some_and(|e| e.starts_with('"')));
    let (status, body) = fx.insert(booking("booking00017", 9)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["errors"][0]["reason"], "duplicate");

    let (status, _) = fx
        .send(fx.req(reqwest::Method::DELETE, &fx.event("booking00017")))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = fx.insert(booking("booking00017", 9)).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "a deleted event's id stays taken"
    );

    for bad in ["BOOKING1", "abc", "booking-17", "wxyz0"] {
        let (status, body) = fx.insert(booking(bad, 9)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(body["error"]["errors"][0]["reason"], "invalid");
        assert_eq!(body["error"]["message"], "Invalid resource id value.");
    }
    let mut no_end = booking("abcde", 9);
    no_end.as_object_mut().expect("object").remove("end");
    let (status, body) = fx.insert(no_end).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["errors"][0]["reason"], "required");
    let (status, generated) = fx
        .insert(json!({
            "start": {"date": "2026-11-20"}, "end": {"date": "2026-11-21"},
        }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(generated["id"].as_str().map(str::len), Some(26));
    // Percent-encoded calendar ids reach the same calendar.
    let url = format!(
        "{}calendars/renos%40renos.test/events/booking00017?alt=json&prettyPrint=false",
        fx.sb.google_base_url()
    );
    let (status, got) = fx.send(fx.req(reqwest::Method::GET, &url)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got["status"], "cancelled");
    let (status, body) = fx
        .send(fx.req(reqwest::Method::GET, &fx.event("nosuchevent")))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["errors"][0]["reason"], "notFound");
}

#[tokio::test]
async fn full_and_incremental_sync() {
    let fx = Fx::new().await;
    for i in 0..7u32 {
        let (status, _) = fx.insert(booking(&format!("ev{i:03}"), 8 + i)).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (items, sync, pages) = fx.drain(&[("maxResults", "2")]).await;
    assert_eq!(pages, 4);
    assert_eq!(
        ids(&items),
        [
            "ev000", "ev001", "ev002", "ev003", "ev004", "ev005", "ev006"
        ]
    );

    // Nothing changed: an empty incremental list and a new token.
    let (items, sync, _) = fx.drain(&[("syncToken", &sync)]).await;
    assert!(items.is_empty());

    let (status, _) = fx
        .send(
            fx.req(reqwest::Method::PATCH, &fx.event("ev002"))
                .json(&json!({"summary": "moved"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = fx
        .send(fx.req(reqwest::Method::DELETE, &fx.event("ev005")))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let made = fx
        .sb
        .google()
        .create(CALENDAR_ID, booking("handmade01", 15));
    assert_eq!(made["creator"]["email"], CALENDAR_ID, "{made}");
    let refused = fx.sb.google().create(CALENDAR_ID, booking("byhand", 15));
    assert_eq!(refused["error"]["code"], 400);

    let (items, sync2, _) = fx.drain(&[("syncToken", &sync), ("maxResults", "2")]).await;
    assert_eq!(ids(&items), ["ev002", "ev005", "handmade01"]);
    assert_eq!(items[0]["summary"], "moved");
    let gone = &items[1];
    assert_eq!(gone["status"], "cancelled");
    let keys: Vec<&String> = gone.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["etag", "id", "kind", "status"]);

    // A full list leaves the cancelled one out unless asked.
    let (items, _, _) = fx.drain(&[]).await;
    assert_eq!(items.len(), 7);
    let (items, _, _) = fx.drain(&[("showDeleted", "true")]).await;
    assert_eq!(items.len(), 8);

    // Invalidated tokens answer 410.
    fx.sb.google().set_faults(GoogleFaults {
        invalidate_sync_tokens: true,
        ..GoogleFaults::default()
    });
    let (status, body) = fx.list(&[("syncToken", &sync2)]).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(body["error"]["errors"][0]["reason"], "fullSyncRequired");
    assert_eq!(
        body["error"]["message"],
        "Sync token is no longer valid, a full sync is required."
    );
    let (status, _) = fx.list(&[("syncToken", "not-a-token")]).await;
    assert_eq!(status, StatusCode::GONE);

    let (status, body) = fx
        .list(&[("syncToken", &sync2), ("timeMin", "2026-11-20T00:00:00Z")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["errors"][0]["reason"], "invalid");
    let (status, _) = fx.list(&[("pageToken", "bogus")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn short_pages_still_return_everything() {
    let fx = Fx::new().await;
    for i in 0..9u32 {
        fx.insert(booking(&format!("ev{i:03}"), 8 + i)).await;
    }
    fx.sb.google().set_faults(GoogleFaults {
        short_pages: true,
        ..GoogleFaults::default()
    });
    let (items, sync, pages) = fx.drain(&[("maxResults", "4")]).await;
    assert_eq!(items.len(), 9);
    let mut unique = ids(&items);
    unique.dedup();
    assert_eq!(unique.len(), 9);
    assert!(pages > 3, "{pages} pages");
    fx.sb.google().delete(CALENDAR_ID, "ev004");
    let (items, _, _) = fx.drain(&[("syncToken", &sync), ("maxResults", "4")]).await;
    assert_eq!(ids(&items), ["ev004"]);
}

#[tokio::test]
async fn if_match_and_double_delete() {
    let fx = Fx::new().await;
    let (_, ev) = fx.insert(booking("ev001", 9)).await;
    let etag = ev["etag"].as_str().expect("etag").to_string();
    fx.sb
        .google()
        .edit(CALENDAR_ID, "ev001", json!({"location": "Vesterbro"}))
        .expect("edited by hand");
    let (status, body) = fx
        .send(
            fx.req(reqwest::Method::PATCH, &fx.event("ev001"))
                .header("If-Match", &etag)
                .json(&json!({"summary": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(body["error"]["errors"][0]["reason"], "conditionNotMet");
    let (_, now) = fx
        .send(fx.req(reqwest::Method::GET, &fx.event("ev001")))
        .await;
    let fresh = now["etag"].as_str().expect("etag");
    let (status, patched) = fx
        .send(
            fx.req(reqwest::Method::PATCH, &fx.event("ev001"))
                .header("If-Match", fresh)
                .json(&json!({"summary": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(patched["location"], "Vesterbro");
    assert_eq!(
        patched["extendedProperties"]["private"]["renos_booking"],
        "ev001"
    );

    let mut put = booking("ev001", 10);
    put.as_object_mut()
        .expect("object")
        .remove("extendedProperties");
    let (status, _) = fx
        .send(
            fx.req(reqwest::Method::PUT, &fx.event("ev001"))
                .header("If-Match", fresh)
                .json(&put),
        )
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    let (status, replaced) = fx
        .send(fx.req(reqwest::Method::PUT, &fx.event("ev001")).json(&put))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(replaced.get("extendedProperties").is_none());
    assert!(replaced.get("location").is_none());
    assert_eq!(replaced["sequence"], 1);

    let (status, _) = fx
        .send(fx.req(reqwest::Method::DELETE, &fx.event("ev001")))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = fx
        .send(fx.req(reqwest::Method::DELETE, &fx.event("ev001")))
        .await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(body["error"]["errors"][0]["reason"], "deleted");
    let stats = fx.sb.google().stats();
    assert_eq!((stats.patch, stats.update, stats.delete), (2, 2, 2));
}

#[tokio::test]
async fn admin_over_http() {
    let fx = Fx::new().await;
    let admin = format!("{}/admin/google", fx.sb.url());
    let cal = format!("{admin}/calendars/{CALENDAR_ID}/events");
    let resp = fx
        .http
        .post(&cal)
        .json(&booking("handmade01", 9))
        .send()
        .await
        .expect("create");
    assert_eq!(resp.status(), StatusCode::OK);
    let created: Value = resp.json().await.expect("json");
    assert_eq!(created["creator"]["email"], CALENDAR_ID);
    let resp = fx
        .http
        .patch(format!("{cal}/handmade01"))
        .json(&json!({"summary": "renamed"}))
        .send()
        .await
        .expect("edit");
    assert_eq!(resp.status(), StatusCode::OK);
    let resp = fx
        .http
        .patch(format!("{cal}/nosuch01"))
        .json(&json!({}))
        .send()
        .await
        .expect("edit");
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let resp = fx
        .http
        .delete(format!("{cal}/handmade01"))
        .send()
        .await
        .expect("delete");
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let listed: Value = fx
        .http
        .get(&cal)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    assert_eq!(listed["items"][0]["status"], "cancelled");
    assert_eq!(listed["items"][0]["summary"], "renamed");

    let resp = fx
        .http
        .put(format!("{admin}/faults"))
        .json(&json!({"server_error": 1}))
        .send()
        .await
        .expect("faults");
    assert_eq!(resp.status(), StatusCode::OK);
    // Faults never touch the admin side.
    assert_eq!(
        fx.http.get(&cal).send().await.expect("list").status(),
        StatusCode::OK
    );
    let (status, _) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    fx.http
        .put(format!("{admin}/faults"))
        .json(&json!({"rate_limit": 5}))
        .send()
        .await
        .expect("faults");
    fx.http
        .delete(format!("{admin}/faults"))
        .send()
        .await
        .expect("clear");
    let (status, _) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::OK);

    let stats: Value = fx
        .http
        .get(format!("{admin}/stats"))
        .send()
        .await
        .expect("stats")
        .json()
        .await
        .expect("json");
    assert_eq!(stats["list"], 2);
    fx.http
        .delete(format!("{admin}/stats"))
        .send()
        .await
        .expect("reset stats");
    assert_eq!(fx.sb.google().stats().calendar_calls(), 0);

    let resp = fx
        .http
        .post(format!("{}/admin/reset", fx.sb.url()))
        .send()
        .await
        .expect("reset");
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert!(fx.sb.google().events(CALENDAR_ID).is_empty());
    let (status, _) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "reset forgets the tokens");
}
