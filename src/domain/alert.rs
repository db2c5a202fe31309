//! Phone alerts: which situations call for one, and the Danish words spoken
//! or sent. Each alert has a key (booking, kind, threshold) so it fires once.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::booking::Booking;
use super::conflict::{Conflict, ConflictKind};
use super::overtime::{OvertimeLevel, OvertimeRules, overtime};
use super::time::{BusinessTz, weekday_da_long};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr, strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AlertKind {
    /// A running job reached the alert level of the overtime meter.
    Overtime,
    /// Two jobs of one cleaner overlap.
    DoubleBooking,
    /// The dispatcher asked for a call (`V`, `renos alert`).
    Manual,
    /// The SMS reminder to the customer the day before.
    Reminder,
    /// The SMS telling the customer another cleaner comes (a sick call).
    NewCleaner,
    /// The SMS telling the customer their cleaner is on the way (the
    /// cleaners' page).
    OnTheWay,
}

impl AlertKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr, strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Priority {
    High,
    Critical,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// An automatic alert the plan calls for now, before words are put to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// `booking` is `over_min` minutes over its estimate, at the alert level.
    Overtime { booking: i64, over_min: i64 },
    /// `first` and `second` (first < second) of one cleaner overlap.
    DoubleBooking {
        first: i64,
        second: i64,
        staff_id: i64,
    },
}

impl Trigger {
    pub fn kind(&self) -> AlertKind {
        match self {
            Trigger::Overtime { .. } => AlertKind::Overtime,
            Trigger::DoubleBooking { .. } => AlertKind::DoubleBooking,
        }
    }

    /// The booking the alert belongs to.
    pub fn booking(&self) -> i64 {
        match self {
            Trigger::Overtime { booking, .. } => *booking,
            Trigger::DoubleBooking { first, .. } => *first,
        }
    }

    /// What makes the alert this one and no other, for its booking and
    /// kind: the overtime level reached, or the other booking of the clash.
    pub fn threshold(&self) -> String {
        match self {
            Trigger::Overtime { .. } => OvertimeLevel::Alert.as_str().to_string(),
            Trigger::DoubleBooking { second, .. } => format!("with-{second}"),
        }
    }

    pub fn priority(&self) -> Priority {
        match self {
            Trigger::Overtime { .. } => Priority::High,
            Trigger::DoubleBooking { .. } => Priority::Critical,
        }
    }
}

/// The alerts `bookings` call for at `now`: running jobs at the overtime
/// alert level, and double bookings among `conflicts` that are running or
/// start before `horizon`. Unordered duplicates of a pair are reported once.
pub fn triggers(
    bookings: &[Booking],
    conflicts: &[Conflict],
    now: DateTime<Utc>,
    horizon: DateTime<Utc>,
    rules: &OvertimeRules,
) -> Vec<Trigger> {
    let mut out = Vec::new();
    for b in bookings {
        if let Some(o) = overtime(b, now, rules)
            && o.level == OvertimeLevel::Alert
        {
            out.push(Trigger::Overtime {
                booking: b.id,
                over_min: o.over_min,
            });
        }
    }
    let by_id: std::collections::HashMap<i64, &Booking> =
        bookings.iter().map(|b| (b.id, b)).collect();
    let soon = |id: i64| {
        by_id
            .get(&id)
            .is_some_and(|b| b.is_active() && b.end > now && b.start < horizon)
    };
    let mut pairs = std::collections::BTreeSet::new();
    for c in conflicts {
        if c.kind != ConflictKind::DoubleBooking {
            continue;
        }
        let Some(second) = c.second else { continue };
        let (a, b) = (c.first.min(second), c.first.max(second));
        if soon(a) && soon(b) && pairs.insert((a, b)) {
            out.push(Trigger::DoubleBooking {
                first: a,
                second: b,
                staff_id: c.staff_id,
            });
        }
    }
    out
}

/// A span of minutes in Danish: "45 minutter", "1 time", "2 timer og 5 minutter".
pub fn danish_minutes(min: i64) -> String {
    let min = min.max(0);
    let minutes = |m: i64| {
        if m == 1 {
            "1 minut".to_string()
        } else {
            format!("{m} minutter")
        }
    };
    let hours = |h: i64| {
        if h == 1 {
            "1 time".to_string()
        } else {
            format!("{h} timer")
        }
    };
    match (min / 60, min % 60) {
        (0, m) => minutes(m),
        (h, 0) => hours(h),
        (h, m) => format!("{} og {}", hours(h), minutes(m)),
    }
}

/// "i dag kl. 10:00", "i morgen kl. 9:30", "mandag 23/11 kl. 10:00".
pub fn danish_when(t: DateTime<Utc>, now: DateTime<Utc>, tz: BusinessTz) -> String {
    let day = tz.local_date(t);
    let today = tz.local_date(now);
    let hm = tz.hm(t);
    if day == today {
        format!("i dag kl. {hm}")
    } else if today.succ_opt() == Some(day) {
        format!("i morgen kl. {hm}")
    } else {
        format!(
            "{} {} kl. {hm}",
            weekday_da_long(tz.weekday(t)),
            day.format("%-d/%-m")
        )
    }
}

