//! The week board and a cleaner's week in the real binary at 80×24, on
//! the demo's data at a fixed clock: `w` shows the seven days of the week
//! with each cleaner's jobs where `renos agenda` has them, a cell chosen
//! with the arrows opens its day on that cleaner's lane, and `W` lists
//! the cleaner's week with addresses.

use crate::common;

use common::{NOW, Tmux, renos};
use serde_json::Value;

const DAYS: [&str; 7] = [
    "2026-11-16",
    "2026-11-17",
    "2026-11-18",
    "2026-11-19",
    "2026-11-20",
    "2026-11-21",
    "2026-11-22",
];

/// The first job of `staff` on `day` as the board writes it: `08 Lene`.
fn first_job(t: &Tmux, db: &str, day: &str, staff: &str) -> Option<String> {
    let out = renos(
        t.dir.path(),
        &["--db", db, "--now", NOW, "agenda", day, "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let jobs: Vec<Value> = serde_json::from_slice(&out.stdout).expect("agenda json");
    let mut theirs: Vec<&Value> = jobs
        .iter()
        .filter(|j| j["staff"] == staff && j["status"] != "cancelled")
        .collect();
    theirs.sort_by_key(|j| j["start"].as_str().unwrap_or("").to_string());
    theirs.first().map(|j| {
        let start = j["start"].as_str().expect("start");
        let customer: String = j["customer"]
            .as_str()
            .expect("customer")
            .chars()
            .take(3)
            .collect();
        format!("{} {customer}", &start[11..13])
    })
}

/// The seven cells of a board line (after the name column), as text.
fn cells(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    (0..7)
        .map(|i| {
            let from = (10 + i * 10 + 1).min(chars.len());
            let to = (10 + i * 10 + 10).min(chars.len());
            chars[from..to].iter().collect::<String>()
        })
        .collect()
}

#[test]
fn w_shows_the_week_enter_opens_a_day_and_big_w_the_cleaners_week() {
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
    t.wait_text("30 bookings");
    t.keys(&["k", "k", "k", "k", "k", "k", "k", "k", "k", "k"]);

    // The board: seven days, Anna's first row of jobs where the agenda has them.
    t.keys(&["w"]);
    let screen = t.wait_text("Week 47 · 16/11–22/11 2026");
    for head in [
        "Mon 16/11",
        "Tue 17/11",
        "Wed 18/11",
        "Thu 19/11",
        "Fri 20/11",
        "Sat 21/11",
        "Sun 22/11",
    ] {
        assert!(screen.contains(head), "{head} missing:\n{screen}");
    }
    let lines: Vec<&str> = screen.lines().collect();
    let anna = lines
        .iter()
        .position(|l| l.starts_with("▌Anna J."))
        .expect("Anna's row");
    let jobs = cells(lines[anna + 1]);
    for (i, day) in DAYS.iter().enumerate() {
        match first_job(&t, &db, day, "Anna Jensen") {
            Some(want) => assert!(
                jobs[i].contains(&want),
                "{day}: want {want:?} in {:?}\n{screen}",
                jobs[i]
            ),
            None => assert!(jobs[i].trim().is_empty(), "{day}: {:?}", jobs[i]),
        }
    }

    // Camilla's Wednesday: the day opens with her lane and her job chosen.
    t.keys(&["Down", "Left", "Left"]);
    t.keys(&["Enter"]);
    t.wait_text("Wed 18 Nov 2026");
    let want = first_job(&t, &db, DAYS[2], "Camilla Holm").expect("Camilla works Wednesday");
    let details = t.wait_text("┌ Booking #");
    assert!(
        details.contains("Camilla Holm") && details.contains(&want[3..]),
        "the details show her job ({want}):\n{details}"
    );

    // Her week, day by day with addresses.
    t.keys(&["W"]);
    let screen = t.wait_text("Camilla Holm · Week 47");
    assert!(screen.contains("Wed 18/11 · 1 job"), "{screen}");
    assert!(screen.contains("1. 07:30–"), "{screen}");
    assert!(
        screen.contains("8"),
        "an address with a postcode:\n{screen}"
    );
    t.keys(&["Escape"]);
    t.wait_for("the schedule", std::time::Duration::from_secs(10), |s| {
        s.contains("n new") && !s.contains("Week 47")
    });
    t.keys(&["q"]);
}
