//! Bulk imports: customer files and calendars into the store.
//!
//! Both work in two passes over the file, holding one batch of records at a
//! time: the first reads and checks every record; only when all are good (or
//! the dispatcher chose to skip the bad ones) does the second write them, a
//! batch per transaction. A dry run makes the same writes and rolls them back.

pub mod customers;
pub mod fault;
pub mod ics;
pub mod listed;
pub mod snapshot;

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::contact::{email_key, name_address_key, normalize_phone};
use crate::store::{CustomerKey, ImportCounts, Store, StoreError};

pub use customers::{CustomerImport, CustomerReport, OnDuplicate, import_customers};
pub use fault::{FileFault, Stopped, StoreSaid};
pub(crate) use ics::{DEFAULT_SERVICE, MADE_TAG, candidates};
pub use ics::{IcsImport, IcsReport, import_ics};
pub use listed::{LISTED, Listed};

/// Records per transaction unless told otherwise.
pub const DEFAULT_BATCH: usize = 1000;

/// How an import ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Everything was written.
    Imported,
    /// A dry run: nothing was written; the counts say what would have been.
    DryRun,
    /// Some records are bad: nothing was written.
    Refused,
    /// A batch failed: it and the batches after it were not written.
    Aborted { message: Stopped },
}

impl Outcome {
    /// Whether the command succeeded (exit status 0).
    pub fn ok(&self) -> bool {
        matches!(self, Outcome::Imported | Outcome::DryRun)
    }
}

/// What went wrong with the import as a whole (the file cannot be read, the
/// database cannot be opened): nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {fault}")]
    File { file: String, fault: FileFault },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reports how far a long import has come: bytes of the file read in the
/// current pass, and which pass (1 = checking, 2 = writing).
pub trait Progress {
    fn start(&mut self, _pass: u8, _total_bytes: u64) {}
    fn advance(&mut self, _bytes: u64) {}
    fn finish(&mut self) {}
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {}

/// Finds the customer a record is a duplicate of: by e-mail, then phone, then
/// name + address (only when the e-mails and phones do not tell them apart).
#[derive(Debug, Default)]
pub(crate) struct DedupeIndex {
    email: HashMap<String, i64>,
    phone: HashMap<String, i64>,
    name_address: HashMap<String, i64>,
    contact: HashMap<i64, (String, String)>,
    /// Customers created from this file: the line they came from.
    pub line_of: HashMap<i64, u64>,
}

/// Why a record matched an existing customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    Email,
    Phone,
    NameAndAddress,
}

/// A phone number's key: E.164 when it reads as one, else its digits.
pub(crate) fn phone_key(phone: &str) -> String {
    let e164 =
        phone.len() > 1 && phone.starts_with('+') && phone[1..].bytes().all(|b| b.is_ascii_digit());
    if e164 {
        return phone.to_string();
    }
    normalize_phone(phone).unwrap_or_else(|_| phone.chars().filter(char::is_ascii_digit).collect())
}

/// A customer's duplicate-check keys, worked out once.
#[derive(Debug, Clone)]
pub(crate) struct Keys {
    email: String,
    phone: String,
    name_address: String,
}

impl Keys {
    pub fn of(k: &CustomerKey) -> Keys {
        Keys {
            email: email_key(&k.email),
            phone: phone_key(&k.phone),
            name_address: name_address_key(&k.name, &k.address),
        }
    }
}

impl DedupeIndex {
    pub fn from_store(store: &Store) -> Result<DedupeIndex, StoreError> {
        let mut index = DedupeIndex::default();
        for k in store.customer_keys()? {
            index.insert(&k, None);
        }
        Ok(index)
    }

    pub fn insert(&mut self, k: &CustomerKey, line: Option<u64>) {
        self.insert_keys(k.id, Keys::of(k), line);
    }

    pub fn insert_keys(&mut self, id: i64, keys: Keys, line: Option<u64>) {
        let Keys {
            email,
            phone,
            name_address,
        } = keys;
        if !email.is_empty() {
            self.email.entry(email.clone()).or_insert(id);
        }
        if !phone.is_empty() {
            self.phone.entry(phone.clone()).or_insert(id);
        }
        self.name_address.entry(name_address).or_insert(id);
        self.contact.insert(id, (email, phone));
        if let Some(line) = line {
            self.line_of.entry(id).or_insert(line);
        }
    }

    pub fn find(&self, k: &CustomerKey) -> Option<(i64, MatchedBy)> {
        self.find_keys(&Keys::of(k))
    }

    pub fn find_keys(&self, k: &Keys) -> Option<(i64, MatchedBy)> {
        let (email, phone) = (&k.email, &k.phone);
        if let Some(&id) = self.email.get(email).filter(|_| !email.is_empty()) {
            return Some((id, MatchedBy::Email));
        }
        if let Some(&id) = self.phone.get(phone).filter(|_| !phone.is_empty()) {
            return Some((id, MatchedBy::Phone));
        }
        let &id = self.name_address.get(&k.name_address)?;
        let (have_email, have_phone) = self.contact.get(&id)?;
        let differ = |a: &str, b: &str| !a.is_empty() && !b.is_empty() && a != b;
        if differ(have_email, email) || differ(have_phone, phone) {
            return None;
        }
        Some((id, MatchedBy::NameAndAddress))
    }
}

/// The customer `k` would duplicate by the import's rule (e-mail, then
/// phone, then name and address), and why; `None` when it is new.
pub fn find_duplicate(
    store: &Store,
    k: &CustomerKey,
) -> Result<Option<(i64, MatchedBy)>, StoreError> {
    Ok(DedupeIndex::from_store(store)?.find(k))
}

/// Adds `b` to `a`.
pub(crate) fn add_counts(a: &mut ImportCounts, b: ImportCounts) {
    a.created += b.created;
    a.updated += b.updated;
    a.skipped += b.skipped;
    a.failed += b.failed;
}
