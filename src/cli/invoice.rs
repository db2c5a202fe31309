//! `renos invoice` and `renos invoices`: invoices in Billy from the shell.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Context;
use super::screen;
use crate::engine::billing;
use crate::engine::delivery::Delivered;
use crate::i18n::Words;
use crate::store::InvoiceRecord;
use crate::words::news;
use crate::words::text::duration;

pub(super) fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// Prints what a delivery did; `false` when something did not go through.
pub(super) fn report(w: Words, d: &Delivered) -> std::io::Result<bool> {
    let mut out = screen::stdout();
    for done in &d.done {
        writeln!(out, "{}", news::delivery(w, done))?;
    }
    out.flush()?;
    let mut err = screen::stderr();
    for failed in d.retrying.iter().chain(&d.refused) {
        writeln!(err, "{}", news::delivery(w, failed))?;
    }
    Ok(d.retrying.is_empty() && d.refused.is_empty())
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    invoice: &'a InvoiceRecord,
    payment: &'static str,
    customer: String,
}

/// `renos invoice ID [--approve]`: invoices a finished job (a draft unless
/// `--approve` or `auto_approve`); run again with `--approve` to approve the
/// draft; run again after a failure to try again.
pub fn invoice(ctx: &Context, id: i64, approve: bool, json: bool) -> Result<ExitCode> {
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    let settings = &ctx.settings;
    let client = billing::client(settings)?;
    match store.invoice(id)? {
        None => {
            let q = billing::quote(&store, settings, id)?;
            if !json {
                writeln!(
                    screen::stdout(),
                    "{}",
                    w.with(
                        "cli-invoice-quote",
                        &[
                            ("id", id.into()),
                            ("customer", q.customer.name.as_str().into()),
                            ("what", q.description.as_str().into()),
                            ("sum", sum(w, &q.charge).into())
                        ]
                    )
                )?;
            }
            billing::request(&mut store, settings, id, approve)?;
        }
        Some(rec) if approve && rec.invoice_no.is_none() => {
            store.request_approval(id, settings.billy.email)?;
        }
        Some(rec) if !rec.error.is_empty() || rec.invoice_no.is_none() => {
            store.retry_invoice(id)?;
        }
        Some(_) => {}
    }
    let delivered =
        runtime()?.block_on(billing::deliver(&mut store, &client, settings, Some(id)))?;
    let ok = if json {
        let rec = store.invoice(id)?;
        let today = settings.tz.local_date(store.now());
        let customer = store.customer(store.booking(id)?.customer_id)?.name;
        let shown = rec.as_ref().map(|r| Shown {
            invoice: r,
            payment: r.payment(today).as_str(),
            customer,
        });
        screen::json(&mut screen::stdout(), &shown)?;
        delivered.retrying.is_empty() && delivered.refused.is_empty()
    } else {
        let ok = report(w, &delivered)?;
        if delivered.is_empty()
            && let Some(rec) = store.invoice(id)?
        {
            let today = settings.tz.local_date(store.now());
            let customer = store.customer(store.booking(id)?.customer_id)?.name;
            writeln!(
                screen::stdout(),
                "{}",
                news::invoice_state(w, &rec, &customer, today)
            )?;
        }
        ok
    };
    Ok(super::exit_code(ok))
}

/// `renos invoices [--open] [--poll]`: the invoices, after asking Billy
/// about payments when `--poll`.
pub fn invoices(ctx: &Context, open: bool, poll: bool, json: bool) -> Result<ExitCode> {
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    let settings = &ctx.settings;
    let mut ok = true;
    if poll {
        let client = billing::client(settings)?;
        let rt = runtime()?;
        let mut d = rt.block_on(billing::deliver(&mut store, &client, settings, None))?;
        d.extend(rt.block_on(billing::poll_payments(&mut store, &client, None))?);
        ok = if json {
            d.retrying.is_empty() && d.refused.is_empty()
        } else {
            report(w, &d)?
        };
    }
    let today = settings.tz.local_date(store.now());
    let list = store.invoices(open)?;
    let mut shown = Vec::with_capacity(list.len());
    for rec in &list {
        let customer = store.customer(rec.customer_id)?.name;
        shown.push(Shown {
            invoice: rec,
            payment: rec.payment(today).as_str(),
            customer,
        });
    }
    let mut out = screen::stdout();
    if json {
        screen::json(&mut out, &shown)?;
    } else if shown.is_empty() {
        let open = if open { "yes" } else { "no" };
        writeln!(
            out,
            "{}",
            w.with("cli-invoices-none", &[("open", open.into())])
        )?;
    } else {
        use crate::domain::money::format_kr;
        writeln!(
            out,
            "{:>7}  {:>6}  {:<8}  {:<22}  {:>14}  {:<8}  {}",
            w.get("cli-invoices-booking"),
            w.get("cli-invoices-visits"),
            w.get("cli-invoices-invoice"),
            w.get("cli-invoices-customer"),
            w.get("cli-invoices-gross"),
            w.get("cli-invoices-state"),
            w.get("cli-invoices-due")
        )?;
        for s in &shown {
            let r = s.invoice;
            let name: String = s.customer.chars().take(22).collect();
            // A monthly invoice names its month where a single one names its booking.
            let what = match (r.month, r.booking_id) {
                (Some(m), _) => m.to_string(),
                (None, Some(b)) => format!("#{b}"),
                (None, None) => String::new(),
            };
            writeln!(
                out,
                "{:>7}  {:>6}  {:<8}  {:<22}  {:>14}  {:<8}  {}",
                what,
                r.visits,
                r.number_text(),
                name,
                format_kr(r.gross_ore),
                w.with("cli-invoices-payment", &[("state", s.payment.into())]),
                r.due_date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default()
            )?;
        }
    }
    out.flush()?;
    Ok(super::exit_code(ok))
}

/// What a job costs, in words: "3 t × 349,00 kr = 1.047,00 kr + moms 261,75 kr
/// = 1.308,75 kr" (English "3 h × …").
fn sum(w: Words, c: &crate::domain::invoice::JobCharge) -> String {
    use crate::domain::money::format_kr;
    w.with(
        "cli-invoice-sum",
        &[
            ("hours", duration(w, c.billed_min).into()),
            ("rate", format_kr(c.rate_ore).into()),
            ("net", format_kr(c.net_ore).into()),
            ("vat", format_kr(c.vat_ore).into()),
            ("gross", format_kr(c.gross_ore).into()),
        ],
    )
}
