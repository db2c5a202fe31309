//! One day of the plan, loaded with everything a screen or report needs:
//! cleaners, bookings, their customers and the day's conflicts.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::config::Settings;
use crate::domain::BusinessTz;
use crate::domain::conflict::ConflictFacts;
use crate::domain::memory::{CustomerMemory, customer_memory};
use crate::domain::overtime::{late_start, overtime};
use crate::domain::series::Series;
use crate::domain::{Booking, Conflict, ConflictKind, Customer, Staff, detect_conflicts};
use crate::store::{AlertRecord, InvoiceRecord, Result, Store, Visit};

/// A booking that is a visit of a series: its place there, and the series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesVisit {
    pub visit: Visit,
    pub series: Series,
}

#[derive(Debug, Clone, Default)]
pub struct DayPlan {
    pub date: NaiveDate,
    /// Active cleaners in name order: one lane each.
    pub staff: Vec<Staff>,
    /// Bookings touching the day (cancelled too), sorted by start.
    pub bookings: Vec<Booking>,
    pub customers: HashMap<i64, Customer>,
    pub conflicts: Vec<Conflict>,
    /// What the business knows of each customer of the day (filled by
    /// `load_memory`; empty for reports that do not need it).
    pub memory: HashMap<i64, CustomerMemory>,
    /// Bookings with a change Google has not heard of yet (filled by
    /// `load_sync_marks`).
    pub sync_pending: HashSet<i64>,
    /// Bookings waiting in the sync conflict queue.
    pub sync_conflicted: HashSet<i64>,
    /// The invoice of each booking that has one (filled by `load_office`).
    pub invoices: HashMap<i64, InvoiceRecord>,
    /// The newest call or SMS of each booking that has one.
    pub alerts: HashMap<i64, AlertRecord>,
    /// The series of each booking that is a visit of one (filled by
    /// `load_series`).
    pub series: HashMap<i64, SeriesVisit>,
}

impl DayPlan {
    /// Assembles a day from loaded parts, detecting its conflicts. Pure.
    pub fn build(
        date: NaiveDate,
        staff: Vec<Staff>,
        mut bookings: Vec<Booking>,
        customers: HashMap<i64, Customer>,
        settings: &Settings,
    ) -> DayPlan {
        bookings.sort_by_key(|b| (b.start, b.id));
        let conflicts = detect_conflicts(&bookings, &staff, settings.tz, &settings.conflicts);
        DayPlan {
            date,
            staff,
            bookings,
            customers,
            conflicts,
            memory: HashMap::new(),
            sync_pending: HashSet::new(),
            sync_conflicted: HashSet::new(),
            invoices: HashMap::new(),
            alerts: HashMap::new(),
            series: HashMap::new(),
        }
    }

    /// Loads the series of the day's bookings that are visits of one.
    pub fn load_series(&mut self, store: &Store) -> Result<()> {
        let mut known: HashMap<i64, Series> = HashMap::new();
        for b in &self.bookings {
            let Some(visit) = store.visit_of(b.id)? else {
                continue;
            };
            let series = match known.get(&visit.series_id) {
                Some(s) => s.clone(),
                None => {
                    let s = store.series(visit.series_id)?;
                    known.insert(s.id, s.clone());
                    s
                }
            };
            self.series.insert(b.id, SeriesVisit { visit, series });
        }
        Ok(())
    }

    /// Loads the history figures of the day's customers.
    pub fn load_memory(&mut self, store: &Store, now: DateTime<Utc>, tz: BusinessTz) -> Result<()> {
        for id in self.customers.keys() {
            let history = store.customer_bookings(*id)?;
            self.memory.insert(*id, customer_memory(&history, now, tz));
        }
        Ok(())
    }

    /// Loads which of the day's bookings wait for the sync: pending or in
    /// conflict.
    pub fn load_sync_marks(&mut self, store: &Store) -> Result<()> {
        let ids: HashSet<i64> = self.bookings.iter().map(|b| b.id).collect();
        self.sync_pending = store.pending_sync_bookings()?;
        self.sync_pending.retain(|id| ids.contains(id));
        self.sync_conflicted = store.conflicted_bookings()?;
        self.sync_conflicted.retain(|id| ids.contains(id));
        Ok(())
    }

    /// Loads the invoices and the latest alerts of the day's bookings.
    pub fn load_office(&mut self, store: &Store) -> Result<()> {
        let ids: Vec<i64> = self.bookings.iter().map(|b| b.id).collect();
        self.invoices = store.invoices_of(ids.iter().copied())?;
        self.alerts = store.latest_alerts(ids)?;
        Ok(())
    }

    /// The same day with one booking changed (or added), its conflicts
    /// detected again: what the schedule would look like.
    pub fn with_booking(&self, b: Booking, settings: &Settings) -> DayPlan {
        let mut bookings: Vec<Booking> = self
            .bookings
            .iter()
            .filter(|x| x.id != b.id)
            .cloned()
            .collect();
        bookings.push(b);
        let mut plan = DayPlan::build(
            self.date,
            self.staff.clone(),
            bookings,
            self.customers.clone(),
            settings,
        );
        plan.memory = self.memory.clone();
        plan.sync_pending = self.sync_pending.clone();
        plan.sync_conflicted = self.sync_conflicted.clone();
        plan.invoices = self.invoices.clone();
        plan.alerts = self.alerts.clone();
        plan.series = self.series.clone();
        plan
    }

