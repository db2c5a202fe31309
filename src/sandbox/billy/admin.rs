//! The test side of the Billy fake: look at invoices, contacts and e-mails,
//! mark invoices paid as a customer's payment would, set faults, read
//! counters. The same operations in process (`BillyAdmin`) and over HTTP
//! (`/admin/billy/...`, no token, no faults).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde_json::{Value, json};

use super::faults::{BillyFaults, BillyStats};
use super::{ApiError, Billy, invoice, json_body};

/// In-process admin handle on the Billy fake.
#[derive(Clone)]
pub struct BillyAdmin {
    pub(crate) billy: Arc<Billy>,
}

impl BillyAdmin {
    /// Every invoice, in creation order, as the API returns it.
    pub fn invoices(&self) -> Vec<Value> {
        self.billy
            .lock()
            .invoices
            .iter()
            .map(invoice::Invoice::json)
            .collect()
    }

    /// Every invoice line (`invoiceLines` records, with `invoiceId`).
    pub fn invoice_lines(&self) -> Vec<Value> {
        self.billy
            .lock()
            .invoices
            .iter()
            .flat_map(invoice::Invoice::lines_json)
            .collect()
    }

    /// Every contact, in creation order.
    pub fn contacts(&self) -> Vec<Value> {
        self.billy
            .lock()
            .contacts
            .iter()
            .map(|c| Value::Object(c.clone()))
            .collect()
    }

    /// Every contact person (with `contactId`).
    pub fn contact_persons(&self) -> Vec<Value> {
        self.billy
            .lock()
            .persons
            .iter()
            .map(|p| Value::Object(p.clone()))
            .collect()
    }

    /// Every e-mail sent: `invoiceId`, `contactPersonId`, `to`,
    /// `emailSubject`, `emailBody`.
    pub fn emails(&self) -> Vec<Value> {
        self.billy.lock().emails.clone()
    }

    /// The customer paid (`isPaid` true, `balance` 0), or the payment is
    /// undone. False for an unknown invoice or a draft (only approved
    /// invoices can be paid).
    pub fn set_paid(&self, invoice_id: &str, paid: bool) -> bool {
        self.try_set_paid(invoice_id, paid).is_ok()
    }

    fn try_set_paid(&self, invoice_id: &str, paid: bool) -> Result<Value, ApiError> {
        let mut st = self.billy.lock();
        let inv = st
            .invoice_mut(invoice_id)
            .ok_or_else(|| ApiError::not_found("invoice", invoice_id))?;
        if inv.state != invoice::State::Approved || inv.kind != invoice::Kind::Invoice {
            return Err(ApiError::refused(&format!(
                "Only an approved invoice can be paid; this one is {} {}.",
                if inv.kind == invoice::Kind::Invoice {
                    "an invoice"
                } else {
                    "a credit note"
                },
                inv.state.as_str()
            )));
        }
        inv.paid = paid;
        Ok(inv.json())
    }

    /// Credits an approved invoice in full, as a bookkeeper would in
    /// Billy's app: a credit note (`type: creditNote`, `creditedInvoiceId`,
    /// the invoice's `contactMessage`) joins the invoice lists and the
    /// invoice has nothing left to pay. The credit note's id, or `None` for
    /// an unknown, unapproved or already credited invoice.
    pub fn credit(&self, invoice_id: &str) -> Option<String> {
        self.billy.lock().credit(invoice_id).ok()
    }

    /// Voids an invoice (`state: voided`), as a bookkeeper would in Billy's
    /// app. False for an unknown invoice or a credit note.
    pub fn void(&self, invoice_id: &str) -> bool {
        self.billy.lock().void(invoice_id).is_ok()
    }

    /// Adds `n` approved invoices of one line to `contact_id` at once, each
    /// with `contact_message` (for lists longer than a page). False for an
    /// unknown contact.
    pub fn seed_invoices(&self, contact_id: &str, n: usize, contact_message: &str) -> bool {
        let mut st = self.billy.lock();
        if !st.contacts.iter().any(|c| c["id"] == contact_id) {
            return false;
        }
        let body = serde_json::json!({"invoice": {
            "organizationId": super::BILLY_ORGANIZATION_ID,
            "contactId": contact_id,
            "entryDate": "2026-01-02",
            "currencyId": "DKK",
            "state": "approved",
            "contactMessage": contact_message,
            "lines": [{"productId": "prod-cleaning", "quantity": 1, "unitPrice": 349}],
        }});
        for _ in 0..n {
            let Ok(mut inv) = invoice::parse_new(&st, &body) else {
                return false;
            };
            inv.state = invoice::State::Draft;
            let id = inv.id.clone();
            st.invoices.push(inv);
            if st.approve(&id).is_err() {
                return false;
            }
        }
        true
    }

