//! [`GraphAdmin`]: the fake Graph steered from tests and demos, in process
//! or over HTTP under `/admin/graph/...` (no auth, no faults):
//!
//! ```text
//! /admin/graph/faults              PUT a fault set (JSON), GET it, DELETE (none)
//! /admin/graph/stats               GET what was asked
//! /admin/graph/events/{user}       GET a user's live events
//! /admin/graph/expire-tokens       POST: every access token expires
//! /admin/graph/forget-sync-state   POST: every delta and skip token is gone
//! ```

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::json;

use super::GraphFaults;
use super::events;
use super::state::{Graph, GraphStats};

/// In-process handle on the Graph fake, for tests and demos.
#[derive(Clone)]
pub struct GraphAdmin {
    pub(crate) graph: Arc<Graph>,
}

impl GraphAdmin {
    /// The fault set in force.
    pub fn faults(&self) -> GraphFaults {
        self.graph.lock().faults.clone()
    }

    /// Replaces the fault set (and restarts the throttling window).
    pub fn set_faults(&self, faults: GraphFaults) {
        let mut st = self.graph.lock();
        st.faults = faults;
        st.window = None;
    }

    /// Access tokens handed out from now on live this long (`None`: the
    /// usual hour).
    pub fn set_token_lifetime(&self, life: Option<Duration>) {
        self.graph.lock().token_lifetime = life;
    }

    /// Every access token handed out so far expires now.
    pub fn expire_tokens(&self) {
        self.graph.lock().tokens.clear();
    }

    /// Forgets every delta and skip token (the sync state expired): the
    /// next request with one is 410 `syncStateNotFound`.
    pub fn forget_sync_state(&self) {
        let mut st = self.graph.lock();
        st.deltas.clear();
        st.pages.clear();
    }

    /// What was asked so far.
    pub fn stats(&self) -> GraphStats {
        self.graph.lock().stats.clone()
    }

    /// Adds an event to `user`'s calendar as someone made it there (the
    /// body of a create request); the event as Graph renders it.
    pub fn add_event(
        &self,
        user: &str,
        event: &serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        events::add(&self.graph, user.to_string(), event.to_string().as_bytes())
    }

    /// Live events of `user` (as Graph renders them, extended properties
    /// included).
    pub fn events(&self, user: &str) -> Vec<serde_json::Value> {
        let st = self.graph.lock();
        st.events
            .values()
            .filter(|e| !e.deleted && e.user == user)
            .map(|e| {
                let mut v = events::render(e, &[]);
                let props: Vec<_> = e
                    .props
                    .iter()
                    .map(|(id, value)| serde_json::json!({"id": id, "value": value}))
                    .collect();
                v["singleValueExtendedProperties"] = serde_json::json!(props);
                v
            })
            .collect()
    }
}

/// `/admin/graph/...`.
pub(crate) fn router(graph: Arc<Graph>) -> Router {
    Router::new()
        .route(
            "/admin/graph/faults",
            put(set_faults).get(get_faults).delete(clear_faults),
        )
        .route("/admin/graph/stats", get(get_stats))
        .route("/admin/graph/events/{user}", get(list_events))
        .route("/admin/graph/expire-tokens", post(expire_tokens))
        .route("/admin/graph/forget-sync-state", post(forget_sync_state))
        .with_state(GraphAdmin { graph })
}

async fn set_faults(State(admin): State<GraphAdmin>, body: Bytes) -> Response {
    match serde_json::from_slice::<GraphFaults>(&body) {
        Ok(f) => {
            admin.set_faults(f);
            Json(admin.faults()).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("not a fault set: {e}\n")).into_response(),
    }
}

async fn get_faults(State(admin): State<GraphAdmin>) -> Response {
    Json(admin.faults()).into_response()
}

async fn clear_faults(State(admin): State<GraphAdmin>) -> StatusCode {
    admin.set_faults(GraphFaults::default());
    StatusCode::NO_CONTENT
}

async fn get_stats(State(admin): State<GraphAdmin>) -> Response {
    Json(admin.stats()).into_response()
}

async fn list_events(State(admin): State<GraphAdmin>, Path(user): Path<String>) -> Response {
    Json(json!({ "value": admin.events(&user) })).into_response()
}

async fn expire_tokens(State(admin): State<GraphAdmin>) -> StatusCode {
    admin.expire_tokens();
    StatusCode::NO_CONTENT
}

async fn forget_sync_state(State(admin): State<GraphAdmin>) -> StatusCode {
    admin.forget_sync_state();
    StatusCode::NO_CONTENT
}
