//! `/mcp`: the assistants' tools (`crate::mcp`) over the Model Context
//! Protocol's streamable HTTP transport, behind the API's token check and
//! rate limit. Each call acts as the request's token: its role and
//! cleaner decide, in `engine::remote`, what the tools may do; the journal
//! names it "via assistant".

use std::sync::Arc;

use axum::Router;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};

use super::Shared;
use crate::mcp::Server;

/// The `/mcp` route, for the router to put behind the token check.
pub(super) fn mcp_routes(api: &Shared) -> Router<Shared> {
    let remote = Arc::new(api.remote.clone());
    let limit = api.remote.settings().api.body_limit_kib as usize * 1024;
    // Every request carries a bearer token, which a page in a browser
    // tricked into calling this address does not have: the `Host` check
    // against DNS rebinding is not needed, and it would refuse the names
    // a reverse proxy forwards.
    let config = StreamableHttpServerConfig::default()
        .disable_allowed_hosts()
        .with_max_request_body_bytes(limit);
    let service = StreamableHttpService::new(
        move || Ok(Server::per_caller(remote.clone())),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    Router::new().route_service("/mcp", service)
}
