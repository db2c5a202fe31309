//! The fake Google Calendar v3 and its OAuth token endpoint.
//!
//! ```text
//! account.rs     the service account, the user, the calendar, the test key
//! error.rs       errors in Google's shape, JSON answers
//! resource.rs    an event as Google stores it: writable fields, times, PATCH / PUT
//! rrule.rs       RRULE / EXDATE / RDATE lines, parsed
//! recurrence.rs  their expansion into starts, in the event's time zone
//! series.rs      recurring events: instances, their ids, exceptions
//! faults.rs      the fault set, the fault one call takes, the counters
//! state.rs       calendars and roles, events, the change sequence, tokens, quota
//!                use (the `Google` handle)
//! events.rs      get / insert / patch / update / delete
//! lifecycle.rs   events.move, purging cancelled events
//! query.rs       the list query: parameters, filters, the digest page tokens keep
//! list.rs        events.list and events.instances: listings, paging, page tokens
//! calendars.rs   calendars.get and calendarList.get
//! oauth.rs       the token endpoint (JWT bearer grant)
//! admin.rs       `GoogleAdmin` and `/admin/google/...`
//! gate.rs        faults, the access token and quota in front of every API call
//! mod.rs         the routes
//! ```
//!
//! Imports go one way (no circle): rrule ← recurrence ← series;
//! error ← resource ← series, state; faults ← state ← events ← query ← list; events ← lifecycle;
//! account ← state, oauth; state ← calendars, oauth, gate; events, lifecycle, series, state ← admin; this
//! router uses them all and nothing uses it.

mod account;
mod admin;
mod calendars;
mod error;
mod events;
mod faults;
mod gate;
mod lifecycle;
mod list;
pub(crate) mod oauth;
mod query;
mod recurrence;
mod resource;
mod rrule;
mod series;
mod state;

use std::sync::Arc;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub use account::{CALENDAR_ID, CLIENT_EMAIL, IMPERSONATED_USER, TEST_KEY_PEM, key_json};

pub use admin::GoogleAdmin;
pub use faults::{GoogleFaults, GoogleStats};
pub use state::CalendarRole;
pub(crate) use state::Google;

use error::ApiError;
use events::{delete, get_event, insert, patch, update};
use lifecycle::move_event;

const EVENTS: &str = "/calendar/v3/calendars/{calendar}/events";
const EVENT: &str = "/calendar/v3/calendars/{calendar}/events/{event}";
const MOVE: &str = "/calendar/v3/calendars/{calendar}/events/{event}/move";
const INSTANCES: &str = "/calendar/v3/calendars/{calendar}/events/{event}/instances";
const CALENDAR: &str = "/calendar/v3/calendars/{calendar}";
const CALENDAR_LIST_ENTRY: &str = "/calendar/v3/users/me/calendarList/{calendar}";

/// The calendar API, behind the fault and auth gate; the token endpoint and
/// the admin routes beside it.
pub(crate) fn router(google: Arc<Google>) -> Router {
    let api = Router::new()
        .route(
            EVENTS,
            get(list::list).post(insert).fallback(not_found_handler),
        )
        .route(
            EVENT,
            get(get_event)
                .patch(patch)
                .put(update)
                .delete(delete)
                .fallback(not_found_handler),
        )
        .route(
            MOVE,
            axum::routing::post(move_event).fallback(not_found_handler),
        )
        .route(INSTANCES, get(list::instances).fallback(not_found_handler))
        .route(
            CALENDAR,
            get(calendars::calendar).fallback(not_found_handler),
        )
        .route(
            CALENDAR_LIST_ENTRY,
            get(calendars::calendar_list_entry).fallback(not_found_handler),
        )
        .route(
            "/calendar/v3/{*rest}",
            axum::routing::any(not_found_handler),
        )
        .layer(axum::middleware::from_fn_with_state(
            google.clone(),
            gate::gate,
        ))
        .with_state(google.clone());
    api.merge(oauth::router(google.clone()))
        .merge(admin::router(google))
}

/// A fresh Google whose token endpoint trusts the sandbox's test key.
pub(crate) fn new() -> Arc<Google> {
    Google::new(oauth::public_key_der(TEST_KEY_PEM))
}

pub(crate) async fn not_found_handler() -> Response {
    ApiError::not_found().into_response()
}
