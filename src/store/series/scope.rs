//! Changing a visit of a series, in the scope the dispatcher chose:
//!
//! - **this**: the visit alone; it becomes an exception, which the series
//!   leaves as it is from then on.
//! - **this and following**: the series ends strictly before the visit's
//!   original date and a new series (the changed one) starts from it; the
//!   visits from there on move to the new series, the split visit included,
//!   never lost and never doubled (the rows' `(series_id, original_start)`
//!   is unique, and everything happens in one transaction).
//! - **all**: the series itself changes; its visits from today on follow,
//!   exceptions stay as they are (moved to the new rule's date when the new
//!   rule still has their date, else left where they are).
//!
//! Visits that have started, finished or were cancelled are never touched.
//! The visit the dispatcher changes is refused when it would double-book
//! (unless the clash is accepted with a reason); the other visits that
//! move with it are moved and wait in the review queue when they would.

use crate::store::ChangeRefusal;
use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::super::rows::{Member as RowMember, change_booking, get_in, put_row, set_member};
use super::super::rules::{all_clashes, check_clashes, validate};
use super::super::{Result, Store, StoreError, WriteCtx, check_version};
use super::make::review_note;
use super::rows::{self as series_rows, Visit, journal_visit};
use super::{
    Calendar, OnClash, SERIES_ADD, SERIES_CHANGE, SERIES_END, SERIES_SPLIT, change_end,
    change_start, check, draft_of, journal_series, materialise, remove_visit, untouched,
    visits_from, visits_in,
};
use crate::domain::series::{Occurrence, Series, SeriesEnd, original_key, parse_original_key};
use crate::domain::{Booking, BookingChange, BookingDraft, BookingStatus, BusinessTz, Permission};

/// Which visits a change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::EnumString, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Scope {
    /// This visit only.
    This,
    /// This visit and the ones after it.
    Following,
    /// Every visit of the series from today on.
    All,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a move changes; `None` keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitChange {
    /// The new local date.
    pub date: Option<NaiveDate>,
    /// The new local start time.
    pub start: Option<NaiveTime>,
    /// The new cleaner (`Some(None)`: nobody).
    pub staff: Option<Option<i64>>,
    pub duration_min: Option<u32>,
}

/// What a scoped change did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopedOutcome {
    pub scope: Scope,
    /// The visit the dispatcher changed, as it is now.
    pub booking: Booking,
    /// The series it belongs to now (the new one after "this and
    /// following"); `None` for a booking of its own.
    pub series_id: Option<i64>,
    /// Other visits changed with it.
    pub changed: Vec<i64>,
    /// Visits made (the new series' horizon).
    pub created: Vec<i64>,
    /// Visits the series no longer has.
    pub removed: Vec<i64>,
    /// Visits that now double-book and wait for review.
    pub review: Vec<i64>,
}

impl ScopedOutcome {
    fn of(scope: Scope, booking: Booking, series_id: Option<i64>) -> ScopedOutcome {
        ScopedOutcome {
            scope,
            booking,
            series_id,
            changed: Vec::new(),
            created: Vec::new(),
            removed: Vec::new(),
            review: Vec::new(),
        }
    }
}

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(days)).unwrap_or(d)
}

/// `b` with the change applied, in the business time zone.
fn apply(b: &mut Booking, change: &VisitChange, tz: BusinessTz) {
    let date = change.date.unwrap_or_else(|| tz.local_date(b.start));
    let time = change.start.unwrap_or_else(|| tz.local(b.start).time());
    let len = change
        .duration_min
        .map_or(b.end - b.start, |m| Duration::minutes(i64::from(m)));
    b.start = tz.instant(date, time);
    b.end = b.start + len;
    if let Some(s) = change.staff {
        b.staff_id = s;
    }
}

fn override_text(reason: &str, clashes: &[i64]) -> String {
    if clashes.is_empty() {
        return String::new();
    }
    let ids: Vec<String> = clashes.iter().map(|id| format!("#{id}")).collect();
    format!("override ({}): {}", ids.join(", "), reason.trim())
}

