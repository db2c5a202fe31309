//! Materialising: a series' visits made into ordinary booking rows, once
//! each (the rows' `(series_id, original_start)` is unique), so clashes,
//! overtime, invoices, the journal and the sync work on real rows.
//!
//! A visit that would double-book its cleaner is not refused when the
//! horizon moves on: it is made and sent to the review queue with the
//! bookings it clashes with. Creating a series is stricter (see
//! [`OnClash`]).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rusqlite::{Connection, params};

use super::super::journal::Entries;
use super::super::rows::{Member as RowMember, MemberInserts, cleaner_window, light};
use super::super::rules::check_clashes;
use super::super::{Result, StoreError, WriteCtx};
use super::rows::{Visit, journal_visit_in, made_to};
use crate::domain::clash;
use crate::domain::holidays::Holidays;
use crate::domain::series::{Occurrence, Series, original_key};
use crate::domain::{Booking, BookingChange, BookingStatus};

/// What a new visit that double-books its cleaner does.
#[derive(Debug, Clone, Copy)]
pub(crate) enum OnClash<'a> {
    /// It is made, and waits in the review queue.
    Review,
    /// Nothing is made: the change is refused, naming the clash.
    Refuse,
    /// It is made; the dispatcher accepted the clash for this reason.
    Accept(&'a str),
}

/// What materialising made.
#[derive(Debug, Default)]
pub(crate) struct Made {
    pub created: Vec<Booking>,
    /// The new visits that double-book and wait for review.
    pub review: Vec<i64>,
}

/// The cleaners' live bookings over one stretch of time, each cleaner's
/// read once: a run that makes the visits of many series (the horizon
/// moving on) checks every visit against them, and the visits it makes
/// join them. A visit outside the stretch is checked against a fresh read.
#[derive(Debug)]
pub(crate) struct Around {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    staff: HashMap<i64, Vec<Booking>>,
}

impl Around {
    /// Bookings that may overlap `[from, to)`, read when first asked for.
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Around {
        Around {
            from,
            to,
            staff: HashMap::new(),
        }
    }

    /// Nothing kept: every series reads its own cleaner's stretch.
    fn none() -> Around {
        Around::new(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MIN_UTC)
    }

    /// The cleaner's bookings that may overlap `[from, to)`, if that lies
    /// in the stretch kept (more may be there: the rule picks).
    fn stretch_of(
        &mut self,
        tx: &Connection,
        staff: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Option<&mut Vec<Booking>>> {
        if from < self.from || to > self.to || self.from >= self.to {
            return Ok(None);
        }
        let known = match self.staff.entry(staff) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(cleaner_window(tx, staff, self.from, self.to)?)
            }
        };
        Ok(Some(known))
    }
}

