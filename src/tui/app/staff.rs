//! The staff screen (`A`): every cleaner with their weekly hours and
//! breaks, date overrides, skills, area, contracted hours, daily maximum,
//! priority, time off, and the hours booked in the week shown. A field is
//! edited in the syntax `renos staff set` takes and saved by the worker as
//! one journaled change; a value that does not read is refused here, naming
//! the field. `u` puts back the last change made in the screen (as a new
//! change: the store's undo takes back booking changes only).

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect, Mode, Transition};
use crate::domain::availability::{
    HoursError, StaffEdit, StaffField, day_spec, parse_edit, time_off_spec,
};
use crate::engine::worker::{Request, StaffCard};
use crate::i18n::{Language, Words};
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::words::values::Keywords;

/// A row of the chosen cleaner's fields, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffRow {
    /// A weekday's hours (0 = Monday).
    Day(usize),
    Skills,
    Area,
    Contract,
    DailyMax,
    Priority,
    /// A date override, by its place in the list.
    Override(usize),
    AddOverride,
    /// A period of time off, by its place in the list.
    TimeOff(usize),
    AddTimeOff,
}

impl StaffRow {
    /// The field Enter edits on this row; `None` on an override or a time
    /// off period (those are added or removed, not edited).
    pub fn field(self) -> Option<StaffField> {
        Some(match self {
            StaffRow::Day(d) => StaffField::Day(d),
            StaffRow::Skills => StaffField::Skills,
            StaffRow::Area => StaffField::Area,
            StaffRow::Contract => StaffField::Contract,
            StaffRow::DailyMax => StaffField::DailyMax,
            StaffRow::Priority => StaffField::Priority,
            StaffRow::AddOverride => StaffField::AddOverride,
            StaffRow::AddTimeOff => StaffField::AddTimeOff,
            StaffRow::Override(_) | StaffRow::TimeOff(_) => return None,
        })
    }
}

/// The cleaners as the worker last sent them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffList {
    Waiting,
    Ready(Vec<StaffCard>),
    Failed(String),
}

/// What the staff screen says about the last key, beside the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffNote {
    /// A value that does not read: the field, and why.
    Invalid(StaffField, HoursError),
    /// Enter on an override or a time off period: they are removed, not edited.
    RemoveOnly,
    /// Remove on a row that is not an override or time off.
    NothingToRemove,
    /// `u` with no change made in the screen to put back.
    NothingToPutBack,
}

/// A change sent from the screen: the cleaner, and the edit that puts
/// the field back as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PutBack {
    pub staff_id: i64,
    pub edit: StaffEdit,
}

pub struct StaffScreen {
    /// Monday of the week whose booked hours are shown.
    pub week: Option<NaiveDate>,
    pub list: StaffList,
    /// The chosen cleaner, by id (kept when the list comes again).
    pub chosen: Option<i64>,
    /// The chosen row of their fields.
    pub row: usize,
    /// The new value being typed, while a field is edited; `fresh` until a
    /// key edits it (the first typed character replaces the old value).
    pub editing: Option<(LineInput, bool)>,
    pub note: Option<StaffNote>,
    /// The last change sent, to put back with `u`.
    pub put_back: Option<PutBack>,
}

impl StaffScreen {
    fn new() -> StaffScreen {
        StaffScreen {
            week: None,
            list: StaffList::Waiting,
            chosen: None,
            row: 0,
            editing: None,
            note: None,
            put_back: None,
        }
    }

    pub fn cards(&self) -> &[StaffCard] {
        match &self.list {
            StaffList::Ready(c) => c,
            _ => &[],
        }
    }

    /// The chosen cleaner's place in the list.
    pub fn chosen_index(&self) -> usize {
        self.cards()
            .iter()
            .position(|c| Some(c.staff.id) == self.chosen)
            .unwrap_or(0)
    }

    /// The chosen cleaner.
    pub fn card(&self) -> Option<&StaffCard> {
        self.cards().get(self.chosen_index())
    }

