//! Move mode (`m`): the booking shifts by the step and changes cleaner as the
//! arrows say, its clashes shown live on the schedule; enter saves (asking
//! for a reason when it double-books), esc puts it back.

use chrono::Duration;
use crossterm::event::KeyEvent;

use super::editing::{Answer, answer_key};
use super::preview::{Preview, preview};
use super::scope::ScopeFor;
use super::{App, Effect, MessageKind, Mode, Transition};
use crate::domain::{Booking, BookingDraft, BookingStatus};
use crate::engine::DayPlan;
use crate::engine::worker::Request;
use crate::store::{Save, Scope};
use crate::tui::action::{Action, KeyMode};
use crate::tui::input::LineInput;
use crate::words::news;

/// Move mode: the booking as it was, and where it is being put.
pub struct MoveState {
    pub original: Booking,
    pub draft: Booking,
    /// The day with the draft in place of the original, for drawing.
    pub plan: DayPlan,
    pub preview: Preview,
    pub step: MoveStep,
    pub error: Option<String>,
    /// Moving a visit of a series: which visits move with it.
    pub scope: Option<Scope>,
}

/// Where move mode is between opening and saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveStep {
    /// The arrows move the booking.
    Moving,
    /// It double-books: the reason prompt is open.
    Reason(LineInput),
    /// The save is on its way to the store.
    Saving,
}

impl App {
    /// `m`: move mode on the selected booking (for a visit of a series,
    /// after the scope question).
    pub(super) fn open_move(&mut self) -> Vec<Effect> {
        self.open_move_in(None)
    }

    /// Move mode on the selected booking, for the visits of `scope`.
    pub(super) fn open_move_in(&mut self, scope: Option<Scope>) -> Vec<Effect> {
        let Some(b) = self.require_selection() else {
            return Vec::new();
        };
        if matches!(
            b.status,
            BookingStatus::Completed | BookingStatus::Cancelled
        ) {
            let text = news::cannot_move(self.words(), b.id, b.status);
            self.say(MessageKind::Error, text);
            return Vec::new();
        }
        if self.ask_scope(&b, ScopeFor::Move, scope) {
            return Vec::new();
        }
        let Some(plan) = &self.plan else {
            return Vec::new();
        };
        let mut m = Box::new(MoveState {
            original: b.clone(),
            draft: b,
            plan: plan.clone(),
            preview: Preview::default(),
            step: MoveStep::Moving,
            error: None,
            scope,
        });
        self.refresh_move(&mut m);
        self.mode = Mode::Move(m);
        Vec::new()
    }

    pub(super) fn refresh_move(&self, m: &mut MoveState) {
        let Some(plan) = &self.plan else {
            return;
        };
        let now = self.now.min(m.original.start);
        let memory = plan.memory.get(&m.draft.customer_id);
        let (with, p) = preview(
            plan,
            m.draft.clone(),
            None,
            &self.settings,
            memory,
            None,
            now,
        );
        m.plan = with;
        m.preview = p;
    }

