//! Bookings in the store.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};

use super::rows::{COLUMNS, change_booking, from_row, insert_row};
use super::rules::validate;
use super::{ChangeRefusal, Result, Store, StoreError, Writer, journal, to_secs};
use crate::domain::Permission;
use crate::domain::{Booking, BookingDraft, BookingStatus, MAX_BOOKING_HOURS};

/// A booking as seeding and tests write it, with any status and times worked.
#[derive(Debug, Clone)]
pub struct NewBooking {
    pub customer_id: i64,
    pub staff_id: Option<i64>,
    pub service: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub estimate_min: u32,
    pub status: BookingStatus,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub address: String,
    pub notes: String,
}

impl Store {
    pub fn add_booking(&mut self, new: NewBooking) -> Result<Booking> {
        self.batch(|w| w.add_booking(new))
    }

    pub fn booking(&self, id: i64) -> Result<Booking> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM bookings WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "booking",
                id,
            })
    }

    /// Bookings (cancelled ones too) that overlap `[from, to)`, by start.
    pub fn bookings_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Booking>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM bookings
             WHERE start_at >= ?1 AND start_at < ?2 AND end_at > ?3
             ORDER BY start_at, id"
        ))?;
        let earliest = to_secs(from - Duration::hours(MAX_BOOKING_HOURS));
        let rows = stmt.query_map(params![earliest, to_secs(to), to_secs(from)], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Starts a scheduled job now. `version` is what the caller saw.
    pub fn start_booking(&mut self, id: i64, version: i64) -> Result<Booking> {
        self.transition(id, version, "booking.start", |b, now| b.start_job(now))
    }

    /// Finishes a running job now.
    pub fn finish_booking(&mut self, id: i64, version: i64) -> Result<Booking> {
        self.transition(id, version, "booking.finish", |b, now| b.finish_job(now))
    }

    /// Adds a line to a booking's notes (a cleaner's note from the job),
    /// journaled as an edit of the notes (undone like one). `version` is
    /// what the caller saw.
    pub fn note_booking(&mut self, id: i64, version: i64, line: &str) -> Result<Booking> {
        let line = line.trim().to_string();
        if line.is_empty() {
            return Err(ChangeRefusal::NoteEmpty.into());
        }
        self.write(Permission::Bookings, |tx, ctx| {
            let (before, after) = change_booking(tx, ctx, id, version, |b| {
                if !b.notes.trim().is_empty() {
                    b.notes.push('\n');
                }
                b.notes.push_str(&line);
                Ok(())
            })?;
            journal::record(
                tx,
                ctx,
                "booking.note",
                "booking",
                id,
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }

    fn transition(
        &mut self,
        id: i64,
        version: i64,
        action: &str,
        change: impl FnOnce(
            &mut Booking,
            DateTime<Utc>,
        ) -> std::result::Result<(), crate::domain::booking::TransitionError>,
    ) -> Result<Booking> {
        self.write(Permission::Bookings, |tx, ctx| {
            let (before, after) = change_booking(tx, ctx, id, version, |b| {
                change(b, ctx.now).map_err(StoreError::from)
            })?;
            journal::record(tx, ctx, action, "booking", id, Some(&before), Some(&after))?;
            Ok(after)
        })
    }
}

impl Writer<'_> {
    /// Adds a booking under the shape rules (no clash check: seeding may
    /// double-book on purpose), journaled.
    pub fn add_booking(&self, new: NewBooking) -> Result<Booking> {
        let (tx, ctx) = (self.tx, self.ctx);
        ctx.allow(Permission::Bookings)?;
        let b = Booking {
            id: 0,
            customer_id: new.customer_id,
            staff_id: new.staff_id,
            service: new.service,
            start: new.start,
            end: new.end,
            estimate_min: new.estimate_min,
            status: new.status,
            started_at: new.started_at,
            finished_at: new.finished_at,
            address: new.address,
            notes: new.notes,
            review: String::new(),
            cancel_reason: String::new(),
            version: 1,
        };
        validate(tx, &BookingDraft::of(&b))?;
        let b = insert_row(tx, ctx, &b)?;
        journal::record::<(), _>(tx, ctx, "booking.add", "booking", b.id, None, Some(&b))?;
        Ok(b)
    }
}
