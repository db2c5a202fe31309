//! Phone alerts through Twilio: calls the dispatcher asks for (`V`), calls
//! the plan calls for on its own (overtime, double bookings), and SMS
//! reminders the day before. Each is written locally with its outbox entry
//! first, then placed; an automatic alert exists once per booking, kind and
//! threshold, however many consoles notice it.

mod deliver;
mod new_cleaner;

use anyhow::{Context as _, Result, anyhow, bail};
use chrono::{DateTime, Duration, Utc};

use crate::config::Settings;
use crate::domain::alert::{
    AlertKind, Priority, Trigger, danish_when, double_booking_message, overtime_message,
    reminder_message, triggers,
};
use crate::domain::contact::normalize_phone;
use crate::domain::{Booking, detect_conflicts};
use crate::providers::twilio::{TwilioClient, TwilioSettings};
use crate::store::{AlertRecord, Channel, NewAlert, Store};

pub use deliver::{await_outcomes, deliver, refresh_statuses};
pub use new_cleaner::queue_new_cleaner;

/// The Twilio client of `settings`, or why there is none.
pub fn client(settings: &Settings) -> Result<TwilioClient> {
    let t = &settings.twilio;
    let (Some(sid), Some(token), Some(from)) = (&t.account_sid, &t.auth_token, &t.phone_number)
    else {
        return Err(crate::engine::not_set_up::NotSetUp {
            provider: crate::engine::not_set_up::Provider::Twilio,
            missing: t.missing(),
        }
        .into());
    };
    crate::providers::install_crypto_provider();
    Ok(TwilioClient::new(TwilioSettings {
        base_url: t.base_url.clone(),
        account_sid: sid.clone(),
        auth_token: token.clone(),
        from: from.clone(),
        timeout: std::time::Duration::from_secs(30),
    })?)
}

/// A number as Twilio wants it (E.164), or a message naming `what`.
fn number(raw: &str, what: &str) -> Result<String> {
    normalize_phone(raw).map_err(|e| anyhow!("{what}: {e}"))
}

/// Who a call about `b` goes to: `to` when given, else the on-call number,
/// else the cleaner's phone.
pub fn call_target(
    store: &Store,
    settings: &Settings,
    b: &Booking,
    to: Option<&str>,
) -> Result<String> {
    if let Some(to) = to.map(str::trim).filter(|t| !t.is_empty()) {
        return number(to, "--to");
    }
    if let Some(on_call) = &settings.alerts.on_call {
        return number(on_call, "alerts.on_call");
    }
    let Some(staff_id) = b.staff_id else {
        bail!(
            "booking #{} has no cleaner and no on-call number is set: give a number, or set \
             [alerts] on_call",
            b.id
        );
    };
    let staff = store
        .staff()?
        .into_iter()
        .find(|s| s.id == staff_id)
        .ok_or_else(|| anyhow!("the cleaner of booking #{} is gone", b.id))?;
    if staff.phone.trim().is_empty() {
        bail!(
            "{} has no phone number and no on-call number is set: add one with `renos staff \
             edit`, or set [alerts] on_call",
            staff.name
        );
    }
    number(&staff.phone, &format!("{}'s phone", staff.name))
}

/// The default words of a call about `b`.
pub fn manual_message(store: &Store, settings: &Settings, b: &Booking) -> Result<String> {
    let customer = store.customer(b.customer_id)?.name;
    let names = store.staff_names()?;
    let cleaner = b
        .staff_id
        .and_then(|id| names.get(&id).cloned())
        .map(|n| format!(" med {n}"))
        .unwrap_or_default();
    let when = danish_when(b.start, store.now(), settings.tz);
    Ok(format!(
        "Besked fra {}: Det gælder bookingen hos {customer} {when}{cleaner}. Ring venligst til \
         kontoret.",
        settings.alerts.sender
    ))
}

/// Records a call about booking `id` the dispatcher asked for (placed by
/// `deliver`).
pub fn raise_manual(
    store: &mut Store,
    settings: &Settings,
    id: i64,
    to: Option<&str>,
    message: Option<&str>,
) -> Result<AlertRecord> {
    let b = store.booking(id)?;
    let to = call_target(store, settings, &b, to)?;
    let message = match message.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => m.to_string(),
        None => manual_message(store, settings, &b)?,
    };
    store
        .raise_alert(&NewAlert {
            booking_id: id,
            kind: AlertKind::Manual,
            threshold: String::new(),
            channel: Channel::Voice,
            to,
            message,
            priority: Priority::High,
        })?
        .context("the call was not recorded")
}

/// What an automatic check found.
#[derive(Debug, Clone, Default)]
pub struct AutoReport {
    /// Alerts raised now (placed by `deliver`).
    pub raised: Vec<AlertRecord>,
    /// Alerts the plan calls for that have no number to go to, and why.
    pub unreachable: Vec<(AlertKind, String)>,
}

