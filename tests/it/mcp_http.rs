//! The assistants' tools over streamable HTTP: `/mcp` under `renos serve
//! --http`, asked with the MCP client's HTTP transport and the API's
//! tokens. The token's role and cleaner decide what the tools may do, by
//! the same check as the API.

use reqwest::StatusCode;
use rmcp::ServiceExt;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use serde_json::{Value, json};

use crate::api::{Served, client};
use crate::mcp::{Client, booking_args, call, ok, refused, with};

/// An MCP session on the serve's `/mcp` with `token`.
async fn connect(s: &Served, token: &str) -> Client {
    let config =
        StreamableHttpClientTransportConfig::with_uri(format!("{}/mcp", s.url)).auth_header(token);
    ().serve(StreamableHttpClientTransport::from_config(config))
        .await
        .expect("initialize")
}

/// The bookings of a day, as the API lists them to `token`.
async fn agenda(s: &Served, token: &str, day: &str) -> Vec<Value> {
    let r = client()
        .get(format!("{}/api/v1/agenda/{day}", s.url))
        .bearer_auth(token)
        .send()
        .await
        .expect("agenda");
    assert_eq!(r.status(), StatusCode::OK);
    r.json::<Vec<Value>>().await.expect("agenda json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tools_over_http_with_a_token() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let s = Served::start("");
    let office = s.token("office", "dispatcher", None);

    // Without a token, or with one not known: 401, as the API.
    let r = client()
        .post(format!("{}/mcp", s.url))
        .header("Accept", "application/json, text/event-stream")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}))
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    let r = client()
        .post(format!("{}/mcp", s.url))
        .bearer_auth("not-a-token")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}))
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let c = connect(&s, &office).await;
    let info = c.peer_info().expect("server info");
    assert_eq!(
        info.server_info.as_ref().map(|i| i.name.as_str()),
        Some("renos")
    );
    let tools = c.list_all_tools().await.expect("tools/list");
    let mut names: Vec<_> = tools.iter().map(|t| t.name.to_string()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "cancel_booking",
            "check_booking_conflicts",
            "create_booking",
            "create_invoice",
            "find_slots",
            "get_current_time",
            "get_customer_memory",
            "track_overtime_risk",
            "undo",
            "validate_booking_date",
        ]
    );
    let memory = ok(call(
        &c,
        "get_customer_memory",
        json!({"customer": "Søren Østergaard"}),
    )
    .await);
    assert!(memory.to_string().contains("Søren Østergaard"), "{memory}");

    // A two-step create: the dry run writes nothing; the confirmed call
    // makes one booking, journaled as the token "via assistant"; a repeat
    // under the same key makes no second.
    let before = agenda(&s, &office, "2026-11-24").await.len();
    let dry = ok(call(&c, "create_booking", booking_args()).await);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(agenda(&s, &office, "2026-11-24").await.len(), before);
    let token = dry["confirm"].as_str().expect("token").to_string();
    let confirmed = with(
        booking_args(),
        json!({"confirm": token, "idempotency_key": "order-4711"}),
    );
    let done = ok(call(&c, "create_booking", confirmed.clone()).await);
    assert_eq!(done["done"], true);
    assert_eq!(done["result"]["journaled_as"], "office (via assistant)");
    let again = ok(call(&c, "create_booking", confirmed).await);
    assert_eq!(again["repeated"], true);
    assert_eq!(agenda(&s, &office, "2026-11-24").await.len(), before + 1);
    c.cancel().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_s_role_limits_the_tools() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let s = Served::start("");
    let office = s.token("office", "dispatcher", None);
    let looker = s.token("looker", "viewer", None);
    let anna = s.token("anna-phone", "cleaner", Some("Anna Jensen"));

    // A viewer reads, and is refused a write even with a confirmation.
    let before = agenda(&s, &office, "2026-11-24").await.len();
    let c = connect(&s, &looker).await;
    ok(call(&c, "get_current_time", json!({})).await);
    let e = refused(
        call(
            &c,
            "create_booking",
            with(booking_args(), json!({"confirm": "a-token"})),
        )
        .await,
    );
    assert!(e.contains("looker is a viewer token"), "{e}");
    assert_eq!(agenda(&s, &office, "2026-11-24").await.len(), before);
    c.cancel().await.expect("close");

    // A cleaner sees their own job, not another cleaner's, and not the
    // business at large.
    let day = agenda(&s, &office, "2026-11-20").await;
    let id_of = |mine: bool| {
        day.iter()
            .find(|i| !i["staff"].is_null() && (i["staff"] == "Anna Jensen") == mine)
            .and_then(|i| i["id"].as_i64())
            .expect("a job")
    };
    let c = connect(&s, &anna).await;
    let own = ok(call(
        &c,
        "track_overtime_risk",
        json!({"booking_id": id_of(true)}),
    )
    .await);
    assert_eq!(own["jobs"][0]["booking"]["staff"], "Anna Jensen");
    let e = refused(
        call(
            &c,
            "track_overtime_risk",
            json!({"booking_id": id_of(false)}),
        )
        .await,
    );
    assert!(e.contains("anna-phone is a cleaner token"), "{e}");
    let e = refused(
        call(
            &c,
            "get_customer_memory",
            json!({"customer": "Søren Østergaard"}),
        )
        .await,
    );
    assert!(e.contains("cleaner token"), "{e}");
    c.cancel().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_s_rate_limit_holds_for_the_tools_too() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let s = Served::start("rate_per_minute = 6\nburst = 8");
    let office = s.token("office", "dispatcher", None);
    let c = connect(&s, &office).await;
    // The session's own requests count too; within the burst and a few
    // more the token is refused, and the tool call fails.
    let mut refused = None;
    for _ in 0..10 {
        let args = json!({}).as_object().cloned().unwrap_or_default();
        let r = c
            .call_tool(
                rmcp::model::CallToolRequestParams::new("get_current_time").with_arguments(args),
            )
            .await;
        if let Err(e) = r {
            refused = Some(e.to_string());
            break;
        }
    }
    let e = refused.expect("refused past the burst");
    assert!(e.contains("429"), "{e}");
}
