//! The console's booking changes: create, edit, move, reassign, cancel and
//! approve. Each one re-checks inside its own write transaction what the
//! dispatcher saw on screen (the version of the row, the cleaner's other
//! bookings), so a change made meanwhile by someone else is refused with who
//! made it, never overwritten.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::bookings::{MAX_BOOKING_HOURS, change_booking, insert_row};
use super::{Result, Store, StoreError, WriteCtx, from_secs, journal, to_secs};
use crate::domain::{Booking, BookingStatus};

/// What the dispatcher can set on a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingDraft {
    pub customer_id: i64,
    pub staff_id: Option<i64>,
    pub service: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub estimate_min: u32,
    pub address: String,
    pub notes: String,
    /// Non-empty sends the booking to the review queue, with this reason.
    pub review: String,
}

impl BookingDraft {
    /// The booking a draft describes: on top of `base` (its status, times
    /// worked, version) when editing, else a new scheduled one.
    pub fn apply(&self, base: Option<&Booking>) -> Booking {
        let d = self;
        let base = base.cloned();
        Booking {
            id: base.as_ref().map_or(0, |b| b.id),
            customer_id: d.customer_id,
            staff_id: d.staff_id,
            service: d.service.clone(),
            start: d.start,
            end: d.end,
            estimate_min: d.estimate_min,
            status: base.as_ref().map_or(BookingStatus::Scheduled, |b| b.status),
            started_at: base.as_ref().and_then(|b| b.started_at),
            finished_at: base.as_ref().and_then(|b| b.finished_at),
            address: d.address.clone(),
            notes: d.notes.clone(),
            review: d.review.clone(),
            cancel_reason: base
                .as_ref()
                .map_or_else(String::new, |b| b.cancel_reason.clone()),
            version: base.as_ref().map_or(0, |b| b.version),
        }
    }

    pub fn of(b: &Booking) -> BookingDraft {
        BookingDraft {
            customer_id: b.customer_id,
            staff_id: b.staff_id,
            service: b.service.clone(),
            start: b.start,
            end: b.end,
            estimate_min: b.estimate_min,
            address: b.address.clone(),
            notes: b.notes.clone(),
            review: b.review.clone(),
        }
    }
}

/// A save from the form or from move mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Save {
    /// `Some((id, version))` edits that booking as the dispatcher saw it;
    /// `None` creates a new one.
    pub target: Option<(i64, i64)>,
    pub draft: BookingDraft,
    /// Bookings the dispatcher saw clash and chose to accept.
    pub accepted: Vec<i64>,
    /// Why the clashes are accepted; required when `accepted` is not empty.
    pub reason: String,
}

/// One of the cleaner's bookings that the new times overlap.
struct Clash {
    id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    customer: String,
    staff: String,
    by: String,
    at: DateTime<Utc>,
}

/// Checks a draft against the rules every booking obeys.
pub(crate) fn validate(tx: &Connection, d: &BookingDraft) -> Result<()> {
    check_shape(d)?;
    exists(
        tx,
        "customer",
        "SELECT 1 FROM customers WHERE id = ?1",
        d.customer_id,
    )?;
    if let Some(s) = d.staff_id {
        exists(
            tx,
            "cleaner",
            "SELECT 1 FROM staff WHERE id = ?1 AND active = 1",
            s,
        )?;
    }
    Ok(())
}

/// The rules a booking obeys on its own: times in order, not too long, a service.
pub(crate) fn check_shape(d: &BookingDraft) -> Result<()> {
    if d.end <= d.start {
        return Err(StoreError::Invalid(
            "a booking must end after it starts".into(),
        ));
    }
    if d.end - d.start > Duration::hours(MAX_BOOKING_HOURS) {
        return Err(StoreError::Invalid(format!(
            "a booking can last at most {MAX_BOOKING_HOURS} hours"
        )));
    }
    if d.service.trim().is_empty() {
        return Err(StoreError::Invalid("a booking needs a service type".into()));
    }
    Ok(())
}

pub(crate) fn exists(tx: &Connection, entity: &'static str, sql: &str, id: i64) -> Result<()> {
    match tx
        .prepare_cached(sql)?
        .query_row([id], |_| Ok(()))
        .optional()?
    {
        Some(()) => Ok(()),
        None => Err(StoreError::NotFound { entity, id }),
    }
}

