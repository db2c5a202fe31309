//! `renos doctor` says in words what is wrong and what to do: a wrong API
//! key, an unreachable host, a missing setting, a broken config file.

use std::process::{Command, Output};

use renos::sandbox::{self, Sandbox};
use serde_json::Value;

fn doctor(home: &std::path::Path, env: &[(&str, String)], args: &[&str]) -> Output {
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
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("renos doctor")
}

fn good(sb: &Sandbox) -> Vec<(&'static str, String)> {
    vec![
        ("BILLY_API_KEY", sandbox::BILLY_API_KEY.to_string()),
        (
            "BILLY_ORGANIZATION_ID",
            sandbox::BILLY_ORGANIZATION_ID.to_string(),
        ),
        ("RENOS_BILLY_BASE_URL", sb.billy_base_url()),
        (
            "TWILIO_ACCOUNT_SID",
            sandbox::TWILIO_ACCOUNT_SID.to_string(),
        ),
        ("TWILIO_AUTH_TOKEN", sandbox::TWILIO_AUTH_TOKEN.to_string()),
        (
            "TWILIO_PHONE_NUMBER",
            sandbox::TWILIO_PHONE_NUMBER.to_string(),
        ),
        ("RENOS_TWILIO_BASE_URL", sb.twilio_base_url()),
    ]
}

fn with(
    mut env: Vec<(&'static str, String)>,
    key: &'static str,
    value: Option<&str>,
) -> Vec<(&'static str, String)> {
    env.retain(|(k, _)| *k != key);
    if let Some(v) = value {
        env.push((key, v.to_string()));
    }
    env
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn all_good_then_each_fault_in_words() {
    let sb = Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox");
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();

    let ok = doctor(h, &good(&sb), &["doctor"]);
    let out = text(&ok);
    assert!(ok.status.success(), "{out}");
    assert!(out.contains("✓ billy") && out.contains("✓ twilio"), "{out}");
    assert!(
        out.contains("! google") && out.contains("GOOGLE_CLIENT_EMAIL"),
        "{out}"
    );
    assert!(out.contains("There is no database"), "{out}");

    // A wrong API key.
    let o = doctor(
        h,
        &with(good(&sb), "BILLY_API_KEY", Some("not-the-key")),
        &["doctor"],
    );
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("✗ billy") && out.contains("Billy refused the credentials"),
        "{out}"
    );
    assert!(out.contains("→ check BILLY_API_KEY"), "{out}");
    assert!(
        !out.contains("not-the-key"),
        "the key is never shown: {out}"
    );
    let o = doctor(
        h,
        &with(good(&sb), "TWILIO_AUTH_TOKEN", Some("nope")),
        &["doctor"],
    );
    let out = text(&o);
    assert!(out.contains("Twilio refused the credentials"), "{out}");
    assert!(
        out.contains("check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"),
        "{out}"
    );

    // An unreachable host.
    let o = doctor(
        h,
        &with(
            good(&sb),
            "RENOS_TWILIO_BASE_URL",
            Some("http://127.0.0.1:9/twilio/"),
        ),
        &["doctor"],
    );
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("Twilio cannot be reached at http://127.0.0.1:9/twilio/"),
        "{out}"
    );
    assert!(out.contains("check the network connection"), "{out}");

    // A missing setting.
    let o = doctor(
        h,
        &with(good(&sb), "BILLY_ORGANIZATION_ID", None),
        &["doctor"],
    );
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("Billy is half set up: BILLY_ORGANIZATION_ID is missing."),
        "{out}"
    );
    assert!(out.contains("→ set BILLY_ORGANIZATION_ID"), "{out}");
    let o = doctor(
        h,
        &with(good(&sb), "TWILIO_PHONE_NUMBER", None),
        &["doctor", "--json"],
    );
    let report: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(report["ok"], false);
    let twilio = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["check"] == "twilio")
        .cloned()
        .expect("twilio check");
    assert_eq!(twilio["level"], "fail");
    assert_eq!(twilio["fix"], "set TWILIO_PHONE_NUMBER");

    // A config file that does not parse: named with its line, not a crash.
    let cfg = h.join("bad.toml");
    std::fs::write(&cfg, "[billing]\nround_min = 20\n").expect("config");
    let o = doctor(
        h,
        &good(&sb),
        &["--config", cfg.to_str().expect("path"), "doctor"],
    );
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("✗ config") && out.contains("billing.round_min"),
        "{out}"
    );
}

