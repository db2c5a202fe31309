//! The rate of each token: a bucket of `burst` requests that fills at
//! `rate_per_minute`; an empty bucket answers 429 with the seconds until
//! the next request is allowed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use crate::config::ApiConfig;

pub(super) struct Limiter {
    per_sec: f64,
    burst: f64,
    buckets: Mutex<HashMap<i64, Bucket>>,
}

struct Bucket {
    left: f64,
    at: Instant,
}

impl Limiter {
    pub(super) fn new(config: ApiConfig) -> Limiter {
        Limiter {
            per_sec: f64::from(config.rate_per_minute) / 60.0,
            burst: f64::from(config.burst),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from the token's bucket, or says how many
    /// seconds to wait.
    pub(super) fn take(&self, token: i64) -> Result<(), u64> {
        self.take_at(token, Instant::now())
    }

    fn take_at(&self, token: i64, now: Instant) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let b = buckets.entry(token).or_insert(Bucket {
            left: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
        b.left = (b.left + elapsed * self.per_sec).min(self.burst);
        b.at = now;
        if b.left >= 1.0 {
            b.left -= 1.0;
            return Ok(());
        }
        let wait = ((1.0 - b.left) / self.per_sec).ceil();
        Err(if wait.is_finite() && wait >= 1.0 {
            wait as u64
        } else {
            1
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_burst_then_the_rate() {
        let l = Limiter::new(ApiConfig {
            rate_per_minute: 60,
            burst: 3,
            body_limit_kib: 64,
        });
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.take_at(1, t0).is_ok());
        }
        assert_eq!(l.take_at(1, t0), Err(1));
        assert!(l.take_at(2, t0).is_ok(), "each token has its own bucket");
        assert!(l.take_at(1, t0 + Duration::from_secs(1)).is_ok());
        assert!(l.take_at(1, t0 + Duration::from_secs(1)).is_err());
    }
}
