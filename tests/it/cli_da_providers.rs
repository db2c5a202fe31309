//! Billy's and Twilio's refusals on the command line, in Danish and in
//! English: an invoice Billy refuses (a wrong API key), one Billy asks to
//! wait for (rate limited), an SMS reminder Twilio refuses (a number it
//! rejects), and that refusal as stored, shown again by `renos alerts`. English
//! reads as the errors' own text; Danish says what to do.

use std::path::Path;
use std::process::Output;

use chrono::Duration;
use renos::sandbox::{self, BillyFaults, TwilioFaults};

use crate::common;
use crate::office_env::{self, Env};

/// `renos ARGS` in `language` against the sandbox, with Billy's API key
/// and Twilio's auth token `keys`.
fn office(env: &Env, home: &Path, language: &str, keys: [&str; 2], args: &[&str]) -> Output {
    let now = office_env::now().to_rfc3339();
    let mut all = vec!["--db", env.db.to_str().expect("path"), "--now", &now];
    all.extend_from_slice(args);
    common::private(home, language)
        .args(&all)
        .env("BILLY_API_KEY", keys[0])
        .env("BILLY_ORGANIZATION_ID", sandbox::BILLY_ORGANIZATION_ID)
        .env("RENOS_BILLY_BASE_URL", env.sandbox.billy_base_url())
        .env("TWILIO_ACCOUNT_SID", sandbox::TWILIO_ACCOUNT_SID)
        .env("TWILIO_AUTH_TOKEN", keys[1])
        .env("TWILIO_PHONE_NUMBER", sandbox::TWILIO_PHONE_NUMBER)
        .env("RENOS_TWILIO_BASE_URL", env.sandbox.twilio_base_url())
        .output()
        .expect("run renos")
}

const RIGHT: [&str; 2] = [sandbox::BILLY_API_KEY, sandbox::TWILIO_AUTH_TOKEN];
const WRONG: [&str; 2] = ["wrong-key", "wrong-token"];

use crate::common::said;

#[test]
fn an_invoice_billy_refuses_in_danish_and_in_english() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    let (one, two) = {
        let mut store = env.store();
        let s = office_env::seed(&mut store, "Kofoed");
        let at = office_env::at(7, 0);
        (
            office_env::finished(&mut store, &s, at, Duration::hours(3)),
            office_env::finished(&mut store, &s, at - Duration::days(1), Duration::hours(2)),
        )
    };
    let (one, two) = (one.to_string(), two.to_string());

    // A wrong key: refused for good.
    let o = office(&env, home.path(), "da", WRONG, &["invoice", &one]);
    assert!(!o.status.success());
    let t = said(&o);
    assert!(
        t.contains(&format!(
            "Faktura for booking #{one}: Billy: Billy afviste adgangen: Billy godtog ikke \
             API-nøglen (HTTP 401: "
        )),
        "{t}"
    );
    assert!(
        t.contains("); tjek BILLY_API_KEY: den skal være en adgangsnøgle"),
        "{t}"
    );
    assert!(
        !t.contains("refused access") && !t.contains("check BILLY"),
        "{t}"
    );
    let o = office(&env, home.path(), "en", WRONG, &["invoice", &one]);
    let t = said(&o);
    assert!(
        t.contains(&format!(
            "Invoice for booking #{one}: Billy: Billy refused access: Billy did not accept the \
             API key (HTTP 401"
        )),
        "{t}"
    );

    // Rate limited past the client's patience: tried again later.
    env.sandbox.billy().set_faults(BillyFaults {
        rate_limit: 100,
        retry_after_secs: Some(600),
        ..BillyFaults::default()
    });
    let o = office(&env, home.path(), "da", RIGHT, &["invoice", &two]);
    assert!(!o.status.success());
    let t = said(&o);
    assert!(
        t.contains(&format!(
            "Faktura for booking #{two}: Billy: Billy begrænser antallet af forespørgsler; \
             prøver igen senere"
        )),
        "{t}"
    );
}

