//! [`GoogleProvider`]: one Google calendar behind the provider seam, over
//! the same [`GoogleClient`] the sync engine uses.
//!
//! - The cursor is Google's sync token; a 410 asks for a full sync
//!   ([`ProviderError::ResyncRequired`]). Recurring events are listed as
//!   themselves (`singleEvents=false`) with their changed instances beside
//!   them: an item is the recurring event, its changed instances are its
//!   exceptions, its cancelled instances and EXDATE lines the occurrences it
//!   leaves out. A changed instance whose recurring event was not in the
//!   listing brings the whole series along (one listing by `iCalUID`).
//! - The version is the event's etag. Google does not change a recurring
//!   event's etag when one of its instances changes, so a series with
//!   changed instances has a version made of the event's etag and a digest
//!   of its instances' etags; a write against it re-reads the instances
//!   first, and refuses when they moved ([`ProviderError::PreconditionFailed`]).
//! - The booking id and our other facts are private extended properties
//!   (`renos_booking`, `renos_customer`, …), as the sync engine writes them.
//! - A new item takes the id the write proposes ([`ItemWrite::key`]) or one
//!   derived from its booking, so a repeated create meets the first (409 →
//!   [`ProviderError::PreconditionFailed`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;

use super::client::GoogleClient;
use super::items::{
    duration_of, event_error, event_write, instance_id, instance_write, item_of, key_for,
    provider_error, split_version,
};
use super::types::{
    EventStatus, EventWrite, GoogleError, ListQuery, PROP_BOOKING, Page, RemoteEvent,
};
use crate::providers::calendar::events::{EventAccount, EventCalendar};
use crate::providers::calendar::{
    CalendarProvider, Changes, Content, Cursor, ItemId, ItemWrite, ProviderError, ProviderResult,
    RemoteItem, Version, When, Written,
};

/// Google's largest page.
const PAGE: u32 = 2500;

/// How often one listing starts again after a refused page token.
const RESTARTS: u32 = 3;

/// One calendar of one Google account.
pub struct GoogleProvider {
    client: Arc<GoogleClient>,
    calendar: String,
    /// Bounds of a full listing (events ending after `.0`, starting before
    /// `.1`); everything when `None`.
    window: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

impl std::fmt::Debug for GoogleProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GoogleProvider")
            .field("calendar", &self.calendar)
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

impl GoogleProvider {
    /// The calendar `calendar` (an id, or `primary`) through `client`.
    pub fn new(client: Arc<GoogleClient>, calendar: &str) -> GoogleProvider {
        GoogleProvider {
            client,
            calendar: calendar.to_string(),
            window: None,
        }
    }

