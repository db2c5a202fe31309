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
    pub fn parse_fixed(s: &str) -> Result<Clock, String> {
        DateTime::parse_from_rfc3339(s.trim())
            .map(|t| Clock::Fixed(t.with_timezone(&Utc)))
            .map_err(|e| {
                format!("{s:?} is not an RFC 3339 time ({e}); write e.g. 2026-11-20T10:30:00+01:00")
            })
    }
}
