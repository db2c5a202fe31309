//! The routes of the fake Graph: the token endpoint, the gate in front of
//! every API call (faults, throttling, the access token), events, and
//! `calendarView/delta`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde_json::{Map, Value, json};

use super::state::{Graph, Paging, Round, Stored, opaque};
use super::times::{self, overlaps};
use super::{CLIENT_ID, CLIENT_SECRET, TENANT_ID};
use crate::sandbox::faults::{Counted, applies, broken_answer, dropped, take_counted};
use crate::sandbox::net::ConnHandle;

/// Seconds an access token lives unless the tests say otherwise (the
/// documented `expires_in` of a client-credentials token is about an hour).
const TOKEN_SECONDS: u64 = 3599;
/// The page size of a delta listing without `Prefer: odata.maxpagesize`.
const DEFAULT_PAGE: usize = 10;

/// An error in Graph's shape: `{"error": {"code", "message"}}`.
pub(crate) fn error(status: u16, code: &str, message: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        Json(json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}

/// `POST /{tenant}/oauth2/v2.0/token`, the client credentials grant
/// ("Get access tokens to call Microsoft Graph (client credentials)",
/// https://learn.microsoft.com/en-us/graph/auth-v2-service): form fields
/// `client_id`, `client_secret`, `scope=https://graph.microsoft.com/.default`,
/// `grant_type=client_credentials`; the answer has `token_type`,
/// `expires_in` and `access_token`. Errors are OAuth's
/// (`{"error", "error_description"}`).
pub(crate) async fn token(
    State(graph): State<Arc<Graph>>,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let oauth = |status: StatusCode, code: &str, text: &str| {
        (
            status,
            Json(json!({"error": code, "error_description": text})),
        )
            .into_response()
    };
    if tenant != TENANT_ID {
        return oauth(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "AADSTS90002: Tenant not found.",
        );
    }
    if form.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return oauth(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "AADSTS70003: The app requested an unsupported grant type.",
        );
    }
    if form.get("scope").map(String::as_str) != Some("https://graph.microsoft.com/.default") {
        return oauth(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "AADSTS1002012: The provided value for scope is not valid.",
        );
    }
    if form.get("client_id").map(String::as_str) != Some(CLIENT_ID)
        || form.get("client_secret").map(String::as_str) != Some(CLIENT_SECRET)
    {
        return oauth(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "AADSTS7000215: Invalid client secret provided.",
        );
    }
    let mut st = graph.lock();
    st.stats.tokens += 1;
    let life = st
        .token_lifetime
        .unwrap_or(Duration::from_secs(TOKEN_SECONDS));
    let access = format!("eyJ0eXAi.{}", opaque());
    st.tokens.insert(access.clone(), Instant::now() + life);
    Json(json!({
        "token_type": "Bearer",
        "expires_in": life.as_secs(),
        "ext_expires_in": life.as_secs(),
        "access_token": access,
    }))
    .into_response()
}

/// In front of every API call: a counted fault, the throttling quota
/// ("Microsoft Graph throttling guidance",
/// https://learn.microsoft.com/en-us/graph/throttling: 429 with
/// `Retry-After` in seconds), then the bearer token (401
/// `InvalidAuthenticationToken` when missing or expired).
pub(crate) async fn gate(State(graph): State<Arc<Graph>>, req: Request, next: Next) -> Response {
    let conn = req
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|c| c.0.clone());
    let path = req.uri().path().to_string();
    let (fault, throttled, retry_after) = {
        let mut guard = graph.lock();
        let st = &mut *guard;
        let f = &mut st.faults;
        let fault = if applies(f.fail_on.as_deref(), &path) {
            take_counted(
                &mut f.drop_before,
                &mut f.rate_limit,
                &mut f.server_error,
                &mut f.drop_after,
            )
        } else {
            None
        };
        let retry_after = st.faults.retry_after_secs.max(1);
        let throttled = st.throttle(Instant::now());
        if throttled.is_some() || fault == Some(Counted::RateLimit) {
            st.stats.throttled += 1;
        }
        (fault, throttled, retry_after)
    };
    match fault {
        Some(Counted::DropBefore) => return dropped(conn),
        Some(Counted::RateLimit) => return too_many(retry_after),
        Some(Counted::ServerError) => {
            return error(
                503,
                "serviceNotAvailable",
                "The service is temporarily unavailable.",
            );
        }
        _ => {}
    }
    if let Some(secs) = throttled {
        return too_many(secs);
    }
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let valid = bearer.is_some_and(|t| {
        graph
            .lock()
            .tokens
            .get(&t)
            .is_some_and(|exp| *exp > Instant::now())
    });
    if !valid {
        return error(
            401,
            "InvalidAuthenticationToken",
            "Access token has expired or is not yet valid.",
        );
    }
    let resp = next.run(req).await;
    if fault == Some(Counted::DropAfter) {
        return broken_answer(conn, resp).await;
    }
    resp
}

