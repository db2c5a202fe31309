//! Recurring events as series. An RRULE event whose dates a series can
//! hold becomes one series, keyed by its UID: an `EXDATE` is a one-day
//! pause of the series (that visit skipped, no booking), an `RDATE` an
//! extra visit of the series (exception `added`, keyed by its own start),
//! and a `RECURRENCE-ID` version an exception (a moved, reassigned, edited
//! or cancelled visit). Visits exist from today (or `--from`) up to the
//! horizon, as for every series. A rule a series cannot hold is expanded
//! into single bookings as before, with a warning naming it.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};

use super::map::{self, WhoCustomer, extra};
use super::state::{How, State, join_review};
use super::*;
use crate::domain::series::{
    Calendar, HolidayPolicy, Pause, Rule, Series, SeriesEnd, original_key,
};
use crate::store::{Importer, VisitWrite};

/// How a series holiday policy travels in a file (`skip` or `move`).
pub const X_HOLIDAYS: &str = "X-RENOS-HOLIDAYS";
/// A series' pauses: `2026-12-01/2026-12-21`, comma separated.
pub const X_PAUSES: &str = "X-RENOS-PAUSES";
/// How a visit left its series (`moved`, `reassigned`, `edited`,
/// `cancelled`, `added`; empty: it has not, but is under way or done).
pub const X_EXCEPTION: &str = "X-RENOS-EXCEPTION";

/// The review note of the visits of a customer made from an event.
const MADE_REVIEW: &str = crate::domain::remark::Remark::FileCustomerMade.text();

/// Everything a series takes from a recurring event's times and rule.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Shape {
    pub first_date: NaiveDate,
    pub start_time: NaiveTime,
    pub duration_min: u32,
    pub rule: Rule,
    pub end: SeriesEnd,
    pub holidays: HolidayPolicy,
    pub pauses: Vec<Pause>,
    /// The original local starts of its RDATEs.
    pub added: HashSet<String>,
}

impl Shape {
    /// The series this shape and these fields make.
    fn series(&self, customer_id: i64, staff_id: Option<i64>, service: String) -> Series {
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
            holidays: self.holidays,
            pauses: self.pauses.clone(),
            address: String::new(),
            notes: String::new(),
            version: 0,
        }
    }
}

fn at(r: Resolved) -> Option<DateTime<Utc>> {
    match r {
        Resolved::At(t) => Some(t),
        Resolved::Day(_) => None,
    }
}

/// The original key of an occurrence starting at `t` (local, in the
/// business time zone).
fn local_key(t: DateTime<Utc>, tz: BusinessTz) -> String {
    original_key(tz.local(t).naive_local())
}

fn pauses(text: &str) -> Result<Vec<Pause>, NotASeries> {
    let day = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| NotASeries::PauseDate {
            field: X_PAUSES,
            value: s.to_string(),
        })
    };
    text.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (from, to) = p.split_once('/').ok_or_else(|| NotASeries::PauseRange {
                field: X_PAUSES,
                value: p.to_string(),
            })?;
            Ok(Pause {
                from: day(from)?,
                to: day(to)?,
            })
        })
        .collect()
}

/// The text of a series' pauses for [`X_PAUSES`].
pub fn pauses_text(p: &[Pause]) -> String {
    p.iter()
        .map(|p| format!("{}/{}", p.from.format("%Y-%m-%d"), p.to.format("%Y-%m-%d")))
        .collect::<Vec<_>>()
        .join(",")
}