/// The business's words: "Overtid detekteret! Booking hos Hansen er 2 timer over estimatet."
pub fn overtime_message(customer: &str, over_min: i64) -> String {
    format!(
        "Overtid detekteret! Booking hos {} er {} over estimatet.",
        customer.trim(),
        danish_minutes(over_min)
    )
}

/// "Dobbeltbooking detekteret! Maria er booket hos Hansen og Jensen samtidig i dag kl. 10:00. Tjek kalenderen umiddelbart."
pub fn double_booking_message(cleaner: &str, first: &str, second: &str, when: &str) -> String {
    format!(
        "Dobbeltbooking detekteret! {} er booket hos {} og {} samtidig {when}. \
         Tjek kalenderen umiddelbart.",
        cleaner.trim(),
        first.trim(),
        second.trim()
    )
}

/// The day-before SMS to a customer.
pub fn reminder_message(customer: &str, service: &str, when: &str, sender: &str) -> String {
    format!(
        "Hej {}. Påmindelse: {} {when}. Passer tidspunktet ikke, så svar på denne besked. \
         Venlig hilsen {}",
        customer.trim(),
        if service.trim().is_empty() {
            "vi kommer".to_string()
        } else {
            format!("{} er booket", service.trim())
        },
        sender.trim()
    )
}

/// The SMS when another cleaner takes the customer's visit.
pub fn new_cleaner_message(customer: &str, cleaner: &str, when: &str, sender: &str) -> String {
    format!(
        "Hej {}. Din rengøring {when} udføres af {} i stedet. Passer det ikke, så svar på \
         denne besked. Venlig hilsen {}",
        customer.trim(),
        cleaner.trim(),
        sender.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::BookingStatus;
    use chrono::{Duration, TimeZone};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0)
            .single()
            .expect("time")
    }

    fn booking(id: i64, start: DateTime<Utc>, min: i64) -> Booking {
        Booking {
            id,
            customer_id: id,
            staff_id: Some(1),
            service: "Rengøring".into(),
            start,
            end: start + Duration::minutes(min),
            estimate_min: min as u32,
            status: BookingStatus::Scheduled,
            started_at: None,
            finished_at: None,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
            cancel_reason: String::new(),
            version: 1,
        }
    }

    #[test]
    fn words() {
        assert_eq!(
            overtime_message("Hansen", 120),
            "Overtid detekteret! Booking hos Hansen er 2 timer over estimatet."
        );
        assert_eq!(danish_minutes(1), "1 minut");
        assert_eq!(danish_minutes(36), "36 minutter");
        assert_eq!(danish_minutes(60), "1 time");
        assert_eq!(danish_minutes(125), "2 timer og 5 minutter");
        assert_eq!(danish_minutes(61), "1 time og 1 minut");
        let tz = BusinessTz::default();
        // 09:00 UTC is 10:00 in Copenhagen in November.
        assert_eq!(danish_when(at(9, 0), at(7, 0), tz), "i dag kl. 10:00");
        assert_eq!(
            danish_when(at(9, 0) + Duration::days(1), at(7, 0), tz),
            "i morgen kl. 10:00"
        );
        assert_eq!(
            danish_when(at(9, 0) + Duration::days(3), at(7, 0), tz),
            "torsdag 26/11 kl. 10:00"
        );
        assert!(
            double_booking_message("Maria", "Hansen", "Jensen", "i dag kl. 10:00")
                .starts_with("Dobbeltbooking detekteret! Maria er booket hos Hansen og Jensen")
        );
    }

    #[test]
    fn triggers_of_a_plan() {
        let rules = OvertimeRules::default();
        let now = at(12, 0);
        let mut running = booking(1, at(8, 0), 120);
        running.status = BookingStatus::InProgress;
        running.started_at = Some(at(8, 0));
        // 240 min elapsed on a 120 min estimate: 120 over, an alert.
        let mut fine = booking(2, at(11, 0), 120);
        fine.status = BookingStatus::InProgress;
        fine.started_at = Some(at(11, 0));
        let a = booking(3, at(13, 0), 60);
        let b = booking(4, at(13, 30), 60);
        let old_a = booking(5, at(6, 0), 60);
        let old_b = booking(6, at(6, 30), 60);
        let far_a = booking(7, at(13, 0) + Duration::days(3), 60);
        let far_b = booking(8, at(13, 0) + Duration::days(3), 60);
        let plan = vec![running, fine, a, b, old_a, old_b, far_a, far_b];
        let clash = |first, second| Conflict {
            kind: ConflictKind::DoubleBooking,
            staff_id: 1,
            first,
            second: Some(second),
            minutes: 30,
        };
        let conflicts = vec![clash(4, 3), clash(3, 4), clash(5, 6), clash(7, 8)];
        let t = triggers(&plan, &conflicts, now, now + Duration::hours(24), &rules);
        assert_eq!(
            t,
            vec![
                Trigger::Overtime {
                    booking: 1,
                    over_min: 120
                },
                Trigger::DoubleBooking {
                    first: 3,
                    second: 4,
                    staff_id: 1
                }
            ]
        );
        assert_eq!(t[0].threshold(), "alert");
        assert_eq!(t[1].threshold(), "with-4");
        assert_eq!(t[1].booking(), 3);
        assert_eq!(t[1].priority(), Priority::Critical);
    }
}
