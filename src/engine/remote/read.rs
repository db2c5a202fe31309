//! The remote reads: a day's agenda, one booking, a day's conflicts, the
//! running jobs with their overtime, a customer's memory, free slots, and
//! the check of a booking date (the business's `validate-booking`).

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Caller, Need, Remote, RemoteError, check, job_of};
use crate::domain::memory::{CustomerMemory, customer_memory};
use crate::domain::review::{REVIEW_THRESHOLD, ReviewInput, assess};
use crate::domain::slots::Strategy;
use crate::domain::time::weekday_en;
use crate::domain::when::{weekday_da_long, weekday_word};
use crate::domain::{Booking, BookingStatus};
use crate::engine::DayPlan;
use crate::engine::day::AgendaItem;
use crate::engine::slots::{SlotRequest, find};

/// One booking with the words around it: customer, cleaner, place, phone.
#[derive(Debug, Clone, Serialize)]
pub struct BookingView {
    #[serde(flatten)]
    pub booking: Booking,
    pub customer: String,
    pub customer_phone: String,
    pub staff: Option<String>,
    /// The job's own address, else the customer's.
    pub place: String,
}

/// A conflict of the day, with its sentence.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictView {
    pub kind: &'static str,
    pub staff_id: i64,
    pub bookings: Vec<i64>,
    pub minutes: i64,
    pub text: String,
}

/// A slot question: how long, from when, for how many days, for whom.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotAsk {
    pub duration_min: u32,
    pub from: Option<NaiveDate>,
    #[serde(default = "seven")]
    pub days: u32,
    pub customer_id: Option<i64>,
    /// Only this cleaner.
    pub staff_id: Option<i64>,
    #[serde(default = "ten")]
    pub limit: usize,
}

fn seven() -> u32 {
    7
}

fn ten() -> usize {
    10
}

/// One offered slot.
#[derive(Debug, Clone, Serialize)]
pub struct SlotView {
    pub staff_id: i64,
    pub staff: String,
    pub rank: usize,
    pub start: String,
    pub end: String,
}

/// The business's `validate-booking` question: a date, the weekday the
/// person meant, and the customer.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidationAsk {
    pub date: NaiveDate,
    pub expected_day_name: Option<String>,
    pub customer_id: Option<i64>,
    /// Local start, "09:00" (default: the customer's usual start, else the
    /// start of the working day).
    pub start_time: Option<String>,
    pub duration_min: Option<u32>,
    pub staff_id: Option<i64>,
}

/// How sure the business is about such a booking, and why not more.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    pub valid: bool,
    pub date: NaiveDate,
    /// The date's weekday in Danish ("mandag") and English.
    pub day_name: &'static str,
    pub day_name_en: &'static str,
    pub confidence: f32,
    pub warnings: Vec<String>,
    /// Below 0.8: a dispatcher looks before it is planned.
    pub review: bool,
    pub threshold: f32,
}

impl Remote {
    /// The agenda of a day; a cleaner's holds only their own jobs.
    pub fn agenda(&self, caller: &Caller, date: NaiveDate) -> Result<Vec<AgendaItem>, RemoteError> {
        check(caller, Need::Read)?;
        let store = self.store(caller)?;
        let plan = DayPlan::load(&store, date, &self.settings)?;
        let mut items = plan.agenda(self.now(), &self.settings);
        if caller.role == crate::domain::TokenRole::Cleaner {
            items.retain(|i| {
                plan.booking(i.id)
                    .is_some_and(|b| check(caller, Need::SeeJob(b.staff_id)).is_ok())
            });
        }
        Ok(items)
    }

    /// The jobs running now with their overtime level; a cleaner's own only.
    pub fn running(&self, caller: &Caller) -> Result<Vec<AgendaItem>, RemoteError> {
        let mut items = self.agenda(caller, self.today())?;
        items.retain(|i| i.status == BookingStatus::InProgress.as_str());
        Ok(items)
    }

    /// One booking; a cleaner may see only their own.
    pub fn booking(&self, caller: &Caller, id: i64) -> Result<BookingView, RemoteError> {
        let store = self.store(caller)?;
        let b = job_of(caller, &store, id)?;
        let customer = store.customer(b.customer_id)?;
        let staff = match b.staff_id {
            Some(s) => store.staff_names()?.get(&s).cloned(),
            None => None,
        };
        let place = if b.address.trim().is_empty() {
            customer.address.clone()
        } else {
            b.address.clone()
        };
        Ok(BookingView {
            booking: b,
            customer: customer.name,
            customer_phone: customer.phone,
            staff,
            place,
        })
    }

    /// The conflicts of a day, each with its sentence.
    pub fn conflicts(
        &self,
        caller: &Caller,
        date: NaiveDate,
    ) -> Result<Vec<ConflictView>, RemoteError> {
        check(caller, Need::Overview)?;
        let store = self.store(caller)?;
        let plan = DayPlan::load(&store, date, &self.settings)?;
        Ok(plan
            .conflicts
            .iter()
            .map(|c| ConflictView {
                kind: c.kind.as_str(),
                staff_id: c.staff_id,
                bookings: std::iter::once(c.first).chain(c.second).collect(),
                minutes: c.minutes,
                // The API answers in fixed English, as its errors do.
                text: crate::words::values::conflict(
                    crate::i18n::Language::En.words(),
                    &plan.conflict_facts(c, &self.settings),
                ),
            })
            .collect())
    }

