//! The journal view (`L`) and the review queue (`r`): lists over the
//! schedule, moved through and closed with the keys of `[list]`.

use super::{App, Effect, MessageKind, Mode, Transition};
use crate::engine::history::JournalLine;
use crate::engine::worker::Request;
use crate::tui::action::Action;

/// How far page up and page down go.
const PAGE: usize = 10;

pub struct JournalView {
    /// Only this booking's entries; `None` for all.
    pub filter: Option<i64>,
    /// `None` until the entries arrive.
    pub lines: Option<Vec<JournalLine>>,
    pub scroll: usize,
}

/// A cursor in a list of `len` items, moved by a `[list]` action.
pub(super) fn step(cursor: usize, len: usize, action: Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Down => (cursor + 1).min(last),
        Action::Up => cursor.saturating_sub(1),
        Action::PageDown => (cursor + PAGE).min(last),
        Action::PageUp => cursor.saturating_sub(PAGE),
        Action::Top => 0,
        Action::Bottom => last,
        _ => cursor,
    }
}

impl App {
    /// The journal, all of it or one booking's, asked for.
    pub(super) fn journal(&mut self, filter: Option<i64>) -> Transition {
        Transition::with(
            Mode::Journal(JournalView {
                filter,
                lines: None,
                scroll: 0,
            }),
            vec![Effect::Request(Request::Journal { booking: filter })],
        )
    }

    pub(super) fn journal_key(&mut self, mut j: JournalView, action: Option<Action>) -> Transition {
        let len = j.lines.as_ref().map_or(0, Vec::len);
        match action {
            Some(Action::Close) => return Transition::done(Vec::new()),
            Some(Action::Filter) => {
                let filter = match j.filter {
                    Some(_) => None,
                    None => match self.selected {
                        Some(id) => Some(id),
                        None => {
                            self.say(MessageKind::Error, self.words().get("app-journal-select"));
                            None
                        }
                    },
                };
                return self.journal(filter);
            }
            Some(a) => j.scroll = step(j.scroll, len, a),
            None => {}
        }
        Transition::to(Mode::Journal(j))
    }

    pub(super) fn review_key(&mut self, cursor: usize, action: Option<Action>) -> Transition {
        match action {
            Some(Action::Close) => Transition::done(Vec::new()),
            Some(Action::Approve) => {
                let effects = self
                    .review
                    .get(cursor)
                    .map(|item| {
                        Effect::Request(Request::Approve {
                            id: item.id,
                            version: item.version,
                        })
                    })
                    .into_iter()
                    .collect();
                Transition::with(Mode::Review { cursor }, effects)
            }
            Some(Action::Open) => match self.review.get(cursor).cloned() {
                Some(item) => Transition::done(self.go_to_booking(item.id, item.date)),
                None => Transition::to(Mode::Review { cursor }),
            },
            Some(a) => Transition::to(Mode::Review {
                cursor: step(cursor, self.review.len(), a),
            }),
            None => Transition::to(Mode::Review { cursor }),
        }
    }
}
