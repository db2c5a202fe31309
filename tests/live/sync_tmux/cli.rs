//! The first loss seen from outside, replayed exactly as it was found:
//! `renos sync --force --max-events 50`, `renos import customers
//! --create-bookings`, then `renos sync --max-events 50` until the listing
//! ends — against a `renos sandbox` process, through the built binary.

use std::process::{Command, Output};

use super::common::NOW;
use super::common::sandbox::SandboxProcess;
use serde_json::Value;

fn renos(home: &std::path::Path, sb: &SandboxProcess, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_renos"));
    c.args(args)
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "bo");
    for (k, v) in &sb.env {
        c.env(k, v);
    }
    c.output().expect("run renos")
}

fn ok(home: &std::path::Path, sb: &SandboxProcess, args: &[&str]) -> String {
    let o = renos(home, sb, args);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{args:?}: {out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

#[test]
fn an_import_during_a_listing_spread_over_runs_cancels_nothing() {
    let _turn = super::common::beside_others();
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let sb = SandboxProcess::start(h);
    let db = h.join("renos.db").display().to_string();
    ok(h, &sb, &["--db", &db, "--now", NOW, "demo", "--no-console"]);
    ok(h, &sb, &["--db", &db, "--now", NOW, "sync"]);
    ok(
        h,
        &sb,
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "sync",
            "--force",
            "--max-events",
            "50",
        ],
    );
    let file = h.join("new.json");
    std::fs::write(
        &file,
        r#"{"customers": [{"name": "Ny Kunde", "email": "ny@example.dk",
  "bookings": [{"startTime": "2026-11-24T09:00:00+01:00", "endTime": "2026-11-24T11:00:00+01:00",
    "serviceType": "Fast rengøring", "status": "scheduled"}]}]}"#,
    )
    .expect("file");
    let file = file.display().to_string();
    ok(
        h,
        &sb,
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "import",
            "customers",
            &file,
            "--create-bookings",
        ],
    );
    for _ in 0..20 {
        let out = ok(
            h,
            &sb,
            &[
                "--db",
                &db,
                "--now",
                NOW,
                "sync",
                "--max-events",
                "50",
                "--json",
            ],
        );
        let r: Value = serde_json::from_str(&out).expect("json");
        assert_eq!(r["deleted"], 0, "nothing was deleted anywhere: {r}");
        if r["more"] == false {
            break;
        }
    }
    let journal = ok(
        h,
        &sb,
        &["--db", &db, "--now", NOW, "journal", "--limit", "500"],
    );
    assert!(!journal.contains("deleted in Google Calendar"), "{journal}");
    let agenda = ok(
        h,
        &sb,
        &["--db", &db, "--now", NOW, "agenda", "2026-11-24", "--json"],
    );
    assert!(agenda.contains("Ny Kunde"), "{agenda}");
    let events = sb.admin(reqwest::Method::GET, &sb.events_path(), None);
    let live = events["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|e| {
            e["status"] != "cancelled"
                && e["summary"]
                    .as_str()
                    .is_some_and(|s| s.contains("Ny Kunde"))
        })
        .count();
    assert_eq!(live, 1, "the imported booking's event lives");
}
