//! The sync's news in words: the header's state, a run's summary, why a
//! run failed.

use chrono::{DateTime, Utc};

use super::{Part, plural};
use crate::engine::sync::{RunOutcome, SyncFailure, SyncReport, SyncStatus};

/// The header's words when Google is not set up.
pub const NOT_SET_UP_STATUS: &str = "Google: not set up";

/// The answer to `S` when Google is not set up.
pub const NOT_SET_UP_MESSAGE: &str = "Google Calendar is not set up: set GOOGLE_CLIENT_EMAIL and \
     GOOGLE_PRIVATE_KEY (or GOOGLE_KEY_FILE, or [google] key_file in the config), then start \
     the console again";

/// "2 min ago", "3 h ago", "just now".
fn ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (now - at).num_minutes().max(0) {
        0 => "just now".to_string(),
        m if m < 60 => format!("{m} min ago"),
        m if m < 48 * 60 => format!("{} h ago", m / 60),
        m => format!("{} days ago", m / (24 * 60)),
    }
}

/// The sync's state in parts: "synced 2 min ago", "3 pending",
/// "offline", "2 conflicts", "never synced".
pub fn status_parts(s: &SyncStatus, now: DateTime<Utc>) -> Vec<Part> {
    let mut parts = vec![match s.last {
        None => Part::new("never synced", false),
        Some(run) => match run.outcome {
            RunOutcome::Running => Part::new("syncing…", false),
            RunOutcome::Offline => Part::new("offline", true),
            RunOutcome::Synced => Part {
                text: format!("synced {}", ago(run.at, now)),
                short: "synced".into(),
                urgent: false,
            },
            RunOutcome::Failed => Part {
                text: format!("sync failed {}", ago(run.at, now)),
                short: "sync failed".into(),
                urgent: true,
            },
        },
    }];
    if s.pending > 0 {
        parts.push(Part::new(format!("{} pending", s.pending), false));
    }
    if s.failed > 0 {
        parts.push(Part::new(format!("{} refused", s.failed), true));
    }
    if s.conflicts > 0 {
        let n = s.conflicts as i64;
        parts.push(Part::new(plural(n, "conflict", "conflicts"), true));
    }
    parts
}

/// The sync's state in one line: "synced 2 min ago · 3 pending".
pub fn status_line(s: &SyncStatus, now: DateTime<Utc>) -> String {
    status_parts(s, now)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One short line for the status bar about a run: only what happened,
/// what needs the dispatcher first (the status bar may cut the end).
pub fn sync_summary(r: &SyncReport) -> String {
    let c = &r.counts;
    let mut parts = Vec::new();
    if let Some(first) = r.errors.first() {
        parts.push(match r.errors.len() {
            1 => first.clone(),
            n => format!("{first} (and {} more)", n - 1),
        });
    }
    if r.open_conflicts > 0 {
        parts.push(format!(
            "{} — press C",
            plural(r.open_conflicts, "conflict waits", "conflicts wait")
        ));
    }
    let done: Vec<String> = [
        (c.pulled, "read"),
        (c.created, "new"),
        (c.updated, "updated"),
        (c.deleted, "cancelled"),
        (c.pushed, "written"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    parts.push(if done.is_empty() {
        "no changes".to_string()
    } else {
        done.join(", ")
    });
    if r.series_taken > 0 {
        parts.push(plural(
            r.series_taken,
            "recurring event from Google is a series now",
            "recurring events from Google are series now",
        ));
    }
    match r.loose_series.as_slice() {
        [] => {}
        [one] => parts.push(format!(
            "\"{}\" repeats in a way a series cannot hold ({}): kept as single bookings",
            one.summary.trim(),
            one.why
        )),
        [first, rest @ ..] => parts.push(format!(
            "\"{}\" and {} more repeat in ways a series cannot hold: kept as single bookings",
            first.summary.trim(),
            rest.len()
        )),
    }
    if r.pending > 0 {
        parts.push(format!("{} pending", r.pending));
    }
    if r.failed > 0 {
        parts.push(format!(
            "{} refused by Google",
            plural(r.failed, "change", "changes")
        ));
    }
    if r.more {
        parts.push("more to read next time".to_string());
    }
    format!(
        "{}{}: {}",
        if r.errors.is_empty() {
            "Synced"
        } else {
            "Sync incomplete"
        },
        if r.full { " (full)" } else { "" },
        parts.join("; ")
    )
}

/// Why a run did not go through, and what to do.
pub fn sync_failure(f: &SyncFailure) -> String {
    match f {
        SyncFailure::NotSetUp => NOT_SET_UP_MESSAGE.to_string(),
        SyncFailure::Connect(e) => {
            format!("Cannot connect to Google Calendar: {e}; check the Google settings")
        }
        SyncFailure::Database(e) => format!("The sync cannot open the database: {e}"),
        SyncFailure::Start(e) => format!("The sync cannot start: {e}"),
        SyncFailure::Panicked => "The sync stopped on an internal error; it will start afresh \
                                  next time (details in the log)"
            .to_string(),
        SyncFailure::Run(e) => format!("Sync failed: {e}"),
        SyncFailure::Offline { pending: 0 } => {
            "Offline: Google Calendar cannot be reached; the sync tries again by itself".to_string()
        }
        SyncFailure::Offline { pending } => format!(
            "Offline: Google Calendar cannot be reached; {} wait and go out once it answers",
            plural(*pending, "change", "changes")
        ),
        SyncFailure::Incomplete(r) => sync_summary(r),
    }
}

#[cfg(test)]
mod tests;
