//! A visit's instance of its series' recurring event: written as an
//! override (PATCH to `{event}_{originalStart}`) when the visit differs
//! from its series, nothing while it follows it, and an EXDATE of the
//! series when it is cancelled.

use crate::domain::Booking;
use crate::domain::series::SeriesEnd;
use crate::domain::sync::EventFields;
use crate::engine::sync::account::AccountError;
use crate::providers::calendar::ProviderError;
use crate::providers::calendar::events::EventStatus;
use crate::store::{Link, StoreError, Visit};

use super::super::push::Delivery;
use super::super::{StepError, Syncer};
use super::instance_id;

impl Syncer {
    /// Makes the instance of visit `b` (of `visit`'s series) say what the
    /// visit says: nothing to write while it follows its series, an
    /// override when it differs, the series' EXDATE when it is cancelled.
    pub(in crate::engine::sync) async fn push_visit(
        &mut self,
        id: i64,
        booking: Option<Booking>,
        visit: Visit,
        written: &mut i64,
    ) -> Result<Option<Delivery>, StepError> {
        let s = match self.store.series(visit.series_id) {
            Ok(s) => s,
            Err(StoreError::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let calendar = self.layout.calendar_of_staff(s.staff_id).to_string();
        if crate::engine::sync::calendars::is_seam(&calendar) {
            // The series' cleaner's calendar is on another provider: each
            // visit is an item of its own there.
            return Ok(None);
        }
        if booking
            .as_ref()
            .is_some_and(|b| b.is_active() && self.layout.calendar_for(b) != calendar)
        {
            // Given to a cleaner with a calendar of their own: an event of
            // its own there, and an EXDATE in the series' event (later,
            // when the series waits for the dispatcher).
            self.push_series(s.id, written).await?;
            return Ok(None);
        }
        let Some(original) = self.original_instant(&visit.original) else {
            return Err(StoreError::Corrupt(format!(
                "booking #{id} has a bad original start {:?}",
                visit.original
            ))
            .into());
        };
        // The series' event first, as the store has it now (a visit
        // cancelled or brought back changes its EXDATEs); no request when
        // it already says so.
        if let Delivery::Held = self.push_series(s.id, written).await? {
            return Ok(Some(Delivery::Held));
        }
        // Writing the series' event may have settled its deletion in
        // Google (the series ended, this visit cancelled): the visit as the
        // store has it now, not as it was read before.
        let booking = match self.store.booking(id) {
            Ok(b) => Some(b),
            Err(StoreError::NotFound { .. }) => None,
            Err(e) => return Err(e.into()),
        };
        let master = self
            .store
            .google_series_link(s.id)?
            .ok_or_else(|| StoreError::Invalid(format!("series #{} has no event", s.id)))?;
        let instance = instance_id(&master.event_id, original);
        if let SeriesEnd::Until(last) = s.end
            && self.layout.tz.local_date(original) > last
        {
            // After its series' end (a cancellation undone once the series
            // had ended): the recurring event has no instance for it, so it
            // is an event of its own, made afresh.
            if let Some(l) = self.store.google_link(id)?
                && l.event_id.starts_with(&format!("{}_", master.event_id))
                && !l.gone
            {
                self.save_link(Link {
                    gone: true,
                    base: None,
                    ..l
                })?;
            }
            return Ok(None);
        }
        let link = self.store.google_link(id)?;
        let link = match link {
            Some(l) if l.event_id == instance && l.calendar_id == calendar => l,
            other => {
                let fresh = Link {
                    booking_id: id,
                    calendar_id: calendar.clone(),
                    event_id: instance.clone(),
                    etag: None,
                    remote_updated: None,
                    base: None,
                    gone: false,
                };
                if let Some(old) = other.filter(|l| !l.gone) {
                    // Its event of before (an item on another provider, a
                    // single event, an instance of another event of its
                    // series) goes once its instance is there, recorded
                    // with the move: never deleted before the visit points
                    // at its instance.
                    self.hand_over_to(old, fresh.clone())?;
                }
                fresh
            }
        };
        let series_fields = self.series_fields(&s, &calendar)?.first;
        let projected = EventFields {
            start: original,
            end: original + (series_fields.end - series_fields.start),
            ..series_fields
        };
        let mut booking = booking;
        for round in 0..4 {
            if round > 0 {
                // A write refused as stale settled Google's change into the
                // visit (a merge): what goes out now is the visit as it is
                // after that, never as it was before, or Google's change
                // would be written over.
                if self.store.sync_conflict(id)?.is_some() {
                    return Ok(Some(Delivery::Held));
                }
                booking = match self.store.booking(id) {
                    Ok(b) => Some(b),
                    Err(StoreError::NotFound { .. }) => None,
                    Err(e) => return Err(e.into()),
                };
            }
            let link = self
                .store
                .google_link(id)?
                .filter(|l| l.event_id == instance && l.calendar_id == calendar)
                .unwrap_or_else(|| link.clone());
            let Some(b) = booking.as_ref().filter(|b| b.is_active()) else {
                // Cancelled: an EXDATE of the series' event (written above).
                self.save_link(Link {
                    gone: true,
                    base: None,
                    ..link
                })?;
                return Ok(Some(Delivery::Done));
            };
            let customer = self.store.customer(b.customer_id)?;
            let fields = self.layout.fields_of(b, &customer, None);
            if link.base.as_ref() == Some(&fields) && !link.gone {
                return Ok(Some(Delivery::Done));
            }
            if link.base.is_none() && !link.gone && fields == projected {
                // It follows its series: the instance already says so (a
                // visit brought back after its instance was deleted in
                // Google is written: a PATCH restores the cancelled
                // instance).
                self.save_link(Link {
                    base: Some(fields),
                    gone: false,
                    ..link
                })?;
                return Ok(Some(Delivery::Done));
            }
            if fields == projected && !link.gone {
                // Back in step with its series: unless its instance is an
                // override that says otherwise, nothing to write.
                match self.account.get(&calendar, &instance).await {
                    Ok(ev)
                        if ev.status != EventStatus::Cancelled
                            && self.layout.fields_from(&calendar, &ev).as_ref()
                                == Some(&fields) =>
                    {
                        self.save_link(Link {
                            etag: ev.etag,
                            base: Some(fields),
                            ..link
                        })?;
                        return Ok(Some(Delivery::Done));
                    }
                    Ok(_)
                    | Err(AccountError(ProviderError::NotFound(_)))
                    | Err(AccountError(ProviderError::Gone)) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            let write = self.layout.write_of(b, &fields);
            // A visit brought back: its instance's old etag means nothing.
            let if_match = link.etag.as_deref().filter(|e| !e.is_empty() && !link.gone);
            self.store.set_google_sent(id, Some(&fields))?;
            match self
                .account
                .patch(&calendar, &instance, if_match, &write)
                .await
            {
                Ok(ev) => {
                    *written += 1;
                    self.agreed(link, &ev, fields)?;
                    return Ok(Some(Delivery::Done));
                }
                Err(AccountError(ProviderError::PreconditionFailed)) => {
                    self.refetch(&link).await?;
                    continue;
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(StepError::Account(ProviderError::Server {
            status: 412,
            message: "the instance kept changing while we wrote it".into(),
        }))
    }
}
