//! The live feed over real WebSockets against `renos serve --http`: the
//! token in the header or as `?token=`, a booking made with the command
//! line heard within a second, a double booking, a job reassigned away
//! from a cleaner, a sync run ending, and what a cleaner does not hear.

use std::time::{Duration, Instant};

use serde_json::Value;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::api::{Served, listen, next_event};

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A WebSocket on the feed with the token in the query, as a browser sends it.
async fn listen_query(
    s: &Served,
    query: &str,
) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    let url = format!("{}/api/v1/ws?{query}", s.url.replacen("http", "ws", 1));
    let req = url.into_client_request().expect("request");
    tokio_tungstenite::connect_async(req)
        .await
        .map(|(ws, _)| ws)
}

/// Events heard within `wait` until one is of `kind` (the others kept).
async fn until(ws: &mut Socket, kind: &str, wait: Duration) -> (Option<Value>, Vec<Value>) {
    let end = Instant::now() + wait;
    let mut others = Vec::new();
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        match next_event(ws, left).await {
            Some(e) if e["type"] == kind => return (Some(e), others),
            Some(e) => others.push(e),
            None => break,
        }
    }
    (None, others)
}

/// Everything heard within `wait`.
async fn all_within(ws: &mut Socket, wait: Duration) -> Vec<Value> {
    let end = Instant::now() + wait;
    let mut out = Vec::new();
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        match next_event(ws, left).await {
            Some(e) => out.push(e),
            None => break,
        }
    }
    out
}

