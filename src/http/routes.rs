//! The routes of the API: each reads its path, query, headers and body,
//! asks one operation of `engine::remote`'s desk on a blocking thread (the
//! operations the assistants' tools ask too), and answers JSON in the
//! API's shapes (`shapes`).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::{ApiError, Body};
use super::shapes::{self, Cancellation, Change, NewJob, SlotAsk, ValidationAsk};
use super::{Shared, at_desk};
use crate::domain::Booking;
use crate::engine::remote::{Caller, Desk, RemoteError};

/// The routes without a token: the health of the database and providers.
pub(super) fn open_routes() -> Router<Shared> {
    Router::new()
        .route("/health", get(health))
        .route("/api/v1/health", get(health))
}

/// The JSON API: every route that needs a token in the header.
pub(super) fn api_routes() -> Router<Shared> {
    Router::new()
        .route("/api/v1/tools", get(tools))
        .route("/tools", get(tools))
        .route("/api/v1/validate-booking", post(validate))
        .route("/validate-booking", post(validate))
        .route("/api/v1/agenda/{date}", get(agenda))
        .route("/api/v1/bookings", post(create))
        .route("/api/v1/bookings/{id}", get(booking).patch(change))
        .route("/api/v1/bookings/{id}/cancel", post(cancel))
        .route("/api/v1/bookings/{id}/start", post(start))
        .route("/api/v1/bookings/{id}/finish", post(finish))
        .route("/api/v1/bookings/{id}/note", post(note))
        .route("/api/v1/bookings/{id}/invoice", post(invoice))
        .route("/api/v1/conflicts/{date}", get(conflicts))
        .route("/api/v1/running", get(running))
        .route("/api/v1/customers/{id}/memory", get(memory))
        .route("/api/v1/slots", get(slots))
}

type Answer = Result<Response, ApiError>;

fn json(value: impl Serialize) -> Answer {
    Ok(Json(value).into_response())
}

/// A booking's number from the path.
pub(super) fn number(text: &str) -> Result<i64, ApiError> {
    text.trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                &format!("{text:?} is not a number like 12"),
            )
        })
}

/// A date from the path: YYYY-MM-DD, or `today`.
fn day(api: &Shared, text: &str) -> Result<NaiveDate, ApiError> {
    match text {
        "today" => Ok(api.remote.today()),
        _ => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                &format!("{text:?} is not a date; write YYYY-MM-DD or today"),
            )
        }),
    }
}

/// The version of `If-Match` (`"3"`, `W/"3"` or `3`), if sent.
fn if_match(headers: &HeaderMap) -> Result<Option<i64>, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse::<i64>().ok())
        .map(Some)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "If-Match holds the booking's version, e.g. \"3\" (its ETag)",
            )
        })
}

/// The version a change is made against: `If-Match` is required.
fn version(headers: &HeaderMap) -> Result<i64, ApiError> {
    if_match(headers)?.ok_or_else(|| {
        ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "send the booking's version as If-Match (the ETag of GET /api/v1/bookings/ID), so \
             a change made meanwhile is not overwritten",
        )
    })
}

/// The booking as JSON with its version as the ETag.
fn with_etag(value: impl Serialize, version: i64, status: StatusCode) -> Answer {
    let mut r = (status, Json(value)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        r.headers_mut().insert(header::ETAG, v);
    }
    Ok(r)
}

async fn health(State(api): State<Shared>) -> Response {
    let h = tokio::task::spawn_blocking(move || api.remote.health()).await;
    match h {
        Ok(h) => {
            let status = if h.status == "ok" {
                StatusCode::OK
            } else {
                StatusCode::SERVICE_UNAVAILABLE
            };
            (status, Json(h)).into_response()
        }
        Err(_) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the health check failed")
            .into_response(),
    }
}

/// One route, as `GET /tools` lists it.
#[derive(Serialize)]
struct Tool {
    name: &'static str,
    method: &'static str,
    path: &'static str,
    /// The lowest role that may use it ("cleaner": their own jobs).
    role: &'static str,
    description: &'static str,
}

