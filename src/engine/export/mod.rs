//! Exports: customers as CSV, bookings as iCalendar. Both stream from the
//! database to the writer, one row at a time; a series is one recurring
//! event with its exceptions (`series.rs`).

mod series;

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};

use super::import::ics::{
    X_ADDRESS, X_CANCEL, X_CUSTOMER, X_CUSTOMER_ADDRESS, X_EMAIL, X_ESTIMATE, X_FINISHED, X_PHONE,
    X_RECURRENCE, X_REVIEW, X_SERVICE, X_STARTED, X_STATUS, X_UID,
};
use crate::domain::series::Series;
use crate::domain::{Booking, BookingStatus, Customer, Staff};
use crate::interchange::customers::{CsvOptions, CsvWriter};
use crate::interchange::ics::{Attendee, EventOut, IcsWriter};
use crate::store::{Store, StoreError};

/// The product id exported calendars carry.
pub const PRODID: &str = "-//RenOS Dispatch//renos//DA";

/// Writes every customer as CSV; returns how many.
pub fn export_customers(
    store: &Store,
    out: impl Write,
    opts: CsvOptions,
) -> Result<u64, StoreError> {
    let io = StoreError::Write;
    let mut w = CsvWriter::new(out, opts).map_err(io)?;
    let n = store.for_each_customer(|c| w.write(c))?;
    w.finish().map_err(io)?;
    Ok(n)
}

/// Which bookings a calendar export holds.
#[derive(Debug, Clone, Default)]
pub struct IcsExport {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub staff_id: Option<i64>,
}

/// Writes the bookings `opts` selects as one calendar; returns how many.
pub fn export_ics(store: &Store, out: impl Write, opts: &IcsExport) -> Result<u64, StoreError> {
    let io = StoreError::Write;
    let tz = store.tz();
    let instance = store.instance_id()?;
    let staff: HashMap<i64, Staff> = store.staff()?.into_iter().map(|s| (s.id, s)).collect();
    let mut customers: HashMap<i64, Customer> = HashMap::new();
    let members = store.series_members()?;
    let uids: HashMap<i64, String> = store
        .series_uids()?
        .into_iter()
        .map(|(uid, id)| (id, uid))
        .collect();
    let all_series: HashMap<i64, Series> = store
        .series_list()?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let series_uid = |s: &Series| series::series_uid(s, uids.get(&s.id), &instance);
    // Series with a visit in the range (without one: every series).
    let mut seen: BTreeSet<i64> = if opts.from.is_none() && opts.to.is_none() {
        all_series.keys().copied().collect()
    } else {
        BTreeSet::new()
    };
    let mut added: HashMap<i64, Vec<DateTime<Utc>>> = HashMap::new();
    let mut w = IcsWriter::new(out, tz.0, PRODID).map_err(io)?;
    let stamp = store.now();
    let from = opts.from.unwrap_or(DateTime::<Utc>::MIN_UTC);
    let to = opts.to.unwrap_or(DateTime::<Utc>::MAX_UTC);
    let mut failure: Option<StoreError> = None;
    let mut n = 0;
    store
        .for_each_booking(from, to, |b| {
            if opts.staff_id.is_some() && b.staff_id != opts.staff_id {
                return Ok(());
            }
            let visit = members
                .get(&b.id)
                .and_then(|v| Some((v, all_series.get(&v.series_id)?)));
            if let Some((v, s)) = visit {
                seen.insert(s.id);
                if v.exception == "added"
                    && let Some(t) = series::original_at(v, tz)
                {
                    added.entry(s.id).or_default().push(t);
                }
                if series::plain(b, v) {
                    return Ok(()); // the series' own event stands for it
                }
            }
            let c = match customer_of(store, &mut customers, b.customer_id) {
                Ok(c) => c,
                Err(e) => {
                    failure = Some(e);
                    return Err(std::io::Error::other("customer missing"));
                }
            };
            let link = match store.uids_of(&[b.id]) {
                Ok(mut m) => m.remove(&b.id),
                Err(e) => {
                    failure = Some(e);
                    return Err(std::io::Error::other("calendar link unreadable"));
                }
            };
            let mut ev = event_of(
                b,
                &c,
                b.staff_id.and_then(|s| staff.get(&s)),
                link,
                &instance,
                stamp,
            );
            if let Some((v, s)) = visit
                && let Some(at) = series::original_at(v, tz)
            {
                series::as_override(&mut ev, &series_uid(s), v, at);
            }
            n += 1;
            w.event(&ev)
        })
        .map_err(|e| failure.take().unwrap_or(e))?;
    let cal = store.calendar();
    let last = cal.horizon(tz.local_date(stamp));
    for id in seen {
        let Some(s) = all_series.get(&id) else {
            continue;
        };
        if opts.staff_id.is_some() && s.staff_id != opts.staff_id {
            continue;
        }
        let c = customer_of(store, &mut customers, s.customer_id)?;
        let first = series::first_visit(s, tz);
        let mut ev = event_of(
            &first,
            &c,
            s.staff_id.and_then(|id| staff.get(&id)),
            None,
            &instance,
            stamp,
        );
        let mut rdates = added.remove(&id).unwrap_or_default();
        rdates.sort();
        series::as_master(&mut ev, s, &series_uid(s), rdates, (tz, cal, last));
        n += 1;
        w.event(&ev).map_err(io)?;
    }
    w.finish().map_err(io)?;
    Ok(n)
}

