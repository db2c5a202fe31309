//! `renos serve`, the back office without a console, as a process of its
//! own against a sandbox process: on the demo business it places the demo's
//! automatic calls exactly once, alone and with a console open beside it
//! (and, beside the console, every queued call and invoice once too);
//! SIGTERM stops it within a second; a second serve on the same database is
//! refused naming the holder, and one killed with SIGKILL leaves no stale
//! lock.

use crate::common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use common::sandbox::SandboxProcess;
use common::{NOW, Tmux};
use renos::clock::Clock;
use renos::config::Settings;
use renos::domain::BookingStatus;
use renos::domain::alert::{AlertKind, Priority};
use renos::engine::billing;
use renos::store::{Channel, NewAlert, Store};
use serde_json::{Value, json};

/// Where the demo's automatic calls go.
const ON_CALL: &str = "+4512345678";

/// How often the office looks for automatic alerts here (the config's
/// `office.alert_every_sec`; 10 s by default).
const ALERT_EVERY_SEC: u64 = 1;

/// A few more rounds of automatic alerts: a second call would have come by
/// then.
const ANOTHER_ROUND: Duration = Duration::from_secs(3 * ALERT_EVERY_SEC);

/// Calls already queued when the console and serve start side by side.
const QUEUED: usize = 10;

/// Invoices already asked for when they start.
const INVOICES: usize = 6;