    pub(super) fn move_key(
        &mut self,
        mut m: Box<MoveState>,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        match std::mem::replace(&mut m.step, MoveStep::Moving) {
            MoveStep::Reason(input) => {
                let back = self.key_name(KeyMode::Prompt, Action::Back);
                let w = self.words();
                let empty = || news::clash_reason_needed(w, &back);
                m.error = None;
                match answer_key(input, key, action, empty) {
                    Answer::Back => {}
                    Answer::Typing(input, error) => {
                        m.error = error;
                        m.step = MoveStep::Reason(input);
                    }
                    Answer::Given(reason) => return self.move_commit(m, Some(reason)),
                }
                return Transition::to(Mode::Move(m));
            }
            MoveStep::Saving => {
                m.step = MoveStep::Saving;
                return Transition::to(Mode::Move(m));
            }
            MoveStep::Moving => {}
        }
        let step = Duration::minutes(i64::from(self.settings.move_step_min));
        let running = m.draft.status == BookingStatus::InProgress;
        match action {
            Some(Action::PutBack) => {
                self.selected = Some(m.original.id);
                self.follow_selection();
                let text = news::left_where_it_was(self.words(), m.original.id);
                self.say(MessageKind::Info, text);
                return Transition::done(Vec::new());
            }
            Some(Action::Save) => return self.move_commit(m, None),
            Some(Action::Earlier | Action::Later) if running => {
                let cleaner = self.cleaner_keys();
                m.error = Some(news::running_keeps_times(self.words(), &cleaner));
                return Transition::to(Mode::Move(m));
            }
            Some(Action::Earlier) => {
                m.draft.start -= step;
                m.draft.end -= step;
            }
            Some(Action::Later) => {
                m.draft.start += step;
                m.draft.end += step;
            }
            Some(Action::CleanerUp | Action::CleanerDown) => {
                let staff: Vec<Option<i64>> = self
                    .plan
                    .as_ref()
                    .map(|p| p.staff.iter().map(|s| Some(s.id)).chain([None]).collect())
                    .unwrap_or_default();
                let at = staff
                    .iter()
                    .position(|s| *s == m.draft.staff_id)
                    .unwrap_or(0) as i64;
                let dir = if action == Some(Action::CleanerUp) {
                    -1
                } else {
                    1
                };
                let next = (at + dir).clamp(0, staff.len() as i64 - 1) as usize;
                if running && staff[next].is_none() {
                    m.error = Some(news::running_needs_cleaner(self.words()));
                    return Transition::to(Mode::Move(m));
                }
                m.draft.staff_id = staff[next];
            }
            _ => {}
        }
        m.error = None;
        self.refresh_move(&mut m);
        Transition::to(Mode::Move(m))
    }

    /// The keys that give the booking in move mode to another cleaner (`↑↓`).
    fn cleaner_keys(&self) -> String {
        [Action::CleanerUp, Action::CleanerDown]
            .map(|a| self.keymap.first(KeyMode::Move, a).unwrap_or_default())
            .concat()
    }

    /// Enter: saves the move, asking first for a reason if it double-books.
    fn move_commit(&mut self, mut m: Box<MoveState>, reason: Option<String>) -> Transition {
        let (o, d) = (&m.original, &m.draft);
        if o.start == d.start && o.staff_id == d.staff_id {
            let text = if o.status == BookingStatus::InProgress {
                let finish = self.key_name(KeyMode::Normal, Action::FinishJob);
                news::running_not_moved(self.words(), o.id, &self.cleaner_keys(), &finish)
            } else {
                news::not_moved(self.words(), o.id)
            };
            self.say(MessageKind::Info, text);
            return Transition::done(Vec::new());
        }
        if !m.preview.hard.is_empty() && reason.is_none() {
            m.step = MoveStep::Reason(LineInput::default());
            return Transition::to(Mode::Move(m));
        }
        let mut draft = BookingDraft::of(&m.draft);
        if !m.original.needs_review()
            && let Some(a) = m.preview.assessment.as_ref().filter(|a| a.needs_review())
        {
            draft.review = crate::words::values::doubts(self.words(), &a.reasons);
        }
        let reason = reason.unwrap_or_default();
        let mut m = match self.scoped_move_save(m, &reason) {
            Ok(t) => return t,
            Err(m) => m,
        };
        let save = Save {
            target: Some((m.original.id, m.original.version)),
            draft,
            accepted: if reason.is_empty() {
                Vec::new()
            } else {
                m.preview.hard.clone()
            },
            reason,
        };
        m.step = MoveStep::Saving;
        let request = Effect::Request(Request::Save {
            save: Box::new(save),
            base: Some(Box::new(m.original.clone())),
        });
        Transition::with(Mode::Move(m), vec![request])
    }
}
