//! What a finished job costs: the hours actually worked (started → finished,
//! rounded up to the billing unit) times the service's hourly rate, with
//! Danish VAT; and whether the invoice is paid.

use chrono::NaiveDate;
use serde::Serialize;

use super::booking::{Booking, BookingStatus};
use super::money;

/// Minutes the worked time may be rounded up to: values whose hours are
/// exact in a provider's float (quarter, half and whole hours).
pub const ROUNDING_UNITS: [u32; 3] = [15, 30, 60];

/// How the business bills a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BillingRules {
    /// Worked minutes are rounded up to a multiple of this (15 = quarter hour).
    pub round_min: u32,
    /// Hourly rate in øre for a service name (compared case-insensitively).
    pub rates: Vec<(String, i64)>,
    /// Hourly rate in øre for a service without its own.
    pub default_rate_ore: i64,
    /// Days from the invoice date to the due date.
    pub payment_terms_days: u32,
}

impl Default for BillingRules {
    fn default() -> Self {
        BillingRules {
            round_min: 15,
            rates: Vec::new(),
            default_rate_ore: 34_900,
            payment_terms_days: 8,
        }
    }
}

impl BillingRules {
    /// The hourly rate of `service`, in øre.
    pub fn rate_of(&self, service: &str) -> i64 {
        let service = service.trim();
        self.rates
            .iter()
            .find(|(name, _)| name.trim().eq_ignore_ascii_case(service))
            .map_or(self.default_rate_ore, |(_, rate)| *rate)
    }
}

/// Why a booking cannot be invoiced (yet).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotBillable {
    #[error("the job is not finished yet: finish it first (f)")]
    NotFinished,
    #[error("the job is cancelled")]
    Cancelled,
    #[error("the job has no recorded start and finish")]
    NoTimes,
    #[error("no time was worked (started and finished at the same minute)")]
    NothingWorked,
}

/// The invoice line of a finished job, in øre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobCharge {
    /// Minutes actually worked.
    pub worked_min: i64,
    /// Worked minutes rounded up to the billing unit.
    pub billed_min: i64,
    /// The billed hours as the invoice line's quantity, in hundredths
    /// ([`quantity_centi`]): 3 h 15 min is 325.
    pub quantity_centi: i64,
    pub rate_ore: i64,
    /// Excluding VAT: `quantity_centi` × `rate_ore` ([`line_net`]), the
    /// very product the accounting system computes for the line.
    pub net_ore: i64,
    pub vat_ore: i64,
    pub gross_ore: i64,
}

/// Billed minutes as hours in hundredths, the quantity an invoice line
/// carries: Billy keeps two decimals of a quantity, so the line must say
/// exactly what the quote multiplied. Exact for every minute count divisible
/// by 3 (every unit in [`ROUNDING_UNITS`]); otherwise rounded half up to the
/// hundredth (80 min → 1.33 h), and the price follows that quantity.
pub fn quantity_centi(billed_min: i64) -> i64 {
    money::share(billed_min, 100, 60)
}

/// A line's amount: `quantity_centi` hundredths × `rate_ore`, rounded half
/// away from zero to the øre (as Billy rounds a line: two decimals).
pub fn line_net(quantity_centi: i64, rate_ore: i64) -> i64 {
    money::share(rate_ore, quantity_centi, 100)
}

impl JobCharge {
    /// Billed hours as a number, for display and reports.
    pub fn hours(&self) -> f64 {
        self.quantity_centi as f64 / 100.0
    }

    /// "3 t", "3 t 15 min", "45 min".
    pub fn hours_text(&self) -> String {
        hours_text(self.billed_min)
    }
}

/// "3 t", "3 t 15 min", "45 min".
pub fn hours_text(min: i64) -> String {
    match (min / 60, min % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} t"),
        (h, m) => format!("{h} t {m} min"),
    }
}

