//! The slot finder (`F`): a duration, a service, a customer and a number
//! of days typed in; the ranked free slots come back from the worker as
//! the dispatcher types (answers to an older question are dropped); Enter
//! opens the booking form on the chosen slot.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use crossterm::event::KeyEvent;

use super::cursor::minute_time;
use super::{App, Effect, FormState, MessageKind, Mode, Transition};
use crate::domain::fuzzy::{CustomerSearch, Hit};
use crate::domain::slots::{Finding, Reason, Slot};
use crate::domain::when::{DurationError, parse_duration};
use crate::engine::slots::SlotRequest;
use crate::engine::worker::{Customers, Request};
use crate::tui::action::Action;
use crate::tui::form::{BookingForm, HITS};
use crate::tui::input::LineInput;

/// How many slots the finder lists at most.
pub const FINDER_ROWS: usize = 40;
/// Days ahead the finder looks when opened.
const DEFAULT_DAYS: u32 = 7;
/// The most days ahead it looks.
pub const MAX_DAYS: u32 = 60;

/// The finder's fields, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinderField {
    Duration,
    Service,
    Customer,
    Days,
}

const FIELDS: [FinderField; 4] = [
    FinderField::Duration,
    FinderField::Service,
    FinderField::Customer,
    FinderField::Days,
];

impl FinderField {
    fn step(self, by: i64) -> FinderField {
        let i = FIELDS.iter().position(|f| *f == self).unwrap_or(0) as i64;
        FIELDS[(i + by).rem_euclid(FIELDS.len() as i64) as usize]
    }
}

/// One offered slot: the cleaner, why they rank there, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct FinderRow {
    pub staff_id: i64,
    pub name: String,
    pub reason: Reason,
    pub slot: Slot,
}

/// Why the finder's fields do not make a question yet.
#[derive(Debug, Clone, PartialEq)]
pub enum FinderGap {
    /// The duration does not read (or is empty).
    Duration(DurationError),
    /// The days ahead are not a number from 1 to [`MAX_DAYS`].
    Days,
}

/// What the finder shows under its fields.
#[derive(Debug, Clone, PartialEq)]
pub enum FinderList {
    /// The fields do not make a question yet: why.
    Incomplete(FinderGap),
    /// Asked; no answer yet.
    Waiting,
    Rows(Vec<FinderRow>),
    /// The worker could not answer.
    Failed(String),
}

pub struct FinderState {
    pub focus: FinderField,
    pub duration: LineInput,
    pub service: LineInput,
    pub customer: LineInput,
    pub customer_id: Option<i64>,
    /// The customer list under the customer field while it is typed.
    pub hits: Vec<Hit>,
    pub hit: usize,
    search: Option<CustomerSearch>,
    pub days: LineInput,
    /// The first day looked at, and the earliest time on it (the time
    /// cursor's): `from` is that moment, before which no slot is offered.
    pub first_day: NaiveDate,
    pub earliest: Option<NaiveTime>,
    pub from: Option<DateTime<Utc>>,
    /// The question last sent, and its number; answers to others are old.
    pub asked: Option<(u64, SlotRequest)>,
    pub list: FinderList,
    /// The list answers a customer with no visits yet: ranked in turn, not
    /// by their usual cleaner.
    pub no_history: bool,
    /// The chosen row.
    pub cursor: usize,
}

impl FinderState {
    /// A finder from `first_day` (from `earliest` on it, if given, which
    /// is the moment `from`).
    pub fn new(
        first_day: NaiveDate,
        earliest: Option<NaiveTime>,
        from: Option<DateTime<Utc>>,
    ) -> FinderState {
        FinderState {
            focus: FinderField::Duration,
            duration: LineInput::default(),
            service: LineInput::default(),
            customer: LineInput::default(),
            customer_id: None,
            hits: Vec::new(),
            hit: 0,
            search: None,
            days: LineInput::new(DEFAULT_DAYS.to_string()),
            first_day,
            earliest,
            from,
            asked: None,
            list: FinderList::Incomplete(FinderGap::Duration(DurationError::Empty)),
            no_history: false,
            cursor: 0,
        }
    }

