//! The fake Billy API v2 under `/billy/v2/`: the organization, contacts and
//! contact persons, seeded products and sales-tax rulesets, invoices with
//! their money, approval, deletion and e-mails. Strict like Billy: the
//! access token, the organization, every field of a new invoice is checked,
//! and errors come as `{"errorCode","errorMessage","meta":{"statusCode"}}`.
//!
//! ```text
//! billy.rs           state, routes, handlers, error answers
//! billy/records.rs   contacts, contact persons, products, rulesets, field checks
//! billy/invoice.rs   new invoices checked, money in øre, the JSON
//! billy/faults.rs    faults, counters, the gate (faults, then the token)
//! billy/admin.rs     BillyAdmin and /admin/billy/...
//! ```

mod admin;
mod faults;
mod invoice;
mod records;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use chrono::{NaiveDate, Utc};
use serde_json::{Map, Value, json};

pub use admin::BillyAdmin;
pub use faults::{BillyFaults, BillyStats};

pub(crate) use admin::router as admin_router;

/// The sandbox's Billy access token (`X-Access-Token`).
pub const BILLY_API_KEY: &str = "sandbox-billy-token";
/// The one organization the sandbox token belongs to.
pub const BILLY_ORGANIZATION_ID: &str = "renos-sandbox-org";
/// The organization's name.
pub const BILLY_ORGANIZATION_NAME: &str = "RenOS Sandbox ApS";

const API_PREFIX: &str = "/billy/v2/";
/// The first invoice number handed out.
const FIRST_INVOICE_NO: u64 = 1001;
/// Billy's largest page, and the page size when none is asked for.
const MAX_PAGE_SIZE: u64 = 1000;
const DEFAULT_PAGE_SIZE: u64 = 100;

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

/// The API, behind the fault and token gate.
pub(crate) fn router(billy: Arc<Billy>) -> Router {
    Router::new()
        .route(
            "/billy/v2/organization",
            get(organization).fallback(method_not_allowed),
        )
        .route(
            "/billy/v2/contacts",
            get(list_contacts)
                .post(create_contact)
                .fallback(method_not_allowed),
        )
        .route(
            "/billy/v2/contacts/{id}",
            get(get_contact).fallback(method_not_allowed),
        )
        .route(
            "/billy/v2/contactPersons",
            get(list_persons)
                .post(create_person)
                .fallback(method_not_allowed),
        )
        .route(
            "/billy/v2/products",
            get(list_products).fallback(method_not_allowed),
        )
        .route(
            "/billy/v2/products/{id}",
            get(get_product).fallback(method_not_allowed),
        )
        .route(
            "/billy/v2/salesTaxRulesets",
            get(list_rulesets).fallback(method_not_allowed),
        )
        .route(
            "/billy/v2/invoices",
            get(list_invoices)
                .post(create_invoice)
                .fallback(method_not_allowed),
        )
        .route(
            "/billy/v2/invoices/{id}",
            get(get_invoice)
                .put(update_invoice)
                .delete(delete_invoice)
                .fallback(method_not_allowed),
        )
        .route(
            "/billy/v2/invoices/{id}/emails",
            post(email_invoice).fallback(method_not_allowed),
        )
        .route("/billy/v2", any(route_not_found))
        .route("/billy/v2/", any(route_not_found))
        .route("/billy/v2/{*rest}", any(route_not_found))
        .layer(axum::middleware::from_fn_with_state(
            billy.clone(),
            faults::gate,
        ))
        .with_state(billy)
}

async fn route_not_found(method: Method, uri: Uri) -> Response {
    ApiError::new(
        404,
        "ROUTE_NOT_FOUND",
        &format!("There is no route {method} {}.", uri.path()),
    )
    .into_response()
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    ApiError::new(
        405,
        "METHOD_NOT_ALLOWED",
        &format!("{method} is not allowed on {}.", uri.path()),
    )
    .into_response()
}

type Params = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The query parameters, or a 400 for a query that cannot be read.
fn params(q: Params) -> Result<Vec<(String, String)>, ApiError> {
    q.map(|Query(v)| v)
        .map_err(|_| ApiError::bad_request("The query string cannot be read."))
}

fn param<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
    q.iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A list filtered by `organizationId` must name the sandbox's organization.
fn check_query_organization(q: &[(String, String)]) -> Result<(), ApiError> {
    match param(q, "organizationId") {
        Some(org) if org != BILLY_ORGANIZATION_ID => Err(ApiError::forbidden_organization(org)),
        _ => Ok(()),
    }
}

