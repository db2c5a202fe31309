//! What the console says when a key on a job cannot do what it would: a
//! running job asked to move in time, a job finished right after its start.

/// Enter in move mode on a running job left where it was.
pub fn running_not_moved(id: i64, cleaner_keys: &str, finish_key: &str) -> String {
    format!(
        "Booking #{id} not moved: a running job keeps its times. {cleaner_keys} in move mode gives it to another cleaner; {finish_key} finishes it now."
    )
}

/// `f` on a job started under a minute ago (the words that matter first:
/// the status line cuts the rest at 80 columns).
pub fn finish_too_soon(undo_key: &str) -> String {
    format!(
        "Not finished: it ran under a minute, 0 minutes would be recorded. {undo_key} takes back a start made by mistake."
    )
}
