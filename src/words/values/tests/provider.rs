//! Billy's and Twilio's refusals in both languages: English exactly as the
//! error's own text (the logs and `--json` keep it), Danish its own
//! sentence with the provider's message after it; stored texts read back.

use std::time::Duration;

use super::*;
use crate::engine::delivery::ProviderFault;
use crate::providers::billy::BillyError;
use crate::providers::twilio::TwilioError;

fn every_billy_error() -> Vec<BillyError> {
    vec![
        BillyError::Auth("Billy did not accept the API key (HTTP 401: bad token)".into()),
        BillyError::NotFound("invoice i9".into()),
        BillyError::Invalid("contactId: no such contact".into()),
        BillyError::RateLimited {
            retry_after: Some(Duration::from_secs(3)),
        },
        BillyError::Server {
            status: 503,
            message: "maintenance".into(),
        },
        BillyError::Network("cannot reach Billy at 127.0.0.1: connection refused".into()),
    ]
}

fn every_twilio_error() -> Vec<TwilioError> {
    let refused = |status, code| TwilioError::Refused {
        status,
        code,
        message: "The 'To' number +4500 is not a valid phone number.".into(),
    };
    vec![
        refused(400, Some(21211)),
        refused(400, None),
        refused(0, Some(21211)),
        refused(0, None),
        TwilioError::Auth("Authenticate (20003)".into()),
        TwilioError::RateLimited { retry_after: None },
        TwilioError::Server {
            status: 500,
            message: "internal".into(),
        },
        TwilioError::Network("connection refused".into()),
    ]
}

/// Danish: its own sentence, not the English one, no key shown, one line.
fn danish(da: &str, en: &str) {
    assert_ne!(da, en);
    assert!(!da.contains('\n'), "{da}");
    assert!(!da.contains("-rate-") && !da.contains("billy-") && !da.contains("twilio-"));
}

#[test]
fn every_billy_error_in_both_languages() {
    for e in every_billy_error() {
        let en_text = billy_error(en(), &e);
        assert_eq!(en_text, e.to_string());
        let da_text = billy_error(da(), &e);
        danish(&da_text, &en_text);
        match &e {
            BillyError::Auth(_) => {}
            BillyError::NotFound(m) => assert!(da_text.contains(&m.to_string()), "{da_text}"),
            BillyError::Invalid(m) => assert!(da_text.ends_with(&**m), "{da_text}"),
            BillyError::Network(m) => assert!(da_text.contains(m.detail()), "{da_text}"),
            BillyError::Server { message, .. } => {
                assert!(da_text.ends_with(message.as_str()), "{da_text}")
            }
            BillyError::RateLimited { .. } => {}
        }
    }
    assert_eq!(
        billy_error(
            da(),
            &BillyError::Invalid("contactId: no such contact".into())
        ),
        "Billy afviste forespørgslen; ret årsagen og prøv igen: contactId: no such contact"
    );
    assert_eq!(
        billy_error(
            da(),
            &BillyError::Network("cannot reach Billy at h: refused".into())
        ),
        "ingen forbindelse til Billy (tjek netforbindelsen; prøver igen senere): \
         h kan ikke nås (systemet siger: refused)"
    );
}

