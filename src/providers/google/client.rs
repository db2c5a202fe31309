//! [`GoogleClient`]: list, get and insert through google-calendar3's hub;
//! conditional patch and delete by hand (the hub cannot send `If-Match`),
//! with a token from the same authenticator. Every call is retried on rate
//! limits, server errors and lost connections, and once with a fresh token
//! after a 401.

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use google_calendar3::api::Scope;
use google_calendar3::common::{self, Delegate, Retry};
use google_calendar3::{CalendarHub, Error as HubError};
use reqwest::header::{HeaderValue, IF_MATCH, RETRY_AFTER};

use super::convert;
use super::pace::Pacer;
use super::retry::{Fail, backoff, classify, jitter_seed, parse_retry_after};
use super::settings::{GoogleSettings, RetryPolicy};
use super::transport::{
    self, Auth, Connector, SCOPES, boxed_token_error, check_url, describe, segment, token_error,
};
use super::types::{EventWrite, GoogleError, ListQuery, Page, RemoteEvent};
use crate::providers::network::{NetworkFault, Service};

/// Google's largest page.
const MAX_PAGE: u32 = 2500;

/// Requests a minute, under Google's 600 per minute and user.
pub const DEFAULT_PER_MINUTE: u32 = 500;

/// A Google Calendar v3 client acting as one impersonated user.
pub struct GoogleClient {
    hub: CalendarHub<Connector>,
    auth: Auth,
    http: reqwest::Client,
    /// Ends with `/`.
    base_url: String,
    policy: RetryPolicy,
    requests: AtomicU64,
    pacer: Pacer,
}

impl fmt::Debug for GoogleClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoogleClient")
            .field("base_url", &self.base_url)
            .field("policy", &self.policy)
            .field("requests", &self.requests())
            .finish_non_exhaustive()
    }
}

/// Watches the hub's requests: counts them and keeps the status and
/// `Retry-After` of a refusal (the hub's errors lose both).
struct Observer<'a> {
    requests: &'a AtomicU64,
    status: Option<u16>,
    retry_after: Option<Duration>,
}

impl<'a> Observer<'a> {
    fn new(requests: &'a AtomicU64) -> Observer<'a> {
        Observer {
            requests,
            status: None,
            retry_after: None,
        }
    }
}

impl Delegate for Observer<'_> {
    fn pre_request(&mut self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    fn http_failure(&mut self, resp: &common::Response, _: Option<&serde_json::Value>) -> Retry {
        self.status = Some(resp.status().as_u16());
        self.retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, Utc::now()));
        Retry::Abort
    }
}

impl GoogleClient {
    /// Builds the HTTP clients and the authenticator. No request is made:
    /// a wrong key shows on the first call or in [`GoogleClient::check_auth`]
    /// (a key that is not a PEM private key fails here, as `Auth`).
    pub async fn new(settings: GoogleSettings) -> Result<GoogleClient, GoogleError> {
        transport::install_crypto_provider();
        let settings = settings.normalised();
        if settings.client_email.trim().is_empty() {
            return Err(GoogleError::Auth(
                "the service account has no client e-mail".to_string(),
            ));
        }
        let base = check_url("Google Calendar base URL", &settings.base_url)?;
        check_url("token URI", &settings.token_uri)?;
        let policy = settings.retry;

        let conn = transport::connector()?;
        let auth = transport::authenticator(&settings, conn.clone(), policy.timeout).await?;
        let http = transport::http_client(policy.timeout)?;

        let mut hub = CalendarHub::new(transport::hub_client(conn), auth.clone());
        let mut base_url = base.to_string();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        hub.base_url(base_url.clone());
        hub.root_url(base.join("/").map(|u| u.to_string()).unwrap_or_default());
        hub.user_agent(transport::user_agent());

        Ok(GoogleClient {
            hub,
            auth,
            http,
            base_url,
            policy,
            requests: AtomicU64::new(0),
            pacer: Pacer::new(DEFAULT_PER_MINUTE),
        })
    }

    /// One page of events, cancelled ones and recurring instances included
    /// (`showDeleted=true`, `singleEvents=true`).
    pub async fn list(&self, calendar: &str, q: &ListQuery) -> Result<Page, GoogleError> {
        match self.run(|| self.list_once(calendar, q)).await {
            // A page token that expired or does not fit the query: the
            // caller starts the listing again.
            Err(GoogleError::Refused { status: 400, .. }) if q.page_token.is_some() => {
                Err(GoogleError::BadPageToken)
            }
            other => other,
        }
    }

    pub async fn get(&self, calendar: &str, id: &str) -> Result<RemoteEvent, GoogleError> {
        self.run(|| self.get_once(calendar, id)).await
    }

