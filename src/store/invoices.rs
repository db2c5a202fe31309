//! Invoices: the local record of each booking's invoice in Billy. The row is
//! written (with an outbox entry) before Billy hears of it, and carries the
//! booking reference that finds the invoice again after a lost answer.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::{Result, Store, StoreError, from_secs, journal, outbox, to_secs};
use crate::domain::BookingStatus;
use crate::domain::Permission;
use crate::domain::invoice::{JobCharge, PaymentState, line_net, quantity_centi};
use crate::domain::money::vat;

/// Billy must hear of booking `key`'s invoice (create, approve, e-mail).
pub const BILLY_INVOICE: &str = "billy.invoice";

/// How far an invoice has come in Billy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum InvoiceStage {
    /// Asked for; Billy may or may not have it yet.
    Pending,
    Draft,
    Approved,
    /// Voided, or credited in full, in Billy: no claim any more; the
    /// booking may be invoiced again (`retry_invoice`).
    Voided,
}

impl InvoiceStage {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceRecord {
    pub booking_id: i64,
    pub reference: String,
    pub stage: InvoiceStage,
    /// The dispatcher asked for approval (or `auto_approve` did).
    pub approve: bool,
    /// E-mail it to the customer once approved.
    pub email: bool,
    pub billy_id: Option<String>,
    pub invoice_no: Option<String>,
    pub contact_id: Option<String>,
    pub description: String,
    pub billed_min: i64,
    pub rate_ore: i64,
    /// Excluding VAT: what was asked for, then what Billy computed.
    pub net_ore: i64,
    pub vat_ore: i64,
    pub gross_ore: i64,
    pub balance_ore: Option<i64>,
    pub paid: bool,
    pub paid_at: Option<DateTime<Utc>>,
    pub entry_date: NaiveDate,
    pub terms_days: u32,
    pub due_date: Option<NaiveDate>,
    pub emailed_at: Option<DateTime<Utc>>,
    /// Why Billy refused the last attempt; empty when it did not.
    pub error: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    /// When the payment state was last asked of Billy.
    pub checked_at: Option<DateTime<Utc>>,
    /// When Billy was seen to have voided (or credited in full) the invoice.
    pub voided_at: Option<DateTime<Utc>>,
}

impl InvoiceRecord {
    /// Paid, unpaid, overdue… on `today`.
    pub fn payment(&self, today: NaiveDate) -> PaymentState {
        match self.stage {
            InvoiceStage::Pending => return PaymentState::Pending,
            InvoiceStage::Voided => return PaymentState::Voided,
            InvoiceStage::Draft | InvoiceStage::Approved => {}
        }
        PaymentState::of(
            self.stage == InvoiceStage::Approved,
            self.paid,
            self.due_date,
            today,
        )
    }

    /// "1001" or, before Billy numbered it, "draft"/"pending".
    pub fn number_text(&self) -> String {
        match &self.invoice_no {
            Some(no) => no.clone(),
            None => self.stage.as_str().to_string(),
        }
    }
}

/// What to invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvoice {
    pub booking_id: i64,
    pub reference: String,
    pub description: String,
    pub charge: JobCharge,
    pub entry_date: NaiveDate,
    pub terms_days: u32,
    pub approve: bool,
    pub email: bool,
}

/// An invoice as Billy reported it, in øre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteInvoice {
    pub billy_id: String,
    pub invoice_no: Option<String>,
    pub contact_id: String,
    pub approved: bool,
    pub net_ore: i64,
    pub vat_ore: i64,
    pub gross_ore: i64,
    pub balance_ore: i64,
    pub paid: bool,
    pub due_date: Option<NaiveDate>,
    /// Voided, or credited in full: no claim any more.
    pub voided: bool,
}

const COLUMNS: &str = "booking_id, reference, state, approve, email, billy_id, invoice_no, \
     contact_id, description, billed_min, rate_ore, net_ore, vat_ore, gross_ore, balance_ore, \
     paid, paid_at, entry_date, terms_days, due_date, emailed_at, error, created_at, created_by, \
     checked_at, voided_at";

fn bad(i: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        format!("bad {what}").into(),
    )
}

fn date(i: usize, s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad(i, "date")))
        .transpose()
}

fn secs(v: Option<i64>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    v.map(from_secs).transpose()
}

