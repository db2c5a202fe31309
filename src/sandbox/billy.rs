//! The fake Billy API v2 under `/billy/v2/`: the organization, contacts and
//! contact persons, seeded products and sales-tax rulesets, invoices with
//! their money, approval, deletion and e-mails. Strict like Billy: the
//! access token, the organization, every field of a new invoice is checked,
//! and errors come as `{"errorCode","errorMessage","meta":{"statusCode"}}`.
//!
//! ```text
//! billy.rs           state, error answers
//! billy/routes.rs    routes, handlers, paging
//! billy/records.rs   contacts, contact persons, products, rulesets, field checks
//! billy/invoice.rs   new invoices checked, money in øre, the JSON
//! billy/money.rs     the fake's own rounding of quantities and money
//! billy/faults.rs    faults, counters, the gate (faults, then the token)
//! billy/admin.rs     BillyAdmin and /admin/billy/...
//! ```

mod admin;
mod faults;
mod invoice;
mod money;
mod records;
mod routes;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Map, Value, json};

pub use admin::BillyAdmin;
pub use faults::{BillyFaults, BillyStats};

pub(crate) use admin::router as admin_router;
pub(crate) use routes::router;

/// The sandbox's Billy access token (`X-Access-Token`).
pub const BILLY_API_KEY: &str = "sandbox-billy-token";
/// The one organization the sandbox token belongs to.
pub const BILLY_ORGANIZATION_ID: &str = "renos-sandbox-org";
/// The organization's name.
pub const BILLY_ORGANIZATION_NAME: &str = "RenOS Sandbox ApS";

const API_PREFIX: &str = "/billy/v2/";
/// The first invoice number handed out.
const FIRST_INVOICE_NO: u64 = 1001;
/// Billy's largest page, and the page size when none is asked for (API v2
/// reference, "Paging": `pageSize` defaults to and is at most 1000).
const MAX_PAGE_SIZE: u64 = 1000;
const DEFAULT_PAGE_SIZE: u64 = 1000;

/// An error answer in Billy's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) status: u16,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    /// The field a validation error is about.
    pub(crate) field: Option<String>,
    pub(crate) retry_after: Option<u64>,
    /// Answer an HTML page instead (as a proxy in front of Billy would).
    pub(crate) html: bool,
}

impl ApiError {
    pub(crate) fn new(status: u16, code: &'static str, message: &str) -> ApiError {
        ApiError {
            status,
            code,
            message: message.to_string(),
            field: None,
            retry_after: None,
            html: false,
        }
    }

    /// 422: `field` (e.g. `invoice.contactId`) is wrong.
    pub(crate) fn invalid(field: &str, problem: &str) -> ApiError {
        ApiError {
            field: Some(field.to_string()),
            ..ApiError::new(422, "VALIDATION_ERROR", &format!("{field}: {problem}"))
        }
    }

    /// 422 about the request as a whole.
    pub(crate) fn refused(message: &str) -> ApiError {
        ApiError::new(422, "VALIDATION_ERROR", message)
    }

    pub(crate) fn bad_request(message: &str) -> ApiError {
        ApiError::new(400, "INVALID_REQUEST", message)
    }

    pub(crate) fn not_found(kind: &str, id: &str) -> ApiError {
        ApiError::new(
            404,
            "RECORD_NOT_FOUND",
            &format!("No {kind} with id '{id}' was found."),
        )
    }

    pub(crate) fn forbidden_organization(org: &str) -> ApiError {
        ApiError::new(
            403,
            "ACCESS_DENIED",
            &format!("The access token has no access to the organization '{org}'."),
        )
    }

    pub(crate) fn body(&self) -> Value {
        let mut v = json!({
            "errorCode": self.code,
            "errorMessage": self.message,
            "meta": {"statusCode": self.status, "success": false},
        });
        if let Some(field) = &self.field {
            let problem = self
                .message
                .strip_prefix(&format!("{field}: "))
                .unwrap_or(&self.message);
            v["validationErrors"] = json!({ field.as_str(): problem });
        }
        v
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = if self.html {
            (
                status,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                format!(
                    "<html><head><title>{} {}</title></head><body><h1>{}</h1></body></html>",
                    self.status,
                    status.canonical_reason().unwrap_or("Error"),
                    status.canonical_reason().unwrap_or("Error"),
                ),
            )
                .into_response()
        } else {
            (status, json_body(&self.body())).into_response()
        };
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}

/// A JSON answer.
pub(crate) fn json_body(v: &Value) -> Response {
    let text = serde_json::to_string(v).unwrap_or_default();
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        text,
    )
        .into_response()
}

fn ok_meta() -> Value {
    json!({"statusCode": 200, "success": true})
}

/// Everything the fake Billy holds.
pub(crate) struct BillyState {
    pub(crate) contacts: Vec<Map<String, Value>>,
    pub(crate) persons: Vec<Map<String, Value>>,
    pub(crate) products: Vec<records::Product>,
    pub(crate) invoices: Vec<invoice::Invoice>,
    pub(crate) emails: Vec<Value>,
    pub(crate) next_invoice_no: u64,
    pub(crate) faults: BillyFaults,
    pub(crate) stats: BillyStats,
}