/// Every kind of network fault, as each client words it in English and
/// in Danish: the English is the text as before, the Danish its own
/// sentence with only the system's detail in English.
#[test]
fn every_network_fault_in_both_languages() {
    use crate::providers::network::{FaultKind, NetworkFault};
    let faults = [
        (
            "Billy did not answer within 30 s",
            "intet svar inden for 30 s",
        ),
        ("no answer within 0.5 s", "intet svar inden for 0,5 s"),
        (
            "cannot reach Billy at 127.0.0.1: tcp connect error: Connection refused",
            "127.0.0.1 kan ikke nås (systemet siger: tcp connect error: Connection refused)",
        ),
        (
            "error sending request for url (http://127.0.0.1:1/x): client error (Connect): \
             tcp connect error",
            "127.0.0.1 kan ikke nås (systemet siger: error sending request for url \
             (http://127.0.0.1:1/x): client error (Connect): tcp connect error)",
        ),
        (
            "the answer from Billy broke off: connection reset",
            "svaret blev afbrudt undervejs (systemet siger: connection reset)",
        ),
        (
            "Twilio's answer (200) broke off: connection reset",
            "svaret blev afbrudt undervejs (systemet siger: connection reset)",
        ),
        (
            "the connection to Billy failed: builder error",
            "forbindelsen mislykkedes (systemet siger: builder error)",
        ),
        (
            "Billy sent an answer that could not be read: expected value at line 1 column 1",
            "svaret kan ikke læses (læseren siger: expected value at line 1 column 1)",
        ),
        (
            "unreadable answer from Google Calendar (EOF while parsing)",
            "svaret kan ikke læses (læseren siger: EOF while parsing)",
        ),
        (
            "token request failed: dns error",
            "der kunne ikke hentes et adgangstoken fra Google (systemet siger: dns error)",
        ),
        (
            "cannot set up HTTP: no TLS backend",
            "HTTP-forbindelsen kan ikke sættes op (systemet siger: no TLS backend)",
        ),
    ];
    for (english, danish) in faults {
        let f = NetworkFault::read(english);
        assert_ne!(f.kind(), &FaultKind::Said, "{english}");
        assert_eq!(network_fault(en(), &f), english);
        assert_eq!(network_fault(da(), &f), danish);
    }
    let empty = NetworkFault::unreadable("", "Twilio answered 200 with something that is not JSON");
    assert_eq!(network_fault(da(), &empty), "svaret kan ikke læses");
    let somewhere = NetworkFault::new(
        FaultKind::Unreachable {
            host: String::new(),
        },
        "refused",
        "x",
    );
    assert_eq!(
        network_fault(da(), &somewhere),
        "serveren kan ikke nås (systemet siger: refused)"
    );
    // Known only by its text: as written in both.
    let said = NetworkFault::read("cannot read the alerts: disk full");
    assert_eq!(
        network_fault(da(), &said),
        "cannot read the alerts: disk full"
    );
    // The Twilio error around it.
    let e = TwilioError::Network(NetworkFault::read("no answer within 10 s"));
    assert_eq!(
        twilio_error(en(), &e),
        "cannot reach Twilio: no answer within 10 s"
    );
    assert_eq!(
        twilio_error(da(), &e),
        "ingen forbindelse til Twilio (tjek netforbindelsen; prøver igen senere): \
         intet svar inden for 10 s"
    );
}

#[test]
fn every_refused_access_to_billy_in_both_languages() {
    use crate::providers::billy::{AccessKind, AccessRefusal, BillyClient, BillySettings};
    let new = |key: &str, org: &str| match BillyClient::new(BillySettings::new(key, org, None)) {
        Err(e) => e,
        Ok(_) => panic!("{key:?} {org:?} taken"),
    };
    let body = br#"{"errorMessage": "The access token is not valid."}"#;
    let classify = |status| crate::providers::billy::classify(status, body, None, "x", "k");
    let other = AccessRefusal::new(
        AccessKind::OtherOrganization {
            id: "o2".into(),
            name: "Andet ApS".into(),
            configured: "o1".into(),
        },
        "the API key belongs to the Billy organization o2 (Andet ApS), but \
         BILLY_ORGANIZATION_ID is o1: the two do not match; set \
         BILLY_ORGANIZATION_ID to the key's organization or use a key of o1",
    );
    let refusals = [
        new("", "o"),
        new("k", ""),
        new("k\u{7}", "o"),
        classify(401),
        classify(403),
        crate::providers::billy::classify(401, b"", None, "x", "k"),
        BillyError::Auth(other),
    ];
    for e in refusals {
        assert!(matches!(e, BillyError::Auth(_)), "{e:?}");
        let en_text = billy_error(en(), &e);
        assert_eq!(en_text, e.to_string());
        let da_text = billy_error(da(), &e);
        danish(&da_text, &en_text);
        assert!(!da_text.contains(" the "), "{da_text}");
    }
    assert_eq!(
        billy_error(da(), &classify(401)),
        "Billy afviste adgangen: Billy godtog ikke API-nøglen (HTTP 401: The access token is \
         not valid.); tjek BILLY_API_KEY: den skal være en adgangsnøgle til virksomhedens \
         organisation i Billy"
    );
    // Known only by its text: as written.
    let logged = BillyError::Auth("as logged".into());
    assert_eq!(
        billy_error(da(), &logged),
        "Billy afviste adgangen: as logged"
    );
}

