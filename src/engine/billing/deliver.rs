//! The outbox of invoices, delivered to Billy step by step, and payment
//! polling. Each step that Billy confirmed is committed before the next, so
//! a crash anywhere repeats at most one step, and the one step that could
//! make a second invoice (creating it) is preceded by a search whenever an
//! earlier attempt may have made it.

use std::collections::HashMap;

use anyhow::Result;

use super::reference::{credited_in_full, credited_ore, find_earlier};
use super::remote;
use crate::config::Settings;
use crate::domain::Customer;
use crate::domain::contact::split_address;
use crate::domain::invoice::quantity_centi;
use crate::domain::month::Month;
use crate::engine::delivery::{CLAIM, Delivered, Delivery, ProviderFault, retry_at};
use crate::providers::billy::{
    BillyClient, BillyError, Invoice, InvoiceState, NewContact, NewInvoice, NewLine, Product,
    RequestKind, RequestRefusal,
};
use crate::store::{BILLY_INVOICE, InvoiceRecord, InvoiceStage, OutboxItem, Store};

/// Why a step stopped: Billy said no (or not now), or something local broke.
enum Fail {
    Billy(BillyError),
    Local(anyhow::Error),
}

impl From<BillyError> for Fail {
    fn from(e: BillyError) -> Fail {
        Fail::Billy(e)
    }
}

impl From<crate::store::StoreError> for Fail {
    fn from(e: crate::store::StoreError) -> Fail {
        Fail::Local(e.into())
    }
}

/// Delivers the due invoice entries (or only the invoice booking `only` is
/// on, at once).
pub async fn deliver(
    store: &mut Store,
    client: &BillyClient,
    settings: &Settings,
    only: Option<i64>,
) -> Result<Delivered> {
    match only {
        None => run(store, client, settings, None).await,
        Some(booking) => match store.invoice(booking)? {
            Some(rec) => run(store, client, settings, Some(rec.id)).await,
            None => Ok(Delivered::default()),
        },
    }
}

/// Delivers invoice `id` (a monthly one, say) at once.
pub async fn deliver_invoice(
    store: &mut Store,
    client: &BillyClient,
    settings: &Settings,
    id: i64,
) -> Result<Delivered> {
    run(store, client, settings, Some(id)).await
}

/// What to tell when Billy did not take invoice `rec`.
fn failed(store: &Store, rec: &InvoiceRecord, error: ProviderFault) -> Result<Delivery> {
    Ok(match (rec.month, rec.booking_id) {
        (None, Some(booking)) => Delivery::InvoiceFailed { booking, error },
        (month, _) => Delivery::MonthlyInvoiceFailed {
            customer: store.customer(rec.customer_id)?.name,
            month: month.unwrap_or_else(|| Month::of(rec.entry_date)),
            error,
        },
    })
}

/// The due invoice entries, or only invoice `only`'s (at once).
async fn run(
    store: &mut Store,
    client: &BillyClient,
    settings: &Settings,
    only: Option<i64>,
) -> Result<Delivered> {
    let now = store.now();
    let items: Vec<OutboxItem> = match only {
        Some(id) => store
            .outbox_entry(BILLY_INVOICE, &id.to_string())?
            .filter(|i| !i.failed)
            .into_iter()
            .collect(),
        None => store.outbox_due(BILLY_INVOICE, now, 100)?,
    };
    let mut out = Delivered::default();
    let mut products = None;
    for item in items {
        let Ok(invoice_id) = item.key.parse::<i64>() else {
            store.outbox_fail(&item, "not an invoice id")?;
            continue;
        };
        let Some(rec) = store.invoice_by_id(invoice_id)? else {
            store.outbox_fail(&item, "no such invoice")?;
            continue;
        };
        if !store.outbox_claim(&item, now + CLAIM, only.is_some())? {
            continue;
        }
        match step(store, client, settings, rec.clone(), &mut products).await {
            Ok(moved) => {
                store.outbox_done(&item)?;
                out.done.extend(moved);
            }
            Err(Fail::Local(e)) => {
                // Leave the entry to come due again; the cause is ours.
                store.outbox_retry(&item, &e.to_string(), retry_at(now, item.attempts, None))?;
                return Err(e);
            }
            Err(Fail::Billy(e)) => {
                let news = failed(store, &rec, e.clone().into())?;
                if e.is_transient() {
                    let retry_after = match &e {
                        BillyError::RateLimited { retry_after } => *retry_after,
                        _ => None,
                    };
                    let at = retry_at(now, item.attempts, retry_after);
                    store.outbox_retry(&item, &e.to_string(), at)?;
                    store.invoice_error(
                        invoice_id,
                        &format!("{e}{}", ProviderFault::TRYING_AGAIN),
                    )?;
                    out.retrying.push(news);
                    if matches!(e, BillyError::Network(_)) {
                        // Billy cannot be reached: the others would fail too.
                        break;
                    }
                } else {
                    store.outbox_fail(&item, &e.to_string())?;
                    store.invoice_error(invoice_id, &e.to_string())?;
                    out.refused.push(news);
                }
            }
        }
    }
    Ok(out)
}

