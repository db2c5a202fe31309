//! What goes wrong on purpose, and the gate every calendar API call passes:
//! latency, dropped connections, rate limits, server errors, then the
//! access token check.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::google::{ApiError, Caller, Google};
use super::net::ConnHandle;

/// Faults the calendar API shows; `set_faults` replaces the whole set.
///
/// Each call takes at most one counted fault, in this order: `drop_before`,
/// `rate_limit`, `server_error`, `drop_after`; so `rate_limit: 2,
/// server_error: 1` answers 429, 429, 500, then normally.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// The next N calendar API calls answer a rate limit (not processed).
    pub rate_limit: u32,
    /// Answer 403 `userRateLimitExceeded` instead of 429 `rateLimitExceeded`.
    pub rate_limit_403: bool,
    /// Add a Retry-After header to rate-limit answers.
    pub retry_after_secs: Option<u64>,
    /// The next N calls answer 500 `backendError` (not processed).
    pub server_error: u32,
    /// The next N calls: the connection is dropped, the request not processed.
    pub drop_before: u32,
    /// The next N calls: processed and committed, then the answer is lost
    /// (the connection breaks mid-answer).
    pub drop_after: u32,
    /// Every calendar call waits this long first.
    pub latency_ms: u64,
    /// One-shot: every access token issued so far becomes invalid (401) now.
    pub expire_tokens: bool,
    /// One-shot: every sync token issued so far answers 410 `fullSyncRequired`.
    pub invalidate_sync_tokens: bool,
    /// List pages hold fewer items than maxResults (some none) but still
    /// carry nextPageToken; the last page is then always empty.
    pub short_pages: bool,
}

/// Calendar API requests served, faulted ones included, and token requests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stats {
    pub token: u64,
    pub list: u64,
    pub get: u64,
    pub insert: u64,
    pub patch: u64,
    pub update: u64,
    pub delete: u64,
}

impl Stats {
    /// Every calendar API call (all but token requests).
    pub fn calendar_calls(&self) -> u64 {
        self.list + self.get + self.insert + self.patch + self.update + self.delete
    }

    fn count(&mut self, kind: CallKind) {
        let n = match kind {
            CallKind::List => &mut self.list,
            CallKind::Get => &mut self.get,
            CallKind::Insert => &mut self.insert,
            CallKind::Patch => &mut self.patch,
            CallKind::Update => &mut self.update,
            CallKind::Delete => &mut self.delete,
        };
        *n += 1;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CallKind {
    List,
    Get,
    Insert,
    Patch,
    Update,
    Delete,
}

impl CallKind {
    /// `/calendar/v3/calendars/{cal}/events[/{id}]` by method.
    fn of(method: &Method, path: &str) -> Option<CallKind> {
        let rest = path.strip_prefix("/calendar/v3/calendars/")?;
        let segs: Vec<&str> = rest.split('/').collect();
        let item = match segs.as_slice() {
            [_, "events"] => false,
            [_, "events", id] if !id.is_empty() => true,
            _ => return None,
        };
        Some(match (method.as_str(), item) {
            ("GET", false) => CallKind::List,
            ("POST", false) => CallKind::Insert,
            ("GET", true) => CallKind::Get,
            ("PATCH", true) => CallKind::Patch,
            ("PUT", true) => CallKind::Update,
            ("DELETE", true) => CallKind::Delete,
            _ => return None,
        })
    }
}

/// The fault one call gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    DropBefore,
    RateLimit {
        status_403: bool,
        retry_after: Option<u64>,
    },
    ServerError,
    DropAfter,
}

impl Faults {
    /// Takes the fault for the next call, if any, decrementing its counter.
    fn take(&mut self) -> Option<Fault> {
        Some(
            match take_counted(
                &mut self.drop_before,
                &mut self.rate_limit,
                &mut self.server_error,
                &mut self.drop_after,
            )? {
                Counted::DropBefore => Fault::DropBefore,
                Counted::RateLimit => Fault::RateLimit {
                    status_403: self.rate_limit_403,
                    retry_after: self.retry_after_secs,
                },
                Counted::ServerError => Fault::ServerError,
                Counted::DropAfter => Fault::DropAfter,
            },
        )
    }
}

/// The counted faults every fake has, taken at most one per call, in this
/// order: the connection dropped, a rate limit, a server error, the answer
/// lost after the change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    DropBefore,
    RateLimit,
    ServerError,
    DropAfter,
}

/// Takes the next counted fault, counting its counter down.
pub(crate) fn take_counted(
    drop_before: &mut u32,
    rate_limit: &mut u32,
    server_error: &mut u32,
    drop_after: &mut u32,
) -> Option<Counted> {
    [
        (drop_before, Counted::DropBefore),
        (rate_limit, Counted::RateLimit),
        (server_error, Counted::ServerError),
        (drop_after, Counted::DropAfter),
    ]
    .into_iter()
    .find(|(n, _)| **n > 0)
    .map(|(n, kind)| {
        *n -= 1;
        kind
    })
}

/// Does a fault restricted to paths containing `fail_on` apply to `path`?
pub(crate) fn applies(fail_on: Option<&str>, path: &str) -> bool {
    fail_on.is_none_or(|text| path.contains(text))
}

