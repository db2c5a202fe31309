//! The week board (`w`): every cleaner over the seven days of the shown
//! day's week, a cell per cleaner and day; Enter opens the cell's day on
//! the schedule with that cleaner's lane selected. A cleaner's week (`W`
//! on a lane or on the board): their jobs day by day, in order. The worker
//! watches the week while either is open, so another console's change
//! shows here too.

use chrono::{Datelike, Duration, NaiveDate};

use super::{App, Effect, MessageKind, Mode, Transition};
use crate::engine::week::{WEEK_DAYS, WeekPlan, monday_of};
use crate::engine::worker::Request;
use crate::tui::action::Action;

/// Rows a page key moves on the board, lines in a cleaner's week.
const PAGE_ROWS: usize = 5;
const PAGE_LINES: usize = 10;

/// A cleaner's week shown instead of the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanerWeek {
    /// `None`: the unassigned jobs.
    pub staff_id: Option<i64>,
    /// First line shown (the view keeps it within the week's lines).
    pub scroll: usize,
    /// Esc goes back to the board (else to the schedule).
    pub from_board: bool,
}

pub struct WeekState {
    /// The Monday of the week shown.
    pub monday: NaiveDate,
    /// `None` until the worker's answer arrives.
    pub plan: Option<WeekPlan>,
    /// The chosen cell: a row of the plan and a day (0 = Monday).
    pub row: usize,
    pub day: usize,
    /// The cleaner of the chosen row (`None`: unassigned), kept across
    /// weeks and reloads.
    pub staff: Option<i64>,
    pub cleaner: Option<CleanerWeek>,
}

impl WeekState {
    fn new(date: NaiveDate, staff: Option<i64>) -> WeekState {
        WeekState {
            monday: monday_of(date),
            plan: None,
            row: 0,
            day: date.weekday().num_days_from_monday() as usize,
            staff,
            cleaner: None,
        }
    }

    /// The date of the chosen cell.
    pub fn date(&self) -> NaiveDate {
        self.monday + Duration::days(self.day as i64)
    }

    /// The worker's week; an answer for a week left is dropped.
    pub fn answer(&mut self, plan: WeekPlan) -> bool {
        if plan.monday != self.monday {
            return false;
        }
        self.row = plan
            .row_of(self.staff)
            .unwrap_or_else(|| self.row.min(plan.rows.len().saturating_sub(1)));
        self.staff = plan.rows.get(self.row).and_then(|r| r.staff_id);
        self.plan = Some(plan);
        true
    }

    fn rows(&self) -> usize {
        self.plan.as_ref().map_or(0, |p| p.rows.len())
    }

    fn choose_row(&mut self, row: usize) {
        self.row = row.min(self.rows().saturating_sub(1));
        if let Some(r) = self.plan.as_ref().and_then(|p| p.rows.get(self.row)) {
            self.staff = r.staff_id;
        }
    }

    /// Another week: the worker is asked for it (and watches it).
    fn change_week(&mut self, by: i64) -> Effect {
        self.monday += Duration::days(7 * by);
        self.plan = None;
        Effect::Request(Request::Week(Some(self.monday)))
    }

    /// The lines of the cleaner's week at most (a day's heading and a
    /// line a job, or one for a day without): the scroll stays within.
    fn cleaner_lines(&self, staff: Option<i64>) -> usize {
        let jobs = self
            .plan
            .as_ref()
            .and_then(|p| p.row_of(staff).map(|i| p.rows[i].job_count()))
            .unwrap_or(0);
        2 * WEEK_DAYS + jobs
    }
}

impl App {
    /// `w`: the board of the shown day's week, on the selected lane's cleaner.
    pub(super) fn open_week_board(&mut self) -> Vec<Effect> {
        let staff = self.lanes().get(self.lane).copied().flatten();
        let w = WeekState::new(self.date, staff);
        let effects = vec![Effect::Request(Request::Week(Some(w.monday)))];
        self.mode = Mode::Week(Box::new(w));
        effects
    }

    /// `W`: the week of the selected lane's cleaner.
    pub(super) fn open_cleaner_week(&mut self) -> Vec<Effect> {
        let Some(key) = self.lanes().get(self.lane).copied() else {
            let text = crate::tui::view::week::no_lane(self.words());
            self.say(MessageKind::Error, text);
            return Vec::new();
        };
        let mut w = WeekState::new(self.date, key);
        w.cleaner = Some(CleanerWeek {
            staff_id: key,
            scroll: 0,
            from_board: false,
        });
        let effects = vec![Effect::Request(Request::Week(Some(w.monday)))];
        self.mode = Mode::Week(Box::new(w));
        effects
    }

