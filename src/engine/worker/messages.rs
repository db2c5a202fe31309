//! What the console asks the store worker, and what it hears back.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use super::customers::{CustomerCard, Lookalike};
use super::{ConflictItem, Found, Outcome, Refusal, SaveKind, StaffCard, Unloaded};
use crate::domain::availability::StaffEdit;
use crate::domain::fuzzy::CustomerIndex;
use crate::domain::memory::CustomerMemory;
use crate::domain::series::Series;
use crate::domain::sickcall::Replacement;
use crate::domain::slots::Finding;
use crate::domain::{Booking, Customer};
use crate::engine::day::DayPlan;
use crate::engine::history::JournalLine;
use crate::engine::service::ServiceNews;
use crate::engine::slots::SlotRequest;
use crate::engine::sync::Choice;
use crate::engine::week::WeekPlan;
use crate::store::{NewCustomer, Save, Scope, StoreError, UndoHint, VisitChange};

/// Why the worker could not answer a question: the store's error, typed
/// (the console words it).
pub type Failure = Arc<StoreError>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Load (and from now on watch) this day.
    Load(NaiveDate),
    /// Start the job; `version` is what the dispatcher saw.
    Start {
        id: i64,
        version: i64,
    },
    Finish {
        id: i64,
        version: i64,
    },
    /// Create or edit a booking (the form, move mode); `base` is the booking
    /// as the dispatcher loaded it, to compare with if someone else changed
    /// it meanwhile.
    Save {
        save: Box<Save>,
        base: Option<Box<Booking>>,
    },
    Cancel {
        id: i64,
        version: i64,
        reason: String,
    },
    /// Take a booking out of the review queue.
    Approve {
        id: i64,
        version: i64,
    },
    Undo,
    Redo,
    /// Every customer, for the form's search.
    Customers,
    /// One customer's history in figures, for the form.
    Memory(i64),
    /// Another day, for the form's clash preview.
    Preview(NaiveDate),
    /// The journal, of one booking or all.
    Journal {
        booking: Option<i64>,
    },
    /// The sync conflict queue.
    SyncConflicts,
    /// Settle a sync conflict as the dispatcher chose.
    Resolve {
        booking_id: i64,
        /// The conflict of the visit's series held on it, not its own.
        of_series: bool,
        choice: Choice,
    },
    /// A recurring booking from the form: the series and its visits;
    /// `accept` is why a double booking is fine.
    CreateSeries {
        series: Box<Series>,
        accept: Option<String>,
    },
    /// Move, re-time or reassign a visit of a series in `scope`.
    MoveVisit {
        id: i64,
        version: i64,
        change: VisitChange,
        scope: Scope,
        accept: Option<String>,
    },
    /// Cancel a visit of a series in `scope`.
    CancelVisit {
        id: i64,
        version: i64,
        reason: String,
        scope: Scope,
    },
    /// Free slots for the finder; `seq` comes back with the answer so the
    /// console can drop answers to questions it no longer asks.
    Slots {
        seq: u64,
        request: Box<SlotRequest>,
    },
    /// The sick call's plan: every job of `staff_id` on the local dates
    /// `from..=to` with its best replacement, as answer `seq`.
    SickCall {
        seq: u64,
        staff_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// The search's question `seq`: the booking numbered in `query`, the
    /// bookings whose notes match it, and the next and last booking of each
    /// of `customers` (found by the console's own customer search).
    Find {
        seq: u64,
        query: String,
        customers: Vec<i64>,
    },
    /// Gives the planned jobs to their replacements as one change, with
    /// `reason` in the journal.
    ApplySickCall {
        plan: Vec<Replacement>,
        reason: String,
    },
    /// The staff screen: every cleaner with the minutes booked in the week
    /// of the day given, again after each change while it is open; `None`
    /// when it closes.
    Staff(Option<NaiveDate>),
    /// Changes one field of cleaner `id`; `version` is what the dispatcher saw.
    SetStaff {
        id: i64,
        version: i64,
        edit: StaffEdit,
    },
    /// A new customer from the booking form. Unless `anyway`, one that
    /// looks like a known customer (the import's duplicate check) is not
    /// made: the answer names the customer it looks like.
    AddCustomer {
        customer: Box<NewCustomer>,
        anyway: bool,
    },
    /// A customer with their bookings, series and invoices, for the
    /// customer screen.
    CustomerCard(i64),
    /// New contact details of a customer, as edited on the customer screen
    /// (`version` as it was loaded).
    EditCustomer(Box<Customer>),
    /// Load (and from now on watch) the week a date is in, for the week
    /// board; `None` stops watching it.
    Week(Option<NaiveDate>),
}

/// The customer list prepared for searching.
#[derive(Clone)]
pub struct Customers {
    pub index: Arc<CustomerIndex>,
    pub by_id: Arc<HashMap<i64, Customer>>,
}

impl std::fmt::Debug for Customers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Customers({})", self.by_id.len())
    }
}

/// A booking in the review queue, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub id: i64,
    pub version: i64,
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub customer: String,
    /// The cleaner's name; empty while unassigned (the view words it).
    pub staff: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub enum Reply {
    Day(Box<DayPlan>),
    /// A change went through.
    Done(Outcome),
    /// A change was refused; a refused save keeps the form open.
    Refused(Refusal),
    /// Something could not be loaded: what, and why.
    NotLoaded {
        what: Unloaded,
        error: Failure,
    },
    /// A save went through: the booking as stored, what changed, and its
    /// cleaner's name (`None`: unassigned).
    Saved {
        booking: Box<Booking>,
        kind: SaveKind,
        staff: Option<String>,
    },
    Customers(Customers),
    Memory(i64, CustomerMemory),
    Preview(Box<DayPlan>),
    Journal {
        booking: Option<i64>,
        lines: Vec<JournalLine>,
    },
    Review(Vec<ReviewItem>),
    /// The sync conflict queue.
    SyncConflicts(Vec<ConflictItem>),
    /// What `u` would undo now.
    UndoHint(Option<UndoHint>),
    /// News of the worker itself: it could not start, or stopped.
    Service(ServiceNews),
    /// The finder's answer to request `seq`, or why there is none.
    Slots {
        seq: u64,
        found: Result<Box<Finding>, Failure>,
    },
    /// The sick call's plan for request `seq`, or why there is none.
    SickCall {
        seq: u64,
        plan: Result<Vec<Replacement>, Failure>,
    },
    /// The staff screen's cleaners, with the minutes booked in the week
    /// from Monday `week`, or why they could not be read.
    Staff {
        week: NaiveDate,
        cards: Result<Vec<StaffCard>, Failure>,
    },
    /// The form's new customer was made, as stored.
    CustomerAdded(Box<Customer>),
    /// The form's new customer looks like one already known: not made.
    CustomerDuplicate(Box<Lookalike>),
    /// A customer's card for the customer screen.
    CustomerCard(Box<CustomerCard>),
    /// The customer screen's edit went through, as stored.
    CustomerSaved(Box<Customer>),
    /// The search's answer to question `seq`, or why there is none.
    Found {
        seq: u64,
        found: Result<Box<Found>, Failure>,
    },
    /// The watched week, again after every change.
    Week(Box<WeekPlan>),
}
