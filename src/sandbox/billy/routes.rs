//! The Billy fake's routes and handlers: reading the query and the body,
//! paging, and each call of the API.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use chrono::{NaiveDate, Utc};
use serde_json::{Value, json};

use super::{
    ApiError, BILLY_ORGANIZATION_ID, BILLY_ORGANIZATION_NAME, Billy, DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE, faults, invoice, json_body, ok_meta, records,
};

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
            Some("voided") => Some(invoice::State::Voided),
            Some(_) => {
                return Err(ApiError::invalid(
                    "state",
                    "must be draft, approved or voided",
                ));
            }
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
            .filter(|i| paid.is_none_or(|p| i.is_paid() == p))
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
            (invoice::State::Voided, _) => {
                Err(ApiError::refused("A voided invoice cannot be changed."))
            }
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
        Some(invoice::State::Approved | invoice::State::Voided) => {
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
        match state {
            invoice::State::Draft => {
                return Err(ApiError::refused(
                    "A draft invoice cannot be sent; approve it first.",
                ));
            }
            invoice::State::Voided => {
                return Err(ApiError::refused("A voided invoice cannot be sent."));
            }
            invoice::State::Approved => {}
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
        assert_eq!(p["meta"]["paging"]["pageSize"], 1000);
    }
}
