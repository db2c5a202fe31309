//! The sandbox's Google Calendar fake over real HTTP: tokens, the event
//! calls, paging and sync tokens (`api`), faults and going offline (`faults`),
//! real clients and `renos sandbox` (`clients`), live listings, page tokens
//! and event types (`listing`), recurring series (`recurring`), calendars,
//! roles, moves, purging and quota (`access`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
use renos::sandbox::{
    CALENDAR_ID, CLIENT_EMAIL, CalendarRole, GoogleFaults, IMPERSONATED_USER, Sandbox,
    TEST_KEY_PEM, key_json,
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

    /// `.../calendars/{cal}/events` of any calendar.
    fn events_of(&self, cal: &str) -> String {
        format!("{}calendars/{cal}/events", self.sb.google_base_url())
    }

    /// Any call with the token; the status and the JSON answer (null if none).
    async fn call(
        &self,
        method: reqwest::Method,
        url: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let rb = self.req(method, url);
        let rb = match body {
            Some(b) => rb.json(&b),
            None => rb,
        };
        self.send(rb).await
    }

    async fn list(&self, params: &[(&str, &str)]) -> (StatusCode, Value) {
        self.list_in(CALENDAR_ID, params).await
    }

    async fn list_in(&self, cal: &str, params: &[(&str, &str)]) -> (StatusCode, Value) {
        let mut url = reqwest::Url::parse(&self.events_of(cal)).expect("url");
        url.query_pairs_mut().append_pair("alt", "json");
        for (k, v) in params {
            url.query_pairs_mut().append_pair(k, v);
        }
        self.send(self.req(reqwest::Method::GET, url.as_str()))
            .await
    }

    /// Pages to the end: every item, and the sync token of the last page.
    async fn drain(&self, params: &[(&str, &str)]) -> (Vec<Value>, String, usize) {
        self.drain_in(CALENDAR_ID, params).await
    }

    async fn drain_in(&self, cal: &str, params: &[(&str, &str)]) -> (Vec<Value>, String, usize) {
        let mut items = Vec::new();
        let mut page_token: Option<String> = None;
        for pages in 1..100 {
            let mut p = params.to_vec();
            if let Some(t) = &page_token {
                p.push(("pageToken", t));
            }
            let (status, body) = self.list_in(cal, &p).await;
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

/// The error reason of an answer.
fn reason(body: &Value) -> &str {
    body["error"]["errors"][0]["reason"].as_str().unwrap_or("")
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

mod access;
mod api;
mod clients;
mod faults;
mod listing;
mod recurring;
