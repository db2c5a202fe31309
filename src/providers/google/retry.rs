//! Google's refusals sorted into [`GoogleError`], and how long to wait
//! before trying again. Pure, apart from the jitter seed.

use std::time::Duration;

use serde_json::Value;

use super::types::GoogleError;
pub use crate::providers::retry::{backoff, clip, jitter_seed, parse_retry_after};

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
        (403, "requiredAccessLevel") => GoogleError::ReadOnly(what.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;
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
}
