//! `events.list`: full listings from a snapshot of the change sequence,
//! incremental ones from a sync token, both paged with opaque tokens.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::error::{ApiError, json_body};
use super::resource::{self as event, CALENDAR_TZ};
use super::state::{Google, GoogleState, Stored};

const DEFAULT_MAX: usize = 250;
const MAX_MAX: usize = 2500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Order {
    Id,
    StartTime,
    Updated,
}

/// The query of one list call.
#[derive(Debug, Default)]
struct ListQuery {
    max_results: Option<usize>,
    page_token: Option<String>,
    sync_token: Option<String>,
    show_deleted: Option<bool>,
    single_events: bool,
    time_min: Option<DateTime<Utc>>,
    time_max: Option<DateTime<Utc>>,
    updated_min: Option<DateTime<Utc>>,
    q: Option<String>,
    ical_uid: Option<String>,
    order_by: Option<Order>,
    private_props: Vec<(String, String)>,
    shared_props: Vec<(String, String)>,
}

impl ListQuery {
    fn parse(params: &[(String, String)]) -> Result<ListQuery, ApiError> {
        let mut q = ListQuery::default();
        for (key, value) in params {
            let v = value.as_str();
            match key.as_str() {
                "maxResults" => {
                    let n: i64 = v.parse().map_err(|_| bad_value(key, v))?;
                    if n < 1 {
                        return Err(ApiError::invalid(&format!(
                            "Invalid value '{v}'. Values must be within the range: [1, {MAX_MAX}]"
                        )));
                    }
                    q.max_results = Some(usize::try_from(n).unwrap_or(MAX_MAX).min(MAX_MAX));
                }
                "pageToken" => q.page_token = Some(v.to_string()),
                "syncToken" => q.sync_token = Some(v.to_string()),
                "showDeleted" => q.show_deleted = Some(boolean(key, v)?),
                "singleEvents" => q.single_events = boolean(key, v)?,
                "timeMin" => q.time_min = Some(instant(key, v)?),
                "timeMax" => q.time_max = Some(instant(key, v)?),
                "updatedMin" => q.updated_min = Some(instant(key, v)?),
                "q" => q.q = Some(v.to_string()),
                "iCalUID" => q.ical_uid = Some(v.to_string()),
                "orderBy" => {
                    q.order_by = Some(match v {
                        "startTime" => Order::StartTime,
                        "updated" => Order::Updated,
                        _ => return Err(bad_value(key, v)),
                    })
                }
                "privateExtendedProperty" => q.private_props.push(property(key, v)?),
                "sharedExtendedProperty" => q.shared_props.push(property(key, v)?),
                _ => {}
            }
        }
        if q.sync_token.is_some() {
            if q.time_min.is_some()
                || q.time_max.is_some()
                || q.updated_min.is_some()
                || q.q.is_some()
                || q.ical_uid.is_some()
                || q.order_by.is_some()
                || !q.private_props.is_empty()
                || !q.shared_props.is_empty()
            {
                return Err(ApiError::invalid(
                    "Sync token cannot be combined with timeMin, timeMax, updatedMin, q, \
                     iCalUID, orderBy or extended property filters.",
                ));
            }
            if q.show_deleted == Some(false) {
                return Err(ApiError::invalid(
                    "Sync token cannot be combined with showDeleted=false.",
                ));
            }
        }
        if q.order_by == Some(Order::StartTime) && !q.single_events {
            return Err(ApiError::invalid(
                "The requested ordering is not available for the particular query.",
            ));
        }
        if let (Some(min), Some(max)) = (q.time_min, q.time_max)
            && max < min
        {
            return Err(ApiError::time_range_empty());
        }
        Ok(q)
    }
}

fn bad_value(key: &str, v: &str) -> ApiError {
    ApiError::invalid(&format!("Invalid value '{v}' for {key}."))
}

fn boolean(key: &str, v: &str) -> Result<bool, ApiError> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(bad_value(key, v)),
    }
}

