//! The Google Calendar sync as the console sees it: the short state for the
//! header, `S` to sync now, and the conflict queue (`C`) where the dispatcher
//! keeps their version, Google's, or both.

use std::collections::BTreeMap;

use super::{App, Effect, MessageKind, Mode, Transition};
use crate::engine::sync::calendars::{CalendarOutcome, CalendarRun, is_seam};
use crate::engine::sync::{
    Choice, Connection, ConnectionState, RunOutcome, SyncEvent, SyncFailure, SyncStatus,
};
use crate::engine::worker::{ConflictItem, Request};
use crate::tui::action::Action;
use crate::words::news;

/// What the header shows of the sync.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    /// The sync's state, or why it cannot be read; `None` until the sync
    /// has said.
    pub status: Option<Result<SyncStatus, String>>,
    /// A run is under way.
    pub running: bool,
    /// Google Calendar is not set up: nothing syncs.
    pub not_set_up: bool,
    /// The last failure of an automatic run, so a repeat is not shown again.
    last_failure: Option<String>,
    /// The calendars the sync drives, as it last said.
    pub calendars: Vec<Connection>,
    /// How the last run that tried it went, for each calendar on another
    /// provider than Google, by key.
    outcomes: BTreeMap<String, CalendarOutcome>,
}

impl SyncState {
    /// Each calendar with its state: a Google calendar's from how the last
    /// run went, another's from the last run that tried it.
    pub fn connection_states(&self) -> Vec<(Connection, ConnectionState)> {
        let google = match &self.status {
            Some(Ok(SyncStatus {
                last: Some(run), ..
            })) => match run.outcome {
                RunOutcome::Offline => Some(CalendarOutcome::Unreachable),
                RunOutcome::Synced | RunOutcome::Failed => Some(CalendarOutcome::Synced),
                RunOutcome::Running => None,
            },
            _ => None,
        };
        self.calendars
            .iter()
            .map(|c| {
                let last = if is_seam(&c.key) {
                    self.outcomes.get(&c.key).copied()
                } else {
                    google
                };
                (c.clone(), c.state(last))
            })
            .collect()
    }

    /// How a run went for each calendar on another provider it tried.
    fn ran(&mut self, calendars: &[CalendarRun]) {
        for run in calendars {
            self.outcomes.insert(run.key.clone(), run.outcome);
        }
    }
}

/// A state that needs the dispatcher: the calendar gets nothing.
fn troubled(state: ConnectionState) -> bool {
    matches!(
        state,
        ConnectionState::NotSetUp | ConnectionState::CannotReach | ConnectionState::Refused
    )
}

impl App {
    /// Applies an event of the background sync; returns whether the screen
    /// changed. A calendar that has just got into trouble is said in full
    /// (the header may only have room for a mark; the log keeps it).
    pub fn on_sync(&mut self, event: SyncEvent) -> bool {
        let before = self.sync.connection_states();
        let changed = self.apply_sync(event);
        if changed {
            let w = self.words();
            for (c, state) in self.sync.connection_states() {
                let was = before.iter().find(|(b, _)| b.key == c.key).map(|(_, s)| *s);
                if troubled(state) && was != Some(state) {
                    self.say(
                        MessageKind::Warning,
                        news::connection_sentence(w, &c, state),
                    );
                }
            }
        }
        changed
    }