    /// The rows of the chosen cleaner's fields.
    pub fn rows(&self) -> Vec<StaffRow> {
        let Some(c) = self.card() else {
            return Vec::new();
        };
        let mut rows: Vec<StaffRow> = (0..7).map(StaffRow::Day).collect();
        rows.extend([
            StaffRow::Skills,
            StaffRow::Area,
            StaffRow::Contract,
            StaffRow::DailyMax,
            StaffRow::Priority,
        ]);
        rows.extend((0..c.availability.overrides.len()).map(StaffRow::Override));
        rows.push(StaffRow::AddOverride);
        rows.extend((0..c.staff.time_off.len()).map(StaffRow::TimeOff));
        rows.push(StaffRow::AddTimeOff);
        rows
    }

    /// The chosen row.
    pub fn current_row(&self) -> Option<StaffRow> {
        self.rows().get(self.row).copied()
    }

    /// The worker's cleaners for the week from `week`.
    fn set_list(&mut self, week: NaiveDate, cards: Result<Vec<StaffCard>, String>) {
        self.week = Some(week);
        self.list = match cards {
            Ok(c) => {
                if !c.iter().any(|c| Some(c.staff.id) == self.chosen) {
                    self.chosen = c.first().map(|c| c.staff.id);
                }
                StaffList::Ready(c)
            }
            Err(e) => StaffList::Failed(e),
        };
        self.row = self.row.min(self.rows().len().saturating_sub(1));
    }

    fn step_cleaner(&mut self, by: i64) {
        let n = self.cards().len() as i64;
        if n == 0 {
            return;
        }
        let i = (self.chosen_index() as i64 + by).clamp(0, n - 1) as usize;
        self.chosen = self.cards().get(i).map(|c| c.staff.id);
        self.row = self.row.min(self.rows().len().saturating_sub(1));
    }
}

/// The value a row holds now, in the syntax its field is typed in.
pub fn row_spec(card: &StaffCard, row: StaffRow) -> String {
    let a = &card.availability;
    let hours = |m: Option<u32>| m.map_or("none".to_string(), |m| hours_spec(i64::from(m)));
    match row {
        StaffRow::Day(d) => day_spec(a.week.day(d)),
        StaffRow::Skills => a.skills.join(", "),
        StaffRow::Area => a.area.to_spec(),
        StaffRow::Contract => hours(a.contract_min),
        StaffRow::DailyMax => hours(a.daily_max_min),
        StaffRow::Priority => a.priority.to_string(),
        StaffRow::Override(i) => a.overrides.get(i).map(|o| o.to_spec()).unwrap_or_default(),
        StaffRow::TimeOff(i) => card
            .staff
            .time_off
            .get(i)
            .map(time_off_spec)
            .unwrap_or_default(),
        StaffRow::AddOverride | StaffRow::AddTimeOff => String::new(),
    }
}

/// The value a row holds now as the dispatcher reads and types it: the
/// keywords (`off`, `none`, `closed`) in the console's words, and hours
/// with the language's decimal sign (`fri`, `ingen`, `37,5` in Danish).
pub fn row_typed(w: Words, card: &StaffCard, row: StaffRow) -> String {
    let spec = row_spec(card, row);
    let k = Keywords::spoken(w);
    match row {
        StaffRow::Day(_) if spec == "off" => k.off,
        StaffRow::Contract | StaffRow::DailyMax if spec == "none" => k.none,
        StaffRow::Contract | StaffRow::DailyMax => match w.language() {
            Language::Da => spec.replace('.', ","),
            Language::En => spec,
        },
        StaffRow::Override(_) => match spec.strip_suffix(" closed") {
            Some(range) => format!("{range} {}", k.closed),
            None => spec,
        },
        _ => spec,
    }
}

