//! Bookings as calendar events and back: which calendar, which event id,
//! what the event says, and what a calendar's version means for a booking.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::customers::CustomerKeys;
use crate::domain::sync::EventFields;
use crate::domain::{Booking, BusinessTz, Customer};
use crate::providers::calendar::events::{
    EventStatus, EventTime, EventWrite, PROP_BOOKING, PROP_INSTANCE, RemoteEvent,
};
use crate::store::SyncWriter;

/// The private property naming the booking's cleaner (shared calendar).
pub const PROP_STAFF: &str = "renos_staff";
pub const PROP_CUSTOMER: &str = "renos_customer";
pub const PROP_SERVICE: &str = "renos_service";

/// What the sync needs to know of the business: cleaners, calendars, zone.
#[derive(Debug, Clone)]
pub struct Layout {
    pub instance: String,
    pub tz: BusinessTz,
    pub shared: String,
    /// Cleaner id → own calendar.
    pub staff_calendar: HashMap<i64, String>,
    /// Own calendar → cleaner id.
    pub calendar_staff: HashMap<String, i64>,
    pub staff_names: HashMap<i64, String>,
    /// The sync window: events ending before `.0` or starting after `.1`
    /// are not listed by a full sync.
    pub window: (DateTime<Utc>, DateTime<Utc>),
    /// Instances of recurring events made by hand become bookings only up
    /// to here, so an open-ended series cannot flood the review queue.
    pub instances_until: DateTime<Utc>,
    /// The customers events may name, read when first needed in a run.
    pub customers: Arc<Mutex<Option<CustomerKeys>>>,
}

impl Layout {
    /// The event id of a booking's event: derived from the booking, so an
    /// insert repeated after a lost answer cannot make a second event
    /// (base32hex: `a`–`v`, `0`–`9`).
    pub fn event_id(&self, booking_id: i64) -> String {
        format!("renos{}b{booking_id}", self.instance)
    }

    /// The id of the booking's next event after `old` died (deleted in the
    /// calendar or here, then the booking came back): Google keeps a
    /// deleted event's id, so the new event needs a new one, still derived
    /// from the booking (`…b17`, `…b17r1`, `…b17r2`, …).
    pub fn next_event_id(&self, booking_id: i64, old: &str) -> String {
        let generation = match self.own_id(old) {
            Some((b, g)) if b == booking_id => g + 1,
            _ => 1,
        };
        format!("renos{}b{booking_id}r{generation}", self.instance)
    }

    /// The booking and generation of an event id this database derives.
    fn own_id(&self, id: &str) -> Option<(i64, u32)> {
        let rest = id
            .strip_prefix("renos")?
            .strip_prefix(self.instance.as_str())?
            .strip_prefix('b')?;
        let (booking, generation) = match rest.split_once('r') {
            Some((b, g)) => (b, g.parse().ok()?),
            None => (rest, 0),
        };
        Some((booking.parse().ok()?, generation))
    }

    /// Is `event_id` one of the ids this database derives for `booking_id`?
    pub fn is_own_id(&self, booking_id: i64, event_id: &str) -> bool {
        self.own_id(event_id).is_some_and(|(b, _)| b == booking_id)
    }

    /// Is this event one this database made, and for which booking? An
    /// instance of a recurring event inherits the private properties of its
    /// series but is not the booking's event: see `recurring_event_id`.
    pub fn own_event(&self, ev: &RemoteEvent) -> Option<i64> {
        if let (Some(b), Some(i)) = (ev.private.get(PROP_BOOKING), ev.private.get(PROP_INSTANCE))
            && *i == self.instance
        {
            return b.parse().ok();
        }
        self.own_id(&ev.id).map(|(b, _)| b)
    }

    pub fn calendar_for(&self, b: &Booking) -> &str {
        self.calendar_of_staff(b.staff_id)
    }

    /// The calendar of a cleaner's work (the shared one without a cleaner
    /// or an own calendar).
    pub fn calendar_of_staff(&self, staff: Option<i64>) -> &str {
        staff
            .and_then(|s| self.staff_calendar.get(&s))
            .map_or(self.shared.as_str(), String::as_str)
    }

