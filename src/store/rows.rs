//! Booking rows: how a booking is read from and written to its table. The
//! one place that inserts a booking; every writer (the console, imports,
//! the sync, seeding, undo) comes through here. Knows no rules: callers
//! check before they write.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{CachedStatement, Connection, OptionalExtension, Row, Statement, params};

use super::{Result, StoreError, WriteCtx, check_version, from_secs, to_secs};
use crate::domain::{Booking, BookingStatus, MAX_BOOKING_HOURS};

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

/// The booking as a row stores it: service and address trimmed.
fn stored(b: &Booking, id: i64, version: i64) -> Booking {
    Booking {
        id,
        customer_id: b.customer_id,
        staff_id: b.staff_id,
        service: b.service.trim().to_string(),
        start: b.start,
        end: b.end,
        estimate_min: b.estimate_min,
        status: b.status,
        started_at: b.started_at,
        finished_at: b.finished_at,
        address: b.address.trim().to_string(),
        notes: b.notes.clone(),
        review: b.review.clone(),
        cancel_reason: b.cancel_reason.clone(),
        version,
    }
}

/// A booking's place in its series: the series and the rule's original
/// local start (see `domain::series::original_key`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Member<'a> {
    pub series_id: i64,
    pub original: &'a str,
}

/// The one `INSERT INTO bookings` of the store.
const INSERT: &str = "INSERT INTO bookings (id, customer_id, staff_id, service, start_at, end_at,
       estimate_min, status, started_at, finished_at, address, notes, review,
       cancel_reason, version, updated_at, updated_by, series_id, original_start)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
       ?18, ?19)";

/// Inserts `b` as a new row: under `id` with `version` (a redone creation
/// keeps its id), or under a fresh id at version 1 when `id` is `None`; a
/// visit of a series with its place in it. Returns it as stored, without
/// reading it back.
fn insert(
    tx: &Connection,
    ctx: &WriteCtx,
    id: Option<i64>,
    b: &Booking,
    member: Option<Member>,
) -> Result<Booking> {
    let mut stmt = tx.prepare_cached(INSERT)?;
    let row = stored(b, id.unwrap_or(0), new_version(id, b));
    execute_insert(&mut stmt, tx, ctx, id, row, member)
}

/// The version a row inserted under `id` gets (see [`insert`]).
fn new_version(id: Option<i64>, b: &Booking) -> i64 {
    if id.is_some() {
        b.version.max(0) + 1
    } else {
        1
    }
}

/// Runs the prepared insert of `row`, already as stored; returns it with
/// its id.
fn execute_insert(
    stmt: &mut Statement,
    tx: &Connection,
    ctx: &WriteCtx,
    id: Option<i64>,
    row: Booking,
    member: Option<Member>,
) -> Result<Booking> {
    stmt.raw_bind_parameter(1, id)?;
    stmt.raw_bind_parameter(16, to_secs(ctx.now))?;
    stmt.raw_bind_parameter(17, &ctx.actor)?;
    bind_row(stmt, &row, member)?;
    stmt.raw_execute()?;
    Ok(Booking {
        id: tx.last_insert_rowid(),
        ..row
    })
}

/// Binds the row's own values of [`INSERT`]: all but the id (`?1`), when
/// and by whom (`?16`, `?17`).
fn bind_row(stmt: &mut Statement, row: &Booking, member: Option<Member>) -> Result<()> {
    stmt.raw_bind_parameter(2, row.customer_id)?;
    stmt.raw_bind_parameter(3, row.staff_id)?;
    stmt.raw_bind_parameter(4, &row.service)?;
    stmt.raw_bind_parameter(5, to_secs(row.start))?;
    stmt.raw_bind_parameter(6, to_secs(row.end))?;
    stmt.raw_bind_parameter(7, row.estimate_min)?;
    stmt.raw_bind_parameter(8, row.status.as_str())?;
    stmt.raw_bind_parameter(9, row.started_at.map(to_secs))?;
    stmt.raw_bind_parameter(10, row.finished_at.map(to_secs))?;
    stmt.raw_bind_parameter(11, &row.address)?;
    stmt.raw_bind_parameter(12, &row.notes)?;
    stmt.raw_bind_parameter(13, &row.review)?;
    stmt.raw_bind_parameter(14, &row.cancel_reason)?;
    stmt.raw_bind_parameter(15, row.version)?;
    stmt.raw_bind_parameter(18, member.map(|m| m.series_id))?;
    stmt.raw_bind_parameter(19, member.map(|m| m.original))?;
    Ok(())
}

