//! The back office's news in words: the providers' state in the header,
//! what went through and what did not.

use chrono::NaiveDate;

use super::{Part, plural};
use crate::domain::invoice::PaymentState;
use crate::domain::money::format_kr;
use crate::domain::month::Month;
use crate::engine::delivery::Delivery;
use crate::engine::health::{Finding, Level};
use crate::engine::office::{MonthSummary, OfficeDone, OfficeFailure, Provider, ProviderHealth};
use crate::store::{Channel, InvoiceRecord};

fn name(p: Provider) -> &'static str {
    match p {
        Provider::Billy => "Billy",
        Provider::Twilio => "Twilio",
    }
}

/// A provider's state for the header: "Billy ✓", "Twilio offline",
/// "Billy: bad setting failed"; urgent when it does not work.
pub fn provider_part(h: &ProviderHealth) -> Part {
    let n = name(h.provider);
    let text = match h.finding {
        Finding::Works => format!("{n} ✓"),
        Finding::Offline => format!("{n} offline"),
        Finding::NotSetUp => format!("{n}: not set up"),
        Finding::SettingMissing => format!("{n}: setting missing"),
        Finding::BadSetting => format!("{n}: bad setting"),
        Finding::BadKey => format!("{n}: bad key"),
        Finding::BadSid => format!("{n}: bad SID"),
        Finding::BadNumber => format!("{n}: bad number"),
        Finding::NoProduct => format!("{n}: no product"),
        Finding::KeyRefused => format!("{n}: key refused"),
        Finding::Error => format!("{n}: error"),
        Finding::ReadOnly => format!("{n}: read-only"),
        Finding::WriteUnknown => format!("{n} ?"),
        Finding::NotFound => format!("{n}: not found"),
        Finding::Missing => format!("{n}: missing"),
        Finding::Refused => format!("{n}: refused"),
    };
    let broken = h.level == Level::Fail;
    // "offline" and "refused" say it already; the rest get "failed".
    let says_it = matches!(h.finding, Finding::Offline | Finding::KeyRefused);
    let text = if broken && !says_it {
        format!("{text} failed")
    } else {
        text
    };
    Part::new(text, broken)
}

/// What went through, for the status line.
pub fn office_done(d: &OfficeDone) -> String {
    match d {
        OfficeDone::Delivered(d) => delivery(d),
        OfficeDone::PaymentsChecked { unpaid } => format!(
            "Payments checked: {}",
            plural(*unpaid as i64, "invoice unpaid", "invoices unpaid")
        ),
        OfficeDone::RemindersQueued { count } => {
            format!("Reminders: {count} SMS queued for tomorrow's customers")
        }
        OfficeDone::NewCleanerTold { count } => {
            format!("{count} SMS queued: the customers know who comes now")
        }
    }
}

/// What did not, for the status line.
pub fn office_failure(f: &OfficeFailure) -> String {
    match f {
        OfficeFailure::Unavailable { reason, .. } => reason.clone(),
        OfficeFailure::Database(e) => {
            format!("Invoices and alerts cannot open the database: {e}")
        }
        OfficeFailure::Command(e) => e.clone(),
        OfficeFailure::Delivery(d) => delivery(d),
    }
}