/// The clash rule for the visit the dispatcher changes: refused unless
/// accepted; returns the journal's override text.
fn dispatcher_clash(
    tx: &Connection,
    ctx: &WriteCtx,
    b: &Booking,
    accept: Option<&str>,
) -> Result<String> {
    let accepted = match accept {
        Some(_) => all_clashes(tx, b)?,
        None => Vec::new(),
    };
    let ok = check_clashes(tx, ctx, b, &accepted)?;
    Ok(override_text(accept.unwrap_or(""), &ok))
}

impl Store {
    /// Moves (or reassigns) visit `id` as the dispatcher saw it
    /// (`version`), in `scope`. A booking that is no visit of a series
    /// moves with scope `this` only.
    pub fn move_visit(
        &mut self,
        id: i64,
        version: i64,
        change: VisitChange,
        scope: Scope,
        accept_clash: Option<&str>,
    ) -> Result<ScopedOutcome> {
        if accept_clash.is_some_and(|r| r.trim().is_empty()) {
            return Err(StoreError::Change(ChangeRefusal::ClashNeedsReason));
        }
        let cal = self.calendar.clone();
        self.write(Permission::Bookings, |tx, ctx| {
            let start = change_start(tx)?;
            let visit = series_rows::visit_of(tx, id)?;
            let out = match (scope, visit) {
                (Scope::This, visit) => {
                    move_this(tx, ctx, id, version, &change, visit, accept_clash)?
                }
                (_, None) => {
                    return Err(StoreError::Change(ChangeRefusal::NotAVisit { booking: id }));
                }
                (scope, Some(v)) => {
                    move_series(tx, ctx, &cal, id, version, &change, scope, &v, accept_clash)?
                }
            };
            change_end(tx, start)?;
            Ok(out)
        })
    }

    /// Cancels visit `id` with the dispatcher's reason, in `scope`: "this
    /// and following" and "all" end the series (before the visit, or
    /// before today) and cancel its scheduled visits from there on.
    pub fn cancel_visit(
        &mut self,
        id: i64,
        version: i64,
        reason: &str,
        scope: Scope,
    ) -> Result<ScopedOutcome> {
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(StoreError::Change(ChangeRefusal::CancelNeedsReason));
        }
        self.write(Permission::Bookings, |tx, ctx| {
            let start = change_start(tx)?;
            let visit = series_rows::visit_of(tx, id)?;
            let out = match (scope, visit) {
                (Scope::This, visit) => {
                    let b = cancel_one(tx, ctx, id, Some(version), &reason, visit.as_ref())?;
                    let sid = visit.map(|v| v.series_id);
                    ScopedOutcome::of(scope, b, sid)
                }
                (_, None) => {
                    return Err(StoreError::Change(ChangeRefusal::NotAVisit { booking: id }));
                }
                (scope, Some(v)) => cancel_series(tx, ctx, id, version, &reason, scope, &v)?,
            };
            change_end(tx, start)?;
            Ok(out)
        })
    }
}

fn move_this(
    tx: &Connection,
    ctx: &WriteCtx,
    id: i64,
    version: i64,
    change: &VisitChange,
    visit: Option<Visit>,
    accept: Option<&str>,
) -> Result<ScopedOutcome> {
    let (before, after) = change_booking(tx, ctx, id, version, |b| {
        if b.status == BookingStatus::Cancelled {
            return Err(StoreError::Change(ChangeRefusal::Cancelled { booking: id }));
        }
        apply(b, change, ctx.tz);
        Ok(())
    })?;
    validate(tx, &BookingDraft::of(&after))?;
    let reason = dispatcher_clash(tx, ctx, &after, accept)?;
    let now = series_rows::visit_of(tx, id)?;
    journal_visit(
        tx,
        ctx,
        BookingChange::of_edit(&before, &after).action(),
        id,
        Some((&before, visit.as_ref())),
        Some((&after, now.as_ref())),
        &reason,
    )?;
    Ok(ScopedOutcome::of(
        Scope::This,
        after,
        visit.map(|v| v.series_id),
    ))
}

