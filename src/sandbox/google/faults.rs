//! What goes wrong on purpose at the calendar API: the fault set an admin
//! installs, the one fault a call takes, and the counters of calls served.

use std::time::Duration;

use axum::http::Method;
use serde::{Deserialize, Serialize};

use crate::sandbox::faults::{Counted, take_counted};

/// Faults the calendar API shows; `set_faults` replaces the whole set.
///
/// Each call takes at most one counted fault, in this order: `drop_before`,
/// `rate_limit`, `server_error`, `drop_after`; so `rate_limit: 2,
/// server_error: 1` answers 429, 429, 500, then normally.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoogleFaults {
    /// The next N calendar API calls answer a rate limit (not processed).
    pub rate_limit: u32,
    /// Answer 403 `userRateLimitExceeded` instead of 429 `rateLimitExceeded`.
    pub rate_limit_403: bool,
    /// Add a Retry-After header to rate-limit answers.
    pub retry_after_secs: Option<u64>,
    /// The next N calls answer 500 `backendError` (not processed).
    pub server_error: u32,
    /// The next N calls: the connection is dropped, the request not processed.
    pub drop_before: u32,
    /// The next N calls: processed and committed, then the answer is lost
    /// (the connection breaks mid-answer).
    pub drop_after: u32,
    /// Every calendar call waits this long first.
    pub latency_ms: u64,
    /// One-shot: every access token issued so far becomes invalid (401) now.
    pub expire_tokens: bool,
    /// One-shot: every sync token issued so far answers 410 `fullSyncRequired`.
    pub invalidate_sync_tokens: bool,
    /// List pages hold fewer items than maxResults (some none) but still
    /// carry nextPageToken; the last page is then always empty.
    pub short_pages: bool,
    /// Requests each user may make in any sliding minute; more answer 403
    /// `rateLimitExceeded` (domain `usageLimits`). Google's own budget is 600
    /// per minute per user:
    /// <https://developers.google.com/calendar/api/guides/quota>.
    pub quota_per_minute: Option<u32>,
    /// For this long after the fault set is installed, every call answers
    /// 403 `quotaExceeded` (a quota used up, not a burst).
    pub quota_exceeded_for: Option<Duration>,
}

/// Calendar API requests served, faulted ones included, and token requests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoogleStats {
    pub token: u64,
    pub list: u64,
    pub get: u64,
    pub insert: u64,
    pub patch: u64,
    pub update: u64,
    pub delete: u64,
    pub move_event: u64,
    pub instances: u64,
    /// `calendars.get` and `calendarList.get`.
    pub calendar: u64,
    /// Calls refused for quota (counted in their kind as well).
    pub quota_refused: u64,
}

impl GoogleStats {
    /// Every calendar API call (all but token requests).
    pub fn calendar_calls(&self) -> u64 {
        self.list
            + self.get
            + self.insert
            + self.patch
            + self.update
            + self.delete
            + self.move_event
            + self.instances
            + self.calendar
    }

