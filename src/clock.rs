//! "Now", injected: the system clock, or a fixed instant (`--now`,
//! `RENOS_NOW`) so tests and screenshots are comparable.

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }

    /// Parses an RFC 3339 instant such as `2026-11-20T10:30:00+01:00`.
    pub fn parse_fixed(s: &str) -> Result<Clock, NotAnInstant> {
        DateTime::parse_from_rfc3339(s.trim())
            .map(|t| Clock::Fixed(t.with_timezone(&Utc)))
            .map_err(|e| NotAnInstant {
                text: s.to_string(),
                detail: e.to_string(),
            })
    }
}

/// A fixed "now" (`--now`, `RENOS_NOW`) that is not an RFC 3339 instant:
/// what was given, and the reader's own words. Worded in the language by
/// `words::values::instant_error`; `Display` is the English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnInstant {
    pub text: String,
    pub detail: String,
}

impl std::fmt::Display for NotAnInstant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?} is not an RFC 3339 time ({}); write e.g. 2026-11-20T10:30:00+01:00",
            self.text, self.detail
        )
    }
}
