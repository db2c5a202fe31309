//! The remote reads: a day's agenda, one booking, a day's conflicts, the
//! clashes of a window, the running jobs, a customer's memory, free slots,
//! and the check of a booking date (the business's `validate-booking`).
//! Each is one operation of [`Desk`]; the API's answers are shaped here
//! from them (the assistants' tools shape theirs in `crate::mcp`).

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::{Caller, Desk, Need, Remote, RemoteError};
use crate::domain::memory::{CustomerMemory, customer_memory};
use crate::domain::review::{Assessment, REVIEW_THRESHOLD, ReviewInput, assess};
use crate::domain::slots::{Finding, Strategy};
use crate::domain::time::weekday_en;
use crate::domain::when::{weekday_da_long, weekday_word};
use crate::domain::{Booking, BookingDraft, BookingStatus, Customer, Staff, TokenRole};
use crate::engine::DayPlan;
use crate::engine::day::AgendaItem;
use crate::engine::slots::{SlotRequest, find};
use crate::i18n::Language;

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
    /// Local start, "09:00" (default: the customer's usual start, else
    /// 09:00).
    pub start_time: Option<String>,
    /// How long (default: the customer's usual length, else 3 hours).
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

    /// The conflicts of a day, each with its sentence (in fixed English,
    /// as the API's and the tools' answers are).
    pub fn day_conflicts(&self, date: NaiveDate) -> Result<Vec<ConflictView>, RemoteError> {
        self.need(Need::Overview)?;
        let plan = DayPlan::load(self.store, date, self.settings)?;
        Ok(plan
            .conflicts
            .iter()
            .map(|c| ConflictView {
                kind: c.kind.as_str(),
                staff_id: c.staff_id,
                bookings: std::iter::once(c.first).chain(c.second).collect(),
                minutes: c.minutes,
                text: crate::words::values::conflict(
                    Language::En.words(),
                    &plan.conflict_facts(c, self.settings),
                ),
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

impl Remote {
    /// The agenda of a day; a cleaner's holds only their own jobs.
    pub fn agenda(&self, caller: &Caller, date: NaiveDate) -> Result<Vec<AgendaItem>, RemoteError> {
        self.with_desk(caller, |d| d.agenda(date))
    }

    /// The jobs running now with their overtime level; a cleaner's own
    /// only (today's agenda lines of [`Desk::running`]).
    pub fn running(&self, caller: &Caller) -> Result<Vec<AgendaItem>, RemoteError> {
        self.with_desk(caller, |d| {
            let running: Vec<i64> = d.running()?.iter().map(|b| b.id).collect();
            let mut items = d.agenda(d.today())?;
            items.retain(|i| running.contains(&i.id));
            Ok(items)
        })
    }

    /// One booking; a cleaner may see only their own.
    pub fn booking(&self, caller: &Caller, id: i64) -> Result<BookingView, RemoteError> {
        self.with_desk(caller, |d| {
            let n = d.named(d.job(id)?)?;
            Ok(BookingView {
                place: n.place().to_string(),
                booking: n.booking,
                customer: n.customer.name,
                customer_phone: n.customer.phone,
                staff: n.staff,
            })
        })
    }

    /// The conflicts of a day, each with its sentence.
    pub fn conflicts(
        &self,
        caller: &Caller,
        date: NaiveDate,
    ) -> Result<Vec<ConflictView>, RemoteError> {
        self.with_desk(caller, |d| d.day_conflicts(date))
    }

    /// What the business knows of a customer from their bookings.
    pub fn memory(&self, caller: &Caller, customer: i64) -> Result<CustomerMemory, RemoteError> {
        self.with_desk(caller, |d| Ok(d.memory(customer)?.memory))
    }

    /// Free slots for a job, best first (the console's finder).
    pub fn slots(&self, caller: &Caller, ask: &SlotAsk) -> Result<Vec<SlotView>, RemoteError> {
        self.with_desk(caller, |d| {
            let mut req = SlotRequest::new(
                ask.duration_min,
                ask.from.unwrap_or_else(|| d.today()),
                ask.days,
            );
            req.customer_id = ask.customer_id;
            if let Some(s) = ask.staff_id {
                req.strategy = Strategy::Only(s);
            }
            let finding = d.slots(&req)?;
            let tz = d.settings.tz;
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
        })
    }

    /// The business's `validate-booking`: how sure a booking on
    /// `ask.date` is, in the seed's shape.
    pub fn validate(
        &self,
        caller: &Caller,
        ask: &ValidationAsk,
    ) -> Result<Validation, RemoteError> {
        let expected = match ask.expected_day_name.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(weekday_word(&name.to_lowercase()).ok_or_else(|| {
                RemoteError::Invalid(format!(
                    "expectedDayName: {name:?} is not a weekday (mandag … søndag, Monday … Sunday)"
                ))
            })?),
        };
        let start = ask
            .start_time
            .as_deref()
            .map(|t| time_of_day("startTime", t))
            .transpose()?;
        let check = BookingCheck {
            date: ask.date,
            expected,
            customer: ask.customer_id,
            start,
            minutes: ask.duration_min,
            staff: ask.staff_id,
        };
        let c = self.with_desk(caller, |d| d.check_booking(&check))?;
        Ok(Validation {
            valid: c.matches.unwrap_or(true),
            date: c.date,
            day_name: weekday_da_long(c.weekday),
            day_name_en: weekday_en(c.weekday),
            confidence: c.assessment.confidence,
            review: c.assessment.needs_review(),
            warnings: c
                .assessment
                .reasons
                .iter()
                .map(|r| crate::words::values::doubt(Language::En.words(), r))
                .collect(),
            threshold: REVIEW_THRESHOLD,
        })
    }
}

/// A local time of day from "09:00" (for the write requests too).
pub(super) fn time_of_day(field: &str, text: &str) -> Result<NaiveTime, RemoteError> {
    crate::domain::when::parse_time(text).map_err(|e| RemoteError::Invalid(format!("{field}: {e}")))
}
