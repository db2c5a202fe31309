//! `events.list` and `events.instances`: full listings and incremental ones
//! (from a sync token), paged with opaque tokens that remember the query
//! and expire. Pages read the live store; the sync token at the end covers
//! every change since the listing started.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::error::{ApiError, json_body};
use super::query::{DEFAULT_MAX, ListQuery, Order, matches_filters_but_time, query_digest};
use super::resource::{self as event, CALENDAR_TZ};
use super::rrule::Start;
use super::series;
use super::state::{Calendar, Google, GoogleState};

/// Where a paged listing stands; the page token is this, encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct PageState {
    /// Calendar.
    c: String,
    /// The query the listing started with (a digest of every parameter but
    /// the page token): each page must repeat it.
    q: String,
    /// Incremental (from a sync token) or full.
    inc: bool,
    /// Changes after this sequence number (0 for a full listing).
    from: u64,
    /// The sequence number when the listing started: its sync token covers
    /// every change after it, those made while paging included.
    snap: u64,
    /// The sync token generation at the first page.
    generation: u64,
    /// The page token epoch when this token was handed out.
    epoch: u64,
    /// When this token was handed out (Unix milliseconds, real time).
    issued: i64,
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
    answer(&google, &calendar, None, &params)
}

/// `events.instances`: the instances of one series, paged like a listing
/// (<https://developers.google.com/calendar/api/v3/reference/events/instances>).
pub(crate) async fn instances(
    State(google): State<Arc<Google>>,
    Path((calendar, id)): Path<(String, String)>,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    answer(&google, &calendar, Some(&id), &params)
}

fn answer(
    google: &Google,
    calendar: &str,
    series: Option<&str>,
    params: &[(String, String)],
) -> Response {
    let result = ListQuery::parse(params).and_then(|mut q| {
        let mut st = google.lock();
        let short = st.faults.short_pages;
        if let Some(id) = series {
            if q.sync_token.is_some() {
                return Err(ApiError::invalid("Unknown parameter: syncToken."));
            }
            q.single_events = true;
            q.series = Some(id.to_string());
        }
        q.digest = query_digest(series.unwrap_or(""), params);
        list_events(&mut st, calendar, &q, short)
    });
    match result {
        Ok(v) => json_body(&v),
        Err(e) => e.into_response(),
    }
}

/// The page a token continues from, or why not.
fn page_state(
    st: &GoogleState,
    calendar: &str,
    q: &ListQuery,
    order: Order,
) -> Result<PageState, ApiError> {
    let (generation, now_seq) = (st.generation, st.seq);
    let invalid = || ApiError::invalid("Invalid page token value.");
    if let Some(token) = &q.page_token {
        let p: PageState = decode("p", token)
            .filter(|p: &PageState| p.c == calendar && p.order == order && p.q == q.digest)
            .ok_or_else(invalid)?;
        let age = Utc::now().timestamp_millis().saturating_sub(p.issued);
        let ttl = i64::try_from(st.page_ttl.as_millis()).unwrap_or(i64::MAX);
        if p.epoch != st.page_epoch || age > ttl {
            // Google does not document what an expired page token answers.
            // An incremental listing can start over from a full sync (410,
            // as for an expired sync token); a full one is a bad request.
            return Err(if p.inc {
                ApiError::full_sync_required()
            } else {
                invalid()
            });
        }
        if p.inc && p.generation != generation {
            return Err(ApiError::full_sync_required());
        }
        // An incremental listing whose changes lost a deletion to a purge
        // while it was paged can no longer report it.
        if p.inc
            && st
                .calendars
                .get(calendar)
                .is_some_and(|c| c.purged_upto > p.from)
        {
            return Err(ApiError::full_sync_required());
        }
        return Ok(p);
    }
    let (inc, from) = match &q.sync_token {
        Some(token) => {
            let s: SyncState = decode("s", token)
                .filter(|s: &SyncState| s.c == calendar && s.generation == generation)
                .filter(|s| s.snap <= now_seq)
                .filter(|s| {
                    st.calendars
                        .get(calendar)
                        .is_none_or(|c| s.snap >= c.purged_upto)
                })
                .ok_or_else(ApiError::full_sync_required)?;
            (true, s.snap)
        }
        None => (false, 0),
    };
    Ok(PageState {
        c: calendar.to_string(),
        q: q.digest.clone(),
        inc,
        from,
        snap: now_seq,
        generation,
        epoch: st.page_epoch,
        issued: 0,
        order,
        after: None,
        page: 0,
    })
}

