//! The shared calendars (and cleaners' `google:` ones) as the sync reaches
//! them: through the seam's event-level calls ([`EventAccount`]), never a
//! client of its own. A failure there is the account's
//! ([`StepError::Account`]): it can hold up every calendar of the account
//! (offline, out of quota), where a cleaner's own calendar on another
//! provider fails alone.

use std::sync::Arc;

use crate::providers::calendar::ProviderError;
use crate::providers::calendar::events::{EventAccount, EventWrite, ListQuery, Page, RemoteEvent};

use super::StepError;

/// A failed event-level call; `?` makes it the account's step error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct AccountError(pub ProviderError);

impl From<AccountError> for StepError {
    fn from(e: AccountError) -> StepError {
        StepError::Account(e.0)
    }
}

type Called<T> = Result<T, AccountError>;

/// The account's calendars, by id.
#[derive(Clone)]
pub(super) struct Account(Arc<dyn EventAccount>);

impl Account {
    pub(super) fn new(account: Arc<dyn EventAccount>) -> Account {
        Account(account)
    }

    pub(super) fn requests(&self) -> u64 {
        self.0.requests()
    }

    pub(super) async fn list(&self, calendar: &str, q: &ListQuery) -> Called<Page> {
        self.0
            .calendar(calendar)
            .list_events(q)
            .await
            .map_err(AccountError)
    }

    pub(super) async fn get(&self, calendar: &str, id: &str) -> Called<RemoteEvent> {
        self.0
            .calendar(calendar)
            .get_event(id)
            .await
            .map_err(AccountError)
    }

    pub(super) async fn insert(
        &self,
        calendar: &str,
        id: &str,
        event: &EventWrite,
    ) -> Called<RemoteEvent> {
        self.0
            .calendar(calendar)
            .insert_event(id, event)
            .await
            .map_err(AccountError)
    }

    pub(super) async fn patch(
        &self,
        calendar: &str,
        id: &str,
        version: Option<&str>,
        event: &EventWrite,
    ) -> Called<RemoteEvent> {
        self.0
            .calendar(calendar)
            .patch_event(id, version, event)
            .await
            .map_err(AccountError)
    }

    pub(super) async fn delete(
        &self,
        calendar: &str,
        id: &str,
        version: Option<&str>,
    ) -> Called<()> {
        self.0
            .calendar(calendar)
            .delete_event(id, version)
            .await
            .map_err(AccountError)
    }

    /// The live events of `calendar` carrying our property `key=value`
    /// (e.g. the booking an event was made for).
    pub(super) async fn find_by_property(
        &self,
        calendar: &str,
        key: &str,
        value: &str,
    ) -> Called<Vec<RemoteEvent>> {
        let q = ListQuery {
            private: vec![(key.to_string(), value.to_string())],
            live_only: true,
            max_results: Some(50),
            ..ListQuery::default()
        };
        Ok(self.list(calendar, &q).await?.events)
    }
}
