//! `validate_booking_date` and `check_booking_conflicts`: the review rule
//! and the double-booking rule, asked before anything is booked (the remote
//! layer's `check_booking` and `clashes_in`, in the seed's words).

use chrono::NaiveTime;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::review::REVIEW_THRESHOLD;
use crate::domain::when::{parse_duration, parse_time, weekday_word};
use crate::engine::remote::{BookingCheck, Need, Window};
use crate::mcp::session::{BookingView, Outcome, Session, ToolError, weekday_names};

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

fn minutes(text: Option<&str>) -> Outcome<Option<u32>> {
    text.map(|d| parse_duration(d).map_err(|e| ToolError(format!("duration: {e}"))))
        .transpose()
}

fn time(field: &str, text: &str) -> Outcome<NaiveTime> {
    parse_time(text).map_err(|e| ToolError(format!("{field}: {e}")))
}

/// Whether the weekday said matches the date, and how sure a booking then
/// would be (the remote layer's check, with the customer's pattern and the
/// cleaner's hours).
pub fn validate_booking_date(desk: &mut Session, a: &ValidateArgs) -> Outcome<Validation> {
    desk.desk().need(Need::Overview)?;
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
    let check = BookingCheck {
        date: input.date,
        expected,
        customer: a
            .customer
            .as_deref()
            .map(|c| desk.customer(c).map(|c| c.id))
            .transpose()?,
        start: a.start.as_deref().map(|t| time("start", t)).transpose()?,
        minutes: minutes(a.duration.as_deref())?,
        staff: a
            .staff
            .as_deref()
            .map(|s| desk.staff(s).map(|s| s.id))
            .transpose()?,
    };
    let checked = desk.desk().check_booking(&check)?;
    let assessment = checked.assessment;
    warnings.extend(
        assessment
            .reasons
            .iter()
            .map(|d| crate::words::values::doubt(crate::i18n::Language::En.words(), d)),
    );
    let (da, en) = weekday_names(checked.weekday);
    Ok(Validation {
        date: checked.date,
        weekday_da: da,
        weekday_en: en,
        matches: checked.matches,
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
pub fn check_booking_conflicts(desk: &mut Session, a: &ConflictArgs) -> Outcome<Conflicts> {
    desk.desk().need(Need::Overview)?;
    let window = Window {
        date: desk.date(&a.date)?.date,
        start: time("start_time", &a.start_time)?,
        end: time("end_time", &a.end_time)?,
        staff: a
            .staff
            .as_deref()
            .map(|s| desk.staff(s).map(|s| s.id))
            .transpose()?,
        exclude: a.exclude_booking_id,
    };
    if window.end <= window.start {
        return Err(ToolError(format!(
            "end_time: {} is not after start_time {}",
            a.end_time, a.start_time
        )));
    }
    let mut conflicts = Vec::new();
    let mut free = Vec::new();
    let clashes = desk.desk().clashes_in(&window)?;
    for c in clashes {
        if c.bookings.is_empty() {
            free.push(c.staff.name);
            continue;
        }
        conflicts.push(StaffConflicts {
            staff_id: c.staff.id,
            bookings: desk.views(&c.bookings)?,
            staff: c.staff.name,
        });
    }
    Ok(Conflicts {
        has_conflicts: !conflicts.is_empty(),
        conflicts,
        free,
    })
}
