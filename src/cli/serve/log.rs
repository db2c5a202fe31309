//! What `renos serve`'s services tell, for the log: in the console's words
//! (`tui::view::news`), at a level that says how much it matters.

use chrono::{DateTime, Utc};

use crate::engine::office::OfficeEvent;
use crate::engine::service::ServiceNews;
use crate::engine::sync::SyncEvent;
use crate::words::news;

const TARGET: &str = "renos::serve";

/// The log is written in English, whatever the console speaks.
fn log_words() -> crate::i18n::Words {
    crate::i18n::Language::En.words()
}

/// Whether the service that sent the news still runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Service {
    Runs,
    /// It could not start or stopped on an internal error.
    Gone,
}

/// Logs the sync's news.
pub(super) fn sync(event: &SyncEvent, now: DateTime<Utc>) -> Service {
    match event {
        SyncEvent::Status(s) => {
            tracing::debug!(target: TARGET, "sync: {}", news::status_line(log_words(), s, now));
        }
        SyncEvent::StatusUnknown(e) => {
            tracing::warn!(target: TARGET, "sync: cannot read its state: {e}");
        }
        SyncEvent::Started => tracing::debug!(target: TARGET, "sync: run started"),
        SyncEvent::Finished { report, .. } => {
            tracing::info!(target: TARGET, "sync: {}", news::sync_summary(log_words(), report));
        }
        SyncEvent::Failed { failure, .. } => {
            tracing::warn!(target: TARGET, "sync: {}", news::sync_failure(log_words(), failure));
        }
        SyncEvent::NotSetUp => {
            tracing::info!(target: TARGET, "sync: Google Calendar is not set up");
        }
        SyncEvent::Calendars(_) => {}
        SyncEvent::Service(n) => return service("The background sync", n),
    }
    Service::Runs
}

/// Logs the back office's news.
pub(super) fn office(event: &OfficeEvent) -> Service {
    match event {
        OfficeEvent::Providers(states) => {
            let parts: Vec<news::Part> = states
                .iter()
                .map(|h| news::provider_part(crate::i18n::Language::En.words(), h))
                .collect();
            let words: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
            if parts.iter().any(|p| p.urgent) {
                tracing::warn!(target: TARGET, "providers: {}", words.join(", "));
            } else {
                tracing::info!(target: TARGET, "providers: {}", words.join(", "));
            }
        }
        OfficeEvent::Done(d) => {
            tracing::info!(target: TARGET, "{}", news::office_done(crate::i18n::Language::En.words(), d))
        }
        OfficeEvent::Failed(f) => {
            tracing::warn!(target: TARGET, "{}", news::office_failure(crate::i18n::Language::En.words(), f))
        }
        OfficeEvent::DraftReady { booking, .. } => tracing::info!(
            target: TARGET,
            booking,
            "a draft invoice waits for a dispatcher's approval"
        ),
        // Only the console asks for a month's quote and invoices a month.
        OfficeEvent::MonthQuoted(_) | OfficeEvent::MonthDraftReady { .. } => {}
        OfficeEvent::Service(n) => return service("The back office", n),
    }
    Service::Runs
}

/// Logs the news of the API's live feed.
pub(super) fn feed(n: &ServiceNews) -> Service {
    service("The API's live feed", n)
}

fn service(what: &str, n: &ServiceNews) -> Service {
    match n {
        // The runner has logged the error itself.
        ServiceNews::Failed { .. } => Service::Runs,
        ServiceNews::CouldNotStart { error, .. } => {
            tracing::error!(target: TARGET, "{what} could not start: {error}; serve stops");
            Service::Gone
        }
        ServiceNews::Panicked { .. } => {
            tracing::error!(target: TARGET, "{what} stopped on an internal error; serve stops");
            Service::Gone
        }
    }
}
