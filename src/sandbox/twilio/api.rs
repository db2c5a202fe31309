//! The Twilio API handlers: routing by path, form parsing, the checks
//! Twilio makes on a call or message, and its JSON answers.
//!
//! Error codes from Twilio's error reference: 20003, 20004, 20404, 20429,
//! 20500, 20503, 21201 (no To), 21205 (Url), 21210 (From not ours), 21211
//! (To invalid), 21212 (From invalid), 21213 (no From), 21266 (To = From),
//! 21602 (no Body), 21603 (no From), 21604 (no To), 21606 (From not an SMS
//! number of the account), 21617 (body over 1600), 32018 (TwiML over 4000).
//! Unconfirmed (no source says what the API answers): 12100 for inline
//! TwiML that is not a `<Response>` document, 20001 for a bad `Timeout`,
//! `MachineDetection` or a body that is not UTF-8, 21205 when both `Url` and
//! `Twiml` are given, 21502 for a bad `StatusCallback`, 21701 for a foreign
//! `MessagingServiceSid`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::twiml::says;
use super::{
    CallRecord, MAX_BODY_CHARS, MAX_TWIML_CHARS, MessageRecord, TWILIO_ACCOUNT_SID,
    TWILIO_MESSAGING_SERVICE_SID, TWILIO_PHONE_NUMBER, Twilio, TwilioState, is_e164, new_sid,
};

mod list;

const API: &str = "/2010-04-01";

/// An error answer in Twilio's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TwError {
    pub(crate) status: u16,
    pub(crate) code: u32,
    pub(crate) message: String,
    pub(crate) retry_after: Option<u64>,
}

impl TwError {
    pub(crate) fn new(status: u16, code: u32, message: &str) -> TwError {
        TwError {
            status,
            code,
            message: message.to_string(),
            retry_after: None,
        }
    }

    pub(crate) fn bad(code: u32, message: impl Into<String>) -> TwError {
        TwError {
            status: 400,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 404 for a path (as Twilio names it, without the sandbox's `/twilio`).
    fn not_found(path: &str) -> TwError {
        let shown = path.strip_prefix("/twilio").unwrap_or(path);
        TwError::new(
            404,
            20404,
            &format!("The requested resource {shown} was not found"),
        )
    }

    pub(crate) fn body(&self) -> Value {
        json!({
            "code": self.code,
            "message": self.message,
            "more_info": format!("https://www.twilio.com/docs/errors/{}", self.code),
            "status": self.status,
        })
    }
}

impl IntoResponse for TwError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (status, json_body(&self.body())).into_response();
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == 401 {
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"Twilio API\""),
            );
        }
        resp
    }
}

/// A JSON answer with Twilio's content type.
pub(crate) fn json_body(v: &Value) -> Response {
    let text = serde_json::to_string(v).unwrap_or_default();
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        text,
    )
        .into_response()
}

