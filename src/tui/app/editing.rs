//! Changing bookings from the keyboard: the form and the cancel prompt
//! (move mode is in `moving`). Each handler takes the mode by value and
//! returns the next one (a `Transition`), so no state is half-changed when a
//! key is refused.

use chrono::{Datelike, Duration, NaiveTime};
use crossterm::event::KeyEvent;

use super::preview::{Preview, next_dates, preview};
use super::scope::ScopeFor;
use super::{App, Effect, MessageKind, Mode, Transition};
use crate::domain::when::dmy;
use crate::domain::{Booking, BookingStatus};
use crate::engine::DayPlan;
use crate::engine::worker::Request;
use crate::store::{Save, Scope};
use crate::tui::action::{Action, KeyMode};
use crate::tui::form::{BookingForm, CustomerForm, Field, FormContext, Need, WeekdayChoice};
use crate::tui::input::LineInput;
use crate::words::news;

/// The form and what it shows beside the fields.
pub struct FormState {
    pub form: BookingForm,
    /// The plan of the form's day when it is not the day on screen.
    pub day: Option<DayPlan>,
    pub preview: Preview,
    pub step: FormStep,
    /// Editing a visit of a series: which visits the change is for.
    pub scope: Option<Scope>,
    /// A new customer being made over the form (`ctrl-n`).
    pub new_customer: Option<Box<CustomerForm>>,
}

/// Where the form is between opening and saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormStep {
    /// The dispatcher is filling in the fields.
    Editing,
    /// The date/weekday disagreement question is open.
    Weekday,
    /// The override reason prompt is open (clashes listed above it).
    Reason(LineInput),
    /// Save was pressed while the day's bookings were on their way: save
    /// when they arrive.
    SaveWhenLoaded,
    /// The save is on its way to the store.
    Saving,
}

impl FormState {
    pub(super) fn new(form: BookingForm) -> Box<FormState> {
        Box::new(FormState {
            form,
            day: None,
            preview: Preview::default(),
            step: FormStep::Editing,
            scope: None,
            new_customer: None,
        })
    }
}

/// A one-line question (the cancel reason).
pub struct Prompt {
    pub title: String,
    pub question: String,
    pub input: LineInput,
    pub error: Option<String>,
    pub id: i64,
    pub version: i64,
    /// A visit of a series: which visits are cancelled.
    pub scope: Option<Scope>,
}

/// What a key did to a one-line answer (a reason).
pub(super) enum Answer {
    /// Still typing; the message to show, if any.
    Typing(LineInput, Option<String>),
    /// Left without an answer.
    Back,
    /// The answer, not empty.
    Given(String),
}

/// A key for a one-line answer, with its action in `[prompt]`: `empty` is
/// what to say when it is taken empty.
pub(super) fn answer_key(
    mut input: LineInput,
    key: &KeyEvent,
    action: Option<Action>,
    empty: impl FnOnce() -> String,
) -> Answer {
    match action {
        Some(Action::Back) => Answer::Back,
        Some(Action::Ok) if input.text().trim().is_empty() => Answer::Typing(input, Some(empty())),
        Some(Action::Ok) => Answer::Given(input.text().trim().to_string()),
        _ => {
            input.handle(key, action);
            Answer::Typing(input, None)
        }
    }
}

