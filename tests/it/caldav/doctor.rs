//! `renos doctor` names each cleaner's calendar of `[calendars.staff]` and
//! asks a CalDAV one whether it answers and takes the password.

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

use super::radicale::{Other, Radicale};

fn doctor(home: &std::path::Path, config: &std::path::Path, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_renos"));
    c.args(["--config", &config.display().to_string(), "doctor"])
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

#[tokio::test]
async fn doctor_tells_each_cleaners_calendar() {
    let r = Radicale::start();
    let url = r.calendar_url("anna", "work");
    Other::new("anna").make_calendar(&url, "Arbejde").await;
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    let credentials = home.path().join("caldav");
    std::fs::write(&credentials, "anna:anna-secret\n").unwrap();
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::write(
        &config,
        format!(
            "[calendars]\ncaldav_credentials = \"{}\"\n[calendars.staff]\n\
             \"Anna Jensen\" = \"caldav:{url}\"\n\"Bo Hansen\" = \"outlook:bo@firma.dk\"\n",
            credentials.display()
        ),
    )
    .unwrap();

    let out = doctor(home.path(), &config, &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "✓ calendar  Anna Jensen's calendar: CalDAV {url} answers and accepts the password."
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "! calendar  Bo Hansen's calendar: Microsoft 365 bo@firma.dk (not synced yet"
        ),
        "{text}"
    );

    // The environment comes first: a wrong password there is refused.
    let out = doctor(
        home.path(),
        &config,
        &[("CALDAV_USERNAME", "anna"), ("CALDAV_PASSWORD", "wrong")],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("✗ calendar  Anna Jensen's calendar"),
        "{text}"
    );
    assert!(
        text.contains("did not accept the password of \"anna\""),
        "{text}"
    );
    assert!(!text.contains("wrong"), "no password shown: {text}");

    // A credentials file others may read is refused.
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = doctor(home.path(), &config, &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("may be read by others (mode 0644)"), "{text}");
}
