//! Before a booking is cancelled because its event looks deleted, Google is
//! asked again. An event can look deleted without being so:
//!
//! - it was written (pushed here, or by another console) while a full
//!   listing was open, so the listing never saw it;
//! - it was moved to another calendar (`events.move` leaves a cancelled
//!   copy behind in the source calendar);
//! - a page of a listing failed and the listing went on later.
//!
//! A suspect link is looked up by its id (where it was, then in the other
//! configured calendars: a move keeps the id), then by the booking's
//! private property across the configured calendars; only when neither finds a live
//! event is the deletion settled (a cancellation, or a conflict when the
//! booking changed here). The suspect mark is written in the same
//! transaction as what made the event suspect, so a crash in between only
//! repeats the check.

use super::account::AccountError;
use crate::providers::calendar::ProviderError;
use crate::providers::calendar::events::{EventStatus, PROP_BOOKING, PROP_INSTANCE, RemoteEvent};
use crate::store::Link;

use super::reconcile;
use super::{StepError, Syncer};

impl Syncer {
    /// Checks every suspect link at Google and settles it.
    pub(super) async fn verify_suspects(&mut self) -> Result<(), StepError> {
        // The recurring events of series already asked about in this pass.
        let mut masters = std::collections::HashMap::new();
        for link in self.store.google_suspects()? {
            if self.google_out && !super::calendars::is_seam(&link.calendar_id) {
                // Google is out of reach: its links are checked next run.
                continue;
            }
            if !super::calendars::is_seam(&link.calendar_id)
                && self
                    .master_deleted(&link.calendar_id, &link.event_id, &mut masters)
                    .await?
            {
                // Its series' event is gone: the series ended (its visits
                // from today on cancelled, the earlier ones kept).
                continue;
            }
            self.recheck(&link).await?;
        }
        Ok(())
    }

    /// Finds where the event of `link` lives now and settles the booking
    /// against it (a merge, a move to another calendar, or the deletion).
    pub(super) async fn recheck(&mut self, link: &Link) -> Result<(), StepError> {
        if super::calendars::is_seam(&link.calendar_id) && link.etag.is_none() {
            // Never confirmed there: delivered again (a create whose answer
            // was lost is found by its booking), nothing is cancelled.
            let id = link.booking_id;
            self.store.sync_write(super::SYNC_ACTOR, |w| {
                w.mark_suspect(id, false)?;
                w.enqueue_booking(id)
            })?;
            return Ok(());
        }
        if self.instance_renamed(link).await? {
            return Ok(());
        }
        let (calendar, ev) = self.locate(link).await?;
        let original = link.clone();
        let moved = calendar != link.calendar_id || ev.id != link.event_id;
        if moved {
            tracing::info!(
                booking = link.booking_id,
                from = %link.calendar_id,
                to = %calendar,
                "the booking's event was found in another place"
            );
        }
        self.settle_in_store(|w, layout, counts| {
            w.mark_suspect(original.booking_id, false)?;
            if !moved {
                return reconcile::settle(w, layout, &calendar, &ev, original, counts);
            }
            if w.link_by_event(&calendar, &ev.id)?
                .is_some_and(|other| other.booking_id != original.booking_id)
            {
                // That event stands for another booking: this one's is gone.
                let gone = RemoteEvent::bare(&original.event_id, EventStatus::Cancelled);
                let cal = original.calendar_id.clone();
                return reconcile::settle(w, layout, &cal, &gone, original, counts);
            }
            // The event found is live: whatever the old link said, this one
            // is not gone (a cancelled booking's live event is then deleted).
            let link = Link {
                calendar_id: calendar.clone(),
                event_id: ev.id.clone(),
                etag: None,
                gone: false,
                ..original
            };
            w.save_link(&link)?;
            reconcile::settle(w, layout, &calendar, &ev, link, counts)
        })?;
        Ok(())
    }

