//! Invoices in Billy from finished jobs, against the Billy sandbox through
//! the real client: amounts and VAT, approval, payment, contact reuse, a
//! lost answer, and refusals.

use crate::office_env;

use chrono::Duration;
use office_env::*;
use renos::domain::invoice::PaymentState;
use renos::engine::billing;
use renos::engine::delivery::Delivery;
use renos::sandbox::BillyFaults;
use renos::store::{BILLY_INVOICE, InvoiceStage};
use renos::words::news;
use serde_json::Value;

fn invoices_with(env: &Env, reference: &str) -> Vec<Value> {
    env.sandbox
        .billy()
        .invoices()
        .into_iter()
        .filter(|i| i["contactMessage"].as_str() == Some(reference))
        .collect()
}

#[test]
fn a_finished_job_becomes_a_draft_with_the_right_amounts_then_is_approved_and_paid() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Hansen & Søn");
    // 2 h 50 min worked: rounded up to 3 h; 3 × 349 kr = 1,047 kr excl. VAT.
    let id = finished(&mut store, &s, at(7, 0), Duration::minutes(170));
    let q = billing::quote(&store, &env.settings, id).expect("quote");
    assert_eq!((q.charge.billed_min, q.charge.net_ore), (180, 104_700));
    assert_eq!((q.charge.vat_ore, q.charge.gross_ore), (26_175, 130_875));

    let rec = billing::request(&mut store, &env.settings, id, false).expect("request");
    assert_eq!(rec.stage, InvoiceStage::Pending);
    let rt = rt();
    let client = billing::client(&env.settings).expect("client");
    let d = rt
        .block_on(billing::deliver(&mut store, &client, &env.settings, None))
        .expect("deliver");
    assert!(d.retrying.is_empty() && d.refused.is_empty(), "{d:?}");

    let rec = store.invoice(id).expect("read").expect("invoice");
    assert_eq!(rec.stage, InvoiceStage::Draft);
    assert_eq!(rec.invoice_no, None, "a draft has no number yet");
    assert_eq!(
        (rec.net_ore, rec.vat_ore, rec.gross_ore),
        (104_700, 26_175, 130_875)
    );
    let remote = invoices_with(&env, &rec.reference);
    assert_eq!(remote.len(), 1);
    let inv = &remote[0];
    assert_eq!(inv["state"], "draft");
    assert_eq!(inv["amount"].as_f64(), Some(1047.0));
    assert_eq!(inv["tax"].as_f64(), Some(261.75));
    assert_eq!(inv["paymentTermsDays"].as_u64(), Some(8));
    // The contact was made from the customer and kept on it.
    let contacts = env.sandbox.billy().contacts();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0]["name"], "Hansen & Søn");
    let (contact, _) = store
        .billy_contact(s.customer)
        .expect("read")
        .expect("contact kept");
    assert_eq!(inv["contactId"].as_str(), Some(contact.as_str()));
    assert_eq!(rec.payment(now().date_naive()), PaymentState::Draft);

    // The dispatcher confirms: approved, numbered.
    store.request_approval(id, false).expect("approve");
    rt.block_on(billing::deliver(
        &mut store,
        &client,
        &env.settings,
        Some(id),
    ))
    .expect("deliver");
    let rec = store.invoice(id).expect("read").expect("invoice");
    assert_eq!(rec.stage, InvoiceStage::Approved);
    let no = rec.invoice_no.clone().expect("a number");
    assert_eq!(
        invoices_with(&env, &rec.reference)[0]["invoiceNo"].as_str(),
        Some(no.as_str())
    );
    assert_eq!(rec.payment(now().date_naive()), PaymentState::Unpaid);

    // Not paid yet: polling changes nothing.
    let d = rt
        .block_on(billing::poll_payments(&mut store, &client, None))
        .expect("poll");
    assert!(d.done.is_empty(), "{d:?}");
    // The customer pays; the next poll sees it.
    let billy_id = rec.billy_id.clone().expect("billy id");
    assert!(env.sandbox.billy().set_paid(&billy_id, true));
    let d = rt
        .block_on(billing::poll_payments(&mut store, &client, None))
        .expect("poll");
    assert_eq!(
        d.done,
        vec![Delivery::InvoicePaid {
            number: no.clone(),
            customer: "Hansen & Søn".into()
        }]
    );
    assert_eq!(
        news::delivery(renos::i18n::Language::En.words(), &d.done[0]),
        format!("Invoice {no} (Hansen & Søn) is paid")
    );
    let rec = store.invoice(id).expect("read").expect("invoice");
    assert!(rec.paid && rec.paid_at.is_some());
    assert_eq!(rec.payment(now().date_naive()), PaymentState::Paid);
    assert_eq!(rec.balance_ore, Some(0));
    let journal = store.journal(Some(("booking", id)), 20).expect("journal");
    let actions: Vec<&str> = journal.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "invoice.request",
        "invoice.create",
        "invoice.approve",
        "invoice.paid",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    // Never twice.
    let e = billing::request(&mut store, &env.settings, id, false).expect_err("twice");
    assert!(e.to_string().contains("already invoiced"), "{e}");
}