#[test]
fn every_refused_access_to_twilio_in_both_languages() {
    use crate::providers::twilio::{
        AccessKind, AccessRefusal, TwilioClient, TwilioSettings, is_account_sid,
    };
    let settings = |sid: &str, token: &str| TwilioSettings {
        base_url: "http://127.0.0.1:9/".into(),
        account_sid: sid.into(),
        auth_token: token.into(),
        from: "+4570000000".into(),
        timeout: Duration::from_secs(1),
    };
    let sid = format!("AC{}", "0".repeat(32));
    assert!(is_account_sid(&sid));
    let new = |s: TwilioSettings| match TwilioClient::new(s) {
        Err(e) => e,
        Ok(_) => panic!("taken"),
    };
    let refused = AccessRefusal::new(
        AccessKind::Refused {
            code: Some(20003),
            said: "Authenticate".into(),
        },
        "Twilio answered 401 (code 20003, Authenticate): check TWILIO_ACCOUNT_SID and \
         TWILIO_AUTH_TOKEN (the account's live credentials from the Twilio console)",
    );
    let forbidden = AccessRefusal::new(
        AccessKind::Forbidden {
            code: None,
            said: "Forbidden".into(),
        },
        "Twilio answered 403 (Forbidden): the account may not do this; check \
         TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and the account's permissions",
    );
    for e in [
        new(settings("AC1", "t")),
        new(settings(&sid, "")),
        TwilioError::Auth(refused),
        TwilioError::Auth(forbidden),
    ] {
        assert!(matches!(e, TwilioError::Auth(_)), "{e:?}");
        let en_text = twilio_error(en(), &e);
        assert_eq!(en_text, e.to_string());
        let da_text = twilio_error(da(), &e);
        danish(&da_text, &en_text);
        assert!(!da_text.contains("check"), "{da_text}");
    }
}

#[test]
fn every_twilio_error_in_both_languages() {
    for e in every_twilio_error() {
        let en_text = twilio_error(en(), &e);
        assert_eq!(en_text, e.to_string());
        danish(&twilio_error(da(), &e), &en_text);
    }
    let e = TwilioError::Refused {
        status: 400,
        code: Some(21211),
        message: "not a valid phone number".into(),
    };
    assert_eq!(
        twilio_error(da(), &e),
        "Twilio afviste forespørgslen (400, kode 21211); ret nummeret eller beskeden: \
         not a valid phone number"
    );
    assert_eq!(
        twilio_error(
            da(),
            &TwilioError::Refused {
                status: 0,
                code: None,
                message: "x".into()
            }
        ),
        "Twilio afviste forespørgslen (ikke sendt); ret nummeret eller beskeden: x"
    );
}

