use super::*;

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const TO: &str = "+4512345678";

fn call_params(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut p = params(&[
        ("To", TO),
        ("From", TWILIO_PHONE_NUMBER),
        (
            "Twiml",
            "<Response><Say language=\"da-DK\">Hej</Say></Response>",
        ),
    ]);
    for (k, v) in extra {
        p.retain(|(n, _)| n != k);
        p.push((k.to_string(), v.to_string()));
    }
    p
}

fn call_code(st: &mut TwilioState, p: &[(String, String)]) -> u32 {
    create_call(st, p, Utc::now()).expect_err("refused").code
}

#[test]
fn resources_by_path() {
    let a = "/twilio/2010-04-01/Accounts/AC1";
    assert_eq!(
        resource(&format!("{a}.json")),
        Some(("AC1", Resource::Account))
    );
    assert_eq!(
        resource(&format!("{a}/Calls.json")),
        Some(("AC1", Resource::Calls))
    );
    assert_eq!(
        resource(&format!("{a}/Calls/CA9.json")),
        Some(("AC1", Resource::Call("CA9")))
    );
    assert_eq!(
        resource(&format!("{a}/Messages.json")),
        Some(("AC1", Resource::Messages))
    );
    assert_eq!(
        resource(&format!("{a}/Messages/SM9.json")),
        Some(("AC1", Resource::Message("SM9")))
    );
    for bad in [
        a.to_string(),
        format!("{a}/Calls"),
        format!("{a}/Calls/CA9"),
        format!("{a}/Calls/CA9.json/x"),
        format!("{a}/Queues.json"),
        "/twilio/2010-04-01/Accounts/.json".to_string(),
        "/twilio/2008-08-01/Accounts/AC1.json".to_string(),
    ] {
        assert_eq!(resource(&bad), None, "{bad}");
    }
}