#[test]
fn auto_approve_numbers_at_once_and_an_unpaid_invoice_goes_overdue() {
    let mut env = Env::new();
    env.settings.billy.auto_approve = true;
    env.settings.billing.payment_terms_days = 3;
    let mut store = env.store();
    let s = seed(&mut store, "Jensen");
    let id = finished(&mut store, &s, at(7, 0), Duration::minutes(181));
    billing::request(&mut store, &env.settings, id, false).expect("request");
    let client = billing::client(&env.settings).expect("client");
    rt().block_on(billing::deliver(&mut store, &client, &env.settings, None))
        .expect("deliver");
    let rec = store.invoice(id).expect("read").expect("invoice");
    assert_eq!(rec.stage, InvoiceStage::Approved);
    assert!(rec.invoice_no.is_some());
    // 3 h 1 min → 3 h 15 min: 1,134.25 kr + 283.56 kr VAT.
    assert_eq!((rec.billed_min, rec.net_ore), (195, 113_425));
    assert_eq!(rec.vat_ore, 28_356);
    let due = rec.due_date.expect("due date");
    assert_eq!(due, now().date_naive() + Duration::days(3));
    assert_eq!(rec.payment(due), PaymentState::Unpaid);
    assert_eq!(rec.payment(due + Duration::days(1)), PaymentState::Overdue);
}

#[test]
fn a_customer_keeps_one_contact_across_invoices() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Bach");
    let a = finished(&mut store, &s, at(6, 0), Duration::hours(2));
    let b = finished(&mut store, &s, at(9, 0), Duration::hours(1));
    let client = billing::client(&env.settings).expect("client");
    let rt = rt();
    for id in [a, b] {
        billing::request(&mut store, &env.settings, id, true).expect("request");
        rt.block_on(billing::deliver(
            &mut store,
            &client,
            &env.settings,
            Some(id),
        ))
        .expect("deliver");
    }
    assert_eq!(env.sandbox.billy().contacts().len(), 1);
    let all = env.sandbox.billy().invoices();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["contactId"], all[1]["contactId"]);
}

#[test]
fn a_lost_answer_then_a_retry_makes_no_second_invoice() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Lund");
    let id = finished(&mut store, &s, at(7, 0), Duration::hours(3));
    let client = billing::client(&env.settings).expect("client");
    let rt = rt();
    // A new customer: the contact is made, then the invoice loses its answer.
    env.sandbox.billy().set_faults(BillyFaults {
        drop_after: 1,
        fail_on: Some("invoices".into()),
        ..BillyFaults::default()
    });
    let rec = billing::request(&mut store, &env.settings, id, false).expect("request");
    let d = rt
        .block_on(billing::deliver(
            &mut store,
            &client,
            &env.settings,
            Some(id),
        ))
        .expect("deliver");
    assert_eq!(d.retrying.len(), 1, "{d:?}");
    // Billy has it; we do not know.
    assert_eq!(invoices_with(&env, &rec.reference).len(), 1);
    let local = store.invoice(id).expect("read").expect("invoice");
    assert_eq!(local.stage, InvoiceStage::Pending);
    assert!(!local.error.is_empty());
    let entry = store
        .outbox_entry(BILLY_INVOICE, &rec.id.to_string())
        .expect("read")
        .expect("still queued");
    assert!(entry.next_at > now() && !entry.failed);

    // The retry finds it instead of making another.
    rt.block_on(billing::deliver(
        &mut store,
        &client,
        &env.settings,
        Some(id),
    ))
    .expect("deliver");
    assert_eq!(invoices_with(&env, &rec.reference).len(), 1);
    let local = store.invoice(id).expect("read").expect("invoice");
    assert_eq!(local.stage, InvoiceStage::Draft);
    assert!(local.error.is_empty());
    let journal = store.journal(Some(("booking", id)), 20).expect("journal");
    assert!(journal.iter().any(|e| e.action == "invoice.found"));
    assert!(
        store
            .outbox_entry(BILLY_INVOICE, &rec.id.to_string())
            .expect("read")
            .is_none()
    );
}

