//! The API's error answers: a status and `{ "error": "a sentence" }`, and
//! the JSON body whose refusal is answered the same way.

use axum::Json;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::engine::remote::RemoteError;

/// An error answer: a status and `{ "error": "a sentence" }`, with who
/// changed a booking and when for a stale version.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

#[derive(Debug, Serialize)]
struct ErrorBody {
    error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_at: Option<String>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, sentence: &str) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                error: sentence.to_string(),
                changed_by: None,
                changed_at: None,
            },
        }
    }
}

impl From<RemoteError> for ApiError {
    fn from(e: RemoteError) -> Self {
        let status = match &e {
            RemoteError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            RemoteError::Forbidden(_) => StatusCode::FORBIDDEN,
            RemoteError::NotFound(_) => StatusCode::NOT_FOUND,
            RemoteError::Stale { .. } => StatusCode::PRECONDITION_FAILED,
            RemoteError::Clash(_) => StatusCode::CONFLICT,
            RemoteError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            RemoteError::Failed(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let mut out = ApiError::new(status, &e.to_string());
        if let RemoteError::Stale { by, at, .. } = e {
            out.body.changed_by = Some(by);
            out.body.changed_at = Some(at);
        }
        out
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(self.body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        r
    }
}

/// A JSON body whose refusal (too large: 413, not JSON, a field wrong) is
/// an [`ApiError`] like every other.
pub(crate) struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(rejection) => Err(ApiError::new(rejection.status(), &rejection.body_text())),
        }
    }
}
