//! The form's customer field: the search list under it, a customer taken
//! from the list (or made just now), and the customer's history filling in
//! what the dispatcher has not typed.

use std::sync::Arc;

use super::{BookingForm, Field, FormContext, HITS, Need};
use crate::domain::Customer;
use crate::domain::Staff;
use crate::domain::fuzzy::CustomerSearch;
use crate::domain::memory::CustomerMemory;
use crate::engine::worker::Customers;

impl BookingForm {
    /// Is the customer list open under the customer field?
    pub fn searching(&self) -> bool {
        self.focus == Field::Customer && self.customer_id.is_none() && !self.hits.is_empty()
    }

    /// The customers arrived: searching can start.
    pub fn set_customers(&mut self, customers: &Customers) {
        self.search = Some(CustomerSearch::new(Arc::clone(&customers.index)));
        if self.customer_id.is_none() {
            self.run_search();
        }
    }

    pub(super) fn run_search(&mut self) {
        let q = self.customer.text().to_string();
        if let Some(s) = &mut self.search {
            self.hits = s.set_query(&q, HITS);
            self.hit = 0;
        }
    }

    /// Takes a customer from the list: the address follows unless typed.
    pub fn pick_customer(&mut self, id: i64, ctx: &FormContext) -> Vec<Need> {
        let Some(c) = ctx.customers.and_then(|cs| cs.by_id.get(&id)) else {
            return Vec::new();
        };
        self.customer.set(&c.name);
        self.customer_id = Some(id);
        self.hits.clear();
        if !self.touched.contains(&Field::Address) {
            self.address.set(&c.address);
        }
        vec![Need::Memory(id)]
    }

    /// Takes customer `c`, made (or found) just now: it may not be in the
    /// search list yet. The address follows unless typed; the focus moves on.
    pub fn take_customer(&mut self, c: &Customer) -> Vec<Need> {
        self.customer.set(&c.name);
        self.customer_id = Some(c.id);
        self.hits.clear();
        if !self.touched.contains(&Field::Address) {
            self.address.set(&c.address);
        }
        if self.focus == Field::Customer {
            self.focus = self.focus.step(1);
            self.focus_selects();
        }
        vec![Need::Memory(c.id)]
    }

    /// The customer's history arrived: prefill what the dispatcher has not typed.
    pub fn set_memory(&mut self, id: i64, memory: CustomerMemory, staff: &[Staff]) {
        if self.customer_id != Some(id) {
            return;
        }
        if let Some(est) = memory.suggested_estimate() {
            if !self.touched.contains(&Field::Estimate) {
                self.estimate.set(self.minutes_text(est));
            }
            if !self.touched.contains(&Field::Duration) && !self.touched.contains(&Field::End) {
                self.duration.set(self.minutes_text(est));
                self.sync_end();
            }
        }
        if !self.touched.contains(&Field::Cleaner)
            && let Some(s) = memory
                .preferred_staff
                .and_then(|p| staff.iter().find(|s| s.id == p))
        {
            self.cleaner.set(&s.name);
        }
        self.memory = Some(memory);
    }
}
