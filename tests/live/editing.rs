//! Editing in the real binary in a real terminal (tmux, 80×24): create a
//! booking through the form, see it in the schedule, move it, undo the move,
//! undo the creation, quit — and check each step in the database through
//! `renos agenda` and `renos journal`.

use crate::common;

use std::time::Duration;

use common::{NOW, Tmux, renos};
use serde_json::Value;

const DAY: &str = "2026-11-27";

fn agenda(t: &Tmux, db: &str) -> Vec<Value> {
    let out = renos(
        t.dir.path(),
        &["--db", db, "--now", NOW, "agenda", DAY, "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("agenda json")
}

fn soren(t: &Tmux, db: &str) -> Vec<Value> {
    agenda(t, db)
        .into_iter()
        .filter(|b| b["customer"] == "Søren Østergaard")
        .collect()
}

#[test]
fn create_see_move_undo_move_undo_create_quit() {
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
    assert!(soren(&t, &db).is_empty());

    t.run(&format!(
        "renos --db {db} --now {NOW} --date {DAY}; echo EXITED:$?:o\"\"k"
    ));
    t.wait_text("0 bookings");

    // Create: n, find the customer by a few letters, take the first hit, save.
    t.keys(&["n"]);
    t.wait_text("New booking");
    t.tmux(&["send-keys", "-t", "t", "-l", "sor ost"]);
    t.wait_text("Søren Østergaard ·");
    t.keys(&["Enter"]);
    t.wait_text("Fredensgade 14");
    t.keys(&["C-s"]);
    let screen = t.wait_text("Created booking #");
    assert!(
        !screen.contains("New booking"),
        "the form closed:\n{screen}"
    );
    let lane = screen
        .lines()
        .find(|l| l.contains("Anna Jensen"))
        .expect("Anna's lane");
    assert!(
        lane.contains("Søren"),
        "the booking is in Anna's lane:\n{screen}"
    );
    let created = soren(&t, &db);
    assert_eq!(created.len(), 1, "{created:?}");
    let start = created[0]["start"].as_str().expect("start").to_string();
    assert_eq!(created[0]["staff"], "Anna Jensen");

    // Move: m, two steps right (+30 min), enter.
    t.keys(&["m"]);
    t.wait_text("MOVE");
    t.keys(&["Right", "Right"]);
    t.wait_text("(+30 min)");
    t.keys(&["Enter"]);
    t.wait_text("Moved booking #");
    let moved = soren(&t, &db);
    let moved_start = moved[0]["start"].as_str().expect("start").to_string();
    assert_ne!(moved_start, start);
    assert!(
        moved_start.contains(&plus_30(&start)),
        "{start} + 30 min = {moved_start}"
    );

    // Undo the move, then the creation.
    t.keys(&["u"]);
    t.wait_text("Undid move of #");
    assert_eq!(soren(&t, &db)[0]["start"].as_str(), Some(start.as_str()));
    t.keys(&["u"]);
    let screen = t.wait_text("Undid creation of #");
    assert!(soren(&t, &db).is_empty(), "the booking is gone");
    let lane = screen
        .lines()
        .find(|l| l.contains("Anna Jensen"))
        .expect("Anna's lane");
    assert!(
        !lane.contains("Søren"),
        "and gone from the screen:\n{screen}"
    );

    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |s| {
        s.contains("EXITED:0:ok")
    });

    // Every step is journaled with the acting dispatcher.
    let out = renos(
        t.dir.path(),
        &["--db", &db, "journal", "--json", "--limit", "4"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = serde_json::from_slice(&out.stdout).expect("journal json");
    // The real login of the console, whatever `$USER` ("mette") says.
    let me = renos::config::login();
    let actions: Vec<(&str, &str)> = lines
        .iter()
        .rev()
        .map(|l| {
            (
                l["actor"].as_str().unwrap_or(""),
                l["action"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            (me.as_str(), "booking.add"),
            (me.as_str(), "booking.move"),
            (me.as_str(), "booking.undo"),
            (me.as_str(), "booking.undo")
        ]
    );
}

/// "2026-11-27T12:30:00+01:00" → "12:30" + 30 min as "T13:00".
fn plus_30(rfc: &str) -> String {
    let t =
        chrono::DateTime::parse_from_rfc3339(rfc).expect("time") + chrono::Duration::minutes(30);
    t.format("T%H:%M").to_string()
}
