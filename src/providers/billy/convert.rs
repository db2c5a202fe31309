//! Billy's JSON both ways: request bodies from our values (øre become
//! kroner floats here and nowhere else), answers back into values, and
//! refusals sorted into [`BillyError`]. Pure.

use std::time::Duration;

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use super::types::{
    AccessKind, AccessRefusal, BillyError, Invoice, InvoiceKind, InvoiceState, Missing,
    MissingKind, NewContact, NewInvoice, Organization, Thing,
};
use crate::domain::money::{kroner, ore_from_kroner};
use crate::providers::network::NetworkFault;
use crate::providers::retry::clip;

/// An answer we cannot use.
pub(crate) fn unreadable(why: &str) -> BillyError {
    BillyError::Network(NetworkFault::unreadable(
        why,
        clip(&format!(
            "Billy sent an answer that could not be read: {why}"
        )),
    ))
}

/// The body of a 2xx answer: blank is no value, anything else must be JSON.
pub(crate) fn answer(bytes: &[u8]) -> Result<Value, BillyError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(bytes).map_err(|e| unreadable(&format!("{e}")))
}

/// `POST /contacts`.
pub(crate) fn contact_body(organization_id: &str, c: &NewContact) -> Value {
    let mut contact = Map::new();
    contact.insert("organizationId".into(), json!(organization_id));
    contact.insert(
        "type".into(),
        json!(if c.company { "company" } else { "person" }),
    );
    contact.insert("name".into(), json!(c.name.trim()));
    contact.insert("countryId".into(), json!("DK"));
    contact.insert("isCustomer".into(), json!(true));
    for (key, value) in [
        ("street", &c.street),
        ("zipcodeText", &c.zipcode),
        ("cityText", &c.city),
        ("phone", &c.phone),
    ] {
        let value = value.trim();
        if !value.is_empty() {
            contact.insert(key.into(), json!(value));
        }
    }
    let email = c.email.trim();
    if !email.is_empty() {
        contact.insert(
            "contactPersons".into(),
            json!([{ "name": c.name.trim(), "email": email, "isPrimary": true }]),
        );
    }
    json!({ "contact": contact })
}

/// `POST /invoices`: prices excl. VAT, in DKK. The quantity goes out with
/// at most two decimals (`kroner` turns hundredths into the shortest decimal
/// text, 133 → 1.33), so Billy keeps exactly what was sent.
pub(crate) fn invoice_body(organization_id: &str, inv: &NewInvoice) -> Value {
    let lines: Vec<Value> = inv
        .lines
        .iter()
        .map(|line| {
            json!({
                "productId": line.product_id,
                "description": line.description,
                "quantity": kroner(line.quantity_centi),
                "unitPrice": kroner(line.unit_price_ore),
            })
        })
        .collect();
    json!({ "invoice": {
        "organizationId": organization_id,
        "contactId": inv.contact_id,
        "entryDate": inv.entry_date.format("%Y-%m-%d").to_string(),
        "paymentTermsMode": "net",
        "paymentTermsDays": inv.payment_terms_days,
        "currencyId": "DKK",
        "taxMode": "excl",
        "state": if inv.approved { "approved" } else { "draft" },
        "contactMessage": inv.contact_message,
        "lines": lines,
    }})
}

/// `PUT /invoices/:id`.
pub(crate) fn approve_body() -> Value {
    json!({ "invoice": { "state": "approved" } })
}

/// `POST /invoices/:id/emails`.
pub(crate) fn email_body(contact_person_id: &str, subject: &str, body: &str) -> Value {
    json!({ "email": {
        "contactPersonId": contact_person_id,
        "emailSubject": subject,
        "emailBody": body,
    }})
}

/// The record under `key` (`{"invoice": {...}}`).
pub(crate) fn single<'a>(
    answer: &'a Value,
    key: &str,
) -> Result<&'a Map<String, Value>, BillyError> {
    answer
        .get(key)
        .and_then(Value::as_object)
        .ok_or_else(|| unreadable(&format!("no `{key}` object")))
}

/// The records under `key` (`{"invoices": [...]}`); missing means none.
pub(crate) fn plural<'a>(
    answer: &'a Value,
    key: &str,
) -> Result<Vec<&'a Map<String, Value>>, BillyError> {
    match answer.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_object()
                    .ok_or_else(|| unreadable(&format!("an item of `{key}` is not an object")))
            })
            .collect(),
        Some(_) => Err(unreadable(&format!("`{key}` is not a list"))),
    }
}

/// The first record of a create or update answer.
pub(crate) fn first<'a>(
    answer: &'a Value,
    key: &str,
) -> Result<&'a Map<String, Value>, BillyError> {
    plural(answer, key)?
        .into_iter()
        .next()
        .ok_or_else(|| unreadable(&format!("`{key}` is empty")))
}