/// The shape of recurring event `ev` as a series, or why a series cannot
/// hold it: its dates up to the horizon, as the calendar expands them,
/// must be the series' own.
pub(super) fn shape(
    ev: &Event,
    resolver: &TzResolver,
    tz: BusinessTz,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<Shape, NotASeries> {
    let rrule = ev.rrule.as_deref().ok_or(NotASeries::NoRule)?;
    let start = ev
        .start
        .as_ref()
        .ok_or(NotASeries::NoStart)
        .and_then(|s| resolver.resolve(s).map_err(|_| NotASeries::UnknownZone))?;
    let start = at(start).ok_or(NotASeries::AllDay)?;
    let local = tz.local(start).naive_local();
    if local.second() != 0 {
        return Err(NotASeries::Seconds);
    }
    let end = match (&ev.end, ev.duration) {
        (Some(e), _) => resolver
            .resolve(e)
            .ok()
            .and_then(at)
            .ok_or(NotASeries::EndNotATime)?,
        (None, Some(d)) => start
            .checked_add_signed(d)
            .ok_or(NotASeries::DurationTooLong)?,
        (None, None) => return Err(NotASeries::NoEnd),
    };
    let len = end - start;
    if len.num_seconds() % 60 != 0 || len.num_minutes() < 1 || len.num_minutes() > 24 * 60 {
        return Err(NotASeries::Length);
    }
    let first_date = local.date();
    let spec = Rule::from_rrule(rrule, first_date).map_err(NotASeries::Rule)?;
    let holidays = match extra(ev, X_HOLIDAYS) {
        Some(v) => v
            .trim()
            .parse::<HolidayPolicy>()
            .map_err(|_| NotASeries::Holidays {
                field: X_HOLIDAYS,
                value: v.to_string(),
            })?,
        None => HolidayPolicy::Skip,
    };
    let mut paused = extra(ev, X_PAUSES)
        .map(pauses)
        .transpose()?
        .unwrap_or_default();
    // An EXDATE skips that day's visit: a pause of one day, unless the
    // series skips the day anyway (a pause it has, a holiday it skips).
    let mut skipped: Vec<NaiveDate> = ev
        .exdates
        .iter()
        .filter_map(|x| resolver.resolve(x).ok())
        .map(|x| match x {
            Resolved::At(t) => tz.local_date(t),
            Resolved::Day(d) => d,
        })
        .filter(|d| !paused.iter().any(|p| p.from <= *d && *d <= p.to))
        .filter(|d| !(holidays == HolidayPolicy::Skip && cal.holidays.is_closed(*d)))
        .collect();
    skipped.sort();
    skipped.dedup();
    paused.extend(skipped.into_iter().map(|d| Pause { from: d, to: d }));
    paused.sort_by_key(|p| (p.from, p.to));
    let shape = Shape {
        first_date,
        start_time: local.time(),
        duration_min: len.num_minutes() as u32,
        rule: spec.rule,
        end: spec.end.unwrap_or(SeriesEnd::Open),
        holidays,
        pauses: paused,
        added: ev
            .rdates
            .iter()
            .filter_map(|r| resolver.resolve(r).ok().and_then(at))
            .map(|t| local_key(t, tz))
            .collect(),
    };
    let probe = shape.series(0, None, DEFAULT_SERVICE.into());
    probe.check().map_err(NotASeries::Series)?;
    // The dates must agree, for a year at least (both daylight-saving
    // changes): a rule in another zone than the business's (or in UTC)
    // drifts an hour at them.
    let horizon = cal
        .horizon(today)
        .max(first_date.max(today) + Duration::days(400));
    let theirs = {
        let mut bare = ev.clone();
        bare.rdates.clear();
        bare.exdates.clear();
        let until = tz.day_bounds(horizon).1;
        occurrences(
            &bare,
            resolver,
            DateTime::<Utc>::MIN_UTC,
            until,
            MAX_OCCURRENCES,
        )
        .map_err(NotASeries::Dates)?
        .into_iter()
        .filter_map(|o| at(o.start))
        .collect::<Vec<_>>()
    };
    let ours: Vec<DateTime<Utc>> = probe
        .originals(first_date, horizon)
        .map_err(NotASeries::Dates)?
        .into_iter()
        .map(|t| tz.instant(t.date(), t.time()))
        .collect();
    if theirs != ours {
        return Err(NotASeries::Drifts {
            zone: tz.name().to_string(),
        });
    }
    Ok(shape)
}

/// What pass 1 decided about recurring events, for pass 2.
#[derive(Default)]
pub(super) struct Plans {
    /// UID → the shape of its series.
    pub shapes: HashMap<String, Shape>,
    /// UID → the original local starts the file gives a version of.
    pub overridden: HashMap<String, HashSet<String>>,
}

impl Plans {
    /// Notes what pass 2 does with `ev`: a recurring event a series can
    /// hold becomes one (else a warning says why not); an override of one
    /// is remembered.
    pub(super) fn learn(
        &mut self,
        ev: &Event,
        resolver: &TzResolver,
        tz: BusinessTz,
        cal: &Calendar,
        today: NaiveDate,
        report: &mut IcsReport,
    ) {
        if ev.recurrence_id.is_none() && ev.rrule.is_none() {
            return; // a single event: nothing to learn
        }
        let uid = uid_of(ev);
        if let Some(r) = &ev.recurrence_id {
            if let Some(t) = resolver.resolve(r).ok().and_then(at) {
                self.overridden
                    .entry(uid)
                    .or_default()
                    .insert(local_key(t, tz));
            }
            return;
        }
        let Some(rule) = &ev.rrule else {
            return;
        };
        match shape(ev, resolver, tz, cal, today) {
            Ok(s) => {
                report.series_events += 1;
                self.shapes.insert(uid, s);
            }
            Err(why) => report.warnings.push(IcsWarning::NotASeries {
                line: ev.line,
                summary: ev.summary.trim().to_string(),
                rule: rule.clone(),
                why,
            }),
        }
    }
}

impl State {
    /// A recurring event kept as a series: made, or brought up to date,
    /// with its EXDATEs and RDATEs.
    pub(super) fn series_master(
        &mut self,
        imp: &Importer,
        ev: &Event,
        resolver: &TzResolver,
        shape: &Shape,
        overridden: &HashSet<String>,
        step: &mut IcsReport,
    ) -> Result<(), StoreError> {
        let uid = uid_of(ev);
        let tz = self.tz;
        let start = tz.instant(shape.first_date, shape.start_time);
        let len = Duration::minutes(i64::from(shape.duration_min));
        let first = Occurrence {
            key: String::new(),
            start: Resolved::At(start),
            end: Resolved::At(start + len),
        };
        let Ok(m) = map::map(ev, &first, tz) else {
            return Ok(()); // reported in pass 1
        };
        let existing = match self.series_ids.get(&uid) {
            Some(&id) => Some(imp.series(id)?),
            None => self.own_series(imp, &uid)?,
        };
        let own = matches!(m.customer, WhoCustomer::Named(_));
        let named_staff = m.attendees.iter().find_map(|n| self.staff.find(n));
        let mut review = m
            .review
            .clone()
            .unwrap_or_else(|| m.review_notes.join("; "));
        let mut s = match &existing {
            Some(before) if !own => {
                let service = m.service.clone().unwrap_or_else(|| before.service.clone());
                let staff = named_staff.or(before.staff_id).or(self.fallback);
                shape.series(before.customer_id, staff, service)
            }
            _ => {
                let (customer_id, how) = self.customer(imp, &m, step)?;
                let service = m
                    .service
                    .clone()
                    .unwrap_or_else(|| self.service(how, &m.summary));
                if how == How::Made {
                    review = join_review(&review, MADE_REVIEW);
                }
                shape.series(customer_id, named_staff.or(self.fallback), service)
            }
        };
        s.address = m.address.clone();
        s.notes = m.notes.clone();
        if existing.is_some() && self.made.contains(&s.customer_id) && m.review.is_none() {
            review = join_review(&review, MADE_REVIEW);
        }
        let cal = &self.calendar;
        let s = match existing {
            Some(before) => {
                self.series_ids.insert(uid.clone(), before.id);
                imp.link_series_uid(before.id, &uid)?;
                let same = Series {
                    id: before.id,
                    version: before.version,
                    ..s.clone()
                };
                if same == before {
                    step.series.same += 1;
                    // Visits from an earlier --from than before.
                    let made = imp.fill_series(&before, cal, self.from_date, &review)?;
                    step.counts.created += made as i64;
                    step.occurrences += made as u64;
                    before
                } else {
                    step.series.updated += 1;
                    imp.update_series(&before, &s, cal, self.from_date)?
                }
            }
            None => {
                let (s, made) = imp.import_series(s, &uid, cal, &review, self.from_date)?;
                self.series_ids.insert(uid.clone(), s.id);
                step.series.created += 1;
                step.for_review += made.iter().filter(|b| !b.review.is_empty()).count() as u64;
                step.counts.created += made.len() as i64;
                step.occurrences += made.len() as u64;
                s
            }
        };
        if s.staff_id.is_none() {
            step.unassigned += 1;
        }
        let from = self.from_date;
        // Dates the file adds to the rule: extra visits.
        for r in &ev.rdates {
            let Some(t) = resolver.resolve(r).ok().and_then(at) else {
                continue;
            };
            let key = local_key(t, tz);
            if tz.local_date(t) < from || overridden.contains(&key) {
                continue;
            }
            let d = tz.local_date(t);
            if s.originals(d, d)
                .map_err(StoreError::Invalid)?
                .iter()
                .any(|o| original_key(*o) == key)
            {
                continue; // the rule has it already
            }
            let mut b = series_booking(&s, t, t + len);
            b.review = match imp.visit_at(s.id, &key)? {
                Some((old, _)) => old.review, // as the first import left it
                None => review.clone(),
            };
            if !b.review.is_empty() {
                step.for_review += 1;
            }
            self.count(imp.put_visit(s.id, &key, &b, "added", &self.reason)?, step);
        }
        Ok(())
    }

    /// The file's own version of one visit of a series (`RECURRENCE-ID`).
    pub(super) fn series_override(
        &mut self,
        imp: &Importer,
        ev: &Event,
        resolver: &TzResolver,
        window: &Window,
        shape: &Shape,
        step: &mut IcsReport,
    ) -> Result<(), StoreError> {
        let uid = uid_of(ev);
        let Some(&id) = self.series_ids.get(&uid) else {
            return Ok(()); // its series was not imported (reported)
        };
        let Some(rid) = ev
            .recurrence_id
            .as_ref()
            .and_then(|r| resolver.resolve(r).ok())
            .and_then(at)
        else {
            return Ok(());
        };
        let Ok(occs) = expand(ev, resolver, window) else {
            return Ok(()); // reported in pass 1
        };
        let Some(o) = occs.into_iter().next() else {
            return Ok(());
        };
        if !window.contains(&o, self.tz) {
            step.outside += 1;
            return Ok(());
        }
        step.occurrences += 1;
        let Ok(m) = map::map(ev, &o, self.tz) else {
            return Ok(()); // reported in pass 1
        };
        let s = imp.series(id)?;
        let key = local_key(rid, self.tz);
        let named_staff = m.attendees.iter().find_map(|n| self.staff.find(n));
        let mut b = m.booking(s.customer_id, named_staff.or(s.staff_id));
        b.service = m.service.clone().unwrap_or_else(|| s.service.clone());
        if m.review.is_none() {
            // The review a dispatcher left stays; a new visit of a customer
            // nobody has checked waits for one.
            b.review = match imp.visit_at(id, &key)? {
                Some((old, _)) => old.review,
                None if self.made.contains(&s.customer_id) => join_review(&b.review, MADE_REVIEW),
                None => b.review,
            };
        }
        let planned = s
            .occurrences(
                self.tz.local_date(rid),
                self.tz.local_date(rid),
                self.tz,
                &self.calendar.holidays,
            )
            .map_err(StoreError::Invalid)?
            .into_iter()
            .find(|p| original_key(p.original) == key);
        let told = extra(ev, X_EXCEPTION)
            .map(str::trim)
            .filter(|e| ["", "moved", "reassigned", "edited", "cancelled", "added"].contains(e));
        let exception = if let Some(e) = told {
            e
        } else if b.status == BookingStatus::Cancelled {
            "cancelled"
        } else if shape.added.contains(&key) {
            "added"
        } else if planned.is_none_or(|p| p.start != b.start || p.end != b.end) {
            "moved"
        } else if b.staff_id != s.staff_id {
            "reassigned"
        } else if b.service != s.service || b.notes != s.notes || b.address != s.address {
            "edited"
        } else {
            "" // as the series has it (a visit under way or done)
        };
        if b.staff_id.is_none() && b.is_active() {
            step.unassigned += 1;
        }
        if !b.review.is_empty() {
            step.for_review += 1;
        }
        match imp.put_visit(id, &key, &b, exception, &self.reason) {
            Ok(w) => self.count(w, step),
            Err(e) => super::state::refused(ev, e, step)?,
        }
        Ok(())
    }

    fn count(&self, w: VisitWrite, step: &mut IcsReport) {
        match w {
            VisitWrite::Created(_) => step.counts.created += 1,
            VisitWrite::Updated(_) => step.counts.updated += 1,
            VisitWrite::Same(_) => step.counts.skipped += 1,
        }
    }

    /// A series exported from this very database (`renos-<id>-series-<n>@…`).
    fn own_series(&self, imp: &Importer, uid: &str) -> Result<Option<Series>, StoreError> {
        let Some(rest) = uid.strip_prefix(&format!("{}series-", self.own_prefix)) else {
            return Ok(None);
        };
        let Some(id) = rest.split('@').next().and_then(|s| s.parse::<i64>().ok()) else {
            return Ok(None);
        };
        match imp.series(id) {
            Ok(s) => Ok(Some(s)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A booking of series `s` at these times.
fn series_booking(s: &Series, start: DateTime<Utc>, end: DateTime<Utc>) -> Booking {
    Booking {
        id: 0,
        customer_id: s.customer_id,
        staff_id: s.staff_id,
        service: s.service.clone(),
        start,
        end,
        estimate_min: s.duration_min,
        status: BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: s.address.clone(),
        notes: s.notes.clone(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 0,
    }
}

/// The series of a file: how many were made, changed, or already as the
/// file has them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SeriesCounts {
    pub created: u64,
    pub updated: u64,
    pub same: u64,
}
