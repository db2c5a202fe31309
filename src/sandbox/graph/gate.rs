//! The way in: the token endpoint (client credentials) and the gate in
//! front of every API call (faults, throttling, the access token).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde_json::json;

use super::events::error;
use super::state::{Graph, opaque};
use super::{CLIENT_ID, CLIENT_SECRET, TENANT_ID};
use crate::sandbox::faults::{Counted, applies, broken_answer, dropped, take_counted};
use crate::sandbox::net::ConnHandle;

/// Seconds an access token lives unless the tests say otherwise (the
/// documented `expires_in` of a client-credentials token is about an hour).
const TOKEN_SECONDS: u64 = 3599;

/// `POST /{tenant}/oauth2/v2.0/token`, the client credentials grant
/// ("Get access tokens to call Microsoft Graph (client credentials)",
/// https://learn.microsoft.com/en-us/graph/auth-v2-service): form fields
/// `client_id`, `client_secret`, `scope=https://graph.microsoft.com/.default`,
/// `grant_type=client_credentials`; the answer has `token_type`,
/// `expires_in` and `access_token`. Errors are OAuth's
/// (`{"error", "error_description"}`).
pub(crate) async fn token(
    State(graph): State<Arc<Graph>>,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let oauth = |status: StatusCode, code: &str, text: &str| {
        (
            status,
            Json(json!({"error": code, "error_description": text})),
        )
            .into_response()
    };
    if tenant != TENANT_ID {
        return oauth(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "AADSTS90002: Tenant not found.",
        );
    }
    if form.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return oauth(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "AADSTS70003: The app requested an unsupported grant type.",
        );
    }
    if form.get("scope").map(String::as_str) != Some("https://graph.microsoft.com/.default") {
        return oauth(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "AADSTS1002012: The provided value for scope is not valid.",
        );
    }
    if form.get("client_id").map(String::as_str) != Some(CLIENT_ID)
        || form.get("client_secret").map(String::as_str) != Some(CLIENT_SECRET)
    {
        return oauth(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "AADSTS7000215: Invalid client secret provided.",
        );
    }
    let mut st = graph.lock();
    st.stats.tokens += 1;
    let life = st
        .token_lifetime
        .unwrap_or(Duration::from_secs(TOKEN_SECONDS));
    let access = format!("eyJ0eXAi.{}", opaque());
    st.tokens.insert(access.clone(), Instant::now() + life);
    Json(json!({
        "token_type": "Bearer",
        "expires_in": life.as_secs(),
        "ext_expires_in": life.as_secs(),
        "access_token": access,
    }))
    .into_response()
}

/// In front of every API call: a counted fault, the throttling quota
/// ("Microsoft Graph throttling guidance",
/// https://learn.microsoft.com/en-us/graph/throttling: 429 with
/// `Retry-After` in seconds), then the bearer token (401
/// `InvalidAuthenticationToken` when missing or expired).
pub(crate) async fn gate(State(graph): State<Arc<Graph>>, req: Request, next: Next) -> Response {
    let conn = req
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|c| c.0.clone());
    let path = req.uri().path().to_string();
    let (fault, throttled, retry_after) = {
        let mut guard = graph.lock();
        let st = &mut *guard;
        let f = &mut st.faults;
        let fault = if applies(f.fail_on.as_deref(), &path) {
            take_counted(
                &mut f.drop_before,
                &mut f.rate_limit,
                &mut f.server_error,
                &mut f.drop_after,
            )
        } else {
            None
        };
        let retry_after = st.faults.retry_after_secs.max(1);
        let throttled = st.throttle(Instant::now());
        if throttled.is_some() || fault == Some(Counted::RateLimit) {
            st.stats.throttled += 1;
        }
        (fault, throttled, retry_after)
    };
    match fault {
        Some(Counted::DropBefore) => return dropped(conn),
        Some(Counted::RateLimit) => return too_many(retry_after),
        Some(Counted::ServerError) => {
            return error(
                503,
                "serviceNotAvailable",
                "The service is temporarily unavailable.",
            );
        }
        _ => {}
    }
    if let Some(secs) = throttled {
        return too_many(secs);
    }
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let valid = bearer.is_some_and(|t| {
        graph
            .lock()
            .tokens
            .get(&t)
            .is_some_and(|exp| *exp > Instant::now())
    });
    if !valid {
        return error(
            401,
            "InvalidAuthenticationToken",
            "Access token has expired or is not yet valid.",
        );
    }
    let resp = next.run(req).await;
    if fault == Some(Counted::DropAfter) {
        return broken_answer(conn, resp).await;
    }
    resp
}

fn too_many(secs: u64) -> Response {
    let mut resp = error(
        429,
        "TooManyRequests",
        "Too many requests. Retry after the time in Retry-After.",
    );
    if let Ok(v) = secs.to_string().parse() {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}
