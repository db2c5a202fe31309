//! `create_booking` and `cancel_booking`: the remote layer's create and
//! cancel (the console's rules: a double booking refused unless accepted
//! with a reason, the review rule, the journal), in two steps (see
//! [`confirm`](crate::mcp::confirm)).

use chrono::NaiveTime;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::BookingStatus;
use crate::domain::when::{parse_time, weekday_word};
use crate::engine::remote::{JobAsk, Need, parse_scope};
use crate::mcp::confirm::{repeated, step, two_step, write_args};
use crate::mcp::session::{BookingView, Outcome, Session, ToolError, view};
use crate::store::Scope;

write_args!(CreateArgs, CancelArgs);

/// The arguments of `create_booking`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct CreateArgs {
    /// The customer: #id, a name, an address or a phone.
    pub customer: String,
    /// The cleaner: a name or #id.
    pub staff: String,
    /// The date: 2026-11-23, 23/11, "mandag den 23/11", today, tomorrow.
    pub date: String,
    /// Start time: 9, 9:30, 0930.
    pub start: String,
    /// How long: 3, 2:30, 2h30, 150 min (or give end).
    #[serde(default)]
    pub duration: Option<String>,
    /// End time instead of a duration.
    #[serde(default)]
    pub end: Option<String>,
    /// The service (default "Fast rengøring").
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// The weekday the customer said; a mismatch with the date sends the booking to review.
    #[serde(default)]
    pub expected_day_name: Option<String>,
    /// Book although it double-books the cleaner, for this reason (journaled).
    #[serde(default)]
    pub accept_clash_reason: Option<String>,
    /// The token a dry run returned; without it nothing is written.
    #[serde(default)]
    pub confirm: Option<String>,
    /// Any unique text: a repeat of the confirmed call with it writes nothing and returns the first call's result.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// How sure the booking is right (the review rule).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub confidence: f32,
    /// Below 0.8 the booking waits in the review queue.
    pub needs_review: bool,
    pub reasons: Vec<String>,
}

/// What `create_booking`'s dry run shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreatePreview {
    /// The booking as it would be (id 0: not made yet).
    pub booking: BookingView,
    /// The bookings it would double-book (accepted with accept_clash_reason).
    pub clashes: Vec<BookingView>,
    pub review: Review,
}

/// What a confirmed `create_booking` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Created {
    pub booking: BookingView,
    /// Who the journal names.
    pub journaled_as: String,
}

pub(super) fn bare<T: Clone>(a: &T, strip: impl FnOnce(&mut T)) -> T {
    let mut b = a.clone();
    strip(&mut b);
    b
}

fn length(start: NaiveTime, a: &CreateArgs) -> Outcome<u32> {
    use crate::domain::when::{LengthError, job_length};
    job_length(start, a.duration.as_deref(), a.end.as_deref()).map_err(|e| {
        ToolError(match e {
            LengthError::Duration(e) => format!("duration: {e}"),
            LengthError::End(e) => format!("end: {e}"),
            LengthError::EndNotAfter(e) => format!("end: {e} is not after start"),
            LengthError::Missing => "duration: give how long (e.g. 3 or 2:30), or end".into(),
        })
    })
}

