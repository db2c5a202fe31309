//! The remote writes, through the store functions the console and the
//! commands use: create (clash refused unless accepted with a reason; a
//! doubtful booking goes to review), move or reassign and cancel against
//! the version the caller saw, start, finish, a note, and an invoice.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use super::read::time_of_day;
use super::{Caller, Need, Remote, RemoteError, check, job_of};
use crate::domain::memory::customer_memory;
use crate::domain::review::{ReviewInput, assess};
use crate::domain::{Booking, BookingDraft};
use crate::engine::billing;
use crate::store::{InvoiceRecord, Save, Scope, ScopedOutcome, VisitChange};

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
    "Fast rengøring".into()
}

/// A move or reassignment of one booking: any of a new date, start,
/// cleaner (`null`: nobody) or length.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: Option<NaiveDate>,
    pub start: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub staff_id: Option<Option<i64>>,
    pub duration_min: Option<u32>,
    pub accept_clash: Option<String>,
}

/// A field that is there (even as `null`) is `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

impl Remote {
    /// Creates a booking under the console's rules: a double booking is
    /// refused unless accepted with a reason; one the review rule doubts
    /// waits in the review queue with its reasons.
    pub fn create(&self, caller: &Caller, job: &NewJob) -> Result<Booking, RemoteError> {
        check(caller, Need::Book)?;
        if job.duration_min == 0 {
            return Err(RemoteError::Invalid(
                "duration_min must be more than 0".into(),
            ));
        }
        let mut store = self.store(caller)?;
        let tz = self.settings.tz;
        let start = tz.instant(job.date, time_of_day("start", &job.start)?);
        let end = start + Duration::minutes(i64::from(job.duration_min));
        let staff = match job.staff_id {
            Some(id) => store.staff()?.into_iter().find(|s| s.id == id),
            None => None,
        };
        let memory = customer_memory(&store.customer_bookings(job.customer_id)?, self.now(), tz);
        let assessment = assess(&ReviewInput {
            start,
            end,
            staff: staff.as_ref(),
            confirmed_weekday_mismatch: None,
            memory: Some(&memory),
            now: self.now(),
            tz,
        });
        let draft = BookingDraft {
            customer_id: job.customer_id,
            staff_id: job.staff_id,
            service: job.service.clone(),
            start,
            end,
            estimate_min: job.duration_min,
            address: String::new(),
            notes: job.notes.clone(),
            review: if assessment.needs_review() {
                // Kept for the dispatchers: in the business's language.
                crate::words::values::doubts(self.settings.language.words(), &assessment.reasons)
            } else {
                String::new()
            },
        };
        let accept = job.accept_clash.as_deref().map(str::trim);
        let accepted = match accept {
            Some(r) if !r.is_empty() => store.clashes_of(&draft.apply(None))?,
            _ => Vec::new(),
        };
        Ok(store.save_booking(Save {
            target: None,
            draft,
            accepted,
            reason: accept.unwrap_or("").to_string(),
        })?)
    }

    /// Moves or reassigns a booking as it was at `version`.
    pub fn change(
        &self,
        caller: &Caller,
        id: i64,
        version: i64,
        change: &Change,
    ) -> Result<ScopedOutcome, RemoteError> {
        check(caller, Need::Book)?;
        let mut store = self.store(caller)?;
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
        if visit == VisitChange::default() {
            return Err(RemoteError::Invalid(
                "nothing to change: give date, start, staff_id or duration_min".into(),
            ));
        }
        let accept = change
            .accept_clash
            .as_deref()
            .filter(|r| !r.trim().is_empty());
        Ok(store.move_visit(id, version, visit, Scope::This, accept)?)
    }

    /// Cancels a booking as it was at `version`, with the reason.
    pub fn cancel(
        &self,
        caller: &Caller,
        id: i64,
        version: i64,
        reason: &str,
    ) -> Result<ScopedOutcome, RemoteError> {
        check(caller, Need::Book)?;
        let mut store = self.store(caller)?;
        Ok(store.cancel_visit(id, version, reason, Scope::This)?)
    }

    /// Starts a job now; a cleaner only their own. `version`: what the
    /// caller saw, or the current one.
    pub fn start(
        &self,
        caller: &Caller,
        id: i64,
        version: Option<i64>,
    ) -> Result<Booking, RemoteError> {
        let mut store = self.store(caller)?;
        let b = job_of(caller, &store, id)?;
        check(caller, Need::WorkJob(b.staff_id))?;
        Ok(store.start_booking(id, version.unwrap_or(b.version))?)
    }

    /// Finishes a running job now; a cleaner only their own.
    pub fn finish(
        &self,
        caller: &Caller,
        id: i64,
        version: Option<i64>,
    ) -> Result<Booking, RemoteError> {
        let mut store = self.store(caller)?;
        let b = job_of(caller, &store, id)?;
        check(caller, Need::WorkJob(b.staff_id))?;
        Ok(store.finish_booking(id, version.unwrap_or(b.version))?)
    }

    /// Adds a note to a job, stamped with the time and the caller's name;
    /// a cleaner only to their own.
    pub fn note(
        &self,
        caller: &Caller,
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
        let mut store = self.store(caller)?;
        let b = job_of(caller, &store, id)?;
        check(caller, Need::WorkJob(b.staff_id))?;
        let line = format!("{} {}: {text}", stamp(self, self.now()), caller.name);
        Ok(store.note_booking(id, version.unwrap_or(b.version), &line)?)
    }

    /// Invoices a finished job in Billy (a draft; the back office sends
    /// it). Admin only.
    pub fn invoice(&self, caller: &Caller, id: i64) -> Result<InvoiceRecord, RemoteError> {
        check(caller, Need::Invoice)?;
        let mut store = self.store(caller)?;
        if let Some(existing) = store.invoice(id)? {
            return Ok(existing);
        }
        billing::request(&mut store, &self.settings, id, false).map_err(|e| {
            match e.downcast::<crate::store::StoreError>() {
                Ok(s) => RemoteError::from(s),
                Err(e) => RemoteError::Invalid(e.to_string()),
            }
        })
    }
}

/// "5/12 14:05" in the business time zone, for a note's stamp.
fn stamp(remote: &Remote, at: DateTime<Utc>) -> String {
    let tz = remote.settings.tz;
    format!("{} {}", tz.local(at).format("%-d/%-m"), tz.hm(at))
}