/// `s` with its first letter in upper case: a sentence for the status line.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What a delivery did, or why it did not, in a sentence.
pub fn delivery(d: &Delivery) -> String {
    match d {
        Delivery::Invoice {
            record,
            customer,
            today,
        } => capitalized(&invoice_state(record, customer, *today)),
        Delivery::InvoiceFailed { booking, error } => {
            format!("Invoice for booking #{booking}: Billy: {error}")
        }
        Delivery::InvoiceVoided {
            booking,
            number,
            credited,
        } => format!(
            "Invoice {number} of booking #{booking} was {} in Billy: press I to invoice the job \
             again",
            if *credited { "credited" } else { "voided" }
        ),
        Delivery::MonthlyInvoiceFailed {
            customer,
            month,
            error,
        } => format!(
            "Monthly invoice for {customer} ({}): Billy: {error}",
            month_words(*month)
        ),
        Delivery::MonthlyInvoiceVoided {
            customer,
            month,
            number,
            credited,
        } => format!(
            "Monthly invoice {number} for {customer} ({}) was {} in Billy: run renos invoice \
             --customer again to invoice the month again",
            month_words(*month),
            if *credited { "credited" } else { "voided" }
        ),
        Delivery::InvoicePaid { number, customer } => {
            format!("Invoice {number} ({customer}) is paid")
        }
        Delivery::PaymentCheckFailed {
            invoice: None,
            error,
        } => format!("Payment check: Billy: {error}"),
        Delivery::PaymentCheckFailed {
            invoice: Some(no),
            error,
        } => format!("Payment check of invoice {no}: Billy: {error}"),
        Delivery::Alert { record, found } => capitalized(&format!(
            "{} for booking #{}: {}{}",
            record.kind.label(),
            record.booking_id,
            record.describe(),
            if *found {
                " (placed before; its answer was lost)"
            } else {
                ""
            }
        )),
        Delivery::AlertWaiting { kind, channel, to } => capitalized(&format!(
            "{}: waiting until Twilio confirms the earlier {} to {to}",
            kind.label(),
            match channel {
                Channel::Voice => "call",
                Channel::Sms => "SMS",
            }
        )),
        Delivery::AlertFailed {
            kind,
            to,
            error,
            for_good: true,
        } => capitalized(&format!(
            "{} to {to} refused by Twilio: {error}",
            kind.label()
        )),
        Delivery::AlertFailed {
            kind,
            to,
            error,
            for_good: false,
        } => capitalized(&format!(
            "{} to {to}: Twilio: {error} (trying again)",
            kind.label()
        )),
        Delivery::AlertStatusFailed { sid: None, error } => {
            format!("Alert status: Twilio: {error}")
        }
        Delivery::AlertStatusFailed {
            sid: Some(sid),
            error,
        } => format!("Status of {sid}: Twilio: {error}"),
    }
}

/// "invoice 1001 for Hansen: 1.308,75 kr, unpaid (due 1/12)"
pub fn invoice_state(rec: &InvoiceRecord, customer: &str, today: NaiveDate) -> String {
    let state = rec.payment(today);
    let what = match &rec.invoice_no {
        Some(no) => format!("invoice {no}"),
        None if state == PaymentState::Draft => "draft invoice".to_string(),
        None => "invoice".to_string(),
    };
    let mut text = match rec.month {
        Some(m) => format!(
            "monthly {what} for {customer} ({}, {}): {}",
            month_words(m),
            plural(rec.visits, "visit", "visits"),
            format_kr(rec.gross_ore)
        ),
        None => format!("{what} for {customer}: {}", format_kr(rec.gross_ore)),
    };
    let due = rec
        .due_date
        .map(|d| format!(" (due {})", d.format("%-d/%-m")))
        .unwrap_or_default();
    match state {
        PaymentState::Pending if rec.error.is_empty() => text.push_str(", being created"),
        PaymentState::Pending => text.push_str(&format!(", not created: {}", rec.error)),
        PaymentState::Draft => text.push_str(", draft (press I to approve)"),
        PaymentState::Unpaid => text.push_str(&format!(", unpaid{due}")),
        PaymentState::Overdue => text.push_str(&format!(", OVERDUE{due}")),
        PaymentState::Paid => text.push_str(", paid"),
        PaymentState::Voided => text.push_str(", voided in Billy (press I to invoice again)"),
    }
    text
}

/// "December 2026".
pub fn month_words(m: Month) -> String {
    format!("{} {}", month_name(m), m.year())
}

