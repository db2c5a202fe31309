//! The sync's news in words: the header's state, a run's summary, why a
//! run failed.

use chrono::{DateTime, Utc};

use super::Part;
use super::run_error::{loose_why, run_error};
use crate::domain::sync::ConflictKind;
use crate::engine::sync::{RunOutcome, SyncFailure, SyncReport, SyncStatus};
use crate::i18n::Words;

/// The header's words when Google is not set up.
pub fn not_set_up_status(w: Words) -> String {
    w.get("sync-not-set-up-status")
}

/// The answer to `S` when Google is not set up.
pub fn not_set_up_message(w: Words) -> String {
    w.get("sync-not-set-up")
}

/// What the conflict is: "changed on both sides: start, notes".
pub fn conflict_kind(w: Words, kind: &ConflictKind) -> String {
    match kind {
        ConflictKind::Fields(fs) => {
            let names: Vec<String> = fs
                .iter()
                .map(|f| w.with("conflicts-field", &[("field", f.label().into())]))
                .collect();
            w.with(
                "conflicts-both-changed",
                &[("fields", names.join(", ").into())],
            )
        }
        ConflictKind::DeletedThere => w.get("conflicts-deleted-there"),
        ConflictKind::CancelledHere => w.get("conflicts-cancelled-here-edited"),
    }
}

/// "2 min ago", "3 h ago", "just now".
fn ago(w: Words, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (now - at).num_minutes().max(0) {
        0 => w.get("ago-now"),
        m if m < 60 => w.with("ago-min", &[("n", m.into())]),
        m if m < 48 * 60 => w.with("ago-h", &[("n", (m / 60).into())]),
        m => w.with("ago-days", &[("n", (m / (24 * 60)).into())]),
    }
}

/// The sync's state in parts: "synced 2 min ago", "3 pending",
/// "offline", "2 sync conflicts", "never synced".
pub fn status_parts(w: Words, s: &SyncStatus, now: DateTime<Utc>) -> Vec<Part> {
    let mut parts = vec![match s.last {
        None => Part::new(w.get("sync-never"), false),
        Some(run) => match run.outcome {
            RunOutcome::Running => Part::new(w.get("sync-running"), false),
            RunOutcome::Offline => Part::new(w.get("sync-offline"), true),
            RunOutcome::Synced => Part {
                text: w.with("sync-synced-ago", &[("ago", ago(w, run.at, now).into())]),
                short: w.get("sync-synced"),
                urgent: false,
            },
            RunOutcome::Failed => Part {
                text: w.with("sync-failed-ago", &[("ago", ago(w, run.at, now).into())]),
                short: w.get("sync-failed"),
                urgent: true,
            },
        },
    }];
    if s.pending > 0 {
        parts.push(Part::new(
            w.with("sync-pending", &[("n", s.pending.into())]),
            false,
        ));
    }
    if s.failed > 0 {
        parts.push(Part::new(
            w.with("sync-refused", &[("n", s.failed.into())]),
            true,
        ));
    }
    if s.conflicts > 0 {
        parts.push(Part::new(
            w.with("sync-conflicts", &[("n", s.conflicts.into())]),
            true,
        ));
    }
    parts
}

