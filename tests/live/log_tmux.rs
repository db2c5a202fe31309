//! The message log in the real binary at 80×24: the demo's start-up
//! notice (what to try, and where the database lives) is longer than the
//! status line, which cuts it with a mark; it stays while the back office's
//! first news comes in; `!` shows it whole, with the path.

use std::time::Duration;

use crate::common;

use common::{NOW, Tmux};

/// The status line: the screen's last row but one.
fn status_line(screen: &str) -> String {
    screen.lines().nth(22).unwrap_or_default().to_string()
}

#[test]
fn a_cut_message_is_marked_and_the_log_shows_it_whole() {
    let t = Tmux::start();
    let db = t.path("a-folder-with-a-rather-long-name/renos.db");
    std::fs::create_dir_all(db.parent().expect("folder")).expect("folder");
    let db = db.display().to_string();
    t.run(&format!("renos --db {db} --now {NOW} demo"));
    let screen = t.wait_for("the cut notice", Duration::from_secs(20), |s| {
        status_line(s).trim_end().ends_with("…!")
    });
    let line = status_line(&screen);
    assert!(line.contains("F finds a free slot"), "{screen}");
    assert!(!line.contains(&db), "too long to show whole: {line}");
    // The back office's first news does not push the notice away.
    std::thread::sleep(Duration::from_millis(1500));
    let line = status_line(&t.screen());
    assert!(line.contains("F finds a free slot"), "{line}");

    t.keys(&["!"]);
    let screen = t.wait_text("newest first");
    assert!(screen.contains(&db), "the path whole:\n{screen}");
    assert!(
        screen.contains("Demo:") && screen.contains("cleaners"),
        "{screen}"
    );
    assert!(screen.contains("11:02:00"), "the console's clock: {screen}");
    assert!(screen.contains("esc close"), "the log's keys: {screen}");

    t.keys(&["Escape"]);
    t.wait_for("the schedule", Duration::from_secs(5), |s| {
        !s.contains("newest first")
    });
    t.keys(&["q"]);
}