    pub(crate) fn count(&mut self, kind: CallKind) {
        let n = match kind {
            CallKind::List => &mut self.list,
            CallKind::Get => &mut self.get,
            CallKind::Insert => &mut self.insert,
            CallKind::Patch => &mut self.patch,
            CallKind::Update => &mut self.update,
            CallKind::Delete => &mut self.delete,
            CallKind::Move => &mut self.move_event,
            CallKind::Instances => &mut self.instances,
            CallKind::Calendar => &mut self.calendar,
        };
        *n += 1;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallKind {
    List,
    Get,
    Insert,
    Patch,
    Update,
    Delete,
    Move,
    Instances,
    Calendar,
}

impl CallKind {
    /// `/calendar/v3/calendars/{cal}[/events[/{id}[/move|/instances]]]` and
    /// `/calendar/v3/users/me/calendarList/{cal}`, by method.
    pub(crate) fn of(method: &Method, path: &str) -> Option<CallKind> {
        if let Some(cal) = path.strip_prefix("/calendar/v3/users/me/calendarList/") {
            return (method == Method::GET && !cal.is_empty() && !cal.contains('/'))
                .then_some(CallKind::Calendar);
        }
        let rest = path.strip_prefix("/calendar/v3/calendars/")?;
        let segs: Vec<&str> = rest.split('/').collect();
        Some(match (method.as_str(), segs.as_slice()) {
            ("GET", [cal]) if !cal.is_empty() => CallKind::Calendar,
            ("GET", [_, "events"]) => CallKind::List,
            ("POST", [_, "events"]) => CallKind::Insert,
            ("GET", [_, "events", id]) if !id.is_empty() => CallKind::Get,
            ("PATCH", [_, "events", id]) if !id.is_empty() => CallKind::Patch,
            ("PUT", [_, "events", id]) if !id.is_empty() => CallKind::Update,
            ("DELETE", [_, "events", id]) if !id.is_empty() => CallKind::Delete,
            ("POST", [_, "events", id, "move"]) if !id.is_empty() => CallKind::Move,
            ("GET", [_, "events", id, "instances"]) if !id.is_empty() => CallKind::Instances,
            _ => return None,
        })
    }
}

/// The fault one call gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    DropBefore,
    RateLimit {
        status_403: bool,
        retry_after: Option<u64>,
    },
    ServerError,
    DropAfter,
}

impl GoogleFaults {
    /// Takes the fault for the next call, if any, decrementing its counter.
    pub(crate) fn take(&mut self) -> Option<Fault> {
        Some(
            match take_counted(
                &mut self.drop_before,
                &mut self.rate_limit,
                &mut self.server_error,
                &mut self.drop_after,
            )? {
                Counted::DropBefore => Fault::DropBefore,
                Counted::RateLimit => Fault::RateLimit {
                    status_403: self.rate_limit_403,
                    retry_after: self.retry_after_secs,
                },
                Counted::ServerError => Fault::ServerError,
                Counted::DropAfter => Fault::DropAfter,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_kinds() {
        let p = "/calendar/v3/calendars/renos@renos.test/events";
        assert_eq!(CallKind::of(&Method::GET, p), Some(CallKind::List));
        assert_eq!(CallKind::of(&Method::POST, p), Some(CallKind::Insert));
        let p = "/calendar/v3/calendars/renos%40renos.test/events/abcde";
        assert_eq!(CallKind::of(&Method::GET, p), Some(CallKind::Get));
        assert_eq!(CallKind::of(&Method::PATCH, p), Some(CallKind::Patch));
        assert_eq!(CallKind::of(&Method::PUT, p), Some(CallKind::Update));
        assert_eq!(CallKind::of(&Method::DELETE, p), Some(CallKind::Delete));
        assert_eq!(CallKind::of(&Method::POST, p), None);
        assert_eq!(CallKind::of(&Method::GET, "/token"), None);
        let p = "/calendar/v3/calendars/c@x/events/abcde/move";
        assert_eq!(CallKind::of(&Method::POST, p), Some(CallKind::Move));
        let p = "/calendar/v3/calendars/c@x/events/abcde/instances";
        assert_eq!(CallKind::of(&Method::GET, p), Some(CallKind::Instances));
        let p = "/calendar/v3/users/me/calendarList/c@x";
        assert_eq!(CallKind::of(&Method::GET, p), Some(CallKind::Calendar));
        let p = "/calendar/v3/calendars/c@x";
        assert_eq!(CallKind::of(&Method::GET, p), Some(CallKind::Calendar));
    }

    #[test]
    fn faults_are_taken_one_per_call_in_order() {
        let mut f = GoogleFaults {
            rate_limit: 2,
            server_error: 1,
            drop_after: 1,
            drop_before: 1,
            ..GoogleFaults::default()
        };
        let taken: Vec<_> = std::iter::from_fn(|| f.take()).collect();
        assert_eq!(taken.len(), 5);
        assert_eq!(taken[0], Fault::DropBefore);
        assert!(matches!(taken[1], Fault::RateLimit { .. }));
        assert!(matches!(taken[2], Fault::RateLimit { .. }));
        assert_eq!(taken[3], Fault::ServerError);
        assert_eq!(taken[4], Fault::DropAfter);
        assert_eq!(f, GoogleFaults::default());
    }

    #[test]
    fn faults_json_defaults() {
        let f: GoogleFaults = serde_json::from_str(r#"{"rate_limit": 3}"#).expect("json");
        assert_eq!(f.rate_limit, 3);
        assert!(!f.short_pages);
        let s = GoogleStats {
            list: 2,
            token: 5,
            delete: 1,
            ..GoogleStats::default()
        };
        assert_eq!(s.calendar_calls(), 3);
    }
}
