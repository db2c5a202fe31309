//! A customer's contact details as a small form: a new customer from the
//! booking form (name prefilled with what the customer field held), or a
//! customer's details edited on the customer screen. The phone and e-mail
//! are checked as the import checks them (E.164 with +45 for Danish
//! numbers, the e-mail's syntax); the form turns into a `NewCustomer` (or
//! the edited `Customer`) only when every field holds. Pure.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::Check;
use crate::domain::Customer;
use crate::domain::contact::{check_email, normalize_phone};
use crate::engine::worker::Lookalike;
use crate::i18n::Words;
use crate::store::NewCustomer;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::words::values::{contact_label, email_error, phone_error};

pub use crate::domain::contact::{CONTACT_FIELDS, ContactField};

/// The field `by` places after (or, negative, before) `f`, round the form.
fn step(f: ContactField, by: i64) -> ContactField {
    let i = CONTACT_FIELDS.iter().position(|c| *c == f).unwrap_or(0) as i64;
    CONTACT_FIELDS[(i + by).rem_euclid(CONTACT_FIELDS.len() as i64) as usize]
}

/// The contact form and where its save is.
pub struct CustomerForm {
    /// The customer edited, as loaded; `None` for a new one.
    pub editing: Option<Customer>,
    pub focus: ContactField,
    pub name: LineInput,
    pub phone: LineInput,
    pub email: LineInput,
    pub address: LineInput,
    pub notes: TextArea<'static>,
    /// Why the last save did not go through.
    pub error: Option<String>,
    /// A known customer the new one looks like: the question is open.
    pub lookalike: Option<Lookalike>,
    /// The save is on its way to the store.
    pub saving: bool,
}

impl CustomerForm {
    /// A new customer called `name` (what the dispatcher typed in the
    /// booking form's customer field).
    pub fn new(name: &str) -> CustomerForm {
        CustomerForm {
            editing: None,
            focus: if name.trim().is_empty() {
                ContactField::Name
            } else {
                ContactField::Phone
            },
            name: LineInput::new(name.trim()),
            phone: LineInput::default(),
            email: LineInput::default(),
            address: LineInput::default(),
            notes: TextArea::default(),
            error: None,
            lookalike: None,
            saving: false,
        }
    }

    /// The form on customer `c`'s details.
    pub fn edit(c: &Customer) -> CustomerForm {
        let mut f = CustomerForm {
            editing: Some(c.clone()),
            focus: ContactField::Name,
            name: LineInput::new(&c.name),
            phone: LineInput::new(&c.phone),
            email: LineInput::new(&c.email),
            address: LineInput::new(&c.address),
            notes: TextArea::new(c.notes.lines().map(str::to_string).collect()),
            error: None,
            lookalike: None,
            saving: false,
        };
        // The first key typed replaces the name; an arrow keeps it.
        f.name.select_all();
        f
    }

    pub fn input(&self, f: ContactField) -> Option<&LineInput> {
        Some(match f {
            ContactField::Name => &self.name,
            ContactField::Phone => &self.phone,
            ContactField::Email => &self.email,
            ContactField::Address => &self.address,
            ContactField::Notes => return None,
        })
    }

    fn input_mut(&mut self, f: ContactField) -> Option<&mut LineInput> {
        Some(match f {
            ContactField::Name => &mut self.name,
            ContactField::Phone => &mut self.phone,
            ContactField::Email => &mut self.email,
            ContactField::Address => &mut self.address,
            ContactField::Notes => return None,
        })
    }

    /// A key with its action in `[form]` (save and close are the caller's);
    /// keys without an action are typed into the field.
    pub fn handle_key(&mut self, key: &KeyEvent, action: Option<Action>) {
        let before = self.focus;
        self.handle_key_in(key, action);
        if self.focus != before {
            let focus = self.focus;
            if let Some(i) = self.input_mut(focus) {
                i.select_all();
            }
        }
    }

    fn handle_key_in(&mut self, key: &KeyEvent, action: Option<Action>) {
        self.error = None;
        match action {
            Some(Action::PrevField) => {
                self.focus = step(self.focus, -1);
                return;
            }
            Some(Action::NextField) => {
                self.focus = step(self.focus, 1);
                return;
            }
            _ => {}
        }
        if self.focus == ContactField::Notes {
            // Many lines: enter and the arrows are the text's own.
            self.notes.input(*key);
            return;
        }
        match action {
            Some(Action::FieldDown) => self.focus = step(self.focus, 1),
            Some(Action::FieldUp) => self.focus = step(self.focus, -1),
            _ => {
                let focus = self.focus;
                if let Some(i) = self.input_mut(focus) {
                    i.handle(key, action);
                }
            }
        }
    }

    /// Each field's verdict, for the hints beside the fields: what a
    /// phone number will be stored as, or why it is not one.
    pub fn check(&self, field: ContactField, w: Words) -> Check {
        match field {
            ContactField::Name if self.name.text().trim().is_empty() => {
                Err(w.get("contact-needs-name"))
            }
            ContactField::Phone => self.phone(w).map(|p| {
                if p.is_empty() || p == self.phone.text().trim() {
                    String::new()
                } else {
                    format!("→ {p}")
                }
            }),
            ContactField::Email => self.email(w).map(|_| String::new()),
            _ => Ok(String::new()),
        }
    }

    /// The phone field in E.164 form; a refusal in the console's words.
    fn phone(&self, w: Words) -> Result<String, String> {
        normalize_phone(self.phone.text()).map_err(|e| phone_error(w, &e))
    }

    /// The e-mail field as stored; a refusal in the console's words.
    fn email(&self, w: Words) -> Result<String, String> {
        check_email(self.email.text()).map_err(|e| email_error(w, &e))
    }

    /// The first field that does not hold, with why.
    pub fn first_error(&self, w: Words) -> Option<(ContactField, String)> {
        CONTACT_FIELDS.iter().find_map(|f| match self.check(*f, w) {
            Err(e) => Some((*f, e)),
            Ok(_) => None,
        })
    }

    fn notes_text(&self) -> String {
        self.notes.lines().join("\n").trim().to_string()
    }

    /// The new customer the form describes, as the store keeps it (phone
    /// in E.164, e-mail with its domain lower-cased), once every field holds.
    pub fn new_customer(&self, w: Words) -> Result<NewCustomer, (ContactField, String)> {
        if let Some(e) = self.first_error(w) {
            return Err(e);
        }
        let phone = self.phone(w).map_err(|e| (ContactField::Phone, e))?;
        let email = self.email(w).map_err(|e| (ContactField::Email, e))?;
        Ok(NewCustomer {
            name: self.name.text().trim().to_string(),
            phone,
            email,
            address: self.address.text().trim().to_string(),
            notes: self.notes_text(),
            ..NewCustomer::default()
        })
    }

    /// The edited customer (with the version it was loaded at).
    pub fn edited(&self, w: Words) -> Result<Customer, (ContactField, String)> {
        let d = self.new_customer(w)?;
        let base = self.editing.clone().unwrap_or_default();
        Ok(Customer {
            name: d.name,
            phone: d.phone,
            email: d.email,
            address: d.address,
            notes: d.notes,
            ..base
        })
    }

    /// Save was pressed: the first field that does not hold gets the focus
    /// and a sentence naming it; `false` then.
    pub fn ready(&mut self, w: Words) -> bool {
        match self.first_error(w) {
            Some((field, e)) => {
                self.focus = field;
                self.error = Some(format!("{}: {e}", contact_label(w, field)));
                false
            }
            None => true,
        }
    }
}