/// The booking insert prepared once for a run of new bookings (a series
/// making a quarter's visits, a batch of an import): the statement cache is
/// not asked for each.
///
/// The values every row of a run shares (no id of its own, when, by whom)
/// stay bound from one row to the next (SQLite keeps a statement's values
/// until they are replaced), bound again only when they change.
pub(crate) struct MemberInserts<'c> {
    stmt: CachedStatement<'c>,
    /// When and by whom, as bound last (`?16`, `?17`; `?1` is `NULL`).
    shared: Option<(i64, String)>,
}

impl<'c> MemberInserts<'c> {
    pub fn new(tx: &'c Connection) -> Result<MemberInserts<'c>> {
        Ok(MemberInserts {
            stmt: tx.prepare_cached(INSERT)?,
            shared: None,
        })
    }

    /// Inserts `row`, already as stored, under a fresh id.
    fn run(
        &mut self,
        tx: &Connection,
        ctx: &WriteCtx,
        row: Booking,
        member: Option<Member>,
    ) -> Result<Booking> {
        let now = to_secs(ctx.now);
        let same = self
            .shared
            .as_ref()
            .is_some_and(|(at, actor)| *at == now && *actor == ctx.actor);
        if !same {
            self.shared = None;
            self.stmt.raw_bind_parameter(1, None::<i64>)?;
            self.stmt.raw_bind_parameter(16, now)?;
            self.stmt.raw_bind_parameter(17, &ctx.actor)?;
            self.shared = Some((now, ctx.actor.clone()));
        }
        bind_row(&mut self.stmt, &row, member)?;
        self.stmt.raw_execute()?;
        Ok(Booking {
            id: tx.last_insert_rowid(),
            ..row
        })
    }

    /// Inserts `b` as a new row, as [`insert_row`] does.
    pub fn insert_new(&mut self, tx: &Connection, ctx: &WriteCtx, b: &Booking) -> Result<Booking> {
        self.run(tx, ctx, stored(b, 0, 1), None)
    }

    /// Inserts `b` as a new visit of a series, as [`insert_member`] does,
    /// without copying it (a series makes thousands).
    pub fn insert(
        &mut self,
        tx: &Connection,
        ctx: &WriteCtx,
        mut b: Booking,
        member: Member,
    ) -> Result<Booking> {
        for text in [&mut b.service, &mut b.address] {
            if text.trim().len() != text.len() {
                *text = text.trim().to_string();
            }
        }
        b.id = 0;
        b.version = 1;
        self.run(tx, ctx, b, Some(member))
    }
}

/// Inserts `b` as a new row (its id and version are ignored); returns it as
/// stored, without reading it back.
pub(crate) fn insert_row(tx: &Connection, ctx: &WriteCtx, b: &Booking) -> Result<Booking> {
    insert(tx, ctx, None, b, None)
}

/// Inserts `b` as a new visit of a series (see [`insert_row`]).
pub(crate) fn insert_member(
    tx: &Connection,
    ctx: &WriteCtx,
    b: &Booking,
    member: Member,
) -> Result<Booking> {
    insert(tx, ctx, None, b, Some(member))
}

/// Removes row `id` (a visit a series no longer has, an undone creation).
pub(crate) fn delete_row(tx: &Connection, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM bookings WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Sets a booking's place in a series (`None`: none) and its exception
/// ('' while it follows the series).
pub(crate) fn set_member(
    tx: &Connection,
    id: i64,
    member: Option<Member>,
    exception: &str,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE bookings SET series_id = ?2, original_start = ?3, exception = ?4 WHERE id = ?1",
    )?
    .execute(params![
        id,
        member.map(|m| m.series_id),
        member.map(|m| m.original),
        exception
    ])?;
    Ok(())
}

/// How a changed visit of a series leaves it: moved, reassigned, cancelled
/// or otherwise edited; `None` when nothing the series sets changed.
fn exception_of(before: &Booking, after: &Booking) -> Option<&'static str> {
    if after.status == BookingStatus::Cancelled && before.status != BookingStatus::Cancelled {
        Some("cancelled")
    } else if before.start != after.start || before.end != after.end {
        Some("moved")
    } else if before.staff_id != after.staff_id {
        Some("reassigned")
    } else if before.service != after.service
        || before.notes != after.notes
        || before.address != after.address
    {
        Some("edited")
    } else {
        None
    }
}

