//! Pacing: Google Calendar allows about 600 requests a minute per user
//! (https://developers.google.com/calendar/api/guides/quota). A burst goes
//! out at once; after it, requests are spaced so a long push stays under
//! the quota instead of running into a window of 403s.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A token bucket: `burst` requests at once, then `per_minute`.
#[derive(Debug)]
pub struct Pacer {
    per_sec: f64,
    burst: f64,
    state: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Pacer {
    /// `per_minute == 0` paces nothing. The burst is a fifth of a minute's
    /// budget (at most 100), so no 60 seconds carry more than
    /// `per_minute + burst` requests (600 for the default 500).
    pub fn new(per_minute: u32) -> Pacer {
        let burst = f64::from((per_minute / 5).clamp(1, 100));
        Pacer {
            per_sec: f64::from(per_minute) / 60.0,
            burst,
            state: Mutex::new(Bucket {
                tokens: burst,
                at: Instant::now(),
            }),
        }
    }

    /// How long the next request must wait; takes its turn.
    pub fn turn(&self) -> Duration {
        if self.per_sec <= 0.0 {
            return Duration::ZERO;
        }
        let Ok(mut b) = self.state.lock() else {
            // A panic elsewhere while holding the lock: pace nothing rather
            // than stop every request.
            return Duration::ZERO;
        };
        let now = Instant::now();
        let refill = now.duration_since(b.at).as_secs_f64() * self.per_sec;
        b.tokens = (b.tokens + refill).min(self.burst);
        b.at = now;
        b.tokens -= 1.0;
        if b.tokens >= 0.0 {
            Duration::ZERO
        } else {
            // The deficit is this request's place in the queue.
            Duration::from_secs_f64(-b.tokens / self.per_sec)
        }
    }

    /// Waits for this request's turn.
    pub async fn wait(&self) {
        let d = self.turn();
        if !d.is_zero() {
            tokio::time::sleep(d).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_goes_at_once_then_requests_are_spaced() {
        let p = Pacer::new(600);
        for _ in 0..100 {
            assert_eq!(p.turn(), Duration::ZERO);
        }
        // 10 a second: the next waits about 0.1 s, the one after 0.2 s.
        let a = p.turn().as_secs_f64();
        let b = p.turn().as_secs_f64();
        assert!((0.05..0.15).contains(&a), "{a}");
        assert!((0.15..0.25).contains(&b), "{b}");
    }

    #[test]
    fn zero_paces_nothing() {
        let p = Pacer::new(0);
        for _ in 0..1000 {
            assert_eq!(p.turn(), Duration::ZERO);
        }
    }
}
