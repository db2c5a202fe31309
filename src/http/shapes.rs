//! The API's own shapes: the JSON each route takes, read into the remote
//! layer's typed values, and the JSON it answers, made from the typed
//! answers of `engine::remote`'s [`Desk`] (the operations the assistants'
//! tools ask too). Sentences are in fixed English, as the API's errors are.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::domain::Booking;
use crate::domain::review::REVIEW_THRESHOLD;
use crate::domain::slots::Strategy;
use crate::domain::time::weekday_en;
use crate::domain::when::{weekday_da_long, weekday_word};
use crate::engine::day::AgendaItem;
use crate::engine::remote::{
    BookingCheck, DEFAULT_SERVICE, Desk, JobAsk, RemoteError, parse_scope,
};
use crate::engine::slots::SlotRequest;
use crate::i18n::Language;
use crate::store::{Scope, ScopedOutcome, VisitChange};

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

/// A booking to create.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewJob {
    pub customer_id: i64,
    pub staff_id: Option<i64>,
    /// The local date and start time.
    pub date: NaiveDate,
    pub start: String,
    pub duration_min: u32,
    #[serde(default = "default_service")]
    pub service: String,
    #[serde(default)]
    pub notes: String,
    /// Book although it double-books, for this reason (journaled).
    pub accept_clash: Option<String>,
}

fn default_service() -> String {
    DEFAULT_SERVICE.into()
}

/// A move or reassignment of one booking: any of a new date, start,
/// cleaner (`null`: nobody) or length, and for a visit of a series the
/// visits it applies to (`this`, the default; `following`; `all`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: Option<NaiveDate>,
    pub start: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub staff_id: Option<Option<i64>>,
    pub duration_min: Option<u32>,
    pub accept_clash: Option<String>,
    #[serde(default = "this", deserialize_with = "scope")]
    pub scope: Scope,
}

/// A cancellation: the reason, and for a visit of a series the visits it
/// applies to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cancellation {
    pub reason: String,
    #[serde(default = "this", deserialize_with = "scope")]
    pub scope: Scope,
}

/// A field that is there (even as `null`) is `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

fn this() -> Scope {
    Scope::This
}

/// `this`, `following` or `all`, as `renos move --scope` takes it.
fn scope<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Scope, D::Error> {
    let text = String::deserialize(d)?;
    parse_scope(&text).map_err(serde::de::Error::custom)
}

/// A local time of day from "09:00".
fn time_of_day(field: &str, text: &str) -> Result<NaiveTime, RemoteError> {
    crate::domain::when::parse_time(text).map_err(|e| RemoteError::Invalid(format!("{field}: {e}")))
}

/// The jobs running now with their overtime level, as today's agenda
/// lines; a cleaner's own only.
pub(super) fn running(d: &Desk) -> Result<Vec<AgendaItem>, RemoteError> {
    let running: Vec<i64> = d.running()?.iter().map(|b| b.id).collect();
    let mut items = d.agenda(d.today())?;
    items.retain(|i| running.contains(&i.id));
    Ok(items)
}

/// One booking; a cleaner may see only their own.
pub(super) fn booking(d: &Desk, id: i64) -> Result<BookingView, RemoteError> {
    let n = d.named(d.job(id)?)?;
    Ok(BookingView {
        place: n.place().to_string(),
        booking: n.booking,
        customer: n.customer.name,
        customer_phone: n.customer.phone,
        staff: n.staff,
    })
}

/// The conflicts of a day, each with its sentence.
pub(super) fn conflicts(d: &Desk, date: NaiveDate) -> Result<Vec<ConflictView>, RemoteError> {
    let w = Language::En.words();
    Ok(d.day_conflicts(date)?
        .into_iter()
        .map(|c| ConflictView {
            kind: c.conflict.kind.as_str(),
            staff_id: c.conflict.staff_id,
            bookings: std::iter::once(c.conflict.first)
                .chain(c.conflict.second)
                .collect(),
            minutes: c.conflict.minutes,
            text: crate::words::values::conflict(w, &c.facts),
        })
        .collect())
}

/// Free slots for a job, best first.
pub(super) fn slots(d: &Desk, ask: &SlotAsk) -> Result<Vec<SlotView>, RemoteError> {
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
}

/// The business's `validate-booking`: how sure a booking on `ask.date` is,
/// in the seed's shape.
pub(super) fn validate(d: &Desk, ask: &ValidationAsk) -> Result<Validation, RemoteError> {
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
    let c = d.check_booking(&BookingCheck {
        date: ask.date,
        expected,
        customer: ask.customer_id,
        start,
        minutes: ask.duration_min,
        staff: ask.staff_id,
    })?;
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

/// Creates a booking under the console's rules: planned, then booked
/// (a double booking refused unless accepted with a reason).
pub(super) fn create(d: &mut Desk, job: &NewJob) -> Result<Booking, RemoteError> {
    let plan = d.plan(&JobAsk {
        customer_id: job.customer_id,
        staff_id: job.staff_id,
        date: job.date,
        start: time_of_day("start", &job.start)?,
        minutes: job.duration_min,
        service: Some(job.service.clone()),
        notes: job.notes.clone(),
        expected: None,
    })?;
    d.book(plan, job.accept_clash.as_deref())
}

/// Moves or reassigns a booking as it was at `version`.
pub(super) fn change(
    d: &mut Desk,
    id: i64,
    version: i64,
    change: &Change,
) -> Result<ScopedOutcome, RemoteError> {
    let visit = VisitChange {
        date: change.date,
        start: change
            .start
            .as_deref()
            .map(|s| time_of_day("start", s))
            .transpose()?,
        staff: change.staff_id,
        duration_min: change.duration_min,
    };
    d.change(
        id,
        version,
        visit,
        change.scope,
        change.accept_clash.as_deref(),
    )
}
