//! Calendars on other providers than Google (CalDAV, Microsoft 365),
//! driven through the provider seam with the same outbox, links, merge,
//! conflict queue and journal as Google's.
//!
//! - **Pull**: every change since the stored cursor, applied in one
//!   transaction together with the cursor that follows it, item by item
//!   through the same merge as Google's events. A cursor the provider no
//!   longer knows starts a full listing; links it did not bring are checked
//!   (`verify_suspects`) before anything is cancelled.
//! - **Push**: a booking's item is created (a create repeated after a lost
//!   answer meets the first: it is found by its booking and settled), then
//!   changed and deleted only at the version last seen; a refusal because it
//!   changed meanwhile is settled by the merge and tried again.
//! - **Moves between providers**: handed over (`handover.rs`).
//!
//! Recurring items made by hand in such a calendar are not taken in (a
//! note in the log): only single items become bookings there, and a series'
//! visits are written there one by one.

use std::sync::Arc;

use crate::domain::Booking;
use crate::domain::sync::EventFields;
use crate::providers::calendar::events::{EventStatus, RemoteEvent};
use crate::providers::calendar::{
    CalendarProvider, Cursor, ItemId, ItemStatus, ProviderError, RemoteItem, Version,
};
use crate::store::{CALENDAR_REMOVAL, Link};

use super::calendars::{actor_of, as_event, is_seam, item_write, removal_parts, written_event};
use super::handover::left_state;
use super::pull::Pulled;
use super::push::Delivery;
use super::reconcile::{self, apply_event, foreign_summary};
use super::{SYNC_ACTOR, StepError, SyncProgress, Syncer};

/// What one round of a booking's delivery came to.
pub(super) enum Round {
    Finished(Delivery),
    /// Settled or handed over: the next round writes again.
    Again,
}

impl From<ProviderError> for StepError {
    fn from(e: ProviderError) -> StepError {
        StepError::Calendar(e)
    }
}

impl Syncer {
    /// The provider of the calendar `key`.
    pub(super) fn provider(&self, key: &str) -> Result<Arc<dyn CalendarProvider>, StepError> {
        if let Some(p) = self.seam.get(key) {
            return Ok(p.clone());
        }
        // Set up wrongly (a missing password): the change waits for it.
        Err(StepError::Calendar(match self.broken.get(key) {
            Some(why) => ProviderError::Unauthorised(why.clone()),
            None => ProviderError::Refused {
                status: 0,
                reason: String::new(),
                message: format!("{key} is not among the configured calendars"),
            },
        }))
    }

    /// Takes in the changes of the calendar `key` since its cursor. A full
    /// listing holding more than `limit` items (`--max-events`) is not
    /// taken in at all: it cannot go on from where it stopped, as Google's
    /// pages do.
    pub(super) async fn pull_seam(
        &mut self,
        key: &str,
        limit: Option<usize>,
        progress: &mut dyn SyncProgress,
    ) -> Result<Pulled, StepError> {
        let provider = self.provider(key)?;
        let mut state = self.store.calendar_state(key)?;
        let since = state.sync_token.clone().map(Cursor);
        let listed = match &since {
            Some(cursor) => provider.changes(Some(cursor)).await,
            None => provider.first_listing(limit).await,
        };
        let changes = match listed {
            Err(ProviderError::ResyncRequired) if since.is_some() => {
                // The cursor is dead: everything again, merged item by item
                // (links, agreed fields and unsent changes stay).
                tracing::info!(calendar = key, "the calendar asks for a full sync");
                self.store.reset_calendar_state(key)?;
                state = self.store.calendar_state(key)?;
                provider.first_listing(limit).await?
            }
            other => other?,
        };
        let full = state.sync_token.is_none();
        if full {
            state.full_gen += 1;
        }
        let generation = full.then_some(state.full_gen);
        self.counts.pulled += changes.upserts.len() as i64;
        progress.pulled(changes.upserts.len() as u64);
        for (id, why) in &changes.unreadable {
            tracing::warn!(calendar = key, item = %id.0, "an item cannot be read: {why}");
        }
        let mut next = state.clone();
        next.sync_token = changes.next.as_ref().map(|c| c.0.clone());
        if full {
            next.full_at = Some(self.store.now());
        }
        let mut not_taken = Vec::new();
        self.settle_in_store_as(actor_of(key), |w, layout, counts| {
            for item in &changes.upserts {
                // Made by hand: no booking of ours named (our items there
                // are single ones, a visit each).
                let made_by_hand = item
                    .booking
                    .as_deref()
                    .is_none_or(|b| b.parse::<i64>().is_err());
                if item.recurrence.is_some() && made_by_hand {
                    tracing::info!(
                        calendar = key,
                        item = %item.id.0,
                        "a recurring item made by hand is not taken in"
                    );
                    not_taken.push(item.content.summary.clone());
                    continue;
                }
                apply_event(w, layout, key, &as_event(item), generation, counts)?;
            }
            for id in &changes.deletions {
                let gone = RemoteEvent::bare(&id.0, EventStatus::Cancelled);
                apply_event(w, layout, key, &gone, generation, counts)?;
            }
            w.save_state(key, &next)
        })?;
        self.left_out(key, not_taken);
        if let Some(g) = generation {
            let unseen = self.store.google_unseen(key, g, (None, None))?;
            if !unseen.is_empty() {
                self.settle_in_store_as(actor_of(key), |w, _, _| {
                    for link in unseen {
                        w.mark_suspect(link.booking_id, true)?;
                    }
                    Ok(())
                })?;
            }
        }
        Ok(Pulled { full, more: false })
    }