/// Cancels one booking (checked against `version` when given), journaled
/// with its place in its series.
pub(super) fn cancel_one(
    tx: &Connection,
    ctx: &WriteCtx,
    id: i64,
    version: Option<i64>,
    reason: &str,
    visit: Option<&Visit>,
) -> Result<Booking> {
    let version = match version {
        Some(v) => v,
        None => get_in(tx, id)?.version,
    };
    let (before, after) = change_booking(tx, ctx, id, version, |b| match b.status {
        BookingStatus::Cancelled => Err(StoreError::Change(ChangeRefusal::AlreadyCancelled {
            booking: id,
        })),
        BookingStatus::Completed => {
            Err(StoreError::Change(ChangeRefusal::Finished { booking: id }))
        }
        _ => {
            b.status = BookingStatus::Cancelled;
            b.cancel_reason = reason.to_string();
            Ok(())
        }
    })?;
    let now = series_rows::visit_of(tx, id)?;
    journal_visit(
        tx,
        ctx,
        BookingChange::Cancel.action(),
        id,
        Some((&before, visit)),
        Some((&after, now.as_ref())),
        reason,
    )?;
    Ok(after)
}

/// The series' end when it stops strictly before `cut`. A count with no
/// date of the rule left before `cut` ends by date instead (a count is at
/// least 1).
pub(super) fn ended_before(s: &Series, cut: NaiveDate) -> Result<SeriesEnd> {
    let until = SeriesEnd::Until(cut.pred_opt().unwrap_or(cut));
    Ok(match s.end {
        SeriesEnd::Count(_) => match s.used_before(cut).map_err(StoreError::Invalid)? {
            0 => until,
            n => SeriesEnd::Count(n),
        },
        _ => until,
    })
}

fn visit_booking_in(tx: &Connection, ctx: &WriteCtx, id: i64, version: i64) -> Result<Booking> {
    check_version(tx, ctx, "booking", "bookings", id, version)?;
    let b = get_in(tx, id)?;
    if !untouched(&b) {
        return Err(StoreError::Change(ChangeRefusal::VisitNotScheduled {
            booking: id,
            status: b.status,
        }));
    }
    Ok(b)
}

fn original_of(v: &Visit) -> Result<chrono::NaiveDateTime> {
    parse_original_key(&v.original).ok_or_else(|| {
        StoreError::Corrupt(format!(
            "visit original start {:?} cannot be read",
            v.original
        ))
    })
}

#[allow(clippy::too_many_arguments)]
fn cancel_series(
    tx: &Connection,
    ctx: &WriteCtx,
    id: i64,
    version: i64,
    reason: &str,
    scope: Scope,
    v: &Visit,
) -> Result<ScopedOutcome> {
    visit_booking_in(tx, ctx, id, version)?;
    let split = original_of(v)?.date();
    let today = ctx.tz.local_date(ctx.now);
    let old = series_rows::get(tx, v.series_id)?;
    let cut = match scope {
        Scope::Following => split,
        _ => split.min(today),
    };
    let mut ended = old.clone();
    ended.end = ended_before(&old, cut)?;
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
    let mut out = ScopedOutcome::of(scope, get_in(tx, id)?, Some(old.id));
    for (b, bv) in visits_from(tx, old.id, cut, None)? {
        let after = cancel_one(tx, ctx, b.id, None, reason, Some(&bv))?;
        if b.id == id {
            out.booking = after;
        } else {
            out.changed.push(b.id);
        }
    }
    Ok(out)
}

/// How one visit fares in a series change.
enum Fate {
    /// It follows the series: new times (and place).
    Follow(Option<Occurrence>),
    /// An exception the new rule still has: it keeps its times, new place.
    Relink,
    /// The series no longer has it.
    Remove,
    /// An exception the new rule does not have: left as it is.
    Stay,
}

