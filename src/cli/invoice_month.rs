//! `renos invoice --customer TEXT --month 2026-12`: a customer's finished
//! visits of a month on one Billy invoice. Run again, it tries again what
//! did not go through (and approves with `--approve`), and invoices only
//! the visits that are on no invoice yet.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Context;
use super::invoice::{report, runtime};
use super::screen;
use crate::domain::money::format_kr;
use crate::domain::month::Month;
use crate::engine::billing::{self, MonthQuote};
use crate::engine::delivery::Delivered;
use crate::i18n::Words;
use crate::store::{InvoiceRecord, InvoiceStage, Store};
use crate::words::news;

/// Why a visit of the month is not on the new invoice.
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Why {
    /// On an invoice already (its own or a month's).
    Invoiced,
    /// It cannot be invoiced (no time worked…).
    NotBillable,
    /// Another run claimed it between the count and the claim.
    ClaimedMeanwhile,
}

/// A visit of the month left off the new invoice.
#[derive(Serialize)]
struct LeftOut {
    booking: i64,
    date: String,
    why: Why,
    /// The invoice it is on (its id here), when it is on one.
    invoice: Option<i64>,
    /// Billy's number of that invoice, or its state before it has one.
    number: Option<String>,
    /// Words for a visit that cannot be invoiced (English, as always).
    reason: Option<String>,
    /// Why it cannot be invoiced, typed (worded in the text).
    #[serde(skip)]
    not_billable: Option<crate::domain::invoice::NotBillable>,
}

#[derive(Serialize)]
struct Shown {
    customer: String,
    customer_id: i64,
    month: Month,
    /// The month's monthly invoices (the new one last) and where they stand.
    invoices: Vec<ShownInvoice>,
    left_out: Vec<LeftOut>,
}

#[derive(Serialize)]
struct ShownInvoice {
    #[serde(flatten)]
    invoice: InvoiceRecord,
    payment: &'static str,
}

/// The earlier monthly invoices of the month to send again: refused ones,
/// ones still waiting, and drafts to approve with `approve`.
fn again(
    store: &mut Store,
    customer: i64,
    month: Month,
    approve: bool,
    email: bool,
) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for rec in store.monthly_invoices(customer, month)? {
        let open = matches!(rec.stage, InvoiceStage::Pending | InvoiceStage::Draft);
        if approve && open && rec.invoice_no.is_none() {
            store.request_approval_of(rec.id, email)?;
            ids.push(rec.id);
        } else if rec.stage == InvoiceStage::Pending || (open && !rec.error.is_empty()) {
            store.retry_invoice_of(rec.id)?;
            ids.push(rec.id);
        }
    }
    Ok(ids)
}

fn left_out(store: &Store, q: &MonthQuote, raced: &[i64]) -> Result<Vec<LeftOut>> {
    let tz = store.tz();
    let day = |t| tz.local_date(t).format("%Y-%m-%d").to_string();
    let mut out = Vec::new();
    for (b, rec) in &q.invoiced {
        out.push(LeftOut {
            booking: b.id,
            date: day(b.start),
            why: Why::Invoiced,
            invoice: Some(rec.id),
            number: Some(rec.number_text()),
            reason: None,
            not_billable: None,
        });
    }
    for (b, why) in &q.not_billable {
        out.push(LeftOut {
            booking: b.id,
            date: day(b.start),
            why: Why::NotBillable,
            invoice: None,
            number: None,
            reason: Some(why.to_string()),
            not_billable: Some(why.clone()),
        });
    }
    for v in q.visits.iter().filter(|v| raced.contains(&v.booking.id)) {
        let rec = store.invoice(v.booking.id)?;
        out.push(LeftOut {
            booking: v.booking.id,
            date: day(v.booking.start),
            why: Why::ClaimedMeanwhile,
            invoice: rec.as_ref().map(|r| r.id),
            number: rec.as_ref().map(InvoiceRecord::number_text),
            reason: None,
            not_billable: None,
        });
    }
    out.sort_by(|a, b| (&a.date, a.booking).cmp(&(&b.date, b.booking)));
    Ok(out)
}

