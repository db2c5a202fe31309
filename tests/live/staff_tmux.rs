//! The staff screen in the real binary at 80×24: `A`, a cleaner's Tuesday
//! hours changed and saved, and `renos slots` offering them only those
//! hours afterwards.

use crate::common;

use common::{NOW, Tmux, renos};
use std::time::Duration;

use serde_json::Value;

/// The Tuesday after the demo's clock.
const TUESDAY: &str = "2026-11-24";

/// Anna's free slots of an hour on Tuesday, as (start, end) local `HH:MM`.
fn annas_tuesday(t: &Tmux, db: &str) -> Vec<(String, String)> {
    let out = renos(
        t.dir.path(),
        &[
            "--db",
            db,
            "--now",
            NOW,
            "slots",
            "--date",
            TUESDAY,
            "--days",
            "1",
            "--duration",
            "1",
            "--staff",
            "Anna Jensen",
            "--per-cleaner",
            "100",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let f: Value = serde_json::from_slice(&out.stdout).expect("slots json");
    let hm = |v: &Value| v.as_str().expect("time")[11..16].to_string();
    f["offers"]
        .as_array()
        .expect("offers")
        .iter()
        .filter(|o| o["name"] == "Anna Jensen")
        .flat_map(|o| o["slots"].as_array().cloned().unwrap_or_default())
        .map(|s| (hm(&s["start"]), hm(&s["end"])))
        .collect()
}

#[test]
fn a_changes_tuesday_hours_and_the_slots_honour_them() {
    let t = Tmux::start();
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
    let before = annas_tuesday(&t, &db);
    assert!(
        before.iter().any(|(s, _)| s.as_str() < "13:00"),
        "Anna is free before 13:00 on Tuesday at first: {before:?}"
    );

    t.run(&format!("renos --db {db} --now {NOW}"));
    t.wait_text("bookings");
    t.keys(&["A"]);
    t.wait_text("Week 47");
    // Anna is first; down to Tuesday, edit, a new value typed over the old.
    t.keys(&["Down", "Enter"]);
    t.wait_text("leave as it was");
    t.tmux(&["send-keys", "-t", "t", "-l", "13:00-15:00,15:30-17:00"]);
    t.keys(&["Enter"]);
    t.wait_text("Changed Anna Jensen's Tuesday hours");
    t.wait_text("13:00-15:00, 15:30-17:00");
    // A value that does not read is refused, naming the field.
    t.keys(&["Enter"]);
    t.tmux(&["send-keys", "-t", "t", "-l", "9-5"]);
    t.keys(&["Enter"]);
    t.wait_text("✗ Tuesday hours:");
    t.keys(&["Escape", "Escape"]);
    t.wait_for("the schedule again", Duration::from_secs(10), |s| {
        !s.contains("Cleaners")
    });

    let after = annas_tuesday(&t, &db);
    assert!(!after.is_empty(), "Anna still works on Tuesday");
    for (start, end) in &after {
        let inside = (start.as_str() >= "13:00" && end.as_str() <= "15:00")
            || (start.as_str() >= "15:30" && end.as_str() <= "17:00");
        assert!(inside, "{start}-{end} is outside the new hours: {after:?}");
    }
    t.keys(&["q"]);
}
