//! The console's search (`/`): a customer's next and last booking, and the
//! rows the store worker's notes index is made of and kept fresh from.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::rows::{COLUMNS, from_row};
use super::{Result, Store, to_secs};
use crate::domain::Booking;

/// A booking's notes as the notes index reads them: id, start (seconds)
/// and the notes; `None` when it has none, is cancelled or is gone.
pub type NoteRow = (i64, i64, String);

impl Store {
    /// The customer's first booking starting at or after `now`, and the
    /// last one starting before it; cancelled ones left out. Two look-ups
    /// in the index on (customer, start).
    pub fn next_and_last(
        &self,
        customer_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(Option<Booking>, Option<Booking>)> {
        let at = to_secs(now);
        let next = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM bookings
                 WHERE customer_id = ?1 AND start_at >= ?2 AND status <> 'cancelled'
                 ORDER BY start_at, id LIMIT 1"
            ))?
            .query_row((customer_id, at), from_row)
            .optional()?;
        let last = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM bookings
                 WHERE customer_id = ?1 AND start_at < ?2 AND status <> 'cancelled'
                 ORDER BY start_at DESC, id DESC LIMIT 1"
            ))?
            .query_row((customer_id, at), from_row)
            .optional()?;
        Ok((next, last))
    }

    /// Every live booking with notes, to `each`, in id order.
    pub fn booking_notes(&self, mut each: impl FnMut(NoteRow)) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, start_at, notes FROM bookings
             WHERE notes <> '' AND status <> 'cancelled' ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each((r.get(0)?, r.get(1)?, r.get(2)?));
        }
        Ok(())
    }

    /// The notes of booking `id` as [`Store::booking_notes`] gives them, or
    /// `None` when it has none, is cancelled or is gone.
    pub fn booking_note(&self, id: i64) -> Result<Option<NoteRow>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, start_at, notes FROM bookings
                 WHERE id = ?1 AND notes <> '' AND status <> 'cancelled'",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?)
    }

    /// The newest journal entry's id (0 for none): every change to a
    /// booking is journaled in its own transaction, so a higher mark means
    /// bookings may have changed.
    pub fn journal_mark(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT coalesce(max(id), 0) FROM journal", [], |r| r.get(0))?)
    }

    /// The bookings the journal names after entry `mark`, at most `limit`
    /// (`None`: more than that): bookings changed one by one, and the
    /// visits of series changed as a whole.
    pub fn bookings_changed_since(&self, mark: i64, limit: usize) -> Result<Option<Vec<i64>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT entity_id FROM journal WHERE id > ?1 AND entity = 'booking'
             UNION
             SELECT id FROM bookings WHERE series_id IN
               (SELECT entity_id FROM journal WHERE id > ?1 AND entity = 'series')
             LIMIT ?2",
        )?;
        let ids: Vec<i64> = stmt
            .query_map((mark, limit as i64 + 1), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((ids.len() <= limit).then_some(ids))
    }
}
