//! Jobs and series moving between providers, and what they leave behind.
//!
//! When a booking's cleaner changes to one whose calendar is on another
//! provider, one transaction records the old item for removal (a
//! [`CALENDAR_REMOVAL`] outbox entry) and points the booking at its new
//! calendar; the old item is removed only once the new one is there (found
//! by its booking, or by its id when it was made by hand there and carries
//! none). A series moved to such a cleaner leaves its recurring event in Google the
//! same way: it is removed once none of its visits is its instance and each
//! has its item in the new calendar. A kill between any two steps repeats
//! a step, never loses the job and never leaves it in two calendars for
//! good.

use chrono::{DateTime, Utc};

use crate::providers::calendar::{CalendarProvider, ItemId, ProviderError, Version};
use crate::providers::google::GoogleError;
use crate::store::{CALENDAR_REMOVAL, Link, OutboxItem, SERIES_REMOVAL_MARK, SeriesLink};

use super::calendars::is_seam;
use super::{RunError, SYNC_ACTOR, StepError, Syncer};

impl Syncer {
    /// Points booking `old.booking_id` at `calendar` and records its item
    /// where it was for removal, in one transaction.
    pub(super) fn hand_over(&mut self, old: Link, calendar: &str) -> Result<(), StepError> {
        let fresh = Link {
            booking_id: old.booking_id,
            calendar_id: calendar.to_string(),
            event_id: self.layout.next_event_id(old.booking_id, &old.event_id),
            etag: None,
            remote_updated: None,
            base: None,
            gone: false,
        };
        tracing::info!(
            booking = old.booking_id,
            from = %old.calendar_id,
            to = %calendar,
            "the booking moves to a calendar on another provider"
        );
        self.store.sync_write(SYNC_ACTOR, |w| {
            w.enqueue_removal(
                old.booking_id,
                &old.calendar_id,
                &old.event_id,
                old.etag.as_deref().unwrap_or_default(),
            )?;
            w.save_link(&fresh)?;
            w.mark_suspect(old.booking_id, false)
        })?;
        Ok(())
    }

    /// Series `old.series_id` moved to a cleaner whose calendar is on
    /// another provider: one transaction records its recurring event in
    /// Google for removal and points the series away from it, so a run
    /// stopped anywhere never reads the event's deletion as the series
    /// ended there. The event goes once none of its visits is its instance.
    pub(super) fn series_leaves_google(
        &mut self,
        old: SeriesLink,
        calendar: &str,
    ) -> Result<(), StepError> {
        let generation = self
            .layout
            .own_series_id(&old.event_id)
            .map_or(1, |(_, g)| g + 1);
        let moved = SeriesLink {
            series_id: old.series_id,
            calendar_id: calendar.to_string(),
            // Never made there: kept so a move back makes a new event.
            event_id: self.layout.series_event_id(old.series_id, generation),
            etag: None,
            base: None,
        };
        tracing::info!(
            series = old.series_id,
            from = %old.calendar_id,
            to = %calendar,
            "the series moves to a calendar on another provider"
        );
        self.store.sync_write(SYNC_ACTOR, |w| {
            w.enqueue_series_removal(
                old.series_id,
                &old.calendar_id,
                &old.event_id,
                old.etag.as_deref().unwrap_or_default(),
            )?;
            w.save_series_link(&moved)
        })?;
        Ok(())
    }

    /// Removes the recurring event series `series` left in the Google
    /// calendar `calendar`; `false` while one of its visits is still its
    /// instance there or waits for its new item.
    async fn remove_series_left_behind(
        &mut self,
        series: i64,
        calendar: &str,
        event: &str,
    ) -> Result<bool, StepError> {
        if let Some(l) = self.store.google_series_link(series)?
            && l.calendar_id == calendar
            && l.event_id == event
        {
            // Moved back: the event is the series' own again.
            return Ok(true);
        }
        let instance = format!("{event}_");
        for (b, _) in self.store.series_visits(series)? {
            let Some(l) = self.store.google_link(b.id)? else {
                continue;
            };
            let in_event = l.calendar_id == calendar && l.event_id.starts_with(&instance);
            if !l.gone && (in_event || (b.is_active() && l.etag.is_none())) {
                return Ok(false);
            }
        }
        match self.client.delete(calendar, event, None).await {
            Ok(()) | Err(GoogleError::Deleted) | Err(GoogleError::NotFound(_)) => Ok(true),
            Err(e) => Err(e.into()),
        }
    }

