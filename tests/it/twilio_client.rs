//! The Twilio client against the sandbox's Twilio fake: calls spoken in
//! Danish, messages, call status, credentials, refusals and every fault
//! the fake can show; and the fake itself over plain HTTP.

use std::time::Duration;

use renos::providers::install_crypto_provider;
use renos::providers::twilio::{
    Placed, TwilioClient, TwilioError, TwilioSettings, is_account_sid, say_twiml,
};
use renos::sandbox::{
    Sandbox, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER, TwilioAdmin, TwilioFaults,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

mod fake_http;
mod search;

/// A customer's mobile.
const KUNDE: &str = "+4520304050";

fn sandbox() -> Sandbox {
    Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox")
}

fn settings(sb: &Sandbox) -> TwilioSettings {
    TwilioSettings {
        base_url: sb.twilio_base_url(),
        account_sid: TWILIO_ACCOUNT_SID.to_string(),
        auth_token: TWILIO_AUTH_TOKEN.to_string(),
        from: TWILIO_PHONE_NUMBER.to_string(),
        timeout: Duration::from_secs(5),
    }
}

fn client_with(settings: TwilioSettings) -> TwilioClient {
    install_crypto_provider();
    TwilioClient::new(settings).expect("client")
}

fn client(sb: &Sandbox) -> TwilioClient {
    client_with(settings(sb))
}

fn refused_code(e: &TwilioError) -> Option<u32> {
    match e {
        TwilioError::Refused { code, .. } => *code,
        _ => None,
    }
}

#[tokio::test]
async fn a_call_is_placed_and_speaks_danish() {
    let sb = sandbox();
    let c = client(&sb);
    let text =
        "Hej, det er RenOS. Booking hos familien Ærø i morgen kl. 9.30 mangler en medarbejder.";
    let placed = c.call(KUNDE, &say_twiml(text)).await.expect("call");
    assert_eq!(placed.status, "queued");
    assert_eq!(placed.to, KUNDE);
    assert_eq!(placed.from, TWILIO_PHONE_NUMBER);
    assert!(placed.sid.starts_with("CA"), "{}", placed.sid);
    assert_eq!(placed.sid.len(), 34);
    assert_eq!(c.requests(), 1);

    let calls = sb.twilio().calls();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(call["sid"], placed.sid.as_str());
    assert_eq!(call["to"], KUNDE);
    assert_eq!(call["from"], TWILIO_PHONE_NUMBER);
    assert_eq!(call["say"], text);
    assert_eq!(call["language"], "da-DK");
    assert_eq!(call["voice"], "Polly.Naja");
    assert_eq!(call["twiml"], say_twiml(text).as_str());
    assert_eq!(call["status"], "queued");
    assert_eq!(call["timeout"], 60);
    let stats = sb.twilio().stats();
    assert_eq!((stats.requests, stats.calls, stats.refused), (1, 1, 0));
    assert!(sb.twilio().messages().is_empty());
}

#[tokio::test]
async fn xml_special_characters_round_trip() {
    let sb = sandbox();
    let c = client(&sb);
    let text = r#"Booking hos Jensen & Søn <A/S> "x" 'y'"#;
    c.call(KUNDE, &say_twiml(text)).await.expect("call");
    let call = &sb.twilio().calls()[0];
    assert_eq!(call["say"], text);
    let twiml = call["twiml"].as_str().expect("twiml");
    assert!(
        twiml.contains("Jensen &amp; Søn &lt;A/S&gt; &quot;x&quot; &apos;y&apos;"),
        "{twiml}"
    );
    assert_eq!(TwilioAdmin::spoken_text(twiml).as_deref(), Some(text));
}

#[tokio::test]
async fn call_status_advances_with_each_read() {
    let sb = sandbox();
    let c = client(&sb);
    let placed = c.call(KUNDE, &say_twiml("Hej")).await.expect("call");
    let mut seen = Vec::new();
    for _ in 0..4 {
        let now = c.call_status(&placed.sid).await.expect("status");
        assert_eq!(now.sid, placed.sid);
        assert_eq!(now.to, KUNDE);
        assert_eq!(now.from, TWILIO_PHONE_NUMBER);
        seen.push(now.status);
    }
    assert_eq!(seen, ["ringing", "in-progress", "completed", "completed"]);
    assert_eq!(sb.twilio().calls()[0]["status"], "completed");
    assert_eq!(sb.twilio().stats().status_reads, 4);

    // A number nobody answers: still 201, then no-answer.
    let silent = "+4599887766";
    sb.twilio().set_unreachable(silent, true);
    let placed = c.call(silent, &say_twiml("Hej")).await.expect("call");
    assert_eq!(placed.status, "queued");
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(c.call_status(&placed.sid).await.expect("status").status);
    }
    assert_eq!(seen, ["ringing", "no-answer", "no-answer"]);

    let e = c
        .call_status("CA00000000000000000000000000000000")
        .await
        .expect_err("unknown");
    assert_eq!(
        e,
        TwilioError::Refused {
            status: 404,
            code: Some(20404),
            message: format!(
                "The requested resource /2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Calls/CA00000000000000000000000000000000.json was not found"
            )
            .into(),
        }
    );
    // A sid with path characters stays one path segment.
    let e = c.call_status("../../x").await.expect_err("odd sid");
    assert_eq!(refused_code(&e), Some(20404), "{e:?}");
}

