//! The bookings around an import's new ones, per cleaner: read once for a
//! stretch of days instead of once for each new booking or series. A batch
//! holds the write lock, so only the batch itself changes them: the
//! bookings it adds join them, and any other write (seen in the
//! connection's count of changed rows) drops them all, to be read again.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::super::Result;
use super::super::rows::{cleaner_window, light};
use super::super::series::Known;
use crate::domain::{Booking, MAX_BOOKING_HOURS};

/// How far before what is asked for a wide stretch begins.
const BEHIND: Duration = Duration::days(2);
/// How far after what is asked for a wide stretch reaches.
const AHEAD: Duration = Duration::days(14);
/// Stretches kept per cleaner (a calendar's single events and its series'
/// visits up to the horizon are often far apart): the last used.
const KEPT: usize = 3;

/// The cleaners' bookings read so far in one batch.
#[derive(Default)]
pub(in crate::store) struct Around {
    /// The connection's count of changed rows when they were last right.
    changes: u64,
    by_staff: HashMap<i64, Vec<Stretch>>,
}

/// What `rows::cleaner_window(staff, from, to)` reads, and the batch's own
/// bookings since: every booking of the cleaner in the plan that starts in
/// `[from - MAX_BOOKING_HOURS, to)` and ends at or after `from` (and maybe
/// others, which the clash rule passes over). It holds every booking that
/// may double-book one within `[from, to]`.
struct Stretch {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    rows: Vec<Booking>,
}

impl Stretch {
    fn covers(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
        self.from <= from && to <= self.to
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
    /// Drops what was read when anything but this batch's own bookings
    /// (told to [`Around::added`]) was written since.
    pub(in crate::store) fn check(&mut self, conn: &Connection) {
        let changes = conn.total_changes();
        if changes != self.changes {
            self.by_staff.clear();
            self.changes = changes;
        }
    }

    /// What was written since the last check is known not to touch any
    /// booking but those told to [`Around::added`] (a series' own rows, its
    /// journal entries).
    pub(in crate::store) fn settle(&mut self, conn: &Connection) {
        self.changes = conn.total_changes();
    }

    /// A stretch of the cleaner's bookings covering `[from, to]`, read now
    /// unless one is kept. What is asked near a stretch read before (a file
    /// in the order of time, series after series up to the horizon) reads
    /// a wide one, for what is asked next; what is asked far from any (a
    /// file in no order) reads only what it needs, as without them.
    fn stretch(
        &mut self,
        conn: &Connection,
        staff: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<&mut Stretch> {
        self.check(conn);
        let kept = self.by_staff.entry(staff).or_default();
        match kept.iter().position(|s| s.covers(from, to)) {
            // The last used goes last.
            Some(at) => kept[at..].rotate_left(1),
            None => {
                let near = kept
                    .iter()
                    .any(|s| from < s.to + AHEAD && to > s.from - AHEAD);
                let (from, to) = if near {
                    (from - BEHIND, to + AHEAD)
                } else {
                    (from, to)
                };
                let rows = cleaner_window(conn, staff, from, to)?;
                if kept.len() == KEPT {
                    kept.remove(0);
                }
                kept.push(Stretch { from, to, rows });
            }
        }
        let last = kept.len() - 1;
        Ok(&mut kept[last])
    }

    /// The bookings of `b`'s cleaner whose times overlap `b`'s (none when
    /// `b` has no cleaner): all the clash rule needs to look at.
    pub(in crate::store) fn neighbours(
        &mut self,
        conn: &Connection,
        b: &Booking,
    ) -> Result<Vec<Booking>> {
        let Some(staff) = b.staff_id else {
            return Ok(Vec::new());
        };
        Ok(self
            .stretch(conn, staff, b.start, b.end)?
            .rows
            .iter()
            .filter(|o| o.start < b.end && o.end > b.start)
            .cloned()
            .collect())
    }

    /// `b` was just written, with the batch's own rows that go with it: it
    /// joins its cleaner's bookings (where it is not yet), which are right
    /// as of now.
    pub(in crate::store) fn added(&mut self, conn: &Connection, b: &Booking) {
        if let Some(kept) = b.staff_id.and_then(|s| self.by_staff.get_mut(&s)) {
            for stretch in kept.iter_mut() {
                if stretch.holds(b) && !stretch.rows.iter().any(|o| o.id == b.id) {
                    stretch.rows.push(light(b));
                }
            }
        }
        self.settle(conn);
    }
}

impl Known for Around {
    fn of(
        &mut self,
        tx: &Connection,
        staff: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Option<&mut Vec<Booking>>> {
        Ok(Some(&mut self.stretch(tx, staff, from, to)?.rows))
    }
}