    /// Removes the items bookings left behind when they moved to a calendar
    /// on another provider, each once the booking's new item is there.
    pub(super) async fn push_removals(&mut self, errors: &mut Vec<RunError>) -> anyhow::Result<()> {
        let mut seen = std::collections::HashSet::new();
        loop {
            let now = self.store.now();
            let due = self
                .store
                .outbox_due(CALENDAR_REMOVAL, DateTime::<Utc>::MAX_UTC, 200)?;
            let fresh: Vec<OutboxItem> = due
                .into_iter()
                .filter(|i| seen.insert(i.key.clone()))
                .collect();
            if fresh.is_empty() {
                return Ok(());
            }
            for entry in fresh {
                match self.remove_left_behind(&entry).await {
                    Ok(true) => {
                        self.store.outbox_done(&entry)?;
                    }
                    Ok(false) => {
                        // The new item is not there yet: the old one stays.
                        let next = now + chrono::Duration::seconds(30);
                        self.store
                            .outbox_retry(&entry, "waits for the new item", next)?;
                    }
                    Err(StepError::Store(e)) => return Err(e.into()),
                    Err(e) if e.is_transient() => {
                        let next = now + chrono::Duration::seconds(60);
                        self.store.outbox_retry(&entry, &e.to_string(), next)?;
                        errors.push(e.into_removal());
                    }
                    Err(e) => {
                        self.store.outbox_fail(&entry, &e.to_string())?;
                        errors.push(e.into_removal());
                    }
                }
            }
        }
    }

    /// Removes one left-behind item; `false` while it must wait.
    async fn remove_left_behind(&mut self, entry: &OutboxItem) -> Result<bool, StepError> {
        let mut parts = entry.key.splitn(3, '\t');
        let (Some(booking), Some(calendar), Some(item)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(StepError::Calendar(ProviderError::BadData(format!(
                "a removal entry that cannot be read: {:?}",
                entry.key
            ))));
        };
        if let Some(series) = booking
            .strip_prefix(SERIES_REMOVAL_MARK)
            .and_then(|s| s.parse::<i64>().ok())
        {
            return self.remove_series_left_behind(series, calendar, item).await;
        }
        let Ok(booking_id) = booking.parse::<i64>() else {
            return Err(StepError::Calendar(ProviderError::BadData(format!(
                "a removal entry without a booking: {:?}",
                entry.key
            ))));
        };
        let link = self.store.google_link(booking_id)?;
        let active = match self.store.booking(booking_id) {
            Ok(b) => b.is_active(),
            Err(crate::store::StoreError::NotFound { .. }) => false,
            Err(e) => return Err(e.into()),
        };
        if let Some(l) = &link {
            if l.calendar_id == calendar && l.event_id == item && !l.gone {
                // Moved back, and that item is the booking's own again.
                return Ok(true);
            }
            if active && !l.gone && l.etag.is_none() {
                return Ok(false);
            }
        }
        if !is_seam(calendar) {
            return match self.client.delete(calendar, item, None).await {
                Ok(()) | Err(GoogleError::Deleted) | Err(GoogleError::NotFound(_)) => Ok(true),
                Err(e) => Err(e.into()),
            };
        }
        let provider = self.provider(calendar)?;
        let found = provider.find_by_booking(booking).await?;
        let Some(found) = found.filter(|f| {
            // Not the booking's own item, if it lives there again.
            link.as_ref()
                .is_none_or(|l| l.calendar_id != calendar || l.event_id != f.id.0)
        }) else {
            // An item made by hand carries no booking to be found by: it
            // goes by its id (left there, it would come back as a job of
            // its own).
            if entry.payload.is_empty() {
                return Ok(true);
            }
            let id = ItemId(item.to_string());
            return match provider.delete(&id, &Version(entry.payload.clone())).await {
                Ok(()) | Err(ProviderError::NotFound(_)) => Ok(true),
                Err(ProviderError::PreconditionFailed) => remove_as_listed(&*provider, &id).await,
                Err(e) => Err(e.into()),
            };
        };
        match provider.delete(&found.id, &found.version).await {
            Ok(()) | Err(ProviderError::NotFound(_)) => Ok(true),
            Err(ProviderError::PreconditionFailed) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
}

/// Removes the item `id` at the version a full listing shows (changed
/// since it was recorded, or gone); `false` while it must wait.
async fn remove_as_listed(provider: &dyn CalendarProvider, id: &ItemId) -> Result<bool, StepError> {
    let all = provider.changes(None).await?;
    let Some(now) = all.upserts.into_iter().find(|i| &i.id == id) else {
        return Ok(true);
    };
    match provider.delete(id, &now.version).await {
        Ok(()) | Err(ProviderError::NotFound(_)) => Ok(true),
        Err(ProviderError::PreconditionFailed) => Ok(false),
        Err(e) => Err(e.into()),
    }
}
