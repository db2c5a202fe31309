//! The state of the two-way sync with Google Calendar: which event each
//! booking has (with its etag and the fields both sides last agreed on),
//! each calendar's sync token, the conflicts waiting for the dispatcher, and
//! the sync log. Booking changes that come from the calendar are written
//! through `SyncWriter` (sync_writer.rs): journaled, but without an outbox entry (the
//! calendar already has them).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Result, Store, StoreError, from_secs, to_secs};
use crate::domain::Permission;
use crate::domain::sync::{ConflictKind, EventFields, RepeatSides};

/// The journal action of a booking change that came from the calendar.
pub const SYNC_BOOKING: &str = "booking.sync";

/// The Google event of a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub booking_id: i64,
    pub calendar_id: String,
    pub event_id: String,
    /// `None` until Google confirmed the event.
    pub etag: Option<String>,
    pub remote_updated: Option<String>,
    /// The fields both sides last agreed on.
    pub base: Option<EventFields>,
    /// Deleted on both sides.
    pub gone: bool,
}

/// Where the sync of one calendar stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarState {
    /// For the next incremental sync; `None` means a full sync is due.
    pub sync_token: Option<String>,
    /// A full sync stopped (by `--max-events`) before its last page.
    pub page_token: Option<String>,
    /// Counts full syncs; events seen by the current one carry it.
    pub full_gen: i64,
    pub full_at: Option<DateTime<Utc>>,
    /// The page size of the listing in progress: every page of a listing
    /// repeats the first page's query.
    pub page_size: Option<u32>,
    /// When the page token was issued: an old one is not used again.
    pub page_at: Option<DateTime<Utc>>,
    /// The window (`timeMin`, `timeMax`) of the full listing in progress.
    pub list_min: Option<DateTime<Utc>>,
    pub list_max: Option<DateTime<Utc>>,
}

/// A booking whose two versions the dispatcher must choose between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncConflict {
    pub booking_id: i64,
    pub calendar_id: String,
    pub event_id: String,
    pub kind: ConflictKind,
    pub mine: Option<EventFields>,
    pub theirs: Option<EventFields>,
    pub base: Option<EventFields>,
    pub remote_etag: Option<String>,
    pub at: DateTime<Utc>,
    /// A series' conflict: how each side repeats (the rule and the end),
    /// when that is what clashes or may be settled.
    pub repeats: Option<RepeatSides>,
    /// The conflict of the visit's series (its recurring event), not of
    /// the booking's own event: a visit may wait on one of each.
    pub of_series: bool,
}

/// One sync run, as `renos status` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncCounts {
    pub pulled: i64,
    pub created: i64,
    pub updated: i64,
    pub deleted: i64,
    pub pushed: i64,
    pub conflicts: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncLogEntry {
    pub id: i64,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub direction: String,
    pub full: bool,
    pub counts: SyncCounts,
    /// Empty when the run had no errors.
    pub errors: String,
    /// How the run failed; `None` while it runs and when it went through.
    pub failure: Option<RunFailure>,
}

/// How a sync run failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RunFailure {
    /// Google could not be reached.
    Offline,
    /// Something did not go through (Google refused, the database failed).
    Errors,
    /// The process closed during the run.
    Interrupted,
}

impl RunFailure {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The stored word; an unknown one (a newer build's) counts as errors.
    pub fn parse(s: &str) -> RunFailure {
        s.parse().unwrap_or(RunFailure::Errors)
    }
}

pub(super) fn set_sent(
    tx: &Connection,
    booking_id: i64,
    fields: Option<&EventFields>,
) -> Result<()> {
    let text = fields.map(json).transpose()?;
    tx.prepare_cached("UPDATE google_events SET sent = ?2 WHERE booking_id = ?1")?
        .execute(rusqlite::params![booking_id, text])?;
    Ok(())
}

impl Store {
    /// Records what a create is about to send for a booking, unless an
    /// earlier try's record stands: a create tried again after a lost
    /// answer keeps what the first try sent (the item found later holds
    /// that).
    pub fn set_google_sent_first(&mut self, booking_id: i64, fields: &EventFields) -> Result<()> {
        self.allow(Permission::Sync)?;
        let text = json(fields)?;
        self.conn()
            .prepare_cached(
                "UPDATE google_events SET sent = ?2 WHERE booking_id = ?1 AND sent IS NULL",
            )?
            .execute(rusqlite::params![booking_id, text])?;
        Ok(())
    }