fn from_row(r: &Row) -> rusqlite::Result<InvoiceRecord> {
    let stage: String = r.get(2)?;
    let voided_at = secs(r.get(25)?)?;
    let stage: InvoiceStage = stage.parse().map_err(|_| bad(2, "invoice state"))?;
    Ok(InvoiceRecord {
        booking_id: r.get(0)?,
        reference: r.get(1)?,
        // The state column keeps what Billy last numbered it (approved or
        // draft); a void is recorded beside it.
        stage: if voided_at.is_some() {
            InvoiceStage::Voided
        } else {
            stage
        },
        approve: r.get(3)?,
        email: r.get(4)?,
        billy_id: r.get(5)?,
        invoice_no: r.get(6)?,
        contact_id: r.get(7)?,
        description: r.get(8)?,
        billed_min: r.get(9)?,
        rate_ore: r.get(10)?,
        net_ore: r.get(11)?,
        vat_ore: r.get(12)?,
        gross_ore: r.get(13)?,
        balance_ore: r.get(14)?,
        paid: r.get(15)?,
        paid_at: secs(r.get(16)?)?,
        entry_date: date(17, r.get(17)?)?.ok_or_else(|| bad(17, "entry date"))?,
        terms_days: r.get(18)?,
        due_date: date(19, r.get(19)?)?,
        emailed_at: secs(r.get(20)?)?,
        error: r.get(21)?,
        created_at: from_secs(r.get(22)?)?,
        created_by: r.get(23)?,
        checked_at: secs(r.get(24)?)?,
        voided_at,
    })
}

fn get_in(tx: &Connection, booking_id: i64) -> Result<Option<InvoiceRecord>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoices WHERE booking_id = ?1"
        ))?
        .query_row([booking_id], from_row)
        .optional()?)
}

fn must_get(tx: &Connection, booking_id: i64) -> Result<InvoiceRecord> {
    get_in(tx, booking_id)?.ok_or(StoreError::NotFound {
        entity: "invoice of booking",
        id: booking_id,
    })
}

/// The journal's view of an invoice: the fields a person cares about.
fn summary(r: &InvoiceRecord) -> serde_json::Value {
    serde_json::json!({
        "state": r.stage.as_str(),
        "invoice_no": r.invoice_no,
        "billy_id": r.billy_id,
        "gross_ore": r.gross_ore,
        "paid": r.paid,
    })
}

