//! Asking for invoices: a visit's own, or one for a customer's month. Each
//! request claims its visits (one `invoice_lines` row per booking, the
//! booking its key) in the same transaction as the invoice row, its journal
//! entries and its outbox entry, before Billy hears of it: a visit is on one
//! invoice, ever, however many processes ask at once. Approval and a new
//! attempt after a refusal or a void are asked for here too.

use rusqlite::{Connection, params};

use super::invoices::{
    BILLY_INVOICE, InvoiceRecord, InvoiceStage, NewInvoice, entity, lines_in, must_get,
    must_get_of, of_booking, summary,
};
use super::{
    ChangeRefusal, Invoiced, Result, Store, StoreError, WriteCtx, journal, outbox, to_secs,
};
use crate::domain::invoice::JobCharge;
use crate::domain::money::vat;
use crate::domain::month::Month;
use crate::domain::{BookingStatus, Permission};

/// One visit of a monthly invoice, as quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLine {
    pub booking_id: i64,
    pub description: String,
    pub charge: JobCharge,
}

/// What to invoice: a customer's finished visits of a month, one line each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMonthlyInvoice {
    pub customer_id: i64,
    pub month: Month,
    /// The invoice's own words: "Rengøring december 2026 (4 besøg)".
    pub description: String,
    pub lines: Vec<NewLine>,
    pub entry_date: chrono::NaiveDate,
    pub terms_days: u32,
    pub approve: bool,
    pub email: bool,
}

/// What a monthly request claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyClaim {
    /// The invoice asked for; `None` when no visit was left to claim.
    pub invoice: Option<InvoiceRecord>,
    /// Visits of the request that another invoice had claimed first (or
    /// that are no longer finished, or no longer the customer's).
    pub left_out: Vec<i64>,
}

/// Why booking `booking_id` cannot go on a new invoice, if it cannot.
fn unclaimable(tx: &Connection, booking_id: i64) -> Result<Option<ChangeRefusal>> {
    let b = super::rows::get_in(tx, booking_id)?;
    if b.status != BookingStatus::Completed {
        return Ok(Some(ChangeRefusal::NotFinishedToInvoice { booking: b.id }));
    }
    if let Some(have) = of_booking(tx, booking_id)? {
        return Ok(Some(ChangeRefusal::AlreadyInvoiced {
            booking: b.id,
            on: Invoiced {
                number: have.invoice_no,
                month: have.month,
                stage: have.stage,
            },
            by: have.created_by,
        }));
    }
    Ok(None)
}

/// Puts booking `booking_id` on invoice `invoice_id`. The booking is the
/// key: a second claim fails here even if a check before it was raced.
fn claim(tx: &Connection, invoice_id: i64, booking_id: i64, line: (&str, i64, i64)) -> Result<()> {
    let (description, billed_min, rate_ore) = line;
    tx.prepare_cached(
        "INSERT INTO invoice_lines (booking_id, invoice_id, description, billed_min, rate_ore)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        booking_id,
        invoice_id,
        description,
        billed_min,
        rate_ore
    ])?;
    Ok(())
}

/// An invoice row as it is asked for (pending, nothing from Billy yet).
struct Row<'a> {
    customer_id: i64,
    month: Option<Month>,
    reference: &'a str,
    description: &'a str,
    billed_min: i64,
    /// The visits' rate; 0 when they have several.
    rate_ore: i64,
    net_ore: i64,
    vat_ore: i64,
    entry_date: chrono::NaiveDate,
    terms_days: u32,
    approve: bool,
    email: bool,
}

