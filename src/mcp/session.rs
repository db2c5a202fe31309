//! The session a tool works in: the store (acting as the caller, journaled
//! as [`Caller::actor`] says), the settings and the caller. The work itself
//! is the remote layer's: each tool asks an operation of
//! `engine::remote`'s [`Desk`] (with the one role check inside) and keeps
//! only its own concerns: reading the words an assistant writes (a
//! customer by name, a date like "mandag den 23/11"), the two steps of a
//! write, and its answer's shape.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::config::Settings;
use crate::domain::time::{weekday_da_long, weekday_en};
use crate::domain::when::{DateInput, parse_date};
use crate::domain::{Booking, BusinessTz, Customer, Staff};
use crate::engine::remote::{Caller, Desk, Named, Remote, RemoteError};
use crate::store::{Store, StoreError};

/// A tool's refusal or failure: one sentence for the assistant to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolError(pub String);

impl std::fmt::Display for ToolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ToolError {}

impl From<StoreError> for ToolError {
    fn from(e: StoreError) -> Self {
        ToolError(e.to_string())
    }
}

impl From<RemoteError> for ToolError {
    fn from(e: RemoteError) -> Self {
        ToolError(e.to_string())
    }
}

/// A tool's result: a value or a sentence.
pub type Outcome<T> = Result<T, ToolError>;

/// The store, the settings and the caller the tools work with.
pub struct Session {
    pub(crate) store: Store,
    pub(crate) settings: Settings,
    /// Who asks: their role decides what the tools may do for them.
    pub(crate) caller: Caller,
}

/// A booking as the tools show it: times local to the business.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BookingView {
    /// 0 for a booking not made yet (a dry run).
    pub id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub staff_id: Option<i64>,
    pub staff: Option<String>,
    pub service: String,
    /// YYYY-MM-DD, local.
    pub date: NaiveDate,
    /// Danish weekday name, e.g. "mandag".
    pub weekday: String,
    /// HH:MM, local.
    pub start: String,
    pub end: String,
    pub estimate_min: u32,
    pub status: String,
    pub address: String,
    pub notes: String,
    /// Why it waits in the review queue; empty when it does not.
    pub review: String,
    pub version: i64,
}

impl Session {
    /// A session acting as `caller`, its store opened by `remote` (so the
    /// journal names the caller as every remote change is named).
    pub fn open(remote: &Remote, caller: Caller) -> Result<Session, RemoteError> {
        Ok(Session {
            store: remote.store(&caller)?,
            settings: remote.settings().clone(),
            caller,
        })
    }

    /// The remote layer's desk, for one operation.
    pub fn desk(&mut self) -> Desk<'_> {
        Desk::new(&mut self.store, &self.settings, &self.caller)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The session's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.store.now()
    }

    /// Today in the business time zone.
    pub fn today(&self) -> NaiveDate {
        self.settings.tz.local_date(self.now())
    }

    /// A date as people write it (`2026-11-23`, `23/11`, `mandag`,
    /// `today`), with the weekday named in it.
    pub fn date(&self, text: &str) -> Outcome<DateInput> {
        parse_date(text, self.today())
            .map_err(|e| ToolError(format!("date: {text:?} is not a date: {e}")))
    }

    /// The customer `text` names (`#id`, a name, an address or a phone),
    /// found as the form finds it.
    pub fn customer(&self, text: &str) -> Outcome<Customer> {
        let t = text.trim();
        if let Some(id) = t.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
            return Ok(self.store.customer(id)?);
        }
        crate::engine::billing::find_customer(&self.store, t)
            .map_err(|e| ToolError(format!("customer: {e:#}")))
    }

    /// The cleaner `text` names (a name or `#id`).
    pub fn staff(&self, text: &str) -> Outcome<Staff> {
        self.store
            .find_staff(text)
            .map_err(|e| ToolError(format!("staff: {e}")))
    }

    /// `b` as the tools show it.
    pub fn view(&mut self, b: &Booking) -> Outcome<BookingView> {
        let tz = self.settings.tz;
        Ok(view(&self.desk().named(b.clone())?, tz))
    }

    /// `bookings` as the tools show them.
    pub fn views(&mut self, bookings: &[Booking]) -> Outcome<Vec<BookingView>> {
        bookings.iter().map(|b| self.view(b)).collect()
    }

    /// An instant as the business reads it: RFC 3339 in its time zone.
    pub fn local(&self, t: DateTime<Utc>) -> String {
        self.settings.tz.local(t).to_rfc3339()
    }
}

/// A weekday's names, Danish and English.
pub fn weekday_names(w: chrono::Weekday) -> (String, String) {
    (weekday_da_long(w).to_string(), weekday_en(w).to_string())
}

/// A named booking as the tools show it, times in `tz`.
pub fn view(n: &Named, tz: BusinessTz) -> BookingView {
    let b = &n.booking;
    BookingView {
        id: b.id,
        customer_id: b.customer_id,
        customer: n.customer.name.clone(),
        staff_id: b.staff_id,
        staff: n.staff.clone(),
        service: b.service.clone(),
        date: tz.local_date(b.start),
        weekday: weekday_da_long(tz.weekday(b.start)).to_string(),
        start: tz.hm(b.start),
        end: tz.hm(b.end),
        estimate_min: b.estimate_min,
        status: b.status.as_str().to_string(),
        address: b.address.clone(),
        notes: b.notes.clone(),
        review: b.review.clone(),
        version: b.version,
    }
}