#[allow(clippy::too_many_arguments)]
fn move_series(
    tx: &Connection,
    ctx: &WriteCtx,
    cal: &Calendar,
    id: i64,
    version: i64,
    change: &VisitChange,
    scope: Scope,
    v: &Visit,
    accept: Option<&str>,
) -> Result<ScopedOutcome> {
    let x = visit_booking_in(tx, ctx, id, version)?;
    let orig = original_of(v)?;
    let old = series_rows::get(tx, v.series_id)?;
    let today = ctx.tz.local_date(ctx.now);
    let current = ctx.tz.local_date(x.start);
    let delta = (change.date.unwrap_or(current) - current).num_days();
    let mut ns = old.clone();
    ns.start_time = change.start.unwrap_or(old.start_time);
    // The one rule that cannot move: a custom RRULE, but by whole weeks.
    ns.rule = old
        .rule
        .shifted(delta)
        .map_err(|_| ChangeRefusal::OwnRuleCannotMove { series: old.id })?;
    if let Some(s) = change.staff {
        ns.staff_id = s;
    }
    if let Some(d) = change.duration_min {
        ns.duration_min = d;
    }
    let split = orig.date();
    let (from, new) = if scope == Scope::Following && split > old.first_date {
        let used = old.used_before(split).map_err(StoreError::Invalid)?;
        ns.id = 0;
        ns.version = 0;
        ns.first_date = shift(split, delta);
        ns.end = match old.end {
            SeriesEnd::Count(n) => SeriesEnd::Count(n.saturating_sub(used).max(1)),
            SeriesEnd::Until(u) => SeriesEnd::Until(shift(u, delta)),
            SeriesEnd::Open => SeriesEnd::Open,
        };
        ns.pauses.retain(|p| p.to >= split);
        check(&ns)?;
        validate(tx, &draft_of(&ns, ctx.tz))?;
        let mut ended = old.clone();
        ended.end = ended_before(&old, split)?;
        let ended = series_rows::put(tx, ctx, &ended, None)?;
        journal_series(tx, ctx, SERIES_SPLIT, old.id, Some(&old), Some(&ended), "")?;
        let new = series_rows::put(tx, ctx, &ns, Some(old.id))?;
        let why = format!("split from series #{} on {split}", old.id);
        journal_series(tx, ctx, SERIES_ADD, new.id, None, Some(&new), &why)?;
        (split, new)
    } else {
        ns.first_date = shift(old.first_date, delta);
        check(&ns)?;
        validate(tx, &draft_of(&ns, ctx.tz))?;
        let new = series_rows::put(tx, ctx, &ns, None)?;
        journal_series(tx, ctx, SERIES_CHANGE, old.id, Some(&old), Some(&new), "")?;
        (split.min(today), new)
    };
    // As far as the old series was made (further than today's horizon
    // when the horizon moved on in the meantime).
    let made_to = series_rows::made_until(tx, old.id)?
        .map_or(cal.horizon(today), |m| m.max(shift(m, delta)))
        .max(cal.horizon(today));
    let mut out = retarget(tx, ctx, cal, &old, &new, from, delta, &x, change, accept)?;
    out.scope = scope;
    let made = materialise(
        tx,
        ctx,
        &new,
        new.first_date.max(today),
        made_to,
        &cal.holidays,
        OnClash::Review,
    )?;
    out.created = made.created.iter().map(|b| b.id).collect();
    out.review.extend(made.review);
    Ok(out)
}

