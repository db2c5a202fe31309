//! Recurring events made by hand in Google Calendar, taken in as series.
//!
//! A listing with `singleEvents=true` brings instances only, each naming
//! its recurring event (`recurringEventId`); the event itself, with its
//! `recurrence` lines, is read once with events.get
//! (<https://developers.google.com/calendar/api/guides/recurringevents>,
//! <https://developers.google.com/calendar/api/v3/reference/events/get>).
//! When a series can hold its rule (one local time all year, a visit of
//! 1 minute to 24 hours, an RRULE the series knows) it becomes one, for the
//! customer its title names, its visits waiting for review as single
//! events made by hand do; its instances are linked to the visits, so a
//! changed instance is a changed visit (scope "this") and the event a
//! changed series (scope "all"). An EXDATE is a one-day pause; an instance
//! the rule does not give (an RDATE, a day the series skips) is a visit
//! added to the series. A rule a series cannot hold stays single bookings,
//! with a warning in the run's report.

use crate::engine::sync::account::AccountError;
use crate::providers::calendar::ProviderError;
use std::collections::{BTreeSet, HashSet};

use chrono::{Duration, NaiveDate, Timelike};

use crate::domain::series::{HolidayPolicy, Pause, Rule, Series, SeriesEnd, original_key};
use crate::domain::sync::{EventFields, SeriesEventFields};
use crate::domain::{Booking, BookingStatus, BusinessTz};
use crate::engine::import::{DEFAULT_SERVICE, MADE_TAG};
use crate::providers::calendar::events::{EventStatus, EventTime, RemoteEvent};
use crate::store::{Link, SeriesLink, SyncCounts, SyncWriter, VisitWrite};

use super::super::fields::Layout;
use super::super::reconcile::{REVIEW_NEW_CUSTOMER, customer_for, settle};
use super::super::{LooseWhy, StepError, Syncer};
use super::instance_id;
use super::pull::until_of;

/// The reason the journal gives for what a hand-made recurring event made.
const MADE_THERE: &str =
    crate::domain::remark::Remark::MadeThere(crate::domain::remark::Calendar::Google).text();

/// A recurring event made by hand whose rule a series cannot hold: its
/// instances stay single bookings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LooseSeries {
    /// The event's title.
    pub summary: String,
    /// Why a series cannot hold it.
    pub why: LooseWhy,
}

/// What a series takes from a recurring event's times and rule.
#[derive(Debug, Clone, PartialEq)]
struct Shape {
    first_date: NaiveDate,
    start_time: chrono::NaiveTime,
    duration_min: u32,
    rule: Rule,
    end: SeriesEnd,
    pauses: Vec<Pause>,
}

/// The dates of an `EXDATE` or `RDATE` line, as local dates in the
/// business zone.
fn dates_of(line: &str, tz: BusinessTz) -> Vec<NaiveDate> {
    let Some((_, values)) = line.split_once(':') else {
        return Vec::new();
    };
    values
        .split(',')
        .filter_map(|v| {
            let v = v.trim();
            if let Some(utc) = v.strip_suffix('Z') {
                let t = chrono::NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
                return Some(tz.local_date(t.and_utc()));
            }
            // A date, or a local time in the line's zone: its date.
            NaiveDate::parse_from_str(v.get(..8)?, "%Y%m%d").ok()
        })
        .collect()
}

