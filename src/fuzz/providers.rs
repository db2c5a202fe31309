//! The providers' answers, read as each client reads them: Google's event
//! pages and events (decoded as the Calendar API library decodes them, then
//! our conversion), Billy's and Twilio's JSON through the clients' own
//! functions, and every refusal sorted, with no secret in its words.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use proptest::prelude::*;

use super::{check, recipes};
use crate::providers::twilio::{self, TwilioClient, TwilioSettings};
use crate::providers::{billy, google};

const GOOGLE: &[&str] = &[
    r#"{"kind":"calendar#events","etag":"\"p1\"","summary":"c","updated":"2026-11-20T10:00:00.000Z",
"timeZone":"Europe/Copenhagen","nextPageToken":"tok","nextSyncToken":"sync","items":[
{"kind":"calendar#event","id":"renos1","etag":"\"e1\"","status":"confirmed","summary":"Rengøring",
"description":"x","location":"Vej 1","start":{"dateTime":"2026-11-23T09:00:00+01:00",
"timeZone":"Europe/Copenhagen"},"end":{"dateTime":"2026-11-23T11:00:00+01:00"},
"updated":"2026-11-20T10:00:00.000Z","extendedProperties":{"private":{"renos_booking":"47"}},
"attendees":[{"email":"m@x.dk","displayName":"Maria"}],"recurringEventId":"r",
"originalStartTime":{"date":"2026-11-23"},"eventType":"default","sequence":3},
{"id":"c","status":"cancelled"},
{"id":"d","start":{"date":"2026-11-24"},"end":{"date":"2026-11-25"}}]}"#,
    r#"{"error":{"code":403,"message":"Rate Limit Exceeded","errors":[{"domain":"usageLimits",
"reason":"rateLimitExceeded","message":"Rate Limit Exceeded"}]}}"#,
    r#"{"error":{"code":410,"errors":[{"reason":"fullSyncRequired"}]}}"#,
];

const BILLY: &[&str] = &[
    r#"{"meta":{"statusCode":200,"paging":{"page":1,"pageCount":3,"pageSize":100,"total":250}},
"organization":{"id":"org1","name":"RenOS"},
"contacts":[{"id":"c1","name":"Anna"}],
"contactPersons":[{"id":"p1","contactId":"c1","isPrimary":true},{"id":"p2","contactId":"c2"}],
"products":[{"id":"pr1","name":"Rengøring","isArchived":false},{"id":7,"name":"Vinduer"}],
"invoice":{"id":"i1","state":"approved","type":"invoice","amount":1396,"tax":349,
"grossAmount":"1745.00","isPaid":false,"balance":1745,"invoiceNo":"1042","contactId":"c1",
"entryDate":"2026-11-23","dueDate":"2026-12-01T00:00:00","contactMessage":"renos-booking-47",
"isVoided":false,"creditedInvoiceId":null},
"invoices":[{"id":"i2","state":"draft","amount":0,"tax":0,"balance":0,"contactId":"c1"}]}"#,
    r#"{"errorMessage":"Validation failed","validationErrors":{"invoice":{"attributes":
{"contactId":"is required"}}},"errorCode":"VALIDATION_ERROR"}"#,
    "<html><head><title>502 Bad Gateway SECRETKEY1234</title></head><body>x</body></html>",
];

const TWILIO: &[&str] = &[
    r#"{"sid":"CA0123456789abcdef0123456789abcdef","status":"queued","to":"+4512345678",
"from":"+4570000000","date_created":"Fri, 20 Nov 2026 10:00:00 +0000","error_code":null,
"error_message":null,"calls":[{"sid":"CA1","status":"completed","error_code":"21211"}],
"messages":[{"sid":"SM1","status":"sent","date_created":"Mon, 31 Feb 2026 99:00:00 +9999"}],
"next_page_uri":"/2010-04-01/Accounts/AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e/Calls.json?Page=1"}"#,
    r#"{"code":21211,"message":"The 'To' number 0123456789abcdef0123456789abcdef is not valid",
"more_info":"https://www.twilio.com/docs/errors/21211","status":400}"#,
];

const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"null",
    b"true",
    b"\"\"",
    b"[]",
    b"{}",
    b"-1",
    b"1e308",
    b"\\u0000",
    b"\\ud83d",
    b"SECRETKEY1234",
    b"0123456789abcdef0123456789abcdef",
    b"\"dateTime\":\"+275760-09-13T00:00:00Z\",",
    b"\"date\":\"0000-00-00\",",
    b"\"amount\":9e15,",
    b"\"state\":\"\",",
    b"\"error\":{\"code\":",
    b"\"errors\":[{\"reason\":",
    b"\"message\":\"",
    b"\"code\":",
];

