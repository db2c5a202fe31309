//! The sync's state as the console's header shows it, read from the
//! database: how the last run ended, and what waits. Values only; the
//! console words them ("synced 2 min ago · 3 pending") against its clock.

use chrono::{DateTime, Utc};

use crate::store::{GOOGLE_BOOKING, GOOGLE_SERIES, RunFailure, Store, SyncLogEntry};

/// The sync's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// The last run; `None` when it never ran.
    pub last: Option<Run>,
    /// Changes waiting to reach Google.
    pub pending: i64,
    /// Changes Google refused for good.
    pub failed: i64,
    /// Bookings waiting for the dispatcher's decision.
    pub conflicts: usize,
}

/// A sync run: when it ended (or began, while it runs), and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub at: DateTime<Utc>,
    pub outcome: RunOutcome,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome {
    /// Still under way.
    Running,
    /// Everything went through.
    Synced,
    /// Google could not be reached.
    Offline,
    /// Something did not go through, or the run was cut short.
    Failed,
}

impl Run {
    /// The run a log entry records.
    pub fn of(entry: &SyncLogEntry) -> Run {
        let outcome = match (entry.ended_at, entry.failure) {
            (None, _) => RunOutcome::Running,
            (Some(_), None) => RunOutcome::Synced,
            (Some(_), Some(RunFailure::Offline)) => RunOutcome::Offline,
            (Some(_), Some(RunFailure::Errors | RunFailure::Interrupted)) => RunOutcome::Failed,
        };
        Run {
            at: entry.ended_at.unwrap_or(entry.started_at),
            outcome,
        }
    }
}

impl SyncStatus {
    /// Was Google out of reach on the last run?
    pub fn is_offline(&self) -> bool {
        self.last.is_some_and(|r| r.outcome == RunOutcome::Offline)
    }
}

/// The sync's state now.
pub fn status(store: &Store) -> crate::store::Result<SyncStatus> {
    let last = store.sync_log(1)?.first().map(Run::of);
    let outbox = store.outbox_counts(GOOGLE_BOOKING)?;
    let series = store.outbox_counts(GOOGLE_SERIES)?;
    Ok(SyncStatus {
        last,
        pending: outbox.pending + series.pending,
        failed: outbox.failed + series.failed,
        conflicts: store.sync_conflicts()?.len(),
    })
}