#[test]
fn server_errors_are_retried_and_refusals_are_not() {
    let mut env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Holm");
    let id = finished(&mut store, &s, at(7, 0), Duration::hours(2));
    let client = billing::client(&env.settings).expect("client");
    let rt = rt();
    // 429 on creating is never processed: the client tries again itself.
    env.sandbox.billy().set_faults(BillyFaults {
        rate_limit: 1,
        fail_on: Some("invoices".into()),
        ..BillyFaults::default()
    });
    billing::request(&mut store, &env.settings, id, false).expect("request");
    let d = rt
        .block_on(billing::deliver(
            &mut store,
            &client,
            &env.settings,
            Some(id),
        ))
        .expect("deliver");
    assert!(d.retrying.is_empty() && d.refused.is_empty(), "{d:?}");
    assert_eq!(env.sandbox.billy().invoices().len(), 1);

    // A 500 may or may not have been processed: left for a later round,
    // which searches first. (A new customer, so the 500 hits the creation.)
    let s2 = seed(&mut store, "Holm II");
    let id2 = finished(&mut store, &s2, at(10, 0), Duration::hours(1));
    env.sandbox.billy().set_faults(BillyFaults {
        server_error: 1,
        fail_on: Some("invoices".into()),
        ..BillyFaults::default()
    });
    billing::request(&mut store, &env.settings, id2, false).expect("request");
    let d = rt
        .block_on(billing::deliver(
            &mut store,
            &client,
            &env.settings,
            Some(id2),
        ))
        .expect("deliver");
    assert_eq!(d.retrying.len(), 1, "{d:?}");
    rt.block_on(billing::deliver(
        &mut store,
        &client,
        &env.settings,
        Some(id2),
    ))
    .expect("deliver");
    assert_eq!(env.sandbox.billy().invoices().len(), 2);

    // A product Billy does not have: refused, kept for the dispatcher, not retried.
    env.settings.billy.product = "Ingen".into();
    let id3 = store
        .add_booking(renos::store::NewBooking {
            customer_id: s.customer,
            staff_id: Some(s.staff),
            service: "Ukendt".into(),
            start: at(11, 0),
            end: at(12, 0),
            estimate_min: 60,
            status: renos::domain::BookingStatus::Completed,
            started_at: Some(at(11, 0)),
            finished_at: Some(at(12, 0)),
            address: String::new(),
            notes: String::new(),
        })
        .expect("booking")
        .id;
    let rec3 = billing::request(&mut store, &env.settings, id3, false).expect("request");
    let d = rt
        .block_on(billing::deliver(
            &mut store,
            &client,
            &env.settings,
            Some(id3),
        ))
        .expect("deliver");
    assert_eq!(d.refused.len(), 1, "{d:?}");
    assert!(
        news::delivery(renos::i18n::Language::En.words(), &d.refused[0])
            .contains("no product named"),
        "{d:?}"
    );
    let entry = store
        .outbox_entry(BILLY_INVOICE, &rec3.id.to_string())
        .expect("read")
        .expect("kept");
    assert!(entry.failed);
    // Not tried again by a later round.
    let d = rt
        .block_on(billing::deliver(&mut store, &client, &env.settings, None))
        .expect("deliver");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(env.sandbox.billy().invoices().len(), 2);
}

#[test]
fn a_wrong_key_is_refused_for_good_with_words() {
    let mut env = Env::new();
    env.settings.billy.api_key = Some("wrong".into());
    let mut store = env.store();
    let s = seed(&mut store, "Kofoed");
    let id = finished(&mut store, &s, at(7, 0), Duration::hours(1));
    let client = billing::client(&env.settings).expect("client");
    let asked = billing::request(&mut store, &env.settings, id, false).expect("request");
    let d = rt()
        .block_on(billing::deliver(&mut store, &client, &env.settings, None))
        .expect("deliver");
    assert_eq!(d.refused.len(), 1, "{d:?}");
    let entry = store
        .outbox_entry(BILLY_INVOICE, &asked.id.to_string())
        .expect("read")
        .expect("kept");
    assert!(entry.failed);
    let rec = store.invoice(id).expect("read").expect("invoice");
    assert!(!rec.error.is_empty());
    assert!(env.sandbox.billy().invoices().is_empty());
    // Fixed, asked again: it goes through.
    let client = billing::client(&settings_for(&env.sandbox)).expect("client");
    store.retry_invoice(id).expect("retry");
    rt().block_on(billing::deliver(
        &mut store,
        &client,
        &env.settings,
        Some(id),
    ))
    .expect("deliver");
    assert_eq!(env.sandbox.billy().invoices().len(), 1);
}

