//! Monthly invoicing of recurring customers: one Billy invoice for a
//! customer's month, a line per finished visit (its date, service, billed
//! time and amount, worded as a single visit's invoice is). Visits already
//! on an invoice, their own or an earlier month's, are left out; the store
//! claims the rest in the same transaction as the invoice, so a visit is
//! never billed twice however many ask at once. Delivery is the single
//! invoices' (`deliver`), the reference naming the monthly invoice.

use anyhow::{Result, anyhow};

use super::description;
use crate::config::Settings;
use crate::domain::fuzzy::{Pick, pick_customer};
use crate::domain::invoice::{JobCharge, charge};
use crate::domain::month::Month;
use crate::domain::{Booking, Customer};
use crate::store::{InvoiceRecord, MonthlyClaim, NewInvoiceLine, NewMonthlyInvoice, Store};

/// A visit to invoice, as quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthVisit {
    pub booking: Booking,
    pub charge: JobCharge,
    /// The line's words: "Rengøring 3/12 (3 t), Østergade 12".
    pub description: String,
}

/// What invoicing a customer's month would do: what the dispatcher is
/// asked to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthQuote {
    pub customer: Customer,
    pub month: Month,
    /// The finished visits not on any invoice yet, by date.
    pub visits: Vec<MonthVisit>,
    /// Finished visits of the month already on an invoice, and that invoice.
    pub invoiced: Vec<(Booking, InvoiceRecord)>,
    /// Finished visits that cannot be invoiced, and why (no time worked…).
    pub not_billable: Vec<(Booking, crate::domain::invoice::NotBillable)>,
}

impl MonthQuote {
    pub fn net_ore(&self) -> i64 {
        self.visits.iter().map(|v| v.charge.net_ore).sum()
    }

    pub fn vat_ore(&self) -> i64 {
        self.visits.iter().map(|v| v.charge.vat_ore).sum()
    }

    /// Including moms.
    pub fn gross_ore(&self) -> i64 {
        self.visits.iter().map(|v| v.charge.gross_ore).sum()
    }
}

/// No one customer for the text typed: none, or several (each as
/// `Hansen (#12, Østergade 4)`). Worded by `words::values::customer_pick`;
/// `Display` is the English text (the tools, the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerPick {
    None { text: String },
    Several { text: String, names: Vec<String> },
}

impl std::fmt::Display for CustomerPick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CustomerPick::None { text } => write!(f, "no customer matches {text:?}"),
            CustomerPick::Several { text, names } => write!(
                f,
                "{text:?} matches several customers: {}; say which with more of the name or the \
                 address",
                names.join("; ")
            ),
        }
    }
}

impl std::error::Error for CustomerPick {}

/// The customer `text` names, found as the form finds it; an error listing
/// the candidates when several match as well.
pub fn find_customer(store: &Store, text: &str) -> Result<Customer> {
    let all = store.customers()?;
    let text = text.trim().to_string();
    match pick_customer(&all, &text) {
        Pick::One(c) => Ok(c.clone()),
        Pick::None => Err(CustomerPick::None { text }.into()),
        Pick::Several(list) => {
            let names: Vec<String> = list
                .iter()
                .map(|c| {
                    let place = c.address.trim();
                    if place.is_empty() {
                        format!("{} (#{})", c.name.trim(), c.id)
                    } else {
                        format!("{} (#{}, {place})", c.name.trim(), c.id)
                    }
                })
                .collect();
            Err(CustomerPick::Several { text, names }.into())
        }
    }
}

/// What invoicing `customer`'s `month` would charge (the month's bounds in
/// the business time zone).
pub fn quote_month(
    store: &Store,
    settings: &Settings,
    customer_id: i64,
    month: Month,
) -> Result<MonthQuote> {
    let customer = store.customer(customer_id)?;
    let (from, to) = month.bounds(settings.tz);
    let mut q = MonthQuote {
        customer,
        month,
        visits: Vec::new(),
        invoiced: Vec::new(),
        not_billable: Vec::new(),
    };
    for b in store.finished_visits(customer_id, from, to)? {
        if let Some(rec) = store.invoice(b.id)? {
            q.invoiced.push((b, rec));
            continue;
        }
        match charge(&b, &settings.billing) {
            Ok(c) => {
                let description = description(&b, &q.customer, &c, settings);
                q.visits.push(MonthVisit {
                    booking: b,
                    charge: c,
                    description,
                });
            }
            Err(e) => q.not_billable.push((b, e)),
        }
    }
    Ok(q)
}

/// The invoice's own words in `w`'s language: "Rengøring december 2026 (4
/// besøg)"; the service when all visits share it, else "Besøg".
pub fn month_description(q: &MonthQuote, w: crate::i18n::Words) -> String {
    let first = q.visits.first().map(|v| v.booking.service.trim());
    let shared = first.filter(|s| {
        !s.is_empty()
            && q.visits
                .iter()
                .all(|v| v.booking.service.trim().eq_ignore_ascii_case(s))
    });
    let service = match shared {
        Some(s) => s.to_string(),
        None => w.get("invoice-month-visits"),
    };
    let month = w.with("month-long", &[("month", q.month.number().into())]);
    w.with(
        "invoice-month-description",
        &[
            ("service", service.into()),
            ("month", month.into()),
            ("year", q.month.year().to_string().into()),
            ("visits", q.visits.len().into()),
        ],
    )
}

/// Records the intent to invoice the visits of `q` (approved at once when
/// `approve` or `auto_approve`): one invoice, claimed in one transaction.
/// Nothing is sent yet: `deliver_invoice` does that. Visits another
/// invoice claimed since the quote are left out (`left_out`).
pub fn request_month(
    store: &mut Store,
    settings: &Settings,
    q: &MonthQuote,
    approve: bool,
) -> Result<MonthlyClaim> {
    if q.visits.is_empty() {
        return Err(anyhow!(
            "{} has no visits to invoice in {}",
            q.customer.name,
            q.month
        ));
    }
    let instance = store.instance_id()?;
    let today = settings.tz.local_date(store.now());
    let new = NewMonthlyInvoice {
        customer_id: q.customer.id,
        month: q.month,
        description: month_description(q, settings.language.words()),
        lines: q
            .visits
            .iter()
            .map(|v| NewInvoiceLine {
                booking_id: v.booking.id,
                description: v.description.clone(),
                charge: v.charge.clone(),
            })
            .collect(),
        entry_date: today,
        terms_days: settings.billing.payment_terms_days,
        approve: approve || settings.billy.auto_approve,
        email: settings.billy.email,
    };
    Ok(store
        .request_monthly_invoice(new, |id| super::reference::monthly_reference(&instance, id))?)
}
