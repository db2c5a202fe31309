//! The worker's requests about customers: a new one from the booking form
//! (with the import's duplicate check first), a customer's card for the
//! customer screen, and an edit of their contact details. Each write is one
//! store call (one journaled transaction); the answer is typed.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::outcome::{Attempt, Refusal, Unloaded};
use super::{Reply, StoreService};
use crate::domain::series::Series;
use crate::domain::{Booking, BookingStatus, Customer};
use crate::engine::import::{MatchedBy, find_duplicate};
use crate::store::{CustomerKey, InvoiceRecord, NewCustomer, Store, StoreError};

/// How many past and coming bookings a card holds.
pub const CARD_BOOKINGS: usize = 12;

/// A customer with what the customer screen shows of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerCard {
    pub customer: Customer,
    /// Their last bookings, newest first (cancelled ones included).
    pub past: Vec<Booking>,
    /// Their coming bookings, soonest first (not cancelled).
    pub next: Vec<Booking>,
    /// Their recurring bookings.
    pub series: Vec<Series>,
    /// Their invoices, newest first.
    pub invoices: Vec<InvoiceRecord>,
    /// The names of the cleaners on those bookings and series.
    pub staff: HashMap<i64, String>,
}

/// A customer the form's new one looks like, and by what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    pub customer: Customer,
    pub by: MatchedBy,
}

/// Reads a customer's card as of `now`.
pub fn customer_card(
    store: &Store,
    id: i64,
    now: DateTime<Utc>,
) -> crate::store::Result<CustomerCard> {
    let customer = store.customer(id)?;
    let bookings = store.customer_bookings(id)?;
    let (mut past, next): (Vec<Booking>, Vec<Booking>) =
        bookings.into_iter().partition(|b| b.end <= now);
    past.reverse();
    past.truncate(CARD_BOOKINGS);
    let next: Vec<Booking> = next
        .into_iter()
        .filter(|b| b.status != BookingStatus::Cancelled)
        .take(CARD_BOOKINGS)
        .collect();
    let series: Vec<Series> = store
        .series_list()?
        .into_iter()
        .filter(|s| s.customer_id == id)
        .collect();
    let invoices = store.customer_invoices(id)?;
    Ok(CustomerCard {
        customer,
        past,
        next,
        series,
        invoices,
        staff: store.staff_names()?,
    })
}

fn refused(attempt: Attempt, e: StoreError) -> Reply {
    Reply::Refused(Refusal {
        attempt,
        error: Arc::new(e),
        stale: None,
    })
}

impl<F: Fn(Reply)> StoreService<F> {
    /// Creates `new`; unless `anyway`, a customer it looks like (same
    /// e-mail or phone, or same name and address) is answered instead.
    pub(super) fn add_customer(&mut self, new: NewCustomer, anyway: bool) -> Reply {
        if !anyway {
            let key = CustomerKey {
                id: 0,
                name: new.name.clone(),
                address: new.address.clone(),
                email: new.email.clone(),
                phone: new.phone.clone(),
            };
            let found = find_duplicate(&self.store, &key).and_then(|m| {
                m.map(|(id, by)| Ok((self.store.customer(id)?, by)))
                    .transpose()
            });
            match found {
                Ok(Some((customer, by))) => {
                    return Reply::CustomerDuplicate(Box::new(Lookalike { customer, by }));
                }
                Ok(None) => {}
                Err(e) => return refused(Attempt::AddCustomer, e),
            }
        }
        match self.store.create_customer(new) {
            Ok(c) => Reply::CustomerAdded(Box::new(c)),
            Err(e) => refused(Attempt::AddCustomer, e),
        }
    }

    /// The customer screen's card of customer `id`.
    pub(super) fn customer_card(&self, id: i64) -> Reply {
        match customer_card(&self.store, id, self.store.now()) {
            Ok(card) => Reply::CustomerCard(Box::new(card)),
            Err(e) => Reply::NotLoaded {
                what: Unloaded::CustomerCard,
                error: std::sync::Arc::new(e),
            },
        }
    }

    /// Writes the customer screen's edit, if nobody changed them meanwhile.
    pub(super) fn edit_customer(&mut self, edited: &Customer) -> Reply {
        match self.store.edit_customer(edited) {
            Ok(c) => Reply::CustomerSaved(Box::new(c)),
            Err(e) => refused(Attempt::EditCustomer, e),
        }
    }
}