/// Installs a fault set: the one-shots act now and are not kept.
pub(crate) fn install(google: &Google, mut faults: Faults) {
    let mut st = google.lock();
    if std::mem::take(&mut faults.expire_tokens) {
        st.tokens.clear();
    }
    if std::mem::take(&mut faults.invalidate_sync_tokens) {
        st.generation += 1;
    }
    st.faults = faults;
}

/// The gate in front of every calendar API route.
pub(crate) async fn gate(
    State(google): State<Arc<Google>>,
    mut req: Request,
    next: Next,
) -> Response {
    let kind = CallKind::of(req.method(), req.uri().path());
    let latency = {
        let mut st = google.lock();
        if let Some(kind) = kind {
            st.stats.count(kind);
        }
        st.faults.latency_ms
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let fault = google.lock().faults.take();
    let conn = req
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|c| c.0.clone());
    if fault.is_some() {
        tracing::debug!(?fault, path = req.uri().path(), "sandbox fault");
    }
    match fault {
        Some(Fault::DropBefore) => return dropped(conn),
        Some(Fault::RateLimit {
            status_403,
            retry_after,
        }) => {
            let mut e = if status_403 {
                ApiError::new(
                    403,
                    "usageLimits",
                    "userRateLimitExceeded",
                    "Rate Limit Exceeded",
                )
            } else {
                ApiError::new(
                    429,
                    "usageLimits",
                    "rateLimitExceeded",
                    "Rate Limit Exceeded",
                )
            };
            e.retry_after = retry_after;
            return e.into_response();
        }
        Some(Fault::ServerError) => {
            return ApiError::new(500, "global", "backendError", "Backend Error").into_response();
        }
        Some(Fault::DropAfter) | None => {}
    }

    let caller = bearer(&req).and_then(|token| {
        let st = google.lock();
        st.tokens
            .get(token)
            .filter(|t| t.expires > Instant::now())
            .map(|t| t.subject.clone())
    });
    let Some(caller) = caller else {
        return ApiError::new(401, "global", "authError", "Invalid Credentials").into_response();
    };
    req.extensions_mut().insert(Caller(caller));
    let resp = next.run(req).await;
    if fault == Some(Fault::DropAfter) {
        return broken_answer(conn, resp).await;
    }
    resp
}

fn bearer(req: &Request) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

/// No answer at all: the connection is closed under the request.
pub(crate) fn dropped(conn: Option<ConnHandle>) -> Response {
    if let Some(conn) = conn {
        conn.kill();
    }
    // Should the connection outlive the kill, the body fails before any byte.
    Response::new(Body::from_stream(futures::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped"))
    })))
}

/// The headers and part of the body go out, then the connection breaks.
pub(crate) async fn broken_answer(conn: Option<ConnHandle>, resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    if bytes.is_empty() {
        // Nothing to cut in half (a 204): the answer is lost whole.
        return dropped(conn);
    }
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let half = bytes.slice(..bytes.len() / 2);
    let stream = futures::stream::unfold(0u8, move |step| {
        let half = half.clone();
        let conn = conn.clone();
        async move {
            match step {
                0 => Some((Ok(half), 1)),
                1 => {
                    // Let the head and the first half reach the client.
                    tokio::time::sleep(Duration::from_millis(30)).await;
                    if let Some(conn) = &conn {
                        conn.kill();
                    }
                    Some((Err(std::io::Error::other("connection broken")), 2))
                }
                _ => None,
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_kinds() {
        let p = "/calendar/v3/calendars/renos@renos.test/events";
        assert_eq!(CallKind::of(&Method::GET, p), Some(CallKind::List));
        assert_eq!(CallKind::of(&Method::POST, p), Some(CallKind::Insert));
        let p = "/calendar/v3/calendars/renos%40renos.test/events/abcde";
        assert_eq!(CallKind::of(&Method::GET, p), Some(CallKind::Get));
        assert_eq!(CallKind::of(&Method::PATCH, p), Some(CallKind::Patch));
        assert_eq!(CallKind::of(&Method::PUT, p), Some(CallKind::Update));
        assert_eq!(CallKind::of(&Method::DELETE, p), Some(CallKind::Delete));
        assert_eq!(CallKind::of(&Method::POST, p), None);
        assert_eq!(CallKind::of(&Method::GET, "/token"), None);
    }

    #[test]
    fn faults_are_taken_one_per_call_in_order() {
        let mut f = Faults {
            rate_limit: 2,
            server_error: 1,
            drop_after: 1,
            drop_before: 1,
            ..Faults::default()
        };
        let taken: Vec<_> = std::iter::from_fn(|| f.take()).collect();
        assert_eq!(taken.len(), 5);
        assert_eq!(taken[0], Fault::DropBefore);
        assert!(matches!(taken[1], Fault::RateLimit { .. }));
        assert!(matches!(taken[2], Fault::RateLimit { .. }));
        assert_eq!(taken[3], Fault::ServerError);
        assert_eq!(taken[4], Fault::DropAfter);
        assert_eq!(f, Faults::default());
    }

    #[test]
    fn faults_json_defaults() {
        let f: Faults = serde_json::from_str(r#"{"rate_limit": 3}"#).expect("json");
        assert_eq!(f.rate_limit, 3);
        assert!(!f.short_pages);
        let s = Stats {
            list: 2,
            token: 5,
            delete: 1,
            ..Stats::default()
        };
        assert_eq!(s.calendar_calls(), 3);
    }
}
