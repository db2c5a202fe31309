//! Move mode (`m`): the booking shifts by the step and changes cleaner as the
//! arrows say, its clashes shown live on the schedule; enter saves (asking
//! for a reason when it double-books), esc puts it back.

use chrono::Duration;
use crossterm::event::{KeyCode, KeyEvent};

use super::editing::{is_ctrl_c, reason_key};
use super::preview::{Preview, preview};
use super::{App, Effect, MessageKind, Mode};
use crate::domain::{Booking, BookingDraft, BookingStatus};
use crate::engine::DayPlan;
use crate::engine::worker::Request;
use crate::store::Save;
use crate::tui::action::Action;
use crate::tui::input::LineInput;

/// Move mode: the booking as it was, and where it is being put.
pub struct MoveState {
    pub original: Booking,
    pub draft: Booking,
    /// The day with the draft in place of the original, for drawing.
    pub plan: DayPlan,
    pub preview: Preview,
    pub reason: Option<LineInput>,
    pub error: Option<String>,
    pub saving: bool,
}

impl App {
    /// `m`: move mode on the selected booking.
    pub(super) fn open_move(&mut self) -> Vec<Effect> {
        let Some(b) = self.require_selection() else {
            return Vec::new();
        };
        if matches!(
            b.status,
            BookingStatus::Completed | BookingStatus::Cancelled
        ) {
            self.say(
                MessageKind::Error,
                format!(
                    "Booking #{} is {}; only planned or running jobs move.",
                    b.id,
                    b.status.as_str().replace('_', " ")
                ),
            );
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
            reason: None,
            error: None,
            saving: false,
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
    ) -> Vec<Effect> {
        if let Some(input) = m.reason.take() {
            let (input, submit, error) = reason_key(input, key);
            m.reason = input;
            m.error = error;
            if submit {
                return self.move_commit(m);
            }
            self.mode = Mode::Move(m);
            return Vec::new();
        }
        if m.saving {
            self.mode = Mode::Move(m);
            return Vec::new();
        }
        if key.code == KeyCode::Esc || is_ctrl_c(key) || action == Some(Action::Cancel) {
            self.selected = Some(m.original.id);
            self.follow_selection();
            self.say(
                MessageKind::Info,
                format!("Booking #{} left where it was.", m.original.id),
            );
            return Vec::new();
        }
        if key.code == KeyCode::Enter || action == Some(Action::Save) {
            return self.move_commit(m);
        }
        let step = Duration::minutes(i64::from(self.settings.move_step_min));
        let running = m.draft.status == BookingStatus::InProgress;
        if running && matches!(action, Some(Action::SelectPrev | Action::SelectNext)) {
            m.error = Some("A running job keeps its times; ↑↓ gives it to another cleaner.".into());
            self.mode = Mode::Move(m);
            return Vec::new();
        }
        match action {
            Some(Action::SelectPrev) => {
                m.draft.start -= step;
                m.draft.end -= step;
            }
            Some(Action::SelectNext) => {
                m.draft.start += step;
                m.draft.end += step;
            }
            Some(Action::LaneUp) | Some(Action::LaneDown) => {
                let staff: Vec<Option<i64>> = self
                    .plan
                    .as_ref()
                    .map(|p| p.staff.iter().map(|s| Some(s.id)).chain([None]).collect())
                    .unwrap_or_default();
                let at = staff
                    .iter()
                    .position(|s| *s == m.draft.staff_id)
                    .unwrap_or(0) as i64;
                let dir = if action == Some(Action::LaneUp) {
                    -1
                } else {
                    1
                };
                let next = (at + dir).clamp(0, staff.len() as i64 - 1) as usize;
                if running && staff[next].is_none() {
                    m.error = Some("A running job needs a cleaner.".into());
                    self.mode = Mode::Move(m);
                    return Vec::new();
                }
                m.draft.staff_id = staff[next];
            }
            _ => {}
        }
        m.error = None;
        self.refresh_move(&mut m);
        self.mode = Mode::Move(m);
        self.follow_selection();
        Vec::new()
    }

    fn move_commit(&mut self, mut m: Box<MoveState>) -> Vec<Effect> {
        let (o, d) = (&m.original, &m.draft);
        if o.start == d.start && o.staff_id == d.staff_id {
            self.say(MessageKind::Info, format!("Booking #{} not moved.", o.id));
            return Vec::new();
        }
        if !m.preview.hard.is_empty() && m.reason.is_none() {
            m.reason = Some(LineInput::default());
            self.mode = Mode::Move(m);
            return Vec::new();
        }
        let mut draft = BookingDraft::of(&m.draft);
        if !m.original.needs_review()
            && let Some(a) = m.preview.assessment.as_ref().filter(|a| a.needs_review())
        {
            draft.review = a.reason_text();
        }
        let reason = m
            .reason
            .take()
            .map(|r| r.text().trim().to_string())
            .unwrap_or_default();
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
        m.saving = true;
        self.mode = Mode::Move(m);
        vec![Effect::Request(Request::Save(Box::new(save)))]
    }
}
