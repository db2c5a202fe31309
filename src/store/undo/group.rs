//! Undo and redo of a change that wrote several journal entries at once (a
//! series change: the series, its split, the visits that moved, were made
//! or removed): every entry of the change is reverted, newest first, in
//! one transaction, or none is. Each booking is checked as a single undo
//! checks it (still as the change left it); each series by its version.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::super::journal::{ENTRY_COLUMNS, JournalEntry, entry_from_row};
use super::super::rows::{Member, delete_row, get_in, put_row, set_member};
use super::super::series::rows as series_rows;
use super::super::series::{SERIES_REDO, SERIES_UNDO, change_end, change_start, journal_series};
use super::super::{Result, StoreError, WriteCtx, journal};
use super::{
    REDO, Revert, SeriesUndone, UNDO, UndoOutcome, UndoRefusal, UndoWhat, decode, same_content,
};
use crate::domain::series::Series;
use crate::domain::{Booking, BookingChange};

/// The change (entry group) entry `id` belongs to, if it belongs to one.
pub(super) fn change_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT change_id FROM journal WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, Option<i64>>(0))
        .optional()?
        .flatten())
}

/// A booking's place in a series as a journal entry holds it.
fn place(v: &Option<serde_json::Value>) -> Option<(i64, String, String)> {
    let v = v.as_ref()?;
    let id = v.get("series_id")?.as_i64()?;
    let original = v.get("original_start")?.as_str()?.to_string();
    let exception = v
        .get("exception")
        .and_then(|e| e.as_str())
        .unwrap_or("")
        .to_string();
    Some((id, original, exception))
}

fn decode_series(v: &Option<serde_json::Value>, e: &JournalEntry) -> Result<Option<Series>> {
    v.as_ref()
        .map(|v| {
            serde_json::from_value(v.clone()).map_err(|err| {
                StoreError::Corrupt(format!("journal entry {} cannot be read: {err}", e.id))
            })
        })
        .transpose()
}

#[derive(serde::Serialize)]
struct Placed<'a> {
    #[serde(flatten)]
    booking: &'a Booking,
    series_id: Option<i64>,
    original_start: Option<&'a str>,
    exception: &'a str,
}

fn placed<'a>(b: &'a Booking, p: &'a Option<(i64, String, String)>) -> Placed<'a> {
    Placed {
        booking: b,
        series_id: p.as_ref().map(|p| p.0),
        original_start: p.as_ref().map(|p| p.1.as_str()),
        exception: p.as_ref().map_or("", |p| p.2.as_str()),
    }
}