impl Store {
    /// Records the intent to invoice a finished booking, with its outbox
    /// entry, in one transaction. Refused when the booking already has an
    /// invoice (or is not finished).
    pub fn request_invoice(&mut self, new: NewInvoice) -> Result<InvoiceRecord> {
        self.write(Permission::Billing, |tx, ctx| {
            let b = super::rows::get_in(tx, new.booking_id)?;
            if b.status != BookingStatus::Completed {
                return Err(StoreError::Invalid(format!(
                    "booking #{} is not finished: only finished jobs are invoiced",
                    b.id
                )));
            }
            if let Some(have) = get_in(tx, new.booking_id)? {
                return Err(StoreError::Invalid(format!(
                    "booking #{} is already invoiced ({} {}, asked for by {})",
                    b.id,
                    if have.invoice_no.is_some() {
                        "invoice"
                    } else {
                        "invoice is"
                    },
                    have.number_text(),
                    have.created_by
                )));
            }
            let c = &new.charge;
            tx.prepare_cached(
                "INSERT INTO invoices (booking_id, reference, state, approve, email, description,
                   billed_min, rate_ore, net_ore, vat_ore, gross_ore, entry_date, terms_days,
                   created_at, created_by, updated_at)
                 VALUES (?1, ?2, 'pending', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?13)",
            )?
            .execute(params![
                new.booking_id,
                new.reference,
                new.approve,
                new.email,
                new.description,
                c.billed_min,
                c.rate_ore,
                c.net_ore,
                c.vat_ore,
                c.gross_ore,
                new.entry_date.format("%Y-%m-%d").to_string(),
                new.terms_days,
                to_secs(ctx.now),
                ctx.actor,
            ])?;
            let rec = must_get(tx, new.booking_id)?;
            journal::record::<(), _>(
                tx,
                ctx,
                "invoice.request",
                "invoice",
                new.booking_id,
                None,
                Some(&summary(&rec)),
            )?;
            outbox::enqueue(tx, ctx, BILLY_INVOICE, &new.booking_id.to_string(), "")?;
            Ok(rec)
        })
    }

    /// The dispatcher confirmed the draft: approve it (and e-mail it when
    /// `email`). Queued for Billy; refused when already approved.
    pub fn request_approval(&mut self, booking_id: i64, email: bool) -> Result<InvoiceRecord> {
        self.write(Permission::Billing, |tx, ctx| {
            let before = must_get(tx, booking_id)?;
            if before.stage == InvoiceStage::Approved {
                return Err(StoreError::Invalid(format!(
                    "invoice {} of booking #{booking_id} is already approved",
                    before.number_text()
                )));
            }
            tx.execute(
                "UPDATE invoices SET approve = 1, email = email OR ?2, error = '', updated_at = ?3
                 WHERE booking_id = ?1",
                params![booking_id, email, to_secs(ctx.now)],
            )?;
            let after = must_get(tx, booking_id)?;
            journal::record(
                tx,
                ctx,
                "invoice.approve",
                "invoice",
                booking_id,
                Some(&summary(&before)),
                Some(&summary(&after)),
            )?;
            outbox::enqueue(tx, ctx, BILLY_INVOICE, &booking_id.to_string(), "")?;
            Ok(after)
        })
    }

    /// Asks Billy again for an invoice it refused (after the cause was
    /// fixed). An invoice Billy voided (or credited in full) is asked for
    /// anew: the row goes back to pending with the quoted amounts, keeps its
    /// reference (a search skips voided invoices and credit notes, so the
    /// old one is never adopted) and waits for the dispatcher's approval.
    pub fn retry_invoice(&mut self, booking_id: i64) -> Result<InvoiceRecord> {
        self.write(Permission::Billing, |tx, ctx| {
            let before = must_get(tx, booking_id)?;
            if before.stage == InvoiceStage::Voided {
                let net = line_net(quantity_centi(before.billed_min), before.rate_ore);
                let vat_ore = vat(net);
                tx.execute(
                    "UPDATE invoices SET state = 'pending', approve = 0, billy_id = NULL,
                       invoice_no = NULL, net_ore = ?2, vat_ore = ?3, gross_ore = ?4,
                       balance_ore = NULL, paid = 0, paid_at = NULL, due_date = NULL,
                       emailed_at = NULL, voided_at = NULL, checked_at = NULL, error = '',
                       updated_at = ?5
                     WHERE booking_id = ?1",
                    params![booking_id, net, vat_ore, net + vat_ore, to_secs(ctx.now)],
                )?;
                let after = must_get(tx, booking_id)?;
                journal::record(
                    tx,
                    ctx,
                    "invoice.reissue",
                    "invoice",
                    booking_id,
                    Some(&summary(&before)),
                    Some(&summary(&after)),
                )?;
            } else {
                tx.execute(
                    "UPDATE invoices SET error = '' WHERE booking_id = ?1",
                    [booking_id],
                )?;
            }
            outbox::enqueue(tx, ctx, BILLY_INVOICE, &booking_id.to_string(), "")?;
            must_get(tx, booking_id)
        })
    }

    pub fn invoice(&self, booking_id: i64) -> Result<Option<InvoiceRecord>> {
        get_in(self.conn(), booking_id)
    }

    /// The invoices of `bookings` (those that have one).
    pub fn invoices_of(
        &self,
        bookings: impl IntoIterator<Item = i64>,
    ) -> Result<HashMap<i64, InvoiceRecord>> {
        let mut out = HashMap::new();
        for id in bookings {
            if let Some(r) = get_in(self.conn(), id)? {
                out.insert(id, r);
            }
        }
        Ok(out)
    }

    /// Every invoice, newest first; `open` keeps the unpaid ones.
    pub fn invoices(&self, open: bool) -> Result<Vec<InvoiceRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoices WHERE (?1 = 0 OR (paid = 0 AND voided_at IS NULL))
             ORDER BY created_at DESC, booking_id DESC"
        ))?;
        let rows = stmt.query_map([open], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Approved, unpaid invoices that still stand: the ones payment polling
    /// asks about.
    pub fn unpaid_invoices(&self) -> Result<Vec<InvoiceRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoices
             WHERE state = 'approved' AND paid = 0 AND voided_at IS NULL
             ORDER BY checked_at IS NOT NULL, checked_at, booking_id"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Billy has the invoice (created, found again, or approved): its id,
    /// number and amounts as Billy computed them.
    pub fn invoice_remote(
        &mut self,
        booking_id: i64,
        remote: &RemoteInvoice,
        action: &str,
    ) -> Result<InvoiceRecord> {
        self.write(Permission::Deliveries, |tx, ctx| {
            let before = must_get(tx, booking_id)?;
            let stage = if remote.approved {
                InvoiceStage::Approved
            } else {
                InvoiceStage::Draft
            };
            tx.execute(
                "UPDATE invoices SET state = CASE WHEN ?13 THEN state ELSE ?2 END, billy_id = ?3, invoice_no = ?4, contact_id = ?5,
                   net_ore = ?6, vat_ore = ?7, gross_ore = ?8, balance_ore = ?9, paid = ?10,
                   paid_at = CASE WHEN ?10 AND paid_at IS NULL THEN ?12 ELSE paid_at END,
                   due_date = ?11, error = '', updated_at = ?12, checked_at = ?12,
                   voided_at = CASE WHEN ?13 THEN coalesce(voided_at, ?12) ELSE NULL END
                 WHERE booking_id = ?1",
                params![
                    booking_id,
                    stage.as_str(),
                    remote.billy_id,
                    remote.invoice_no,
                    remote.contact_id,
                    remote.net_ore,
                    remote.vat_ore,
                    remote.gross_ore,
                    remote.balance_ore,
                    remote.paid,
                    remote.due_date.map(|d| d.format("%Y-%m-%d").to_string()),
                    to_secs(ctx.now),
                    remote.voided,
                ],
            )?;
            let after = must_get(tx, booking_id)?;
            if summary(&before) != summary(&after) {
                journal::record(
                    tx,
                    ctx,
                    action,
                    "invoice",
                    booking_id,
                    Some(&summary(&before)),
                    Some(&summary(&after)),
                )?;
            }
            Ok(after)
        })
    }

    /// Billy has e-mailed the approved invoice to the customer.
    pub fn invoice_emailed(&mut self, booking_id: i64) -> Result<()> {
        self.write(Permission::Deliveries, |tx, ctx| {
            tx.execute(
                "UPDATE invoices SET emailed_at = ?2, updated_at = ?2 WHERE booking_id = ?1",
                params![booking_id, to_secs(ctx.now)],
            )?;
            journal::record::<(), _>(
                tx,
                ctx,
                "invoice.email",
                "invoice",
                booking_id,
                None,
                Some(&serde_json::json!({"emailed": true})),
            )?;
            Ok(())
        })
    }

    /// Why the last attempt did not go through ("" clears it).
    pub fn invoice_error(&mut self, booking_id: i64, error: &str) -> Result<()> {
        self.allow(Permission::Deliveries)?;
        self.conn().execute(
            "UPDATE invoices SET error = ?2 WHERE booking_id = ?1",
            params![booking_id, error],
        )?;
        Ok(())
    }

    /// The Billy contact kept on a customer: (contact id, primary person id).
    pub fn billy_contact(&self, customer_id: i64) -> Result<Option<(String, String)>> {
        let row: Option<(String, String)> = self
            .conn()
            .prepare_cached(
                "SELECT billy_contact_id, billy_person_id FROM customers WHERE id = ?1",
            )?
            .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.filter(|(c, _)| !c.is_empty()))
    }

    /// Keeps the customer's Billy contact (not a dispatcher's edit: the
    /// customer's version is left alone).
    pub fn set_billy_contact(
        &mut self,
        customer_id: i64,
        contact: &str,
        person: &str,
    ) -> Result<()> {
        self.write(Permission::Deliveries, |tx, ctx| {
            tx.execute(
                "UPDATE customers SET billy_contact_id = ?2, billy_person_id = ?3 WHERE id = ?1",
                params![customer_id, contact, person],
            )?;
            journal::record::<(), _>(
                tx,
                ctx,
                "customer.billy_contact",
                "customer",
                customer_id,
                None,
                Some(&serde_json::json!({"billy_contact_id": contact})),
            )?;
            Ok(())
        })
    }
}
