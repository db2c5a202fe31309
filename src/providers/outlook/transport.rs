//! One exchange with Microsoft Graph: the access token (fetched, cached,
//! renewed once when Graph calls it expired), a timeout, an answer read up
//! to the size limit, 429 retried after `Retry-After` (bounded by the retry
//! policy), reads retried on server errors and lost connections.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::Utc;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, IF_MATCH, RETRY_AFTER};
use reqwest::{Method, Url};
use serde_json::Value;

use super::auth::{self, OutlookCredentials, Token};
use crate::providers::body::{self, BodyError};
use crate::providers::calendar::{ProviderError, ProviderResult};
use crate::providers::retry::{RetryPolicy, backoff, clip, jitter_seed, parse_retry_after};

const USER_AGENT: &str = concat!("renos/", env!("CARGO_PKG_VERSION"));

/// One request to make.
pub(super) struct Call<'a> {
    pub method: Method,
    pub url: Url,
    pub if_match: Option<&'a str>,
    pub body: Option<Value>,
    /// `Prefer` preferences (`odata.maxpagesize=…`, `outlook.timezone=…`).
    pub prefer: Vec<String>,
}

impl<'a> Call<'a> {
    pub fn new(method: Method, url: Url) -> Call<'a> {
        Call {
            method,
            url,
            if_match: None,
            body: None,
            prefer: vec!["outlook.timezone=\"UTC\"".to_string()],
        }
    }
}

/// Graph's answer, whole.
#[derive(Debug)]
pub(super) struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> ProviderResult<Value> {
        serde_json::from_slice(&self.body).map_err(|e| {
            ProviderError::BadData(format!("Graph sent JSON that cannot be read ({e})"))
        })
    }

    /// Graph's error code (`{"error": {"code": …}}`), if any.
    pub fn code(&self) -> Option<String> {
        let v: Value = serde_json::from_slice(&self.body).ok()?;
        v["error"]["code"].as_str().map(str::to_string)
    }

    /// Graph's error message, clipped, for a sentence.
    pub fn message(&self) -> String {
        let v: Option<Value> = serde_json::from_slice(&self.body).ok();
        match v.as_ref().and_then(|v| v["error"]["message"].as_str()) {
            Some(m) => clip(m),
            None => clip(&String::from_utf8_lossy(
                &self.body[..self.body.len().min(300)],
            )),
        }
    }
}

/// Talks to Graph as one app.
pub(super) struct Transport {
    http: reqwest::Client,
    creds: OutlookCredentials,
    login: String,
    policy: RetryPolicy,
    token: tokio::sync::Mutex<Option<Token>>,
    requests: AtomicU64,
}

impl Transport {
    pub fn new(
        creds: OutlookCredentials,
        login: String,
        policy: RetryPolicy,
    ) -> ProviderResult<Transport> {
        crate::providers::install_crypto_provider();
        let builder = || {
            reqwest::Client::builder()
                .timeout(policy.timeout)
                .connect_timeout(policy.timeout)
                .user_agent(USER_AGENT)
                // A link Graph sends is followed by us, checked, not by a redirect.
                .redirect(reqwest::redirect::Policy::none())
        };
        let http = crate::providers::network::http_client(builder)
            .map_err(|f| ProviderError::Transient(f.to_string()))?;
        Ok(Transport {
            http,
            creds,
            login,
            policy,
            token: tokio::sync::Mutex::new(None),
            requests: AtomicU64::new(0),
        })
    }

    /// Requests sent so far (token requests and retries included).
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// A valid access token: the cached one, or a new one.
    async fn token(&self, renew: bool) -> ProviderResult<String> {
        let mut cached = self.token.lock().await;
        if !renew
            && let Some(t) = cached.as_ref()
            && t.renew_at > Instant::now()
        {
            return Ok(t.value.clone());
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let t = auth::fetch(&self.http, &self.login, &self.creds).await?;
        let value = t.value.clone();
        *cached = Some(t);
        Ok(value)
    }

    /// Sends `call`; every status but 401, 429 and 5xx comes back as an
    /// [`Answer`]. A write is retried only after a 429 (Graph did not take
    /// it); a write whose answer was lost is found again by the caller.
    pub async fn send(&self, call: &Call<'_>) -> ProviderResult<Answer> {
        let read = call.method == Method::GET;
        let mut attempt = 0;
        let mut renewed = false;
        loop {
            let token = self.token(false).await?;
            let (result, retry_after) = self.once(call, &token).await;
            let retry = match &result {
                Ok(a) if a.status == 401 && !renewed => {
                    // Expired or revoked early: one new token, then again.
                    renewed = true;
                    *self.token.lock().await = None;
                    continue;
                }
                Ok(a) if a.status == 401 => {
                    return Err(ProviderError::Unauthorised(format!(
                        "Graph refused the app's access token ({})",
                        a.message()
                    )));
                }
                Ok(a) if a.status == 429 => true,
                Ok(a) if a.status >= 500 => read,
                Ok(_) => return result,
                Err(ProviderError::Transient(_)) => read,
                Err(_) => return result,
            };
            let wait = if retry {
                backoff(&self.policy, attempt, retry_after, jitter_seed())
            } else {
                None
            };
            match wait {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return result.and_then(transient_status),
            }
            attempt += 1;
        }
    }

    async fn once(
        &self,
        call: &Call<'_>,
        token: &str,
    ) -> (ProviderResult<Answer>, Option<std::time::Duration>) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut b = self
            .http
            .request(call.method.clone(), call.url.clone())
            .header(AUTHORIZATION, format!("Bearer {token}"));
        if let Some(etag) = call.if_match {
            b = b.header(IF_MATCH, etag);
        }
        for p in &call.prefer {
            b = b.header("Prefer", p);
        }
        if let Some(body) = &call.body {
            b = b
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        let host = host(&call.url);
        let resp = match b.send().await {
            Ok(r) => r,
            Err(e) => {
                let why = if e.is_timeout() {
                    format!("no answer from {host} in time")
                } else if e.is_builder() {
                    return (
                        Err(ProviderError::BadData(format!(
                            "a request to {host} that cannot be sent"
                        ))),
                        None,
                    );
                } else {
                    format!("{host} cannot be reached")
                };
                return (Err(ProviderError::Transient(why)), None);
            }
        };
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, Utc::now()));
        match body::read(resp).await {
            Ok(body) => (Ok(Answer { status, body }), retry_after),
            Err(BodyError::TooLarge) => (
                Err(ProviderError::BadData(format!(
                    "{host}: {}",
                    BodyError::TooLarge
                ))),
                None,
            ),
            Err(BodyError::Network(_)) => (
                Err(ProviderError::Transient(format!(
                    "the answer of {host} broke off"
                ))),
                retry_after,
            ),
        }
    }
}

/// A 429 or 5xx left after the retries, as the seam's error.
fn transient_status(a: Answer) -> ProviderResult<Answer> {
    match a.status {
        429 => Err(ProviderError::Transient(
            "Microsoft Graph asks us to slow down (429)".to_string(),
        )),
        s if s >= 500 => Err(ProviderError::Transient(format!(
            "Microsoft Graph answered {s}: {}",
            a.message()
        ))),
        _ => Ok(a),
    }
}

/// `host:port` of a URL, for messages (never a token or query).
pub(super) fn host(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => "Microsoft Graph".to_string(),
    }
}
