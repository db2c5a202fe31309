//! A series whose recurring event was deleted in the calendar: it ends
//! before today, and its visits still to come are cancelled with the
//! calendar's reason. Visits done, under way or whose time has come stay.
//! One change for undo, journaled.

use rusqlite::Connection;

use super::super::{Result, WriteCtx};
use super::rows as series_rows;
use super::scope::{cancel_one, ended_before};
use super::{SERIES_END, change_end, change_start, journal_series, untouched, visits_in};

/// Ends series `id` as deleted in the calendar (`reason`); returns the
/// visits cancelled.
pub(crate) fn end_deleted_there(
    tx: &Connection,
    ctx: &WriteCtx,
    id: i64,
    reason: &str,
) -> Result<Vec<i64>> {
    let start = change_start(tx)?;
    let today = ctx.tz.local_date(ctx.now);
    let old = series_rows::get(tx, id)?;
    let mut ended = old.clone();
    ended.end = ended_before(&old, today)?;
    let ended = series_rows::put(tx, ctx, &ended, None)?;
    journal_series(
        tx,
        ctx,
        SERIES_END,
        old.id,
        Some(&old),
        Some(&ended),
        reason,
    )?;
    let mut cancelled = Vec::new();
    // By when each visit takes place: one still to come goes (one moved
    // there from before today too), one whose time has come stays.
    for (b, v) in visits_in(tx, id, old.first_date, None, false)? {
        if untouched(&b) && b.start >= ctx.now {
            cancel_one(tx, ctx, b.id, None, reason, Some(&v))?;
            cancelled.push(b.id);
        }
    }
    change_end(tx, start)?;
    Ok(cancelled)
}
