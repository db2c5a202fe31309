//! The HTTP API over real HTTP: `renos serve --http 127.0.0.1:0` on a demo
//! database, tokens made with `renos token add`, every route asked with
//! reqwest; 401, 403 by role, 412 on a stale version, 413, 429, and a
//! `/health` that tells no secrets.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{self, NOW, renos};

/// Secrets of the config that no answer may show.
const SECRETS: [&str; 4] = [
    "billy-SECRET-7f3a",
    "org-SECRET-99",
    "AC0123456789abcdef0123456789abcdef",
    "twilio-SECRET-5511",
];

/// A serve with the API on a free port, stopped when dropped.
pub(crate) struct Served {
    child: Child,
    pub(crate) home: tempfile::TempDir,
    pub(crate) db: String,
    config: PathBuf,
    pub(crate) url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// A demo database and a serve of it with `[api]` set to `api`;
    /// the providers point at a closed port, so nothing leaves the machine.
    pub(crate) fn start(api: &str) -> Served {
        let home = tempfile::tempdir().expect("tmp");
        let db = home.path().join("r.db").display().to_string();
        let config = home.path().join("config.toml");
        std::fs::write(
            &config,
            format!(
                "[billy]\napi_key = \"{}\"\norganization_id = \"{}\"\n\
                 base_url = \"http://127.0.0.1:9\"\n\
                 [twilio]\naccount_sid = \"{}\"\nauth_token = \"{}\"\n\
                 phone_number = \"+4512345678\"\nbase_url = \"http://127.0.0.1:9\"\n\
                 [alerts]\nauto = false\n[api]\n{api}\n",
                SECRETS[0], SECRETS[1], SECRETS[2], SECRETS[3]
            ),
        )
        .expect("config");
        let mut served = Served {
            child: Command::new("true").spawn().expect("placeholder"),
            home,
            db,
            config,
            url: String::new(),
        };
        let o = served.renos(&["demo", "--no-console"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut child = Command::new(common::bin())
            .args(served.args(&["serve", "--http", "127.0.0.1:0"]))
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", served.home.path())
            .env("XDG_DATA_HOME", served.home.path().join("data"))
            .env("XDG_STATE_HOME", served.home.path().join("state"))
            .env("USER", "bo")
            .env("RENOS_LANGUAGE", "en")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let _ = served.child.wait();
        served.child = child;
        let url = loop {
            let line = lines
                .next()
                .expect("serve said where the API is")
                .expect("line");
            if let Some(rest) = line.split("API on ").nth(1) {
                let addr = rest.split_whitespace().next().expect("address");
                break addr.trim_end_matches("/api/v1").to_string();
            }
        };
        // The rest of stderr is drained so the serve never blocks on it.
        std::thread::spawn(move || lines.for_each(drop));
        served.url = url;
        served
    }

    fn args<'a>(&'a self, rest: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec![
            "--db",
            self.db.as_str(),
            "--now",
            NOW,
            "--config",
            self.config.to_str().expect("utf-8"),
        ];
        v.extend_from_slice(rest);
        v
    }

    pub(crate) fn renos(&self, rest: &[&str]) -> std::process::Output {
        renos(self.home.path(), &self.args(rest))
    }

    /// A new token's secret.
    pub(crate) fn token(&self, name: &str, role: &str, staff: Option<&str>) -> String {
        let mut args = vec!["token", "add", name, "--role", role, "--json"];
        if let Some(s) = staff {
            args.extend(["--staff", s]);
        }
        let o = self.renos(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let made: Value = serde_json::from_slice(&o.stdout).expect("json");
        made["secret"].as_str().expect("secret").to_string()
    }
}

pub(crate) fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

/// One request: status, headers and the JSON body.
async fn call(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: Option<String>,
    if_match: Option<i64>,
    body: Option<Value>,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let mut req = http.request(method, url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(v) = if_match {
        req = req.header("If-Match", format!("\"{v}\""));
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.expect("answer");
    let (status, headers) = (r.status(), r.headers().clone());
    let text = r.text().await.expect("body");
    let value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON: {text}"));
    (status, headers, value)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn routes_roles_versions_and_the_journal() {
    let s = Served::start("");
    let office = s.token("office", "dispatcher", None);
    let boss = s.token("boss", "admin", None);
    let looker = s.token("looker", "viewer", None);
    let anna = s.token("anna-phone", "cleaner", Some("Anna Jensen"));
    let http = client();
    let get = |path: &str, token: Option<&str>| {
        call(
            &http,
            reqwest::Method::GET,
            format!("{}{path}", s.url),
            token.map(String::from),
            None,
            None,
        )
    };
    let post = |path: &str, token: &str, v: Option<i64>, body: Value| {
        call(
            &http,
            reqwest::Method::POST,
            format!("{}{path}", s.url),
            Some(token.to_string()),
            v,
            Some(body),
        )
    };

    // /health needs no token and tells no secrets; everything else needs one.
    let r = http
        .get(format!("{}/health", s.url))
        .send()
        .await
        .expect("health");
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.expect("body");
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let health: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(health["database"]["state"], "ok");
    assert_eq!(health["billy"]["state"], "ok");
    assert_eq!(health["google"]["state"], "not_set_up");
    let (st, headers, body) = get("/api/v1/agenda/2026-11-20", None).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    assert_eq!(headers["www-authenticate"], "Bearer");
    assert!(body["error"].as_str().expect("sentence").contains("token"));
    let (st, _, _) = get("/api/v1/agenda/2026-11-20", Some("not-a-token")).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);

    // The tools, the agenda, a booking with its version as the ETag.
    let (st, _, tools) = get("/api/v1/tools", Some(&looker)).await;
    assert_eq!(st, StatusCode::OK);
    assert!(tools.as_array().expect("tools").len() >= 14);
    let (st, _, e) = call(
        &http,
        reqwest::Method::DELETE,
        format!("{}/api/v1/tools", s.url),
        Some(looker.clone()),
        None,
        None,
    )
    .await;
    assert_eq!(st, StatusCode::METHOD_NOT_ALLOWED, "{e}");
    let (st, _, e) = get("/api/v1/nothing-here", Some(&looker)).await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{e}");
    let (st, _, day) = get("/api/v1/agenda/2026-11-20", Some(&office)).await;
    assert_eq!(st, StatusCode::OK);
    let day = day.as_array().expect("agenda").clone();
    assert_eq!(day.len(), 31, "the demo's day, as `renos agenda`");
    let (_, _, own) = get("/api/v1/agenda/2026-11-20", Some(&anna)).await;
    let own = own.as_array().expect("agenda").clone();
    assert!(!own.is_empty() && own.len() < day.len());
    assert!(own.iter().all(|i| i["staff"] == "Anna Jensen"), "{own:?}");
    let other = day
        .iter()
        .find(|i| !i["staff"].is_null() && i["staff"] != "Anna Jensen")
        .expect("another cleaner's job");
    let other_id = other["id"].as_i64().expect("id");
    let (st, headers, b) = get(&format!("/api/v1/bookings/{other_id}"), Some(&looker)).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        headers["etag"].to_str().expect("etag"),
        format!("\"{}\"", b["version"])
    );
    assert!(b["customer"].is_string() && b["place"].is_string());

    // A cleaner sees and works only their own jobs.
    let (st, _, e) = get(&format!("/api/v1/bookings/{other_id}"), Some(&anna)).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{e}");
    let (st, _, _) = post(
        &format!("/api/v1/bookings/{other_id}/start"),
        &anna,
        None,
        json!({}),
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _, _) = get("/api/v1/conflicts/2026-11-20", Some(&anna)).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let mine = own
        .iter()
        .find(|i| i["status"] == "scheduled")
        .expect("a job of Anna's still to start");
    let mine_id = mine["id"].as_i64().expect("id");
    let (st, _, started) = post(
        &format!("/api/v1/bookings/{mine_id}/start"),
        &anna,
        None,
        json!({}),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{started}");
    assert_eq!(started["status"], "in_progress");
    let (st, _, noted) = post(
        &format!("/api/v1/bookings/{mine_id}/note"),
        &anna,
        None,
        json!({"text": "the key is under the mat"}),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{noted}");
    assert!(
        noted["notes"]
            .as_str()
            .expect("notes")
            .contains("anna-phone: the key is under the mat")
    );
    let (st, _, finished) = post(
        &format!("/api/v1/bookings/{mine_id}/finish"),
        &anna,
        None,
        json!({}),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{finished}");
    assert_eq!(finished["status"], "completed");

    // A viewer reads but does not book.
    let staff_id = started["staff_id"].as_i64().expect("Anna's id");
    let customer_id = 1;
    let new_job = |start: &str, accept: Option<&str>| {
        let mut j = json!({
            "customer_id": customer_id,
            "staff_id": staff_id,
            "date": "2026-11-20",
            "start": start,
            "duration_min": 60,
        });
        if let Some(a) = accept {
            j["accept_clash"] = json!(a);
        }
        j
    };
    let clash_at = own
        .iter()
        .filter(|i| i["id"] != mine["id"] && i["status"] == "scheduled")
        .map(|i| i["start"].as_str().expect("start")[11..16].to_string())
        .next()
        .expect("another job of Anna's to clash with");
    let (st, _, _) = post("/api/v1/bookings", &looker, None, new_job(&clash_at, None)).await;
    assert_eq!(st, StatusCode::FORBIDDEN);

    // A double booking is refused, and made with a reason.
    let (st, _, e) = post("/api/v1/bookings", &office, None, new_job(&clash_at, None)).await;
    assert_eq!(st, StatusCode::CONFLICT, "{e}");
    assert!(
        e["error"]
            .as_str()
            .expect("sentence")
            .contains("accept_clash")
    );
    let (st, headers, made) = post(
        "/api/v1/bookings",
        &office,
        None,
        new_job(&clash_at, Some("the customer asked for Anna")),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{made}");
    assert_eq!(headers["etag"], "\"1\"");
    let made_id = made["id"].as_i64().expect("id");

    // Moves need the version; a stale one is refused with who and when.
    let moved = json!({"start": "20:00", "accept_clash": "late slot"});
    let patch = |token: &str, v: Option<i64>, body: Value| {
        call(
            &http,
            reqwest::Method::PATCH,
            format!("{}/api/v1/bookings/{made_id}", s.url),
            Some(token.to_string()),
            v,
            Some(body),
        )
    };
    let (st, _, _) = patch(&office, None, moved.clone()).await;
    assert_eq!(st, StatusCode::PRECONDITION_REQUIRED);
    let (st, _, o) = patch(&office, Some(1), moved.clone()).await;
    assert_eq!(st, StatusCode::OK, "{o}");
    assert_eq!(o["booking"]["version"], 2);
    let (st, _, e) = patch(&office, Some(1), json!({"start": "19:00"})).await;
    assert_eq!(st, StatusCode::PRECONDITION_FAILED, "{e}");
    assert_eq!(e["changed_by"], "office (via app)");
    assert!(e["changed_at"].is_string());
    let (st, _, o) = post(
        &format!("/api/v1/bookings/{made_id}/cancel"),
        &office,
        Some(2),
        json!({"reason": "kunden aflyste"}),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{o}");
    assert_eq!(o["booking"]["status"], "cancelled");

    // The reads of the business at large.
    let (st, _, c) = get("/api/v1/conflicts/2026-11-20", Some(&looker)).await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        c.as_array()
            .expect("conflicts")
            .iter()
            .any(|c| c["kind"] == "double_booking" && c["text"].is_string())
    );
    let (st, _, running) = get("/api/v1/running", Some(&office)).await;
    assert_eq!(st, StatusCode::OK);
    let running = running.as_array().expect("running").clone();
    assert!(
        running
            .iter()
            .any(|r| r["overtime_minutes"] == 122 && r["overtime_level"].is_string()),
        "{running:?}"
    );
    let (st, _, m) = get(
        &format!("/api/v1/customers/{customer_id}/memory"),
        Some(&looker),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{m}");
    assert!(m["visits"].is_number());
    let (st, _, slots) = get(
        "/api/v1/slots?duration_min=120&from=2026-11-23&days=3",
        Some(&looker),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{slots}");
    assert!(!slots.as_array().expect("slots").is_empty());
    let (st, _, e) = get("/api/v1/slots?duration_min=abc", Some(&looker)).await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{e}");
    assert!(e["error"].is_string());

    // validate-booking in the business's shape.
    let (st, _, v) = post(
        "/validate-booking",
        &looker,
        None,
        json!({"date": "2026-11-23", "expectedDayName": "tirsdag", "customerId": customer_id}),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["dayName"], "mandag");
    assert_eq!(v["valid"], false);
    assert!(v["confidence"].as_f64().expect("confidence") < 0.8);
    assert_eq!(v["review"], true);
    assert!(!v["warnings"].as_array().expect("warnings").is_empty());
    let (_, _, v) = post(
        "/api/v1/validate-booking",
        &looker,
        None,
        json!({"date": "2026-11-23", "expectedDayName": "mandag"}),
    )
    .await;
    assert_eq!(v["valid"], true);

    // Invoicing is an admin's.
    let path = format!("/api/v1/bookings/{mine_id}/invoice");
    let (st, _, _) = post(&path, &office, None, json!({})).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _, e) = post(&path, &boss, None, json!({})).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "no time worked: {e}");
    let done = day
        .iter()
        .find(|i| i["status"] == "completed")
        .expect("a finished job of the demo")["id"]
        .as_i64()
        .expect("id");
    let path = format!("/api/v1/bookings/{done}/invoice");
    let (st, _, inv) = post(&path, &boss, None, json!({})).await;
    assert_eq!(st, StatusCode::OK, "{inv}");
    assert_eq!(inv["booking_id"], done);

    // The journal names the person and "via app".
    let o = s.renos(&["journal", "--booking", &made_id.to_string(), "--json"]);
    let journal: Value = serde_json::from_slice(&o.stdout).expect("journal");
    let entries = journal.as_array().expect("entries");
    assert!(
        entries.iter().all(|e| e["actor"] == "office (via app)"),
        "{entries:?}"
    );
    assert!(entries.iter().any(|e| {
        e["reason"]
            .as_str()
            .is_some_and(|r| r.contains("the customer asked for Anna"))
    }));
    let o = s.renos(&["journal", "--booking", &mine_id.to_string()]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("anna-phone (via app)"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // The doctor mentions the API once it has tokens.
    let o = s.renos(&["doctor"]);
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("The API (renos serve --http) has 4 live tokens"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // A revoked token is refused.
    let o = s.renos(&["token", "revoke", "looker"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (st, _, _) = get("/api/v1/tools", Some(&looker)).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let o = s.renos(&["token", "list", "--json"]);
    let listed: Value = serde_json::from_slice(&o.stdout).expect("list");
    let looker_row = listed
        .as_array()
        .expect("tokens")
        .iter()
        .find(|t| t["name"] == "looker")
        .expect("listed");
    assert!(looker_row["revoked_at"].is_string() && looker_row["last_used"].is_string());
    assert!(!String::from_utf8_lossy(&o.stdout).contains(&looker));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_body_and_a_fast_token_are_refused() {
    let s = Served::start("rate_per_minute = 6\nburst = 5\nbody_limit_kib = 4");
    let office = s.token("office", "dispatcher", None);
    let http = client();
    let big = json!({"date": "2026-11-23", "expectedDayName": "x".repeat(8 * 1024)});
    let (st, _, e) = call(
        &http,
        reqwest::Method::POST,
        format!("{}/api/v1/validate-booking", s.url),
        Some(office.clone()),
        None,
        Some(big),
    )
    .await;
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE, "{e}");
    assert!(e["error"].is_string());
    let mut refused = None;
    for _ in 0..6 {
        let (st, headers, e) = call(
            &http,
            reqwest::Method::GET,
            format!("{}/api/v1/tools", s.url),
            Some(office.clone()),
            None,
            None,
        )
        .await;
        if st == StatusCode::TOO_MANY_REQUESTS {
            refused = Some((headers, e));
            break;
        }
    }
    let (headers, e) = refused.expect("a 429 within the burst and one more");
    let wait: u64 = headers["retry-after"]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds");
    assert!((1..=10).contains(&wait), "{wait}");
    assert!(e["error"].as_str().expect("sentence").contains("office"));
    let (st, _, _) = call(
        &http,
        reqwest::Method::GET,
        format!("{}/health", s.url),
        None,
        None,
        None,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "/health is not rate limited");
}

/// A WebSocket on the feed, with `token` (or none).
pub(crate) async fn listen(
    s: &Served,
    token: Option<&str>,
) -> Result<
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    tokio_tungstenite::tungstenite::Error,
> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let url = format!("{}/api/v1/ws", s.url.replacen("http", "ws", 1));
    let mut req = url.into_client_request().expect("request");
    if let Some(t) = token {
        req.headers_mut().insert(
            "Authorization",
            format!("Bearer {t}").parse().expect("header"),
        );
    }
    tokio_tungstenite::connect_async(req)
        .await
        .map(|(ws, _)| ws)
}

/// The next event on `ws` within `wait`, as JSON.
pub(crate) async fn next_event(
    ws: &mut tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    wait: Duration,
) -> Option<Value> {
    use futures::StreamExt;
    loop {
        let msg = tokio::time::timeout(wait, ws.next()).await.ok()??.ok()?;
        if let tokio_tungstenite::tungstenite::Message::Text(t) = msg {
            return Some(serde_json::from_str(&t).expect("JSON event"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_tells_a_change_by_the_command_line_within_a_second() {
    let s = Served::start("");
    let office = s.token("office", "dispatcher", None);
    let anna = s.token("anna-phone", "cleaner", Some("Anna Jensen"));
    assert!(listen(&s, None).await.is_err(), "the feed needs a token");
    let mut all = listen(&s, Some(&office)).await.expect("dispatcher's feed");
    let mut own = listen(&s, Some(&anna)).await.expect("cleaner's feed");

    let o = s.renos(&["agenda", "--json"]);
    let day: Value = serde_json::from_slice(&o.stdout).expect("agenda");
    let day = day.as_array().expect("items");
    let scheduled = |anna: bool| {
        day.iter()
            .find(|i| {
                i["status"] == "scheduled"
                    && !i["staff"].is_null()
                    && (i["staff"] == "Anna Jensen") == anna
            })
            .expect("a job to cancel")["id"]
            .as_i64()
            .expect("id")
    };
    let (other, hers) = (scheduled(false), scheduled(true));

    let o = s.renos(&["cancel", &other.to_string(), "--reason", "kunden aflyste"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let heard = std::time::Instant::now();
    let e = next_event(&mut all, Duration::from_secs(1))
        .await
        .expect("the dispatcher hears the change within a second");
    assert!(heard.elapsed() <= Duration::from_secs(1));
    assert_eq!(e["type"], "booking_changed");
    assert_eq!(e["booking"], other);
    assert_eq!(e["status"], "cancelled");

    let o = s.renos(&["cancel", &hers.to_string(), "--reason", "kunden aflyste"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let e = next_event(&mut own, Duration::from_secs(1))
        .await
        .expect("Anna hears of her own job");
    assert_eq!(
        e["booking"], hers,
        "the first thing Anna hears is her own job, not the other cleaner's"
    );
    let e = next_event(&mut all, Duration::from_secs(1))
        .await
        .expect("the dispatcher hears that too");
    assert_eq!(e["booking"], hers);
}

/// `renos book` of an evening job every week from 1/12 (when the demo's
/// cleaners are free), `count` visits.
pub(crate) fn evening_series(count: &str) -> Vec<&str> {
    vec![
        "book",
        "--customer",
        "Søren Østergaard",
        "--staff",
        "Anna Jensen",
        "--date",
        "1/12",
        "--start",
        "20",
        "--duration",
        "1",
        "--repeat",
        "weekly",
        "--count",
        count,
        "--json",
    ]
}

/// The series `renos book --json` made, and its visits' ids in order.
pub(crate) fn weekly_series(o: std::process::Output) -> (i64, Vec<i64>) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let booked: Value = serde_json::from_slice(&o.stdout).expect("json");
    let visits = booked["visits"]
        .as_array()
        .expect("visits")
        .iter()
        .map(|v| v["id"].as_i64().expect("id"))
        .collect();
    (booked["series"]["id"].as_i64().expect("series id"), visits)
}

/// A visit of a series moves and cancels in the scope asked, as `renos
/// move --scope` and `renos cancel --scope` do; without one, the visit alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_visit_moves_and_cancels_in_the_scope_asked() {
    let s = Served::start("");
    let office = s.token("office", "dispatcher", None);
    let (series, visits) = weekly_series(s.renos(&evening_series("5")));
    assert_eq!(visits.len(), 5);
    let http = client();
    let url = |path: String| format!("{}{path}", s.url);
    let get = |id: i64| {
        call(
            &http,
            reqwest::Method::GET,
            url(format!("/api/v1/bookings/{id}")),
            Some(office.clone()),
            None,
            None,
        )
    };
    let version = |b: &Value| b["version"].as_i64().expect("version");

    // This and following, from the second visit: a new series from 8/12.
    let (_, _, second) = get(visits[1]).await;
    let (st, _, moved) = call(
        &http,
        reqwest::Method::PATCH,
        url(format!("/api/v1/bookings/{}", visits[1])),
        Some(office.clone()),
        Some(version(&second)),
        Some(json!({"start": "20:30", "scope": "following"})),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{moved}");
    assert_eq!(moved["scope"], "following");
    let new_series = moved["series_id"].as_i64().expect("new series");
    assert_ne!(new_series, series);
    let (_, _, first) = get(visits[0]).await;
    assert_eq!(first["start"], "2026-12-01T19:00:00Z", "{first}");
    let (_, _, fourth) = get(visits[3]).await;
    assert_eq!(fourth["start"], "2026-12-22T19:30:00Z", "{fourth}");

    // A scope that is none of the three is refused with a sentence.
    let (_, _, third) = get(visits[2]).await;
    let cancel = |id: i64, v: i64, body: Value| {
        call(
            &http,
            reqwest::Method::POST,
            url(format!("/api/v1/bookings/{id}/cancel")),
            Some(office.clone()),
            Some(v),
            Some(body),
        )
    };
    let (st, _, e) = cancel(
        visits[2],
        version(&third),
        json!({"reason": "kunden flytter", "scope": "some"}),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(
        e["error"].as_str().expect("sentence").contains("scope"),
        "{e}"
    );

    // Without a scope: the visit alone.
    let (st, _, alone) = cancel(
        visits[2],
        version(&third),
        json!({"reason": "kunden er bortrejst"}),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{alone}");
    assert_eq!(alone["scope"], "this");
    let (_, _, fourth) = get(visits[3]).await;
    assert_eq!(fourth["status"], "scheduled");

    // All: every visit of the (new) series from today on; the first
    // series' visit stays.
    let (st, _, all) = cancel(
        visits[3],
        version(&fourth),
        json!({"reason": "kunden flytter", "scope": "all"}),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{all}");
    assert_eq!(all["scope"], "all");
    for id in [visits[1], visits[3], visits[4]] {
        let (_, _, b) = get(id).await;
        assert_eq!(b["status"], "cancelled", "{b}");
    }
    let (_, _, first) = get(visits[0]).await;
    assert_eq!(first["status"], "scheduled", "{first}");

    // The journal names the token and "via app".
    let o = s.renos(&["journal", "--booking", &visits[3].to_string(), "--json"]);
    let journal: Value = serde_json::from_slice(&o.stdout).expect("journal");
    assert!(
        journal
            .as_array()
            .expect("entries")
            .iter()
            .any(|e| e["actor"] == "office (via app)"),
        "{journal}"
    );
}
