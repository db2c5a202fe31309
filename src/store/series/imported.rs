//! Series from a calendar file: a recurring event kept as a series under
//! its UID, and the event's own versions of single occurrences (moved,
//! changed, cancelled or added ones) kept as visits of it, each found again
//! by its original start when the file is imported again.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::super::rows::{
    COLUMNS, Member as RowMember, from_row, insert_member, put_row, set_member,
};
use super::super::{IMPORT_BOOKING, IMPORT_BOOKING_UPDATE, Importer, Result, Store};
use super::make::{OnClash, materialise_around, materialise_with, visit_booking};
use super::rows::{self as series_rows, Visit, journal_visit};
use super::{
    Calendar, SERIES_ADD, SERIES_CHANGE, check, draft_of, journal_series, remove_visit, untouched,
    visits_from,
};
use crate::domain::Booking;
use crate::domain::series::{Series, SeriesError, original_key};

/// What writing one visit from a calendar did.
#[derive(Debug, Clone, PartialEq)]
pub enum VisitWrite {
    Created(Booking),
    Updated(Booking),
    /// The visit was already as the file has it.
    Same(Booking),
}

impl Store {
    /// The series imported from a calendar: UID → series id.
    pub fn series_uids(&self) -> Result<HashMap<String, i64>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT uid, series_id FROM series_uids")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every booking that is a visit of a series, with its place.
    pub fn series_members(&self) -> Result<HashMap<i64, Visit>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, series_id, original_start, exception FROM bookings
             WHERE series_id IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                Visit {
                    series_id: r.get(1)?,
                    original: r.get(2)?,
                    exception: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Importer<'_> {
    /// Series `id`.
    pub fn series(&self, id: i64) -> Result<Series> {
        series_rows::get(self.conn, id)
    }

    /// Adds a series from a calendar under `uid` and makes its visits from
    /// `from` up to the horizon (a visit that double-books is made and waits
    /// for review; all wait with `review` when it is not empty). Journaled.
    pub fn import_series(
        &self,
        series: Series,
        uid: &str,
        cal: &Calendar,
        review: &str,
        from: NaiveDate,
    ) -> Result<(Series, Vec<Booking>)> {
        check(&series)?;
        super::super::rules::validate(self.conn, &draft_of(&series, self.ctx.tz))?;
        // The batch's bookings read for the clash rule stay right through
        // the series' own rows; its visits join them.
        let mut around = self.around.borrow_mut();
        around.check(self.conn);
        let s = series_rows::put(self.conn, self.ctx, &Series { id: 0, ..series }, None)?;
        journal_series(self.conn, self.ctx, SERIES_ADD, s.id, None, Some(&s), "")?;
        self.link_series_uid(s.id, uid)?;
        around.settle(self.conn);
        let today = self.ctx.tz.local_date(self.ctx.now);
        let made = materialise_around(
            self.conn,
            self.ctx,
            &s,
            (s.first_date.max(from), cal.horizon(today)),
            &cal.holidays,
            OnClash::Review,
            review,
            &mut *around,
        )?;
        for visit in &made.created {
            around.added(self.conn, visit);
        }
        around.settle(self.conn);
        Ok((s, made.created))
    }

    /// Makes the visits of `s` from `from` up to the horizon that do not
    /// exist yet (none when they all do), waiting for review with `review`
    /// when it is not empty; returns how many.
    pub fn fill_series(
        &self,
        s: &Series,
        cal: &Calendar,
        from: NaiveDate,
        review: &str,
    ) -> Result<usize> {
        let today = self.ctx.tz.local_date(self.ctx.now);
        let to = series_rows::made_until(self.conn, s.id)?
            .unwrap_or(today)
            .max(cal.horizon(today));
        let made = materialise_with(
            self.conn,
            self.ctx,
            s,
            s.first_date.max(from),
            to,
            &cal.holidays,
            OnClash::Review,
            review,
        )?;
        Ok(made.created.len())
    }

    /// Links series `id` to a calendar event's UID (a series exported from
    /// this database and imported back).
    pub fn link_series_uid(&self, id: i64, uid: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO series_uids (series_id, uid) VALUES (?1, ?2)")?
            .execute(params![id, uid])?;
        Ok(())
    }

    /// Rewrites series `before.id` as `after` (the recurring event changed
    /// since the last import): its visits from `from` that still follow it
    /// take the new times and fields, or go when the rule no longer has
    /// them; the missing ones are made up to the horizon. Exceptions and
    /// visits under way or done stay. Journaled.
    pub fn update_series(
        &self,
        before: &Series,
        after: &Series,
        cal: &Calendar,
        from: NaiveDate,
    ) -> Result<Series> {
        let (tx, ctx) = (self.conn, self.ctx);
        check(after)?;
        let next = Series {
            id: before.id,
            version: before.version,
            ..after.clone()
        };
        let stored = series_rows::put(tx, ctx, &next, None)?;
        journal_series(
            tx,
            ctx,
            SERIES_CHANGE,
            stored.id,
            Some(before),
            Some(&stored),
            "",
        )?;
        let today = ctx.tz.local_date(ctx.now);
        let to = series_rows::made_until(tx, stored.id)?
            .unwrap_or(today)
            .max(cal.horizon(today));
        let plan: HashMap<String, _> = stored
            .occurrences(from, to, ctx.tz, &cal.holidays)
            .map_err(|e| super::super::StoreError::Series(SeriesError::Rule(e)))?
            .into_iter()
            .map(|o| (original_key(o.original), o))
            .collect();
        for (b, v) in visits_from(tx, stored.id, from, None)? {
            if !v.exception.is_empty() || !untouched(&b) {
                continue;
            }
            match plan.get(&v.original) {
                Some(o) => {
                    let want = Booking {
                        id: b.id,
                        version: b.version,
                        review: b.review.clone(),
                        ..visit_booking(&stored, o)
                    };
                    if want != b {
                        let now = put_row(tx, ctx, b.id, &want)?;
                        journal_visit(
                            tx,
                            ctx,
                            IMPORT_BOOKING_UPDATE,
                            b.id,
                            Some((&b, Some(&v))),
                            Some((&now, Some(&v))),
                            "",
                        )?;
                    }
                }
                None => remove_visit(tx, ctx, &b, &v)?,
            }
        }
        materialise_with(
            tx,
            ctx,
            &stored,
            stored.first_date.max(from),
            to,
            &cal.holidays,
            OnClash::Review,
            "",
        )?;
        Ok(stored)
    }

    /// The visit of `series_id` whose original start is `original`, of any
    /// status.
    pub fn visit_at(&self, series_id: i64, original: &str) -> Result<Option<(Booking, Visit)>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS}, series_id, original_start, exception FROM bookings
                 WHERE series_id = ?1 AND original_start = ?2"
            ))?
            .query_row(params![series_id, original], |r| {
                Ok((
                    from_row(r)?,
                    Visit {
                        series_id: r.get(15)?,
                        original: r.get(16)?,
                        exception: r.get(17)?,
                    },
                ))
            })
            .optional()?)
    }

    /// Writes the calendar's own version of one visit of `series_id` (its
    /// original start `original`) as `b`, an exception of kind `exception`
    /// (`moved`, `edited`, `cancelled`, `added`): a new row, or the row
    /// already there brought up to date. Double bookings are kept, as in
    /// the calendar. Journaled.
    pub fn put_visit(
        &self,
        series_id: i64,
        original: &str,
        b: &Booking,
        exception: &str,
        reason: &str,
    ) -> Result<VisitWrite> {
        let (tx, ctx) = (self.conn, self.ctx);
        let visit = Visit {
            series_id,
            original: original.to_string(),
            exception: exception.to_string(),
        };
        match self.visit_at(series_id, original)? {
            Some((before, v)) => {
                let want = Booking {
                    id: before.id,
                    version: before.version,
                    ..b.clone()
                };
                if want == before && v.exception == exception {
                    return Ok(VisitWrite::Same(before));
                }
                super::super::rules::validate(tx, &crate::domain::BookingDraft::of(&want))?;
                let now = put_row(tx, ctx, before.id, &want)?;
                set_member(
                    tx,
                    before.id,
                    Some(RowMember {
                        series_id,
                        original,
                    }),
                    exception,
                )?;
                journal_visit(
                    tx,
                    ctx,
                    IMPORT_BOOKING_UPDATE,
                    before.id,
                    Some((&before, Some(&v))),
                    Some((&now, Some(&visit))),
                    reason,
                )?;
                Ok(VisitWrite::Updated(now))
            }
            None => {
                super::super::rules::validate(tx, &crate::domain::BookingDraft::of(b))?;
                let member = RowMember {
                    series_id,
                    original,
                };
                let now = insert_member(tx, ctx, &Booking { id: 0, ..b.clone() }, member)?;
                set_member(tx, now.id, Some(member), exception)?;
                journal_visit(
                    tx,
                    ctx,
                    IMPORT_BOOKING,
                    now.id,
                    None,
                    Some((&now, Some(&visit))),
                    reason,
                )?;
                Ok(VisitWrite::Created(now))
            }
        }
    }

    /// The last date whose visits of series `id` exist as bookings.
    pub fn series_made_until(&self, id: i64) -> Result<Option<NaiveDate>> {
        series_rows::made_until(self.conn, id)
    }
}
