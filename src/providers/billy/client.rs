//! [`BillyClient`]: Billy's API v2 over reqwest. Reads and the approve PUT
//! are retried on rate limits, server errors and lost connections; creating
//! POSTs only when Billy surely did not process them (a 429, or a connection
//! that could not be opened), because Billy has no idempotency key.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use reqwest::header::{ACCEPT, HeaderValue, RETRY_AFTER};
use serde_json::{Map, Value};

use super::convert::{self, scrub, unreadable};
use super::types::{
    AccessKind, AccessRefusal, BillyError, BillySettings, Contact, Invoice, NewContact, NewInvoice,
    Organization, Product, RequestKind, RequestRefusal, Thing,
};
use crate::providers::body::BodyError;
use crate::providers::network::{self, NetworkFault, Service};
use crate::providers::retry::{backoff, clip, jitter_seed, parse_retry_after};

/// Billy's largest page.
pub const MAX_PAGE_SIZE: u32 = 1000;
/// A list stops after this many pages, whatever the answers say.
const MAX_PAGES: u64 = 10_000;

const USER_AGENT: &str = concat!("renos/", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "UPPERCASE")]
enum Verb {
    Get,
    Put,
    Post,
}

impl Verb {
    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a call does with a successful answer's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    /// JSON, decoded (an empty body is `null`).
    Json,
    /// Read (to see that it arrived whole), not decoded.
    Ignored,
}

/// One failed attempt.
struct Fail {
    error: BillyError,
    retry_after: Option<Duration>,
    /// Billy surely did not process the request: safe to send again even
    /// when it creates something.
    unprocessed: bool,
}

/// A client of one Billy organization.
#[derive(Clone)]
pub struct BillyClient {
    http: reqwest::Client,
    settings: BillySettings,
    base: reqwest::Url,
    token: HeaderValue,
    page_size: u32,
    requests: Arc<AtomicU64>,
}

impl fmt::Debug for BillyClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BillyClient")
            .field("settings", &self.settings)
            .field("page_size", &self.page_size)
            .field("requests", &self.requests())
            .finish_non_exhaustive()
    }
}

impl BillyClient {
    /// Checks the settings and builds the HTTP client; no request is made
    /// (see [`BillyClient::organization`] for a check of key and
    /// organization). A missing key or organization id is `Auth`, a base URL
    /// that is not http(s) is `Invalid`.
    pub fn new(settings: BillySettings) -> Result<BillyClient, BillyError> {
        crate::providers::install_crypto_provider();
        let settings = settings.normalised();
        if settings.api_key.is_empty() {
            return Err(BillyError::Auth(AccessRefusal::new(
                AccessKind::NoKey,
                "no API key: set BILLY_API_KEY to an access token made in Billy \
                 (Indstillinger → Adgangsnøgler)",
            )));
        }
        if settings.organization_id.is_empty() {
            return Err(BillyError::Auth(AccessRefusal::new(
                AccessKind::NoOrganization,
                "no organization: set BILLY_ORGANIZATION_ID to the id of the company in Billy",
            )));
        }
        let mut token = HeaderValue::from_str(&settings.api_key).map_err(|_| {
            BillyError::Auth(AccessRefusal::new(
                AccessKind::KeyNotSendable,
                "BILLY_API_KEY holds characters that cannot be sent in a header",
            ))
        })?;
        token.set_sensitive(true);
        let base = check_url(&settings.base_url)?;
        let http = http_client(settings.retry.timeout)?;
        Ok(BillyClient {
            http,
            settings,
            base,
            token,
            page_size: MAX_PAGE_SIZE,
            requests: Arc::new(AtomicU64::new(0)),
        })
    }

    /// Lists ask for pages of `n` records (clamped to 1..=1000; 1000 unless set).
    pub fn with_page_size(mut self, n: u32) -> BillyClient {
        self.page_size = n.clamp(1, MAX_PAGE_SIZE);
        self
    }

    pub fn settings(&self) -> &BillySettings {
        &self.settings
    }

