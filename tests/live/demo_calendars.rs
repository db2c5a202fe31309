//! The demo day's cleaners on other calendars, in the real binary at
//! 80×24: Louise Nielsen's on Microsoft 365 (the demo's Graph fake) and
//! Mikkel Sørensen's on CalDAV (the demo's own Radicale, where installed).
//! The jobs put in their calendars by hand become bookings on their rows
//! after the first sync, the header says the calendars are in order, and
//! quitting the console stops the demo's Radicale.

use std::net::TcpStream;
use std::path::PathBuf;
use std::time::Duration;

use crate::common;

use common::{NOW, Tmux};

/// Is `radicale` on the PATH the console gets?
fn radicale_installed() -> bool {
    std::process::Command::new("radicale")
        .arg("--version")
        .env("PATH", "/usr/bin:/bin")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The demo's Radicale's configuration beside its database.
fn radicale_conf(t: &Tmux) -> Option<PathBuf> {
    std::fs::read_dir(t.path("data/renos/demo"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("-caldav"))
        .map(|p| p.join("radicale.conf"))
}

/// The row of the cleaner whose name starts `who` on the schedule.
fn row<'a>(screen: &'a str, who: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.trim_start_matches('▌').starts_with(who))
        .unwrap_or_default()
}

#[test]
fn the_demos_caldav_and_microsoft_365_jobs_are_bookings_on_the_console() {
    let caldav = radicale_installed();
    if !caldav {
        eprintln!(
            "radicale is not installed: the CalDAV half of this test is left out \
             (apt-get install radicale; .ci/run installs it)"
        );
    }
    let t = Tmux::start();
    t.run(&format!("renos --now {NOW} demo"));
    t.wait_for("the demo's console", Duration::from_secs(30), |s| {
        s.contains("Running ")
    });
    // The first sync took the calendars in: the header says so.
    t.wait_for("the first sync", Duration::from_secs(90), |s| {
        s.lines()
            .next()
            .is_some_and(|header| header.contains("calendars ✓"))
    });

    // Tomorrow: the jobs put in by hand, each on its cleaner's row.
    t.keys(&["]"]);
    let screen = t.wait_text("(tomorrow)");
    assert!(
        row(&screen, "Louise N.").contains("Kasper Bæk"),
        "Louise's Microsoft 365 job:\n{screen}"
    );
    if caldav {
        assert!(
            row(&screen, "Mikkel S.").contains("Karen Lykke"),
            "Mikkel's CalDAV job:\n{screen}"
        );
    } else {
        // The demo says why his calendar is left out.
        t.keys(&["!"]);
        t.wait_text("radicale is not installed");
        t.keys(&["Escape"]);
    }

    // The details name the cleaner and the place the job was given there:
    // down to Louise's row, then along it to the job.
    for key in ["Down", "l"] {
        for _ in 0..8 {
            let s = t.screen();
            if s.contains("Bispehavevej 9") || (key == "Down" && s.contains("· Louise Nielsen")) {
                break;
            }
            t.keys(&[key]);
            std::thread::sleep(Duration::from_millis(150));
        }
    }
    let screen = t.wait_for("the job's details", Duration::from_secs(10), |s| {
        s.contains("Kasper Bæk") && s.contains("Louise Nielsen") && s.contains("Bispehavevej 9")
    });
    assert!(screen.contains("14:30–16:30"), "{screen}");

    // Quitting the console stops the demo's Radicale.
    let conf = radicale_conf(&t);
    assert_eq!(
        conf.is_some(),
        caldav,
        "a Radicale folder only where it runs"
    );
    let port = conf.map(|c| {
        let text = std::fs::read_to_string(c).expect("radicale.conf");
        let hosts = text
            .lines()
            .find_map(|l| l.strip_prefix("hosts = "))
            .expect("hosts")
            .to_string();
        assert!(hosts.starts_with("127.0.0.1:"), "loopback only: {hosts}");
        hosts
    });
    if let Some(hosts) = &port {
        assert!(TcpStream::connect(hosts).is_ok(), "Radicale runs");
    }
    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |_| {
        t.format("#{alternate_on}") == "0"
    });
    if let Some(hosts) = &port {
        assert!(TcpStream::connect(hosts).is_err(), "Radicale stopped");
    }
}
