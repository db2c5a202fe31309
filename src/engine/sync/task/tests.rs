use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};

use super::*;
use crate::config::GoogleCredentials;

fn config(enabled: bool) -> SyncConfig {
    SyncConfig {
        enabled,
        interval: Duration::from_secs(300),
        debounce: Duration::from_secs(2),
        past_days: 30,
        ..SyncConfig::default()
    }
}

fn secs(t0: Instant, s: u64) -> Instant {
    t0 + Duration::from_secs(s)
}

#[test]
fn the_first_automatic_run_comes_at_once_then_every_interval() {
    let t0 = Instant::now();
    let mut s = Schedule::new(config(true), t0);
    assert!(s.due(t0, &[]));
    s.ran(t0, &[]);
    assert!(!s.due(secs(t0, 299), &[]));
    assert!(s.due(secs(t0, 300), &[]));
}

#[test]
fn a_local_change_syncs_after_the_debounce() {
    let t0 = Instant::now();
    let mut s = Schedule::new(config(true), t0);
    s.ran(t0, &[]);
    let change = [(1, 0, 0)];
    assert!(!s.due(secs(t0, 10), &change), "not at once");
    assert!(!s.due(secs(t0, 11), &change));
    assert!(s.due(secs(t0, 12), &change), "2 s later");
}

#[test]
fn entries_a_run_left_due_do_not_trigger_again_but_a_new_change_does() {
    let t0 = Instant::now();
    let mut s = Schedule::new(config(true), t0);
    // Held by a conflict (or not tried, offline): left due by the run.
    let held = [(1, 0, 0)];
    s.ran(t0, &held);
    assert!(!s.due(secs(t0, 5), &held));
    assert!(!s.due(secs(t0, 60), &held));
    // The same booking changed again: a new version.
    let changed = [(1, 1, 0)];
    assert!(!s.due(secs(t0, 61), &changed));
    assert!(s.due(secs(t0, 63), &changed));
    // A retry whose wait is over is a new version too.
    s.ran(secs(t0, 63), &[]);
    let retry = [(1, 1, 1)];
    assert!(!s.due(secs(t0, 100), &retry));
    assert!(s.due(secs(t0, 102), &retry));
}

#[test]
fn the_debounce_restarts_when_the_outbox_empties() {
    let t0 = Instant::now();
    let mut s = Schedule::new(config(true), t0);
    s.ran(t0, &[]);
    assert!(!s.due(secs(t0, 10), &[(1, 0, 0)]));
    assert!(!s.due(secs(t0, 11), &[]));
    assert!(!s.due(secs(t0, 12), &[(2, 0, 0)]));
    assert!(s.due(secs(t0, 14), &[(2, 0, 0)]));
}

#[test]
fn nothing_runs_by_itself_when_sync_is_switched_off() {
    let t0 = Instant::now();
    let mut s = Schedule::new(config(false), t0);
    assert!(!s.due(t0, &[(1, 0, 0)]));
    assert!(!s.due(secs(t0, 10_000), &[(1, 0, 0)]));
}

/// Events until `until` says stop, or 20 s.
fn collect(
    rx: &std_mpsc::Receiver<SyncEvent>,
    until: impl Fn(&SyncEvent) -> bool,
) -> Vec<SyncEvent> {
    collect_for(rx, Duration::from_secs(20), until)
}

fn collect_for(
    rx: &std_mpsc::Receiver<SyncEvent>,
    wait: Duration,
    until: impl Fn(&SyncEvent) -> bool,
) -> Vec<SyncEvent> {
    let mut seen = Vec::new();
    let deadline = Instant::now() + wait;
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(e) => {
                let stop = until(&e);
                seen.push(e);
                if stop {
                    break;
                }
            }
            Err(std_mpsc::RecvTimeoutError::Timeout) => {}
            Err(std_mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    seen
}

#[test]
fn without_google_it_says_so_once_and_answers_s_with_how_to_set_it_up() {
    let (tx, rx) = std_mpsc::channel();
    let settings = Settings::default();
    let handle = spawn(
        settings,
        PathBuf::from("/nonexistent/renos.db"),
        "mette".into(),
        Clock::System,
        move |e| {
            let _ = tx.send(e);
        },
    );
    let first = collect(&rx, |e| *e == SyncEvent::NotSetUp);
    assert_eq!(first, vec![SyncEvent::NotSetUp]);
    handle.sync_now();
    let answer = collect(&rx, |e| matches!(e, SyncEvent::Failed { .. }));
    assert_eq!(
        answer.last(),
        Some(&SyncEvent::Failed {
            failure: SyncFailure::NotSetUp,
            manual: true
        })
    );
    // Said once, not every second.
    let later = collect_for(&rx, Duration::from_millis(1500), |_| false);
    assert!(later.is_empty(), "{later:?}");
    drop(handle);
}

#[test]
fn sync_now_runs_once_and_reports_as_asked_for() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("d.db");
    Store::open(&db, "mette", Clock::System).expect("create db");
    let mut settings = Settings::default();
    settings.sync.enabled = false;
    settings.google.credentials = Some(GoogleCredentials::Inline {
        client_email: "renos@example.iam.gserviceaccount.com".into(),
        private_key: "not a key".into(),
    });
    // Nothing listens here: no request leaves the machine.
    settings.google.base_url = "http://127.0.0.1:9/calendar/v3/".into();
    settings.google.token_uri = Some("http://127.0.0.1:9/token".into());
    let (tx, rx) = std_mpsc::channel();
    let handle = spawn(settings, db, "mette".into(), Clock::System, move |e| {
        let _ = tx.send(e);
    });
    let status = collect(&rx, |e| matches!(e, SyncEvent::Status(_)));
    assert_eq!(
        status.last(),
        Some(&SyncEvent::Status(SyncStatus::default())),
        "{status:?}"
    );
    handle.sync_now();
    let events = collect(&rx, |e| {
        matches!(e, SyncEvent::Finished { .. } | SyncEvent::Failed { .. })
    });
    match events.last() {
        Some(SyncEvent::Finished { manual, .. } | SyncEvent::Failed { manual, .. }) => {
            assert!(*manual, "{events:?}")
        }
        other => panic!("no result: {other:?} in {events:?}"),
    }
    // Switched off: nothing runs by itself afterwards.
    let later = collect_for(&rx, Duration::from_secs(3), |e| *e == SyncEvent::Started);
    assert!(!later.contains(&SyncEvent::Started), "{later:?}");
    drop(handle);
}