/// What was typed into `field`, with the console's keywords read as the
/// syntax's (`fri` as `off`) and dates as the form takes them (`24/12`,
/// `24/12/2026`) read as `2026-12-24`: both are taken.
fn unspoken(w: Words, field: StaffField, text: &str, today: NaiveDate) -> String {
    let k = Keywords::spoken(w);
    let t = text.trim();
    let t = &match field {
        StaffField::AddOverride => match t.split_once(' ') {
            Some((range, rest)) => format!("{} {rest}", iso_range(range, today)),
            None => iso_range(t, today),
        },
        StaffField::AddTimeOff => match t.split_once(':') {
            Some((range, why)) => format!("{}:{why}", iso_range(range, today)),
            None => iso_range(t, today),
        },
        _ => t.to_string(),
    };
    match field {
        StaffField::Day(_) if t.eq_ignore_ascii_case(&k.off) => "off".into(),
        StaffField::Contract | StaffField::DailyMax if t.eq_ignore_ascii_case(&k.none) => {
            "none".into()
        }
        StaffField::AddOverride => match t.rsplit_once(' ') {
            Some((range, last)) if last.eq_ignore_ascii_case(&k.closed) => {
                format!("{range} closed")
            }
            _ => t.to_string(),
        },
        _ => t.to_string(),
    }
}

/// A date or a range (`24/12..26/12`) with each date the form would read
/// as one (`24/12`, `24/12/2026`) written `2026-12-24`; anything else as
/// typed, so its refusal quotes it.
fn iso_range(range: &str, today: NaiveDate) -> String {
    let date = |d: &str| {
        let d = d.trim();
        if d.contains('/') {
            match crate::domain::when::parse_date(d, today) {
                Ok(found) => found.date.format("%Y-%m-%d").to_string(),
                Err(_) => d.to_string(),
            }
        } else {
            d.to_string()
        }
    };
    match range.split_once("..") {
        Some((a, b)) => format!("{}..{}", date(a), date(b)),
        None => date(range),
    }
}

/// Minutes as the hours `renos staff set` takes: `30`, `37.5`.
fn hours_spec(minutes: i64) -> String {
    if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        format!("{}", minutes as f64 / 60.0)
    }
}

/// The edit that sets `edit`'s field back to what `card` has.
fn undoing(card: &StaffCard, edit: &StaffEdit) -> StaffEdit {
    let a = &card.availability;
    match edit {
        StaffEdit::Day(d, _) => StaffEdit::Day(*d, a.week.day(*d).to_vec()),
        StaffEdit::Skills(_) => StaffEdit::Skills(a.skills.clone()),
        StaffEdit::Area(_) => StaffEdit::Area(a.area.clone()),
        StaffEdit::Contract(_) => StaffEdit::Contract(a.contract_min),
        StaffEdit::DailyMax(_) => StaffEdit::DailyMax(a.daily_max_min),
        StaffEdit::Priority(_) => StaffEdit::Priority(a.priority),
        StaffEdit::Overrides(_) => StaffEdit::Overrides(a.overrides.clone()),
        StaffEdit::TimeOff(_) => StaffEdit::TimeOff(card.staff.time_off.clone()),
    }
}

impl App {
    /// `A`: the staff screen, with the hours booked in the week of the day shown.
    pub(super) fn open_staff(&mut self) -> Vec<Effect> {
        self.mode = Mode::Staff(Box::new(StaffScreen::new()));
        vec![Effect::Request(Request::Staff(Some(self.date)))]
    }

    /// The worker's cleaners; `false` when the screen is not open.
    pub(super) fn on_staff(
        &mut self,
        week: NaiveDate,
        cards: Result<Vec<StaffCard>, String>,
    ) -> bool {
        match &mut self.mode {
            Mode::Staff(s) => {
                s.set_list(week, cards);
                true
            }
            _ => false,
        }
    }

