//! The faults every fake shares: which counted fault a call takes, and how
//! an answer is lost (the connection dropped before it, or broken halfway).

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::Response;

use super::net::ConnHandle;

/// The counted faults every fake has, taken at most one per call, in this
/// order: the connection dropped, a rate limit, a server error, the answer
/// lost after the change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    DropBefore,
    RateLimit,
    ServerError,
    DropAfter,
}

/// Takes the next counted fault, counting its counter down.
pub(crate) fn take_counted(
    drop_before: &mut u32,
    rate_limit: &mut u32,
    server_error: &mut u32,
    drop_after: &mut u32,
) -> Option<Counted> {
    [
        (drop_before, Counted::DropBefore),
        (rate_limit, Counted::RateLimit),
        (server_error, Counted::ServerError),
        (drop_after, Counted::DropAfter),
    ]
    .into_iter()
    .find(|(n, _)| **n > 0)
    .map(|(n, kind)| {
        *n -= 1;
        kind
    })
}

/// Does a fault restricted to paths containing `fail_on` apply to `path`?
pub(crate) fn applies(fail_on: Option<&str>, path: &str) -> bool {
    fail_on.is_none_or(|text| path.contains(text))
}

/// No answer at all: the connection is closed under the request.
pub(crate) fn dropped(conn: Option<ConnHandle>) -> Response {
    if let Some(conn) = conn {
        conn.kill();
    }
    // Should the connection outlive the kill, the body fails before any byte.
    Response::new(Body::from_stream(futures::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped"))
    })))
}

/// The headers and part of the body go out, then the connection breaks.
pub(crate) async fn broken_answer(conn: Option<ConnHandle>, resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    if bytes.is_empty() {
        // Nothing to cut in half (a 204): the answer is lost whole.
        return dropped(conn);
    }
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let half = bytes.slice(..bytes.len() / 2);
    let stream = futures::stream::unfold(0u8, move |step| {
        let half = half.clone();
        let conn = conn.clone();
        async move {
            match step {
                0 => Some((Ok(half), 1)),
                1 => {
                    // Let the head and the first half reach the client.
                    tokio::time::sleep(Duration::from_millis(30)).await;
                    if let Some(conn) = &conn {
                        conn.kill();
                    }
                    Some((Err(std::io::Error::other("connection broken")), 2))
                }
                _ => None,
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_faults_come_in_order() {
        let (mut a, mut b, mut c, mut d) = (1, 1, 1, 1);
        let taken: Vec<_> =
            std::iter::from_fn(|| take_counted(&mut a, &mut b, &mut c, &mut d)).collect();
        assert_eq!(
            taken,
            [
                Counted::DropBefore,
                Counted::RateLimit,
                Counted::ServerError,
                Counted::DropAfter
            ]
        );
        assert!(applies(None, "/x"));
        assert!(applies(Some("/x"), "/a/x"));
        assert!(!applies(Some("/y"), "/a/x"));
    }
}
