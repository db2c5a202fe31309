//! The fake Microsoft Graph (v1.0) for one organisation: the Microsoft
//! identity platform's client-credentials token endpoint, the events of
//! each user's default calendar, `calendarView/delta`, throttling and
//! faults, and [`GraphAdmin`] to steer it from tests.
//!
//! ```text
//! /graph/login/{tenant}/oauth2/v2.0/token             POST   access token (client credentials)
//! /graph/v1.0/users/{user}/calendar/events            GET    ($filter on an extended property)
//!                                                     POST   create (201)
//! /graph/v1.0/users/{user}/calendar/events/{id}       GET    (also /users/{user}/events/{id})
//!                                                     PATCH  update, If-Match on @odata.etag (412)
//!                                                     DELETE delete (204), If-Match likewise
//! /graph/v1.0/users/{user}/calendarView/delta         GET    (also under /calendar/) delta rounds
//! ```
//!
//! Written from Microsoft's documentation, cited where each behaviour is
//! modelled: "event: delta" (https://learn.microsoft.com/en-us/graph/api/event-delta),
//! "Get incremental changes to events in a calendar view"
//! (https://learn.microsoft.com/en-us/graph/delta-query-events), "Microsoft Graph
//! throttling guidance" (https://learn.microsoft.com/en-us/graph/throttling),
//! "Create singleValueLegacyExtendedProperty"
//! (https://learn.microsoft.com/en-us/graph/api/singlevaluelegacyextendedproperty-post-singlevalueextendedproperties)
//! and "Get access tokens to call Microsoft Graph (client credentials)"
//! (https://learn.microsoft.com/en-us/graph/auth-v2-service). Nothing here
//! comes from the client that talks to it.
//!
//! ```text
//! state.rs   events, change sequence, tokens, paging and delta state, quota
//! times.rs   dateTimeTimeZone values, windows
//! series.rs  occurrences of a series master
//! monthly.rs the days of monthly patterns
//! gate.rs    the token endpoint; faults, throttling and the token check
//! events.rs  create, get, list by property, PATCH, DELETE; error bodies
//! delta.rs   calendarView/delta rounds
//! admin.rs   `GraphAdmin` and `/admin/graph/...` (no auth, no faults)
//! ```
//!
//! Modelled simply: a series is a master with a daily, weekly or monthly
//! pattern; its occurrences are listed, and one can be changed on its own
//! (an exception).

mod admin;
mod delta;
mod events;
mod gate;
mod monthly;
mod series;
mod state;
mod times;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

pub use admin::GraphAdmin;
pub(crate) use state::Graph;
pub use state::GraphStats;

/// The sandbox organisation's tenant (directory) id.
pub const MICROSOFT_TENANT: &str = "7d1c5b0e-2f3a-4b5c-8d9e-0a1b2c3d4e5f";
/// The sandbox app's client id.
pub const MICROSOFT_CLIENT: &str = "3f2a1b0c-9d8e-4f7a-6b5c-4d3e2f1a0b9c";
/// The sandbox app's client secret.
pub const MICROSOFT_SECRET: &str = "sandbox-graph-secret";
/// A mailbox of the sandbox organisation.
pub const MICROSOFT_USER: &str = "anna@renos.example";

use MICROSOFT_CLIENT as CLIENT_ID;
use MICROSOFT_SECRET as CLIENT_SECRET;
use MICROSOFT_TENANT as TENANT_ID;

/// Faults the Graph fake shows; `set_faults` replaces the whole set.
///
/// Each API request takes at most one counted fault, in this order:
/// `drop_before`, `rate_limit` (429 with `Retry-After: retry_after_secs`),
/// `server_error` (503), `drop_after`. With `fail_on` set, only requests
/// whose path contains that text take them. `quota` throttles as Graph
/// does: at most `.0` requests in every window of `.1` milliseconds, then
/// 429 with `Retry-After` until the window ends. The token endpoint takes
/// none of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphFaults {
    pub drop_before: u32,
    pub rate_limit: u32,
    pub server_error: u32,
    pub drop_after: u32,
    pub fail_on: Option<String>,
    pub retry_after_secs: u64,
    pub quota: Option<(u32, u64)>,
}

/// The Graph API behind its gate, and the token endpoint beside it.
pub(crate) fn router(graph: Arc<Graph>) -> Router {
    const EVENTS: &str = "/graph/v1.0/users/{user}/calendar/events";
    const EVENT: &str = "/graph/v1.0/users/{user}/calendar/events/{id}";
    const EVENT_SHORT: &str = "/graph/v1.0/users/{user}/events/{id}";
    const DELTA: &str = "/graph/v1.0/users/{user}/calendarView/delta";
    const DELTA_CAL: &str = "/graph/v1.0/users/{user}/calendar/calendarView/delta";
    let one = || {
        get(events::get_one)
            .patch(events::update)
            .delete(events::delete)
    };
    let api = Router::new()
        .route(EVENTS, get(events::list).post(events::create))
        .route(EVENT, one())
        .route(EVENT_SHORT, one())
        .route(DELTA, get(delta::delta))
        .route(DELTA_CAL, get(delta::delta))
        .route("/graph/v1.0/{*rest}", axum::routing::any(not_found))
        .layer(axum::middleware::from_fn_with_state(
            graph.clone(),
            gate::gate,
        ))
        .with_state(graph.clone());
    api.merge(
        Router::new()
            .route("/graph/login/{tenant}/oauth2/v2.0/token", post(gate::token))
            .with_state(graph.clone()),
    )
    .merge(admin::router(graph))
}

async fn not_found() -> axum::response::Response {
    events::error(400, "BadRequest", "Resource not found for the segment.")
}

/// A fresh Graph.
pub(crate) fn new() -> Arc<Graph> {
    Arc::new(Graph::default())
}
