//! Everything a dispatcher can ask the console to do, mode by mode. The
//! snake_case names are also the vocabulary of the keymap file
//! (`"s" = "start_job"` in `[normal]`, `"o" = "yes"` in `[confirm]`).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    Cancel,
    SelectPrev,
    SelectNext,
    LaneUp,
    LaneDown,
    PrevDay,
    NextDay,
    Today,
    ScrollEarlier,
    ScrollLater,
    ZoomIn,
    ZoomOut,
    StartJob,
    FinishJob,
    NewBooking,
    EditBooking,
    MoveBooking,
    CancelBooking,
    Undo,
    Redo,
    Save,
    Journal,
    ReviewQueue,
    Sync,
    SyncConflicts,
    Invoice,
    InvoiceMonth,
    VoiceAlert,
    PollPayments,
    Remind,
    /// The slot finder: who is free, and when.
    FindSlots,
    /// The time cursor a quarter hour earlier or later (shown at first).
    TimeEarlier,
    TimeLater,
    /// Hide the time cursor.
    TimeCursorOff,
    /// The sick call for the cleaner of the selected lane.
    SickCall,
    Redraw,
    // The other modes' actions.
    /// Leave the overlay, list or form (help, form, list, conflicts).
    Close,
    /// Move down / up a list, or the customer list in the form.
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    /// Go to the chosen item on the schedule.
    Open,
    /// Journal: only the selected booking's entries, or all.
    Filter,
    /// Review queue: approve the chosen booking.
    Approve,
    /// Conflicts: keep the console's version, Google's, or both. After a
    /// save refused because someone else changed the booking: overwrite
    /// with yours, or take theirs.
    KeepMine,
    KeepTheirs,
    KeepBoth,
    /// Form: the next or previous field.
    NextField,
    PrevField,
    /// Form: the field below or above; in the notes the text's own keys.
    FieldDown,
    FieldUp,
    /// Form: take the chosen customer.
    Take,
    /// The form's weekday question: keep the date, or use the weekday.
    KeepDate,
    UseWeekday,
    /// Leave a question without an answer (weekday question, prompt).
    Back,
    /// Move mode: earlier or later by the step, the cleaner above or below.
    Earlier,
    Later,
    CleanerUp,
    CleanerDown,
    /// Move mode: put the booking back where it was.
    PutBack,
    /// The scope question: this visit of the series, this and the
    /// following ones, or all of them.
    ThisVisit,
    Following,
    AllVisits,
    /// A prompt: take what was typed.
    Ok,
    /// A confirmation: yes or no.
    Yes,
    No,
    /// The sick call: take or leave the chosen job's replacement, or all.
    Toggle,
    AcceptAll,
    /// Editing a line of text.
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    DeleteBack,
    DeleteForward,
    DeleteWord,
    ClearLine,
    /// Unbinds a key in a user keymap.
    Nothing,
}

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
    /// Editing a one-line field or answer (after the form's or the prompt's
    /// own table).
    Text,
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
        actions: &[Action::Close, Action::Redraw],
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
            Action::Redraw,
        ],
        required: &[Action::Close],
        typing: true,
    },
    ModeSpec {
        mode: KeyMode::Search,
        table: "search",
        actions: &[Action::Down, Action::Up, Action::Take],
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
const MODE_NAMES: &[(&str, Action)] = &[
    ("close", Action::Close),
    ("down", Action::Down),
    ("up", Action::Up),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("top", Action::Top),
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

/// Schedule actions that share a footer entry with their partner (`[] day`).
pub const PAIRS: &[(Action, Action)] = &[
    (Action::SelectPrev, Action::SelectNext),
    (Action::LaneUp, Action::LaneDown),
    (Action::PrevDay, Action::NextDay),
    (Action::ScrollEarlier, Action::ScrollLater),
    (Action::ZoomIn, Action::ZoomOut),
];

/// The schedule's vocabulary: config name, action, words for the help
/// overlay, and the short label the footer uses (a pair's second has none).
pub const ACTIONS: &[(&str, Action, &str, &str)] = &[
    (
        "select_prev",
        Action::SelectPrev,
        "previous job of the cleaner",
        "",
    ),
    (
        "select_next",
        Action::SelectNext,
        "next job of the cleaner",
        "",
    ),
    ("lane_up", Action::LaneUp, "cleaner above", ""),
    ("lane_down", Action::LaneDown, "cleaner below", ""),
    ("new_booking", Action::NewBooking, "new booking here", "new"),
    (
        "edit_booking",
        Action::EditBooking,
        "edit the booking",
        "edit",
    ),
    (
        "move_booking",
        Action::MoveBooking,
        "move or reassign (arrows)",
        "move",
    ),
    (
        "cancel_booking",
        Action::CancelBooking,
        "cancel, asking why",
        "cancel",
    ),
    ("start_job", Action::StartJob, "start the job now", "start"),
    (
        "finish_job",
        Action::FinishJob,
        "finish the running job now",
        "finish",
    ),
    ("undo", Action::Undo, "undo your change (5 min)", "undo"),
    (
        "journal",
        Action::Journal,
        "journal: who changed what",
        "journal",
    ),
    (
        "review_queue",
        Action::ReviewQueue,
        "review queue",
        "review",
    ),
    ("sync", Action::Sync, "sync with Google now", "sync"),
    (
        "sync_conflicts",
        Action::SyncConflicts,
        "settle sync conflicts",
        "conflicts",
    ),
    (
        "invoice",
        Action::Invoice,
        "invoice, or approve draft",
        "invoice",
    ),
    (
        "invoice_month",
        Action::InvoiceMonth,
        "invoice the customer's month",
        "month",
    ),
    (
        "voice_alert",
        Action::VoiceAlert,
        "phone about the booking",
        "call",
    ),
    (
        "find_slots",
        Action::FindSlots,
        "find a free slot (who, when)",
        "",
    ),
    (
        "time_earlier",
        Action::TimeEarlier,
        "time cursor 15 min earlier",
        "",
    ),
    (
        "time_later",
        Action::TimeLater,
        "time cursor 15 min later",
        "",
    ),
    (
        "sick_call",
        Action::SickCall,
        "sick call: jobs to others",
        "",
    ),
    (
        "time_cursor_off",
        Action::TimeCursorOff,
        "hide the time cursor",
        "",
    ),
    ("prev_day", Action::PrevDay, "previous day", "day"),
    ("next_day", Action::NextDay, "next day", ""),
    ("today", Action::Today, "back to today, now", "today"),
    (
        "scroll_earlier",
        Action::ScrollEarlier,
        "show earlier hours",
        "scroll",
    ),
    ("scroll_later", Action::ScrollLater, "show later hours", ""),
    ("zoom_in", Action::ZoomIn, "fewer hours, wider", "zoom"),
    ("zoom_out", Action::ZoomOut, "more hours, narrower", ""),
    (
        "poll_payments",
        Action::PollPayments,
        "check payments in Billy",
        "payments",
    ),
    (
        "remind",
        Action::Remind,
        "SMS reminders for tomorrow",
        "remind",
    ),
    ("save", Action::Save, "save the form or the move", ""),
    ("redo", Action::Redo, "redo what you undid", ""),
    ("cancel", Action::Cancel, "close without saving", ""),
    ("redraw", Action::Redraw, "redraw the screen", ""),
    ("help", Action::Help, "this help", "help"),
    ("quit", Action::Quit, "quit", "quit"),
    ("none", Action::Nothing, "(unbinds a key)", ""),
];

impl Action {
    pub fn parse(name: &str) -> Option<Action> {
        ACTIONS
            .iter()
            .map(|(n, a, ..)| (*n, *a))
            .chain(MODE_NAMES.iter().copied())
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a)
    }

    /// The name the keymap file uses.
    pub fn name(self) -> &'static str {
        ACTIONS
            .iter()
            .map(|(n, a, ..)| (*n, *a))
            .chain(MODE_NAMES.iter().copied())
            .find(|(_, a)| *a == self)
            .map_or("none", |(n, _)| n)
    }
}
