//! Customers from the keyboard: a new customer made inside the booking
//! form (`ctrl-n` from the customer field) without leaving the booking
//! being typed, and the customer screen (`K`): a customer's details,
//! bookings, series and invoices, with their details edited in place.

use crossterm::event::KeyEvent;

use super::editing::FormState;
use super::lists::step;
use super::{App, Effect, MessageKind, Mode, Transition};
use crate::domain::Customer;
use crate::engine::worker::{CustomerCard, Lookalike, Request};
use crate::tui::action::Action;
use crate::tui::form::CustomerForm;
use crate::words::values::contact_label;

/// The customer screen: whose, their card once it arrives, how far it is
/// scrolled, and the details being edited, if they are.
pub struct CustomerScreen {
    pub id: i64,
    /// `None` until the card arrives.
    pub card: Option<Box<CustomerCard>>,
    pub scroll: usize,
    pub edit: Option<Box<CustomerForm>>,
}

/// The fewest rows the customer screen shows of the card: scrolling stops
/// where the card's end is in view on the smallest screen.
const ROOM_MIN: usize = 10;

impl CustomerScreen {
    /// How many rows the card takes (as the view lays it out), for scrolling.
    pub fn rows(&self) -> usize {
        self.card.as_ref().map_or(0, |c| {
            let notes = c.customer.notes.lines().filter(|l| !l.trim().is_empty());
            4 + notes.count().max(1)
                + 1
                + c.next.len().max(1)
                + 1
                + c.series.len().max(1)
                + 1
                + c.past.len().max(1)
                + 1
                + c.invoices.len().max(1)
        })
    }

    /// The last scroll position worth having.
    fn last(&self) -> usize {
        self.rows().saturating_sub(ROOM_MIN) + 1
    }
}

impl App {
    /// The keys of the new-customer form over the booking form, or of its
    /// question when the new customer looks like a known one.
    pub(super) fn new_customer_key(
        &mut self,
        mut fs: Box<FormState>,
        mut sub: Box<CustomerForm>,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        if let Some(l) = sub.lookalike.take() {
            match action {
                Some(Action::UseExisting) => {
                    let needs = fs.form.take_customer(&l.customer);
                    let mut effects = self.needs(needs);
                    effects.extend(self.refresh_form(&mut fs));
                    return Transition::with(Mode::Form(fs), effects);
                }
                Some(Action::CreateAnyway) => return self.send_new_customer(fs, sub, true),
                Some(Action::Back) => {}
                _ => sub.lookalike = Some(l),
            }
            fs.new_customer = Some(sub);
            return Transition::to(Mode::Form(fs));
        }
        match action {
            Some(Action::Close) => return Transition::to(Mode::Form(fs)),
            Some(Action::Save) if !sub.saving => {
                if sub.ready(self.words()) {
                    return self.send_new_customer(fs, sub, false);
                }
            }
            Some(Action::Save | Action::NewCustomer) => {}
            _ if sub.saving => {}
            _ => sub.handle_key(key, action),
        }
        fs.new_customer = Some(sub);
        Transition::to(Mode::Form(fs))
    }

    /// Sends the new customer to the store (`anyway`: even though it looks
    /// like a known one); both forms stay open until the answer.
    fn send_new_customer(
        &mut self,
        mut fs: Box<FormState>,
        mut sub: Box<CustomerForm>,
        anyway: bool,
    ) -> Transition {
        let customer = match sub.new_customer(self.words()) {
            Ok(c) => c,
            Err((field, e)) => {
                sub.focus = field;
                sub.error = Some(format!("{}: {e}", contact_label(self.words(), field)));
                fs.new_customer = Some(sub);
                return Transition::to(Mode::Form(fs));
            }
        };
        sub.saving = true;
        sub.error = None;
        fs.new_customer = Some(sub);
        Transition::with(
            Mode::Form(fs),
            vec![Effect::Request(Request::AddCustomer {
                customer: Box::new(customer),
                anyway,
            })],
        )
    }

    /// `ctrl-n` in the booking form: the new-customer form, named as the
    /// customer field reads (when it names nobody chosen yet).
    pub(super) fn open_new_customer(&mut self, mut fs: Box<FormState>) -> Transition {
        let name = if fs.form.customer_id.is_none() {
            fs.form.customer.text().to_string()
        } else {
            String::new()
        };
        fs.new_customer = Some(Box::new(CustomerForm::new(&name)));
        Transition::to(Mode::Form(fs))
    }

