//! Changing bookings from the keyboard: the form and the cancel prompt
//! (move mode is in `moving`). Each handler takes the mode by value and gives
//! the next one back, so no state is half-changed when a key is refused.

use chrono::{Datelike, Duration, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::preview::{Preview, preview};
use super::{App, Effect, MessageKind, Mode};
use crate::domain::when::dmy;
use crate::domain::{Booking, BookingStatus};
use crate::engine::DayPlan;
use crate::engine::worker::Request;
use crate::store::Save;
use crate::tui::action::Action;
use crate::tui::form::{BookingForm, FormContext, Need, WeekdayChoice};
use crate::tui::input::LineInput;

/// The form and what it shows beside the fields.
pub struct FormState {
    pub form: BookingForm,
    /// The plan of the form's day when it is not the day on screen.
    pub day: Option<DayPlan>,
    pub preview: Preview,
    /// The date/weekday disagreement question is open.
    pub confirm: bool,
    /// The override reason prompt is open (clashes listed above it).
    pub reason: Option<LineInput>,
    /// Save was pressed while the day's bookings were on their way: save
    /// when they arrive.
    pub save_when_loaded: bool,
}

impl FormState {
    /// After a refused save: the edited booking as it is now becomes the
    /// base, so saving again knowingly overwrites the other change with
    /// what was typed (which stays as it is).
    pub fn rebase(&mut self, plan: Option<&DayPlan>) {
        let Some(base) = &self.form.editing else {
            return;
        };
        if self.form.error.is_none() {
            return;
        }
        if let Some(now) = plan
            .and_then(|p| p.booking(base.id))
            .filter(|b| b.version > base.version)
        {
            self.form.editing = Some(now.clone());
            if let Some(e) = &mut self.form.error {
                e.push_str(" — your form is kept: save again to overwrite, esc to drop it.");
            }
        }
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
}

/// A key for the override reason prompt: the prompt afterwards (`None` once
/// closed), whether to save now, and what to tell the dispatcher.
pub(super) fn reason_key(
    mut input: LineInput,
    key: &KeyEvent,
) -> (Option<LineInput>, bool, Option<String>) {
    match key.code {
        KeyCode::Esc => (None, false, None),
        _ if is_ctrl_c(key) => (None, false, None),
        KeyCode::Enter if input.text().trim().is_empty() => (
            Some(input),
            false,
            Some("Type why the clash is fine, or esc to go back.".into()),
        ),
        KeyCode::Enter => (Some(input), true, None),
        _ => {
            input.handle(key);
            (Some(input), false, None)
        }
    }
}

pub(super) fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
}

impl App {
    fn form_ctx(&self) -> FormContext<'_> {
        FormContext {
            today: self.today(),
            tz: self.settings.tz,
            staff: self.plan.as_ref().map_or(&[][..], |p| &p.staff[..]),
            customers: self.customers.as_ref(),
        }
    }

    fn needs(&self, needs: Vec<Need>) -> Vec<Effect> {
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
        let minute = match self.selected_booking() {
            Some(b) => self.minute_of_day(b.end),
            None if self.date == self.today() => self.minute_of_day(self.now) + 30,
            None => self.window_start + self.window_len / 2,
        };
        // On the quarter hour, inside the day.
        let minute = ((minute + 14) / 15 * 15).clamp(0, 23 * 60 + 45);
        let start = NaiveTime::from_hms_opt((minute / 60) as u32, (minute % 60) as u32, 0)
            .unwrap_or(NaiveTime::MIN);
        let mut form = BookingForm::new(self.date, start, staff);
        if let Some(c) = &self.customers {
            form.set_customers(c);
        }
        self.mode = Mode::Form(Box::new(FormState {
            form,
            day: None,
            preview: Preview::default(),
            confirm: false,
            reason: None,
            save_when_loaded: false,
        }));
        vec![Effect::Request(Request::Customers)]
    }

    /// `e`: the form on the selected booking.
    pub(super) fn open_edit_form(&mut self) -> Vec<Effect> {
        let Some(b) = self.require_selection() else {
            return Vec::new();
        };
        if b.status == BookingStatus::Cancelled {
            self.say(MessageKind::Error, "A cancelled booking cannot be edited; undo the cancellation (u) or make a new one (n).");
            return Vec::new();
        }
        let Some(plan) = &self.plan else {
            return Vec::new();
        };
        let staff = b.staff_id.and_then(|id| plan.staff_by_id(id));
        let mut form = BookingForm::edit(&b, plan.customer_name(&b), staff, self.settings.tz);
        form.memory = plan.memory.get(&b.customer_id).cloned();
        if let Some(c) = &self.customers {
            form.set_customers(c);
        }
        let mut fs = Box::new(FormState {
            form,
            day: None,
            preview: Preview::default(),
            confirm: false,
            reason: None,
            save_when_loaded: false,
        });
        let mut effects = self.refresh_form(&mut fs);
        self.mode = Mode::Form(fs);
        effects.push(Effect::Request(Request::Customers));
        effects
    }

    pub(super) fn require_selection(&mut self) -> Option<Booking> {
        let b = self.selected_booking().cloned();
        if b.is_none() {
            self.say(
                MessageKind::Error,
                "Select a booking first (arrows or hjkl).",
            );
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
        let date = self.settings.tz.local_date(draft.start);
        let plan = match (&self.plan, &fs.day) {
            (Some(p), _) if p.date == date => p,
            (_, Some(p)) if p.date == date => p,
            _ => {
                fs.preview = Preview {
                    loading: true,
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
        fs.preview = p;
        Vec::new()
    }

    pub(super) fn form_key(
        &mut self,
        mut fs: Box<FormState>,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Vec<Effect> {
        // The override reason prompt.
        if let Some(input) = fs.reason.take() {
            let (input, submit, error) = reason_key(input, key);
            fs.reason = input;
            fs.form.error = error;
            if submit {
                return self.form_save(fs);
            }
            self.mode = Mode::Form(fs);
            return Vec::new();
        }
        // The date/weekday question.
        if fs.confirm {
            fs.confirm = false;
            let ctx = self.form_ctx();
            let parsed = fs.form.parsed_date(&ctx);
            match (key.code, parsed) {
                (KeyCode::Char('d'), Ok(d)) => {
                    fs.form.date.set(dmy(d.date));
                    return self.form_save(fs);
                }
                (KeyCode::Char('w'), Ok(d)) => {
                    if let Some(w) = d.weekday {
                        // The named weekday nearest the written date.
                        let shift = (i64::from(w.num_days_from_monday())
                            - i64::from(d.date.weekday().num_days_from_monday()))
                        .rem_euclid(7);
                        let shift = if shift > 3 { shift - 7 } else { shift };
                        fs.form.date.set(dmy(d.date + Duration::days(shift)));
                    }
                    return self.form_save(fs);
                }
                (KeyCode::Char('c'), Ok(_)) => {
                    fs.form.weekday = WeekdayChoice::Confirmed;
                    return self.form_save(fs);
                }
                _ => {}
            }
            self.mode = Mode::Form(fs);
            return Vec::new();
        }
        if key.code == KeyCode::Esc || is_ctrl_c(key) {
            self.say(MessageKind::Info, "Closed the form without saving.");
            return Vec::new();
        }
        if action == Some(Action::Save) {
            return self.form_save(fs);
        }
        // Typing on means the pending save is off: the form changed.
        fs.save_when_loaded = false;
        let ctx = self.form_ctx();
        let needs = fs.form.handle_key(key, &ctx);
        let mut effects = self.needs(needs);
        effects.extend(self.refresh_form(&mut fs));
        self.mode = Mode::Form(fs);
        effects
    }

    /// Save pressed: checks, asks what must be asked, then sends the save.
    pub(super) fn form_save(&mut self, mut fs: Box<FormState>) -> Vec<Effect> {
        if fs.form.saving {
            self.mode = Mode::Form(fs);
            return Vec::new();
        }
        let ctx = self.form_ctx();
        let (mut draft, date_in) = match fs.form.draft(&ctx) {
            Ok(d) => d,
            Err((field, e)) => {
                fs.form.focus = field;
                fs.form.error = Some(format!("{}: {e}", field.label()));
                self.mode = Mode::Form(fs);
                return Vec::new();
            }
        };
        if date_in.mismatch().is_some() && fs.form.weekday == WeekdayChoice::Open {
            fs.confirm = true;
            self.mode = Mode::Form(fs);
            return Vec::new();
        }
        let mut effects = self.refresh_form(&mut fs);
        if fs.preview.loading {
            fs.save_when_loaded = true;
            self.mode = Mode::Form(fs);
            return effects;
        }
        if !fs.preview.hard.is_empty() && fs.reason.is_none() {
            fs.reason = Some(LineInput::default());
            self.mode = Mode::Form(fs);
            return effects;
        }
        if let Some(a) = fs.preview.assessment.as_ref().filter(|a| a.needs_review()) {
            draft.review = a.reason_text();
        }
        let reason = fs
            .reason
            .take()
            .map(|r| r.text().trim().to_string())
            .unwrap_or_default();
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
        fs.form.saving = true;
        fs.form.error = None;
        self.mode = Mode::Form(fs);
        effects.push(Effect::Request(Request::Save(Box::new(save))));
        effects
    }

    /// `d`: asks why, then cancels.
    pub(super) fn open_cancel(&mut self) -> Vec<Effect> {
        let Some(b) = self.require_selection() else {
            return Vec::new();
        };
        if matches!(
            b.status,
            BookingStatus::Completed | BookingStatus::Cancelled
        ) {
            self.say(
                MessageKind::Error,
                format!("Booking #{} is already {}.", b.id, b.status.as_str()),
            );
            return Vec::new();
        }
        let name = self
            .plan
            .as_ref()
            .map_or("", |p| p.customer_name(&b))
            .to_string();
        let tz = self.settings.tz;
        self.mode = Mode::Prompt(Prompt {
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
        });
        Vec::new()
    }

    pub(super) fn prompt_key(&mut self, mut p: Prompt, key: &KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Esc => return Vec::new(),
            _ if is_ctrl_c(key) => return Vec::new(),
            KeyCode::Enter => {
                let reason = p.input.text().trim().to_string();
                if reason.is_empty() {
                    p.error = Some("A cancellation needs a reason (esc keeps the booking).".into());
                } else {
                    return vec![Effect::Request(Request::Cancel {
                        id: p.id,
                        version: p.version,
                        reason,
                    })];
                }
            }
            _ => {
                p.input.handle(key);
                p.error = None;
            }
        }
        self.mode = Mode::Prompt(p);
        Vec::new()
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