    /// Is the customer list open under the customer field?
    pub fn searching(&self) -> bool {
        self.focus == FinderField::Customer && self.customer_id.is_none() && !self.hits.is_empty()
    }

    pub fn input(&self, f: FinderField) -> &LineInput {
        match f {
            FinderField::Duration => &self.duration,
            FinderField::Service => &self.service,
            FinderField::Customer => &self.customer,
            FinderField::Days => &self.days,
        }
    }

    fn input_mut(&mut self, f: FinderField) -> &mut LineInput {
        match f {
            FinderField::Duration => &mut self.duration,
            FinderField::Service => &mut self.service,
            FinderField::Customer => &mut self.customer,
            FinderField::Days => &mut self.days,
        }
    }

    /// The customers arrived: the customer field can search.
    pub fn set_customers(&mut self, customers: &Customers) {
        self.search = Some(CustomerSearch::new(Arc::clone(&customers.index)));
        if self.customer_id.is_none() {
            self.run_search();
        }
    }

    fn run_search(&mut self) {
        let q = self.customer.text().to_string();
        if let Some(s) = &mut self.search {
            self.hits = s.set_query(&q, HITS);
            self.hit = 0;
        }
    }

    /// The question the fields make, or why they do not make one.
    pub fn request(&self) -> Result<SlotRequest, FinderGap> {
        let duration = parse_duration(self.duration.text()).map_err(FinderGap::Duration)?;
        if duration == 0 {
            return Err(FinderGap::Duration(DurationError::Zero {
                text: self.duration.text().trim().to_string(),
            }));
        }
        let days = self.days().ok_or(FinderGap::Days)?;
        let mut req = SlotRequest::new(duration, self.first_day, days);
        req.service = self.service.text().trim().to_string();
        req.customer_id = self.customer_id;
        Ok(req)
    }

    /// The days ahead typed, if they are a number from 1 to [`MAX_DAYS`].
    pub fn days(&self) -> Option<u32> {
        self.days
            .text()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=MAX_DAYS).contains(d))
    }

    /// The chosen row, if the list has one.
    pub fn chosen(&self) -> Option<&FinderRow> {
        match &self.list {
            FinderList::Rows(rows) => rows.get(self.cursor),
            _ => None,
        }
    }

    fn rows(&self) -> usize {
        match &self.list {
            FinderList::Rows(rows) => rows.len(),
            _ => 0,
        }
    }

    /// The worker's answer to question `seq`; an older one is dropped.
    /// Returns whether it was taken.
    pub fn answer(&mut self, seq: u64, found: Result<Box<Finding>, String>) -> bool {
        if self.asked.as_ref().map(|(s, _)| *s) != Some(seq) {
            return false;
        }
        self.no_history = found.as_ref().is_ok_and(|f| f.no_history);
        self.list = match found {
            Ok(mut f) => {
                if let Some(from) = self.from {
                    for o in &mut f.offers {
                        o.slots.retain(|s| s.start >= from);
                    }
                    f.offers.retain(|o| !o.slots.is_empty());
                }
                FinderList::Rows(
                    f.best(FINDER_ROWS)
                        .into_iter()
                        .map(|(o, slot)| FinderRow {
                            staff_id: o.staff_id,
                            name: o.name.clone(),
                            reason: o.reason.clone(),
                            slot,
                        })
                        .collect(),
                )
            }
            Err(e) => FinderList::Failed(e),
        };
        self.cursor = self.cursor.min(self.rows().saturating_sub(1));
        true
    }
}

impl App {
    /// `F`: the slot finder from the day shown.
    pub(super) fn open_finder(&mut self) -> Vec<Effect> {
        let earliest = self.time_cursor.map(minute_time);
        let from = earliest.map(|t| self.settings.tz.instant(self.date, t));
        let mut fs = FinderState::new(self.date, earliest, from);
        if let Some(c) = &self.customers {
            fs.set_customers(c);
        }
        let mut effects = self.ask_slots(&mut fs);
        self.mode = Mode::Finder(Box::new(fs));
        if self.customers.is_none() {
            effects.push(Effect::Request(Request::Customers));
        }
        effects
    }