fn number_param(q: &[(String, String)], key: &str) -> Result<Option<u64>, ApiError> {
    param(q, key)
        .map(|v| {
            v.parse::<u64>()
                .map_err(|_| ApiError::invalid(key, "must be a whole number"))
        })
        .transpose()
}

/// One page of `items` under `key`, with `meta.paging`.
fn paged(key: &str, items: Vec<Value>, q: &[(String, String)]) -> Result<Value, ApiError> {
    let page = number_param(q, "page")?.unwrap_or(1);
    if page == 0 {
        return Err(ApiError::invalid("page", "must be 1 or more"));
    }
    let size = number_param(q, "pageSize")?.unwrap_or(DEFAULT_PAGE_SIZE);
    if size == 0 || size > MAX_PAGE_SIZE {
        return Err(ApiError::invalid(
            "pageSize",
            &format!("must be from 1 to {MAX_PAGE_SIZE}"),
        ));
    }
    let total = items.len() as u64;
    let page_count = total.div_ceil(size);
    let skip = usize::try_from((page - 1).saturating_mul(size)).unwrap_or(usize::MAX);
    let take = usize::try_from(size).unwrap_or(usize::MAX);
    let slice: Vec<Value> = items.into_iter().skip(skip).take(take).collect();
    let mut meta = ok_meta();
    meta["paging"] = json!({
        "page": page,
        "pageCount": page_count,
        "pageSize": size,
        "total": total,
    });
    Ok(json!({ key: slice, "meta": meta }))
}

fn parse_body(body: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|_| ApiError::bad_request("The body is not valid JSON."))
}

fn answer(r: Result<Value, ApiError>) -> Response {
    match r {
        Ok(v) => json_body(&v),
        Err(e) => e.into_response(),
    }
}

async fn organization() -> Response {
    json_body(&json!({
        "organization": {
            "id": BILLY_ORGANIZATION_ID,
            "name": BILLY_ORGANIZATION_NAME,
            "countryId": "DK",
            "baseCurrencyId": "DKK",
            "street": "Rådhuspladsen 1",
            "zipcode": "1550",
            "city": "København V",
            "registrationNo": "12345678",
            "isVatExempted": false,
            "defaultInvoiceBankAccountId": null,
        },
        "meta": ok_meta(),
    }))
}

async fn create_contact(State(billy): State<Arc<Billy>>, body: Bytes) -> Response {
    answer(parse_body(&body).and_then(|b| {
        let (contact, persons) = records::parse_contact(&b)?;
        let mut st = billy.lock();
        st.contacts.push(contact.clone());
        st.persons.extend(persons.iter().cloned());
        Ok(json!({
            "contacts": [contact],
            "contactPersons": persons,
            "meta": ok_meta(),
        }))
    }))
}

async fn get_contact(State(billy): State<Arc<Billy>>, Path(id): Path<String>) -> Response {
    let st = billy.lock();
    answer(
        st.contact(&id)
            .map(|c| json!({"contact": c, "meta": ok_meta()}))
            .ok_or_else(|| ApiError::not_found("contact", &id)),
    )
}

async fn list_contacts(State(billy): State<Arc<Billy>>, q: Params) -> Response {
    answer(params(q).and_then(|q| {
        check_query_organization(&q)?;
        let items = billy
            .lock()
            .contacts
            .iter()
            .map(|c| Value::Object(c.clone()))
            .collect();
        paged("contacts", items, &q)
    }))
}

async fn create_person(State(billy): State<Arc<Billy>>, body: Bytes) -> Response {
    answer(parse_body(&body).and_then(|b| {
        let mut st = billy.lock();
        let person = records::parse_new_person(&st, &b)?;
        st.persons.push(person.clone());
        Ok(json!({"contactPersons": [person], "meta": ok_meta()}))
    }))
}

async fn list_persons(State(billy): State<Arc<Billy>>, q: Params) -> Response {
    answer(params(q).and_then(|q| {
        check_query_organization(&q)?;
        let contact = param(&q, "contactId");
        let items = billy
            .lock()
            .persons
            .iter()
            .filter(|p| contact.is_none_or(|c| p["contactId"] == c))
            .map(|p| Value::Object(p.clone()))
            .collect();
        paged("contactPersons", items, &q)
    }))
}

