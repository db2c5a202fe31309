//! The console against a Google sandbox in a real terminal (tmux, 80×24):
//! edit a booking, press `S`, see it reach the calendar; change the
//! calendar, see it reach the screen.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{NOW, Tmux, renos};
use serde_json::{Value, json};

struct Sandbox {
    child: Child,
    env: Vec<(String, String)>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sandbox(dir: &std::path::Path) -> Sandbox {
    let mut child = Command::new(common::bin())
        .args(["sandbox", "--dir"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("renos sandbox");
    let out = child.stdout.take().expect("stdout");
    let mut env = Vec::new();
    for line in BufReader::new(out).lines() {
        let line = line.expect("line");
        if let Some((k, v)) = line.strip_prefix("export ").and_then(|r| r.split_once('=')) {
            env.push((k.to_string(), v.trim_matches('\'').to_string()));
            if k == "RENOS_SANDBOX_URL" {
                break;
            }
        }
    }
    Sandbox { child, env }
}

fn admin(
    rt: &tokio::runtime::Runtime,
    method: reqwest::Method,
    url: String,
    body: Option<Value>,
) -> Value {
    rt.block_on(async {
        let req = reqwest::Client::new().request(method, url);
        let req = match body {
            Some(b) => req.json(&b),
            None => req,
        };
        let resp = req.send().await.expect("admin");
        assert!(resp.status().is_success(), "{}", resp.status());
        resp.json::<Value>().await.unwrap_or(Value::Null)
    })
}

#[test]
fn demo_syncs_on_s_both_ways() {
    renos::providers::install_crypto_provider();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    let t = Tmux::start();
    let sb = sandbox(t.dir.path());
    let url = sb
        .env
        .iter()
        .find(|(k, _)| k == "RENOS_SANDBOX_URL")
        .map(|(_, v)| v.clone())
        .expect("url");
    let events = format!(
        "{url}/admin/google/calendars/{}/events",
        renos::sandbox::CALENDAR_ID
    );
    let db = t.path("renos.db").display().to_string();
    let out = renos(
        t.dir.path(),
        &["--db", &db, "--now", NOW, "demo", "--no-console"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The shell gets the sandbox's settings, as `eval "$(renos sandbox)"` does.
    for (k, v) in &sb.env {
        t.run(&format!("export {k}='{v}'"));
    }
    t.run(&format!(
        "clear; renos --db {db} --now {NOW}; echo EXITED:$?:o\"\"k"
    ));
    t.wait_text("Anna Jensen");

    // S: the demo's bookings go to Google.
    t.keys(&["S"]);
    t.wait_for("the first sync", Duration::from_secs(20), |s| {
        s.contains("Synced")
    });
    let first = admin(&rt, reqwest::Method::GET, events.clone(), None);
    let pushed = first["items"].as_array().expect("items").len();
    assert!(pushed > 5, "the demo's bookings are in Google: {first}");

    // Move the unassigned job (still to come); S sends it.
    t.keys(&["j", "j", "j", "j", "j", "j", "j", "j"]);
    t.wait_text("Unassigned");
    t.keys(&["m"]);
    t.wait_text("MOVE");
    t.keys(&["Right", "Right", "Enter"]);
    let screen = t.wait_text("Moved booking #");
    let id: String = screen
        .split("Moved booking #")
        .nth(1)
        .expect("id")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let before: Value = first["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["extendedProperties"]["private"]["renos_booking"] == id.as_str())
        .cloned()
        .expect("the moved booking's event");
    t.wait_for("the move to be pending", Duration::from_secs(10), |s| {
        s.contains("pending")
    });
    t.keys(&["S"]);
    t.wait_for("the move to be synced", Duration::from_secs(20), |s| {
        s.contains("Synced") && !s.contains("pending")
    });
    let after = admin(&rt, reqwest::Method::GET, events.clone(), None);
    let moved = after["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["id"] == before["id"])
        .cloned()
        .expect("event");
    assert_ne!(moved["start"], before["start"], "the event moved: {moved}");

    // Someone adds a job in Google Calendar; S brings it to the screen.
    admin(
        &rt,
        reqwest::Method::POST,
        events.clone(),
        Some(json!({
            "summary": "Kaffe Kurt",
            "start": {"dateTime": "2026-11-20T15:00:00+01:00", "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": "2026-11-20T16:00:00+01:00", "timeZone": "Europe/Copenhagen"},
        })),
    );
    t.keys(&["S"]);
    let screen = t.wait_for("the new job on screen", Duration::from_secs(20), |s| {
        s.contains("Kaff")
    });
    assert!(screen.contains("Synced"), "{screen}");

    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |s| {
        s.contains("EXITED:0:ok")
    });
}
