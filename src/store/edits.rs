//! The console's booking changes: create, edit, move, reassign, cancel and
//! approve. Each one re-checks inside its own write transaction what the
//! dispatcher saw on screen (the version of the row, the cleaner's other
//! bookings), so a change made meanwhile by someone else is refused with who
//! made it, never overwritten.

use super::rows::{COLUMNS, change_booking, from_row, insert_row};
use super::rules::{check_clashes, validate};
use super::{Result, Store, StoreError, journal};
use crate::domain::Permission;
use crate::domain::{Booking, BookingChange, BookingDraft, BookingStatus};
use crate::store::ChangeRefusal;

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

/// The journal action for an edit: a move or reassignment when only the
/// times or only the cleaner changed.
fn edit_action(before: &Booking, after: &Booking) -> &'static str {
    BookingChange::of_edit(before, after).action()
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
            return Err(StoreError::Change(ChangeRefusal::ClashNeedsReason));
        }
        self.write(Permission::Bookings, |tx, ctx| {
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
                            return Err(StoreError::Change(ChangeRefusal::Cancelled {
                                booking: id,
                            }));
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
            return Err(StoreError::Change(ChangeRefusal::CancelNeedsReason));
        }
        self.write(Permission::Bookings, |tx, ctx| {
            let (before, after) = change_booking(tx, ctx, id, version, |b| match b.status {
                BookingStatus::Cancelled => {
                    Err(StoreError::Change(ChangeRefusal::AlreadyCancelled {
                        booking: id,
                    }))
                }
                BookingStatus::Completed => {
                    Err(StoreError::Change(ChangeRefusal::Finished { booking: id }))
                }
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
        self.write(Permission::Bookings, |tx, ctx| {
            let (before, after) = change_booking(tx, ctx, id, version, |b| {
                if !b.needs_review() {
                    return Err(StoreError::Change(ChangeRefusal::NotForReview {
                        booking: id,
                    }));
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

    /// The bookings `b` would double-book now (to accept them with a
    /// reason, or to show them).
    pub fn clashes_of(&self, b: &Booking) -> Result<Vec<i64>> {
        super::rules::all_clashes(self.conn(), b)
    }

    /// Active bookings waiting for review, by start.
    pub fn review_queue(&self) -> Result<Vec<Booking>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {} FROM bookings WHERE review <> '' AND status <> 'cancelled'
             ORDER BY start_at, id",
            COLUMNS
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every booking of one customer, by start: the customer's history.
    pub fn customer_bookings(&self, customer_id: i64) -> Result<Vec<Booking>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {} FROM bookings WHERE customer_id = ?1 ORDER BY start_at, id",
            COLUMNS
        ))?;
        let rows = stmt.query_map([customer_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
