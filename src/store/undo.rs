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

use super::journal::{ENTRY_COLUMNS, JournalEntry, entry_from_row};
mod group;
mod refusal;

pub use refusal::UndoRefusal;

use super::rows::{get_in, put_row};
use super::rules::check_clashes;
use super::series::{SERIES_REDO, SERIES_UNDO};
use super::{Result, Store, StoreError, WriteCtx, from_secs, journal};
use crate::domain::Permission;
use crate::domain::{Booking, BookingChange};

/// How long a change can be undone (the business's undo window).
pub const UNDO_WINDOW_MINUTES: i64 = 5;

/// `BookingChange::Undo` and `Redo`'s actions, as constants for matching
/// (a test keeps them equal).
const UNDO: &str = "booking.undo";
const REDO: &str = "booking.redo";

/// The change `u` would undo next, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoHint {
    pub entry: i64,
    /// What it takes back: the view words it ("move of #12", …).
    pub what: UndoWhat,
    pub booking: i64,
    pub at: DateTime<Utc>,
    /// After this instant it can no longer be undone.
    pub expires: DateTime<Utc>,
}

/// What an undo takes back, for the views to word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoWhat {
    /// One change of one booking: "move of #12" (`None`: an action this
    /// build does not know, from a newer one).
    Booking {
        change: Option<BookingChange>,
        id: i64,
    },
    /// A change of a series' own settings: "change of series #3".
    Series { id: i64 },
    /// A change of a series and its visits, taken back as one.
    SeriesChange,
    /// A sick call's reassignments of several jobs, taken back as one.
    SeveralJobs,
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
    /// For a change of a series and its visits: which, and how many.
    pub series: Option<SeriesUndone>,
}

/// What an undo or redo of a series change took back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesUndone {
    /// The series (the first one, when a split made a second).
    pub id: i64,
    /// How many of its visits changed back.
    pub visits: usize,
    /// What the change did to most of its visits (a move, a cancellation…).
    pub change: Option<BookingChange>,
}

/// A noun for a journal action: "booking.move" → "move".
pub fn action_noun(action: &str) -> &str {
    match action.parse::<BookingChange>() {
        Ok(c) => c.noun(),
        Err(_) => action.rsplit('.').next().unwrap_or(action),
    }
}

/// What entry `e` changed, typed.
fn what(e: &JournalEntry) -> UndoWhat {
    if e.entity == "series" {
        return UndoWhat::Series { id: e.entity_id };
    }
    UndoWhat::Booking {
        change: e.action.parse().ok(),
        id: e.entity_id,
    }
}

/// Entry `e` in the journal's own English ("move of #12"): the note an
/// undo leaves in the journal, and the store's refusals.
fn describe(e: &JournalEntry) -> String {
    if e.entity == "series" {
        return format!("change of series #{}", e.entity_id);
    }
    format!("{} of #{}", action_noun(&e.action), e.entity_id)
}

/// What `u` reverts for entry `e`: a whole series change when `e` is part
/// of one, else `e` alone.
fn describe_candidate(conn: &Connection, e: &JournalEntry) -> Result<UndoWhat> {
    Ok(match group::change_of(conn, e.id)? {
        Some(_) => UndoWhat::SeriesChange,
        None => what(e),
    })
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
        "SELECT {ENTRY_COLUMNS} FROM journal WHERE actor = ?1 AND entity IN ('booking', 'series')
         ORDER BY id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![actor, limit as i64], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn undo_candidate(conn: &rusqlite::Connection, actor: &str) -> Result<Option<JournalEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM journal
         WHERE actor = ?1 AND entity IN ('booking', 'series') AND action NOT IN (?2, ?3)
           AND reverted = 0
         ORDER BY id DESC LIMIT 1"
    ))?;
    let newest = stmt
        .query_row(params![actor, UNDO, SERIES_UNDO], entry_from_row)
        .optional()?;
    // An import is not taken apart booking by booking, nor are the visits
    // a series made on its own as its horizon moved: they end what `u` reaches.
    match newest {
        Some(e) if e.action.starts_with(super::IMPORT_BOOKING) => Ok(None),
        Some(e)
            if e.action == BookingChange::Visit.action()
                && group::change_of(conn, e.id)?.is_none() =>
        {
            Ok(None)
        }
        other => Ok(other),
    }
}

