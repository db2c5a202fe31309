//! `GET /api/v1/ws`: the live feed over a WebSocket, with a token like
//! every other route (in the header, or as `?token=` from a browser). Each
//! event is one JSON text message; a listener hears only what its token may
//! see. Every listener subscribes to the one watcher's channel. A listener
//! too slow to keep up is closed (code 1013) rather than let its events
//! pile up; a ping every 30 s keeps the line open, and a listener that has
//! not answered two of them is let go.

use std::time::Duration;

use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use tokio::sync::broadcast::error::RecvError;

use super::Shared;
use crate::engine::remote::{Caller, FeedEvent, Remote};

/// How often a listener is pinged.
const PING_EVERY: Duration = Duration::from_secs(30);

/// How long one message may take to go out before the listener is let go.
const SEND_WITHIN: Duration = Duration::from_secs(10);

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
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
    // Pings sent since the listener last said anything.
    let mut unanswered = 0u8;
    loop {
        tokio::select! {
            event = events.recv() => {
                let event = match event {
                    Ok(e) => e,
                    Err(RecvError::Lagged(missed)) => {
                        tracing::info!(
                            target: "renos::serve", listener = %caller.name, missed,
                            "a feed listener too slow to keep up was closed"
                        );
                        close(
                            &mut socket,
                            close_code::AGAIN,
                            "too slow to keep up: events were missed; connect again and load again",
                        )
                        .await;
                        break;
                    }
                    Err(RecvError::Closed) => {
                        close(&mut socket, close_code::AWAY, "the server is stopping").await;
                        break;
                    }
                };
                if !Remote::hears(&caller, &event) {
                    continue;
                }
                let Ok(text) = serde_json::to_string(&event) else {
                    continue;
                };
                if !send(&mut socket, Message::Text(text.into())).await {
                    break;
                }
            }
            _ = ping.tick() => {
                if unanswered >= 2 {
                    break;
                }
                unanswered += 1;
                if !send(&mut socket, Message::Ping(Default::default())).await {
                    break;
                }
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                // Anything the listener says (a pong, above all) shows it is there.
                Some(Ok(_)) => unanswered = 0,
            },
        }
    }
}

/// Sends `message` within [`SEND_WITHIN`]; false when the listener is gone
/// or too slow to take it.
async fn send(socket: &mut WebSocket, message: Message) -> bool {
    matches!(
        tokio::time::timeout(SEND_WITHIN, socket.send(message)).await,
        Ok(Ok(()))
    )
}

/// Closes with `code` and a reason, not waiting long for a slow listener.
async fn close(socket: &mut WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = send(socket, Message::Close(Some(frame))).await;
}
