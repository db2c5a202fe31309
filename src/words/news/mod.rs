//! The words for the engine's news. The sync, the back office and the
//! store worker send typed values; these functions say them, so rewording
//! a message can never change what the console does.

mod alert;
mod connections;
mod customer;
mod jobs;
mod journal;
mod office;
mod run_error;
mod series;
mod stale;
mod sync;
mod undo;
mod worker;

pub use alert::alert_state;
pub use connections::{
    cleaners_calendar, connection_part, connection_sentence, connections_folded,
};
pub use customer::{
    customer_added, customer_loading, customer_saved, lookalike_question, phone_words,
};
pub use jobs::{
    cannot_move, clash_reason_needed, finish_too_soon, left_where_it_was, not_moved,
    running_keeps_times, running_needs_cleaner, running_not_moved,
};
pub use journal::{changes as journal_changes, sentence as journal_sentence, what as journal_what};
pub use office::{
    delivery, draft_question, invoice_state, month_counting, month_draft_question, month_name,
    month_nothing, month_question, month_words, office_done, office_failure, provider_part,
};
pub use run_error::{google_error, logged_google_error, logged_run_errors, loose_why, run_error};
pub use series::{
    next_dates, scope_label, scoped, series_created, series_form_words, series_line, undone_series,
};
pub use stale::{booking_status, field_label, field_value, stale_headline};
pub use sync::{
    conflict_kind, not_set_up_message, not_set_up_status, status_line, status_parts,
    sync_attention, sync_failure, sync_summary,
};
pub use undo::{undo_refusal, undo_what};
pub use worker::{not_loaded, outcome, refusal, saved, settled, tell_new_cleaner_question};

use crate::domain::BookingChange;
use crate::engine::service::ServiceNews;
use crate::i18n::Words;

/// A piece of the header's state: its words, the same shorter, and
/// whether it needs the dispatcher (shown in the warning style).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    /// Without how long ago ("synced" for "synced 2 min ago").
    pub short: String,
    pub urgent: bool,
}

impl Part {
    fn new(text: impl Into<String>, urgent: bool) -> Part {
        let text = text.into();
        Part {
            short: text.clone(),
            text,
            urgent,
        }
    }
}

/// What a change was, as a noun: "move", "cancellation" ("change" when
/// unknown).
pub fn change_noun(w: Words, c: Option<BookingChange>) -> String {
    let key = match c {
        None => "change-unknown",
        Some(BookingChange::Add | BookingChange::Visit) => "change-add",
        Some(BookingChange::Edit) => "change-edit",
        Some(BookingChange::Move) => "change-move",
        Some(BookingChange::Reassign) => "change-reassign",
        Some(BookingChange::Cancel) => "change-cancel",
        Some(BookingChange::Start) => "change-start",
        Some(BookingChange::Finish) => "change-finish",
        Some(BookingChange::Approve) => "change-approve",
        Some(BookingChange::Sync) => "change-sync",
        Some(BookingChange::Import) => "change-import",
        Some(BookingChange::ImportUpdate) => "change-import-update",
        Some(BookingChange::Undo) => "change-undo",
        Some(BookingChange::Redo) => "change-redo",
        Some(BookingChange::Remove) => "change-remove",
        Some(BookingChange::Series) => "change-series",
    };
    w.get(key)
}

/// `n one` or `n many`.
pub fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What the dispatcher hears of a background service that stopped
/// (`what` names it: "The background sync"); `None` for what only the log
/// needs.
pub fn service_news(w: Words, what: &str, news: &ServiceNews) -> Option<String> {
    match news {
        ServiceNews::CouldNotStart { error, .. } => Some(w.with(
            "service-could-not-start",
            &[("what", what.into()), ("error", error.to_string().into())],
        )),
        ServiceNews::Panicked { .. } => Some(w.with("service-panicked", &[("what", what.into())])),
        ServiceNews::Failed { .. } => None,
    }
}
