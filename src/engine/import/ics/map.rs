//! One calendar occurrence as a booking: what the event says, in the
//! booking's terms. Events this console exported carry `X-RENOS-*`
//! properties for what iCalendar has no place for, so they come back
//! exactly; other tools' events are mapped as well as their fields allow,
//! and what needs a person's eye goes to the review queue.

use chrono::{DateTime, Duration, Utc};

use crate::domain::remark::Remark;
use crate::domain::{Booking, BookingStatus, BusinessTz};
use crate::interchange::ics::{Event, Occurrence, Resolved};
use crate::store::CustomerKey;

use super::IcsFault;

pub const X_CUSTOMER: &str = "X-RENOS-CUSTOMER";
pub const X_EMAIL: &str = "X-RENOS-CUSTOMER-EMAIL";
pub const X_PHONE: &str = "X-RENOS-CUSTOMER-PHONE";
pub const X_CUSTOMER_ADDRESS: &str = "X-RENOS-CUSTOMER-ADDRESS";
/// The booking's own address (empty: the customer's), when it has one.
pub const X_ADDRESS: &str = "X-RENOS-ADDRESS";
pub const X_SERVICE: &str = "X-RENOS-SERVICE";
pub const X_ESTIMATE: &str = "X-RENOS-ESTIMATE";
pub const X_STATUS: &str = "X-RENOS-STATUS";
pub const X_STARTED: &str = "X-RENOS-STARTED";
pub const X_FINISHED: &str = "X-RENOS-FINISHED";
pub const X_REVIEW: &str = "X-RENOS-REVIEW";
pub const X_CANCEL: &str = "X-RENOS-CANCEL-REASON";
/// The UID and occurrence of the calendar event an exported booking came
/// from (its own `UID` must be unique per event, so it cannot carry both).
pub const X_UID: &str = "X-RENOS-UID";
pub const X_RECURRENCE: &str = "X-RENOS-RECURRENCE";

/// Who the customer is: named by the file, or to be guessed.
#[derive(Debug, Clone)]
pub(super) enum WhoCustomer {
    Named(CustomerKey),
    Guess {
        /// Attendee e-mail addresses.
        emails: Vec<String>,
        /// Parts of the summary that may be a customer's name.
        candidates: Vec<String>,
        /// The customer to make when nothing matches.
        fallback: CustomerKey,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Mapped {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The service the event names (`X-RENOS-SERVICE` or its first
    /// category); else it is told by how the customer is found.
    pub service: Option<String>,
    pub summary: String,
    pub estimate_min: u32,
    pub status: BookingStatus,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub address: String,
    pub notes: String,
    /// The review text the file gives (this console's own export).
    pub review: Option<String>,
    /// Reasons for review found while mapping.
    pub review_notes: Vec<&'static str>,
    pub cancel_reason: String,
    /// Attendee names (CN, else the address), to find the cleaner.
    pub attendees: Vec<String>,
    pub customer: WhoCustomer,
}

impl Mapped {
    pub fn booking(&self, customer_id: i64, staff_id: Option<i64>) -> Booking {
        Booking {
            id: 0,
            customer_id,
            staff_id,
            service: self.service.clone().unwrap_or_default(),
            start: self.start,
            end: self.end,
            estimate_min: self.estimate_min,
            status: self.status,
            started_at: self.started_at,
            finished_at: self.finished_at,
            address: self.address.clone(),
            notes: self.notes.clone(),
            review: self
                .review
                .clone()
                .unwrap_or_else(|| self.review_notes.join("; ")),
            cancel_reason: self.cancel_reason.clone(),
            version: 0,
        }
    }
}

pub(super) fn extra<'e>(ev: &'e Event, name: &str) -> Option<&'e str> {
    ev.extra
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn instant(raw: &str, field: &'static str) -> Result<DateTime<Utc>, IcsFault> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| IcsFault::NotATime {
            field,
            value: raw.to_string(),
        })
}

/// The times and state of an occurrence of `ev`: everything of it that can
/// be wrong. [`map`] fails exactly when this does, with the same words;
/// the first pass checks each occurrence with this alone.
pub(super) struct Times {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    notes: Vec<&'static str>,
    estimate_min: u32,
    status: BookingStatus,
    started_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
}

/// [`Times`] of occurrence `o` of `ev`, or why it cannot be a booking.
pub(super) fn times(ev: &Event, o: &Occurrence, tz: BusinessTz) -> Result<Times, IcsFault> {
    let mut notes = Vec::new();
    let at = |r: Resolved| match r {
        Resolved::At(t) => (t, false),
        Resolved::Day(d) => (tz.day_bounds(d).0, true),
    };
    let (start, all_day) = at(o.start);
    let (mut end, _) = at(o.end);
    if all_day {
        notes.push(Remark::FileAllDay.text());
    }
    if end <= start {
        let backwards = end < start;
        end = start + Duration::hours(1);
        notes.push(
            match (ev.end.is_some() || ev.duration.is_some(), backwards) {
                (false, _) => Remark::FileNoEnd,
                (true, true) => Remark::FileEndBeforeStart,
                (true, false) => Remark::FileEndsAtStart,
            }
            .text(),
        );
    }
    let minutes = (end - start).num_minutes();
    if minutes as f64 / 60.0 > crate::domain::MAX_BOOKING_HOURS as f64 {
        return Err(IcsFault::TooLong {
            summary: ev.summary.trim().to_string(),
            minutes,
        });
    }
    let estimate_min = match extra(ev, X_ESTIMATE) {
        Some(v) => v.trim().parse::<u32>().map_err(|_| IcsFault::NotMinutes {
            field: X_ESTIMATE,
            value: v.to_string(),
        })?,
        None => (end - start).num_minutes().clamp(0, i64::from(u32::MAX)) as u32,
    };
    let status = match extra(ev, X_STATUS) {
        Some(v) => BookingStatus::parse(v.trim()).ok_or_else(|| IcsFault::NotAStatus {
            field: X_STATUS,
            value: v.to_string(),
        })?,
        None => super::status_of(ev),
    };
    let mut started_at = extra(ev, X_STARTED)
        .map(|v| instant(v, X_STARTED))
        .transpose()?;
    let mut finished_at = extra(ev, X_FINISHED)
        .map(|v| instant(v, X_FINISHED))
        .transpose()?;
    if matches!(status, BookingStatus::InProgress | BookingStatus::Completed) {
        started_at.get_or_insert(start);
    }
    if status == BookingStatus::Completed {
        finished_at.get_or_insert(end);
    }
    Ok(Times {
        start,
        end,
        notes,
        estimate_min,
        status,
        started_at,
        finished_at,
    })
}

