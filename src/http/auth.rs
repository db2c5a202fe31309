//! Who is asking: the token of `Authorization: Bearer TOKEN` (or, on the
//! live feed only, of `?token=TOKEN`, since a browser's WebSocket cannot
//! send headers) turned into the caller the handlers act for; 401 without
//! one or with one not known, 429 past the token's rate.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::{Shared, blocking};
use crate::engine::remote::{RemoteError, Via};

/// The token from the header only: every route but the feed.
pub(super) async fn bearer_only(State(api): State<Shared>, req: Request, next: Next) -> Response {
    let presented = bearer(req.headers());
    admit(api, presented, req, next).await
}

/// The token from the header or, failing that, from `?token=`; the query
/// is taken off the request at once, so nothing after this (a log line,
/// an error) can show it.
pub(super) async fn bearer_or_query(
    State(api): State<Shared>,
    mut req: Request,
    next: Next,
) -> Response {
    let (from_query, rest) = take_query_token(req.uri());
    if let Some(uri) = rest {
        *req.uri_mut() = uri;
    }
    let presented = bearer(req.headers()).or(from_query);
    admit(api, presented, req, next).await
}

/// Checks `presented` and the token's rate; the caller goes on the request.
async fn admit(api: Shared, presented: Option<String>, mut req: Request, next: Next) -> Response {
    let Some(presented) = presented else {
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

/// The token of `?token=…`, and the URI without it (`None`: unchanged).
fn take_query_token(uri: &Uri) -> (Option<String>, Option<Uri>) {
    let Some(query) = uri.query() else {
        return (None, None);
    };
    let mut token = None;
    let mut kept = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("token", value)) => {
                let value = percent_decode(value);
                if token.is_none() && !value.trim().is_empty() {
                    token = Some(value.trim().to_string());
                }
            }
            _ => kept.push(pair),
        }
    }
    if kept.len() == query.split('&').count() {
        return (token, None);
    }
    let path_and_query = match kept.is_empty() {
        true => uri.path().to_string(),
        false => format!("{}?{}", uri.path(), kept.join("&")),
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = path_and_query.parse().ok();
    (token, Uri::from_parts(parts).ok())
}

/// `%XX` escapes and `+` undone (a token is base64url, so rarely needed).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_query_token_is_read_and_taken_off_the_uri() {
        let uri: Uri = "/api/v1/ws?token=abc%2Dd".parse().unwrap();
        let (t, rest) = take_query_token(&uri);
        assert_eq!(t.as_deref(), Some("abc-d"));
        assert_eq!(rest.unwrap().to_string(), "/api/v1/ws");
        let uri: Uri = "/ws?x=1&token=abc&y=2".parse().unwrap();
        let (t, rest) = take_query_token(&uri);
        assert_eq!(t.as_deref(), Some("abc"));
        assert_eq!(rest.unwrap().to_string(), "/ws?x=1&y=2");
        let uri: Uri = "/ws?x=1".parse().unwrap();
        assert_eq!(take_query_token(&uri), (None, None));
        let uri: Uri = "/ws?token=".parse().unwrap();
        let (t, rest) = take_query_token(&uri);
        assert_eq!(t, None);
        assert_eq!(rest.unwrap().to_string(), "/ws");
        assert_eq!(percent_decode("a%zz%4"), "a%zz%4");
    }
}
