//! Google out of reach in a run (offline, out of quota, or not allowed):
//! the rest of Google's steps wait for the next run, while the cleaners'
//! calendars on other providers are still pulled and pushed on their own.
//! What waits for Google is told from where a change goes, before any
//! request, so a calendar out of reach costs one failed request, not one a
//! change. Nothing is cancelled or removed meanwhile: a job moving from
//! Google to another provider gets its new item, and its Google event waits
//! for its removal.

use crate::store::{GOOGLE_SERIES, StoreError};

use super::calendars::is_seam;
use super::{StepError, Syncer};

impl Syncer {
    /// Whether delivering the outbox entry `key` of `kind` needs a request
    /// to Google: the booking's (or series') event is there or goes there.
    pub(super) fn needs_google(&self, kind: &str, key: i64) -> Result<bool, StepError> {
        if kind == GOOGLE_SERIES {
            return self.series_needs_google(key);
        }
        if self.store.sync_conflict(key)?.is_some() {
            // Held for the dispatcher: no request at all.
            return Ok(false);
        }
        if let Some(visit) = self.store.visit_of(key)? {
            match self.store.series(visit.series_id) {
                // A visit of a series in Google: an instance of its event.
                Ok(s) if !is_seam(self.layout.calendar_of_staff(s.staff_id)) => return Ok(true),
                Ok(_) | Err(StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        let booking = match self.store.booking(key) {
            Ok(b) => Some(b),
            Err(StoreError::NotFound { .. }) => None,
            Err(e) => return Err(e.into()),
        };
        if let Some(b) = booking.filter(|b| b.is_active()) {
            // Going to Google, or handed over from there to another
            // provider (recorded here; its removal waits).
            return Ok(!is_seam(self.layout.calendar_for(&b)));
        }
        // Cancelled or gone: its event goes from where it is.
        Ok(self
            .store
            .google_link(key)?
            .is_some_and(|l| !l.gone && !is_seam(&l.calendar_id)))
    }

    fn series_needs_google(&self, id: i64) -> Result<bool, StepError> {
        match self.store.series(id) {
            // A cleaner on another provider: its visits are items of their
            // own; the series' event in Google is only recorded for removal.
            Ok(s) => Ok(!is_seam(self.layout.calendar_of_staff(s.staff_id))),
            Err(StoreError::NotFound { .. }) => Ok(self
                .store
                .google_series_link(id)?
                .is_some_and(|l| !is_seam(&l.calendar_id))),
            Err(e) => Err(e.into()),
        }
    }
}