    /// The new customer was made: the booking form takes them and the
    /// list of customers is asked for again.
    pub(super) fn on_customer_added(&mut self, c: Customer) -> Vec<Effect> {
        let mut effects = vec![Effect::Request(Request::Customers)];
        if let Mode::Form(mut fs) = std::mem::replace(&mut self.mode, Mode::Normal) {
            if fs.new_customer.take().is_some() {
                let needs = fs.form.take_customer(&c);
                effects.extend(self.needs(needs));
                effects.extend(self.refresh_form(&mut fs));
            }
            self.mode = Mode::Form(fs);
        }
        self.say(
            MessageKind::Info,
            crate::words::news::customer_added(self.words(), &c),
        );
        effects
    }

    /// The new customer looks like a known one: the form asks which.
    pub(super) fn on_customer_duplicate(&mut self, l: Lookalike) {
        if let Mode::Form(fs) = &mut self.mode
            && let Some(sub) = &mut fs.new_customer
        {
            sub.saving = false;
            sub.lookalike = Some(l);
        }
    }

    /// A customer save the store refused: said in the form it came from,
    /// which keeps what was typed.
    pub(super) fn on_customer_refused(&mut self, text: String) {
        match &mut self.mode {
            Mode::Form(fs) if fs.new_customer.is_some() => {
                if let Some(sub) = &mut fs.new_customer {
                    sub.saving = false;
                    sub.error = Some(text);
                }
            }
            Mode::Customer(s) if s.edit.is_some() => {
                if let Some(e) = &mut s.edit {
                    e.saving = false;
                    e.error = Some(text);
                }
            }
            _ => self.say(MessageKind::Error, text),
        }
    }

    /// `K`: the customer screen of the selected booking's customer.
    pub(super) fn open_customer_screen(&mut self) -> Vec<Effect> {
        let Some(b) = self.require_selection() else {
            return Vec::new();
        };
        self.mode = Mode::Customer(Box::new(CustomerScreen {
            id: b.customer_id,
            card: None,
            scroll: 0,
            edit: None,
        }));
        vec![Effect::Request(Request::CustomerCard(b.customer_id))]
    }

    pub(super) fn customer_key(
        &mut self,
        mut s: Box<CustomerScreen>,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        if let Some(mut e) = s.edit.take() {
            match action {
                Some(Action::Close) => {}
                Some(Action::Save) if !e.saving => {
                    if e.ready(self.words()) {
                        match e.edited(self.words()) {
                            Ok(c) => {
                                e.saving = true;
                                s.edit = Some(e);
                                return Transition::with(
                                    Mode::Customer(s),
                                    vec![Effect::Request(Request::EditCustomer(Box::new(c)))],
                                );
                            }
                            Err((field, why)) => {
                                e.focus = field;
                                e.error =
                                    Some(format!("{}: {why}", contact_label(self.words(), field)));
                            }
                        }
                    }
                    s.edit = Some(e);
                }
                _ if e.saving => s.edit = Some(e),
                Some(Action::Save) => s.edit = Some(e),
                _ => {
                    e.handle_key(key, action);
                    s.edit = Some(e);
                }
            }
            return Transition::to(Mode::Customer(s));
        }
        match action {
            Some(Action::Close) => return Transition::done(Vec::new()),
            Some(Action::Edit) => match &s.card {
                Some(card) => s.edit = Some(Box::new(CustomerForm::edit(&card.customer))),
                None => self.say(
                    MessageKind::Info,
                    crate::words::news::customer_loading(self.words()),
                ),
            },
            Some(a) => s.scroll = step(s.scroll, s.last(), a),
            None => {}
        }
        Transition::to(Mode::Customer(s))
    }

    /// A customer's card arrived.
    pub(super) fn on_customer_card(&mut self, card: CustomerCard) -> bool {
        match &mut self.mode {
            Mode::Customer(s) if s.id == card.customer.id => {
                s.card = Some(Box::new(card));
                true
            }
            _ => false,
        }
    }

    /// The customer screen's edit went through: the card again, as stored.
    pub(super) fn on_customer_saved(&mut self, c: Customer) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Mode::Customer(s) = &mut self.mode
            && s.id == c.id
        {
            s.edit = None;
            if let Some(card) = &mut s.card {
                card.customer = c.clone();
            }
            effects.push(Effect::Request(Request::CustomerCard(c.id)));
        }
        if self.customers.is_some() {
            effects.push(Effect::Request(Request::Customers));
        }
        self.say(
            MessageKind::Info,
            crate::words::news::customer_saved(self.words(), &c),
        );
        effects
    }
}
