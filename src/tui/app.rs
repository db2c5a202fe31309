//! Console state and `update`: keys become actions, actions change state and
//! may ask for work (`Effect`), replies from the store worker are applied.
//! Nothing here does I/O; drawing reads this state and never changes it.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use crossterm::event::KeyEvent;

mod cursor;
mod customer;
mod dispatch;
mod editing;
mod finder;
mod goto;
mod lists;
mod log;
mod mode;
mod moving;
mod office;
pub mod preview;
mod read_only;
mod replies;
mod scope;
mod search;
mod selection;
mod sickcall;
mod staff;
mod stale;
mod sync;
mod week;

pub use customer::CustomerScreen;
pub use editing::{FormState, FormStep, Prompt};
pub use finder::{
    FINDER_ROWS, FinderField, FinderGap, FinderList, FinderRow, FinderState, MAX_DAYS,
};
pub use goto::{GoToRead, GoToState};
pub use lists::JournalView;
pub use log::{LOG_LIMIT, LogView, MessageLog};
pub use mode::{Mode, Transition};
pub use moving::{MoveState, MoveStep};
pub use office::{Confirm, OfficeState};
pub use read_only::ReadOnly;
pub use scope::{ScopeFor, ScopeQuestion};
pub use search::{FIND_CUSTOMERS, FindNotice, FindRow, FindState};
pub use sickcall::{SickCallState, SickPlan};
pub use staff::{PutBack, StaffList, StaffNote, StaffRow, StaffScreen, row_spec, row_typed};
pub use stale::{StaleBack, StalePanel};
pub use sync::SyncState;
pub use week::{CleanerWeek, WeekState};

use super::action::{Action, KeyMode};
use super::keymap::Keymap;
use super::theme::Theme;
use crate::config::Settings;
use crate::domain::overtime::{OvertimeLevel, late_start, overtime};
use crate::domain::{Booking, BookingStatus};
use crate::engine::DayPlan;
use crate::engine::worker::{ConflictItem, Customers, Reply, Request, ReviewItem};
use crate::store::UndoHint;
use crate::words::news;

/// Shortest and longest visible stretch of the day, in minutes.
const MIN_WINDOW: i64 = 120;
const DAY_MINUTES: i64 = 24 * 60;
/// How long a status message stays.
const MESSAGE_SECONDS: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Request(Request),
    Quit,
    /// Throw away the terminal's contents and draw everything again.
    ClearScreen,
    /// Sync with Google Calendar now.
    SyncNow,
    /// Work for the back office (Billy, Twilio).
    Office(crate::engine::office::OfficeCommand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    /// Done, but with something to look at.
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
    pub at: DateTime<Utc>,
}

/// Counts for the status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayCounts {
    pub bookings: usize,
    pub conflicts: usize,
    pub running: usize,
    pub overtime: usize,
    pub late: usize,
}

pub struct App {
    pub settings: Settings,
    pub theme: Theme,
    pub keymap: Keymap,
    pub now: DateTime<Utc>,
    /// The day shown.
    pub date: NaiveDate,
    /// `None` until the first load arrives.
    pub plan: Option<DayPlan>,
    /// Index into `lanes()`.
    pub lane: usize,
    pub selected: Option<i64>,
    /// First visible minute of the local day, and how many minutes are visible.
    pub window_start: i64,
    pub window_len: i64,
    pub mode: Mode,
    pub message: Option<Message>,
    /// Every message of this session, whole (`!`).
    pub log: MessageLog,
    /// The start-up notice, and news waiting behind it.
    notice: log::Notice,
    /// Every customer, for the form's search (loaded when a form opens).
    pub customers: Option<Customers>,
    /// Bookings waiting for review, on any day.
    pub review: Vec<ReviewItem>,
    /// What `u` would undo now.
    pub undo_hint: Option<UndoHint>,
    /// The Google Calendar sync's state, for the header.
    pub sync: SyncState,
    /// Billy and Twilio, for the header.
    pub office: OfficeState,
    /// Why the store worker is not running, when it is not: said where
    /// the day would be.
    pub worker_down: Option<String>,
    /// Bookings whose calendar version clashes with the console's.
    pub sync_conflicts: Vec<ConflictItem>,
    /// Where the data lives, for the empty-database hint.
    pub db_label: String,
    /// True while the console runs on a fixed clock.
    pub fixed_clock: bool,
    /// Why the console only reads, when it does (a viewer, or a database
    /// this user cannot write).
    pub read_only: Option<ReadOnly>,
    /// A booking to select once its day has loaded.
    pending_select: Option<i64>,
    /// A cleaner's lane (`None`: unassigned) to select once its day has
    /// loaded (from the week board).
    pending_lane: Option<Option<i64>>,
    /// The number of the last question to the worker (finder, sick call).
    question_seq: u64,
    /// The time cursor, a minute of the day, when shown.
    pub time_cursor: Option<i64>,
    /// How many times the details panel was asked for more, for this
    /// booking (another booking's details start at the top).
    pub details_page: Option<(i64, u16)>,
    /// Which page of the help overlay shows, when it has more than one
    /// (counted on; the view wraps it round).
    pub help_page: u16,
    /// The minute up and down started from, and the job they picked: kept
    /// while that job stays selected.
    lane_anchor: Option<(i64, Option<i64>)>,
}

