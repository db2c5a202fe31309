//! `renos serve --http ADDR`: the JSON API under `/api/v1`, for phones and
//! programs with a token (`renos token add`). Every route but `/health`
//! needs `Authorization: Bearer TOKEN`; what a token may do is decided in
//! one place, `engine::remote`. The database is worked off the async
//! threads; request bodies are limited in size and each token in rate
//! (`[api]` in the config). Errors are `{ "error": "a sentence" }`.
//! `GET /api/v1/ws` is the live feed of booking changes (`feed`).

mod app;
mod feed;
mod limit;
mod routes;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context as _, Result, anyhow};
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::engine::remote::{FeedSender, Remote, RemoteError, Via};
use limit::Limiter;

/// What every handler shares.
pub(super) struct Api {
    remote: Remote,
    limiter: Limiter,
    /// The live feed's events, for each WebSocket listener to subscribe to.
    feed: FeedSender,
}

type Shared = Arc<Api>;

/// Refuses an address off loopback unless `public`: the API speaks plain
/// HTTP, so anything beyond this machine goes through a reverse proxy
/// that adds TLS.
pub(super) fn check_addr(addr: SocketAddr, public: bool) -> Result<()> {
    if addr.ip().is_loopback() || public {
        return Ok(());
    }
    Err(anyhow!(
        "--http {addr} is not on loopback: the API speaks plain HTTP, so tokens would cross \
         the network unencrypted; listen on 127.0.0.1 behind a reverse proxy that adds TLS \
         (Caddy or nginx, see the README), or give --public if such a proxy reaches this \
         address"
    ))
}

/// Binds `addr` (before the services start, so a taken port stops the
/// serve at once) and returns the listener and the address it got.
pub(super) async fn bind(addr: SocketAddr) -> Result<(tokio::net::TcpListener, SocketAddr)> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let bound = listener.local_addr()?;
    Ok((listener, bound))
}

/// Serves the API on `listener` until the future is dropped; `feed`
/// carries the changes the WebSocket listeners hear.
pub(super) async fn serve(
    listener: tokio::net::TcpListener,
    remote: Remote,
    feed: FeedSender,
) -> Result<()> {
    let api = Arc::new(Api {
        limiter: Limiter::new(remote.settings().api),
        remote,
        feed,
    });
    axum::serve(listener, router(api))
        .await
        .context("the API stopped")
}

/// The routes, the token check and the body limit.
fn router(api: Shared) -> Router {
    let limit = api.remote.settings().api.body_limit_kib as usize * 1024;
    let open = Router::new()
        .route("/health", axum::routing::get(routes::health))
        .route("/api/v1/health", axum::routing::get(routes::health))
        .merge(app::open());
    let guarded =
        routes::guarded()
            .merge(app::guarded())
            .layer(axum::middleware::from_fn_with_state(
                api.clone(),
                authenticate,
            ));
    open.merge(guarded)
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "this route does not take that method; GET /api/v1/tools lists them",
            )
        })
        .fallback(|| async {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "no such route; GET /api/v1/tools lists them",
            )
        })
        .layer(axum::extract::DefaultBodyLimit::max(limit))
        .with_state(api)
}

/// The bearer token's caller, put on the request for the handlers; 401
/// without one or with one not known, 429 past the token's rate.
async fn authenticate(State(api): State<Shared>, mut req: Request, next: Next) -> Response {
    let Some(presented) = bearer(req.headers()) else {
        return ApiError::from(RemoteError::Unauthenticated(
            "this needs a token: send `Authorization: Bearer TOKEN` (`renos token add` makes \
             one)"
                .into(),
        ))
        .into_response();
    };
    let caller = match blocking(&api, move |r| r.authenticate(&presented, Via::App)).await {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    if let Err(wait) = api.limiter.take(caller.token.unwrap_or(0)) {
        let mut r = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            &format!(
                "{} has made too many requests; try again in {wait} s ([api] rate_per_minute \
                 in the config)",
                caller.name
            ),
        )
        .into_response();
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return r;
    }
    req.extensions_mut().insert(caller);
    next.run(req).await
}

/// The token of `Authorization: Bearer TOKEN`.
fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
}

/// Runs `f` on the blocking threads (SQLite), off the async ones.
async fn blocking<T: Send + 'static>(
    api: &Shared,
    f: impl FnOnce(&Remote) -> Result<T, RemoteError> + Send + 'static,
) -> Result<T, ApiError> {
    let api = api.clone();
    tokio::task::spawn_blocking(move || f(&api.remote))
        .await
        .map_err(|e| {
            tracing::error!(target: "renos::serve", error = %e, "an API request failed");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the request failed; see the serve log",
            )
        })?
        .map_err(ApiError::from)
}

/// An error answer: a status and `{ "error": "a sentence" }`, with who
/// changed a booking and when for a stale version.
#[derive(Debug)]
pub(super) struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

#[derive(Debug, Serialize)]
struct ErrorBody {
    error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_at: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, sentence: &str) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                error: sentence.to_string(),
                changed_by: None,
                changed_at: None,
            },
        }
    }
}

impl From<RemoteError> for ApiError {
    fn from(e: RemoteError) -> Self {
        let status = match &e {
            RemoteError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            RemoteError::Forbidden(_) => StatusCode::FORBIDDEN,
            RemoteError::NotFound(_) => StatusCode::NOT_FOUND,
            RemoteError::Stale { .. } => StatusCode::PRECONDITION_FAILED,
            RemoteError::Clash(_) => StatusCode::CONFLICT,
            RemoteError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            RemoteError::Failed(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let mut out = ApiError::new(status, &e.to_string());
        if let RemoteError::Stale { by, at, .. } = e {
            out.body.changed_by = Some(by);
            out.body.changed_at = Some(at);
        }
        out
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(self.body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        r
    }
}

/// A JSON body whose refusal (too large: 413, not JSON, a field wrong) is
/// an [`ApiError`] like every other.
pub(super) struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(rejection) => Err(ApiError::new(rejection.status(), &rejection.body_text())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_loopback_needs_public_and_names_the_proxy() {
        let here: SocketAddr = "127.0.0.1:8787".parse().unwrap();
        let out: SocketAddr = "0.0.0.0:8787".parse().unwrap();
        assert!(check_addr(here, false).is_ok());
        let e = check_addr(out, false).unwrap_err().to_string();
        assert!(e.contains("reverse proxy") && e.contains("--public"), "{e}");
        assert!(check_addr(out, true).is_ok());
    }

    #[test]
    fn the_bearer_token_is_read_from_authorization() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(bearer(&h).as_deref(), Some("abc"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&h), None);
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("bearer  "));
        assert_eq!(bearer(&h), None);
    }
}
