//! Billy (billy.dk) accounting API v2: contacts, products, invoices and
//! sending them by e-mail, with money in øre on our side and kroner floats
//! only in Billy's JSON.
//!
//! Billy has no idempotency key: a create whose answer was lost may have
//! happened. The client therefore repeats a POST only when Billy surely did
//! not process it (429, or no connection); the caller puts a unique booking
//! reference in `contact_message` and, after a lost answer, looks for it
//! among the contact's invoices before creating again.

mod client;
mod convert;
mod types;

// The answers read as the client reads them, for the fuzz tests.
#[cfg(test)]
pub(crate) use convert::{
    answer, classify, contact, first, id_field, invoice, organization, paging, plural,
    primary_person, product, single,
};

pub use client::{BillyClient, MAX_PAGE_SIZE};
pub use types::*;
