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
    /// The week board: every cleaner over the week of the day shown.
    WeekBoard,
    /// The week of the selected lane's cleaner, day by day.
    CleanerWeek,
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
    /// The week board: the week before or after.
    PrevWeek,
    NextWeek,
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

mod modes;

use modes::MODE_NAMES;
pub use modes::{KeyMode, MODES, ModeSpec};

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
        "week_board",
        Action::WeekBoard,
        "week board: all cleaners",
        "",
    ),
    (
        "cleaner_week",
        Action::CleanerWeek,
        "the cleaner's week, in order",
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
