//! [`TwilioClient`]: one HTTP request per call, form-encoded, with HTTP
//! Basic auth. No retries here: the alert outbox decides when to try again,
//! and looks (`list.rs`) before it places a call again, as Twilio has no
//! idempotency key.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use reqwest::header::{ACCEPT, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::types::{
    AccessKind, AccessRefusal, Placed, RequestKind, RequestRefusal, TwilioError, TwilioSettings,
    is_account_sid, is_e164,
};
use crate::providers::body::BodyError;
use crate::providers::network::{self, FaultKind, NetworkFault, Service};
use crate::providers::retry::{clip, parse_retry_after};

/// The longest inline TwiML Twilio takes (error 32018 above it).
pub const MAX_TWIML_CHARS: usize = 4000;
/// The longest message body Twilio takes (error 21617 above it).
pub const MAX_BODY_CHARS: usize = 1600;

const API_VERSION: &str = "2010-04-01";
const USER_AGENT: &str = concat!("renos/", env!("CARGO_PKG_VERSION"));

/// A Twilio REST API client for one account and one sending number.
/// Clones share their HTTP connections and request counter.
#[derive(Clone)]
pub struct TwilioClient {
    settings: TwilioSettings,
    http: reqwest::Client,
    requests: Arc<AtomicU64>,
}

impl fmt::Debug for TwilioClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TwilioClient")
            .field("settings", &self.settings)
            .field("requests", &self.requests())
            .finish_non_exhaustive()
    }
}

impl TwilioClient {
    /// Checks the settings and builds the HTTP client; no request is made
    /// (see [`TwilioClient::account`] for a credentials check).
    ///
    /// An Account SID that is not `AC` + 32 hex digits or an empty token is
    /// `Auth`; a bad base URL, a `from` that is not E.164 or a zero timeout
    /// is `Refused` with status 0.
    pub fn new(settings: TwilioSettings) -> Result<TwilioClient, TwilioError> {
        crate::providers::install_crypto_provider();
        let settings = normalised(settings);
        let unusable = |kind: RequestKind, text: String| TwilioError::Refused {
            status: 0,
            code: None,
            message: RequestRefusal::new(kind, text),
        };
        network::check_base_url(&settings.base_url, true).map_err(|why| {
            let text = clip(&format!(
                "the Twilio base URL `{}` {why}",
                settings.base_url
            ));
            let url = settings.base_url.clone();
            unusable(RequestKind::BadBaseUrl { url, why }, text)
        })?;
        if !is_account_sid(&settings.account_sid) {
            return Err(TwilioError::Auth(AccessRefusal::new(
                AccessKind::BadSid,
                "TWILIO_ACCOUNT_SID is not an Account SID: it must be AC followed by 32 hex \
                 digits, as shown on the Twilio console's dashboard",
            )));
        }
        if settings.auth_token.is_empty() {
            return Err(TwilioError::Auth(AccessRefusal::new(
                AccessKind::NoToken,
                "TWILIO_AUTH_TOKEN is empty: copy the account's auth token from the Twilio console",
            )));
        }
        if !is_e164(&settings.from) {
            let text = clip(&format!(
                "TWILIO_PHONE_NUMBER `{}` is not a number in E.164 form (e.g. +4570000000)",
                settings.from
            ));
            let number = settings.from.clone();
            return Err(unusable(RequestKind::SenderNotE164 { number }, text));
        }
        if settings.timeout.is_zero() {
            let text = "the Twilio timeout is zero".to_string();
            return Err(unusable(RequestKind::ZeroTimeout, text));
        }
        let http = http_client(settings.timeout)?;
        Ok(TwilioClient {
            settings,
            http,
            requests: Arc::new(AtomicU64::new(0)),
        })
    }

    /// The settings in use (trimmed, the base URL ending with `/`).
    pub fn settings(&self) -> &TwilioSettings {
        &self.settings
    }

