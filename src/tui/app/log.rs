//! The message log (`!`): every status message of this console session,
//! kept whole, newest first, so a line the status bar had to cut can be
//! read in full. Bounded: the oldest go once there are `LOG_LIMIT`.
//!
//! Also the start-up notice (where the database lives, what to try): it
//! stays its full time; news that arrives meanwhile waits in the log and
//! shows once the notice has had its time or the dispatcher presses a key.

use std::collections::VecDeque;

use chrono::{DateTime, Duration, Utc};

use super::{App, MESSAGE_SECONDS, Message, MessageKind, Mode, Transition};
use crate::tui::action::Action;

/// How many messages the log keeps.
pub const LOG_LIMIT: usize = 1_000;

/// How far page up and page down go, in messages.
const PAGE: usize = 5;

/// The messages of this session, oldest first in memory, newest first as
/// read.
#[derive(Debug, Clone, Default)]
pub struct MessageLog {
    items: VecDeque<Message>,
}

impl MessageLog {
    /// Keeps a message, forgetting the oldest past the limit.
    pub fn push(&mut self, m: Message) {
        if self.items.len() == LOG_LIMIT {
            self.items.pop_front();
        }
        self.items.push_back(m);
    }

    /// Newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Message> {
        self.items.iter().rev()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The log as shown: the newest message at the top, scrolled by messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogView {
    /// How many of the newest messages are scrolled past.
    pub scroll: usize,
}

/// The start-up notice and the news held back while it shows.
#[derive(Debug, Clone, Default)]
pub(super) struct Notice {
    /// Until when the notice keeps the status line.
    until: Option<DateTime<Utc>>,
    /// The newest message that arrived meanwhile (all of them are in the log).
    held: Option<Message>,
}

impl App {
    /// A message for the status line and the log.
    pub fn say(&mut self, kind: MessageKind, text: impl Into<String>) {
        let m = Message {
            text: text.into(),
            kind,
            at: self.now,
        };
        self.log.push(m.clone());
        if self.notice.until.is_some_and(|u| self.now < u) {
            self.notice.held = Some(m);
        } else {
            self.message = Some(m);
        }
    }

    /// The first message of the console (where the data lives, what to
    /// try): news that comes in before it has had its time waits.
    pub fn notice(&mut self, kind: MessageKind, text: impl Into<String>) {
        self.notice = Notice::default();
        self.say(kind, text);
        self.notice.until = Some(self.now + Duration::seconds(MESSAGE_SECONDS));
    }

    /// The notice gives way: to a key the dispatcher pressed, or to its
    /// time running out. What waited is shown from now.
    pub(super) fn end_notice(&mut self) {
        if self.notice.until.take().is_some()
            && let Some(mut m) = self.notice.held.take()
        {
            m.at = self.now;
            self.message = Some(m);
        }
    }

    /// Whether the notice's time is up.
    pub(super) fn notice_over(&self) -> bool {
        self.notice.until.is_some_and(|u| self.now >= u)
    }

    pub(super) fn open_log(&mut self) {
        self.mode = Mode::Log(LogView::default());
    }

    pub(super) fn log_key(&mut self, mut v: LogView, action: Option<Action>) -> Transition {
        let last = self.log.len().saturating_sub(1);
        v.scroll = match action {
            Some(Action::Close) => return Transition::done(Vec::new()),
            Some(Action::Down) => (v.scroll + 1).min(last),
            Some(Action::Up) => v.scroll.saturating_sub(1),
            Some(Action::PageDown) => (v.scroll + PAGE).min(last),
            Some(Action::PageUp) => v.scroll.saturating_sub(PAGE),
            Some(Action::Top) => 0,
            Some(Action::Bottom) => last,
            _ => v.scroll,
        };
        Transition::to(Mode::Log(v))
    }
}
