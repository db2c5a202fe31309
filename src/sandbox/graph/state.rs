//! What the fake Microsoft Graph keeps: events per user with their change
//! keys, the change sequence delta tokens point into, access tokens, the
//! paging and delta state, the throttling window and the faults.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use super::GraphFaults;
use crate::sandbox::random::random_bytes;

/// One event as stored: its writable fields (times kept in UTC, all-day
/// dates as given), its extended properties and its change sequence.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub id: String,
    pub user: String,
    /// Changes with every write; `@odata.etag` is `W/"changeKey"`.
    pub change_key: String,
    pub fields: Map<String, Value>,
    /// Single-value extended properties: id → value.
    pub props: BTreeMap<String, String>,
    /// The change sequence number of the last write (or the deletion).
    pub seq: u64,
    pub deleted: bool,
}

impl Stored {
    pub fn etag(&self) -> String {
        format!("W/\"{}\"", self.change_key)
    }
}

/// A delta round's window and where in the change sequence it stands.
#[derive(Debug, Clone)]
pub(crate) struct Round {
    pub user: String,
    pub start: chrono::DateTime<chrono::Utc>,
    pub end: chrono::DateTime<chrono::Utc>,
    /// Changes after this sequence number are new to the holder.
    pub since: u64,
    /// The first round of a listing (from the window, not a delta token):
    /// it lists what is there, never what was deleted. A later round lists
    /// deletions even when the first one saw an empty calendar (`since` 0).
    pub first: bool,
    /// The extended properties the first request asked to expand.
    pub expand: Vec<String>,
}

/// A listing being paged: the round, the sequence it will hand on, and the
/// entries still to send.
#[derive(Debug, Clone)]
pub(crate) struct Paging {
    pub round: Round,
    pub upto: u64,
    pub entries: Vec<Value>,
}

/// Counts of what the fake was asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct GraphStats {
    pub tokens: u64,
    pub delta: u64,
    pub creates: u64,
    pub updates: u64,
    pub deletes: u64,
    pub gets: u64,
    pub throttled: u64,
    pub preconditions_failed: u64,
}

#[derive(Debug, Default)]
pub(crate) struct State {
    pub events: BTreeMap<String, Stored>,
    pub seq: u64,
    /// Access token → when it expires.
    pub tokens: HashMap<String, Instant>,
    pub token_lifetime: Option<Duration>,
    pub pages: HashMap<String, Paging>,
    pub deltas: HashMap<String, Round>,
    pub faults: GraphFaults,
    /// Start of the throttling window and requests counted in it.
    pub window: Option<(Instant, u32)>,
    pub stats: GraphStats,
}

/// The fake's state behind one lock.
#[derive(Debug, Default)]
pub(crate) struct Graph {
    state: Mutex<State>,
}

impl Graph {
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A random opaque token, as Graph's are: URL-safe, long.
pub(crate) fn opaque() -> String {
    random_bytes::<18>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl State {
    pub fn reset(&mut self) {
        *self = State::default();
    }

    /// The next change sequence number.
    pub fn bump(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Counts one API request against the quota; the seconds to wait when it
    /// is used up (Microsoft Graph throttling guidance: 429 with
    /// `Retry-After`).
    pub fn throttle(&mut self, now: Instant) -> Option<u64> {
        let (limit, window_ms) = self.faults.quota?;
        let window = Duration::from_millis(window_ms);
        let (start, used) = match self.window {
            Some((start, used)) if now.duration_since(start) < window => (start, used),
            _ => (now, 0),
        };
        if used >= limit {
            self.window = Some((start, used));
            let left = window.saturating_sub(now.duration_since(start));
            return Some(left.as_secs_f64().ceil().max(1.0) as u64);
        }
        self.window = Some((start, used + 1));
        None
    }
}
