//! Recurring bookings in the real binary in a real terminal (tmux, 80×24):
//! book a fortnightly cleaning through the form's Repeats field (chosen
//! with its keys), see it on three dates by stepping days, move one visit
//! alone, change the start of "this and following", undo that as one step
//! — each step read from the screen and checked in the database through
//! `renos agenda`.

use crate::common;

use std::time::Duration;

use common::{NOW, Tmux, renos};
use serde_json::Value;

/// A Friday a week after the demo's day, with nothing booked.
const FIRST: &str = "2026-11-27";
const SECOND: &str = "2026-12-11";
/// 25/12 (juledag) is skipped; the third visit is 8/1.
const THIRD: &str = "2027-01-08";

/// Søren's booking on `day` as `renos agenda` has it.
fn soren(t: &Tmux, db: &str, day: &str) -> Option<Value> {
    let out = renos(
        t.dir.path(),
        &["--db", db, "--now", NOW, "agenda", day, "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout)
        .expect("agenda json")
        .into_iter()
        .find(|b| b["customer"] == "Søren Østergaard" && b["status"] != "cancelled")
}

/// The local start ("12:00") of Søren's visit on `day`.
fn start(t: &Tmux, db: &str, day: &str) -> String {
    let b = soren(t, db, day).unwrap_or_else(|| panic!("a visit on {day}"));
    let s = b["start"].as_str().expect("start");
    chrono::DateTime::parse_from_rfc3339(s)
        .expect("time")
        .format("%H:%M")
        .to_string()
}

/// Steps `days` days with the day keys and waits for the day's header.
fn step(t: &Tmux, key: &str, days: usize, header: &str) -> String {
    for _ in 0..days {
        t.keys(&[key]);
    }
    t.wait_text(header)
}

fn soren_on_screen(screen: &str) -> bool {
    screen
        .lines()
        .take(12)
        .any(|l| l.contains("Anna Jensen") && l.contains("Søren"))
}

#[test]
fn book_fortnightly_see_three_dates_move_one_change_following_undo() {
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
    assert!(soren(&t, &db, FIRST).is_none());
    t.run(&format!(
        "renos --db {db} --now {NOW} --date {FIRST}; echo EXITED:$?:o\"\"k"
    ));
    t.wait_text("0 bookings");

    // The form: the customer, then Repeats and Ends; the preview names
    // the next dates and the holiday one of them falls on.
    t.keys(&["n"]);
    t.wait_text("New booking");
    t.tmux(&["send-keys", "-t", "t", "-l", "sor ost"]);
    t.wait_text("Søren Østergaard ·");
    t.keys(&["Enter"]);
    t.wait_text("Fredensgade 14");
    for _ in 0..7 {
        t.keys(&["Tab"]);
    }
    // Every 2 weeks, chosen with the keys the footer names.
    t.wait_text("ctrl-←/ctrl-→: choose, or type an RRULE");
    t.keys(&["C-Right"]);
    t.wait_text("weekly, Fri");
    t.keys(&["C-Right"]);
    let screen = t.wait_text("every 2nd week, Fri");
    assert!(screen.contains("Repeats    every 2 weeks "), "{screen}");
    t.keys(&["Tab"]);
    t.tmux(&["send-keys", "-t", "t", "-l", "4 times"]);
    t.wait_text("4 visits");
    let screen = t.wait_text("skipped: 25/12 juledag");
    assert!(
        screen.contains("Next: 27/11, 11/12, skipped: 25/12 juledag, 8/1"),
        "the preview lists the next dates:\n{screen}"
    );
    t.keys(&["C-s"]);
    let screen = t.wait_text("Created series #");
    assert!(screen.contains("Created series #3: 3 visits"), "{screen}");
    assert!(soren_on_screen(&screen), "in Anna's lane:\n{screen}");
    let at = start(&t, &db, FIRST);
    assert_eq!(start(&t, &db, SECOND), at);
    assert_eq!(start(&t, &db, THIRD), at);
    assert!(soren(&t, &db, "2026-12-25").is_none(), "juledag is skipped");

    // Three dates, stepped to with the day keys; the details panel says
    // the series.
    let screen = step(&t, "]", 14, "Fri 11 Dec 2026");
    let screen = if soren_on_screen(&screen) {
        screen
    } else {
        t.wait_for(
            "the visit on 11/12",
            Duration::from_secs(10),
            soren_on_screen,
        )
    };
    assert!(screen.contains("every 2nd week, Fri"), "{screen}");
    step(&t, "]", 14, "Fri 25 Dec 2026");
    t.wait_text("0 bookings");
    step(&t, "]", 14, "Fri 8 Jan 2027");
    t.wait_for("the visit on 8/1", Duration::from_secs(10), soren_on_screen);

    // Move the visit of 11/12 alone: the scope question, then move mode.
    step(&t, "[", 28, "Fri 11 Dec 2026");
    t.wait_for(
        "the visit on 11/12",
        Duration::from_secs(10),
        soren_on_screen,
    );
    t.keys(&["m"]);
    t.wait_text("Move which visits?");
    t.keys(&["t"]);
    t.wait_text("MOVE");
    t.keys(&["Right", "Right"]);
    t.wait_text("(+30 min)");
    t.keys(&["Enter"]);
    // A move that now waits for review is said as a save.
    t.wait_for("the move", Duration::from_secs(10), |s| {
        s.contains("Moved booking #") || s.contains("Saved booking #")
    });
    let moved = start(&t, &db, SECOND);
    assert_ne!(moved, at, "11/12 moved");
    assert_eq!(start(&t, &db, FIRST), at, "27/11 stayed");
    assert_eq!(start(&t, &db, THIRD), at, "8/1 stayed");

    // Change the start of this and following, from the first visit.
    step(&t, "[", 14, "Fri 27 Nov 2026");
    t.wait_for("the first visit", Duration::from_secs(10), soren_on_screen);
    t.keys(&["e"]);
    t.wait_text("Edit which visits?");
    t.keys(&["f"]);
    t.wait_text("Edit booking #");
    t.keys(&["Tab", "Tab", "Tab", "C-u"]);
    t.tmux(&["send-keys", "-t", "t", "-l", "08:00"]);
    t.wait_text("08:00");
    t.keys(&["C-s"]);
    t.wait_text("visits of series #3");
    assert_eq!(start(&t, &db, FIRST), "08:00");
    assert_eq!(start(&t, &db, THIRD), "08:00");
    assert_eq!(
        start(&t, &db, SECOND),
        moved,
        "the moved visit keeps its time"
    );

    // Undo takes the whole change back as one step.
    t.keys(&["u"]);
    t.wait_text("Undid move of 3 visits of");
    assert_eq!(start(&t, &db, FIRST), at);
    assert_eq!(start(&t, &db, THIRD), at);
    assert_eq!(start(&t, &db, SECOND), moved);

    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |s| {
        s.contains("EXITED:0:ok")
    });
}
