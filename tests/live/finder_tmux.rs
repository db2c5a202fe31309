//! The slot finder and the sick call in the real binary at 80×24: `F`, a
//! duration typed, the second slot picked and booked through the form;
//! `X` on a cleaner, the suggestions accepted, one undo. Each step is read
//! from the screen and checked in the database through `renos agenda`.

use crate::common;

use common::{NOW, Tmux, renos};
use serde_json::Value;

const DAY: &str = "2026-11-27";

fn agenda(t: &Tmux, db: &str, day: &str) -> Vec<Value> {
    let out = renos(
        t.dir.path(),
        &["--db", db, "--now", NOW, "agenda", day, "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("agenda json")
}

/// A slot row as drawn: `│lør 28/11 07:00–10:00  Anna Jensen: 12 of …`
/// → (`2026-11-28`, `07:00`, `Anna Jensen`).
fn slot_of(line: &str) -> (String, String, String) {
    let row = line.trim_start_matches(['│', '▌', '┌', ' ']);
    let mut words = row.split_whitespace();
    let _weekday = words.next().expect("weekday");
    let dm = words.next().expect("date");
    let times = words.next().expect("times");
    let (d, m) = dm.split_once('/').expect("d/m");
    let day = format!("2026-{:0>2}-{:0>2}", m, d);
    let start = times.split('–').next().expect("start").to_string();
    let rest: Vec<&str> = words.collect();
    let name = rest.join(" ");
    let name = name.split(':').next().expect("name").to_string();
    (day, start, name)
}

#[test]
fn find_a_slot_pick_the_second_and_book_it() {
    let _turn = common::beside_others();
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
    t.run(&format!("renos --db {db} --now {NOW} --date {DAY}"));
    t.wait_text("0 bookings");

    t.keys(&["F"]);
    t.wait_text("Find a free slot");
    t.keys(&["3"]);
    let screen = t.wait_text("free slots, best first");
    let lines: Vec<&str> = screen.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.contains("free slots, best first"))
        .expect("the list");
    let (day, start, name) = slot_of(lines[head + 2]);
    assert!(!name.is_empty(), "{screen}");

    t.keys(&["Down", "Enter"]);
    t.wait_text("New booking");
    t.tmux(&["send-keys", "-t", "t", "-l", "sor ost"]);
    t.wait_text("Søren Østergaard ·");
    t.keys(&["Enter"]);
    t.wait_text("Fredensgade 14");
    t.keys(&["C-s"]);
    t.wait_text("Created booking #");

    let booked: Vec<Value> = agenda(&t, &db, &day)
        .into_iter()
        .filter(|b| b["customer"] == "Søren Østergaard")
        .collect();
    assert_eq!(booked.len(), 1, "{booked:?}");
    assert_eq!(booked[0]["staff"], name.as_str());
    let at = booked[0]["start"].as_str().expect("start");
    assert!(at.contains(&format!("T{start}")), "{at} starts at {start}");
    t.keys(&["q"]);
}

/// A taken job as drawn: `│[x] søn 22/11 08:00–10:00 Lene Mørk → Camilla Holm`
/// → (`2026-11-22`, `Lene Mørk`, `Camilla Holm`).
fn job_of(line: &str) -> (String, String, String) {
    let row = line.split("[x]").nth(1).expect("a taken job");
    let row = row.trim_end_matches(['│', '┐', ' ']);
    let (left, to) = row.split_once(" → ").expect("→");
    let mut words = left.split_whitespace();
    let _weekday = words.next().expect("weekday");
    let (d, m) = words.next().expect("date").split_once('/').expect("d/m");
    let _times = words.next().expect("times");
    let customer = words.collect::<Vec<_>>().join(" ");
    (
        format!("2026-{:0>2}-{:0>2}", m, d),
        customer,
        to.trim().to_string(),
    )
}

fn staff_of(t: &Tmux, db: &str, day: &str, customer: &str) -> String {
    let jobs: Vec<Value> = agenda(t, db, day)
        .into_iter()
        .filter(|b| b["customer"] == customer)
        .collect();
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    jobs[0]["staff"].as_str().unwrap_or("").to_string()
}

#[test]
fn sick_call_accept_the_suggestions_and_undo_as_one_step() {
    let _turn = common::beside_others();
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
    t.run(&format!("renos --db {db} --now {NOW}"));
    t.wait_text("bookings");
    // The first cleaner's lane.
    t.keys(&["k"; 12]);
    t.keys(&["X"]);
    t.wait_text("Sick call: Anna Jensen");
    let screen = t.wait_text("jobs to hand over");
    let taken: Vec<(String, String, String)> = screen
        .lines()
        .filter(|l| l.contains("[x]"))
        .map(job_of)
        .collect();
    assert!(!taken.is_empty(), "{screen}");
    t.keys(&["Enter"]);
    t.wait_text("Gave ");
    // The offer to tell the customers by SMS; not now.
    t.wait_text("by SMS who comes now?");
    t.keys(&["n"]);
    t.wait_text("Nothing was done.");
    for (day, customer, to) in &taken {
        assert_eq!(&staff_of(&t, &db, day, customer), to, "{customer} on {day}");
    }
    t.keys(&["u"]);
    t.wait_text("Undid");
    for (day, customer, _) in &taken {
        assert_eq!(
            staff_of(&t, &db, day, customer),
            "Anna Jensen",
            "one undo gives {customer} back"
        );
    }
    t.keys(&["q"]);
}