fn too_many(secs: u64) -> Response {
    let mut resp = error(
        429,
        "TooManyRequests",
        "Too many requests. Retry after the time in Retry-After.",
    );
    if let Ok(v) = secs.to_string().parse() {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

type Params = Query<HashMap<String, String>>;

/// The property id named in `$expand=singleValueExtendedProperties($filter=id
/// eq '…')` ("Get singleValueLegacyExtendedProperty",
/// https://learn.microsoft.com/en-us/graph/api/singlevaluelegacyextendedproperty-get).
fn expanded(params: &HashMap<String, String>) -> Option<String> {
    let e = params.get("$expand")?;
    let rest = e.strip_prefix("singleValueExtendedProperties(")?;
    let rest = rest.strip_suffix(')')?;
    let rest = rest.strip_prefix("$filter=")?;
    quoted_after(rest, "id eq ")
}

/// The OData string literal after `key` in `text` (`''` is a quote).
fn quoted_after(text: &str, key: &str) -> Option<String> {
    let at = text.find(key)? + key.len();
    let rest = text[at..].strip_prefix('\'')?;
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            if chars.peek() == Some(&'\'') {
                chars.next();
                out.push('\'');
            } else {
                return Some(out);
            }
        } else {
            out.push(c);
        }
    }
    None
}

/// An event as Graph sends it.
pub(crate) fn render(e: &Stored, expand: Option<&str>) -> Value {
    let mut v = Map::new();
    v.insert("@odata.etag".into(), json!(e.etag()));
    v.insert("id".into(), json!(e.id));
    v.insert("changeKey".into(), json!(e.change_key));
    for (k, val) in &e.fields {
        v.insert(k.clone(), val.clone());
    }
    v.entry("type").or_insert(json!("singleInstance"));
    if let Some(pid) = expand {
        let props: Vec<Value> = e
            .props
            .iter()
            .filter(|(id, _)| id.eq_ignore_ascii_case(pid))
            .map(|(id, value)| json!({"id": id, "value": value}))
            .collect();
        if !props.is_empty() {
            v.insert("singleValueExtendedProperties".into(), json!(props));
        }
    }
    Value::Object(v)
}

/// An event's writable fields and its extended properties.
type Writable = (Map<String, Value>, Vec<(String, String)>);

/// The writable fields of a create or PATCH body, checked; extended
/// properties apart ("Create singleValueLegacyExtendedProperty",
/// https://learn.microsoft.com/en-us/graph/api/singlevaluelegacyextendedproperty-post-singlevalueextendedproperties:
/// `[{"id": "String {GUID} Name …", "value": "…"}]`).
/// The message of a 400 `ErrorInvalidRequest` when the body is refused.
fn writable(body: &Bytes) -> Result<Writable, String> {
    let bad = |m: &str| m.to_string();
    let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(body) else {
        return Err(bad("The body is not a JSON object."));
    };
    let all_day = obj
        .get("isAllDay")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut fields = Map::new();
    let mut props = Vec::new();
    for (k, v) in obj {
        match k.as_str() {
            "subject" | "showAs" | "isCancelled" | "isAllDay" | "body" | "location"
            | "recurrence" | "categories" | "sensitivity" | "importance" => {
                fields.insert(k, v);
            }
            "start" | "end" => {
                let t = times::normalise(&v, all_day).map_err(|m| bad(&m))?;
                fields.insert(k, t);
            }
            "singleValueExtendedProperties" => {
                for p in v.as_array().cloned().unwrap_or_default() {
                    let (Some(id), Some(value)) = (
                        p.get("id").and_then(Value::as_str),
                        p.get("value").and_then(Value::as_str),
                    ) else {
                        return Err(bad("An extended property needs an id and a value."));
                    };
                    if !id.starts_with("String {") {
                        return Err(bad("The extended property id is not valid."));
                    }
                    props.push((id.to_string(), value.to_string()));
                }
            }
            _ if k.starts_with("@odata") || k == "id" || k == "changeKey" => {}
            _ => {
                return Err(bad(&format!(
                    "Could not find a property named '{k}' on type 'microsoft.graph.event'."
                )));
            }
        }
    }
    Ok((fields, props))
}

fn precondition(headers: &HeaderMap, e: &Stored) -> Option<Response> {
    let asked = headers.get(header::IF_MATCH)?.to_str().ok()?;
    if asked.trim() == "*" || asked.trim() == e.etag() {
        None
    } else {
        Some(error(
            412,
            "ErrorIrresolvableConflict",
            "The change key passed in the request does not match the current change key of the item.",
        ))
    }
}

fn not_found() -> Response {
    error(
        404,
        "ErrorItemNotFound",
        "The specified object was not found in the store.",
    )
}

