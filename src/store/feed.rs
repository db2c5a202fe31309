//! What the live feed reads besides the changed bookings: who a booking
//! was assigned to before a change (the journal's rows before), the jobs
//! running now, and the newest sync runs.

use chrono::{DateTime, Utc};

use super::rows::{COLUMNS, from_row};
use super::sync::RunFailure;
use super::{Result, Store};
use crate::domain::Booking;

/// A sync run as the feed tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRun {
    pub id: i64,
    pub direction: String,
    /// How it failed (`None`: it went through, or runs still).
    pub failure: Option<RunFailure>,
    pub ended: bool,
}

impl Store {
    /// For each booking the journal names after entry `mark`, the row
    /// before its first change there (`None`: it was made since), as the
    /// journal kept it: (booking, its cleaner then, its start and end then).
    pub fn bookings_before_since(&self, mark: i64) -> Result<Vec<(i64, Option<BookingThen>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT entity_id, before FROM journal WHERE id > ?1 AND entity = 'booking'
             ORDER BY id",
        )?;
        let rows = stmt.query_map([mark], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        let mut out: Vec<(i64, Option<BookingThen>)> = Vec::new();
        for row in rows {
            let (id, before) = row?;
            let then = before
                .as_deref()
                .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
                .map(|v| BookingThen {
                    staff_id: v.get("staff_id").and_then(serde_json::Value::as_i64),
                    start: v.get("start").and_then(|s| s.as_str()?.parse().ok()),
                    end: v.get("end").and_then(|s| s.as_str()?.parse().ok()),
                });
            out.push((id, then));
        }
        Ok(out)
    }

    /// The jobs running now (started, not finished).
    pub fn running_bookings(&self) -> Result<Vec<Booking>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM bookings WHERE status = 'in_progress' ORDER BY id"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest `limit` sync runs, oldest first, whether ended or not.
    pub fn recent_sync_runs(&self, limit: usize) -> Result<Vec<SyncRun>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, direction, failure, ended_at IS NOT NULL FROM sync_log
             ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(SyncRun {
                id: r.get(0)?,
                direction: r.get(1)?,
                failure: r
                    .get::<_, Option<String>>(2)?
                    .as_deref()
                    .map(RunFailure::parse),
                ended: r.get(3)?,
            })
        })?;
        let mut runs = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        runs.reverse();
        Ok(runs)
    }
}

/// A booking as the journal kept it before a change: enough to tell who
/// had it and whether it moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingThen {
    pub staff_id: Option<i64>,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
}
