//! Go to a date (`g`): a one-line question that reads the date as the
//! booking form does (`mandag`, `20/1`, `+7`, `i morgen`), shows which day
//! it means as it is typed, and goes there on Enter.

use crossterm::event::KeyEvent;

use super::{App, Mode, Transition};
use crate::domain::when::{DateError, DateInput, parse_date};
use crate::tui::action::Action;
use crate::tui::input::LineInput;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoToState {
    pub input: LineInput,
    /// Enter was pressed on something that is not a date: say why.
    pub refused: bool,
}

/// What the typed text means: the date, or why it is not one (in the
/// date reader's words; a weekday that disagrees with the date is not one).
pub enum GoToRead {
    Empty,
    Date(chrono::NaiveDate),
    /// The date and the weekday named with it disagree.
    Mismatch(DateInput),
    Unreadable(DateError),
}

impl GoToState {
    /// The typed text read against `today`.
    pub fn read(&self, today: chrono::NaiveDate) -> GoToRead {
        if self.input.text().trim().is_empty() {
            return GoToRead::Empty;
        }
        match parse_date(self.input.text(), today) {
            Ok(d) if d.mismatch().is_some() => GoToRead::Mismatch(d),
            Ok(d) => GoToRead::Date(d.date),
            Err(e) => GoToRead::Unreadable(e),
        }
    }
}

impl App {
    /// A key in the go-to question.
    pub(super) fn go_to_key(
        &mut self,
        mut g: GoToState,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Transition {
        match action {
            Some(Action::Back) => Transition::to(Mode::Normal),
            Some(Action::Ok) => match g.read(self.today()) {
                GoToRead::Date(d) => {
                    let effects = self.go_to(d);
                    if d == self.today() {
                        self.bring_now_into_view();
                    }
                    Transition::done(effects)
                }
                _ => {
                    g.refused = true;
                    Transition::to(Mode::GoTo(g))
                }
            },
            _ => {
                if g.input.handle(key, action).unwrap_or(false) {
                    g.refused = false;
                }
                Transition::to(Mode::GoTo(g))
            }
        }
    }
}
