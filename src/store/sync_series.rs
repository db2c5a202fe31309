//! The recurring event of each series in Google Calendar: which event it
//! is, its etag and what both sides last agreed on. The visits link to
//! their instances like single bookings link to their events (sync.rs).

use rusqlite::{Connection, OptionalExtension, params};

use chrono::NaiveDate;

use super::series::{CreatedSeries, Visit, VisitWrite};
use super::sync::{json, parse_json};
use super::{Importer, Result, Store, SyncConflict, SyncWriter};
use crate::domain::Booking;
use crate::domain::series::{Calendar, Series};
use crate::domain::sync::SeriesEventFields;

/// The recurring event of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesLink {
    pub series_id: i64,
    pub calendar_id: String,
    pub event_id: String,
    /// `None` until Google confirmed the event.
    pub etag: Option<String>,
    /// What both sides last agreed on.
    pub base: Option<SeriesEventFields>,
}

const COLUMNS: &str = "series_id, calendar_id, event_id, etag, base";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<SeriesLink> {
    Ok(SeriesLink {
        series_id: r.get(0)?,
        calendar_id: r.get(1)?,
        event_id: r.get(2)?,
        etag: r.get(3)?,
        base: parse_json(r.get(4)?, "agreed series fields")?,
    })
}

fn by_series(c: &Connection, id: i64) -> Result<Option<SeriesLink>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM google_series WHERE series_id = ?1"
    ))?
    .query_row([id], from_row)
    .optional()?)
}

fn by_event(c: &Connection, calendar: &str, event: &str) -> Result<Option<SeriesLink>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM google_series WHERE calendar_id = ?1 AND event_id = ?2"
    ))?
    .query_row([calendar, event], from_row)
    .optional()?)
}

fn save(c: &Connection, l: &SeriesLink) -> Result<()> {
    let base = l.base.as_ref().map(json).transpose()?;
    c.prepare_cached(
        "INSERT INTO google_series (series_id, calendar_id, event_id, etag, base)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(series_id) DO UPDATE SET calendar_id = excluded.calendar_id,
           event_id = excluded.event_id, etag = excluded.etag, base = excluded.base",
    )?
    .execute(params![
        l.series_id,
        l.calendar_id,
        l.event_id,
        l.etag,
        base
    ])?;
    Ok(())
}

impl Store {
    /// The recurring event of series `id`, if it has one.
    pub fn google_series_link(&self, id: i64) -> Result<Option<SeriesLink>> {
        by_series(self.conn(), id)
    }

    /// The series whose recurring event is `event` in `calendar`.
    pub fn google_series_by_event(
        &self,
        calendar: &str,
        event: &str,
    ) -> Result<Option<SeriesLink>> {
        by_event(self.conn(), calendar, event)
    }

    /// The conflict of the series whose recurring event is `event` in
    /// `calendar`, waiting for the dispatcher.
    pub fn series_conflict(&self, calendar: &str, event: &str) -> Result<Option<SyncConflict>> {
        super::sync::conflict_on_event(self.conn(), calendar, event)
    }

    /// Series without a recurring event yet (made before sync was on).
    pub fn unlinked_series(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.id FROM series s LEFT JOIN google_series g ON g.series_id = s.id
             WHERE g.series_id IS NULL ORDER BY s.id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl SyncWriter<'_> {
    /// Saves the recurring event of a series.
    pub fn save_series_link(&self, l: &SeriesLink) -> Result<()> {
        save(self.tx, l)
    }

    /// The conflict of the series whose recurring event is `event` in
    /// `calendar`, waiting for the dispatcher.
    pub fn series_conflict(&self, calendar: &str, event: &str) -> Result<Option<SyncConflict>> {
        super::sync::conflict_on_event(self.tx, calendar, event)
    }

    /// The recurring event `event` (at `version`) series `id` left in the
    /// Google calendar `calendar` when it moved to a cleaner on another
    /// provider must go, once none of its visits is its instance.
    pub fn enqueue_series_removal(
        &self,
        id: i64,
        calendar: &str,
        event: &str,
        version: &str,
    ) -> Result<()> {
        super::outbox::enqueue(
            self.tx,
            self.ctx,
            super::CALENDAR_REMOVAL,
            &format!(
                "{}{id}\t{calendar}\t{event}",
                super::outbox::SERIES_REMOVAL_MARK
            ),
            version,
        )
    }

    /// Google must hear of series `id` (again).
    pub fn enqueue_series(&self, id: i64) -> Result<()> {
        super::outbox::enqueue(self.tx, self.ctx, super::GOOGLE_SERIES, &id.to_string(), "")
    }

    /// The series whose recurring event is `event` in `calendar`.
    pub fn series_by_event(&self, calendar: &str, event: &str) -> Result<Option<SeriesLink>> {
        by_event(self.tx, calendar, event)
    }

    /// Series `id`.
    pub fn series(&self, id: i64) -> Result<Series> {
        super::series::rows::get(self.tx, id)
    }

    /// Ends series `id` because its recurring event was deleted in the
    /// calendar: its visits from today on that have not begun are
    /// cancelled with `reason`, the others stay. One journaled change;
    /// returns the visits cancelled.
    pub fn end_series_deleted(&self, id: i64, reason: &str) -> Result<Vec<i64>> {
        super::series::end_deleted_there(self.tx, self.ctx, id, reason)
    }

    /// Rewrites series `before.id` as `after` (changed in the calendar):
    /// its visits from `from` that still follow it take the new fields.
    /// Journaled.
    pub fn update_series(
        &self,
        before: &Series,
        after: &Series,
        cal: &Calendar,
        from: NaiveDate,
    ) -> Result<Series> {
        Importer::within(self.tx, self.ctx).update_series(before, after, cal, from)
    }

    /// The place of booking `id` in its series, if it is a visit of one.
    pub fn visit_of(&self, id: i64) -> Result<Option<Visit>> {
        super::series::rows::visit_of(self.tx, id)
    }

    /// A series made from a recurring event of the calendar, its visits
    /// made from `from` up to the horizon, each waiting for review with
    /// `review` when it is not empty (or when it double-books). Journaled
    /// as one change.
    pub fn take_in_series(
        &self,
        series: Series,
        review: &str,
        from: NaiveDate,
        cal: &Calendar,
    ) -> Result<CreatedSeries> {
        super::series::take_in(self.tx, self.ctx, cal, series, review, from)
    }

    /// The visit of `series_id` whose original start is `original`, of any
    /// status.
    pub fn visit_at(&self, series_id: i64, original: &str) -> Result<Option<(Booking, Visit)>> {
        Importer::within(self.tx, self.ctx).visit_at(series_id, original)
    }

    /// The calendar's own version of one visit of `series_id` (original
    /// start `original`), an exception of kind `exception`: a new row, or
    /// the row there brought up to date. Journaled.
    pub fn put_visit(
        &self,
        series_id: i64,
        original: &str,
        b: &Booking,
        exception: &str,
        reason: &str,
    ) -> Result<VisitWrite> {
        Importer::within(self.tx, self.ctx).put_visit(series_id, original, b, exception, reason)
    }
}

impl Store {
    /// The last date whose visits of series `id` exist as bookings.
    pub fn series_made_until(&self, id: i64) -> Result<Option<chrono::NaiveDate>> {
        super::series::rows::made_until(self.conn(), id)
    }
}
