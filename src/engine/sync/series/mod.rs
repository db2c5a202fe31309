//! A series in Google Calendar: ONE recurring event (its RRULE with the
//! series' end, EXDATEs for the dates without a visit, `start.timeZone` the
//! business time zone) whose instances stand for the visits; a visit that
//! differs from its series (moved, reassigned, other notes) is an override
//! of its instance, written by PATCH to the instance id
//! `{event}_{originalStart}` as `events.instances` names it
//! (<https://developers.google.com/calendar/api/guides/recurringevents>,
//! "Modifying instances";
//! <https://developers.google.com/calendar/api/v3/reference/events/patch>;
//! <https://developers.google.com/calendar/api/v3/reference/events/instances>).
//! The event is never sent an instance's body.
//!
//! "This and following" needs nothing of its own here: the old series ends
//! (its RRULE gets UNTIL, strictly before the split) and the new series is
//! a new recurring event, each an outbox entry of its series.
//!
//! Pulling: the listing brings instances (`singleEvents=true`). A changed
//! instance settles against its visit like a single event against its
//! booking (scope "this": the visit becomes an exception). When an
//! instance of one of our events comes, its event is read once per run:
//! a change of the event itself is a change of the series (scope "all"),
//! an UNTIL brought forward ends the series.

use super::account::AccountError;
use crate::providers::calendar::ProviderError;
use chrono::{DateTime, Duration, Utc};

use crate::domain::Booking;
use crate::domain::series::{Planned, Series, SeriesEnd, original_key, parse_original_key};
use crate::domain::sync::{EventFields, SeriesEventFields};
use crate::providers::calendar::events::{EventStatus, EventWrite, PROP_INSTANCE};
use crate::store::{SeriesLink, StoreError};

use super::fields::{PROP_CUSTOMER, PROP_SERVICE, PROP_STAFF};
use super::push::Delivery;
use super::{SYNC_ACTOR, StepError, Syncer};

mod conflict;
mod instance;
mod pull;
mod taken;

pub(super) use conflict::{resolve_series, series_on_hold};

pub use taken::LooseSeries;
pub(super) use taken::apply_taken_instance;

/// The private extended property naming the series a recurring event was
/// made for (its instances inherit it).
pub const PROP_SERIES: &str = "renos_series";

/// The id of the instance of recurring event `event` that originally
/// starts at `original`: `{event}_{YYYYMMDDTHHMMSSZ}` (UTC), as Google
/// names instances (events.instances:
/// <https://developers.google.com/calendar/api/v3/reference/events/instances>).
pub fn instance_id(event: &str, original: DateTime<Utc>) -> String {
    format!("{event}_{}", original.format("%Y%m%dT%H%M%SZ"))
}