    fn apply_sync(&mut self, event: SyncEvent) -> bool {
        let w = self.words();
        let s = &mut self.sync;
        match event {
            SyncEvent::Status(status) => {
                let status = Some(Ok(status));
                if s.status == status {
                    return false;
                }
                s.status = status;
            }
            SyncEvent::StatusUnknown(e) => {
                let status = Some(Err(e));
                if s.status == status {
                    return false;
                }
                s.status = status;
            }
            SyncEvent::Started => s.running = true,
            SyncEvent::Calendars(calendars) => {
                if s.calendars == calendars {
                    return false;
                }
                s.calendars = calendars;
            }
            SyncEvent::Finished { report, manual } => {
                s.ran(&report.calendars);
                s.running = false;
                s.last_failure = None;
                if manual {
                    self.say(MessageKind::Info, news::sync_summary(w, &report));
                } else if let Some(text) = news::sync_attention(w, &report) {
                    // Unasked, it still says what the dispatcher must do.
                    self.say(MessageKind::Warning, text);
                }
            }
            SyncEvent::Failed { failure, manual } => {
                match &failure {
                    SyncFailure::Incomplete(report) => s.ran(&report.calendars),
                    // Google out of reach; the other calendars went on.
                    SyncFailure::Offline { calendars, .. } => s.ran(calendars),
                    _ => {}
                }
                s.running = false;
                let message = news::sync_failure(w, &failure);
                let repeat = s.last_failure.as_deref() == Some(message.as_str());
                if !manual {
                    s.last_failure = Some(message.clone());
                }
                if manual || !repeat {
                    self.say(MessageKind::Error, message);
                }
            }
            SyncEvent::NotSetUp => s.not_set_up = true,
            SyncEvent::Service(n) => {
                s.running = false;
                match news::service_news(w, &w.get("service-sync"), &n) {
                    Some(text) => self.say(MessageKind::Error, text),
                    None => return false,
                }
            }
        }
        true
    }

    pub(super) fn sync_now(&mut self) -> Vec<Effect> {
        self.say(MessageKind::Info, self.words().get("app-syncing"));
        vec![Effect::SyncNow]
    }

    pub(super) fn open_sync_conflicts(&mut self) -> Vec<Effect> {
        if self.sync_conflicts.is_empty() {
            self.say(MessageKind::Info, self.words().get("app-no-sync-conflicts"));
            return Vec::new();
        }
        self.mode = Mode::SyncConflicts { cursor: 0 };
        vec![Effect::Request(Request::SyncConflicts)]
    }

    /// A new list of conflicts: keep the cursor in range, and close the
    /// queue once it is empty.
    pub(super) fn set_sync_conflicts(&mut self, items: Vec<ConflictItem>) {
        self.sync_conflicts = items;
        let len = self.sync_conflicts.len();
        if let Mode::SyncConflicts { cursor } = &mut self.mode {
            *cursor = (*cursor).min(len.saturating_sub(1));
            if len == 0 {
                self.mode = Mode::Normal;
            }
        }
    }

    pub(super) fn sync_conflicts_key(
        &mut self,
        cursor: usize,
        action: Option<Action>,
    ) -> Transition {
        let len = self.sync_conflicts.len();
        let choice = match action {
            Some(Action::Close) => return Transition::done(Vec::new()),
            Some(Action::Down) => {
                return Transition::to(Mode::SyncConflicts {
                    cursor: (cursor + 1).min(len.saturating_sub(1)),
                });
            }
            Some(Action::Up) => {
                return Transition::to(Mode::SyncConflicts {
                    cursor: cursor.saturating_sub(1),
                });
            }
            Some(Action::KeepMine) => Choice::Mine,
            Some(Action::KeepTheirs) => Choice::Theirs,
            Some(Action::KeepBoth) => Choice::Both,
            Some(Action::Open) => {
                if let Some(item) = self.sync_conflicts.get(cursor) {
                    let at = item.mine.as_ref().or(item.theirs.as_ref()).map(|s| s.start);
                    if let Some(at) = at {
                        let (id, date) = (item.booking_id, self.settings.tz.local_date(at));
                        return Transition::done(self.go_to_booking(id, date));
                    }
                }
                return Transition::to(Mode::SyncConflicts { cursor });
            }
            _ => return Transition::to(Mode::SyncConflicts { cursor }),
        };
        let effects = self
            .sync_conflicts
            .get(cursor)
            .map(|item| {
                Effect::Request(Request::Resolve {
                    booking_id: item.booking_id,
                    of_series: item.of_series,
                    choice,
                })
            })
            .into_iter()
            .collect();
        Transition::with(Mode::SyncConflicts { cursor }, effects)
    }
}