/// Books a job in two steps: the dry run shows the booking, its clashes
/// and review; the confirmed call saves it as the console does (the remote
/// layer's `plan` and `book`, as the API's create).
pub fn create_booking(desk: &mut Session, a: &CreateArgs) -> Outcome<Value> {
    desk.desk().need(Need::Book)?;
    let args = bare(a, |b| {
        b.confirm = None;
        b.idempotency_key = None;
    });
    if let Some(first) = repeated(desk, "create_booking", &args, &step(a))? {
        return Ok(first);
    }
    let customer = desk.customer(&a.customer)?;
    let staff = desk.staff(&a.staff)?;
    let input = desk.date(&a.date)?;
    let start = parse_time(&a.start).map_err(|e| ToolError(format!("start: {e}")))?;
    let minutes = length(start, a)?;
    let expected = match a.expected_day_name.as_deref() {
        Some(name) => Some(weekday_word(&name.trim().to_lowercase()).ok_or_else(|| {
            ToolError(format!("expected_day_name: {name:?} is not a weekday name"))
        })?),
        None => input.weekday,
    };
    let plan = desk.desk().plan(&JobAsk {
        customer_id: customer.id,
        staff_id: Some(staff.id),
        date: input.date,
        start,
        minutes,
        service: a.service.clone(),
        notes: a.notes.clone().unwrap_or_default(),
        expected,
    })?;
    let clashes = desk.views(&plan.clashes)?;
    let reason = a
        .accept_clash_reason
        .clone()
        .filter(|r| !r.trim().is_empty());
    if !clashes.is_empty() && reason.is_none() {
        let list: Vec<String> = clashes
            .iter()
            .map(|c| {
                format!(
                    "#{} {} {}–{} at {}",
                    c.id, c.date, c.start, c.end, c.customer
                )
            })
            .collect();
        return Err(ToolError(format!(
            "This would double-book {}: {}. Choose another time or cleaner (find_slots), or \
             give accept_clash_reason to book it anyway (journaled).",
            staff.name,
            list.join("; ")
        )));
    }
    let assessment = &plan.assessment;
    let preview = CreatePreview {
        booking: desk.view(&plan.booking)?,
        clashes,
        review: Review {
            confidence: assessment.confidence,
            needs_review: assessment.needs_review(),
            reasons: assessment
                .reasons
                .iter()
                .map(|d| crate::words::values::doubt(crate::i18n::Language::En.words(), d))
                .collect(),
        },
    };
    two_step(desk, "create_booking", &args, "", step(a), preview, |d| {
        let b = d.book(plan, reason.as_deref())?;
        Ok(Created {
            booking: view(&d.named(b)?, d.settings.tz),
            journaled_as: d.store.actor().to_string(),
        })
    })
}

/// The arguments of `cancel_booking`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct CancelArgs {
    /// The booking's number.
    pub booking_id: i64,
    /// Why (journaled), e.g. "kunden aflyste".
    pub reason: String,
    /// For a visit of a series: this (default), following or all.
    #[serde(default)]
    pub scope: Option<String>,
    /// The token a dry run returned; without it nothing is written.
    #[serde(default)]
    pub confirm: Option<String>,
    /// Any unique text: a repeat of the confirmed call with it writes nothing and returns the first call's result.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// What `cancel_booking`'s dry run shows: the booking now and as it would be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CancelPreview {
    pub booking: BookingView,
    pub would_be: BookingView,
}

/// What a confirmed `cancel_booking` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cancelled {
    pub booking: BookingView,
    pub journaled_as: String,
}

/// Cancels a booking in two steps (a visit of a series in the scope
/// asked; this visit alone by default), as the API cancels one.
pub fn cancel_booking(desk: &mut Session, a: &CancelArgs) -> Outcome<Value> {
    desk.desk().need(Need::Book)?;
    let args = bare(a, |x| {
        x.confirm = None;
        x.idempotency_key = None;
    });
    if let Some(first) = repeated(desk, "cancel_booking", &args, &step(a))? {
        return Ok(first);
    }
    let scope = match a.scope.as_deref() {
        Some(s) => parse_scope(s).map_err(ToolError)?,
        None => Scope::This,
    };
    if a.reason.trim().is_empty() {
        return Err(ToolError(
            "reason: a cancellation needs a reason (e.g. \"kunden aflyste\")".into(),
        ));
    }
    let b = desk.desk().cancellable(a.booking_id)?;
    let mut after = b.clone();
    after.status = BookingStatus::Cancelled;
    after.cancel_reason = a.reason.trim().to_string();
    let preview = CancelPreview {
        booking: desk.view(&b)?,
        would_be: desk.view(&after)?,
    };
    let (id, version, reason) = (b.id, b.version, a.reason.clone());
    two_step(
        desk,
        "cancel_booking",
        &args,
        &format!("version {version}"),
        step(a),
        preview,
        |d| {
            let o = d.cancel(id, version, &reason, scope)?;
            Ok(Cancelled {
                booking: view(&d.named(o.booking)?, d.settings.tz),
                journaled_as: d.store.actor().to_string(),
            })
        },
    )
}