    /// Sends the fields' question to the worker if it changed.
    pub(super) fn ask_slots(&mut self, fs: &mut FinderState) -> Vec<Effect> {
        match fs.request() {
            Err(why) => {
                fs.asked = None;
                fs.list = FinderList::Incomplete(why);
                Vec::new()
            }
            Ok(req) if fs.asked.as_ref().is_some_and(|(_, r)| *r == req) => Vec::new(),
            Ok(req) => {
                self.question_seq += 1;
                let seq = self.question_seq;
                fs.asked = Some((seq, req.clone()));
                if !matches!(fs.list, FinderList::Rows(_)) {
                    fs.list = FinderList::Waiting;
                }
                vec![Effect::Request(Request::Slots {
                    seq,
                    request: Box::new(req),
                })]
            }
        }
    }

    /// A key in the finder.
    pub(super) fn finder_key(
        &mut self,
        mut fs: Box<FinderState>,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        match action {
            Some(Action::Close) => return Transition::to(Mode::Normal),
            Some(Action::Down) if fs.searching() => {
                fs.hit = (fs.hit + 1).min(fs.hits.len().saturating_sub(1));
            }
            Some(Action::Up) if fs.searching() => fs.hit = fs.hit.saturating_sub(1),
            Some(Action::Down) => fs.cursor = (fs.cursor + 1).min(fs.rows().saturating_sub(1)),
            Some(Action::Up) => fs.cursor = fs.cursor.saturating_sub(1),
            Some(Action::NextField) => {
                if fs.searching() {
                    take_hit(&mut fs, self.customers.as_ref());
                }
                fs.focus = fs.focus.step(1);
            }
            Some(Action::PrevField) => fs.focus = fs.focus.step(-1),
            Some(Action::Open) if fs.searching() => {
                take_hit(&mut fs, self.customers.as_ref());
                fs.focus = fs.focus.step(1);
            }
            Some(Action::Open) => return self.book_chosen(fs),
            _ => {
                let field = fs.focus;
                let changed = fs.input_mut(field).handle(key, action).unwrap_or(false);
                if changed && field == FinderField::Customer {
                    fs.customer_id = None;
                    fs.run_search();
                }
            }
        }
        let effects = self.ask_slots(&mut fs);
        Transition::with(Mode::Finder(fs), effects)
    }

    /// Enter: the booking form on the chosen slot.
    fn book_chosen(&mut self, fs: Box<FinderState>) -> Transition {
        let Some(row) = fs.chosen().cloned() else {
            return Transition::to(Mode::Finder(fs));
        };
        if self.refused_read_only(Some(Action::NewBooking)) {
            return Transition::to(Mode::Finder(fs));
        }
        let tz = self.settings.tz;
        let start = tz.local(row.slot.start);
        let minutes = (row.slot.end - row.slot.start).num_minutes().max(0) as u32;
        let staff = self.plan.as_ref().and_then(|p| p.staff_by_id(row.staff_id));
        let customer = fs
            .customer_id
            .and_then(|id| self.customers.as_ref()?.by_id.get(&id));
        let mut form = BookingForm::for_slot(
            start.date_naive(),
            start.time(),
            minutes,
            staff,
            &row.name,
            fs.service.text().trim(),
            customer,
        )
        .speaking(self.words());
        if let Some(c) = &self.customers {
            form.set_customers(c);
        }
        let mut state = FormState::new(form);
        let mut effects = self.refresh_form(&mut state);
        if let Some(c) = fs.customer_id {
            effects.push(Effect::Request(Request::Memory(c)));
        }
        if self.customers.is_none() {
            effects.push(Effect::Request(Request::Customers));
        }
        self.say(
            MessageKind::Info,
            self.words().with(
                "app-finder-check",
                &[
                    ("name", row.name.as_str().into()),
                    ("time", tz.hm(row.slot.start).into()),
                ],
            ),
        );
        Transition::with(Mode::Form(state), effects)
    }
}

/// Takes the highlighted customer of the list into the customer field.
fn take_hit(fs: &mut FinderState, customers: Option<&Customers>) {
    let Some(id) = fs.hits.get(fs.hit).map(|h| h.id) else {
        return;
    };
    let Some(c) = customers.and_then(|cs| cs.by_id.get(&id)) else {
        return;
    };
    fs.customer.set(&c.name);
    fs.customer_id = Some(id);
    fs.hits.clear();
}
