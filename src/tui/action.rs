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
    /// The staff screen: cleaners' hours, skills, area, contract, time off.
    Staff,
    /// The customer screen of the selected booking's customer.
    CustomerScreen,
    /// The message log: every status message of the session, whole.
    MessageLog,
    /// The selected booking's details one panel further, back to the top
    /// after the last, when they are longer than the panel.
    DetailsMore,
    /// Search customers, booking numbers and notes; go to a booking.
    Find,
    /// Go to a date typed as the form takes it.
    GoToDate,
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
    Bottom,
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
    /// Form: the repeat before or after the one in the Repeats field (none,
    /// weekly, every 2, 3, 4 weeks, monthly).
    PrevChoice,
    NextChoice,
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
    /// The staff screen: remove the chosen override or time off.
    Remove,
    /// The booking form: a new customer, from what the customer field holds.
    NewCustomer,
    /// A new customer that looks like a known one: book the known one, or
    /// make the new one anyway.
    UseExisting,
    CreateAnyway,
    /// The customer screen: edit the customer's details.
    Edit,
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

/// The schedule's vocabulary: config name, action, and whether the footer
/// shows it (a pair's second does not). The words are in the catalogue under
/// the name: `help-NAME` for the help overlay, `footer-NAME` for the footer.
pub const ACTIONS: &[(&str, Action, bool)] = &[
    ("select_prev", Action::SelectPrev, false),
    ("select_next", Action::SelectNext, false),
    ("lane_up", Action::LaneUp, false),
    ("lane_down", Action::LaneDown, false),
    ("new_booking", Action::NewBooking, true),
    ("edit_booking", Action::EditBooking, true),
    ("move_booking", Action::MoveBooking, true),
    ("cancel_booking", Action::CancelBooking, true),
    ("start_job", Action::StartJob, true),
    ("finish_job", Action::FinishJob, true),
    ("undo", Action::Undo, true),
    ("journal", Action::Journal, true),
    ("review_queue", Action::ReviewQueue, true),
    ("sync", Action::Sync, true),
    ("sync_conflicts", Action::SyncConflicts, true),
    ("invoice", Action::Invoice, true),
    ("invoice_month", Action::InvoiceMonth, true),
    ("voice_alert", Action::VoiceAlert, true),
    ("find_slots", Action::FindSlots, false),
    ("time_earlier", Action::TimeEarlier, false),
    ("time_later", Action::TimeLater, false),
    ("sick_call", Action::SickCall, false),
    ("find", Action::Find, false),
    ("staff", Action::Staff, false),
    ("customer_screen", Action::CustomerScreen, false),
    // Shown in the details panel's border when there is more, not in the help.
    ("details_more", Action::DetailsMore, false),
    ("message_log", Action::MessageLog, false),
    ("week_board", Action::WeekBoard, false),
    ("cleaner_week", Action::CleanerWeek, false),
    ("time_cursor_off", Action::TimeCursorOff, false),
    ("prev_day", Action::PrevDay, true),
    ("next_day", Action::NextDay, false),
    ("today", Action::Today, true),
    ("go_to_date", Action::GoToDate, false),
    ("scroll_earlier", Action::ScrollEarlier, true),
    ("scroll_later", Action::ScrollLater, false),
    ("zoom_in", Action::ZoomIn, true),
    ("zoom_out", Action::ZoomOut, false),
    ("poll_payments", Action::PollPayments, true),
    ("remind", Action::Remind, true),
    ("save", Action::Save, false),
    ("redo", Action::Redo, false),
    ("cancel", Action::Cancel, false),
    ("redraw", Action::Redraw, false),
    ("help", Action::Help, true),
    ("quit", Action::Quit, true),
    ("none", Action::Nothing, false),
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