#[test]
fn an_sms_twilio_refuses_in_danish_and_in_english() {
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
    // The customer's number, refused though it is a phone number.
    env.sandbox.twilio().set_faults(TwilioFaults {
        reject_numbers: vec!["+4540404040".into()],
        ..TwilioFaults::default()
    });
    let key = RIGHT;
    let o = office(&env, home.path(), "da", key, &["remind"]);
    assert!(!o.status.success());
    let t = said(&o);
    assert!(
        t.contains(
            "til +4540404040 afvist af Twilio: Twilio afviste forespørgslen (400, kode 21211); \
             ret nummeret eller beskeden: The 'To' number +4540404040 is not a valid phone number."
        ),
        "{t}"
    );
    assert!(!t.contains("Twilio refused"), "{t}");

    // The alert's stored error: Danish in Danish, English as it was stored.
    let t = said(&office(&env, home.path(), "da", key, &["alerts"]));
    assert!(
        t.contains("Twilio afviste forespørgslen (400, kode 21211)"),
        "{t}"
    );
    assert!(!t.contains("Twilio refused"), "{t}");
    let t = said(&office(&env, home.path(), "en", key, &["alerts"]));
    assert!(
        t.contains(
            "Twilio refused the request (400, code 21211): The 'To' number +4540404040 is not \
             a valid phone number."
        ),
        "{t}"
    );
}

#[test]
fn the_doctor_words_billys_and_twilios_errors_in_danish() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    env.sandbox.billy().set_faults(BillyFaults {
        server_error: 1000,
        ..BillyFaults::default()
    });
    env.sandbox.twilio().set_faults(TwilioFaults {
        server_error: 1000,
        ..TwilioFaults::default()
    });
    let key = RIGHT;
    let t = said(&office(&env, home.path(), "da", key, &["doctor"]));
    for line in [
        "Billy svarede med en fejl: Billy svarede 500 (en fejl hos Billy; prøver igen senere): ",
        "Twilio svarede med en fejl: Twilio svarede 500 (en fejl hos Twilio; prøver igen senere): ",
    ] {
        assert!(t.contains(line), "{line}\n{t}");
    }
    assert!(!t.contains("answered"), "{t}");
    let t = said(&office(&env, home.path(), "en", key, &["doctor"]));
    for line in [
        "Billy answered with an error: Billy answered 500: ",
        "Twilio answered with an error: Twilio answered 500: ",
    ] {
        assert!(t.contains(line), "{line}\n{t}");
    }
}

#[test]
fn the_doctor_says_a_wrong_key_in_danish() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    let t = said(&office(&env, home.path(), "da", WRONG, &["doctor"]));
    for line in [
        "Billy afviste adgangsoplysningerne: Billy godtog ikke API-nøglen (HTTP 401: The access \
         token is not valid.); tjek BILLY_API_KEY: den skal være en adgangsnøgle til \
         virksomhedens organisation i Billy",
        "Twilio afviste adgangsoplysningerne: Twilio svarede 401 (kode 20003, Authenticate): \
         tjek TWILIO_ACCOUNT_SID og TWILIO_AUTH_TOKEN",
    ] {
        assert!(t.contains(line), "{line}\n{t}");
    }
    assert!(!t.contains("check"), "{t}");
    let t = said(&office(&env, home.path(), "en", WRONG, &["doctor"]));
    for line in [
        "Billy refused the credentials: Billy did not accept the API key (HTTP 401: The access \
         token is not valid.); check BILLY_API_KEY: it must be an access token of the company's \
         Billy organization",
        "Twilio refused the credentials: Twilio answered 401 (code 20003, Authenticate): check \
         TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (the account's live credentials from the \
         Twilio console)",
    ] {
        assert!(t.contains(line), "{line}\n{t}");
    }
}
