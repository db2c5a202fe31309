//! The live feed: every booking change, by anyone (a console, a command,
//! the sync, the API), told to the remote callers listening. A service of
//! the runner looks at `PRAGMA data_version` as the console's worker does,
//! reads which bookings the journal names since its last look, and sends
//! one event per booking on a broadcast channel; each listener hears only
//! what its caller may see ([`Remote::hears`]).

use std::time::Duration;

use serde::Serialize;
use tokio::sync::broadcast;

use super::{Caller, Need, Remote, RemoteError, check};
use crate::engine::service::{Inbox, Service, ServiceHandle, ServiceNews, spawn_service};
use crate::store::{Store, StoreError};

/// How often the feed looks for changes: well within a second.
const LOOK_EVERY: Duration = Duration::from_millis(200);

/// The most bookings one look tells one by one.
const MAX_PER_LOOK: usize = 500;

/// Events kept for a slow listener before it misses some (and is told so).
const BACKLOG: usize = 1024;

/// One event of the feed, as JSON `{"type": "booking_changed", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FeedEvent {
    /// A booking was made, changed, started, finished, cancelled or removed.
    BookingChanged {
        booking: i64,
        /// Its cleaner now; `None` when unassigned or removed.
        staff_id: Option<i64>,
        /// Its status now; "removed" when it is gone (an undone creation).
        status: &'static str,
        version: i64,
    },
    /// More changed at once than the feed tells one by one: load again.
    Reload,
    /// This listener was too slow and missed events: load again.
    Missed,
}

/// The feed's sender; listeners subscribe to it.
pub type FeedSender = broadcast::Sender<FeedEvent>;

/// The watching service: its own connection, the last `data_version` and
/// journal entry seen.
struct Watch {
    store: Store,
    seen: Option<i64>,
    mark: i64,
    tx: FeedSender,
}

impl Watch {
    fn look(&mut self) -> Result<(), StoreError> {
        let now = self.store.data_version()?;
        if Some(now) == self.seen {
            return Ok(());
        }
        self.seen = Some(now);
        // The mark is read first: an entry made meanwhile is told again
        // next time rather than missed.
        let mark = self.store.journal_mark()?;
        let changed = self.store.bookings_changed_since(self.mark, MAX_PER_LOOK)?;
        self.mark = mark;
        let Some(ids) = changed else {
            let _ = self.tx.send(FeedEvent::Reload);
            return Ok(());
        };
        for id in ids {
            let event = match self.store.booking(id) {
                Ok(b) => FeedEvent::BookingChanged {
                    booking: id,
                    staff_id: b.staff_id,
                    status: b.status.as_str(),
                    version: b.version,
                },
                Err(StoreError::NotFound { .. }) => FeedEvent::BookingChanged {
                    booking: id,
                    staff_id: None,
                    status: "removed",
                    version: 0,
                },
                Err(e) => return Err(e),
            };
            // No listener is no error: the next one hears what comes next.
            let _ = self.tx.send(event);
        }
        Ok(())
    }
}

impl Service for Watch {
    type Command = ();

    fn every(&self) -> Duration {
        LOOK_EVERY
    }

    async fn command(&mut self, (): (), _inbox: &mut Inbox<()>) -> anyhow::Result<()> {
        Ok(())
    }

    async fn tick(&mut self, _inbox: &mut Inbox<()>) -> anyhow::Result<()> {
        Ok(self.look()?)
    }
}

impl Remote {
    /// Starts the feed's watching service; the sender is for listeners to
    /// subscribe to. `news` hears whether the service started and stopped.
    pub fn start_feed(
        &self,
        news: impl Fn(ServiceNews) + Send + Sync + 'static,
    ) -> Result<(ServiceHandle<()>, FeedSender), RemoteError> {
        let store = self.own_store()?;
        let seen = store.data_version()?;
        let mark = store.journal_mark()?;
        let (tx, _) = broadcast::channel(BACKLOG);
        let sender = tx.clone();
        let handle = spawn_service("renos-feed", news, move || Watch {
            store,
            seen: Some(seen),
            mark,
            tx,
        });
        Ok((handle, sender))
    }

    /// May `caller` hear `event`? A cleaner hears only of their own jobs
    /// (and the reloads); everybody else hears everything.
    pub fn hears(caller: &Caller, event: &FeedEvent) -> bool {
        match event {
            FeedEvent::BookingChanged { staff_id, .. } => {
                check(caller, Need::SeeJob(*staff_id)).is_ok()
            }
            FeedEvent::Reload | FeedEvent::Missed => true,
        }
    }
}