/// Moves the visits of `old` from `from` on to `new` (the same series
/// changed, or the one split from it), `delta` days later.
#[allow(clippy::too_many_arguments)]
fn retarget(
    tx: &Connection,
    ctx: &WriteCtx,
    cal: &Calendar,
    old: &Series,
    new: &Series,
    from: NaiveDate,
    delta: i64,
    x: &Booking,
    change: &VisitChange,
    accept: Option<&str>,
) -> Result<ScopedOutcome> {
    let rows = visits_in(tx, old.id, from, None, true)?;
    let today = ctx.tz.local_date(ctx.now);
    let last = rows
        .iter()
        .filter_map(|(_, v)| parse_original_key(&v.original))
        .map(|t| t.date())
        .max()
        .unwrap_or(from);
    let horizon = cal.horizon(today);
    let expand = |s: &Series, a: NaiveDate, b: NaiveDate| -> Result<HashMap<String, Occurrence>> {
        Ok(s.occurrences(a, b, ctx.tz, &cal.holidays)
            .map_err(StoreError::Invalid)?
            .into_iter()
            .map(|o| (original_key(o.original), o))
            .collect())
    };
    let was = expand(old, from, last)?;
    let lo = from.min(shift(from, delta));
    let will = expand(new, lo, horizon.max(shift(last, delta)))?;
    let mut plan = Vec::with_capacity(rows.len());
    for (b, v) in rows {
        let o = original_of(&v)?;
        let key = original_key(shift(o.date(), delta).and_time(new.start_time));
        // A visit follows its series when it is where the series puts it:
        // one moved back by hand (or by an undo) follows again.
        let in_place = was.get(&v.original).is_some_and(|w| {
            w.start == b.start
                && w.end == b.end
                && b.staff_id == old.staff_id
                && b.service == old.service
        });
        let follows = b.id == x.id
            || (b.status == BookingStatus::Scheduled
                && in_place
                && matches!(v.exception.as_str(), "" | "moved" | "reassigned"));
        let fate = match (follows, will.get(&key)) {
            (true, Some(o)) => Fate::Follow(Some(o.clone())),
            (true, None) if b.id == x.id => Fate::Follow(None),
            (true, None) => Fate::Remove,
            (false, Some(_)) => Fate::Relink,
            (false, None) => Fate::Stay,
        };
        plan.push((b, v, key, fate));
    }
    // Free the places first: a visit may take the place another one leaves.
    for (b, _, _, fate) in &plan {
        if matches!(fate, Fate::Follow(_) | Fate::Relink) {
            tx.prepare_cached(
                "UPDATE bookings SET original_start = 'moving:' || id WHERE id = ?1",
            )?
            .execute([b.id])?;
        }
    }
    let mut out = ScopedOutcome::of(Scope::All, x.clone(), Some(new.id));
    for (b, v, key, fate) in plan {
        if matches!(fate, Fate::Stay) {
            continue;
        }
        if matches!(fate, Fate::Remove) {
            remove_visit(tx, ctx, &b, &v)?;
            out.removed.push(b.id);
            continue;
        }
        let taken: Option<i64> = tx
            .prepare_cached("SELECT id FROM bookings WHERE series_id = ?1 AND original_start = ?2")?
            .query_row(params![new.id, key], |r| r.get(0))
            .optional()?;
        let is_x = b.id == x.id;
        if taken.is_some() && !is_x {
            // An exception already holds the place: this one is not needed.
            if matches!(fate, Fate::Follow(_)) {
                remove_visit(tx, ctx, &b, &v)?;
                out.removed.push(b.id);
            } else {
                set_member(tx, b.id, None, &v.exception)?;
                journal_visit(
                    tx,
                    ctx,
                    "booking.edit",
                    b.id,
                    Some((&b, Some(&v))),
                    Some((&b, None)),
                    "",
                )?;
            }
            continue;
        }
        if let Some(other) = taken {
            // The visit the dispatcher moves wins its place; the one there
            // stays, as a booking of its own.
            let ob = get_in(tx, other)?;
            let ov = series_rows::visit_of(tx, other)?;
            set_member(tx, other, None, "moved")?;
            journal_visit(
                tx,
                ctx,
                "booking.edit",
                other,
                Some((&ob, ov.as_ref())),
                Some((&ob, None)),
                "",
            )?;
        }
        let mut after = b.clone();
        let mut exception = v.exception.clone();
        if let Fate::Follow(occ) = &fate {
            after.staff_id = new.staff_id;
            after.service = new.service.clone();
            after.notes = new.notes.clone();
            after.address = new.address.clone();
            after.estimate_min = new.duration_min;
            match occ {
                Some(o) => {
                    after.start = o.start;
                    after.end = o.end;
                    exception.clear();
                }
                None => {
                    apply(&mut after, change, ctx.tz);
                    exception = "moved".into();
                }
            }
        }
        let mut reason = String::new();
        if is_x {
            reason = dispatcher_clash(tx, ctx, &after, accept)?;
        } else if matches!(fate, Fate::Follow(_)) && after.staff_id.is_some() {
            let clashes = all_clashes(tx, &after)?;
            if !clashes.is_empty() {
                after.review = review_note(&clashes);
                out.review.push(b.id);
            }
        }
        let stored = put_row(tx, ctx, b.id, &after)?;
        set_member(
            tx,
            b.id,
            Some(RowMember {
                series_id: new.id,
                original: &key,
            }),
            &exception,
        )?;
        let now = Visit {
            series_id: new.id,
            original: key.clone(),
            exception,
        };
        let action = if matches!(fate, Fate::Relink) {
            BookingChange::Edit.action()
        } else {
            BookingChange::of_edit(&b, &stored).action()
        };
        journal_visit(
            tx,
            ctx,
            action,
            b.id,
            Some((&b, Some(&v))),
            Some((&stored, Some(&now))),
            &reason,
        )?;
        if is_x {
            out.booking = stored;
        } else {
            out.changed.push(b.id);
        }
    }
    Ok(out)
}
