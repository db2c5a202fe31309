//! A step of a sync that failed, and what it says among a run's errors.

use super::RunError;
use crate::providers::calendar::ProviderError;

/// A step of a sync failed: at the account's calendars (read event by
/// event, see `account`), at a cleaner's calendar on another provider, or
/// in the database.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StepError {
    #[error("{}", super::fault::account_text(.0))]
    Account(crate::providers::calendar::ProviderError),
    #[error(transparent)]
    Calendar(crate::providers::calendar::ProviderError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl StepError {
    /// The step's failure as one of a run's errors, at `calendar`.
    pub(super) fn into_run(self, calendar: &str) -> RunError {
        match self {
            StepError::Account(error) => RunError::Calendar {
                calendar: calendar.to_string(),
                error: error.into(),
            },
            StepError::Calendar(error) => RunError::Provider {
                calendar: calendar.to_string(),
                error,
            },
            StepError::Store(e) => RunError::Other(format!("{calendar}: {e}")),
        }
    }

    /// The step's failure as a run's error while removing a moved job's
    /// old item.
    pub(super) fn into_removal(self) -> RunError {
        match self {
            StepError::Calendar(e) => RunError::Removal(e),
            other => RunError::Other(format!("removing a moved job's old item: {other}")),
        }
    }
}

impl StepError {
    /// The calendar could not be reached at all.
    pub(super) fn is_unreachable(&self) -> bool {
        match self {
            StepError::Account(e) => e.is_transient(),
            StepError::Calendar(e) => e.is_transient(),
            StepError::Store(_) => false,
        }
    }

    /// Worth trying again later.
    pub(super) fn is_transient(&self) -> bool {
        match self {
            StepError::Account(e) => e.is_transient(),
            StepError::Calendar(e) => {
                e.is_transient() || matches!(e, ProviderError::Unauthorised(_))
            }
            StepError::Store(_) => false,
        }
    }
}