    /// A full listing brings only events ending after `from` and starting
    /// before `to` (the sync window).
    pub fn with_window(mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> GoogleProvider {
        self.window = Some((from, to));
        self
    }

    pub fn calendar(&self) -> &str {
        &self.calendar
    }

    pub fn client(&self) -> &GoogleClient {
        &self.client
    }

    /// Every page of one listing; a refused page token starts it again.
    async fn list_all(
        &self,
        first: ListQuery,
    ) -> ProviderResult<(Vec<RemoteEvent>, Option<String>)> {
        let mut q = first.clone();
        let mut events = Vec::new();
        let mut restarts = 0;
        loop {
            match self.client.list(&self.calendar, &q).await {
                Ok(page) => {
                    events.extend(page.events);
                    match page.next_page_token {
                        Some(t) => q.page_token = Some(t),
                        None => return Ok((events, page.next_sync_token)),
                    }
                }
                Err(GoogleError::BadPageToken) if restarts < RESTARTS => {
                    restarts += 1;
                    events.clear();
                    q = first.clone();
                }
                Err(e) => return Err(provider_error(e)),
            }
        }
    }

    /// A recurring event and every changed (or cancelled) instance of it.
    async fn series_of(&self, uid: &str) -> ProviderResult<Vec<RemoteEvent>> {
        let q = ListQuery {
            ical_uid: Some(uid.to_string()),
            whole_series: true,
            max_results: Some(PAGE),
            ..ListQuery::default()
        };
        Ok(self.list_all(q).await?.0)
    }

    /// The item `id` as it is now, with its instances; `None` when deleted.
    async fn read(&self, id: &str) -> ProviderResult<Option<RemoteItem>> {
        let ev = match self.client.get(&self.calendar, id).await {
            Ok(ev) if ev.status != EventStatus::Cancelled => ev,
            Ok(_) | Err(GoogleError::Deleted) | Err(GoogleError::NotFound(_)) => return Ok(None),
            Err(e) => return Err(provider_error(e)),
        };
        self.complete(ev).await.map(Some)
    }

    /// `ev` as an item: a recurring event with its instances read.
    async fn complete(&self, ev: RemoteEvent) -> ProviderResult<RemoteItem> {
        if ev.recurrence.is_empty() {
            return item_of(ev, Vec::new()).map_err(ProviderError::BadData);
        }
        let instances = match &ev.ical_uid {
            Some(uid) => self
                .series_of(uid)
                .await?
                .into_iter()
                .filter(|e| e.recurring_event_id.as_deref() == Some(ev.id.as_str()))
                .collect(),
            None => Vec::new(),
        };
        item_of(ev, instances).map_err(ProviderError::BadData)
    }

    /// Writes the changed occurrences of `item` as instances of the recurring
    /// event `id`, and puts back those changed there that `item` no longer
    /// changes (`before`: the item as it was).
    async fn write_exceptions(
        &self,
        id: &str,
        item: &ItemWrite,
        before: Option<&RemoteItem>,
    ) -> ProviderResult<()> {
        for ex in &item.exceptions {
            let w = instance_write(item, &ex.content)?;
            let inst = instance_id(id, &ex.original_start);
            self.client
                .patch(&self.calendar, &inst, None, &w)
                .await
                .map_err(provider_error)?;
        }
        let Some(before) = before else {
            return Ok(());
        };
        let kept: Vec<&When> = item.exceptions.iter().map(|e| &e.original_start).collect();
        let excluded: Vec<&When> = item
            .recurrence
            .iter()
            .flat_map(|r| r.excluded.iter())
            .collect();
        let duration = duration_of(&item.content)?;
        let gone_back = before
            .exceptions
            .iter()
            .map(|e| e.original_start)
            .chain(before.recurrence.iter().flat_map(|r| r.excluded.clone()))
            .filter(|o| !kept.contains(&o) && !excluded.contains(&o));
        let mut restored = Vec::new();
        for original in gone_back {
            if restored.contains(&original) {
                continue;
            }
            restored.push(original);
            let When::At(at) = original else {
                continue;
            };
            let content = Content {
                start: When::At(at),
                end: When::At(at + duration),
                ..item.content.clone()
            };
            let w = instance_write(item, &content)?;
            match self
                .client
                .patch(&self.calendar, &instance_id(id, &original), None, &w)
                .await
            {
                // An EXDATE taken out of the rule needs no instance put back.
                Ok(_) | Err(GoogleError::NotFound(_)) | Err(GoogleError::Deleted) => {}
                Err(e) => return Err(provider_error(e)),
            }
        }
        Ok(())
    }

    /// What was written: the event's etag, or for a series the version a
    /// listing will show (its instances read again).
    async fn written(&self, ev: RemoteEvent) -> ProviderResult<Written> {
        let id = ItemId(ev.id.clone());
        if ev.recurrence.is_empty() {
            let version = ev.etag.clone().unwrap_or_default();
            return Ok(Written {
                id,
                version: Version(version),
            });
        }
        let item = match self.read(&ev.id).await? {
            Some(item) => item,
            None => return Err(ProviderError::NotFound(ev.id)),
        };
        Ok(Written {
            id,
            version: item.version,
        })
    }
}

impl CalendarProvider for GoogleProvider {
    fn changes<'a>(&'a self, since: Option<&'a Cursor>) -> BoxFuture<'a, ProviderResult<Changes>> {
        Box::pin(async move {
            let full = since.is_none();
            let q = ListQuery {
                sync_token: since.map(|c| c.0.clone()),
                max_results: Some(PAGE),
                time_min: self.window.filter(|_| full).map(|w| w.0),
                time_max: self.window.filter(|_| full).map(|w| w.1),
                whole_series: true,
                ..ListQuery::default()
            };
            let (events, next) = self.list_all(q).await?;
            let mut changes = Changes {
                next: next.map(Cursor),
                ..Changes::default()
            };
            // Recurring events and single ones, in the order listed; the
            // changed instances by their recurring event.
            let mut order = Vec::new();
            let mut masters: BTreeMap<String, RemoteEvent> = BTreeMap::new();
            let mut instances: BTreeMap<String, Vec<RemoteEvent>> = BTreeMap::new();
            for ev in events {
                match ev.recurring_event_id.clone() {
                    Some(m) => instances.entry(m).or_default().push(ev),
                    None if ev.status == EventStatus::Cancelled => {
                        masters.remove(&ev.id);
                        changes.deletions.push(ItemId(ev.id));
                    }
                    None => {
                        if !masters.contains_key(&ev.id) {
                            order.push(ev.id.clone());
                        }
                        masters.insert(ev.id.clone(), ev);
                    }
                }
            }
            let deleted: Vec<String> = changes.deletions.iter().map(|d| d.0.clone()).collect();
            // Instances of a recurring event the listing did not bring: the
            // whole series is read.
            for m in instances.keys() {
                if !masters.contains_key(m) && !deleted.contains(m) {
                    order.push(m.clone());
                }
            }
            for id in order {
                let listed = masters.remove(&id);
                let item = match listed {
                    // A full listing brings every changed instance.
                    Some(ev) if full || ev.recurrence.is_empty() => {
                        let own = instances.remove(&id).unwrap_or_default();
                        item_of(ev, own)
                    }
                    Some(ev) => match self.complete(ev).await {
                        Ok(item) => Ok(item),
                        Err(ProviderError::BadData(why)) => Err(why),
                        Err(e) => return Err(e),
                    },
                    None => match self.read(&id).await {
                        Ok(Some(item)) => Ok(item),
                        Ok(None) => {
                            changes.deletions.push(ItemId(id));
                            continue;
                        }
                        Err(ProviderError::BadData(why)) => Err(why),
                        Err(e) => return Err(e),
                    },
                };
                match item {
                    Ok(item) => changes.upserts.push(item),
                    Err(why) => changes.unreadable.push((ItemId(id), why)),
                }
            }
            Ok(changes)
        })
    }

