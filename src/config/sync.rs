//! The `[google]` and `[sync]` sections, and the environment variables of
//! the existing RenOS services, which override the file.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use super::error::{FieldError, FieldWhy, RangeNote, Unit};

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct GoogleFile {
    calendar_id: Option<String>,
    key_file: Option<PathBuf>,
    client_email: Option<String>,
    private_key: Option<String>,
    impersonated_user: Option<String>,
    base_url: Option<String>,
    token_uri: Option<String>,
    /// Cleaner name → that cleaner's own calendar.
    staff_calendars: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct SyncFile {
    enabled: Option<bool>,
    interval_min: Option<u32>,
    debounce_sec: Option<u32>,
    past_days: Option<u32>,
    future_days: Option<u32>,
    instance_weeks: Option<u32>,
    requests_per_minute: Option<u32>,
}

/// Where the Google credentials come from.
#[derive(Clone, PartialEq, Eq)]
pub enum GoogleCredentials {
    /// A service-account key file (JSON).
    KeyFile(PathBuf),
    /// `GOOGLE_CLIENT_EMAIL` + `GOOGLE_PRIVATE_KEY`.
    Inline {
        client_email: String,
        private_key: String,
    },
}

impl std::fmt::Debug for GoogleCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GoogleCredentials::KeyFile(p) => write!(f, "KeyFile({})", p.display()),
            GoogleCredentials::Inline { client_email, .. } => {
                write!(f, "Inline({client_email}, private key hidden)")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoogleConfig {
    /// The shared calendar (`GOOGLE_CALENDAR_ID`, default `primary`).
    pub calendar_id: String,
    /// `(cleaner name, calendar id)` for cleaners with a calendar of their own.
    pub staff_calendars: Vec<(String, String)>,
    /// `None`: Google sync is not set up.
    pub credentials: Option<GoogleCredentials>,
    pub impersonated_user: Option<String>,
    pub base_url: String,
    /// Where to get access tokens; `None`: the key file's `token_uri`, or
    /// Google's. Set here (or by `RENOS_GOOGLE_TOKEN_URI`), it wins over
    /// the key file.
    pub token_uri: Option<String>,
}

impl Default for GoogleConfig {
    fn default() -> Self {
        GoogleConfig {
            calendar_id: "primary".into(),
            staff_calendars: Vec::new(),
            credentials: None,
            impersonated_user: None,
            base_url: "https://www.googleapis.com/calendar/v3/".into(),
            token_uri: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncConfig {
    /// Sync on its own (periodically and after changes) while the console runs.
    pub enabled: bool,
    pub interval: Duration,
    /// Wait this long after a local change before pushing it.
    pub debounce: Duration,
    /// Bookings that ended longer ago than this are not pushed by a full
    /// sync; events that ended longer ago are not listed.
    pub past_days: u32,
    /// Events starting later than this are not listed by a full sync (it
    /// bounds the instances of open-ended recurring events).
    pub future_days: u32,
    /// Instances of recurring events made by hand in the calendar become
    /// bookings this many weeks ahead (the rest as they come near).
    pub instance_weeks: u32,
    /// Google Calendar requests a minute (0: unpaced); Google allows 600
    /// a minute per user.
    pub requests_per_minute: u32,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            enabled: true,
            interval: Duration::from_secs(5 * 60),
            debounce: Duration::from_secs(2),
            past_days: 30,
            future_days: 180,
            instance_weeks: 12,
            requests_per_minute: crate::providers::google::DEFAULT_PER_MINUTE,
        }
    }
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl GoogleConfig {
    pub(super) fn from_file(f: GoogleFile) -> GoogleConfig {
        let mut g = GoogleConfig::default();
        if let Some(c) = nonempty(f.calendar_id) {
            g.calendar_id = c;
        }
        g.staff_calendars = f.staff_calendars.into_iter().collect();
        g.impersonated_user = nonempty(f.impersonated_user);
        if let Some(u) = nonempty(f.base_url) {
            g.base_url = u;
        }
        g.token_uri = nonempty(f.token_uri);
        g.credentials = match (nonempty(f.client_email), f.private_key, f.key_file) {
            (Some(client_email), Some(private_key), _) => Some(GoogleCredentials::Inline {
                client_email,
                private_key,
            }),
            (_, _, Some(p)) => Some(GoogleCredentials::KeyFile(p)),
            _ => None,
        };
        g
    }

    /// The environment wins over the file, variable by variable.
    pub fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) {
        let var = |k: &str| nonempty(env(k));
        if let Some(c) = var("GOOGLE_CALENDAR_ID") {
            self.calendar_id = c;
        }
        if let Some(u) = var("GOOGLE_IMPERSONATED_USER") {
            self.impersonated_user = Some(u);
        }
        if let Some(u) = var("RENOS_GOOGLE_BASE_URL") {
            self.base_url = u;
        }
        if let Some(u) = var("RENOS_GOOGLE_TOKEN_URI") {
            self.token_uri = Some(u);
        }
        if let (Some(client_email), Some(private_key)) =
            (var("GOOGLE_CLIENT_EMAIL"), var("GOOGLE_PRIVATE_KEY"))
        {
            self.credentials = Some(GoogleCredentials::Inline {
                client_email,
                private_key,
            });
        } else if let Some(p) =
            var("GOOGLE_KEY_FILE").or_else(|| var("GOOGLE_APPLICATION_CREDENTIALS"))
        {
            self.credentials = Some(GoogleCredentials::KeyFile(PathBuf::from(p)));
        }
    }

    /// Every calendar the sync covers: the shared one, then the cleaners'.
    pub fn calendars(&self) -> Vec<String> {
        let mut out = vec![self.calendar_id.clone()];
        for (_, c) in &self.staff_calendars {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
        out
    }
}

impl SyncConfig {
    pub(super) fn from_file(f: SyncFile) -> Result<SyncConfig, FieldError> {
        let mut s = SyncConfig::default();
        if let Some(e) = f.enabled {
            s.enabled = e;
        }
        if let Some(m) = f.interval_min {
            if !(1..=1440).contains(&m) {
                return Err((
                    "sync.interval_min",
                    FieldWhy::range(m, 1, 1440, Unit::Minutes),
                ));
            }
            s.interval = Duration::from_secs(u64::from(m) * 60);
        }
        if let Some(d) = f.debounce_sec {
            if d > 600 {
                return Err((
                    "sync.debounce_sec",
                    FieldWhy::range(d, 0, 600, Unit::Seconds),
                ));
            }
            s.debounce = Duration::from_secs(u64::from(d));
        }
        if let Some(p) = f.past_days {
            if p > 3650 {
                return Err(("sync.past_days", FieldWhy::range(p, 0, 3650, Unit::Days)));
            }
            s.past_days = p;
        }
        if let Some(d) = f.future_days {
            if !(1..=3650).contains(&d) {
                return Err(("sync.future_days", FieldWhy::range(d, 1, 3650, Unit::Days)));
            }
            s.future_days = d;
        }
        if let Some(w) = f.instance_weeks {
            if !(1..=104).contains(&w) {
                return Err((
                    "sync.instance_weeks",
                    FieldWhy::range(w, 1, 104, Unit::Weeks),
                ));
            }
            s.instance_weeks = w;
        }
        if let Some(r) = f.requests_per_minute {
            if r > 60_000 {
                return Err((
                    "sync.requests_per_minute",
                    FieldWhy::range_noted(r, 0, 60_000, Unit::None, RangeNote::Unpaced),
                ));
            }
            s.requests_per_minute = r;
        }
        Ok(s)
    }

    pub fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) {
        if let Some(v) = nonempty(env("CALENDAR_SYNC_ENABLED")) {
            self.enabled = matches!(v.as_str(), "1" | "true" | "yes" | "on");
        }
        // The existing services give the interval in milliseconds.
        if let Some(ms) =
            nonempty(env("CALENDAR_SYNC_INTERVAL")).and_then(|v| v.parse::<u64>().ok())
        {
            self.interval = Duration::from_millis(ms.max(1000));
        }
    }
}
