//! The scope question: editing, moving, reassigning or cancelling a visit
//! of a series first asks which visits the change is for (this visit, this
//! and following, all visits). "This" goes the way of any booking (the
//! store marks the visit an exception; another dispatcher's change opens
//! the decision panel); the other two are the store's scoped operations,
//! one request and one transaction each, undone by `u` as one step.

use super::editing::{FormState, FormStep};
use super::moving::{MoveState, MoveStep};
use super::{App, Effect, MessageKind, Mode, Transition};
use crate::domain::{Booking, BookingDraft};
use crate::engine::worker::Request;
use crate::store::{Scope, VisitChange};
use crate::tui::action::Action;

/// What the dispatcher was about to do when the question came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeFor {
    Edit,
    Move,
    Cancel,
}

/// The question, over the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeQuestion {
    /// The visit it is about.
    pub booking: Booking,
    pub series: i64,
    pub then: ScopeFor,
}

/// A scope that changes more than the one visit.
fn wide(scope: Option<Scope>) -> Option<Scope> {
    scope.filter(|s| *s != Scope::This)
}

impl App {
    /// Asks the scope when `b` is a visit of a series and none was chosen
    /// yet; returns whether it asked.
    pub(super) fn ask_scope(&mut self, b: &Booking, then: ScopeFor, scope: Option<Scope>) -> bool {
        if scope.is_some() {
            return false;
        }
        let Some(sv) = self.plan.as_ref().and_then(|p| p.series.get(&b.id)) else {
            return false;
        };
        self.mode = Mode::Scope(Box::new(ScopeQuestion {
            booking: b.clone(),
            series: sv.series.id,
            then,
        }));
        true
    }

    /// A key at the scope question: the answer opens what was asked for.
    pub(super) fn scope_key(
        &mut self,
        q: Box<ScopeQuestion>,
        action: Option<Action>,
    ) -> Transition {
        let scope = match action {
            Some(Action::ThisVisit) => Scope::This,
            Some(Action::Following) => Scope::Following,
            Some(Action::AllVisits) => Scope::All,
            Some(Action::Back) => return Transition::done(Vec::new()),
            _ => return Transition::to(Mode::Scope(q)),
        };
        // The question was about the selected booking; keep it selected.
        self.selected = Some(q.booking.id);
        let effects = match q.then {
            ScopeFor::Edit => self.open_edit_form_in(Some(scope)),
            ScopeFor::Move => self.open_move_in(Some(scope)),
            ScopeFor::Cancel => self.open_cancel_in(Some(scope)),
        };
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        Transition::with(mode, effects)
    }

    /// The form saved in a wide scope: the visits change their day, time,
    /// length and cleaner as this one does. Gives the form back when its
    /// scope is not a wide one.
    pub(super) fn scoped_form_save(
        &mut self,
        mut fs: Box<FormState>,
        draft: &BookingDraft,
        reason: &str,
    ) -> Result<Transition, Box<FormState>> {
        let (Some(scope), Some(before)) = (wide(fs.scope), fs.form.editing.clone()) else {
            return Err(fs);
        };
        let after = draft.apply(Some(&before));
        let same_rest = Booking {
            start: before.start,
            end: before.end,
            staff_id: before.staff_id,
            review: before.review.clone(),
            ..after.clone()
        } == before;
        if !same_rest {
            fs.form.error = Some(self.words().get("app-scope-other-fields"));
            return Ok(Transition::to(Mode::Form(fs)));
        }
        let mut change = self.visit_change(&before, &after);
        let len = |b: &Booking| b.end - b.start;
        if len(&before) != len(&after) {
            change.duration_min = u32::try_from(len(&after).num_minutes()).ok();
        }
        fs.step = FormStep::Saving;
        fs.form.error = None;
        Ok(self.send_scoped(Mode::Form(fs), &before, change, scope, reason))
    }

    /// Move mode saved in a wide scope; gives it back when its scope is
    /// not a wide one.
    pub(super) fn scoped_move_save(
        &mut self,
        mut m: Box<MoveState>,
        reason: &str,
    ) -> Result<Transition, Box<MoveState>> {
        let Some(scope) = wide(m.scope) else {
            return Err(m);
        };
        let change = self.visit_change(&m.original, &m.draft);
        let before = m.original.clone();
        m.step = MoveStep::Saving;
        Ok(self.send_scoped(Mode::Move(m), &before, change, scope, reason))
    }

    /// The cancel prompt answered in a wide scope. `None`: not a wide scope.
    pub(super) fn scoped_cancel(
        &self,
        scope: Option<Scope>,
        id: i64,
        version: i64,
        reason: &str,
    ) -> Option<Effect> {
        let scope = wide(scope)?;
        Some(Effect::Request(Request::CancelVisit {
            id,
            version,
            reason: reason.to_string(),
            scope,
        }))
    }

    /// What moved from `before` to `after`, as the store's scoped move
    /// takes it.
    fn visit_change(&self, before: &Booking, after: &Booking) -> VisitChange {
        let tz = self.settings.tz;
        let (was, now) = (tz.local(before.start), tz.local(after.start));
        VisitChange {
            date: (was.date_naive() != now.date_naive()).then(|| now.date_naive()),
            start: (was.time() != now.time()).then(|| now.time()),
            staff: (before.staff_id != after.staff_id).then_some(after.staff_id),
            duration_min: None,
        }
    }

    fn send_scoped(
        &mut self,
        mode: Mode,
        before: &Booking,
        change: VisitChange,
        scope: Scope,
        reason: &str,
    ) -> Transition {
        if change == VisitChange::default() {
            self.say(
                MessageKind::Info,
                self.words()
                    .with("app-not-changed", &[("id", before.id.into())]),
            );
            return Transition::done(Vec::new());
        }
        let request = Request::MoveVisit {
            id: before.id,
            version: before.version,
            change,
            scope,
            accept: (!reason.is_empty()).then(|| reason.to_string()),
        };
        Transition::with(mode, vec![Effect::Request(request)])
    }
}
