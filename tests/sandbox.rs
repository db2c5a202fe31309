//! The sandbox's Google Calendar fake over real HTTP: tokens, the event
//! calls, paging and sync tokens, faults, going offline, and `renos sandbox`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
use renos::sandbox::{
    CALENDAR_ID, CLIENT_EMAIL, Faults, IMPERSONATED_USER, Sandbox, TEST_KEY_PEM, key_json,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

const SCOPE: &str = "https://www.googleapis.com/auth/calendar";

fn local() -> SocketAddr {
    "127.0.0.1:0".parse().expect("addr")
}

fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// A JWT signed with the test key, base64url with or without padding.
fn jwt(claims: &Value, padded: bool) -> String {
    let engine = if padded { URL_SAFE } else { URL_SAFE_NO_PAD };
    let b64: String = TEST_KEY_PEM
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let der = STANDARD.decode(b64).expect("pem");
    let pair = ring::signature::RsaKeyPair::from_pkcs8(&der).expect("key");
    let head = json!({"alg": "RS256", "typ": "JWT"});
    let mut out = format!(
        "{}.{}",
        engine.encode(head.to_string()),
        engine.encode(claims.to_string())
    );
    let mut sig = vec![0; pair.public().modulus_len()];
    pair.sign(
        &ring::signature::RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        out.as_bytes(),
        &mut sig,
    )
    .expect("sign");
    out.push('.');
    out.push_str(&engine.encode(sig));
    out
}

fn claims(sb: &Sandbox, sub: Value) -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({
        "iss": CLIENT_EMAIL,
        "aud": sb.token_uri(),
        "scope": SCOPE,
        "iat": now,
        "exp": now + 3595,
        "sub": sub,
    })
}

async fn token_answer(
    http: &reqwest::Client,
    sb: &Sandbox,
    assertion: &str,
) -> (StatusCode, Value) {
    let resp = http
        .post(sb.token_uri())
        .form(&[
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            ("assertion", assertion),
        ])
        .send()
        .await
        .expect("token call");
    let status = resp.status();
    (status, resp.json().await.expect("json"))
}

