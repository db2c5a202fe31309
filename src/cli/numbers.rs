//! The ranges of the numeric options: a value outside is refused by the
//! argument parser with the range in its message (exit code 2), before any
//! work or allocation depends on it.

use clap::builder::RangedI64ValueParser;

/// Most records or events per import transaction.
pub const MAX_BATCH: i64 = 100_000;
/// Most lines a listing (journal, alerts) prints.
pub const MAX_LIST: i64 = 100_000;
/// Most events one sync run reads.
pub const MAX_EVENTS: i64 = 10_000_000;

/// A booking's number: 1 and up.
pub fn booking() -> RangedI64ValueParser<i64> {
    RangedI64ValueParser::<i64>::new().range(1..)
}

/// A count from 1 to `max` (read as a signed number, so `-1` is told the
/// range too).
pub fn count(max: i64) -> RangedI64ValueParser<usize> {
    RangedI64ValueParser::<usize>::new().range(1..=max)
}
