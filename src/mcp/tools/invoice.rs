//! `create_invoice`: a draft invoice for a finished job, as `renos invoice`
//! asks for one (never approved here, whatever `auto_approve` says). The
//! back office (`renos serve`, or an open console) sends it to Billy.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::money::format_kr;
use crate::engine::remote::Need;
use crate::mcp::confirm::{repeated, step, two_step, write_args};
use crate::mcp::session::{BookingView, Outcome, Session, ToolError};
use crate::store::InvoiceRecord;

write_args!(InvoiceArgs);

/// The arguments of `create_invoice`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct InvoiceArgs {
    /// The finished booking's number.
    pub booking_id: i64,
    /// The token a dry run returned; without it nothing is written.
    #[serde(default)]
    pub confirm: Option<String>,
    /// Any unique text: a repeat of the confirmed call with it writes nothing and returns the first call's result.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// What `create_invoice`'s dry run shows: the line and the amounts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvoicePreview {
    pub booking: BookingView,
    pub customer: String,
    /// The invoice line's words.
    pub description: String,
    pub worked_min: i64,
    pub billed_min: i64,
    /// "3 t × 349,00 kr = 1.047,00 kr + moms 261,75 kr = 1.308,75 kr"
    pub sum: String,
    pub net: String,
    pub vat: String,
    pub total: String,
    pub net_ore: i64,
    pub vat_ore: i64,
    pub gross_ore: i64,
    /// Always true: the invoice is made as a draft.
    pub draft: bool,
}

/// What a confirmed `create_invoice` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Invoiced {
    pub invoice: InvoiceRecord,
    pub next: String,
}

/// Asks for a draft invoice of a finished job, in two steps (the remote
/// layer's quote and invoice, as the API's).
pub fn create_invoice(desk: &mut Session, a: &InvoiceArgs) -> Outcome<Value> {
    desk.desk().need(Need::Invoice)?;
    let args = InvoiceArgs {
        booking_id: a.booking_id,
        ..InvoiceArgs::default()
    };
    if let Some(first) = repeated(desk, "create_invoice", &args, &step(a))? {
        return Ok(first);
    }
    let q = desk.desk().quote(a.booking_id)?;
    if let Some(rec) = &q.existing {
        return Err(ToolError(format!(
            "Booking #{} has an invoice already ({}, {}); nothing to do.",
            a.booking_id,
            rec.stage.as_str(),
            rec.invoice_no.as_deref().unwrap_or("no number yet")
        )));
    }
    let preview = InvoicePreview {
        booking: desk.view(&q.booking)?,
        customer: q.customer.name.clone(),
        description: q.description.clone(),
        worked_min: q.charge.worked_min,
        billed_min: q.charge.billed_min,
        sum: q.sum_text(),
        net: format_kr(q.charge.net_ore),
        vat: format_kr(q.charge.vat_ore),
        total: format_kr(q.charge.gross_ore),
        net_ore: q.charge.net_ore,
        vat_ore: q.charge.vat_ore,
        gross_ore: q.charge.gross_ore,
        draft: true,
    };
    let id = a.booking_id;
    let version = q.booking.version;
    two_step(
        desk,
        "create_invoice",
        &args,
        &format!("version {version}"),
        step(a),
        preview,
        |d| {
            Ok(Invoiced {
                invoice: d.invoice(id)?,
                next: "Asked for as a draft; the back office (renos serve, or an open console) \
                       sends it to Billy."
                    .into(),
            })
        },
    )
}
