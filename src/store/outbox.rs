//! The outbox: what a provider must still hear of, written in the same
//! transaction as the change that caused it and delivered afterwards, with
//! retries. A later change of the same thing bumps `seq`, so a delivery that
//! worked on an older version leaves the entry for the next round.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Result, Store, WriteCtx, from_secs, to_secs};
use crate::domain::Permission;

/// Google Calendar must hear of booking `key`.
pub const GOOGLE_BOOKING: &str = "google.booking";

/// Google Calendar must hear of series `key` (its recurring event).
pub const GOOGLE_SERIES: &str = "google.series";

/// An item a booking left behind when it moved to a calendar on another
/// provider must go, once the booking's item in its new calendar is there.
/// The key is `booking<TAB>calendar<TAB>item`; the payload the item's version.
/// A series' recurring event left in Google is keyed
/// `s<series><TAB>calendar<TAB>event` ([`SERIES_REMOVAL_MARK`]).
pub const CALENDAR_REMOVAL: &str = "calendar.removal";

/// What a [`CALENDAR_REMOVAL`] key of a series' recurring event starts with.
pub const SERIES_REMOVAL_MARK: &str = "s";

/// The meta key that switches on outbox entries for Google Calendar.
const GOOGLE_ON: &str = "google.sync";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxItem {
    pub id: i64,
    pub kind: String,
    pub key: String,
    pub seq: i64,
    pub payload: String,
    pub attempts: i64,
    pub next_at: DateTime<Utc>,
    pub last_error: String,
    /// Given up: needs the dispatcher (a request the provider refuses).
    pub failed: bool,
}

/// Pending and given-up entries of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OutboxCounts {
    pub pending: i64,
    pub failed: i64,
}

const COLUMNS: &str = "id, kind, key, seq, payload, attempts, next_at, last_error, state";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<OutboxItem> {
    Ok(OutboxItem {
        id: r.get(0)?,
        kind: r.get(1)?,
        key: r.get(2)?,
        seq: r.get(3)?,
        payload: r.get(4)?,
        attempts: r.get(5)?,
        next_at: from_secs(r.get(6)?)?,
        last_error: r.get(7)?,
        failed: r.get::<_, String>(8)? == "failed",
    })
}

/// Adds (or renews) the entry `kind`/`key`: due now, attempts reset.
pub(crate) fn enqueue(
    tx: &Connection,
    ctx: &WriteCtx,
    kind: &str,
    key: &str,
    payload: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO outbox (kind, key, payload, next_at, created_at) VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT(kind, key) DO UPDATE SET seq = seq + 1, payload = excluded.payload,
           state = 'pending', attempts = 0, next_at = excluded.next_at, last_error = ''",
    )?
    .execute(params![kind, key, payload, to_secs(ctx.now)])?;
    Ok(())
}