fn deliver_one(
    env: &Env,
    store: &mut renos::store::Store,
    id: i64,
) -> renos::engine::delivery::Delivered {
    let client = billing::client(&env.settings).expect("client");
    rt().block_on(billing::deliver(store, &client, &env.settings, Some(id)))
        .expect("deliver")
}

fn lose_the_next_create(env: &Env) {
    env.sandbox.billy().set_faults(BillyFaults {
        drop_after: 1,
        fail_on: Some("POST /billy/v2/invoices".into()),
        ..BillyFaults::default()
    });
}

/// Bookings 170, 71, 17, 7 and 1 of one customer (one Billy contact), each
/// created with its answer lost, longest id first so that a prefix search
/// would meet another booking's invoice before its own; then every retry.
#[test]
fn bookings_17_and_170_and_1_7_71_each_end_with_exactly_their_own_invoice() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Juhl");
    let mut ids = Vec::new();
    for n in 0..170 {
        ids.push(finished(
            &mut store,
            &s,
            at(6, 0) - Duration::days(n + 1),
            Duration::hours(2),
        ));
    }
    let wanted = [170i64, 71, 17, 7, 1];
    for id in wanted {
        assert!(ids.contains(&id), "booking #{id} exists");
    }
    for id in wanted {
        billing::request(&mut store, &env.settings, id, true).expect("request");
        lose_the_next_create(&env);
        let d = deliver_one(&env, &mut store, id);
        assert_eq!(d.retrying.len(), 1, "#{id}: {d:?}");
        let rec = store.invoice(id).expect("read").expect("invoice");
        assert_eq!(rec.stage, InvoiceStage::Pending, "#{id}");
    }
    assert_eq!(env.sandbox.billy().invoices().len(), 5);
    // Every retry, shortest id first, then all of them once more.
    for id in wanted.iter().rev().chain(wanted.iter()) {
        let d = deliver_one(&env, &mut store, *id);
        assert!(
            d.retrying.is_empty() && d.refused.is_empty(),
            "#{id}: {d:?}"
        );
    }
    let remote = env.sandbox.billy().invoices();
    assert_eq!(remote.len(), 5, "no invoice made twice");
    let mut billy_ids = std::collections::HashSet::new();
    for id in wanted {
        let rec = store.invoice(id).expect("read").expect("invoice");
        assert_eq!(rec.stage, InvoiceStage::Approved, "#{id}");
        let billy_id = rec.billy_id.clone().expect("billy id");
        let inv = remote
            .iter()
            .find(|i| i["id"] == billy_id.as_str())
            .expect("in Billy");
        assert_eq!(
            inv["contactMessage"].as_str(),
            Some(rec.reference.as_str()),
            "booking #{id} adopted another booking's invoice"
        );
        assert!(billy_ids.insert(billy_id), "#{id}: shared invoice");
        let journal = store.journal(Some(("booking", id)), 20).expect("journal");
        assert!(journal.iter().any(|e| e.action == "invoice.found"), "#{id}");
    }
}

#[test]
fn a_voided_invoice_is_not_paid_and_the_job_is_invoiced_again_once() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Vang");
    let id = finished(&mut store, &s, at(7, 0), Duration::hours(3));
    billing::request(&mut store, &env.settings, id, true).expect("request");
    deliver_one(&env, &mut store, id);
    let first = store.invoice(id).expect("read").expect("invoice");
    let first_id = first.billy_id.clone().expect("billy id");
    assert!(env.sandbox.billy().void(&first_id));

    let client = billing::client(&env.settings).expect("client");
    let rt = rt();
    let d = rt
        .block_on(billing::poll_payments(&mut store, &client, None))
        .expect("poll");
    assert!(d.done.is_empty(), "a void is no payment: {d:?}");
    assert_eq!(d.refused.len(), 1, "{d:?}");
    let rec = store.invoice(id).expect("read").expect("invoice");
    assert_eq!(rec.stage, InvoiceStage::Voided);
    assert!(!rec.paid);
    assert_eq!(rec.payment(now().date_naive()), PaymentState::Voided);
    assert!(store.unpaid_invoices().expect("read").is_empty());
    let before = env.sandbox.billy().stats().invoice_get;
    rt.block_on(billing::poll_payments(&mut store, &client, None))
        .expect("poll");
    assert_eq!(
        env.sandbox.billy().stats().invoice_get,
        before,
        "a voided invoice is not polled"
    );

    // `I` again: a new invoice, whose answer is lost; the retry finds the
    // new one, never the voided one, and makes no third.
    store.retry_invoice(id).expect("again");
    lose_the_next_create(&env);
    let d = deliver_one(&env, &mut store, id);
    assert_eq!(d.retrying.len(), 1, "{d:?}");
    let d = deliver_one(&env, &mut store, id);
    assert!(d.retrying.is_empty() && d.refused.is_empty(), "{d:?}");
    let rec = store.invoice(id).expect("read").expect("invoice");
    assert_eq!(rec.stage, InvoiceStage::Draft, "asks for approval anew");
    let second_id = rec.billy_id.clone().expect("billy id");
    assert_ne!(second_id, first_id);
    let all = invoices_with(&env, &rec.reference);
    assert_eq!(all.len(), 2);
    assert_eq!(
        all.iter().filter(|i| i["state"] != "voided").count(),
        1,
        "{all:?}"
    );
    let journal = store.journal(Some(("booking", id)), 30).expect("journal");
    for a in ["invoice.voided", "invoice.reissue", "invoice.found"] {
        assert!(journal.iter().any(|e| e.action == a), "{a}");
    }
}

