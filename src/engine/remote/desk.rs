//! One remote caller at the business: the store acting as them, the
//! settings and who they are. Every operation a remote caller may ask is a
//! method of [`Desk`] (the reads in `read`, the writes in `write`, the
//! cleaners' page in `app`), with the one role check inside: the API's
//! routes and the assistants' tools both come here, and keep only their
//! own concerns (reading their input, shaping their answer).

use chrono::{DateTime, NaiveDate, Utc};

use super::{Caller, Need, RemoteError, check};
use crate::config::Settings;
use crate::domain::{Booking, Customer};
use crate::store::Store;

/// The store (acting as the caller), the settings and the caller an
/// operation works with.
pub struct Desk<'a> {
    pub store: &'a mut Store,
    pub settings: &'a Settings,
    pub caller: &'a Caller,
}

/// A booking with the names around it: its customer and its cleaner.
#[derive(Debug, Clone)]
pub struct Named {
    pub booking: Booking,
    pub customer: Customer,
    /// The cleaner's name; `None` when unassigned (or the cleaner is gone).
    pub staff: Option<String>,
}

impl Named {
    /// Where the job is: its own address, else the customer's.
    pub fn place(&self) -> &str {
        if self.booking.address.trim().is_empty() {
            &self.customer.address
        } else {
            &self.booking.address
        }
    }
}

impl<'a> Desk<'a> {
    pub fn new(store: &'a mut Store, settings: &'a Settings, caller: &'a Caller) -> Desk<'a> {
        Desk {
            store,
            settings,
            caller,
        }
    }

    /// May the caller do what `need` names? [`check`], for this caller.
    pub fn need(&self, need: Need) -> Result<(), RemoteError> {
        check(self.caller, need)
    }

    /// The store's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.store.now()
    }

    /// Today in the business time zone.
    pub fn today(&self) -> NaiveDate {
        self.settings.tz.local_date(self.now())
    }

    /// The booking `id`, if the caller may see it (a cleaner: their own).
    pub fn job(&self, id: i64) -> Result<Booking, RemoteError> {
        let b = self.store.booking(id)?;
        self.need(Need::SeeJob(b.staff_id))?;
        Ok(b)
    }

    /// `b` with its customer and its cleaner's name.
    pub fn named(&self, b: Booking) -> Result<Named, RemoteError> {
        let customer = self.store.customer(b.customer_id)?;
        let staff = match b.staff_id {
            Some(s) => self.store.staff_names()?.get(&s).cloned(),
            None => None,
        };
        Ok(Named {
            booking: b,
            customer,
            staff,
        })
    }
}