    /// What the business knows of a customer from their bookings.
    pub fn memory(&self, caller: &Caller, customer: i64) -> Result<CustomerMemory, RemoteError> {
        check(caller, Need::Overview)?;
        let store = self.store(caller)?;
        store.customer(customer)?;
        let history = store.customer_bookings(customer)?;
        Ok(customer_memory(&history, self.now(), self.settings.tz))
    }

    /// Free slots for a job, best first (the console's finder).
    pub fn slots(&self, caller: &Caller, ask: &SlotAsk) -> Result<Vec<SlotView>, RemoteError> {
        check(caller, Need::Overview)?;
        if ask.duration_min == 0 || ask.duration_min > 24 * 60 {
            return Err(RemoteError::Invalid(
                "duration_min must be 1 to 1440 minutes".into(),
            ));
        }
        if !(1..=62).contains(&ask.days) {
            return Err(RemoteError::Invalid("days must be 1 to 62".into()));
        }
        let store = self.store(caller)?;
        let mut req = SlotRequest::new(
            ask.duration_min,
            ask.from.unwrap_or_else(|| self.today()),
            ask.days,
        );
        req.customer_id = ask.customer_id;
        if let Some(s) = ask.staff_id {
            req.strategy = Strategy::Only(s);
        }
        let holidays = &self.settings.holidays;
        let closed = |d: NaiveDate| holidays.is_closed(d);
        let finding = find(
            &store,
            &req,
            &self.settings.slot_rules(),
            self.now(),
            &closed,
        )?;
        let tz = self.settings.tz;
        Ok(finding
            .best(ask.limit.clamp(1, 100))
            .into_iter()
            .map(|(o, s)| SlotView {
                staff_id: o.staff_id,
                staff: o.name.clone(),
                rank: o.rank,
                start: tz.rfc3339(s.start),
                end: tz.rfc3339(s.end),
            })
            .collect())
    }

    /// How sure the business is about a booking on `ask.date`: the
    /// weekday the person meant, the cleaner's hours, the customer's
    /// pattern (the console's review rule; below 0.8 it waits for review).
    pub fn validate(
        &self,
        caller: &Caller,
        ask: &ValidationAsk,
    ) -> Result<Validation, RemoteError> {
        check(caller, Need::Overview)?;
        let store = self.store(caller)?;
        let expected = match ask.expected_day_name.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(weekday_word(&name.to_lowercase()).ok_or_else(|| {
                RemoteError::Invalid(format!(
                    "expectedDayName: {name:?} is not a weekday (mandag … søndag, Monday … Sunday)"
                ))
            })?),
        };
        let memory = match ask.customer_id {
            Some(id) => {
                store.customer(id)?;
                Some(customer_memory(
                    &store.customer_bookings(id)?,
                    self.now(),
                    self.settings.tz,
                ))
            }
            None => None,
        };
        let start = match ask.start_time.as_deref() {
            Some(t) => crate::domain::when::parse_time(t)
                .map_err(|e| RemoteError::Invalid(format!("startTime: {e}")))?,
            None => memory
                .as_ref()
                .and_then(|m| m.usual_start)
                .unwrap_or(self.settings.day_start),
        };
        let minutes = ask
            .duration_min
            .or_else(|| memory.as_ref().and_then(CustomerMemory::suggested_estimate))
            .unwrap_or(120);
        let staff =
            match ask.staff_id {
                Some(id) => Some(store.staff()?.into_iter().find(|s| s.id == id).ok_or_else(
                    || RemoteError::NotFound(format!("cleaner #{id} does not exist")),
                )?),
                None => None,
            };
        let tz = self.settings.tz;
        let at = tz.instant(ask.date, start);
        let a = assess(&ReviewInput {
            start: at,
            end: at + Duration::minutes(i64::from(minutes)),
            staff: staff.as_ref(),
            confirmed_weekday_mismatch: expected,
            memory: memory.as_ref(),
            now: self.now(),
            tz,
        });
        let weekday = ask.date.weekday();
        Ok(Validation {
            valid: expected.is_none_or(|w| w == weekday),
            date: ask.date,
            day_name: weekday_da_long(weekday),
            day_name_en: weekday_en(weekday),
            confidence: a.confidence,
            review: a.needs_review(),
            warnings: a
                .reasons
                .iter()
                .map(|d| crate::words::values::doubt(crate::i18n::Language::En.words(), d))
                .collect(),
            threshold: REVIEW_THRESHOLD,
        })
    }
}

/// A local time of day from "09:00" (for the write requests too).
pub(super) fn time_of_day(field: &str, text: &str) -> Result<NaiveTime, RemoteError> {
    crate::domain::when::parse_time(text).map_err(|e| RemoteError::Invalid(format!("{field}: {e}")))
}
