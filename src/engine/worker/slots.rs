//! The worker's finder and sick-call questions: free slots for the
//! console's finder, a sick cleaner's jobs with their replacements (both
//! with the business's closed days and the finder's rules from the
//! settings), and the accepted replacements applied as one change.

use std::sync::Arc;

use chrono::NaiveDate;

use super::outcome::{Attempt, Outcome, Refusal};
use super::{Reply, StoreService};
use crate::domain::sickcall::Replacement;
use crate::engine::slots::{SlotRequest, apply_sick_call, find, sick_call};

impl<F: Fn(Reply)> StoreService<F> {
    /// The ranked free slots for `request`, as answer `seq`.
    pub(super) fn slots(&self, seq: u64, request: &SlotRequest) -> Reply {
        let holidays = &self.settings.holidays;
        let closed = |d: NaiveDate| holidays.is_closed(d);
        let rules = self.settings.slot_rules();
        let found = find(&self.store, request, &rules, self.store.now(), &closed)
            .map(Box::new)
            .map_err(Arc::new);
        Reply::Slots { seq, found }
    }
}

impl<F: Fn(Reply)> StoreService<F> {
    /// The sick call's plan for `staff_id` on `from..=to`, as answer `seq`.
    pub(super) fn sick_call(
        &self,
        seq: u64,
        staff_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Reply {
        let holidays = &self.settings.holidays;
        let closed = |d: NaiveDate| holidays.is_closed(d);
        let rules = self.settings.slot_rules();
        let plan = sick_call(&self.store, staff_id, from, to, &rules, &closed).map_err(Arc::new);
        Reply::SickCall { seq, plan }
    }

    /// Gives the jobs of `plan` to their replacements as one change.
    pub(super) fn apply_sick_call(&mut self, plan: &[Replacement], reason: &str) -> Reply {
        match apply_sick_call(&mut self.store, plan, reason) {
            Ok(done) => Reply::Done(Outcome::Reassigned {
                bookings: done.iter().map(|b| b.id).collect(),
            }),
            Err(e) => Reply::Refused(Refusal {
                attempt: Attempt::SickCall,
                error: Arc::new(e),
                stale: None,
            }),
        }
    }
}