/// The resource a path names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Resource<'a> {
    Account,
    Calls,
    Call(&'a str),
    Messages,
    Message(&'a str),
}

/// `(account sid, resource)` of `/twilio/2010-04-01/Accounts/...`; only the
/// `.json` forms.
fn resource(path: &str) -> Option<(&str, Resource<'_>)> {
    let rest = path.strip_prefix("/twilio/2010-04-01/Accounts/")?;
    let segs: Vec<&str> = rest.split('/').collect();
    let (account, res) = match segs.as_slice() {
        [account] => (account.strip_suffix(".json")?, Resource::Account),
        [account, "Calls.json"] => (*account, Resource::Calls),
        [account, "Calls", sid] => (*account, Resource::Call(sid.strip_suffix(".json")?)),
        [account, "Messages.json"] => (*account, Resource::Messages),
        [account, "Messages", sid] => (*account, Resource::Message(sid.strip_suffix(".json")?)),
        _ => return None,
    };
    (!account.is_empty()).then_some((account, res))
}

/// Every request under `/twilio/` (past the gate: authenticated).
pub(crate) async fn dispatch(
    State(twilio): State<Arc<Twilio>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path();
    let Some((account, res)) = resource(path) else {
        return TwError::not_found(path).into_response();
    };
    // Authenticated as the sandbox account, asking for another one.
    if account != TWILIO_ACCOUNT_SID {
        return TwError::not_found(path).into_response();
    }
    let now = Utc::now();
    let result = match (res, method) {
        (Resource::Account, Method::GET) => {
            twilio.lock().stats.account_reads += 1;
            Ok((StatusCode::OK, account_resource(now)))
        }
        (Resource::Calls, Method::GET) => {
            list::calls(&twilio.lock(), uri.query().unwrap_or_default())
                .map(|v| (StatusCode::OK, v))
        }
        (Resource::Messages, Method::GET) => {
            list::messages(&twilio.lock(), uri.query().unwrap_or_default())
                .map(|v| (StatusCode::OK, v))
        }
        (Resource::Calls, Method::POST) => form(&headers, &body).and_then(|p| {
            let mut st = twilio.lock();
            create_call(&mut st, &p, now).map(|v| (StatusCode::CREATED, v))
        }),
        (Resource::Call(sid), Method::GET) => {
            let mut st = twilio.lock();
            match st.calls.iter_mut().find(|c| c.sid == sid) {
                Some(call) => {
                    call.advance(now);
                    let v = call_resource(call);
                    st.stats.status_reads += 1;
                    Ok((StatusCode::OK, v))
                }
                None => Err(TwError::not_found(path)),
            }
        }
        (Resource::Messages, Method::POST) => form(&headers, &body).and_then(|p| {
            let mut st = twilio.lock();
            create_message(&mut st, &p, now).map(|v| (StatusCode::CREATED, v))
        }),
        (Resource::Message(sid), Method::GET) => {
            let mut st = twilio.lock();
            match st.messages.iter_mut().find(|m| m.sid == sid) {
                Some(msg) => {
                    msg.advance(now);
                    let v = message_resource(msg);
                    st.stats.status_reads += 1;
                    Ok((StatusCode::OK, v))
                }
                None => Err(TwError::not_found(path)),
            }
        }
        _ => Err(TwError::new(405, 20004, "Method not allowed")),
    };
    match result {
        Ok((status, v)) => (status, json_body(&v)).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The parameters of a form-encoded body. Any other content type reads as
/// no parameters, as at Twilio (a JSON body then misses `To`).
fn form(headers: &HeaderMap, body: &[u8]) -> Result<Vec<(String, String)>, TwError> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| {
            t.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !is_form {
        return Ok(Vec::new());
    }
    parse_form(body).ok_or_else(|| TwError::bad(20001, "The request body is not valid UTF-8"))
}

/// `a=1&b=x+y%21` → `[("a","1"), ("b","x y!")]`; `None` if not UTF-8.
pub(crate) fn parse_form(body: &[u8]) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &[][..]),
        };
        out.push((decode(name)?, decode(value)?));
    }
    Some(out)
}

fn decode(raw: &[u8]) -> Option<String> {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hex = raw
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        bytes.push(b);
                        i += 2;
                    }
                    // A stray `%` stays as it is.
                    None => bytes.push(b'%'),
                }
            }
            b => bytes.push(b),
        }
        i += 1;
    }
    String::from_utf8(bytes).ok()
}

/// The first value of a parameter; an empty one counts as missing.
fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn invalid_to(to: &str) -> TwError {
    TwError::bad(
        21211,
        format!("The 'To' number {to} is not a valid phone number."),
    )
}

/// `To` as Twilio takes it: E.164, not refused by the faults.
fn check_to(st: &TwilioState, to: &str) -> Result<(), TwError> {
    if !is_e164(to) || st.faults.reject_numbers.iter().any(|n| n == to) {
        return Err(invalid_to(to));
    }
    Ok(())
}