    /// The id of a series' recurring event, derived from the series like a
    /// booking's (`…s5`, then `…s5r1`, … after its event died).
    pub fn series_event_id(&self, series_id: i64, generation: u32) -> String {
        match generation {
            0 => format!("renos{}s{series_id}", self.instance),
            g => format!("renos{}s{series_id}r{g}", self.instance),
        }
    }

    /// The series and generation of a recurring event id this database
    /// derives.
    pub fn own_series_id(&self, id: &str) -> Option<(i64, u32)> {
        let rest = id
            .strip_prefix("renos")?
            .strip_prefix(self.instance.as_str())?
            .strip_prefix('s')?;
        let (series, generation) = match rest.split_once('r') {
            Some((s, g)) => (s, g.parse().ok()?),
            None => (rest, 0),
        };
        Some((series.parse().ok()?, generation))
    }

    /// Is `event_id` an instance of a recurring event this database made
    /// for a series (`{seriesEvent}_{originalStart}`)?
    pub fn is_own_instance(&self, event_id: &str) -> bool {
        event_id
            .rsplit_once('_')
            .is_some_and(|(master, _)| self.own_series_id(master).is_some())
    }

    /// The series a recurring event (or an instance of it) was made for by
    /// this database.
    pub fn own_series(&self, ev: &RemoteEvent) -> Option<i64> {
        if let (Some(s), Some(i)) = (
            ev.private.get(super::series::PROP_SERIES),
            ev.private.get(PROP_INSTANCE),
        ) && *i == self.instance
        {
            return s.parse().ok();
        }
        let master = ev.recurring_event_id.as_deref().unwrap_or(&ev.id);
        self.own_series_id(master).map(|(s, _)| s)
    }

    fn staff_name(&self, id: Option<i64>) -> Option<&str> {
        id.and_then(|i| self.staff_names.get(&i))
            .map(String::as_str)
    }

    /// The title the console gives a booking's event.
    pub fn summary(&self, b: &Booking, customer: &Customer) -> String {
        self.summary_of(customer, &b.service, b.staff_id)
    }

    /// The title of a job: customer, service and cleaner.
    pub fn summary_of(&self, customer: &Customer, service: &str, staff: Option<i64>) -> String {
        match self.staff_name(staff) {
            Some(s) => format!("{} · {service} ({s})", customer.name),
            None => format!("{} · {service}", customer.name),
        }
    }

    /// The booking's side of the sync. Events made by hand keep their own
    /// title (`foreign_summary`).
    pub fn fields_of(
        &self,
        b: &Booking,
        customer: &Customer,
        foreign_summary: Option<&str>,
    ) -> EventFields {
        let location = if b.address.trim().is_empty() {
            customer.address.clone()
        } else {
            b.address.clone()
        };
        EventFields {
            start: b.start,
            end: b.end,
            staff_id: b.staff_id,
            location,
            notes: b.notes.clone(),
            summary: foreign_summary.map_or_else(|| self.summary(b, customer), str::to_string),
        }
    }

    /// What the event of `b` must say.
    pub fn write_of(&self, b: &Booking, f: &EventFields) -> EventWrite {
        let mut private = BTreeMap::new();
        private.insert(PROP_BOOKING.to_string(), b.id.to_string());
        private.insert(PROP_INSTANCE.to_string(), self.instance.clone());
        private.insert(PROP_CUSTOMER.to_string(), b.customer_id.to_string());
        private.insert(PROP_SERVICE.to_string(), b.service.clone());
        private.insert(
            PROP_STAFF.to_string(),
            b.staff_id.map(|s| s.to_string()).unwrap_or_default(),
        );
        EventWrite {
            summary: f.summary.clone(),
            description: f.notes.clone(),
            location: f.location.clone(),
            start: f.start,
            end: f.end,
            time_zone: self.tz.name().to_string(),
            status: EventStatus::Confirmed,
            private,
            recurrence: Vec::new(),
        }
    }

