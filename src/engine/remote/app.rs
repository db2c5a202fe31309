//! What the cleaners' page asks: the cleaner's day with what they need at
//! the door, and "On my way".
//!
//! "On my way": the customer gets one SMS saying
//! their cleaner is coming and when to expect them. It goes through the
//! alerts' queue like every other SMS (written with its outbox entry, then
//! sent to Twilio by the serve's office), once per job: a second press
//! sends nothing and says so. The alert is what the console shows as "on
//! the way" in the job's details.

use chrono::{DateTime, Duration, Timelike, Utc};
use serde::Serialize;

use super::{Desk, Need, RemoteError};
use crate::domain::BookingStatus;
use crate::domain::alert::{AlertKind, Priority};
use crate::domain::contact::normalize_phone;
use crate::store::{Channel, NewAlert};

/// The drive assumed when the job's start has come: the customer is told
/// to expect the cleaner this long from now.
const DRIVE: Duration = Duration::minutes(15);

/// One job of the cleaner's day, with what they need at the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppJob {
    pub id: i64,
    pub version: i64,
    /// Local "09:00".
    pub start: String,
    pub end: String,
    pub customer: String,
    pub service: String,
    /// The job's own address, else the customer's.
    pub address: String,
    /// The customer's phone as entered; empty when none.
    pub phone: String,
    /// The customer's notes (keys, codes, the dog) and the job's own.
    pub access: String,
    /// scheduled, in_progress, completed, cancelled.
    pub status: &'static str,
    /// The customer was told the cleaner is on the way.
    pub on_the_way: bool,
    /// When it starts, for the order.
    #[serde(skip)]
    at: DateTime<Utc>,
}

/// What pressing "On my way" did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OnTheWay {
    pub booking: i64,
    /// An SMS was queued now; `false`: the customer was told before and
    /// nothing was sent.
    pub sent: bool,
    /// The expected arrival the SMS names ("09:10", local), when sent now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
}

impl Desk<'_> {
    /// Today's jobs of the caller (a cleaner: their own), in order of start,
    /// cancelled ones left out.
    pub fn my_day(&self) -> Result<Vec<AppJob>, RemoteError> {
        let items = self.agenda(self.today())?;
        let store = &*self.store;
        let tz = self.settings.tz;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let b = store.booking(item.id)?;
            if !b.is_active() {
                continue;
            }
            let customer = store.customer(b.customer_id)?;
            let address = if b.address.trim().is_empty() {
                customer.address.clone()
            } else {
                b.address.clone()
            };
            let access = [customer.notes.trim(), b.notes.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            out.push(AppJob {
                id: b.id,
                version: b.version,
                start: tz.hm(b.start),
                end: tz.hm(b.end),
                at: b.start,
                customer: customer.name,
                service: b.service.clone(),
                address,
                phone: customer.phone,
                access,
                status: b.status.as_str(),
                on_the_way: store.alert_raised(b.id, AlertKind::OnTheWay, "")?,
            });
        }
        out.sort_by_key(|j| (j.at, j.id));
        Ok(out)
    }

    /// Tells the customer of job `id` that its cleaner is on the way, once;
    /// a cleaner only for their own jobs. The expected arrival is the job's
    /// start, or, once that has come, now plus a drive of 15 minutes,
    /// rounded up to five minutes.
    pub fn on_my_way(&mut self, id: i64) -> Result<OnTheWay, RemoteError> {
        let b = self.job(id)?;
        self.need(Need::WorkJob(b.staff_id))?;
        let now = self.now();
        let store = &mut *self.store;
        let told = |sent| OnTheWay {
            booking: id,
            sent,
            expected: None,
        };
        if store.alert_raised(id, AlertKind::OnTheWay, "")? {
            return Ok(told(false));
        }
        if b.status != BookingStatus::Scheduled {
            return Err(RemoteError::Invalid(format!(
                "booking #{id} is {}: the customer is told only before the job starts",
                b.status.as_str()
            )));
        }
        let customer = store.customer(b.customer_id)?;
        let to = match normalize_phone(&customer.phone) {
            Ok(n) if !customer.phone.trim().is_empty() => n,
            Ok(_) => {
                return Err(RemoteError::Invalid(format!(
                    "{} has no phone number; call the office",
                    customer.name
                )));
            }
            Err(e) => {
                return Err(RemoteError::Invalid(format!(
                    "{}'s phone number cannot take an SMS ({e}); call the office",
                    customer.name
                )));
            }
        };
        let at = expected_arrival(b.start, now);
        let time = self.settings.tz.hm(at);
        let w = self.settings.language.words();
        let message = w.with("app-sms-on-the-way", &[("time", time.as_str().into())]);
        let raised = store.raise_alert(&NewAlert {
            booking_id: id,
            kind: AlertKind::OnTheWay,
            threshold: String::new(),
            channel: Channel::Sms,
            to,
            message,
            priority: Priority::High,
        })?;
        Ok(match raised {
            Some(_) => OnTheWay {
                booking: id,
                sent: true,
                expected: Some(time),
            },
            // Pressed twice at once: the other press sent it.
            None => told(false),
        })
    }
}