fn is_http_url(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

fn create_call(
    st: &mut TwilioState,
    p: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<Value, TwError> {
    let to = param(p, "To").ok_or_else(|| TwError::bad(21201, "No 'To' number is specified"))?;
    let from =
        param(p, "From").ok_or_else(|| TwError::bad(21213, "No 'From' number is specified"))?;
    check_to(st, to)?;
    if !is_e164(from) {
        return Err(TwError::bad(
            21212,
            format!(
                "The 'From' number {from} is not a valid phone number, shortcode, or \
                 alphanumeric sender ID."
            ),
        ));
    }
    if from != TWILIO_PHONE_NUMBER {
        return Err(TwError::bad(
            21210,
            format!(
                "The source phone number provided, {from}, is not yet verified for your \
                 account. You may only make calls from phone numbers that you've verified or \
                 purchased from Twilio."
            ),
        ));
    }
    if to == from {
        return Err(invalid_to(to));
    }
    let twiml = param(p, "Twiml");
    let url = param(p, "Url");
    if param(p, "ApplicationSid").is_some() {
        return Err(TwError::bad(
            21205,
            "The sandbox account has no applications: give 'Url' or 'Twiml'",
        ));
    }
    let (say, language, voice) = match (twiml, url) {
        (None, None) => {
            return Err(TwError::bad(
                21205,
                "Either a 'Url', 'Twiml' or 'ApplicationSid' parameter is required",
            ));
        }
        (Some(_), Some(_)) => {
            return Err(TwError::bad(
                21205,
                "Only one of 'Url', 'Twiml' or 'ApplicationSid' may be given",
            ));
        }
        (Some(twiml), None) => {
            if twiml.chars().count() > MAX_TWIML_CHARS {
                return Err(TwError::bad(
                    32018,
                    "Twiml size exceeded maximum allowed value of 4000 characters",
                ));
            }
            let all = says(twiml)
                .map_err(|why| TwError::bad(12100, format!("Document parse failure: {why}")))?;
            let first = all.first();
            let say = (!all.is_empty()).then(|| {
                all.iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            (
                say,
                first.and_then(|s| s.language.clone()),
                first.and_then(|s| s.voice.clone()),
            )
        }
        (None, Some(url)) => {
            if !is_http_url(url) {
                return Err(TwError::bad(
                    21205,
                    format!("Url is not a valid URL: {url}"),
                ));
            }
            (None, None, None)
        }
    };
    let timeout = match param(p, "Timeout") {
        None => 60,
        Some(t) => t
            .parse::<u32>()
            .ok()
            .filter(|t| (1..=600).contains(t))
            .ok_or_else(|| {
                TwError::bad(20001, "Timeout must be a whole number of seconds, 1 to 600")
            })?,
    };
    let status_callback = param(p, "StatusCallback");
    if let Some(cb) = status_callback
        && !is_http_url(cb)
    {
        return Err(TwError::bad(21502, format!("Invalid callback url: {cb}")));
    }
    if let Some(md) = param(p, "MachineDetection")
        && !matches!(md, "Enable" | "DetectMessageEnd")
    {
        return Err(TwError::bad(
            20001,
            "MachineDetection must be Enable or DetectMessageEnd",
        ));
    }
    let call = CallRecord {
        sid: new_sid("CA"),
        to: to.to_string(),
        from: from.to_string(),
        twiml: twiml.map(str::to_string),
        url: url.map(str::to_string),
        say,
        language,
        voice,
        timeout,
        status_callback: status_callback.map(str::to_string),
        status: "queued",
        ends: st.outcome(to).call,
        created: now,
        updated: now,
        started: None,
        answered: None,
        ended: None,
    };
    let v = call_resource(&call);
    st.calls.push(call);
    st.stats.calls += 1;
    Ok(v)
}

fn create_message(
    st: &mut TwilioState,
    p: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<Value, TwError> {
    let to =
        param(p, "To").ok_or_else(|| TwError::bad(21604, "A 'To' phone number is required."))?;
    let from = param(p, "From");
    let service = param(p, "MessagingServiceSid");
    if from.is_none() && service.is_none() {
        return Err(TwError::bad(21603, "A 'From' phone number is required."));
    }
    if param(p, "MediaUrl").is_some() {
        return Err(TwError::bad(
            20001,
            "The sandbox does not send media: give a 'Body' only",
        ));
    }
    let body = param(p, "Body").ok_or_else(|| TwError::bad(21602, "Message body is required."))?;
    check_to(st, to)?;
    if let Some(from) = from {
        if !is_e164(from) {
            return Err(TwError::bad(
                21212,
                format!(
                    "The 'From' number {from} is not a valid phone number, shortcode, or \
                     alphanumeric sender ID."
                ),
            ));
        }
        if from != TWILIO_PHONE_NUMBER {
            return Err(TwError::bad(
                21606,
                format!(
                    "The From phone number {from} is not a valid, SMS-capable inbound phone \
                     number or short code for your account."
                ),
            ));
        }
    }
    if let Some(sid) = service
        && sid != TWILIO_MESSAGING_SERVICE_SID
    {
        return Err(TwError::bad(
            21701,
            format!("The Messaging Service Sid {sid} is invalid."),
        ));
    }
    if to == from.unwrap_or(TWILIO_PHONE_NUMBER) {
        return Err(TwError::bad(
            21266,
            format!("'To' and 'From' number cannot be the same: {to}"),
        ));
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(TwError::bad(
            21617,
            "The concatenated message body exceeds the 1600 character limit.",
        ));
    }
    let msg = MessageRecord {
        sid: new_sid("SM"),
        to: to.to_string(),
        from: from.map(str::to_string),
        messaging_service_sid: service.map(str::to_string),
        body: body.to_string(),
        status: if from.is_some() { "queued" } else { "accepted" },
        ends: st.outcome(to).message,
        end_code: st.outcome(to).error_code,
        created: now,
        updated: now,
        sent: None,
    };
    let v = message_resource(&msg);
    st.messages.push(msg);
    st.stats.messages += 1;
    Ok(v)
}

/// Twilio's date form: `Tue, 03 Mar 2026 09:15:00 +0000`.
pub(crate) fn date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

pub(crate) fn account_uri(rest: &str) -> String {
    format!("{API}/Accounts/{TWILIO_ACCOUNT_SID}{rest}")
}

fn account_resource(now: DateTime<Utc>) -> Value {
    let created = date(now - chrono::Duration::days(400));
    json!({
        "sid": TWILIO_ACCOUNT_SID,
        "owner_account_sid": TWILIO_ACCOUNT_SID,
        "friendly_name": "RenOS Sandbox",
        "status": "active",
        "type": "Full",
        "auth_token": super::TWILIO_AUTH_TOKEN,
        "date_created": created,
        "date_updated": created,
        "uri": account_uri(".json"),
        "subresource_uris": {
            "calls": account_uri("/Calls.json"),
            "messages": account_uri("/Messages.json"),
        },
    })
}

pub(crate) fn call_resource(c: &CallRecord) -> Value {
    let duration = c.duration().map(|d| d.to_string());
    let uri = account_uri(&format!("/Calls/{}.json", c.sid));
    json!({
        "sid": c.sid,
        "account_sid": TWILIO_ACCOUNT_SID,
        "api_version": "2010-04-01",
        "to": c.to,
        "to_formatted": c.to,
        "from": c.from,
        "from_formatted": c.from,
        "status": c.status,
        "direction": "outbound-api",
        "answered_by": null,
        "caller_name": null,
        "forwarded_from": null,
        "parent_call_sid": null,
        "phone_number_sid": null,
        "group_sid": null,
        "trunk_sid": null,
        "annotation": null,
        "queue_time": "0",
        "price": null,
        "price_unit": "USD",
        "duration": duration,
        "start_time": c.started.map(date),
        "end_time": c.ended.map(date),
        "date_created": date(c.created),
        "date_updated": date(c.updated),
        "uri": uri,
        "subresource_uris": {
            "notifications": account_uri(&format!("/Calls/{}/Notifications.json", c.sid)),
            "recordings": account_uri(&format!("/Calls/{}/Recordings.json", c.sid)),
        },
    })
}

pub(crate) fn message_resource(m: &MessageRecord) -> Value {
    let (error_code, error_message) = match m.error_code() {
        Some(code) => (json!(code), json!(super::records::error_message(code))),
        None => (Value::Null, Value::Null),
    };
    json!({
        "sid": m.sid,
        "account_sid": TWILIO_ACCOUNT_SID,
        "api_version": "2010-04-01",
        "to": m.to,
        "from": m.from,
        "messaging_service_sid": m.messaging_service_sid,
        "body": m.body,
        "status": m.status,
        "direction": "outbound-api",
        "num_segments": segments(&m.body).to_string(),
        "num_media": "0",
        "price": null,
        "price_unit": "USD",
        "error_code": error_code,
        "error_message": error_message,
        "date_created": date(m.created),
        "date_updated": date(m.updated),
        "date_sent": m.sent.map(date),
        "uri": account_uri(&format!("/Messages/{}.json", m.sid)),
        "subresource_uris": {
            "media": account_uri(&format!("/Messages/{}/Media.json", m.sid)),
        },
    })
}

/// GSM 03.38 basic set (one septet each).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡\
                         ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// GSM 03.38 extension (an escape and a septet each).
const GSM_EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// SMS segments: GSM-7 when every character has a septet (160 in one, 153
/// per part), else UCS-2 (70, 67 per part, in UTF-16 units).
fn segments(body: &str) -> usize {
    let septets: Option<usize> = body
        .chars()
        .map(|c| {
            if GSM_BASIC.contains(c) {
                Some(1)
            } else if GSM_EXTENSION.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    let (units, single, part) = match septets {
        Some(n) => (n, 160, 153),
        None => (body.encode_utf16().count(), 70, 67),
    };
    if units <= single {
        1
    } else {
        units.div_ceil(part)
    }
}

#[cfg(test)]
mod tests;