    /// Loads the local day `date` from the store.
    pub fn load(store: &Store, date: NaiveDate, settings: &Settings) -> Result<DayPlan> {
        let (from, to) = settings.tz.day_bounds(date);
        let staff = store.staff()?;
        let bookings = store.bookings_between(from, to)?;
        let customers = store.customers_by_id(bookings.iter().map(|b| b.customer_id))?;
        Ok(DayPlan::build(date, staff, bookings, customers, settings))
    }

    pub fn booking(&self, id: i64) -> Option<&Booking> {
        self.bookings.iter().find(|b| b.id == id)
    }

    pub fn customer(&self, b: &Booking) -> Option<&Customer> {
        self.customers.get(&b.customer_id)
    }

    pub fn customer_name(&self, b: &Booking) -> &str {
        self.customer(b)
            .map_or("(unknown customer)", |c| c.name.as_str())
    }

    pub fn staff_by_id(&self, id: i64) -> Option<&Staff> {
        self.staff.iter().find(|s| s.id == id)
    }

    pub fn staff_name(&self, b: &Booking) -> &str {
        b.staff_id
            .and_then(|id| self.staff_by_id(id))
            .map_or("unassigned", |s| s.name.as_str())
    }

    /// Is there a lane for bookings without a (current) cleaner?
    pub fn has_unassigned(&self) -> bool {
        self.bookings
            .iter()
            .any(|b| b.is_active() && self.lane_of(b).is_none())
    }

    /// The lane a booking is drawn in: its cleaner's, or `None` for unassigned.
    pub fn lane_of(&self, b: &Booking) -> Option<i64> {
        b.staff_id.filter(|id| self.staff_by_id(*id).is_some())
    }

    /// Bookings shown in a lane (`None` = unassigned), by start.
    pub fn lane(&self, staff_id: Option<i64>) -> impl Iterator<Item = &Booking> {
        self.bookings
            .iter()
            .filter(move |b| b.is_active() && self.lane_of(b) == staff_id)
    }

    pub fn conflicts_of(&self, booking_id: i64) -> impl Iterator<Item = &Conflict> {
        self.conflicts
            .iter()
            .filter(move |c| c.involves(booking_id))
    }

    /// The worst conflict a booking takes part in.
    pub fn worst_conflict(&self, booking_id: i64) -> Option<ConflictKind> {
        self.conflicts_of(booking_id).map(|c| c.kind).min()
    }

    /// What a sentence about a conflict says: customers, local times, the
    /// cleaner's day (the view words it).
    pub fn conflict_facts(&self, c: &Conflict, settings: &Settings) -> ConflictFacts {
        let lookup = |id: i64| {
            self.booking(id)
                .map(|b| (self.customer_name(b).to_string(), b.start, b.end))
        };
        c.facts(
            self.staff_by_id(c.staff_id),
            &lookup,
            settings.tz,
            &settings.conflicts,
        )
    }

    /// The agenda rows of the day, by cleaner then time.
    pub fn agenda(&self, now: DateTime<Utc>, settings: &Settings) -> Vec<AgendaItem> {
        let mut rows: Vec<&Booking> = self.bookings.iter().collect();
        let order: HashMap<i64, usize> = self
            .staff
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        rows.sort_by_key(|b| {
            (
                self.lane_of(b)
                    .and_then(|id| order.get(&id).copied())
                    .unwrap_or(usize::MAX),
                b.start,
                b.id,
            )
        });
        rows.into_iter()
            .map(|b| {
                let mut kinds: Vec<ConflictKind> =
                    self.conflicts_of(b.id).map(|c| c.kind).collect();
                kinds.sort();
                kinds.dedup();
                let ot = overtime(b, now, &settings.overtime);
                AgendaItem {
                    id: b.id,
                    staff: self.lane_of(b).map(|_| self.staff_name(b).to_string()),
                    customer: self.customer_name(b).to_string(),
                    service: b.service.clone(),
                    address: self.address(b).to_string(),
                    start: settings.tz.rfc3339(b.start),
                    end: settings.tz.rfc3339(b.end),
                    estimate_min: b.estimate_min,
                    status: b.status.as_str(),
                    conflicts: kinds.iter().map(|k| k.as_str()).collect(),
                    overtime_minutes: ot.map_or(0, |o| o.over_min),
                    overtime_level: ot.map(|o| o.level.as_str()),
                    late_start_minutes: late_start(b, now),
                }
            })
            .collect()
    }

    /// Where the job is: its own address, else the customer's.
    pub fn address<'a>(&'a self, b: &'a Booking) -> &'a str {
        if b.address.trim().is_empty() {
            self.customer(b).map_or("", |c| c.address.as_str())
        } else {
            &b.address
        }
    }
}

/// One line of `renos agenda`, and one item of its `--json` array.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    pub id: i64,
    /// `null` when unassigned.
    pub staff: Option<String>,
    pub customer: String,
    pub service: String,
    pub address: String,
    pub start: String,
    pub end: String,
    pub estimate_min: u32,
    pub status: &'static str,
    pub conflicts: Vec<&'static str>,
    pub overtime_minutes: i64,
    pub overtime_level: Option<&'static str>,
    pub late_start_minutes: Option<i64>,
}
