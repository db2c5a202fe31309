//! Events of a user's default calendar: create, read, list by an extended
//! property, PATCH and DELETE with `If-Match`, and errors in Graph's shape.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::state::{Graph, Stored, opaque};
use super::times;

/// An error in Graph's shape: `{"error": {"code", "message"}}`.
pub(crate) fn error(status: u16, code: &str, message: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        Json(json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}

/// A request's query parameters.
pub(crate) type Params = Query<HashMap<String, String>>;

/// The property ids named in `$expand=singleValueExtendedProperties($filter=id
/// eq '…')`, several joined by `or` ("Get singleValueLegacyExtendedProperty",
/// https://learn.microsoft.com/en-us/graph/api/singlevaluelegacyextendedproperty-get).
pub(crate) fn expanded(params: &HashMap<String, String>) -> Vec<String> {
    let Some(rest) = params
        .get("$expand")
        .and_then(|e| e.strip_prefix("singleValueExtendedProperties("))
        .and_then(|r| r.strip_suffix(')'))
        .and_then(|r| r.strip_prefix("$filter="))
    else {
        return Vec::new();
    };
    rest.split(" or ")
        .filter_map(|part| quoted_after(part, "id eq "))
        .collect()
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
pub(crate) fn render(e: &Stored, expand: &[String]) -> Value {
    let mut v = Map::new();
    v.insert("@odata.etag".into(), json!(e.etag()));
    v.insert("id".into(), json!(e.id));
    v.insert("changeKey".into(), json!(e.change_key));
    for (k, val) in &e.fields {
        v.insert(k.clone(), val.clone());
    }
    v.entry("type").or_insert(json!("singleInstance"));
    if !expand.is_empty() {
        let props: Vec<Value> = e
            .props
            .iter()
            .filter(|(id, _)| expand.iter().any(|pid| id.eq_ignore_ascii_case(pid)))
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
fn writable(body: &[u8]) -> Result<Writable, String> {
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
    graph.lock().stats.creates += 1;
    match add(&graph, user, &body) {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(m) => error(400, "ErrorInvalidRequest", &m),
    }
}

/// A new event of `user` from a request body (JSON), as Graph renders it;
/// why it is refused otherwise. The create request's work, and the admin's
/// (`GraphAdmin::add_event`).
pub(super) fn add(graph: &Graph, user: String, body: &[u8]) -> Result<Value, String> {
    let (mut fields, props) = writable(body)?;
    if !fields.contains_key("start") || !fields.contains_key("end") {
        return Err("An event needs a start and an end.".into());
    }
    if fields.get("recurrence").is_some_and(|r| !r.is_null()) {
        fields.insert("type".into(), json!("seriesMaster"));
    }
    let mut st = graph.lock();
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
    let v = render(&e, &[]);
    st.events.insert(id, e);
    Ok(v)
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
            Json(render(e, &expanded(&params))).into_response()
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
        .map(|e| render(e, &expand))
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
    // An occurrence of a series changed on its own becomes an exception.
    if !st.events.contains_key(&id)
        && let Some(exception) = super::series::exception_for(&st.events, &user, &id)
    {
        st.events.insert(id.clone(), exception);
    }
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
    let v = render(e, &[]);
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
    // A series goes with its exceptions.
    for x in st.events.values_mut() {
        if x.fields.get("seriesMasterId").and_then(Value::as_str) == Some(id.as_str()) {
            x.deleted = true;
            x.seq = seq;
        }
    }
    st.seq = seq;
    StatusCode::NO_CONTENT.into_response()
}