#[test]
fn a_credited_invoice_is_not_paid_and_its_credit_note_is_never_adopted() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Krog");
    let id = finished(&mut store, &s, at(7, 0), Duration::hours(2));
    billing::request(&mut store, &env.settings, id, true).expect("request");
    deliver_one(&env, &mut store, id);
    let first = store.invoice(id).expect("read").expect("invoice");
    let first_id = first.billy_id.clone().expect("billy id");
    let note = env.sandbox.billy().credit(&first_id).expect("credited");
    // Billy lists the credit note with the invoice, carrying its message.
    let listed = invoices_with(&env, &first.reference);
    assert_eq!(listed.len(), 2);
    let n = listed
        .iter()
        .find(|i| i["id"] == note.as_str())
        .expect("note");
    assert_eq!(n["type"], "creditNote");
    assert_eq!(n["creditedInvoiceId"], first_id.as_str());

    let client = billing::client(&env.settings).expect("client");
    let d = rt()
        .block_on(billing::poll_payments(&mut store, &client, None))
        .expect("poll");
    assert!(d.done.is_empty(), "a credit is no payment: {d:?}");
    let rec = store.invoice(id).expect("read").expect("invoice");
    assert_eq!(rec.stage, InvoiceStage::Voided);
    assert!(!rec.paid && rec.paid_at.is_none());

    store.retry_invoice(id).expect("again");
    lose_the_next_create(&env);
    deliver_one(&env, &mut store, id);
    deliver_one(&env, &mut store, id);
    let rec = store.invoice(id).expect("read").expect("invoice");
    let new_id = rec.billy_id.clone().expect("billy id");
    assert!(new_id != first_id && new_id != note, "{new_id}");
    assert_eq!(invoices_with(&env, &rec.reference).len(), 3);
}

/// Billy's amount is our quote for awkward rates and durations, through the
/// whole way (quote, request, Billy's own rounding).
#[test]
fn the_quote_is_what_billy_charges() {
    let mut env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Dahl");
    let client = billing::client(&env.settings).expect("client");
    let rt = rt();
    let mut n = 0;
    for rate in [34_900, 33_333, 44_950] {
        for round_min in [15, 30, 60] {
            for worked in [7, 80, 170, 181] {
                env.settings.billing.default_rate_ore = rate;
                env.settings.billing.round_min = round_min;
                n += 1;
                let id = finished(
                    &mut store,
                    &s,
                    at(6, 0) - Duration::days(n),
                    Duration::minutes(worked),
                );
                let q = billing::quote(&store, &env.settings, id).expect("quote");
                billing::request(&mut store, &env.settings, id, false).expect("request");
                rt.block_on(billing::deliver(
                    &mut store,
                    &client,
                    &env.settings,
                    Some(id),
                ))
                .expect("deliver");
                let rec = store.invoice(id).expect("read").expect("invoice");
                let what = format!("{worked} min, unit {round_min}, rate {rate}");
                assert_eq!(rec.stage, InvoiceStage::Draft, "{what}");
                assert_eq!(rec.net_ore, q.charge.net_ore, "{what}");
                assert_eq!(rec.vat_ore, q.charge.vat_ore, "{what}");
                assert_eq!(rec.gross_ore, q.charge.gross_ore, "{what}");
            }
        }
    }
}
