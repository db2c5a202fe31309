//! `validate_booking_date` and `check_booking_conflicts`: the review rule
//! and the double-booking rule, asked before anything is booked.

use chrono::{Duration, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::review::{REVIEW_THRESHOLD, ReviewInput, assess};
use crate::domain::when::{parse_duration, parse_time, weekday_word};
use crate::domain::{Booking, BookingDraft};
use crate::engine::remote::Need;
use crate::mcp::desk::{BookingView, Desk, Outcome, ToolError, weekday_names};

/// Minutes a job is taken to last when neither the call nor the customer's
/// history says.
const DEFAULT_MIN: u32 = 180;

/// The arguments of `validate_booking_date`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct ValidateArgs {
    /// The date: 2026-11-23, 23/11, "mandag den 23/11", today, tomorrow.
    pub date: String,
    /// The weekday the customer or the dispatcher said, e.g. "mandag" or "Monday".
    #[serde(default)]
    pub expected_day_name: Option<String>,
    /// The customer: #id, a name, an address or a phone (their usual day and time count).
    #[serde(default)]
    pub customer: Option<String>,
    /// Start time, e.g. 9, 9:30, 0930 (default: the customer's usual start, else 09:00).
    #[serde(default)]
    pub start: Option<String>,
    /// How long: 3, 2:30, 2h30, 150 min (default: the customer's usual, else 3 h).
    #[serde(default)]
    pub duration: Option<String>,
    /// The cleaner (name or #id): their working hours and time off count.
    #[serde(default)]
    pub staff: Option<String>,
}

/// What `validate_booking_date` answers (the seed's shape: confidence and warnings).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    pub date: chrono::NaiveDate,
    pub weekday_da: String,
    pub weekday_en: String,
    /// Does the expected day name match the date? `null` when none was given.
    pub matches: Option<bool>,
    /// From 0 (surely wrong) to 1 (nothing doubtful).
    pub confidence: f32,
    /// Below 0.8: a dispatcher must look before it is planned.
    pub needs_review: bool,
    pub review_threshold: f32,
    pub warnings: Vec<String>,
}

fn minutes(text: Option<&str>, default: u32) -> Outcome<u32> {
    match text {
        Some(d) => parse_duration(d).map_err(|e| ToolError(format!("duration: {e}"))),
        None => Ok(default),
    }
}

fn time(field: &str, text: Option<&str>, default: NaiveTime) -> Outcome<NaiveTime> {
    match text {
        Some(t) => parse_time(t).map_err(|e| ToolError(format!("{field}: {e}"))),
        None => Ok(default),
    }
}

/// Whether the weekday said matches the date, and how sure a booking then
/// would be (the review rule, with the customer's pattern and the cleaner's hours).
pub fn validate_booking_date(desk: &Desk, a: &ValidateArgs) -> Outcome<Validation> {
    desk.need(Need::Overview)?;
    let input = desk.date(&a.date)?;
    let mut warnings = Vec::new();
    let expected = match a.expected_day_name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => {
            let w = weekday_word(&name.to_lowercase());
            if w.is_none() {
                warnings.push(format!("{name:?} is not a weekday name"));
            }
            w
        }
        _ => input.weekday,
    };
    let customer = a
        .customer
        .as_deref()
        .map(|c| desk.customer(c))
        .transpose()?;
    let memory = customer.as_ref().map(|c| desk.memory(c.id)).transpose()?;
    let staff = a.staff.as_deref().map(|s| desk.staff(s)).transpose()?;
    let usual_start = memory.as_ref().and_then(|m| m.usual_start);
    let start = time(
        "start",
        a.start.as_deref(),
        usual_start.unwrap_or(NaiveTime::MIN + Duration::hours(9)),
    )?;
    let usual_min = memory.as_ref().and_then(|m| m.suggested_estimate());
    let length = minutes(a.duration.as_deref(), usual_min.unwrap_or(DEFAULT_MIN))?;
    let tz = desk.settings.tz;
    let at = tz.instant(input.date, start);
    let assessment = assess(&ReviewInput {
        start: at,
        end: at + Duration::minutes(i64::from(length)),
        staff: staff.as_ref(),
        confirmed_weekday_mismatch: expected,
        memory: memory.as_ref(),
        now: desk.now(),
        tz,
    });
    warnings.extend(
        assessment
            .reasons
            .iter()
            .map(|d| crate::words::values::doubt(crate::i18n::Language::En.words(), d)),
    );
    let (da, en) = weekday_names(chrono::Datelike::weekday(&input.date));
    Ok(Validation {
        date: input.date,
        weekday_da: da,
        weekday_en: en,
        matches: expected.map(|w| w == chrono::Datelike::weekday(&input.date)),
        confidence: assessment.confidence,
        needs_review: assessment.needs_review(),
        review_threshold: REVIEW_THRESHOLD,
        warnings,
    })
}

