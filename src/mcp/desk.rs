//! The desk a tool works at: the store (acting as the caller, journaled
//! "via assistant"), the settings and the caller, with the look-ups every
//! tool shares. What the caller may do is decided by the one role check
//! of `engine::remote` ([`Desk::need`]).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::config::Settings;
use crate::domain::memory::{CustomerMemory, customer_memory};
use crate::domain::time::{weekday_da_long, weekday_en};
use crate::domain::when::{DateInput, parse_date};
use crate::domain::{Booking, BusinessTz, Customer, Staff};
use crate::engine::remote::{self, Caller, Need, RemoteError};
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

impl From<anyhow::Error> for ToolError {
    fn from(e: anyhow::Error) -> Self {
        ToolError(format!("{e:#}"))
    }
}

/// A tool's result: a value or a sentence.
pub type Outcome<T> = Result<T, ToolError>;

/// The store, the settings and the caller the tools work with.
pub struct Desk {
    pub store: Store,
    pub settings: Settings,
    /// Who asks: their role decides what the tools may do for them.
    pub caller: Caller,
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

impl Desk {
    /// A desk on `store` (acting as `caller`), with `settings`.
    pub fn new(store: Store, settings: Settings, caller: Caller) -> Desk {
        Desk {
            store,
            settings,
            caller,
        }
    }

    /// May the caller do what `need` names? The one role check the API
    /// and the feed use too.
    pub fn need(&self, need: Need) -> Outcome<()> {
        Ok(remote::check(&self.caller, need)?)
    }

    /// The booking `id`, if the caller may see it (a cleaner: their own).
    pub fn job(&self, id: i64) -> Outcome<Booking> {
        let b = self.store.booking(id)?;
        self.need(Need::SeeJob(b.staff_id))?;
        Ok(b)
    }

    /// The desk's clock.
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

    /// What the business knows about a customer from their bookings.
    pub fn memory(&self, customer_id: i64) -> Outcome<CustomerMemory> {
        let history = self.store.customer_bookings(customer_id)?;
        Ok(customer_memory(&history, self.now(), self.settings.tz))
    }

    /// `b` as the tools show it.
    pub fn view(&self, b: &Booking) -> Outcome<BookingView> {
        view(&self.store, self.settings.tz, b)
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

/// `b` as the tools show it, times in `tz`.
pub fn view(store: &Store, tz: BusinessTz, b: &Booking) -> Outcome<BookingView> {
    let customer = store.customer(b.customer_id)?.name;
    let staff = match b.staff_id {
        Some(id) => store.staff_names()?.get(&id).cloned(),
        None => None,
    };
    Ok(BookingView {
        id: b.id,
        customer_id: b.customer_id,
        customer,
        staff_id: b.staff_id,
        staff,
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
    })
}
