//! What the rest of RenOS sees of Billy: settings, plain values with money
//! in øre, and the few error cases worth telling apart. Nothing here does I/O.

use std::fmt;
use std::time::Duration;

use chrono::NaiveDate;

use crate::providers::network::{NetworkFault, UrlFault};
use crate::providers::refusal::Refusal;
pub use crate::providers::retry::RetryPolicy;

/// Billy's API v2 root.
pub const DEFAULT_BASE_URL: &str = "https://api.billysbilling.com/v2/";

/// Where Billy lives, which company, and how patiently to retry. `Debug`
/// leaves the API key out.
#[derive(Clone)]
pub struct BillySettings {
    /// Ends with `/` (a missing one is added by [`BillySettings::normalised`]
    /// and by the client).
    pub base_url: String,
    /// The access token (`X-Access-Token`); it belongs to one organization.
    pub api_key: String,
    /// The organization the token must belong to.
    pub organization_id: String,
    pub retry: RetryPolicy,
}

impl fmt::Debug for BillySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BillySettings")
            .field("base_url", &self.base_url)
            .field("api_key", &"<hidden>")
            .field("organization_id", &self.organization_id)
            .field("retry", &self.retry)
            .finish()
    }
}

impl BillySettings {
    /// Settings from the pieces, trimmed; an empty or missing base URL is
    /// Billy's own, and the base URL gets its trailing `/`.
    pub fn new(api_key: &str, organization_id: &str, base_url: Option<&str>) -> BillySettings {
        let base_url = base_url
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .unwrap_or(DEFAULT_BASE_URL);
        BillySettings {
            base_url: with_trailing_slash(base_url),
            api_key: api_key.trim().to_string(),
            organization_id: organization_id.trim().to_string(),
            retry: RetryPolicy::default(),
        }
    }

    /// What [`BillySettings::new`] does to its pieces, for settings written
    /// as a struct literal (the retry policy is kept).
    pub fn normalised(self) -> BillySettings {
        BillySettings {
            retry: self.retry,
            ..BillySettings::new(&self.api_key, &self.organization_id, Some(&self.base_url))
        }
    }
}

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// The company the API key belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub id: String,
    pub name: String,
}

/// A customer to create in Billy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewContact {
    pub name: String,
    /// `type`: company (true) or person (false).
    pub company: bool,
    pub street: String,
    pub zipcode: String,
    pub city: String,
    pub phone: String,
    /// Non-empty: one primary contact person `{name, email, isPrimary}` is
    /// created with the contact (Billy keeps e-mail on contact persons).
    pub email: String,
}

/// A contact as RenOS needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: String,
    pub name: String,
    /// The primary contact person (the first one when none is marked
    /// primary), if any: invoices are e-mailed to it.
    pub contact_person_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: String,
    pub name: String,
}

/// One invoice line; the VAT comes from the product.
#[derive(Debug, Clone, PartialEq)]
pub struct NewLine {
    pub product_id: String,
    pub description: String,
    /// Hours (or units) in hundredths: 3.25 h is 325. Billy keeps a
    /// quantity to two decimals, so this is exactly what it multiplies by
    /// the unit price: a quantity with more decimals could not be sent.
    pub quantity_centi: i64,
    /// Excl. VAT.
    pub unit_price_ore: i64,
}

/// An invoice to create (prices excl. VAT, `taxMode` `excl`, DKK).
#[derive(Debug, Clone, PartialEq)]
pub struct NewInvoice {
    pub contact_id: String,
    pub entry_date: NaiveDate,
    pub payment_terms_days: u32,
    /// Approved at once (gets its number), else a draft.
    pub approved: bool,
    /// Shown on the invoice; carries the booking reference, so that after a
    /// lost answer the invoice can be found among the contact's invoices.
    pub contact_message: String,
    pub lines: Vec<NewLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum InvoiceState {
    Draft,
    Approved,
    /// `voided` (or `isVoided: true`): no longer a claim.
    Voided,
    /// A state this client does not know. Never taken for voided: an
    /// invoice that is ours must not be overlooked and made again.
    #[strum(disabled)]
    Unknown,
}

impl InvoiceState {
    /// Billy's `state` (draft | approved | voided).
    pub fn parse(s: &str) -> InvoiceState {
        s.parse().unwrap_or(InvoiceState::Unknown)
    }
}

/// Billy lists invoices and credit notes together (`type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceKind {
    Invoice,
    /// `creditNote`: takes (part of) an invoice back; never a booking's
    /// invoice, though it may carry the credited invoice's texts.
    CreditNote,
}

/// An invoice as read from Billy, money in øre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub id: String,
    pub kind: InvoiceKind,
    /// On a credit note: the invoice it credits.
    pub credited_invoice_id: Option<String>,
    /// `None` on drafts.
    pub invoice_no: Option<String>,
    pub state: InvoiceState,
    pub contact_id: String,
    pub entry_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    /// Excl. VAT.
    pub amount_ore: i64,
    pub tax_ore: i64,
    /// `amount_ore + tax_ore`.
    pub gross_ore: i64,
    /// Still to pay.
    pub balance_ore: i64,
    pub is_paid: bool,
    pub contact_message: String,
}

impl Invoice {
    /// An invoice (not a credit note) that has not been voided.
    pub fn is_live_invoice(&self) -> bool {
        self.kind == InvoiceKind::Invoice && self.state != InvoiceState::Voided
    }
}

