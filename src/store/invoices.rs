//! Invoices: the local record of each invoice in Billy, of one visit or of
//! a customer's month. The row is written (with its lines and an outbox
//! entry) before Billy hears of it, and carries the reference that finds
//! the invoice again after a lost answer. A visit is on one invoice, ever:
//! the lines are keyed by booking (`invoice_claims.rs` writes them).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::{Result, Store, StoreError, from_secs, journal, to_secs};
use crate::domain::invoice::{JobCharge, PaymentState, line_net, quantity_centi};
use crate::domain::month::Month;
use crate::domain::{Booking, Permission};

/// Billy must hear of invoice `key` (its id: create, approve, e-mail).
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
    /// The invoice's own id in this database (Billy's is `billy_id`).
    pub id: i64,
    /// The visit a single invoice is for; `None` for a monthly invoice.
    pub booking_id: Option<i64>,
    /// The customer it bills.
    pub customer_id: i64,
    /// The month a monthly invoice covers; `None` for a single visit's.
    pub month: Option<Month>,
    /// How many visits (lines) it covers.
    pub visits: i64,
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

    /// A customer's month rather than one visit.
    pub fn is_monthly(&self) -> bool {
        self.month.is_some()
    }

    /// "1001" or, before Billy numbered it, "draft"/"pending".
    pub fn number_text(&self) -> String {
        match &self.invoice_no {
            Some(no) => no.clone(),
            None => self.stage.as_str().to_string(),
        }
    }
}

/// One visit on an invoice, as it was charged when the invoice was asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceLine {
    pub booking_id: i64,
    /// The visit's service (the Billy product is chosen by it).
    pub service: String,
    pub start: DateTime<Utc>,
    /// "Rengøring 23/11 (3 t), Østergade 12".
    pub description: String,
    pub billed_min: i64,
    pub rate_ore: i64,
}

impl InvoiceLine {
    /// The line's amount excluding VAT, as Billy computes it.
    pub fn net_ore(&self) -> i64 {
        line_net(quantity_centi(self.billed_min), self.rate_ore)
    }
}

/// What to invoice: one finished visit.
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

/// The invoice's columns, then its single visit (for one without a month)
/// and its number of lines: `FROM invoices i`.
const COLUMNS: &str = "i.reference, i.state, i.approve, i.email, i.billy_id, i.invoice_no, \
     i.contact_id, i.description, i.billed_min, i.rate_ore, i.net_ore, i.vat_ore, i.gross_ore, \
     i.balance_ore, i.paid, i.paid_at, i.entry_date, i.terms_days, i.due_date, i.emailed_at, \
     i.error, i.created_at, i.created_by, i.checked_at, i.voided_at, i.id, i.customer_id, i.month, \
     CASE WHEN i.month IS NULL THEN \
       (SELECT min(l.booking_id) FROM invoice_lines l WHERE l.invoice_id = i.id) END, \
     (SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id)";

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
    let stage: String = r.get(1)?;
    let voided_at = secs(r.get(24)?)?;
    let stage: InvoiceStage = stage.parse().map_err(|_| bad(1, "invoice state"))?;
    let month: Option<String> = r.get(27)?;
    let month = month
        .map(|m| m.parse::<Month>().map_err(|_| bad(27, "month")))
        .transpose()?;
    Ok(InvoiceRecord {
        id: r.get(25)?,
        booking_id: r.get(28)?,
        customer_id: r.get(26)?,
        month,
        visits: r.get(29)?,
        reference: r.get(0)?,
        // The state column keeps what Billy last numbered it (approved or
        // draft); a void is recorded beside it.
        stage: if voided_at.is_some() {
            InvoiceStage::Voided
        } else {
            stage
        },
        approve: r.get(2)?,
        email: r.get(3)?,
        billy_id: r.get(4)?,
        invoice_no: r.get(5)?,
        contact_id: r.get(6)?,
        description: r.get(7)?,
        billed_min: r.get(8)?,
        rate_ore: r.get(9)?,
        net_ore: r.get(10)?,
        vat_ore: r.get(11)?,
        gross_ore: r.get(12)?,
        balance_ore: r.get(13)?,
        paid: r.get(14)?,
        paid_at: secs(r.get(15)?)?,
        entry_date: date(16, r.get(16)?)?.ok_or_else(|| bad(16, "entry date"))?,
        terms_days: r.get(17)?,
        due_date: date(18, r.get(18)?)?,
        emailed_at: secs(r.get(19)?)?,
        error: r.get(20)?,
        created_at: from_secs(r.get(21)?)?,
        created_by: r.get(22)?,
        checked_at: secs(r.get(23)?)?,
        voided_at,
    })
}