    /// Records what is about to be sent to Google for a booking (`None`
    /// once Google's answer is recorded).
    pub fn set_google_sent(&mut self, booking_id: i64, fields: Option<&EventFields>) -> Result<()> {
        self.allow(Permission::Sync)?;
        set_sent(self.conn(), booking_id, fields)
    }
}

pub(super) fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub(super) fn parse_json<T: serde::de::DeserializeOwned>(
    s: Option<String>,
    what: &str,
) -> rusqlite::Result<Option<T>> {
    s.map(|s| {
        serde_json::from_str(&s).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("{what}: {e}").into(),
            )
        })
    })
    .transpose()
}

pub(super) const LINK_COLUMNS: &str =
    "booking_id, calendar_id, event_id, etag, remote_updated, base, gone";

/// [`LINK_COLUMNS`] of the table aliased `alias`.
fn prefixed_link_columns(alias: &str) -> String {
    LINK_COLUMNS
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn link_from_row(r: &rusqlite::Row) -> rusqlite::Result<Link> {
    Ok(Link {
        booking_id: r.get(0)?,
        calendar_id: r.get(1)?,
        event_id: r.get(2)?,
        etag: r.get(3)?,
        remote_updated: r.get(4)?,
        base: parse_json(r.get(5)?, "agreed fields")?,
        gone: r.get(6)?,
    })
}

pub(super) fn link_by_booking(c: &Connection, id: i64) -> Result<Option<Link>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {LINK_COLUMNS} FROM google_events WHERE booking_id = ?1"
    ))?
    .query_row([id], link_from_row)
    .optional()?)
}

pub(super) fn link_by_event(c: &Connection, calendar: &str, event: &str) -> Result<Option<Link>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {LINK_COLUMNS} FROM google_events WHERE calendar_id = ?1 AND event_id = ?2"
    ))?
    .query_row([calendar, event], link_from_row)
    .optional()?)
}

pub(super) fn save_link(c: &Connection, l: &Link) -> Result<()> {
    let base = l.base.as_ref().map(json).transpose()?;
    c.prepare_cached(
        "INSERT INTO google_events (booking_id, calendar_id, event_id, etag, remote_updated, base, gone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(booking_id) DO UPDATE SET calendar_id = excluded.calendar_id,
           event_id = excluded.event_id, etag = excluded.etag,
           remote_updated = excluded.remote_updated, base = excluded.base, gone = excluded.gone,
           ours = google_events.ours AND google_events.calendar_id = excluded.calendar_id",
    )?
    .execute(params![
        l.booking_id,
        l.calendar_id,
        l.event_id,
        l.etag,
        l.remote_updated,
        base,
        l.gone
    ])?;
    Ok(())
}

/// Did this database make the item of booking `id` (so its title is ours
/// to write)? Kept for items on other providers than Google, whose ids the
/// provider chooses; a link moved to another calendar is not ours until
/// the item there is made (`mark_ours`).
pub(super) fn is_ours(c: &Connection, id: i64) -> Result<bool> {
    Ok(
        c.prepare_cached("SELECT ours FROM google_events WHERE booking_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or(false),
    )
}

/// The item of booking `id` was made by this database.
pub(super) fn mark_ours(c: &Connection, id: i64) -> Result<()> {
    c.prepare_cached("UPDATE google_events SET ours = 1 WHERE booking_id = ?1")?
        .execute([id])?;
    Ok(())
}

pub(super) fn state_of(c: &Connection, calendar: &str) -> Result<CalendarState> {
    Ok(c.prepare_cached(
        "SELECT sync_token, page_token, full_gen, full_at, page_size, page_at, list_min, list_max
         FROM sync_state WHERE calendar_id = ?1",
    )?
    .query_row([calendar], |r| {
        let at = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
            r.get::<_, Option<i64>>(i)?.map(from_secs).transpose()
        };
        Ok(CalendarState {
            sync_token: r.get(0)?,
            page_token: r.get(1)?,
            full_gen: r.get(2)?,
            full_at: at(3)?,
            page_size: r.get(4)?,
            page_at: at(5)?,
            list_min: at(6)?,
            list_max: at(7)?,
        })
    })
    .optional()?
    .unwrap_or_default())
}