#[test]
fn forms_decode() {
    assert_eq!(
        parse_form(b"To=%2B4512345678&Body=Hej+med+dig%21&&Empty=&Flag").expect("form"),
        params(&[
            ("To", "+4512345678"),
            ("Body", "Hej med dig!"),
            ("Empty", ""),
            ("Flag", "")
        ])
    );
    assert_eq!(
        parse_form("Body=%C3%A6%C3%B8%C3%A5 100%".as_bytes()).expect("form"),
        params(&[("Body", "æøå 100%")])
    );
    assert_eq!(parse_form(b"Body=%FF"), None);
    let mut h = HeaderMap::new();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    assert_eq!(form(&h, br#"{"To":"+4512345678"}"#), Ok(Vec::new()));
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("Application/X-WWW-Form-Urlencoded; charset=utf-8"),
    );
    assert_eq!(form(&h, b"To=1"), Ok(params(&[("To", "1")])));
}

#[test]
fn calls_are_checked_like_twilio() {
    let mut st = TwilioState::default();
    let p = |extra: &[(&str, &str)]| call_params(extra);
    assert_eq!(call_code(&mut st, &p(&[("To", "")])), 21201);
    assert_eq!(call_code(&mut st, &p(&[("From", "")])), 21213);
    assert_eq!(call_code(&mut st, &p(&[("To", "12345678")])), 21211);
    assert_eq!(call_code(&mut st, &p(&[("To", "+45 12345678")])), 21211);
    assert_eq!(call_code(&mut st, &p(&[("From", "renos")])), 21212);
    assert_eq!(call_code(&mut st, &p(&[("From", "+4511111111")])), 21210);
    assert_eq!(
        call_code(&mut st, &p(&[("To", TWILIO_PHONE_NUMBER)])),
        21211
    );
    assert_eq!(call_code(&mut st, &p(&[("Twiml", "")])), 21205);
    assert_eq!(
        call_code(&mut st, &p(&[("Url", "https://example.com/x.xml")])),
        21205
    );
    assert_eq!(call_code(&mut st, &p(&[("Twiml", "<Say>x</Say>")])), 12100);
    assert_eq!(call_code(&mut st, &p(&[("Twiml", "<Response>")])), 12100);
    let long = format!("<Response><Say>{}</Say></Response>", "x".repeat(4000));
    assert_eq!(call_code(&mut st, &p(&[("Twiml", &long)])), 32018);
    assert_eq!(call_code(&mut st, &p(&[("Timeout", "0")])), 20001);
    assert_eq!(call_code(&mut st, &p(&[("Timeout", "601")])), 20001);
    assert_eq!(call_code(&mut st, &p(&[("StatusCallback", "x")])), 21502);
    let e = create_call(&mut st, &p(&[("To", "+4599")]), Utc::now()).expect_err("to");
    assert_eq!(
        e,
        TwError::bad(21211, "The 'To' number +4599 is not a valid phone number.")
    );
    st.faults.reject_numbers = vec![TO.to_string()];
    assert_eq!(call_code(&mut st, &p(&[])), 21211);
    assert!(st.calls.is_empty());
    assert_eq!(st.stats.calls, 0);
}

#[test]
fn a_call_is_recorded_with_what_it_says() {
    let mut st = TwilioState::default();
    st.outcomes.insert(
        TO.to_string(),
        crate::sandbox::twilio::Outcome {
            call: "no-answer",
            ..Default::default()
        },
    );
    let twiml = r#"<?xml version="1.0" encoding="UTF-8"?><Response><Say language="da-DK" voice="Polly.Naja">Hej &amp; farvel</Say></Response>"#;
    let v = create_call(
        &mut st,
        &call_params(&[("Twiml", twiml), ("Timeout", "30")]),
        Utc::now(),
    )
    .expect("call");
    assert_eq!(v["status"], "queued");
    assert_eq!(v["direction"], "outbound-api");
    assert_eq!(v["to"], TO);
    assert_eq!(v["from"], TWILIO_PHONE_NUMBER);
    assert_eq!(v["account_sid"], TWILIO_ACCOUNT_SID);
    let sid = v["sid"].as_str().expect("sid");
    assert_eq!(
        v["uri"],
        format!("/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Calls/{sid}.json")
    );
    let c = &st.calls[0];
    assert_eq!(c.say.as_deref(), Some("Hej & farvel"));
    assert_eq!(c.language.as_deref(), Some("da-DK"));
    assert_eq!(c.voice.as_deref(), Some("Polly.Naja"));
    assert_eq!(c.timeout, 30);
    assert_eq!(c.ends, "no-answer");
    let url_call = create_call(
        &mut st,
        &params(&[
            ("To", "+4687654321"),
            ("From", TWILIO_PHONE_NUMBER),
            ("Url", "https://example.com/x.xml"),
        ]),
        Utc::now(),
    )
    .expect("url call");
    assert_eq!(url_call["to"], "+4687654321");
    assert_eq!(st.calls[1].say, None);
    assert_eq!(st.stats.calls, 2);
}

#[test]
fn messages_are_checked_like_twilio() {
    let mut st = TwilioState::default();
    let base = [("To", TO), ("From", TWILIO_PHONE_NUMBER), ("Body", "Hej")];
    let code = |st: &mut TwilioState, extra: &[(&str, &str)]| {
        let mut p = params(&base);
        for (k, v) in extra {
            p.retain(|(n, _)| n != k);
            p.push((k.to_string(), v.to_string()));
        }
        create_message(st, &p, Utc::now()).map_err(|e| e.code)
    };
    assert_eq!(code(&mut st, &[("To", "")]), Err(21604));
    assert_eq!(code(&mut st, &[("From", "")]), Err(21603));
    assert_eq!(code(&mut st, &[("Body", "")]), Err(21602));
    assert_eq!(code(&mut st, &[("To", "004512345678")]), Err(21211));
    assert_eq!(code(&mut st, &[("From", "+4511111111")]), Err(21606));
    assert_eq!(code(&mut st, &[("From", "RenOS")]), Err(21212));
    assert_eq!(code(&mut st, &[("To", TWILIO_PHONE_NUMBER)]), Err(21266));
    assert_eq!(code(&mut st, &[("Body", &"x".repeat(1601))]), Err(21617));
    assert_eq!(
        code(
            &mut st,
            &[
                ("From", ""),
                ("MessagingServiceSid", "MG00000000000000000000000000000000")
            ]
        ),
        Err(21701)
    );
    assert!(st.messages.is_empty());
    let v = code(&mut st, &[("Body", &"æ".repeat(1600))]).expect("1600 is fine");
    assert_eq!(v["status"], "queued");
    assert_eq!(v["num_segments"], "11");
    let v = code(
        &mut st,
        &[
            ("From", ""),
            ("MessagingServiceSid", TWILIO_MESSAGING_SERVICE_SID),
        ],
    )
    .expect("service");
    assert_eq!(v["status"], "accepted");
    assert_eq!(v["from"], Value::Null);
    assert_eq!(st.stats.messages, 2);
}

#[test]
fn segment_counts() {
    assert_eq!(segments(""), 1);
    assert_eq!(segments(&"a".repeat(160)), 1);
    assert_eq!(segments(&"a".repeat(161)), 2);
    assert_eq!(segments(&"€".repeat(80)), 1);
    assert_eq!(segments(&"€".repeat(81)), 2);
    assert_eq!(segments(&"ø".repeat(160)), 1);
    assert_eq!(segments(&"😀".repeat(35)), 1);
    assert_eq!(segments(&"😀".repeat(36)), 2);
    assert_eq!(segments(&"ł".repeat(71)), 2);
}

#[test]
fn dates_are_rfc2822_with_a_padded_day() {
    use chrono::TimeZone;
    let t = Utc
        .with_ymd_and_hms(2026, 3, 3, 9, 5, 0)
        .single()
        .expect("t");
    assert_eq!(date(t), "Tue, 03 Mar 2026 09:05:00 +0000");
}

#[test]
fn error_bodies() {
    let e = TwError::not_found("/twilio/2010-04-01/Accounts/AC1/Calls/CA2.json");
    assert_eq!(
        e.body(),
        json!({
            "code": 20404,
            "message": "The requested resource /2010-04-01/Accounts/AC1/Calls/CA2.json was not found",
            "more_info": "https://www.twilio.com/docs/errors/20404",
            "status": 404,
        })
    );
    let resp = TwError::new(401, 20003, "Authenticate").into_response();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(resp.headers().contains_key(header::WWW_AUTHENTICATE));
}