/// Each configured calendar is probed: a mistyped id is named, a calendar
/// shared read-only is refused (the sync must write), a good one passes.
#[test]
fn calendars_are_probed_for_reading_and_writing() {
    let sb = Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox");
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let key = h.join("key.json");
    std::fs::write(&key, sandbox::key_json(&sb.token_uri())).expect("key");
    let google = |calendar: &str| -> Vec<(&'static str, String)> {
        let mut env = good(&sb);
        env.extend([
            ("GOOGLE_KEY_FILE", key.display().to_string()),
            (
                "GOOGLE_IMPERSONATED_USER",
                sandbox::IMPERSONATED_USER.to_string(),
            ),
            ("GOOGLE_CALENDAR_ID", calendar.to_string()),
            ("RENOS_GOOGLE_BASE_URL", sb.google_base_url()),
            ("RENOS_GOOGLE_TOKEN_URI", sb.token_uri()),
        ]);
        env
    };

    let o = doctor(h, &google(sandbox::CALENDAR_ID), &["doctor"]);
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("✓ calendar") && out.contains("can read and change the shared calendar"),
        "{out}"
    );

    // A typo in the calendar id.
    let o = doctor(h, &google("renos@renos.tset"), &["doctor"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("✗ calendar")
            && out.contains(
                "Google has no calendar renos@renos.tset that dispatch@renos.test can see"
            ),
        "{out}"
    );
    assert!(out.contains("check GOOGLE_CALENDAR_ID"), "{out}");

    // A cleaner's calendar shared read-only.
    sb.google()
        .add_calendar("bo@renos.test", sandbox::CalendarRole::Reader);
    let config = h.join("config").join("renos");
    std::fs::create_dir_all(&config).expect("dir");
    std::fs::write(
        config.join("config.toml"),
        "[google.staff_calendars]\nBo = \"bo@renos.test\"\n",
    )
    .expect("config");
    let o = doctor(h, &google(sandbox::CALENDAR_ID), &["doctor"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("can only read Bo's calendar bo@renos.test (reader)"),
        "{out}"
    );
    assert!(out.contains("\"Make changes to events\""), "{out}");
}

/// A database every user may read is warned about; a damaged one fails
/// SQLite's quick check, named, with what to do.
#[test]
fn a_world_readable_or_damaged_database_is_said() {
    use std::io::{Seek, SeekFrom, Write};
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path();
    let db = home.join("r.db");
    let db_arg = db.display().to_string();
    let out = doctor(home, &[], &["--db", &db_arg, "demo", "--no-console"]);
    assert!(out.status.success(), "{out:?}");

    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = doctor(home, &[], &["--db", &db_arg, "doctor"]);
    let t = text(&out);
    assert!(
        t.contains("can be read by every user of this machine (mode 644)"),
        "{t}"
    );
    assert!(t.contains("chmod o-rwx"), "{t}");

    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let out = doctor(home, &[], &["--db", &db_arg, "doctor"]);
    assert!(!text(&out).contains("every user"), "{}", text(&out));

    // Data pages overwritten (three quarters into the file: the schema's
    // pages sit before the data): the header and the schema still read.
    let len = std::fs::metadata(&db).expect("meta").len();
    assert!(len > 64 * 1024, "the demo fills several pages: {len}");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .expect("open");
    f.seek(SeekFrom::Start(len * 3 / 4)).expect("seek");
    f.write_all(&vec![0xA5; 16 * 1024]).expect("write");
    drop(f);
    let out = doctor(home, &[], &["--db", &db_arg, "doctor"]);
    let t = text(&out);
    assert!(!out.status.success(), "{t}");
    assert!(t.contains("is damaged (SQLite's quick check"), "{t}");
    assert!(t.contains("restore a backup"), "{t}");
}
