//! What every outbox delivery shares: holding an entry while it is worked
//! on, and when to try again after a provider said "not now".

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::providers::retry::{RetryPolicy, backoff, jitter_seed};

/// How long one delivery holds an entry. A delivery that dies (a crash, a
/// killed process) leaves it to come due again after this.
pub const CLAIM: chrono::Duration = chrono::Duration::seconds(120);

/// The backoff of outbox retries: 5 s, doubling, at most 10 minutes.
const POLICY: RetryPolicy = RetryPolicy {
    retries: u32::MAX,
    base: Duration::from_secs(5),
    max_wait: Duration::from_secs(600),
    timeout: Duration::from_secs(30),
};

/// When to try again after `attempts` failed tries, honouring a provider's
/// `Retry-After` (even a long one).
pub fn retry_at(now: DateTime<Utc>, attempts: i64, retry_after: Option<Duration>) -> DateTime<Utc> {
    let attempt = u32::try_from(attempts.max(0)).unwrap_or(u32::MAX);
    let wait = backoff(&POLICY, attempt, retry_after, jitter_seed())
        .or(retry_after)
        .unwrap_or(POLICY.max_wait)
        // Never sooner than a second: a tight loop helps nobody.
        .max(Duration::from_secs(1));
    now + chrono::Duration::from_std(wait).unwrap_or(CLAIM)
}

/// `s` with its first letter in upper case: a sentence for the status line.
pub fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What one round of deliveries did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Sentences for the dispatcher, one per thing that went through.
    pub done: Vec<String>,
    /// Will be tried again: what went wrong.
    pub retrying: Vec<String>,
    /// Refused for good: what the dispatcher must fix.
    pub refused: Vec<String>,
}

impl Delivered {
    pub fn is_empty(&self) -> bool {
        self.done.is_empty() && self.retrying.is_empty() && self.refused.is_empty()
    }

    pub fn extend(&mut self, other: Delivered) {
        self.done.extend(other.done);
        self.retrying.extend(other.retrying);
        self.refused.extend(other.refused);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn retries_back_off_and_honour_retry_after() {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 23, 7, 0, 0)
            .single()
            .expect("t");
        for attempts in 0..40 {
            let at = retry_at(now, attempts, None);
            assert!(at >= now + chrono::Duration::seconds(1), "{attempts}");
            assert!(at <= now + chrono::Duration::seconds(600), "{attempts}");
        }
        let at = retry_at(now, 0, Some(Duration::from_secs(30)));
        assert!(at >= now + chrono::Duration::seconds(30));
        let at = retry_at(now, 0, Some(Duration::from_secs(3600)));
        assert_eq!(at, now + chrono::Duration::seconds(3600));
    }
}