    /// Places a call to `to` that runs `twiml` (see
    /// [`say_twiml`](super::say_twiml)). One attempt; TwiML over 4000
    /// characters is refused (code 32018) without a request.
    pub async fn call(&self, to: &str, twiml: &str) -> Result<Placed, TwilioError> {
        let chars = twiml.chars().count();
        if chars > MAX_TWIML_CHARS {
            return Err(TwilioError::Refused {
                status: 0,
                code: Some(32018),
                message: RequestRefusal::new(
                    RequestKind::TwimlTooLong {
                        chars,
                        max: MAX_TWIML_CHARS,
                    },
                    format!(
                        "the TwiML is {chars} characters long; Twilio takes at most \
                         {MAX_TWIML_CHARS}"
                    ),
                ),
            });
        }
        let path = self.account_path("/Calls.json");
        let form = [
            ("To", to),
            ("From", self.settings.from.as_str()),
            ("Twiml", twiml),
        ];
        let v = self.request(Method::POST, &path, Some(&form)).await?;
        placed(&v, "the call")
    }

    /// Sends `body` as an SMS to `to`. One attempt; a body over 1600
    /// characters is refused (code 21617) without a request.
    pub async fn sms(&self, to: &str, body: &str) -> Result<Placed, TwilioError> {
        let chars = body.chars().count();
        if chars > MAX_BODY_CHARS {
            return Err(TwilioError::Refused {
                status: 0,
                code: Some(21617),
                message: RequestRefusal::new(
                    RequestKind::BodyTooLong {
                        chars,
                        max: MAX_BODY_CHARS,
                    },
                    format!(
                        "the message is {chars} characters long; Twilio takes at most \
                         {MAX_BODY_CHARS}"
                    ),
                ),
            });
        }
        let path = self.account_path("/Messages.json");
        let form = [
            ("To", to),
            ("From", self.settings.from.as_str()),
            ("Body", body),
        ];
        let v = self.request(Method::POST, &path, Some(&form)).await?;
        placed(&v, "the message")
    }

    /// The call's current state. An unknown call is `Refused` 404 (20404).
    pub async fn call_status(&self, call_sid: &str) -> Result<Placed, TwilioError> {
        let path = self.account_path(&format!("/Calls/{}.json", segment(call_sid)));
        let v = self.request(Method::GET, &path, None).await?;
        placed(&v, "the call")
    }

    /// The message's current state: a message Twilio took (201 `queued`)
    /// can still end `undelivered` or `failed`, with an error code. An
    /// unknown message is `Refused` 404 (20404).
    pub async fn message_status(&self, message_sid: &str) -> Result<Placed, TwilioError> {
        let path = self.account_path(&format!("/Messages/{}.json", segment(message_sid)));
        let v = self.request(Method::GET, &path, None).await?;
        placed(&v, "the message")
    }

