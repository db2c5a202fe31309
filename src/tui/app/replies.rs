//! Replies of the store worker, applied to the console's state.

use super::{App, Confirm, Effect, FormStep, MessageKind, Mode, MoveStep, StaleBack};
use crate::engine::office::OfficeCommand;
use crate::engine::worker::{Attempt, Outcome, Refusal, Reply, Request};
use crate::store::StoreError;
use crate::tui::input::LineInput;
use crate::words::{news, values};

impl App {
    /// Applies a reply; returns whether the screen changed and what else to
    /// ask the worker for.
    pub fn on_reply_effects(&mut self, reply: Reply) -> (bool, Vec<Effect>) {
        let mut effects = Vec::new();
        let w = self.words();
        match reply {
            Reply::Day(plan) => {
                if plan.date != self.date {
                    return (false, effects); // an answer for a day we have left
                }
                let first =
                    self.plan.is_none() || self.plan.as_ref().is_some_and(|p| p.date != plan.date);
                self.plan = Some(*plan);
                if let Some(id) = self.pending_select.take() {
                    self.selected = Some(id);
                }
                if let Some(id) = self.selected.filter(|_| first)
                    && self.plan.as_ref().is_some_and(|p| p.booking(id).is_some())
                {
                    self.selected = Some(id);
                    self.follow_selection();
                } else {
                    self.fix_selection(first);
                }
                self.take_pending_lane();
                // Someone's change may move what the form or move mode shows.
                match std::mem::replace(&mut self.mode, Mode::Normal) {
                    Mode::Move(mut m) => {
                        self.refresh_move(&mut m);
                        self.mode = Mode::Move(m);
                    }
                    Mode::Form(mut fs) => {
                        effects = self.refresh_form(&mut fs);
                        self.mode = Mode::Form(fs);
                    }
                    Mode::Stale(mut p) => {
                        match &mut p.back {
                            StaleBack::Form(fs) => effects = self.refresh_form(fs),
                            StaleBack::Move(m) => self.refresh_move(m),
                        }
                        self.mode = Mode::Stale(p);
                    }
                    // The day changed under the finder: ask again.
                    Mode::Finder(mut fs) => {
                        fs.asked = None;
                        effects = self.ask_slots(&mut fs);
                        self.mode = Mode::Finder(fs);
                    }
                    other => self.mode = other,
                }
            }
            Reply::Done(outcome) => {
                let text = news::outcome(self.words(), &outcome, self.settings.tz);
                // A new series or a scoped change: the form or move mode
                // that sent it closes on the visit it is about.
                let about = match &outcome {
                    Outcome::SeriesCreated { first, .. } => first.as_deref(),
                    Outcome::Scoped { booking, .. } => Some(&**booking),
                    _ => None,
                };
                if let Some(b) = about {
                    let (id, date) = (b.id, self.settings.tz.local_date(b.start));
                    if matches!(self.mode, Mode::Form(_) | Mode::Move(_)) {
                        self.mode = Mode::Normal;
                    }
                    effects = self.go_to_booking(id, date);
                    if !effects.is_empty() {
                        self.pending_select = Some(id);
                    }
                } else if matches!(outcome, Outcome::SeriesCreated { .. })
                    && matches!(self.mode, Mode::Form(_))
                {
                    self.mode = Mode::Normal;
                }
                self.say(MessageKind::Info, text);
                // After a sick call: offer to tell the customers.
                if let Outcome::Reassigned { bookings } = outcome
                    && !bookings.is_empty()
                    && self.mode.is_normal()
                {
                    self.mode = Mode::Confirm(Confirm {
                        question: news::tell_new_cleaner_question(self.words(), bookings.len()),
                        yes: OfficeCommand::TellNewCleaner(bookings),
                    });
                }
            }
            Reply::NotLoaded { what, error } => {
                self.say(
                    MessageKind::Error,
                    news::not_loaded(self.words(), &what, &error),
                );
            }
            Reply::Saved {
                booking,
                kind,
                staff,
            } => {
                let text = news::saved(
                    self.words(),
                    &booking,
                    kind,
                    staff.as_deref(),
                    self.settings.tz,
                );
                if matches!(self.mode, Mode::Form(_) | Mode::Move(_)) {
                    self.mode = Mode::Normal;
                }
                let date = self.settings.tz.local_date(booking.start);
                effects = self.go_to_booking(booking.id, date);
                if !effects.is_empty() {
                    self.pending_select = Some(booking.id);
                }
                self.say(MessageKind::Info, text);
            }
            Reply::Refused(r) => self.on_refused(r),
            Reply::Customers(c) => {
                match &mut self.mode {
                    Mode::Form(fs) => fs.form.set_customers(&c),
                    Mode::Finder(fs) => fs.set_customers(&c),
                    Mode::Find(_) => effects = self.find_customers_arrived(&c),
                    _ => {}
                }
                self.customers = Some(c);
            }
            Reply::Memory(id, memory) => {
                if let Mode::Form(mut fs) = std::mem::replace(&mut self.mode, Mode::Normal) {
                    let staff = self.plan.as_ref().map_or(&[][..], |p| &p.staff[..]);
                    fs.form.set_memory(id, memory, staff);
                    effects = self.refresh_form(&mut fs);
                    self.mode = Mode::Form(fs);
                }
            }
            Reply::Preview(plan) => {
                if let Mode::Form(mut fs) = std::mem::replace(&mut self.mode, Mode::Normal) {
                    fs.day = Some(*plan);
                    effects = self.refresh_form(&mut fs);
                    // Still another day: ask once, not in a loop.
                    effects.retain(|e| !matches!(e, Effect::Request(Request::Preview(_))));
                    if fs.step == FormStep::SaveWhenLoaded && !fs.preview.loading {
                        let t = self.form_save(fs, None);
                        self.mode = t.mode;
                        effects.extend(t.effects);
                    } else {
                        self.mode = Mode::Form(fs);
                    }
                }
            }
            Reply::Journal { booking, lines } => {
                if let Mode::Journal(j) = &mut self.mode
                    && j.filter == booking
                {
                    j.lines = Some(lines);
                }
            }
            Reply::Review(items) => {
                self.review = items;
                if let Mode::Review { cursor } = &mut self.mode {
                    *cursor = (*cursor).min(self.review.len().saturating_sub(1));
                    if self.review.is_empty() {
                        self.mode = Mode::Normal;
                    }
                }
            }
            Reply::SyncConflicts(items) => self.set_sync_conflicts(items),
            Reply::Slots { seq, found } => match &mut self.mode {
                Mode::Finder(fs) => {
                    if !fs.answer(seq, found.map_err(|e| values::store_error(w, &e))) {
                        return (false, effects);
                    }
                }
                _ => return (false, effects),
            },
            Reply::SickCall { seq, plan } => match &mut self.mode {
                Mode::SickCall(s) => {
                    if !s.answer(seq, plan.map_err(|e| values::store_error(w, &e))) {
                        return (false, effects);
                    }
                }
                _ => return (false, effects),
            },
            Reply::Week(plan) => {
                if !self.on_week(*plan) {
                    return (false, effects);
                }
            }
            Reply::Staff { week, cards } => {
                if !self.on_staff(week, cards.map_err(|e| values::store_error(w, &e))) {
                    return (false, effects);
                }
            }
            Reply::CustomerAdded(c) => effects = self.on_customer_added(*c),
            Reply::CustomerDuplicate(l) => self.on_customer_duplicate(*l),
            Reply::CustomerCard(card) => {
                if !self.on_customer_card(*card) {
                    return (false, effects);
                }
            }
            Reply::CustomerSaved(c) => effects = self.on_customer_saved(*c),
            Reply::Found { seq, found } => {
                return self.find_answered(seq, found.map_err(|e| values::store_error(w, &e)));
            }
            Reply::UndoHint(h) => self.undo_hint = h,
            Reply::Service(n) => {
                match news::service_news(self.words(), &self.words().get("service-worker"), &n) {
                    Some(text) => {
                        if self.plan.is_none() {
                            self.worker_down = Some(text.clone());
                        }
                        self.say(MessageKind::Error, text);
                    }
                    None => return (false, effects),
                }
            }
        }
        (true, effects)
    }

