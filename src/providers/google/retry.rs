//! Google's refusals sorted into [`GoogleError`], and how long to wait
//! before trying again. Pure, apart from the jitter seed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::settings::RetryPolicy;
use super::types::GoogleError;

/// The outcome of one failed attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fail {
    /// 401: the token is no longer accepted. Worth one try with a fresh one.
    Unauthorized(String),
    Error {
        error: GoogleError,
        /// `Retry-After`, when the answer had one.
        retry_after: Option<Duration>,
    },
}

impl Fail {
    pub fn error(error: GoogleError) -> Fail {
        Fail::Error {
            error,
            retry_after: None,
        }
    }

    pub fn network(message: impl Into<String>) -> Fail {
        Fail::error(GoogleError::Network(message.into()))
    }

    /// What the caller sees when no retry is left.
    #[cfg(test)]
    pub fn into_error(self) -> GoogleError {
        match self {
            Fail::Unauthorized(message) => GoogleError::Auth(message),
            Fail::Error { error, .. } => error,
        }
    }
}

/// Longest message kept from an answer.
const MESSAGE_MAX: usize = 300;

/// Sorts a non-2xx answer. `status` is the HTTP status when known, else
/// `error.code` of the body is used; `what` names the thing asked for (for
/// a 404).
pub fn classify(
    status: Option<u16>,
    body: Option<&Value>,
    retry_after: Option<Duration>,
    what: &str,
) -> Fail {
    let err = body.and_then(|b| b.get("error"));
    let code = err
        .and_then(|e| e.get("code"))
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok());
    let status = status.or(code).unwrap_or(0);
    let reason = err
        .and_then(|e| e.get("errors"))
        .and_then(|list| list.get(0))
        .and_then(|first| first.get("reason"))
        .and_then(Value::as_str)
        .or_else(|| err.and_then(|e| e.get("status")).and_then(Value::as_str))
        .unwrap_or_default()
        .to_string();
    let message = err
        .and_then(|e| e.get("message"))
        .and_then(Value::as_str)
        .or_else(|| err.and_then(Value::as_str))
        .map(clip)
        .unwrap_or_else(|| default_message(status));

    let error = match (status, reason.as_str()) {
        (401, _) => return Fail::Unauthorized(message),
        (410, "fullSyncRequired" | "updatedMinTooLongAgo") => GoogleError::FullSyncRequired,
        (410, "deleted") => GoogleError::Deleted,
        (409, _) => GoogleError::Duplicate,
        (412, _) => GoogleError::Stale,
        (404, _) => GoogleError::NotFound(what.to_string()),
        (429, _)
        | (
            403,
            "rateLimitExceeded" | "userRateLimitExceeded" | "quotaExceeded" | "dailyLimitExceeded",
        ) => GoogleError::RateLimited { retry_after },
        (500..=599, _) => GoogleError::Server { status, message },
        _ => GoogleError::Refused {
            status,
            reason,
            message,
        },
    };
    Fail::Error { error, retry_after }
}

fn default_message(status: u16) -> String {
    if status == 0 {
        "no details".to_string()
    } else {
        format!("HTTP {status}")
    }
}

/// At most [`MESSAGE_MAX`] characters, on one line.
pub fn clip(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one_line = one_line.trim();
    if one_line.chars().count() <= MESSAGE_MAX {
        one_line.to_string()
    } else {
        let mut cut: String = one_line.chars().take(MESSAGE_MAX).collect();
        cut.push('…');
        cut
    }
}