    fn create<'a>(&'a self, item: &'a ItemWrite) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(async move {
            let w = event_write(item)?;
            let id = item.key.clone().unwrap_or_else(|| key_for(&item.booking));
            let ev = self
                .client
                .insert(&self.calendar, &id, &w)
                .await
                .map_err(provider_error)?;
            if !item.exceptions.is_empty() {
                self.write_exceptions(&ev.id, item, None).await?;
            }
            self.written(ev).await
        })
    }

    fn update<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
        item: &'a ItemWrite,
    ) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(async move {
            let w = event_write(item)?;
            let (etag, digest) = split_version(version);
            // A series' instances, to check the version against and to put
            // back what the write no longer changes.
            let before = if digest.is_some() || item.recurrence.is_some() {
                match self.read(&id.0).await? {
                    Some(b) if digest.is_none() || b.version == *version => Some(b),
                    _ => return Err(ProviderError::PreconditionFailed),
                }
            } else {
                None
            };
            let ev = self
                .client
                .patch(&self.calendar, &id.0, Some(etag), &w)
                .await
                .map_err(provider_error)?;
            if item.recurrence.is_some() {
                self.write_exceptions(&ev.id, item, before.as_ref()).await?;
            }
            self.written(ev).await
        })
    }

    fn delete<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
    ) -> BoxFuture<'a, ProviderResult<()>> {
        Box::pin(async move {
            let (etag, digest) = split_version(version);
            if digest.is_some() {
                match self.read(&id.0).await? {
                    Some(b) if b.version == *version => {}
                    Some(_) => return Err(ProviderError::PreconditionFailed),
                    None => return Err(ProviderError::NotFound(id.0.clone())),
                }
            }
            self.client
                .delete(&self.calendar, &id.0, Some(etag))
                .await
                .map_err(provider_error)
        })
    }

    fn get<'a>(&'a self, id: &'a ItemId) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        Box::pin(self.read(&id.0))
    }

    fn find_by_booking<'a>(
        &'a self,
        booking: &'a str,
    ) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        Box::pin(async move {
            let q = ListQuery {
                private: vec![(PROP_BOOKING.to_string(), booking.to_string())],
                live_only: true,
                whole_series: true,
                max_results: Some(50),
                ..ListQuery::default()
            };
            let (events, _) = self.list_all(q).await?;
            // Changed instances carry their series' properties too.
            let Some(ev) = events
                .into_iter()
                .find(|e| e.recurring_event_id.is_none() && e.status != EventStatus::Cancelled)
            else {
                return Ok(None);
            };
            self.complete(ev).await.map(Some)
        })
    }
}