    /// Runs `f` on the customers events may name (read on first use).
    pub fn with_customers<T>(
        &self,
        w: &SyncWriter,
        f: impl FnOnce(&mut CustomerKeys) -> T,
    ) -> crate::store::Result<T> {
        let mut guard = self
            .customers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if guard.is_none() {
            *guard = Some(CustomerKeys::load(w)?);
        }
        let keys = guard.get_or_insert_with(CustomerKeys::default);
        Ok(f(keys))
    }

    /// Forgets the customers read (a transaction that made some rolled back).
    pub fn forget_customers(&self) {
        let mut guard = self
            .customers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = None;
    }

    /// Is an instance at `[start, end)` near enough to become a booking?
    pub fn instance_due(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        end > self.window.0 && start < self.instances_until.min(self.window.1)
    }

    /// An event time as an instant (an all-day date: the business's midnight).
    pub fn instant_of(&self, t: EventTime) -> DateTime<Utc> {
        self.instant(t)
    }

    /// An all-day date as the business's midnight.
    fn instant(&self, t: EventTime) -> DateTime<Utc> {
        match t {
            EventTime::At(t) => t,
            EventTime::Date(d) => self.tz.instant(d, NaiveTime::MIN),
        }
    }

    /// The cleaner an event names: its calendar's owner, else the one the
    /// console wrote, else an attendee called like a cleaner.
    pub fn staff_of(&self, calendar: &str, ev: &RemoteEvent) -> Option<i64> {
        if let Some(s) = self.calendar_staff.get(calendar) {
            return Some(*s);
        }
        if let Some(s) = ev.private.get(PROP_STAFF) {
            return s
                .parse()
                .ok()
                .filter(|id| self.staff_names.contains_key(id));
        }
        ev.attendees.iter().find_map(|(email, name)| {
            self.staff_names.iter().find_map(|(id, n)| {
                let local = email.split('@').next().unwrap_or_default();
                (n.eq_ignore_ascii_case(name.trim()) || n.eq_ignore_ascii_case(local))
                    .then_some(*id)
            })
        })
    }

    /// Does the event leave its cleaner unsaid: a shared calendar, no
    /// cleaner written by the console (not even "nobody"), no attendee
    /// called like a cleaner?
    pub fn names_no_cleaner(&self, calendar: &str, ev: &RemoteEvent) -> bool {
        !ev.private.contains_key(PROP_STAFF) && self.staff_of(calendar, ev).is_none()
    }

    /// The calendar's side of the sync; `None` for an event without times
    /// (a deletion, or one we cannot read).
    pub fn fields_from(&self, calendar: &str, ev: &RemoteEvent) -> Option<EventFields> {
        let start = self.instant(ev.start?);
        let mut end = self.instant(ev.end?);
        if end <= start {
            end = start + Duration::minutes(1);
        }
        Some(EventFields {
            start,
            end,
            staff_id: self.staff_of(calendar, ev),
            location: ev.location.clone(),
            notes: ev.description.clone(),
            summary: ev.summary.clone(),
        })
    }
}

/// `b` with the calendar's fields: the place stays "the customer's address"
/// when that is what the event says.
pub fn apply_fields(b: &Booking, f: &EventFields, customer: &Customer) -> Booking {
    let address = if f.location == customer.address && b.address.trim().is_empty() {
        String::new()
    } else {
        f.location.clone()
    };
    let minutes = (f.end - f.start).num_minutes().max(0);
    let same_length = f.end - f.start == b.end - b.start;
    Booking {
        start: f.start,
        end: f.end,
        staff_id: f.staff_id,
        address,
        notes: f.notes.clone(),
        estimate_min: if same_length {
            b.estimate_min
        } else {
            u32::try_from(minutes).unwrap_or(u32::MAX)
        },
        ..b.clone()
    }
}

/// Is the event all-day (no times)?
pub fn all_day(ev: &RemoteEvent) -> bool {
    matches!(ev.start, Some(EventTime::Date(_)))
}
