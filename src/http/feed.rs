//! `GET /api/v1/ws`: the live feed over a WebSocket, with a token like
//! every other route (in the header, or as `?token=` from a browser). Each
//! event is one JSON text message; a listener hears only what its token may
//! see. Every listener subscribes to the one watcher's channel. A listener
//! too slow to keep up is closed (code 1013) rather than let its events
//! pile up; a ping every 30 s keeps the line open, and a listener that has
//! not answered two of them is let go. `listen` works on any line that
//! sends and receives messages, so the tests can hold one still.

use std::time::Duration;

use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocketUpgrade, close_code};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use futures::{Sink, SinkExt, Stream, StreamExt};
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

/// A listener's line: the WebSocket (or, in the tests, a stand-in).
trait Line:
    Stream<Item = Result<Message, axum::Error>> + Sink<Message, Error = axum::Error> + Unpin
{
}

impl<T> Line for T where
    T: Stream<Item = Result<Message, axum::Error>> + Sink<Message, Error = axum::Error> + Unpin
{
}

/// Tells `caller` each event they may hear, until either side closes.
async fn listen(
    mut socket: impl Line,
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
            incoming = socket.next() => match incoming {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                // Anything the listener says (a pong, above all) shows it is there.
                Some(Ok(_)) => unanswered = 0,
            },
        }
    }
}

/// Sends `message` within [`SEND_WITHIN`]; false when the listener is gone
/// or too slow to take it.
async fn send(socket: &mut impl Line, message: Message) -> bool {
    matches!(
        tokio::time::timeout(SEND_WITHIN, socket.send(message)).await,
        Ok(Ok(()))
    )
}

/// Closes with `code` and a reason, not waiting long for a slow listener.
async fn close(socket: &mut impl Line, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = send(socket, Message::Close(Some(frame))).await;
}

#[cfg(test)]
mod tests {
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use futures::channel::mpsc;
    use serde_json::Value;

    use super::*;
    use crate::domain::TokenRole;
    use crate::engine::remote::Via;

    /// A stand-in for a listener's WebSocket: what the feed sends waits in
    /// a channel of one place until the test reads it (or does not);
    /// nothing comes in.
    struct Fake {
        out: mpsc::Sender<Message>,
    }

    fn fake() -> (Fake, mpsc::Receiver<Message>) {
        let (out, read) = mpsc::channel(0);
        (Fake { out }, read)
    }

    impl Stream for Fake {
        type Item = Result<Message, axum::Error>;
        fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Pending
        }
    }

    impl Sink<Message> for Fake {
        type Error = axum::Error;
        fn poll_ready(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
        ) -> Poll<Result<(), Self::Error>> {
            self.out.poll_ready(cx).map_err(axum::Error::new)
        }
        fn start_send(mut self: Pin<&mut Self>, item: Message) -> Result<(), Self::Error> {
            self.out.start_send(item).map_err(axum::Error::new)
        }
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
            Poll::Ready(Ok(()))
        }
        fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
            Poll::Ready(Ok(()))
        }
    }

    fn changed(booking: i64) -> FeedEvent {
        FeedEvent::BookingChanged {
            booking,
            staff_id: None,
            previous_staff_id: None,
            status: "scheduled",
            version: 1,
        }
    }

    /// The booking an event message tells of.
    fn booking_of(m: &Message) -> Option<i64> {
        let Message::Text(t) = m else { return None };
        let e: Value = serde_json::from_str(t.as_str()).ok()?;
        e["booking"].as_i64()
    }

    #[tokio::test]
    async fn a_listener_too_slow_to_keep_up_is_closed_with_1013_and_the_others_keep_hearing() {
        let (tx, _) = tokio::sync::broadcast::channel::<FeedEvent>(8);
        let office = Caller {
            name: "office".into(),
            role: TokenRole::Dispatcher,
            staff: None,
            via: Via::App,
            token: None,
        };
        let (slow_line, mut slow) = fake();
        let (quick_line, mut quick) = fake();
        tokio::spawn(listen(slow_line, office.clone(), tx.subscribe()));
        tokio::spawn(listen(quick_line, office, tx.subscribe()));

        // The quick listener reads each event as it comes; the slow one
        // reads nothing, so its line fills and the feed's backlog of 8
        // runs past it.
        for booking in 1..=20 {
            tx.send(changed(booking)).expect("listeners");
            let heard = tokio::time::timeout(Duration::from_secs(5), quick.next())
                .await
                .expect("heard in time")
                .expect("a message");
            assert_eq!(booking_of(&heard), Some(booking), "{heard:?}");
        }

        // Reading at last, the slow one finds what its line held, then the
        // close: 1013, try again later, with why.
        let mut told = Vec::new();
        let frame = loop {
            let m = tokio::time::timeout(Duration::from_secs(5), slow.next())
                .await
                .expect("the slow listener told in time")
                .expect("a message");
            match m {
                Message::Close(frame) => break frame.expect("a reason"),
                m => told.push(booking_of(&m).expect("an event")),
            }
        };
        assert_eq!(frame.code, close_code::AGAIN, "after {told:?}");
        assert!(frame.reason.contains("too slow to keep up"), "{frame:?}");
        assert_eq!(told, vec![1, 2], "what its line held");

        // The quick one is still there and hears the next event.
        tx.send(changed(21)).expect("the quick listener");
        let heard = tokio::time::timeout(Duration::from_secs(5), quick.next())
            .await
            .expect("heard in time")
            .expect("a message");
        assert_eq!(booking_of(&heard), Some(21));
    }
}
