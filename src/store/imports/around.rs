//! The bookings around an import's new ones, per cleaner: read once for a
//! stretch of days instead of once for each new booking. A batch holds the
//! write lock, so only the batch itself changes them: the bookings it adds
//! join them, and any other write (seen in the connection's count of
//! changed rows) drops them all, to be read again.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::super::Result;
use super::super::rows::cleaner_window;
use crate::domain::{Booking, MAX_BOOKING_HOURS};

/// How far before a new booking's start the stretch read for it begins.
const BEHIND: Duration = Duration::days(2);
/// How far after a new booking's end the stretch read for it reaches.
const AHEAD: Duration = Duration::days(14);

/// The cleaners' bookings read so far in one batch.
#[derive(Default)]
pub(super) struct Around {
    /// The connection's count of changed rows when they were last right.
    changes: u64,
    by_staff: HashMap<i64, Stretch>,
}

/// What `rows::cleaner_window(staff, from, to)` reads: every booking of the
/// cleaner in the plan that starts in `[from - MAX_BOOKING_HOURS, to)` and
/// ends at or after `from`, by start. It holds every booking that may
/// double-book a booking within `[from, to]`.
struct Stretch {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    rows: Vec<Booking>,
}

impl Stretch {
    fn covers(&self, b: &Booking) -> bool {
        self.from <= b.start && b.end <= self.to
    }

    /// Whether `b` belongs among the rows (see [`Stretch`]).
    fn holds(&self, b: &Booking) -> bool {
        b.is_active()
            && b.start >= self.from - Duration::hours(MAX_BOOKING_HOURS)
            && b.start < self.to
            && b.end >= self.from
    }
}

impl Around {
    /// The bookings of `b`'s cleaner whose times overlap `b`'s (none when
    /// `b` has no cleaner): all the clash rule needs to look at.
    pub(super) fn neighbours(&mut self, conn: &Connection, b: &Booking) -> Result<Vec<Booking>> {
        let Some(staff) = b.staff_id else {
            return Ok(Vec::new());
        };
        let changes = conn.total_changes();
        if changes != self.changes {
            self.by_staff.clear();
            self.changes = changes;
        }
        let stretch = match self.by_staff.get(&staff) {
            Some(s) if s.covers(b) => s,
            _ => {
                let (from, to) = (b.start - BEHIND, b.end + AHEAD);
                let rows = cleaner_window(conn, staff, from, to)?;
                self.by_staff
                    .entry(staff)
                    .insert_entry(Stretch { from, to, rows })
                    .into_mut()
            }
        };
        Ok(stretch
            .rows
            .iter()
            .take_while(|o| o.start < b.end)
            .filter(|o| o.end > b.start)
            .cloned()
            .collect())
    }

    /// `b` was just written, and the batch's own rows that go with it: it
    /// joins its cleaner's bookings, which are right as of now.
    pub(super) fn added(&mut self, conn: &Connection, b: &Booking) {
        if let Some(stretch) = b.staff_id.and_then(|s| self.by_staff.get_mut(&s))
            && stretch.holds(b)
        {
            let at = stretch
                .rows
                .partition_point(|o| (o.start, o.id) < (b.start, b.id));
            stretch.rows.insert(at, light(b));
        }
        self.changes = conn.total_changes();
    }
}

/// `b` as the clash rule reads it (as `cleaner_window` reads rows).
fn light(b: &Booking) -> Booking {
    Booking {
        id: b.id,
        customer_id: 0,
        staff_id: b.staff_id,
        service: String::new(),
        start: b.start,
        end: b.end,
        estimate_min: 0,
        status: b.status,
        started_at: None,
        finished_at: None,
        address: String::new(),
        notes: String::new(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 0,
    }
}
