//! What a run is asked to do ([`Direction`], [`SyncOptions`]) and what it
//! did ([`SyncReport`]), with the report's English line for the log.

use serde::Serialize;

use crate::store::SyncCounts;

use super::calendars;
use super::fault::RunError;
use super::series::LooseSeries;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Direction {
    /// Pull the calendar's changes and push the console's.
    #[default]
    Both,
    /// Only take the calendar's changes.
    Pull,
    /// Only send the console's changes.
    Push,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SyncOptions {
    pub direction: Direction,
    /// Forget the sync tokens: list every event again.
    pub force: bool,
    /// Stop pulling after this many events; the next run goes on from there.
    pub max_events: Option<usize>,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    pub direction: &'static str,
    pub full: bool,
    #[serde(flatten)]
    pub counts: SyncCounts,
    /// Changes still waiting to reach Google.
    pub pending: i64,
    /// Given up (Google refused them): the dispatcher must look.
    pub failed: i64,
    /// Bookings waiting for the dispatcher's decision.
    pub open_conflicts: i64,
    /// `--max-events` stopped the pull before the end.
    pub more: bool,
    /// Google could not be reached.
    pub offline: bool,
    pub errors: Vec<RunError>,
    /// Calendar API requests made.
    pub requests: u64,
    /// Recurring events made by hand taken in as series.
    pub series_taken: i64,
    /// Recurring events made by hand kept as single bookings: a series
    /// cannot hold their rule.
    pub loose_series: Vec<LooseSeries>,
    /// How the cleaners' calendars on other providers went.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub calendars: Vec<calendars::CalendarRun>,
    /// Recurring items made by hand in those calendars, not taken in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_taken: Vec<calendars::NotTaken>,
}

impl SyncReport {
    /// One line for the dispatcher.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        let mut s = format!(
            "{}{} sync: {} events read, {} bookings created, {} updated, {} cancelled, {} events written, {} conflicts",
            if self.full { "full " } else { "" },
            self.direction,
            c.pulled,
            c.created,
            c.updated,
            c.deleted,
            c.pushed,
            c.conflicts
        );
        if self.pending > 0 {
            s.push_str(&format!("; {} pending", self.pending));
        }
        if self.open_conflicts > 0 {
            s.push_str(&format!("; {} conflicts wait for you", self.open_conflicts));
        }
        if self.series_taken > 0 {
            s.push_str(&format!(
                "; {} recurring events taken in as series",
                self.series_taken
            ));
        }
        for l in &self.loose_series {
            s.push_str(&format!(
                "; {:?} kept as single bookings: a series cannot hold its rule ({})",
                l.summary.trim(),
                l.why
            ));
        }
        for n in &self.not_taken {
            s.push_str(&format!(
                "; {:?}, a recurring event made by hand in {}'s calendar, is not taken in: book it as a series here",
                n.summary.trim(),
                n.cleaner
            ));
        }
        if self.more {
            s.push_str("; more events remain (run again)");
        }
        if self.offline {
            s.push_str("; offline");
        }
        s
    }
}
