//! The gate every calendar API call passes: counted, delayed, faulted on
//! purpose, then the access token checked.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::faults::{CallKind, Fault};
use super::state::{Caller, Google, GoogleState};
use crate::sandbox::faults::{broken_answer, dropped};
use crate::sandbox::net::ConnHandle;

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
    if let Err(e) = take_quota(&mut google.lock(), &caller, Instant::now()) {
        return e.into_response();
    }
    req.extensions_mut().insert(Caller(caller));
    let resp = next.run(req).await;
    if fault == Some(Fault::DropAfter) {
        return broken_answer(conn, resp).await;
    }
    resp
}

/// Usage limits per user, calculated over a sliding minute
/// (<https://developers.google.com/calendar/api/guides/quota>): a call over
/// the budget is refused and not counted against it; a sustained
/// `quotaExceeded` window refuses everything.
fn take_quota(st: &mut GoogleState, caller: &str, now: Instant) -> Result<(), ApiError> {
    if st.quota_until.is_some_and(|until| now < until) {
        st.stats.quota_refused += 1;
        return Err(ApiError::new(
            403,
            "usageLimits",
            "quotaExceeded",
            "Calendar usage limits exceeded.",
        ));
    }
    let Some(budget) = st.faults.quota_per_minute else {
        return Ok(());
    };
    let used = st.quota_used.entry(caller.to_string()).or_default();
    while used
        .front()
        .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(60))
    {
        used.pop_front();
    }
    if used.len() >= budget as usize {
        st.stats.quota_refused += 1;
        return Err(ApiError::new(
            403,
            "usageLimits",
            "rateLimitExceeded",
            "Rate Limit Exceeded",
        ));
    }
    used.push_back(now);
    Ok(())
}

fn bearer(req: &Request) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::google::faults::GoogleFaults;

    #[test]
    fn quota_slides_per_user() {
        let mut st = GoogleState::default();
        st.install_faults(GoogleFaults {
            quota_per_minute: Some(2),
            ..GoogleFaults::default()
        });
        let t0 = Instant::now();
        assert!(take_quota(&mut st, "a", t0).is_ok());
        assert!(take_quota(&mut st, "a", t0 + Duration::from_secs(30)).is_ok());
        let e = take_quota(&mut st, "a", t0 + Duration::from_secs(59)).expect_err("over");
        assert_eq!(
            (e.code, e.reason, e.domain),
            (403, "rateLimitExceeded", "usageLimits")
        );
        // Another user has a budget of its own.
        assert!(take_quota(&mut st, "b", t0 + Duration::from_secs(59)).is_ok());
        // The first call left the window.
        assert!(take_quota(&mut st, "a", t0 + Duration::from_secs(60)).is_ok());
        assert_eq!(st.stats.quota_refused, 1);
        st.install_faults(GoogleFaults {
            quota_exceeded_for: Some(Duration::from_secs(60)),
            ..GoogleFaults::default()
        });
        let e = take_quota(&mut st, "c", Instant::now()).expect_err("sustained");
        assert_eq!(e.reason, "quotaExceeded");
        assert!(take_quota(&mut st, "c", Instant::now() + Duration::from_secs(61)).is_ok());
    }
}