    /// A key in the staff screen.
    pub(super) fn staff_key(
        &mut self,
        mut s: Box<StaffScreen>,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        if let Some((input, fresh)) = s.editing.take() {
            return self.staff_typing(s, input, fresh, key, action);
        }
        s.note = None;
        let rows = s.rows().len();
        match action {
            Some(Action::Close) => {
                return Transition::done(vec![Effect::Request(Request::Staff(None))]);
            }
            Some(Action::Down) => s.row = (s.row + 1).min(rows.saturating_sub(1)),
            Some(Action::Up) => s.row = s.row.saturating_sub(1),
            Some(Action::PageDown) => s.row = (s.row + 7).min(rows.saturating_sub(1)),
            Some(Action::PageUp) => s.row = s.row.saturating_sub(7),
            Some(Action::Top) => s.row = 0,
            Some(Action::CleanerUp) => s.step_cleaner(-1),
            Some(Action::CleanerDown) => s.step_cleaner(1),
            Some(Action::Open) => match (s.card(), s.current_row()) {
                (Some(card), Some(row)) if row.field().is_some() => {
                    let value = row_typed(self.words(), card, row);
                    s.editing = Some((LineInput::new(value), true));
                }
                (Some(_), Some(_)) => s.note = Some(StaffNote::RemoveOnly),
                _ => {}
            },
            Some(Action::Remove) => {
                let edit = match (s.card(), s.current_row()) {
                    (Some(c), Some(StaffRow::Override(i))) => {
                        let mut list = c.availability.overrides.clone();
                        (i < list.len()).then(|| {
                            list.remove(i);
                            StaffEdit::Overrides(list)
                        })
                    }
                    (Some(c), Some(StaffRow::TimeOff(i))) => {
                        let mut list = c.staff.time_off.clone();
                        (i < list.len()).then(|| {
                            list.remove(i);
                            StaffEdit::TimeOff(list)
                        })
                    }
                    _ => None,
                };
                match edit {
                    Some(e) => return self.staff_send(s, e),
                    None => s.note = Some(StaffNote::NothingToRemove),
                }
            }
            Some(Action::Undo) => match s.put_back.take() {
                Some(p) if s.cards().iter().any(|c| c.staff.id == p.staff_id) => {
                    s.chosen = Some(p.staff_id);
                    return self.staff_send(s, p.edit);
                }
                _ => s.note = Some(StaffNote::NothingToPutBack),
            },
            _ => {}
        }
        Transition::to(Mode::Staff(s))
    }

    /// A key while a field's new value is typed: Enter reads and saves it,
    /// Esc leaves it as it was.
    fn staff_typing(
        &mut self,
        mut s: Box<StaffScreen>,
        mut input: LineInput,
        fresh: bool,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        let field = s.current_row().and_then(StaffRow::field);
        match action {
            Some(Action::Back) => {
                s.note = None;
                return Transition::to(Mode::Staff(s));
            }
            Some(Action::Ok) => {
                let (Some(card), Some(field)) = (s.card(), field) else {
                    return Transition::to(Mode::Staff(s));
                };
                let read = parse_edit(
                    field,
                    &unspoken(self.words(), field, input.text(), self.today()),
                    &card.availability.overrides,
                    &card.staff.time_off,
                );
                match read {
                    Ok(edit) => {
                        s.note = None;
                        return self.staff_send(s, edit);
                    }
                    Err(why) => {
                        s.note = Some(StaffNote::Invalid(field, why));
                        s.editing = Some((input, false));
                        return Transition::to(Mode::Staff(s));
                    }
                }
            }
            _ => {}
        }
        // The first character typed replaces the value shown.
        let printable = matches!(key.code, KeyCode::Char(_)) && action.is_none();
        if fresh && printable {
            input.set("");
        }
        let changed = input.handle(key, action).is_some();
        s.editing = Some((input, fresh && !changed));
        Transition::to(Mode::Staff(s))
    }

    /// Sends `edit` of the chosen cleaner to the worker, remembering how
    /// to put it back.
    fn staff_send(&mut self, mut s: Box<StaffScreen>, edit: StaffEdit) -> Transition {
        let Some(card) = s.card() else {
            return Transition::to(Mode::Staff(s));
        };
        let (id, version) = (card.staff.id, card.staff.version);
        s.put_back = Some(PutBack {
            staff_id: id,
            edit: undoing(card, &edit),
        });
        let request = Request::SetStaff { id, version, edit };
        Transition::with(Mode::Staff(s), vec![Effect::Request(request)])
    }
}
