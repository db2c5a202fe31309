//! A series as calendars keep one: one VEVENT with RRULE (its dates skipped
//! for a holiday or a pause as EXDATE, its added visits as RDATE), and each
//! visit that left it (moved, reassigned, edited, cancelled, added, under
//! way or done) as a VEVENT of its own with RECURRENCE-ID.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use crate::domain::series::{Calendar, Planned, Series, SeriesEnd, parse_original_key};
use crate::domain::{Booking, BookingStatus, BusinessTz};
use crate::interchange::ics::EventOut;
use crate::store::Visit;

use super::super::import::ics::{
    X_EXCEPTION, X_HOLIDAYS, X_PAUSES, X_RECURRENCE, X_UID, pauses_text,
};

/// Whether a visit is only what its series makes: the series' own event
/// stands for it.
pub(super) fn plain(b: &Booking, v: &Visit) -> bool {
    v.exception.is_empty() && b.status == BookingStatus::Scheduled && b.started_at.is_none()
}

/// The UID of series `s` in a calendar: the one it was imported under, else
/// one of this database's own.
pub(super) fn series_uid(s: &Series, linked: Option<&String>, instance: &str) -> String {
    match linked {
        Some(uid) => uid.clone(),
        None => format!("renos-{instance}-series-{}@renos", s.id),
    }
}

/// The instant of a visit's original start.
pub(super) fn original_at(v: &Visit, tz: BusinessTz) -> Option<DateTime<Utc>> {
    parse_original_key(&v.original).map(|t| tz.instant(t.date(), t.time()))
}

/// Makes `ev` (the event of visit `v`) the series' version of one
/// occurrence.
pub(super) fn as_override(ev: &mut EventOut, uid: &str, v: &Visit, at: DateTime<Utc>) {
    ev.uid = uid.to_string();
    ev.recurrence_id = Some(at);
    ev.extra.retain(|(n, _)| n != X_UID && n != X_RECURRENCE);
    if !v.exception.is_empty() {
        ev.extra
            .push((X_EXCEPTION.to_string(), v.exception.clone()));
    }
}

/// The booking the series' event is written from: its first visit as the
/// rule makes it.
pub(super) fn first_visit(s: &Series, tz: BusinessTz) -> Booking {
    let first = s
        .originals(s.first_date, s.first_date + Duration::days(400))
        .ok()
        .and_then(|o| o.first().copied())
        .unwrap_or_else(|| s.first_start());
    let start = tz.instant(first.date(), first.time());
    Booking {
        id: 0,
        customer_id: s.customer_id,
        staff_id: s.staff_id,
        service: s.service.clone(),
        start,
        end: start + Duration::minutes(i64::from(s.duration_min)),
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

/// Makes `ev` (the event of [`first_visit`]) the series' event: its rule
/// with its end, the dates it skips up to `last` as EXDATE and `added` as
/// RDATE.
pub(super) fn as_master(
    ev: &mut EventOut,
    s: &Series,
    uid: &str,
    added: Vec<DateTime<Utc>>,
    (tz, cal, last): (BusinessTz, &Calendar, NaiveDate),
) {
    ev.uid = uid.to_string();
    let mut rule = s.rule.rrule_text();
    match s.end {
        SeriesEnd::Open => {}
        SeriesEnd::Count(n) => rule.push_str(&format!(";COUNT={n}")),
        SeriesEnd::Until(d) => {
            // The end of that day: a local date whatever the start time.
            let end = tz.instant(
                d,
                NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN),
            );
            rule.push_str(&format!(";UNTIL={}", end.format("%Y%m%dT%H%M%SZ")));
        }
    }
    ev.rrule = Some(rule);
    ev.exdates = s
        .plan(s.first_date, last, tz, &cal.holidays)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| match p {
            Planned::Holiday { original, .. } | Planned::Paused { original } => {
                Some(tz.instant(original.date(), original.time()))
            }
            Planned::Visit(_) => None,
        })
        .collect();
    ev.rdates = added;
    ev.extra.retain(|(n, _)| n != X_UID && n != X_RECURRENCE);
    ev.extra
        .push((X_HOLIDAYS.to_string(), s.holidays.as_str().to_string()));
    if !s.pauses.is_empty() {
        ev.extra
            .push((X_PAUSES.to_string(), pauses_text(&s.pauses)));
    }
}