    /// Reads the account (proves the SID and token): its friendly name.
    pub async fn account(&self) -> Result<String, TwilioError> {
        let path = self.account_path(".json");
        let v = self.request(Method::GET, &path, None).await?;
        v.get("friendly_name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| {
                TwilioError::Network(NetworkFault::unreadable(
                    "no friendly_name",
                    "Twilio's account answer has no friendly_name",
                ))
            })
    }

    /// HTTP requests sent so far (by this client and its clones).
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// `2010-04-01/Accounts/{sid}{rest}` (relative to the base URL).
    pub(super) fn account_path(&self, rest: &str) -> String {
        format!("{API_VERSION}/Accounts/{}{rest}", self.settings.account_sid)
    }

    /// One request; a 2xx answer's JSON, or the error it amounts to.
    pub(super) async fn request(
        &self,
        method: Method,
        path: &str,
        form: Option<&[(&str, &str)]>,
    ) -> Result<Value, TwilioError> {
        let url = format!("{}{path}", self.settings.base_url);
        let mut req = self
            .http
            .request(method.clone(), url)
            .basic_auth(&self.settings.account_sid, Some(&self.settings.auth_token))
            .header(ACCEPT, "application/json");
        if let Some(form) = form {
            req = req.form(form);
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let resp = match req.send().await {
            Ok(resp) => resp,
            Err(e) => {
                tracing::debug!(%method, path, "Twilio: no answer");
                return Err(TwilioError::Network(self.network_fault(&e)));
            }
        };
        let status = resp.status();
        tracing::debug!(%method, path, status = status.as_u16(), "Twilio answered");
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, Utc::now()));
        if !status.is_success() {
            // What can be read of the body; the status alone says enough.
            let body = crate::providers::body::read(resp).await.unwrap_or_default();
            return Err(self.classify(status, &body, retry_after));
        }
        let body = crate::providers::body::read(resp).await.map_err(|e| {
            let status = status.as_u16();
            TwilioError::Network(match e {
                BodyError::Network(e) => {
                    let fault = self.network_fault(&e);
                    let text = format!("Twilio's answer ({status}) broke off: {fault}");
                    let kind = match fault.kind() {
                        timeout @ FaultKind::Timeout { .. } => timeout.clone(),
                        _ => FaultKind::BrokeOff,
                    };
                    NetworkFault::new(kind, fault.detail(), text)
                }
                too_large @ BodyError::TooLarge => NetworkFault::unreadable(
                    too_large.to_string(),
                    format!("Twilio's answer ({status}) could not be read: {too_large}"),
                ),
            })
        })?;
        answer(status, &body)
    }

    /// A refusal as the outbox sees it.
    pub(crate) fn classify(
        &self,
        status: StatusCode,
        body: &[u8],
        retry_after: Option<Duration>,
    ) -> TwilioError {
        let json = serde_json::from_slice::<Value>(body).ok();
        let code = json
            .as_ref()
            .and_then(|v| v.get("code"))
            .and_then(Value::as_u64)
            .and_then(|c| u32::try_from(c).ok());
        let message = json
            .as_ref()
            .and_then(|v| v.get("message"))
            .and_then(Value::as_str)
            .map(|m| self.scrub(&clip(m)))
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| status_text(status));
        let n = status.as_u16();
        let with_code = match code {
            Some(c) => format!("code {c}, {message}"),
            None => message.clone(),
        };
        match n {
            401 => TwilioError::Auth(AccessRefusal::new(
                AccessKind::Refused {
                    code,
                    said: message,
                },
                format!(
                    "Twilio answered 401 ({with_code}): check TWILIO_ACCOUNT_SID and \
                     TWILIO_AUTH_TOKEN (the account's live credentials from the Twilio console)"
                ),
            )),
            403 => TwilioError::Auth(AccessRefusal::new(
                AccessKind::Forbidden {
                    code,
                    said: message,
                },
                format!(
                    "Twilio answered 403 ({with_code}): the account may not do this; check \
                     TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and the account's permissions"
                ),
            )),
            429 => TwilioError::RateLimited { retry_after },
            500..=599 => TwilioError::Server { status: n, message },
            _ => TwilioError::Refused {
                status: n,
                code,
                message: message.into(),
            },
        }
    }

    fn network_fault(&self, e: &reqwest::Error) -> NetworkFault {
        let base = reqwest::Url::parse(&self.settings.base_url).ok();
        let host = base.as_ref().and_then(|u| u.host_str()).unwrap_or_default();
        NetworkFault::of(Service::Twilio, e, host, self.settings.timeout).hiding(|t| self.scrub(t))
    }

    /// The text without the auth token, should anything ever echo it.
    fn scrub(&self, text: &str) -> String {
        let token = &self.settings.auth_token;
        if token.len() >= 8 && text.contains(token.as_str()) {
            text.replace(token.as_str(), "<auth token>")
        } else {
            text.to_string()
        }
    }
}

/// The body of a 2xx answer, which must be JSON.
pub(crate) fn answer(status: StatusCode, body: &[u8]) -> Result<Value, TwilioError> {
    serde_json::from_slice::<Value>(body).map_err(|e| {
        TwilioError::Network(NetworkFault::unreadable(
            e.to_string(),
            format!(
                "Twilio answered {} with something that is not JSON",
                status.as_u16()
            ),
        ))
    })
}

