//! Bulk imports: rows written in batches, each batch one transaction that
//! commits or leaves nothing, journaled like every other change. A dry run
//! does all the same writes inside one transaction and rolls it back, so
//! what it reports is exactly what the real run would do.
//!
//! Imported bookings are journaled as `booking.import`: `u` does not take an
//! import apart booking by booking.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};

use super::rows::{self, MemberInserts, get_in, put_row};
use super::rules::{check_clashes_among, check_shape, exists, validate};
use super::{NewCustomer, Result, Store, StoreError, WriteCtx, checkpoint, journal, to_secs};
use crate::domain::Permission;
use crate::domain::{Booking, BookingDraft, Customer, clash};

mod around;
use around::Around;

/// The journal action of a booking created by an import.
pub const IMPORT_BOOKING: &str = "booking.import";
/// The journal action of a booking changed by a repeated calendar import.
pub const IMPORT_BOOKING_UPDATE: &str = "booking.import-update";

/// Counts of one import, for the import log.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportCounts {
    pub created: i64,
    pub updated: i64,
    pub skipped: i64,
    pub failed: i64,
}

/// One past import, as `renos stats` lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportLogEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: String,
    pub file: String,
    #[serde(flatten)]
    pub counts: ImportCounts,
}

/// What identifies a customer when looking for duplicates.
#[derive(Debug, Clone)]
pub struct CustomerKey {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub email: String,
    pub phone: String,
}

/// A booking the import created, and whom it double-books.
#[derive(Debug, Clone)]
pub struct AddedBooking {
    pub booking: Booking,
    pub clashes: Vec<i64>,
}

/// Rolls back a transaction that was not finished (an error or a panic).
struct Open<'c> {
    conn: &'c Connection,
    end: &'static str,
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.conn.execute_batch(self.end) {
            tracing::warn!(error = %e, "rolling back an import batch failed");
        }
    }
}

impl Open<'_> {
    fn finish(self, sql: &str) -> Result<()> {
        let conn = self.conn;
        std::mem::forget(self);
        conn.execute_batch(sql)?;
        Ok(())
    }
}

/// An import in progress: hands out batches.
pub struct ImportSession<'c> {
    conn: &'c Connection,
    ctx: WriteCtx,
    dry_run: bool,
}

impl ImportSession<'_> {
    /// Runs `f` as one batch: committed when it returns `Ok` (in a dry run,
    /// kept until the end and then rolled back), left out entirely when it
    /// fails.
    pub fn batch<T>(&mut self, f: impl FnOnce(&Importer) -> Result<T>) -> Result<T> {
        let (begin, commit, rollback) = if self.dry_run {
            (
                "SAVEPOINT batch",
                "RELEASE batch",
                "ROLLBACK TO batch; RELEASE batch",
            )
        } else {
            ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
        };
        self.conn.execute_batch(begin)?;
        let open = Open {
            conn: self.conn,
            end: rollback,
        };
        let out = f(&Importer::within(self.conn, &self.ctx))?;
        open.finish(commit)?;
        Ok(out)
    }

    pub fn dry_run(&self) -> bool {
        self.dry_run
    }
}

impl Store {
    /// Runs an import: `f` writes through `ImportSession::batch`. In a dry
    /// run everything is rolled back at the end.
    pub fn import<T>(
        &mut self,
        dry_run: bool,
        f: impl FnOnce(&mut ImportSession) -> Result<T>,
    ) -> Result<T> {
        // A dry run keeps nothing: anyone who may read may try a file.
        if !dry_run {
            self.allow(Permission::Imports)?;
        }
        let ctx = WriteCtx {
            actor: self.actor.clone(),
            now: self.clock.now(),
            tz: self.tz,
            google_outbox: super::outbox::google_on(&self.conn)?,
            access: self.access.clone(),
        };
        let conn = &self.conn;
        // Imports touch many pages of the same indexes: a larger cache (64 MiB)
        // for this connection's remaining life (a command runs one import).
        conn.execute_batch("PRAGMA cache_size = -65536")?;
        if !dry_run {
            let pages = checkpoint::import_autocheckpoint(conn)?;
            let out = f(&mut ImportSession { conn, ctx, dry_run });
            checkpoint::autocheckpoint_back(conn, pages)?;
            return out;
        }
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let _rollback = Open {
            conn,
            end: "ROLLBACK",
        };
        f(&mut ImportSession { conn, ctx, dry_run })
    }