fn instant(key: &str, v: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(v)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ApiError::bad_request("badRequest", &format!("Bad Request: {key}")))
}

fn property(key: &str, v: &str) -> Result<(String, String), ApiError> {
    v.split_once('=')
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .ok_or_else(|| bad_value(key, v))
}

/// Where a paged listing stands; the page token is this, encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct PageState {
    /// Calendar.
    c: String,
    /// Incremental (from a sync token) or full.
    inc: bool,
    /// Changes after this sequence number (0 for a full listing).
    from: u64,
    /// Changes up to this sequence number: the snapshot taken at the first page.
    snap: u64,
    /// The sync token generation at the first page.
    generation: u64,
    order: Order,
    /// The sort key and id of the last event handed out.
    after: Option<(String, String)>,
    /// Pages handed out so far.
    page: u32,
}

/// A sync token, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct SyncState {
    c: String,
    generation: u64,
    snap: u64,
}

fn encode<T: Serialize>(prefix: &str, v: &T) -> String {
    let bytes = serde_json::to_vec(v).unwrap_or_default();
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

fn decode<T: for<'de> Deserialize<'de>>(prefix: &str, s: &str) -> Option<T> {
    let bytes = URL_SAFE_NO_PAD.decode(s.strip_prefix(prefix)?).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub(crate) async fn list(
    State(google): State<Arc<Google>>,
    Path(calendar): Path<String>,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let result = ListQuery::parse(&params).and_then(|q| {
        let mut st = google.lock();
        let short = st.faults.short_pages;
        list_events(&mut st, &calendar, &q, short)
    });
    match result {
        Ok(v) => json_body(&v),
        Err(e) => e.into_response(),
    }
}

fn list_events(
    st: &mut GoogleState,
    calendar: &str,
    q: &ListQuery,
    short_pages: bool,
) -> Result<Value, ApiError> {
    let order = q.order_by.unwrap_or(Order::Id);
    let (generation, now_seq) = (st.generation, st.seq);
    let state = if let Some(token) = &q.page_token {
        let p: PageState = decode("p", token)
            .filter(|p: &PageState| p.c == calendar && p.order == order)
            .ok_or_else(|| ApiError::invalid("Invalid page token value."))?;
        if p.inc && p.generation != generation {
            return Err(ApiError::full_sync_required());
        }
        p
    } else if let Some(token) = &q.sync_token {
        let s: SyncState = decode("s", token)
            .filter(|s: &SyncState| s.c == calendar && s.generation == generation)
            .filter(|s| s.snap <= now_seq)
            .ok_or_else(ApiError::full_sync_required)?;
        PageState {
            c: calendar.to_string(),
            inc: true,
            from: s.snap,
            snap: now_seq,
            generation,
            order,
            after: None,
            page: 0,
        }
    } else {
        PageState {
            c: calendar.to_string(),
            inc: false,
            from: 0,
            snap: now_seq,
            generation,
            order,
            after: None,
            page: 0,
        }
    };

    let cal = st.calendar(calendar);
    let mut rows: Vec<(String, &String, &Stored)> = cal
        .events
        .iter()
        .filter(|(_, s)| s.seq > state.from && s.seq <= state.snap)
        .filter(|(_, s)| state.inc || matches_filters(&s.event, q))
        .map(|(id, s)| (sort_key(order, &s.event), id, s))
        .collect();
    rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let start = match &state.after {
        Some((key, id)) => rows.partition_point(|(k, i, _)| (k, *i) <= (key, id)),
        None => 0,
    };
    let rest = &rows[start..];

    let max = q.max_results.unwrap_or(DEFAULT_MAX);
    let limit = if !short_pages {
        max
    } else if state.page % 3 == 1 {
        0
    } else {
        (max / 2).max(1)
    };
    let taken = &rest[..limit.min(rest.len())];
    // Short pages also end on an empty page that carries the sync token.
    let more = taken.len() < rest.len() || (short_pages && !taken.is_empty());

    let items: Vec<Value> = taken
        .iter()
        .map(|(_, _, s)| {
            if state.inc && event::is_cancelled(&s.event) {
                event::tombstone(&s.event)
            } else {
                Value::Object(s.event.clone())
            }
        })
        .collect();
    let updated = cal.updated.unwrap_or_else(Utc::now);

    let mut out = json!({
        "kind": "calendar#events",
        "etag": format!("\"p{}\"", state.snap.max(1)),
        "summary": calendar,
        "updated": event::millis(updated),
        "timeZone": CALENDAR_TZ.name(),
        "accessRole": "owner",
        "defaultReminders": [],
        "items": items,
    });
    if more {
        let after = taken
            .last()
            .map(|(k, id, _)| (k.clone(), (*id).clone()))
            .or(state.after.clone());
        let next = PageState {
            after,
            page: state.page + 1,
            ..state.clone()
        };
        out["nextPageToken"] = json!(encode("p", &next));
    } else {
        let sync = SyncState {
            c: calendar.to_string(),
            generation: state.generation,
            snap: state.snap,
        };
        out["nextSyncToken"] = json!(encode("s", &sync));
    }
    Ok(out)
}

fn sort_key(order: Order, ev: &Map<String, Value>) -> String {
    match order {
        Order::Id => String::new(),
        Order::Updated => event::str_field(ev, "updated").to_string(),
        Order::StartTime => event::when(ev, "start")
            .map(|w| event::millis(event::instant(w)))
            .unwrap_or_default(),
    }
}

/// The filters of a full listing.
fn matches_filters(ev: &Map<String, Value>, q: &ListQuery) -> bool {
    let updated = event::str_field(ev, "updated");
    let updated = DateTime::parse_from_rfc3339(updated)
        .map(|t| t.with_timezone(&Utc))
        .ok();
    // With updatedMin, deletions since then always come back.
    let show_deleted = q.show_deleted == Some(true) || q.updated_min.is_some();
    if event::is_cancelled(ev) && !show_deleted {
        return false;
    }
    if let Some(min) = q.updated_min
        && updated.is_some_and(|u| u < min)
    {
        return false;
    }
    if let Some(min) = q.time_min
        && event::when(ev, "end").is_some_and(|w| event::instant(w) <= min)
    {
        return false;
    }
    if let Some(max) = q.time_max
        && event::when(ev, "start").is_some_and(|w| event::instant(w) >= max)
    {
        return false;
    }
    if let Some(uid) = &q.ical_uid
        && event::str_field(ev, "iCalUID") != uid
    {
        return false;
    }
    if let Some(text) = &q.q {
        let hay = ["summary", "description", "location"]
            .iter()
            .map(|k| event::str_field(ev, k))
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if !text
            .split_whitespace()
            .all(|term| hay.contains(&term.to_lowercase()))
        {
            return false;
        }
    }
    props_match(ev, "private", &q.private_props) && props_match(ev, "shared", &q.shared_props)
}

fn props_match(ev: &Map<String, Value>, scope: &str, wanted: &[(String, String)]) -> bool {
    let props = ev
        .get("extendedProperties")
        .and_then(|p| p.get(scope))
        .and_then(Value::as_object);
    wanted.iter().all(|(k, v)| {
        props
            .and_then(|p| p.get(k))
            .and_then(Value::as_str)
            .is_some_and(|have| have == v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn seed(st: &mut GoogleState, n: usize) {
        for i in 0..n {
            let body = json!({
                "id": format!("ev{i:04}"),
                "summary": format!("job {i}"),
                "start": {"dateTime": format!("2026-11-{:02}T09:00:00Z", 1 + i % 28)},
                "end": {"dateTime": format!("2026-11-{:02}T10:00:00Z", 1 + i % 28)},
                "extendedProperties": {"private": {"renos_booking": i.to_string()}},
            });
            st.insert("c", &body, "me").expect("insert");
        }
    }

    /// Pages to the end; returns the ids and the sync token.
    fn drain(st: &mut GoogleState, base: &[(&str, &str)], short: bool) -> (Vec<Value>, String) {
        let mut items = Vec::new();
        let mut page: Option<String> = None;
        for _ in 0..1000 {
            let mut p = params(base);
            if let Some(t) = &page {
                p.push(("pageToken".into(), t.clone()));
            }
            let q = ListQuery::parse(&p).expect("query");
            let out = list_events(st, "c", &q, short).expect("list");
            items.extend(out["items"].as_array().expect("items").iter().cloned());
            match out.get("nextPageToken").and_then(Value::as_str) {
                Some(t) => {
                    assert!(out.get("nextSyncToken").is_none());
                    page = Some(t.to_string());
                }
                None => {
                    let sync = out["nextSyncToken"].as_str().expect("sync token");
                    return (items, sync.to_string());
                }
            }
        }
        panic!("paging never ended");
    }

    #[test]
    fn short_pages_page_everything_once() {
        let mut st = GoogleState::default();
        seed(&mut st, 11);
        let (items, _) = drain(&mut st, &[("maxResults", "4")], true);
        let mut ids: Vec<_> = items.iter().map(|e| e["id"].clone()).collect();
        assert_eq!(ids.len(), 11);
        ids.dedup();
        assert_eq!(ids.len(), 11);
    }

    #[test]
    fn filters() {
        let mut st = GoogleState::default();
        seed(&mut st, 10);
        let (items, _) = drain(
            &mut st,
            &[
                ("timeMin", "2026-11-03T09:30:00+00:00"),
                ("timeMax", "2026-11-06T09:00:00Z"),
            ],
            false,
        );
        let ids: Vec<_> = items
            .iter()
            .map(|e| e["id"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(ids, ["ev0002", "ev0003", "ev0004"]);
        let (items, _) = drain(
            &mut st,
            &[("privateExtendedProperty", "renos_booking=7")],
            false,
        );
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["id"], "ev0007");
        let (items, _) = drain(&mut st, &[("q", "JOB 9")], false);
        assert_eq!(items.len(), 1);
        let (items, _) = drain(
            &mut st,
            &[("orderBy", "startTime"), ("singleEvents", "true")],
            false,
        );
        assert_eq!(items.len(), 10);
    }

    #[test]
    fn bad_queries() {
        for p in [
            vec![("syncToken", "x"), ("timeMin", "2026-11-03T09:30:00Z")],
            vec![("syncToken", "x"), ("showDeleted", "false")],
            vec![("syncToken", "x"), ("privateExtendedProperty", "a=b")],
            vec![("maxResults", "0")],
            vec![("orderBy", "startTime")],
            vec![("showDeleted", "yes")],
            vec![
                ("timeMin", "2026-11-04T00:00:00Z"),
                ("timeMax", "2026-11-03T00:00:00Z"),
            ],
        ] {
            let e = ListQuery::parse(&params(&p)).expect_err("refused");
            assert_eq!(e.code, 400, "{p:?}");
        }
        let q = ListQuery::parse(&params(&[("maxResults", "99999"), ("alt", "json")])).expect("ok");
        assert_eq!(q.max_results, Some(MAX_MAX));
        let mut st = GoogleState::default();
        let q = ListQuery::parse(&params(&[("pageToken", "garbage")])).expect("query");
        assert_eq!(
            list_events(&mut st, "c", &q, false).map_err(|e| e.code),
            Err(400)
        );
        let q = ListQuery::parse(&params(&[("syncToken", "garbage")])).expect("query");
        let e = list_events(&mut st, "c", &q, false).expect_err("410");
        assert_eq!((e.code, e.reason), (410, "fullSyncRequired"));
    }

    #[test]
    fn sync_token_of_another_calendar_is_refused() {
        let mut st = GoogleState::default();
        seed(&mut st, 2);
        let (_, sync) = drain(&mut st, &[], false);
        let q = ListQuery::parse(&params(&[("syncToken", &sync)])).expect("query");
        assert!(list_events(&mut st, "c", &q, false).is_ok());
        let e = list_events(&mut st, "other", &q, false).expect_err("410");
        assert_eq!(e.code, 410);
    }
}
