//! The booking rules as a write transaction asks them: the domain's shape
//! rules, the customer and cleaner still there, and the domain's
//! double-booking rule over the cleaner's bookings loaded inside the same
//! transaction (which holds the write lock, so nobody books in between).

use rusqlite::{Connection, OptionalExtension};

use super::rows::cleaner_window;
use super::{Result, StoreError, WriteCtx, from_secs};
use crate::domain::clash::{self, Clash};
use crate::domain::{Booking, BookingDraft};

/// Checks a draft against the rules every booking obeys.
pub(crate) fn validate(tx: &Connection, d: &BookingDraft) -> Result<()> {
    d.check_shape()?;
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

/// The rules a booking obeys on its own (see [`BookingDraft::check_shape`]).
pub(crate) fn check_shape(b: &Booking) -> Result<()> {
    Ok(BookingDraft::of(b).check_shape()?)
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

/// The cleaner's bookings around `b`'s times, for the clash rule; none when
/// `b` has no cleaner.
fn neighbours(tx: &Connection, b: &Booking) -> Result<Vec<Booking>> {
    match b.staff_id {
        Some(staff) => cleaner_window(tx, staff, b.start, b.end),
        None => Ok(Vec::new()),
    }
}

/// Every booking `b` would double-book (to accept them all).
pub(crate) fn all_clashes(tx: &Connection, b: &Booking) -> Result<Vec<i64>> {
    let others = neighbours(tx, b)?;
    Ok(clash::clashes(b, &others)
        .into_iter()
        .map(|c| c.other)
        .collect())
}

/// Refuses a double booking the dispatcher did not accept, naming it;
/// returns the accepted ones `b` double-books.
pub(crate) fn check_clashes(
    tx: &Connection,
    ctx: &WriteCtx,
    b: &Booking,
    accepted: &[i64],
) -> Result<Vec<i64>> {
    let others = neighbours(tx, b)?;
    check_clashes_among(tx, ctx, b, &others, accepted)
}

/// [`check_clashes`] against `others`, the cleaner's bookings already read
/// (any that may double-book `b`, and others the rule passes over).
pub(crate) fn check_clashes_among(
    tx: &Connection,
    ctx: &WriteCtx,
    b: &Booking,
    others: &[Booking],
    accepted: &[i64],
) -> Result<Vec<i64>> {
    match clash::check_clashes(b, others, accepted) {
        Ok(ids) => Ok(ids),
        Err(c) => Err(refusal(tx, ctx, others, c)?),
    }
}

/// The words of a refused double booking: who, when, whose job, who saved it.
fn refusal(tx: &Connection, ctx: &WriteCtx, others: &[Booking], c: Clash) -> Result<StoreError> {
    let Some(o) = others.iter().find(|o| o.id == c.other) else {
        return Err(StoreError::NotFound {
            entity: "booking",
            id: c.other,
        });
    };
    let (customer, staff, by, at): (String, String, String, i64) = tx
        .prepare_cached(
            "SELECT c.name, s.name, b.updated_by, b.updated_at
             FROM bookings b JOIN customers c ON c.id = b.customer_id
               JOIN staff s ON s.id = b.staff_id
             WHERE b.id = ?1",
        )?
        .query_row([o.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(StoreError::Clash(Box::new(ClashRefusal {
        staff,
        start: ctx.tz.hm(o.start),
        end: ctx.tz.hm(o.end),
        customer,
        other: o.id,
        by,
        at: ctx.when(from_secs(at)?),
    })))
}

/// A double booking refused: the cleaner, the other job's times (as the
/// dispatcher reads them), its customer and number, and who saved it when.
/// Worded by `words::values::clash_refusal`; its `Display` is the English
/// text (logs, the API).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClashRefusal {
    pub staff: String,
    pub start: String,
    pub end: String,
    pub customer: String,
    pub other: i64,
    pub by: String,
    pub at: String,
}

impl std::fmt::Display for ClashRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is already booked {}–{} at {} (#{}, saved by {} at {}); pick another time or \
             cleaner, or save with an override reason",
            self.staff, self.start, self.end, self.customer, self.other, self.by, self.at
        )
    }
}
