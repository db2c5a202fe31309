//! Which bookings the schedule marks for the sync: those with a change that
//! has not reached Google yet, and those waiting in the conflict queue.

use std::collections::HashSet;

use super::outbox::GOOGLE_BOOKING;
use super::{Result, Store};

impl Store {
    /// Bookings with a pending (not given-up) outbox entry for Google.
    pub fn pending_sync_bookings(&self) -> Result<HashSet<i64>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT key FROM outbox WHERE kind = ?1 AND state = 'pending'")?;
        let keys = stmt.query_map([GOOGLE_BOOKING], |r| r.get::<_, String>(0))?;
        let mut out = HashSet::new();
        for key in keys {
            // A key that is not a booking id is the push's business, not the
            // schedule's.
            if let Ok(id) = key?.parse::<i64>() {
                out.insert(id);
            }
        }
        Ok(out)
    }

    /// Bookings waiting in the sync conflict queue.
    pub fn conflicted_bookings(&self) -> Result<HashSet<i64>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT booking_id FROM sync_conflicts")?;
        let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }
}
