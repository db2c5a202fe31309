//! Delivery of the outbox to Google: each booking's event created, changed,
//! moved or deleted so that it says what the booking says. Every write is
//! conditional on the etag last seen; a refusal because the event changed
//! meanwhile is settled by the three-way merge and tried again.

use super::account::AccountError;
use super::fault::account_text;
use chrono::{DateTime, Duration, Utc};

use crate::domain::sync::EventFields;
use crate::providers::calendar::ProviderError;
use crate::providers::calendar::events::{EventStatus, RemoteEvent};
use crate::store::{GOOGLE_BOOKING, GOOGLE_SERIES, Link, OutboxItem, StoreError};

use super::reconcile::{self, foreign_summary};
use super::seam::Round;
use super::{RunError, SYNC_ACTOR, StepError, Syncer};

/// What one outbox entry came to.
pub(super) enum Delivery {
    /// The event says what the booking says.
    Done,
    /// Nothing sent: the booking waits for the dispatcher's decision.
    Held,
}

/// Delay before the `attempts`-th retry of an entry: 30 s doubling, at most
/// an hour.
fn backoff(attempts: i64) -> Duration {
    let exp = attempts.clamp(0, 7) as u32;
    Duration::seconds((30i64 << exp).min(3600))
}

impl Syncer {
    /// Delivers the due outbox entries; returns how many events were written.
    pub(super) async fn push_due(&mut self, errors: &mut Vec<RunError>) -> anyhow::Result<i64> {
        let mut written = 0;
        // Series first: their visits' instances need the recurring event.
        for kind in [GOOGLE_SERIES, GOOGLE_BOOKING] {
            self.push_kind(kind, errors, &mut written).await?;
        }
        // Items left behind by jobs that moved to another provider's
        // calendar, once their new items are there (with Google out of
        // reach, those in Google wait).
        self.push_removals(errors).await?;
        Ok(written)
    }

    /// Delivers the due entries of one kind. Once Google is out of reach
    /// (offline, not allowed, out of quota), the entries that need it wait
    /// untried and the others go on.
    async fn push_kind(
        &mut self,
        kind: &str,
        errors: &mut Vec<RunError>,
        written: &mut i64,
    ) -> anyhow::Result<()> {
        let what = if kind == GOOGLE_SERIES {
            "series"
        } else {
            "booking"
        };
        let mut seen = std::collections::HashSet::new();
        loop {
            // A run delivers every pending entry; the per-entry backoff only
            // spaces out the automatic runs (see the console's sync task).
            let now = self.store.now();
            let due = self.store.outbox_due(kind, DateTime::<Utc>::MAX_UTC, 200)?;
            let fresh: Vec<OutboxItem> = due
                .into_iter()
                .filter(|i| seen.insert(i.key.clone()))
                .collect();
            if fresh.is_empty() {
                break;
            }
            for item in fresh {
                let Ok(key) = item.key.parse::<i64>() else {
                    self.store.outbox_fail(&item, &format!("not a {what} id"))?;
                    continue;
                };
                if self.google_out && self.needs_google(kind, key)? {
                    // Waits, untried, for Google.
                    continue;
                }
                let delivery = if kind == GOOGLE_SERIES {
                    self.push_series(key, written).await
                } else {
                    self.push_booking(key, written).await
                };
                let booking_id = key;
                match delivery {
                    Ok(Delivery::Done) => {
                        self.store.outbox_done(&item)?;
                    }
                    Ok(Delivery::Held) => {}
                    Err(StepError::Account(e))
                        if e.is_transient() || matches!(e, ProviderError::Unauthorised(_)) =>
                    {
                        let next = now + backoff(item.attempts);
                        self.store.outbox_retry(&item, &account_text(&e), next)?;
                        let (offline, rate_limit) = (e.is_network(), e.is_rate_limit());
                        let auth = matches!(e, ProviderError::Unauthorised(_));
                        errors.push(RunError::Write {
                            series: kind == GOOGLE_SERIES,
                            id: booking_id,
                            error: e.into(),
                        });
                        if offline || rate_limit || auth {
                            // Offline, not allowed, or out of quota: the rest
                            // of Google's would fail alike (and burn the
                            // quota further); the other calendars go on.
                            self.offline |= offline;
                            self.google_out = true;
                        }
                    }
                    Err(StepError::Account(e)) => {
                        self.store.outbox_fail(&item, &account_text(&e))?;
                        errors.push(RunError::Write {
                            series: kind == GOOGLE_SERIES,
                            id: booking_id,
                            error: e.into(),
                        });
                    }
                    Err(StepError::Calendar(e))
                        if e.is_transient() || matches!(e, ProviderError::Unauthorised(_)) =>
                    {
                        // One calendar out of reach (or not allowed): its
                        // change waits; the other calendars go on.
                        let next = now + backoff(item.attempts);
                        self.store.outbox_retry(&item, &e.to_string(), next)?;
                        errors.push(RunError::ProviderWrite {
                            series: kind == GOOGLE_SERIES,
                            id: booking_id,
                            error: e,
                        });
                    }
                    Err(StepError::Calendar(e)) => {
                        self.store.outbox_fail(&item, &e.to_string())?;
                        errors.push(RunError::ProviderWrite {
                            series: kind == GOOGLE_SERIES,
                            id: booking_id,
                            error: e,
                        });
                    }
                    Err(StepError::Store(e)) => return Err(e.into()),
                }
            }
        }
        Ok(())
    }

