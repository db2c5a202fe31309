//! What goes wrong on purpose, the request counters, and the gate every
//! Billy API call passes: counting, latency, faults, then the access token.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::super::faults::{Counted, applies, broken_answer, dropped, take_counted};
use super::super::net::ConnHandle;
use super::{API_PREFIX, ApiError, BILLY_API_KEY, Billy};

/// Faults the Billy API shows; `set_faults` replaces the whole set.
///
/// Each call takes at most one counted fault, in this order: `drop_before`,
/// `rate_limit`, `server_error`, `drop_after`. With `fail_on` set, only
/// calls whose `METHOD /path` contains that text take counted faults
/// (`"invoices"`: contacts keep working). Admin calls never take any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BillyFaults {
    /// The next N calls answer 429 (not processed).
    pub rate_limit: u32,
    /// Add a Retry-After header (seconds) to 429 answers.
    pub retry_after_secs: Option<u64>,
    /// The next N calls answer 500 (not processed).
    pub server_error: u32,
    /// 500 answers are an HTML page, as from a proxy, instead of Billy's JSON.
    pub html_errors: bool,
    /// The next N calls: the connection is dropped, the request not processed.
    pub drop_before: u32,
    /// The next N calls: processed and committed, then the answer is lost
    /// (the connection breaks mid-answer).
    pub drop_after: u32,
    /// Every API call waits this long first.
    pub latency_ms: u64,
    /// Counted faults only for calls whose `METHOD /path` contains this
    /// text: `"invoices"` spares contacts, `"POST /billy/v2/invoices"` hits
    /// only the creation of invoices (their listing keeps working).
    pub fail_on: Option<String>,
}

/// API calls served, faulted and refused ones included, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BillyStats {
    pub organization: u64,
    pub contact_create: u64,
    pub contact_get: u64,
    pub contact_list: u64,
    pub contact_person_create: u64,
    pub contact_person_list: u64,
    pub product_list: u64,
    pub product_get: u64,
    pub tax_ruleset_list: u64,
    pub invoice_create: u64,
    pub invoice_get: u64,
    pub invoice_list: u64,
    /// `PUT invoices/:id` (approving is the only change there is).
    pub invoice_approve: u64,
    pub invoice_delete: u64,
    pub email: u64,
    /// Anything else under `/billy/v2/` (unknown routes and methods).
    pub other: u64,
}

impl BillyStats {
    /// Every API call.
    pub fn total(&self) -> u64 {
        [
            self.organization,
            self.contact_create,
            self.contact_get,
            self.contact_list,
            self.contact_person_create,
            self.contact_person_list,
            self.product_list,
            self.product_get,
            self.tax_ruleset_list,
            self.invoice_create,
            self.invoice_get,
            self.invoice_list,
            self.invoice_approve,
            self.invoice_delete,
            self.email,
            self.other,
        ]
        .iter()
        .sum()
    }