    /// Recurring items made by hand in the calendar `key`, left out: the
    /// run's report names them.
    fn left_out(&mut self, key: &str, summaries: Vec<String>) {
        let cleaner = self
            .calendars
            .staff
            .iter()
            .find(|(_, r)| super::calendars::key_of(r) == key)
            .map(|(name, _)| name.clone())
            .unwrap_or_default();
        for summary in summaries {
            self.not_taken.push(super::calendars::NotTaken {
                key: key.to_string(),
                provider: super::calendars::Provider::of_key(key),
                cleaner: cleaner.clone(),
                summary,
            });
        }
    }

    /// One round of booking `id`'s delivery where a calendar on another
    /// provider is involved; `None` when it is Google's alone.
    pub(super) async fn seam_round(
        &mut self,
        booking: Option<&Booking>,
        link: Option<Link>,
        written: &mut i64,
    ) -> Result<Option<Round>, StepError> {
        let Some(b) = booking.filter(|b| b.is_active()) else {
            let Some(link) = link.filter(|l| !l.gone && is_seam(&l.calendar_id)) else {
                return Ok(None);
            };
            return self.seam_delete(link, written).await.map(Some);
        };
        let calendar = self.layout.calendar_for(b).to_string();
        if let Some(old) = link.as_ref().filter(|l| {
            !l.gone && l.calendar_id != calendar && (is_seam(&l.calendar_id) || is_seam(&calendar))
        }) {
            if self.made_unheard(old).await {
                // Read first, so that what was changed there goes with the
                // job and the hand-over knows the item.
                self.refetch_seam(old).await?;
                return Ok(Some(Round::Again));
            }
            self.hand_over(old.clone(), &calendar)?;
            return Ok(Some(Round::Again));
        }
        if !is_seam(&calendar) {
            return Ok(None);
        }
        self.seam_write(b, link, &calendar, written).await.map(Some)
    }

    /// Whether `link` was never confirmed in its calendar on the seam
    /// although an item of its booking is there: made by a create whose
    /// answer was lost. A calendar out of reach is asked again later; the
    /// job moves on meanwhile.
    async fn made_unheard(&self, link: &Link) -> bool {
        if link.etag.is_some() || !is_seam(&link.calendar_id) {
            return false;
        }
        let Ok(provider) = self.provider(&link.calendar_id) else {
            return false;
        };
        match provider.find_by_booking(&link.booking_id.to_string()).await {
            Ok(found) => found.is_some_and(|i| self.is_live_ours(&i)),
            Err(_) => false,
        }
    }

