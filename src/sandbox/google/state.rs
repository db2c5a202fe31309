//! The fake calendar's store: calendars and their events, the global change
//! sequence every sync token points into, access tokens, faults and counters.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

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

#[derive(Default)]
pub(crate) struct Calendar {
    pub(crate) events: BTreeMap<String, Stored>,
    pub(crate) updated: Option<DateTime<Utc>>,
}

#[derive(Default)]
pub(crate) struct GoogleState {
    pub(crate) calendars: BTreeMap<String, Calendar>,
    /// The last change sequence number handed out (global, never goes back).
    pub(crate) seq: u64,
    /// Bumped to invalidate every sync token handed out so far.
    pub(crate) generation: u64,
    pub(crate) tokens: HashMap<String, Issued>,
    pub(crate) faults: GoogleFaults,
    pub(crate) stats: GoogleStats,
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
            state: Mutex::new(GoogleState::default()),
            public_key,
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, GoogleState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl GoogleState {
    pub(crate) fn calendar(&mut self, id: &str) -> &mut Calendar {
        self.calendars.entry(id.to_string()).or_default()
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
        let cal = self.calendar(calendar);
        cal.updated = Some(stamp.now);
        let out = Value::Object(event.clone());
        cal.events.insert(
            id,
            Stored {
                event,
                seq: stamp.seq,
            },
        );
        out
    }

    /// Wipes calendars, tokens, faults and stats; old sync tokens become invalid.
    pub(crate) fn reset(&mut self) {
        let seq = self.seq;
        let generation = self.generation + 1;
        *self = GoogleState {
            seq,
            generation,
            ..GoogleState::default()
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

/// Random bytes from the system; a counter mixed with the clock should the
/// system source ever fail.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    use ring::rand::SecureRandom;
    use std::sync::atomic::{AtomicU64, Ordering};
    let mut out = [0u8; N];
    if ring::rand::SystemRandom::new().fill(&mut out).is_err() {
        static COUNTER: AtomicU64 = AtomicU64::new(1);
        let mut x = COUNTER.fetch_add(1, Ordering::Relaxed)
            ^ Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
        for b in out.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
    out
}