impl Default for BillyState {
    fn default() -> BillyState {
        BillyState {
            contacts: Vec::new(),
            persons: Vec::new(),
            products: records::PRODUCTS.to_vec(),
            invoices: Vec::new(),
            emails: Vec::new(),
            next_invoice_no: FIRST_INVOICE_NO,
            faults: BillyFaults::default(),
            stats: BillyStats::default(),
        }
    }
}

impl BillyState {
    /// Wipes contacts, invoices, e-mails, faults and counters; the seeded
    /// products stay and numbering starts over.
    pub(crate) fn reset(&mut self) {
        *self = BillyState::default();
    }

    fn contact(&self, id: &str) -> Option<&Map<String, Value>> {
        self.contacts.iter().find(|c| c["id"] == id)
    }

    pub(crate) fn invoice_mut(&mut self, id: &str) -> Option<&mut invoice::Invoice> {
        self.invoices.iter_mut().find(|i| i.id == id)
    }

    fn approve(&mut self, id: &str) -> Result<Value, ApiError> {
        let no = self.next_invoice_no;
        let inv = self
            .invoice_mut(id)
            .ok_or_else(|| ApiError::not_found("invoice", id))?;
        if inv.state == invoice::State::Draft {
            inv.state = invoice::State::Approved;
            inv.invoice_no = Some(no);
            inv.approved = Some(Utc::now());
            self.next_invoice_no += 1;
        }
        Ok(self.changed(id))
    }

    /// Credits an approved invoice in full, as the web app's "Krediter"
    /// does: a credit note (`type: creditNote`, `creditedInvoiceId`) with the
    /// same lines and the same `contactMessage`, numbered in the same series,
    /// which leaves nothing to pay on the invoice. Its id.
    pub(crate) fn credit(&mut self, id: &str) -> Result<String, ApiError> {
        let no = self.next_invoice_no;
        let inv = self
            .invoice_mut(id)
            .ok_or_else(|| ApiError::not_found("invoice", id))?;
        if inv.kind != invoice::Kind::Invoice || inv.state != invoice::State::Approved {
            return Err(ApiError::refused(
                "Only an approved invoice can be credited.",
            ));
        }
        if inv.credited_ore >= inv.gross_ore() {
            return Err(ApiError::refused(
                "The invoice is already credited in full.",
            ));
        }
        let today = Utc::now();
        let mut note = inv.clone();
        inv.credited_ore = inv.gross_ore();
        note.id = records::new_id("inv");
        note.kind = invoice::Kind::CreditNote;
        note.credited_invoice_id = Some(id.to_string());
        note.invoice_no = Some(no);
        note.entry_date = today.date_naive();
        note.due_date = today.date_naive();
        note.paid = false;
        note.credited_ore = 0;
        note.sent = false;
        note.created = today;
        note.approved = Some(today);
        for line in &mut note.lines {
            line.id = records::new_id("line");
        }
        let note_id = note.id.clone();
        self.invoices.push(note);
        self.next_invoice_no += 1;
        Ok(note_id)
    }

    /// Voids an invoice (`state: voided`): it stays in the lists but is no
    /// claim any more. Voiding again changes nothing.
    pub(crate) fn void(&mut self, id: &str) -> Result<Value, ApiError> {
        let inv = self
            .invoice_mut(id)
            .ok_or_else(|| ApiError::not_found("invoice", id))?;
        if inv.kind != invoice::Kind::Invoice {
            return Err(ApiError::refused("A credit note cannot be voided."));
        }
        inv.state = invoice::State::Voided;
        Ok(inv.json())
    }

    /// A create or update answer: the invoice and its lines in plural arrays.
    fn changed(&self, id: &str) -> Value {
        let inv = self.invoices.iter().find(|i| i.id == id);
        json!({
            "invoices": inv.map(|i| vec![i.json()]).unwrap_or_default(),
            "invoiceLines": inv.map(|i| i.lines_json()).unwrap_or_default(),
            "meta": ok_meta(),
        })
    }
}

/// The Billy service.
pub(crate) struct Billy {
    state: Mutex<BillyState>,
}

