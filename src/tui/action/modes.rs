//! The keymap's tables: a mode per screen or question, what each may bind,
//! and the names of the actions outside the schedule.

use super::{ACTIONS, Action};

/// Which table of the keymap a key is looked up in: one per mode, and one
/// per question or list inside a mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyMode {
    /// The schedule.
    Normal,
    /// The help overlay (keys it does not bind act as on the schedule).
    Help,
    /// The booking form's fields.
    Form,
    /// The customer list under the form's customer field (keys it does not
    /// bind act as in the form).
    Search,
    /// The form's question when the date and the weekday disagree.
    Weekday,
    /// Move mode.
    Move,
    /// A one-line question: the cancel reason, the double-booking reason.
    Prompt,
    /// A yes/no question before an invoice, a call or reminders.
    Confirm,
    /// The journal and the review queue.
    List,
    /// The sync conflict queue.
    Conflicts,
    /// A save refused because someone else changed the booking first: take
    /// theirs, overwrite with yours, or back.
    Stale,
    /// Which visits of a series a change is for.
    Scope,
    /// The slot finder: its fields, and the ranked slots.
    Finder,
    /// The sick call: a cleaner's jobs with their replacements.
    SickCall,
    /// The staff screen: the cleaners and the chosen one's fields (a
    /// field's new value is typed in `Prompt`'s table).
    Staff,
    /// The form's new customer looks like a known one: which to book.
    Duplicate,
    /// The customer screen: a customer's details, bookings and invoices.
    Customer,
    /// The message log.
    Log,
    /// The search (`/`): what is typed, and the customers and bookings found.
    Find,
    /// The one-line question of `g`: which date to go to.
    GoTo,
    /// Editing a one-line field or answer (after the form's or the prompt's
    /// own table).
    Text,
    /// The week board and a cleaner's week.
    Week,
}

/// What each mode's table may bind.
pub struct ModeSpec {
    pub mode: KeyMode,
    /// The table's name in the keymap file.
    pub table: &'static str,
    /// The actions it accepts (the schedule's are `ACTIONS`).
    pub actions: &'static [Action],
    /// The actions that must keep a key, or the mode could not be left.
    pub required: &'static [Action],
    /// The dispatcher types here: printable keys are text, not bindings.
    pub typing: bool,
}

