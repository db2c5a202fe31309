//! The real binary in a real terminal (tmux, 80×24): move, start and finish
//! a job, see another process's change appear, and quit leaving the terminal
//! clean, also when the console is ended by a signal.

use crate::common;

use std::time::Duration;

use common::{NOW, Tmux, renos};

fn seeded(t: &Tmux) -> String {
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

/// The shell printed `EXITED:<code>` (the command line itself shows `$?`).
fn exited(screen: &str) -> bool {
    screen.lines().any(|l| {
        l.split("EXITED:").nth(1).is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_digit()) && rest.contains(":ok")
        })
    })
}

/// The terminal is back to normal: main screen, echo and canonical mode on.
fn assert_terminal_clean(t: &Tmux) {
    t.wait_for(
        "the shell prompt after the console",
        Duration::from_secs(10),
        exited,
    );
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor left hidden");
    t.run(
        "stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo STTY-$((40+2))",
    );
    let s = t.wait_text("STTY-42");
    assert!(s.contains("icanon echo"), "terminal left in raw mode:\n{s}");
}

#[test]
fn move_start_finish_see_others_and_quit_clean() {
    let t = Tmux::start();
    let db = seeded(&t);
    t.run(&format!(
        "renos --db {db} --now {NOW}; echo EXITED:$?:o\"\"k"
    ));
    let s = t.wait_text("Running 4");
    assert!(
        s.contains("RenOS Dispatch") && s.contains("Booking #"),
        "{s}"
    );

    // Down to Jonas Kristensen's lane, then right until Emil Svendsen (a job to come) is selected.
    t.keys(&["Down", "Down"]);
    let mut found = false;
    for _ in 0..6 {
        if t.screen().contains("Emil Svendsen ·") {
            found = true;
            break;
        }
        t.keys(&["l"]);
        std::thread::sleep(Duration::from_millis(150));
    }
    assert!(found, "could not select Emil Svendsen:\n{}", t.screen());
    t.keys(&["s"]);
    let s = t.wait_text("running since 11:02");
    assert!(s.contains("Started booking"), "{s}");
    assert!(s.contains("Running 5"), "{s}");
    // Finishing it at once would record a job of no time: refused, with why.
    t.keys(&["f"]);
    let s = t.wait_text("Not finished: it ran under a minute");
    assert!(s.contains("Running 5"), "{s}");

    // Another process adds a cleaner: the lane appears within about a second.
    let out = renos(
        t.dir.path(),
        &[
            "--db",
            &db,
            "staff",
            "add",
            "Zofia Nowak",
            "--hours",
            "mon-fri 07:00-15:00",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.wait_for("the new cleaner's lane", Duration::from_secs(3), |s| {
        s.contains("Zofia Nowak")
    });

    // The start was journaled by the console's dispatcher; the job runs on.
    let out = renos(
        t.dir.path(),
        &["--db", &db, "--now", NOW, "agenda", "--json"],
    );
    let agenda: serde_json::Value = serde_json::from_slice(&out.stdout).expect("agenda json");
    let emil = agenda
        .as_array()
        .expect("array")
        .iter()
        .find(|i| i["customer"] == "Emil Svendsen")
        .expect("emil");
    assert_eq!(emil["status"], "in_progress");

    t.keys(&["q"]);
    assert_terminal_clean(&t);
    assert!(t.screen().contains("EXITED:0"), "{}", t.screen());
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["TERM", "HUP"] {
        let t = Tmux::start();
        let db = seeded(&t);
        let pidfile = t.path("pid");
        t.run(&format!(
            "sh -c 'echo $$ > {}; exec renos --db {db} --now {NOW}'; echo EXITED:$?:o\"\"k",
            pidfile.display()
        ));
        t.wait_text("Running 4");
        let pid = std::fs::read_to_string(&pidfile).expect("pid file");
        let out = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.trim())
            .output()
            .expect("kill");
        assert!(out.status.success());
        assert_terminal_clean(&t);
    }
}

#[test]
fn a_bad_keymap_stops_start_up_naming_the_line() {
    let t = Tmux::start();
    let db = seeded(&t);
    let cfg = t.path("config.toml");
    let keys = t.path("keys.toml");
    std::fs::write(
        &keys,
        "[keys]\n\"q\" = \"quit\"\n\"x\" = \"self_destruct\"\n",
    )
    .expect("keys");
    std::fs::write(&cfg, format!("keymap = \"{}\"\n", keys.display())).expect("config");
    let out = renos(
        t.dir.path(),
        &["--db", &db, "--config", &cfg.display().to_string()],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("keys.toml: line 3") && err.contains("self_destruct"),
        "{err}"
    );
}

/// The line the footer is on (the screen's last).
fn footer(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

#[test]
fn keys_rebound_in_a_question_and_a_list_work_and_show() {
    let t = Tmux::start();
    let db = seeded(&t);
    let keys = t.path("keys.toml");
    std::fs::write(
        &keys,
        "[confirm]\n\"o\" = \"yes\"\n\"y\" = \"none\"\n\n[list]\n\"J\" = \"down\"\n\"j\" = \"none\"\n",
    )
    .expect("keys");
    let cfg = t.path("config.toml");
    std::fs::write(&cfg, format!("keymap = \"{}\"\n", keys.display())).expect("config");
    t.run(&format!(
        "renos --db {db} --config {} --now {NOW}; echo EXITED:$?:o\"\"k",
        cfg.display()
    ));
    t.wait_text("Running 4");

    // A question: o answers yes, y no longer does; both the box and the
    // footer name o.
    t.keys(&["M"]);
    let s = t.wait_text("tomorrow's customers");
    assert!(s.contains("o: yes · n/esc: no"), "{s}");
    assert!(footer(&s).contains("o yes  n/esc no"), "{s}");
    t.keys(&["y"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        t.screen().contains("tomorrow's customers"),
        "y still answered:\n{}",
        t.screen()
    );
    t.keys(&["o"]);
    let s = t.wait_for("the question answered", Duration::from_secs(10), |s| {
        !s.contains("tomorrow's customers")
    });
    assert!(footer(&s).contains("q quit"), "{s}");

    // A list: J goes down the journal, j no longer does.
    t.keys(&["L"]);
    let s = t.wait_for("the journal's entries", Duration::from_secs(10), |s| {
        s.contains("↑J scroll") && !s.contains("Reading the journal")
    });
    assert!(footer(&s).contains("↑J scroll"), "{s}");
    assert!(
        s.contains("↑J scroll · f: only the selected booking / all"),
        "{s}"
    );
    let top = |s: &str| s.lines().nth(2).unwrap_or_default().to_string();
    let first = top(&s);
    t.keys(&["j"]);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(top(&t.screen()), first, "j still scrolled");
    t.keys(&["J"]);
    t.wait_for("the journal one entry down", Duration::from_secs(5), |s| {
        top(s) != first && s.contains("Journal")
    });

    t.keys(&["q"]);
    t.wait_for("the journal closed", Duration::from_secs(5), |s| {
        !s.contains("Journal")
    });
    t.keys(&["q"]);
    assert_terminal_clean(&t);
}

#[test]
fn a_keymap_without_quit_stops_start_up_naming_the_line() {
    let t = Tmux::start();
    let db = seeded(&t);
    let cfg = t.path("config.toml");
    let keys = t.path("keys.toml");
    std::fs::write(
        &keys,
        "[normal]\n\"x\" = \"help\"\n\"q\" = \"none\"\n\"ctrl-c\" = \"none\"\n",
    )
    .expect("keys");
    std::fs::write(&cfg, format!("keymap = \"{}\"\n", keys.display())).expect("config");
    let out = renos(
        t.dir.path(),
        &["--db", &db, "--config", &cfg.display().to_string()],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("keys.toml: line 4") && err.contains("quit"),
        "{err}"
    );
}
