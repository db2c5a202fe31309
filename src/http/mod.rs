//! The HTTP server of `renos serve --http ADDR`: the JSON API under
//! `/api/v1`, for phones and programs with a token (`renos token add`).
//! Every route but `/health` needs a token (`auth`); what a token may do
//! is decided in one place, `engine::remote`. The database is worked off
//! the async threads; request bodies are limited in size and each token
//! in rate (`[api]` in the config). Errors are `{ "error": "a sentence" }`
//! (`error`). `GET /api/v1/ws` is the live feed (`feed`); `/mcp` the
//! assistants' tools over streamable HTTP (`mcp`).
//!
//! The router is put together in [`router`] from one function per concern
//! (`routes::api_routes`, `feed::feed_routes`, …): a new concern adds its
//! own function and one line there.

mod app;
mod auth;
mod error;
mod feed;
mod limit;
mod mcp;
mod routes;
mod shapes;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context as _, Result, anyhow};
use axum::Router;
use axum::http::StatusCode;

use crate::engine::remote::{Caller, Desk, FeedSender, Remote, RemoteError};
pub(crate) use error::ApiError;
use limit::Limiter;

/// What every handler shares.
struct Api {
    remote: Remote,
    limiter: Limiter,
    /// The live feed's events, for each WebSocket listener to subscribe to.
    feed: FeedSender,
}

type Shared = Arc<Api>;

/// Refuses an address off loopback unless `public`: the API speaks plain
/// HTTP, so anything beyond this machine goes through a reverse proxy
/// that adds TLS.
pub fn check_addr(addr: SocketAddr, public: bool) -> Result<()> {
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
pub async fn bind(addr: SocketAddr) -> Result<(tokio::net::TcpListener, SocketAddr)> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let bound = listener.local_addr()?;
    Ok((listener, bound))
}

/// Serves the API on `listener` until the future is dropped; `feed`
/// carries the changes the WebSocket listeners hear.
pub async fn serve(
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

/// The routes, the token checks and the body limit: one function per
/// concern, each with its own token check.
fn router(api: Shared) -> Router {
    let limit = api.remote.settings().api.body_limit_kib as usize * 1024;
    let guarded = |routes: Router<Shared>| {
        routes.layer(axum::middleware::from_fn_with_state(
            api.clone(),
            auth::bearer_only,
        ))
    };
    let feed = feed::feed_routes().layer(axum::middleware::from_fn_with_state(
        api.clone(),
        auth::bearer_or_query,
    ));
    routes::open_routes()
        .merge(guarded(routes::api_routes()))
        .merge(guarded(mcp::mcp_routes(&api)))
        .merge(guarded(app::guarded()))
        .merge(app::open())
        .merge(feed)
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

/// Runs one operation of the remote layer at a desk acting as `caller`,
/// on the blocking threads.
async fn at_desk<T: Send + 'static>(
    api: &Shared,
    caller: Caller,
    op: impl FnOnce(&mut Desk) -> Result<T, RemoteError> + Send + 'static,
) -> Result<T, ApiError> {
    blocking(api, move |r| r.with_desk(&caller, op)).await
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
}
