//! The worker's finder question: free slots for the console's finder, with
//! the business's closed days from the settings.

use chrono::NaiveDate;

use super::{Reply, StoreService};
use crate::engine::slots::{SlotRequest, find};

impl<F: Fn(Reply)> StoreService<F> {
    /// The ranked free slots for `request`, as answer `seq`.
    pub(super) fn slots(&self, seq: u64, request: &SlotRequest) -> Reply {
        let holidays = &self.settings.holidays;
        let closed = |d: NaiveDate| holidays.is_closed(d);
        let found = find(&self.store, request, self.store.now(), &closed)
            .map(Box::new)
            .map_err(|e| e.to_string());
        Reply::Slots { seq, found }
    }
}