/// Billy's key and Twilio's token, put into answers by the fuzz: no
/// error's words may show them.
const BILLY_KEY: &str = "SECRETKEY1234";
const TWILIO_TOKEN: &str = "0123456789abcdef0123456789abcdef";

const STATUSES: &[u16] = &[
    200, 400, 401, 403, 404, 409, 410, 412, 422, 429, 500, 502, 503, 599, 302,
];

fn seeds(of: &[&str]) -> Vec<Vec<u8>> {
    of.iter().map(|s| s.as_bytes().to_vec()).collect()
}

fn said(what: &str, words: String, secret: Option<&str>) -> Result<(), String> {
    if words.trim().is_empty() {
        return Err(format!("{what}: an error without words"));
    }
    if secret.is_some_and(|s| words.contains(s)) {
        return Err(format!("{what}: the secret is shown: {words}"));
    }
    Ok(())
}

/// A Google answer: as a page, as one event, and as a refusal with `status`.
pub(crate) fn read_google(body: &[u8], status: Option<u16>) -> Result<(), String> {
    // As google-calendar3 decodes every answer.
    let text = String::from_utf8_lossy(body);
    if let Ok(events) = serde_json::from_str::<google_calendar3::api::Events>(&text) {
        let _ = google::page(events);
    }
    if let Ok(ev) = serde_json::from_str::<google_calendar3::api::Event>(&text) {
        let _ = google::remote_event(ev);
    }
    let json = serde_json::from_str::<Value>(&text).ok();
    let fail = google::classify(status, json.as_ref(), None, "event x");
    said("google", format!("{fail:?}"), None)
}

/// A Billy answer through every reading the client makes of one, and as a
/// refusal with `status`.
pub(crate) fn read_billy(body: &[u8], status: u16) -> Result<(), String> {
    if let Ok(v) = billy::answer(body) {
        let _ = billy::organization(&v);
        let _ = billy::first(&v, "contacts").and_then(billy::contact);
        if let Ok(persons) = billy::plural(&v, "contactPersons") {
            let _ = billy::primary_person(&persons, "c1");
        }
        for rec in billy::plural(&v, "products").unwrap_or_default() {
            let _ = billy::product(rec);
        }
        let _ = billy::single(&v, "invoice").and_then(billy::invoice);
        for rec in billy::plural(&v, "invoices").unwrap_or_default() {
            let _ = (billy::id_field(rec, "id"), billy::invoice(rec));
        }
        let _ = billy::paging(&v);
    }
    let e = billy::classify(
        status,
        body,
        Some(Duration::from_secs(1)),
        "invoice x",
        BILLY_KEY,
    );
    said("billy", e.to_string(), Some(BILLY_KEY))
}

fn twilio_client() -> Result<TwilioClient, String> {
    TwilioClient::new(TwilioSettings {
        base_url: "http://127.0.0.1:9/".into(),
        account_sid: "AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e".into(),
        auth_token: TWILIO_TOKEN.into(),
        from: "+4570000000".into(),
        timeout: Duration::from_secs(5),
    })
    .map_err(|e| e.to_string())
}

/// A Twilio answer as a placement, as list pages and as a refusal with
/// `status`.
pub(crate) fn read_twilio(client: &TwilioClient, body: &[u8], status: u16) -> Result<(), String> {
    if let Ok(v) = twilio::answer(StatusCode::OK, body) {
        let _ = twilio::placed(&v, "call");
        let _ = twilio::page_items(&v, "calls");
        let _ = twilio::page_items(&v, "messages");
    }
    let status = StatusCode::from_u16(status).map_err(|e| e.to_string())?;
    let e = client.classify(status, body, None);
    said("twilio", e.to_string(), Some(TWILIO_TOKEN))
}

fn status() -> impl Strategy<Value = u16> {
    proptest::sample::select(STATUSES)
}

#[test]
fn google_answers_read_or_fail_clearly() {
    let seeds = seeds(GOOGLE);
    let status = prop_oneof![status().prop_map(Some), Just(None)];
    check(
        "google",
        256,
        (recipes(seeds.len(), TOKENS), status),
        |(r, s)| read_google(&r.build(&seeds), *s),
    );
}

#[test]
fn billy_answers_read_or_fail_clearly() {
    let seeds = seeds(BILLY);
    check(
        "billy",
        256,
        (recipes(seeds.len(), TOKENS), status()),
        |(r, s)| read_billy(&r.build(&seeds), *s),
    );
}

#[test]
fn twilio_answers_read_or_fail_clearly() {
    crate::providers::install_crypto_provider();
    let client = twilio_client().unwrap_or_else(|e| panic!("{e}"));
    let seeds = seeds(TWILIO);
    check(
        "twilio",
        256,
        (recipes(seeds.len(), TOKENS), status()),
        |(r, s)| read_twilio(&client, &r.build(&seeds), *s),
    );
}
