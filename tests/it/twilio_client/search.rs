//! The client's searches against the fake's lists, and what the client
//! writes as TwiML read back by the fake's parser.

use super::*;

#[tokio::test]
async fn searches_find_calls_dialed_or_queued_across_pages() {
    let sb = sandbox();
    let c = client(&sb);
    let today = chrono::Utc::now().date_naive();
    // 130 calls: more than one page of 100.
    let mut sids = Vec::new();
    for _ in 0..130 {
        sids.push(c.call(KUNDE, &say_twiml("Hej")).await.expect("call").sid);
    }
    // Another number's call is not ours to find.
    c.call("+4511112222", &say_twiml("Hej"))
        .await
        .expect("call");
    // One of them dialed: found by the date filter, the rest as queued.
    c.call_status(&sids[0]).await.expect("status");
    let found = c.calls_to(KUNDE, today).await.expect("search");
    assert_eq!(found.len(), 130);
    assert!(
        found
            .iter()
            .all(|p| p.to == KUNDE && p.from == TWILIO_PHONE_NUMBER)
    );
    assert!(found.iter().all(|p| p.created.is_some()));
    for sid in &sids {
        assert_eq!(found.iter().filter(|p| &p.sid == sid).count(), 1, "{sid}");
    }
    // Nothing from tomorrow on, but still the queued ones.
    let later = c
        .calls_to(KUNDE, today + chrono::Duration::days(1))
        .await
        .expect("search");
    assert_eq!(later.len(), 129, "the dialed one started today");
}

#[tokio::test]
async fn searches_find_messages_sent_or_not() {
    let sb = sandbox();
    let c = client(&sb);
    let today = chrono::Utc::now().date_naive();
    let a = c.sms(KUNDE, "en").await.expect("sms");
    let b = c.sms(KUNDE, "to").await.expect("sms");
    // `a` is sent (date_sent set), `b` still queued.
    c.message_status(&a.sid).await.expect("status");
    let found = c.messages_to(KUNDE, today).await.expect("search");
    let mut got: Vec<&str> = found.iter().map(|p| p.sid.as_str()).collect();
    got.sort_unstable();
    let mut want = vec![a.sid.as_str(), b.sid.as_str()];
    want.sort_unstable();
    assert_eq!(got, want);
}

#[tokio::test]
async fn a_message_fails_after_the_201() {
    let sb = sandbox();
    let c = client(&sb);
    assert!(
        sb.twilio()
            .set_message_outcome(KUNDE, "undelivered", Some(30005))
    );
    assert!(!sb.twilio().set_message_outcome(KUNDE, "sent", None));
    let p = c.sms(KUNDE, "Hej").await.expect("201");
    assert_eq!(p.status, "queued");
    let mut seen = Vec::new();
    let mut last = p;
    for _ in 0..3 {
        last = c.message_status(&last.sid).await.expect("status");
        seen.push(last.status.clone());
    }
    assert_eq!(seen, ["sent", "undelivered", "undelivered"]);
    assert!(last.is_final());
    assert_eq!(last.error_code, Some(30005));
    assert_eq!(
        last.error_message.as_deref(),
        Some("Unknown destination handset")
    );
}

#[tokio::test]
async fn a_500_after_commit_placed_the_call() {
    let sb = sandbox();
    let c = client(&sb);
    sb.twilio().set_faults(TwilioFaults {
        error_after: 1,
        ..TwilioFaults::default()
    });
    let e = c.call(KUNDE, &say_twiml("Hej")).await.expect_err("500");
    assert!(
        matches!(e, TwilioError::Server { status: 500, .. }),
        "{e:?}"
    );
    assert_eq!(sb.twilio().calls().len(), 1, "placed all the same");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// Whatever the client writes, the fake (a real XML parser) reads back
    /// as the text less what TwiML cannot carry.
    #[test]
    fn say_twiml_reads_back_through_the_fake(
        text in "\\PC*|[&<>\"'\\x00-\\x1f\u{7f}-\u{9f}a-zæøå ]{0,40}"
    ) {
        let doc = say_twiml(&text);
        proptest::prop_assert_eq!(TwilioAdmin::spoken_text(&doc), Some(sanitised(&text)));
    }
}

/// What `say_twiml` keeps of a text: line breaks and tabs as spaces, other
/// control characters (and U+FFFE, U+FFFF) dropped.
fn sanitised(text: &str) -> String {
    text.replace("\r\n", " ")
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => None,
            c => Some(c),
        })
        .collect()
}