    /// A change the store refused. A save over someone else's change opens
    /// the decision panel; a cancellation asks again, on the booking as it
    /// is now; anything else is said where the dispatcher is looking.
    fn on_refused(&mut self, r: Refusal) {
        let text = news::refusal(self.words(), &r, self.now, self.settings.tz);
        if matches!(r.attempt, Attempt::AddCustomer | Attempt::EditCustomer) {
            self.on_customer_refused(text);
            return;
        }
        let save = r.attempt == Attempt::Save;
        match (r.attempt, r.stale) {
            (Attempt::Save, Some(stale)) => {
                let mode = std::mem::replace(&mut self.mode, Mode::Normal);
                match self.open_stale(stale, mode) {
                    Ok(panel) => self.mode = panel,
                    Err(mode) => {
                        self.mode = mode;
                        self.show_refusal(save, text);
                    }
                }
            }
            (Attempt::Cancel, Some(stale)) if self.mode.is_normal() => {
                match stale.theirs.as_ref().and_then(|b| self.cancel_prompt(b)) {
                    Some(mut p) => {
                        let head =
                            news::stale_headline(self.words(), &stale, self.now, self.settings.tz);
                        p.error = Some(format!(
                            "{head} since you opened it: cancel it as it is now?"
                        ));
                        self.mode = Mode::Prompt(Box::new(p));
                    }
                    None => self.say(MessageKind::Error, text),
                }
            }
            // A later visit of a new series double-books: the form asks
            // why, as it does for the first one, and saving again accepts.
            (Attempt::Save, None)
                if matches!(*r.error, StoreError::Clash(_))
                    && matches!(&self.mode, Mode::Form(fs) if fs.form.repeats()) =>
            {
                if let Mode::Form(fs) = &mut self.mode {
                    fs.step = FormStep::Reason(LineInput::default());
                    fs.form.error = Some(text);
                }
            }
            _ => self.show_refusal(save, text),
        }
    }

    /// A refusal's words: a save's in the form or move mode when open, the
    /// rest in the status line.
    fn show_refusal(&mut self, save: bool, text: String) {
        match &mut self.mode {
            Mode::Form(fs) if save => {
                fs.step = FormStep::Editing;
                fs.form.error = Some(text);
            }
            Mode::Move(m) if save => {
                m.step = MoveStep::Moving;
                m.error = Some(text);
            }
            _ => self.say(MessageKind::Error, text),
        }
    }
}
