//! Invoices as Billy lists them: every page searched, amounts that match
//! our quote for awkward durations and rates, credit notes and voided
//! invoices told apart.

use super::*;

#[tokio::test]
async fn the_default_page_is_1000_and_every_page_is_searched() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    assert!(sb.billy().seed_invoices(&contact, 1000, "Booking older"));
    let last = c
        .create_invoice(&cleaning(&contact, "B-last", false))
        .await
        .expect("invoice");
    sb.billy().reset_stats();
    let list = c.invoices_of_contact(&contact).await.expect("list");
    assert_eq!(list.len(), 1001);
    assert_eq!(list[1000].id, last.id, "found on the second page");
    assert_eq!(sb.billy().stats().invoice_list, 2);
    // Without `pageSize` Billy answers pages of 1000.
    let resp: Value = http()
        .get(format!(
            "{}invoices?contactId={contact}",
            sb.billy_base_url()
        ))
        .header("X-Access-Token", BILLY_API_KEY)
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(resp["invoices"].as_array().map(Vec::len), Some(1000));
    assert_eq!(
        resp["meta"]["paging"],
        json!({"page": 1, "pageCount": 2, "pageSize": 1000, "total": 1001})
    );
}

/// Billy keeps a quantity to two decimals and rounds the line to the øre;
/// the quantity we send is what it keeps, so its amount is our quote.
#[tokio::test]
async fn billys_amount_is_our_quote_for_awkward_durations_and_rates() {
    use renos::domain::invoice::{line_net, quantity_centi, round_up};
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    for rate in [34_900, 33_333, 34_950] {
        // Billed minutes: rounded to 15/30/60, and unrounded (80 min is
        // 1.333… h, sent as 1.33).
        for unit in [0, 15, 30, 60] {
            for worked in [7, 80, 170, 181] {
                let billed = round_up(worked, unit);
                let q = quantity_centi(billed);
                let mut inv = cleaning(&contact, "B-q", false);
                inv.lines[0].quantity_centi = q;
                inv.lines[0].unit_price_ore = rate;
                let made = c.create_invoice(&inv).await.expect("invoice");
                assert_eq!(
                    made.amount_ore,
                    line_net(q, rate),
                    "{worked} min, unit {unit}, rate {rate}"
                );
            }
        }
    }
    // What a client sending 1.3333… would get: Billy keeps 1.33.
    let http = http();
    let body = json!({"invoice": {
        "organizationId": BILLY_ORGANIZATION_ID, "contactId": contact,
        "entryDate": "2026-03-02", "currencyId": "DKK",
        "lines": [{"productId": "prod-cleaning", "quantity": 80.0 / 60.0, "unitPrice": 349}],
    }});
    let resp: Value = http
        .post(format!("{}invoices", sb.billy_base_url()))
        .header("X-Access-Token", BILLY_API_KEY)
        .json(&body)
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(resp["invoiceLines"][0]["quantity"], json!(1.33));
    assert_eq!(resp["invoices"][0]["amount"], json!(464.17));
}

#[tokio::test]
async fn credit_notes_and_voided_invoices_are_listed_and_told_apart() {
    let sb = sandbox();
    let c = client(&sb);
    let http = http();
    let admin = format!("{}/admin/billy", sb.url());
    let contact = a_contact(&c).await;
    let a = c
        .create_invoice(&cleaning(&contact, "B-1", true))
        .await
        .expect("a");
    let b = c
        .create_invoice(&cleaning(&contact, "B-2", true))
        .await
        .expect("b");
    let draft = c
        .create_invoice(&cleaning(&contact, "B-3", false))
        .await
        .expect("draft");

    let resp = http
        .post(format!("{admin}/invoices/{}/credit", a.id))
        .send()
        .await
        .expect("credit");
    assert_eq!(resp.status().as_u16(), 200);
    let note: Value = resp.json().await.expect("json");
    let note = &note["creditNote"];
    assert_eq!(note["type"], "creditNote");
    assert_eq!(note["creditedInvoiceId"], a.id.as_str());
    assert_eq!(note["contactMessage"], "Booking B-1");
    // Crediting twice, or a draft, is refused.
    for id in [&a.id, &draft.id] {
        let again = http
            .post(format!("{admin}/invoices/{id}/credit"))
            .send()
            .await
            .expect("credit");
        assert_eq!(again.status().as_u16(), 422);
    }
    let resp = http
        .post(format!("{admin}/invoices/{}/void", b.id))
        .send()
        .await
        .expect("void");
    assert_eq!(resp.status().as_u16(), 200);

    let list = c.invoices_of_contact(&contact).await.expect("list");
    assert_eq!(list.len(), 4);
    let by_id = |id: &str| list.iter().find(|i| i.id == id).expect("listed");
    let credited = by_id(&a.id);
    assert!(credited.is_live_invoice());
    assert!(
        credited.is_paid && credited.balance_ore == 0,
        "{credited:?}"
    );
    let note = list
        .iter()
        .find(|i| i.kind == InvoiceKind::CreditNote)
        .expect("credit note");
    assert_eq!(note.credited_invoice_id.as_deref(), Some(a.id.as_str()));
    assert!(!note.is_live_invoice());
    let voided = by_id(&b.id);
    assert_eq!(voided.state, InvoiceState::Voided);
    assert!(!voided.is_paid && !voided.is_live_invoice());
    assert_eq!(voided.balance_ore, 0);
    // A voided invoice cannot be approved, sent, paid or deleted.
    assert!(matches!(
        c.approve_invoice(&b.id).await,
        Err(BillyError::Invalid(_))
    ));
    assert!(!sb.billy().set_paid(&b.id, true));
    assert!(!sb.billy().set_paid(&note.id, true));
    // `state=voided` filters.
    let (status, body) = {
        let resp = http
            .get(format!(
                "{}invoices?contactId={contact}&state=voided",
                sb.billy_base_url()
            ))
            .header("X-Access-Token", BILLY_API_KEY)
            .send()
            .await
            .expect("send");
        (
            resp.status().as_u16(),
            resp.json::<Value>().await.expect("json"),
        )
    };
    assert_eq!(status, 200);
    assert_eq!(body["invoices"].as_array().map(Vec::len), Some(1));
    assert!(sb.billy().void(&b.id), "voiding again changes nothing");
    assert!(!sb.billy().void("inv-nothing"));
}
