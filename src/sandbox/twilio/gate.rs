//! The gate in front of every Twilio API request: latency, the counted
//! faults, then HTTP Basic auth.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::super::faults::{Counted, applies, broken_answer, dropped, take_counted};
use super::super::net::ConnHandle;
use super::api::TwError;
use super::{TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, Twilio, TwilioFaults};

/// The fault one request gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    DropBefore,
    RateLimit {
        retry_after: Option<u64>,
    },
    ServerError {
        status_503: bool,
    },
    DropAfter,
    /// Processed, then answered 500: the lie that makes a client place a
    /// call again unless it looks first.
    ErrorAfter,
}

impl TwilioFaults {
    /// Takes the fault for a request to `path`, if any, counting it down.
    pub(crate) fn take(&mut self, path: &str) -> Option<Fault> {
        if !applies(self.fail_on.as_deref(), path) {
            return None;
        }
        let Some(counted) = take_counted(
            &mut self.drop_before,
            &mut self.rate_limit,
            &mut self.server_error,
            &mut self.drop_after,
        ) else {
            // Last in the order: the fault every fake shares comes first.
            if self.error_after > 0 {
                self.error_after -= 1;
                return Some(Fault::ErrorAfter);
            }
            return None;
        };
        Some(match counted {
            Counted::DropBefore => Fault::DropBefore,
            Counted::RateLimit => Fault::RateLimit {
                retry_after: self.retry_after_secs,
            },
            Counted::ServerError => Fault::ServerError {
                status_503: self.server_error_503,
            },
            Counted::DropAfter => Fault::DropAfter,
        })
    }
}

pub(crate) async fn gate(State(twilio): State<Arc<Twilio>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let latency = {
        let mut st = twilio.lock();
        st.stats.requests += 1;
        st.faults.latency_ms
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let fault = {
        let mut st = twilio.lock();
        let fault = st.faults.take(&path);
        if fault.is_some() {
            st.stats.faulted += 1;
        }
        fault
    };
    let conn = req
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|c| c.0.clone());
    if fault.is_some() {
        tracing::debug!(?fault, path, "sandbox Twilio fault");
    }
    match fault {
        Some(Fault::DropBefore) => return dropped(conn),
        Some(Fault::RateLimit { retry_after }) => {
            let mut e = TwError::new(429, 20429, "Too Many Requests");
            e.retry_after = retry_after;
            return e.into_response();
        }
        Some(Fault::ServerError { status_503: true }) => {
            return TwError::new(503, 20503, "Service Unavailable").into_response();
        }
        Some(Fault::ServerError { status_503: false }) => {
            return TwError::new(500, 20500, "Internal Server Error").into_response();
        }
        Some(Fault::DropAfter | Fault::ErrorAfter) | None => {}
    }

    let resp = if authorized(req.headers()) {
        next.run(req).await
    } else {
        TwError::new(401, 20003, "Authenticate").into_response()
    };
    if resp.status().is_client_error() {
        twilio.lock().stats.refused += 1;
    }
    match fault {
        Some(Fault::DropAfter) => broken_answer(conn, resp).await,
        Some(Fault::ErrorAfter) => {
            TwError::new(500, 20500, "Internal Server Error").into_response()
        }
        _ => resp,
    }
}

/// `Authorization: Basic base64(AccountSid:AuthToken)` of the sandbox account.
fn authorized(headers: &HeaderMap) -> bool {
    basic_credentials(headers)
        .is_some_and(|(user, pass)| user == TWILIO_ACCOUNT_SID && pass == TWILIO_AUTH_TOKEN)
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, pass) = text.split_once(':')?;
    Some((user.to_string(), pass.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_auth(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(value).expect("header"),
        );
        h
    }

    #[test]
    fn basic_auth() {
        let good = STANDARD.encode(format!("{TWILIO_ACCOUNT_SID}:{TWILIO_AUTH_TOKEN}"));
        assert!(authorized(&with_auth(&format!("Basic {good}"))));
        assert!(authorized(&with_auth(&format!("basic  {good}"))));
        let wrong = STANDARD.encode(format!("{TWILIO_ACCOUNT_SID}:nope"));
        assert!(!authorized(&with_auth(&format!("Basic {wrong}"))));
        assert!(!authorized(&with_auth(&format!("Bearer {good}"))));
        assert!(!authorized(&with_auth("Basic !!!")));
        assert!(!authorized(&HeaderMap::new()));
        let no_colon = STANDARD.encode(TWILIO_ACCOUNT_SID);
        assert!(!authorized(&with_auth(&format!("Basic {no_colon}"))));
    }

    #[test]
    fn faults_are_taken_in_order_and_filtered_by_path() {
        let mut f = TwilioFaults {
            rate_limit: 2,
            retry_after_secs: Some(7),
            server_error: 1,
            drop_before: 1,
            drop_after: 1,
            error_after: 1,
            fail_on: Some("Calls".into()),
            ..TwilioFaults::default()
        };
        assert_eq!(
            f.take("/twilio/2010-04-01/Accounts/AC1/Messages.json"),
            None
        );
        let calls = "/twilio/2010-04-01/Accounts/AC1/Calls.json";
        let taken: Vec<_> = std::iter::from_fn(|| f.take(calls)).collect();
        assert_eq!(
            taken,
            [
                Fault::DropBefore,
                Fault::RateLimit {
                    retry_after: Some(7)
                },
                Fault::RateLimit {
                    retry_after: Some(7)
                },
                Fault::ServerError { status_503: false },
                Fault::DropAfter,
                Fault::ErrorAfter,
            ]
        );
        assert_eq!(
            f,
            TwilioFaults {
                retry_after_secs: Some(7),
                fail_on: Some("Calls".into()),
                ..TwilioFaults::default()
            }
        );
    }
}
