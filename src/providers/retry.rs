//! Retrying a provider call: how often, how long to wait (backoff with full
//! jitter, or the provider's `Retry-After`), and short messages from long
//! answers. Shared by every client; pure, apart from the jitter seed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};

/// How often and how long to try again after a rate limit, a server error or
/// a lost connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Extra attempts after the first (3: at most 4 attempts).
    pub retries: u32,
    /// First back-off step; doubled on every retry.
    pub base: Duration,
    /// No single wait is longer than this.
    pub max_wait: Duration,
    /// Each HTTP request (token requests included) gives up after this.
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            retries: 3,
            base: Duration::from_millis(500),
            max_wait: Duration::from_secs(30),
            timeout: Duration::from_secs(30),
        }
    }
}

/// Longest message kept from an answer.
const MESSAGE_MAX: usize = 300;

/// At most [`MESSAGE_MAX`] characters, on one line.
pub fn clip(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one_line = one_line.trim();
    if one_line.chars().count() <= MESSAGE_MAX {
        one_line.to_string()
    } else {
        let mut cut: String = one_line.chars().take(MESSAGE_MAX).collect();
        cut.push('…');
        cut
    }
}

/// `Retry-After`: delay seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at.with_timezone(&Utc) - now;
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// The wait before retry number `attempt + 1` (`attempt` counts the retries
/// already made), or `None` when no retry should be made: the retries are
/// used up, or Google asked for a longer pause than `max_wait` (the error
/// then goes to the caller, who can come back later).
///
/// Without `Retry-After`: full jitter, a uniform pick from
/// `0 ..= min(base · 2^attempt, max_wait)` driven by `random`. With it: the
/// asked-for pause plus a small jitter, never more than `max_wait`.
pub fn backoff(
    policy: &RetryPolicy,
    attempt: u32,
    retry_after: Option<Duration>,
    random: u64,
) -> Option<Duration> {
    if attempt >= policy.retries {
        return None;
    }
    let cap = policy.max_wait;
    let factor = 1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX);
    let ceiling = policy.base.checked_mul(factor).unwrap_or(cap).min(cap);
    match retry_after {
        Some(asked) if asked > cap => None,
        Some(asked) => {
            let spare = (cap - asked).min(policy.base);
            Some(asked + fraction(spare, random))
        }
        None => Some(fraction(ceiling, random)),
    }
}

/// `random / u64::MAX` of `d`, in nanoseconds.
fn fraction(d: Duration, random: u64) -> Duration {
    let nanos = d.as_nanos();
    let picked = nanos * u128::from(random) / u128::from(u64::MAX);
    Duration::from_nanos(u64::try_from(picked).unwrap_or(u64::MAX))
}

/// A cheap pseudo-random number for jitter: the clock's nanoseconds and a
/// counter through splitmix64. Not for anything secret.
pub fn jitter_seed() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    splitmix64(nanos ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn messages_are_clipped_to_one_line() {
        let long = "x".repeat(1000);
        let message = clip(&format!("a\nb {long}"));
        assert!(message.starts_with("a b x"));
        assert_eq!(message.chars().count(), MESSAGE_MAX + 1);
        assert_eq!(clip("  short  "), "short");
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
            .single()
            .expect("t");
        assert_eq!(
            parse_retry_after(" 12 ", now),
            Some(Duration::from_secs(12))
        );
        assert_eq!(
            parse_retry_after("Mon, 02 Mar 2026 08:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Mon, 02 Mar 2026 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    fn policy() -> RetryPolicy {
        RetryPolicy {
            retries: 3,
            base: Duration::from_millis(500),
            max_wait: Duration::from_secs(30),
            timeout: Duration::from_secs(30),
        }
    }

    #[test]
    fn backoff_grows_within_bounds() {
        let p = policy();
        for attempt in 0..3 {
            let ceiling = Duration::from_millis(500 * (1 << attempt));
            assert_eq!(backoff(&p, attempt, None, u64::MAX), Some(ceiling));
            assert_eq!(backoff(&p, attempt, None, 0), Some(Duration::ZERO));
            for i in 0..200u64 {
                let d = backoff(&p, attempt, None, splitmix64(i)).expect("retry");
                assert!(d <= ceiling, "{d:?} > {ceiling:?}");
            }
        }
        assert_eq!(
            backoff(&p, 1, None, u64::MAX / 2),
            Some(Duration::from_nanos(499_999_999))
        );
    }

    #[test]
    fn backoff_stops_after_the_retries() {
        let p = policy();
        assert_eq!(backoff(&p, 3, None, 1), None);
        let none = RetryPolicy { retries: 0, ..p };
        assert_eq!(backoff(&none, 0, None, 1), None);
    }

    #[test]
    fn backoff_is_capped() {
        let p = RetryPolicy {
            retries: 100,
            ..policy()
        };
        assert_eq!(backoff(&p, 10, None, u64::MAX), Some(p.max_wait));
        assert_eq!(backoff(&p, 40, None, u64::MAX), Some(p.max_wait));
        assert_eq!(backoff(&p, 99, None, u64::MAX), Some(p.max_wait));
    }

    #[test]
    fn backoff_honours_retry_after() {
        let p = policy();
        let asked = Duration::from_secs(5);
        for r in [0, 1, u64::MAX / 3, u64::MAX] {
            let d = backoff(&p, 0, Some(asked), r).expect("retry");
            assert!(d >= asked && d <= asked + p.base, "{d:?}");
        }
        assert_eq!(backoff(&p, 0, Some(p.max_wait), u64::MAX), Some(p.max_wait));
        assert_eq!(backoff(&p, 0, Some(Duration::from_secs(31)), 0), None);
        assert_eq!(
            backoff(&p, 0, Some(Duration::ZERO), 0),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn jitter_seeds_differ() {
        let a = jitter_seed();
        let b = jitter_seed();
        assert_ne!(a, b);
    }
}
