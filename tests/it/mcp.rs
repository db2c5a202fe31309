//! `renos mcp` driven by an MCP client: rmcp's own, over a child process
//! running the built binary on the demo business at a fixed clock, in
//! English. The tool list (names, descriptions, input schemas, read-only
//! marks) is compared with `tests/it/snapshots/mcp_tools.json`
//! (`UPDATE_SNAPSHOTS=1` rewrites it; review the diff like code).

use std::path::{Path, PathBuf};

use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::RunningService;
use rmcp::transport::{ConfigureCommandExt, TokioChildProcess};
use rmcp::{RoleClient, ServiceExt};
use serde_json::{Value, json};

use crate::api::{evening_series, weekly_series};
use crate::common::{self, NOW, renos};

/// Six minutes after [`NOW`]: a confirmation of then has expired.
const LATER: &str = "2026-11-20T11:08:00+01:00";

pub(crate) type Client = RunningService<RoleClient, ()>;

struct Business {
    home: tempfile::TempDir,
    db: String,
    config: PathBuf,
}

impl Business {
    /// The demo business, no roles set (everybody may do everything).
    fn demo() -> Business {
        let home = tempfile::tempdir().expect("tmp");
        let db = home.path().join("r.db").display().to_string();
        let config = home.path().join("config.toml");
        std::fs::write(&config, "").expect("config");
        let b = Business { home, db, config };
        let o = b.cli(&["demo", "--no-console"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        b
    }

    fn cli(&self, args: &[&str]) -> std::process::Output {
        let config = self.config.display().to_string();
        let mut all = vec!["--db", &self.db, "--config", &config, "--now", NOW];
        all.extend_from_slice(args);
        renos(self.home.path(), &all)
    }

    /// The bookings of a day, as `renos agenda --json` lists them.
    fn agenda(&self, day: &str) -> Vec<Value> {
        let o = self.cli(&["agenda", day, "--json"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<Vec<Value>>(&o.stdout).expect("agenda json")
    }

    fn journal(&self) -> Vec<Value> {
        let o = self.cli(&["journal", "--json", "--limit", "1000"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<Vec<Value>>(&o.stdout).expect("journal json")
    }

    /// `renos mcp` on this business at `now`, with an MCP client on it.
    async fn connect(&self, now: &str) -> Client {
        let home = self.home.path().to_path_buf();
        let args = [
            "--db".to_string(),
            self.db.clone(),
            "--config".into(),
            self.config.display().to_string(),
            "--now".into(),
            now.into(),
            "mcp".into(),
        ];
        let cmd = tokio::process::Command::new(common::bin()).configure(|c| {
            env(c, &home);
            c.args(&args);
        });
        let transport = TokioChildProcess::new(cmd).expect("spawn renos mcp");
        ().serve(transport).await.expect("initialize")
    }
}

fn env(c: &mut tokio::process::Command, home: &Path) {
    c.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "bo")
        .env("RENOS_LANGUAGE", "en");
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

pub(crate) async fn call(client: &Client, tool: &'static str, args: Value) -> CallToolResult {
    let Value::Object(args) = args else {
        panic!("arguments are an object")
    };
    client
        .call_tool(CallToolRequestParams::new(tool).with_arguments(args))
        .await
        .expect("tools/call")
}

/// The structured answer of a call that went through; its text is the same JSON.
pub(crate) fn ok(r: CallToolResult) -> Value {
    assert_eq!(r.is_error, Some(false), "{r:?}");
    let v = r.structured_content.clone().expect("structured content");
    let text = r.content.first().and_then(|c| c.as_text()).expect("text");
    assert_eq!(
        serde_json::from_str::<Value>(&text.text).expect("json text"),
        v
    );
    v
}

/// The sentence of a refused call.
pub(crate) fn refused(r: CallToolResult) -> String {
    assert_eq!(r.is_error, Some(true), "{r:?}");
    r.content
        .first()
        .and_then(|c| c.as_text())
        .expect("text")
        .text
        .clone()
}

fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run UPDATE_SNAPSHOTS=1 cargo test and review it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "the tool list differs from {}; run UPDATE_SNAPSHOTS=1 and review the diff",
        path.display()
    );
}

const READ_ONLY: [&str; 6] = [
    "check_booking_conflicts",
    "find_slots",
    "get_current_time",
    "get_customer_memory",
    "track_overtime_risk",
    "validate_booking_date",
];
const WRITES: [&str; 4] = ["cancel_booking", "create_booking", "create_invoice", "undo"];

#[test]
fn initialize_and_list_the_tools_with_their_schemas() {
    let b = Business::demo();
    runtime().block_on(async {
        let client = b.connect(NOW).await;
        let info = client.peer_info().expect("server info");
        assert_eq!(info.server_info.as_ref().expect("server").name, "renos");
        assert!(info.capabilities.tools.is_some());
        let mut tools = client.list_all_tools().await.expect("tools/list");
        tools.sort_by(|a, b| a.name.cmp(&b.name));
        let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
        let mut all: Vec<&str> = READ_ONLY.iter().chain(&WRITES).copied().collect();
        all.sort_unstable();
        assert_eq!(names, all);
        for t in &tools {
            let read_only = t.annotations.as_ref().and_then(|a| a.read_only_hint);
            assert_eq!(
                read_only,
                Some(READ_ONLY.contains(&t.name.as_ref())),
                "{}",
                t.name
            );
            assert_eq!(t.input_schema.get("type"), Some(&json!("object")));
        }
        let writes = tools.iter().filter(|t| WRITES.contains(&t.name.as_ref()));
        for t in writes {
            let props = t.input_schema.get("properties").expect("properties");
            assert!(props.get("confirm").is_some(), "{}", t.name);
            assert!(props.get("idempotency_key").is_some(), "{}", t.name);
        }
        let listed: Vec<Value> = tools
            .iter()
            .map(|t| {
                json!({
                    "name": t.name,
                    "description": t.description,
                    "annotations": t.annotations,
                    "input_schema": t.input_schema,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&listed).expect("json") + "\n";
        snapshot("mcp_tools.json", &text);
        client.cancel().await.expect("close");
    });
}

#[test]
fn the_read_tools_answer_from_the_business() {
    let b = Business::demo();
    runtime().block_on(async {
        let c = b.connect(NOW).await;

        let t = ok(call(&c, "get_current_time", json!({})).await);
        assert_eq!(t["now"], "2026-11-20T11:02:00+01:00");
        assert_eq!(t["weekday_en"], "Friday");

        // 23/11/2026 is a Monday: "tirsdag" is wrong, and a review is due.
        let v = ok(call(
            &c,
            "validate_booking_date",
            json!({"date": "2026-11-23", "expected_day_name": "tirsdag", "start": "10"}),
        )
        .await);
        assert_eq!(v["weekday_da"], "mandag");
        assert_eq!(v["matches"], false);
        assert_eq!(v["needs_review"], true, "{v}");
        assert!(v["confidence"].as_f64().expect("confidence") < 0.8, "{v}");
        let v = ok(call(
            &c,
            "validate_booking_date",
            json!({"date": "2026-11-23", "expected_day_name": "mandag", "start": "10"}),
        )
        .await);
        assert_eq!(v["matches"], true);
        assert_eq!(v["confidence"], 1.0, "{v}");

        // Louise is double-booked 13:00–15:00 today; somebody is free.
        let v = ok(call(
            &c,
            "check_booking_conflicts",
            json!({"date": "today", "start_time": "13:00", "end_time": "14:00",
                   "staff": "Louise Nielsen"}),
        )
        .await);
        assert_eq!(v["has_conflicts"], true);
        assert_eq!(
            v["conflicts"][0]["bookings"]
                .as_array()
                .expect("list")
                .len(),
            2,
            "{v}"
        );
        let v = ok(call(
            &c,
            "check_booking_conflicts",
            json!({"date": "2026-11-20", "start_time": "20:00", "end_time": "21:00"}),
        )
        .await);
        assert_eq!(v["has_conflicts"], false, "{v}");
        assert!(!v["free"].as_array().expect("free").is_empty());

        let m = ok(call(
            &c,
            "get_customer_memory",
            json!({"customer": "Søren Østergaard", "include_history": true}),
        )
        .await);
        assert_eq!(m["customer"]["name"], "Søren Østergaard");
        assert!(m["memory"]["visits"].as_u64().expect("visits") >= 1, "{m}");
        assert!(!m["history"].as_array().expect("history").is_empty());
        assert!(!m["summary"].as_str().expect("summary").is_empty());

        // Anna's Hovedrengøring started 07:40 on a 3 h estimate: over it.
        let o = ok(call(&c, "track_overtime_risk", json!({})).await);
        let jobs = o["jobs"].as_array().expect("jobs");
        assert!(jobs.len() >= 3, "{o}");
        assert!(
            jobs.iter()
                .any(|j| j["booking"]["staff"] == "Anna Jensen" && j["status"] != "ok"),
            "{o}"
        );
        let o = ok(call(
            &c,
            "track_overtime_risk",
            json!({"current_duration": 300, "estimated_duration": 180}),
        )
        .await);
        assert_eq!(o["jobs"][0]["status"], "alert");
        assert_eq!(o["jobs"][0]["overtime_minutes"], 120);

        let s = ok(call(
            &c,
            "find_slots",
            json!({"duration": "3", "date": "2026-11-23", "days": 2}),
        )
        .await);
        let offers = s["offers"].as_array().expect("offers");
        assert!(!offers.is_empty(), "{s}");
        assert_eq!(offers[0]["rank"], 1);
        assert!(!offers[0]["slots"].as_array().expect("slots").is_empty());

        let e = refused(call(&c, "find_slots", json!({"duration": "soon"})).await);
        assert!(e.starts_with("duration:"), "{e}");
        c.cancel().await.expect("close");
    });
}

pub(crate) fn booking_args() -> Value {
    json!({
        "customer": "Søren Østergaard",
        "staff": "Mette Larsen",
        "date": "2026-11-24",
        "start": "18",
        "duration": "2",
        "notes": "Nøgle under måtten",
    })
}

pub(crate) fn with(mut args: Value, more: Value) -> Value {
    if let (Value::Object(a), Value::Object(m)) = (&mut args, more) {
        a.extend(m);
    }
    args
}

#[test]
fn a_booking_is_made_only_when_confirmed_and_once_per_key() {
    let b = Business::demo();
    let before = b.agenda("2026-11-24").len();
    let journal = b.journal().len();
    runtime().block_on(async {
        let c = b.connect(NOW).await;
        let dry = ok(call(&c, "create_booking", booking_args()).await);
        assert_eq!(dry["dry_run"], true);
        assert_eq!(dry["would"]["booking"]["id"], 0);
        assert_eq!(dry["would"]["booking"]["start"], "18:00");
        assert_eq!(dry["would"]["booking"]["end"], "20:00");
        assert_eq!(dry["would"]["booking"]["weekday"], "tirsdag");
        assert!(dry["would"]["review"]["confidence"].is_number());
        let token = dry["confirm"].as_str().expect("token").to_string();
        // The dry run wrote nothing a dispatcher sees.
        assert_eq!(b.agenda("2026-11-24").len(), before);
        assert_eq!(b.journal().len(), journal);

        // Other arguments with that token: refused, nothing written.
        let other = with(booking_args(), json!({"start": "17", "confirm": token}));
        let e = refused(call(&c, "create_booking", other).await);
        assert!(e.contains("given for other arguments"), "{e}");
        let e = refused(
            call(
                &c,
                "create_booking",
                with(booking_args(), json!({"confirm": "not-a-token"})),
            )
            .await,
        );
        assert!(e.contains("not one this desk handed out"), "{e}");
        assert_eq!(b.agenda("2026-11-24").len(), before);

        let confirmed = with(
            booking_args(),
            json!({"confirm": token, "idempotency_key": "order-4711"}),
        );
        let done = ok(call(&c, "create_booking", confirmed.clone()).await);
        assert_eq!(done["done"], true);
        assert_eq!(done["repeated"], false);
        let id = done["result"]["booking"]["id"].as_i64().expect("id");
        assert!(id > 0);
        let me = renos::config::login();
        assert_eq!(
            done["result"]["journaled_as"],
            format!("{me} (via assistant)")
        );

        // The same confirmed call again: the first answer, nothing written.
        let again = ok(call(&c, "create_booking", confirmed).await);
        assert_eq!(again["repeated"], true);
        assert_eq!(again["result"], done["result"]);
        // The token alone (no key) cannot write a second time either.
        let e = refused(
            call(
                &c,
                "create_booking",
                with(booking_args(), json!({"confirm": token})),
            )
            .await,
        );
        assert!(e.contains("used already"), "{e}");
        c.cancel().await.expect("close");

        // A new server on the same database still knows the key.
        let c = b.connect(NOW).await;
        let again = ok(call(
            &c,
            "create_booking",
            with(
                booking_args(),
                json!({"confirm": "whatever", "idempotency_key": "order-4711"}),
            ),
        )
        .await);
        assert_eq!(again["result"]["booking"]["id"], id);
        // The key with other arguments is refused.
        let e = refused(
            call(
                &c,
                "create_booking",
                with(
                    booking_args(),
                    json!({"start": "8", "idempotency_key": "order-4711"}),
                ),
            )
            .await,
        );
        assert!(e.contains("was used for another call"), "{e}");
        c.cancel().await.expect("close");
    });
    let day = b.agenda("2026-11-24");
    assert_eq!(day.len(), before + 1);
    let entries = b.journal();
    assert_eq!(entries.len(), journal + 1);
    let me = renos::config::login();
    assert_eq!(entries[0]["actor"], format!("{me} (via assistant)"));
    assert_eq!(entries[0]["action"], "booking.add");
}

#[test]
fn an_expired_confirmation_is_refused_with_a_sentence() {
    let b = Business::demo();
    let before = b.agenda("2026-11-24").len();
    runtime().block_on(async {
        let c = b.connect(NOW).await;
        let dry = ok(call(&c, "create_booking", booking_args()).await);
        let token = dry["confirm"].as_str().expect("token").to_string();
        c.cancel().await.expect("close");
        let c = b.connect(LATER).await;
        let e = refused(
            call(
                &c,
                "create_booking",
                with(booking_args(), json!({"confirm": token})),
            )
            .await,
        );
        assert!(e.contains("expired at 11:07"), "{e}");
        assert!(e.contains("without confirm"), "{e}");
        c.cancel().await.expect("close");
    });
    assert_eq!(b.agenda("2026-11-24").len(), before);
}

#[test]
fn a_double_booking_is_refused_unless_accepted_with_a_reason() {
    let b = Business::demo();
    runtime().block_on(async {
        let c = b.connect(NOW).await;
        let args = json!({"customer": "Søren Østergaard", "staff": "Louise Nielsen",
                          "date": "today", "start": "13", "duration": "1"});
        let e = refused(call(&c, "create_booking", args.clone()).await);
        assert!(e.contains("would double-book Louise Nielsen"), "{e}");
        let accepted = with(args, json!({"accept_clash_reason": "kunden insisterer"}));
        let dry = ok(call(&c, "create_booking", accepted.clone()).await);
        assert_eq!(
            dry["would"]["clashes"].as_array().expect("clashes").len(),
            2
        );
        let token = dry["confirm"].clone();
        let done = ok(call(
            &c,
            "create_booking",
            with(accepted, json!({"confirm": token})),
        )
        .await);
        assert!(done["result"]["booking"]["id"].as_i64().expect("id") > 0);
        c.cancel().await.expect("close");
    });
}

#[test]
fn cancel_undo_and_invoice_take_two_steps() {
    let b = Business::demo();
    let today = b.agenda("2026-11-20");
    let scheduled = today
        .iter()
        .find(|x| x["status"] == "scheduled")
        .expect("a scheduled job")["id"]
        .as_i64()
        .expect("id");
    let finished = today
        .iter()
        .find(|x| x["status"] == "completed")
        .expect("a finished job")["id"]
        .as_i64()
        .expect("id");
    runtime().block_on(async {
        let c = b.connect(NOW).await;
        let e = refused(call(&c, "undo", json!({})).await);
        assert!(e.starts_with("Nothing to undo"), "{e}");

        let args = json!({"booking_id": scheduled, "reason": "kunden aflyste"});
        let dry = ok(call(&c, "cancel_booking", args.clone()).await);
        assert_eq!(dry["would"]["booking"]["status"], "scheduled");
        assert_eq!(dry["would"]["would_be"]["status"], "cancelled");
        let done = ok(call(
            &c,
            "cancel_booking",
            with(args, json!({"confirm": dry["confirm"]})),
        )
        .await);
        assert_eq!(done["result"]["booking"]["status"], "cancelled");

        let dry = ok(call(&c, "undo", json!({})).await);
        assert_eq!(dry["would"]["booking_id"], scheduled);
        assert!(
            !dry["would"]["would_undo"]
                .as_str()
                .expect("what")
                .is_empty()
        );
        let done = ok(call(&c, "undo", json!({"confirm": dry["confirm"]})).await);
        assert_eq!(done["result"]["booking"]["status"], "scheduled");

        let dry = ok(call(&c, "create_invoice", json!({"booking_id": finished})).await);
        assert_eq!(dry["would"]["draft"], true);
        assert!(
            dry["would"]["gross_ore"].as_i64().expect("sum") > 0,
            "{dry}"
        );
        let done = ok(call(
            &c,
            "create_invoice",
            json!({"booking_id": finished, "confirm": dry["confirm"], "idempotency_key": "inv-1"}),
        )
        .await);
        assert_eq!(done["result"]["invoice"]["booking_id"], finished);
        assert_eq!(done["result"]["invoice"]["approve"], false);
        let e = refused(call(&c, "create_invoice", json!({"booking_id": finished})).await);
        assert!(e.contains("has an invoice already"), "{e}");
        c.cancel().await.expect("close");
    });
    let status = |id: i64| {
        b.agenda("2026-11-20")
            .into_iter()
            .find(|x| x["id"] == id)
            .expect("booking")["status"]
            .clone()
    };
    assert_eq!(status(scheduled), "scheduled");
}

#[test]
fn a_viewer_reads_but_is_refused_writes() {
    let b = Business::demo();
    let me = renos::config::login();
    std::fs::write(&b.config, format!("[roles]\nviewer = [\"{me}\"]\n")).expect("config");
    let before = b.agenda("2026-11-24").len();
    runtime().block_on(async {
        let c = b.connect(NOW).await;
        ok(call(&c, "get_current_time", json!({})).await);
        ok(call(
            &c,
            "get_customer_memory",
            json!({"customer": "Søren Østergaard"}),
        )
        .await);
        let e = refused(call(&c, "create_booking", booking_args()).await);
        assert!(
            e.contains(&format!(
                "{me} is a viewer here, which reads only: changing bookings is not allowed"
            )),
            "{e}"
        );
        let e = refused(call(&c, "undo", json!({})).await);
        assert!(e.contains("is a viewer here"), "{e}");
        c.cancel().await.expect("close");
    });
    assert_eq!(b.agenda("2026-11-24").len(), before);
}

/// `cancel_booking` cancels a visit of a series in the scope asked (as
/// `renos cancel --scope` and the API do); a scope that is none of the
/// three is refused with a sentence.
#[test]
fn a_series_visit_is_cancelled_in_the_scope_asked() {
    let b = Business::demo();
    let (_, visits) = weekly_series(b.cli(&evening_series("4")));
    assert_eq!(visits.len(), 4);
    runtime().block_on(async {
        let c = b.connect(NOW).await;
        let odd = json!({"booking_id": visits[1], "reason": "kunden flytter", "scope": "some"});
        let e = refused(call(&c, "cancel_booking", odd).await);
        assert!(e.starts_with("scope:"), "{e}");
        let args =
            json!({"booking_id": visits[1], "reason": "kunden flytter", "scope": "following"});
        let dry = ok(call(&c, "cancel_booking", args.clone()).await);
        let done = ok(call(
            &c,
            "cancel_booking",
            with(args, json!({"confirm": dry["confirm"]})),
        )
        .await);
        assert_eq!(done["result"]["booking"]["status"], "cancelled", "{done}");
        c.cancel().await.expect("close");
    });
    let status = |date: &str, id: i64| {
        b.agenda(date)
            .into_iter()
            .find(|x| x["id"] == id)
            .map(|x| x["status"].clone())
    };
    assert_eq!(status("2026-12-01", visits[0]), Some(json!("scheduled")));
    // From the visit on, none is left to clean (cancelled, or gone from
    // the series).
    for (date, id) in [("2026-12-08", visits[1]), ("2026-12-22", visits[3])] {
        let s = status(date, id);
        assert_ne!(s, Some(json!("scheduled")), "{date} #{id}");
    }
}
