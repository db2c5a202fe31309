//! After a sick call: an SMS to each customer whose visit another cleaner
//! now takes, once per visit and cleaner, through the alerts' queue.

use anyhow::Result;

use crate::config::Settings;
use crate::domain::alert::{AlertKind, Priority, danish_when, new_cleaner_message};
use crate::domain::contact::normalize_phone;
use crate::store::{AlertRecord, Channel, NewAlert, Store};

/// Queues the SMS for each of `bookings` still active, with a cleaner and
/// a customer with a usable number; returns those queued now (a visit
/// told of this cleaner before is not told again).
pub fn queue_new_cleaner(
    store: &mut Store,
    settings: &Settings,
    bookings: &[i64],
) -> Result<Vec<AlertRecord>> {
    let names = store.staff_names()?;
    let now = store.now();
    let mut out = Vec::new();
    for id in bookings {
        let b = store.booking(*id)?;
        let Some(cleaner) = b.staff_id.and_then(|s| names.get(&s)) else {
            continue;
        };
        if !b.is_active() {
            continue;
        }
        let customer = store.customer(b.customer_id)?;
        let Ok(to) = normalize_phone(&customer.phone) else {
            continue;
        };
        if customer.phone.trim().is_empty() {
            continue;
        }
        let when = danish_when(b.start, now, settings.tz);
        let message = new_cleaner_message(&customer.name, cleaner, &when, &settings.alerts.sender);
        if let Some(rec) = store.raise_alert(&NewAlert {
            booking_id: b.id,
            kind: AlertKind::NewCleaner,
            threshold: format!("staff:{}", b.staff_id.unwrap_or_default()),
            channel: Channel::Sms,
            to,
            message,
            priority: Priority::High,
        })? {
            out.push(rec);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::clock::Clock;
    use crate::domain::BookingStatus;
    use crate::store::{NewBooking, NewCustomer, NewStaff};

    #[test]
    fn each_customer_hears_of_the_new_cleaner_once() {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 20, 7, 0, 0)
            .single()
            .expect("t");
        let dir = tempfile::tempdir().expect("tmp");
        let mut store =
            Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now)).expect("open");
        let (with_phone, without) = store
            .batch(|w| {
                let bo = w.add_staff(NewStaff {
                    name: "Bo Madsen".into(),
                    ..Default::default()
                })?;
                let mut ids = Vec::new();
                for phone in ["+4512345678", ""] {
                    let c = w.add_customer(NewCustomer {
                        name: "Hansen".into(),
                        phone: phone.into(),
                        ..Default::default()
                    })?;
                    let b = w.add_booking(NewBooking {
                        customer_id: c.id,
                        staff_id: Some(bo.id),
                        service: "Fast rengøring".into(),
                        start: now + chrono::Duration::hours(26),
                        end: now + chrono::Duration::hours(28),
                        estimate_min: 120,
                        status: BookingStatus::Scheduled,
                        started_at: None,
                        finished_at: None,
                        address: String::new(),
                        notes: String::new(),
                    })?;
                    ids.push(b.id);
                }
                Ok((ids[0], ids[1]))
            })
            .expect("seed");
        let settings = Settings::default();
        let sent = queue_new_cleaner(&mut store, &settings, &[with_phone, without]).expect("queue");
        assert_eq!(sent.len(), 1, "no number, no SMS");
        assert_eq!(sent[0].kind, AlertKind::NewCleaner);
        assert!(sent[0].message.contains("Bo Madsen"), "{}", sent[0].message);
        let again = queue_new_cleaner(&mut store, &settings, &[with_phone]).expect("queue");
        assert!(again.is_empty(), "told once");
    }
}