fn redo_candidate(conn: &rusqlite::Connection, actor: &str) -> Result<Option<JournalEntry>> {
    for e in own_entries(conn, actor, 500)? {
        match e.action.as_str() {
            REDO | SERIES_REDO => continue,
            UNDO | SERIES_UNDO if e.reverted => continue,
            UNDO | SERIES_UNDO => return Ok(Some(e)),
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
    revert_as: Revert,
) -> Result<UndoOutcome> {
    let verb = match revert_as {
        Revert::Undo => "undo",
        Revert::Redo => "redo",
    };
    let before = decode(&e.before, e)?;
    let after = decode(&e.after, e)?;
    let id = e.entity_id;
    let current = match get_in(tx, id) {
        Ok(b) => Some(b),
        Err(StoreError::NotFound { .. }) => None,
        Err(err) => return Err(err),
    };
    let taken = what(e);
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
            return Err(StoreError::Undo(UndoRefusal::ChangedBy {
                revert: revert_as,
                what: taken,
                booking: id,
                by: (by != ctx.actor).then_some(by),
                at,
            }));
        }
        (Some(_), None) => {
            return Err(StoreError::Undo(UndoRefusal::Gone {
                revert: revert_as,
                what: taken,
                booking: id,
            }));
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
            StoreError::Clash(clash) => StoreError::Undo(UndoRefusal::WouldClash {
                revert: revert_as,
                what: taken,
                clash,
            }),
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
        &format!("{verb} {}", describe(e)),
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
        series: None,
    })
}

impl Store {
    /// Undoes the dispatcher's own newest booking change, if it is less than
    /// five minutes old and nobody changed the booking since.
    pub fn undo(&mut self) -> Result<UndoOutcome> {
        let out = self.undo_in()?;
        self.series_caught_up(&out)?;
        Ok(out)
    }

    /// A series change taken back (or made again) brings back its series as
    /// they were when it was made: their visits reach the horizon of that
    /// day. When the horizon has moved on since (a change undone just after
    /// midnight's round), the visits up to today's horizon are made now, in a
    /// transaction of their own, as the daily round would (idempotent: none
    /// when none is missing, so nothing else is journaled).
    fn series_caught_up(&mut self, out: &UndoOutcome) -> Result<()> {
        if out.series.is_some() {
            let today = self.tz().local_date(self.now());
            self.extend_series(today)?;
        }
        Ok(())
    }

    fn undo_in(&mut self) -> Result<UndoOutcome> {
        self.write(Permission::Bookings, |tx, ctx| {
            let Some(e) = undo_candidate(tx, &ctx.actor)? else {
                return Err(StoreError::Undo(UndoRefusal::NothingToUndo));
            };
            if ctx.now - e.at >= window() {
                return Err(StoreError::Undo(UndoRefusal::UndoTooOld {
                    what: what(&e),
                    at: ctx.when(e.at),
                }));
            }
            match group::change_of(tx, e.id)? {
                Some(change) => group::revert_change(tx, ctx, change, Revert::Undo),
                None => revert(tx, ctx, &e, UNDO, Revert::Undo),
            }
        })
    }

    /// Redoes the dispatcher's newest undo, unless a new change came after it.
    pub fn redo(&mut self) -> Result<UndoOutcome> {
        let out = self.redo_in()?;
        self.series_caught_up(&out)?;
        Ok(out)
    }

    fn redo_in(&mut self) -> Result<UndoOutcome> {
        self.write(Permission::Bookings, |tx, ctx| {
            let Some(u) = redo_candidate(tx, &ctx.actor)? else {
                return Err(StoreError::Undo(UndoRefusal::NothingToRedo));
            };
            if ctx.now - u.at >= window() {
                return Err(StoreError::Undo(UndoRefusal::RedoTooOld {
                    at: ctx.when(u.at),
                }));
            }
            if let Some(change) = group::change_of(tx, u.id)? {
                return group::revert_change(tx, ctx, change, Revert::Redo);
            }
            // The change redone is the one the undo reverted.
            let mut out = revert(tx, ctx, &u, REDO, Revert::Redo)?;
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
        let Some(e) = undo_candidate(self.conn(), &self.actor)?.filter(|e| now - e.at < window())
        else {
            return Ok(None);
        };
        Ok(Some(UndoHint {
            entry: e.id,
            what: describe_candidate(self.conn(), &e)?,
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