/// One event as a listing sees it. An instance of a series is built only
/// when its page is handed out: a listing of thousands of instances then
/// costs a sort of ids per page, not a copy of every instance.
struct Row<'a> {
    key: String,
    id: String,
    src: Src<'a>,
}

enum Src<'a> {
    Stored(&'a Map<String, Value>),
    Owned(Map<String, Value>),
    /// An instance of `series` at `start` (cancelled with its series).
    Instance {
        series: &'a Map<String, Value>,
        start: Start,
        cancelled: bool,
    },
}

impl Src<'_> {
    /// The event itself, or for an instance its series (which decides
    /// every filter but the times).
    fn judged(&self) -> &Map<String, Value> {
        match self {
            Src::Stored(ev) => ev,
            Src::Owned(ev) => ev,
            Src::Instance { series, .. } => series,
        }
    }

    fn event(&self) -> Map<String, Value> {
        match self {
            Src::Stored(ev) => (*ev).clone(),
            Src::Owned(ev) => ev.clone(),
            Src::Instance {
                series,
                start,
                cancelled,
            } => {
                let mut inst = series::instance(series, *start);
                if *cancelled {
                    inst.insert("status".into(), json!("cancelled"));
                }
                inst
            }
        }
    }
}

/// What the listing holds right now (pages read the live store): stored
/// events changed after `from`, series expanded into instances when
/// `singleEvents` is on, exceptions in place of the instances they change.
fn rows<'a>(cal: &'a Calendar, q: &ListQuery, state: &PageState, order: Order) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    let (from, to) = if state.inc {
        (None, None)
    } else {
        (q.time_min, q.time_max)
    };
    // Series changed since `from`: their unchanged exceptions come along.
    // Everything else unchanged is skipped before its fields are read, so
    // an incremental listing with nothing new costs a scan of numbers.
    let changed_series: BTreeSet<&str> = cal
        .events
        .iter()
        .filter(|(_, s)| s.seq > state.from && series::is_series(&s.event))
        .map(|(id, _)| id.as_str())
        .collect();
    for (id, stored) in &cal.events {
        let ev = &stored.event;
        if stored.seq <= state.from
            && (changed_series.is_empty()
                || !ev
                    .get("recurringEventId")
                    .and_then(Value::as_str)
                    .is_some_and(|m| changed_series.contains(m)))
        {
            continue;
        }
        if let Some(only) = &q.series
            && id != only
            && ev.get("recurringEventId").and_then(Value::as_str) != Some(only.as_str())
        {
            continue;
        }
        let master = ev
            .get("recurringEventId")
            .and_then(Value::as_str)
            .and_then(|m| cal.events.get(m));
        let changed = stored.seq > state.from;
        if series::is_series(ev) {
            if !q.single_events {
                if changed && (state.inc || !cal.starts(id, stored, from, to).is_empty()) {
                    out.push(row(order, Src::Stored(ev)));
                }
                continue;
            }
            if !changed {
                continue;
            }
            let cancelled = event::is_cancelled(ev);
            for &start in cal.starts(id, stored, from, to).iter() {
                let inst_id = series::instance_id(id, start);
                if cal.events.contains_key(&inst_id) {
                    continue; // the exception stands in for it
                }
                let src = Src::Instance {
                    series: ev,
                    start,
                    cancelled,
                };
                out.push(match order {
                    Order::Id => Row {
                        key: String::new(),
                        id: inst_id,
                        src,
                    },
                    _ => row(order, Src::Owned(src.event())),
                });
            }
            continue;
        }
        // A single event, or an exception.
        let master_changed = master.is_some_and(|m| m.seq > state.from);
        if !changed && !master_changed {
            continue;
        }
        if master.is_some_and(|m| event::is_cancelled(&m.event)) {
            let mut ev = ev.clone();
            ev.insert("status".into(), json!("cancelled"));
            out.push(row(order, Src::Owned(ev)));
        } else {
            out.push(row(order, Src::Stored(ev)));
        }
    }
    out
}