pub(super) fn save_state(c: &Connection, calendar: &str, s: &CalendarState) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO sync_state (calendar_id, sync_token, page_token, full_gen, full_at,
           page_size, page_at, list_min, list_max)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(calendar_id) DO UPDATE SET sync_token = excluded.sync_token,
           page_token = excluded.page_token, full_gen = excluded.full_gen,
           full_at = excluded.full_at, page_size = excluded.page_size,
           page_at = excluded.page_at, list_min = excluded.list_min,
           list_max = excluded.list_max",
    )?
    .execute(params![
        calendar,
        s.sync_token,
        s.page_token,
        s.full_gen,
        s.full_at.map(to_secs),
        s.page_size,
        s.page_at.map(to_secs),
        s.list_min.map(to_secs),
        s.list_max.map(to_secs)
    ])?;
    Ok(())
}

const CONFLICT_COLUMNS: &str =
    "booking_id, calendar_id, event_id, kind, mine, theirs, base, remote_etag, at, repeats,
     of_series";

fn conflict_from_row(r: &rusqlite::Row) -> rusqlite::Result<SyncConflict> {
    Ok(SyncConflict {
        booking_id: r.get(0)?,
        calendar_id: r.get(1)?,
        event_id: r.get(2)?,
        kind: parse_json(r.get(3)?, "conflict kind")?.ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Null,
                "conflict without a kind".into(),
            )
        })?,
        mine: parse_json(r.get(4)?, "conflict mine")?,
        theirs: parse_json(r.get(5)?, "conflict theirs")?,
        base: parse_json(r.get(6)?, "conflict base")?,
        remote_etag: r.get(7)?,
        at: from_secs(r.get(8)?)?,
        repeats: parse_json(r.get(9)?, "conflict repeats")?,
        of_series: r.get(10)?,
    })
}

/// The conflict held on event `event` of `calendar` (a series' recurring
/// event: its conflict waits on one of its visits).
pub(super) fn conflict_on_event(
    c: &Connection,
    calendar: &str,
    event: &str,
) -> Result<Option<SyncConflict>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {CONFLICT_COLUMNS} FROM sync_conflicts
         WHERE calendar_id = ?1 AND event_id = ?2 AND of_series = 1
         ORDER BY booking_id LIMIT 1"
    ))?
    .query_row([calendar, event], conflict_from_row)
    .optional()?)
}

/// A conflict booking `booking_id` waits on: its own first, else its
/// series'.
pub(super) fn conflict_of(c: &Connection, booking_id: i64) -> Result<Option<SyncConflict>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {CONFLICT_COLUMNS} FROM sync_conflicts WHERE booking_id = ?1
         ORDER BY of_series LIMIT 1"
    ))?
    .query_row([booking_id], conflict_from_row)
    .optional()?)
}

/// The conflict of booking `booking_id`'s own event (`of_series` false)
/// or the one of its series held on it (true).
pub(super) fn conflict_held(
    c: &Connection,
    booking_id: i64,
    of_series: bool,
) -> Result<Option<SyncConflict>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {CONFLICT_COLUMNS} FROM sync_conflicts WHERE booking_id = ?1 AND of_series = ?2"
    ))?
    .query_row(params![booking_id, of_series], conflict_from_row)
    .optional()?)
}

impl Store {
    pub fn google_link(&self, booking_id: i64) -> Result<Option<Link>> {
        link_by_booking(self.conn(), booking_id)
    }

    /// Did this database make the item of the booking's link (`is_ours`)?
    pub fn link_is_ours(&self, booking_id: i64) -> Result<bool> {
        is_ours(self.conn(), booking_id)
    }

