//! Several jobs given to other cleaners as one change (a sick call): one
//! transaction, each booking checked as the dispatcher saw it (its version)
//! and against the one double-booking rule, each journaled with its outbox
//! entry, all in one journal group so one undo takes them all back.

use super::rows::change_booking;
use super::rules::check_clashes;
use super::series::{change_end, change_start};
use super::{Result, Store, StoreError, journal};
use crate::domain::{Booking, BookingChange, BookingStatus, Permission};
use crate::store::ChangeRefusal;

/// A job to hand to another cleaner, as the plan saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handover {
    pub booking_id: i64,
    /// The version the plan was made from: a change made since is refused.
    pub version: i64,
    pub to: i64,
}

impl Store {
    /// Gives each job to its new cleaner, all or nothing, with `reason` in
    /// the journal (e.g. "sick call: Anna"). Refused, naming the job, when
    /// one was changed meanwhile or would double-book its new cleaner.
    pub fn reassign_jobs(&mut self, handovers: &[Handover], reason: &str) -> Result<Vec<Booking>> {
        if handovers.is_empty() {
            return Err(StoreError::Change(ChangeRefusal::NothingToReassign));
        }
        self.write(Permission::Bookings, |tx, ctx| {
            let start = change_start(tx)?;
            let mut done = Vec::with_capacity(handovers.len());
            for h in handovers {
                super::rules::exists(
                    tx,
                    "cleaner",
                    "SELECT 1 FROM staff WHERE id = ?1 AND active = 1",
                    h.to,
                )?;
                let (before, after) = change_booking(tx, ctx, h.booking_id, h.version, |b| {
                    if b.status != BookingStatus::Scheduled {
                        return Err(StoreError::Change(ChangeRefusal::NotReassignable {
                            booking: b.id,
                            status: b.status,
                        }));
                    }
                    b.staff_id = Some(h.to);
                    Ok(())
                })?;
                check_clashes(tx, ctx, &after, &[])?;
                journal::record_full(
                    tx,
                    ctx,
                    BookingChange::Reassign.action(),
                    "booking",
                    h.booking_id,
                    Some(&before),
                    Some(&after),
                    reason.trim(),
                    None,
                )?;
                done.push(after);
            }
            change_end(tx, start)?;
            Ok(done)
        })
    }
}