/// The shape of recurring event `master` as a series, or why a series
/// cannot hold it. `instances` are the instances of it a listing brought:
/// each must be on a date of the series' rule (or be an added date of the
/// event, an RDATE).
fn shape(
    master: &RemoteEvent,
    instances: &[&RemoteEvent],
    tz: BusinessTz,
) -> Result<Shape, LooseWhy> {
    let (Some(EventTime::At(start)), Some(EventTime::At(end))) = (master.start, master.end) else {
        return Err(LooseWhy::AllDay);
    };
    let local = tz.local(start).naive_local();
    if local.second() != 0 {
        return Err(LooseWhy::SecondPastMinute);
    }
    let len = end - start;
    if len.num_seconds() % 60 != 0 || len.num_minutes() < 1 || len.num_minutes() > 24 * 60 {
        return Err(LooseWhy::Length);
    }
    let mut rrule = None;
    let mut skipped = Vec::new();
    let mut added = HashSet::new();
    for line in &master.recurrence {
        let upper = line.to_ascii_uppercase();
        if let Some(rule) = line.strip_prefix("RRULE:") {
            if rrule.replace(rule).is_some() {
                return Err(LooseWhy::TwoRrules);
            }
        } else if upper.starts_with("EXDATE") {
            skipped.extend(dates_of(line, tz));
        } else if upper.starts_with("RDATE") {
            added.extend(dates_of(line, tz));
        } else {
            return Err(LooseWhy::UnknownLine(line.clone()));
        }
    }
    let rrule = rrule.ok_or(LooseWhy::NoRrule)?;
    let first_date = local.date();
    let spec = Rule::from_rrule(rrule, first_date).map_err(LooseWhy::Rrule)?;
    let end = match spec.end {
        // UNTIL as the last local date a visit fits.
        Some(SeriesEnd::Until(_)) => {
            until_of(&master.recurrence, tz, local.time()).map_or(SeriesEnd::Open, SeriesEnd::Until)
        }
        other => other.unwrap_or(SeriesEnd::Open),
    };
    skipped.sort();
    skipped.dedup();
    let s = Shape {
        first_date,
        start_time: local.time(),
        duration_min: len.num_minutes() as u32,
        rule: spec.rule,
        end,
        pauses: skipped.iter().map(|d| Pause { from: *d, to: *d }).collect(),
    };
    let probe = s.series(
        0,
        None,
        DEFAULT_SERVICE.into(),
        String::new(),
        String::new(),
    );
    probe.check().map_err(LooseWhy::Series)?;
    // Google repeats the event in its own zone: an instance on a date (or
    // at a time) the series does not give means the two disagree.
    for i in instances {
        let Some(original) = i.original_start else {
            continue;
        };
        let t = match original {
            EventTime::At(t) => tz.local(t).naive_local(),
            EventTime::Date(_) => return Err(LooseWhy::AllDay),
        };
        if added.contains(&t.date()) {
            continue;
        }
        let theirs = probe
            .originals(t.date(), t.date())
            .map_err(LooseWhy::Other)?;
        if !theirs.contains(&t) {
            return Err(LooseWhy::LocalTime {
                zone: tz.name().to_string(),
            });
        }
    }
    Ok(s)
}

impl Shape {
    fn series(
        &self,
        customer_id: i64,
        staff_id: Option<i64>,
        service: String,
        address: String,
        notes: String,
    ) -> Series {
        Series {
            id: 0,
            customer_id,
            staff_id,
            service,
            start_time: self.start_time,
            duration_min: self.duration_min,
            first_date: self.first_date,
            rule: self.rule.clone(),
            end: self.end,
            holidays: HolidayPolicy::Skip,
            pauses: self.pauses.clone(),
            address,
            notes,
            version: 0,
        }
    }
}

/// What an instance of `master` says while it follows it: the event's
/// fields at the instance's original start.
fn projected(first: &EventFields, original: chrono::DateTime<chrono::Utc>) -> EventFields {
    EventFields {
        start: original,
        end: original + (first.end - first.start),
        ..first.clone()
    }
}

/// The address a visit keeps: empty when the event names the customer's own.
fn address_of(location: &str, customer_address: &str) -> String {
    if location.trim() == customer_address.trim() {
        String::new()
    } else {
        location.to_string()
    }
}

