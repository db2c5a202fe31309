//! Undo and redo of a dispatcher's own booking changes, kept in the journal so
//! they survive a restart and are shared by every console the dispatcher has
//! open.
//!
//! Undoing entry X sets the booking back to X's `before`, provided it still
//! is X's `after` (every field but the version); otherwise someone changed it since and the
//! undo is refused with who and when. The undo is itself a journal entry that
//! `reverts` X, and X is marked `reverted`. Redo reverts an undo entry the
//! same way. The undo candidate is the dispatcher's newest change that is not
//! an undo and not yet reverted; the redo candidate is the newest undo not yet
//! redone, as long as no new change came after it (a new change clears redo).

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::journal::{ENTRY_COLUMNS, JournalEntry, entry_from_row};
use super::rows::{get_in, put_row};
use super::rules::check_clashes;
use super::{Result, Store, StoreError, WriteCtx, from_secs, journal};
use crate::domain::{Booking, BookingChange};

/// How long a change can be undone (the business's undo window).
pub const UNDO_WINDOW_MINUTES: i64 = 5;

/// `BookingChange::Undo` and `Redo`'s actions, as constants for matching
/// (a test keeps them equal).
const UNDO: &str = "booking.undo";
const REDO: &str = "booking.redo";

/// The change `u` would undo next, for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndoHint {
    pub entry: i64,
    /// "move of #12", "creation of #40", …
    pub what: String,
    pub booking: i64,
    pub at: DateTime<Utc>,
    /// After this instant it can no longer be undone.
    pub expires: DateTime<Utc>,
}

/// Which way a change was reverted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revert {
    Undo,
    Redo,
}

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoOutcome {
    pub revert: Revert,
    /// The change undone or redone (`None`: an action this build does not
    /// know, from a newer one).
    pub change: Option<BookingChange>,
    pub booking_id: i64,
    /// The booking as it is now; `None` when the undo removed it.
    pub booking: Option<Booking>,
}

/// A noun for a journal action: "booking.move" → "move".
pub fn action_noun(action: &str) -> &str {
    match action.parse::<BookingChange>() {
        Ok(c) => c.noun(),
        Err(_) => action.rsplit('.').next().unwrap_or(action),
    }
}

fn describe(e: &JournalEntry) -> String {
    format!("{} of #{}", action_noun(&e.action), e.entity_id)
}

fn window() -> Duration {
    Duration::minutes(UNDO_WINDOW_MINUTES)
}

/// The dispatcher's recent booking entries, newest first.
fn own_entries(
    conn: &rusqlite::Connection,
    actor: &str,
    limit: usize,
) -> Result<Vec<JournalEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM journal WHERE actor = ?1 AND entity = 'booking'
         ORDER BY id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![actor, limit as i64], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn undo_candidate(conn: &rusqlite::Connection, actor: &str) -> Result<Option<JournalEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM journal
         WHERE actor = ?1 AND entity = 'booking' AND action <> ?2 AND reverted = 0
         ORDER BY id DESC LIMIT 1"
    ))?;
    let newest = stmt
        .query_row(params![actor, UNDO], entry_from_row)
        .optional()?;
    // An import is not taken apart booking by booking: it ends what `u` reaches.
    Ok(newest.filter(|e| !e.action.starts_with(super::IMPORT_BOOKING)))
}

fn redo_candidate(conn: &rusqlite::Connection, actor: &str) -> Result<Option<JournalEntry>> {
    for e in own_entries(conn, actor, 500)? {
        match e.action.as_str() {
            REDO => continue,
            UNDO if e.reverted => continue,
            UNDO => return Ok(Some(e)),
            // A new change after the undos: nothing left to redo.
            _ => return Ok(None),
        }
    }
    Ok(None)
}

fn decode(v: &Option<serde_json::Value>, e: &JournalEntry) -> Result<Option<Booking>> {
    v.as_ref()
        .map(|v| {
            serde_json::from_value(v.clone()).map_err(|err| {
                StoreError::Corrupt(format!("journal entry {} cannot be read: {err}", e.id))
            })
        })
        .transpose()
}

/// Equal apart from the version: an undone later change leaves the booking
/// as the earlier change made it, with a higher version.
fn same_content(a: &Booking, b: &Booking) -> bool {
    a.version == b.version
        || Booking {
            version: a.version,
            ..b.clone()
        } == *a
}

