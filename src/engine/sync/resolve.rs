//! The dispatcher's decision on a sync conflict. Purely local: the choice is
//! written with the link's new agreed state and an outbox entry, and the
//! next sync carries it to Google.

use crate::domain::remark::Remark;
use crate::domain::sync::EventFields;
use crate::domain::{Booking, BookingStatus, Customer};
use crate::store::{Store, StoreError};

use super::calendars::remarked;
use super::fields::apply_fields;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Choice {
    /// The console's version goes to the calendar.
    Mine,
    /// The calendar's version replaces the console's.
    Theirs,
    /// Both stay: the calendar's version becomes a new booking (in review).
    Both,
}

/// How a conflict was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// The booking has no calendar event any more: nothing to settle.
    NoEvent { booking: i64 },
    /// The console's version goes to the calendar.
    KeptMine { booking: i64 },
    /// The console's version stays, and the calendar's became `copy` (in review).
    KeptBoth { booking: i64, copy: i64 },
    /// The calendar's version replaced the console's.
    TookTheirs { booking: i64 },
}

/// Settles a conflict of `booking_id` as the dispatcher chose (the one of
/// its series held on it first, then its own); returns what happens now.
pub fn resolve(store: &mut Store, booking_id: i64, choice: Choice) -> Result<Settled, StoreError> {
    let of_series = store.sync_conflict_held(booking_id, true)?.is_some();
    resolve_held(store, booking_id, of_series, choice)
}

/// Settles the conflict of `booking_id`'s own event, or (`of_series`) the
/// one of its series held on it, as the dispatcher chose; returns what
/// happens now.
pub fn resolve_held(
    store: &mut Store,
    booking_id: i64,
    of_series: bool,
    choice: Choice,
) -> Result<Settled, StoreError> {
    if of_series {
        let Some(c) = store.sync_conflict_held(booking_id, true)? else {
            return Err(StoreError::NoSyncConflict {
                booking: booking_id,
                of_series: true,
            });
        };
        let Some(sl) = store.google_series_by_event(&c.calendar_id, &c.event_id)? else {
            // Its series has no recurring event any more: nothing to settle.
            let actor = store.actor().to_string();
            store.sync_write(&actor, |w| w.drop_conflict_held(booking_id, true))?;
            return Ok(Settled::NoEvent {
                booking: booking_id,
            });
        };
        return super::series::resolve_series(store, c, sl, choice);
    }
    let actor = store.actor().to_string();
    store.sync_write(&actor, |w| {
        let Some(c) = w.conflict_held(booking_id, false)? else {
            return Err(StoreError::NoSyncConflict {
                booking: booking_id,
                of_series: false,
            });
        };
        let Some(mut link) = w.link_by_booking(booking_id)? else {
            w.drop_conflict(booking_id)?;
            return Ok(Settled::NoEvent {
                booking: booking_id,
            });
        };
        let booking = w.booking(booking_id)?;
        // A conflict of an item the booking has left (changed there after
        // the job moved to another calendar): the booking takes the choice
        // and its own item follows; that item's agreed state is not this.
        let old_copy = c.calendar_id != link.calendar_id || c.event_id != link.event_id;
        let kept = link.clone();
        if c.remote_etag.is_some() {
            link.etag = c.remote_etag.clone();
        }
        let settled = match choice {
            Choice::Mine | Choice::Both => {
                let mut settled = Settled::KeptMine {
                    booking: booking_id,
                };
                if choice == Choice::Both
                    && let (Some(b), Some(t)) = (&booking, &c.theirs)
                {
                    let customer = w.customer(b.customer_id)?;
                    let base = Booking {
                        status: BookingStatus::Scheduled,
                        cancel_reason: String::new(),
                        started_at: None,
                        finished_at: None,
                        review: Remark::copy_of(booking_id),
                        ..b.clone()
                    };
                    let copy = apply_fields(&base, t, &customer);
                    let added = w.add_booking(&copy, Remark::KeptBoth.text())?;
                    w.enqueue_booking(added.id)?;
                    settled = Settled::KeptBoth {
                        booking: booking_id,
                        copy: added.id,
                    };
                }
                match &c.theirs {
                    // Overwrite what the calendar has now.
                    Some(t) => {
                        link.base = Some(t.clone());
                        link.gone = false;
                    }
                    // Deleted there: restored from ours.
                    None => link.gone = true,
                }
                settled
            }
            Choice::Theirs => {
                match (&booking, &c.theirs) {
                    (Some(b), Some(t)) => {
                        let customer = w.customer(b.customer_id)?;
                        // What both last agreed on: the link's (it moved on
                        // for fields taken over beside the clash), or for an
                        // item the booking has left, the conflict's.
                        let base = if old_copy {
                            c.base.as_ref()
                        } else {
                            kept.base.as_ref().or(c.base.as_ref())
                        };
                        let t = taken(b, &customer, base, t);
                        let mut after = apply_fields(b, &t, &customer);
                        if after.status == BookingStatus::Cancelled {
                            after.status = BookingStatus::Scheduled;
                            after.cancel_reason = String::new();
                        }
                        w.update_booking(b, &after, Remark::KeptTheirs.text())?;
                        link.gone = false;
                    }
                    (Some(b), None) => {
                        if b.is_active() {
                            let deleted = Remark::DeletedThere(remarked(&c.calendar_id)).text();
                            let after = Booking {
                                status: BookingStatus::Cancelled,
                                cancel_reason: deleted.to_string(),
                                ..b.clone()
                            };
                            w.update_booking(b, &after, deleted)?;
                        }
                        link.gone = true;
                    }
                    (None, _) => {}
                }
                link.base = c.theirs.clone().or(link.base);
                Settled::TookTheirs {
                    booking: booking_id,
                }
            }
        };
        w.save_link(if old_copy { &kept } else { &link })?;
        w.drop_conflict(booking_id)?;
        w.enqueue_booking(booking_id)?;
        Ok(settled)
    })
}

/// The calendar's side as "keep theirs" takes it: what the calendar changed
/// since both last agreed (`base`), onto the booking as it is now, so a
/// field changed only here (beside the clash, or while it waited) stays.
/// Without an agreed state, the calendar's version whole.
fn taken(
    b: &Booking,
    customer: &Customer,
    base: Option<&EventFields>,
    t: &EventFields,
) -> EventFields {
    let Some(base) = base else {
        return t.clone();
    };
    let now = EventFields {
        start: b.start,
        end: b.end,
        staff_id: b.staff_id,
        location: if b.address.trim().is_empty() {
            customer.address.clone()
        } else {
            b.address.clone()
        },
        notes: b.notes.clone(),
        summary: t.summary.clone(),
    };
    t.rebased(base, &now)
}