impl EventCalendar for GoogleProvider {
    fn calendar_id(&self) -> &str {
        &self.calendar
    }

    fn list_events<'a>(&'a self, q: &'a ListQuery) -> BoxFuture<'a, ProviderResult<Page>> {
        Box::pin(async move {
            self.client
                .list(&self.calendar, q)
                .await
                .map_err(event_error)
        })
    }

    fn get_event<'a>(&'a self, id: &'a str) -> BoxFuture<'a, ProviderResult<RemoteEvent>> {
        Box::pin(async move {
            self.client
                .get(&self.calendar, id)
                .await
                .map_err(event_error)
        })
    }

    fn insert_event<'a>(
        &'a self,
        id: &'a str,
        event: &'a EventWrite,
    ) -> BoxFuture<'a, ProviderResult<RemoteEvent>> {
        Box::pin(async move {
            self.client
                .insert(&self.calendar, id, event)
                .await
                .map_err(event_error)
        })
    }

    fn patch_event<'a>(
        &'a self,
        id: &'a str,
        version: Option<&'a str>,
        event: &'a EventWrite,
    ) -> BoxFuture<'a, ProviderResult<RemoteEvent>> {
        Box::pin(async move {
            self.client
                .patch(&self.calendar, id, version, event)
                .await
                .map_err(event_error)
        })
    }

    fn delete_event<'a>(
        &'a self,
        id: &'a str,
        version: Option<&'a str>,
    ) -> BoxFuture<'a, ProviderResult<()>> {
        Box::pin(async move {
            self.client
                .delete(&self.calendar, id, version)
                .await
                .map_err(event_error)
        })
    }
}

/// The calendars of one Google service account (the shared calendar, and
/// the cleaners' `google:` ones), each a [`GoogleProvider`] over one client.
#[derive(Clone)]
pub struct GoogleAccount {
    client: Arc<GoogleClient>,
}

impl GoogleAccount {
    pub fn new(client: GoogleClient) -> GoogleAccount {
        GoogleAccount {
            client: Arc::new(client),
        }
    }

    pub fn client(&self) -> &GoogleClient {
        &self.client
    }
}

impl EventAccount for GoogleAccount {
    fn calendar(&self, id: &str) -> Arc<dyn EventCalendar> {
        Arc::new(GoogleProvider::new(self.client.clone(), id))
    }

    fn requests(&self) -> u64 {
        self.client.requests()
    }
}