/// The booking an occurrence of `ev` stands for (customer and cleaner still
/// to be found).
pub(super) fn map(ev: &Event, o: &Occurrence, tz: BusinessTz) -> Result<Mapped, IcsFault> {
    let Times {
        start,
        end,
        mut notes,
        estimate_min,
        status,
        started_at,
        finished_at,
    } = times(ev, o, tz)?;
    if ev.status.as_deref() == Some("TENTATIVE") && extra(ev, X_REVIEW).is_none() {
        notes.push(Remark::FileTentative.text());
    }
    // Exported by this console: what it does not say is empty.
    let own = extra(ev, X_CUSTOMER).is_some();
    let cancel_reason = match extra(ev, X_CANCEL) {
        Some(v) => v.to_string(),
        None if status == BookingStatus::Cancelled && !own => Remark::FileCancelled.text().into(),
        None => String::new(),
    };
    let summary = ev.summary.trim();
    let service = extra(ev, X_SERVICE)
        .map(str::to_string)
        .or_else(|| ev.categories.iter().find(|c| !c.trim().is_empty()).cloned());
    let attendees = ev
        .attendees
        .iter()
        .map(|a| match &a.cn {
            Some(cn) if !cn.trim().is_empty() => cn.trim().to_string(),
            _ => strip_mailto(&a.address).to_string(),
        })
        .collect();
    let customer = if let Some(name) = extra(ev, X_CUSTOMER) {
        WhoCustomer::Named(CustomerKey {
            id: 0,
            name: name.trim().to_string(),
            address: extra(ev, X_CUSTOMER_ADDRESS).unwrap_or("").to_string(),
            email: extra(ev, X_EMAIL).unwrap_or("").to_string(),
            phone: extra(ev, X_PHONE).unwrap_or("").to_string(),
        })
    } else {
        let candidates = candidates(summary);
        WhoCustomer::Guess {
            emails: ev
                .attendees
                .iter()
                .map(|a| strip_mailto(&a.address))
                .filter(|a| a.contains('@'))
                .map(str::to_string)
                .collect(),
            fallback: CustomerKey {
                id: 0,
                name: candidates
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "Ukendt kunde".to_string()),
                address: ev.location.trim().to_string(),
                email: String::new(),
                phone: String::new(),
            },
            candidates,
        }
    };
    Ok(Mapped {
        start,
        end,
        service,
        summary: summary.to_string(),
        estimate_min,
        status,
        started_at,
        finished_at,
        address: if own {
            extra(ev, X_ADDRESS).unwrap_or("").to_string()
        } else {
            ev.location.trim().to_string()
        },
        notes: ev.description.clone(),
        review: if own {
            Some(extra(ev, X_REVIEW).unwrap_or("").to_string())
        } else {
            None
        },
        review_notes: notes,
        cancel_reason,
        attendees,
        customer,
    })
}

fn strip_mailto(a: &str) -> &str {
    let a = a.trim();
    a.get(..7)
        .filter(|p| p.eq_ignore_ascii_case("mailto:"))
        .map_or(a, |_| &a[7..])
}

/// The summary, then its parts split at ` - `, ` – `, `:`, `,`, `|`, `/`:
/// each may be the customer's name.
pub(crate) fn candidates(summary: &str) -> Vec<String> {
    let mut out = Vec::new();
    if summary.is_empty() {
        return out;
    }
    out.push(summary.to_string());
    let parts = crate::domain::title::parts(summary);
    if parts.len() > 1 {
        out.extend(parts.into_iter().map(str::to_string));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::candidates;

    #[test]
    fn summary_parts_are_candidates() {
        assert_eq!(
            candidates("Hansen – Fast rengøring"),
            ["Hansen – Fast rengøring", "Hansen", "Fast rengøring"]
        );
        assert_eq!(candidates("Hovedrengøring"), ["Hovedrengøring"]);
        assert_eq!(
            candidates("Jens Hansen - Vinduer / Trappe: ugentlig,  | Kjær-Olsen"),
            [
                "Jens Hansen - Vinduer / Trappe: ugentlig,  | Kjær-Olsen",
                "Jens Hansen",
                "Vinduer",
                "Trappe",
                "ugentlig",
                "Kjær-Olsen"
            ]
        );
        assert!(candidates("").is_empty());
    }
}