/// An id: a string, or a number written as one.
pub(crate) fn id_field(rec: &Map<String, Value>, key: &str) -> Result<String, BillyError> {
    match rec.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        _ => Err(unreadable(&format!("no `{key}`"))),
    }
}

fn opt_id(rec: &Map<String, Value>, key: &str) -> Option<String> {
    id_field(rec, key).ok()
}

fn text(rec: &Map<String, Value>, key: &str) -> String {
    rec.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Kroner (a number, or a number in a string) as øre.
fn money(rec: &Map<String, Value>, key: &str) -> Result<Option<i64>, BillyError> {
    let kr = match rec.get(key) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    kr.and_then(ore_from_kroner)
        .map(Some)
        .ok_or_else(|| unreadable(&format!("`{key}` is not an amount")))
}

fn required_money(rec: &Map<String, Value>, key: &str) -> Result<i64, BillyError> {
    money(rec, key)?.ok_or_else(|| unreadable(&format!("no `{key}`")))
}

fn date(rec: &Map<String, Value>, key: &str) -> Result<Option<NaiveDate>, BillyError> {
    match rec.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => {
            // A date, or the date part of a timestamp.
            let day = s.get(..10).unwrap_or(s);
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| unreadable(&format!("`{key}` is not a date")))
        }
        Some(_) => Err(unreadable(&format!("`{key}` is not a date"))),
    }
}

fn flag(rec: &Map<String, Value>, key: &str) -> Result<bool, BillyError> {
    match rec.get(key) {
        Some(Value::Bool(b)) => Ok(*b),
        None | Some(Value::Null) => Ok(false),
        Some(_) => Err(unreadable(&format!("`{key}` is not true or false"))),
    }
}

pub(crate) fn organization(answer: &Value) -> Result<Organization, BillyError> {
    let rec = single(answer, "organization")?;
    Ok(Organization {
        id: id_field(rec, "id")?,
        name: text(rec, "name"),
    })
}

/// `(id, name)` of a contact record.
pub(crate) fn contact(rec: &Map<String, Value>) -> Result<(String, String), BillyError> {
    Ok((id_field(rec, "id")?, text(rec, "name")))
}

/// The primary contact person of `contact_id` among `persons` (the first
/// one when none is marked primary).
pub(crate) fn primary_person(persons: &[&Map<String, Value>], contact_id: &str) -> Option<String> {
    let of_contact: Vec<&&Map<String, Value>> = persons
        .iter()
        .filter(|p| opt_id(p, "contactId").is_none_or(|c| c == contact_id))
        .collect();
    of_contact
        .iter()
        .find(|p| p.get("isPrimary").and_then(Value::as_bool) == Some(true))
        .or_else(|| of_contact.first())
        .and_then(|p| opt_id(p, "id"))
}

pub(crate) fn product(rec: &Map<String, Value>) -> Result<(String, String, bool), BillyError> {
    Ok((
        id_field(rec, "id")?,
        text(rec, "name"),
        rec.get("isArchived").and_then(Value::as_bool) == Some(true),
    ))
}

pub(crate) fn invoice(rec: &Map<String, Value>) -> Result<Invoice, BillyError> {
    let id = id_field(rec, "id")?;
    let mut state = rec
        .get("state")
        .and_then(Value::as_str)
        .map(InvoiceState::parse)
        .ok_or_else(|| unreadable(&format!("invoice {id} has no `state`")))?;
    // Either spelling of a void counts (`state: voided`, `isVoided: true`).
    if flag(rec, "isVoided")? {
        state = InvoiceState::Voided;
    }
    // Only an explicit credit note is one: anything else stays a candidate
    // for "ours", so it is never overlooked and made twice.
    let kind = match rec.get("type").and_then(Value::as_str) {
        Some("creditNote") => InvoiceKind::CreditNote,
        _ => InvoiceKind::Invoice,
    };
    let amount_ore = required_money(rec, "amount")?;
    let tax_ore = required_money(rec, "tax")?;
    let gross_ore = money(rec, "grossAmount")?.unwrap_or(amount_ore + tax_ore);
    let is_paid = flag(rec, "isPaid")?;
    let balance_ore = required_money(rec, "balance")?;
    Ok(Invoice {
        invoice_no: match rec.get("invoiceNo") {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        },
        state,
        contact_id: id_field(rec, "contactId")?,
        entry_date: date(rec, "entryDate")?,
        due_date: date(rec, "dueDate")?,
        amount_ore,
        tax_ore,
        gross_ore,
        balance_ore,
        is_paid,
        contact_message: text(rec, "contactMessage"),
        kind,
        credited_invoice_id: opt_id(rec, "creditedInvoiceId"),
        id,
    })
}

/// `(page, pageCount)` from `meta.paging`, when there.
pub(crate) fn paging(answer: &Value) -> Option<(u64, u64)> {
    let p = answer.get("meta")?.get("paging")?;
    let number = |key: &str| {
        p.get(key).and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        })
    };
    Some((number("page")?, number("pageCount")?))
}