/// `renos --db DB --now NOW ARGS` with a private home and, when given, the
/// sandbox's settings and the demo's automatic alerts.
fn renos(home: &Path, db: &Path, sb: Option<&SandboxProcess>, args: &[&str]) -> Command {
    let mut c = Command::new(common::bin());
    c.arg("--db")
        .arg(db)
        .args(["--now", NOW])
        .args(args)
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("serve-state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "server");
    if let Some(sb) = sb {
        for (k, v) in &sb.env {
            c.env(k, v);
        }
        c.env("RENOS_AUTO_ALERTS", "1")
            .env("RENOS_ON_CALL", ON_CALL);
    }
    c
}

/// Seeds the demo business into `db`, with a config (shared by serve and
/// the console, whose homes are the same) that looks for automatic alerts
/// every `ALERT_EVERY_SEC` and, with `remind`, sends tomorrow's reminders
/// by themselves from midnight.
fn seed_demo(home: &Path, db: &Path, remind: bool) {
    let config = home.join("config").join("renos");
    std::fs::create_dir_all(&config).expect("config dir");
    let mut text = format!("[office]\nalert_every_sec = {ALERT_EVERY_SEC}\n");
    if remind {
        text.push_str("[alerts]\nremind_at = \"00:00\"\n");
    }
    std::fs::write(config.join("config.toml"), text).expect("config");
    let out = renos(home, db, None, &["demo", "--no-console"])
        .output()
        .expect("renos demo");
    assert!(out.status.success(), "{out:?}");
}

/// A running `renos serve`; killed if a test fails on the way.
struct Serve {
    child: Child,
    stdout: PathBuf,
    stderr: PathBuf,
}

impl Serve {
    fn start(home: &Path, db: &Path, sb: Option<&SandboxProcess>, name: &str) -> Serve {
        let stdout = home.join(format!("{name}.out"));
        let stderr = home.join(format!("{name}.err"));
        let child = renos(home, db, sb, &["serve"])
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).expect("stdout file"))
            .stderr(std::fs::File::create(&stderr).expect("stderr file"))
            .spawn()
            .expect("renos serve");
        Serve {
            child,
            stdout,
            stderr,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([sig, &self.pid().to_string()])
            .status()
            .expect("kill");
        assert!(ok.success());
    }

    /// Waits for the process to end; `None` when it did not within `limit`.
    fn wait_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            if start.elapsed() > limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// SIGTERM; it must be gone within a second, with exit code 0.
    fn terminate(&mut self) {
        let start = Instant::now();
        self.signal("-TERM");
        let status = self.wait_within(Duration::from_secs(1));
        let took = start.elapsed();
        let status = status.unwrap_or_else(|| panic!("serve still runs {took:?} after SIGTERM"));
        assert!(status.success(), "{status:?}; stderr: {}", self.err());
    }

    fn out(&self) -> String {
        std::fs::read_to_string(&self.stdout).unwrap_or_default()
    }

    fn err(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lock_file(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.serve.lock", db.display()))
}

/// Waits until the lock file names `pid`.
fn wait_for_lock(db: &Path, pid: u32) {
    let start = Instant::now();
    let text = loop {
        let text = std::fs::read_to_string(lock_file(db)).unwrap_or_default();
        if text.contains(&format!("pid={pid}\n")) {
            break text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "serve {pid} did not take the lock: {text:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(text.contains("host="), "{text}");
    assert!(text.contains("since="), "{text}");
}

/// The SMS the sandbox's Twilio took: (to, body).
fn messages(sb: &SandboxProcess) -> Vec<(String, String)> {
    let v = sb.admin(reqwest::Method::GET, "/admin/twilio/messages", None);
    v.as_array()
        .or_else(|| v["messages"].as_array())
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|m| {
            let text = |k: &str| m[k].as_str().unwrap_or_default().to_string();
            (text("to"), text("body"))
        })
        .collect()
}

/// The calls the sandbox's Twilio took.
fn calls(sb: &SandboxProcess) -> Vec<Value> {
    let v = sb.admin(reqwest::Method::GET, "/admin/twilio/calls", None);
    v.as_array()
        .or_else(|| v["calls"].as_array())
        .cloned()
        .unwrap_or_default()
}

/// Waits until Twilio took `n` calls.
fn wait_for_calls(sb: &SandboxProcess, n: usize) -> Vec<Value> {
    let start = Instant::now();
    loop {
        let c = calls(sb);
        if c.len() >= n {
            return c;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "only {} of {n} calls: {c:#?}",
            c.len()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The demo's automatic calls, each exactly once: Mikkel's job far over its
/// estimate, and Louise's double booking.
fn assert_the_demos_calls_once(calls: &[Value]) {
    let calls: Vec<Value> = calls
        .iter()
        .filter(|c| c["to"] == ON_CALL)
        .cloned()
        .collect();
    let says: Vec<&str> = calls.iter().filter_map(|c| c["say"].as_str()).collect();
    let overtime = says.iter().filter(|s| s.contains("Overtid")).count();
    let double = says
        .iter()
        .filter(|s| s.contains("Dobbeltbooking") && s.contains("Louise Nielsen"))
        .count();
    assert_eq!(
        (overtime, double, calls.len()),
        (1, 1, 2),
        "one overtime call and one double-booking call: {calls:#?}"
    );
}

/// A connection at the (fixed) time the processes run at.
fn open_at_now(db: &Path) -> Store {
    let clock = Clock::parse_fixed(NOW).expect("now");
    Store::open(db, "mette", clock).expect("store")
}

/// Invoices of the demo's finished jobs waiting in the outbox, approved:
/// their references, each of which must reach Billy once.
fn queue_invoices(db: &Path, n: usize) -> Vec<String> {
    let mut store = open_at_now(db);
    let now = store.now();
    let finished: Vec<i64> = store
        .bookings_between(now - chrono::Duration::days(3), now)
        .expect("bookings")
        .into_iter()
        .filter(|b| b.status == BookingStatus::Completed)
        .map(|b| b.id)
        .take(n)
        .collect();
    assert_eq!(finished.len(), n, "the demo has finished jobs");
    let settings = Settings::default();
    finished
        .into_iter()
        .map(|id| {
            billing::request(&mut store, &settings, id, true)
                .expect("invoice asked for")
                .reference
        })
        .collect()
}

/// The invoices the sandbox's Billy holds, by their reference.
fn invoices(sb: &SandboxProcess) -> Vec<String> {
    let v = sb.admin(reqwest::Method::GET, "/admin/billy/invoices", None);
    v.as_array()
        .or_else(|| v["invoices"].as_array())
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|i| i["contactMessage"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Calls waiting in the outbox before anyone serves the database: one per
/// number, so each must reach Twilio once.
fn queue_calls(db: &Path, n: usize) -> Vec<String> {
    let mut store = open_at_now(db);
    (0..n)
        .map(|i| {
            let to = format!("+45700001{i:02}");
            store
                .raise_alert(&NewAlert {
                    booking_id: 1 + i as i64,
                    kind: AlertKind::Manual,
                    threshold: String::new(),
                    channel: Channel::Voice,
                    to: to.clone(),
                    message: format!("Prøveopkald nummer {i}"),
                    priority: Priority::High,
                })
                .expect("raise")
                .expect("raised");
            to
        })
        .collect()
}

/// The demo's bookings reached Google, each as one event.
fn assert_synced_once(sb: &SandboxProcess) {
    let listed = sb.admin(reqwest::Method::GET, &sb.events_path(), None);
    let items = listed["items"].as_array().cloned().unwrap_or_default();
    let bookings: Vec<&str> = items
        .iter()
        .filter_map(|e| e["extendedProperties"]["private"]["renos_booking"].as_str())
        .collect();
    assert!(bookings.len() > 5, "the demo's bookings are in Google");
    let distinct: HashSet<&str> = bookings.iter().copied().collect();
    assert_eq!(distinct.len(), bookings.len(), "no booking twice in Google");
}

/// Waits until the sync's first run has written the demo to Google.
fn wait_for_sync(sb: &SandboxProcess) {
    let start = Instant::now();
    while sb.admin(reqwest::Method::GET, &sb.events_path(), None)["items"]
        .as_array()
        .is_none_or(|i| i.len() < 5)
    {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "serve never synced"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn read_log(home: &Path) -> String {
    std::fs::read_to_string(home.join("serve-state/renos/renos.log")).unwrap_or_default()
}

#[test]
fn serve_alone_places_the_demos_automatic_calls_once_and_stops_on_sigterm() {
    let _turn = common::beside_others();
    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path();
    let sb = SandboxProcess::start(home);
    let db = home.join("renos.db");
    seed_demo(home, &db, false);

    let mut serve = Serve::start(home, &db, Some(&sb), "serve");
    wait_for_calls(&sb, 2);
    wait_for_sync(&sb);
    // Another round of automatic alerts finds them raised already.
    std::thread::sleep(ANOTHER_ROUND);
    assert_the_demos_calls_once(&calls(&sb));
    assert_synced_once(&sb);

    serve.terminate();
    assert_eq!(serve.out(), "", "serve prints nothing on stdout");
    let err = serve.err();
    assert_eq!(err.lines().count(), 1, "one line on stderr: {err}");
    assert!(
        err.contains(&format!("pid {}", serve.pid())) && err.contains("logging to"),
        "{err}"
    );
    let log = read_log(home);
    assert!(log.contains("serve started"), "{log}");
    assert!(log.contains("Overtime call for booking #"), "{log}");
    assert!(log.contains("serve stopped"), "{log}");
    // Let go: the lock file names nobody.
    assert_eq!(
        std::fs::read_to_string(lock_file(&db)).unwrap_or_default(),
        ""
    );
    // What it committed stays: both alerts are placed in the database.
    let out = renos(home, &db, None, &["alerts", "--json"])
        .output()
        .expect("alerts");
    let alerts: Value = serde_json::from_slice(&out.stdout).expect("json");
    let alerts = alerts.as_array().cloned().unwrap_or_default();
    assert_eq!(alerts.len(), 2, "{alerts:#?}");
    assert!(alerts.iter().all(|a| a["sid"].is_string()), "{alerts:#?}");
}

#[test]
fn serve_with_a_console_beside_it_still_calls_and_invoices_once() {
    let t = Tmux::start();
    let sb = SandboxProcess::start(t.dir.path());
    // Slow calls keep deliveries in flight while the other process looks.
    sb.admin(
        reqwest::Method::PUT,
        "/admin/twilio/faults",
        Some(json!({"latency_ms": 400})),
    );
    let db = t.path("renos.db");
    seed_demo(t.dir.path(), &db, true);
    let queued = queue_calls(&db, QUEUED);
    let references = queue_invoices(&db, INVOICES);
    // Tomorrow's reminders, which both will queue by themselves.
    let out = renos(t.dir.path(), &db, Some(&sb), &["remind", "--dry-run"])
        .output()
        .expect("remind --dry-run");
    let reminders = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("to send"))
        .count();
    assert!(reminders > 0, "{out:?}");
    for (k, v) in &sb.env {
        t.run(&format!("export {k}='{v}'"));
    }
    t.run(&format!(
        "export RENOS_AUTO_ALERTS=1 RENOS_ON_CALL='{ON_CALL}'"
    ));
    // Both start at once: each raises and delivers the same alerts.
    t.run(&format!(
        "clear; renos --db {} --now {NOW}; echo EXITED:$?:o\"\"k",
        db.display()
    ));
    let mut serve = Serve::start(t.dir.path(), &db, Some(&sb), "serve");
    // Which deliveries were the server's is in its log (for a failure).
    let served = || {
        read_log(t.dir.path())
            .lines()
            .filter(|l| l.to_lowercase().contains("call for booking #"))
            .count()
    };
    t.wait_for("the console", Duration::from_secs(20), |s| {
        s.contains("Twilio ✓")
    });
    wait_for_calls(&sb, 2 + QUEUED);
    let start = Instant::now();
    while invoices(&sb).len() < INVOICES {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the invoices never reached Billy: {:?}",
            invoices(&sb)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let start = Instant::now();
    while messages(&sb).len() < reminders {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the reminders never reached Twilio: {:#?}",
            messages(&sb)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    wait_for_sync(&sb);
    std::thread::sleep(ANOTHER_ROUND);
    let placed = calls(&sb);
    assert_the_demos_calls_once(&placed);
    for to in &queued {
        let n = placed.iter().filter(|c| c["to"] == to.as_str()).count();
        assert_eq!(n, 1, "the queued call to {to} once: {placed:#?}");
    }
    assert_eq!(placed.len(), 2 + QUEUED, "{placed:#?}");
    let made = invoices(&sb);
    for r in &references {
        let n = made.iter().filter(|m| m.contains(r.as_str())).count();
        assert_eq!(n, 1, "one invoice for {r} in Billy: {made:#?}");
    }
    assert_eq!(made.len(), INVOICES, "{made:#?}");
    let sent = messages(&sb);
    let distinct: HashSet<&(String, String)> = sent.iter().collect();
    assert_eq!(
        distinct.len(),
        sent.len(),
        "a reminder sent twice: {sent:#?}"
    );
    assert_eq!(sent.len(), reminders, "{sent:#?}");
    assert!(
        sent.iter().all(|(_, body)| body.contains("Påmindelse")),
        "{sent:#?}"
    );
    assert_synced_once(&sb);
    assert!(
        t.screen().contains("Twilio ✓"),
        "the console still runs:\n{}",
        t.screen()
    );

    eprintln!("serve placed {} of {} calls", served(), placed.len());

    serve.terminate();
    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |s| {
        s.contains("EXITED:0:ok")
    });
    assert_eq!(calls(&sb).len(), 2 + QUEUED);
}

#[test]
fn a_second_serve_is_refused_naming_the_holder_and_a_killed_one_leaves_no_lock() {
    let _turn = common::beside_others();
    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path();
    let db = home.join("renos.db");

    // No database, no serve: a mistyped path is not a new business.
    let out: Output = renos(home, &db, None, &["serve"]).output().expect("serve");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(!db.exists());

    seed_demo(home, &db, false);
    let mut first = Serve::start(home, &db, None, "first");
    wait_for_lock(&db, first.pid());

    let out = renos(home, &db, None, &["serve"]).output().expect("second");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("pid {}", first.pid())) && err.contains("since"),
        "the refusal names the holder: {err}"
    );
    assert!(err.contains("host"), "{err}");

    // Killed without a chance to clean up: the next serve starts anyway.
    first.signal("-KILL");
    assert!(first.wait_within(Duration::from_secs(5)).is_some());
    // Against providers that answer after 5 s: SIGTERM finds the sync and
    // the office waiting on them, and still ends it within a second.
    let sb = SandboxProcess::start(home);
    for provider in ["google", "billy", "twilio"] {
        sb.admin(
            reqwest::Method::PUT,
            &format!("/admin/{provider}/faults"),
            Some(json!({"latency_ms": 5000})),
        );
    }
    let mut next = Serve::start(home, &db, Some(&sb), "next");
    wait_for_lock(&db, next.pid());
    std::thread::sleep(Duration::from_secs(1));
    assert!(
        next.wait_within(Duration::from_millis(100)).is_none(),
        "the next serve runs: {}",
        next.err()
    );
    next.terminate();
    let log = read_log(home);
    assert!(log.contains("serve stopped"), "{log}");
}
