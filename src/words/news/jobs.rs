//! What the console says when a key on a job cannot do what it would: a
//! running job asked to move in time, a job finished right after its start,
//! and the other words of move mode.

use crate::domain::BookingStatus;
use crate::i18n::Words;

/// Enter in move mode on a running job left where it was.
pub fn running_not_moved(w: Words, id: i64, cleaner_keys: &str, finish_key: &str) -> String {
    w.with(
        "move-running-not-moved",
        &[
            ("id", id.into()),
            ("cleaner", cleaner_keys.into()),
            ("finish", finish_key.into()),
        ],
    )
}

/// `f` on a job started under a minute ago (the words that matter first:
/// the status line cuts the rest at 80 columns).
pub fn finish_too_soon(w: Words, undo_key: &str) -> String {
    w.with("job-finish-too-soon", &[("undo", undo_key.into())])
}

/// Enter in move mode with nothing changed.
pub fn not_moved(w: Words, id: i64) -> String {
    w.with("move-not-moved", &[("id", id.into())])
}

/// `m` on a job that is done or cancelled.
pub fn cannot_move(w: Words, id: i64, status: BookingStatus) -> String {
    w.with(
        "move-cannot-move",
        &[("id", id.into()), ("status", status.as_str().into())],
    )
}

/// The reason question left empty.
pub fn clash_reason_needed(w: Words, back_key: &str) -> String {
    w.with("move-reason-needed", &[("back", back_key.into())])
}

/// Esc in move mode.
pub fn left_where_it_was(w: Words, id: i64) -> String {
    w.with("move-left", &[("id", id.into())])
}

/// ← or → on a running job.
pub fn running_keeps_times(w: Words, cleaner_keys: &str) -> String {
    w.with(
        "move-running-keeps-times",
        &[("cleaner", cleaner_keys.into())],
    )
}

/// A running job moved off every cleaner.
pub fn running_needs_cleaner(w: Words) -> String {
    w.get("move-running-needs-cleaner")
}