impl Syncer {
    /// The recurring events made by hand whose instances `page` brings for
    /// the first time in this listing (`fresh`): each one no series, booking
    /// or single booking knows yet is read and taken in as a series, in one
    /// transaction, before the page is applied. Returns the events read.
    pub(in crate::engine::sync) async fn take_in_masters(
        &mut self,
        calendar: &str,
        page: &[RemoteEvent],
        fresh: &BTreeSet<String>,
    ) -> Result<HashSet<String>, StepError> {
        let mut read = HashSet::new();
        for m in fresh {
            let instances: Vec<&RemoteEvent> = page
                .iter()
                .filter(|e| e.recurring_event_id.as_deref() == Some(m.as_str()))
                .collect();
            let hand_made = instances
                .iter()
                .any(|e| e.is_default_type() && self.layout.own_series(e).is_none());
            if !hand_made
                || self.layout.own_series_id(m).is_some()
                || self.store.google_series_by_event(calendar, m)?.is_some()
                || !self.store.google_instance_links(calendar, m)?.is_empty()
                || self
                    .store
                    .sync_write(super::super::SYNC_ACTOR, |w| w.link_by_event(calendar, m))?
                    .is_some()
            {
                // Known already: a series, a booking whose event was made
                // recurring, or single bookings of before.
                continue;
            }
            let master = match self.account.get(calendar, m).await {
                Ok(ev) => ev,
                Err(AccountError(ProviderError::NotFound(_)))
                | Err(AccountError(ProviderError::Gone)) => continue,
                Err(e) => return Err(e.into()),
            };
            read.insert(m.clone());
            if master.status == EventStatus::Cancelled
                || master.recurrence.is_empty()
                || !master.is_default_type()
            {
                continue;
            }
            match shape(&master, &instances, self.layout.tz) {
                Ok(s) => self.take_in(calendar, &master, &s)?,
                Err(why) => self.loose.push(LooseSeries {
                    summary: master.summary.clone(),
                    why,
                }),
            }
        }
        Ok(read)
    }

