//! The cleaners' page `/app/`: a small installable web page, its files in
//! the binary, its words from the catalogue in the configured language.
//! The page itself needs no token; it reads the token from its link
//! (`/app/#token=…`) and calls the routes here and the API with it: the
//! cleaner's day (`GET /api/v1/app/day`) and "On my way"
//! (`POST /api/v1/bookings/{id}/on-my-way`). A service worker (`sw.js`)
//! keeps the page's files, so it opens offline with the last day it saw.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Serialize;

use super::{ApiError, Shared, at_desk};
use crate::engine::remote::{AppJob, Caller};
use crate::i18n::{Language, Words};

const INDEX: &str = include_str!("app/index.html");
const SCRIPT: &str = include_str!("app/app.js");
const STYLE: &str = include_str!("app/app.css");
const ICON: &str = include_str!("app/icon.svg");
const WORKER: &str = include_str!("app/sw.js");

/// The page and its files: no token needed.
pub(super) fn open() -> Router<Shared> {
    Router::new()
        .route("/app", get(|| async { Redirect::permanent("/app/") }))
        .route("/app/", get(index))
        .route("/app/index.html", get(index))
        .route(
            "/app/app.js",
            get(|| async { file("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/app/app.css",
            get(|| async { file("text/css; charset=utf-8", STYLE) }),
        )
        .route(
            "/app/icon.svg",
            get(|| async { file("image/svg+xml", ICON) }),
        )
        .route("/app/manifest.webmanifest", get(manifest))
        .route(
            "/app/sw.js",
            get(|| async { file("text/javascript; charset=utf-8", WORKER) }),
        )
}

/// What the page asks with its token.
pub(super) fn guarded() -> Router<Shared> {
    Router::new()
        .route("/api/v1/app/day", get(day))
        .route("/api/v1/bookings/{id}/on-my-way", post(on_my_way))
}

/// A file of the page; always checked again, so an update reaches phones.
fn file(kind: &'static str, body: impl Into<String>) -> Response {
    let mut r = body.into().into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

async fn index(State(api): State<Shared>) -> Response {
    let mut r = file(
        "text/html; charset=utf-8",
        page(api.remote.settings().language),
    );
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; \
             frame-ancestors 'none'",
        ),
    );
    r.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

/// The page in `language`, its words filled in.
fn page(language: Language) -> String {
    let w = language.words();
    let words = serde_json::to_string(&words(w))
        .unwrap_or_else(|_| "{}".into())
        // Safe inside <script>: no "</script>" can end it early.
        .replace('<', "\\u003c");
    INDEX
        .replace("{{lang}}", language.code())
        .replace("{{title}}", &escape(&w.get("app-name")))
        .replace("{{words}}", &words)
}

/// The page's words, by their key without `app-`; `{name}` marks where the
/// script puts a value.
fn words(w: Words) -> serde_json::Map<String, serde_json::Value> {
    let pairs = [
        ("today", w.with("app-today", &[("date", "{date}".into())])),
        ("loading", w.get("app-loading")),
        ("no-jobs", w.get("app-no-jobs")),
        ("login", w.get("app-login")),
        ("offline", w.get("app-offline")),
        ("live-off", w.get("app-live-off")),
        ("map", w.get("app-map")),
        ("call", w.with("app-call", &[("phone", "{phone}".into())])),
        ("access", w.get("app-access")),
        ("on-my-way", w.get("app-on-my-way")),
        ("start", w.get("app-start")),
        ("finish", w.get("app-finish")),
        ("note", w.get("app-note")),
        ("note-save", w.get("app-note-save")),
        ("note-saved", w.get("app-note-saved")),
        ("told", w.with("app-told", &[("time", "{time}".into())])),
        ("already-told", w.get("app-already-told")),
        ("on-the-way", w.get("app-on-the-way")),
        ("started", w.get("app-started")),
        ("finished", w.get("app-finished")),
        (
            "failed",
            w.with("app-failed", &[("error", "{error}".into())]),
        ),
        ("status-scheduled", w.get("app-status-scheduled")),
        ("status-in_progress", w.get("app-status-in_progress")),
        ("status-completed", w.get("app-status-completed")),
        ("status-cancelled", w.get("app-status-cancelled")),
    ];
    pairs
        .into_iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
        .collect()
}

/// Text for HTML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn manifest(State(api): State<Shared>) -> Response {
    let w = api.remote.settings().language.words();
    let body = serde_json::json!({
        "name": w.get("app-name"),
        "short_name": w.get("app-short-name"),
        "start_url": "/app/",
        "scope": "/app/",
        "display": "standalone",
        "background_color": "#f2f4f6",
        "theme_color": "#1f5f8b",
        "icons": [
            { "src": "/app/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any" }
        ],
    });
    file("application/manifest+json", body.to_string())
}

/// The cleaner's day: its date and jobs in order.
#[derive(Serialize)]
struct Day {
    date: String,
    jobs: Vec<AppJob>,
}

async fn day(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, ApiError> {
    let date = api.remote.today().format("%Y-%m-%d").to_string();
    let jobs = at_desk(&api, caller, |d| d.my_day()).await?;
    Ok(Json(Day { date, jobs }).into_response())
}

async fn on_my_way(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = super::routes::number(&id)?;
    Ok(Json(at_desk(&api, caller, move |d| d.on_my_way(id)).await?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_speaks_the_language_and_keeps_its_words_inside_the_script() {
        let da = page(Language::Da);
        assert!(da.contains(r#"<html lang="da">"#));
        assert!(da.contains("Jeg er på vej"), "{da}");
        let en = page(Language::En);
        assert!(en.contains("On my way"));
        assert!(!en.contains("{{"), "every mark filled in");
        let script = en
            .split(r#"<script id="words" type="application/json">"#)
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap_or_default();
        let words: serde_json::Value = serde_json::from_str(script).expect("json");
        assert_eq!(words["told"], "The customer was told: expected at {time}.");
    }
}