/// `POST /users/{id}/calendar/events`: 201 with the event.
pub(crate) async fn create(
    State(graph): State<Arc<Graph>>,
    Path(user): Path<String>,
    body: Bytes,
) -> Response {
    let (mut fields, props) = match writable(&body) {
        Ok(w) => w,
        Err(m) => return error(400, "ErrorInvalidRequest", &m),
    };
    if !fields.contains_key("start") || !fields.contains_key("end") {
        return error(
            400,
            "ErrorInvalidRequest",
            "An event needs a start and an end.",
        );
    }
    if fields.get("recurrence").is_some_and(|r| !r.is_null()) {
        fields.insert("type".into(), json!("seriesMaster"));
    }
    let mut st = graph.lock();
    st.stats.creates += 1;
    let seq = st.bump();
    let id = format!("AAMkAD{}", opaque());
    let e = Stored {
        id: id.clone(),
        user,
        change_key: opaque(),
        fields,
        props: props.into_iter().collect(),
        seq,
        deleted: false,
    };
    let v = render(&e, None);
    st.events.insert(id, e);
    (StatusCode::CREATED, Json(v)).into_response()
}

/// `GET /users/{id}/calendar/events/{id}`.
pub(crate) async fn get_one(
    State(graph): State<Arc<Graph>>,
    Path((user, id)): Path<(String, String)>,
    Query(params): Params,
) -> Response {
    let mut st = graph.lock();
    st.stats.gets += 1;
    match st.events.get(&id) {
        Some(e) if !e.deleted && e.user == user => {
            Json(render(e, expanded(&params).as_deref())).into_response()
        }
        _ => not_found(),
    }
}

/// `GET /users/{id}/calendar/events?$filter=singleValueExtendedProperties/Any(ep:
/// ep/id eq '…' and ep/value eq '…')`: the events carrying that value.
pub(crate) async fn list(
    State(graph): State<Arc<Graph>>,
    Path(user): Path<String>,
    Query(params): Params,
) -> Response {
    let filter = params.get("$filter").cloned().unwrap_or_default();
    let wanted = match (
        quoted_after(&filter, "ep/id eq "),
        quoted_after(&filter, "ep/value eq "),
    ) {
        (Some(id), Some(value)) => Some((id, value)),
        _ if filter.is_empty() => None,
        _ => {
            return error(
                400,
                "ErrorInvalidUrlQueryFilter",
                "The filter is not supported.",
            );
        }
    };
    let expand = expanded(&params);
    let mut st = graph.lock();
    st.stats.gets += 1;
    let value: Vec<Value> = st
        .events
        .values()
        .filter(|e| !e.deleted && e.user == user)
        .filter(|e| {
            wanted.as_ref().is_none_or(|(id, value)| {
                e.props
                    .iter()
                    .any(|(k, v)| k.eq_ignore_ascii_case(id) && v == value)
            })
        })
        .map(|e| render(e, expand.as_deref()))
        .collect();
    Json(json!({"value": value})).into_response()
}

/// `PATCH /users/{id}/calendar/events/{id}`, with `If-Match` honoured (412
/// when the change key moved on).
pub(crate) async fn update(
    State(graph): State<Arc<Graph>>,
    Path((user, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (fields, props) = match writable(&body) {
        Ok(w) => w,
        Err(m) => return error(400, "ErrorInvalidRequest", &m),
    };
    let mut guard = graph.lock();
    let st = &mut *guard;
    st.stats.updates += 1;
    let seq = st.seq + 1;
    let Some(e) = st
        .events
        .get_mut(&id)
        .filter(|e| !e.deleted && e.user == user)
    else {
        return not_found();
    };
    if let Some(r) = precondition(&headers, e) {
        st.stats.preconditions_failed += 1;
        return r;
    }
    for (k, v) in fields {
        e.fields.insert(k, v);
    }
    e.props.extend(props);
    e.change_key = opaque();
    e.seq = seq;
    let v = render(e, None);
    st.seq = seq;
    Json(v).into_response()
}

/// `DELETE /users/{id}/calendar/events/{id}`: 204; `If-Match` honoured.
pub(crate) async fn delete(
    State(graph): State<Arc<Graph>>,
    Path((user, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let mut guard = graph.lock();
    let st = &mut *guard;
    st.stats.deletes += 1;
    let seq = st.seq + 1;
    let Some(e) = st
        .events
        .get_mut(&id)
        .filter(|e| !e.deleted && e.user == user)
    else {
        return not_found();
    };
    if let Some(r) = precondition(&headers, e) {
        st.stats.preconditions_failed += 1;
        return r;
    }
    e.deleted = true;
    e.seq = seq;
    st.seq = seq;
    StatusCode::NO_CONTENT.into_response()
}

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
            if round.since > 0 {
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
            for o in &occurrences {
                out.push(render(o, round.expand.as_deref()));
            }
        } else if overlaps(&e.fields, round.start, round.end) {
            out.push(render(e, round.expand.as_deref()));
        }
    }
    out
}
