//! Recurring bookings in the store: series, their visits as booking rows,
//! and the changes a dispatcher makes to them. Every change is one
//! transaction; its journal entries share a change id, so `u` takes the
//! whole change back as one step (see `store::undo`).
//!
//! The visits of a series exist as bookings up to a rolling horizon
//! ([`Store::with_calendar`], 12 weeks by default), which
//! [`Store::extend_series`] moves on each day; running it again changes
//! nothing.

mod deleted;
mod imported;
mod make;
pub(crate) mod rows;
mod scope;

use crate::store::ChangeRefusal;
use chrono::{Days, NaiveDate, NaiveTime};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::rows::{COLUMNS, delete_row, from_row};
use super::rules::validate;
use super::{Result, Store, StoreError, WriteCtx, journal};
pub use crate::domain::series::Calendar;
use crate::domain::series::{Pause, Series, SeriesEnd, original_key};
use crate::domain::{Booking, BookingDraft, BookingStatus, Permission};

pub use imported::VisitWrite;
pub use rows::Visit;
pub use scope::{Scope, ScopedOutcome, VisitChange};

pub(crate) use deleted::end_deleted_there;
pub(crate) use make::Known;
use make::{Around, materialise_around};
pub(crate) use make::{OnClash, materialise};

/// The journal's actions for a series.
pub const SERIES_ADD: &str = "series.add";
pub const SERIES_CHANGE: &str = "series.change";
pub const SERIES_SPLIT: &str = "series.split";
pub const SERIES_PAUSE: &str = "series.pause";
pub const SERIES_RESUME: &str = "series.resume";
pub const SERIES_END: &str = "series.end";
/// A visit a series no longer has (its rule changed, it was paused or ended).
pub const BOOKING_REMOVE: &str = "booking.remove";
/// A series change undone or redone.
pub const SERIES_UNDO: &str = "series.undo";
pub const SERIES_REDO: &str = "series.redo";

/// A new series and the visits made for it.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedSeries {
    pub series: Series,
    pub visits: Vec<Booking>,
    /// Visits that double-book and wait in the review queue.
    pub review: Vec<i64>,
}

/// What moving the horizon on made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Extended {
    pub series: usize,
    pub created: usize,
    pub review: usize,
}

/// The entries written from now on in this transaction form one change.
pub(crate) fn change_start(tx: &Connection) -> Result<i64> {
    Ok(
        tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM journal", [], |r| {
            r.get(0)
        })?,
    )
}

/// Marks the entries written since `start` as one change (for undo).
pub(crate) fn change_end(tx: &Connection, start: i64) -> Result<()> {
    tx.execute(
        "UPDATE journal SET change_id = ?1 WHERE id >= ?1",
        params![start],
    )?;
    Ok(())
}

/// Journals a series change (`before` → `after`).
pub(crate) fn journal_series(
    tx: &Connection,
    ctx: &WriteCtx,
    action: &str,
    id: i64,
    before: Option<&Series>,
    after: Option<&Series>,
    reason: &str,
) -> Result<i64> {
    journal::record_full(tx, ctx, action, "series", id, before, after, reason, None)
}

/// The scheduled visits of `series_id` whose original start is on or after
/// `from` (and before `to`, when given), with their places, by original.
pub(crate) fn visits_from(
    tx: &Connection,
    series_id: i64,
    from: NaiveDate,
    to: Option<NaiveDate>,
) -> Result<Vec<(Booking, Visit)>> {
    visits_in(tx, series_id, from, to, false)
}