/// Reverts every entry of change `change` not yet reverted.
pub(super) fn revert_change(
    tx: &Connection,
    ctx: &WriteCtx,
    change: i64,
    revert: Revert,
) -> Result<UndoOutcome> {
    let entries: Vec<JournalEntry> = tx
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM journal WHERE change_id = ?1 AND reverted = 0
             ORDER BY id DESC"
        ))?
        .query_map([change], entry_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let verb = match revert {
        Revert::Undo => "undo",
        Revert::Redo => "redo",
    };
    // A change of several bookings outside any series is a sick call's
    // reassignments; anything touching a series is a series change.
    let (what, taken) = if entries
        .iter()
        .any(|e| e.entity == "series" || place(&e.before).is_some() || place(&e.after).is_some())
    {
        ("series change", UndoWhat::SeriesChange)
    } else {
        ("reassignment of several jobs", UndoWhat::SeveralJobs)
    };
    // Free the places first: a visit may take back a place another one holds.
    for e in entries.iter().filter(|e| e.entity == "booking") {
        tx.prepare_cached(
            "UPDATE bookings SET original_start = 'undo:' || id
             WHERE id = ?1 AND series_id IS NOT NULL",
        )?
        .execute([e.entity_id])?;
    }
    let start = change_start(tx)?;
    let mut outcome: Option<(i64, Option<Booking>)> = None;
    let mut series: Option<i64> = None;
    let mut visits = 0;
    let mut actions: HashMap<BookingChange, usize> = HashMap::new();
    for e in &entries {
        match e.entity.as_str() {
            "booking" => {
                let id = e.entity_id;
                let before = decode(&e.before, e)?;
                let after = decode(&e.after, e)?;
                let current = match get_in(tx, id) {
                    Ok(b) => Some(b),
                    Err(StoreError::NotFound { .. }) => None,
                    Err(err) => return Err(err),
                };
                let unchanged = match (&after, &current) {
                    (Some(a), Some(c)) => same_content(a, c),
                    (None, None) => true,
                    _ => false,
                };
                if !unchanged {
                    return Err(StoreError::Undo(UndoRefusal::Changed {
                        revert,
                        what: taken,
                        booking: id,
                    }));
                }
                let was = place(&e.before);
                visits += 1;
                if let Ok(c) = e.action.parse::<BookingChange>()
                    && !matches!(c, BookingChange::Visit | BookingChange::Remove)
                {
                    *actions.entry(c).or_default() += 1;
                }
                if let Some(s) = was.as_ref().or(place(&e.after).as_ref()).map(|p| p.0) {
                    series = Some(series.map_or(s, |x| x.min(s)));
                }
                let restored = match &before {
                    None => {
                        delete_row(tx, id)?;
                        None
                    }
                    Some(b) => {
                        let r = put_row(tx, ctx, id, b)?;
                        let member = was.as_ref().map(|(s, o, _)| Member {
                            series_id: *s,
                            original: o,
                        });
                        let exception = was.as_ref().map_or("", |p| p.2.as_str());
                        set_member(tx, id, member, exception)?;
                        Some(r)
                    }
                };
                let now = place(&e.after);
                let action = match revert {
                    Revert::Undo => UNDO,
                    Revert::Redo => REDO,
                };
                journal::record_full(
                    tx,
                    ctx,
                    action,
                    "booking",
                    id,
                    current.as_ref().map(|c| placed(c, &now)).as_ref(),
                    restored.as_ref().map(|r| placed(r, &was)).as_ref(),
                    &format!("{verb} {what}"),
                    Some(e.id),
                )?;
                if outcome.is_none() {
                    outcome = Some((id, restored));
                }
            }
            "series" => {
                let id = e.entity_id;
                series = Some(series.map_or(id, |x| x.min(id)));
                let before = decode_series(&e.before, e)?;
                let after = decode_series(&e.after, e)?;
                let current = match series_rows::get(tx, id) {
                    Ok(s) => Some(s),
                    Err(StoreError::NotFound { .. }) => None,
                    Err(err) => return Err(err),
                };
                let unchanged = match (&after, &current) {
                    (Some(a), Some(c)) => a.version == c.version,
                    (None, None) => true,
                    _ => false,
                };
                if !unchanged {
                    return Err(StoreError::Undo(UndoRefusal::SeriesChanged {
                        revert,
                        what: taken,
                        series: id,
                    }));
                }
                let restored = match &before {
                    None => {
                        let visits: i64 = tx.query_row(
                            "SELECT COUNT(*) FROM bookings WHERE series_id = ?1",
                            [id],
                            |r| r.get(0),
                        )?;
                        if visits > 0 {
                            return Err(StoreError::Undo(UndoRefusal::SeriesHasVisits {
                                revert,
                                what: taken,
                                series: id,
                            }));
                        }
                        series_rows::delete(tx, id)?;
                        None
                    }
                    Some(s) => Some(series_rows::put(tx, ctx, s, None)?),
                };
                let action = match revert {
                    Revert::Undo => SERIES_UNDO,
                    Revert::Redo => SERIES_REDO,
                };
                let entry = journal_series(
                    tx,
                    ctx,
                    action,
                    id,
                    current.as_ref(),
                    restored.as_ref(),
                    &format!("{verb} {what}"),
                )?;
                tx.execute(
                    "UPDATE journal SET reverts = ?2 WHERE id = ?1",
                    params![entry, e.id],
                )?;
            }
            other => {
                return Err(StoreError::Corrupt(format!(
                    "journal entry {} of a series change is about {other:?}",
                    e.id
                )));
            }
        }
        tx.execute("UPDATE journal SET reverted = 1 WHERE id = ?1", [e.id])?;
    }
    // A series put back is made as far as its visits now reach, so the next
    // round (run after the undo, and daily) makes what the horizon gained
    // meanwhile; visits are never made twice (one per original start).
    for id in entries
        .iter()
        .filter(|e| e.entity == "series")
        .map(|e| e.entity_id)
    {
        tx.prepare_cached(
            "UPDATE series SET materialised_to = (
               SELECT substr(MAX(original_start), 1, 10) FROM bookings
               WHERE series_id = ?1 AND original_start NOT LIKE 'undo:%')
             WHERE id = ?1",
        )?
        .execute([id])?;
    }
    change_end(tx, start)?;
    let (booking_id, booking) = outcome.unwrap_or((0, None));
    Ok(UndoOutcome {
        revert,
        change: Some(BookingChange::Series),
        booking_id,
        booking,
        series: series.map(|id| SeriesUndone {
            id,
            visits,
            change: actions
                .into_iter()
                .max_by_key(|(c, n)| (*n, c.action()))
                .map(|(c, _)| c),
        }),
    })
}