/// "#12 3/12: already invoiced (1001)", "#14 5/12: not invoiced: no time worked".
fn left_out_line(w: Words, l: &LeftOut) -> String {
    let date = chrono::NaiveDate::parse_from_str(&l.date, "%Y-%m-%d")
        .map(|d| d.format("%-d/%-m").to_string())
        .unwrap_or_else(|_| l.date.clone());
    let number = l.number.clone().unwrap_or_default();
    let line = match l.why {
        Why::Invoiced => w.with(
            "cli-invoice-already",
            &[
                ("id", l.booking.into()),
                ("date", date.into()),
                ("number", number.into()),
            ],
        ),
        Why::ClaimedMeanwhile => w.with(
            "cli-invoice-meanwhile",
            &[
                ("id", l.booking.into()),
                ("date", date.into()),
                ("number", number.into()),
            ],
        ),
        Why::NotBillable => w.with(
            "cli-invoice-not-billable",
            &[
                ("id", l.booking.into()),
                ("date", date.into()),
                (
                    "why",
                    l.not_billable
                        .as_ref()
                        .map(|e| crate::words::values::not_billable(w, e))
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        ),
    };
    format!("  {line}")
}

/// `renos invoice --customer TEXT --month 2026-12 [--approve]`.
pub fn invoice_month(
    ctx: &Context,
    text: &str,
    month: Month,
    approve: bool,
    json: bool,
) -> Result<ExitCode> {
    let mut store = ctx.open_existing()?;
    let settings = &ctx.settings;
    let client = billing::client(settings)?;
    let customer = billing::find_customer(&store, text)?;
    let w = ctx.words();
    let when = news::month_words(w, month);
    let mut send = again(
        &mut store,
        customer.id,
        month,
        approve,
        settings.billy.email,
    )?;

    let q = billing::quote_month(&store, settings, customer.id, month)?;
    let mut out = screen::stdout();
    let mut raced = Vec::new();
    if !q.visits.is_empty() {
        let claim = billing::request_month(&mut store, settings, &q, approve)?;
        raced = claim.left_out;
        if let Some(rec) = claim.invoice {
            if !json {
                writeln!(
                    out,
                    "{}",
                    w.with(
                        "cli-invoice-month",
                        &[
                            ("customer", customer.name.as_str().into()),
                            ("month", when.as_str().into()),
                            ("visits", rec.visits.into()),
                            ("net", format_kr(rec.net_ore).into()),
                            ("vat", format_kr(rec.vat_ore).into()),
                            ("gross", format_kr(rec.gross_ore).into())
                        ]
                    )
                )?;
                for v in q.visits.iter().filter(|v| !raced.contains(&v.booking.id)) {
                    writeln!(
                        out,
                        "  #{} {}  {}",
                        v.booking.id,
                        v.description,
                        format_kr(v.charge.net_ore)
                    )?;
                }
            }
            send.push(rec.id);
        }
    }
    let left = left_out(&store, &q, &raced)?;
    if !json && !left.is_empty() {
        writeln!(out, "{}", w.get("cli-invoice-left-out"))?;
        for l in &left {
            writeln!(out, "{}", left_out_line(w, l))?;
        }
    }
    out.flush()?;

    let mut delivered = Delivered::default();
    if !send.is_empty() {
        let rt = runtime()?;
        for id in &send {
            delivered
                .extend(rt.block_on(billing::deliver_invoice(&mut store, &client, settings, *id))?);
        }
    }
    let ok = delivered.retrying.is_empty() && delivered.refused.is_empty();
    let today = settings.tz.local_date(store.now());
    if json {
        let invoices = store
            .monthly_invoices(customer.id, month)?
            .into_iter()
            .map(|r| ShownInvoice {
                payment: r.payment(today).as_str(),
                invoice: r,
            })
            .collect();
        let shown = Shown {
            customer: customer.name.clone(),
            customer_id: customer.id,
            month,
            invoices,
            left_out: left,
        };
        screen::json(&mut screen::stdout(), &shown)?;
        return Ok(super::exit_code(ok));
    }
    let ok = report(w, &delivered)? && ok;
    let mut out = screen::stdout();
    if send.is_empty() {
        // Nothing new: say so, and where the month's invoices stand.
        let finished = q.invoiced.len() + q.not_billable.len() + raced.len();
        if finished == 0 {
            writeln!(
                out,
                "{}",
                w.with(
                    "cli-invoice-month-none",
                    &[
                        ("customer", customer.name.as_str().into()),
                        ("month", when.as_str().into())
                    ]
                )
            )?;
        } else {
            writeln!(
                out,
                "{}",
                w.with(
                    "cli-invoice-month-done",
                    &[
                        ("customer", customer.name.as_str().into()),
                        ("month", when.as_str().into())
                    ]
                )
            )?;
        }
        for rec in store.monthly_invoices(customer.id, month)? {
            writeln!(
                out,
                "{}",
                news::invoice_state(w, &rec, &customer.name, today)
            )?;
        }
    } else if delivered.is_empty() {
        for id in &send {
            if let Some(rec) = store.invoice_by_id(*id)? {
                writeln!(
                    out,
                    "{}",
                    news::invoice_state(w, &rec, &customer.name, today)
                )?;
            }
        }
    }
    out.flush()?;
    Ok(super::exit_code(ok))
}