    /// Insert with a client-chosen id. 409 → `Duplicate` (also after a retry
    /// whose first attempt did arrive: fetch the event then).
    pub async fn insert(
        &self,
        calendar: &str,
        id: &str,
        ev: &EventWrite,
    ) -> Result<RemoteEvent, GoogleError> {
        self.run(|| self.insert_once(calendar, id, ev)).await
    }

    /// PATCH every field of `ev`, with `If-Match` when given (412 → `Stale`).
    pub async fn patch(
        &self,
        calendar: &str,
        id: &str,
        if_match: Option<&str>,
        ev: &EventWrite,
    ) -> Result<RemoteEvent, GoogleError> {
        let body = convert::patch_body(ev);
        let if_match = if_match.map(etag_header).transpose()?;
        self.run(|| self.patch_once(calendar, id, if_match.as_ref(), &body))
            .await
    }

    /// DELETE, with `If-Match` when given. 410 → `Deleted`, 404 →
    /// `NotFound`, 412 → `Stale`.
    pub async fn delete(
        &self,
        calendar: &str,
        id: &str,
        if_match: Option<&str>,
    ) -> Result<(), GoogleError> {
        let if_match = if_match.map(etag_header).transpose()?;
        self.run(|| self.delete_once(calendar, id, if_match.as_ref()))
            .await
    }

    /// Fetches a fresh token: proves the key, the token URI and the
    /// delegation for the calendar scope.
    pub async fn check_auth(&self) -> Result<(), GoogleError> {
        let token = self
            .auth
            .force_refreshed_token(SCOPES)
            .await
            .map_err(|e| token_error(&e))?;
        match token.token() {
            Some(t) if !t.is_empty() => Ok(()),
            _ => Err(GoogleError::Auth(
                "the token endpoint sent no access token".to_string(),
            )),
        }
    }