/// The fields of a call or message answer.
pub(crate) fn placed(v: &Value, what: &str) -> Result<Placed, TwilioError> {
    let field = |name: &str| v.get(name).and_then(Value::as_str).unwrap_or_default();
    let (sid, status) = (field("sid"), field("status"));
    if sid.is_empty() || status.is_empty() {
        return Err(TwilioError::Network(NetworkFault::unreadable(
            "no sid or status",
            format!("Twilio's answer for {what} has no sid or status"),
        )));
    }
    Ok(Placed {
        sid: sid.to_string(),
        status: status.to_string(),
        to: field("to").to_string(),
        from: field("from").to_string(),
        // RFC 2822, as every Twilio 2010-04-01 date.
        created: chrono::DateTime::parse_from_rfc2822(field("date_created"))
            .ok()
            .map(|t| t.with_timezone(&Utc)),
        // A number in the spec; a string is taken too, should one come.
        error_code: v.get("error_code").and_then(|c| {
            c.as_u64()
                .or_else(|| c.as_str().and_then(|s| s.parse().ok()))
                .and_then(|c| u32::try_from(c).ok())
        }),
        error_message: Some(field("error_message"))
            .filter(|m| !m.is_empty())
            .map(clip),
    })
}

fn normalised(s: TwilioSettings) -> TwilioSettings {
    let base = s.base_url.trim();
    let base_url = if base.is_empty() {
        super::DEFAULT_BASE_URL.to_string()
    } else if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    };
    TwilioSettings {
        base_url,
        account_sid: s.account_sid.trim().to_string(),
        auth_token: s.auth_token.trim().to_string(),
        from: s.from.trim().to_string(),
        timeout: s.timeout,
    }
}