/// The job's start while it is ahead, else now plus the drive; rounded up
/// to five minutes.
fn expected_arrival(start: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    let at = if start > now + DRIVE {
        start
    } else {
        now + DRIVE
    };
    let at = at
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(at);
    let over = i64::from(at.minute() % 5);
    if over == 0 {
        at
    } else {
        at + Duration::minutes(5 - over)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, h, m, s)
            .single()
            .expect("time")
    }

    #[test]
    fn on_my_way_tells_the_customer_once_and_only_the_cleaner_may() {
        use crate::clock::Clock;
        use crate::config::Settings;
        use crate::domain::TokenRole;
        use crate::i18n::Language;
        use crate::store::{NewBooking, NewCustomer, NewStaff, Store};

        let now = t(8, 0, 0);
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("d.db");
        let mut store = Store::open(&db, "mette", Clock::Fixed(now)).expect("open");
        let (bo, anna, job) = store
            .batch(|w| {
                let bo = w.add_staff(NewStaff {
                    name: "Bo".into(),
                    ..Default::default()
                })?;
                let anna = w.add_staff(NewStaff {
                    name: "Anna".into(),
                    ..Default::default()
                })?;
                let c = w.add_customer(NewCustomer {
                    name: "Hansen".into(),
                    phone: "+4512345678".into(),
                    notes: "Nøgle under måtten".into(),
                    ..Default::default()
                })?;
                let b = w.add_booking(NewBooking {
                    customer_id: c.id,
                    staff_id: Some(bo.id),
                    service: "Fast rengøring".into(),
                    start: now + Duration::hours(2),
                    end: now + Duration::hours(4),
                    estimate_min: 120,
                    status: BookingStatus::Scheduled,
                    started_at: None,
                    finished_at: None,
                    address: String::new(),
                    notes: String::new(),
                })?;
                Ok((bo.id, anna.id, b.id))
            })
            .expect("seed");
        drop(store);
        let settings = Settings {
            language: Language::Da,
            ..Settings::default()
        };
        let remote = super::super::Remote::new(settings, db.clone(), Clock::Fixed(now));
        let cleaner = |staff: i64| super::super::Caller {
            name: "phone".into(),
            role: TokenRole::Cleaner,
            staff: Some(staff),
            via: super::super::Via::App,
            token: None,
        };
        let on_my_way = |staff: i64| remote.with_desk(&cleaner(staff), |d| d.on_my_way(job));
        let my_day = |staff: i64| remote.with_desk(&cleaner(staff), |d| d.my_day());
        let refused = on_my_way(anna);
        assert!(
            matches!(refused, Err(RemoteError::Forbidden(_))),
            "{refused:?}"
        );
        let first = on_my_way(bo).expect("told");
        assert!(first.sent);
        let again = on_my_way(bo).expect("again");
        assert!(!again.sent, "a second press sends nothing");
        let store = Store::open_existing(&db, "mette", Clock::Fixed(now)).expect("open");
        let alerts = store.alerts(10).expect("alerts");
        assert_eq!(alerts.len(), 1);
        let expected = first.expected.expect("time");
        assert_eq!(
            alerts[0].message,
            format!("Din rengøringsassistent er på vej, forventet kl. {expected}")
        );
        let day = my_day(bo).expect("day");
        assert_eq!(day.len(), 1);
        assert!(
            day[0].on_the_way && day[0].access.contains("Nøgle"),
            "{day:?}"
        );
        assert!(my_day(anna).expect("day").is_empty());
    }

    #[test]
    fn the_start_while_ahead_else_now_and_a_drive_rounded_up() {
        assert_eq!(expected_arrival(t(10, 0, 0), t(8, 0, 0)), t(10, 0, 0));
        assert_eq!(expected_arrival(t(8, 0, 0), t(8, 53, 10)), t(9, 10, 0));
        assert_eq!(expected_arrival(t(8, 0, 0), t(8, 55, 0)), t(9, 10, 0));
    }
}
