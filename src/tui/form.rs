//! The booking form (`n` new, `e` edit): a struct of typed fields and a
//! focus. Every field checks itself as the dispatcher types and says what it
//! understood ("fredag 20/11/2026", "→ Anna Jensen"); the form turns into a
//! `BookingDraft` only when every field holds. Pure: what the form needs from
//! the store (customers, a customer's memory, another day) it asks for.
//! Here the state and the keys; the fields' checks in `checks.rs`, the
//! repeat in `repeat.rs`, the customer field and a new customer beside them.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveTime, Timelike};
use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::action::Action;
use super::input::LineInput;
use super::keymap::Keymap;
use crate::domain::fuzzy::{CustomerSearch, Hit};
use crate::domain::memory::CustomerMemory;
use crate::domain::when::{DateInput, dmy, parse_duration, parse_time};
use crate::domain::{Booking, BookingDraft, BusinessTz, Staff};
use crate::engine::worker::Customers;
use crate::i18n::{Language, Words};

/// How many search results the customer list shows.
pub const HITS: usize = 5;
pub const DEFAULT_SERVICE: &str = "Fast rengøring";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Customer,
    Cleaner,
    Service,
    Date,
    Start,
    Duration,
    End,
    Estimate,
    Repeats,
    Ends,
    Address,
    Notes,
}

pub const FIELDS: [Field; 12] = [
    Field::Customer,
    Field::Cleaner,
    Field::Service,
    Field::Date,
    Field::Start,
    Field::Duration,
    Field::End,
    Field::Estimate,
    Field::Repeats,
    Field::Ends,
    Field::Address,
    Field::Notes,
];

impl Field {
    /// The field's name beside it in the form.
    pub fn label(self, w: Words) -> String {
        w.get(match self {
            Field::Customer => "form-customer",
            Field::Cleaner => "form-cleaner",
            Field::Service => "form-service",
            Field::Date => "form-date",
            Field::Start => "form-start",
            Field::Duration => "form-duration",
            Field::End => "form-end",
            Field::Estimate => "form-estimate",
            Field::Repeats => "form-repeats",
            Field::Ends => "form-ends",
            Field::Address => "form-address",
            Field::Notes => "form-notes",
        })
    }

    fn step(self, by: i64) -> Field {
        let i = FIELDS.iter().position(|f| *f == self).unwrap_or(0) as i64;
        FIELDS[(i + by).rem_euclid(FIELDS.len() as i64) as usize]
    }
}

/// What the form needs from outside: the day, the time zone, the cleaners.
pub struct FormContext<'a> {
    pub today: NaiveDate,
    pub tz: BusinessTz,
    pub staff: &'a [Staff],
    pub customers: Option<&'a Customers>,
    /// For the keys the hints name.
    pub keys: &'a Keymap,
    /// The console's words.
    pub words: Words,
}

/// Something the form asks the store for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// The customer's history, to prefill estimate and cleaner.
    Memory(i64),
}

/// How a date/weekday disagreement was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekdayChoice {
    /// Not asked yet (or no disagreement).
    Open,
    /// Keep both as typed: the booking goes to the review queue.
    Confirmed,
}

pub struct BookingForm {
    /// The booking edited, as loaded; `None` for a new one.
    pub editing: Option<Booking>,
    pub focus: Field,
    pub customer: LineInput,
    pub customer_id: Option<i64>,
    pub hits: Vec<Hit>,
    pub hit: usize,
    search: Option<CustomerSearch>,
    pub cleaner: LineInput,
    pub service: LineInput,
    pub date: LineInput,
    pub start: LineInput,
    pub duration: LineInput,
    pub end: LineInput,
    pub estimate: LineInput,
    /// How often a new booking comes back, and until when (see `repeat`).
    pub repeats: LineInput,
    pub ends: LineInput,
    /// The repeat last chosen with the keys, while the field still holds
    /// its words (a monthly one follows the date).
    preset: Option<Preset>,
    /// Editing a visit of a series: the series in words.
    pub series_words: Option<String>,
    pub address: LineInput,
    /// The customer's address, shown for a booking without one of its own.
    customer_address: Option<String>,
    pub notes: TextArea<'static>,
    /// Fields the dispatcher typed in: prefills never overwrite them.
    pub touched: HashSet<Field>,
    pub weekday: WeekdayChoice,
    pub memory: Option<CustomerMemory>,
    /// Why the last save attempt did not go through.
    pub error: Option<String>,
    /// The words lengths of time are written in (see `speaking`).
    words: Words,
}