    /// A key on the week board or in a cleaner's week.
    pub(super) fn week_key(&mut self, mut w: Box<WeekState>, action: Option<Action>) -> Transition {
        let stop = || Effect::Request(Request::Week(None));
        if let Some(mut c) = w.cleaner.take() {
            let most = w.cleaner_lines(c.staff_id);
            match action {
                Some(Action::Close) if c.from_board => return Transition::to(Mode::Week(w)),
                Some(Action::Close) => return Transition::done(vec![stop()]),
                Some(Action::Up) => c.scroll = c.scroll.saturating_sub(1),
                Some(Action::Down) => c.scroll = (c.scroll + 1).min(most),
                Some(Action::PageUp) => c.scroll = c.scroll.saturating_sub(PAGE_LINES),
                Some(Action::PageDown) => c.scroll = (c.scroll + PAGE_LINES).min(most),
                Some(Action::PrevWeek | Action::NextWeek) => {
                    c.scroll = 0;
                    w.cleaner = Some(c);
                    let by = if action == Some(Action::NextWeek) {
                        1
                    } else {
                        -1
                    };
                    let e = w.change_week(by);
                    return Transition::with(Mode::Week(w), vec![e]);
                }
                _ => {}
            }
            w.cleaner = Some(c);
            return Transition::to(Mode::Week(w));
        }
        match action {
            Some(Action::Close) => return Transition::done(vec![stop()]),
            Some(Action::Up) => w.choose_row(w.row.saturating_sub(1)),
            Some(Action::Down) => w.choose_row(w.row + 1),
            Some(Action::PageUp) => w.choose_row(w.row.saturating_sub(PAGE_ROWS)),
            Some(Action::PageDown) => w.choose_row(w.row + PAGE_ROWS),
            Some(Action::Earlier) if w.day == 0 => {
                w.day = WEEK_DAYS - 1;
                let e = w.change_week(-1);
                return Transition::with(Mode::Week(w), vec![e]);
            }
            Some(Action::Later) if w.day + 1 == WEEK_DAYS => {
                w.day = 0;
                let e = w.change_week(1);
                return Transition::with(Mode::Week(w), vec![e]);
            }
            Some(Action::Earlier) => w.day -= 1,
            Some(Action::Later) => w.day += 1,
            Some(Action::PrevWeek | Action::NextWeek) => {
                let by = if action == Some(Action::NextWeek) {
                    1
                } else {
                    -1
                };
                let e = w.change_week(by);
                return Transition::with(Mode::Week(w), vec![e]);
            }
            Some(Action::CleanerWeek) if w.plan.is_some() => {
                w.cleaner = Some(CleanerWeek {
                    staff_id: w.staff,
                    scroll: 0,
                    from_board: true,
                });
            }
            Some(Action::Open) if w.plan.is_some() => {
                let (date, staff) = (w.date(), w.staff);
                let mut effects = vec![stop()];
                effects.extend(self.open_day_on_lane(date, staff));
                return Transition::done(effects);
            }
            _ => {}
        }
        Transition::to(Mode::Week(w))
    }

    /// The day `date` on the schedule with the lane of `staff` selected
    /// (once the day has loaded, when it has to).
    fn open_day_on_lane(&mut self, date: NaiveDate, staff: Option<i64>) -> Vec<Effect> {
        let effects = self.go_to(date);
        self.pending_lane = Some(staff);
        if effects.is_empty() {
            self.take_pending_lane();
        }
        effects
    }

    /// Selects the lane asked for before the day loaded, and its first job.
    pub(super) fn take_pending_lane(&mut self) {
        let Some(key) = self.pending_lane.take() else {
            return;
        };
        if let Some(i) = self.lanes().iter().position(|l| *l == key) {
            self.lane = i;
            self.selected = self.lane_bookings(i).first().map(|b| b.id);
            self.keep_selection_visible();
        }
    }

    /// The worker's week, for the board or the cleaner's week when open.
    pub(super) fn on_week(&mut self, plan: WeekPlan) -> bool {
        match &mut self.mode {
            Mode::Week(w) => w.answer(plan),
            _ => false,
        }
    }
}