const TOOLS: &[Tool] = &[
    Tool {
        name: "get_agenda",
        method: "GET",
        path: "/api/v1/agenda/{date}",
        role: "cleaner",
        description: "The bookings of a day (YYYY-MM-DD or today) per cleaner, with status, conflicts and overtime; a cleaner sees their own.",
    },
    Tool {
        name: "get_booking",
        method: "GET",
        path: "/api/v1/bookings/{id}",
        role: "cleaner",
        description: "One booking, its version as the ETag; a cleaner only their own.",
    },
    Tool {
        name: "create_booking",
        method: "POST",
        path: "/api/v1/bookings",
        role: "dispatcher",
        description: "Book a job: customer_id, staff_id, date, start, duration_min; a double booking needs accept_clash with a reason.",
    },
    Tool {
        name: "move_booking",
        method: "PATCH",
        path: "/api/v1/bookings/{id}",
        role: "dispatcher",
        description: "Move or reassign: date, start, staff_id, duration_min; a visit of a series: scope this (default), following or all; If-Match: the version.",
    },
    Tool {
        name: "cancel_booking",
        method: "POST",
        path: "/api/v1/bookings/{id}/cancel",
        role: "dispatcher",
        description: "Cancel with a reason; a visit of a series: scope this (default), following or all; If-Match: the version.",
    },
    Tool {
        name: "start_job",
        method: "POST",
        path: "/api/v1/bookings/{id}/start",
        role: "cleaner",
        description: "Start a job now; a cleaner only their own.",
    },
    Tool {
        name: "finish_job",
        method: "POST",
        path: "/api/v1/bookings/{id}/finish",
        role: "cleaner",
        description: "Finish a running job now; a cleaner only their own.",
    },
    Tool {
        name: "add_note",
        method: "POST",
        path: "/api/v1/bookings/{id}/note",
        role: "cleaner",
        description: "Add a note to a job: text; a cleaner only to their own.",
    },
    Tool {
        name: "create_invoice",
        method: "POST",
        path: "/api/v1/bookings/{id}/invoice",
        role: "admin",
        description: "Invoice a finished job in Billy (a draft).",
    },
    Tool {
        name: "check_booking_conflicts",
        method: "GET",
        path: "/api/v1/conflicts/{date}",
        role: "viewer",
        description: "The conflicts of a day, each with its sentence.",
    },
    Tool {
        name: "track_overtime_risk",
        method: "GET",
        path: "/api/v1/running",
        role: "cleaner",
        description: "The jobs running now with their overtime level.",
    },
    Tool {
        name: "get_customer_memory",
        method: "GET",
        path: "/api/v1/customers/{id}/memory",
        role: "viewer",
        description: "What the business knows of a customer: visits, usual day and time, usual cleaner.",
    },
    Tool {
        name: "find_slots",
        method: "GET",
        path: "/api/v1/slots",
        role: "viewer",
        description: "Free slots, best first: duration_min, from, days, customer_id, staff_id, limit.",
    },
    Tool {
        name: "validate_booking_date",
        method: "POST",
        path: "/api/v1/validate-booking",
        role: "viewer",
        description: "How sure a booking is: date, expectedDayName, customerId; confidence, warnings, review below 0.8.",
    },
    Tool {
        name: "my_day",
        method: "GET",
        path: "/api/v1/app/day",
        role: "cleaner",
        description: "A cleaner's jobs today in order, with address, access notes and the customer's phone.",
    },
    Tool {
        name: "on_my_way",
        method: "POST",
        path: "/api/v1/bookings/{id}/on-my-way",
        role: "cleaner",
        description: "Tells the customer by SMS that the cleaner is on the way, once per job.",
    },
    Tool {
        name: "live_feed",
        method: "GET",
        path: "/api/v1/ws",
        role: "cleaner",
        description: "WebSocket: booking_changed, booking_conflict, overtime_alert, sync_status; ?token= for browsers.",
    },
    Tool {
        name: "mcp",
        method: "POST",
        path: "/mcp",
        role: "viewer",
        description: "The assistants' tools over MCP (streamable HTTP), with the same token.",
    },
    Tool {
        name: "health",
        method: "GET",
        path: "/health",
        role: "none",
        description: "The database and each provider's state; no token needed.",
    },
];

