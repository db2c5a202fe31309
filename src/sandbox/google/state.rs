//! The fake calendar's store: calendars and their events, the global change
//! sequence every sync token points into, access tokens, faults and counters.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::super::random::random_bytes;
use super::error::ApiError;
use super::rrule::Start;

use super::faults::{GoogleFaults, GoogleStats};
use super::resource::{self, Stamp};

/// Who is calling: the subject of the access token (or the service account).
#[derive(Debug, Clone)]
pub(crate) struct Caller(pub(crate) String);

pub(crate) struct Stored {
    pub(crate) event: Map<String, Value>,
    /// The change sequence number of the event's last change.
    pub(crate) seq: u64,
}

/// An access token handed out.
#[derive(Debug, Clone)]
pub(crate) struct Issued {
    pub(crate) expires: Instant,
    /// The impersonated user, or the service account itself.
    pub(crate) subject: String,
}

/// What the caller may do with a calendar (one role per calendar, whoever
/// calls): <https://developers.google.com/calendar/api/v3/reference/calendarList#accessRole>.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "camelCase")]
#[strum(serialize_all = "camelCase")]
pub enum CalendarRole {
    Owner,
    Writer,
    Reader,
}

impl CalendarRole {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

pub(crate) struct Calendar {
    pub(crate) events: BTreeMap<String, Stored>,
    pub(crate) updated: Option<DateTime<Utc>>,
    pub(crate) role: CalendarRole,
    /// Ids of purged events. Whether Google hands a purged id out again is
    /// not documented; the fake keeps it taken (an insert answers 409).
    pub(crate) purged: BTreeSet<String>,
    /// The newest change sequence number among purged deletions: a sync
    /// token (or an incremental listing's page token) from before it could
    /// have missed a deletion it can no longer report, so it answers 410 (the sync guide: "sync tokens expire …
    /// the client must then clear its storage and perform a full sync",
    /// https://developers.google.com/calendar/api/guides/sync).
    pub(crate) purged_upto: u64,
    /// The starts of each series as last expanded, by (id, change sequence
    /// number, window): the pages of one listing expand every series once,
    /// not once a page. A changed series has a new sequence number.
    pub(crate) expansions: Mutex<HashMap<Expansion, Arc<Vec<Start>>>>,
}

/// A series expanded over a window.
pub(crate) type Expansion = (String, u64, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

impl Calendar {
    /// The starts of the series `id` (stored at `seq`) within the window.
    pub(crate) fn starts(
        &self,
        id: &str,
        stored: &Stored,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Arc<Vec<Start>> {
        let key = (id.to_string(), stored.seq, from, to);
        let Ok(mut cache) = self.expansions.lock() else {
            return Arc::new(super::series::starts(&stored.event, from, to));
        };
        if let Some(hit) = cache.get(&key) {
            return hit.clone();
        }
        if cache.len() > 20_000 {
            cache.clear();
        }
        let starts = Arc::new(super::series::starts(&stored.event, from, to));
        cache.insert(key, starts.clone());
        starts
    }

    fn new(role: CalendarRole) -> Calendar {
        Calendar {
            events: BTreeMap::new(),
            updated: None,
            role,
            purged: BTreeSet::new(),
            purged_upto: 0,
            expansions: Mutex::new(HashMap::new()),
        }
    }
}

/// How long a page token lives unless an admin says otherwise.
pub(crate) const PAGE_TOKEN_TTL: Duration = Duration::from_secs(3600);

pub(crate) struct GoogleState {
    pub(crate) calendars: BTreeMap<String, Calendar>,
    /// The last change sequence number handed out (global, never goes back).
    pub(crate) seq: u64,
    /// Bumped to invalidate every sync token handed out so far.
    pub(crate) generation: u64,
    /// Bumped to invalidate every page token handed out so far.
    pub(crate) page_epoch: u64,
    /// How long a page token stays good after it was handed out.
    pub(crate) page_ttl: Duration,
    pub(crate) tokens: HashMap<String, Issued>,
    /// Per caller: when its requests of the last minute were served.
    pub(crate) quota_used: HashMap<String, VecDeque<Instant>>,
    /// Until then every call answers 403 `quotaExceeded`.
    pub(crate) quota_until: Option<Instant>,
    pub(crate) faults: GoogleFaults,
    pub(crate) stats: GoogleStats,
}

impl Default for GoogleState {
    /// No calendar at all (unit tests add their own).
    fn default() -> GoogleState {
        GoogleState {
            calendars: BTreeMap::new(),
            seq: 0,
            generation: 0,
            page_epoch: 0,
            page_ttl: PAGE_TOKEN_TTL,
            tokens: HashMap::new(),
            quota_used: HashMap::new(),
            quota_until: None,
            faults: GoogleFaults::default(),
            stats: GoogleStats::default(),
        }
    }
}

/// The Google service: its state and the key its token endpoint trusts.
pub(crate) struct Google {
    state: Mutex<GoogleState>,
    pub(crate) public_key: Option<Vec<u8>>,
}

impl Google {
    /// A fresh service whose token endpoint trusts `public_key` (PKCS#1 DER).
    pub(crate) fn new(public_key: Option<Vec<u8>>) -> Arc<Google> {
        Arc::new(Google {
            state: Mutex::new(GoogleState::fresh()),
            public_key,
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, GoogleState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl GoogleState {
    /// The state a new sandbox starts with: the shared calendar, owned.
    pub(crate) fn fresh() -> GoogleState {
        let mut st = GoogleState::default();
        st.add_calendar(super::account::CALENDAR_ID, CalendarRole::Owner);
        st
    }

    /// Adds a calendar, or changes the caller's role on it.
    pub(crate) fn add_calendar(&mut self, id: &str, role: CalendarRole) {
        self.calendars
            .entry(id.to_string())
            .and_modify(|c| c.role = role)
            .or_insert_with(|| Calendar::new(role));
    }

    /// A calendar the caller can see; unknown (or unshared) ones answer 404
    /// (<https://developers.google.com/calendar/api/guides/errors>).
    pub(crate) fn cal(&self, id: &str) -> Result<&Calendar, ApiError> {
        self.calendars.get(id).ok_or_else(ApiError::not_found)
    }

    /// A calendar the caller may write to: readers get 403
    /// `requiredAccessLevel` (<https://developers.google.com/calendar/api/guides/errors>).
    pub(crate) fn writable(&self, id: &str) -> Result<&Calendar, ApiError> {
        let cal = self.cal(id)?;
        if cal.role == CalendarRole::Reader {
            return Err(ApiError::new(
                403,
                "calendar",
                "requiredAccessLevel",
                "You need to have writer access to this calendar.",
            ));
        }
        Ok(cal)
    }

    pub(crate) fn stamp(&mut self) -> Stamp {
        self.seq += 1;
        Stamp {
            now: Utc::now(),
            seq: self.seq,
        }
    }

    pub(crate) fn store(
        &mut self,
        calendar: &str,
        event: Map<String, Value>,
        stamp: Stamp,
    ) -> Value {
        let id = resource::str_field(&event, "id").to_string();
        let out = Value::Object(event.clone());
        // Every caller checked the calendar first; a vanished one keeps nothing.
        if let Some(cal) = self.calendars.get_mut(calendar) {
            cal.updated = Some(stamp.now);
            cal.events.insert(
                id,
                Stored {
                    event,
                    seq: stamp.seq,
                },
            );
        }
        out
    }

    /// Wipes calendars (the shared one comes back, empty), tokens, faults and stats; old sync tokens become invalid.
    pub(crate) fn reset(&mut self) {
        let seq = self.seq;
        let generation = self.generation + 1;
        let page_epoch = self.page_epoch + 1;
        *self = GoogleState {
            seq,
            generation,
            page_epoch,
            ..GoogleState::fresh()
        };
    }

    /// Installs a fault set: the one-shots act now and are not kept.
    pub(crate) fn install_faults(&mut self, mut faults: GoogleFaults) {
        if std::mem::take(&mut faults.expire_tokens) {
            self.tokens.clear();
        }
        if std::mem::take(&mut faults.invalidate_sync_tokens) {
            self.generation += 1;
        }
        // The sustained window starts when the fault set is installed.
        self.quota_until = faults.quota_exceeded_for.map(|d| Instant::now() + d);
        self.quota_used.clear();
        self.faults = faults;
    }
}

/// A fresh event id: 26 base32hex characters.
pub(crate) fn new_id() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    random_bytes::<26>()
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect()
}
