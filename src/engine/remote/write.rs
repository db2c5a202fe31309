//! The remote writes, through the store functions the console and the
//! commands use: create (clash refused unless accepted with a reason; a
//! doubtful booking goes to review), move or reassign and cancel against
//! the version the caller saw (a series' visit in the scope asked, as
//! `renos move --scope`), start, finish, a note, an invoice, and undo.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};

use super::{Desk, Need, RemoteError};
use crate::config::Settings;
use crate::domain::memory::customer_memory;
use crate::domain::review::{Assessment, ReviewInput, assess};
use crate::domain::{Booking, BookingDraft, BookingStatus};
use crate::engine::billing::{self, Quote};
use crate::store::{
    InvoiceRecord, Save, Scope, ScopedOutcome, StoreError, UNDO_WINDOW_MINUTES, UndoHint,
    UndoOutcome, VisitChange,
};

/// What a booking is called when the caller names no service.
pub const DEFAULT_SERVICE: &str = "Fast rengøring";

/// The visits a change of a series' visit applies to, from its name.
pub fn parse_scope(text: &str) -> Result<Scope, String> {
    text.trim()
        .parse::<Scope>()
        .map_err(|_| format!("scope: {text:?} is not this, following or all"))
}

/// A booking to plan: the customer, the cleaner, when and how long, and
/// the weekday the person said, if any.
#[derive(Debug, Clone)]
pub struct JobAsk {
    pub customer_id: i64,
    pub staff_id: Option<i64>,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub minutes: u32,
    /// Default "Fast rengøring".
    pub service: Option<String>,
    pub notes: String,
    /// A weekday that does not match the date sends it to review.
    pub expected: Option<Weekday>,
}

/// A booking as it would be saved, before anything is written: how sure
/// it is and what it would double-book.
#[derive(Debug, Clone)]
pub struct Plan {
    pub draft: BookingDraft,
    /// The draft as a booking (id 0: not made yet).
    pub booking: Booking,
    pub assessment: Assessment,
    pub clashes: Vec<Booking>,
}