/// Moves one invoice as far as it should go; where it stands when it moved.
async fn step(
    store: &mut Store,
    client: &BillyClient,
    settings: &Settings,
    mut rec: InvoiceRecord,
    products: &mut Option<Vec<Product>>,
) -> Result<Option<Delivery>, Fail> {
    let invoice_id = rec.id;
    let customer = store.customer(rec.customer_id)?;
    let today = settings.tz.local_date(store.now());
    let (contact_id, mut person_id, existed) = contact(store, client, &customer).await?;

    if rec.stage == InvoiceStage::Pending {
        // An earlier attempt may have created it and lost the answer. Every
        // page of the contact's invoices is searched for the exact reference.
        let found = if existed {
            let all = client.invoices_of_contact(&contact_id).await?;
            find_earlier(&all, &rec.reference).cloned()
        } else {
            None
        };
        let (invoice, action) = match found {
            Some(i) => (i, "invoice.found"),
            None => {
                let visits = store.invoice_lines(rec.id)?;
                if visits.is_empty() {
                    return Err(Fail::Local(anyhow::anyhow!(
                        "invoice {} has no visits to bill",
                        rec.id
                    )));
                }
                let mut lines = Vec::with_capacity(visits.len());
                for v in &visits {
                    lines.push(NewLine {
                        product_id: product_for(client, settings, &v.service, products).await?,
                        description: v.description.clone(),
                        // Two decimals of hours, the quantity the quote
                        // multiplied: Billy's line amount is then our quote.
                        quantity_centi: quantity_centi(v.billed_min),
                        unit_price_ore: v.rate_ore,
                    });
                }
                let new = NewInvoice {
                    contact_id: contact_id.clone(),
                    entry_date: rec.entry_date,
                    payment_terms_days: rec.terms_days,
                    approved: rec.approve,
                    contact_message: rec.reference.clone(),
                    lines,
                };
                (client.create_invoice(&new).await?, "invoice.create")
            }
        };
        if invoice.amount_ore != rec.net_ore {
            tracing::warn!(
                "Billy's amount for invoice {} ({}) is {} øre, the quote was {} øre",
                rec.id,
                rec.reference,
                invoice.amount_ore,
                rec.net_ore
            );
        }
        rec = store.invoice_remote(invoice_id, &remote(&invoice, false), action)?;
    }

    if rec.stage == InvoiceStage::Draft && rec.approve {
        let id = rec.billy_id.clone().unwrap_or_default();
        let invoice = client.approve_invoice(&id).await?;
        rec = store.invoice_remote(invoice_id, &remote(&invoice, false), "invoice.approve")?;
    }

    if rec.stage == InvoiceStage::Approved && rec.email && rec.emailed_at.is_none() {
        if person_id.is_empty() {
            person_id = client
                .contact(&contact_id)
                .await?
                .contact_person_id
                .unwrap_or_default();
        }
        if person_id.is_empty() {
            return Err(Fail::Billy(BillyError::Invalid(RequestRefusal::new(
                RequestKind::NoEmail {
                    customer: customer.name.clone(),
                },
                format!(
                    "the Billy contact of {} has no e-mail: add one in Billy, or turn [billy] \
                     email off",
                    customer.name
                ),
            ))));
        }
        let no = rec.number_text();
        let subject = format!("Faktura {no} fra {}", settings.alerts.sender);
        let body = format!(
            "Hej {}\n\nHer er fakturaen for {}.\n\nVenlig hilsen\n{}",
            customer.name, rec.description, settings.alerts.sender
        );
        let id = rec.billy_id.clone().unwrap_or_default();
        client
            .email_invoice(&id, &person_id, &subject, &body)
            .await?;
        store.invoice_emailed(invoice_id)?;
        rec = store.invoice_by_id(invoice_id)?.unwrap_or(rec);
    }
    Ok(Some(Delivery::Invoice {
        record: Box::new(rec),
        customer: customer.name,
        today,
    }))
}

