//! A calendar's own resources, so a client can probe read and write access
//! without writing: `calendars.get`
//! (<https://developers.google.com/calendar/api/v3/reference/calendars/get>)
//! and `calendarList.get`
//! (<https://developers.google.com/calendar/api/v3/reference/calendarList/get>).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::error::json_body;
use super::resource::CALENDAR_TZ;
use super::state::Google;

pub(crate) async fn calendar(
    State(google): State<Arc<Google>>,
    Path(calendar): Path<String>,
) -> Response {
    match google.lock().cal(&calendar) {
        Ok(_) => json_body(&json!({
            "kind": "calendar#calendar",
            "etag": format!("\"{}\"", calendar.len()),
            "id": calendar,
            "summary": calendar,
            "timeZone": CALENDAR_TZ.name(),
        })),
        Err(e) => e.into_response(),
    }
}

pub(crate) async fn calendar_list_entry(
    State(google): State<Arc<Google>>,
    Path(calendar): Path<String>,
) -> Response {
    match google.lock().cal(&calendar) {
        Ok(cal) => json_body(&json!({
            "kind": "calendar#calendarListEntry",
            "etag": format!("\"{}\"", calendar.len()),
            "id": calendar,
            "summary": calendar,
            "timeZone": CALENDAR_TZ.name(),
            "accessRole": cal.role.as_str(),
        })),
        Err(e) => e.into_response(),
    }
}