/// Writes every field of `b` (but its version) as row `id`: a new row when
/// it is not there (a redone creation), else an update with its version
/// bumped. Returns the row as stored. New bookings use [`insert_row`].
pub(crate) fn put_row(tx: &Connection, ctx: &WriteCtx, id: i64, b: &Booking) -> Result<Booking> {
    let row = stored(b, id, 0);
    let changed = tx
        .prepare_cached(
            "UPDATE bookings SET customer_id = ?2, staff_id = ?3, service = ?4, start_at = ?5,
               end_at = ?6, estimate_min = ?7, status = ?8, started_at = ?9, finished_at = ?10,
               address = ?11, notes = ?12, review = ?13, cancel_reason = ?14,
               version = version + 1, updated_at = ?15, updated_by = ?16
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            row.customer_id,
            row.staff_id,
            row.service,
            to_secs(row.start),
            to_secs(row.end),
            row.estimate_min,
            row.status.as_str(),
            row.started_at.map(to_secs),
            row.finished_at.map(to_secs),
            row.address,
            row.notes,
            row.review,
            row.cancel_reason,
            to_secs(ctx.now),
            ctx.actor
        ])?;
    if changed == 0 {
        insert(tx, ctx, Some(id), b, None)?;
    }
    get_in(tx, id)
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
    mark_exception(tx, &before, &after)?;
    Ok((before, after))
}

/// A visit of a series changed by itself (here, or one instance in the
/// calendar) is an exception from then on: the series, re-made, leaves it
/// as it is. A no-op for a booking of its own.
pub(crate) fn mark_exception(tx: &Connection, before: &Booking, after: &Booking) -> Result<()> {
    if let Some(kind) = exception_of(before, after) {
        tx.prepare_cached(
            "UPDATE bookings SET exception = ?2
             WHERE id = ?1 AND series_id IS NOT NULL AND exception = ''",
        )?
        .execute(params![after.id, kind])?;
    }
    Ok(())
}

/// The cleaner's live bookings that may overlap `[from, to)`: those that
/// start in `[from − MAX_BOOKING_HOURS, to)` (the index's range) and end
/// after `from`, by start. Which of them clash is for the rule to decide.
/// Only what the rule reads is loaded (id, cleaner, times, status; the rest
/// is left empty): an import asks this for every booking it writes.
pub(crate) fn cleaner_window(
    conn: &Connection,
    staff_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Booking>> {
    let earliest = to_secs(from - Duration::hours(MAX_BOOKING_HOURS));
    let mut stmt = conn.prepare_cached(
        "SELECT id, start_at, end_at, status FROM bookings
         WHERE staff_id = ?1 AND start_at >= ?2 AND start_at < ?3 AND end_at >= ?4
           AND status <> 'cancelled'
         ORDER BY start_at, id",
    )?;
    let mut rows = stmt.query(params![staff_id, earliest, to_secs(to), to_secs(from)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let status: String = r.get(3)?;
        out.push(Booking {
            id: r.get(0)?,
            customer_id: 0,
            staff_id: Some(staff_id),
            service: String::new(),
            start: from_secs(r.get(1)?)?,
            end: from_secs(r.get(2)?)?,
            estimate_min: 0,
            status: BookingStatus::parse(&status).ok_or_else(|| {
                StoreError::Corrupt(format!("booking status {status:?} is not known"))
            })?,
            started_at: None,
            finished_at: None,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
            cancel_reason: String::new(),
            version: 0,
        });
    }
    Ok(out)
}

/// `b` as the clash rule reads it, as [`cleaner_window`] reads rows: id,
/// cleaner, times and status, the rest left empty (nothing allocated).
pub(crate) fn light(b: &Booking) -> Booking {
    Booking {
        id: b.id,
        customer_id: 0,
        staff_id: b.staff_id,
        service: String::new(),
        start: b.start,
        end: b.end,
        estimate_min: 0,
        status: b.status,
        started_at: None,
        finished_at: None,
        address: String::new(),
        notes: String::new(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 0,
    }
}
