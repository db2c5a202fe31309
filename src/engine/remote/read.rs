//! The remote reads: a day's agenda, a day's conflicts, the clashes of a
//! window, the running jobs, a customer's memory, free slots, and the check
//! of a booking date (the business's `validate-booking`); one booking is
//! [`Desk::job`] and [`Desk::named`].
//! Each is one operation of [`Desk`] with a typed answer: the API and the
//! assistants' tools shape their own answers from it.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

use super::{Desk, Need, RemoteError};
use crate::domain::conflict::{Conflict, ConflictFacts};
use crate::domain::memory::{CustomerMemory, customer_memory};
use crate::domain::review::{Assessment, ReviewInput, assess};
use crate::domain::slots::Finding;
use crate::domain::{Booking, BookingDraft, BookingStatus, Customer, Staff, TokenRole};
use crate::engine::DayPlan;
use crate::engine::day::AgendaItem;
use crate::engine::slots::{SlotRequest, find};

/// A booking date to check: the weekday the person meant, the customer,
/// the start, the length and the cleaner, each when known.
#[derive(Debug, Clone, Default)]
pub struct BookingCheck {
    pub date: NaiveDate,
    pub expected: Option<Weekday>,
    pub customer: Option<i64>,
    /// Local start (default: the customer's usual start, else 09:00).
    pub start: Option<NaiveTime>,
    /// How long (default: the customer's usual length, else 3 hours).
    pub minutes: Option<u32>,
    pub staff: Option<i64>,
}

/// How sure the business is about a booking on a date.
#[derive(Debug, Clone)]
pub struct Checked {
    pub date: NaiveDate,
    pub weekday: Weekday,
    /// Does the weekday meant match the date? `None` when none was said.
    pub matches: Option<bool>,
    pub assessment: Assessment,
}

/// A cleaner's bookings in a window: what a job there would double-book.
#[derive(Debug, Clone)]
pub struct StaffClashes {
    pub staff: Staff,
    pub bookings: Vec<Booking>,
}

/// A window of a day to book in, for every cleaner or one.
#[derive(Debug, Clone)]
pub struct Window {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub staff: Option<i64>,
    /// A booking being moved: it does not clash with itself.
    pub exclude: Option<i64>,
}

/// A conflict of a day, with the facts its sentence is made of.
#[derive(Debug, Clone)]
pub struct DayConflict {
    pub conflict: Conflict,
    pub facts: ConflictFacts,
}

/// A customer and what the business knows of them from their bookings.
#[derive(Debug, Clone)]
pub struct Known {
    pub customer: Customer,
    pub memory: CustomerMemory,
}

/// Minutes a job is taken to last when neither the caller nor the
/// customer's history says.
pub const DEFAULT_MINUTES: u32 = 180;

/// The days a slot search may cover at the most.
pub const MAX_SLOT_DAYS: u32 = 60;

/// The start a job is taken to have when neither the caller nor the
/// customer's history says.
fn default_start() -> NaiveTime {
    NaiveTime::MIN + Duration::hours(9)
}