/// The cleaner's active bookings overlapping `[start, end)`, other than `except`.
fn clashes(
    tx: &Connection,
    staff_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Vec<Clash>> {
    let mut stmt = tx.prepare_cached(
        "SELECT b.id, b.start_at, b.end_at, c.name, s.name, b.updated_by, b.updated_at
         FROM bookings b JOIN customers c ON c.id = b.customer_id JOIN staff s ON s.id = b.staff_id
         WHERE b.staff_id = ?1 AND b.status <> 'cancelled' AND b.id <> ?2
           AND b.start_at >= ?3 AND b.start_at < ?4 AND b.end_at > ?5
         ORDER BY b.start_at, b.id",
    )?;
    let earliest = to_secs(start - Duration::hours(MAX_BOOKING_HOURS));
    let rows = stmt.query_map(
        params![
            staff_id,
            except.unwrap_or(-1),
            earliest,
            to_secs(end),
            to_secs(start)
        ],
        |r| {
            Ok(Clash {
                id: r.get(0)?,
                start: from_secs(r.get(1)?)?,
                end: from_secs(r.get(2)?)?,
                customer: r.get(3)?,
                staff: r.get(4)?,
                by: r.get(5)?,
                at: from_secs(r.get(6)?)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses a double booking the dispatcher did not accept, naming it.
pub(crate) fn check_clashes(
    tx: &Connection,
    ctx: &WriteCtx,
    b: &Booking,
    accepted: &[i64],
) -> Result<Vec<i64>> {
    let Some(staff) = b.staff_id.filter(|_| b.is_active()) else {
        return Ok(Vec::new());
    };
    let found = clashes(tx, staff, b.start, b.end, Some(b.id))?;
    if let Some(c) = found.iter().find(|c| !accepted.contains(&c.id)) {
        return Err(StoreError::Clash(format!(
            "{} is already booked {}–{} at {} (#{}, saved by {} at {}); pick another time or \
             cleaner, or save with an override reason",
            c.staff,
            ctx.tz.hm(c.start),
            ctx.tz.hm(c.end),
            c.customer,
            c.id,
            c.by,
            ctx.when(c.at),
        )));
    }
    Ok(found.into_iter().map(|c| c.id).collect())
}

/// The journal action for an edit: a move or reassignment when only the
/// times or only the cleaner changed.
fn edit_action(before: &Booking, after: &Booking) -> &'static str {
    let mut same = after.clone();
    same.start = before.start;
    same.end = before.end;
    same.staff_id = before.staff_id;
    same.version = before.version;
    let only_place = same == *before;
    let moved = before.start != after.start || before.end != after.end;
    let reassigned = before.staff_id != after.staff_id;
    match (only_place, moved, reassigned) {
        (true, true, _) => "booking.move",
        (true, false, true) => "booking.reassign",
        _ => "booking.edit",
    }
}

fn override_text(reason: &str, clashes: &[i64]) -> String {
    if clashes.is_empty() {
        return String::new();
    }
    let ids: Vec<String> = clashes.iter().map(|id| format!("#{id}")).collect();
    format!("override ({}): {}", ids.join(", "), reason.trim())
}

impl Store {
    /// Creates or edits a booking from the console.
    pub fn save_booking(&mut self, save: Save) -> Result<Booking> {
        if !save.accepted.is_empty() && save.reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "accepting a clash needs a reason for the journal".into(),
            ));
        }
        self.write(|tx, ctx| {
            validate(tx, &save.draft)?;
            let d = &save.draft;
            match save.target {
                None => {
                    let b = insert_row(tx, ctx, &d.apply(None))?;
                    let accepted = check_clashes(tx, ctx, &b, &save.accepted)?;
                    let reason = override_text(&save.reason, &accepted);
                    journal::record_full::<(), _>(
                        tx,
                        ctx,
                        "booking.add",
                        "booking",
                        b.id,
                        None,
                        Some(&b),
                        &reason,
                        None,
                    )?;
                    Ok(b)
                }
                Some((id, version)) => {
                    let (before, after) = change_booking(tx, ctx, id, version, |b| {
                        if b.status == BookingStatus::Cancelled {
                            return Err(StoreError::Invalid(format!(
                                "booking #{id} is cancelled: undo the cancellation (u) or \
                                 create a new booking"
                            )));
                        }
                        *b = d.apply(Some(b));
                        Ok(())
                    })?;
                    let accepted = check_clashes(tx, ctx, &after, &save.accepted)?;
                    let reason = override_text(&save.reason, &accepted);
                    let action = edit_action(&before, &after);
                    journal::record_full(
                        tx,
                        ctx,
                        action,
                        "booking",
                        id,
                        Some(&before),
                        Some(&after),
                        &reason,
                        None,
                    )?;
                    Ok(after)
                }
            }
        })
    }

    /// Cancels a booking, with the dispatcher's reason.
    pub fn cancel_booking(&mut self, id: i64, version: i64, reason: &str) -> Result<Booking> {
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(StoreError::Invalid(
                "a cancellation needs a reason (e.g. \"kunden aflyste\")".into(),
            ));
        }
        self.write(|tx, ctx| {
            let (before, after) = change_booking(tx, ctx, id, version, |b| match b.status {
                BookingStatus::Cancelled => Err(StoreError::Invalid(format!(
                    "booking #{id} is already cancelled"
                ))),
                BookingStatus::Completed => Err(StoreError::Invalid(format!(
                    "booking #{id} is finished; a finished job cannot be cancelled"
                ))),
                _ => {
                    b.status = BookingStatus::Cancelled;
                    b.cancel_reason = reason.clone();
                    Ok(())
                }
            })?;
            journal::record_full(
                tx,
                ctx,
                "booking.cancel",
                "booking",
                id,
                Some(&before),
                Some(&after),
                &reason,
                None,
            )?;
            Ok(after)
        })
    }

    /// Takes a booking out of the review queue: the dispatcher checked it.
    pub fn approve_booking(&mut self, id: i64, version: i64) -> Result<Booking> {
        self.write(|tx, ctx| {
            let (before, after) = change_booking(tx, ctx, id, version, |b| {
                if !b.needs_review() {
                    return Err(StoreError::Invalid(format!(
                        "booking #{id} is not waiting for review"
                    )));
                }
                b.review.clear();
                Ok(())
            })?;
            journal::record_full(
                tx,
                ctx,
                "booking.approve",
                "booking",
                id,
                Some(&before),
                Some(&after),
                &before.review,
                None,
            )?;
            Ok(after)
        })
    }

    /// Active bookings waiting for review, by start.
    pub fn review_queue(&self) -> Result<Vec<Booking>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {} FROM bookings WHERE review <> '' AND status <> 'cancelled'
             ORDER BY start_at, id",
            super::bookings::COLUMNS
        ))?;
        let rows = stmt.query_map([], super::bookings::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every booking of one customer, by start: the customer's history.
    pub fn customer_bookings(&self, customer_id: i64) -> Result<Vec<Booking>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {} FROM bookings WHERE customer_id = ?1 ORDER BY start_at, id",
            super::bookings::COLUMNS
        ))?;
        let rows = stmt.query_map([customer_id], super::bookings::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
