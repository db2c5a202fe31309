//! `renos status` and `renos sync` name each cleaner's calendar on another
//! provider and its state, in words.

use std::process::{Command, Output};

use renos::clock::Clock;
use renos::domain::WorkingHours;
use renos::store::{NewStaff, Store};

use crate::caldav::radicale::{Other, Radicale};

fn renos(home: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Output {
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
    c.output().expect("renos")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_and_sync_name_each_cleaners_calendar() {
    let r = Radicale::start();
    let url = r.calendar_url("anna", "work");
    Other::new("anna").make_calendar(&url, "Arbejde").await;
    let sb = renos::sandbox::Sandbox::start("127.0.0.1:0".parse().unwrap()).unwrap();
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("renos.db");
    let key = home.path().join("key.json");
    std::fs::write(&key, renos::sandbox::key_json(&sb.token_uri())).unwrap();
    {
        let mut s = Store::open(&db, "bo", Clock::System).unwrap();
        for name in ["Anna Jensen", "Bo Hansen"] {
            s.add_staff(NewStaff {
                name: name.into(),
                phone: String::new(),
                colour: String::new(),
                hours: WorkingHours::default(),
                time_off: Vec::new(),
            })
            .unwrap();
        }
    }
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "database = \"{}\"\n\
             [google]\ncalendar_id = \"{}\"\nkey_file = \"{}\"\nimpersonated_user = \"{}\"\n\
             base_url = \"{}\"\n\
             [calendars.staff]\n\"Anna Jensen\" = \"caldav:{url}\"\n\
             \"Bo Hansen\" = \"outlook:bo@firma.dk\"\n",
            db.display(),
            renos::sandbox::CALENDAR_ID,
            key.display(),
            renos::sandbox::IMPERSONATED_USER,
            sb.google_base_url(),
        ),
    )
    .unwrap();
    let cfg = config.display().to_string();
    let caldav = [
        ("CALDAV_USERNAME", "anna"),
        ("CALDAV_PASSWORD", "anna-secret"),
    ];

    let out = renos(home.path(), &["--config", &cfg, "status"], &caldav);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("Anna Jensen (CalDAV {url}): full sync due")),
        "{text}"
    );
    assert!(
        text.contains("Bo Hansen (Microsoft 365 bo@firma.dk): not set up: "),
        "{text}"
    );

    let out = renos(home.path(), &["--config", &cfg, "sync"], &caldav);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("CalDAV {url}: synced")), "{text}");
    assert!(
        text.contains("Microsoft 365 bo@firma.dk: not set up (see the errors below)"),
        "{text}"
    );

    let out = renos(home.path(), &["--config", &cfg, "status"], &caldav);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("Anna Jensen (CalDAV {url}): incremental")),
        "{text}"
    );
}

#[test]
fn the_help_says_how_max_events_bounds_each_calendar() {
    let home = tempfile::tempdir().unwrap();
    for (language, said) in [
        (
            "en",
            "CalDAV or Microsoft 365 calendar holding more than this many on its first sync is not taken in",
        ),
        (
            "da",
            "CalDAV- eller Microsoft 365-kalender med flere end så mange ved første synkronisering tages ikke ind",
        ),
    ] {
        let o = renos(
            home.path(),
            &["sync", "--help"],
            &[("RENOS_LANGUAGE", language)],
        );
        let help = String::from_utf8_lossy(&o.stdout).replace("\n", " ");
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(help.contains(said), "{said:?} in\n{help}");
    }
}