impl Desk<'_> {
    /// The agenda of a day; a cleaner's holds only their own jobs.
    pub fn agenda(&self, date: NaiveDate) -> Result<Vec<AgendaItem>, RemoteError> {
        self.need(Need::Read)?;
        let plan = DayPlan::load(self.store, date, self.settings)?;
        let mut items = plan.agenda(self.now(), self.settings);
        if self.caller.role == TokenRole::Cleaner {
            items.retain(|i| {
                plan.booking(i.id)
                    .is_some_and(|b| self.need(Need::SeeJob(b.staff_id)).is_ok())
            });
        }
        Ok(items)
    }

    /// The jobs running now that the caller may see (a cleaner: their
    /// own), a job that began yesterday and runs past midnight included.
    pub fn running(&self) -> Result<Vec<Booking>, RemoteError> {
        self.need(Need::Read)?;
        let now = self.now();
        let around = self
            .store
            .bookings_between(now - Duration::days(1), now + Duration::days(1))?;
        Ok(around
            .into_iter()
            .filter(|b| b.status == BookingStatus::InProgress)
            .filter(|b| self.need(Need::SeeJob(b.staff_id)).is_ok())
            .collect())
    }

    /// The conflicts of a day, each with its facts.
    pub fn day_conflicts(&self, date: NaiveDate) -> Result<Vec<DayConflict>, RemoteError> {
        self.need(Need::Overview)?;
        let plan = DayPlan::load(self.store, date, self.settings)?;
        Ok(plan
            .conflicts
            .iter()
            .map(|c| DayConflict {
                conflict: c.clone(),
                facts: plan.conflict_facts(c, self.settings),
            })
            .collect())
    }

    /// The bookings a job in `w` would double-book, per cleaner (the
    /// save's own clash rule), and the cleaners it would not (empty
    /// `bookings`).
    pub fn clashes_in(&self, w: &Window) -> Result<Vec<StaffClashes>, RemoteError> {
        self.need(Need::Overview)?;
        if w.end <= w.start {
            return Err(RemoteError::Invalid(format!(
                "end_time: {} is not after start_time {}",
                w.end.format("%H:%M"),
                w.start.format("%H:%M")
            )));
        }
        let tz = self.settings.tz;
        let staff = match w.staff {
            Some(id) => vec![self.cleaner(id)?],
            None => self.store.staff()?,
        };
        let base = match w.exclude {
            Some(id) => Some(self.store.booking(id)?),
            None => None,
        };
        let mut out = Vec::with_capacity(staff.len());
        for s in staff {
            let draft = BookingDraft {
                customer_id: base.as_ref().map_or(0, |b| b.customer_id),
                staff_id: Some(s.id),
                service: String::new(),
                start: tz.instant(w.date, w.start),
                end: tz.instant(w.date, w.end),
                estimate_min: 0,
                address: String::new(),
                notes: String::new(),
                review: String::new(),
            };
            let probe: Booking = draft.apply(base.as_ref());
            let bookings = self
                .store
                .clashes_of(&probe)?
                .into_iter()
                .map(|id| self.store.booking(id))
                .collect::<Result<Vec<_>, _>>()?;
            out.push(StaffClashes { staff: s, bookings });
        }
        Ok(out)
    }

    /// A customer and what the business knows of them from their bookings.
    pub fn memory(&self, customer: i64) -> Result<Known, RemoteError> {
        self.need(Need::Overview)?;
        let customer = self.store.customer(customer)?;
        let history = self.store.customer_bookings(customer.id)?;
        Ok(Known {
            memory: customer_memory(&history, self.now(), self.settings.tz),
            customer,
        })
    }

    /// Free slots for a job, per cleaner and ranked (the console's finder).
    pub fn slots(&self, req: &SlotRequest) -> Result<Finding, RemoteError> {
        self.need(Need::Overview)?;
        if req.duration_min == 0 || req.duration_min > 24 * 60 {
            return Err(RemoteError::Invalid(
                "duration: a job takes 1 to 1440 minutes".into(),
            ));
        }
        if !(1..=MAX_SLOT_DAYS).contains(&req.days) {
            return Err(RemoteError::Invalid(format!(
                "days: {} is not between 1 and {MAX_SLOT_DAYS}",
                req.days
            )));
        }
        let holidays = &self.settings.holidays;
        let closed = |d: NaiveDate| holidays.is_closed(d);
        Ok(find(
            self.store,
            req,
            &self.settings.slot_rules(),
            self.now(),
            &closed,
        )?)
    }

    /// How sure the business is about a booking on `ask.date`: the
    /// weekday the person meant, the cleaner's hours, the customer's
    /// pattern (the console's review rule; below 0.8 it waits for review).
    pub fn check_booking(&self, ask: &BookingCheck) -> Result<Checked, RemoteError> {
        self.need(Need::Overview)?;
        let memory = match ask.customer {
            Some(id) => Some(self.memory(id)?.memory),
            None => None,
        };
        let start = ask
            .start
            .or_else(|| memory.as_ref().and_then(|m| m.usual_start))
            .unwrap_or_else(default_start);
        let minutes = ask
            .minutes
            .or_else(|| memory.as_ref().and_then(CustomerMemory::suggested_estimate))
            .unwrap_or(DEFAULT_MINUTES);
        let staff = ask.staff.map(|id| self.cleaner(id)).transpose()?;
        let tz = self.settings.tz;
        let at = tz.instant(ask.date, start);
        let assessment = assess(&ReviewInput {
            start: at,
            end: at + Duration::minutes(i64::from(minutes)),
            staff: staff.as_ref(),
            confirmed_weekday_mismatch: ask.expected,
            memory: memory.as_ref(),
            now: self.now(),
            tz,
        });
        let weekday = ask.date.weekday();
        Ok(Checked {
            date: ask.date,
            weekday,
            matches: ask.expected.map(|w| w == weekday),
            assessment,
        })
    }

    /// The cleaner `id`, or a sentence that there is none.
    pub fn cleaner(&self, id: i64) -> Result<Staff, RemoteError> {
        self.store
            .staff()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| RemoteError::NotFound(format!("cleaner #{id} does not exist")))
    }
}