fn hm(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

impl BookingForm {
    /// A new booking on `date`, starting at `start`, for `staff` (the lane
    /// the dispatcher was on).
    pub fn new(date: NaiveDate, start: NaiveTime, staff: Option<&Staff>) -> BookingForm {
        let mut f = BookingForm {
            editing: None,
            focus: Field::Customer,
            customer: LineInput::default(),
            customer_id: None,
            hits: Vec::new(),
            hit: 0,
            search: None,
            cleaner: LineInput::new(staff.map_or("", |s| s.name.as_str())),
            service: LineInput::new(DEFAULT_SERVICE),
            date: LineInput::new(dmy(date)),
            start: LineInput::new(hm(start)),
            duration: LineInput::default(),
            end: LineInput::default(),
            estimate: LineInput::default(),
            repeats: LineInput::default(),
            ends: LineInput::default(),
            preset: None,
            series_words: None,
            address: LineInput::default(),
            customer_address: None,
            notes: TextArea::default(),
            touched: HashSet::new(),
            weekday: WeekdayChoice::Open,
            memory: None,
            error: None,
            words: Language::default().words(),
        };
        f.duration.set(f.minutes_text(180));
        f.estimate.set(f.minutes_text(180));
        f.sync_end();
        f
    }

    /// The form for editing `b`.
    pub fn edit(b: &Booking, customer: &str, staff: Option<&Staff>, tz: BusinessTz) -> Self {
        let local = tz.local(b.start);
        let mut f = BookingForm::new(local.date_naive(), local.time(), staff);
        f.editing = Some(b.clone());
        f.focus = Field::Cleaner;
        f.customer.set(customer);
        f.customer_id = Some(b.customer_id);
        f.service.set(&b.service);
        let minutes = b.planned_minutes().max(0) as u32;
        f.duration.set(f.minutes_text(minutes));
        f.estimate.set(f.minutes_text(b.estimate_min));
        f.address.set(&b.address);
        f.notes = TextArea::new(b.notes.lines().map(str::to_string).collect());
        // Everything shown was chosen before: prefills leave it alone.
        f.touched = FIELDS.iter().copied().collect();
        f.sync_end();
        f.focus_selects();
        f
    }

    /// A booking without an address of its own goes to the customer's:
    /// the form shows that address; saved unchanged, the booking still
    /// has none of its own.
    pub fn show_customer_address(&mut self, address: &str) {
        if self.address.text().trim().is_empty() && !address.trim().is_empty() {
            self.address.set(address);
            self.customer_address = Some(address.to_string());
        }
    }

    pub fn title(&self, w: Words) -> String {
        let title = match &self.editing {
            Some(b) => w.with("form-title-edit", &[("id", b.id.into())]),
            None => w.get("form-title-new"),
        };
        format!(" {title} ")
    }

    pub fn input(&self, f: Field) -> Option<&LineInput> {
        Some(match f {
            Field::Customer => &self.customer,
            Field::Cleaner => &self.cleaner,
            Field::Service => &self.service,
            Field::Date => &self.date,
            Field::Start => &self.start,
            Field::Duration => &self.duration,
            Field::End => &self.end,
            Field::Estimate => &self.estimate,
            Field::Repeats => &self.repeats,
            Field::Ends => &self.ends,
            Field::Address => &self.address,
            Field::Notes => return None,
        })
    }

    fn input_mut(&mut self, f: Field) -> Option<&mut LineInput> {
        Some(match f {
            Field::Customer => &mut self.customer,
            Field::Cleaner => &mut self.cleaner,
            Field::Service => &mut self.service,
            Field::Date => &mut self.date,
            Field::Start => &mut self.start,
            Field::Duration => &mut self.duration,
            Field::End => &mut self.end,
            Field::Estimate => &mut self.estimate,
            Field::Repeats => &mut self.repeats,
            Field::Ends => &mut self.ends,
            Field::Address => &mut self.address,
            Field::Notes => return None,
        })
    }

    /// A key for the form, with its action in `[form]`, or in `[search]`
    /// while the customer list is open (save and close are the caller's). Keys without an action are typed into the field.
    /// Returns what the form needs from the store, if anything.
    pub fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        ctx: &FormContext,
    ) -> Vec<Need> {
        let before = self.focus;
        let needs = self.handle_key_in(key, action, ctx);
        if self.focus != before {
            self.focus_selects();
        }
        needs
    }

    /// The focused field's text is selected: the first key typed replaces
    /// it ("12:30" then `9` is "9", not "12:309").
    pub fn focus_selects(&mut self) {
        let focus = self.focus;
        if let Some(i) = self.input_mut(focus) {
            i.select_all();
        }
    }

    fn handle_key_in(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        ctx: &FormContext,
    ) -> Vec<Need> {
        self.error = None;
        if action == Some(Action::PrevField) {
            self.focus = self.focus.step(-1);
            return Vec::new();
        }
        if self.searching() {
            match action {
                Some(Action::Down) => {
                    self.hit = (self.hit + 1).min(self.hits.len().saturating_sub(1));
                    return Vec::new();
                }
                Some(Action::Up) => {
                    self.hit = self.hit.saturating_sub(1);
                    return Vec::new();
                }
                Some(Action::Take) => {
                    let id = self.hits.get(self.hit).map(|h| h.id);
                    let needs = id.map(|id| self.pick_customer(id, ctx)).unwrap_or_default();
                    self.focus = self.focus.step(1);
                    return needs;
                }
                _ => {}
            }
        }
        if self.focus == Field::Notes {
            // Many lines: enter and the arrows are the text's own.
            match action {
                Some(Action::NextField) => self.focus = self.focus.step(1),
                _ => {
                    self.notes.input(*key);
                    self.touched.insert(Field::Notes);
                }
            }
            return Vec::new();
        }
        match action {
            Some(Action::NextField | Action::FieldDown) => {
                self.focus = self.focus.step(1);
                return Vec::new();
            }
            Some(Action::FieldUp) => {
                self.focus = self.focus.step(-1);
                return Vec::new();
            }
            _ => {}
        }
        let field = self.focus;
        if self.editing.is_some() && matches!(field, Field::Repeats | Field::Ends) {
            // A booking's repeat is chosen when it is made.
            return Vec::new();
        }
        if let Some(a @ (Action::PrevChoice | Action::NextChoice)) = action {
            if field == Field::Repeats {
                self.choose_repeat(if a == Action::NextChoice { 1 } else { -1 }, ctx);
            }
            return Vec::new();
        }
        let changed = self
            .input_mut(field)
            .and_then(|i| i.handle(key, action))
            .unwrap_or(false);
        if changed {
            self.touched.insert(field);
            self.changed(field);
            match field {
                Field::Repeats => self.preset = None,
                Field::Date => self.repeat_follows_date(ctx),
                _ => {}
            }
        }
        Vec::new()
    }

    /// Keeps the linked fields in step after `field` changed.
    fn changed(&mut self, field: Field) {
        match field {
            Field::Customer => {
                self.customer_id = None;
                self.memory = None;
                self.run_search();
            }
            Field::Date => self.weekday = WeekdayChoice::Open,
            Field::Start | Field::Duration => self.sync_end(),
            Field::End => self.sync_duration(),
            _ => {}
        }
    }

    /// End follows start + duration.
    fn sync_end(&mut self) {
        if let (Ok(s), Ok(d)) = (
            parse_time(self.start.text()),
            parse_duration(self.duration.text()),
        ) {
            let end = s + Duration::minutes(i64::from(d));
            let next_day = i64::from(s.num_seconds_from_midnight()) + i64::from(d) * 60 >= 86_400;
            self.end.set(format!(
                "{}{}",
                hm(end),
                if next_day { " (+1)" } else { "" }
            ));
        }
    }

    /// Duration follows a hand-typed end.
    fn sync_duration(&mut self) {
        if let (Ok(s), Ok(e)) = (parse_time(self.start.text()), parse_time(self.end.text()))
            && e > s
        {
            let minutes = (e - s).num_minutes() as u32;
            self.duration.set(self.minutes_text(minutes));
        }
    }

    /// The booking the form describes, once every field holds.
    pub fn draft(&self, ctx: &FormContext) -> Result<(BookingDraft, DateInput), (Field, String)> {
        if let Some(e) = self.first_error(ctx) {
            return Err(e);
        }
        let fail = |f: Field| move |e: String| (f, e);
        let customer_id = self
            .customer_id
            .ok_or((Field::Customer, ctx.words.get("form-pick-a-customer")))?;
        let staff = self
            .cleaner_of(ctx.staff, ctx.words)
            .map_err(fail(Field::Cleaner))?;
        let date = self.parsed_date(ctx).map_err(fail(Field::Date))?;
        let w = ctx.words;
        let start = self.time(&self.start, w).map_err(fail(Field::Start))?;
        let minutes = self
            .minutes(&self.duration, w)
            .map_err(fail(Field::Duration))?;
        let estimate = self
            .minutes(&self.estimate, w)
            .map_err(fail(Field::Estimate))?;
        let start = ctx.tz.instant(date.date, start);
        let draft = BookingDraft {
            customer_id,
            staff_id: staff.map(|s| s.id),
            service: self.service.text().trim().to_string(),
            start,
            end: start + Duration::minutes(i64::from(minutes)),
            estimate_min: estimate,
            address: match &self.customer_address {
                Some(a) if a.trim() == self.address.text().trim() => String::new(),
                _ => self.address.text().trim().to_string(),
            },
            notes: self.notes.lines().join("\n").trim_end().to_string(),
            review: self
                .editing
                .as_ref()
                .map_or_else(String::new, |b| b.review.clone()),
        };
        Ok((draft, date))
    }

    /// The draft as a booking, for the clash preview (`id` −1 when new).
    pub fn as_booking(&self, draft: &BookingDraft) -> Booking {
        let mut b = draft.apply(self.editing.as_ref());
        if self.editing.is_none() {
            b.id = -1;
        }
        b
    }
}

mod checks;
mod customer;
mod customer_field;
mod prefill;
mod repeat;

pub use checks::Check;
pub use customer::{CONTACT_FIELDS, ContactField, CustomerForm};
pub use repeat::{PRESETS, Preset, REPEATS_HINT, Repeat, preview_to};

#[cfg(test)]
mod tests;
