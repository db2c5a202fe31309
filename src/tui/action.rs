//! Everything a dispatcher can ask the console to do. The snake_case names
//! are also the vocabulary of the keymap file (`"s" = "start_job"`).

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
    VoiceAlert,
    PollPayments,
    Remind,
    Redraw,
    /// Unbinds a key in a user keymap.
    Nothing,
}

/// The vocabulary: config name, action, words for the help overlay, and the
/// short label the footer uses. An action without a label that follows one
/// with a label shares its footer entry (`←→ job`); keep such pairs adjacent.
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
        "voice_alert",
        Action::VoiceAlert,
        "phone about the booking",
        "call",
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
            .find(|(n, ..)| *n == name)
            .map(|(_, a, ..)| *a)
    }

    /// All action names, for error messages.
    pub fn names() -> String {
        ACTIONS
            .iter()
            .map(|(n, ..)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }
}
