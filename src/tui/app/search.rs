//! The search (`/`): as the dispatcher types, the customers found in the
//! console's own list (the form's folded search), the booking with that
//! number and the bookings whose notes match (from the worker, answers to
//! an older query dropped), each customer with their next and last
//! booking. Enter goes to the chosen booking's day and selects it; on a
//! customer, their next booking, else the last. Esc leaves the schedule
//! as it was.

use std::sync::Arc;

use crossterm::event::KeyEvent;

use super::{App, Effect, Mode, Transition};
use crate::domain::fuzzy::{CustomerSearch, Hit};
use crate::engine::worker::{
    CustomerJobs, Customers, Found, FoundBooking, Request, booking_number,
};
use crate::tui::action::Action;
use crate::tui::input::LineInput;

/// Customers the search lists at most.
pub const FIND_CUSTOMERS: usize = 6;

/// One line of choice in the search's list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FindRow<'a> {
    /// The booking whose number was typed.
    Number(&'a FoundBooking),
    /// A customer, with their next and last booking once the worker said.
    Customer {
        id: i64,
        jobs: Option<&'a CustomerJobs>,
    },
    /// A booking whose notes match.
    Note(&'a FoundBooking),
}

/// Something the search says about the chosen row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindNotice {
    /// The chosen customer has no bookings to go to.
    NoBookings(i64),
}

pub struct FindState {
    pub input: LineInput,
    search: Option<CustomerSearch>,
    /// The customers found, best first.
    pub customers: Vec<Hit>,
    /// The question last sent and its number; answers to others are old.
    asked: Option<u64>,
    /// The worker's latest answer taken (to the question asked, or, while
    /// that is on its way, to one before it).
    pub found: Option<Found>,
    /// The answer to the question asked has not come yet.
    pub waiting: bool,
    /// Why the worker could not answer.
    pub failed: Option<String>,
    pub cursor: usize,
    pub notice: Option<FindNotice>,
    /// Enter came before the customer's bookings did: go once they come.
    go_when_found: bool,
}

impl FindState {
    pub fn new() -> FindState {
        FindState {
            input: LineInput::default(),
            search: None,
            customers: Vec::new(),
            asked: None,
            found: None,
            waiting: false,
            failed: None,
            cursor: 0,
            notice: None,
            go_when_found: false,
        }
    }

    /// The customer list arrived: customers can be found.
    pub fn set_customers(&mut self, customers: &Customers) {
        self.search = Some(CustomerSearch::new(Arc::clone(&customers.index)));
    }

    /// Whether the customer list is there to search.
    pub fn has_customers(&self) -> bool {
        self.search.is_some()
    }

    /// The list as shown: the numbered booking, the customers, the notes.
    pub fn rows(&self) -> Vec<FindRow<'_>> {
        let mut rows = Vec::new();
        let number = booking_number(self.input.text());
        if let Some(b) = self.found.as_ref().and_then(|f| f.number.as_ref())
            && number == Some(b.id)
        {
            rows.push(FindRow::Number(b));
        }
        for h in &self.customers {
            let jobs = self
                .found
                .as_ref()
                .and_then(|f| f.customers.iter().find(|c| c.customer_id == h.id));
            rows.push(FindRow::Customer { id: h.id, jobs });
        }
        if let Some(f) = &self.found {
            rows.extend(f.notes.iter().map(FindRow::Note));
        }
        rows
    }

    /// The worker's answer to question `seq`; an older one is dropped.
    /// Returns whether it was taken.
    pub fn answer(&mut self, seq: u64, found: Result<Box<Found>, String>) -> bool {
        if self.asked != Some(seq) {
            return false;
        }
        self.waiting = false;
        match found {
            Ok(f) => {
                self.found = Some(*f);
                self.failed = None;
            }
            Err(e) => self.failed = Some(e),
        }
        self.cursor = self.cursor.min(self.rows().len().saturating_sub(1));
        true
    }
}

impl Default for FindState {
    fn default() -> Self {
        FindState::new()
    }
}

/// Where a row leads: a booking's id and its start.
fn target<'a>(row: &FindRow<'a>) -> Option<&'a FoundBooking> {
    match row {
        FindRow::Number(b) | FindRow::Note(b) => Some(b),
        FindRow::Customer { jobs, .. } => jobs.and_then(|j| j.next.as_ref().or(j.last.as_ref())),
    }
}

