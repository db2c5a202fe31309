//! `calendarView/delta`: rounds of paged listings, then only changes.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::events::{Params, error, expanded, render};
use super::state::{Graph, Paging, Round, Stored, opaque};
use super::times::{self, overlaps};

/// The page size of a delta listing without `Prefer: odata.maxpagesize`.
const DEFAULT_PAGE: usize = 10;

/// `GET /users/{id}/calendarView/delta` ("event: delta",
/// https://learn.microsoft.com/en-us/graph/api/event-delta, and "Get
/// incremental changes to events in a calendar view",
/// https://learn.microsoft.com/en-us/graph/delta-query-events): the first
/// request names `startDateTime` and `endDateTime`; each page ends with an
/// `@odata.nextLink` (`$skiptoken`) or, on the last, an `@odata.deltaLink`
/// (`$deltatoken`). The state tokens carry the window and the other query
/// parameters, so later requests name only the token. Deleted events come as
/// `{"id", "@removed": {"reason": "deleted"}}`; a token the service no
/// longer knows is 410 Gone `syncStateNotFound`. Like a calendar view, the
/// listing holds single instances, occurrences and exceptions of series, not
/// the series masters.
pub(crate) async fn delta(
    State(graph): State<Arc<Graph>>,
    Path(user): Path<String>,
    Query(params): Params,
    headers: HeaderMap,
) -> Response {
    let page_size = headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find_map(|p| p.trim().strip_prefix("odata.maxpagesize=")?.parse().ok())
        .filter(|n: &usize| *n > 0)
        .unwrap_or(DEFAULT_PAGE);
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_string();
    let base = format!("http://{host}/graph/v1.0/users/{user}/calendarView/delta");
    let gone = || {
        error(
            410,
            "syncStateNotFound",
            "The sync state generation is not found or has expired. Do a full sync.",
        )
    };
    let mut st = graph.lock();
    st.stats.delta += 1;
    let mut paging = if let Some(skip) = params.get("$skiptoken") {
        match st.pages.remove(skip) {
            Some(p) if p.round.user == user => p,
            _ => return gone(),
        }
    } else {
        let round = if let Some(token) = params.get("$deltatoken") {
            match st.deltas.get(token) {
                Some(r) if r.user == user => r.clone(),
                _ => return gone(),
            }
        } else {
            let (Some(s), Some(e)) = (params.get("startDateTime"), params.get("endDateTime"))
            else {
                return error(
                    400,
                    "ErrorInvalidParameter",
                    "This request requires a time window specified by the query string \
                     parameters StartDateTime and EndDateTime.",
                );
            };
            let (Some(start), Some(end)) = (times::instant(s), times::instant(e)) else {
                return error(400, "ErrorInvalidParameter", "The window is not valid.");
            };
            Round {
                user: user.clone(),
                start,
                end,
                since: 0,
                first: true,
                expand: expanded(&params),
            }
        };
        let entries = entries(&st.events, &round);
        Paging {
            round,
            upto: st.seq,
            entries,
        }
    };
    let rest = if paging.entries.len() > page_size {
        paging.entries.split_off(page_size)
    } else {
        Vec::new()
    };
    let page = std::mem::take(&mut paging.entries);
    let mut body = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(event)",
        "value": page,
    });
    if rest.is_empty() {
        let token = opaque();
        let round = Round {
            since: paging.upto,
            first: false,
            ..paging.round
        };
        st.deltas.insert(token.clone(), round);
        body["@odata.deltaLink"] = json!(format!("{base}?$deltatoken={token}"));
    } else {
        let token = opaque();
        paging.entries = rest;
        st.pages.insert(token.clone(), paging);
        body["@odata.nextLink"] = json!(format!("{base}?$skiptoken={token}"));
    }
    let mut resp = Json(body).into_response();
    if let Ok(v) = format!("odata.maxpagesize={page_size}").parse() {
        resp.headers_mut().insert("preference-applied", v);
    }
    resp
}

/// What a round lists: the events changed after `since` in its window
/// (series as their occurrences), deletions as `@removed`.
fn entries(events: &std::collections::BTreeMap<String, Stored>, round: &Round) -> Vec<Value> {
    let mut out = Vec::new();
    for e in events.values() {
        if e.user != round.user || e.seq <= round.since {
            continue;
        }
        let occurrences = super::series::occurrences(e, round.start, round.end);
        if e.deleted {
            if !round.first {
                let mut ids = vec![e.id.clone()];
                ids.extend(occurrences.iter().map(|o| o.id.clone()));
                for id in ids {
                    out.push(json!({
                        "@odata.type": "#microsoft.graph.event",
                        "id": id,
                        "@removed": {"reason": "deleted"},
                    }));
                }
            }
            continue;
        }
        if e.fields.get("type").and_then(Value::as_str) == Some("seriesMaster") {
            // Occurrences changed on their own are listed as exceptions.
            for o in occurrences.iter().filter(|o| !events.contains_key(&o.id)) {
                out.push(render(o, &round.expand));
            }
        } else if overlaps(&e.fields, round.start, round.end) {
            out.push(render(e, &round.expand));
        }
    }
    out
}
