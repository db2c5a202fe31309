//! Invoicing finished jobs in Billy, and watching for their payment.
//!
//! - **Request** (`request`): the charge is worked out from the job and the
//!   intent written locally (invoice row + outbox entry, one transaction)
//!   before Billy hears anything.
//! - **Delivery** (`deliver`): find or create the customer's Billy contact
//!   (its id is kept on the customer), then the invoice as a draft (or
//!   approved at once), approval when the dispatcher confirmed, and the
//!   e-mail. When the contact existed before, the contact's invoices are
//!   searched for the booking reference first (`reference`: an exact,
//!   bracketed token; credit notes and voided or fully credited invoices
//!   never count), so an invoice whose answer was lost is found, never made
//!   twice.
//! - **Monthly** (`monthly`): one invoice for a customer's month, a line
//!   per finished visit not on an invoice yet; delivered the same way, its
//!   reference naming the monthly invoice.
//! - **Payments** (`poll_payments`): approved, unpaid invoices are asked
//!   about; a paid one is recorded and journaled. One that Billy voided, or
//!   that credit notes took back in full, is recorded as voided: no claim,
//!   never "paid", and `I` may invoice the job again.

mod deliver;
mod monthly;
mod reference;

use anyhow::Result;

use crate::config::Settings;
use crate::domain::invoice::{JobCharge, charge};
use crate::domain::{Booking, Customer};
use crate::providers::billy::{BillyClient, BillySettings, Invoice, InvoiceState};
use crate::providers::retry::RetryPolicy;
use crate::store::{InvoiceRecord, NewInvoice, RemoteInvoice, Store};

pub use deliver::{deliver, deliver_invoice, poll_payments};
pub use monthly::{
    CustomerPick, MonthQuote, MonthVisit, find_customer, month_description, quote_month,
    request_month,
};
pub use reference::{carries, find_earlier, monthly_reference, reference};

/// The Billy client of `settings`, or why there is none.
pub fn client(settings: &Settings) -> Result<BillyClient> {
    client_with(settings, RetryPolicy::default())
}

/// `client` with its own patience.
pub fn client_with(settings: &Settings, retry: RetryPolicy) -> Result<BillyClient> {
    let b = &settings.billy;
    let (Some(api_key), Some(organization_id)) = (&b.api_key, &b.organization_id) else {
        return Err(crate::engine::not_set_up::NotSetUp {
            provider: crate::engine::not_set_up::Provider::Billy,
            missing: b.missing(),
        }
        .into());
    };
    crate::providers::install_crypto_provider();
    Ok(BillyClient::new(BillySettings {
        base_url: b.base_url.clone(),
        api_key: api_key.clone(),
        organization_id: organization_id.clone(),
        retry,
    })?)
}

/// A booking ready to invoice: what the dispatcher is asked to confirm.
#[derive(Debug, Clone)]
pub struct Quote {
    pub booking: Booking,
    pub customer: Customer,
    pub charge: JobCharge,
    pub description: String,
    /// The invoice the booking has already, if any.
    pub existing: Option<InvoiceRecord>,
}

impl Quote {
    /// "3 t × 349,00 kr = 1.047,00 kr + moms 261,75 kr = 1.308,75 kr"
    pub fn sum_text(&self) -> String {
        use crate::domain::money::format_kr;
        let c = &self.charge;
        format!(
            "{} × {} = {} + moms {} = {}",
            c.hours_text(),
            format_kr(c.rate_ore),
            format_kr(c.net_ore),
            format_kr(c.vat_ore),
            format_kr(c.gross_ore)
        )
    }
}

/// The line's words, in `ui.language`: "Rengøring 23/11 (3 t), Østergade
/// 12" (English "(3 h)"); the service and the place as written.
pub fn description(b: &Booking, customer: &Customer, charge: &JobCharge, s: &Settings) -> String {
    let day = s.tz.local_date(b.start).format("%-d/%-m");
    let place = if b.address.trim().is_empty() {
        customer.address.trim()
    } else {
        b.address.trim()
    };
    let hours = crate::words::text::duration(s.language.words(), charge.billed_min);
    let mut text = format!("{} {day} ({hours})", b.service.trim());
    if !place.is_empty() {
        text.push_str(", ");
        text.push_str(place);
    }
    text
}

/// A booking that cannot be invoiced (yet), and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("booking #{id} cannot be invoiced: {why}")]
pub struct CannotInvoice {
    pub id: i64,
    pub why: crate::domain::invoice::NotBillable,
}

/// What invoicing booking `id` would charge.
pub fn quote(store: &Store, settings: &Settings, id: i64) -> Result<Quote> {
    let booking = store.booking(id)?;
    let customer = store.customer(booking.customer_id)?;
    let existing = store.invoice(id)?;
    let charge = charge(&booking, &settings.billing).map_err(|why| CannotInvoice { id, why })?;
    let description = description(&booking, &customer, &charge, settings);
    Ok(Quote {
        booking,
        customer,
        charge,
        description,
        existing,
    })
}

/// Records the intent to invoice booking `id` (approved at once when
/// `approve` or `auto_approve`). Nothing is sent yet: `deliver` does that.
pub fn request(
    store: &mut Store,
    settings: &Settings,
    id: i64,
    approve: bool,
) -> Result<InvoiceRecord> {
    let q = quote(store, settings, id)?;
    let instance = store.instance_id()?;
    let today = settings.tz.local_date(store.now());
    Ok(store.request_invoice(NewInvoice {
        booking_id: id,
        reference: reference(&instance, id),
        description: q.description,
        charge: q.charge,
        entry_date: today,
        terms_days: settings.billing.payment_terms_days,
        approve: approve || settings.billy.auto_approve,
        email: settings.billy.email,
    })?)
}

/// Billy's invoice as the store keeps it. `voided`: Billy voided it, or
/// credit notes took it back in full (Billy then shows it settled, which is
/// not a payment).
fn remote(inv: &Invoice, voided: bool) -> RemoteInvoice {
    let voided = voided || inv.state == InvoiceState::Voided;
    RemoteInvoice {
        billy_id: inv.id.clone(),
        invoice_no: inv.invoice_no.clone(),
        contact_id: inv.contact_id.clone(),
        approved: inv.state == InvoiceState::Approved,
        net_ore: inv.amount_ore,
        vat_ore: inv.tax_ore,
        gross_ore: inv.gross_ore,
        balance_ore: inv.balance_ore,
        paid: inv.is_paid && !voided,
        due_date: inv.due_date,
        voided,
    }
}
