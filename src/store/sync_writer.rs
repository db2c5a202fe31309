//! [`SyncWriter`]: the sync's writes inside one open transaction (see
//! `Store::sync_write`): bookings changed from the calendar (journaled, no
//! outbox entry), customers it makes, links, marks, states and conflicts.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::customers::{self, NewCustomer};
use super::outbox::{self, CALENDAR_REMOVAL, GOOGLE_BOOKING, OutboxItem};
use super::rows::{get_in, insert_row, mark_exception, put_row};
use super::rules::check_shape;
use super::sync::{CalendarState, Link, SYNC_BOOKING, SyncConflict};
use super::sync::{
    LINK_COLUMNS, conflict_held, conflict_of, is_ours, json, link_by_booking, link_by_event,
    link_from_row, mark_ours, parse_json, save_link, save_state, set_sent, state_of,
};
use super::{Result, Store, StoreError, WriteCtx, journal, to_secs};
use crate::domain::Permission;
use crate::domain::sync::EventFields;
use crate::domain::{Booking, Customer};

/// Writes of the sync inside one open transaction (see `Store::sync_write`).
pub struct SyncWriter<'a> {
    pub(super) tx: &'a Transaction<'a>,
    pub(super) ctx: &'a WriteCtx,
}

impl SyncWriter<'_> {
    pub fn now(&self) -> DateTime<Utc> {
        self.ctx.now
    }

    pub fn booking(&self, id: i64) -> Result<Option<Booking>> {
        match get_in(self.tx, id) {
            Ok(b) => Ok(Some(b)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes `after` over `before` (the calendar's version won).
    pub fn update_booking(
        &self,
        before: &Booking,
        after: &Booking,
        reason: &str,
    ) -> Result<Booking> {
        let stored = put_row(self.tx, self.ctx, before.id, after)?;
        // One instance of a series changed in the calendar: scope "this".
        mark_exception(self.tx, before, &stored)?;
        journal::record_full(
            self.tx,
            self.ctx,
            SYNC_BOOKING,
            "booking",
            before.id,
            Some(before),
            Some(&stored),
            reason,
            None,
        )?;
        Ok(stored)
    }

    /// A new booking from the calendar (an event made there by hand).
    pub fn add_booking(&self, b: &Booking, reason: &str) -> Result<Booking> {
        check_shape(b)?;
        let stored = insert_row(self.tx, self.ctx, b)?;
        journal::record_full::<(), _>(
            self.tx,
            self.ctx,
            SYNC_BOOKING,
            "booking",
            stored.id,
            None,
            Some(&stored),
            reason,
            None,
        )?;
        Ok(stored)
    }

    pub fn customer(&self, id: i64) -> Result<Customer> {
        customers::get_in(self.tx, id)
    }

    /// Every customer's id, name and e-mail.
    pub fn customer_keys(&self) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id, name, email FROM customers")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every service the business has booked (bookings and series), as
    /// written.
    pub fn known_services(&self) -> Result<Vec<String>> {
        super::imports::known_services(self.tx)
    }

    pub fn add_customer(&self, new: &NewCustomer) -> Result<Customer> {
        let c = customers::insert(self.tx, self.ctx, new)?;
        journal::record::<(), _>(
            self.tx,
            self.ctx,
            "customer.add",
            "customer",
            c.id,
            None,
            Some(&c),
        )?;
        Ok(c)
    }

    pub fn link_by_booking(&self, booking_id: i64) -> Result<Option<Link>> {
        link_by_booking(self.tx, booking_id)
    }

    /// The live link of an event with this id in another calendar than
    /// `calendar` (an event moved keeps its id).
    pub fn link_elsewhere(&self, calendar: &str, event: &str) -> Result<Option<Link>> {
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT {LINK_COLUMNS} FROM google_events
                 WHERE event_id = ?2 AND calendar_id <> ?1 AND gone = 0 LIMIT 1"
            ))?
            .query_row([calendar, event], link_from_row)
            .optional()?)
    }

    pub fn link_by_event(&self, calendar: &str, event: &str) -> Result<Option<Link>> {
        link_by_event(self.tx, calendar, event)
    }

    /// Whether the item `item` of `calendar` waits for its removal: left
    /// behind by a job that moved to another calendar (its changes are
    /// merged by the removal, never taken in as a job of its own).
    pub fn left_behind(&self, calendar: &str, item: &str) -> Result<bool> {
        let tail = format!("\t{calendar}\t{item}");
        Ok(self
            .tx
            .prepare_cached(
                "SELECT 1 FROM outbox WHERE kind = ?1 AND state = 'pending'
                   AND length(key) >= length(?2)
                   AND substr(key, length(key) - length(?2) + 1) = ?2 LIMIT 1",
            )?
            .query_row(params![CALENDAR_REMOVAL, tail], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Takes back the removal waiting for `item`, which booking `booking`
    /// left in `calendar`: the job came back and found it there, its own
    /// again. Returns the removal's payload (what it knew of the item).
    pub fn take_back_removal(
        &self,
        booking: i64,
        calendar: &str,
        item: &str,
    ) -> Result<Option<String>> {
        let key = format!("{booking}\t{calendar}\t{item}");
        let payload: Option<String> = self
            .tx
            .prepare_cached(
                "SELECT payload FROM outbox WHERE kind = ?1 AND key = ?2 AND state = 'pending'",
            )?
            .query_row(params![CALENDAR_REMOVAL, key], |r| r.get(0))
            .optional()?;
        if payload.is_some() {
            self.tx
                .prepare_cached("DELETE FROM outbox WHERE kind = ?1 AND key = ?2")?
                .execute(params![CALENDAR_REMOVAL, key])?;
        }
        Ok(payload)
    }

    pub fn save_link(&self, l: &Link) -> Result<()> {
        save_link(self.tx, l)
    }

    /// Did this database make the item of the booking's link?
    pub fn link_is_ours(&self, booking_id: i64) -> Result<bool> {
        is_ours(self.tx, booking_id)
    }

    /// The item of the booking's link was made by this database: its title
    /// is ours to keep writing.
    pub fn mark_ours(&self, booking_id: i64) -> Result<()> {
        mark_ours(self.tx, booking_id)
    }

    /// What the sync last sent for the booking and has not heard back about.
    pub fn google_sent(&self, booking_id: i64) -> Result<Option<EventFields>> {
        let raw: Option<Option<String>> = self
            .tx
            .prepare_cached("SELECT sent FROM google_events WHERE booking_id = ?1")?
            .query_row([booking_id], |r| r.get(0))
            .optional()?;
        Ok(parse_json(raw.flatten(), "sent fields")?)
    }

    pub fn clear_google_sent(&self, booking_id: i64) -> Result<()> {
        set_sent(self.tx, booking_id, None)
    }

    /// The booking's event looked deleted or moved: ask Google again before
    /// the booking is cancelled.
    pub fn mark_suspect(&self, booking_id: i64, suspect: bool) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE google_events SET suspect = ?2 WHERE booking_id = ?1")?
            .execute(params![booking_id, suspect])?;
        Ok(())
    }

    pub fn mark_seen(&self, booking_id: i64, generation: i64) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE google_events SET seen_gen = ?2 WHERE booking_id = ?1")?
            .execute(params![booking_id, generation])?;
        Ok(())
    }

    pub fn state(&self, calendar: &str) -> Result<CalendarState> {
        state_of(self.tx, calendar)
    }

    pub fn save_state(&self, calendar: &str, s: &CalendarState) -> Result<()> {
        save_state(self.tx, calendar, s)
    }

    /// A conflict booking `booking_id` waits on: its own first, else its
    /// series'.
    pub fn conflict(&self, booking_id: i64) -> Result<Option<SyncConflict>> {
        conflict_of(self.tx, booking_id)
    }

    /// The conflict of booking `booking_id`'s own event, or (`of_series`)
    /// the one of its series held on it.
    pub fn conflict_held(&self, booking_id: i64, of_series: bool) -> Result<Option<SyncConflict>> {
        conflict_held(self.tx, booking_id, of_series)
    }

    pub fn save_conflict(&self, c: &SyncConflict) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO sync_conflicts (booking_id, calendar_id, event_id, kind,
                   mine, theirs, base, remote_etag, at, repeats, of_series)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                c.booking_id,
                c.calendar_id,
                c.event_id,
                json(&c.kind)?,
                c.mine.as_ref().map(json).transpose()?,
                c.theirs.as_ref().map(json).transpose()?,
                c.base.as_ref().map(json).transpose()?,
                c.remote_etag,
                to_secs(c.at),
                c.repeats.as_ref().map(json).transpose()?,
                c.of_series
            ])?;
        Ok(())
    }

    /// Drops the conflict of booking `booking_id`'s own event (one of its
    /// series held on it stays).
    pub fn drop_conflict(&self, booking_id: i64) -> Result<()> {
        self.drop_conflict_held(booking_id, false)
    }

    /// Drops the conflict of booking `booking_id`'s own event, or
    /// (`of_series`) the one of its series held on it.
    pub fn drop_conflict_held(&self, booking_id: i64, of_series: bool) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM sync_conflicts WHERE booking_id = ?1 AND of_series = ?2")?
            .execute(params![booking_id, of_series])?;
        Ok(())
    }

    /// Google must hear of this booking (again).
    pub fn enqueue_booking(&self, booking_id: i64) -> Result<()> {
        outbox::enqueue(
            self.tx,
            self.ctx,
            GOOGLE_BOOKING,
            &booking_id.to_string(),
            "",
        )
    }

    /// The item `item` (at `version`) of booking `booking_id` in `calendar`
    /// must go once the booking's item in its new calendar is there.
    pub fn enqueue_removal(
        &self,
        booking_id: i64,
        calendar: &str,
        item: &str,
        version: &str,
    ) -> Result<()> {
        outbox::enqueue(
            self.tx,
            self.ctx,
            CALENDAR_REMOVAL,
            &format!("{booking_id}\t{calendar}\t{item}"),
            version,
        )
    }

    /// What removal entry `entry` knows of its item, restated (the version
    /// and fields it was last settled at); nothing when the entry changed
    /// meanwhile.
    pub fn restate_removal(&self, entry: &OutboxItem, payload: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE outbox SET payload = ?2 WHERE id = ?1 AND seq = ?3")?
            .execute(params![entry.id, payload, entry.seq])?;
        Ok(())
    }
}

impl Store {
    /// Runs `f` in one write transaction for changes that come from (or
    /// settle) the sync: booking changes are journaled as `actor` but leave
    /// no outbox entry unless `f` asks for one.
    pub fn sync_write<T>(
        &mut self,
        actor: &str,
        f: impl FnOnce(&SyncWriter) -> Result<T>,
    ) -> Result<T> {
        self.allow(Permission::Sync)?;
        let ctx = WriteCtx {
            actor: actor.to_string(),
            now: self.clock.now(),
            tz: self.tz,
            google_outbox: false,
            access: self.access.clone(),
        };
        let tx: Transaction = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&SyncWriter { tx: &tx, ctx: &ctx })?;
        tx.commit()?;
        Ok(out)
    }
}