    /// One recurring event made by hand as a series: the customer, the
    /// series with its visits from the start of the sync window, the link
    /// of the event and of each visit to its instance, in one transaction.
    /// A series the store refuses (its rules) stays single bookings.
    fn take_in(
        &mut self,
        calendar: &str,
        master: &RemoteEvent,
        s: &Shape,
    ) -> Result<(), StepError> {
        let Some(first) = self.layout.fields_from(calendar, master) else {
            return Ok(());
        };
        let cal = self.store.calendar().clone();
        let from = self.layout.tz.local_date(self.layout.window.0);
        let base = SeriesEventFields {
            first: first.clone(),
            recurrence: master.recurrence.clone(),
        };
        let taken = self.settle_in_store(|w, layout, counts| {
            let super::super::reconcile::Named {
                customer_id,
                known,
                service,
            } = customer_for(w, layout, master)?;
            let customer = w.customer(customer_id)?;
            let series = s.series(
                customer_id,
                first.staff_id,
                service,
                address_of(&first.location, &customer.address),
                first.notes.clone(),
            );
            let review = if known { "" } else { REVIEW_NEW_CUSTOMER };
            let made = w.take_in_series(series, review, from, &cal)?;
            w.save_series_link(&SeriesLink {
                series_id: made.series.id,
                calendar_id: calendar.to_string(),
                event_id: master.id.clone(),
                etag: master.etag.clone(),
                base: Some(base.clone()),
            })?;
            for b in made.visits.iter().filter(|b| b.is_active()) {
                // A new visit starts at its original start (holidays are
                // skipped, never moved, in a series taken in).
                w.save_link(&Link {
                    booking_id: b.id,
                    calendar_id: calendar.to_string(),
                    event_id: instance_id(&master.id, b.start),
                    etag: None,
                    remote_updated: None,
                    base: Some(projected(&first, b.start)),
                    gone: false,
                })?;
            }
            counts.created += made.visits.len() as i64;
            Ok(())
        });
        match taken {
            Ok(()) => {
                self.taken += 1;
                Ok(())
            }
            Err(e) if e.is_invalid() => {
                self.loose.push(LooseSeries {
                    summary: master.summary.clone(),
                    why: LooseWhy::Other(e.to_string()),
                });
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// An instance of a recurring event taken in as series `sl`, not linked to
/// a visit yet: the visit at its original start is linked to it and
/// settled against it; an instance the series has no visit for (an RDATE,
/// a day the series skips) becomes a visit added to the series, so no
/// instance is lost.
pub(in crate::engine::sync) fn apply_taken_instance(
    w: &SyncWriter,
    layout: &Layout,
    calendar: &str,
    ev: &RemoteEvent,
    sl: &SeriesLink,
    generation: Option<i64>,
    counts: &mut SyncCounts,
) -> crate::store::Result<()> {
    let Some(original) = ev.original_start.map(|t| layout.instant_of(t)) else {
        return Ok(());
    };
    let key = original_key(layout.tz.local(original).naive_local());
    let cancelled = ev.status == EventStatus::Cancelled;
    if let Some((b, _)) = w.visit_at(sl.series_id, &key)? {
        if w.link_by_booking(b.id)?.is_some_and(|l| !l.gone) {
            // Linked elsewhere (given to a cleaner with a calendar of their
            // own): that event stands for it.
            return Ok(());
        }
        let link = Link {
            booking_id: b.id,
            calendar_id: calendar.to_string(),
            event_id: ev.id.clone(),
            etag: None,
            remote_updated: None,
            base: sl.base.as_ref().map(|m| projected(&m.first, original)),
            gone: false,
        };
        w.save_link(&link)?;
        if let Some(g) = generation {
            w.mark_seen(b.id, g)?;
        }
        if cancelled {
            return if b.is_active() {
                w.mark_suspect(b.id, true)
            } else {
                Ok(())
            };
        }
        return settle(w, layout, calendar, ev, link, counts);
    }
    if cancelled {
        return Ok(());
    }
    let Some(f) = layout.fields_from(calendar, ev) else {
        return Ok(());
    };
    if !layout.instance_due(f.start, f.end) {
        return Ok(());
    }
    let s = w.series(sl.series_id)?;
    // Only a date the event gives: an RDATE, or a date of its rule the
    // series skips. An exception left over from the event's old times is
    // not the event's any more.
    let local = layout.tz.local(original).naive_local();
    let rdate = sl.base.as_ref().is_some_and(|b| {
        b.recurrence
            .iter()
            .filter(|l| l.to_ascii_uppercase().starts_with("RDATE"))
            .any(|l| dates_of(l, layout.tz).contains(&local.date()))
    });
    let ruled = s
        .originals(local.date(), local.date())
        .is_ok_and(|o| o.contains(&local));
    if !rdate && !ruled {
        return Ok(());
    }
    let customer = w.customer(s.customer_id)?;
    let minutes = (f.end - f.start).num_minutes().max(1);
    let b = Booking {
        id: 0,
        customer_id: s.customer_id,
        // An instance naming no cleaner is the series' cleaner's.
        staff_id: if layout.names_no_cleaner(calendar, ev) {
            s.staff_id
        } else {
            f.staff_id
        },
        service: s.service.clone(),
        start: f.start,
        end: f.end.max(f.start + Duration::minutes(1)),
        estimate_min: u32::try_from(minutes).unwrap_or(u32::MAX),
        status: BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: address_of(&f.location, &customer.address),
        notes: f.notes.clone(),
        review: if customer.tags.iter().any(|t| t == MADE_TAG) {
            REVIEW_NEW_CUSTOMER.to_string()
        } else {
            String::new()
        },
        cancel_reason: String::new(),
        version: 0,
    };
    let made = match w.put_visit(s.id, &key, &b, "added", MADE_THERE) {
        Ok(VisitWrite::Created(b) | VisitWrite::Updated(b) | VisitWrite::Same(b)) => b,
        Err(why) if why.is_invalid() => {
            // The store refuses it as a visit (its rules): a single
            // booking, as any event made by hand.
            tracing::warn!(%why, event = %ev.id, "an instance was not taken in as a visit");
            return super::super::reconcile::create_from(
                w, layout, calendar, ev, generation, counts,
            );
        }
        Err(e) => return Err(e),
    };
    w.save_link(&Link {
        booking_id: made.id,
        calendar_id: calendar.to_string(),
        event_id: ev.id.clone(),
        etag: ev.etag.clone(),
        remote_updated: ev.updated.map(|u| u.to_rfc3339()),
        base: Some(EventFields {
            staff_id: made.staff_id,
            ..f
        }),
        gone: false,
    })?;
    if let Some(g) = generation {
        w.mark_seen(made.id, g)?;
    }
    counts.created += 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn exdate_and_rdate_values_are_local_dates() {
        let tz = BusinessTz::default();
        assert_eq!(
            dates_of(
                "EXDATE;TZID=Europe/Copenhagen:20261130T090000,20261207T090000",
                tz
            ),
            vec![d("2026-11-30"), d("2026-12-07")]
        );
        // 23:30 UTC on 29/11 is 00:30 on 30/11 in Copenhagen.
        assert_eq!(
            dates_of("EXDATE:20261129T233000Z", tz),
            vec![d("2026-11-30")]
        );
        assert_eq!(
            dates_of("EXDATE;VALUE=DATE:20261130", tz),
            vec![d("2026-11-30")]
        );
        assert!(dates_of("EXDATE:nonsense", tz).is_empty());
    }
}