/// Customer `id`, read once per export.
fn customer_of(
    store: &Store,
    cache: &mut HashMap<i64, Customer>,
    id: i64,
) -> Result<Customer, StoreError> {
    if let Some(c) = cache.get(&id) {
        return Ok(c.clone());
    }
    let c = store.customer(id)?;
    cache.insert(id, c.clone());
    Ok(c)
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// One booking as a calendar event.
pub fn event_of(
    b: &Booking,
    c: &Customer,
    staff: Option<&Staff>,
    link: Option<(String, String)>,
    instance: &str,
    stamp: DateTime<Utc>,
) -> EventOut {
    let mut extra: Vec<(String, String)> = Vec::new();
    let mut put = |name: &str, value: String| {
        if !value.is_empty() {
            extra.push((name.to_string(), value));
        }
    };
    put(X_CUSTOMER, c.name.clone());
    put(X_EMAIL, c.email.clone());
    put(X_PHONE, c.phone.clone());
    put(X_CUSTOMER_ADDRESS, c.address.clone());
    put(X_ADDRESS, b.address.clone());
    put(X_SERVICE, b.service.clone());
    put(X_ESTIMATE, b.estimate_min.to_string());
    put(X_STATUS, b.status.as_str().to_string());
    put(X_STARTED, b.started_at.map(rfc3339).unwrap_or_default());
    put(X_FINISHED, b.finished_at.map(rfc3339).unwrap_or_default());
    put(X_REVIEW, b.review.clone());
    put(X_CANCEL, b.cancel_reason.clone());
    let uid = match link {
        Some((uid, recurrence)) => {
            put(X_UID, uid.clone());
            put(X_RECURRENCE, recurrence.clone());
            if recurrence.is_empty() {
                uid
            } else {
                format!("{recurrence}-{uid}")
            }
        }
        None => format!("renos-{instance}-{}@renos", b.id),
    };
    let status = match b.status {
        BookingStatus::Cancelled => "CANCELLED",
        _ if b.needs_review() => "TENTATIVE",
        _ => "CONFIRMED",
    };
    let address = if b.address.trim().is_empty() {
        c.address.clone()
    } else {
        b.address.clone()
    };
    EventOut {
        uid,
        stamp,
        start: b.start,
        end: b.end,
        summary: format!("{} – {}", c.name, b.service),
        description: b.notes.clone(),
        location: address,
        status: Some(status.to_string()),
        categories: vec![b.service.clone()],
        attendees: staff
            .map(|s| {
                vec![Attendee {
                    cn: Some(s.name.clone()),
                    address: if s.phone.trim().is_empty() {
                        format!("urn:x-renos:staff:{}", s.id)
                    } else {
                        format!("tel:{}", s.phone.split_whitespace().collect::<String>())
                    },
                }]
            })
            .unwrap_or_default(),
        extra,
        ..EventOut::default()
    }
}