#[tokio::test]
async fn an_sms_body_is_recorded_exactly() {
    let sb = sandbox();
    let c = client(&sb);
    let body =
        "Hej Søren! Rengøring på Åboulevarden 3 i morgen kl. 8–10. Æ Ø Å æ ø å & <tak> 100% +45";
    let placed = c.sms(KUNDE, body).await.expect("sms");
    assert!(placed.sid.starts_with("SM"), "{}", placed.sid);
    assert_eq!(placed.sid.len(), 34);
    assert_eq!(
        (
            placed.status.as_str(),
            placed.to.as_str(),
            placed.from.as_str()
        ),
        ("queued", KUNDE, TWILIO_PHONE_NUMBER)
    );
    let messages = sb.twilio().messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["body"], body);
    assert_eq!(messages[0]["sid"], placed.sid.as_str());
    assert_eq!(messages[0]["to"], KUNDE);
    assert_eq!(messages[0]["from"], TWILIO_PHONE_NUMBER);
    assert!(sb.twilio().calls().is_empty());
    assert_eq!(sb.twilio().stats().messages, 1);

    // 1600 characters go; 1601 are refused without a request.
    let long = "ø".repeat(1600);
    c.sms(KUNDE, &long).await.expect("1600");
    assert_eq!(sb.twilio().messages()[1]["body"], long.as_str());
    let before = c.requests();
    let e = c.sms(KUNDE, &"ø".repeat(1601)).await.expect_err("1601");
    assert_eq!(
        e,
        TwilioError::Refused {
            status: 0,
            code: Some(21617),
            message: "the message is 1601 characters long; Twilio takes at most 1600".into()
        }
    );
    assert_eq!(c.requests(), before);

    let e = c.sms(KUNDE, "").await.expect_err("empty");
    assert_eq!(refused_code(&e), Some(21602), "{e:?}");
}