/// Invoice `id`.
pub(super) fn get_in(tx: &Connection, id: i64) -> Result<Option<InvoiceRecord>> {
    Ok(tx
        .prepare_cached(&format!("SELECT {COLUMNS} FROM invoices i WHERE i.id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// The invoice booking `booking_id` is on, if any.
pub(super) fn of_booking(tx: &Connection, booking_id: i64) -> Result<Option<InvoiceRecord>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoice_lines x JOIN invoices i ON i.id = x.invoice_id
             WHERE x.booking_id = ?1"
        ))?
        .query_row([booking_id], from_row)
        .optional()?)
}

pub(super) fn must_get(tx: &Connection, id: i64) -> Result<InvoiceRecord> {
    get_in(tx, id)?.ok_or(StoreError::NotFound {
        entity: "invoice",
        id,
    })
}

/// The invoice of booking `booking_id`, or an error naming the booking.
pub(super) fn must_get_of(tx: &Connection, booking_id: i64) -> Result<InvoiceRecord> {
    of_booking(tx, booking_id)?.ok_or(StoreError::NotFound {
        entity: "invoice of booking",
        id: booking_id,
    })
}

/// The lines of invoice `id`, by the visits' start.
pub(super) fn lines_in(tx: &Connection, id: i64) -> Result<Vec<InvoiceLine>> {
    let mut stmt = tx.prepare_cached(
        "SELECT x.booking_id, b.service, b.start_at, x.description, x.billed_min, x.rate_ore
         FROM invoice_lines x JOIN bookings b ON b.id = x.booking_id
         WHERE x.invoice_id = ?1 ORDER BY b.start_at, x.booking_id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(InvoiceLine {
            booking_id: r.get(0)?,
            service: r.get(1)?,
            start: from_secs(r.get(2)?)?,
            description: r.get(3)?,
            billed_min: r.get(4)?,
            rate_ore: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where the journal keeps an invoice: a single one under its booking (so a
/// booking's history shows it), a monthly one under its own id.
pub(super) fn entity(r: &InvoiceRecord) -> (&'static str, i64) {
    match r.booking_id {
        Some(b) if r.month.is_none() => ("invoice", b),
        _ => ("monthly_invoice", r.id),
    }
}

/// The journal's view of an invoice: the fields a person cares about.
pub(super) fn summary(r: &InvoiceRecord) -> serde_json::Value {
    serde_json::json!({
        "state": r.stage.as_str(),
        "invoice_no": r.invoice_no,
        "billy_id": r.billy_id,
        "gross_ore": r.gross_ore,
        "paid": r.paid,
    })
}

impl Store {
    /// The invoice booking `booking_id` is on (its own or a month's).
    pub fn invoice(&self, booking_id: i64) -> Result<Option<InvoiceRecord>> {
        of_booking(self.conn(), booking_id)
    }

    /// Invoice `id`.
    pub fn invoice_by_id(&self, id: i64) -> Result<Option<InvoiceRecord>> {
        get_in(self.conn(), id)
    }

    /// The visits on invoice `id`, by date.
    pub fn invoice_lines(&self, id: i64) -> Result<Vec<InvoiceLine>> {
        lines_in(self.conn(), id)
    }

    /// The invoices of `bookings` (those on one), by booking.
    pub fn invoices_of(
        &self,
        bookings: impl IntoIterator<Item = i64>,
    ) -> Result<HashMap<i64, InvoiceRecord>> {
        let mut out = HashMap::new();
        for id in bookings {
            if let Some(r) = of_booking(self.conn(), id)? {
                out.insert(id, r);
            }
        }
        Ok(out)
    }

    /// The monthly invoices of a customer's month, oldest first.
    pub fn monthly_invoices(&self, customer_id: i64, month: Month) -> Result<Vec<InvoiceRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoices i WHERE i.customer_id = ?1 AND i.month = ?2
             ORDER BY i.id"
        ))?;
        let rows = stmt.query_map(params![customer_id, month.to_string()], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The customer's finished visits that started in `[from, to)`, by start.
    pub fn finished_visits(
        &self,
        customer_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Booking>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {} FROM bookings
             WHERE customer_id = ?1 AND status = 'completed' AND start_at >= ?2 AND start_at < ?3
             ORDER BY start_at, id",
            super::rows::COLUMNS
        ))?;
        let rows = stmt.query_map(
            params![customer_id, to_secs(from), to_secs(to)],
            super::rows::from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A customer's invoices (single visits and months), newest first.
    pub fn customer_invoices(&self, customer_id: i64) -> Result<Vec<InvoiceRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoices i WHERE i.customer_id = ?1
             ORDER BY i.created_at DESC, i.id DESC"
        ))?;
        let rows = stmt.query_map([customer_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every invoice, newest first; `open` keeps the unpaid ones.
    pub fn invoices(&self, open: bool) -> Result<Vec<InvoiceRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoices i
             WHERE (?1 = 0 OR (i.paid = 0 AND i.voided_at IS NULL))
             ORDER BY i.created_at DESC, i.id DESC"
        ))?;
        let rows = stmt.query_map([open], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Approved, unpaid invoices that still stand: the ones payment polling
    /// asks about.
    pub fn unpaid_invoices(&self) -> Result<Vec<InvoiceRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoices i
             WHERE i.state = 'approved' AND i.paid = 0 AND i.voided_at IS NULL
             ORDER BY i.checked_at IS NOT NULL, i.checked_at, i.id"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Billy has invoice `id` (created, found again, or approved): its id,
    /// number and amounts as Billy computed them.
    pub fn invoice_remote(
        &mut self,
        id: i64,
        remote: &RemoteInvoice,
        action: &str,
    ) -> Result<InvoiceRecord> {
        self.write(Permission::Deliveries, |tx, ctx| {
            let before = must_get(tx, id)?;
            let stage = if remote.approved {
                InvoiceStage::Approved
            } else {
                InvoiceStage::Draft
            };
            tx.execute(
                "UPDATE invoices SET state = CASE WHEN ?13 THEN state ELSE ?2 END, billy_id = ?3,
                   invoice_no = ?4, contact_id = ?5,
                   net_ore = ?6, vat_ore = ?7, gross_ore = ?8, balance_ore = ?9, paid = ?10,
                   paid_at = CASE WHEN ?10 AND paid_at IS NULL THEN ?12 ELSE paid_at END,
                   due_date = ?11, error = '', updated_at = ?12, checked_at = ?12,
                   voided_at = CASE WHEN ?13 THEN coalesce(voided_at, ?12) ELSE NULL END
                 WHERE id = ?1",
                params![
                    id,
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
            let after = must_get(tx, id)?;
            if summary(&before) != summary(&after) {
                let (entity, entity_id) = entity(&after);
                journal::record(
                    tx,
                    ctx,
                    action,
                    entity,
                    entity_id,
                    Some(&summary(&before)),
                    Some(&summary(&after)),
                )?;
            }
            Ok(after)
        })
    }

    /// Billy has e-mailed approved invoice `id` to the customer.
    pub fn invoice_emailed(&mut self, id: i64) -> Result<()> {
        self.write(Permission::Deliveries, |tx, ctx| {
            let rec = must_get(tx, id)?;
            tx.execute(
                "UPDATE invoices SET emailed_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id, to_secs(ctx.now)],
            )?;
            let (entity, entity_id) = entity(&rec);
            journal::record::<(), _>(
                tx,
                ctx,
                "invoice.email",
                entity,
                entity_id,
                None,
                Some(&serde_json::json!({"emailed": true})),
            )?;
            Ok(())
        })
    }

    /// Why the last attempt at invoice `id` did not go through ("" clears it).
    pub fn invoice_error(&mut self, id: i64, error: &str) -> Result<()> {
        self.allow(Permission::Deliveries)?;
        self.conn().execute(
            "UPDATE invoices SET error = ?2 WHERE id = ?1",
            params![id, error],
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
