//! The console's modes: what the keys are for at the moment, which keymap
//! table they are read from, and what a key did (`Transition`).

use super::{
    Confirm, CustomerScreen, Effect, FindState, FinderState, FormState, FormStep, GoToState,
    JournalView, LogView, MoveState, MoveStep, Prompt, ScopeQuestion, SickCallState, StaffScreen,
    StalePanel, WeekState,
};
use crate::tui::action::KeyMode;

/// What the keys are for at the moment: the schedule, or something on top of it.
pub enum Mode {
    Normal,
    Help,
    Form(Box<FormState>),
    Move(Box<MoveState>),
    Prompt(Box<Prompt>),
    Journal(JournalView),
    Review {
        cursor: usize,
    },
    SyncConflicts {
        cursor: usize,
    },
    /// A yes/no question before an invoice, a call or reminders.
    Confirm(Confirm),
    /// A save refused because someone else changed the booking first: the
    /// decision, over the form or move mode it came from.
    Stale(Box<StalePanel>),
    /// Which visits of a series a change is for, before the form, move
    /// mode or the cancel prompt.
    Scope(Box<ScopeQuestion>),
    /// The slot finder.
    Finder(Box<FinderState>),
    /// The sick call: a cleaner's jobs with their replacements.
    SickCall(Box<SickCallState>),
    /// The staff screen: the cleaners, their hours, skills and time off.
    Staff(Box<StaffScreen>),
    /// The customer screen (`K`).
    Customer(Box<CustomerScreen>),
    /// The message log: every message of the session, whole.
    Log(LogView),
    /// The search: customers, booking numbers and notes.
    Find(Box<FindState>),
    /// Which date to go to.
    GoTo(GoToState),
    /// The week board, or a cleaner's week.
    Week(Box<WeekState>),
}

impl Mode {
    pub fn is_normal(&self) -> bool {
        matches!(self, Mode::Normal)
    }

    /// The keymap table the keys are read from now.
    pub fn key_mode(&self) -> KeyMode {
        match self {
            Mode::Normal => KeyMode::Normal,
            Mode::Help => KeyMode::Help,
            Mode::Form(fs) if fs.new_customer.is_some() => match &fs.new_customer {
                Some(sub) if sub.lookalike.is_some() => KeyMode::Duplicate,
                _ => KeyMode::Form,
            },
            Mode::Form(fs) => match fs.step {
                FormStep::Weekday => KeyMode::Weekday,
                FormStep::Reason(_) => KeyMode::Prompt,
                _ if fs.form.searching() => KeyMode::Search,
                _ => KeyMode::Form,
            },
            Mode::Move(m) => match m.step {
                MoveStep::Reason(_) => KeyMode::Prompt,
                _ => KeyMode::Move,
            },
            Mode::Prompt(_) => KeyMode::Prompt,
            Mode::Journal(_) | Mode::Review { .. } => KeyMode::List,
            Mode::SyncConflicts { .. } => KeyMode::Conflicts,
            Mode::Confirm(_) => KeyMode::Confirm,
            Mode::Stale(_) => KeyMode::Stale,
            Mode::Scope(_) => KeyMode::Scope,
            Mode::Finder(_) => KeyMode::Finder,
            Mode::SickCall(_) => KeyMode::SickCall,
            Mode::Staff(s) if s.editing.is_some() => KeyMode::Prompt,
            Mode::Staff(_) => KeyMode::Staff,
            Mode::Customer(s) if s.edit.is_some() => KeyMode::Form,
            Mode::Customer(_) => KeyMode::Customer,
            Mode::Log(_) => KeyMode::Log,
            Mode::Find(_) => KeyMode::Find,
            Mode::GoTo(_) => KeyMode::GoTo,
            Mode::Week(_) => KeyMode::Week,
        }
    }
}

/// What a key did in a mode: the mode to be in next, and the work it asks for.
pub struct Transition {
    pub mode: Mode,
    pub effects: Vec<Effect>,
}

impl Transition {
    /// Stay in (or go to) `mode`, asking for nothing.
    pub fn to(mode: Mode) -> Transition {
        Transition {
            mode,
            effects: Vec::new(),
        }
    }

    /// Back to the schedule, asking for `effects`.
    pub fn done(effects: Vec<Effect>) -> Transition {
        Transition {
            mode: Mode::Normal,
            effects,
        }
    }

    pub fn with(mode: Mode, effects: Vec<Effect>) -> Transition {
        Transition { mode, effects }
    }
}