    /// Name, address, e-mail and phone of every customer, for duplicate checks.
    pub fn customer_keys(&self) -> Result<Vec<CustomerKey>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, address, email, phone FROM customers ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(CustomerKey {
                id: r.get(0)?,
                name: r.get(1)?,
                address: r.get(2)?,
                email: r.get(3)?,
                phone: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every booking that came from a calendar: (UID, occurrence) → booking id.
    pub fn booking_uids(&self) -> Result<HashMap<(String, String), i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT uid, recurrence, booking_id FROM booking_uids")?;
        let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The calendar UIDs of these bookings (those that came from a calendar).
    pub fn uids_of(&self, ids: &[i64]) -> Result<HashMap<i64, (String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT uid, recurrence FROM booking_uids WHERE booking_id = ?1")?;
        let mut out = HashMap::new();
        for &id in ids {
            if let Some(k) = stmt
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
            {
                out.insert(id, k);
            }
        }
        Ok(out)
    }

    /// The customers carrying `tag`.
    /// Every service the business has booked (bookings and series), as
    /// written.
    pub fn known_services(&self) -> Result<Vec<String>> {
        known_services(&self.conn)
    }

    pub fn customers_tagged(&self, tag: &str) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT c.id FROM customers c, json_each(c.tags) t WHERE t.value = ?1")?;
        let rows = stmt.query_map([tag], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// This database's own id: part of the UID of every exported booking.
    pub fn instance_id(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'instance'", [], |r| {
                r.get(0)
            })?)
    }