    /// HTTP requests sent so far, retries included (clones share the count).
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// The organization of the API key; `Auth` when it is not the one in
    /// the settings.
    pub async fn organization(&self) -> Result<Organization, BillyError> {
        let answer = self
            .call(Verb::Get, &["organization"], &[], None, "the organization")
            .await?;
        let org = convert::organization(&answer)?;
        if org.id != self.settings.organization_id {
            return Err(BillyError::Auth(AccessRefusal::new(
                AccessKind::OtherOrganization {
                    id: org.id.clone(),
                    name: org.name.clone(),
                    configured: self.settings.organization_id.clone(),
                },
                clip(&format!(
                    "the API key belongs to the Billy organization {} ({}), but \
                     BILLY_ORGANIZATION_ID is {}: the two do not match; set \
                     BILLY_ORGANIZATION_ID to the key's organization or use a key of {}",
                    org.id, org.name, self.settings.organization_id, self.settings.organization_id
                )),
            )));
        }
        Ok(org)
    }

    /// Creates a customer contact, with its primary contact person when an
    /// e-mail is given. Sent again only if Billy surely did not get it.
    ///
    /// Should the contact person's id be missing from the answer and its
    /// lookup fail, the contact is still returned (without
    /// `contact_person_id`; [`BillyClient::contact`] finds it later) rather
    /// than an error that would invite creating the contact twice.
    pub async fn create_contact(&self, c: &NewContact) -> Result<Contact, BillyError> {
        let body = convert::contact_body(&self.settings.organization_id, c);
        let answer = self
            .call(Verb::Post, &["contacts"], &[], Some(&body), "contacts")
            .await?;
        let (id, name) = convert::contact(convert::first(&answer, "contacts")?)?;
        let persons = convert::plural(&answer, "contactPersons")?;
        let mut contact_person_id = convert::primary_person(&persons, &id);
        if contact_person_id.is_none() && !c.email.trim().is_empty() {
            match self.primary_person_of(&id).await {
                Ok(found) => contact_person_id = found,
                Err(e) => tracing::warn!(
                    "Billy contact {id} was created, but its contact person could not be read: {e}"
                ),
            }
        }
        Ok(Contact {
            id,
            name,
            contact_person_id,
        })
    }

    /// A contact with its primary contact person.
    pub async fn contact(&self, id: &str) -> Result<Contact, BillyError> {
        let answer = self
            .call(
                Verb::Get,
                &["contacts", id],
                &[],
                None,
                &format!("contact {id}"),
            )
            .await
            .map_err(|e| e.about(Thing::Contact(id.to_string())))?;
        let (id, name) = convert::contact(convert::single(&answer, "contact")?)?;
        let contact_person_id = self.primary_person_of(&id).await?;
        Ok(Contact {
            id,
            name,
            contact_person_id,
        })
    }

    async fn primary_person_of(&self, contact_id: &str) -> Result<Option<String>, BillyError> {
        let persons = self
            .list_all(
                "contactPersons",
                &[("contactId", contact_id.to_string())],
                &format!("the contact persons of contact {contact_id}"),
            )
            .await?;
        let persons: Vec<&Map<String, Value>> = persons.iter().collect();
        Ok(convert::primary_person(&persons, contact_id))
    }

    /// Every product that is not archived.
    pub async fn products(&self) -> Result<Vec<Product>, BillyError> {
        let records = self
            .list_all(
                "products",
                &[("organizationId", self.settings.organization_id.clone())],
                "products",
            )
            .await?;
        let mut out = Vec::with_capacity(records.len());
        for rec in &records {
            let (id, name, archived) = convert::product(rec)?;
            if !archived {
                out.push(Product { id, name });
            }
        }
        Ok(out)
    }

    /// Creates an invoice. Never sent twice unless Billy surely did not get
    /// it: after a 5xx, a timeout or a broken answer the invoice may exist,
    /// so the caller looks for its `contact_message` among
    /// [`BillyClient::invoices_of_contact`] before creating it again.
    pub async fn create_invoice(&self, inv: &NewInvoice) -> Result<Invoice, BillyError> {
        let body = convert::invoice_body(&self.settings.organization_id, inv);
        let answer = self
            .call(Verb::Post, &["invoices"], &[], Some(&body), "invoices")
            .await?;
        convert::invoice(convert::first(&answer, "invoices")?)
    }