/// Writes `r`; its new id.
fn insert_invoice(tx: &Connection, ctx: &WriteCtx, r: &Row) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO invoices (customer_id, month, reference, state, approve, email, description,
           billed_min, rate_ore, net_ore, vat_ore, gross_ore, entry_date, terms_days,
           created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, 'pending', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?14)",
    )?
    .execute(params![
        r.customer_id,
        r.month.map(|m| m.to_string()),
        r.reference,
        r.approve,
        r.email,
        r.description,
        r.billed_min,
        r.rate_ore,
        r.net_ore,
        r.vat_ore,
        r.net_ore + r.vat_ore,
        r.entry_date.format("%Y-%m-%d").to_string(),
        r.terms_days,
        to_secs(ctx.now),
        ctx.actor,
    ])?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Records the intent to invoice a finished booking on its own, with
    /// its line and outbox entry, in one transaction. Refused when the
    /// booking is on an invoice already (its own or a month's), or is not
    /// finished.
    pub fn request_invoice(&mut self, new: NewInvoice) -> Result<InvoiceRecord> {
        self.write(Permission::Billing, |tx, ctx| {
            if let Some(why) = unclaimable(tx, new.booking_id)? {
                return Err(StoreError::Change(why));
            }
            let b = super::rows::get_in(tx, new.booking_id)?;
            let c = &new.charge;
            let id = insert_invoice(
                tx,
                ctx,
                &Row {
                    customer_id: b.customer_id,
                    month: None,
                    reference: &new.reference,
                    description: &new.description,
                    billed_min: c.billed_min,
                    rate_ore: c.rate_ore,
                    net_ore: c.net_ore,
                    vat_ore: c.vat_ore,
                    entry_date: new.entry_date,
                    terms_days: new.terms_days,
                    approve: new.approve,
                    email: new.email,
                },
            )?;
            claim(
                tx,
                id,
                new.booking_id,
                (&new.description, c.billed_min, c.rate_ore),
            )?;
            let rec = must_get(tx, id)?;
            journal::record::<(), _>(
                tx,
                ctx,
                "invoice.request",
                "invoice",
                new.booking_id,
                None,
                Some(&summary(&rec)),
            )?;
            outbox::enqueue(tx, ctx, BILLY_INVOICE, &id.to_string(), "")?;
            Ok(rec)
        })
    }

    /// Records the intent to invoice a customer's month: one invoice, a
    /// line per visit of `new` that is still free to claim, its reference
    /// (`reference(id)`), journal and outbox entries, in one transaction.
    /// Visits claimed meanwhile by another invoice are left out; with none
    /// left, nothing is written.
    pub fn request_monthly_invoice(
        &mut self,
        new: NewMonthlyInvoice,
        reference: impl Fn(i64) -> String,
    ) -> Result<MonthlyClaim> {
        self.write(Permission::Billing, |tx, ctx| {
            let mut left_out = Vec::new();
            let mut lines = Vec::new();
            for line in &new.lines {
                let b = super::rows::get_in(tx, line.booking_id)?;
                if b.customer_id != new.customer_id || unclaimable(tx, b.id)?.is_some() {
                    left_out.push(b.id);
                } else {
                    lines.push(line);
                }
            }
            if lines.is_empty() {
                return Ok(MonthlyClaim {
                    invoice: None,
                    left_out,
                });
            }
            let rates: std::collections::BTreeSet<i64> =
                lines.iter().map(|l| l.charge.rate_ore).collect();
            // The reference names the invoice's id: written once the row has
            // one, in this transaction (no committed row has an empty one).
            let id = insert_invoice(
                tx,
                ctx,
                &Row {
                    customer_id: new.customer_id,
                    month: Some(new.month),
                    reference: "",
                    description: &new.description,
                    billed_min: lines.iter().map(|l| l.charge.billed_min).sum(),
                    rate_ore: match rates.len() {
                        1 => rates.first().copied().unwrap_or_default(),
                        _ => 0,
                    },
                    net_ore: lines.iter().map(|l| l.charge.net_ore).sum(),
                    vat_ore: lines.iter().map(|l| l.charge.vat_ore).sum(),
                    entry_date: new.entry_date,
                    terms_days: new.terms_days,
                    approve: new.approve,
                    email: new.email,
                },
            )?;
            tx.execute(
                "UPDATE invoices SET reference = ?2 WHERE id = ?1",
                params![id, reference(id)],
            )?;
            for l in &lines {
                claim(
                    tx,
                    id,
                    l.booking_id,
                    (&l.description, l.charge.billed_min, l.charge.rate_ore),
                )?;
                journal::record::<(), _>(
                    tx,
                    ctx,
                    "invoice.claim",
                    "invoice",
                    l.booking_id,
                    None,
                    Some(&serde_json::json!({
                        "monthly_invoice": id,
                        "month": new.month,
                        "net_ore": l.charge.net_ore,
                    })),
                )?;
            }
            let rec = must_get(tx, id)?;
            let mut after = summary(&rec);
            after["month"] = serde_json::json!(new.month);
            after["bookings"] =
                serde_json::json!(lines.iter().map(|l| l.booking_id).collect::<Vec<_>>());
            journal::record::<(), _>(
                tx,
                ctx,
                "invoice.request",
                "monthly_invoice",
                id,
                None,
                Some(&after),
            )?;
            outbox::enqueue(tx, ctx, BILLY_INVOICE, &id.to_string(), "")?;
            Ok(MonthlyClaim {
                invoice: Some(rec),
                left_out,
            })
        })
    }

    /// The dispatcher confirmed the draft that booking `booking_id` is on:
    /// see [`Store::request_approval_of`].
    pub fn request_approval(&mut self, booking_id: i64, email: bool) -> Result<InvoiceRecord> {
        let id = must_get_of(self.conn(), booking_id)?.id;
        self.request_approval_of(id, email)
    }

    /// The dispatcher confirmed draft invoice `id`: approve it (and e-mail
    /// it when `email`). Queued for Billy; refused when already approved.
    pub fn request_approval_of(&mut self, id: i64, email: bool) -> Result<InvoiceRecord> {
        self.write(Permission::Billing, |tx, ctx| {
            let before = must_get(tx, id)?;
            if before.stage == InvoiceStage::Approved {
                return Err(ChangeRefusal::InvoiceApproved {
                    number: before.invoice_no,
                    booking: before.booking_id.filter(|_| before.month.is_none()),
                }
                .into());
            }
            tx.execute(
                "UPDATE invoices SET approve = 1, email = email OR ?2, error = '', updated_at = ?3
                 WHERE id = ?1",
                params![id, email, to_secs(ctx.now)],
            )?;
            let after = must_get(tx, id)?;
            let (entity, entity_id) = entity(&after);
            journal::record(
                tx,
                ctx,
                "invoice.approve",
                entity,
                entity_id,
                Some(&summary(&before)),
                Some(&summary(&after)),
            )?;
            outbox::enqueue(tx, ctx, BILLY_INVOICE, &id.to_string(), "")?;
            Ok(after)
        })
    }

    /// Asks Billy again for the invoice booking `booking_id` is on: see
    /// [`Store::retry_invoice_of`].
    pub fn retry_invoice(&mut self, booking_id: i64) -> Result<InvoiceRecord> {
        let id = must_get_of(self.conn(), booking_id)?.id;
        self.retry_invoice_of(id)
    }

    /// Asks Billy again for invoice `id`, which it refused (after the cause
    /// was fixed). An invoice Billy voided (or credited in full) is asked
    /// for anew: the row goes back to pending with the quoted amounts of its
    /// lines, keeps its reference and its visits (a search skips voided
    /// invoices and credit notes, so the old one is never adopted) and
    /// waits for the dispatcher's approval.
    pub fn retry_invoice_of(&mut self, id: i64) -> Result<InvoiceRecord> {
        self.write(Permission::Billing, |tx, ctx| {
            let before = must_get(tx, id)?;
            if before.stage == InvoiceStage::Voided {
                let lines = lines_in(tx, id)?;
                let net: i64 = lines.iter().map(|l| l.net_ore()).sum();
                let vat_ore: i64 = lines.iter().map(|l| vat(l.net_ore())).sum();
                tx.execute(
                    "UPDATE invoices SET state = 'pending', approve = 0, billy_id = NULL,
                       invoice_no = NULL, net_ore = ?2, vat_ore = ?3, gross_ore = ?4,
                       balance_ore = NULL, paid = 0, paid_at = NULL, due_date = NULL,
                       emailed_at = NULL, voided_at = NULL, checked_at = NULL, error = '',
                       updated_at = ?5
                     WHERE id = ?1",
                    params![id, net, vat_ore, net + vat_ore, to_secs(ctx.now)],
                )?;
                let after = must_get(tx, id)?;
                let (entity, entity_id) = entity(&after);
                journal::record(
                    tx,
                    ctx,
                    "invoice.reissue",
                    entity,
                    entity_id,
                    Some(&summary(&before)),
                    Some(&summary(&after)),
                )?;
            } else {
                tx.execute("UPDATE invoices SET error = '' WHERE id = ?1", [id])?;
            }
            outbox::enqueue(tx, ctx, BILLY_INVOICE, &id.to_string(), "")?;
            must_get(tx, id)
        })
    }
}
