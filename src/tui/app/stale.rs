//! A save refused because another dispatcher changed the booking after it
//! was opened: the decision panel over the form (or move mode) shows what
//! they changed, field by field. Nothing of theirs is overwritten without a
//! key that says so: take theirs (your changes are dropped), overwrite
//! (your changes saved on top of theirs), or back to edit more (the form
//! keeps its old base, so saving again asks again).

use super::{App, Effect, FormState, FormStep, MessageKind, Mode, MoveState, MoveStep, Transition};
use crate::domain::Booking;
use crate::engine::worker::{Request, Stale};
use crate::tui::action::{Action, KeyMode};
use crate::tui::form::BookingForm;
use crate::words::news;

/// The decision panel: what happened, and where the dispatcher came from.
pub struct StalePanel {
    pub news: Box<Stale>,
    pub back: StaleBack,
}

/// The mode the panel came from, as it was.
pub enum StaleBack {
    Form(Box<FormState>),
    Move(Box<MoveState>),
}

impl App {
    /// A save refused for someone else's change: the panel over the mode it
    /// came from. `Err` gives the mode back when there is nothing to compare
    /// or nothing to go back to (the form was closed meanwhile).
    pub(super) fn open_stale(&mut self, news: Box<Stale>, mode: Mode) -> Result<Mode, Mode> {
        if news.edit.is_none() {
            return Err(mode);
        }
        let back = match mode {
            Mode::Form(mut fs) => {
                fs.step = FormStep::Editing;
                fs.form.error = None;
                StaleBack::Form(fs)
            }
            Mode::Move(mut m) => {
                m.step = MoveStep::Moving;
                m.error = None;
                StaleBack::Move(m)
            }
            other => return Err(other),
        };
        Ok(Mode::Stale(Box::new(StalePanel { news, back })))
    }

    pub(super) fn stale_key(&mut self, p: Box<StalePanel>, action: Option<Action>) -> Transition {
        match action {
            Some(Action::KeepTheirs) => {
                let id = p.news.id;
                // Their booking, selected on its day (they may have moved it).
                let effects = match &p.news.theirs {
                    Some(b) => {
                        let effects = self.go_to_booking(id, self.settings.tz.local_date(b.start));
                        if !effects.is_empty() {
                            self.pending_select = Some(id);
                        }
                        effects
                    }
                    None => Vec::new(),
                };
                self.say(
                    MessageKind::Info,
                    self.words().with(
                        "app-took-theirs",
                        &[("by", p.news.by.as_str().into()), ("id", id.into())],
                    ),
                );
                Transition::done(effects)
            }
            Some(Action::KeepMine) => self.keep_mine(*p),
            Some(Action::Back) => {
                let head = news::stale_headline(self.words(), &p.news, self.now, self.settings.tz);
                let note = |key: String| {
                    format!("{head} since you opened it; {key} shows the choice again.")
                };
                match p.back {
                    StaleBack::Form(mut fs) => {
                        fs.form.error = Some(note(self.key_name(KeyMode::Form, Action::Save)));
                        Transition::to(Mode::Form(fs))
                    }
                    StaleBack::Move(mut m) => {
                        m.error = Some(note(self.key_name(KeyMode::Move, Action::Save)));
                        Transition::to(Mode::Move(m))
                    }
                }
            }
            _ => Transition::to(Mode::Stale(p)),
        }
    }

    /// Overwrite: yours on top of theirs, sent as a save of the booking as
    /// it is now. The form (or move mode) takes theirs as its base and shows
    /// what is being saved, so a refusal for another reason leaves nothing
    /// of theirs to revert.
    fn keep_mine(&mut self, p: StalePanel) -> Transition {
        let StalePanel { news, back } = p;
        let (Some(save), Some(edit)) = (news.keep_mine(), news.edit.as_ref()) else {
            return Transition::to(Mode::Stale(Box::new(StalePanel { news, back })));
        };
        let theirs = edit.theirs.clone();
        let merged = save.draft.apply(Some(&theirs));
        let request = Effect::Request(Request::Save {
            save: Box::new(save),
            base: Some(Box::new(theirs.clone())),
        });
        match back {
            StaleBack::Form(mut fs) => {
                fs.form = self.refilled_form(&fs.form, &merged, &theirs, &news);
                let mut effects = self.refresh_form(&mut fs);
                fs.step = FormStep::Saving;
                effects.push(request);
                Transition::with(Mode::Form(fs), effects)
            }
            StaleBack::Move(mut m) => {
                m.original = theirs;
                m.draft = merged;
                m.step = MoveStep::Saving;
                self.refresh_move(&mut m);
                Transition::with(Mode::Move(m), vec![request])
            }
        }
    }

    /// The form showing `merged`, on `theirs` as its base, keeping what the
    /// old form had loaded (customers, memory).
    fn refilled_form(
        &self,
        old: &BookingForm,
        merged: &Booking,
        theirs: &Booking,
        news: &Stale,
    ) -> BookingForm {
        let customer = news
            .names
            .customers
            .get(&merged.customer_id)
            .cloned()
            .or_else(|| {
                self.customers
                    .as_ref()
                    .and_then(|c| c.by_id.get(&merged.customer_id))
                    .map(|c| c.name.clone())
            })
            .unwrap_or_else(|| old.customer.text().to_string());
        let plan = self.plan.as_ref();
        let staff = merged
            .staff_id
            .and_then(|id| plan.and_then(|p| p.staff_by_id(id)));
        let mut form =
            BookingForm::edit(merged, &customer, staff, self.settings.tz).speaking(self.words());
        form.editing = Some(theirs.clone());
        form.memory = old.memory.clone();
        if let Some(c) = &self.customers {
            form.set_customers(c);
        }
        form.focus = old.focus;
        form
    }
}
