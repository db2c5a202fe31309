//! The search and go-to in the real binary at 80×24: `/` + "ostergaard" +
//! Enter lands on Søren Østergaard's next booking (its day shown, the
//! booking selected), checked against `renos agenda`; `g` + "+7" + Enter
//! shows the day a week on.

use crate::common;

use common::{NOW, Tmux, renos};
use serde_json::Value;

fn demo(t: &Tmux) -> String {
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
    db
}

/// Søren Østergaard's first live booking from `NOW` on, by `renos agenda`:
/// its number and its day of November.
fn next_of_soren(t: &Tmux, db: &str) -> (i64, u32) {
    for day in 20..=30 {
        let date = format!("2026-11-{day}");
        let out = renos(
            t.dir.path(),
            &["--db", db, "--now", NOW, "agenda", &date, "--json"],
        );
        assert!(out.status.success());
        let jobs: Vec<Value> = serde_json::from_slice(&out.stdout).expect("agenda json");
        let next = jobs.iter().find(|b| {
            b["customer"] == "Søren Østergaard"
                && b["status"] != "cancelled"
                && b["start"].as_str().is_some_and(|s| s > "2026-11-20T11:02")
        });
        if let Some(b) = next {
            return (b["id"].as_i64().expect("id"), day);
        }
    }
    panic!("Søren has no booking ahead in the demo");
}

#[test]
fn slash_ostergaard_enter_lands_on_his_next_booking() {
    let t = Tmux::start();
    let db = demo(&t);
    let (id, day) = next_of_soren(&t, &db);
    t.run(&format!("renos --db {db} --now {NOW}"));
    t.wait_text("bookings");
    t.keys(&["/"]);
    t.wait_text("Search");
    t.tmux(&["send-keys", "-t", "t", "-l", "ostergaard"]);
    // His row, and under it his next booking as the worker found it.
    t.wait_for(
        "his next booking",
        std::time::Duration::from_secs(10),
        |s| s.contains("Søren Østergaard ·") && s.contains("│   next "),
    );
    t.keys(&["Enter"]);
    let header = format!("{day} Nov 2026");
    let screen = t.wait_for(
        "his booking selected",
        std::time::Duration::from_secs(10),
        |s| {
            s.lines().next().is_some_and(|l| l.contains(&header))
                && s.contains(&format!("Booking #{id} "))
        },
    );
    assert!(!screen.contains(" Search "), "the search closed:\n{screen}");
    assert!(screen.contains("Søren Østergaard ·"), "{screen}");
    t.keys(&["q"]);
}

#[test]
fn g_plus_seven_shows_the_day_a_week_on() {
    let t = Tmux::start();
    let db = demo(&t);
    t.run(&format!("renos --db {db} --now {NOW}"));
    t.wait_text("20 Nov 2026 (today)");
    t.keys(&["g"]);
    t.wait_text("Go to:");
    t.tmux(&["send-keys", "-t", "t", "-l", "+7"]);
    t.wait_text("→ Friday 27/11/2026 (in 7 days)");
    t.keys(&["Enter"]);
    t.wait_for("the 27th", std::time::Duration::from_secs(10), |s| {
        s.lines().next().is_some_and(|l| l.contains("27 Nov 2026")) && !s.contains("Go to:")
    });
    t.keys(&["q"]);
}