pub const MODES: &[ModeSpec] = &[
    ModeSpec {
        mode: KeyMode::Normal,
        table: "normal",
        actions: &[],
        required: &[Action::Quit],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Help,
        table: "help",
        actions: &[
            Action::Close,
            Action::Redraw,
            Action::PageDown,
            Action::PageUp,
        ],
        required: &[Action::Close],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Form,
        table: "form",
        actions: &[
            Action::Save,
            Action::Close,
            Action::NextField,
            Action::PrevField,
            Action::FieldDown,
            Action::FieldUp,
            Action::PrevChoice,
            Action::NextChoice,
            Action::NewCustomer,
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: true,
    },
    ModeSpec {
        mode: KeyMode::Search,
        table: "search",
        actions: &[Action::Down, Action::Up, Action::Take, Action::NewCustomer],
        required: &[],
        typing: true,
    },
    ModeSpec {
        mode: KeyMode::Weekday,
        table: "weekday",
        actions: &[
            Action::KeepDate,
            Action::UseWeekday,
            Action::KeepBoth,
            Action::Back,
            Action::Redraw,
        ],
        required: &[Action::Back],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Move,
        table: "move",
        actions: &[
            Action::Earlier,
            Action::Later,
            Action::CleanerUp,
            Action::CleanerDown,
            Action::Save,
            Action::PutBack,
            Action::Redraw,
        ],
        required: &[Action::PutBack],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Prompt,
        table: "prompt",
        actions: &[Action::Ok, Action::Back, Action::Redraw],
        required: &[Action::Back],
        typing: true,
    },
    ModeSpec {
        mode: KeyMode::Confirm,
        table: "confirm",
        actions: &[Action::Yes, Action::No, Action::Redraw],
        required: &[Action::Yes, Action::No],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::List,
        table: "list",
        actions: &[
            Action::Close,
            Action::Down,
            Action::Up,
            Action::PageDown,
            Action::PageUp,
            Action::Top,
            Action::Bottom,
            Action::Filter,
            Action::Approve,
            Action::Open,
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Conflicts,
        table: "conflicts",
        actions: &[
            Action::Close,
            Action::Down,
            Action::Up,
            Action::KeepMine,
            Action::KeepTheirs,
            Action::KeepBoth,
            Action::Open,
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Stale,
        table: "stale",
        actions: &[
            Action::KeepTheirs,
            Action::KeepMine,
            Action::Back,
            Action::Redraw,
        ],
        required: &[Action::KeepTheirs, Action::KeepMine, Action::Back],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Scope,
        table: "scope",
        actions: &[
            Action::ThisVisit,
            Action::Following,
            Action::AllVisits,
            Action::Back,
            Action::Redraw,
        ],
        required: &[
            Action::ThisVisit,
            Action::Following,
            Action::AllVisits,
            Action::Back,
        ],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Finder,
        table: "finder",
        actions: &[
            Action::Close,
            Action::NextField,
            Action::PrevField,
            Action::Down,
            Action::Up,
            Action::Open,
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: true,
    },
    ModeSpec {
        mode: KeyMode::SickCall,
        table: "sickcall",
        actions: &[
            Action::Close,
            Action::Down,
            Action::Up,
            Action::Toggle,
            Action::AcceptAll,
            Action::Earlier,
            Action::Later,
            Action::Ok,
            Action::Redraw,
        ],
        required: &[Action::Close, Action::Ok],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Staff,
        table: "staff",
        actions: &[
            Action::Close,
            Action::Down,
            Action::Up,
            Action::PageDown,
            Action::PageUp,
            Action::Top,
            Action::CleanerUp,
            Action::CleanerDown,
            Action::Open,
            Action::Remove,
            Action::Undo,
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Duplicate,
        table: "duplicate",
        actions: &[
            Action::UseExisting,
            Action::CreateAnyway,
            Action::Back,
            Action::Redraw,
        ],
        required: &[Action::UseExisting, Action::CreateAnyway, Action::Back],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Customer,
        table: "customer",
        actions: &[
            Action::Close,
            Action::Down,
            Action::Up,
            Action::PageDown,
            Action::PageUp,
            Action::Top,
            Action::Edit,
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Log,
        table: "log",
        actions: &[
            Action::Close,
            Action::Down,
            Action::Up,
            Action::PageDown,
            Action::PageUp,
            Action::Top,
            Action::Bottom,
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Find,
        table: "find",
        actions: &[
            Action::Close,
            Action::Down,
            Action::Up,
            Action::Open,
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: true,
    },
    ModeSpec {
        mode: KeyMode::GoTo,
        table: "goto",
        actions: &[Action::Ok, Action::Back, Action::Redraw],
        required: &[Action::Back],
        typing: true,
    },
    ModeSpec {
        mode: KeyMode::Week,
        table: "week",
        actions: &[
            Action::Close,
            Action::Up,
            Action::Down,
            Action::Earlier,
            Action::Later,
            Action::PageUp,
            Action::PageDown,
            Action::PrevWeek,
            Action::NextWeek,
            Action::Open,
            Action::CleanerWeek,
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: false,
    },
    ModeSpec {
        mode: KeyMode::Text,
        table: "text",
        actions: &[
            Action::CursorLeft,
            Action::CursorRight,
            Action::LineStart,
            Action::LineEnd,
            Action::DeleteBack,
            Action::DeleteForward,
            Action::DeleteWord,
            Action::ClearLine,
        ],
        required: &[],
        typing: true,
    },
];

/// The names of the other modes' actions.
pub(super) const MODE_NAMES: &[(&str, Action)] = &[
    ("close", Action::Close),
    ("down", Action::Down),
    ("up", Action::Up),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("open", Action::Open),
    ("filter", Action::Filter),
    ("approve", Action::Approve),
    ("keep_mine", Action::KeepMine),
    ("keep_theirs", Action::KeepTheirs),
    ("keep_both", Action::KeepBoth),
    ("next_field", Action::NextField),
    ("prev_field", Action::PrevField),
    ("field_down", Action::FieldDown),
    ("field_up", Action::FieldUp),
    ("prev_choice", Action::PrevChoice),
    ("next_choice", Action::NextChoice),
    ("take", Action::Take),
    ("keep_date", Action::KeepDate),
    ("use_weekday", Action::UseWeekday),
    ("back", Action::Back),
    ("earlier", Action::Earlier),
    ("later", Action::Later),
    ("cleaner_up", Action::CleanerUp),
    ("cleaner_down", Action::CleanerDown),
    ("put_back", Action::PutBack),
    ("this_visit", Action::ThisVisit),
    ("following", Action::Following),
    ("all_visits", Action::AllVisits),
    ("ok", Action::Ok),
    ("yes", Action::Yes),
    ("no", Action::No),
    ("toggle", Action::Toggle),
    ("accept_all", Action::AcceptAll),
    ("remove", Action::Remove),
    ("new_customer", Action::NewCustomer),
    ("use_existing", Action::UseExisting),
    ("create_anyway", Action::CreateAnyway),
    ("edit", Action::Edit),
    ("prev_week", Action::PrevWeek),
    ("next_week", Action::NextWeek),
    ("cursor_left", Action::CursorLeft),
    ("cursor_right", Action::CursorRight),
    ("line_start", Action::LineStart),
    ("line_end", Action::LineEnd),
    ("delete_back", Action::DeleteBack),
    ("delete_forward", Action::DeleteForward),
    ("delete_word", Action::DeleteWord),
    ("clear_line", Action::ClearLine),
];

impl KeyMode {
    pub fn spec(self) -> &'static ModeSpec {
        MODES.iter().find(|m| m.mode == self).unwrap_or(&MODES[0])
    }

    /// The mode of a keymap table (`[keys]` is the old name of `[normal]`).
    pub fn of_table(name: &str) -> Option<KeyMode> {
        let name = if name == "keys" { "normal" } else { name };
        MODES.iter().find(|m| m.table == name).map(|m| m.mode)
    }

    /// Whether `action` may be bound in this mode's table.
    pub fn accepts(self, action: Action) -> bool {
        match self {
            KeyMode::Normal => ACTIONS.iter().any(|(_, a, ..)| *a == action),
            _ => action == Action::Nothing || self.spec().actions.contains(&action),
        }
    }

    /// The action names this mode's table accepts, for error messages.
    pub fn names(self) -> String {
        match self {
            KeyMode::Normal => ACTIONS
                .iter()
                .filter(|(_, a, ..)| !matches!(a, Action::Save | Action::Cancel))
                .map(|(n, ..)| *n)
                .collect::<Vec<_>>()
                .join(", "),
            _ => self
                .spec()
                .actions
                .iter()
                .map(|a| a.name())
                .chain(["none"])
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}