/// Redirects are not followed (a redirected POST would be resent or
/// turned into a GET). Without usable platform roots the client has none,
/// so loopback HTTP still works.
fn http_client(timeout: Duration) -> Result<reqwest::Client, TwilioError> {
    network::http_client(|| {
        reqwest::Client::builder()
            .timeout(timeout)
            .user_agent(USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
    })
    .map_err(TwilioError::Network)
}

fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

/// One path segment: unreserved characters stay, every other byte is
/// percent-encoded.
pub(super) fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SID: &str = "AC5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e";
    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn settings() -> TwilioSettings {
        TwilioSettings {
            base_url: " http://127.0.0.1:9/twilio ".into(),
            account_sid: format!(" {SID}\n"),
            auth_token: format!("{TOKEN}\n"),
            from: "+4570000000".into(),
            timeout: Duration::from_secs(5),
        }
    }

    fn client() -> TwilioClient {
        TwilioClient::new(settings()).expect("client")
    }

    #[test]
    fn settings_are_normalised() {
        let c = client();
        let s = c.settings();
        assert_eq!(s.base_url, "http://127.0.0.1:9/twilio/");
        assert_eq!(s.account_sid, SID);
        assert_eq!(s.auth_token, TOKEN);
        assert_eq!(
            c.account_path("/Calls.json"),
            format!("2010-04-01/Accounts/{SID}/Calls.json")
        );
        let empty = TwilioClient::new(TwilioSettings {
            base_url: String::new(),
            ..settings()
        })
        .expect("client");
        assert_eq!(empty.settings().base_url, "https://api.twilio.com/");
        assert!(!format!("{c:?}").contains(TOKEN));
    }

    #[test]
    fn bad_settings_are_refused_before_any_request() {
        let e = TwilioClient::new(TwilioSettings {
            account_sid: "SK5a9d0c1e2f3a4b5c6d7e8f9a0b1c2d3e".into(),
            ..settings()
        })
        .expect_err("sid");
        assert!(matches!(&e, TwilioError::Auth(m) if m.contains("TWILIO_ACCOUNT_SID")));
        let e = TwilioClient::new(TwilioSettings {
            auth_token: " ".into(),
            ..settings()
        })
        .expect_err("token");
        assert!(matches!(&e, TwilioError::Auth(m) if m.contains("TWILIO_AUTH_TOKEN")));
        let e = TwilioClient::new(TwilioSettings {
            from: "70000000".into(),
            ..settings()
        })
        .expect_err("from");
        assert!(
            matches!(&e, TwilioError::Refused { status: 0, code: None, message } if message.contains("TWILIO_PHONE_NUMBER")),
            "{e:?}"
        );
        for url in [
            "api.twilio.com",
            "ftp://x/",
            "http://x/?a=1",
            "http://u:p@x/",
        ] {
            let e = TwilioClient::new(TwilioSettings {
                base_url: url.into(),
                ..settings()
            })
            .expect_err(url);
            assert!(
                matches!(&e, TwilioError::Refused { status: 0, .. }),
                "{url}: {e:?}"
            );
        }
        let e = TwilioClient::new(TwilioSettings {
            timeout: Duration::ZERO,
            ..settings()
        })
        .expect_err("timeout");
        assert!(matches!(e, TwilioError::Refused { status: 0, .. }));
    }

    #[test]
    fn refusals_are_sorted() {
        let c = client();
        let body = br#"{"code":21211,"message":"The 'To' number 123 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}"#;
        assert_eq!(
            c.classify(StatusCode::BAD_REQUEST, body, None),
            TwilioError::Refused {
                status: 400,
                code: Some(21211),
                message: "The 'To' number 123 is not a valid phone number.".into()
            }
        );
        let body = br#"{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"#;
        match c.classify(StatusCode::UNAUTHORIZED, body, None) {
            TwilioError::Auth(m) => {
                assert!(m.contains("code 20003, Authenticate"), "{m}");
                assert!(m.contains("TWILIO_AUTH_TOKEN"), "{m}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            c.classify(StatusCode::FORBIDDEN, b"", None),
            TwilioError::Auth(_)
        ));
        assert_eq!(
            c.classify(
                StatusCode::TOO_MANY_REQUESTS,
                b"{}",
                Some(Duration::from_secs(3))
            ),
            TwilioError::RateLimited {
                retry_after: Some(Duration::from_secs(3))
            }
        );
        assert_eq!(
            c.classify(
                StatusCode::BAD_GATEWAY,
                b"<html><body>Bad</body></html>",
                None
            ),
            TwilioError::Server {
                status: 502,
                message: "HTTP 502 Bad Gateway".into()
            }
        );
        assert_eq!(
            c.classify(StatusCode::NOT_FOUND, b"", None),
            TwilioError::Refused {
                status: 404,
                code: None,
                message: "HTTP 404 Not Found".into()
            }
        );
        let echo = format!(r#"{{"code":20001,"message":"bad token {TOKEN}\nx","status":400}}"#);
        match c.classify(StatusCode::BAD_REQUEST, echo.as_bytes(), None) {
            TwilioError::Refused { message, .. } => {
                assert_eq!(message.to_string(), "bad token <auth token> x");
            }
            other => panic!("{other:?}"),
        }
        let long = format!(r#"{{"message":"{}"}}"#, "x".repeat(1000));
        match c.classify(StatusCode::BAD_REQUEST, long.as_bytes(), None) {
            TwilioError::Refused { message, code, .. } => {
                assert_eq!(code, None);
                assert!(message.chars().count() < 400);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn answers_without_a_sid_are_not_placements() {
        let v = serde_json::json!({"sid": "CA1", "status": "queued", "to": "+4512345678", "from": null});
        assert_eq!(
            placed(&v, "x").expect("placed"),
            Placed {
                sid: "CA1".into(),
                status: "queued".into(),
                to: "+4512345678".into(),
                ..Placed::default()
            }
        );
        assert!(matches!(
            placed(&serde_json::json!({"status": "queued"}), "x"),
            Err(TwilioError::Network(_))
        ));
        assert!(matches!(
            placed(&serde_json::json!([]), "x"),
            Err(TwilioError::Network(_))
        ));
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(
            segment("CA0123456789abcdef0123456789abcdef"),
            "CA0123456789abcdef0123456789abcdef"
        );
        assert_eq!(segment("../x?y"), "..%2Fx%3Fy");
    }
}