impl App {
    pub fn new(
        settings: Settings,
        theme: Theme,
        keymap: Keymap,
        now: DateTime<Utc>,
        date: NaiveDate,
    ) -> App {
        let start = i64::from(settings.day_start.num_seconds_from_midnight() / 60);
        let end = i64::from(settings.day_end.num_seconds_from_midnight() / 60);
        let mut app = App {
            settings,
            theme,
            keymap,
            now,
            date,
            plan: None,
            lane: 0,
            selected: None,
            window_start: start,
            window_len: (end - start).clamp(MIN_WINDOW, DAY_MINUTES),
            mode: Mode::Normal,
            message: None,
            log: MessageLog::default(),
            notice: log::Notice::default(),
            customers: None,
            review: Vec::new(),
            undo_hint: None,
            sync: SyncState::default(),
            office: OfficeState::default(),
            worker_down: None,
            sync_conflicts: Vec::new(),
            db_label: String::new(),
            fixed_clock: false,
            read_only: None,
            pending_select: None,
            pending_lane: None,
            question_seq: 0,
            time_cursor: None,
            details_page: None,
            help_page: 0,
            lane_anchor: None,
        };
        app.bring_now_into_view();
        app
    }

    /// The words of the console's language, for the views.
    pub fn words(&self) -> crate::i18n::Words {
        self.settings.language.words()
    }

    pub fn today(&self) -> NaiveDate {
        self.settings.tz.local_date(self.now)
    }

    /// Minutes since local midnight of `self.date` for an instant (may be
    /// negative or past 24 h for instants on other days).
    pub fn minute_of_day(&self, t: DateTime<Utc>) -> i64 {
        let local = self.settings.tz.local(t);
        let days = (local.date_naive() - self.date).num_days();
        days * DAY_MINUTES + i64::from(local.time().num_seconds_from_midnight() / 60)
    }

    fn bring_now_into_view(&mut self) {
        if self.date != self.today() {
            return;
        }
        let now = self.minute_of_day(self.now);
        if now < self.window_start || now >= self.window_start + self.window_len {
            self.window_start = (now - self.window_len / 4).clamp(0, DAY_MINUTES - self.window_len);
        }
    }

    /// The day as drawn: in move mode with the moving booking in its new place.
    pub fn shown_plan(&self) -> Option<&DayPlan> {
        match &self.mode {
            Mode::Move(m) => Some(&m.plan),
            _ => self.plan.as_ref(),
        }
    }

    /// The lanes: one per cleaner, plus one for unassigned bookings (`None`) if any.
    pub fn lanes(&self) -> Vec<Option<i64>> {
        let Some(plan) = self.shown_plan() else {
            return Vec::new();
        };
        let mut lanes: Vec<Option<i64>> = plan.staff.iter().map(|s| Some(s.id)).collect();
        if plan.has_unassigned() {
            lanes.push(None);
        }
        lanes
    }

    pub fn selected_booking(&self) -> Option<&Booking> {
        let plan = self.shown_plan()?;
        plan.booking(self.selected?)
    }

    pub fn counts(&self) -> DayCounts {
        let Some(plan) = self.shown_plan() else {
            return DayCounts::default();
        };
        let mut c = DayCounts {
            conflicts: plan.conflicts.len(),
            ..Default::default()
        };
        for b in plan.bookings.iter().filter(|b| b.is_active()) {
            c.bookings += 1;
            if let Some(o) = overtime(b, self.now, &self.settings.overtime) {
                c.running += 1;
                if o.level >= OvertimeLevel::Overtime {
                    c.overtime += 1;
                }
            }
            if late_start(b, self.now).is_some() && self.date == self.today() {
                c.late += 1;
            }
        }
        c
    }

    /// Shows a booking: its day, its lane, selected.
    fn go_to_booking(&mut self, id: i64, date: NaiveDate) -> Vec<Effect> {
        let effects = self.go_to(date);
        self.selected = Some(id);
        if effects.is_empty() {
            self.follow_selection();
        }
        effects
    }

    fn go_to(&mut self, date: NaiveDate) -> Vec<Effect> {
        if date == self.date && self.plan.is_some() {
            return Vec::new();
        }
        self.date = date;
        self.selected = None;
        self.pending_select = None;
        self.pending_lane = None;
        vec![Effect::Request(Request::Load(date))]
    }