    /// Replaces the fault set.
    pub fn set_faults(&self, f: BillyFaults) {
        self.billy.lock().faults = f;
    }

    pub fn clear_faults(&self) {
        self.billy.lock().faults = BillyFaults::default();
    }

    /// The faults still pending.
    pub fn faults(&self) -> BillyFaults {
        self.billy.lock().faults.clone()
    }

    pub fn stats(&self) -> BillyStats {
        self.billy.lock().stats.clone()
    }

    pub fn reset_stats(&self) {
        self.billy.lock().stats = BillyStats::default();
    }

    /// Wipes contacts, invoices, e-mails, faults and counters; the seeded
    /// products stay and invoice numbers start over.
    pub fn reset(&self) {
        self.billy.lock().reset();
    }
}

/// `/admin/billy/...`.
pub(crate) fn router(billy: Arc<Billy>) -> Router {
    let admin = BillyAdmin { billy };
    Router::new()
        .route("/admin/billy/invoices", get(list_invoices))
        .route("/admin/billy/invoices/{id}/paid", post(set_paid))
        .route("/admin/billy/invoices/{id}/credit", post(credit))
        .route("/admin/billy/invoices/{id}/void", post(void))
        .route("/admin/billy/contacts", get(list_contacts))
        .route("/admin/billy/emails", get(list_emails))
        .route(
            "/admin/billy/faults",
            put(set_faults).get(get_faults).delete(clear_faults),
        )
        .route("/admin/billy/stats", get(get_stats).delete(reset_stats))
        .route("/admin/billy/reset", post(reset))
        .with_state(admin)
}

async fn list_invoices(State(admin): State<BillyAdmin>) -> Response {
    json_body(&json!({
        "invoices": admin.invoices(),
        "invoiceLines": admin.invoice_lines(),
    }))
}

async fn list_contacts(State(admin): State<BillyAdmin>) -> Response {
    json_body(&json!({
        "contacts": admin.contacts(),
        "contactPersons": admin.contact_persons(),
    }))
}

async fn list_emails(State(admin): State<BillyAdmin>) -> Response {
    json_body(&json!({ "emails": admin.emails() }))
}

/// Body `{"paid": true|false}`.
async fn set_paid(
    State(admin): State<BillyAdmin>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let paid = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("paid").and_then(Value::as_bool));
    let Some(paid) = paid else {
        return ApiError::bad_request("The body must be {\"paid\": true} or {\"paid\": false}.")
            .into_response();
    };
    match admin.try_set_paid(&id, paid) {
        Ok(inv) => json_body(&json!({ "invoice": inv })),
        Err(e) => e.into_response(),
    }
}

/// Answers `{"creditNote": {...}}`.
async fn credit(State(admin): State<BillyAdmin>, Path(id): Path<String>) -> Response {
    let mut st = admin.billy.lock();
    match st.credit(&id) {
        Ok(note) => {
            let note = st
                .invoices
                .iter()
                .find(|i| i.id == note)
                .map(invoice::Invoice::json);
            json_body(&json!({ "creditNote": note }))
        }
        Err(e) => e.into_response(),
    }
}

/// Answers `{"invoice": {...}}`.
async fn void(State(admin): State<BillyAdmin>, Path(id): Path<String>) -> Response {
    match admin.billy.lock().void(&id) {
        Ok(inv) => json_body(&json!({ "invoice": inv })),
        Err(e) => e.into_response(),
    }
}

async fn set_faults(State(admin): State<BillyAdmin>, body: Bytes) -> Response {
    match serde_json::from_slice::<BillyFaults>(&body) {
        Ok(f) => {
            admin.set_faults(f);
            json_body(&serde_json::to_value(admin.faults()).unwrap_or_default())
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("not a fault set: {e}\n")).into_response(),
    }
}

async fn get_faults(State(admin): State<BillyAdmin>) -> Response {
    json_body(&serde_json::to_value(admin.faults()).unwrap_or_default())
}

async fn clear_faults(State(admin): State<BillyAdmin>) -> StatusCode {
    admin.clear_faults();
    StatusCode::NO_CONTENT
}

async fn get_stats(State(admin): State<BillyAdmin>) -> Response {
    json_body(&serde_json::to_value(admin.stats()).unwrap_or_default())
}

async fn reset_stats(State(admin): State<BillyAdmin>) -> StatusCode {
    admin.reset_stats();
    StatusCode::NO_CONTENT
}

async fn reset(State(admin): State<BillyAdmin>) -> StatusCode {
    admin.reset();
    StatusCode::NO_CONTENT
}