    /// Makes the item of `b` in `calendar` say what the booking says.
    async fn seam_write(
        &mut self,
        b: &Booking,
        link: Option<Link>,
        calendar: &str,
        written: &mut i64,
    ) -> Result<Round, StepError> {
        let provider = self.provider(calendar)?;
        let link = match link {
            Some(l) if !l.gone && l.calendar_id == calendar => l,
            old => {
                let l = Link {
                    booking_id: b.id,
                    calendar_id: calendar.to_string(),
                    event_id: match &old {
                        Some(o) => self.layout.next_event_id(b.id, &o.event_id),
                        None => self.layout.event_id(b.id),
                    },
                    etag: None,
                    remote_updated: None,
                    base: None,
                    gone: false,
                };
                self.store.sync_write(SYNC_ACTOR, |w| {
                    w.save_link(&l)?;
                    w.mark_suspect(b.id, false)
                })?;
                l
            }
        };
        let customer = self.store.customer(b.customer_id)?;
        let foreign = if self.store.link_is_ours(b.id)? {
            None
        } else {
            foreign_summary(&self.layout, &link)
        };
        let fields = self.layout.fields_of(b, &customer, foreign.as_deref());
        let item = item_write(&self.layout, b, &fields);
        let Some(etag) = link.etag.clone() else {
            // A create tried again keeps what the first try sent: an answer
            // lost on the way back leaves an item holding that (read as
            // agreed when the item is found, see `refetch_seam`).
            self.store.set_google_sent_first(b.id, &fields)?;
            return match provider.create(&item).await {
                Ok(w) => {
                    *written += 1;
                    let ev = written_event(&w, &item);
                    self.made_here(
                        Link {
                            event_id: w.id.0,
                            ..link
                        },
                        &ev,
                        fields,
                    )?;
                    Ok(Round::Finished(Delivery::Done))
                }
                Err(ProviderError::PreconditionFailed) => {
                    // Made by an earlier attempt whose answer was lost:
                    // settled against what is there.
                    self.refetch_seam(&link).await?;
                    Ok(Round::Again)
                }
                Err(e) => Err(e.into()),
            };
        };
        if link.base.as_ref() == Some(&fields) {
            return Ok(Round::Finished(Delivery::Done));
        }
        self.store.set_google_sent(b.id, Some(&fields))?;
        match provider
            .update(&ItemId(link.event_id.clone()), &Version(etag), &item)
            .await
        {
            Ok(w) => {
                *written += 1;
                let ev = written_event(&w, &item);
                self.agreed(
                    Link {
                        event_id: w.id.0,
                        ..link
                    },
                    &ev,
                    fields,
                )?;
                Ok(Round::Finished(Delivery::Done))
            }
            Err(ProviderError::PreconditionFailed) => {
                self.refetch_seam(&link).await?;
                Ok(Round::Again)
            }
            Err(ProviderError::NotFound(_)) => {
                // Deleted there: settled as a deletion (a cancellation, or
                // a conflict when the booking changed here too).
                self.recheck(&link).await?;
                Ok(Round::Again)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The item this database just made for `link`'s booking holds
    /// `fields` as `ev`: agreed, and its title ours to keep writing, in one
    /// transaction.
    fn made_here(
        &mut self,
        link: Link,
        ev: &RemoteEvent,
        fields: EventFields,
    ) -> Result<(), StepError> {
        let link = Link {
            etag: ev.etag.clone(),
            remote_updated: ev.updated.map(|u| u.to_rfc3339()),
            base: Some(fields),
            gone: false,
            ..link
        };
        self.store.sync_write(SYNC_ACTOR, |w| {
            w.clear_google_sent(link.booking_id)?;
            w.save_link(&link)?;
            w.mark_ours(link.booking_id)
        })?;
        Ok(())
    }

    /// Deletes the item of a booking cancelled or removed here.
    async fn seam_delete(&mut self, link: Link, written: &mut i64) -> Result<Round, StepError> {
        let provider = self.provider(&link.calendar_id)?;
        let Some(etag) = link.etag.clone() else {
            // Never confirmed: an earlier create whose answer was lost may
            // have made it all the same.
            if let Some(found) = provider
                .find_by_booking(&link.booking_id.to_string())
                .await?
            {
                match provider.delete(&found.id, &found.version).await {
                    Ok(()) => *written += 1,
                    Err(ProviderError::NotFound(_)) => {}
                    Err(ProviderError::PreconditionFailed) => return Ok(Round::Again),
                    Err(e) => return Err(e.into()),
                }
            }
            self.save_link(Link { gone: true, ..link })?;
            return Ok(Round::Finished(Delivery::Done));
        };
        match provider
            .delete(&ItemId(link.event_id.clone()), &Version(etag))
            .await
        {
            Ok(()) => {
                *written += 1;
                self.save_link(Link { gone: true, ..link })?;
                Ok(Round::Finished(Delivery::Done))
            }
            Err(ProviderError::NotFound(_)) => {
                self.save_link(Link { gone: true, ..link })?;
                Ok(Round::Finished(Delivery::Done))
            }
            Err(ProviderError::PreconditionFailed) => {
                // Changed there meanwhile: merged (a deletion against an
                // edit waits for the dispatcher).
                self.refetch_seam(&link).await?;
                Ok(Round::Again)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Reads the booking's item again and settles the booking against it.
    /// Found for a link never confirmed, it is one this database made (a
    /// create whose answer was lost).
    async fn refetch_seam(&mut self, link: &Link) -> Result<(), StepError> {
        let (calendar, ev) = self.locate_seam(link).await?;
        if ev.status == EventStatus::Cancelled {
            return self.recheck(link).await;
        }
        let made_here = link.etag.is_none();
        if !made_here && (calendar != link.calendar_id || ev.id != link.event_id) {
            // Found in another place: settled as a move (or as gone, when
            // that item stands for another booking).
            return self.recheck(link).await;
        }
        let mut link = Link {
            event_id: ev.id.clone(),
            ..link.clone()
        };
        self.settle_in_store_as(actor_of(&calendar), |w, layout, counts| {
            // The job came back to a calendar where its old item still
            // waited for its removal (CalDAV names our items by booking, so
            // the create met it): that item is its own again, at the
            // version and agreed state the removal knew, so a change made
            // to it meanwhile is merged, not written over.
            let back = if made_here && link.base.is_none() {
                w.take_back_removal(link.booking_id, &calendar, &ev.id)?
                    .as_deref()
                    .and_then(left_state)
            } else {
                None
            };
            if let Some((version, base)) = back {
                link.etag = Some(version);
                link.base = Some(base);
            } else if made_here {
                w.mark_ours(link.booking_id)?;
                // Made by a create whose answer was lost: it holds what
                // that create sent, so what it says beyond that was changed
                // there (an old item the booking comes back to is no such
                // item: it waits for its removal).
                if link.base.is_none() && !w.left_behind(&calendar, &ev.id)? {
                    link.base = w.google_sent(link.booking_id)?;
                }
            }
            w.save_link(&link)?;
            reconcile::settle(w, layout, &calendar, &ev, link, counts)
        })?;
        Ok(())
    }

    /// The live item of `link`'s booking, as the merge reads it: in its
    /// calendar, else (moved there with its booking id, as a WebDAV MOVE
    /// between two cleaners' calendars does) in another calendar on the
    /// seam that holds no old item of it waiting for removal; else its
    /// deletion.
    pub(super) async fn locate_seam(
        &self,
        link: &Link,
    ) -> Result<(String, RemoteEvent), StepError> {
        let provider = self.provider(&link.calendar_id)?;
        if let Some(item) = self.own_item(&*provider, link).await? {
            return Ok((link.calendar_id.clone(), as_event(&item)));
        }
        if link.etag.is_some() {
            let left = self.left_in(link.booking_id)?;
            for (key, other) in &self.seam {
                if *key == link.calendar_id || left.contains(key) {
                    continue;
                }
                let found = other.find_by_booking(&link.booking_id.to_string()).await?;
                if let Some(item) = found.filter(|i| self.is_live_ours(i)) {
                    return Ok((key.clone(), as_event(&item)));
                }
            }
        }
        Ok((
            link.calendar_id.clone(),
            RemoteEvent::bare(&link.event_id, EventStatus::Cancelled),
        ))
    }

    /// The live item of `link`'s booking in its own calendar. Another item
    /// may carry the same booking id (a copy someone made, or an item
    /// whose id was edited): when the search meets one under another id
    /// than the link's, the link's own item is read by its id, and while it
    /// is there, it is the booking's.
    async fn own_item(
        &self,
        provider: &dyn CalendarProvider,
        link: &Link,
    ) -> Result<Option<RemoteItem>, StepError> {
        let found = provider
            .find_by_booking(&link.booking_id.to_string())
            .await?
            .filter(|i| self.is_live_ours(i));
        let Some(item) = found else {
            return Ok(None);
        };
        if item.id.0 == link.event_id || link.etag.is_none() {
            return Ok(Some(item));
        }
        let own = provider
            .get(&ItemId(link.event_id.clone()))
            .await?
            .filter(|i| i.content.status != ItemStatus::Cancelled);
        Ok(Some(own.unwrap_or(item)))
    }

    /// Is `item` live and made by this database (or by nobody's)?
    fn is_live_ours(&self, item: &RemoteItem) -> bool {
        item.content.status != ItemStatus::Cancelled
            && item
                .properties
                .get("instance")
                .is_none_or(|i| *i == self.layout.instance)
    }

    /// The calendars where an old item of booking `id` waits for removal.
    fn left_in(&self, id: i64) -> Result<Vec<String>, StepError> {
        let id = id.to_string();
        Ok(self
            .store
            .outbox_items(CALENDAR_REMOVAL)?
            .iter()
            .filter(|e| !e.failed)
            .filter_map(|e| removal_parts(&e.key))
            .filter(|(booking, _, _)| *booking == id)
            .map(|(_, calendar, _)| calendar.to_string())
            .collect())
    }
}