impl App {
    fn form_ctx(&self) -> FormContext<'_> {
        FormContext {
            today: self.today(),
            tz: self.settings.tz,
            staff: self.plan.as_ref().map_or(&[][..], |p| &p.staff[..]),
            customers: self.customers.as_ref(),
            keys: &self.keymap,
            words: self.words(),
        }
    }

    pub(super) fn needs(&self, needs: Vec<Need>) -> Vec<Effect> {
        needs
            .into_iter()
            .map(|n| match n {
                Need::Memory(id) => Effect::Request(Request::Memory(id)),
            })
            .collect()
    }

    /// `n`: a new booking at the selection's time (or now), on this lane's cleaner.
    pub(super) fn open_new_form(&mut self) -> Vec<Effect> {
        let Some(plan) = &self.plan else {
            return Vec::new();
        };
        let staff = self
            .lanes()
            .get(self.lane)
            .copied()
            .flatten()
            .and_then(|id| plan.staff_by_id(id));
        // On the quarter hour, inside the day (at the time cursor when shown).
        let minute = self.booking_minute();
        let start = NaiveTime::from_hms_opt((minute / 60) as u32, (minute % 60) as u32, 0)
            .unwrap_or(NaiveTime::MIN);
        let mut form = BookingForm::new(self.date, start, staff).speaking(self.words());
        if let Some(c) = &self.customers {
            form.set_customers(c);
        }
        self.mode = Mode::Form(FormState::new(form));
        vec![Effect::Request(Request::Customers)]
    }

    /// `e`: the form on the selected booking (for a visit of a series,
    /// after the scope question).
    pub(super) fn open_edit_form(&mut self) -> Vec<Effect> {
        self.open_edit_form_in(None)
    }

    /// The form on the selected booking, for the visits of `scope`.
    pub(super) fn open_edit_form_in(&mut self, scope: Option<Scope>) -> Vec<Effect> {
        let Some(b) = self.require_selection() else {
            return Vec::new();
        };
        if b.status == BookingStatus::Cancelled {
            let (undo, new) = (
                self.key_name(KeyMode::Normal, Action::Undo),
                self.key_name(KeyMode::Normal, Action::NewBooking),
            );
            self.say(
                MessageKind::Error,
                self.words().with(
                    "app-cancelled-not-editable",
                    &[("undo", undo.into()), ("new", new.into())],
                ),
            );
            return Vec::new();
        }
        if self.ask_scope(&b, ScopeFor::Edit, scope) {
            return Vec::new();
        }
        let Some(plan) = &self.plan else {
            return Vec::new();
        };
        let staff = b.staff_id.and_then(|id| plan.staff_by_id(id));
        let mut form = BookingForm::edit(&b, plan.customer_name(&b), staff, self.settings.tz)
            .speaking(self.words());
        if let Some(c) = plan.customer(&b) {
            form.show_customer_address(&c.address);
        }
        form.memory = plan.memory.get(&b.customer_id).cloned();
        form.series_words = plan
            .series
            .get(&b.id)
            .map(|sv| news::series_form_words(self.words(), sv, scope));
        if let Some(c) = &self.customers {
            form.set_customers(c);
        }
        let mut fs = FormState::new(form);
        fs.scope = scope;
        let mut effects = self.refresh_form(&mut fs);
        self.mode = Mode::Form(fs);
        effects.push(Effect::Request(Request::Customers));
        effects
    }

    pub(super) fn require_selection(&mut self) -> Option<Booking> {
        let b = self.selected_booking().cloned();
        if b.is_none() {
            self.say(MessageKind::Error, self.words().get("app-select-first"));
        }
        b
    }

    /// Recomputes the form's clash preview; asks for the form's day if needed.
    pub(super) fn refresh_form(&self, fs: &mut FormState) -> Vec<Effect> {
        let ctx = self.form_ctx();
        let Ok((draft, date_in)) = fs.form.draft(&ctx) else {
            fs.preview = Preview::default();
            return Vec::new();
        };
        let next = match fs.form.series(&draft, &ctx) {
            Ok(Some(s)) => next_dates(&s, &self.settings),
            _ => Vec::new(),
        };
        let date = self.settings.tz.local_date(draft.start);
        let plan = match (&self.plan, &fs.day) {
            (Some(p), _) if p.date == date => p,
            (_, Some(p)) if p.date == date => p,
            _ => {
                fs.preview = Preview {
                    loading: true,
                    next,
                    ..Preview::default()
                };
                return vec![Effect::Request(Request::Preview(date))];
            }
        };
        let b = fs.form.as_booking(&draft);
        let customer = self
            .customers
            .as_ref()
            .and_then(|c| c.by_id.get(&draft.customer_id));
        let mismatch = match fs.form.weekday {
            WeekdayChoice::Confirmed => date_in.mismatch(),
            WeekdayChoice::Open => None,
        };
        let now = fs
            .form
            .editing
            .as_ref()
            .map_or(self.now, |e| self.now.min(e.start));
        let (_, p) = preview(
            plan,
            b,
            customer,
            &self.settings,
            fs.form.memory.as_ref(),
            mismatch,
            now,
        );
        fs.preview = Preview { next, ..p };
        Vec::new()
    }

    /// The first key of `action` in `mode`, for messages that name it.
    pub(super) fn key_name(&self, mode: KeyMode, action: Action) -> String {
        self.keymap
            .first(mode, action)
            .unwrap_or_else(|| action.name().to_string())
    }

    pub(super) fn form_key(
        &mut self,
        mut fs: Box<FormState>,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        if let Some(sub) = fs.new_customer.take() {
            return self.new_customer_key(fs, sub, key, action);
        }
        match std::mem::replace(&mut fs.step, FormStep::Editing) {
            // The override reason prompt.
            FormStep::Reason(input) => {
                let back = self.key_name(KeyMode::Prompt, Action::Back);
                let words = self.words();
                let empty = || words.with("app-reason-empty", &[("back", back.as_str().into())]);
                fs.form.error = None;
                match answer_key(input, key, action, empty) {
                    Answer::Back => {}
                    Answer::Typing(input, error) => {
                        fs.form.error = error;
                        fs.step = FormStep::Reason(input);
                    }
                    Answer::Given(reason) => return self.form_save(fs, Some(reason)),
                }
                Transition::to(Mode::Form(fs))
            }
            // The date/weekday question: any other key goes back to the form.
            FormStep::Weekday => {
                let ctx = self.form_ctx();
                let Ok(d) = fs.form.parsed_date(&ctx) else {
                    return Transition::to(Mode::Form(fs));
                };
                match action {
                    Some(Action::KeepDate) => fs.form.date.set(dmy(d.date)),
                    Some(Action::UseWeekday) => {
                        if let Some(w) = d.weekday {
                            // The named weekday nearest the written date.
                            let shift = (i64::from(w.num_days_from_monday())
                                - i64::from(d.date.weekday().num_days_from_monday()))
                            .rem_euclid(7);
                            let shift = if shift > 3 { shift - 7 } else { shift };
                            fs.form.date.set(dmy(d.date + Duration::days(shift)));
                            fs.form.repeat_follows_date(&ctx);
                        }
                    }
                    Some(Action::KeepBoth) => fs.form.weekday = WeekdayChoice::Confirmed,
                    _ => return Transition::to(Mode::Form(fs)),
                }
                self.form_save(fs, None)
            }
            step => {
                match action {
                    Some(Action::Close) => {
                        self.say(MessageKind::Info, self.words().get("app-form-closed"));
                        return Transition::done(Vec::new());
                    }
                    Some(Action::Save) => {
                        fs.step = step;
                        return self.form_save(fs, None);
                    }
                    Some(Action::NewCustomer) if step != FormStep::Saving => {
                        fs.step = step;
                        return self.open_new_customer(fs);
                    }
                    _ => {}
                }
                // Typing on means the pending save is off: the form changed.
                if step == FormStep::Saving {
                    fs.step = step;
                }
                let ctx = self.form_ctx();
                let needs = fs.form.handle_key(key, action, &ctx);
                let mut effects = self.needs(needs);
                effects.extend(self.refresh_form(&mut fs));
                Transition::with(Mode::Form(fs), effects)
            }
        }
    }

    /// Save pressed: checks, asks what must be asked (the weekday, a reason
    /// for a double booking), then sends the save.
    pub(super) fn form_save(
        &mut self,
        mut fs: Box<FormState>,
        reason: Option<String>,
    ) -> Transition {
        if fs.step == FormStep::Saving {
            return Transition::to(Mode::Form(fs));
        }
        fs.step = FormStep::Editing;
        let ctx = self.form_ctx();
        let (mut draft, date_in) = match fs.form.draft(&ctx) {
            Ok(d) => d,
            Err((field, e)) => {
                fs.form.focus = field;
                fs.form.error = Some(format!("{}: {e}", field.label(self.words())));
                return Transition::to(Mode::Form(fs));
            }
        };
        if date_in.mismatch().is_some() && fs.form.weekday == WeekdayChoice::Open {
            fs.step = FormStep::Weekday;
            return Transition::to(Mode::Form(fs));
        }
        let mut effects = self.refresh_form(&mut fs);
        if fs.preview.loading {
            fs.step = FormStep::SaveWhenLoaded;
            return Transition::with(Mode::Form(fs), effects);
        }
        if !fs.preview.hard.is_empty() && reason.is_none() {
            fs.step = FormStep::Reason(LineInput::default());
            return Transition::with(Mode::Form(fs), effects);
        }
        if let Some(a) = fs.preview.assessment.as_ref().filter(|a| a.needs_review()) {
            draft.review = crate::words::values::doubts(self.words(), &a.reasons);
        }
        let reason = reason.unwrap_or_default();
        if fs.form.repeats() {
            // A repeat makes a series: its visits, the first one included.
            let series = match fs.form.series(&draft, &ctx) {
                Ok(Some(s)) => s,
                Ok(None) => return Transition::to(Mode::Form(fs)),
                Err(e) => {
                    fs.form.focus = Field::Repeats;
                    fs.form.error = Some(format!("{}: {e}", Field::Repeats.label(self.words())));
                    return Transition::with(Mode::Form(fs), effects);
                }
            };
            fs.step = FormStep::Saving;
            fs.form.error = None;
            effects.push(Effect::Request(Request::CreateSeries {
                series: Box::new(series),
                accept: (!reason.is_empty()).then_some(reason),
            }));
            return Transition::with(Mode::Form(fs), effects);
        }
        let mut fs = match self.scoped_form_save(fs, &draft, &reason) {
            Ok(t) => return t,
            Err(fs) => fs,
        };
        let save = Save {
            target: fs.form.editing.as_ref().map(|b| (b.id, b.version)),
            draft,
            accepted: if reason.is_empty() {
                Vec::new()
            } else {
                fs.preview.hard.clone()
            },
            reason,
        };
        fs.step = FormStep::Saving;
        fs.form.error = None;
        effects.push(Effect::Request(Request::Save {
            save: Box::new(save),
            base: fs.form.editing.clone().map(Box::new),
        }));
        Transition::with(Mode::Form(fs), effects)
    }

    /// `d`: asks why, then cancels (for a visit of a series, after the
    /// scope question).
    pub(super) fn open_cancel(&mut self) -> Vec<Effect> {
        self.open_cancel_in(None)
    }

    /// The cancel prompt on the selected booking, for the visits of `scope`.
    pub(super) fn open_cancel_in(&mut self, scope: Option<Scope>) -> Vec<Effect> {
        let Some(b) = self.require_selection() else {
            return Vec::new();
        };
        let prompt = self.cancel_prompt(&b);
        if prompt.is_some() && self.ask_scope(&b, ScopeFor::Cancel, scope) {
            return Vec::new();
        }
        match prompt {
            Some(mut p) => {
                if let Some(s) = scope.filter(|s| *s != Scope::This) {
                    p.title = format!(
                        " Cancel: {} ",
                        news::scope_label(self.words(), s).to_lowercase()
                    );
                }
                p.scope = scope;
                self.mode = Mode::Prompt(Box::new(p));
            }
            None => self.say(
                MessageKind::Error,
                self.words().with(
                    "app-already",
                    &[("id", b.id.into()), ("status", b.status.as_str().into())],
                ),
            ),
        }
        Vec::new()
    }

    /// The question before cancelling `b`; `None` when it is finished or
    /// cancelled already.
    pub(super) fn cancel_prompt(&self, b: &Booking) -> Option<Prompt> {
        if matches!(
            b.status,
            BookingStatus::Completed | BookingStatus::Cancelled
        ) {
            return None;
        }
        let name = self.plan.as_ref().map_or("", |p| p.customer_name(b));
        let tz = self.settings.tz;
        Some(Prompt {
            title: format!(" Cancel booking #{} ", b.id),
            question: format!(
                "{name}, {} {}–{}. Why is it cancelled?",
                tz.local(b.start).format("%-d/%-m"),
                tz.hm(b.start),
                tz.hm(b.end)
            ),
            input: LineInput::default(),
            error: None,
            id: b.id,
            version: b.version,
            scope: None,
        })
    }

    pub(super) fn prompt_key(
        &mut self,
        mut p: Box<Prompt>,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        let back = self.key_name(KeyMode::Prompt, Action::Back);
        let empty = || format!("A cancellation needs a reason ({back} keeps the booking).");
        match answer_key(p.input, key, action, empty) {
            Answer::Back => Transition::done(Vec::new()),
            Answer::Given(reason) => Transition::done(vec![
                self.scoped_cancel(p.scope, p.id, p.version, &reason)
                    .unwrap_or(Effect::Request(Request::Cancel {
                        id: p.id,
                        version: p.version,
                        reason,
                    })),
            ]),
            Answer::Typing(input, error) => {
                p.input = input;
                p.error = error;
                Transition::to(Mode::Prompt(p))
            }
        }
    }

    /// Keeps the lane on the selected (or moving) booking.
    pub(super) fn follow_selection(&mut self) {
        let lanes = self.lanes();
        let plan = self.shown_plan();
        let lane = self
            .selected_booking()
            .and_then(|b| plan.map(|p| p.lane_of(b)))
            .and_then(|key| lanes.iter().position(|l| *l == key));
        if let Some(i) = lane {
            self.lane = i;
        }
        self.keep_selection_visible();
    }
}