async fn tools() -> Answer {
    json(TOOLS)
}

async fn validate(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Body(ask): Body<ValidationAsk>,
) -> Answer {
    json(at_desk(&api, caller, move |d| shapes::validate(d, &ask)).await?)
}

async fn agenda(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(date): Path<String>,
) -> Answer {
    let date = day(&api, &date)?;
    json(at_desk(&api, caller, move |d| d.agenda(date)).await?)
}

async fn booking(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Answer {
    let id = number(&id)?;
    let b = at_desk(&api, caller, move |d| shapes::booking(d, id)).await?;
    let v = b.booking.version;
    with_etag(b, v, StatusCode::OK)
}

async fn create(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Body(job): Body<NewJob>,
) -> Answer {
    let b = at_desk(&api, caller, move |d| shapes::create(d, &job)).await?;
    let v = b.version;
    with_etag(b, v, StatusCode::CREATED)
}

async fn change(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(change): Body<Change>,
) -> Answer {
    let id = number(&id)?;
    let v = version(&headers)?;
    let o = at_desk(&api, caller, move |d| shapes::change(d, id, v, &change)).await?;
    let v = o.booking.version;
    with_etag(o, v, StatusCode::OK)
}

async fn cancel(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(why): Body<Cancellation>,
) -> Answer {
    let id = number(&id)?;
    let v = version(&headers)?;
    let o = at_desk(&api, caller, move |d| {
        d.cancel(id, v, &why.reason, why.scope)
    })
    .await?;
    let v = o.booking.version;
    with_etag(o, v, StatusCode::OK)
}

/// Works the path's job as the caller (start, finish, a note), against the
/// version of `If-Match` when sent; answers the booking with its ETag.
async fn work(
    api: &Shared,
    caller: Caller,
    id: &str,
    headers: &HeaderMap,
    op: impl FnOnce(&mut Desk, i64, Option<i64>) -> Result<Booking, RemoteError> + Send + 'static,
) -> Answer {
    let id = number(id)?;
    let v = if_match(headers)?;
    let b = at_desk(api, caller, move |d| op(d, id, v)).await?;
    let v = b.version;
    with_etag(b, v, StatusCode::OK)
}

async fn start(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer {
    work(&api, caller, &id, &headers, |d, id, v| d.start(id, v)).await
}

async fn finish(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer {
    work(&api, caller, &id, &headers, |d, id, v| d.finish(id, v)).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Note {
    text: String,
}

async fn note(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(note): Body<Note>,
) -> Answer {
    work(&api, caller, &id, &headers, move |d, id, v| {
        d.note(id, v, &note.text)
    })
    .await
}

async fn invoice(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Answer {
    let id = number(&id)?;
    json(at_desk(&api, caller, move |d| d.invoice(id)).await?)
}

async fn conflicts(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(date): Path<String>,
) -> Answer {
    let date = day(&api, &date)?;
    json(at_desk(&api, caller, move |d| shapes::conflicts(d, date)).await?)
}

async fn running(State(api): State<Shared>, Extension(caller): Extension<Caller>) -> Answer {
    json(at_desk(&api, caller, |d| shapes::running(d)).await?)
}

async fn memory(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Answer {
    let id = number(&id)?;
    json(at_desk(&api, caller, move |d| Ok(d.memory(id)?.memory)).await?)
}

async fn slots(
    State(api): State<Shared>,
    Extension(caller): Extension<Caller>,
    ask: Result<Query<SlotAsk>, QueryRejection>,
) -> Answer {
    let Query(ask) = ask.map_err(|e| ApiError::new(e.status(), &e.body_text()))?;
    json(at_desk(&api, caller, move |d| shapes::slots(d, &ask)).await?)
}