/// The customer's Billy contact, made when it has none: (contact id, primary
/// person id, whether it existed before).
async fn contact(
    store: &mut Store,
    client: &BillyClient,
    customer: &Customer,
) -> Result<(String, String, bool), Fail> {
    if let Some((contact, person)) = store.billy_contact(customer.id)? {
        return Ok((contact, person, true));
    }
    let (street, zipcode, city) = split_address(&customer.address);
    let made = client
        .create_contact(&NewContact {
            name: customer.name.trim().to_string(),
            company: !customer.company.trim().is_empty(),
            street,
            zipcode,
            city,
            phone: customer.phone.clone(),
            email: customer.email.trim().to_string(),
        })
        .await?;
    let person = made.contact_person_id.clone().unwrap_or_default();
    store.set_billy_contact(customer.id, &made.id, &person)?;
    Ok((made.id, person, false))
}

/// The Billy product for a service: one named like it, else the configured
/// one. It carries the VAT.
async fn product_for(
    client: &BillyClient,
    settings: &Settings,
    service: &str,
    cache: &mut Option<Vec<Product>>,
) -> Result<String, Fail> {
    if cache.is_none() {
        *cache = Some(client.products().await?);
    }
    let products = cache.as_deref().unwrap_or_default();
    let named = |name: &str| {
        products
            .iter()
            .find(|p| p.name.trim().eq_ignore_ascii_case(name.trim()))
    };
    match named(service).or_else(|| named(&settings.billy.product)) {
        Some(p) => Ok(p.id.clone()),
        None => Err(Fail::Billy(BillyError::Invalid(RequestRefusal::new(
            RequestKind::NoProduct {
                service: service.trim().to_string(),
                product: settings.billy.product.clone(),
            },
            format!(
                "Billy has no product named {:?} or {:?}: create one in Billy (with 25 % VAT), \
                 or name an existing one in [billy] product",
                service.trim(),
                settings.billy.product
            ),
        )))),
    }
}

/// Billy's invoice `id`, and whether credit notes took it back in full.
/// Billy shows a fully credited invoice as settled (`isPaid`, no balance),
/// so only an invoice that looks paid is checked for credit notes: one more
/// listing, of its contact's invoices, at that moment only.
async fn checked(client: &BillyClient, id: &str) -> Result<(Invoice, bool), BillyError> {
    let inv = client.invoice(id).await?;
    if !inv.is_paid || inv.state == InvoiceState::Voided {
        return Ok((inv, false));
    }
    let all = client.invoices_of_contact(&inv.contact_id).await?;
    let credited = credited_in_full(&inv, credited_ore(&all, &inv.id));
    Ok((inv, credited))
}

/// Asks Billy about approved, unpaid invoices (or only the one booking
/// `only` is on). `done` lists the ones newly paid.
pub async fn poll_payments(
    store: &mut Store,
    client: &BillyClient,
    only: Option<i64>,
) -> Result<Delivered> {
    let only = match only {
        Some(booking) => match store.invoice(booking)? {
            Some(rec) => Some(rec.id),
            None => return Ok(Delivered::default()),
        },
        None => None,
    };
    let mut out = Delivered::default();
    let mut names: HashMap<i64, String> = HashMap::new();
    for rec in store.unpaid_invoices()? {
        if only.is_some_and(|id| id != rec.id) {
            continue;
        }
        let Some(billy_id) = rec.billy_id.clone() else {
            continue;
        };
        match checked(client, &billy_id).await {
            Ok((inv, credited)) => {
                let voided = credited || inv.state == InvoiceState::Voided;
                let action = match (voided, inv.is_paid) {
                    (true, _) => "invoice.voided",
                    (false, true) => "invoice.paid",
                    (false, false) => "invoice.update",
                };
                let after = store.invoice_remote(rec.id, &remote(&inv, voided), action)?;
                if !voided && !after.paid {
                    continue;
                }
                let name = match names.get(&rec.customer_id) {
                    Some(n) => n.clone(),
                    None => {
                        let n = store.customer(rec.customer_id)?.name;
                        names.insert(rec.customer_id, n.clone());
                        n
                    }
                };
                if voided {
                    out.refused.push(match (rec.month, rec.booking_id) {
                        (None, Some(booking)) => Delivery::InvoiceVoided {
                            booking,
                            number: after.number_text(),
                            credited,
                        },
                        (month, _) => Delivery::MonthlyInvoiceVoided {
                            customer: name,
                            month: month.unwrap_or_else(|| Month::of(rec.entry_date)),
                            number: after.number_text(),
                            credited,
                        },
                    });
                } else {
                    out.done.push(Delivery::InvoicePaid {
                        number: after.number_text(),
                        customer: name,
                    });
                }
            }
            Err(e) if e.is_transient() => {
                out.retrying.push(Delivery::PaymentCheckFailed {
                    invoice: None,
                    error: e.into(),
                });
                break;
            }
            Err(e) => out.refused.push(Delivery::PaymentCheckFailed {
                invoice: Some(rec.number_text()),
                error: e.into(),
            }),
        }
    }
    Ok(out)
}
