//! The back office's news in words: the providers' state in the header,
//! what went through and what did not.

use chrono::NaiveDate;

use super::Part;
use crate::domain::invoice::PaymentState;
use crate::domain::money::format_kr;
use crate::domain::month::Month;
use crate::engine::delivery::Delivery;
use crate::engine::health::{Finding, Level};
use crate::engine::office::{MonthSummary, OfficeDone, OfficeFailure, Provider, ProviderHealth};
use crate::i18n::Words;
use crate::store::{Channel, InvoiceRecord};
use crate::words::values::{alert_kind, logged_billy_error, provider_fault};

fn name(p: Provider) -> &'static str {
    match p {
        Provider::Billy => "Billy",
        Provider::Twilio => "Twilio",
    }
}

/// A provider's state for the header: "Billy ✓", "Twilio offline",
/// "Billy: bad setting failed"; urgent when it does not work.
pub fn provider_part(w: Words, h: &ProviderHealth) -> Part {
    let n = name(h.provider);
    let finding = match h.finding {
        Finding::Works => "works",
        Finding::Offline => "offline",
        Finding::NotSetUp => "not_set_up",
        Finding::SettingMissing => "setting_missing",
        Finding::BadSetting => "bad_setting",
        Finding::BadKey => "bad_key",
        Finding::BadSid => "bad_sid",
        Finding::BadNumber => "bad_number",
        Finding::NoProduct => "no_product",
        Finding::KeyRefused => "key_refused",
        Finding::Error => "error",
        Finding::ReadOnly => "read_only",
        Finding::WriteUnknown => "write_unknown",
        Finding::NotFound => "not_found",
        Finding::Missing => "missing",
        Finding::Refused => "refused",
    };
    let broken = h.level == Level::Fail;
    // "offline" and "refused" say it already; the rest get "failed".
    let says_it = matches!(h.finding, Finding::Offline | Finding::KeyRefused);
    let failed = if broken && !says_it { "yes" } else { "no" };
    let text = w.with(
        "office-provider",
        &[
            ("name", n.into()),
            ("finding", finding.into()),
            ("failed", failed.into()),
        ],
    );
    Part::new(text, broken)
}

/// What went through, for the status line.
pub fn office_done(w: Words, d: &OfficeDone) -> String {
    match d {
        OfficeDone::Delivered(d) => delivery(w, d),
        OfficeDone::PaymentsChecked { unpaid } => {
            w.with("office-payments-checked", &[("n", (*unpaid).into())])
        }
        OfficeDone::RemindersQueued { count } => {
            w.with("office-reminders-queued", &[("n", (*count).into())])
        }
        OfficeDone::NewCleanerTold { count } => {
            w.with("office-new-cleaner-told", &[("n", (*count).into())])
        }
    }
}