    /// Every invoice of a contact over every page: drafts, voided invoices
    /// and credit notes included (Billy lists them together; see
    /// [`Invoice::kind`] and [`Invoice::is_live_invoice`]).
    pub async fn invoices_of_contact(&self, contact_id: &str) -> Result<Vec<Invoice>, BillyError> {
        let records = self
            .list_all(
                "invoices",
                &[
                    ("organizationId", self.settings.organization_id.clone()),
                    ("contactId", contact_id.to_string()),
                ],
                &format!("the invoices of contact {contact_id}"),
            )
            .await?;
        records.iter().map(convert::invoice).collect()
    }

    pub async fn invoice(&self, id: &str) -> Result<Invoice, BillyError> {
        let answer = self
            .call(
                Verb::Get,
                &["invoices", id],
                &[],
                None,
                &format!("invoice {id}"),
            )
            .await
            .map_err(|e| e.about(Thing::Invoice(id.to_string())))?;
        convert::invoice(convert::single(&answer, "invoice")?)
    }

    /// Draft → approved (it gets its number); an approved invoice stays as
    /// it is. Safe to repeat, so retried like a read.
    pub async fn approve_invoice(&self, id: &str) -> Result<Invoice, BillyError> {
        let answer = self
            .call(
                Verb::Put,
                &["invoices", id],
                &[],
                Some(&convert::approve_body()),
                &format!("invoice {id}"),
            )
            .await
            .map_err(|e| e.about(Thing::Invoice(id.to_string())))?;
        let changed = convert::plural(&answer, "invoices")?;
        match changed
            .into_iter()
            .find(|rec| convert::id_field(rec, "id").is_ok_and(|i| i == id))
        {
            Some(rec) => convert::invoice(rec),
            // An answer that does not list the invoice: read it.
            None => self.invoice(id).await,
        }
    }

    /// Sends an approved invoice by e-mail to a contact person. Sent again
    /// only if Billy surely did not get it.
    pub async fn email_invoice(
        &self,
        id: &str,
        contact_person_id: &str,
        subject: &str,
        body: &str,
    ) -> Result<(), BillyError> {
        let payload = convert::email_body(contact_person_id, subject, body);
        self.call_with(
            Verb::Post,
            &["invoices", id, "emails"],
            &[],
            Some(&payload),
            &format!("invoice {id}"),
            Body::Ignored,
        )
        .await
        .map(|_| ())
        .map_err(|e| e.about(Thing::Invoice(id.to_string())))
    }

