//! The ranges of the numeric options: a value outside is refused by the
//! argument parser with the range in its message (exit code 2), before any
//! work or allocation depends on it.

use super::help::Refused;

/// Most records or events per import transaction.
pub const MAX_BATCH: i64 = 100_000;
/// Most lines a listing (journal, alerts) prints.
pub const MAX_LIST: i64 = 100_000;
/// Most events one sync run reads.
pub const MAX_EVENTS: i64 = 10_000_000;

/// A booking's number: 1 and up.
pub fn booking() -> impl Fn(&str) -> Result<i64, Refused> + Clone + Send + Sync + 'static {
    |text| Refused::whole(text, 1, None)
}

/// A count from 1 to `max` (read as a signed number, so `-1` is told the
/// range too).
pub fn count(max: i64) -> impl Fn(&str) -> Result<usize, Refused> + Clone + Send + Sync + 'static {
    move |text| {
        let n = Refused::whole(text, 1, Some(max))?;
        usize::try_from(n).map_err(|_| Refused::OutOfRange {
            value: n,
            low: 1,
            high: Some(max),
        })
    }
}
