//! The sick call (`X` on a cleaner's lane): every job of theirs in the
//! period (the day shown, or today, and the next two days; `-`/`+` move
//! the end) with the best replacement the worker found; the dispatcher
//! takes all or some, and they are applied as one change that one undo
//! takes back.

use chrono::{Duration, NaiveDate};

use super::{App, Effect, MessageKind, Mode, Transition};
use crate::domain::sickcall::Replacement;
use crate::engine::worker::Request;
use crate::tui::action::Action;

/// Days after the first one the period covers when it opens.
const DEFAULT_MORE_DAYS: i64 = 2;
/// The longest period, in days.
const MAX_DAYS: i64 = 31;

/// The worker's plan, when it has come.
#[derive(Debug, Clone, PartialEq)]
pub enum SickPlan {
    Waiting,
    Ready(Vec<Replacement>),
    Failed(String),
}

pub struct SickCallState {
    pub staff_id: i64,
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The number of the question the plan answers.
    pub seq: u64,
    pub plan: SickPlan,
    /// Per job of the plan: is its replacement taken?
    pub accepted: Vec<bool>,
    pub cursor: usize,
}

impl SickCallState {
    /// The jobs of the plan, none while it is not there.
    pub fn jobs(&self) -> &[Replacement] {
        match &self.plan {
            SickPlan::Ready(p) => p,
            _ => &[],
        }
    }

    /// The replacements taken.
    pub fn taken(&self) -> Vec<Replacement> {
        self.jobs()
            .iter()
            .zip(&self.accepted)
            .filter(|(r, a)| **a && r.to.is_some())
            .map(|(r, _)| r.clone())
            .collect()
    }

    /// The worker's plan for question `seq`; an older one is dropped.
    pub fn answer(&mut self, seq: u64, plan: Result<Vec<Replacement>, String>) -> bool {
        if seq != self.seq {
            return false;
        }
        self.plan = match plan {
            Ok(p) => {
                self.accepted = p.iter().map(|r| r.to.is_some()).collect();
                SickPlan::Ready(p)
            }
            Err(e) => {
                self.accepted.clear();
                SickPlan::Failed(e)
            }
        };
        self.cursor = self.cursor.min(self.jobs().len().saturating_sub(1));
        true
    }
}

impl App {
    /// `X`: the sick call for the cleaner of the selected lane.
    pub(super) fn open_sick_call(&mut self) -> Vec<Effect> {
        let staff = self
            .lanes()
            .get(self.lane)
            .copied()
            .flatten()
            .and_then(|id| self.plan.as_ref()?.staff_by_id(id))
            .map(|s| (s.id, s.name.clone()));
        let Some((staff_id, name)) = staff else {
            self.say(MessageKind::Error, self.words().get("app-sick-choose-lane"));
            return Vec::new();
        };
        let from = self.date.max(self.today());
        let mut s = SickCallState {
            staff_id,
            name,
            from,
            to: from + Duration::days(DEFAULT_MORE_DAYS),
            seq: 0,
            plan: SickPlan::Waiting,
            accepted: Vec::new(),
            cursor: 0,
        };
        let mut effects = vec![self.ask_sick_call(&mut s)];
        self.mode = Mode::SickCall(Box::new(s));
        if self.customers.is_none() {
            effects.push(Effect::Request(Request::Customers));
        }
        effects
    }

    fn ask_sick_call(&mut self, s: &mut SickCallState) -> Effect {
        self.question_seq += 1;
        s.seq = self.question_seq;
        s.plan = SickPlan::Waiting;
        Effect::Request(Request::SickCall {
            seq: s.seq,
            staff_id: s.staff_id,
            from: s.from,
            to: s.to,
        })
    }

    /// A key in the sick call.
    pub(super) fn sick_call_key(
        &mut self,
        mut s: Box<SickCallState>,
        action: Option<Action>,
    ) -> Transition {
        let n = s.jobs().len();
        match action {
            Some(Action::Close) => return Transition::to(Mode::Normal),
            Some(Action::Down) => s.cursor = (s.cursor + 1).min(n.saturating_sub(1)),
            Some(Action::Up) => s.cursor = s.cursor.saturating_sub(1),
            Some(Action::Toggle) => {
                let has = s.jobs().get(s.cursor).is_some_and(|r| r.to.is_some());
                if let (true, Some(a)) = (has, s.accepted.get_mut(s.cursor)) {
                    *a = !*a;
                }
            }
            Some(Action::AcceptAll) => {
                let open: Vec<bool> = s.jobs().iter().map(|r| r.to.is_some()).collect();
                let all = s.accepted == open;
                s.accepted = open.iter().map(|o| *o && !all).collect();
            }
            Some(Action::Earlier | Action::Later) => {
                let by = if action == Some(Action::Later) { 1 } else { -1 };
                let to = s.to + Duration::days(by);
                if to >= s.from && to < s.from + Duration::days(MAX_DAYS) {
                    s.to = to;
                    let e = self.ask_sick_call(&mut s);
                    return Transition::with(Mode::SickCall(s), vec![e]);
                }
            }
            Some(Action::Ok) => {
                if self.refused_read_only(Some(Action::SickCall)) {
                    return Transition::to(Mode::SickCall(s));
                }
                let plan = s.taken();
                if plan.is_empty() {
                    self.say(MessageKind::Error, self.words().get("app-sick-none-taken"));
                    return Transition::to(Mode::SickCall(s));
                }
                let reason = self
                    .words()
                    .with("app-sick-call-reason", &[("name", s.name.as_str().into())]);
                return Transition::done(vec![Effect::Request(Request::ApplySickCall {
                    plan,
                    reason,
                })]);
            }
            _ => {}
        }
        Transition::to(Mode::SickCall(s))
    }
}
