//! One HTTP exchange with a CalDAV server: Basic auth, a timeout, an answer
//! read up to the size limit, reads retried on server errors and lost
//! connections, and the statuses every request treats alike (401, 429,
//! 5xx) turned into the seam's errors.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;
use reqwest::header::{CONTENT_TYPE, ETAG, HeaderValue, IF_MATCH, IF_NONE_MATCH, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};

use super::credentials::Credentials;
use crate::providers::body::{self, BodyError};
use crate::providers::calendar::{ProviderError, ProviderResult};
use crate::providers::retry::{RetryPolicy, backoff, clip, jitter_seed, parse_retry_after};

const USER_AGENT: &str = concat!("renos/", env!("CARGO_PKG_VERSION"));

/// The content type of WebDAV request bodies.
pub const XML: &str = "application/xml; charset=utf-8";
/// The content type of calendar objects.
pub const ICALENDAR: &str = "text/calendar; charset=utf-8";

/// One request to make.
pub struct Request<'a> {
    pub method: Method,
    pub url: Url,
    /// The `Depth` header (PROPFIND, REPORT).
    pub depth: Option<&'static str>,
    /// `If-Match`: only if the resource is at this etag.
    pub if_match: Option<&'a str>,
    /// `If-None-Match: *`: only if there is no resource yet.
    pub if_none_match: bool,
    pub body: Option<(String, &'static str)>,
}

impl<'a> Request<'a> {
    pub fn new(method: Method, url: Url) -> Request<'a> {
        Request {
            method,
            url,
            depth: None,
            if_match: None,
            if_none_match: false,
            body: None,
        }
    }

    /// A read: PROPFIND, REPORT, GET. Reads are retried; writes are not
    /// (a write whose answer was lost is found again by the caller).
    fn is_read(&self) -> bool {
        matches!(self.method.as_str(), "PROPFIND" | "REPORT" | "GET")
    }
}

/// A server's answer, whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub etag: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    /// The first words of the body, for a message.
    pub fn excerpt(&self) -> String {
        clip(&String::from_utf8_lossy(
            &self.body[..self.body.len().min(600)],
        ))
    }
}

/// Talks to one CalDAV server as one user.
pub struct Dav {
    http: reqwest::Client,
    credentials: Credentials,
    policy: RetryPolicy,
    requests: AtomicU64,
}

impl Dav {
    pub fn new(credentials: Credentials, policy: RetryPolicy) -> ProviderResult<Dav> {
        crate::providers::install_crypto_provider();
        let builder = || {
            reqwest::Client::builder()
                .timeout(policy.timeout)
                .connect_timeout(policy.timeout)
                .user_agent(USER_AGENT)
        };
        let http = crate::providers::network::http_client(builder)
            .map_err(|f| ProviderError::Transient(f.to_string()))?;
        Ok(Dav {
            http,
            credentials,
            policy,
            requests: AtomicU64::new(0),
        })
    }

    /// Requests sent so far (retries included).
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Sends `req`; any status but 401, 429 and 5xx comes back as an
    /// [`Answer`] for the caller to read.
    pub async fn send(&self, req: &Request<'_>) -> ProviderResult<Answer> {
        let mut attempt = 0;
        loop {
            let (result, retry_after) = self.once(req).await;
            let transient = matches!(result, Err(ProviderError::Transient(_)));
            if !transient || !req.is_read() {
                return result;
            }
            match backoff(&self.policy, attempt, retry_after, jitter_seed()) {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return result,
            }
            attempt += 1;
        }
    }

    async fn once(
        &self,
        req: &Request<'_>,
    ) -> (ProviderResult<Answer>, Option<std::time::Duration>) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut b = self
            .http
            .request(req.method.clone(), req.url.clone())
            .basic_auth(&self.credentials.username, Some(&self.credentials.password));
        if let Some(d) = req.depth {
            b = b.header("Depth", d);
        }
        if let Some(etag) = req.if_match {
            match HeaderValue::from_str(etag) {
                Ok(v) => b = b.header(IF_MATCH, v),
                Err(_) => {
                    let e =
                        ProviderError::BadData(format!("an etag that cannot be sent: {etag:?}"));
                    return (Err(e), None);
                }
            }
        }
        if req.if_none_match {
            b = b.header(IF_NONE_MATCH, "*");
        }
        if let Some((text, kind)) = &req.body {
            b = b.header(CONTENT_TYPE, *kind).body(text.clone());
        }
        let resp = match b.send().await {
            Ok(r) => r,
            Err(e) => {
                let why = if e.is_timeout() {
                    format!("no answer from {} in time", host(&req.url))
                } else {
                    format!("{} cannot be reached ({})", host(&req.url), describe(&e))
                };
                return (Err(ProviderError::Transient(why)), None);
            }
        };
        let status = resp.status();
        let etag = resp
            .headers()
            .get(ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, Utc::now()));
        let body = match body::read(resp).await {
            Ok(b) => b,
            Err(BodyError::TooLarge) => {
                let e =
                    ProviderError::BadData(format!("{}: {}", host(&req.url), BodyError::TooLarge));
                return (Err(e), None);
            }
            Err(BodyError::Network(e)) => {
                let e = ProviderError::Transient(format!(
                    "the answer of {} broke off ({})",
                    host(&req.url),
                    describe(&e)
                ));
                return (Err(e), retry_after);
            }
        };
        let answer = Answer { status, etag, body };
        let result = match status.as_u16() {
            401 => Err(ProviderError::Unauthorised(format!(
                "{} did not accept the password of {:?} (401); check {} and {} or the \
                 credentials file",
                host(&req.url),
                self.credentials.username,
                super::credentials::ENV_USERNAME,
                super::credentials::ENV_PASSWORD,
            ))),
            429 => Err(ProviderError::Transient(format!(
                "{} asks us to slow down (429)",
                host(&req.url)
            ))),
            s if s >= 500 && s != 507 => Err(ProviderError::Transient(format!(
                "{} answered {status}: {}",
                host(&req.url),
                answer.excerpt()
            ))),
            _ => Ok(answer),
        };
        (result, retry_after)
    }
}

/// `host:port` of a URL, for messages (never its credentials).
pub fn host(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => "the CalDAV server".to_string(),
    }
}

/// An error and its causes on one line, clipped.
fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    clip(&crate::providers::network::describe(e))
}

/// What a status no request expects means.
pub fn unexpected(what: &str, answer: &Answer) -> ProviderError {
    let status = answer.status.as_u16();
    match status {
        404 | 410 => ProviderError::NotFound(what.to_string()),
        412 => ProviderError::PreconditionFailed,
        _ => ProviderError::Refused {
            status,
            reason: String::new(),
            message: format!("{what}: {}", answer.excerpt()),
        },
    }
}