/// What did not, for the status line.
pub fn office_failure(w: Words, f: &OfficeFailure) -> String {
    match f {
        OfficeFailure::Unavailable {
            not_set_up: Some(n),
            ..
        } => crate::words::values::not_set_up(w, n),
        OfficeFailure::Unavailable { reason, .. } => provider_fault(w, reason),
        OfficeFailure::Database(e) => {
            w.with("office-no-database", &[("error", e.to_string().into())])
        }
        OfficeFailure::Command(e) => e.clone(),
        OfficeFailure::Delivery(d) => delivery(w, d),
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

/// "credited" or "voided".
fn undone(credited: bool) -> &'static str {
    if credited { "credited" } else { "voided" }
}

/// What a delivery did, or why it did not, in a sentence.
pub fn delivery(w: Words, d: &Delivery) -> String {
    match d {
        Delivery::Invoice {
            record,
            customer,
            today,
        } => capitalized(&invoice_state(w, record, customer, *today)),
        Delivery::InvoiceFailed { booking, error } => w.with(
            "office-invoice-failed",
            &[
                ("booking", (*booking).into()),
                ("error", provider_fault(w, error).into()),
            ],
        ),
        Delivery::InvoiceVoided {
            booking,
            number,
            credited,
        } => w.with(
            "office-invoice-voided",
            &[
                ("booking", (*booking).into()),
                ("number", number.as_str().into()),
                ("how", undone(*credited).into()),
            ],
        ),
        Delivery::MonthlyInvoiceFailed {
            customer,
            month,
            error,
        } => w.with(
            "office-monthly-failed",
            &[
                ("customer", customer.as_str().into()),
                ("month", month_words(w, *month).into()),
                ("error", provider_fault(w, error).into()),
            ],
        ),
        Delivery::MonthlyInvoiceVoided {
            customer,
            month,
            number,
            credited,
        } => w.with(
            "office-monthly-voided",
            &[
                ("customer", customer.as_str().into()),
                ("month", month_words(w, *month).into()),
                ("number", number.as_str().into()),
                ("how", undone(*credited).into()),
            ],
        ),
        Delivery::InvoicePaid { number, customer } => w.with(
            "office-invoice-paid",
            &[
                ("number", number.as_str().into()),
                ("customer", customer.as_str().into()),
            ],
        ),
        Delivery::PaymentCheckFailed {
            invoice: None,
            error,
        } => w.with(
            "office-payment-check-failed",
            &[("error", provider_fault(w, error).into())],
        ),
        Delivery::PaymentCheckFailed {
            invoice: Some(no),
            error,
        } => w.with(
            "office-payment-check-of-failed",
            &[
                ("number", no.as_str().into()),
                ("error", provider_fault(w, error).into()),
            ],
        ),
        Delivery::Alert { record, found } => {
            let key = if *found {
                "office-alert-found"
            } else {
                "office-alert"
            };
            capitalized(&w.with(
                key,
                &[
                    ("kind", alert_kind(w, record.kind).into()),
                    ("booking", record.booking_id.into()),
                    ("state", super::alert_state(w, record).into()),
                ],
            ))
        }
        Delivery::AlertWaiting { kind, channel, to } => capitalized(
            &w.with(
                "office-alert-waiting",
                &[
                    ("kind", alert_kind(w, *kind).into()),
                    (
                        "channel",
                        match channel {
                            Channel::Voice => "call",
                            Channel::Sms => "sms",
                        }
                        .into(),
                    ),
                    ("to", to.as_str().into()),
                ],
            ),
        ),
        Delivery::AlertFailed {
            kind,
            to,
            error,
            for_good: true,
        } => capitalized(&w.with(
            "office-alert-refused",
            &[
                ("kind", alert_kind(w, *kind).into()),
                ("to", to.as_str().into()),
                ("error", provider_fault(w, error).into()),
            ],
        )),
        Delivery::AlertFailed {
            kind,
            to,
            error,
            for_good: false,
        } => capitalized(&w.with(
            "office-alert-retrying",
            &[
                ("kind", alert_kind(w, *kind).into()),
                ("to", to.as_str().into()),
                ("error", provider_fault(w, error).into()),
            ],
        )),
        Delivery::AlertStatusFailed { sid: None, error } => w.with(
            "office-alert-status-failed",
            &[("error", provider_fault(w, error).into())],
        ),
        Delivery::AlertStatusFailed {
            sid: Some(sid),
            error,
        } => w.with(
            "office-status-of-failed",
            &[
                ("sid", sid.as_str().into()),
                ("error", provider_fault(w, error).into()),
            ],
        ),
    }
}

/// "invoice 1001 for Hansen: 1.308,75 kr, unpaid (due 1/12)"
pub fn invoice_state(w: Words, rec: &InvoiceRecord, customer: &str, today: NaiveDate) -> String {
    let state = rec.payment(today);
    let what = match &rec.invoice_no {
        Some(no) => w.with("office-invoice-no", &[("number", no.as_str().into())]),
        None if state == PaymentState::Draft => w.get("office-draft-invoice"),
        None => w.get("office-invoice"),
    };
    let text = match rec.month {
        Some(m) => w.with(
            "office-monthly-invoice-for",
            &[
                ("what", what.into()),
                ("customer", customer.into()),
                ("month", month_words(w, m).into()),
                ("visits", rec.visits.into()),
                ("amount", format_kr(rec.gross_ore).into()),
            ],
        ),
        None => w.with(
            "office-invoice-for",
            &[
                ("what", what.into()),
                ("customer", customer.into()),
                ("amount", format_kr(rec.gross_ore).into()),
            ],
        ),
    };
    let due = rec
        .due_date
        .map(|d| {
            format!(
                " ({})",
                w.with(
                    "details-due",
                    &[("date", d.format("%-d/%-m").to_string().into())]
                )
            )
        })
        .unwrap_or_default();
    let tail = match state {
        PaymentState::Pending if rec.error.is_empty() => w.get("office-state-being-created"),
        PaymentState::Pending => w.with(
            "office-state-not-created",
            &[("error", logged_billy_error(w, &rec.error).into())],
        ),
        PaymentState::Draft => w.get("office-state-draft"),
        PaymentState::Unpaid => w.with("office-state-unpaid", &[("due", due.into())]),
        PaymentState::Overdue => w.with("office-state-overdue", &[("due", due.into())]),
        PaymentState::Paid => w.get("office-state-paid"),
        PaymentState::Voided => w.get("office-state-voided"),
    };
    format!("{text}, {tail}")
}

/// "December 2026".
pub fn month_words(w: Words, m: Month) -> String {
    format!("{} {}", month_name(w, m), m.year())
}

/// "December" / "december".
pub fn month_name(w: Words, m: Month) -> String {
    w.with("month-long", &[("month", m.number().into())])
}

/// The question before a customer's month is invoiced: "Invoice Hansen
/// for December: 4 visits, 3.120,00 kr?" (the sum includes moms).
pub fn month_question(w: Words, customer: &str, m: Month, visits: usize, gross_ore: i64) -> String {
    w.with(
        "office-month-question",
        &[
            ("customer", customer.into()),
            ("month", month_name(w, m).into()),
            ("visits", visits.into()),
            ("amount", format_kr(gross_ore).into()),
        ],
    )
}

/// Nothing to invoice in a customer's month: "Nothing to invoice for
/// Hansen in December 2026: 4 visits already invoiced."
pub fn month_nothing(w: Words, m: &MonthSummary) -> String {
    w.with(
        "office-month-nothing",
        &[
            ("customer", m.customer.as_str().into()),
            ("month", month_words(w, m.month).into()),
            ("invoiced", m.invoiced.into()),
        ],
    )
}

/// The question after a monthly draft invoice was made: "Approve the
/// draft invoice for Hansen's November (3.120,00 kr incl. moms)?"
pub fn month_draft_question(w: Words, customer: &str, m: Month, gross_ore: i64) -> String {
    w.with(
        "office-month-draft-question",
        &[
            ("customer", customer.into()),
            ("month", month_name(w, m).into()),
            ("amount", format_kr(gross_ore).into()),
        ],
    )
}

/// The question after a draft invoice was made.
pub fn draft_question(w: Words, booking: i64, gross_ore: i64) -> String {
    w.with(
        "office-draft-question",
        &[
            ("booking", booking.into()),
            ("amount", format_kr(gross_ore).into()),
        ],
    )
}

/// Counting a customer's month before the question.
pub fn month_counting(w: Words, customer: &str, m: Month) -> String {
    w.with(
        "office-month-counting",
        &[
            ("customer", customer.into()),
            ("month", month_words(w, m).into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Words {
        crate::i18n::Language::En.words()
    }

    fn part(provider: Provider, level: Level, finding: Finding) -> (String, bool) {
        let p = provider_part(
            en(),
            &ProviderHealth {
                provider,
                level,
                finding,
            },
        );
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
            office_done(en(), &OfficeDone::PaymentsChecked { unpaid: 1 }),
            "Payments checked: 1 invoice unpaid"
        );
        assert_eq!(
            office_done(en(), &OfficeDone::PaymentsChecked { unpaid: 3 }),
            "Payments checked: 3 invoices unpaid"
        );
        assert_eq!(
            draft_question(en(), 7, 43_625),
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
            delivery(
                en(),
                &Delivery::InvoiceFailed {
                    booking: 4,
                    error: "rate limited".into()
                }
            ),
            "Invoice for booking #4: Billy: rate limited"
        );
        assert_eq!(
            delivery(
                en(),
                &Delivery::InvoiceVoided {
                    booking: 4,
                    number: "1042".into(),
                    credited: true
                }
            ),
            "Invoice 1042 of booking #4 was credited in Billy: press I to invoice the job again"
        );
        assert_eq!(
            delivery(
                en(),
                &Delivery::AlertWaiting {
                    kind: AlertKind::Reminder,
                    channel: Channel::Sms,
                    to: "+4512345678".into()
                }
            ),
            "SMS reminder: waiting until Twilio confirms the earlier SMS to +4512345678"
        );
        assert_eq!(
            delivery(
                en(),
                &Delivery::AlertFailed {
                    kind: AlertKind::Overtime,
                    to: "+4512345678".into(),
                    error: "busy".into(),
                    for_good: false
                }
            ),
            "Overtime call to +4512345678: Twilio: busy (trying again)"
        );
        assert_eq!(
            delivery(
                en(),
                &Delivery::AlertStatusFailed {
                    sid: Some("CA1".into()),
                    error: "gone".into()
                }
            ),
            "Status of CA1: Twilio: gone"
        );
    }
}
