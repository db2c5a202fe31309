//! `renos doctor` names each cleaner's calendar of `[calendars.staff]`,
//! where its credentials come from, and asks a CalDAV or Microsoft 365 one
//! whether it answers and takes them.

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
             \"Anna Jensen\" = \"caldav:{url}\"\n\"Bo Hansen\" = \"outlook:bo@firma.dk\"\n\
             \"Carla Holm\" = \"google:carla@firma.dk\"\n",
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
        text.contains(&format!(
            "✓ calendar  Anna Jensen's calendar: CalDAV {url}: the password file {} has mode 0600: only its owner may read it.",
            credentials.display()
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "✗ calendar  Bo Hansen's calendar: Microsoft 365 bo@firma.dk: no Microsoft 365 app credentials: set MICROSOFT_TENANT_ID"
        ),
        "{text}"
    );

    assert!(
        text.contains(
            "✓ calendar  Carla Holm's calendar: Google Calendar carla@firma.dk: it is reached through the Google account of [google]"
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
    assert!(
        text.contains("has mode 0644: others may read it, so it is not used."),
        "{text}"
    );
    assert!(
        text.contains(&format!("→ chmod 600 {}", credentials.display())),
        "{text}"
    );
}

/// A Microsoft 365 calendar: where the app's credentials come from, then
/// whether Graph answers and takes them (the sandbox's Graph fake).
#[test]
fn doctor_asks_microsoft_365_with_the_apps_credentials() {
    use renos::sandbox::{MICROSOFT_CLIENT, MICROSOFT_SECRET, MICROSOFT_TENANT, Sandbox};
    let sb = Sandbox::start(([127, 0, 0, 1], 0).into()).expect("sandbox");
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[calendars]
graph_base_url = \"{}\"
graph_login_url = \"{}\"
             [calendars.staff]
\"Louise Nielsen\" = \"outlook:louise@renos.example\"
",
            sb.graph_base_url(),
            sb.graph_login_url()
        ),
    )
    .unwrap();
    let app = |secret: &'static str| {
        [
            ("MICROSOFT_TENANT_ID", MICROSOFT_TENANT),
            ("MICROSOFT_CLIENT_ID", MICROSOFT_CLIENT),
            ("MICROSOFT_CLIENT_SECRET", secret),
        ]
    };
    let out = doctor(home.path(), &config, &app(MICROSOFT_SECRET));
    let text = String::from_utf8_lossy(&out.stdout);
    let named = "Louise Nielsen's calendar: Microsoft 365 louise@renos.example";
    assert!(
        text.contains(&format!(
            "✓ calendar  {named}: the app's credentials come from MICROSOFT_TENANT_ID"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "✓ calendar  {named} answers and accepts the app's credentials."
        )),
        "{text}"
    );

    let out = doctor(home.path(), &config, &app("not-the-secret"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("✗ calendar  {named}: ")), "{text}");
    assert!(
        text.contains("→ set MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET"),
        "{text}"
    );
    assert!(!text.contains("not-the-secret"), "no secret shown: {text}");

    // Out of reach: said, with what to check.
    sb.go_offline();
    let out = doctor(home.path(), &config, &app(MICROSOFT_SECRET));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("✗ calendar  {named}: cannot reach the calendar")),
        "{text}"
    );
}