/// "December".
pub fn month_name(m: Month) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(m.number().saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// The question before a customer's month is invoiced: "Invoice Hansen
/// for December: 4 visits, 3.120,00 kr?" (the sum includes moms).
pub fn month_question(customer: &str, m: Month, visits: usize, gross_ore: i64) -> String {
    format!(
        "Invoice {customer} for {}: {}, {}?",
        month_name(m),
        plural(visits as i64, "visit", "visits"),
        format_kr(gross_ore)
    )
}

/// Nothing to invoice in a customer's month: "Nothing to invoice for
/// Hansen in December 2026: 4 visits already invoiced."
pub fn month_nothing(m: &MonthSummary) -> String {
    let why = if m.invoiced == 0 {
        "no finished visits".to_string()
    } else {
        format!(
            "{} already invoiced",
            plural(m.invoiced as i64, "visit", "visits")
        )
    };
    format!(
        "Nothing to invoice for {} in {}: {why}.",
        m.customer,
        month_words(m.month)
    )
}

/// The question after a monthly draft invoice was made: "Approve the
/// draft invoice for Hansen's November (3.120,00 kr incl. moms)?"
pub fn month_draft_question(customer: &str, m: Month, gross_ore: i64) -> String {
    format!(
        "Approve the draft invoice for {customer}'s {} ({} incl. moms)?",
        month_name(m),
        format_kr(gross_ore)
    )
}

/// The question after a draft invoice was made.
pub fn draft_question(booking: i64, gross_ore: i64) -> String {
    format!(
        "Approve the draft invoice of booking #{booking} ({} incl. moms)?",
        format_kr(gross_ore)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(provider: Provider, level: Level, finding: Finding) -> (String, bool) {
        let p = provider_part(&ProviderHealth {
            provider,
            level,
            finding,
        });
        (p.text, p.urgent)
    }

    #[test]
    fn a_provider_that_does_not_work_is_urgent_by_its_level() {
        assert_eq!(
            part(Provider::Billy, Level::Ok, Finding::Works),
            ("Billy ✓".into(), false)
        );
        // Works, with something worth a look: still not urgent.
        assert_eq!(
            part(Provider::Twilio, Level::Warn, Finding::Works),
            ("Twilio ✓".into(), false)
        );
        assert_eq!(
            part(Provider::Billy, Level::Warn, Finding::NotSetUp),
            ("Billy: not set up".into(), false)
        );
        assert_eq!(
            part(Provider::Twilio, Level::Fail, Finding::Offline),
            ("Twilio offline".into(), true)
        );
        assert_eq!(
            part(Provider::Billy, Level::Fail, Finding::KeyRefused),
            ("Billy: key refused".into(), true)
        );
        assert_eq!(
            part(Provider::Billy, Level::Fail, Finding::BadSetting),
            ("Billy: bad setting failed".into(), true)
        );
    }

    #[test]
    fn office_news_in_words() {
        assert_eq!(
            office_done(&OfficeDone::PaymentsChecked { unpaid: 1 }),
            "Payments checked: 1 invoice unpaid"
        );
        assert_eq!(
            office_done(&OfficeDone::PaymentsChecked { unpaid: 3 }),
            "Payments checked: 3 invoices unpaid"
        );
        assert_eq!(
            draft_question(7, 43_625),
            format!(
                "Approve the draft invoice of booking #7 ({} incl. moms)?",
                format_kr(43_625)
            )
        );
    }

    #[test]
    fn deliveries_in_words() {
        use crate::domain::alert::AlertKind;
        assert_eq!(
            delivery(&Delivery::InvoiceFailed {
                booking: 4,
                error: "rate limited".into()
            }),
            "Invoice for booking #4: Billy: rate limited"
        );
        assert_eq!(
            delivery(&Delivery::InvoiceVoided {
                booking: 4,
                number: "1042".into(),
                credited: true
            }),
            "Invoice 1042 of booking #4 was credited in Billy: press I to invoice the job again"
        );
        assert_eq!(
            delivery(&Delivery::AlertWaiting {
                kind: AlertKind::Reminder,
                channel: Channel::Sms,
                to: "+4512345678".into()
            }),
            "SMS reminder: waiting until Twilio confirms the earlier SMS to +4512345678"
        );
        assert_eq!(
            delivery(&Delivery::AlertFailed {
                kind: AlertKind::Overtime,
                to: "+4512345678".into(),
                error: "busy".into(),
                for_good: false
            }),
            "Overtime call to +4512345678: Twilio: busy (trying again)"
        );
        assert_eq!(
            delivery(&Delivery::AlertStatusFailed {
                sid: Some("CA1".into()),
                error: "gone".into()
            }),
            "Status of CA1: Twilio: gone"
        );
    }
}