#[test]
fn a_fault_of_either_provider_or_our_own() {
    let billy: ProviderFault = BillyError::RateLimited { retry_after: None }.into();
    assert_eq!(provider_fault(en(), &billy), billy.to_string());
    assert_eq!(
        provider_fault(da(), &billy),
        "Billy begrænser antallet af forespørgsler; prøver igen senere"
    );
    let own = ProviderFault::from("no such invoice");
    assert_eq!(provider_fault(da(), &own), "no such invoice");
    let wrapped = anyhow::Error::from(TwilioError::Network("down".into()));
    assert_eq!(
        ProviderFault::of(&wrapped),
        ProviderFault::Twilio(TwilioError::Network("down".into()))
    );
}

#[test]
fn stored_errors_are_read_back_and_worded() {
    for e in every_billy_error() {
        let text = e.to_string();
        match e {
            BillyError::Network(f) => {
                assert_eq!(
                    ProviderFault::read_billy(&text),
                    Some(BillyError::Network(f.clone()))
                );
                assert_eq!(
                    logged_billy_error(da(), &text),
                    "ingen forbindelse til Billy (tjek netforbindelsen; prøver igen senere): \
                     127.0.0.1 kan ikke nås (systemet siger: connection refused)"
                );
            }
            BillyError::RateLimited { .. } => {
                assert_eq!(
                    ProviderFault::read_billy(&text),
                    Some(BillyError::RateLimited { retry_after: None })
                )
            }
            e => assert_eq!(ProviderFault::read_billy(&text), Some(e)),
        }
        assert_eq!(logged_billy_error(en(), &text), text);
    }
    for e in every_twilio_error() {
        let text = e.to_string();
        match e {
            TwilioError::RateLimited { .. } => assert_eq!(
                ProviderFault::read_twilio(&text),
                Some(TwilioError::RateLimited { retry_after: None })
            ),
            e => assert_eq!(ProviderFault::read_twilio(&text), Some(e)),
        }
        assert_eq!(logged_twilio_error(en(), &text), text);
        assert_ne!(logged_twilio_error(da(), &text), text);
    }
    let retrying = format!(
        "{}{}",
        BillyError::Server {
            status: 502,
            message: "bad gateway".into()
        },
        ProviderFault::TRYING_AGAIN
    );
    assert_eq!(logged_billy_error(en(), &retrying), retrying);
    assert_eq!(
        logged_billy_error(da(), &retrying),
        "Billy svarede 502 (en fejl hos Billy; prøver igen senere): bad gateway (prøver igen)"
    );
    assert_eq!(logged_twilio_error(da(), "30005"), "30005");
}