/// The arguments of `check_booking_conflicts`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct ConflictArgs {
    /// The date: 2026-11-23, 23/11, mandag, today, tomorrow.
    pub date: String,
    /// Start time, e.g. 09:00.
    pub start_time: String,
    /// End time, e.g. 12:00.
    pub end_time: String,
    /// Only this cleaner (name or #id); default every cleaner.
    #[serde(default)]
    pub staff: Option<String>,
    /// A booking being moved: it does not clash with itself.
    #[serde(default)]
    pub exclude_booking_id: Option<i64>,
}

/// One cleaner's bookings in the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaffConflicts {
    pub staff_id: i64,
    pub staff: String,
    /// The bookings this cleaner has in the window (a double booking if booked there).
    pub bookings: Vec<BookingView>,
}

/// What `check_booking_conflicts` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflicts {
    pub has_conflicts: bool,
    pub conflicts: Vec<StaffConflicts>,
    /// The cleaners free in the window (who have no booking there).
    pub free: Vec<String>,
}

/// The bookings a job in the window would double-book, per cleaner (the
/// save's own clash rule), and who is free.
pub fn check_booking_conflicts(desk: &Desk, a: &ConflictArgs) -> Outcome<Conflicts> {
    desk.need(Need::Overview)?;
    let day = desk.date(&a.date)?.date;
    let start = time("start_time", Some(&a.start_time), NaiveTime::MIN)?;
    let end = time("end_time", Some(&a.end_time), NaiveTime::MIN)?;
    if end <= start {
        return Err(ToolError(format!(
            "end_time: {} is not after start_time {}",
            a.end_time, a.start_time
        )));
    }
    let tz = desk.settings.tz;
    let staff = match &a.staff {
        Some(s) => vec![desk.staff(s)?],
        None => desk.store.staff()?,
    };
    let base = match a.exclude_booking_id {
        Some(id) => Some(desk.store.booking(id)?),
        None => None,
    };
    let mut conflicts = Vec::new();
    let mut free = Vec::new();
    for s in staff {
        let draft = BookingDraft {
            customer_id: base.as_ref().map_or(0, |b| b.customer_id),
            staff_id: Some(s.id),
            service: String::new(),
            start: tz.instant(day, start),
            end: tz.instant(day, end),
            estimate_min: 0,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
        };
        let probe: Booking = draft.apply(base.as_ref());
        let ids = desk.store.clashes_of(&probe)?;
        if ids.is_empty() {
            free.push(s.name.clone());
            continue;
        }
        let bookings = ids
            .iter()
            .map(|id| desk.store.booking(*id).map_err(ToolError::from))
            .map(|b| b.and_then(|b| desk.view(&b)))
            .collect::<Outcome<Vec<_>>>()?;
        conflicts.push(StaffConflicts {
            staff_id: s.id,
            staff: s.name,
            bookings,
        });
    }
    Ok(Conflicts {
        has_conflicts: !conflicts.is_empty(),
        conflicts,
        free,
    })
}