    /// Whether the event of `link` lives on in another place (moved to
    /// another calendar, or copied under another id).
    pub(super) async fn moved(&self, link: &Link) -> Result<bool, StepError> {
        let (calendar, ev) = self.locate(link).await?;
        Ok(ev.status != EventStatus::Cancelled
            && (calendar != link.calendar_id || ev.id != link.event_id))
    }

    /// The live event of `link`: where it was, else wherever an event made
    /// for its booking is now; else the deletion as found.
    async fn locate(&self, link: &Link) -> Result<(String, RemoteEvent), StepError> {
        if super::calendars::is_seam(&link.calendar_id) {
            return self.locate_seam(link).await;
        }
        let here = match self.account.get(&link.calendar_id, &link.event_id).await {
            Ok(ev) if ev.status != EventStatus::Cancelled => {
                return Ok((link.calendar_id.clone(), ev));
            }
            Ok(ev) => ev,
            // Purged after a while: Google answers 404 for the id.
            Err(AccountError(ProviderError::NotFound(_)))
            | Err(AccountError(ProviderError::Gone)) => {
                RemoteEvent::bare(&link.event_id, EventStatus::Cancelled)
            }
            Err(e) => return Err(e.into()),
        };
        // `events.move` keeps the id: the same id in another calendar.
        for calendar in self.google_calendars() {
            if calendar == link.calendar_id {
                continue;
            }
            match self.account.get(&calendar, &link.event_id).await {
                Ok(ev) if ev.status != EventStatus::Cancelled => return Ok((calendar, ev)),
                Ok(_)
                | Err(AccountError(ProviderError::NotFound(_)))
                | Err(AccountError(ProviderError::Gone)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        // A copy of one of ours under another id (made by hand).
        let booking = link.booking_id.to_string();
        for calendar in self.google_calendars() {
            let found = match self
                .account
                .find_by_property(&calendar, PROP_BOOKING, &booking)
                .await
            {
                Ok(found) => found,
                // A calendar we cannot read cannot hold the event.
                Err(AccountError(ProviderError::NotFound(_))) => continue,
                Err(e) => return Err(e.into()),
            };
            if let Some(ev) = found.into_iter().find(|ev| {
                ev.status != EventStatus::Cancelled
                    && ev.recurring_event_id.is_none()
                    && ev.private.get(PROP_INSTANCE) == Some(&self.layout.instance)
                    && (ev.id == link.event_id || self.layout.is_own_id(link.booking_id, &ev.id))
            }) {
                return Ok((calendar, ev));
            }
        }
        Ok((link.calendar_id.clone(), here))
    }
}

impl Syncer {
    /// An instance of one of our series' events that is not there while
    /// its event is: the series changed (its start, its rule) and the
    /// instance has another id now, not a deletion. The visit is delivered
    /// again (its instance found anew) and nothing is cancelled. A
    /// deleted instance is there, cancelled: it is settled as a deletion.
    async fn instance_renamed(&mut self, link: &Link) -> Result<bool, StepError> {
        if super::calendars::is_seam(&link.calendar_id)
            || !self.layout.is_own_instance(&link.event_id)
        {
            return Ok(false);
        }
        match self.account.get(&link.calendar_id, &link.event_id).await {
            Err(AccountError(ProviderError::NotFound(_))) => {}
            Ok(_) | Err(AccountError(ProviderError::Gone)) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        let Some((master, _)) = link.event_id.rsplit_once('_') else {
            return Ok(false);
        };
        match self.account.get(&link.calendar_id, master).await {
            Ok(ev) if ev.status != EventStatus::Cancelled => {}
            Ok(_)
            | Err(AccountError(ProviderError::NotFound(_)))
            | Err(AccountError(ProviderError::Gone)) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        let id = link.booking_id;
        self.store.sync_write(super::SYNC_ACTOR, |w| {
            w.mark_suspect(id, false)?;
            w.enqueue_booking(id)
        })?;
        Ok(true)
    }
}