    /// Every record of a list, page by page (`key` is also the path).
    async fn list_all(
        &self,
        key: &str,
        filters: &[(&str, String)],
        what: &str,
    ) -> Result<Vec<Map<String, Value>>, BillyError> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut page = 1u64;
        loop {
            let mut query = filters.to_vec();
            query.push(("page", page.to_string()));
            query.push(("pageSize", self.page_size.to_string()));
            let answer = self.call(Verb::Get, &[key], &query, None, what).await?;
            let items = convert::plural(&answer, key)?;
            let count = items.len();
            let mut new = 0usize;
            for item in items {
                // Records that moved to the next page while listing come once.
                if seen.insert(convert::id_field(item, "id")?) {
                    out.push(item.clone());
                    new += 1;
                }
            }
            let more = match convert::paging(&answer) {
                Some((_, page_count)) => page < page_count,
                // No paging information: a full page may have a successor.
                None => count >= self.page_size as usize,
            };
            if !more || count == 0 || new == 0 || page >= MAX_PAGES {
                return Ok(out);
            }
            page += 1;
        }
    }

    async fn call(
        &self,
        verb: Verb,
        path: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
        what: &str,
    ) -> Result<Value, BillyError> {
        self.call_with(verb, path, query, body, what, Body::Json)
            .await
    }

    /// Runs one request until it succeeds, fails for good, or the policy
    /// says stop.
    async fn call_with(
        &self,
        verb: Verb,
        path: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
        what: &str,
        answer: Body,
    ) -> Result<Value, BillyError> {
        let url = self.url(path, query)?;
        let mut retries = 0u32;
        loop {
            let fail = match self.attempt(verb, &url, body, what, answer).await {
                Ok(v) => return Ok(v),
                Err(f) => f,
            };
            let repeatable = verb != Verb::Post || fail.unprocessed;
            if !fail.error.is_transient() || !repeatable {
                return Err(fail.error);
            }
            let Some(wait) = backoff(
                &self.settings.retry,
                retries,
                fail.retry_after,
                jitter_seed(),
            ) else {
                return Err(fail.error);
            };
            retries += 1;
            tracing::info!(
                "Billy {} {}: {}; retry {retries} of {} in {} ms",
                verb.as_str(),
                url.path(),
                fail.error,
                self.settings.retry.retries,
                wait.as_millis()
            );
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(
        &self,
        verb: Verb,
        url: &reqwest::Url,
        body: Option<&Value>,
        what: &str,
        answer: Body,
    ) -> Result<Value, Fail> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut req = match verb {
            Verb::Get => self.http.get(url.clone()),
            Verb::Put => self.http.put(url.clone()),
            Verb::Post => self.http.post(url.clone()),
        }
        .header("X-Access-Token", self.token.clone())
        .header(ACCEPT, "application/json");
        if let Some(body) = body {
            req = req.json(body);
        }
        let resp = match req.send().await {
            Ok(resp) => resp,
            Err(e) => {
                tracing::debug!(
                    method = verb.as_str(),
                    path = url.path(),
                    "Billy: no answer"
                );
                return Err(Fail {
                    error: self.network_error(&e),
                    retry_after: None,
                    unprocessed: e.is_connect(),
                });
            }
        };
        let status = resp.status().as_u16();
        tracing::debug!(method = verb.as_str(), path = url.path(), status, "Billy");
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, Utc::now()));
        let bytes = match crate::providers::body::read(resp).await {
            Ok(b) => b,
            Err(e) => {
                return Err(Fail {
                    error: match e {
                        BodyError::Network(e) => self.network_error(&e),
                        too_large @ BodyError::TooLarge => unreadable(&too_large.to_string()),
                    },
                    retry_after: None,
                    unprocessed: false,
                });
            }
        };
        if !(200..300).contains(&status) {
            return Err(Fail {
                error: convert::classify(status, &bytes, retry_after, what, &self.settings.api_key),
                retry_after,
                unprocessed: status == 429,
            });
        }
        if answer == Body::Ignored {
            return Ok(Value::Null);
        }
        convert::answer(&bytes).map_err(|error| Fail {
            error,
            retry_after: None,
            unprocessed: false,
        })
    }

    fn network_error(&self, e: &reqwest::Error) -> BillyError {
        let host = self.base.host_str().unwrap_or_default();
        let fault = NetworkFault::of(Service::Billy, e, host, self.settings.retry.timeout);
        BillyError::Network(fault.hiding(|t| scrub(t, &self.settings.api_key)))
    }

    /// The base URL with `path` appended (each piece percent-encoded as one
    /// segment) and `query`.
    fn url(&self, path: &[&str], query: &[(&str, String)]) -> Result<reqwest::Url, BillyError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| BillyError::Invalid("the Billy base URL cannot take a path".into()))?
            .pop_if_empty()
            .extend(path);
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }
}

/// `http(s)://host[:port]/...`, without query or fragment, or why not.
fn check_url(url: &str) -> Result<reqwest::Url, BillyError> {
    network::check_base_url(url, false).map_err(|why| {
        let text = clip(&format!("the Billy base URL `{url}` {why}"));
        let kind = RequestKind::BadBaseUrl {
            url: url.to_string(),
            why,
        };
        BillyError::Invalid(RequestRefusal::new(kind, text))
    })
}

/// The HTTP client: every request gives up after `timeout`. Without usable
/// platform roots it falls back to none, so loopback HTTP still works.
fn http_client(timeout: Duration) -> Result<reqwest::Client, BillyError> {
    network::http_client(|| {
        reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(USER_AGENT)
    })
    .map_err(BillyError::Network)
}

#[cfg(test)]
mod tests;
