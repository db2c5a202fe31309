//! The journal view (`L`) and the review queue (`r`): lists over the
//! schedule, moved through with the arrows and closed with esc.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect, MessageKind, Mode};
use crate::engine::history::JournalLine;
use crate::engine::worker::Request;
use crate::tui::action::Action;

pub struct JournalView {
    /// Only this booking's entries; `None` for all.
    pub filter: Option<i64>,
    /// `None` until the entries arrive.
    pub lines: Option<Vec<JournalLine>>,
    pub scroll: usize,
}

impl App {
    pub(super) fn open_journal(&mut self, filter: Option<i64>) -> Vec<Effect> {
        self.mode = Mode::Journal(JournalView {
            filter,
            lines: None,
            scroll: 0,
        });
        vec![Effect::Request(Request::Journal { booking: filter })]
    }

    pub(super) fn journal_key(
        &mut self,
        mut j: JournalView,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Vec<Effect> {
        let len = j.lines.as_ref().map_or(0, Vec::len);
        match (key.code, action) {
            (KeyCode::Esc, _) | (_, Some(Action::Journal | Action::Quit | Action::Cancel)) => {
                return Vec::new();
            }
            (KeyCode::Char('f'), _) => {
                let filter = match j.filter {
                    Some(_) => None,
                    None => match self.selected {
                        Some(id) => Some(id),
                        None => {
                            self.say(
                                MessageKind::Error,
                                "Select a booking to see only its history.",
                            );
                            None
                        }
                    },
                };
                return self.open_journal(filter);
            }
            (KeyCode::Down | KeyCode::Char('j'), _) => {
                j.scroll = (j.scroll + 1).min(len.saturating_sub(1))
            }
            (KeyCode::Up | KeyCode::Char('k'), _) => j.scroll = j.scroll.saturating_sub(1),
            (KeyCode::PageDown, _) => j.scroll = (j.scroll + 10).min(len.saturating_sub(1)),
            (KeyCode::PageUp, _) => j.scroll = j.scroll.saturating_sub(10),
            (KeyCode::Home, _) => j.scroll = 0,
            _ => {}
        }
        self.mode = Mode::Journal(j);
        Vec::new()
    }

    pub(super) fn review_key(
        &mut self,
        mut cursor: usize,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Vec<Effect> {
        let len = self.review.len();
        match (key.code, action) {
            (KeyCode::Esc, _) | (_, Some(Action::ReviewQueue | Action::Quit | Action::Cancel)) => {
                return Vec::new();
            }
            (KeyCode::Down | KeyCode::Char('j'), _) => {
                cursor = (cursor + 1).min(len.saturating_sub(1))
            }
            (KeyCode::Up | KeyCode::Char('k'), _) => cursor = cursor.saturating_sub(1),
            (KeyCode::Char('a'), _) => {
                if let Some(item) = self.review.get(cursor) {
                    let r = Request::Approve {
                        id: item.id,
                        version: item.version,
                    };
                    self.mode = Mode::Review { cursor };
                    return vec![Effect::Request(r)];
                }
            }
            (KeyCode::Enter, _) => {
                if let Some(item) = self.review.get(cursor).cloned() {
                    return self.go_to_booking(item.id, item.date);
                }
            }
            _ => {}
        }
        self.mode = Mode::Review { cursor };
        Vec::new()
    }
}