impl Billy {
    pub(crate) fn new() -> Arc<Billy> {
        Arc::new(Billy {
            state: Mutex::new(BillyState::default()),
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, BillyState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_with_contact() -> (BillyState, String) {
        let mut st = BillyState::default();
        let (c, persons) = records::parse_contact(&json!({"contact": {
            "organizationId": BILLY_ORGANIZATION_ID, "name": "Hansen", "countryId": "DK",
            "type": "person", "contactPersons": [{"name": "Bo", "email": "bo@hansen.dk", "isPrimary": true}]
        }}))
        .expect("contact");
        let id = c["id"].as_str().expect("id").to_string();
        st.contacts.push(c);
        st.persons.extend(persons);
        (st, id)
    }

    fn body(contact: &str, lines: Value) -> Value {
        json!({"invoice": {
            "organizationId": BILLY_ORGANIZATION_ID, "contactId": contact,
            "entryDate": "2026-03-02", "paymentTermsDays": 8, "currencyId": "DKK",
            "state": "draft", "contactMessage": "Booking B-17", "lines": lines,
        }})
    }

    #[test]
    fn invoice_money_through_the_json() {
        let (st, contact) = state_with_contact();
        let inv = invoice::parse_new(
            &st,
            &body(
                &contact,
                json!([
                    {"productId": "prod-cleaning", "description": "3 t", "quantity": 3, "unitPrice": 349},
                    {"productId": "prod-driving", "description": "42 km", "quantity": 42, "unitPrice": 3.79},
                ]),
            ),
        )
        .expect("valid");
        let v = inv.json();
        assert_eq!(v["amount"], json!(1206.18));
        assert_eq!(v["tax"], json!(261.75));
        assert_eq!(v["grossAmount"], json!(1467.93));
        assert_eq!(v["balance"], json!(1467.93));
        assert_eq!(v["dueDate"], "2026-03-10");
        assert_eq!(v["invoiceNo"], Value::Null);
        assert_eq!(inv.lines_json()[1]["taxRate"], json!(0.0));
    }

    #[test]
    fn invoice_validation_names_the_field() {
        let (st, contact) = state_with_contact();
        let line = json!([{"productId": "prod-cleaning", "quantity": 1, "unitPrice": 349}]);
        let refused = |b: Value, field: &str, status: u16| {
            let e = invoice::parse_new(&st, &b).expect_err(field);
            assert_eq!(e.status, status, "{field}: {e:?}");
            assert!(e.message.contains(field), "{field}: {}", e.message);
        };
        refused(body("nobody", line.clone()), "invoice.contactId", 422);
        refused(body(&contact, json!([])), "invoice.lines", 422);
        for (patch, field) in [
            (
                json!({"productId": "nothing"}),
                "invoice.lines[0].productId",
            ),
            (json!({"quantity": 0}), "invoice.lines[0].quantity"),
            (json!({"quantity": "2"}), "invoice.lines[0].quantity"),
            (json!({"unitPrice": "349"}), "invoice.lines[0].unitPrice"),
            (json!({"taxRate": 0.25}), "invoice.lines[0].taxRate"),
        ] {
            let mut l = line.clone();
            for (k, v) in patch.as_object().expect("obj") {
                l[0][k] = v.clone();
            }
            refused(body(&contact, l), field, 422);
        }
        for (key, value, field, status) in [
            ("entryDate", json!("2.3.2026"), "invoice.entryDate", 422),
            ("entryDate", Value::Null, "invoice.entryDate", 422),
            ("currencyId", json!("EUR"), "invoice.currencyId", 422),
            ("currencyId", Value::Null, "invoice.currencyId", 422),
            ("state", json!("sent"), "invoice.state", 422),
            ("amount", json!(10), "invoice.amount", 422),
            (
                "paymentTermsDays",
                json!(-1),
                "invoice.paymentTermsDays",
                422,
            ),
            ("organizationId", json!("other-org"), "other-org", 403),
        ] {
            let mut b = body(&contact, line.clone());
            b["invoice"][key] = value;
            refused(b, field, status);
        }
        let e = invoice::parse_new(&st, &json!({"nothing": 1})).expect_err("no invoice");
        assert_eq!(e.status, 400);
    }

    #[test]
    fn numbers_follow_approval() {
        let (mut st, contact) = state_with_contact();
        let line = json!([{"productId": "prod-cleaning", "quantity": 1, "unitPrice": 349}]);
        let mut ids = Vec::new();
        for _ in 0..2 {
            let inv = invoice::parse_new(&st, &body(&contact, line.clone())).expect("valid");
            ids.push(inv.id.clone());
            st.invoices.push(inv);
        }
        let second = st.approve(&ids[1]).expect("approve");
        assert_eq!(second["invoices"][0]["invoiceNo"], "1001");
        let again = st.approve(&ids[1]).expect("approve again");
        assert_eq!(again["invoices"][0]["invoiceNo"], "1001");
        let first = st.approve(&ids[0]).expect("approve");
        assert_eq!(first["invoices"][0]["invoiceNo"], "1002");
        st.reset();
        assert!(st.invoices.is_empty() && st.contacts.is_empty());
        assert_eq!(st.next_invoice_no, FIRST_INVOICE_NO);
        assert_eq!(st.products.len(), records::PRODUCTS.len());
    }

    #[test]
    fn error_bodies() {
        let e = ApiError::invalid("invoice.contactId", "no contact with id 'x'");
        let b = e.body();
        assert_eq!(b["errorCode"], "VALIDATION_ERROR");
        assert_eq!(
            b["errorMessage"],
            "invoice.contactId: no contact with id 'x'"
        );
        assert_eq!(b["meta"]["statusCode"], 422);
        assert_eq!(
            b["validationErrors"]["invoice.contactId"],
            "no contact with id 'x'"
        );
        assert!(
            ApiError::not_found("invoice", "i")
                .body()
                .get("validationErrors")
                .is_none()
        );
    }
}