    fn count(&mut self, kind: CallKind) {
        let n = match kind {
            CallKind::Organization => &mut self.organization,
            CallKind::ContactCreate => &mut self.contact_create,
            CallKind::ContactGet => &mut self.contact_get,
            CallKind::ContactList => &mut self.contact_list,
            CallKind::ContactPersonCreate => &mut self.contact_person_create,
            CallKind::ContactPersonList => &mut self.contact_person_list,
            CallKind::ProductList => &mut self.product_list,
            CallKind::ProductGet => &mut self.product_get,
            CallKind::TaxRulesetList => &mut self.tax_ruleset_list,
            CallKind::InvoiceCreate => &mut self.invoice_create,
            CallKind::InvoiceGet => &mut self.invoice_get,
            CallKind::InvoiceList => &mut self.invoice_list,
            CallKind::InvoiceApprove => &mut self.invoice_approve,
            CallKind::InvoiceDelete => &mut self.invoice_delete,
            CallKind::Email => &mut self.email,
            CallKind::Other => &mut self.other,
        };
        *n += 1;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CallKind {
    Organization,
    ContactCreate,
    ContactGet,
    ContactList,
    ContactPersonCreate,
    ContactPersonList,
    ProductList,
    ProductGet,
    TaxRulesetList,
    InvoiceCreate,
    InvoiceGet,
    InvoiceList,
    InvoiceApprove,
    InvoiceDelete,
    Email,
    Other,
}

impl CallKind {
    fn of(method: &Method, path: &str) -> CallKind {
        let Some(rest) = path.strip_prefix(API_PREFIX) else {
            return CallKind::Other;
        };
        let segs: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
        match (method.as_str(), segs.as_slice()) {
            ("GET", ["organization"]) => CallKind::Organization,
            ("POST", ["contacts"]) => CallKind::ContactCreate,
            ("GET", ["contacts"]) => CallKind::ContactList,
            ("GET", ["contacts", _]) => CallKind::ContactGet,
            ("POST", ["contactPersons"]) => CallKind::ContactPersonCreate,
            ("GET", ["contactPersons", ..]) => CallKind::ContactPersonList,
            ("GET", ["products"]) => CallKind::ProductList,
            ("GET", ["products", _]) => CallKind::ProductGet,
            ("GET", ["salesTaxRulesets"]) => CallKind::TaxRulesetList,
            ("POST", ["invoices"]) => CallKind::InvoiceCreate,
            ("GET", ["invoices"]) => CallKind::InvoiceList,
            ("GET", ["invoices", _]) => CallKind::InvoiceGet,
            ("PUT", ["invoices", _]) => CallKind::InvoiceApprove,
            ("DELETE", ["invoices", _]) => CallKind::InvoiceDelete,
            ("POST", ["invoices", _, "emails"]) => CallKind::Email,
            _ => CallKind::Other,
        }
    }
}

/// The fault one call gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    DropBefore,
    RateLimit { retry_after: Option<u64> },
    ServerError { html: bool },
    DropAfter,
}

impl BillyFaults {
    /// Takes the fault for a call to `path`, if any, decrementing its counter.
    fn take(&mut self, path: &str) -> Option<Fault> {
        if !applies(self.fail_on.as_deref(), path) {
            return None;
        }
        Some(
            match take_counted(
                &mut self.drop_before,
                &mut self.rate_limit,
                &mut self.server_error,
                &mut self.drop_after,
            )? {
                Counted::DropBefore => Fault::DropBefore,
                Counted::RateLimit => Fault::RateLimit {
                    retry_after: self.retry_after_secs,
                },
                Counted::ServerError => Fault::ServerError {
                    html: self.html_errors,
                },
                Counted::DropAfter => Fault::DropAfter,
            },
        )
    }
}

/// The gate in front of every Billy API route. A request that arrived is
/// seen through even when the client hangs up meanwhile (it timed out), as
/// a real server would: the caller cannot know whether it was processed.
pub(crate) async fn gate(State(billy): State<Arc<Billy>>, req: Request, next: Next) -> Response {
    let task = tokio::spawn(serve(billy, req, next));
    match task.await {
        Ok(resp) => resp,
        Err(_) => {
            ApiError::new(500, "INTERNAL_ERROR", "An internal error occurred.").into_response()
        }
    }
}

async fn serve(billy: Arc<Billy>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let kind = CallKind::of(req.method(), &path);
    let latency = {
        let mut st = billy.lock();
        st.stats.count(kind);
        st.faults.latency_ms
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let fault = billy
        .lock()
        .faults
        .take(&format!("{} {path}", req.method()));
    let conn = req
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|c| c.0.clone());
    if fault.is_some() {
        tracing::debug!(?fault, path, "sandbox Billy fault");
    }
    match fault {
        Some(Fault::DropBefore) => return dropped(conn),
        Some(Fault::RateLimit { retry_after }) => {
            let mut e = ApiError::new(
                429,
                "TOO_MANY_REQUESTS",
                "Too many requests; slow down and try again later.",
            );
            e.retry_after = retry_after;
            return e.into_response();
        }
        Some(Fault::ServerError { html }) => {
            let mut e = ApiError::new(500, "INTERNAL_ERROR", "An internal error occurred.");
            e.html = html;
            return e.into_response();
        }
        Some(Fault::DropAfter) | None => {}
    }

    let token = req
        .headers()
        .get("x-access-token")
        .and_then(|v| v.to_str().ok());
    if token != Some(BILLY_API_KEY) {
        let message = if token.is_none_or(str::is_empty) {
            "No access token was given: send it in the X-Access-Token header."
        } else {
            "The access token is not valid."
        };
        return ApiError::new(401, "AUTHENTICATION_FAILED", message).into_response();
    }
    let resp = next.run(req).await;
    if fault == Some(Fault::DropAfter) {
        return broken_answer(conn, resp).await;
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_kinds() {
        let k = |m: Method, p: &str| CallKind::of(&m, p);
        assert_eq!(
            k(Method::GET, "/billy/v2/organization"),
            CallKind::Organization
        );
        assert_eq!(
            k(Method::POST, "/billy/v2/invoices"),
            CallKind::InvoiceCreate
        );
        assert_eq!(k(Method::GET, "/billy/v2/invoices"), CallKind::InvoiceList);
        assert_eq!(
            k(Method::GET, "/billy/v2/invoices/i1"),
            CallKind::InvoiceGet
        );
        assert_eq!(
            k(Method::PUT, "/billy/v2/invoices/i1"),
            CallKind::InvoiceApprove
        );
        assert_eq!(
            k(Method::DELETE, "/billy/v2/invoices/i1"),
            CallKind::InvoiceDelete
        );
        assert_eq!(
            k(Method::POST, "/billy/v2/invoices/i1/emails"),
            CallKind::Email
        );
        assert_eq!(
            k(Method::POST, "/billy/v2/contacts"),
            CallKind::ContactCreate
        );
        assert_eq!(
            k(Method::GET, "/billy/v2/contacts/c1"),
            CallKind::ContactGet
        );
        assert_eq!(
            k(Method::GET, "/billy/v2/contactPersons"),
            CallKind::ContactPersonList
        );
        assert_eq!(k(Method::PATCH, "/billy/v2/invoices/i1"), CallKind::Other);
        assert_eq!(k(Method::GET, "/billy/v2/nothing"), CallKind::Other);
    }

    #[test]
    fn faults_are_taken_in_order_and_only_where_asked() {
        let mut f = BillyFaults {
            rate_limit: 1,
            server_error: 1,
            drop_before: 1,
            drop_after: 1,
            fail_on: Some("invoices".into()),
            ..BillyFaults::default()
        };
        assert_eq!(f.take("GET /billy/v2/contacts"), None);
        let p = "POST /billy/v2/invoices";
        assert_eq!(f.take(p), Some(Fault::DropBefore));
        assert_eq!(f.take(p), Some(Fault::RateLimit { retry_after: None }));
        assert_eq!(f.take(p), Some(Fault::ServerError { html: false }));
        assert_eq!(f.take(p), Some(Fault::DropAfter));
        assert_eq!(f.take(p), None);
        let mut creates = BillyFaults {
            drop_after: 1,
            fail_on: Some("POST /billy/v2/invoices".into()),
            ..BillyFaults::default()
        };
        assert_eq!(creates.take("GET /billy/v2/invoices"), None);
        assert_eq!(
            creates.take("POST /billy/v2/invoices/i1/emails"),
            Some(Fault::DropAfter)
        );
        let json: BillyFaults = serde_json::from_str(r#"{"rate_limit": 2}"#).expect("json");
        assert_eq!(json.rate_limit, 2);
        assert_eq!(json.fail_on, None);
    }

    #[test]
    fn stats_total() {
        let s = BillyStats {
            invoice_create: 2,
            email: 1,
            other: 1,
            ..BillyStats::default()
        };
        assert_eq!(s.total(), 4);
    }
}