    /// Calls `f` with every customer, by name, without holding them all.
    pub fn for_each_customer(
        &self,
        mut f: impl FnMut(&Customer) -> std::io::Result<()>,
    ) -> Result<u64> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM customers ORDER BY name COLLATE NOCASE, id",
            super::customers::COLUMNS
        ))?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let c = super::customers::from_row(r)?;
            f(&c).map_err(StoreError::Write)?;
            n += 1;
        }
        Ok(n)
    }

    /// Calls `f` with every booking starting in `[from, to)`, by start.
    pub fn for_each_booking(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        mut f: impl FnMut(&Booking) -> std::io::Result<()>,
    ) -> Result<u64> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM bookings WHERE start_at >= ?1 AND start_at < ?2 ORDER BY start_at, id",
            rows::COLUMNS
        ))?;
        let mut rows = stmt.query(params![to_secs(from), to_secs(to)])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let b = rows::from_row(r)?;
            f(&b).map_err(StoreError::Write)?;
            n += 1;
        }
        Ok(n)
    }

    /// The newest imports first.
    pub fn import_log(&self, limit: usize) -> Result<Vec<ImportLogEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, actor, kind, file, created, updated, skipped, failed FROM imports
             ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(ImportLogEntry {
                at: super::from_secs(r.get(0)?)?,
                actor: r.get(1)?,
                kind: r.get(2)?,
                file: r.get(3)?,
                counts: ImportCounts {
                    created: r.get(4)?,
                    updated: r.get(5)?,
                    skipped: r.get(6)?,
                    failed: r.get(7)?,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Writes inside one import batch.
pub struct Importer<'a> {
    pub(super) conn: &'a Connection,
    pub(super) ctx: &'a WriteCtx,
    /// Cleaners found active in this batch.
    staff_seen: RefCell<std::collections::HashSet<i64>>,
    /// The cleaners' bookings read for the clash rule in this batch.
    pub(super) around: RefCell<Around>,
    /// The inserts of a new booking, prepared at the batch's first.
    inserts: RefCell<Option<Inserts<'a>>>,
}

/// The statements [`Importer::add_booking`] runs for each booking.
struct Inserts<'c> {
    booking: MemberInserts<'c>,
    uid: CachedStatement<'c>,
    journal: journal::Entries<'c>,
}

impl<'c> Inserts<'c> {
    fn new(conn: &'c Connection) -> Result<Inserts<'c>> {
        Ok(Inserts {
            booking: MemberInserts::new(conn)?,
            uid: conn.prepare_cached(
                "INSERT INTO booking_uids (booking_id, uid, recurrence) VALUES (?1, ?2, ?3)",
            )?,
            journal: journal::Entries::new(conn)?,
        })
    }
}

impl<'a> Importer<'a> {
    /// The import writes inside another open transaction (the sync's), or
    /// in a batch.
    pub(super) fn within(conn: &'a Connection, ctx: &'a WriteCtx) -> Importer<'a> {
        Importer {
            conn,
            ctx,
            staff_seen: Default::default(),
            around: Default::default(),
            inserts: Default::default(),
        }
    }
}

impl Importer<'_> {
    pub fn now(&self) -> DateTime<Utc> {
        self.ctx.now
    }

    /// A new customer from an import row.
    pub fn add_customer(&self, new: &NewCustomer, reason: &str) -> Result<i64> {
        let c = super::customers::insert(self.conn, self.ctx, new)?;
        journal::record_full::<(), _>(
            self.conn,
            self.ctx,
            "customer.import",
            "customer",
            c.id,
            None,
            Some(&c),
            reason,
            None,
        )?;
        Ok(c.id)
    }

    pub fn customer(&self, id: i64) -> Result<Customer> {
        super::customers::get_in(self.conn, id)
    }

    /// Writes a merged customer (`after` holds the new fields of `before`).
    pub fn update_customer(&self, before: &Customer, after: &Customer, reason: &str) -> Result<()> {
        let stored = super::customers::update(self.conn, self.ctx, after)?;
        journal::record_full(
            self.conn,
            self.ctx,
            "customer.merge",
            "customer",
            before.id,
            Some(before),
            Some(&stored),
            reason,
            None,
        )?;
        Ok(())
    }

    /// A booking of this customer with exactly these times and service, if any.
    pub fn same_booking(
        &self,
        customer_id: i64,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        service: &str,
    ) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM bookings WHERE customer_id = ?1 AND start_at = ?2 AND end_at = ?3
                 AND service = ?4 LIMIT 1",
            )?
            .query_row(
                params![customer_id, to_secs(start), to_secs(end), service.trim()],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn booking(&self, id: i64) -> Result<Booking> {
        get_in(self.conn, id)
    }

    /// Creates `b` (its id and version are ignored) under the console's
    /// rules. A double booking is refused with `StoreError::Clash` unless
    /// `accept_clash`, when it is kept and named in the journal. `uid` links
    /// the booking to the calendar event it came from.
    pub fn add_booking(
        &self,
        b: &Booking,
        uid: Option<(&str, &str)>,
        accept_clash: bool,
        reason: &str,
    ) -> Result<AddedBooking> {
        // The customer comes from this import (and the foreign key holds it);
        // the cleaner may have been removed meanwhile.
        check_shape(b)?;
        if let Some(s) = b.staff_id {
            // Checked once per batch: the batch holds the write lock.
            if !self.staff_seen.borrow().contains(&s) {
                exists(
                    self.conn,
                    "cleaner",
                    "SELECT 1 FROM staff WHERE id = ?1 AND active = 1",
                    s,
                )?;
                self.staff_seen.borrow_mut().insert(s);
            }
        }
        let probe = match b.id {
            0 => Cow::Borrowed(b),
            _ => Cow::Owned(Booking { id: 0, ..b.clone() }),
        };
        let mut around = self.around.borrow_mut();
        let others = around.neighbours(self.conn, &probe)?;
        let clashes = if accept_clash {
            clash::clashes(&probe, &others)
                .into_iter()
                .map(|c| c.other)
                .collect()
        } else {
            check_clashes_among(self.conn, self.ctx, &probe, &others, &[])?
        };
        let mut inserts = self.inserts.borrow_mut();
        let inserts = match &mut *inserts {
            Some(held) => held,
            none => none.insert(Inserts::new(self.conn)?),
        };
        let stored = inserts.booking.insert_new(self.conn, self.ctx, &probe)?;
        if let Some((uid, recurrence)) = uid {
            inserts.uid.execute(params![stored.id, uid, recurrence])?;
        }
        let reason = if clashes.is_empty() {
            Cow::Borrowed(reason)
        } else {
            let ids: Vec<String> = clashes.iter().map(|id| format!("#{id}")).collect();
            Cow::Owned(format!("{reason}; double booking with {}", ids.join(", ")))
        };
        inserts.journal.record(
            self.conn,
            self.ctx,
            IMPORT_BOOKING,
            "booking",
            stored.id,
            (None, Some(&journal::booking_json(&stored)?)),
            &reason,
            None,
        )?;
        around.added(self.conn, &stored);
        Ok(AddedBooking {
            booking: stored,
            clashes,
        })
    }

    /// Rewrites booking `before.id` as `after` (a calendar event that changed
    /// since the last import). Double bookings are kept, as in the calendar.
    pub fn replace_booking(
        &self,
        before: &Booking,
        after: &Booking,
        reason: &str,
    ) -> Result<Booking> {
        validate(self.conn, &BookingDraft::of(after))?;
        let next = Booking {
            id: before.id,
            version: before.version,
            ..after.clone()
        };
        let stored = put_row(self.conn, self.ctx, before.id, &next)?;
        journal::record_full(
            self.conn,
            self.ctx,
            IMPORT_BOOKING_UPDATE,
            "booking",
            before.id,
            Some(before),
            Some(&stored),
            reason,
            None,
        )?;
        Ok(stored)
    }

    /// Links an existing booking to a calendar event (a booking exported
    /// from this database and imported back).
    pub fn link_uid(&self, booking_id: i64, uid: &str, recurrence: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO booking_uids (booking_id, uid, recurrence) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![booking_id, uid, recurrence])?;
        Ok(())
    }

    /// Records a finished import in the log `renos stats` shows.
    pub fn log(&self, kind: &str, file: &str, counts: ImportCounts) -> Result<()> {
        self.conn.execute(
            "INSERT INTO imports (at, actor, kind, file, created, updated, skipped, failed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                to_secs(self.ctx.now),
                self.ctx.actor,
                kind,
                file,
                counts.created,
                counts.updated,
                counts.skipped,
                counts.failed
            ],
        )?;
        Ok(())
    }
}

/// Every service booked (bookings and series), as written: what a title
/// made by hand may name.
pub(crate) fn known_services(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT service FROM bookings UNION SELECT service FROM series")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