    /// What the impersonated user may do in `calendar`: read its events
    /// (a 404 means the calendar does not exist or is not shared with the
    /// user), and the access role its calendar list gives (`owner`,
    /// `writer`, `reader`, `freeBusyReader`; `None` when the calendar is
    /// readable but not in the user's list).
    pub async fn probe(&self, calendar: &str) -> Result<Option<String>, GoogleError> {
        let q = ListQuery {
            max_results: Some(1),
            live_only: true,
            ..ListQuery::default()
        };
        self.list(calendar, &q).await?;
        match self.run(|| self.role_once(calendar)).await {
            Ok(role) => Ok(role),
            Err(GoogleError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn role_once(&self, calendar: &str) -> Result<Option<String>, Fail> {
        let cal = segment(calendar);
        let mut obs = Observer::new(&self.requests);
        let call = self
            .hub
            .calendar_list()
            .get(&cal)
            .add_scope(Scope::Full)
            .delegate(&mut obs)
            .doit();
        let answer = tokio::time::timeout(self.policy.timeout, call).await;
        let entry = self.hub_outcome(answer, &obs, &format!("calendar {calendar}"))?;
        Ok(entry.access_role)
    }

    /// Paces requests at `per_minute` (0: not at all) after a burst.
    pub fn set_pace(&mut self, per_minute: u32) {
        self.pacer = Pacer::new(per_minute);
    }

    /// Calendar API requests sent so far, retries included, token requests not.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Runs `attempt` until it succeeds, fails for good, or the retries are
    /// used up. A 401 gets one more try with a freshly fetched token.
    async fn run<T, F, Fut>(&self, mut attempt: F) -> Result<T, GoogleError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Fail>>,
    {
        let mut retries = 0u32;
        let mut refreshed = false;
        loop {
            self.pacer.wait().await;
            let fail = match attempt().await {
                Ok(v) => return Ok(v),
                Err(f) => f,
            };
            match fail {
                Fail::Unauthorized(message) if refreshed => {
                    return Err(GoogleError::Auth(message));
                }
                Fail::Unauthorized(message) => {
                    tracing::info!(
                        "Google did not accept the access token ({message}); fetching a new one"
                    );
                    refreshed = true;
                    self.auth
                        .force_refreshed_token(SCOPES)
                        .await
                        .map_err(|e| token_error(&e))?;
                }
                Fail::Error { error, retry_after } => {
                    if !error.is_transient() {
                        return Err(error);
                    }
                    let Some(wait) = backoff(&self.policy, retries, retry_after, jitter_seed())
                    else {
                        return Err(error);
                    };
                    retries += 1;
                    tracing::info!(
                        "Google Calendar: {error}; retry {retries} of {} in {} ms",
                        self.policy.retries,
                        wait.as_millis()
                    );
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    async fn list_once(&self, calendar: &str, q: &ListQuery) -> Result<Page, Fail> {
        let cal = segment(calendar);
        let mut obs = Observer::new(&self.requests);
        let mut call = self
            .hub
            .events()
            .list(&cal)
            .show_deleted(!q.live_only)
            .single_events(!q.whole_series)
            // Birthdays, out-of-office, focus time, working locations and
            // events from Gmail are never cleaning jobs.
            .add_event_types("default")
            .add_scope(Scope::Full);
        if let Some(t) = q.time_min {
            call = call.time_min(t);
        }
        if let Some(t) = q.time_max {
            call = call.time_max(t);
        }
        for (k, v) in &q.private {
            call = call.add_private_extended_property(&format!("{k}={v}"));
        }
        if let Some(uid) = q.ical_uid.as_deref() {
            call = call.i_cal_uid(uid);
        }
        if let Some(token) = q.sync_token.as_deref() {
            call = call.sync_token(token);
        }
        if let Some(token) = q.page_token.as_deref() {
            call = call.page_token(token);
        }
        if let Some(n) = q.max_results {
            // Within 1..=2500, so the cast cannot wrap.
            call = call.max_results(n.clamp(1, MAX_PAGE) as i32);
        }
        let answer =
            tokio::time::timeout(self.policy.timeout, call.delegate(&mut obs).doit()).await;
        let events = self.hub_outcome(answer, &obs, &format!("calendar {calendar}"))?;
        Ok(convert::page(events))
    }

    async fn get_once(&self, calendar: &str, id: &str) -> Result<RemoteEvent, Fail> {
        let (cal, eid) = (segment(calendar), segment(id));
        let mut obs = Observer::new(&self.requests);
        let call = self
            .hub
            .events()
            .get(&cal, &eid)
            .add_scope(Scope::Full)
            .delegate(&mut obs)
            .doit();
        let answer = tokio::time::timeout(self.policy.timeout, call).await;
        let ev = self.hub_outcome(answer, &obs, &event_name(calendar, id))?;
        Ok(convert::remote_event(ev))
    }

    async fn insert_once(
        &self,
        calendar: &str,
        id: &str,
        w: &EventWrite,
    ) -> Result<RemoteEvent, Fail> {
        let cal = segment(calendar);
        let mut obs = Observer::new(&self.requests);
        let call = self
            .hub
            .events()
            .insert(convert::insert_event(id, w), &cal)
            .add_scope(Scope::Full)
            .delegate(&mut obs)
            .doit();
        let answer = tokio::time::timeout(self.policy.timeout, call).await;
        let ev = self.hub_outcome(answer, &obs, &format!("calendar {calendar}"))?;
        Ok(convert::remote_event(ev))
    }

    /// A hub answer (or its timeout) as a value or a [`Fail`].
    fn hub_outcome<T>(
        &self,
        answer: Result<common::Result<(common::Response, T)>, tokio::time::error::Elapsed>,
        obs: &Observer<'_>,
        what: &str,
    ) -> Result<T, Fail> {
        let result = answer
            .map_err(|_| Fail::network(NetworkFault::timeout(self.policy.timeout).to_string()))?;
        match result {
            Ok((_, value)) => Ok(value),
            Err(HubError::BadRequest(body)) => {
                Err(classify(obs.status, Some(&body), obs.retry_after, what))
            }
            Err(HubError::Failure(resp)) => Err(classify(
                obs.status.or(Some(resp.status().as_u16())),
                None,
                obs.retry_after,
                what,
            )),
            Err(HubError::HttpError(e)) => Err(Fail::network(describe(&e))),
            Err(HubError::Io(e)) => Err(Fail::network(describe(&e))),
            Err(HubError::JsonDecodeError(_, e)) => Err(Fail::network(format!(
                "unreadable answer from Google Calendar ({e})"
            ))),
            Err(HubError::MissingToken(e)) => Err(Fail::error(boxed_token_error(e.as_ref()))),
            Err(other) => Err(Fail::error(GoogleError::Refused {
                status: 0,
                reason: "client".to_string(),
                message: super::retry::clip(&other.to_string()),
            })),
        }
    }

    /// A request of ours that failed, in the words Google's errors have
    /// always had (the system's own).
    fn network_fault(&self, e: &reqwest::Error) -> Fail {
        let base = reqwest::Url::parse(&self.base_url).ok();
        let host = base.as_ref().and_then(|u| u.host_str()).unwrap_or_default();
        let fault = NetworkFault::of(Service::Google, e, host, self.policy.timeout);
        Fail::network(fault.to_string())
    }

    fn event_url(&self, calendar: &str, id: &str) -> String {
        format!(
            "{}calendars/{}/events/{}",
            self.base_url,
            segment(calendar),
            segment(id)
        )
    }

    /// The current access token, fetched when there is none.
    async fn bearer(&self) -> Result<String, Fail> {
        let token = self
            .auth
            .token(SCOPES)
            .await
            .map_err(|e| Fail::error(token_error(&e)))?;
        match token.token() {
            Some(t) if !t.is_empty() => Ok(t.to_string()),
            _ => Err(Fail::error(GoogleError::Auth(
                "the token endpoint sent no access token".to_string(),
            ))),
        }
    }

    async fn patch_once(
        &self,
        calendar: &str,
        id: &str,
        if_match: Option<&HeaderValue>,
        body: &serde_json::Value,
    ) -> Result<RemoteEvent, Fail> {
        let token = self.bearer().await?;
        let mut req = self
            .http
            .patch(self.event_url(calendar, id))
            .bearer_auth(token)
            .json(body);
        if let Some(tag) = if_match {
            req = req.header(IF_MATCH, tag.clone());
        }
        let resp = self.send(req, &event_name(calendar, id)).await?;
        let bytes = resp.bytes().await.map_err(|e| self.network_fault(&e))?;
        let ev: google_calendar3::api::Event = serde_json::from_slice(&bytes)
            .map_err(|e| Fail::network(format!("unreadable answer from Google Calendar ({e})")))?;
        Ok(convert::remote_event(ev))
    }

    async fn delete_once(
        &self,
        calendar: &str,
        id: &str,
        if_match: Option<&HeaderValue>,
    ) -> Result<(), Fail> {
        let token = self.bearer().await?;
        let mut req = self
            .http
            .delete(self.event_url(calendar, id))
            .bearer_auth(token);
        if let Some(tag) = if_match {
            req = req.header(IF_MATCH, tag.clone());
        }
        let resp = self.send(req, &event_name(calendar, id)).await?;
        // The body (empty in practice) is read so the connection can be reused.
        let _ = resp.bytes().await;
        Ok(())
    }

    /// Sends one request; a non-2xx answer becomes a [`Fail`].
    async fn send(
        &self,
        req: reqwest::RequestBuilder,
        what: &str,
    ) -> Result<reqwest::Response, Fail> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let resp = req.send().await.map_err(|e| self.network_fault(&e))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(resp);
        }
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, Utc::now()));
        let body = resp
            .bytes()
            .await
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        Err(classify(
            Some(status.as_u16()),
            body.as_ref(),
            retry_after,
            what,
        ))
    }
}

fn event_name(calendar: &str, id: &str) -> String {
    format!("event {id} in calendar {calendar}")
}

/// An etag as a header value; one that cannot be sent is refused up front.
fn etag_header(tag: &str) -> Result<HeaderValue, GoogleError> {
    HeaderValue::from_str(tag).map_err(|_| GoogleError::Refused {
        status: 0,
        reason: "invalidEtag".to_string(),
        message: "the etag cannot be sent as an If-Match header".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";

    fn settings(base: &str) -> GoogleSettings {
        GoogleSettings::new(
            "sa@example.iam.gserviceaccount.com",
            KEY,
            Some("http://127.0.0.1:9/token"),
            Some("ops@renos.dk".into()),
            Some(base),
        )
    }

    #[test]
    fn etags_with_line_breaks_are_refused() {
        assert!(etag_header("\"3181161784712000\"").is_ok());
        assert!(matches!(
            etag_header("a\nb"),
            Err(GoogleError::Refused { status: 0, .. })
        ));
    }

    #[tokio::test]
    async fn a_key_that_is_not_a_key_is_an_auth_error_without_the_key() {
        let e = GoogleClient::new(settings("http://127.0.0.1:9/calendar/v3/"))
            .await
            .expect_err("bad key");
        match e {
            GoogleError::Auth(msg) => assert!(!msg.contains("AAAA"), "{msg}"),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn a_bad_base_url_is_refused() {
        let e = GoogleClient::new(settings("no url"))
            .await
            .expect_err("bad url");
        assert!(matches!(e, GoogleError::Refused { status: 0, .. }), "{e:?}");
    }

    fn assert_send<T: Send>(_: &T) {}

    #[allow(dead_code)]
    fn futures_are_send(c: &GoogleClient, w: &EventWrite) {
        assert_send(&c.list("c", &ListQuery::default()));
        assert_send(&c.get("c", "i"));
        assert_send(&c.insert("c", "i", w));
        assert_send(&c.patch("c", "i", None, w));
        assert_send(&c.delete("c", "i", None));
        assert_send(&c.check_auth());
    }
}