impl App {
    /// `/`: the search, over the schedule as it is.
    pub(super) fn open_find(&mut self) -> Vec<Effect> {
        let mut fs = FindState::new();
        let mut effects = Vec::new();
        match &self.customers {
            Some(c) => fs.set_customers(c),
            None => effects.push(Effect::Request(Request::Customers)),
        }
        self.mode = Mode::Find(Box::new(fs));
        effects
    }

    /// Finds the customers for what is typed, and asks the worker the rest.
    fn ask_find(&mut self, fs: &mut FindState) -> Vec<Effect> {
        let query = fs.input.text().to_string();
        fs.customers = match &mut fs.search {
            Some(s) => s.set_query(&query, FIND_CUSTOMERS),
            None => Vec::new(),
        };
        fs.cursor = 0;
        fs.notice = None;
        fs.go_when_found = false;
        if query.trim().is_empty() {
            fs.asked = None;
            fs.found = None;
            fs.waiting = false;
            fs.failed = None;
            return Vec::new();
        }
        self.question_seq += 1;
        let seq = self.question_seq;
        fs.asked = Some(seq);
        fs.waiting = true;
        vec![Effect::Request(Request::Find {
            seq,
            query,
            customers: fs.customers.iter().map(|h| h.id).collect(),
        })]
    }

    /// The customer list arrived while the search is open: search again.
    pub(super) fn find_customers_arrived(&mut self, customers: &Customers) -> Vec<Effect> {
        let Mode::Find(mut fs) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return Vec::new();
        };
        fs.set_customers(customers);
        let effects = self.ask_find(&mut fs);
        self.mode = Mode::Find(fs);
        effects
    }

    /// The worker's answer to search `seq`. Returns whether it was taken
    /// (an answer to an older query is not) and what else to ask for.
    pub(super) fn find_answered(
        &mut self,
        seq: u64,
        found: Result<Box<Found>, String>,
    ) -> (bool, Vec<Effect>) {
        let Mode::Find(mut fs) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return (false, Vec::new());
        };
        if !fs.answer(seq, found) {
            self.mode = Mode::Find(fs);
            return (false, Vec::new());
        }
        if std::mem::take(&mut fs.go_when_found) {
            let t = self.go_to_found(fs);
            self.mode = t.mode;
            return (true, t.effects);
        }
        self.mode = Mode::Find(fs);
        (true, Vec::new())
    }

    /// A key in the search.
    pub(super) fn find_key(
        &mut self,
        mut fs: Box<FindState>,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        let rows = fs.rows().len();
        match action {
            Some(Action::Close) => return Transition::to(Mode::Normal),
            Some(Action::Down) => {
                fs.cursor = (fs.cursor + 1).min(rows.saturating_sub(1));
                fs.notice = None;
            }
            Some(Action::Up) => {
                fs.cursor = fs.cursor.saturating_sub(1);
                fs.notice = None;
            }
            Some(Action::Open) => return self.go_to_found(fs),
            _ => {
                if fs.input.handle(key, action).unwrap_or(false) {
                    let effects = self.ask_find(&mut fs);
                    return Transition::with(Mode::Find(fs), effects);
                }
            }
        }
        Transition::to(Mode::Find(fs))
    }

    /// Enter: the chosen booking's day with it selected; for a customer
    /// whose bookings are still on their way, once they come.
    fn go_to_found(&mut self, mut fs: Box<FindState>) -> Transition {
        let tz = self.settings.tz;
        let chosen = fs
            .rows()
            .get(fs.cursor)
            .map(|row| match (target(row), row) {
                (Some(b), _) => Ok((b.id, tz.local_date(b.start))),
                (None, FindRow::Customer { id, jobs }) => Err(Some((*id, jobs.is_none()))),
                (None, _) => Err(None),
            });
        match chosen {
            Some(Ok((id, date))) => return Transition::done(self.go_to_booking(id, date)),
            Some(Err(Some((_, true)))) if fs.waiting => fs.go_when_found = true,
            Some(Err(Some((id, _)))) => fs.notice = Some(FindNotice::NoBookings(id)),
            _ => {}
        }
        Transition::to(Mode::Find(fs))
    }
}