/// [`visits_from`], with the cancelled visits too when `cancelled` (a
/// cancelled visit keeps its place, so the series does not make it again).
pub(crate) fn visits_in(
    tx: &Connection,
    series_id: i64,
    from: NaiveDate,
    to: Option<NaiveDate>,
    cancelled: bool,
) -> Result<Vec<(Booking, Visit)>> {
    let lo = original_key(from.and_time(NaiveTime::MIN));
    let hi = to
        .and_then(|d| d.succ_opt())
        .map(|d| original_key(d.and_time(NaiveTime::MIN)));
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS}, series_id, original_start, exception FROM bookings
         WHERE series_id = ?1 AND original_start >= ?2 AND (?3 IS NULL OR original_start < ?3)
           AND (status = 'scheduled' OR (?4 AND status = 'cancelled'))
         ORDER BY original_start"
    ))?;
    let rows = stmt.query_map(params![series_id, lo, hi, cancelled], |r| {
        Ok((
            from_row(r)?,
            Visit {
                series_id: r.get(15)?,
                original: r.get(16)?,
                exception: r.get(17)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes a visit, journaled (the calendar hears of it).
pub(crate) fn remove_visit(tx: &Connection, ctx: &WriteCtx, b: &Booking, v: &Visit) -> Result<()> {
    delete_row(tx, b.id)?;
    rows::journal_visit(tx, ctx, BOOKING_REMOVE, b.id, Some((b, Some(v))), None, "")?;
    Ok(())
}

fn check(s: &Series) -> Result<()> {
    s.check().map_err(StoreError::Series)
}

/// The draft a series' visits share, for the rules every booking obeys.
fn draft_of(s: &Series, tz: crate::domain::BusinessTz) -> BookingDraft {
    let start = tz.instant(s.first_date, s.start_time);
    BookingDraft {
        customer_id: s.customer_id,
        staff_id: s.staff_id,
        service: s.service.clone(),
        start,
        end: start + chrono::Duration::minutes(i64::from(s.duration_min)),
        estimate_min: s.duration_min,
        address: s.address.clone(),
        notes: s.notes.clone(),
        review: String::new(),
    }
}

impl Store {
    /// Sets the holidays and the horizon recurring bookings are made with.
    pub fn with_calendar(mut self, calendar: Calendar) -> Store {
        self.calendar = calendar;
        self
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Creates a series and makes its visits up to the horizon, in one
    /// transaction. A visit that would double-book its cleaner refuses the
    /// whole series, unless `accept_clash` gives the reason it is accepted.
    pub fn create_series(
        &mut self,
        series: Series,
        accept_clash: Option<&str>,
    ) -> Result<CreatedSeries> {
        check(&series)?;
        let accept = accept_clash.map(str::trim);
        if accept == Some("") {
            return Err(StoreError::Change(ChangeRefusal::ClashNeedsReason));
        }
        let cal = self.calendar.clone();
        self.write(Permission::Bookings, |tx, ctx| {
            create_in(tx, ctx, &cal, series, accept)
        })
    }

    /// Series `id`.
    pub fn series(&self, id: i64) -> Result<Series> {
        rows::get(self.conn(), id)
    }

    /// Every series, by id.
    pub fn series_list(&self) -> Result<Vec<Series>> {
        rows::all(self.conn())
    }

    /// The visits of series `id` that exist as bookings (any status), by
    /// original start.
    pub fn series_visits(&self, id: i64) -> Result<Vec<(Booking, Visit)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS}, series_id, original_start, exception FROM bookings
             WHERE series_id = ?1 ORDER BY original_start, id"
        ))?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                from_row(r)?,
                Visit {
                    series_id: r.get(15)?,
                    original: r.get(16)?,
                    exception: r.get(17)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The place of booking `id` in its series, if it is a visit of one.
    pub fn visit_of(&self, id: i64) -> Result<Option<Visit>> {
        rows::visit_of(self.conn(), id)
    }

    /// Moves the horizon on: makes the visits of every series up to
    /// `today` + the horizon that do not exist yet. A visit that would
    /// double-book is made and waits for review. Idempotent; one
    /// transaction.
    pub fn extend_series(&mut self, today: NaiveDate) -> Result<Extended> {
        // Without a series nothing is written (not even an empty transaction).
        let any: bool = self
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM series)", [], |r| r.get(0))?;
        if !any {
            return Ok(Extended::default());
        }
        let cal = self.calendar.clone();
        // Making a quarter's visits touches many pages of the same indexes:
        // a larger cache (64 MiB) while it runs, as an import has.
        let cache: i64 = self
            .conn()
            .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn().execute_batch("PRAGMA cache_size = -65536")?;
        // Its commit leaves the log as it is: the next commit copies it
        // into the database (see `store::checkpoint`).
        let out = self.without_checkpoint(|store| store.extend_in(today, &cal));
        self.conn()
            .execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
        out
    }

    fn extend_in(&mut self, today: NaiveDate, cal: &Calendar) -> Result<Extended> {
        self.write(Permission::Bookings, |tx, ctx| {
            let to = cal.horizon(today);
            let mut out = Extended::default();
            // Each cleaner's bookings from today to a week past the horizon
            // (a visit moved off a holiday may land there), read once.
            let week_on = to.checked_add_days(Days::new(7)).unwrap_or(to);
            let mut around = Around::new(ctx.tz.day_bounds(today).0, ctx.tz.day_bounds(week_on).1);
            for s in rows::all(tx)? {
                if let SeriesEnd::Until(u) = s.end
                    && u < today
                {
                    continue;
                }
                let done = rows::made_until(tx, s.id)?;
                let from = done
                    .and_then(|d| d.succ_opt())
                    .unwrap_or(s.first_date)
                    .max(today)
                    .max(s.first_date);
                if from > to {
                    continue;
                }
                let made = materialise_around(
                    tx,
                    ctx,
                    &s,
                    (from, to),
                    &cal.holidays,
                    OnClash::Review,
                    "",
                    &mut around,
                )?;
                if !made.created.is_empty() {
                    out.series += 1;
                    out.created += made.created.len();
                    out.review += made.review.len();
                }
            }
            Ok(out)
        })
    }

    /// Pauses series `id` (as the dispatcher saw it, `version`) for a
    /// period: its visits in it that still follow the series are removed;
    /// visits moved by hand stay.
    pub fn pause_series(&mut self, id: i64, version: i64, pause: Pause) -> Result<Series> {
        if pause.to < pause.from {
            return Err(StoreError::Change(ChangeRefusal::PauseBackwards {
                from: pause.from,
                to: pause.to,
            }));
        }
        self.series_change(id, version, SERIES_PAUSE, |s, tx, ctx, _| {
            s.pauses.push(pause);
            for (b, v) in visits_from(tx, id, pause.from, Some(pause.to))? {
                if v.exception.is_empty() {
                    remove_visit(tx, ctx, &b, &v)?;
                }
            }
            Ok(())
        })
    }

    /// Resumes series `id`: pauses not yet over end now (today's visits
    /// come back), and the visits up to the horizon are made again.
    pub fn resume_series(&mut self, id: i64, version: i64) -> Result<Series> {
        self.series_change(id, version, SERIES_RESUME, |s, _, ctx, _| {
            let today = ctx.tz.local_date(ctx.now);
            let before = s.pauses.len();
            s.pauses.retain(|p| p.to < today);
            if s.pauses.len() == before {
                return Err(StoreError::Change(ChangeRefusal::NotPaused { series: id }));
            }
            Ok(())
        })
    }

    /// Ends series `id` after `after`: its last visit is on or before that
    /// date; later visits that still follow the series are removed (visits
    /// moved by hand stay, as bookings of their own).
    pub fn end_series(&mut self, id: i64, version: i64, after: NaiveDate) -> Result<Series> {
        self.series_change(id, version, SERIES_END, |s, tx, ctx, _| {
            if after < s.first_date {
                return Err(StoreError::Change(ChangeRefusal::EndsBeforeStart {
                    series: id,
                    first: s.first_date,
                }));
            }
            s.end = SeriesEnd::Until(after);
            if let Some(next) = after.succ_opt() {
                for (b, v) in visits_from(tx, id, next, None)? {
                    if v.exception.is_empty() {
                        remove_visit(tx, ctx, &b, &v)?;
                    }
                }
            }
            Ok(())
        })
    }

    /// One journaled change of a series row as the dispatcher saw it, with
    /// its visits made again up to the horizon afterwards.
    fn series_change(
        &mut self,
        id: i64,
        version: i64,
        action: &str,
        change: impl FnOnce(&mut Series, &Connection, &WriteCtx, &Calendar) -> Result<()>,
    ) -> Result<Series> {
        let cal = self.calendar.clone();
        self.write(Permission::Bookings, |tx, ctx| {
            super::check_version(tx, ctx, "series", "series", id, version)?;
            let start = change_start(tx)?;
            let before = rows::get(tx, id)?;
            let mut s = before.clone();
            change(&mut s, tx, ctx, &cal)?;
            let after = rows::put(tx, ctx, &s, None)?;
            journal_series(tx, ctx, action, id, Some(&before), Some(&after), "")?;
            let today = ctx.tz.local_date(ctx.now);
            let to = rows::made_until(tx, id)?
                .unwrap_or(today)
                .max(cal.horizon(today));
            materialise(
                tx,
                ctx,
                &after,
                after.first_date.max(today),
                to,
                &cal.holidays,
                OnClash::Review,
            )?;
            change_end(tx, start)?;
            Ok(after)
        })
    }
}

/// [`Store::create_series`] inside an open transaction.
fn create_in(
    tx: &Connection,
    ctx: &WriteCtx,
    cal: &Calendar,
    series: Series,
    accept: Option<&str>,
) -> Result<CreatedSeries> {
    validate(tx, &draft_of(&series, ctx.tz))?;
    let start = change_start(tx)?;
    let s = rows::put(tx, ctx, &Series { id: 0, ..series }, None)?;
    journal_series(tx, ctx, SERIES_ADD, s.id, None, Some(&s), "")?;
    let today = ctx.tz.local_date(ctx.now);
    let on_clash = accept.map_or(OnClash::Refuse, OnClash::Accept);
    let made = materialise(
        tx,
        ctx,
        &s,
        s.first_date.max(today),
        cal.horizon(today),
        &cal.holidays,
        on_clash,
    )?;
    change_end(tx, start)?;
    Ok(CreatedSeries {
        series: s,
        visits: made.created,
        review: made.review,
    })
}

/// Adds a series taken in from a calendar and makes its visits from
/// `from` up to `cal`'s horizon; a visit that double-books is made and
/// waits for review, and all wait with `review` when it is not empty. One
/// change for undo, journaled.
pub(crate) fn take_in(
    tx: &Connection,
    ctx: &WriteCtx,
    cal: &Calendar,
    series: Series,
    review: &str,
    from: NaiveDate,
) -> Result<CreatedSeries> {
    check(&series)?;
    validate(tx, &draft_of(&series, ctx.tz))?;
    let start = change_start(tx)?;
    let s = rows::put(tx, ctx, &Series { id: 0, ..series }, None)?;
    journal_series(tx, ctx, SERIES_ADD, s.id, None, Some(&s), review)?;
    let today = ctx.tz.local_date(ctx.now);
    let made = make::materialise_with(
        tx,
        ctx,
        &s,
        s.first_date.max(from),
        cal.horizon(today),
        &cal.holidays,
        OnClash::Review,
        review,
    )?;
    change_end(tx, start)?;
    Ok(CreatedSeries {
        series: s,
        visits: made.created,
        review: made.review,
    })
}

impl super::Writer<'_> {
    /// Creates a series and makes its visits up to `cal`'s horizon, as
    /// [`Store::create_series`] does, inside this transaction (seeding).
    pub fn create_series(
        &self,
        series: Series,
        accept_clash: Option<&str>,
        cal: &Calendar,
    ) -> Result<CreatedSeries> {
        check(&series)?;
        create_in(self.tx, self.ctx, cal, series, accept_clash)
    }

    /// Adds a series without making its visits (seeding, imports): the
    /// next [`Store::extend_series`] makes them. Journaled.
    pub fn add_series(&self, series: Series) -> Result<Series> {
        let (tx, ctx) = (self.tx, self.ctx);
        check(&series)?;
        validate(tx, &draft_of(&series, ctx.tz))?;
        let s = rows::put(tx, ctx, &Series { id: 0, ..series }, None)?;
        journal_series(tx, ctx, SERIES_ADD, s.id, None, Some(&s), "")?;
        Ok(s)
    }
}

/// Whether a booking is a scheduled visit (not started, finished or
/// cancelled): the only visits a series change touches.
pub(crate) fn untouched(b: &Booking) -> bool {
    b.status == BookingStatus::Scheduled && b.started_at.is_none()
}

#[cfg(test)]
mod tests;
