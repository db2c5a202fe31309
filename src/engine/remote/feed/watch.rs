//! The feed's one watching service: its own connection, and what it has
//! told so far (the `data_version`, the journal entry, the overtime levels,
//! the sync runs).

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use super::levels::Levels;
use super::{FeedEvent, FeedSender};
use crate::clock::Clock;
use crate::domain::{Booking, BookingStatus, OvertimeRules};
use crate::engine::remote::RemoteError;
use crate::engine::service::{Inbox, Service};
use crate::store::{BookingThen, Store, StoreError};

/// How often the feed looks for changes: well within a second.
const LOOK_EVERY: Duration = Duration::from_millis(200);

/// The running jobs' levels are looked at every this many looks even when
/// nothing was written (time alone moves them): every 5 s.
const LEVELS_EVERY: u32 = 25;

/// The most bookings one look tells one by one.
const MAX_PER_LOOK: usize = 500;

/// The sync runs looked at each time (a run is told when it ends).
const SYNC_WINDOW: usize = 50;

pub(super) struct Watch {
    store: Store,
    rules: OvertimeRules,
    clock: Clock,
    seen: Option<i64>,
    mark: i64,
    looks: u32,
    levels: Levels,
    /// The sync runs already told (within the window).
    runs_told: BTreeSet<i64>,
    tx: FeedSender,
}

impl Watch {
    /// A watch from now on: what is already so (a level reached, a sync
    /// run ended) is not news.
    pub(super) fn new(
        store: Store,
        rules: OvertimeRules,
        clock: Clock,
        tx: FeedSender,
    ) -> Result<Watch, RemoteError> {
        let seen = store.data_version()?;
        let mark = store.journal_mark()?;
        let mut levels = Levels::default();
        let running = store.running_bookings()?;
        levels.passed(&running, clock.now(), &rules, true);
        let runs_told = store
            .recent_sync_runs(SYNC_WINDOW)?
            .into_iter()
            .filter(|r| r.ended)
            .map(|r| r.id)
            .collect();
        Ok(Watch {
            store,
            rules,
            clock,
            seen: Some(seen),
            mark,
            looks: 0,
            levels,
            runs_told,
            tx,
        })
    }

    fn send(&self, event: FeedEvent) {
        // No listener is no error: the next one hears what comes next.
        let _ = self.tx.send(event);
    }

    fn look(&mut self) -> Result<(), StoreError> {
        self.looks = self.looks.wrapping_add(1);
        let now = self.store.data_version()?;
        let changed = Some(now) != self.seen;
        if changed {
            self.seen = Some(now);
            self.bookings()?;
            self.sync_runs()?;
        }
        if changed || self.looks.is_multiple_of(LEVELS_EVERY) {
            self.overtime()?;
        }
        Ok(())
    }

    /// The bookings the journal names since the last look: each one's
    /// state now, and a double booking a change made.
    fn bookings(&mut self) -> Result<(), StoreError> {
        // The mark is read first: an entry made meanwhile is told again
        // next time rather than missed.
        let mark = self.store.journal_mark()?;
        let changed = self.store.bookings_changed_since(self.mark, MAX_PER_LOOK)?;
        let Some(ids) = changed else {
            self.mark = mark;
            self.send(FeedEvent::Reload);
            return Ok(());
        };
        let mut before: HashMap<i64, Vec<Option<BookingThen>>> = HashMap::new();
        for (id, then) in self.store.bookings_before_since(self.mark)? {
            before.entry(id).or_default().push(then);
        }
        self.mark = mark;
        for id in ids {
            let b = match self.store.booking(id) {
                Ok(b) => b,
                Err(StoreError::NotFound { .. }) => {
                    self.send(FeedEvent::BookingChanged {
                        booking: id,
                        staff_id: None,
                        previous_staff_id: before
                            .get(&id)
                            .and_then(|t| t.iter().flatten().find_map(|t| t.staff_id)),
                        status: "removed",
                        version: 0,
                    });
                    continue;
                }
                Err(e) => return Err(e),
            };
            let thens = before.get(&id).map(Vec::as_slice).unwrap_or_default();
            let previous_staff_id = thens
                .iter()
                .flatten()
                .filter_map(|t| t.staff_id)
                .find(|s| Some(*s) != b.staff_id);
            self.send(FeedEvent::BookingChanged {
                booking: id,
                staff_id: b.staff_id,
                previous_staff_id,
                status: b.status.as_str(),
                version: b.version,
            });
            if placed(&b, thens) {
                let with = self.store.clashes_of(&b)?;
                if !with.is_empty() {
                    self.send(FeedEvent::BookingConflict {
                        booking: id,
                        staff_id: b.staff_id,
                        with,
                    });
                }
            }
        }
        Ok(())
    }

    /// The sync runs that ended since they were last looked at.
    fn sync_runs(&mut self) -> Result<(), StoreError> {
        let runs = self.store.recent_sync_runs(SYNC_WINDOW)?;
        let oldest = runs.first().map_or(0, |r| r.id);
        self.runs_told.retain(|id| *id >= oldest);
        for run in runs {
            if run.ended && self.runs_told.insert(run.id) {
                self.send(FeedEvent::SyncStatus {
                    run: run.id,
                    direction: run.direction,
                    ok: run.failure.is_none(),
                    failure: run.failure,
                });
            }
        }
        Ok(())
    }

    /// The running jobs that passed an overtime level.
    fn overtime(&mut self) -> Result<(), StoreError> {
        let running = self.store.running_bookings()?;
        let passed = self
            .levels
            .passed(&running, self.clock.now(), &self.rules, false);
        for (b, o) in passed {
            let _ = self.tx.send(FeedEvent::OvertimeAlert {
                booking: b.id,
                staff_id: b.staff_id,
                level: o.level,
                elapsed_min: o.elapsed_min,
                estimate_min: o.estimate_min,
                over_min: o.over_min,
            });
        }
        Ok(())
    }
}

/// Was the active booking `b` made, moved or reassigned by the changes
/// whose rows before are `thens` (none: a change of its series), so it may
/// now double-book its cleaner?
fn placed(b: &Booking, thens: &[Option<BookingThen>]) -> bool {
    if !matches!(
        b.status,
        BookingStatus::Scheduled | BookingStatus::InProgress
    ) || b.staff_id.is_none()
    {
        return false;
    }
    match thens.first() {
        None | Some(None) => true,
        Some(Some(then)) => {
            then.staff_id != b.staff_id || then.start != Some(b.start) || then.end != Some(b.end)
        }
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
