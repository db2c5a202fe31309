//! The demo's own Radicale, in the real binary at 80×24: it takes the
//! demo's own credentials whatever CalDAV credentials the environment
//! holds (they name the business's server), and it ends with the demo even
//! when the demo is killed outright.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common;

use common::{NOW, Tmux};

/// Is `radicale` on the PATH the console gets?
fn radicale_installed() -> bool {
    let there = std::process::Command::new("radicale")
        .arg("--version")
        .env("PATH", "/usr/bin:/bin")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !there {
        eprintln!(
            "radicale is not installed: this test is left out \
             (apt-get install radicale; .ci/run installs it)"
        );
    }
    there
}

/// The demo's Radicale's configuration beside its database, once written.
fn radicale_conf(t: &Tmux) -> Option<PathBuf> {
    std::fs::read_dir(t.path("data/renos/demo"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("-caldav"))
        .map(|p| p.join("radicale.conf"))
        .filter(|p| p.is_file())
}

/// The `host:port` the demo's Radicale listens on.
fn hosts(conf: &Path) -> String {
    std::fs::read_to_string(conf)
        .expect("radicale.conf")
        .lines()
        .find_map(|l| l.strip_prefix("hosts = "))
        .expect("hosts")
        .to_string()
}

/// A process's command line, its arguments joined by spaces.
fn cmdline(pid: u32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|b| String::from_utf8_lossy(&b).replace('\0', " "))
        .unwrap_or_default()
}

/// A line of `/proc/PID/status` (`PPid`, `State`).
fn status_line(pid: u32, name: &str) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| {
            l.strip_prefix(&format!("{name}:"))
                .map(|v| v.trim().to_string())
        })
}

/// The running process whose command line names `conf`.
fn process_with(conf: &Path) -> Option<u32> {
    let conf = conf.to_string_lossy();
    std::fs::read_dir("/proc")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .find(|pid| cmdline(*pid).contains(conf.as_ref()))
}

/// Gone, or dead and waiting to be reaped.
fn ended(pid: u32) -> bool {
    status_line(pid, "State").is_none_or(|s| s.starts_with('Z') || s.starts_with('X'))
}

#[test]
fn the_demos_radicale_takes_the_demos_credentials_over_the_environments() {
    if !radicale_installed() {
        return;
    }
    let t = Tmux::start();
    // Credentials for the business's own CalDAV server.
    t.run(&format!(
        "CALDAV_USERNAME=kontor CALDAV_PASSWORD=the-business-password renos --now {NOW} demo"
    ));
    t.wait_for("the demo's console", Duration::from_secs(30), |s| {
        s.contains("Running ")
    });
    t.wait_for(
        "the first sync, every calendar in order",
        Duration::from_secs(90),
        |s| {
            s.lines()
                .next()
                .is_some_and(|header| header.contains("calendars ✓"))
        },
    );
    // Mikkel's job put in his calendar by hand is his booking tomorrow.
    t.keys(&["]"]);
    let screen = t.wait_text("(tomorrow)");
    let mikkel = screen
        .lines()
        .find(|l| l.trim_start_matches('▌').starts_with("Mikkel S."))
        .unwrap_or_default();
    assert!(
        mikkel.contains("Karen Lykke"),
        "Mikkel's CalDAV job:\n{screen}"
    );
    t.keys(&["q"]);
}

#[test]
fn a_demo_killed_outright_takes_its_radicale_with_it() {
    if !radicale_installed() {
        return;
    }
    let t = Tmux::start();
    t.run(&format!("renos --now {NOW} demo"));
    t.wait_for("the demo's console", Duration::from_secs(30), |s| {
        s.contains("Running ")
    });
    let conf = radicale_conf(&t).expect("the demo's Radicale folder");
    let hosts = hosts(&conf);
    assert!(TcpStream::connect(&hosts).is_ok(), "Radicale runs");
    let radicale = process_with(&conf).expect("the Radicale process");
    let demo: u32 = status_line(radicale, "PPid")
        .and_then(|p| p.parse().ok())
        .expect("its parent");
    assert!(
        cmdline(demo).contains("demo"),
        "the demo started it: {}",
        cmdline(demo)
    );

    let killed = std::process::Command::new("kill")
        .args(["-KILL", &demo.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());

    let deadline = Instant::now() + Duration::from_secs(5);
    while !(ended(radicale) && TcpStream::connect(&hosts).is_err()) {
        assert!(
            Instant::now() < deadline,
            "Radicale ({radicale}) still runs 5 s after the demo was killed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