impl Desk<'_> {
    /// A booking as the console's rules would save it: its review (a
    /// doubtful one waits in the review queue with its reasons, in the
    /// business's language) and the bookings it would double-book.
    /// Writes nothing.
    pub fn plan(&self, job: &JobAsk) -> Result<Plan, RemoteError> {
        self.need(Need::Book)?;
        if job.minutes == 0 || job.minutes > 24 * 60 {
            return Err(RemoteError::Invalid(
                "duration: a job takes 1 to 1440 minutes".into(),
            ));
        }
        let tz = self.settings.tz;
        let start = tz.instant(job.date, job.start);
        let end = start + Duration::minutes(i64::from(job.minutes));
        let staff = job.staff_id.map(|id| self.cleaner(id)).transpose()?;
        let customer = self.store.customer(job.customer_id)?;
        let history = self.store.customer_bookings(customer.id)?;
        let memory = customer_memory(&history, self.now(), tz);
        let assessment = assess(&ReviewInput {
            start,
            end,
            staff: staff.as_ref(),
            confirmed_weekday_mismatch: job.expected,
            memory: Some(&memory),
            now: self.now(),
            tz,
        });
        let draft = BookingDraft {
            customer_id: customer.id,
            staff_id: job.staff_id,
            service: job
                .service
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_SERVICE.to_string()),
            start,
            end,
            estimate_min: job.minutes,
            address: String::new(),
            notes: job.notes.clone(),
            review: if assessment.needs_review() {
                // Kept for the dispatchers: in the business's language.
                crate::words::values::doubts(self.settings.language.words(), &assessment.reasons)
            } else {
                String::new()
            },
        };
        let booking = draft.apply(None);
        let clashes = self
            .store
            .clashes_of(&booking)?
            .into_iter()
            .map(|id| self.store.booking(id))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Plan {
            draft,
            booking,
            assessment,
            clashes,
        })
    }

    /// Saves a planned booking: a double booking is refused unless
    /// accepted with a reason (journaled with it).
    pub fn book(&mut self, plan: Plan, accept_clash: Option<&str>) -> Result<Booking, RemoteError> {
        self.need(Need::Book)?;
        let reason = accept_clash.map(str::trim).filter(|r| !r.is_empty());
        let accepted = match reason {
            Some(_) => plan.clashes.iter().map(|b| b.id).collect(),
            None => Vec::new(),
        };
        Ok(self.store.save_booking(Save {
            target: None,
            draft: plan.draft,
            accepted,
            reason: reason.unwrap_or("").to_string(),
        })?)
    }

    /// Moves or reassigns a booking as it was at `version`; a visit of a
    /// series in `scope` (`renos move --scope`).
    pub fn change(
        &mut self,
        id: i64,
        version: i64,
        visit: VisitChange,
        scope: Scope,
        accept_clash: Option<&str>,
    ) -> Result<ScopedOutcome, RemoteError> {
        self.need(Need::Book)?;
        if visit == VisitChange::default() {
            return Err(RemoteError::Invalid(
                "nothing to change: give date, start, staff_id or duration_min".into(),
            ));
        }
        let accept = accept_clash.filter(|r| !r.trim().is_empty());
        Ok(self.store.move_visit(id, version, visit, scope, accept)?)
    }

    /// The booking `id` if it can be cancelled: not cancelled already.
    pub fn cancellable(&self, id: i64) -> Result<Booking, RemoteError> {
        self.need(Need::Book)?;
        let b = self.store.booking(id)?;
        if b.status == BookingStatus::Cancelled {
            return Err(RemoteError::Invalid(format!(
                "Booking #{id} is cancelled already."
            )));
        }
        Ok(b)
    }

    /// Cancels a booking as it was at `version`, with the reason; a visit
    /// of a series in `scope` (`renos cancel --scope`).
    pub fn cancel(
        &mut self,
        id: i64,
        version: i64,
        reason: &str,
        scope: Scope,
    ) -> Result<ScopedOutcome, RemoteError> {
        self.need(Need::Book)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(RemoteError::Invalid(
                "reason: a cancellation needs a reason (e.g. \"kunden aflyste\")".into(),
            ));
        }
        self.cancellable(id)?;
        Ok(self.store.cancel_visit(id, version, reason, scope)?)
    }

    /// Starts a job now; a cleaner only their own. `version`: what the
    /// caller saw, or the current one.
    pub fn start(&mut self, id: i64, version: Option<i64>) -> Result<Booking, RemoteError> {
        let b = self.job(id)?;
        self.need(Need::WorkJob(b.staff_id))?;
        Ok(self.store.start_booking(id, version.unwrap_or(b.version))?)
    }

    /// Finishes a running job now; a cleaner only their own.
    pub fn finish(&mut self, id: i64, version: Option<i64>) -> Result<Booking, RemoteError> {
        let b = self.job(id)?;
        self.need(Need::WorkJob(b.staff_id))?;
        Ok(self
            .store
            .finish_booking(id, version.unwrap_or(b.version))?)
    }

    /// Adds a note to a job, stamped with the time and the caller's name;
    /// a cleaner only to their own.
    pub fn note(
        &mut self,
        id: i64,
        version: Option<i64>,
        text: &str,
    ) -> Result<Booking, RemoteError> {
        const MAX_NOTE: usize = 2000;
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_NOTE {
            return Err(RemoteError::Invalid(format!(
                "a note is 1 to {MAX_NOTE} characters"
            )));
        }
        let b = self.job(id)?;
        self.need(Need::WorkJob(b.staff_id))?;
        let line = format!(
            "{} {}: {text}",
            stamp(self.settings, self.now()),
            self.caller.name
        );
        Ok(self
            .store
            .note_booking(id, version.unwrap_or(b.version), &line)?)
    }

    /// What invoicing job `id` would ask for: the line and the amounts,
    /// and the invoice it has already, if any. Admin only.
    pub fn quote(&self, id: i64) -> Result<Quote, RemoteError> {
        self.need(Need::Invoice)?;
        billing::quote(self.store, self.settings, id).map_err(billing_error)
    }

    /// Asks for a draft invoice of a finished job (never approved here,
    /// whatever `auto_approve` says: approving is a person's); the back
    /// office sends it to Billy. A job invoiced already answers with its
    /// invoice. Admin only.
    pub fn invoice(&mut self, id: i64) -> Result<InvoiceRecord, RemoteError> {
        self.need(Need::Invoice)?;
        if let Some(existing) = self.store.invoice(id)? {
            return Ok(existing);
        }
        let mut drafts = self.settings.clone();
        drafts.billy.auto_approve = false;
        billing::request(self.store, &drafts, id, false).map_err(billing_error)
    }

    /// The newest booking change this caller made, if it can still be
    /// undone.
    pub fn undo_hint(&self) -> Result<UndoHint, RemoteError> {
        self.need(Need::Book)?;
        self.store.undo_hint()?.ok_or_else(|| {
            RemoteError::Invalid(format!(
                "Nothing to undo: no booking change made here in the last \
                 {UNDO_WINDOW_MINUTES} minutes."
            ))
        })
    }

    /// Takes back the newest booking change this caller made (the
    /// console's undo, refused when someone changed the booking since).
    pub fn undo(&mut self) -> Result<UndoOutcome, RemoteError> {
        self.need(Need::Book)?;
        Ok(self.store.undo()?)
    }
}

/// A billing failure: the store's as the store's, the rest as a sentence.
fn billing_error(e: anyhow::Error) -> RemoteError {
    match e.downcast::<StoreError>() {
        Ok(s) => RemoteError::from(s),
        Err(e) => RemoteError::Invalid(format!("{e:#}")),
    }
}

/// "5/12 14:05" in the business time zone, for a note's stamp.
fn stamp(settings: &Settings, at: DateTime<Utc>) -> String {
    let tz = settings.tz;
    format!("{} {}", tz.local(at).format("%-d/%-m"), tz.hm(at))
}