async fn new_token(http: &reqwest::Client, sb: &Sandbox) -> String {
    let (status, body) =
        token_answer(http, sb, &jwt(&claims(sb, json!(IMPERSONATED_USER)), true)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["access_token"].as_str().expect("token").to_string()
}

struct Fx {
    sb: Sandbox,
    http: reqwest::Client,
    token: String,
}

impl Fx {
    async fn new() -> Fx {
        let sb = Sandbox::start(local()).expect("sandbox");
        let http = http();
        let token = new_token(&http, &sb).await;
        Fx { sb, http, token }
    }

    fn events(&self) -> String {
        format!(
            "{}calendars/{CALENDAR_ID}/events",
            self.sb.google_base_url()
        )
    }

    fn event(&self, id: &str) -> String {
        format!("{}/{id}", self.events())
    }

    fn req(&self, method: reqwest::Method, url: &str) -> reqwest::RequestBuilder {
        self.http.request(method, url).bearer_auth(&self.token)
    }

    async fn send(&self, rb: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let resp = rb.send().await.expect("answer");
        let status = resp.status();
        let text = resp.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn insert(&self, body: Value) -> (StatusCode, Value) {
        self.send(self.req(reqwest::Method::POST, &self.events()).json(&body))
            .await
    }

    async fn list(&self, params: &[(&str, &str)]) -> (StatusCode, Value) {
        let mut url = reqwest::Url::parse(&self.events()).expect("url");
        url.query_pairs_mut().append_pair("alt", "json");
        for (k, v) in params {
            url.query_pairs_mut().append_pair(k, v);
        }
        self.send(self.req(reqwest::Method::GET, url.as_str()))
            .await
    }

    /// Pages to the end: every item, and the sync token of the last page.
    async fn drain(&self, params: &[(&str, &str)]) -> (Vec<Value>, String, usize) {
        let mut items = Vec::new();
        let mut page_token: Option<String> = None;
        for pages in 1..100 {
            let mut p = params.to_vec();
            if let Some(t) = &page_token {
                p.push(("pageToken", t));
            }
            let (status, body) = self.list(&p).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            items.extend(body["items"].as_array().expect("items").iter().cloned());
            match body.get("nextPageToken").and_then(Value::as_str) {
                Some(t) => {
                    assert!(
                        body.get("nextSyncToken").is_none(),
                        "sync token before the end"
                    );
                    page_token = Some(t.to_string());
                }
                None => {
                    let sync = body["nextSyncToken"].as_str().expect("nextSyncToken");
                    return (items, sync.to_string(), pages);
                }
            }
        }
        panic!("paging never ended");
    }
}

fn booking(id: &str, hour: u32) -> Value {
    json!({
        "id": id,
        "summary": format!("Rengøring {id}"),
        "start": {"dateTime": format!("2026-11-20T{hour:02}:00:00Z"), "timeZone": "Europe/Copenhagen"},
        "end": {"dateTime": format!("2026-11-20T{:02}:00:00Z", hour + 1), "timeZone": "Europe/Copenhagen"},
        "extendedProperties": {"private": {"renos_booking": id}},
    })
}

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_string())
        .collect()
}

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
    fx.sb.google().set_faults(Faults {
        expire_tokens: true,
        ..Faults::default()
    });
    let (status, body) = fx.list(&[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"]["code"], 401);
    // A new token works again; the one-shot is not kept.
    let token = new_token(&fx.http, &fx.sb).await;
    let fresh = Fx { token, ..fx };
    let (status, _) = fresh.list(&[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fresh.sb.google().faults(), Faults::default());
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
    fx.sb.google().set_faults(Faults {
        invalidate_sync_tokens: true,
        ..Faults::default()
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
    fx.sb.google().set_faults(Faults {
        short_pages: true,
        ..Faults::default()
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
async fn rate_limits_and_server_errors_are_not_processed() {
    let fx = Fx::new().await;
    let google = fx.sb.google();
    google.set_faults(Faults {
        rate_limit: 1,
        retry_after_secs: Some(7),
        ..Faults::default()
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

    google.set_faults(Faults {
        rate_limit: 1,
        rate_limit_403: true,
        server_error: 1,
        ..Faults::default()
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
    google.set_faults(Faults {
        drop_after: 2,
        ..Faults::default()
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
    google.set_faults(Faults {
        drop_before: 1,
        ..Faults::default()
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
    fx.sb.google().set_faults(Faults {
        latency_ms: 150,
        ..Faults::default()
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

#[tokio::test]
async fn yup_oauth2_gets_a_token() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let sb = Sandbox::start(local()).expect("sandbox");
    let key = yup_oauth2::parse_service_account_key(key_json(&sb.token_uri())).expect("key");
    let auth = yup_oauth2::ServiceAccountAuthenticator::builder(key.clone())
        .subject(IMPERSONATED_USER)
        .build()
        .await
        .expect("authenticator");
    let token = auth.token(&[SCOPE]).await.expect("token");
    let token = token.token().expect("access token").to_string();
    let fx = Fx {
        sb,
        http: http(),
        token,
    };
    let (status, ev) = fx.insert(booking("ev001", 9)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ev["creator"]["email"], IMPERSONATED_USER);
    // A scope the domain admin never authorised is refused.
    assert!(
        auth.token(&["https://www.googleapis.com/auth/calendar.readonly"])
            .await
            .is_err()
    );
    // Without a subject (`"sub": null`) the service account acts as itself.
    let own = yup_oauth2::ServiceAccountAuthenticator::builder(key)
        .build()
        .await
        .expect("authenticator");
    assert!(own.token(&[SCOPE]).await.is_ok());
}

/// A GET over a fresh connection: the status line and the body.
fn raw_get(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").expect("http url");
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut s = TcpStream::connect(host).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut text = String::new();
    s.read_to_string(&mut text).expect("read");
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    )
}

fn unquote(v: &str) -> String {
    match v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Some(inner) => inner.replace(r"'\''", "'"),
        None => v.to_string(),
    }
}

#[test]
fn renos_sandbox_prints_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_renos"))
        .args(["sandbox", "--dir"])
        .arg(dir.path())
        .env("RENOS_CONFIG", dir.path().join("no-such-config.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("renos sandbox");
    let stdout = child.stdout.take().expect("stdout");
    let mut vars = std::collections::BTreeMap::new();
    for line in BufReader::new(stdout).lines().take(7) {
        let line = line.expect("line");
        let rest = line.strip_prefix("export ").expect("export line");
        let (name, value) = rest.split_once('=').expect("NAME=VALUE");
        vars.insert(name.to_string(), unquote(value));
    }
    assert_eq!(vars["GOOGLE_CLIENT_EMAIL"], CLIENT_EMAIL);
    assert_eq!(vars["GOOGLE_IMPERSONATED_USER"], IMPERSONATED_USER);
    assert_eq!(vars["GOOGLE_CALENDAR_ID"], CALENDAR_ID);
    let base = &vars["RENOS_SANDBOX_URL"];
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert_eq!(
        vars["RENOS_GOOGLE_BASE_URL"],
        format!("{base}/calendar/v3/")
    );
    assert_eq!(vars["RENOS_GOOGLE_TOKEN_URI"], format!("{base}/token"));
    let key_file = std::path::PathBuf::from(&vars["GOOGLE_KEY_FILE"]);
    assert_eq!(key_file, dir.path().join("google-key.json"));
    let text = std::fs::read_to_string(&key_file).expect("key file");
    let key = yup_oauth2::parse_service_account_key(text).expect("key parses");
    assert_eq!(key.token_uri, vars["RENOS_GOOGLE_TOKEN_URI"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let (status, body) = raw_get(&format!("{base}/admin/google/stats"));
    assert!(status.contains(" 200 "), "{status}");
    assert!(body.contains("\"token\""), "{body}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "renos sandbox did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    assert!(
        err.contains("sandbox serving on http://127.0.0.1:"),
        "{err}"
    );
}

#[test]
fn renos_sandbox_refuses_other_addresses() {
    let out = Command::new(env!("CARGO_BIN_EXE_renos"))
        .args(["sandbox", "--addr", "0.0.0.0:0"])
        .output()
        .expect("renos sandbox");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("loopback"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn sandbox_from_sync_code() {
    let sb = Sandbox::start(local()).expect("sandbox");
    let (status, body) = raw_get(&format!("{}/admin/google/calendars/x@y/events", sb.url()));
    assert!(status.contains(" 200 "), "{status}");
    assert_eq!(body, r#"{"items":[]}"#);
    let lines = sb.export_lines(std::path::Path::new("/tmp/a dir/key.json"));
    assert_eq!(lines.len(), 7);
    assert!(lines.contains(&"export GOOGLE_KEY_FILE='/tmp/a dir/key.json'".to_string()));
    let addr = sb.addr();
    drop(sb);
    assert!(
        TcpStream::connect(addr).is_err(),
        "dropping stops the server"
    );
}

#[tokio::test]
async fn google_calendar3_hub_against_the_sandbox() {
    use google_calendar3::api::{Event, EventDateTime, EventExtendedProperties};
    use google_calendar3::{CalendarHub, Error, hyper_rustls, hyper_util};

    let _ = rustls::crypto::ring::default_provider().install_default();
    let sb = Sandbox::start(local()).expect("sandbox");
    let key = yup_oauth2::parse_service_account_key(key_json(&sb.token_uri())).expect("key");
    let auth = yup_oauth2::ServiceAccountAuthenticator::builder(key)
        .subject(IMPERSONATED_USER)
        .build()
        .await
        .expect("authenticator");
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .expect("roots")
        .https_or_http()
        .enable_http1()
        .build();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build(connector);
    let mut hub = CalendarHub::new(client, auth);
    hub.base_url(sb.google_base_url());

    let start = chrono::DateTime::parse_from_rfc3339("2026-11-20T09:30:00Z")
        .expect("time")
        .to_utc();
    let at = |t| EventDateTime {
        date_time: Some(t),
        time_zone: Some("Europe/Copenhagen".into()),
        ..EventDateTime::default()
    };
    let event = |id: &str| Event {
        id: Some(id.into()),
        summary: Some("Rengøring".into()),
        start: Some(at(start)),
        end: Some(at(start + chrono::Duration::hours(2))),
        extended_properties: Some(EventExtendedProperties {
            private: Some([("renos_booking".to_string(), "17".to_string())].into()),
            shared: None,
        }),
        ..Event::default()
    };
    let (_, made) = hub
        .events()
        .insert(event("booking00017"), CALENDAR_ID)
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("insert");
    assert_eq!(made.id.as_deref(), Some("booking00017"));
    assert_eq!(made.start.and_then(|s| s.date_time), Some(start));
    match hub
        .events()
        .insert(event("booking00017"), CALENDAR_ID)
        .add_scope(SCOPE)
        .doit()
        .await
    {
        Err(Error::BadRequest(v)) => assert_eq!(v["error"]["errors"][0]["reason"], "duplicate"),
        other => panic!("expected 409 duplicate, got {other:?}"),
    }
    hub.events()
        .insert(event("booking00018"), CALENDAR_ID)
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("insert");

    let mut page_token: Option<String> = None;
    let mut seen = Vec::new();
    let sync = loop {
        let mut call = hub
            .events()
            .list(CALENDAR_ID)
            .max_results(1)
            .add_scope(SCOPE);
        if let Some(t) = &page_token {
            call = call.page_token(t);
        }
        let (_, page) = call.doit().await.expect("list");
        seen.extend(
            page.items
                .unwrap_or_default()
                .into_iter()
                .filter_map(|e| e.id),
        );
        match page.next_page_token {
            Some(t) => page_token = Some(t),
            None => break page.next_sync_token.expect("sync token"),
        }
    };
    assert_eq!(seen, ["booking00017", "booking00018"]);

    let patch = Event {
        summary: Some("Hovedrengøring".into()),
        ..Event::default()
    };
    let (_, patched) = hub
        .events()
        .patch(patch, CALENDAR_ID, "booking00017")
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("patch");
    assert_eq!(
        patched
            .extended_properties
            .and_then(|p| p.private)
            .map(|p| p["renos_booking"].clone()),
        Some("17".to_string())
    );
    hub.events()
        .delete(CALENDAR_ID, "booking00018")
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("delete");
    let (_, changes) = hub
        .events()
        .list(CALENDAR_ID)
        .sync_token(&sync)
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("incremental");
    let items = changes.items.unwrap_or_default();
    let got: Vec<_> = items
        .iter()
        .map(|e| {
            (
                e.id.clone().unwrap_or_default(),
                e.status.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("booking00017".to_string(), "confirmed".to_string()),
            ("booking00018".to_string(), "cancelled".to_string())
        ]
    );

    sb.google().set_faults(Faults {
        drop_after: 1,
        ..Faults::default()
    });
    let lost = hub
        .events()
        .insert(event("booking00019"), CALENDAR_ID)
        .add_scope(SCOPE)
        .doit()
        .await;
    assert!(lost.is_err(), "{lost:?}");
    assert_eq!(sb.google().events(CALENDAR_ID).len(), 3);
}
