//! Figures for `renos stats`: customers, bookings and the imports so far.

use serde::Serialize;

use super::{ImportLogEntry, Result, Store};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CustomerStats {
    pub total: i64,
    pub with_email: i64,
    pub with_phone: i64,
    pub with_address: i64,
    pub with_company: i64,
    /// Neither e-mail nor phone: nobody can reach them.
    pub without_contact: i64,
    pub with_bookings: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BookingStats {
    pub total: i64,
    pub scheduled: i64,
    pub in_progress: i64,
    pub completed: i64,
    pub cancelled: i64,
    pub unassigned: i64,
    pub for_review: i64,
    /// Imported from a calendar.
    pub from_calendar: i64,
}

/// The history counters of imported customers, summed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HistoryStats {
    pub leads: i64,
    pub bookings: i64,
    pub revenue_ore: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub customers: CustomerStats,
    pub bookings: BookingStats,
    pub history: HistoryStats,
    /// The most used tags, with how many customers carry each.
    pub tags: Vec<(String, i64)>,
    /// The latest imports, newest first.
    pub imports: Vec<ImportLogEntry>,
}

impl Store {
    pub fn stats(&self) -> Result<Stats> {
        let conn = self.conn();
        let customers = conn.query_row(
            "SELECT count(*),
                    count(*) FILTER (WHERE email <> ''),
                    count(*) FILTER (WHERE phone <> ''),
                    count(*) FILTER (WHERE address <> ''),
                    count(*) FILTER (WHERE company <> ''),
                    count(*) FILTER (WHERE email = '' AND phone = ''),
                    (SELECT count(DISTINCT customer_id) FROM bookings),
                    coalesce(sum(leads), 0), coalesce(sum(past_bookings), 0),
                    coalesce(sum(revenue_ore), 0)
             FROM customers",
            [],
            |r| {
                Ok((
                    CustomerStats {
                        total: r.get(0)?,
                        with_email: r.get(1)?,
                        with_phone: r.get(2)?,
                        with_address: r.get(3)?,
                        with_company: r.get(4)?,
                        without_contact: r.get(5)?,
                        with_bookings: r.get(6)?,
                    },
                    HistoryStats {
                        leads: r.get(7)?,
                        bookings: r.get(8)?,
                        revenue_ore: r.get(9)?,
                    },
                ))
            },
        )?;
        let bookings = conn.query_row(
            "SELECT count(*),
                    count(*) FILTER (WHERE status = 'scheduled'),
                    count(*) FILTER (WHERE status = 'in_progress'),
                    count(*) FILTER (WHERE status = 'completed'),
                    count(*) FILTER (WHERE status = 'cancelled'),
                    count(*) FILTER (WHERE staff_id IS NULL AND status <> 'cancelled'),
                    count(*) FILTER (WHERE review <> '' AND status <> 'cancelled'),
                    (SELECT count(*) FROM booking_uids)
             FROM bookings",
            [],
            |r| {
                Ok(BookingStats {
                    total: r.get(0)?,
                    scheduled: r.get(1)?,
                    in_progress: r.get(2)?,
                    completed: r.get(3)?,
                    cancelled: r.get(4)?,
                    unassigned: r.get(5)?,
                    for_review: r.get(6)?,
                    from_calendar: r.get(7)?,
                })
            },
        )?;
        let mut stmt = conn.prepare(
            "SELECT t.value, count(*) FROM customers, json_each(customers.tags) t
             GROUP BY t.value ORDER BY count(*) DESC, t.value LIMIT 10",
        )?;
        let tags = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Stats {
            customers: customers.0,
            bookings,
            history: customers.1,
            tags,
            imports: self.import_log(5)?,
        })
    }
}
