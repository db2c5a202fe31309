//! What the slot finder and the sick-call planner read: the cleaners with
//! their availability, their jobs in the weeks of a window (with the
//! postcode of each job's place) and their newest booking, and the cleaners
//! a customer knows. A handful of indexed queries, whatever the size of the
//! history.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, params};

use super::availability::load_all;
use super::{Result, Store, StoreError, from_secs, to_secs};
use crate::domain::availability::postcode;
use crate::domain::sickcall::SickJob;
use crate::domain::slots::{Cleaner, Placed, week_start};
use crate::domain::{Booking, BookingStatus, MAX_BOOKING_HOURS};

/// Live, assigned bookings starting in `[from, to)` (optionally of one
/// cleaner), with the postcode of their place (theirs, else the customer's).
fn placed_between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    staff: Option<i64>,
) -> Result<Vec<Placed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.staff_id, b.customer_id, b.service, b.start_at, b.end_at, b.status,
                b.version, CASE WHEN b.address <> '' THEN b.address ELSE c.address END
         FROM bookings b JOIN customers c ON c.id = b.customer_id
         WHERE b.start_at >= ?1 AND b.start_at < ?2 AND b.status <> 'cancelled'
           AND b.staff_id IS NOT NULL AND (?3 IS NULL OR b.staff_id = ?3)
         ORDER BY b.start_at, b.id",
    )?;
    let mut rows = stmt.query(params![to_secs(from), to_secs(to), staff])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let status: String = r.get(6)?;
        let address: String = r.get(8)?;
        out.push(Placed {
            booking: Booking {
                id: r.get(0)?,
                customer_id: r.get(2)?,
                staff_id: r.get(1)?,
                service: r.get(3)?,
                start: from_secs(r.get(4)?)?,
                end: from_secs(r.get(5)?)?,
                estimate_min: 0,
                status: BookingStatus::parse(&status).ok_or_else(|| {
                    StoreError::Corrupt(format!("booking status {status:?} is not known"))
                })?,
                started_at: None,
                finished_at: None,
                address: String::new(),
                notes: String::new(),
                review: String::new(),
                cancel_reason: String::new(),
                version: r.get(7)?,
            },
            postcode: postcode(&address),
        });
    }
    Ok(out)
}

impl Store {
    /// The active cleaners (in name order) with what the finder needs for
    /// `days` days from `first`: availability, time off, every job in the
    /// whole weeks of the window, and their newest booking.
    pub fn finder_cleaners(&self, first: NaiveDate, days: u32) -> Result<Vec<Cleaner>> {
        let tz = self.tz();
        let last = first + Duration::days(i64::from(days.max(1)) - 1);
        let from = tz.day_bounds(week_start(first)).0 - Duration::hours(MAX_BOOKING_HOURS);
        let to = tz.day_bounds(week_start(last) + Duration::days(7)).0;
        let staff = self.staff()?;
        let mut availability = load_all(self.conn(), &staff)?;
        let mut jobs: std::collections::HashMap<i64, Vec<Placed>> = Default::default();
        for p in placed_between(self.conn(), from, to, None)? {
            if let Some(id) = p.booking.staff_id {
                jobs.entry(id).or_default().push(p);
            }
        }
        let mut newest = self
            .conn()
            .prepare_cached("SELECT max(id) FROM bookings WHERE staff_id = ?1")?;
        let mut out = Vec::with_capacity(staff.len());
        for s in staff {
            let last_booked: Option<i64> = newest.query_row([s.id], |r| r.get(0))?;
            out.push(Cleaner {
                id: s.id,
                availability: availability.remove(&s.id).unwrap_or_default(),
                time_off: s.time_off,
                jobs: jobs.remove(&s.id).unwrap_or_default(),
                last_booked,
                name: s.name,
            });
        }
        Ok(out)
    }

    /// The cleaners who did a customer's completed visits, most visits
    /// first (ties: the one who went last): the first is the usual cleaner,
    /// as in the customer's memory.
    pub fn known_cleaners(&self, customer_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT staff_id FROM bookings
             WHERE customer_id = ?1 AND status = 'completed' AND staff_id IS NOT NULL
             GROUP BY staff_id ORDER BY count(*) DESC, max(start_at) DESC, staff_id",
        )?;
        let rows = stmt.query_map([customer_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A cleaner's jobs still to do that start on the local dates
    /// `from..=to`, with the cleaners each customer knows: the sick call's
    /// input. Running and finished jobs are left where they are.
    pub fn sick_call_jobs(
        &self,
        staff_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SickJob>> {
        let tz = self.tz();
        let (start, _) = tz.day_bounds(from);
        let (_, end) = tz.day_bounds(to);
        let mut out = Vec::new();
        for job in placed_between(self.conn(), start, end, Some(staff_id))? {
            if job.booking.status != BookingStatus::Scheduled {
                continue;
            }
            let known_by = self.known_cleaners(job.booking.customer_id)?;
            out.push(SickJob { job, known_by });
        }
        Ok(out)
    }
}
