//! `GET /api/v1/ws`: the live feed over a WebSocket, with a token like
//! every other route. Each event is one JSON text message; a listener
//! hears only what its token may see.

use axum::Extension;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::error::RecvError;

use axum::Router;
use axum::routing::get;

use super::Shared;
use crate::engine::remote::{Caller, FeedEvent, Remote};

/// The feed's routes; the token may also come as `?token=` (a browser's
/// WebSocket cannot send headers).
pub(super) fn feed_routes() -> Router<Shared> {
    Router::new()
        .route("/api/v1/ws", get(ws))
        .route("/ws", get(ws))
}

async fn ws(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let events = api.feed.subscribe();
    upgrade
        .on_upgrade(move |socket| listen(socket, caller, events))
        .into_response()
}

/// Tells `caller` each event they may hear, until either side closes.
async fn listen(
    mut socket: WebSocket,
    caller: Caller,
    mut events: tokio::sync::broadcast::Receiver<FeedEvent>,
) {
    loop {
        tokio::select! {
            event = events.recv() => {
                let event = match event {
                    Ok(e) => e,
                    Err(RecvError::Lagged(_)) => FeedEvent::Missed,
                    Err(RecvError::Closed) => break,
                };
                if !Remote::hears(&caller, &event) {
                    continue;
                }
                let Ok(text) = serde_json::to_string(&event) else {
                    continue;
                };
                if socket.send(Message::Text(text.into())).await.is_err() {
                    break;
                }
            }
            incoming = socket.recv() => match incoming {
                // The listener says nothing the feed needs; pings are answered by axum.
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
        }
    }
}