/// The requests our own code refuses to send (a base URL that cannot be
/// used, a customer without e-mail, a product Billy lacks, a sender that
/// is not a number, a message too long): English as before, Danish its
/// own sentence saying what to fix.
#[test]
fn every_request_we_would_not_send_in_both_languages() {
    use crate::providers::billy::{
        BillyClient, BillySettings, RequestKind as BillyKind, RequestRefusal as BillyRefusal,
    };
    use crate::providers::twilio::{TwilioClient, TwilioSettings};
    let billy_url = |url: &str| match BillyClient::new(BillySettings::new("k", "o", Some(url))) {
        Err(e) => e,
        Ok(_) => panic!("{url} taken"),
    };
    let no_email = BillyError::Invalid(BillyRefusal::new(
        BillyKind::NoEmail {
            customer: "Kofoed".into(),
        },
        "the Billy contact of Kofoed has no e-mail: add one in Billy, or turn [billy] email off",
    ));
    let no_product = BillyError::Invalid(BillyRefusal::new(
        BillyKind::NoProduct {
            service: "Vinduer".into(),
            product: "Rengøring".into(),
        },
        "Billy has no product named \"Vinduer\" or \"Rengøring\": create one in Billy (with 25 % \
         VAT), or name an existing one in [billy] product",
    ));
    let billy = [
        billy_url("ftp://billy.example/"),
        billy_url("billy"),
        billy_url("http://h/v2/?x=1"),
        no_email.clone(),
        no_product,
    ];
    for e in &billy {
        let en_text = billy_error(en(), e);
        assert_eq!(en_text, e.to_string());
        let da_text = billy_error(da(), e);
        danish(&da_text, &en_text);
        assert!(
            !da_text.contains("refused") && !da_text.contains(" the "),
            "{da_text}"
        );
    }
    // A thing gone from Billy, read back from its stored text too.
    use crate::providers::billy::read_missing;
    let gone = BillyError::NotFound(read_missing("invoice i9 (Invoice was deleted)"));
    assert_eq!(billy_error(en(), &gone), gone.to_string());
    assert_eq!(
        billy_error(da(), &gone),
        "fakturaen i9 findes ikke i Billy (er den slettet dér?); Billy siger: Invoice was deleted"
    );
    assert_eq!(
        ProviderFault::read_billy(&gone.to_string()).map(|e| billy_error(da(), &e)),
        Some(billy_error(da(), &gone))
    );
    let contact = BillyError::NotFound(read_missing("contact c7"));
    assert_eq!(
        billy_error(en(), &contact),
        "not found in Billy: contact c7"
    );
    assert_eq!(
        billy_error(da(), &contact),
        "kundens kontakt c7 findes ikke i Billy (er den slettet dér?)"
    );
    assert_eq!(
        billy_error(da(), &billy[0]),
        "Billys adresse `ftp://billy.example/` kan ikke bruges: den er ikke http eller https; \
         ret RENOS_BILLY_BASE_URL eller [billy] base_url"
    );
    assert_eq!(
        billy_error(da(), &no_email),
        "Kunden Kofoed har ingen e-mail i Billy, så fakturaen kan ikke sendes: tilføj en e-mail \
         hos kontakten i Billy, eller slå [billy] email fra"
    );

    let settings = |base_url: &str, from: &str, timeout: u64| TwilioSettings {
        base_url: base_url.into(),
        account_sid: format!("AC{}", "0".repeat(32)),
        auth_token: "t".into(),
        from: from.into(),
        timeout: Duration::from_secs(timeout),
    };
    let twilio_new = |s: TwilioSettings| match TwilioClient::new(s) {
        Err(e) => e,
        Ok(_) => panic!("taken"),
    };
    let good = "http://127.0.0.1:9/";
    let mut twilio = vec![
        twilio_new(settings("http://u:p@h/", "+4570000000", 1)),
        twilio_new(settings(good, "70000000", 1)),
        twilio_new(settings(good, "+4570000000", 0)),
    ];
    let client = TwilioClient::new(settings(good, "+4570000000", 1)).expect("client");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    twilio.push(
        rt.block_on(client.sms("+4512345678", &"x".repeat(1601)))
            .expect_err("long"),
    );
    twilio.push(
        rt.block_on(client.call("+4512345678", &"x".repeat(4001)))
            .expect_err("long"),
    );
    for e in &twilio {
        let en_text = twilio_error(en(), e);
        assert_eq!(en_text, e.to_string());
        let da_text = twilio_error(da(), e);
        danish(&da_text, &en_text);
        assert!(
            !da_text.contains("refused") && !da_text.contains(" the "),
            "{da_text}"
        );
    }
    assert_eq!(
        twilio_error(da(), &twilio[0]),
        "Twilios adresse `http://u:p@h/` kan ikke bruges: den må ikke indeholde brugernavn eller \
         adgangskode; ret RENOS_TWILIO_BASE_URL eller [twilio] base_url (ikke sendt)"
    );
    // As stored, read back to their kind.
    for e in &twilio[1..] {
        let back = ProviderFault::read_twilio(&e.to_string()).expect("read back");
        assert_eq!(twilio_error(da(), &back), twilio_error(da(), e), "{e}");
    }
    assert_eq!(
        twilio_error(da(), &twilio[3]),
        "beskeden er 1601 tegn lang; Twilio tager højst 1600: gør den kortere (ikke sendt, kode \
         21617)"
    );
}