/// `Retry-After`: delay seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at.with_timezone(&Utc) - now;
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// The wait before retry number `attempt + 1` (`attempt` counts the retries
/// already made), or `None` when no retry should be made: the retries are
/// used up, or Google asked for a longer pause than `max_wait` (the error
/// then goes to the caller, who can come back later).
///
/// Without `Retry-After`: full jitter, a uniform pick from
/// `0 ..= min(base · 2^attempt, max_wait)` driven by `random`. With it: the
/// asked-for pause plus a small jitter, never more than `max_wait`.
pub fn backoff(
    policy: &RetryPolicy,
    attempt: u32,
    retry_after: Option<Duration>,
    random: u64,
) -> Option<Duration> {
    if attempt >= policy.retries {
        return None;
    }
    let cap = policy.max_wait;
    let factor = 1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX);
    let ceiling = policy.base.checked_mul(factor).unwrap_or(cap).min(cap);
    match retry_after {
        Some(asked) if asked > cap => None,
        Some(asked) => {
            let spare = (cap - asked).min(policy.base);
            Some(asked + fraction(spare, random))
        }
        None => Some(fraction(ceiling, random)),
    }
}

/// `random / u64::MAX` of `d`, in nanoseconds.
fn fraction(d: Duration, random: u64) -> Duration {
    let nanos = d.as_nanos();
    let picked = nanos * u128::from(random) / u128::from(u64::MAX);
    Duration::from_nanos(u64::try_from(picked).unwrap_or(u64::MAX))
}