/// A local date-time as an iCalendar value: `20261208T083000`.
fn ical_local(t: chrono::NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

impl Syncer {
    /// The instant a visit's original local start stands for.
    fn original_instant(&self, original: &str) -> Option<DateTime<Utc>> {
        let t = parse_original_key(original)?;
        Some(self.layout.tz.instant(t.date(), t.time()))
    }

    /// What the recurring event of `s` must say, from the series and its
    /// visits: every date of the rule up to the last visit made that has
    /// no visit in the series' calendar (a holiday, a pause, a cancelled
    /// visit, a visit given to a cleaner with another calendar) is an
    /// EXDATE.
    fn series_fields(&self, s: &Series, calendar: &str) -> Result<SeriesEventFields, StepError> {
        let customer = self.store.customer(s.customer_id)?;
        let start = self.layout.tz.instant(s.first_date, s.start_time);
        let location = if s.address.trim().is_empty() {
            customer.address.clone()
        } else {
            s.address.clone()
        };
        // A recurring event made by hand keeps the title it was given.
        let foreign = self
            .store
            .google_series_link(s.id)?
            .filter(|l| self.layout.own_series_id(&l.event_id).is_none())
            .and_then(|l| l.base)
            .map(|b| b.first.summary);
        let first = EventFields {
            start,
            end: start + Duration::minutes(i64::from(s.duration_min)),
            staff_id: s.staff_id,
            location,
            notes: s.notes.clone(),
            summary: foreign
                .unwrap_or_else(|| self.layout.summary_of(&customer, &s.service, s.staff_id)),
        };
        let mut rule = format!("RRULE:{}", s.rule.rrule_text());
        match s.end {
            SeriesEnd::Open => {}
            // UNTIL in UTC, as RFC 5545 asks when DTSTART names a zone: the
            // last date's start is the last instance.
            SeriesEnd::Until(d) => {
                let last = self.layout.tz.instant(d, s.start_time);
                rule.push_str(&format!(";UNTIL={}", last.format("%Y%m%dT%H%M%SZ")));
            }
            SeriesEnd::Count(n) => rule.push_str(&format!(";COUNT={n}")),
        }
        let mut recurrence = vec![rule];
        let exdates = self.exdates(s, calendar)?;
        if !exdates.is_empty() {
            recurrence.push(format!(
                "EXDATE;TZID={}:{}",
                self.layout.tz.name(),
                exdates.join(",")
            ));
        }
        Ok(SeriesEventFields { first, recurrence })
    }

    fn exdates(&self, s: &Series, calendar: &str) -> Result<Vec<String>, StepError> {
        let visits = self.store.series_visits(s.id)?;
        let last = self
            .store
            .series_made_until(s.id)?
            .into_iter()
            .chain(
                visits
                    .iter()
                    .filter_map(|(_, v)| parse_original_key(&v.original))
                    .map(|t| t.date()),
            )
            .max()
            .unwrap_or(s.first_date);
        let holidays = &self.store.calendar().holidays;
        let plan = s
            .plan(s.first_date, last, self.layout.tz, holidays)
            .map_err(|e| StepError::Store(StoreError::Invalid(e)))?;
        let by_original: std::collections::HashMap<&str, &Booking> = visits
            .iter()
            .map(|(b, v)| (v.original.as_str(), b))
            .collect();
        let mut out = Vec::new();
        for p in plan {
            let original = match p {
                Planned::Holiday { original, .. } | Planned::Paused { original } => {
                    // A visit added on that date (an instance made in
                    // Google on a day the series skips) keeps it.
                    let added = by_original.get(original_key(original).as_str());
                    if added
                        .is_some_and(|b| b.is_active() && self.layout.calendar_for(b) == calendar)
                    {
                        continue;
                    }
                    original
                }
                Planned::Visit(o) => {
                    let key = original_key(o.original);
                    match by_original.get(key.as_str()) {
                        Some(b) if b.is_active() && self.layout.calendar_for(b) == calendar => {
                            continue;
                        }
                        // Cancelled, elsewhere, or never made (a date
                        // before the series was made).
                        _ => o.original,
                    }
                }
            };
            out.push(ical_local(original));
        }
        Ok(out)
    }

    /// The recurring event's body.
    fn series_write(&self, s: &Series, f: &SeriesEventFields) -> EventWrite {
        let mut private = std::collections::BTreeMap::new();
        private.insert(PROP_SERIES.to_string(), s.id.to_string());
        private.insert(PROP_INSTANCE.to_string(), self.layout.instance.clone());
        private.insert(PROP_CUSTOMER.to_string(), s.customer_id.to_string());
        private.insert(PROP_SERVICE.to_string(), s.service.clone());
        private.insert(
            PROP_STAFF.to_string(),
            s.staff_id.map(|x| x.to_string()).unwrap_or_default(),
        );
        EventWrite {
            summary: f.first.summary.clone(),
            description: f.first.notes.clone(),
            location: f.first.location.clone(),
            start: f.first.start,
            end: f.first.end,
            time_zone: self.layout.tz.name().to_string(),
            status: EventStatus::Confirmed,
            private,
            recurrence: f.recurrence.clone(),
        }
    }

    /// Held while a conflict of the series waits, else done.
    fn held_or_done(&self, link: &SeriesLink) -> Result<Delivery, StepError> {
        let held = self
            .store
            .series_conflict(&link.calendar_id, &link.event_id)?
            .is_some();
        Ok(if held { Delivery::Held } else { Delivery::Done })
    }

    fn save_series_link(&mut self, l: &SeriesLink) -> Result<(), StepError> {
        self.store
            .sync_write(SYNC_ACTOR, |w| w.save_series_link(l))?;
        Ok(())
    }

    /// Makes the recurring event of series `id` say what the series says.
    /// Repeatable: the event's id is derived from the series, so an insert
    /// whose answer was lost (or a run killed after it) finds the event
    /// (409) instead of making a second one.
    pub(super) async fn push_series(
        &mut self,
        id: i64,
        written: &mut i64,
    ) -> Result<Delivery, StepError> {
        for _round in 0..4 {
            let series = match self.store.series(id) {
                Ok(s) => Some(s),
                Err(StoreError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            };
            let link = self.store.google_series_link(id)?;
            let Some(s) = series else {
                // The series is gone (an undone creation): so is its event.
                if let Some(l) = link.filter(|l| l.etag.is_some() || l.base.is_some()) {
                    match self.account.delete(&l.calendar_id, &l.event_id, None).await {
                        Ok(())
                        | Err(AccountError(ProviderError::Gone))
                        | Err(AccountError(ProviderError::NotFound(_))) => {}
                        Err(e) => return Err(e.into()),
                    }
                    *written += 1;
                    self.save_series_link(&SeriesLink {
                        etag: None,
                        base: None,
                        ..l
                    })?;
                }
                return Ok(Delivery::Done);
            };
            if let Some(l) = &link
                && self
                    .store
                    .series_conflict(&l.calendar_id, &l.event_id)?
                    .is_some()
            {
                // Waits for the dispatcher's decision.
                return Ok(Delivery::Held);
            }
            let calendar = self.layout.calendar_of_staff(s.staff_id).to_string();
            if super::calendars::is_seam(&calendar) {
                // A cleaner whose calendar is on another provider: the
                // visits are items of their own there, each taking its
                // instance out of the series' event in Google as it moves;
                // the event goes once none is left in it.
                if let Some(old) = link.filter(|l| !super::calendars::is_seam(&l.calendar_id)) {
                    self.series_leaves_google(old, &calendar)?;
                }
                return Ok(Delivery::Done);
            }
            let link = match link {
                Some(l) if l.calendar_id == calendar => l,
                Some(old) if !super::calendars::is_seam(&old.calendar_id) => {
                    // Another cleaner with another Google calendar: a new
                    // event (with a new id) comes, and the old one goes once
                    // none of its visits is its instance — recorded with the
                    // move, so a delete whose answer is lost never reads as
                    // the series deleted there.
                    self.series_leaves_google(old, &calendar)?;
                    continue;
                }
                Some(old) => {
                    // Back from a cleaner on another provider (no event
                    // stands for the series there): a new one comes.
                    let generation = self
                        .layout
                        .own_series_id(&old.event_id)
                        .map_or(1, |(_, g)| g + 1);
                    let l = SeriesLink {
                        series_id: id,
                        calendar_id: calendar.clone(),
                        event_id: self.layout.series_event_id(id, generation),
                        etag: None,
                        base: None,
                    };
                    self.save_series_link(&l)?;
                    l
                }
                None => {
                    let l = SeriesLink {
                        series_id: id,
                        calendar_id: calendar.clone(),
                        event_id: self.layout.series_event_id(id, 0),
                        etag: None,
                        base: None,
                    };
                    self.save_series_link(&l)?;
                    l
                }
            };
            let fields = self.series_fields(&s, &calendar)?;
            let write = self.series_write(&s, &fields);
            if link.etag.is_none() {
                match self
                    .account
                    .insert(&link.calendar_id, &link.event_id, &write)
                    .await
                {
                    Ok(ev) => {
                        *written += 1;
                        let link = SeriesLink {
                            etag: ev.etag,
                            base: Some(fields),
                            ..link
                        };
                        self.save_series_link(&link)?;
                        self.adopt_visits(&link)?;
                        return Ok(Delivery::Done);
                    }
                    Err(AccountError(ProviderError::AlreadyExists)) => {
                        // Made by an earlier attempt whose answer was lost:
                        // written over (with its etag) next round.
                        let ev = match self.account.get(&link.calendar_id, &link.event_id).await {
                            Ok(ev) => ev,
                            Err(AccountError(ProviderError::NotFound(_)))
                            | Err(AccountError(ProviderError::Gone)) => {
                                // Deleted and purged: its id is taken for
                                // good, the event comes back under a new one.
                                let generation = self
                                    .layout
                                    .own_series_id(&link.event_id)
                                    .map_or(1, |(_, g)| g + 1);
                                self.save_series_link(&SeriesLink {
                                    event_id: self.layout.series_event_id(id, generation),
                                    etag: None,
                                    base: None,
                                    ..link
                                })?;
                                continue;
                            }
                            Err(e) => return Err(e.into()),
                        };
                        self.save_series_link(&SeriesLink {
                            etag: ev.etag.or(Some(String::new())),
                            base: None,
                            ..link
                        })?;
                        continue;
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            if link.base.as_ref() == Some(&fields) {
                return Ok(Delivery::Done);
            }
            let if_match = link.etag.as_deref().filter(|e| !e.is_empty());
            match self
                .account
                .patch(&link.calendar_id, &link.event_id, if_match, &write)
                .await
            {
                Ok(ev) => {
                    *written += 1;
                    let link = SeriesLink {
                        etag: ev.etag,
                        base: Some(fields),
                        ..link
                    };
                    self.save_series_link(&link)?;
                    self.adopt_visits(&link)?;
                    return Ok(Delivery::Done);
                }
                Err(AccountError(ProviderError::PreconditionFailed)) => {
                    // Changed in Google meanwhile: taken in first.
                    let ev = self.account.get(&link.calendar_id, &link.event_id).await?;
                    self.settle_series(&link, &ev)?;
                    if ev.status == EventStatus::Cancelled {
                        // Deleted there: settled as such, nothing to write.
                        return self.held_or_done(&link);
                    }
                    continue;
                }
                Err(AccountError(ProviderError::Gone))
                | Err(AccountError(ProviderError::NotFound(_))) => {
                    // Deleted there: the series ends, or (changed here
                    // meanwhile) waits for the dispatcher.
                    self.series_deleted(&link, None)?;
                    return self.held_or_done(&link);
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(StepError::Account(ProviderError::Server {
            status: 412,
            message: "the recurring event kept changing while we wrote it".into(),
        }))
    }

    /// A new recurring event: every visit of its series whose link names
    /// another event (a single event pushed before, an instance of another
    /// event) is delivered again, so its instance takes over and the old
    /// event goes.
    fn adopt_visits(&mut self, master: &SeriesLink) -> Result<(), StepError> {
        let prefix = format!("{}_", master.event_id);
        let mut stale = Vec::new();
        for (b, _) in self.store.series_visits(master.series_id)? {
            if let Some(l) = self.store.google_link(b.id)?
                && !l.gone
                && !l.event_id.starts_with(&prefix)
            {
                stale.push(b.id);
            }
        }
        if stale.is_empty() {
            return Ok(());
        }
        self.store.sync_write(SYNC_ACTOR, |w| {
            for id in &stale {
                w.enqueue_booking(*id)?;
            }
            Ok(())
        })?;
        Ok(())
    }
}