    /// Makes the event of booking `id` say what the booking says.
    async fn push_booking(&mut self, id: i64, written: &mut i64) -> Result<Delivery, StepError> {
        if self.store.sync_conflict(id)?.is_some() {
            return Ok(Delivery::Held);
        }
        if let Some(visit) = self.store.visit_of(id)? {
            // A visit of a series: an instance of the series' event (or,
            // with a cleaner of another calendar, an event of its own).
            let booking = match self.store.booking(id) {
                Ok(b) => Some(b),
                Err(StoreError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            };
            if let Some(d) = self.push_visit(id, booking, visit, written).await? {
                return Ok(d);
            }
        }
        for _round in 0..4 {
            if self.store.sync_conflict(id)?.is_some() {
                return Ok(Delivery::Held);
            }
            let booking = match self.store.booking(id) {
                Ok(b) => Some(b),
                Err(StoreError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            };
            let link = self.store.google_link(id)?;
            // A calendar on another provider: through the seam.
            match self
                .seam_round(booking.as_ref(), link.clone(), written)
                .await?
            {
                Some(Round::Finished(d)) => return Ok(d),
                Some(Round::Again) => continue,
                None => {}
            }
            let active = booking.as_ref().filter(|b| b.is_active());
            let Some(b) = active else {
                // Cancelled or removed here: the event goes.
                let Some(link) = link.filter(|l| !l.gone) else {
                    return Ok(Delivery::Done);
                };
                match self
                    .account
                    .delete(&link.calendar_id, &link.event_id, link.etag.as_deref())
                    .await
                {
                    Ok(()) => {
                        *written += 1;
                        self.save_link(Link { gone: true, ..link })?;
                        return Ok(Delivery::Done);
                    }
                    Err(AccountError(ProviderError::Gone))
                    | Err(AccountError(ProviderError::NotFound(_))) => {
                        // Gone where it was — or moved to another calendar:
                        // the copy a move leaves behind answers as deleted
                        // (404 once Google forgot it). The deletion follows
                        // a moved event; a dead link would leave it to be
                        // taken in as a new booking.
                        if self.moved(&link).await? {
                            self.recheck(&link).await?;
                            continue;
                        }
                        *written += 1;
                        self.save_link(Link { gone: true, ..link })?;
                        return Ok(Delivery::Done);
                    }
                    Err(AccountError(ProviderError::PreconditionFailed)) => {
                        self.refetch(&link).await?;
                        continue;
                    }
                    Err(e) => return Err(e.into()),
                }
            };
            let calendar = self.layout.calendar_for(b).to_string();
            let link = match link {
                Some(dead) if dead.gone => {
                    // Its event died (deleted there, or here before the
                    // booking came back): a new event under a new id, as
                    // Google keeps a deleted event's id for good.
                    self.new_link(id, &calendar, Some(&dead.event_id))?
                }
                Some(l) if l.calendar_id == calendar => l,
                Some(old) => {
                    // The cleaner changed to one with another calendar: a
                    // new event comes, and the old one goes once it is
                    // there (recorded with the move, so a delete whose
                    // answer is lost never reads as the job deleted).
                    self.hand_over(old, &calendar)?;
                    continue;
                }
                None => self.new_link(id, &calendar, None)?,
            };
            let customer = self.store.customer(b.customer_id)?;
            let foreign = foreign_summary(&self.layout, &link);
            let fields = self.layout.fields_of(b, &customer, foreign.as_deref());
            let write = self.layout.write_of(b, &fields);
            if link.etag.is_none() {
                self.store.set_google_sent(id, Some(&fields))?;
                match self
                    .account
                    .insert(&link.calendar_id, &link.event_id, &write)
                    .await
                {
                    Ok(ev) => {
                        *written += 1;
                        self.agreed(link, &ev, fields)?;
                        return Ok(Delivery::Done);
                    }
                    Err(AccountError(ProviderError::AlreadyExists)) => {
                        // Made by an earlier attempt whose answer was lost, or
                        // deleted earlier: settle against what is there.
                        self.refetch(&link).await?;
                        continue;
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            if link.base.as_ref() == Some(&fields) && !link.gone {
                return Ok(Delivery::Done);
            }
            let if_match = if link.gone {
                None
            } else {
                link.etag.as_deref()
            };
            self.store.set_google_sent(id, Some(&fields))?;
            match self
                .account
                .patch(&link.calendar_id, &link.event_id, if_match, &write)
                .await
            {
                Ok(ev) => {
                    *written += 1;
                    self.agreed(link, &ev, fields)?;
                    return Ok(Delivery::Done);
                }
                Err(AccountError(ProviderError::PreconditionFailed)) => {
                    self.refetch(&link).await?;
                    continue;
                }
                Err(AccountError(ProviderError::Gone))
                | Err(AccountError(ProviderError::NotFound(_))) => {
                    // Deleted, purged (404) or moved to another calendar:
                    // found again, or settled as a deletion (which never
                    // loops: a dead link gets a new event next round).
                    self.recheck(&link).await?;
                    continue;
                }
                Err(e) => return Err(e.into()),
            }
        }
        // Still moving under us; the entry stays for the next round.
        Err(StepError::Account(ProviderError::Server {
            status: 412,
            message: "the event kept changing while we wrote it".into(),
        }))
    }

    /// A fresh link for the booking's event in `calendar`; `old` is the id
    /// of its previous event, which is never used again.
    fn new_link(
        &mut self,
        booking_id: i64,
        calendar: &str,
        old: Option<&str>,
    ) -> Result<Link, StepError> {
        let event_id = match old {
            Some(old) => self.layout.next_event_id(booking_id, old),
            None => self.layout.event_id(booking_id),
        };
        let link = Link {
            booking_id,
            calendar_id: calendar.to_string(),
            event_id,
            etag: None,
            remote_updated: None,
            base: None,
            gone: false,
        };
        self.store.sync_write(SYNC_ACTOR, |w| {
            w.save_link(&link)?;
            w.mark_suspect(booking_id, false)
        })?;
        Ok(link)
    }

    pub(super) fn save_link(&mut self, link: Link) -> Result<(), StepError> {
        self.store.sync_write(SYNC_ACTOR, |w| w.save_link(&link))?;
        Ok(())
    }

    /// Google now holds `fields` as `ev`.
    pub(super) fn agreed(
        &mut self,
        link: Link,
        ev: &RemoteEvent,
        fields: EventFields,
    ) -> Result<(), StepError> {
        self.store.set_google_sent(link.booking_id, None)?;
        self.save_link(Link {
            etag: ev.etag.clone(),
            remote_updated: ev.updated.map(|u| u.to_rfc3339()),
            base: Some(fields),
            gone: ev.status == EventStatus::Cancelled,
            ..link
        })
    }

    /// Reads the event again and settles it against the booking (a merge,
    /// or a conflict for the dispatcher). An event that is no longer there
    /// is looked for elsewhere before its deletion is settled.
    pub(super) async fn refetch(&mut self, link: &Link) -> Result<(), StepError> {
        let ev = match self.account.get(&link.calendar_id, &link.event_id).await {
            Ok(ev) if ev.status != EventStatus::Cancelled => ev,
            Ok(_)
            | Err(AccountError(ProviderError::NotFound(_)))
            | Err(AccountError(ProviderError::Gone)) => {
                return self.recheck(link).await;
            }
            Err(e) => return Err(e.into()),
        };
        let link = link.clone();
        let calendar = link.calendar_id.clone();
        self.settle_in_store(|w, layout, counts| {
            reconcile::settle(w, layout, &calendar, &ev, link, counts)
        })?;
        Ok(())
    }
}