/// A cheap pseudo-random number for jitter: the clock's nanoseconds and a
/// counter through splitmix64. Not for anything secret.
pub fn jitter_seed() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    splitmix64(nanos ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn body(code: u16, reason: &str) -> Value {
        json!({"error": {"code": code, "message": format!("msg {reason}"),
            "errors": [{"domain": "global", "reason": reason, "message": "m"}]}})
    }

    fn err(status: Option<u16>, b: &Value) -> GoogleError {
        classify(status, Some(b), None, "event e1").into_error()
    }

    #[test]
    fn classify_by_body_code_and_reason() {
        assert_eq!(
            err(
                None,
                &json!({"error":{"code":410,"errors":[{"reason":"fullSyncRequired"}]}})
            ),
            GoogleError::FullSyncRequired
        );
        assert_eq!(
            err(None, &body(410, "updatedMinTooLongAgo")),
            GoogleError::FullSyncRequired
        );
        assert_eq!(err(None, &body(410, "deleted")), GoogleError::Deleted);
        assert_eq!(err(None, &body(409, "duplicate")), GoogleError::Duplicate);
        assert_eq!(err(None, &body(412, "conditionNotMet")), GoogleError::Stale);
        assert_eq!(
            err(None, &body(404, "notFound")),
            GoogleError::NotFound("event e1".into())
        );
        assert_eq!(
            err(None, &body(429, "rateLimitExceeded")),
            GoogleError::RateLimited { retry_after: None }
        );
        for reason in [
            "rateLimitExceeded",
            "userRateLimitExceeded",
            "quotaExceeded",
        ] {
            assert_eq!(
                err(None, &body(403, reason)),
                GoogleError::RateLimited { retry_after: None },
                "{reason}"
            );
        }
        assert_eq!(
            err(None, &body(503, "backendError")),
            GoogleError::Server {
                status: 503,
                message: "msg backendError".into()
            }
        );
        assert_eq!(
            err(None, &body(403, "forbiddenForNonOrganizer")),
            GoogleError::Refused {
                status: 403,
                reason: "forbiddenForNonOrganizer".into(),
                message: "msg forbiddenForNonOrganizer".into()
            }
        );
        assert_eq!(
            err(None, &body(400, "timeRangeEmpty")),
            GoogleError::Refused {
                status: 400,
                reason: "timeRangeEmpty".into(),
                message: "msg timeRangeEmpty".into()
            }
        );
        assert!(matches!(
            err(None, &body(410, "somethingElse")),
            GoogleError::Refused { status: 410, .. }
        ));
    }

    #[test]
    fn unauthorized_is_its_own_case() {
        let f = classify(None, Some(&body(401, "authError")), None, "x");
        assert_eq!(f, Fail::Unauthorized("msg authError".into()));
        assert_eq!(f.into_error(), GoogleError::Auth("msg authError".into()));
    }

    #[test]
    fn http_status_wins_and_works_without_body() {
        assert_eq!(
            err(Some(500), &body(410, "deleted")),
            GoogleError::Server {
                status: 500,
                message: "msg deleted".into()
            }
        );
        assert_eq!(
            classify(Some(502), None, None, "x").into_error(),
            GoogleError::Server {
                status: 502,
                message: "HTTP 502".into()
            }
        );
        assert_eq!(
            classify(Some(412), None, None, "x").into_error(),
            GoogleError::Stale
        );
        assert_eq!(
            classify(Some(418), Some(&json!("teapot")), None, "x").into_error(),
            GoogleError::Refused {
                status: 418,
                reason: String::new(),
                message: "HTTP 418".into()
            }
        );
        assert!(matches!(
            classify(Some(401), None, None, "x"),
            Fail::Unauthorized(_)
        ));
    }

    #[test]
    fn retry_after_is_kept_with_rate_limits() {
        let wait = Some(Duration::from_secs(7));
        let f = classify(Some(429), None, wait, "x");
        assert_eq!(
            f,
            Fail::Error {
                error: GoogleError::RateLimited { retry_after: wait },
                retry_after: wait
            }
        );
    }

    #[test]
    fn messages_are_clipped_to_one_line() {
        let long = "x".repeat(1000);
        let b = json!({"error": {"code": 400, "message": format!("a\nb {long}")}});
        match err(None, &b) {
            GoogleError::Refused { message, .. } => {
                assert!(message.starts_with("a b x"));
                assert_eq!(message.chars().count(), MESSAGE_MAX + 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
            .single()
            .expect("t");
        assert_eq!(
            parse_retry_after(" 12 ", now),
            Some(Duration::from_secs(12))
        );
        assert_eq!(
            parse_retry_after("Mon, 02 Mar 2026 08:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Mon, 02 Mar 2026 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    fn policy() -> RetryPolicy {
        RetryPolicy {
            retries: 3,
            base: Duration::from_millis(500),
            max_wait: Duration::from_secs(30),
            timeout: Duration::from_secs(30),
        }
    }

    #[test]
    fn backoff_grows_within_bounds() {
        let p = policy();
        for attempt in 0..3 {
            let ceiling = Duration::from_millis(500 * (1 << attempt));
            assert_eq!(backoff(&p, attempt, None, u64::MAX), Some(ceiling));
            assert_eq!(backoff(&p, attempt, None, 0), Some(Duration::ZERO));
            for i in 0..200u64 {
                let d = backoff(&p, attempt, None, splitmix64(i)).expect("retry");
                assert!(d <= ceiling, "{d:?} > {ceiling:?}");
            }
        }
        assert_eq!(
            backoff(&p, 1, None, u64::MAX / 2),
            Some(Duration::from_nanos(499_999_999))
        );
    }

    #[test]
    fn backoff_stops_after_the_retries() {
        let p = policy();
        assert_eq!(backoff(&p, 3, None, 1), None);
        let none = RetryPolicy { retries: 0, ..p };
        assert_eq!(backoff(&none, 0, None, 1), None);
    }

    #[test]
    fn backoff_is_capped() {
        let p = RetryPolicy {
            retries: 100,
            ..policy()
        };
        assert_eq!(backoff(&p, 10, None, u64::MAX), Some(p.max_wait));
        assert_eq!(backoff(&p, 40, None, u64::MAX), Some(p.max_wait));
        assert_eq!(backoff(&p, 99, None, u64::MAX), Some(p.max_wait));
    }

    #[test]
    fn backoff_honours_retry_after() {
        let p = policy();
        let asked = Duration::from_secs(5);
        for r in [0, 1, u64::MAX / 3, u64::MAX] {
            let d = backoff(&p, 0, Some(asked), r).expect("retry");
            assert!(d >= asked && d <= asked + p.base, "{d:?}");
        }
        assert_eq!(backoff(&p, 0, Some(p.max_wait), u64::MAX), Some(p.max_wait));
        assert_eq!(backoff(&p, 0, Some(Duration::from_secs(31)), 0), None);
        assert_eq!(
            backoff(&p, 0, Some(Duration::ZERO), 0),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn jitter_seeds_differ() {
        let a = jitter_seed();
        let b = jitter_seed();
        assert_ne!(a, b);
    }
}