/// Sets the booking of `e` back to `e.before`, if it is still `e.after`.
fn revert(
    tx: &Connection,
    ctx: &WriteCtx,
    e: &JournalEntry,
    action: &str,
    verb: &str,
) -> Result<UndoOutcome> {
    let before = decode(&e.before, e)?;
    let after = decode(&e.after, e)?;
    let id = e.entity_id;
    let current = match get_in(tx, id) {
        Ok(b) => Some(b),
        Err(StoreError::NotFound { .. }) => None,
        Err(err) => return Err(err),
    };
    let what = describe(e);
    match (&after, &current) {
        (Some(a), Some(c)) if same_content(a, c) => {}
        (None, None) => {}
        (_, Some(_)) => {
            let (by, at): (String, i64) = tx.query_row(
                "SELECT updated_by, updated_at FROM bookings WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let at = from_secs(at).map(|t| ctx.when(t)).unwrap_or_default();
            let who = if by == ctx.actor {
                "you (in another change)".to_string()
            } else {
                by
            };
            return Err(StoreError::Undo(format!(
                "Cannot {verb} {what}: booking #{id} was changed by {who} at {at} since. Look at \
                 it in the journal (L) and change it by hand."
            )));
        }
        (Some(_), None) => {
            return Err(StoreError::Undo(format!(
                "Cannot {verb} {what}: booking #{id} no longer exists."
            )));
        }
    }
    let restored = match (&before, &current) {
        (None, _) => {
            tx.execute("DELETE FROM bookings WHERE id = ?1", [id])?;
            None
        }
        (Some(b), _) => Some(put_row(tx, ctx, id, b)?),
    };
    if let Some(r) = &restored {
        check_clashes(tx, ctx, r, &[]).map_err(|err| match err {
            StoreError::Clash(msg) => {
                StoreError::Undo(format!("Cannot {verb} {what}: it would double-book. {msg}"))
            }
            other => other,
        })?;
    }
    journal::record_full(
        tx,
        ctx,
        action,
        "booking",
        id,
        current.as_ref(),
        restored.as_ref(),
        &format!("{verb} {what}"),
        Some(e.id),
    )?;
    tx.execute("UPDATE journal SET reverted = 1 WHERE id = ?1", [e.id])?;
    Ok(UndoOutcome {
        revert: if action == REDO {
            Revert::Redo
        } else {
            Revert::Undo
        },
        change: e.action.parse().ok(),
        booking_id: id,
        booking: restored,
    })
}

/// Reverts `e` and, when it belongs to a change made of several (a sick
/// call), every entry of that change not yet reverted, newest first; the
/// entries written form a change of their own (so a redo takes them all).
/// Returns what reverting `e` did.
fn revert_change(
    tx: &Connection,
    ctx: &WriteCtx,
    e: &JournalEntry,
    action: &str,
    verb: &str,
) -> Result<UndoOutcome> {
    let change: Option<i64> =
        tx.query_row("SELECT change_id FROM journal WHERE id = ?1", [e.id], |r| {
            r.get(0)
        })?;
    let Some(change) = change else {
        return revert(tx, ctx, e, action, verb);
    };
    let members: Vec<JournalEntry> = tx
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM journal WHERE change_id = ?1 AND reverted = 0
             ORDER BY id DESC"
        ))?
        .query_map([change], entry_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let start = super::reassign::change_start(tx)?;
    let mut outcome = None;
    for m in &members {
        let out = revert(tx, ctx, m, action, verb)?;
        if m.id == e.id {
            outcome = Some(out);
        }
    }
    super::reassign::change_end(tx, start)?;
    match outcome {
        Some(out) => Ok(out),
        None => revert(tx, ctx, e, action, verb),
    }
}

impl Store {
    /// Undoes the dispatcher's own newest booking change, if it is less than
    /// five minutes old and nobody changed the booking since.
    pub fn undo(&mut self) -> Result<UndoOutcome> {
        self.write(|tx, ctx| {
            let Some(e) = undo_candidate(tx, &ctx.actor)? else {
                return Err(StoreError::Undo(
                    "Nothing to undo: you have not changed any booking yet.".into(),
                ));
            };
            if ctx.now - e.at >= window() {
                return Err(StoreError::Undo(format!(
                    "Nothing to undo: your last change ({} at {}) is more than \
                     {UNDO_WINDOW_MINUTES} minutes old.",
                    describe(&e),
                    ctx.when(e.at)
                )));
            }
            revert_change(tx, ctx, &e, UNDO, "undo")
        })
    }

    /// Redoes the dispatcher's newest undo, unless a new change came after it.
    pub fn redo(&mut self) -> Result<UndoOutcome> {
        self.write(|tx, ctx| {
            let Some(u) = redo_candidate(tx, &ctx.actor)? else {
                return Err(StoreError::Undo("Nothing to redo.".into()));
            };
            if ctx.now - u.at >= window() {
                return Err(StoreError::Undo(format!(
                    "Nothing to redo: the last undo ({}) is more than {UNDO_WINDOW_MINUTES} \
                     minutes old.",
                    ctx.when(u.at)
                )));
            }
            // The change redone is the one the undo reverted.
            let mut out = revert_change(tx, ctx, &u, REDO, "redo")?;
            out.change = match u.reverts {
                Some(original) => tx
                    .query_row(
                        "SELECT action FROM journal WHERE id = ?1",
                        [original],
                        |r| r.get::<_, String>(0),
                    )
                    .optional()?
                    .and_then(|a| a.parse().ok()),
                None => None,
            };
            Ok(out)
        })
    }

    /// What `u` would undo now, while it still can.
    pub fn undo_hint(&self) -> Result<Option<UndoHint>> {
        let now = self.now();
        Ok(undo_candidate(self.conn(), &self.actor)?
            .filter(|e| now - e.at < window())
            .map(|e| UndoHint {
                entry: e.id,
                what: describe(&e),
                booking: e.entity_id,
                at: e.at,
                expires: e.at + window(),
            }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_undo_actions_are_the_changes_actions() {
        assert_eq!(UNDO, BookingChange::Undo.action());
        assert_eq!(REDO, BookingChange::Redo.action());
    }
}
