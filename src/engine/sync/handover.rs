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
//!
//! Someone may still change the old item after the hand-over (the cleaner
//! it was taken from moves it, gives it a door code). The removal records
//! the version and the agreed fields the item had then; an item found at
//! another version is first merged into the booking like any change there
//! (a clash goes to the conflict queue), and only then deleted, at the
//! version that was merged, so no edit is deleted unseen.

use super::account::AccountError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::sync::{EventFields, Merged, Side, merge, uncontested};
use crate::providers::calendar::events::{EventStatus, RemoteEvent};
use crate::providers::calendar::{CalendarProvider, ItemId, ProviderError, Version};
use crate::store::{
    CALENDAR_REMOVAL, Link, OutboxItem, SERIES_REMOVAL_MARK, SeriesLink, SyncConflict,
};

use super::calendars::{actor_of, as_event, is_seam, removal_calendar, removal_parts};
use super::reconcile::{mine, present, take_over};
use super::{RunError, SYNC_ACTOR, StepError, Syncer};

/// Whether the item a link points at is known to be there: it has a
/// version. An instance that follows its series in Google has none of its
/// own until a listing brings it; `instance_there` asks Google for it.
fn placed(l: &Link) -> bool {
    l.etag.is_some()
}

/// What a removal entry knows of the item it removes: the version it was
/// left at, and the fields both sides agreed on then (the merge's base).
/// Entries written before the fields were kept hold the version alone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct LeftBehind {
    version: String,
    #[serde(default)]
    base: Option<EventFields>,
}

impl LeftBehind {
    fn read(payload: &str) -> LeftBehind {
        serde_json::from_str(payload).unwrap_or_else(|_| LeftBehind {
            version: payload.to_string(),
            base: None,
        })
    }

    fn payload(&self) -> String {
        match self.base {
            None => self.version.clone(),
            Some(_) => serde_json::to_string(self).unwrap_or_else(|_| self.version.clone()),
        }
    }
}

