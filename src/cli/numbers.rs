//! The ranges of the numeric options: a value outside is refused by the
//! argument parser with the range in its message (exit code 2), before any
//! work or allocation depends on it.

use clap::builder::{RangedI64ValueParser, RangedU64ValueParser};

/// Most records or events per import transaction.
pub const MAX_BATCH: u64 = 100_000;
/// Most lines a listing (journal, alerts) prints.
pub const MAX_LIST: u64 = 100_000;
/// Most events one sync run reads.
pub const MAX_EVENTS: u64 = 10_000_000;

/// A booking's number: 1 and up.
pub fn booking() -> RangedI64ValueParser<i64> {
    RangedI64ValueParser::<i64>::new().range(1..)
}

/// A count from 1 to `max`.
pub fn count(max: u64) -> RangedU64ValueParser<usize> {
    RangedU64ValueParser::<usize>::new().range(1..=max)
}