/// Raises the automatic alerts the plan calls for at `now` that were not
/// raised before (by this console or any other).
pub fn check_auto(
    store: &mut Store,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<AutoReport> {
    let horizon = now + Duration::hours(i64::from(settings.alerts.double_booking_hours));
    // Running jobs started up to a day ago, and what starts before the horizon.
    let bookings = store.bookings_between(now - Duration::hours(24), horizon)?;
    let staff = store.staff()?;
    let conflicts = detect_conflicts(&bookings, &staff, settings.tz, &settings.conflicts);
    let mut out = AutoReport::default();
    for t in triggers(&bookings, &conflicts, now, horizon, &settings.overtime) {
        if store.alert_raised(t.booking(), t.kind(), &t.threshold())? {
            continue;
        }
        let Some(b) = bookings.iter().find(|b| b.id == t.booking()) else {
            continue;
        };
        let to = match call_target(store, settings, b, None) {
            Ok(to) => to,
            Err(e) => {
                out.unreachable.push((t.kind(), e.to_string()));
                continue;
            }
        };
        let message = auto_message(store, settings, &t, &bookings, now)?;
        if let Some(rec) = store.raise_alert(&NewAlert {
            booking_id: t.booking(),
            kind: t.kind(),
            threshold: t.threshold(),
            channel: Channel::Voice,
            to,
            message,
            priority: t.priority(),
        })? {
            out.raised.push(rec);
        }
    }
    Ok(out)
}

fn auto_message(
    store: &Store,
    settings: &Settings,
    t: &Trigger,
    bookings: &[Booking],
    now: DateTime<Utc>,
) -> Result<String> {
    let customer_of = |id: i64| -> Result<String> {
        let b = bookings
            .iter()
            .find(|b| b.id == id)
            .ok_or_else(|| anyhow!("booking #{id} is gone"))?;
        Ok(store.customer(b.customer_id)?.name)
    };
    Ok(match t {
        Trigger::Overtime { booking, over_min } => {
            overtime_message(&customer_of(*booking)?, *over_min)
        }
        Trigger::DoubleBooking {
            first,
            second,
            staff_id,
        } => {
            let cleaner = store
                .staff_names()?
                .get(staff_id)
                .cloned()
                .unwrap_or_else(|| "En medarbejder".into());
            let start = bookings
                .iter()
                .filter(|b| b.id == *first || b.id == *second)
                .map(|b| b.start)
                .max()
                .unwrap_or(now);
            double_booking_message(
                &cleaner,
                &customer_of(*first)?,
                &customer_of(*second)?,
                &danish_when(start, now, settings.tz),
            )
        }
    })
}

/// A day-before SMS: to whom, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub booking_id: i64,
    pub customer: String,
    pub to: String,
    pub message: String,
    /// Already sent (or queued) before.
    pub already: bool,
}

/// Tomorrow's reminders: every active booking of tomorrow whose customer
/// has a phone number. Customers without a usable number are listed in
/// the second part, with why.
pub fn reminders(store: &Store, settings: &Settings) -> Result<(Vec<Reminder>, Vec<String>)> {
    let now = store.now();
    let tomorrow = settings
        .tz
        .local_date(now)
        .succ_opt()
        .ok_or_else(|| anyhow!("no day after today"))?;
    let (from, to) = settings.tz.day_bounds(tomorrow);
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for b in store.bookings_between(from, to)? {
        if !b.is_active() || b.start < from {
            continue;
        }
        let customer = store.customer(b.customer_id)?;
        let to = match normalize_phone(&customer.phone) {
            Ok(n) if !customer.phone.trim().is_empty() => n,
            Ok(_) => {
                skipped.push(format!("#{} {}: no phone number", b.id, customer.name));
                continue;
            }
            Err(e) => {
                skipped.push(format!("#{} {}: {e}", b.id, customer.name));
                continue;
            }
        };
        let when = danish_when(b.start, now, settings.tz);
        let message = reminder_message(&customer.name, &b.service, &when, &settings.alerts.sender);
        let already = store.alert_raised(b.id, AlertKind::Reminder, &reminder_key(&b, settings))?;
        out.push(Reminder {
            booking_id: b.id,
            customer: customer.name,
            to,
            message,
            already,
        });
    }
    Ok((out, skipped))
}

/// A reminder is once per booking and day: a booking moved to another day
/// is reminded of again.
fn reminder_key(b: &Booking, settings: &Settings) -> String {
    settings
        .tz
        .local_date(b.start)
        .format("%Y-%m-%d")
        .to_string()
}

/// Queues tomorrow's reminders not sent before; returns those queued now.
pub fn queue_reminders(store: &mut Store, settings: &Settings) -> Result<Vec<AlertRecord>> {
    let (list, _) = reminders(store, settings)?;
    let mut out = Vec::new();
    for r in list.into_iter().filter(|r| !r.already) {
        let b = store.booking(r.booking_id)?;
        if let Some(rec) = store.raise_alert(&NewAlert {
            booking_id: r.booking_id,
            kind: AlertKind::Reminder,
            threshold: reminder_key(&b, settings),
            channel: Channel::Sms,
            to: r.to,
            message: r.message,
            priority: Priority::High,
        })? {
            out.push(rec);
        }
    }
    Ok(out)
}