/// The sync's state in one line: "synced 2 min ago · 3 pending".
pub fn status_line(w: Words, s: &SyncStatus, now: DateTime<Utc>) -> String {
    status_parts(w, s, now)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One short line for the status bar about a run: only what happened,
/// what needs the dispatcher first (the status bar may cut the end).
pub fn sync_summary(w: Words, r: &SyncReport) -> String {
    let c = &r.counts;
    let mut parts = Vec::new();
    if let Some(first) = r.errors.first() {
        let first = run_error(w, first);
        parts.push(match r.errors.len() {
            1 => first,
            n => w.with(
                "sync-error-and-more",
                &[("first", first.into()), ("n", (n - 1).into())],
            ),
        });
    }
    if r.open_conflicts > 0 {
        parts.push(w.with("sync-conflicts-wait", &[("n", r.open_conflicts.into())]));
    }
    let done: Vec<String> = [
        (c.pulled, "sync-read"),
        (c.created, "sync-new"),
        (c.updated, "sync-updated"),
        (c.deleted, "sync-cancelled"),
        (c.pushed, "sync-written"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, key)| w.with(key, &[("n", n.into())]))
    .collect();
    parts.push(if done.is_empty() {
        w.get("sync-no-changes")
    } else {
        done.join(", ")
    });
    if r.series_taken > 0 {
        parts.push(w.with("sync-series-taken", &[("n", r.series_taken.into())]));
    }
    parts.extend(left_as_they_were(w, r));
    if r.pending > 0 {
        parts.push(w.with("sync-pending", &[("n", r.pending.into())]));
    }
    if r.failed > 0 {
        parts.push(w.with("sync-refused-by-google", &[("n", r.failed.into())]));
    }
    if r.more {
        parts.push(w.get("sync-more-next-time"));
    }
    let head = match (r.errors.is_empty(), r.full) {
        (true, false) => w.get("sync-done"),
        (true, true) => w.get("sync-done-full"),
        (false, false) => w.get("sync-incomplete"),
        (false, true) => w.get("sync-incomplete-full"),
    };
    format!("{head}: {}", parts.join("; "))
}

/// What a run could not make the console's own, for the dispatcher to
/// look at: recurring events made by hand a series cannot hold (kept as
/// single bookings), and ones in cleaners' own calendars not taken in.
fn left_as_they_were(w: Words, r: &SyncReport) -> Vec<String> {
    let mut out = Vec::new();
    match r.loose_series.as_slice() {
        [] => {}
        [one] => out.push(w.with(
            "sync-loose-series-one",
            &[
                ("summary", one.summary.trim().to_string().into()),
                ("why", loose_why(w, &one.why).into()),
            ],
        )),
        [first, rest @ ..] => out.push(w.with(
            "sync-loose-series-more",
            &[
                ("summary", first.summary.trim().to_string().into()),
                ("n", rest.len().into()),
            ],
        )),
    }
    match r.not_taken.as_slice() {
        [] => {}
        [one] => out.push(w.with(
            "sync-not-taken-one",
            &[
                ("summary", one.summary.trim().to_string().into()),
                ("cleaner", one.cleaner.as_str().into()),
            ],
        )),
        [first, rest @ ..] => out.push(w.with(
            "sync-not-taken-more",
            &[
                ("summary", first.summary.trim().to_string().into()),
                ("n", rest.len().into()),
            ],
        )),
    }
    out
}

/// What a run the dispatcher did not ask for must still tell them (the
/// recurring events made by hand it could not take in as series), as a
/// warning; `None` when there is nothing to look at.
pub fn sync_attention(w: Words, r: &SyncReport) -> Option<String> {
    let parts = left_as_they_were(w, r);
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Why a run did not go through, and what to do.
pub fn sync_failure(w: Words, f: &SyncFailure) -> String {
    match f {
        SyncFailure::NotSetUp => not_set_up_message(w),
        SyncFailure::Connect(e) => w.with("sync-cannot-connect", &[("error", e.as_str().into())]),
        SyncFailure::Database(e) => w.with("sync-cannot-open-db", &[("error", e.as_str().into())]),
        SyncFailure::Start(e) => w.with("sync-cannot-start", &[("error", e.as_str().into())]),
        SyncFailure::Panicked => w.get("sync-panicked"),
        SyncFailure::Run(e) => w.with("sync-run-failed", &[("error", e.as_str().into())]),
        SyncFailure::Offline { pending, .. } => {
            w.with("sync-offline-long", &[("pending", (*pending).into())])
        }
        SyncFailure::Incomplete(r) => sync_summary(w, r),
    }
}

#[cfg(test)]
mod tests;