/// `renos book … --json`: the new booking's number.
fn book(s: &Served, staff: &str, start: &str, accept: Option<&str>) -> i64 {
    let mut args = vec![
        "book",
        "--customer",
        "Søren Østergaard",
        "--staff",
        staff,
        "--date",
        "2026-11-24",
        "--start",
        start,
        "--duration",
        "1h",
        "--json",
    ];
    if let Some(why) = accept {
        args.extend(["--accept-clash", why]);
    }
    let o = s.renos(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    v["booking"]["id"].as_i64().expect("id")
}

/// The staff id of a booking, as the feed tells it.
fn staff_of(e: &Value) -> Option<i64> {
    e["staff_id"].as_i64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_may_come_in_the_query_and_none_is_401() {
    let s = Served::start("");
    let office = s.token("office", "dispatcher", None);
    for query in ["", "token=", "token=not-a-token"] {
        match listen_query(&s, query).await {
            Err(tokio_tungstenite::tungstenite::Error::Http(r)) => {
                assert_eq!(r.status(), 401, "{query:?}")
            }
            other => panic!("{query:?}: {:?}", other.map(|_| ())),
        }
    }
    match listen(&s, None).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => assert_eq!(r.status(), 401),
        other => panic!("{:?}", other.map(|_| ())),
    }
    let mut ws = listen_query(&s, &format!("token={office}"))
        .await
        .expect("the token in the query is taken");
    let made = Instant::now();
    let id = book(&s, "Anna Jensen", "6", None);
    let (e, _) = until(&mut ws, "booking_changed", Duration::from_secs(1)).await;
    let e = e.expect("a booking made with `renos book` is heard within a second");
    assert!(made.elapsed() < Duration::from_secs(3));
    assert_eq!(e["booking"], id);
    assert_eq!(e["status"], "scheduled");
    // The secret is not in the log.
    let log = std::fs::read_dir(s.home.path().join("state"))
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|d| walk(&d.path()))
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect::<String>();
    assert!(!log.contains(&office), "the token was logged");
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    if dir.is_file() {
        return vec![dir.to_path_buf()];
    }
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|d| walk(&d.path()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cleaner_hears_their_own_jobs_and_one_taken_from_them_only() {
    let s = Served::start("");
    let office = s.token("office", "dispatcher", None);
    let anna = s.token("anna-phone", "cleaner", Some("Anna Jensen"));
    let mut all = listen(&s, Some(&office)).await.expect("office");
    let mut own = listen_query(&s, &format!("token={anna}"))
        .await
        .expect("Anna's feed");

    // Mikkel's new job: the office hears it, Anna does not.
    let mikkels = book(&s, "Mikkel Sørensen", "5", None);
    let (e, _) = until(&mut all, "booking_changed", Duration::from_secs(1)).await;
    let mikkel = staff_of(&e.expect("the office hears Mikkel's job"));
    // Anna's new job: she hears it, and nothing before it.
    let hers = book(&s, "Anna Jensen", "6", None);
    let (e, _) = until(&mut all, "booking_changed", Duration::from_secs(1)).await;
    let anna_id = staff_of(&e.expect("the office hears Anna's job"));
    assert_ne!(anna_id, mikkel);
    let heard = all_within(&mut own, Duration::from_millis(1200)).await;
    let ids: Vec<i64> = heard.iter().filter_map(|e| e["booking"].as_i64()).collect();
    assert_eq!(ids, vec![hers], "Anna hears her own job only: {heard:?}");

    // Her job given to Mikkel: she hears it went, with who had it.
    let o = s.renos(&["move", &hers.to_string(), "--staff", "Mikkel Sørensen"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (e, _) = until(&mut own, "booking_changed", Duration::from_secs(1)).await;
    let e = e.expect("Anna hears of the job taken from her");
    assert_eq!(e["booking"], hers);
    assert_eq!(staff_of(&e), mikkel);
    assert_eq!(staff_of(&json_field(&e, "previous_staff_id")), anna_id);

    // A change to Mikkel's own job afterwards: Anna hears nothing.
    let o = s.renos(&["cancel", &mikkels.to_string(), "--reason", "kunden aflyste"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let heard = all_within(&mut all, Duration::from_secs(1)).await;
    assert!(
        heard
            .iter()
            .any(|e| e["booking"] == mikkels && e["status"] == "cancelled"),
        "the office hears the cancel: {heard:?}"
    );
    let heard = all_within(&mut own, Duration::from_millis(800)).await;
    assert!(heard.is_empty(), "Anna heard {heard:?}");
}

/// `{"staff_id": e[field]}`, to read another field as a staff id.
fn json_field(e: &Value, field: &str) -> Value {
    serde_json::json!({ "staff_id": e[field] })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_booking_and_a_sync_run_are_told() {
    let s = Served::start("");
    let office = s.token("office", "dispatcher", None);
    let viewer = s.token("wall", "viewer", None);
    let anna = s.token("anna-phone", "cleaner", Some("Anna Jensen"));
    let mut all = listen(&s, Some(&office)).await.expect("office");
    let mut wall = listen(&s, Some(&viewer)).await.expect("viewer");
    let mut own = listen(&s, Some(&anna)).await.expect("Anna");

    let first = book(&s, "Anna Jensen", "6", Some("test"));
    let second = book(&s, "Anna Jensen", "6", Some("the customer asked for two"));
    let e = loop {
        let (e, _) = until(&mut all, "booking_conflict", Duration::from_secs(2)).await;
        let e = e.expect("the office hears of the double booking");
        if e["booking"] == second {
            break e;
        }
    };
    assert!(
        e["with"]
            .as_array()
            .expect("with")
            .iter()
            .any(|w| *w == first),
        "{e}"
    );
    let (e, _) = until(&mut own, "booking_conflict", Duration::from_secs(1)).await;
    let e = e.expect("Anna hears of her double booking");
    assert!(e["booking"] == first || e["booking"] == second, "{e}");

    // A sync run ends (as the sync writes it): the office and the viewer
    // hear it, the cleaner does not.
    {
        let db = rusqlite::Connection::open(&s.db).expect("db");
        db.execute(
            "INSERT INTO sync_log (started_at, ended_at, direction, full, failure)
             VALUES (1795000000, 1795000003, 'both', 0, 'offline')",
            [],
        )
        .expect("sync run");
    }
    let (e, _) = until(&mut wall, "sync_status", Duration::from_secs(1)).await;
    let e = e.expect("the viewer hears the sync run end");
    assert_eq!(e["ok"], false);
    assert_eq!(e["failure"], "offline");
    let (e, _) = until(&mut all, "sync_status", Duration::from_secs(1)).await;
    assert!(e.is_some(), "the office hears the sync run end");
    let heard = all_within(&mut own, Duration::from_millis(600)).await;
    assert!(
        heard.iter().all(|e| e["type"] != "sync_status"),
        "{heard:?}"
    );
}