/// The cases callers tell apart. Every text is one line for the dispatcher
/// and never contains the API key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BillyError {
    /// 401/403: the API key is wrong or lacks access; the text says what to fix.
    #[error("Billy refused access: {0}")]
    Auth(AccessRefusal),
    /// 404: what was asked for, and Billy's words.
    #[error("not found in Billy: {0}")]
    NotFound(Missing),
    /// 400/422 (and other refusals): the request is wrong; never retried.
    /// Carries Billy's `errorMessage`, or why we did not send it.
    #[error("Billy refused the request: {0}")]
    Invalid(RequestRefusal),
    /// 429, still there after the retries.
    #[error("Billy is rate limiting us; trying again later")]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx.
    #[error("Billy answered {status}: {message}")]
    Server { status: u16, message: String },
    /// No answer, a broken or late one, or one that could not be read.
    #[error("{0}")]
    Network(NetworkFault),
}

/// Why Billy refused access: what to fix and the English text.
pub type AccessRefusal = Refusal<AccessKind>;

/// What to fix when Billy refuses access.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AccessKind {
    /// No API key set.
    NoKey,
    /// No organization id set.
    NoOrganization,
    /// The key holds characters a header cannot carry.
    KeyNotSendable,
    /// 401: the key is not accepted; Billy's own words, if any.
    KeyRefused { said: Option<String> },
    /// 403: the key may not do this; Billy's own words, if any.
    NoAccess { said: Option<String> },
    /// The key belongs to another organization than the one set.
    OtherOrganization {
        id: String,
        name: String,
        configured: String,
    },
    /// Only the text is known (read back from a log, say).
    #[default]
    Other,
}

/// What Billy does not have (a 404): the thing and the English text.
pub type Missing = Refusal<MissingKind>;

/// What was not found in Billy, and Billy's own words, if any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MissingKind {
    pub thing: Thing,
    pub said: Option<String>,
}

/// A thing asked of Billy that a dispatcher may find gone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Thing {
    /// An invoice, by Billy's id (deleted in Billy, say).
    Invoice(String),
    /// A customer's contact, by Billy's id.
    Contact(String),
    /// Anything else (a list, the organization): its English name only.
    #[default]
    Other,
}

impl BillyError {
    /// A 404 known to be about `thing`; any other error as it is.
    pub fn about(self, thing: Thing) -> BillyError {
        match self {
            BillyError::NotFound(m) => {
                let said = m.kind().said.clone();
                BillyError::NotFound(Missing::new(MissingKind { thing, said }, m.to_string()))
            }
            other => other,
        }
    }
}

/// A 404's text (after "not found in Billy: ") back to its thing:
/// "invoice ID", "contact ID", each with Billy's words in brackets if any.
pub fn read_missing(what: &str) -> Missing {
    let (head, said) = match what.split_once(" (") {
        Some((head, rest)) => (head, rest.strip_suffix(')').map(str::to_string)),
        None => (what, None),
    };
    let thing = match head.split_once(' ') {
        Some(("invoice", id)) if !id.contains(' ') => Thing::Invoice(id.to_string()),
        Some(("contact", id)) if !id.contains(' ') => Thing::Contact(id.to_string()),
        _ => return Missing::from(what),
    };
    Missing::new(MissingKind { thing, said }, what)
}

/// Why a request to Billy is wrong: what to fix and the English text.
pub type RequestRefusal = Refusal<RequestKind>;

/// What to fix when Billy will not take a request (or it was not sent).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RequestKind {
    /// The base URL set is not one a request can go to.
    BadBaseUrl { url: String, why: UrlFault },
    /// The customer's contact in Billy has no e-mail to send the invoice to.
    NoEmail { customer: String },
    /// Billy has no product named after the job's service, nor the one set.
    NoProduct { service: String, product: String },
    /// Billy's own words (or a text read back from a log): as written.
    #[default]
    Said,
}

impl BillyError {
    /// Worth trying again later.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            BillyError::RateLimited { .. } | BillyError::Server { .. } | BillyError::Network(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_normalised_and_hide_the_key() {
        let s = BillySettings::new(" key-123 ", " org ", Some("http://127.0.0.1:9/billy/v2"));
        assert_eq!(s.base_url, "http://127.0.0.1:9/billy/v2/");
        assert_eq!(s.api_key, "key-123");
        assert_eq!(s.organization_id, "org");
        let shown = format!("{s:?} {s:#?}");
        assert!(!shown.contains("key-123"), "{shown}");
        assert!(shown.contains("org"));
        assert_eq!(
            BillySettings::new("k", "o", None).base_url,
            DEFAULT_BASE_URL
        );
        assert_eq!(
            BillySettings::new("k", "o", Some(" ")).base_url,
            DEFAULT_BASE_URL
        );
        let lit = BillySettings {
            base_url: "http://h/v2".into(),
            api_key: "k".into(),
            organization_id: "o".into(),
            retry: RetryPolicy {
                retries: 0,
                ..RetryPolicy::default()
            },
        }
        .normalised();
        assert_eq!(lit.base_url, "http://h/v2/");
        assert_eq!(lit.retry.retries, 0);
    }

    #[test]
    fn transient_errors() {
        assert!(BillyError::RateLimited { retry_after: None }.is_transient());
        assert!(
            BillyError::Server {
                status: 502,
                message: String::new()
            }
            .is_transient()
        );
        assert!(BillyError::Network("x".into()).is_transient());
        assert!(!BillyError::Invalid("x".into()).is_transient());
        assert!(!BillyError::Auth("x".into()).is_transient());
        assert!(!BillyError::NotFound("x".into()).is_transient());
    }

    #[test]
    fn states() {
        assert_eq!(InvoiceState::parse("draft"), InvoiceState::Draft);
        assert_eq!(InvoiceState::parse("approved"), InvoiceState::Approved);
        assert_eq!(InvoiceState::parse("voided"), InvoiceState::Voided);
        assert_eq!(InvoiceState::parse("weird"), InvoiceState::Unknown);
    }
}