#[tokio::test]
async fn a_wrong_token_is_an_auth_error() {
    let sb = sandbox();
    let c = client_with(TwilioSettings {
        auth_token: "not-the-sandbox-token".into(),
        ..settings(&sb)
    });
    let e = c.call(KUNDE, &say_twiml("Hej")).await.expect_err("auth");
    match &e {
        TwilioError::Auth(m) => {
            assert!(m.contains("401"), "{m}");
            assert!(m.contains("20003"), "{m}");
            assert!(m.contains("TWILIO_AUTH_TOKEN"), "{m}");
            assert!(!m.contains("not-the-sandbox-token"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    assert!(!e.is_transient());
    assert!(!e.to_string().contains("not-the-sandbox-token"));
    assert!(matches!(c.account().await, Err(TwilioError::Auth(_))));
    assert!(matches!(c.sms(KUNDE, "x").await, Err(TwilioError::Auth(_))));
    assert!(sb.twilio().calls().is_empty());
    assert!(sb.twilio().messages().is_empty());
    assert_eq!(sb.twilio().stats().refused, 3);
}

#[tokio::test]
async fn a_wrong_account_sid_is_an_auth_error() {
    let sb = sandbox();
    let other = "AC0123456789abcdef0123456789abcdef";
    assert!(is_account_sid(other));
    let c = client_with(TwilioSettings {
        account_sid: other.into(),
        ..settings(&sb)
    });
    let e = c.call(KUNDE, &say_twiml("Hej")).await.expect_err("auth");
    assert!(matches!(e, TwilioError::Auth(_)), "{e:?}");
    assert!(sb.twilio().calls().is_empty());

    install_crypto_provider();
    let e = TwilioClient::new(TwilioSettings {
        account_sid: "5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e".into(),
        ..settings(&sb)
    })
    .expect_err("not a sid");
    assert!(matches!(e, TwilioError::Auth(_)), "{e:?}");
}

#[tokio::test]
async fn no_answer_is_a_network_error() {
    let c = client_with(TwilioSettings {
        base_url: "http://127.0.0.1:1/twilio".into(),
        account_sid: TWILIO_ACCOUNT_SID.into(),
        auth_token: TWILIO_AUTH_TOKEN.into(),
        from: TWILIO_PHONE_NUMBER.into(),
        timeout: Duration::from_secs(5),
    });
    let e = c.call(KUNDE, &say_twiml("Hej")).await.expect_err("offline");
    assert!(matches!(e, TwilioError::Network(_)), "{e:?}");
    assert!(e.is_transient());
    assert!(!e.to_string().contains(TWILIO_AUTH_TOKEN));

    let sb = sandbox();
    let c = client(&sb);
    sb.go_offline();
    let e = c.account().await.expect_err("offline");
    assert!(matches!(e, TwilioError::Network(_)), "{e:?}");
    sb.come_online().expect("online");
    assert_eq!(c.account().await.expect("account"), "RenOS Sandbox");
}

#[tokio::test]
async fn slow_answers_time_out() {
    let sb = sandbox();
    let c = client_with(TwilioSettings {
        timeout: Duration::from_millis(300),
        ..settings(&sb)
    });
    sb.twilio().set_faults(TwilioFaults {
        latency_ms: 1500,
        ..TwilioFaults::default()
    });
    let e = c.account().await.expect_err("timeout");
    match e {
        TwilioError::Network(m) => assert!(m.contains("no answer within 0.3 s"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_number_that_is_not_e164_is_refused_once() {
    let sb = sandbox();
    let c = client(&sb);
    let e = c
        .call("20304050", &say_twiml("Hej"))
        .await
        .expect_err("bad number");
    assert_eq!(
        e,
        TwilioError::Refused {
            status: 400,
            code: Some(21211),
            message: "The 'To' number 20304050 is not a valid phone number.".into()
        }
    );
    assert!(!e.is_transient());
    assert_eq!(c.requests(), 1);
    let e = c
        .sms("+45 20 30 40 50", "Hej")
        .await
        .expect_err("bad number");
    assert_eq!(refused_code(&e), Some(21211));
    assert_eq!(c.requests(), 2);
    assert!(sb.twilio().calls().is_empty());
    assert!(sb.twilio().messages().is_empty());
    assert_eq!(sb.twilio().stats().refused, 2);
}

#[tokio::test]
async fn rejected_numbers_are_refused_though_e164() {
    let sb = sandbox();
    let c = client(&sb);
    sb.twilio().set_faults(TwilioFaults {
        reject_numbers: vec![KUNDE.to_string()],
        ..TwilioFaults::default()
    });
    let e = c
        .call(KUNDE, &say_twiml("Hej"))
        .await
        .expect_err("rejected");
    assert_eq!(
        e,
        TwilioError::Refused {
            status: 400,
            code: Some(21211),
            message: format!("The 'To' number {KUNDE} is not a valid phone number.").into()
        }
    );
    let e = c.sms(KUNDE, "Hej").await.expect_err("rejected");
    assert_eq!(refused_code(&e), Some(21211));
    assert!(sb.twilio().calls().is_empty());
    // Other numbers still go through.
    c.call("+4531323334", &say_twiml("Hej"))
        .await
        .expect("call");
    assert_eq!(sb.twilio().calls().len(), 1);
}

#[tokio::test]
async fn rate_limits_hand_back_retry_after_and_record_nothing() {
    let sb = sandbox();
    let c = client(&sb);
    sb.twilio().set_faults(TwilioFaults {
        rate_limit: 1,
        retry_after_secs: Some(7),
        ..TwilioFaults::default()
    });
    let e = c.call(KUNDE, &say_twiml("Hej")).await.expect_err("429");
    assert_eq!(
        e,
        TwilioError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
    assert!(e.is_transient());
    assert!(sb.twilio().calls().is_empty());
    // The fault is used up: the next attempt goes through.
    c.call(KUNDE, &say_twiml("Hej")).await.expect("call");
    assert_eq!(sb.twilio().calls().len(), 1);

    sb.twilio().set_faults(TwilioFaults {
        rate_limit: 1,
        ..TwilioFaults::default()
    });
    let e = c.sms(KUNDE, "Hej").await.expect_err("429");
    assert_eq!(e, TwilioError::RateLimited { retry_after: None });
    assert!(sb.twilio().messages().is_empty());
    let stats = sb.twilio().stats();
    assert_eq!((stats.faulted, stats.calls, stats.messages), (2, 1, 0));
}

#[tokio::test]
async fn server_errors_record_nothing() {
    let sb = sandbox();
    let c = client(&sb);
    sb.twilio().set_faults(TwilioFaults {
        server_error: 1,
        ..TwilioFaults::default()
    });
    let e = c.call(KUNDE, &say_twiml("Hej")).await.expect_err("500");
    assert_eq!(
        e,
        TwilioError::Server {
            status: 500,
            message: "Internal Server Error".into()
        }
    );
    assert!(e.is_transient());
    sb.twilio().set_faults(TwilioFaults {
        server_error: 1,
        server_error_503: true,
        ..TwilioFaults::default()
    });
    let e = c.sms(KUNDE, "Hej").await.expect_err("503");
    assert_eq!(
        e,
        TwilioError::Server {
            status: 503,
            message: "Service Unavailable".into()
        }
    );
    assert!(sb.twilio().calls().is_empty());
    assert!(sb.twilio().messages().is_empty());
}

#[tokio::test]
async fn a_lost_answer_is_a_network_error_but_the_call_was_placed() {
    let sb = sandbox();
    let c = client(&sb);
    sb.twilio().set_faults(TwilioFaults {
        drop_after: 1,
        ..TwilioFaults::default()
    });
    let e = c.call(KUNDE, &say_twiml("Hej")).await.expect_err("lost");
    assert!(matches!(e, TwilioError::Network(_)), "{e:?}");
    assert!(e.is_transient());
    let calls = sb.twilio().calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["say"], "Hej");
    assert_eq!(sb.twilio().stats().calls, 1);
    assert_eq!(c.requests(), 1);
}

#[tokio::test]
async fn a_dropped_connection_places_nothing() {
    let sb = sandbox();
    let c = client(&sb);
    sb.twilio().set_faults(TwilioFaults {
        drop_before: 1,
        ..TwilioFaults::default()
    });
    let e = c.call(KUNDE, &say_twiml("Hej")).await.expect_err("dropped");
    assert!(matches!(e, TwilioError::Network(_)), "{e:?}");
    assert!(sb.twilio().calls().is_empty());
    c.call(KUNDE, &say_twiml("Hej")).await.expect("call");
    assert_eq!(sb.twilio().calls().len(), 1);
}

#[tokio::test]
async fn faults_can_target_one_resource() {
    let sb = sandbox();
    let c = client(&sb);
    sb.twilio().set_faults(TwilioFaults {
        server_error: 1,
        fail_on: Some("Messages".into()),
        ..TwilioFaults::default()
    });
    c.call(KUNDE, &say_twiml("Hej"))
        .await
        .expect("calls are spared");
    c.account().await.expect("the account too");
    let e = c.sms(KUNDE, "Hej").await.expect_err("500");
    assert!(
        matches!(e, TwilioError::Server { status: 500, .. }),
        "{e:?}"
    );
    assert_eq!(sb.twilio().faults().server_error, 0);
    c.sms(KUNDE, "Hej").await.expect("sms");
}

#[tokio::test]
async fn twiml_over_4000_characters_is_refused_without_a_request() {
    let sb = sandbox();
    let c = client(&sb);
    let twiml = say_twiml(&"a".repeat(4000));
    let chars = twiml.chars().count();
    let e = c.call(KUNDE, &twiml).await.expect_err("too long");
    assert_eq!(
        e,
        TwilioError::Refused {
            status: 0,
            code: Some(32018),
            message: format!("the TwiML is {chars} characters long; Twilio takes at most 4000")
                .into(),
        }
    );
    assert_eq!(c.requests(), 0);
    assert_eq!(sb.twilio().stats().requests, 0);

    // Exactly 4000 characters are sent, and taken.
    let head = say_twiml("");
    let fits = say_twiml(&"æ".repeat(4000 - head.chars().count()));
    assert_eq!(fits.chars().count(), 4000);
    c.call(KUNDE, &fits).await.expect("4000 characters");
    assert_eq!(c.requests(), 1);
}

#[tokio::test]
async fn the_account_is_read() {
    let sb = sandbox();
    let c = client(&sb);
    assert_eq!(c.account().await.expect("account"), "RenOS Sandbox");
    assert_eq!(sb.twilio().stats().account_reads, 1);
    let clone = c.clone();
    clone.account().await.expect("account");
    assert_eq!(c.requests(), 2);
}

#[tokio::test]
async fn placed_is_what_the_api_said() {
    let sb = sandbox();
    let c = client(&sb);
    let placed = c.call(KUNDE, &say_twiml("Hej")).await.expect("call");
    let record = &sb.twilio().calls()[0];
    assert_eq!(
        placed,
        Placed {
            sid: record["sid"].as_str().expect("sid").to_string(),
            status: "queued".into(),
            to: KUNDE.into(),
            from: TWILIO_PHONE_NUMBER.into(),
            created: placed.created,
            ..Placed::default()
        }
    );
    // Twilio's clock, to the second.
    let created = placed.created.expect("date_created");
    assert!((chrono::Utc::now() - created).num_seconds().abs() < 5);
}