/// `minutes` rounded up to a multiple of `unit` (a unit of 0 leaves it).
pub fn round_up(minutes: i64, unit: u32) -> i64 {
    let unit = i64::from(unit);
    if unit <= 0 || minutes <= 0 {
        return minutes.max(0);
    }
    (minutes + unit - 1) / unit * unit
}

/// What `b` costs under `rules`.
pub fn charge(b: &Booking, rules: &BillingRules) -> Result<JobCharge, NotBillable> {
    match b.status {
        BookingStatus::Completed => {}
        BookingStatus::Cancelled => return Err(NotBillable::Cancelled),
        BookingStatus::Scheduled | BookingStatus::InProgress => {
            return Err(NotBillable::NotFinished);
        }
    }
    let (Some(started), Some(finished)) = (b.started_at, b.finished_at) else {
        return Err(NotBillable::NoTimes);
    };
    // Whole minutes begun count: 2 h 59 min 30 s is 3 h.
    let seconds = (finished - started).num_seconds().max(0);
    let worked_min = (seconds + 59) / 60;
    if worked_min == 0 {
        return Err(NotBillable::NothingWorked);
    }
    let billed_min = round_up(worked_min, rules.round_min);
    let rate_ore = rules.rate_of(&b.service);
    let quantity_centi = quantity_centi(billed_min);
    let net_ore = line_net(quantity_centi, rate_ore);
    let vat_ore = money::vat(net_ore);
    Ok(JobCharge {
        worked_min,
        billed_min,
        quantity_centi,
        rate_ore,
        net_ore,
        vat_ore,
        gross_ore: net_ore + vat_ore,
    })
}

/// Where an invoice stands, as the dispatcher sees it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr, strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PaymentState {
    /// Asked for, not yet created in the accounting system.
    Pending,
    /// Created as a draft: not sent, not yet a claim.
    Draft,
    Unpaid,
    /// Unpaid after its due date.
    Overdue,
    Paid,
    /// Voided, or credited in full, in the accounting system: no claim;
    /// the job may be invoiced again.
    Voided,
}