async fn list_products(State(billy): State<Arc<Billy>>, q: Params) -> Response {
    answer(params(q).and_then(|q| {
        check_query_organization(&q)?;
        let items = billy.lock().products.iter().map(|p| p.json()).collect();
        paged("products", items, &q)
    }))
}

async fn get_product(State(billy): State<Arc<Billy>>, Path(id): Path<String>) -> Response {
    let st = billy.lock();
    answer(
        st.products
            .iter()
            .find(|p| p.id == id)
            .map(|p| json!({"product": p.json(), "meta": ok_meta()}))
            .ok_or_else(|| ApiError::not_found("product", &id)),
    )
}

async fn list_rulesets(q: Params) -> Response {
    answer(params(q).and_then(|q| {
        check_query_organization(&q)?;
        let items = records::RULESETS.iter().map(|r| r.json()).collect();
        paged("salesTaxRulesets", items, &q)
    }))
}

async fn create_invoice(State(billy): State<Arc<Billy>>, body: Bytes) -> Response {
    answer(parse_body(&body).and_then(|b| {
        let mut st = billy.lock();
        let inv = invoice::parse_new(&st, &b)?;
        let id = inv.id.clone();
        let approve = inv.state == invoice::State::Approved;
        let mut inv = inv;
        inv.state = invoice::State::Draft;
        st.invoices.push(inv);
        if approve {
            st.approve(&id)
        } else {
            Ok(st.changed(&id))
        }
    }))
}

async fn get_invoice(State(billy): State<Arc<Billy>>, Path(id): Path<String>) -> Response {
    let st = billy.lock();
    answer(
        st.invoices
            .iter()
            .find(|i| i.id == id)
            .map(|i| json!({"invoice": i.json(), "meta": ok_meta()}))
            .ok_or_else(|| ApiError::not_found("invoice", &id)),
    )
}

fn date_param(q: &[(String, String)], key: &str) -> Result<Option<NaiveDate>, ApiError> {
    param(q, key)
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| ApiError::invalid(key, "must be a date written YYYY-MM-DD"))
        })
        .transpose()
}

async fn list_invoices(State(billy): State<Arc<Billy>>, q: Params) -> Response {
    answer(params(q).and_then(|q| {
        check_query_organization(&q)?;
        let contact = param(&q, "contactId");
        let state = match param(&q, "state") {
            None => None,
            Some("draft") => Some(invoice::State::Draft),
            Some("approved") => Some(invoice::State::Approved),
            Some(_) => return Err(ApiError::invalid("state", "must be draft or approved")),
        };
        let paid = match param(&q, "isPaid") {
            None => None,
            Some("true" | "1") => Some(true),
            Some("false" | "0") => Some(false),
            Some(_) => return Err(ApiError::invalid("isPaid", "must be true or false")),
        };
        let min = date_param(&q, "minEntryDate")?;
        let max = date_param(&q, "maxEntryDate")?;
        let items = billy
            .lock()
            .invoices
            .iter()
            .filter(|i| contact.is_none_or(|c| i.contact_id == c))
            .filter(|i| state.is_none_or(|s| i.state == s))
            .filter(|i| paid.is_none_or(|p| i.paid == p))
            .filter(|i| min.is_none_or(|d| i.entry_date >= d))
            .filter(|i| max.is_none_or(|d| i.entry_date <= d))
            .map(invoice::Invoice::json)
            .collect();
        paged("invoices", items, &q)
    }))
}

/// `PUT /invoices/:id`: the only change there is, draft → approved.
async fn update_invoice(
    State(billy): State<Arc<Billy>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    answer(parse_body(&body).and_then(|b| {
        let mut st = billy.lock();
        let current = st
            .invoices
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.state)
            .ok_or_else(|| ApiError::not_found("invoice", &id))?;
        let fields = b
            .get("invoice")
            .and_then(Value::as_object)
            .ok_or_else(|| ApiError::bad_request("The body must hold an `invoice` object."))?;
        if fields.contains_key("organizationId") {
            records::check_organization(fields, "invoice.organizationId")?;
        }
        if let Some(key) = fields
            .keys()
            .find(|k| !matches!(k.as_str(), "state" | "organizationId" | "id"))
        {
            return Err(if current == invoice::State::Approved {
                ApiError::refused("Approved invoices cannot be changed; credit them instead.")
            } else {
                ApiError::invalid(
                    &format!("invoice.{key}"),
                    "cannot be changed in the sandbox (only state can)",
                )
            });
        }
        match (current, fields.get("state").and_then(Value::as_str)) {
            (_, None) if !fields.contains_key("state") => Ok(st.changed(&id)),
            (_, Some("approved")) => st.approve(&id),
            (invoice::State::Draft, Some("draft")) => Ok(st.changed(&id)),
            (invoice::State::Approved, Some("draft")) => Err(ApiError::invalid(
                "invoice.state",
                "an approved invoice cannot go back to draft",
            )),
            _ => Err(ApiError::invalid("invoice.state", "must be approved")),
        }
    }))
}