    fn scroll(&mut self, by: i64) {
        self.window_start = (self.window_start + by).clamp(0, DAY_MINUTES - self.window_len);
    }

    fn zoom(&mut self, len: i64) {
        let centre = match self.selected_booking() {
            Some(b) => self.minute_of_day(b.start),
            None => self.window_start + self.window_len / 2,
        };
        // Round to 30 minutes so the hour marks stay tidy.
        self.window_len = ((len + 15) / 30 * 30).clamp(MIN_WINDOW, DAY_MINUTES);
        self.window_start = (centre - self.window_len / 2).clamp(0, DAY_MINUTES - self.window_len);
    }

    /// Start (or finish) the selected job: checked here for an instant answer,
    /// done by the worker inside a transaction that checks again.
    fn transition(&mut self, start: bool) -> Vec<Effect> {
        let Some(b) = self.selected_booking().cloned() else {
            self.say(MessageKind::Error, self.words().get("app-select-first"));
            return Vec::new();
        };
        let mut probe = b.clone();
        let check = if start {
            probe.start_job(self.now)
        } else {
            probe.finish_job(self.now)
        };
        if let Err(e) = check {
            let name = self
                .plan
                .as_ref()
                .map_or("", |p| p.customer_name(&b))
                .to_string();
            let why = crate::words::values::transition_error(self.words(), &e);
            self.say(MessageKind::Error, format!("{name}: {why}."));
            return Vec::new();
        }
        if !start && ran_under_a_minute(&b, self.now) {
            let undo = self.key_name(KeyMode::Normal, Action::Undo);
            self.say(
                MessageKind::Error,
                news::finish_too_soon(self.words(), &undo),
            );
            return Vec::new();
        }
        let request = if start {
            Request::Start {
                id: b.id,
                version: b.version,
            }
        } else {
            Request::Finish {
                id: b.id,
                version: b.version,
            }
        };
        vec![Effect::Request(request)]
    }

    /// Applies a reply from the store worker. Returns whether the screen
    /// changed, and what else to ask the worker for.
    pub fn on_reply(&mut self, reply: Reply) -> bool {
        self.on_reply_effects(reply).0
    }

    /// After new data: keep the selected booking (following it to its new
    /// lane), or pick a sensible one.
    fn fix_selection(&mut self, first_load: bool) {
        let lanes = self.lanes();
        if let Some(b) = self
            .selected_booking()
            .filter(|b| b.status != BookingStatus::Cancelled)
        {
            let key = self.plan.as_ref().and_then(|p| p.lane_of(b));
            if let Some(i) = lanes.iter().position(|l| *l == key) {
                self.lane = i;
                return;
            }
        }
        self.lane = self.lane.min(lanes.len().saturating_sub(1));
        if first_load {
            // Start on the first lane that has a job near the anchor.
            let anchor = self.anchor_minute();
            if self.lane_bookings(self.lane).is_empty()
                && let Some(i) = (0..lanes.len()).find(|i| !self.lane_bookings(*i).is_empty())
            {
                self.lane = i;
            }
            self.selected = self.nearest_in_lane(self.lane, anchor);
            self.keep_selection_visible();
        } else {
            let anchor = self.window_start + self.window_len / 2;
            self.selected = self.nearest_in_lane(self.lane, anchor);
        }
    }

    /// The clock moved. Returns whether anything visible changed: the minute
    /// shown, the meters, or an expiring message.
    pub fn tick(&mut self, now: DateTime<Utc>) -> bool {
        let before = self.now;
        self.now = now;
        let mut changed = before.timestamp() / 60 != now.timestamp() / 60;
        if self.notice_over() {
            self.end_notice();
            changed = true;
        }
        if self
            .message
            .as_ref()
            .is_some_and(|m| now - m.at >= Duration::seconds(MESSAGE_SECONDS))
        {
            self.message = None;
            changed = true;
        }
        changed
    }
}

/// Has the running job `b` run for less than a minute at `now`? Finishing
/// it then would record a job of no time, which no cleaning is.
fn ran_under_a_minute(b: &Booking, now: DateTime<Utc>) -> bool {
    b.status == BookingStatus::InProgress
        && b.started_at
            .is_some_and(|at| now - at < Duration::minutes(1))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod edit_tests;

#[cfg(test)]
mod series_tests;

#[cfg(test)]
mod sync_tests;

#[cfg(test)]
mod key_tests;

#[cfg(test)]
mod finder_tests;

#[cfg(test)]
mod sickcall_tests;

#[cfg(test)]
mod running_tests;

#[cfg(test)]
mod staff_tests;

#[cfg(test)]
mod customer_tests;
#[cfg(test)]
mod log_tests;
#[cfg(test)]
mod repeat_tests;
#[cfg(test)]
mod search_tests;

#[cfg(test)]
mod week_tests;

#[cfg(test)]
mod selection_tests;
