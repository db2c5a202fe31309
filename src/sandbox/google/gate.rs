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
use super::state::{Caller, Google};
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
