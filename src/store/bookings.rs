//! Bookings in the store.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{
    Result, Store, StoreError, WriteCtx, Writer, check_version, from_secs, journal, to_secs,
};
use crate::domain::{Booking, BookingStatus};

/// The longest a single booking may run; also bounds the day query.
pub const MAX_BOOKING_HOURS: i64 = 24;

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

pub(crate) const COLUMNS: &str = "id, customer_id, staff_id, service, start_at, end_at, \
    estimate_min, status, started_at, finished_at, address, notes, version, review, cancel_reason";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Booking> {
    let status: String = r.get(7)?;
    let opt_time = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        r.get::<_, Option<i64>>(i)?.map(from_secs).transpose()
    };
    Ok(Booking {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        staff_id: r.get(2)?,
        service: r.get(3)?,
        start: from_secs(r.get(4)?)?,
        end: from_secs(r.get(5)?)?,
        estimate_min: r.get(6)?,
        status: BookingStatus::parse(&status).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                7,
                rusqlite::types::Type::Text,
                format!("unknown status {status:?}").into(),
            )
        })?,
        started_at: opt_time(8)?,
        finished_at: opt_time(9)?,
        address: r.get(10)?,
        notes: r.get(11)?,
        version: r.get(12)?,
        review: r.get(13)?,
        cancel_reason: r.get(14)?,
    })
}

pub(crate) fn get_in(tx: &Connection, id: i64) -> Result<Booking> {
    tx.prepare_cached(&format!("SELECT {COLUMNS} FROM bookings WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "booking",
            id,
        })
}

/// Writes every field of `b` (but its version) as row `id`: a new row when
/// it is not there (a redone creation), else an update with its version
/// bumped. Returns the row as stored. New bookings use [`insert_row`].
pub(crate) fn put_row(tx: &Connection, ctx: &WriteCtx, id: i64, b: &Booking) -> Result<Booking> {
    tx.prepare_cached(
        "INSERT INTO bookings (id, customer_id, staff_id, service, start_at, end_at,
           estimate_min, status, started_at, finished_at, address, notes, review,
           cancel_reason, version, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id,
           staff_id = excluded.staff_id, service = excluded.service,
           start_at = excluded.start_at, end_at = excluded.end_at,
           estimate_min = excluded.estimate_min, status = excluded.status,
           started_at = excluded.started_at, finished_at = excluded.finished_at,
           address = excluded.address, notes = excluded.notes, review = excluded.review,
           cancel_reason = excluded.cancel_reason, version = bookings.version + 1,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )?
    .execute(params![
        id,
        b.customer_id,
        b.staff_id,
        b.service.trim(),
        to_secs(b.start),
        to_secs(b.end),
        b.estimate_min,
        b.status.as_str(),
        b.started_at.map(to_secs),
        b.finished_at.map(to_secs),
        b.address.trim(),
        b.notes,
        b.review,
        b.cancel_reason,
        b.version.max(0) + 1,
        to_secs(ctx.now),
        ctx.actor
    ])?;
    get_in(tx, id)
}

/// Inserts `b` as a new row (its id and version are ignored); returns it as
/// stored, without reading it back.
pub(crate) fn insert_row(tx: &Connection, ctx: &WriteCtx, b: &Booking) -> Result<Booking> {
    let stored = Booking {
        id: 0,
        service: b.service.trim().to_string(),
        address: b.address.trim().to_string(),
        version: 1,
        ..b.clone()
    };
    tx.prepare_cached(
        "INSERT INTO bookings (customer_id, staff_id, service, start_at, end_at, estimate_min,
           status, started_at, finished_at, address, notes, review, cancel_reason, version,
           updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?15)",
    )?
    .execute(params![
        stored.customer_id,
        stored.staff_id,
        stored.service,
        to_secs(stored.start),
        to_secs(stored.end),
        stored.estimate_min,
        stored.status.as_str(),
        stored.started_at.map(to_secs),
        stored.finished_at.map(to_secs),
        stored.address,
        stored.notes,
        stored.review,
        stored.cancel_reason,
        to_secs(ctx.now),
        ctx.actor
    ])?;
    Ok(Booking {
        id: tx.last_insert_rowid(),
        ..stored
    })
}

/// Changes booking `id` as the dispatcher saw it (`version`): `change` edits
/// a copy (or refuses), the row is written. Returns before and after; the
/// caller journals.
pub(crate) fn change_booking(
    tx: &Connection,
    ctx: &WriteCtx,
    id: i64,
    version: i64,
    change: impl FnOnce(&mut Booking) -> Result<()>,
) -> Result<(Booking, Booking)> {
    check_version(tx, ctx, "booking", "bookings", id, version)?;
    let before = get_in(tx, id)?;
    let mut after = before.clone();
    change(&mut after)?;
    let after = put_row(tx, ctx, id, &after)?;
    Ok((before, after))
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
        self.write(|tx, ctx| {
            let (before, after) = change_booking(tx, ctx, id, version, |b| {
                change(b, ctx.now).map_err(StoreError::from)
            })?;
            journal::record(tx, ctx, action, "booking", id, Some(&before), Some(&after))?;
            Ok(after)
        })
    }
}

impl Writer<'_> {
    pub fn add_booking(&self, new: NewBooking) -> Result<Booking> {
        let (tx, ctx) = (self.tx, self.ctx);
        super::edits::validate(
            tx,
            &super::edits::BookingDraft {
                customer_id: new.customer_id,
                staff_id: new.staff_id,
                service: new.service.clone(),
                start: new.start,
                end: new.end,
                estimate_min: new.estimate_min,
                address: String::new(),
                notes: String::new(),
                review: String::new(),
            },
        )?;
        tx.execute(
            "INSERT INTO bookings (customer_id, staff_id, service, start_at, end_at, estimate_min, status,
               started_at, finished_at, address, notes, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                new.customer_id,
                new.staff_id,
                new.service.trim(),
                to_secs(new.start),
                to_secs(new.end),
                new.estimate_min,
                new.status.as_str(),
                new.started_at.map(to_secs),
                new.finished_at.map(to_secs),
                new.address,
                new.notes,
                to_secs(ctx.now),
                ctx.actor
            ],
        )?;
        let b = get_in(tx, tx.last_insert_rowid())?;
        journal::record::<(), _>(tx, ctx, "booking.add", "booking", b.id, None, Some(&b))?;
        Ok(b)
    }
}
