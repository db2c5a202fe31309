//! Random ids for every fake: from the system, with a fallback.

use chrono::Utc;

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