fn row(order: Order, src: Src<'_>) -> Row<'_> {
    let ev = src.judged();
    Row {
        key: sort_key(order, ev),
        id: event::str_field(ev, "id").to_string(),
        src,
    }
}

fn list_events(
    st: &mut GoogleState,
    calendar: &str,
    q: &ListQuery,
    short_pages: bool,
) -> Result<Value, ApiError> {
    let order = q.order_by.unwrap_or(Order::Id);
    st.cal(calendar)?;
    let state = page_state(st, calendar, q, order)?;
    let cal = st.cal(calendar)?;
    if let Some(id) = &q.series
        && !cal.events.contains_key(id)
    {
        return Err(ApiError::not_found());
    }
    let mut rows: Vec<Row> = rows(cal, q, &state, order);
    rows.sort_by(|a, b| (&a.key, &a.id).cmp(&(&b.key, &b.id)));
    let start = match &state.after {
        Some((key, id)) => rows.partition_point(|r| (&r.key, &r.id) <= (key, id)),
        None => 0,
    };

    let max = q.max_results.unwrap_or(DEFAULT_MAX);
    let limit = if !short_pages {
        max
    } else if state.page % 3 == 1 {
        0
    } else {
        (max / 2).max(1)
    };
    // The filters are read only from this page on, and only until the
    // page is full and one more row shows that more remain.
    let wanted = |r: &Row| {
        let instance = matches!(r.src, Src::Instance { .. });
        types_match(r.src.judged(), &q.event_types)
            && (state.inc || matches_filters_but_time(r.src.judged(), q, !instance))
    };
    let mut taken: Vec<&Row> = Vec::new();
    let mut more = false;
    for r in rows[start..].iter().filter(|r| wanted(r)) {
        if taken.len() == limit {
            more = true;
            break;
        }
        taken.push(r);
    }
    // Short pages also end on an empty page that carries the sync token.
    more |= short_pages && !taken.is_empty();

    let items: Vec<Value> = taken
        .iter()
        .map(|r| {
            let ev = r.src.event();
            if state.inc && event::is_cancelled(&ev) {
                event::tombstone(&ev)
            } else {
                Value::Object(ev)
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
        "accessRole": cal.role.as_str(),
        "defaultReminders": [],
        "items": items,
    });
    if more {
        let after = taken
            .last()
            .map(|r| (r.key.clone(), r.id.clone()))
            .or(state.after.clone());
        let next = PageState {
            after,
            page: state.page + 1,
            epoch: st.page_epoch,
            issued: Utc::now().timestamp_millis(),
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

/// `eventTypes`: only those types; none given, every type
/// (<https://developers.google.com/calendar/api/v3/reference/events/list>).
fn types_match(ev: &Map<String, Value>, types: &[String]) -> bool {
    if types.is_empty() {
        return true;
    }
    let t = ev
        .get("eventType")
        .and_then(Value::as_str)
        .unwrap_or("default");
    types.iter().any(|w| w == t)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::CalendarRole;
    use crate::sandbox::google::query::MAX_MAX;

    fn with_calendars() -> GoogleState {
        let mut st = GoogleState::default();
        st.add_calendar("c", CalendarRole::Owner);
        st.add_calendar("d", CalendarRole::Owner);
        st
    }

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
            let mut q = ListQuery::parse(&p).expect("query");
            q.digest = query_digest("", &p);
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
        let mut st = with_calendars();
        seed(&mut st, 11);
        let (items, _) = drain(&mut st, &[("maxResults", "4")], true);
        let mut ids: Vec<_> = items.iter().map(|e| e["id"].clone()).collect();
        assert_eq!(ids.len(), 11);
        ids.dedup();
        assert_eq!(ids.len(), 11);
    }

    #[test]
    fn filters() {
        let mut st = with_calendars();
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
        let mut st = with_calendars();
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
        let mut st = with_calendars();
        seed(&mut st, 2);
        let (_, sync) = drain(&mut st, &[], false);
        let q = ListQuery::parse(&params(&[("syncToken", &sync)])).expect("query");
        assert!(list_events(&mut st, "c", &q, false).is_ok());
        let e = list_events(&mut st, "d", &q, false).expect_err("410");
        assert_eq!(e.code, 410);
    }
}