/// What a removal's payload knew of its item when it was left: its
/// version and the agreed fields, when it knew both.
pub(super) fn left_state(payload: &str) -> Option<(String, EventFields)> {
    let left = LeftBehind::read(payload);
    match left.base {
        Some(base) if !left.version.is_empty() => Some((left.version, base)),
        _ => None,
    }
}

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
        self.hand_over_to(old, fresh)
    }

    /// Points booking `old.booking_id` at `fresh` (a new event, or its
    /// instance of its series' event) and records the event it leaves for
    /// removal, in one transaction. The old event is deleted only after
    /// that: a delete whose answer is lost (or a run killed just after it)
    /// then leaves an event already left, never a link to a deleted event
    /// that the next listing would read as the job deleted there.
    pub(super) fn hand_over_to(&mut self, old: Link, fresh: Link) -> Result<(), StepError> {
        tracing::info!(
            booking = old.booking_id,
            from = %old.calendar_id,
            to = %fresh.calendar_id,
            "the booking moves to another calendar or event"
        );
        let left = LeftBehind {
            version: old.etag.clone().unwrap_or_default(),
            // An instance that follows its series was never written on its
            // own (no etag): its agreed fields are still the base.
            base: old.base.clone().filter(|_| !old.gone),
        };
        self.store.sync_write(SYNC_ACTOR, |w| {
            w.enqueue_removal(
                old.booking_id,
                &old.calendar_id,
                &old.event_id,
                &left.payload(),
            )?;
            w.save_link(&fresh)?;
            w.mark_suspect(old.booking_id, false)
        })?;
        Ok(())
    }

    /// Series `old.series_id` moved to a cleaner whose calendar is another
    /// (on another provider, or another Google calendar): one transaction
    /// records its recurring event in Google for removal and points the
    /// series away from it, so a run
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
            "the series moves to another calendar"
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
            if !l.gone && (in_event || (b.is_active() && !placed(&l))) {
                return Ok(false);
            }
        }
        // A visit's instance waiting for its own removal goes first: it is
        // read (and a change made to it there merged) before the event
        // that holds it is deleted.
        let instances_wait = self
            .store
            .outbox_items(CALENDAR_REMOVAL)?
            .iter()
            .filter(|e| !e.failed)
            .filter_map(|e| removal_parts(&e.key))
            .any(|(_, c, item)| c == calendar && item.starts_with(&instance));
        if instances_wait {
            return Ok(false);
        }
        match self.account.delete(calendar, event, None).await {
            Ok(())
            | Err(AccountError(ProviderError::Gone))
            | Err(AccountError(ProviderError::NotFound(_))) => Ok(true),
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
                if self.google_out && removal_calendar(&entry.key).is_none_or(|c| !is_seam(c)) {
                    // In Google, which is out of reach: waits, untried.
                    continue;
                }
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
        let Some((booking, calendar, item)) = removal_parts(&entry.key) else {
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
            if active && !l.gone && !placed(l) && !self.instance_there(l).await? {
                return Ok(false);
            }
        }
        let left = LeftBehind::read(&entry.payload);
        if !is_seam(calendar) {
            return self
                .remove_google_left_behind(booking_id, calendar, item, entry, &left)
                .await;
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
            if left.version.is_empty() {
                return Ok(true);
            }
            let id = ItemId(item.to_string());
            return match provider.delete(&id, &Version(left.version.clone())).await {
                Ok(()) | Err(ProviderError::NotFound(_)) => Ok(true),
                Err(ProviderError::PreconditionFailed) => {
                    self.remove_as_listed(&*provider, booking_id, calendar, &id, entry, &left)
                        .await
                }
                Err(e) => Err(e.into()),
            };
        };
        if found.version.0 != left.version {
            self.settle_left_behind(booking_id, calendar, &as_event(&found), entry, &left)?;
        }
        match provider.delete(&found.id, &found.version).await {
            Ok(()) | Err(ProviderError::NotFound(_)) => Ok(true),
            Err(ProviderError::PreconditionFailed) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
}

impl Syncer {
    /// Whether the instance a visit's link names in Google is there, live:
    /// a visit following its series gets no version of its own when its
    /// instance is taken over (the recurring event was written just before),
    /// and a listing that came before it never brings it again. Its agreed
    /// state alone is not proof (a run stopped before the event was written
    /// leaves none, but a link moved on might); Google is asked. Found
    /// saying what was agreed, the link keeps its version, so it is asked
    /// once.
    async fn instance_there(&mut self, l: &Link) -> Result<bool, StepError> {
        if is_seam(&l.calendar_id) || l.base.is_none() {
            return Ok(false);
        }
        let ev = match self.account.get(&l.calendar_id, &l.event_id).await {
            Ok(ev) if ev.status != EventStatus::Cancelled => ev,
            Ok(_)
            | Err(AccountError(ProviderError::Gone))
            | Err(AccountError(ProviderError::NotFound(_))) => return Ok(false),
            Err(e) => return Err(e.into()),
        };
        if self.layout.fields_from(&l.calendar_id, &ev) == l.base {
            self.save_link(Link {
                etag: ev.etag.clone(),
                remote_updated: ev.updated.map(|u| u.to_rfc3339()),
                ..l.clone()
            })?;
        }
        Ok(true)
    }

    /// Removes the Google event `event` booking `booking_id` left behind;
    /// one changed since the hand-over is merged into the booking first.
    async fn remove_google_left_behind(
        &mut self,
        booking_id: i64,
        calendar: &str,
        event: &str,
        entry: &OutboxItem,
        left: &LeftBehind,
    ) -> Result<bool, StepError> {
        let mut version = None;
        if left.base.is_some() {
            let ev = match self.account.get(calendar, event).await {
                Ok(ev) => ev,
                Err(AccountError(ProviderError::Gone))
                | Err(AccountError(ProviderError::NotFound(_))) => return Ok(true),
                Err(e) => return Err(e.into()),
            };
            if left.version.is_empty() || ev.etag.as_deref() != Some(left.version.as_str()) {
                self.settle_left_behind(booking_id, calendar, &ev, entry, left)?;
            }
            version = ev.etag;
        }
        match self
            .account
            .delete(calendar, event, version.as_deref())
            .await
        {
            Ok(())
            | Err(AccountError(ProviderError::Gone))
            | Err(AccountError(ProviderError::NotFound(_))) => Ok(true),
            // Changed again meanwhile: merged on the next round.
            Err(AccountError(ProviderError::PreconditionFailed)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Removes the item `id` at the version a full listing shows, its
    /// changes since the hand-over merged first; `false` while it must wait.
    async fn remove_as_listed(
        &mut self,
        provider: &dyn CalendarProvider,
        booking_id: i64,
        calendar: &str,
        id: &ItemId,
        entry: &OutboxItem,
        left: &LeftBehind,
    ) -> Result<bool, StepError> {
        let all = provider.changes(None).await?;
        let Some(now) = all.upserts.into_iter().find(|i| &i.id == id) else {
            return Ok(true);
        };
        self.settle_left_behind(booking_id, calendar, &as_event(&now), entry, left)?;
        match provider.delete(id, &now.version).await {
            Ok(()) | Err(ProviderError::NotFound(_)) => Ok(true),
            Err(ProviderError::PreconditionFailed) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The left-behind item `ev` changed after booking `booking_id` moved
    /// away: its changes since the hand-over are merged into the booking
    /// (which carries them to its new item), or queued as a conflict when
    /// the console changed the same field; the entry then remembers the
    /// item as merged. One transaction. A copy called off there is only a
    /// copy going away: the booking lives on in its new calendar.
    fn settle_left_behind(
        &mut self,
        booking_id: i64,
        calendar: &str,
        ev: &RemoteEvent,
        entry: &OutboxItem,
        left: &LeftBehind,
    ) -> Result<(), StepError> {
        let Some(base) = left.base.as_ref() else {
            return Ok(());
        };
        let Some(theirs) = self
            .layout
            .fields_from(calendar, ev)
            .filter(|_| ev.status != EventStatus::Cancelled)
        else {
            return Ok(());
        };
        let layout = &self.layout;
        self.store.sync_write(actor_of(calendar), |w| {
            let booking = w.booking(booking_id)?;
            if let Some(link) = w.link_by_booking(booking_id)? {
                let mine = mine(w, layout, &link, booking.as_ref())?;
                let theirs_side = Side::Present(theirs.clone());
                match merge(Some(base), &mine, &theirs_side) {
                    Merged::Present(m) => {
                        if let (Some(b), Side::Present(cur)) = (&booking, &mine)
                            && take_over(w, calendar, b, cur, &m)?
                        {
                            w.enqueue_booking(booking_id)?;
                        }
                    }
                    Merged::Conflict(kind) => {
                        // What only the copy changed is taken over now.
                        let mine = match (&booking, &mine) {
                            (Some(b), Side::Present(m)) => {
                                let taken = uncontested(base, m, &theirs);
                                if take_over(w, calendar, b, m, &taken)? {
                                    w.enqueue_booking(booking_id)?;
                                }
                                Side::Present(taken)
                            }
                            _ => mine,
                        };
                        // Taking "theirs" takes the copy's changes, not
                        // its cleaner or times it never changed.
                        let theirs = match &mine {
                            Side::Present(m) => theirs.rebased(base, m),
                            Side::Gone => theirs.clone(),
                        };
                        tracing::info!(
                            booking = booking_id,
                            calendar,
                            "a job's old item changed after it moved: the dispatcher decides"
                        );
                        w.save_conflict(&SyncConflict {
                            booking_id,
                            calendar_id: calendar.to_string(),
                            event_id: ev.id.clone(),
                            kind,
                            mine: present(&mine),
                            theirs: Some(theirs),
                            base: Some(base.clone()),
                            // Settled against the booking's new item.
                            remote_etag: None,
                            at: w.now(),
                            repeats: None,
                            of_series: false,
                        })?;
                    }
                    // Cancelled here: the cancellation stands.
                    Merged::Gone => {}
                }
            }
            let merged = LeftBehind {
                version: ev.etag.clone().unwrap_or_default(),
                base: Some(theirs),
            };
            w.restate_removal(entry, &merged.payload())
        })?;
        Ok(())
    }
}
