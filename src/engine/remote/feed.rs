//! The live feed: what happens to the business, told to the remote callers
//! listening. One watching service for every listener (`watch`) looks at
//! `PRAGMA data_version` as the console's worker does, reads what the
//! journal, the running jobs and the sync runs say since its last look,
//! and sends typed events on one broadcast channel: a booking changed by
//! anyone (a console, a command, the sync, the API), a change that made a
//! double booking, a running job passing an overtime level, a sync run
//! ending. Each listener hears only what its caller may see
//! ([`Remote::hears`]).

mod levels;
mod watch;

use serde::Serialize;
use tokio::sync::broadcast;

use super::{Caller, Need, Remote, RemoteError, check};
use crate::domain::OvertimeLevel;
use crate::engine::service::{ServiceHandle, ServiceNews};
use crate::store::RunFailure;

/// Events kept for a slow listener; past that it has missed some (and the
/// WebSocket closes it: a listener never holds more than this). The memory is the channel's, shared by all.
pub const BACKLOG: usize = 1024;

/// One event of the feed, as JSON `{"type": "booking_changed", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FeedEvent {
    /// A booking was made, changed, started, finished, cancelled or removed.
    BookingChanged {
        booking: i64,
        /// Its cleaner now; `None` when unassigned or removed.
        staff_id: Option<i64>,
        /// The cleaner it had before this change, when it was reassigned
        /// (that cleaner hears of it too).
        #[serde(skip_serializing_if = "Option::is_none")]
        previous_staff_id: Option<i64>,
        /// Its status now; "removed" when it is gone (an undone creation).
        status: &'static str,
        version: i64,
    },
    /// A change made this booking double-book its cleaner (an accepted
    /// double booking, or one the sync brought in).
    BookingConflict {
        booking: i64,
        staff_id: Option<i64>,
        /// The bookings it overlaps.
        with: Vec<i64>,
    },
    /// A running job passed an overtime level (told once per level).
    OvertimeAlert {
        booking: i64,
        staff_id: Option<i64>,
        level: OvertimeLevel,
        elapsed_min: i64,
        estimate_min: i64,
        over_min: i64,
    },
    /// A calendar sync run ended, through or failing.
    SyncStatus {
        run: i64,
        direction: String,
        ok: bool,
        /// How it failed (`None` when it went through).
        #[serde(skip_serializing_if = "Option::is_none")]
        failure: Option<RunFailure>,
    },
    /// More changed at once than the feed tells one by one: load again.
    Reload,
}

/// The feed's sender; listeners subscribe to it.
pub type FeedSender = broadcast::Sender<FeedEvent>;

impl Remote {
    /// Starts the feed's one watching service; the sender is for every
    /// listener to subscribe to. `news` hears whether the service started
    /// and stopped.
    pub fn start_feed(
        &self,
        news: impl Fn(ServiceNews) + Send + Sync + 'static,
    ) -> Result<(ServiceHandle<()>, FeedSender), RemoteError> {
        let store = self.own_store()?;
        let (tx, _) = broadcast::channel(BACKLOG);
        let sender = tx.clone();
        let watch = watch::Watch::new(store, self.settings.overtime, self.clock, tx)?;
        let handle = crate::engine::service::spawn_service("renos-feed", news, move || watch);
        Ok((handle, sender))
    }

    /// May `caller` hear `event`? A cleaner hears only of their own jobs
    /// (and of a job taken from them), and the reloads; the sync runs are
    /// for the office. Everybody else hears everything.
    pub fn hears(caller: &Caller, event: &FeedEvent) -> bool {
        let sees = |staff: Option<i64>| check(caller, Need::SeeJob(staff)).is_ok();
        match event {
            FeedEvent::BookingChanged {
                staff_id,
                previous_staff_id,
                ..
            } => sees(*staff_id) || previous_staff_id.is_some_and(|p| sees(Some(p))),
            FeedEvent::BookingConflict { staff_id, .. }
            | FeedEvent::OvertimeAlert { staff_id, .. } => sees(*staff_id),
            FeedEvent::SyncStatus { .. } => check(caller, Need::Overview).is_ok(),
            FeedEvent::Reload => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TokenRole;
    use crate::engine::remote::Via;

    fn caller(role: TokenRole, staff: Option<i64>) -> Caller {
        Caller {
            name: "t".into(),
            role,
            staff,
            via: Via::App,
            token: Some(1),
        }
    }

    fn changed(staff: Option<i64>, before: Option<i64>) -> FeedEvent {
        FeedEvent::BookingChanged {
            booking: 1,
            staff_id: staff,
            previous_staff_id: before,
            status: "scheduled",
            version: 2,
        }
    }

    #[test]
    fn a_cleaner_hears_their_own_jobs_and_one_taken_from_them() {
        let anna = caller(TokenRole::Cleaner, Some(7));
        assert!(Remote::hears(&anna, &changed(Some(7), None)));
        assert!(!Remote::hears(&anna, &changed(Some(8), None)));
        assert!(Remote::hears(&anna, &changed(Some(8), Some(7))));
        assert!(!Remote::hears(&anna, &changed(None, None)));
        let alert = FeedEvent::OvertimeAlert {
            booking: 1,
            staff_id: Some(8),
            level: OvertimeLevel::Alert,
            elapsed_min: 200,
            estimate_min: 120,
            over_min: 80,
        };
        assert!(!Remote::hears(&anna, &alert));
        let conflict = FeedEvent::BookingConflict {
            booking: 1,
            staff_id: Some(7),
            with: vec![2],
        };
        assert!(Remote::hears(&anna, &conflict));
        let sync = FeedEvent::SyncStatus {
            run: 1,
            direction: "both".into(),
            ok: true,
            failure: None,
        };
        assert!(!Remote::hears(&anna, &sync));
        assert!(Remote::hears(&anna, &FeedEvent::Reload));
        for role in [TokenRole::Viewer, TokenRole::Dispatcher, TokenRole::Admin] {
            let c = caller(role, None);
            for e in [&alert, &conflict, &sync, &changed(Some(8), None)] {
                assert!(Remote::hears(&c, e), "{role} hears {e:?}");
            }
        }
    }

    #[test]
    fn events_are_json_with_their_type() {
        let e = serde_json::to_value(changed(Some(3), Some(2))).unwrap();
        assert_eq!(e["type"], "booking_changed");
        assert_eq!(e["previous_staff_id"], 2);
        let e = serde_json::to_value(changed(Some(3), None)).unwrap();
        assert!(e.get("previous_staff_id").is_none());
        let e = serde_json::to_value(FeedEvent::OvertimeAlert {
            booking: 1,
            staff_id: None,
            level: OvertimeLevel::Overtime,
            elapsed_min: 130,
            estimate_min: 120,
            over_min: 10,
        })
        .unwrap();
        assert_eq!(e["type"], "overtime_alert");
        assert_eq!(e["level"], "overtime");
    }
}
