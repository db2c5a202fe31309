//! A new customer made inside the booking form, in the real binary at
//! 80×24: a name nobody matches, ctrl-n, phone and address, saved, then the
//! booking saved with them — checked through `renos agenda`.

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

#[test]
fn a_customer_nobody_matches_is_created_and_booked_in_one_go() {
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
    t.run(&format!(
        "renos --db {db} --now {NOW} --date {DAY}; echo EXITED:$?:o\"\"k"
    ));
    t.wait_text("0 bookings");

    t.keys(&["n"]);
    t.wait_text("New booking");
    t.tmux(&["send-keys", "-t", "t", "-l", "Karen Blixen"]);
    let screen = t.wait_text("no customer 'Karen Blixen'");
    assert!(screen.contains("ctrl-n new"), "the key is named:\n{screen}");

    t.keys(&["C-n"]);
    t.wait_text("New customer");
    t.tmux(&["send-keys", "-t", "t", "-l", "20 30 40 50"]);
    t.wait_text("→ +4520304050");
    t.keys(&["Tab", "Tab"]);
    t.tmux(&["send-keys", "-t", "t", "-l", "Rungstedvej 111"]);
    t.wait_text("Rungstedvej 111");
    t.keys(&["C-s"]);
    // The customer form closes and the booking's customer field holds them.
    let screen = t.wait_for(
        "the new customer in the form",
        Duration::from_secs(10),
        |s| {
            !s.contains("New customer")
                && s.lines()
                    .any(|l| l.contains("Customer   Karen Blixen") && l.contains("Rungstedvej 111"))
        },
    );
    assert!(
        screen.contains("New booking"),
        "the booking form stayed open:\n{screen}"
    );

    t.keys(&["C-s"]);
    t.wait_text("Created booking #");
    let booked: Vec<Value> = agenda(&t, &db)
        .into_iter()
        .filter(|b| b["customer"] == "Karen Blixen")
        .collect();
    assert_eq!(booked.len(), 1, "{booked:?}");
    assert_eq!(booked[0]["address"], "Rungstedvej 111", "{booked:?}");

    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |s| {
        s.contains("EXITED:0:ok")
    });
}
