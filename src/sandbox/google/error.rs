//! Errors in Google's shape, and JSON answers with Google's content type.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An error answer in Google's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) code: u16,
    pub(crate) reason: &'static str,
    pub(crate) message: String,
    pub(crate) domain: &'static str,
    pub(crate) retry_after: Option<u64>,
}

impl ApiError {
    pub(crate) fn new(
        code: u16,
        domain: &'static str,
        reason: &'static str,
        message: &str,
    ) -> Self {
        ApiError {
            code,
            reason,
            message: message.to_string(),
            domain,
            retry_after: None,
        }
    }

    pub(crate) fn bad_request(reason: &'static str, message: &str) -> Self {
        ApiError::new(400, "global", reason, message)
    }

    pub(crate) fn invalid(message: &str) -> Self {
        ApiError::bad_request("invalid", message)
    }

    pub(crate) fn time_range_empty() -> Self {
        ApiError::bad_request("timeRangeEmpty", "The specified time range is empty.")
    }

    pub(crate) fn not_found() -> Self {
        ApiError::new(404, "global", "notFound", "Not Found")
    }

    pub(crate) fn full_sync_required() -> Self {
        ApiError::new(
            410,
            "global",
            "fullSyncRequired",
            "Sync token is no longer valid, a full sync is required.",
        )
    }

    /// The JSON error body.
    pub(crate) fn body(&self) -> Value {
        let mut detail = json!({
            "domain": self.domain,
            "reason": self.reason,
            "message": self.message,
        });
        let mut error = json!({
            "code": self.code,
            "message": self.message,
        });
        if self.code == 401 {
            detail["message"] = json!("Invalid Credentials");
            detail["locationType"] = json!("header");
            detail["location"] = json!("Authorization");
            error["message"] = json!("Request had invalid authentication credentials.");
            error["status"] = json!("UNAUTHENTICATED");
        }
        error["errors"] = json!([detail]);
        json!({ "error": error })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (status, json_body(&self.body())).into_response();
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}

/// A JSON answer with Google's content type.
pub(crate) fn json_body(v: &Value) -> Response {
    let text = serde_json::to_string(v).unwrap_or_default();
    (
        [(header::CONTENT_TYPE, "application/json; charset=UTF-8")],
        text,
    )
        .into_response()
}