impl PaymentState {
    pub fn of(approved: bool, paid: bool, due: Option<NaiveDate>, today: NaiveDate) -> Self {
        match (approved, paid) {
            (_, true) => PaymentState::Paid,
            (false, false) => PaymentState::Draft,
            (true, false) if due.is_some_and(|d| d < today) => PaymentState::Overdue,
            (true, false) => PaymentState::Unpaid,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    fn job(worked: Duration, service: &str) -> Booking {
        let start = Utc
            .with_ymd_and_hms(2026, 11, 23, 8, 0, 0)
            .single()
            .expect("time");
        Booking {
            id: 1,
            customer_id: 1,
            staff_id: Some(1),
            service: service.into(),
            start,
            end: start + Duration::hours(3),
            estimate_min: 180,
            status: BookingStatus::Completed,
            started_at: Some(start),
            finished_at: Some(start + worked),
            address: String::new(),
            notes: String::new(),
            review: String::new(),
            cancel_reason: String::new(),
            version: 1,
        }
    }

    #[test]
    fn the_business_example() {
        // 3 hours × 349 kr = 1,047 kr excl. VAT.
        let c = charge(
            &job(Duration::hours(3), "Rengøring"),
            &BillingRules::default(),
        )
        .expect("charge");
        assert_eq!((c.billed_min, c.rate_ore), (180, 34_900));
        assert_eq!(
            (c.net_ore, c.vat_ore, c.gross_ore),
            (104_700, 26_175, 130_875)
        );
        assert_eq!(c.hours(), 3.0);
        assert_eq!(c.hours_text(), "3 t");
    }

    #[test]
    fn worked_time_is_rounded_up_to_the_unit() {
        let rules = BillingRules::default();
        let c = charge(&job(Duration::minutes(181), "x"), &rules).expect("charge");
        assert_eq!((c.worked_min, c.billed_min), (181, 195));
        assert_eq!(c.net_ore, 113_425);
        assert_eq!(c.hours(), 3.25);
        let c = charge(&job(Duration::seconds(3 * 3600 + 1), "x"), &rules).expect("charge");
        assert_eq!(c.billed_min, 195);
        let c = charge(&job(Duration::minutes(7), "x"), &rules).expect("charge");
        assert_eq!((c.billed_min, c.net_ore), (15, 8_725));
        let half = BillingRules {
            round_min: 30,
            ..rules.clone()
        };
        let c = charge(&job(Duration::minutes(181), "x"), &half).expect("charge");
        assert_eq!(c.billed_min, 210);
        assert_eq!(hours_text(195), "3 t 15 min");
        assert_eq!(hours_text(45), "45 min");
    }

    #[test]
    fn quantities_have_two_decimals_and_the_price_follows_them() {
        assert_eq!(quantity_centi(180), 300);
        assert_eq!(quantity_centi(195), 325);
        assert_eq!(quantity_centi(15), 25);
        assert_eq!(quantity_centi(80), 133);
        assert_eq!(quantity_centi(170), 283);
        assert_eq!(quantity_centi(7), 12);
        assert_eq!(quantity_centi(1), 2);
        // Divisible by 3: the same as minutes × rate / 60.
        for min in (3..=600).step_by(3) {
            for rate in [34_900, 33_333, 44_950, 1] {
                assert_eq!(
                    line_net(quantity_centi(min), rate),
                    money::share(rate, min, 60),
                    "{min} min at {rate}"
                );
            }
        }
        // 1.33 h × 349 kr = 464.17 kr.
        assert_eq!(line_net(133, 34_900), 46_417);
        // 0.25 h × 333.33 kr = 83.3325 kr → 83.33 kr.
        assert_eq!(line_net(25, 33_333), 8_333);
        let rules = BillingRules {
            round_min: 0,
            ..BillingRules::default()
        };
        let c = charge(&job(Duration::minutes(80), "x"), &rules).expect("charge");
        assert_eq!(
            (c.billed_min, c.quantity_centi, c.net_ore),
            (80, 133, 46_417)
        );
    }

    #[test]
    fn rates_per_service() {
        let rules = BillingRules {
            rates: vec![("Flytterengøring".into(), 44_900)],
            ..BillingRules::default()
        };
        assert_eq!(rules.rate_of("flytterengøring "), 44_900);
        assert_eq!(rules.rate_of("Rengøring"), 34_900);
        let c = charge(&job(Duration::hours(2), "Flytterengøring"), &rules).expect("charge");
        assert_eq!(c.net_ore, 89_800);
    }

    #[test]
    fn only_finished_jobs() {
        let rules = BillingRules::default();
        let mut b = job(Duration::hours(1), "x");
        b.status = BookingStatus::InProgress;
        assert_eq!(charge(&b, &rules), Err(NotBillable::NotFinished));
        b.status = BookingStatus::Cancelled;
        assert_eq!(charge(&b, &rules), Err(NotBillable::Cancelled));
        let b = job(Duration::zero(), "x");
        assert_eq!(charge(&b, &rules), Err(NotBillable::NothingWorked));
        let mut b = job(Duration::hours(1), "x");
        b.finished_at = None;
        assert_eq!(charge(&b, &rules), Err(NotBillable::NoTimes));
    }

    #[test]
    fn payment_states() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        let due = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
        assert_eq!(
            PaymentState::of(false, false, due(1), today),
            PaymentState::Draft
        );
        assert_eq!(
            PaymentState::of(true, false, due(20), today),
            PaymentState::Unpaid
        );
        assert_eq!(
            PaymentState::of(true, false, due(19), today),
            PaymentState::Overdue
        );
        assert_eq!(
            PaymentState::of(true, true, due(1), today),
            PaymentState::Paid
        );
    }
}