    pub fn google_links(&self, calendar: &str) -> Result<Vec<Link>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {LINK_COLUMNS} FROM google_events WHERE calendar_id = ?1 ORDER BY booking_id"
        ))?;
        let rows = stmt.query_map([calendar], link_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Links of `calendar`, not gone, that the full sync `gen` did not see,
    /// of bookings inside the listing's window (`None`: unbounded).
    pub fn google_unseen(
        &self,
        calendar: &str,
        generation: i64,
        window: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    ) -> Result<Vec<Link>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {} FROM google_events g LEFT JOIN bookings b ON b.id = g.booking_id
             WHERE g.calendar_id = ?1 AND g.gone = 0 AND g.etag IS NOT NULL AND g.seen_gen < ?2
               AND (?3 IS NULL OR b.id IS NULL OR b.end_at > ?3)
               AND (?4 IS NULL OR b.id IS NULL OR b.start_at < ?4)",
            prefixed_link_columns("g")
        ))?;
        let rows = stmt.query_map(
            params![
                calendar,
                generation,
                window.0.map(to_secs),
                window.1.map(to_secs)
            ],
            link_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Live links of `calendar` to instances of the recurring event
    /// `series` (ids `{series}_{start}`).
    pub fn google_instance_links(&self, calendar: &str, series: &str) -> Result<Vec<Link>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {LINK_COLUMNS} FROM google_events
             WHERE calendar_id = ?1 AND gone = 0 AND substr(event_id, 1, length(?2) + 1) = ?2 || '_'"
        ))?;
        let rows = stmt.query_map([calendar, series], link_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Links whose event looked deleted or moved and must be checked at
    /// Google before anything is cancelled.
    pub fn google_suspects(&self) -> Result<Vec<Link>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {LINK_COLUMNS} FROM google_events WHERE suspect = 1 ORDER BY booking_id"
        ))?;
        let rows = stmt.query_map([], link_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn calendar_state(&self, calendar: &str) -> Result<CalendarState> {
        state_of(self.conn(), calendar)
    }

    /// Forgets a calendar's sync token (a full sync follows); links and
    /// unpushed changes stay.
    pub fn reset_calendar_state(&mut self, calendar: &str) -> Result<()> {
        self.allow(Permission::Sync)?;
        self.conn().execute(
            "UPDATE sync_state SET sync_token = NULL, page_token = NULL, page_size = NULL,
               page_at = NULL, list_min = NULL, list_max = NULL WHERE calendar_id = ?1",
            [calendar],
        )?;
        Ok(())
    }

    pub fn sync_conflicts(&self) -> Result<Vec<SyncConflict>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {CONFLICT_COLUMNS} FROM sync_conflicts ORDER BY at, booking_id"
        ))?;
        let rows = stmt.query_map([], conflict_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn sync_conflict(&self, booking_id: i64) -> Result<Option<SyncConflict>> {
        conflict_of(self.conn(), booking_id)
    }

    /// The conflict of booking `booking_id`'s own event, or (`of_series`)
    /// the one of its series held on it.
    pub fn sync_conflict_held(
        &self,
        booking_id: i64,
        of_series: bool,
    ) -> Result<Option<SyncConflict>> {
        conflict_held(self.conn(), booking_id, of_series)
    }

    /// Bookings that end after `since`, are not cancelled and have no event:
    /// what a full sync must push.
    pub fn unlinked_bookings(&self, since: DateTime<Utc>) -> Result<Vec<i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT b.id FROM bookings b LEFT JOIN google_events g ON g.booking_id = b.id
             WHERE g.booking_id IS NULL AND b.status <> 'cancelled' AND b.end_at > ?1
             ORDER BY b.id",
        )?;
        let rows = stmt.query_map([to_secs(since)], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn start_sync_log(&mut self, direction: &str, full: bool) -> Result<i64> {
        self.allow(Permission::Sync)?;
        self.conn().execute(
            "INSERT INTO sync_log (started_at, direction, full) VALUES (?1, ?2, ?3)",
            params![to_secs(self.clock.now()), direction, full],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    pub fn finish_sync_log(
        &mut self,
        id: i64,
        full: bool,
        c: &SyncCounts,
        errors: &str,
        failure: Option<RunFailure>,
    ) -> Result<()> {
        self.allow(Permission::Sync)?;
        self.conn().execute(
            "UPDATE sync_log SET ended_at = ?2, full = ?3, pulled = ?4, created = ?5, updated = ?6,
               deleted = ?7, pushed = ?8, conflicts = ?9, errors = ?10, failure = ?11
             WHERE id = ?1",
            params![
                id,
                to_secs(self.clock.now()),
                full,
                c.pulled,
                c.created,
                c.updated,
                c.deleted,
                c.pushed,
                c.conflicts,
                errors,
                failure.map(RunFailure::as_str)
            ],
        )?;
        Ok(())
    }

    /// The newest `limit` sync runs, newest first.
    pub fn sync_log(&self, limit: usize) -> Result<Vec<SyncLogEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, started_at, ended_at, direction, full, pulled, created, updated, deleted,
               pushed, conflicts, errors, failure FROM sync_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(SyncLogEntry {
                id: r.get(0)?,
                started_at: from_secs(r.get(1)?)?,
                ended_at: r.get::<_, Option<i64>>(2)?.map(from_secs).transpose()?,
                direction: r.get(3)?,
                full: r.get(4)?,
                counts: SyncCounts {
                    pulled: r.get(5)?,
                    created: r.get(6)?,
                    updated: r.get(7)?,
                    deleted: r.get(8)?,
                    pushed: r.get(9)?,
                    conflicts: r.get(10)?,
                },
                errors: r.get(11)?,
                failure: r
                    .get::<_, Option<String>>(12)?
                    .as_deref()
                    .map(RunFailure::parse),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
