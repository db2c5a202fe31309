//! The query of `events.list` / `events.instances`: its parameters checked
//! as Google checks them
//! (<https://developers.google.com/calendar/api/v3/reference/events/list>),
//! the filters of a full listing, and the digest a page token keeps.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::error::ApiError;
use super::events::EVENT_TYPES;
use super::resource as event;

pub(crate) const DEFAULT_MAX: usize = 250;
pub(crate) const MAX_MAX: usize = 2500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Order {
    Id,
    StartTime,
    Updated,
}

/// The query of one list call.
#[derive(Debug, Default)]
pub(crate) struct ListQuery {
    pub(crate) max_results: Option<usize>,
    pub(crate) page_token: Option<String>,
    pub(crate) sync_token: Option<String>,
    pub(crate) show_deleted: Option<bool>,
    pub(crate) single_events: bool,
    pub(crate) time_min: Option<DateTime<Utc>>,
    pub(crate) time_max: Option<DateTime<Utc>>,
    pub(crate) updated_min: Option<DateTime<Utc>>,
    pub(crate) q: Option<String>,
    pub(crate) ical_uid: Option<String>,
    pub(crate) order_by: Option<Order>,
    pub(crate) private_props: Vec<(String, String)>,
    pub(crate) shared_props: Vec<(String, String)>,
    pub(crate) event_types: Vec<String>,
    /// `events.instances`: only this series.
    pub(crate) series: Option<String>,
    /// The digest of the query, for page tokens.
    pub(crate) digest: String,
}

impl ListQuery {
    pub(crate) fn parse(params: &[(String, String)]) -> Result<ListQuery, ApiError> {
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
                "eventTypes" => {
                    if !EVENT_TYPES.contains(&v) {
                        return Err(bad_value(key, v));
                    }
                    q.event_types.push(v.to_string());
                }
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

/// Parameters every Google API takes that say nothing about the query.
const SYSTEM_PARAMS: &[&str] = &[
    "alt",
    "fields",
    "prettyPrint",
    "quotaUser",
    "key",
    "access_token",
    "callback",
    "$.xgafv",
    "upload_protocol",
    "uploadType",
];

/// A digest of the query: every parameter but `pageToken` (and the system
/// ones), `maxResults` included, order of names aside. "Every page of a
/// listing must repeat the exact same query"
/// (<https://developers.google.com/calendar/api/v3/reference/events/list>,
/// `pageToken`).
pub(crate) fn query_digest(scope: &str, params: &[(String, String)]) -> String {
    let mut kept: Vec<(&str, &str)> = params
        .iter()
        .filter(|(k, _)| k != "pageToken" && !SYSTEM_PARAMS.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    kept.sort();
    let text = serde_json::to_string(&(scope, kept)).unwrap_or_default();
    let digest = ring::digest::digest(&ring::digest::SHA256, text.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest.as_ref()[..12])
}

/// The filters of a full listing.
/// `check_time: false` for an instance judged by its series (its times
/// were bounded when the series was expanded).
pub(crate) fn matches_filters_but_time(
    ev: &Map<String, Value>,
    q: &ListQuery,
    check_time: bool,
) -> bool {
    let updated = event::str_field(ev, "updated");
    let updated = DateTime::parse_from_rfc3339(updated)
        .map(|t| t.with_timezone(&Utc))
        .ok();
    // With updatedMin, deletions since then always come back. Cancelled
    // exceptions of a series come back whenever the series is listed as a
    // series (`showDeleted` and `singleEvents` both false): the events.list
    // reference, `showDeleted`.
    let show_deleted = q.show_deleted == Some(true) || q.updated_min.is_some();
    let cancelled_exception = !q.single_events && ev.get("recurringEventId").is_some();
    if event::is_cancelled(ev) && !show_deleted && !cancelled_exception {
        return false;
    }
    if let Some(min) = q.updated_min
        && updated.is_some_and(|u| u < min)
    {
        return false;
    }
    if let Some(min) = q.time_min.filter(|_| check_time)
        && event::when(ev, "end").is_some_and(|w| event::instant(w) <= min)
    {
        return false;
    }
    if let Some(max) = q.time_max.filter(|_| check_time)
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
