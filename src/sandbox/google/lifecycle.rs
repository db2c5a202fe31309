//! Events leaving a calendar: `events.move` to another calendar, and
//! cancelled events purged for good.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::error::ApiError;
use super::events::{Actor, answer};
use super::resource;
use super::series;
use super::state::{Google, GoogleState};

impl GoogleState {
    /// `events.move`: the event goes to `destination` under the same id and
    /// `calendar` keeps a cancelled copy
    /// (<https://developers.google.com/calendar/api/v3/reference/events/move>).
    /// Only `default` events move. A series takes its exceptions along.
    /// What GET answers for the copy left behind is not documented: like
    /// any deleted event, the cancelled copy (until purged, then 404).
    pub(crate) fn move_event(
        &mut self,
        calendar: &str,
        id: &str,
        destination: &str,
        actor: Actor,
    ) -> Result<Value, ApiError> {
        self.check_access(calendar, actor)?;
        self.check_access(destination, actor)?;
        let ev = self
            .stored(calendar, id)
            .filter(|ev| !resource::is_cancelled(ev))
            .cloned()
            .ok_or_else(ApiError::not_found)?;
        if ev.get("recurringEventId").is_some() {
            // Not documented either way; an instance belongs to its series.
            return Err(ApiError::invalid(
                "Cannot change the organizer of an instance.",
            ));
        }
        if resource::str_field(&ev, "eventType") != "default" {
            return Err(ApiError::bad_request(
                "eventTypeRestriction",
                "Only default events can be moved.",
            ));
        }
        if calendar == destination {
            return Ok(Value::Object(ev));
        }
        // The destination may hold a cancelled copy (moved out earlier):
        // moving back replaces it. A live event of that id is a conflict.
        if self
            .stored(destination, id)
            .is_some_and(|d| !resource::is_cancelled(d))
        {
            return Err(ApiError::new(
                409,
                "global",
                "duplicate",
                "The requested identifier already exists.",
            ));
        }
        let prefix = format!("{id}_");
        let exceptions: Vec<Map<String, Value>> = self
            .cal(calendar)?
            .events
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(_, s)| s.event.clone())
            .filter(|e| e.get("recurringEventId").and_then(Value::as_str) == Some(id))
            .collect();
        let mut moved_out = None;
        for ev in std::iter::once(ev).chain(exceptions) {
            let stamp = self.stamp();
            let mut arrived = ev.clone();
            resource::reorganise(&mut arrived, destination, stamp);
            let answer = self.store(destination, arrived, stamp);
            moved_out.get_or_insert(answer);
            let stamp = self.stamp();
            let mut left = ev;
            resource::cancel(&mut left, stamp);
            self.store(calendar, left, stamp);
        }
        moved_out.ok_or_else(ApiError::not_found)
    }

    /// Removes every cancelled event (and the exceptions of cancelled
    /// series) for good; a cancelled instance of a live series stays, as the
    /// series would otherwise bring it back. Google keeps cancelled events for a while
    /// only and then forgets them; how long is not documented
    /// (<https://developers.google.com/calendar/api/v3/reference/events/list>,
    /// `showDeleted`). Returns how many went.
    pub(crate) fn purge_cancelled(&mut self) -> usize {
        let mut gone = 0;
        for cal in self.calendars.values_mut() {
            let dead_series: BTreeSet<String> = cal
                .events
                .iter()
                .filter(|(_, s)| resource::is_cancelled(&s.event) && series::is_series(&s.event))
                .map(|(id, _)| id.clone())
                .collect();
            let doomed: Vec<String> = cal
                .events
                .iter()
                .filter(|(_, s)| {
                    let series = s.event.get("recurringEventId").and_then(Value::as_str);
                    match series {
                        // A cancelled instance of a live series is part of
                        // the series (it stays cancelled); it goes with it.
                        Some(m) => dead_series.contains(m),
                        None => resource::is_cancelled(&s.event),
                    }
                })
                .map(|(id, _)| id.clone())
                .collect();
            for id in doomed {
                if let Some(s) = cal.events.remove(&id) {
                    cal.purged_upto = cal.purged_upto.max(s.seq);
                }
                cal.purged.insert(id);
                gone += 1;
            }
        }
        gone
    }
}

pub(crate) async fn move_event(
    State(google): State<Arc<Google>>,
    Path((calendar, id)): Path<(String, String)>,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let Some(destination) = params
        .iter()
        .find(|(k, _)| k == "destination")
        .map(|(_, v)| v.clone())
    else {
        return ApiError::bad_request("required", "Required parameter: destination")
            .into_response();
    };
    answer(
        google
            .lock()
            .move_event(&calendar, &id, &destination, Actor::Api),
    )
}