/// Deletes a draft (idempotent: an unknown id answers 200 too); an
/// approved invoice is refused.
async fn delete_invoice(State(billy): State<Arc<Billy>>, Path(id): Path<String>) -> Response {
    let mut st = billy.lock();
    let state = st.invoices.iter().find(|i| i.id == id).map(|i| i.state);
    match state {
        Some(invoice::State::Approved) => {
            ApiError::refused("Approved invoices cannot be deleted, credit them instead.")
                .into_response()
        }
        Some(invoice::State::Draft) => {
            st.invoices.retain(|i| i.id != id);
            json_body(&json!({"meta": ok_meta(), "deletedRecords": {"invoices": [id]}}))
        }
        None => json_body(&json!({"meta": ok_meta()})),
    }
}

async fn email_invoice(
    State(billy): State<Arc<Billy>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    answer(parse_body(&body).and_then(|b| {
        let mut st = billy.lock();
        let (state, contact_id) = st
            .invoices
            .iter()
            .find(|i| i.id == id)
            .map(|i| (i.state, i.contact_id.clone()))
            .ok_or_else(|| ApiError::not_found("invoice", &id))?;
        let email = b
            .get("email")
            .and_then(Value::as_object)
            .ok_or_else(|| ApiError::bad_request("The body must hold an `email` object."))?;
        if state == invoice::State::Draft {
            return Err(ApiError::refused(
                "A draft invoice cannot be sent; approve it first.",
            ));
        }
        let person_id = records::required_str(email, "contactPersonId", "email.contactPersonId")?;
        let to = st
            .persons
            .iter()
            .find(|p| p["id"] == person_id && p["contactId"] == contact_id)
            .ok_or_else(|| {
                ApiError::invalid(
                    "email.contactPersonId",
                    &format!("'{person_id}' is not a contact person of the invoice's contact"),
                )
            })?
            .get("email")
            .and_then(Value::as_str)
            .filter(|e| !e.is_empty())
            .map(str::to_string)
            .ok_or_else(|| {
                ApiError::invalid(
                    "email.contactPersonId",
                    "the contact person has no e-mail address",
                )
            })?;
        let subject = records::required_str(email, "emailSubject", "email.emailSubject")?;
        let text = records::required_str(email, "emailBody", "email.emailBody")?;
        st.emails.push(json!({
            "id": records::new_id("email"),
            "invoiceId": id,
            "contactPersonId": person_id,
            "to": to,
            "emailSubject": subject,
            "emailBody": text,
            "createdTime": Utc::now().to_rfc3339(),
        }));
        if let Some(inv) = st.invoice_mut(&id) {
            inv.sent = true;
        }
        Ok(st.changed(&id))
    }))
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
    fn paging() {
        let items: Vec<Value> = (0..5).map(|n| json!({"id": n})).collect();
        let q = |page: &str, size: &str| {
            vec![
                ("page".to_string(), page.to_string()),
                ("pageSize".to_string(), size.to_string()),
            ]
        };
        let p = paged("x", items.clone(), &q("2", "2")).expect("page");
        assert_eq!(p["x"], json!([{"id": 2}, {"id": 3}]));
        assert_eq!(
            p["meta"]["paging"],
            json!({"page": 2, "pageCount": 3, "pageSize": 2, "total": 5})
        );
        let p = paged("x", items.clone(), &q("9", "2")).expect("past the end");
        assert_eq!(p["x"], json!([]));
        for (page, size) in [("0", "2"), ("1", "1001"), ("1", "0"), ("x", "2")] {
            let e = paged("x", items.clone(), &q(page, size)).expect_err("refused");
            assert_eq!(e.status, 422, "{page} {size}");
        }
        let p = paged("x", items, &[]).expect("defaults");
        assert_eq!(p["meta"]["paging"]["pageSize"], 100);
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
