//! The console against a Google sandbox in a real terminal (tmux, 80×24):
//! edit a booking, press `S`, see it reach the calendar; change the
//! calendar, see it reach the screen.

use crate::common;

/// The first loss replayed through the binary.
mod cli;

use std::time::Duration;

use common::sandbox::SandboxProcess;
use common::{NOW, Tmux, renos};
use serde_json::{Value, json};

/// The demo's database, and the console on it in tmux with the
/// sandbox's settings in its environment (as `eval "$(renos sandbox)"`).
fn console_on_sandbox() -> (Tmux, SandboxProcess, String) {
    let t = Tmux::start();
    let sb = SandboxProcess::start(t.dir.path());
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
    for (k, v) in &sb.env {
        t.run(&format!("export {k}='{v}'"));
    }
    t.run(&format!(
        "clear; renos --db {db} --now {NOW}; echo EXITED:$?:o\"\"k"
    ));
    t.wait_text("Anna Jensen");
    (t, sb, db)
}

#[test]
fn demo_syncs_on_s_both_ways() {
    let (t, sb, _db) = console_on_sandbox();
    let events = sb.events_path();

    // S: the demo's bookings go to Google.
    t.keys(&["S"]);
    t.wait_for("the first sync", Duration::from_secs(20), |s| {
        s.contains("Synced")
    });
    let first = sb.admin(reqwest::Method::GET, &events, None);
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
    let after = sb.admin(reqwest::Method::GET, &events, None);
    let moved = after["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["id"] == before["id"])
        .cloned()
        .expect("event");
    assert_ne!(moved["start"], before["start"], "the event moved: {moved}");

    // Someone adds a job in Google Calendar; S brings it to the screen.
    sb.admin(
        reqwest::Method::POST,
        &events,
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

/// The second loss seen from outside, in the console: `d` (a reason), the
/// sync deletes the event, `u` undoes the cancellation — and the sync must
/// give the booking a new event instead of cancelling it again.
#[test]
fn an_undone_cancellation_stays_undone_in_the_console() {
    let (t, sb, db) = console_on_sandbox();
    let events = sb.events_path();
    t.keys(&["S"]);
    t.wait_for("the first sync", Duration::from_secs(20), |s| {
        s.contains("Synced")
    });

    // A job still to come: cancel it with a reason.
    t.keys(&["j", "j", "j", "j", "j", "j", "j", "j"]);
    t.wait_text("Unassigned");
    t.keys(&["d"]);
    t.wait_text("Why is it cancelled?");
    t.keys(&["kunden er syg"]);
    t.keys(&["Enter"]);
    let screen = t.wait_text("Cancelled booking #");
    let id: String = screen
        .split("Cancelled booking #")
        .nth(1)
        .expect("id")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let of_booking = |v: &Value| -> Vec<Value> {
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|e| e["extendedProperties"]["private"]["renos_booking"] == id.as_str())
            .cloned()
            .collect()
    };
    t.keys(&["S"]);
    t.wait_for(
        "the cancellation to reach Google",
        Duration::from_secs(20),
        |_| {
            let all = sb.admin(reqwest::Method::GET, &events, None);
            let evs = of_booking(&all);
            !evs.is_empty() && evs.iter().all(|e| e["status"] == "cancelled")
        },
    );

    t.keys(&["u"]);
    t.wait_text("Undid cancel");
    // Several syncs: the booking stays, with a live event of its own.
    for _ in 0..3 {
        t.keys(&["S"]);
        std::thread::sleep(Duration::from_millis(700));
    }
    t.wait_for(
        "a new event for the booking",
        Duration::from_secs(20),
        |_| {
            let all = sb.admin(reqwest::Method::GET, &events, None);
            of_booking(&all).iter().any(|e| e["status"] != "cancelled")
        },
    );
    let screen = t.screen();
    assert!(
        !screen.contains("deleted in Google Calendar"),
        "the sync cancelled it again: {screen}"
    );
    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |s| {
        s.contains("EXITED:0:ok")
    });
    let out = renos(
        t.dir.path(),
        &["--db", &db, "--now", NOW, "journal", "--booking", &id],
    );
    let journal = String::from_utf8_lossy(&out.stdout);
    assert!(
        !journal.contains("deleted in Google Calendar"),
        "the sync cancelled it again: {journal}"
    );
}
