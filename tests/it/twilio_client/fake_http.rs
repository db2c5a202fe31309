//! The Twilio fake itself over plain HTTP, and its admin side.

use super::*;

// ---- the fake over plain HTTP ------------------------------------------

fn http() -> reqwest::Client {
    install_crypto_provider();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("http")
}

fn api(sb: &Sandbox, rest: &str) -> String {
    format!(
        "{}2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}{rest}",
        sb.twilio_base_url()
    )
}

async fn answer(resp: reqwest::Response) -> (StatusCode, Value) {
    let status = resp.status();
    let body = resp.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

#[tokio::test]
async fn the_fake_answers_like_twilio() {
    let sb = sandbox();
    let h = http();

    // No credentials at all.
    let resp = h
        .post(api(&sb, "/Calls.json"))
        .form(&[("To", KUNDE)])
        .send()
        .await
        .expect("send");
    assert_eq!(
        resp.headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Basic realm=\"Twilio API\"")
    );
    assert_eq!(
        answer(resp).await,
        (
            StatusCode::UNAUTHORIZED,
            json!({"code": 20003, "message": "Authenticate",
                   "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401})
        )
    );

    // A JSON body reads as no parameters.
    let resp = h
        .post(api(&sb, "/Calls.json"))
        .basic_auth(TWILIO_ACCOUNT_SID, Some(TWILIO_AUTH_TOKEN))
        .json(&json!({"To": KUNDE, "From": TWILIO_PHONE_NUMBER, "Twiml": say_twiml("Hej")}))
        .send()
        .await
        .expect("send");
    let (status, body) = answer(resp).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], 21201);

    // Another account's path, with the sandbox's credentials.
    let other = "AC0123456789abcdef0123456789abcdef";
    let resp = h
        .get(format!(
            "{}2010-04-01/Accounts/{other}.json",
            sb.twilio_base_url()
        ))
        .basic_auth(TWILIO_ACCOUNT_SID, Some(TWILIO_AUTH_TOKEN))
        .send()
        .await
        .expect("send");
    let (status, body) = answer(resp).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 20404);

    // A caller ID that is not the account's.
    let resp = h
        .post(api(&sb, "/Calls.json"))
        .basic_auth(TWILIO_ACCOUNT_SID, Some(TWILIO_AUTH_TOKEN))
        .form(&[
            ("To", KUNDE),
            ("From", "+4511223344"),
            ("Twiml", &say_twiml("Hej")),
        ])
        .send()
        .await
        .expect("send");
    let (status, body) = answer(resp).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], 21210);

    // The wrong method.
    let resp = h
        .delete(api(&sb, "/Calls.json"))
        .basic_auth(TWILIO_ACCOUNT_SID, Some(TWILIO_AUTH_TOKEN))
        .send()
        .await
        .expect("send");
    let (status, body) = answer(resp).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["code"], 20004);

    // A call with a Url and a Timeout, read back.
    let resp = h
        .post(api(&sb, "/Calls.json"))
        .basic_auth(TWILIO_ACCOUNT_SID, Some(TWILIO_AUTH_TOKEN))
        .form(&[
            ("To", KUNDE),
            ("From", TWILIO_PHONE_NUMBER),
            ("Url", "https://renos.example/alert.xml"),
            ("Timeout", "25"),
        ])
        .send()
        .await
        .expect("send");
    let (status, call) = answer(resp).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(call["status"], "queued");
    assert_eq!(call["direction"], "outbound-api");
    let created = call["date_created"].as_str().expect("date");
    assert!(
        chrono::DateTime::parse_from_rfc2822(created).is_ok(),
        "{created}"
    );
    let uri = call["uri"].as_str().expect("uri");
    let resp = h
        .get(format!("{}{}", sb.url() + "/twilio", uri))
        .basic_auth(TWILIO_ACCOUNT_SID, Some(TWILIO_AUTH_TOKEN))
        .send()
        .await
        .expect("send");
    let (status, read) = answer(resp).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["sid"], call["sid"]);
    assert_eq!(read["status"], "ringing");
    let record = &sb.twilio().calls()[0];
    assert_eq!(record["url"], "https://renos.example/alert.xml");
    assert_eq!(record["timeout"], 25);
    assert_eq!(record["say"], Value::Null);
}

#[tokio::test]
async fn the_admin_side_over_http() {
    let sb = sandbox();
    let c = client(&sb);
    let h = http();
    let admin = |rest: &str| format!("{}/admin/twilio/{rest}", sb.url());

    let resp = h
        .put(admin("faults"))
        .json(&json!({"rate_limit": 1, "retry_after_secs": 2}))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::OK);
    let e = c.call(KUNDE, &say_twiml("Hej")).await.expect_err("429");
    assert_eq!(
        e,
        TwilioError::RateLimited {
            retry_after: Some(Duration::from_secs(2))
        }
    );
    let resp = h
        .put(admin("faults"))
        .json(&json!({"server_error": 5}))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::OK);
    let resp = h.delete(admin("faults")).send().await.expect("send");
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_eq!(sb.twilio().faults(), TwilioFaults::default());

    let resp = h
        .put(admin(&format!("unreachable/{KUNDE}")))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_eq!(sb.twilio().unreachable(), [KUNDE]);

    c.call(KUNDE, &say_twiml("Hej med dig"))
        .await
        .expect("call");
    c.sms(KUNDE, "Hej igen").await.expect("sms");

    let (status, calls) = answer(h.get(admin("calls")).send().await.expect("send")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(calls["calls"][0]["say"], "Hej med dig");
    let (_, messages) = answer(h.get(admin("messages")).send().await.expect("send")).await;
    assert_eq!(messages["messages"][0]["body"], "Hej igen");
    let (_, stats) = answer(h.get(admin("stats")).send().await.expect("send")).await;
    assert_eq!(
        stats,
        json!({"requests": 3, "calls": 1, "messages": 1, "status_reads": 0,
               "account_reads": 0, "refused": 0, "faulted": 1})
    );
    let resp = h.delete(admin("stats")).send().await.expect("send");
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_eq!(sb.twilio().stats().requests, 0);

    let resp = h
        .put(admin("faults"))
        .body("{not json")
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);

    // `/admin/reset` wipes Twilio too.
    let resp = h
        .post(format!("{}/admin/reset", sb.url()))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert!(sb.twilio().calls().is_empty());
    assert!(sb.twilio().messages().is_empty());
    assert!(sb.twilio().unreachable().is_empty());
}

#[test]
fn export_lines_point_at_the_twilio_fake() {
    let sb = sandbox();
    let lines = sb.export_lines(std::path::Path::new("/tmp/key.json"));
    for expected in [
        format!("export TWILIO_ACCOUNT_SID={TWILIO_ACCOUNT_SID}"),
        format!("export TWILIO_AUTH_TOKEN={TWILIO_AUTH_TOKEN}"),
        "export TWILIO_PHONE_NUMBER=+4570000000".to_string(),
        format!("export RENOS_TWILIO_BASE_URL={}/twilio/", sb.url()),
    ] {
        assert!(lines.contains(&expected), "{expected} not in {lines:?}");
    }
}