/// Sorts a non-2xx answer. `what` names the thing asked for (for a 404),
/// `api_key` is scrubbed from every text.
pub(crate) fn classify(
    status: u16,
    body: &[u8],
    retry_after: Option<Duration>,
    what: &str,
    api_key: &str,
) -> BillyError {
    let detail = error_message(body).map(|m| scrub(&m, api_key));
    let said = |fallback: String| detail.clone().unwrap_or(fallback);
    match status {
        401 => BillyError::Auth(AccessRefusal::new(
            AccessKind::KeyRefused {
                said: detail.clone(),
            },
            clip(&format!(
                "Billy did not accept the API key (HTTP 401: {}); check BILLY_API_KEY: \
                 it must be an access token of the company's Billy organization",
                said("no details".into())
            )),
        )),
        403 => BillyError::Auth(AccessRefusal::new(
            AccessKind::NoAccess {
                said: detail.clone(),
            },
            clip(&format!(
                "the API key has no access to this (HTTP 403: {}); check that BILLY_API_KEY \
                 and BILLY_ORGANIZATION_ID belong to the same Billy organization",
                said("no details".into())
            )),
        )),
        404 => BillyError::NotFound(Missing::new(
            MissingKind {
                thing: Thing::Other,
                said: detail.clone(),
            },
            clip(&match &detail {
                Some(d) => format!("{what} ({d})"),
                None => what.to_string(),
            }),
        )),
        429 => BillyError::RateLimited { retry_after },
        400 | 422 => BillyError::Invalid(clip(&said(format!("HTTP {status}"))).into()),
        500..=599 => BillyError::Server {
            status,
            message: clip(&said(format!("HTTP {status}"))),
        },
        _ => BillyError::Invalid(
            clip(&match &detail {
                Some(d) => format!("HTTP {status}: {d}"),
                None => format!("HTTP {status}"),
            })
            .into(),
        ),
    }
}

/// The text of an error answer, whatever its shape: Billy's `errorMessage`
/// (with its validation details), other common JSON shapes, an HTML page's
/// title, or plain text.
pub(crate) fn error_message(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return json_message(&v).map(|m| clip(&m));
    }
    if text.starts_with('<') {
        let lower = text.to_ascii_lowercase();
        let title = lower
            .find("<title>")
            .and_then(|start| {
                let from = start + "<title>".len();
                lower[from..].find("</title>").map(|len| (from, from + len))
            })
            .and_then(|(a, b)| text.get(a..b))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        return Some(match title {
            Some(t) => clip(&format!("an HTML page: {t}")),
            None => "an HTML page".to_string(),
        });
    }
    Some(clip(text))
}

fn json_message(v: &Value) -> Option<String> {
    let str_at = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let mut message = str_at("errorMessage")
        .or_else(|| str_at("message"))
        .or_else(|| str_at("error"))
        .or_else(|| {
            v.get("error")
                .and_then(|e| e.get("message"))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .filter(|m| !m.trim().is_empty());
    let mut details = Vec::new();
    if let Some(errors) = v.get("validationErrors") {
        collect_strings(errors, "", &mut details);
    }
    let details: Vec<String> = details
        .into_iter()
        .filter(|d| message.as_ref().is_none_or(|m| !m.contains(d.as_str())))
        .collect();
    if !details.is_empty() {
        let joined = details.join("; ");
        message = Some(match message {
            Some(m) => format!("{m} ({joined})"),
            None => joined,
        });
    }
    if message.is_none()
        && let Some(code) = v.get("errorCode").and_then(Value::as_str)
    {
        message = Some(code.to_string());
    }
    message
}

/// `path: text` for every string in a nested validation-error object.
fn collect_strings(v: &Value, path: &str, out: &mut Vec<String>) {
    if out.len() >= 10 {
        return;
    }
    match v {
        Value::String(s) if path.is_empty() => out.push(s.clone()),
        Value::String(s) => out.push(format!("{path}: {s}")),
        Value::Array(items) => {
            for item in items {
                collect_strings(item, path, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                // Billy nests field errors under `attributes`; leave that out.
                let path = match (path.is_empty(), key.as_str()) {
                    (_, "attributes") => path.to_string(),
                    (true, _) => key.clone(),
                    (false, _) => format!("{path}.{key}"),
                };
                collect_strings(item, &path, out);
            }
        }
        _ => {}
    }
}

/// `text` with the API key blotted out (keys too short to be real are
/// left alone so that ordinary words survive).
pub(crate) fn scrub(text: &str, api_key: &str) -> String {
    let key = api_key.trim();
    if key.len() < 6 {
        text.to_string()
    } else {
        text.replace(key, "<hidden>")
    }
}

#[cfg(test)]
mod tests;