pub(crate) fn google_on(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM meta WHERE key = ?1")?
        .query_row([GOOGLE_ON], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Who holds a claim: this host, process and connection (two consoles may
/// share a process in tests; each connection claims for itself).
fn claimant(session: u64) -> String {
    format!("{}:{}:{session}", host(), std::process::id())
}

/// This machine's host name (empty where the system does not tell).
pub fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

/// Is the process behind a claim known to be gone? Only on this host, and
/// only where `/proc` tells; elsewhere the hold runs out instead.
fn owner_gone(by: &str) -> bool {
    let mut parts = by.split(':');
    let (Some(h), Some(pid)) = (parts.next(), parts.next()) else {
        return false;
    };
    let proc = std::path::Path::new("/proc/self");
    if h != host() || h.is_empty() || !proc.exists() {
        return false;
    }
    pid.parse::<u32>()
        .is_ok_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists())
}

impl Store {
    /// From now on every booking change leaves an outbox entry for Google.
    pub fn enable_google_outbox(&mut self) -> Result<()> {
        self.allow(Permission::Sync)?;
        self.conn().execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, '1')",
            [GOOGLE_ON],
        )?;
        Ok(())
    }

    pub fn google_outbox_enabled(&self) -> Result<bool> {
        google_on(self.conn())
    }

    /// Adds (or renews) an outbox entry outside any other change.
    pub fn enqueue(&mut self, kind: &str, key: &str, payload: &str) -> Result<()> {
        self.write(Permission::Deliveries, |tx, ctx| {
            enqueue(tx, ctx, kind, key, payload)
        })
    }

    /// Pending entries of `kind` due at `now`, oldest first.
    pub fn outbox_due(
        &self,
        kind: &str,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<OutboxItem>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE state = 'pending' AND kind = ?1 AND next_at <= ?2
             ORDER BY next_at, id LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![kind, to_secs(now), limit as i64], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every entry of `kind`, given-up ones too.
    pub fn outbox_items(&self, kind: &str) -> Result<Vec<OutboxItem>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE kind = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([kind], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn outbox_entry(&self, kind: &str, key: &str) -> Result<Option<OutboxItem>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM outbox WHERE kind = ?1 AND key = ?2"
            ))?
            .query_row([kind, key], from_row)
            .optional()?)
    }

    pub fn outbox_counts(&self, kind: &str) -> Result<OutboxCounts> {
        Ok(self.conn().query_row(
            "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'failed'), 0)
             FROM outbox WHERE kind = ?1",
            [kind],
            |r| {
                Ok(OutboxCounts {
                    pending: r.get(0)?,
                    failed: r.get(1)?,
                })
            },
        )?)
    }

    /// Takes an entry for one delivery: out of everyone else's reach until
    /// `until`, so two consoles never deliver the same thing at once. Only a
    /// due entry is taken, unless `now_anyway` (the dispatcher asked for
    /// this one). `false` when another live delivery holds it, or it is
    /// gone or given up. The hold of a delivery that died runs out, or is
    /// taken over at once when its process is known to be gone.
    pub fn outbox_claim(
        &mut self,
        item: &OutboxItem,
        until: DateTime<Utc>,
        now_anyway: bool,
    ) -> Result<bool> {
        self.allow(Permission::Deliveries)?;
        let now = to_secs(self.now());
        let held: Option<(Option<i64>, Option<String>)> = self
            .conn()
            .query_row(
                "SELECT claimed_until, claimed_by FROM outbox WHERE id = ?1",
                [item.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((held_until, held_by)) = held else {
            return Ok(false);
        };
        let me = claimant(self.session());
        let free = match (held_until, held_by.as_deref()) {
            (None, _) => true,
            (Some(t), _) if t <= now => true,
            (Some(_), Some(by)) => by == me || owner_gone(by),
            (Some(_), None) => false,
        };
        if !free {
            return Ok(false);
        }
        // Compare and set: another delivery that took it meanwhile wins.
        let n = self.conn().execute(
            "UPDATE outbox SET claimed_until = ?3, claimed_by = ?6
             WHERE id = ?1 AND seq = ?2 AND state = 'pending'
               AND claimed_until IS ?7
               AND (next_at <= ?4 OR ?5)",
            params![
                item.id,
                item.seq,
                to_secs(until),
                now,
                now_anyway,
                me,
                held_until
            ],
        )?;
        Ok(n == 1)
    }

    /// Delivered: removes the entry unless it changed since it was read.
    /// Returns whether it was removed.
    pub fn outbox_done(&mut self, item: &OutboxItem) -> Result<bool> {
        self.allow(Permission::Deliveries)?;
        let n = self.conn().execute(
            "DELETE FROM outbox WHERE id = ?1 AND seq = ?2",
            params![item.id, item.seq],
        )?;
        if n == 0 {
            // Changed meanwhile: free for the next round at once.
            self.release(item)?;
        }
        Ok(n == 1)
    }

    /// Lets go of a hold (a no-op when the entry is gone).
    fn release(&mut self, item: &OutboxItem) -> Result<()> {
        self.conn().execute(
            "UPDATE outbox SET claimed_until = NULL, claimed_by = NULL WHERE id = ?1",
            [item.id],
        )?;
        Ok(())
    }

    /// Not delivered this time: try again at `next_at`.
    pub fn outbox_retry(
        &mut self,
        item: &OutboxItem,
        error: &str,
        next_at: DateTime<Utc>,
    ) -> Result<()> {
        self.allow(Permission::Deliveries)?;
        self.conn().execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_at = ?3,
               claimed_until = NULL
             WHERE id = ?1 AND seq = ?4",
            params![item.id, error, to_secs(next_at), item.seq],
        )?;
        self.release(item)?;
        Ok(())
    }

    /// Refused for good: kept for the dispatcher, not retried until the
    /// thing changes again.
    pub fn outbox_fail(&mut self, item: &OutboxItem, error: &str) -> Result<()> {
        self.allow(Permission::Deliveries)?;
        self.conn().execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, state = 'failed',
               claimed_until = NULL
             WHERE id = ?1 AND seq = ?3",
            params![item.id, error, item.seq],
        )?;
        self.release(item)?;
        Ok(())
    }
}
