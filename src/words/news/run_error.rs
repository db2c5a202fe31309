//! What went wrong in a sync run, and why Google refused, in words: `renos
//! sync`, `renos status` and the console's status line. A text of Google's
//! own (its message, a network error) stays as Google or the system gave it.

use crate::engine::sync::{LooseWhy, RunError, read_google_error, read_run_errors};
use crate::i18n::Words;
use crate::providers::calendar::ProviderError;
use crate::providers::google::GoogleError;
use crate::providers::network::NetworkFault;
use crate::words::values::{network_fault, rrule_error, series_error};

/// One error of a run: `primary: kan ikke nå Google Kalender: …`.
pub fn run_error(w: Words, e: &RunError) -> String {
    match e {
        RunError::Calendar { calendar, error } => w.with(
            "sync-error-calendar",
            &[
                ("calendar", calendar.as_str().into()),
                ("error", google_error(w, error).into()),
            ],
        ),
        RunError::Checking(error) => w.with(
            "sync-error-checking",
            &[("error", google_error(w, error).into())],
        ),
        RunError::Write { series, id, error } => w.with(
            "sync-error-write",
            &[
                ("series", if *series { "yes" } else { "no" }.into()),
                ("id", (*id).into()),
                ("error", google_error(w, error).into()),
            ],
        ),
        RunError::Provider { calendar, error } => w.with(
            "sync-error-calendar",
            &[
                ("calendar", calendar.as_str().into()),
                ("error", provider_error(w, error).into()),
            ],
        ),
        RunError::NotSetUp { calendar, why } => w.with(
            "sync-error-not-set-up",
            &[
                ("calendar", calendar.as_str().into()),
                ("why", why.as_str().into()),
            ],
        ),
        RunError::ProviderChecking(error) => w.with(
            "sync-error-checking",
            &[("error", provider_error(w, error).into())],
        ),
        RunError::ProviderWrite { series, id, error } => w.with(
            "sync-error-write",
            &[
                ("series", if *series { "yes" } else { "no" }.into()),
                ("id", (*id).into()),
                ("error", provider_error(w, error).into()),
            ],
        ),
        RunError::Removal(error) => w.with(
            "sync-error-removal",
            &[("error", provider_error(w, error).into())],
        ),
        RunError::Other(text) => text.clone(),
    }
}

/// Why a cleaner's own calendar (CalDAV, Microsoft 365) refused, or could
/// not be asked; its own detail text as the server gave it.
pub fn provider_error(w: Words, e: &ProviderError) -> String {
    match e {
        ProviderError::PreconditionFailed => w.get("provider-error-changed"),
        ProviderError::NotFound(what) => w.with(
            "provider-error-not-found",
            &[("what", what.as_str().into())],
        ),
        ProviderError::ResyncRequired => w.get("provider-error-resync"),
        ProviderError::Unauthorised(why) => w.with(
            "provider-error-unauthorised",
            &[("why", why.as_str().into())],
        ),
        ProviderError::Transient(why) => w.with(
            "provider-error-unreachable",
            &[("why", why.as_str().into())],
        ),
        ProviderError::BadData(why) => {
            w.with("provider-error-bad-data", &[("why", why.as_str().into())])
        }
        ProviderError::Refused {
            status,
            reason,
            message,
        } if reason.is_empty() => w.with(
            "provider-error-refused",
            &[
                ("status", (*status).into()),
                ("message", message.as_str().into()),
            ],
        ),
        ProviderError::Refused {
            status,
            reason,
            message,
        } => w.with(
            "provider-error-refused-reason",
            &[
                ("status", (*status).into()),
                ("reason", reason.as_str().into()),
                ("message", message.as_str().into()),
            ],
        ),
        ProviderError::TooMany { limit } => {
            w.with("provider-error-too-many", &[("limit", (*limit).into())])
        }
        ProviderError::Gone => w.get("provider-error-gone"),
        ProviderError::AlreadyExists => w.get("provider-error-exists"),
        ProviderError::PageExpired => w.get("provider-error-page-expired"),
        ProviderError::RateLimited { .. } => w.get("provider-error-rate-limited"),
        ProviderError::Server { status, message } => w.with(
            "provider-error-server",
            &[
                ("status", (*status).into()),
                ("message", message.as_str().into()),
            ],
        ),
        ProviderError::ReadOnly(why) => {
            w.with("provider-error-read-only", &[("why", why.as_str().into())])
        }
    }
}

/// A logged run's errors (its English text) in words, joined with `; `.
pub fn logged_run_errors(w: Words, text: &str) -> String {
    read_run_errors(text)
        .iter()
        .map(|e| run_error(w, e))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A logged Google error (an outbox entry's last error, in English) in
/// words; another text as written.
pub fn logged_google_error(w: Words, text: &str) -> String {
    read_google_error(text).map_or_else(|| text.to_string(), |e| google_error(w, &e))
}

/// Why Google refused, or could not be asked.
pub fn google_error(w: Words, e: &GoogleError) -> String {
    match e {
        GoogleError::FullSyncRequired => w.get("google-full-sync"),
        GoogleError::Deleted => w.get("google-deleted"),
        GoogleError::Duplicate => w.get("google-duplicate"),
        GoogleError::Stale => w.get("google-stale"),
        GoogleError::NotFound(what) => {
            w.with("google-not-found", &[("what", what.as_str().into())])
        }
        GoogleError::Auth(why) => w.with("google-auth", &[("why", why.as_str().into())]),
        GoogleError::RateLimited { .. } => w.get("google-rate-limited"),
        GoogleError::Server { status, message } => w.with(
            "google-server",
            &[
                ("status", status.to_string().into()),
                ("message", message.as_str().into()),
            ],
        ),
        GoogleError::Network(why) => w.with(
            "google-network",
            &[("why", network_fault(w, &NetworkFault::read(why)).into())],
        ),
        GoogleError::BadPageToken => w.get("google-bad-page-token"),
        GoogleError::ReadOnly(why) => w.with("google-read-only", &[("why", why.as_str().into())]),
        GoogleError::Refused {
            status,
            reason,
            message,
        } => w.with(
            "google-refused",
            &[
                ("status", status.to_string().into()),
                ("reason", reason.as_str().into()),
                ("message", message.as_str().into()),
            ],
        ),
    }
}

/// Why a recurring event made by hand stays single bookings.
pub fn loose_why(w: Words, why: &LooseWhy) -> String {
    match why {
        LooseWhy::AllDay => w.get("loose-all-day"),
        LooseWhy::SecondPastMinute => w.get("loose-second-past-minute"),
        LooseWhy::Length => w.get("loose-length"),
        LooseWhy::TwoRrules => w.get("loose-two-rrules"),
        LooseWhy::UnknownLine(line) => w.with(
            "loose-unknown-line",
            &[("line", format!("{line:?}").into())],
        ),
        LooseWhy::NoRrule => w.get("loose-no-rrule"),
        LooseWhy::Rrule(e) => rrule_error(w, e),
        LooseWhy::Series(e) => series_error(w, e),
        LooseWhy::LocalTime { zone } => {
            w.with("loose-local-time", &[("zone", zone.as_str().into())])
        }
        LooseWhy::Other(text) => text.clone(),
    }
}
