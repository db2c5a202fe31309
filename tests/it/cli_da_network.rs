//! A service nobody answers for (a closed port on loopback), on the
//! command line in Danish and in English: an invoice Billy cannot be
//! reached for, an SMS reminder Twilio cannot be reached for (and its
//! stored error shown again by `renos alerts`), and the doctor's check of
//! all three; and a Billy address that is no http(s) URL, which is not
//! even tried. Danish says what happened in its own words, with only the
//! system's own detail quoted; English reads as before.

use std::path::Path;
use std::process::Output;

use chrono::Duration;
use renos::sandbox;

use crate::common;
use crate::office_env::{self, Env};

/// Where nothing listens.
const CLOSED: &str = "http://127.0.0.1:1/";

/// `renos ARGS` in `language` with Billy, Twilio and (with `google_key`)
/// Google at a closed port; the database is `env`'s.
fn offline(
    env: &Env,
    home: &Path,
    language: &str,
    google_key: Option<&Path>,
    args: &[&str],
) -> Output {
    run(env, home, language, google_key, &[], args)
}

/// [`offline`] with the environment's `extra` variables over it.
fn run(
    env: &Env,
    home: &Path,
    language: &str,
    google_key: Option<&Path>,
    extra: &[(&str, &str)],
    args: &[&str],
) -> Output {
    let now = office_env::now().to_rfc3339();
    let mut all = vec!["--db", env.db.to_str().expect("path"), "--now", &now];
    all.extend_from_slice(args);
    let mut c = common::private(home, language);
    c.args(&all)
        .env("BILLY_API_KEY", sandbox::BILLY_API_KEY)
        .env("BILLY_ORGANIZATION_ID", sandbox::BILLY_ORGANIZATION_ID)
        .env("RENOS_BILLY_BASE_URL", CLOSED)
        .env("TWILIO_ACCOUNT_SID", sandbox::TWILIO_ACCOUNT_SID)
        .env("TWILIO_AUTH_TOKEN", sandbox::TWILIO_AUTH_TOKEN)
        .env("TWILIO_PHONE_NUMBER", sandbox::TWILIO_PHONE_NUMBER)
        .env("RENOS_TWILIO_BASE_URL", CLOSED);
    if let Some(key) = google_key {
        c.env("GOOGLE_KEY_FILE", key)
            .env("GOOGLE_IMPERSONATED_USER", sandbox::IMPERSONATED_USER)
            .env("GOOGLE_CALENDAR_ID", sandbox::CALENDAR_ID)
            .env("RENOS_GOOGLE_BASE_URL", CLOSED)
            .env("RENOS_GOOGLE_TOKEN_URI", format!("{CLOSED}token"));
    }
    c.envs(extra.iter().copied());
    c.output().expect("run renos")
}

use crate::common::said;

/// No English sentence of ours in a Danish text: only the system's detail.
fn no_english(t: &str) {
    for english in [
        "cannot reach",
        "did not answer",
        "broke off",
        "token request failed",
    ] {
        assert!(!t.contains(english), "{english:?} in\n{t}");
    }
}

#[test]
fn an_invoice_billy_cannot_be_reached_for_in_danish_and_in_english() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    let booking = {
        let mut store = env.store();
        let s = office_env::seed(&mut store, "Kofoed");
        office_env::finished(&mut store, &s, office_env::at(7, 0), Duration::hours(3))
    };
    let booking = booking.to_string();

    let o = offline(&env, home.path(), "da", None, &["invoice", &booking]);
    assert!(!o.status.success());
    let t = said(&o);
    assert!(
        t.contains(&format!(
            "Faktura for booking #{booking}: Billy: ingen forbindelse til Billy (tjek \
             netforbindelsen; prøver igen senere): 127.0.0.1 kan ikke nås (systemet siger: "
        )),
        "{t}"
    );
    no_english(&t);

    let o = offline(&env, home.path(), "en", None, &["invoice", &booking]);
    let t = said(&o);
    assert!(
        t.contains(&format!(
            "Invoice for booking #{booking}: Billy: cannot reach Billy at 127.0.0.1: "
        )),
        "{t}"
    );
}

#[test]
fn an_sms_twilio_cannot_be_reached_for_in_danish_and_as_stored() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    {
        let mut store = env.store();
        let s = office_env::seed(&mut store, "Kofoed");
        office_env::job(
            &mut store,
            &s,
            office_env::at(9, 0) + Duration::days(1),
            120,
            false,
        );
    }
    let t = said(&offline(&env, home.path(), "da", None, &["remind"]));
    assert!(
        t.contains(
            "ingen forbindelse til Twilio (tjek netforbindelsen; prøver igen senere): \
             127.0.0.1 kan ikke nås (systemet siger: "
        ),
        "{t}"
    );
    no_english(&t);

    // The alert's stored error reads back to its kind.
    let t = said(&offline(&env, home.path(), "da", None, &["alerts"]));
    assert!(
        t.contains("127.0.0.1 kan ikke nås (systemet siger: "),
        "{t}"
    );
    no_english(&t);
    let t = said(&offline(&env, home.path(), "en", None, &["alerts"]));
    assert!(t.contains("cannot reach Twilio: "), "{t}");
}

#[test]
fn the_doctor_tells_three_services_out_of_reach_in_danish() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    let key = home.path().join("key.json");
    std::fs::write(&key, sandbox::key_json(&format!("{CLOSED}token"))).expect("key");
    let t = said(&offline(&env, home.path(), "da", Some(&key), &["doctor"]));
    for line in [
        "Billy kan ikke nås på http://127.0.0.1:1/: 127.0.0.1 kan ikke nås (systemet siger: ",
        "Twilio kan ikke nås på http://127.0.0.1:1/: 127.0.0.1 kan ikke nås (systemet siger: ",
        "Google kan ikke nås: der kunne ikke hentes et adgangstoken fra Google (systemet siger: ",
    ] {
        assert!(t.contains(line), "{line}\n{t}");
    }
    no_english(&t);
    let t = said(&offline(&env, home.path(), "en", Some(&key), &["doctor"]));
    for line in [
        "Billy cannot be reached at http://127.0.0.1:1/: cannot reach Billy at 127.0.0.1: ",
        "Google cannot be reached: token request failed: ",
    ] {
        assert!(t.contains(line), "{line}\n{t}");
    }
}

#[test]
fn a_billy_address_that_cannot_be_used_in_danish_and_in_english() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    let booking = {
        let mut store = env.store();
        let s = office_env::seed(&mut store, "Kofoed");
        office_env::finished(&mut store, &s, office_env::at(7, 0), Duration::hours(2))
    };
    let booking = booking.to_string();
    let ftp = [("RENOS_BILLY_BASE_URL", "ftp://billy.example/v2/")];
    let t = said(&run(
        &env,
        home.path(),
        "da",
        None,
        &ftp,
        &["invoice", &booking],
    ));
    assert!(
        t.contains(
            "Billys adresse `ftp://billy.example/v2/` kan ikke bruges: den er ikke http eller \
             https; ret RENOS_BILLY_BASE_URL eller [billy] base_url"
        ),
        "{t}"
    );
    assert!(!t.contains("refused") && !t.contains("is not http"), "{t}");
    let t = said(&run(
        &env,
        home.path(),
        "en",
        None,
        &ftp,
        &["invoice", &booking],
    ));
    assert!(
        t.contains(
            "Billy refused the request: the Billy base URL `ftp://billy.example/v2/` is not \
             http or https"
        ),
        "{t}"
    );
}