/// Where a run of new visits finds the bookings of their cleaner to check
/// them against: the horizon's [`Around`], or an import's batch.
pub(crate) trait Known {
    /// The cleaner's bookings that may overlap `[from, to)` (more may be
    /// there: the rule picks), or `None` to read them for this run alone.
    /// The visits the run makes are pushed onto them.
    fn of(
        &mut self,
        tx: &Connection,
        staff: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Option<&mut Vec<Booking>>>;
}

impl Known for Around {
    fn of(
        &mut self,
        tx: &Connection,
        staff: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Option<&mut Vec<Booking>>> {
        self.stretch_of(tx, staff, from, to)
    }
}

/// The words of the review note of a visit that double-books.
pub(crate) fn review_note(clashes: &[i64]) -> String {
    let ids: Vec<String> = clashes.iter().map(|id| format!("#{id}")).collect();
    format!(
        "recurring visit double-books {}: pick another time or cleaner",
        ids.join(", ")
    )
}

/// The booking of one visit of `s`.
pub(crate) fn visit_booking(s: &Series, o: &Occurrence) -> Booking {
    Booking {
        id: 0,
        customer_id: s.customer_id,
        staff_id: s.staff_id,
        service: s.service.clone(),
        start: o.start,
        end: o.end,
        estimate_min: s.duration_min,
        status: BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: s.address.clone(),
        notes: s.notes.clone(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 0,
    }
}

/// The original starts of `series_id` that have a row, in `[from, to]`.
fn existing(
    conn: &Connection,
    series_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashSet<String>> {
    let lo = original_key(from.and_time(NaiveTime::MIN));
    let hi = original_key(to.and_time(NaiveTime::MIN) + Duration::days(1));
    let mut stmt = conn.prepare_cached(
        "SELECT original_start FROM bookings
         WHERE series_id = ?1 AND original_start >= ?2 AND original_start < ?3",
    )?;
    let rows = stmt.query_map(params![series_id, lo, hi], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Makes the visits of `s` whose original dates lie in `[from, to]` and
/// have no row yet; journaled (and so sent to the calendar) one by one.
pub(crate) fn materialise(
    tx: &Connection,
    ctx: &WriteCtx,
    s: &Series,
    from: NaiveDate,
    to: NaiveDate,
    holidays: &Holidays,
    on_clash: OnClash,
) -> Result<Made> {
    materialise_with(tx, ctx, s, from, to, holidays, on_clash, "")
}

/// [`materialise`], the new visits waiting for review with `review` when it
/// is not empty (a series imported for a customer nobody has checked yet).
#[allow(clippy::too_many_arguments)]
pub(crate) fn materialise_with(
    tx: &Connection,
    ctx: &WriteCtx,
    s: &Series,
    from: NaiveDate,
    to: NaiveDate,
    holidays: &Holidays,
    on_clash: OnClash,
    review: &str,
) -> Result<Made> {
    materialise_around(
        tx,
        ctx,
        s,
        (from, to),
        holidays,
        on_clash,
        review,
        &mut Around::none(),
    )
}

/// [`materialise_with`], checking the visits against the bookings
/// `around` keeps (a run over many series reads each cleaner's once).
#[allow(clippy::too_many_arguments)]
pub(crate) fn materialise_around(
    tx: &Connection,
    ctx: &WriteCtx,
    s: &Series,
    (from, to): (NaiveDate, NaiveDate),
    holidays: &Holidays,
    on_clash: OnClash,
    review: &str,
    around: &mut impl Known,
) -> Result<Made> {
    let mut made = Made::default();
    if to < from {
        return Ok(made);
    }
    let have = existing(tx, s.id, from, to)?;
    let occ = s
        .occurrences(from, to, ctx.tz, holidays)
        .map_err(|e| StoreError::Corrupt(format!("series #{} cannot be expanded: {e}", s.id)))?;
    let todo: Vec<(&Occurrence, String)> = occ
        .iter()
        .map(|o| (o, original_key(o.original)))
        .filter(|(_, key)| !have.contains(key))
        .collect();
    // The cleaner's bookings over the whole stretch, read once (or kept by
    // `around`); the visits made here join them as they are made.
    let mut own = Vec::new();
    let around = match (s.staff_id, todo.first(), todo.last()) {
        (Some(staff), Some((a, _)), Some((z, _))) => match around.of(tx, staff, a.start, z.end)? {
            Some(known) => known,
            None => {
                own = cleaner_window(tx, staff, a.start, z.end)?;
                &mut own
            }
        },
        _ => &mut own,
    };
    // Both inserts prepared once for the series' run of visits.
    let (mut inserts, mut entries) = (MemberInserts::new(tx)?, Entries::new(tx)?);
    for (o, key) in todo {
        let mut b = visit_booking(s, o);
        b.review = review.to_string();
        let mut reason = String::new();
        // Only a booking whose times overlap may double-book: the rule is
        // asked only when one does (rarely: most visits clash with none).
        let overlaps = around.iter().any(|o| o.start < b.end && o.end > b.start);
        let clashes: Vec<i64> = if overlaps {
            clash::clashes(&b, around)
                .into_iter()
                .map(|c| c.other)
                .collect()
        } else {
            Vec::new()
        };
        if !clashes.is_empty() {
            match on_clash {
                OnClash::Review if b.review.is_empty() => b.review = review_note(&clashes),
                OnClash::Review => b.review = format!("{}; {}", b.review, review_note(&clashes)),
                OnClash::Refuse => {
                    check_clashes(tx, ctx, &b, &[])?;
                }
                OnClash::Accept(why) => {
                    let ids: Vec<String> = clashes.iter().map(|id| format!("#{id}")).collect();
                    reason = format!("override ({}): {}", ids.join(", "), why.trim());
                }
            }
        }
        let b = inserts.insert(
            tx,
            ctx,
            b,
            RowMember {
                series_id: s.id,
                original: &key,
            },
        )?;
        let visit = Visit {
            series_id: s.id,
            original: key,
            exception: String::new(),
        };
        journal_visit_in(
            &mut entries,
            tx,
            ctx,
            BookingChange::Visit.action(),
            b.id,
            None,
            Some((&b, Some(&visit))),
            &reason,
        )?;
        if !b.review.is_empty() {
            made.review.push(b.id);
        }
        around.push(light(&b));
        made.created.push(b);
    }
    made_to(tx, s.id, to)?;
    Ok(made)
}
