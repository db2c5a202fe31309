//! The Billy client against the sandbox's Billy fake: the organization
//! check, contacts, products, invoice money, paging, payment, e-mail, and
//! every fault the fake can show, with the retry rules for creating POSTs.

use std::time::Duration;

use chrono::NaiveDate;
use serde_json::{Value, json};

use renos::providers::billy::{
    BillyClient, BillyError, BillySettings, Invoice, InvoiceKind, InvoiceState, NewContact,
    NewInvoice, NewLine, RetryPolicy,
};
use renos::sandbox::{BILLY_API_KEY, BILLY_ORGANIZATION_ID, BillyFaults, Sandbox};

mod fake_http;
mod faults;
mod listing;

fn sandbox() -> Sandbox {
    Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox")
}

fn fast() -> RetryPolicy {
    RetryPolicy {
        retries: 3,
        base: Duration::from_millis(10),
        max_wait: Duration::from_millis(200),
        timeout: Duration::from_secs(5),
    }
}

fn settings(sb: &Sandbox) -> BillySettings {
    BillySettings {
        // Without the trailing '/': the client adds it.
        base_url: sb.billy_base_url().trim_end_matches('/').to_string(),
        api_key: BILLY_API_KEY.to_string(),
        organization_id: BILLY_ORGANIZATION_ID.to_string(),
        retry: fast(),
    }
}

fn client(sb: &Sandbox) -> BillyClient {
    BillyClient::new(settings(sb)).expect("client")
}

fn http() -> reqwest::Client {
    renos::providers::install_crypto_provider();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("http")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn new_contact(name: &str, email: &str) -> NewContact {
    NewContact {
        name: name.to_string(),
        company: false,
        street: "Åboulevarden 3".to_string(),
        zipcode: "8000".to_string(),
        city: "Aarhus C".to_string(),
        phone: "+4512345678".to_string(),
        email: email.to_string(),
    }
}

/// 3 h of cleaning at 349 kr/h, excl. VAT, reference `reference`.
fn cleaning(contact_id: &str, reference: &str, approved: bool) -> NewInvoice {
    NewInvoice {
        contact_id: contact_id.to_string(),
        entry_date: date(2026, 3, 2),
        payment_terms_days: 8,
        approved,
        contact_message: format!("Booking {reference}"),
        lines: vec![NewLine {
            product_id: "prod-cleaning".to_string(),
            description: "Rengøring 3 timer".to_string(),
            quantity_centi: 300,
            unit_price_ore: 34_900,
        }],
    }
}

async fn a_contact(c: &BillyClient) -> String {
    c.create_contact(&new_contact("Mette Hansen", "mette@hansen.dk"))
        .await
        .expect("contact")
        .id
}

fn assert_1047(inv: &Invoice) {
    assert_eq!(inv.amount_ore, 104_700);
    assert_eq!(inv.tax_ore, 26_175);
    assert_eq!(inv.gross_ore, 130_875);
}

#[tokio::test]
async fn organization_matches() {
    let sb = sandbox();
    let c = client(&sb);
    let org = c.organization().await.expect("organization");
    assert_eq!(org.id, BILLY_ORGANIZATION_ID);
    assert_eq!(org.name, "RenOS Sandbox ApS");
    assert_eq!(c.requests(), 1);
    assert_eq!(sb.billy().stats().organization, 1);
    assert_eq!(c.settings().base_url, sb.billy_base_url());
}

#[tokio::test]
async fn a_wrong_api_key_is_auth_and_says_what_to_fix() {
    let sb = sandbox();
    let c = BillyClient::new(BillySettings {
        api_key: "wrong-secret-key-42".to_string(),
        ..settings(&sb)
    })
    .expect("client");
    match c.organization().await {
        Err(BillyError::Auth(m)) => {
            assert!(m.contains("BILLY_API_KEY"), "{m}");
            assert!(m.contains("401"), "{m}");
            assert!(!m.contains("wrong-secret-key-42"), "{m}");
            assert!(!m.contains('\n'), "{m}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.requests(), 1, "an auth error is not retried");
    // Creating is refused the same way, nothing is created.
    let e = c
        .create_contact(&new_contact("X", ""))
        .await
        .expect_err("refused");
    assert!(matches!(e, BillyError::Auth(_)), "{e:?}");
    assert!(sb.billy().contacts().is_empty());
}

#[tokio::test]
async fn a_wrong_organization_is_auth_naming_the_setting() {
    let sb = sandbox();
    let c = BillyClient::new(BillySettings {
        organization_id: "someone-elses-org".to_string(),
        ..settings(&sb)
    })
    .expect("client");
    match c.organization().await {
        Err(BillyError::Auth(m)) => {
            assert!(m.contains("BILLY_ORGANIZATION_ID"), "{m}");
            assert!(m.contains("someone-elses-org"), "{m}");
            assert!(m.contains(BILLY_ORGANIZATION_ID), "{m}");
        }
        other => panic!("{other:?}"),
    }
    // Billy refuses a body naming another organization: 403 → Auth.
    match c.create_contact(&new_contact("X", "")).await {
        Err(BillyError::Auth(m)) => assert!(m.contains("BILLY_ORGANIZATION_ID"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(sb.billy().contacts().is_empty());
}

#[tokio::test]
async fn an_unreachable_host_is_network_and_even_creates_are_retried() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let c = BillyClient::new(BillySettings {
        base_url: format!("http://127.0.0.1:{port}/billy/v2/"),
        api_key: BILLY_API_KEY.to_string(),
        organization_id: BILLY_ORGANIZATION_ID.to_string(),
        retry: RetryPolicy {
            retries: 2,
            ..fast()
        },
    })
    .expect("client");
    match c.organization().await {
        Err(BillyError::Network(m)) => assert!(m.contains("cannot reach Billy"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.requests(), 3);
    // A connection that could not be opened carried nothing: safe to repeat.
    let e = c
        .create_invoice(&cleaning("c", "B-1", false))
        .await
        .expect_err("offline");
    assert!(matches!(e, BillyError::Network(_)), "{e:?}");
    assert!(e.is_transient());
    assert_eq!(c.requests(), 6);
}

#[tokio::test]
async fn contacts_with_and_without_a_person() {
    let sb = sandbox();
    let c = client(&sb);
    let made = c
        .create_contact(&new_contact("Mette Hansen", "mette@hansen.dk"))
        .await
        .expect("contact");
    assert_eq!(made.name, "Mette Hansen");
    let person = made.contact_person_id.clone().expect("a primary person");
    assert_eq!(c.requests(), 1, "the person comes with the answer");

    let got = c.contact(&made.id).await.expect("get");
    assert_eq!(got, made);

    let stored = sb.billy().contacts();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["type"], "person");
    assert_eq!(stored[0]["countryId"], "DK");
    assert_eq!(stored[0]["zipcodeText"], "8000");
    assert_eq!(stored[0]["cityText"], "Aarhus C");
    assert_eq!(stored[0]["isCustomer"], true);

    let firm = c
        .create_contact(&NewContact {
            company: true,
            ..new_contact("Hansen ApS", "")
        })
        .await
        .expect("company");
    assert_eq!(firm.contact_person_id, None);
    assert_eq!(
        c.contact(&firm.id).await.expect("get").contact_person_id,
        None
    );
    assert_eq!(sb.billy().contacts()[1]["type"], "company");
    assert_ne!(firm.id, made.id);
    assert_ne!(Some(person), firm.contact_person_id);

    match c.contact("contact-nobody").await {
        Err(BillyError::NotFound(m)) => assert!(m.contains("contact-nobody"), "{m}"),
        other => panic!("{other:?}"),
    }
    // An empty name is Billy's to refuse.
    match c.create_contact(&new_contact(" ", "")).await {
        Err(BillyError::Invalid(m)) => assert!(m.contains("contact.name"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn products_are_seeded() {
    let sb = sandbox();
    let c = client(&sb).with_page_size(2);
    let products = c.products().await.expect("products");
    let names: Vec<&str> = products.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Rengøring", "Flytterengøring", "Kørsel"]);
    assert_eq!(products[0].id, "prod-cleaning");
    assert_eq!(sb.billy().stats().product_list, 2, "two pages of two");
}

#[tokio::test]
async fn a_draft_of_three_hours_at_349() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    let inv = c
        .create_invoice(&cleaning(&contact, "B-17", false))
        .await
        .expect("invoice");
    assert_1047(&inv);
    assert_eq!(inv.balance_ore, 130_875);
    assert!(!inv.is_paid);
    assert_eq!(inv.invoice_no, None);
    assert_eq!(inv.state, InvoiceState::Draft);
    assert_eq!(inv.contact_id, contact);
    assert_eq!(inv.entry_date, Some(date(2026, 3, 2)));
    assert_eq!(inv.due_date, Some(date(2026, 3, 10)));
    assert_eq!(inv.contact_message, "Booking B-17");
    assert_eq!(c.invoice(&inv.id).await.expect("get"), inv);

    let stored = sb.billy().invoices();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["amount"], json!(1047.0));
    assert_eq!(stored[0]["tax"], json!(261.75));
    assert_eq!(stored[0]["grossAmount"], json!(1308.75));
    assert_eq!(stored[0]["taxMode"], "excl");
    let lines = sb.billy().invoice_lines();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["description"], "Rengøring 3 timer");
    assert_eq!(lines[0]["unitPrice"], json!(349.0));
}

#[tokio::test]
async fn lines_with_and_without_vat_and_quarter_hours() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    let mut inv = cleaning(&contact, "B-2", false);
    inv.lines[0].quantity_centi = 325;
    inv.lines[0].unit_price_ore = 34_950;
    inv.lines.push(NewLine {
        product_id: "prod-driving".to_string(),
        description: "Kørsel 42 km".to_string(),
        quantity_centi: 4_200,
        unit_price_ore: 379,
    });
    let made = c.create_invoice(&inv).await.expect("invoice");
    // 3.25 × 349.50 = 1135.875 → 1135.88 (+ 283.97 VAT); 42 × 3.79 = 159.18, no VAT.
    assert_eq!(made.amount_ore, 113_588 + 15_918);
    assert_eq!(made.tax_ore, 28_397);
    assert_eq!(made.gross_ore, 113_588 + 15_918 + 28_397);
}

#[tokio::test]
async fn approving_numbers_the_invoice() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    let first = c
        .create_invoice(&cleaning(&contact, "B-1", false))
        .await
        .expect("draft");
    let second = c
        .create_invoice(&cleaning(&contact, "B-2", true))
        .await
        .expect("approved at once");
    assert_eq!(second.state, InvoiceState::Approved);
    assert_eq!(second.invoice_no.as_deref(), Some("1001"));

    let approved = c.approve_invoice(&first.id).await.expect("approve");
    assert_eq!(approved.state, InvoiceState::Approved);
    assert_eq!(approved.invoice_no.as_deref(), Some("1002"));
    assert_1047(&approved);
    // Approving again is fine and changes nothing.
    let again = c.approve_invoice(&first.id).await.expect("again");
    assert_eq!(again, approved);
    assert_eq!(c.invoice(&first.id).await.expect("get"), approved);
    assert_eq!(sb.billy().stats().invoice_approve, 2);

    match c.approve_invoice("inv-nothing").await {
        Err(BillyError::NotFound(m)) => assert!(m.contains("inv-nothing"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_invoices_of_a_contact_over_several_pages() {
    let sb = sandbox();
    let c = client(&sb).with_page_size(2);
    let mine = a_contact(&c).await;
    let other = a_contact(&c).await;
    for n in 0..5 {
        c.create_invoice(&cleaning(&mine, &format!("B-{n}"), n % 2 == 0))
            .await
            .expect("invoice");
    }
    c.create_invoice(&cleaning(&other, "B-other", true))
        .await
        .expect("invoice");
    sb.billy().reset_stats();
    let list = c.invoices_of_contact(&mine).await.expect("list");
    let refs: Vec<&str> = list.iter().map(|i| i.contact_message.as_str()).collect();
    assert_eq!(
        refs,
        [
            "Booking B-0",
            "Booking B-1",
            "Booking B-2",
            "Booking B-3",
            "Booking B-4"
        ]
    );
    assert!(list.iter().all(|i| i.contact_id == mine));
    assert_eq!(
        list.iter()
            .filter(|i| i.state == InvoiceState::Draft)
            .count(),
        2
    );
    assert_eq!(sb.billy().stats().invoice_list, 3);
    assert!(
        c.invoices_of_contact("contact-nobody")
            .await
            .expect("none")
            .is_empty()
    );
}

#[tokio::test]
async fn a_payment_shows_as_paid_with_nothing_left() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    let draft = c
        .create_invoice(&cleaning(&contact, "B-1", false))
        .await
        .expect("draft");
    assert!(
        !sb.billy().set_paid(&draft.id, true),
        "a draft cannot be paid"
    );
    let inv = c.approve_invoice(&draft.id).await.expect("approve");
    assert!(sb.billy().set_paid(&inv.id, true));
    let paid = c.invoice(&inv.id).await.expect("get");
    assert!(paid.is_paid);
    assert_eq!(paid.balance_ore, 0);
    assert_eq!(paid.gross_ore, 130_875);
    assert!(sb.billy().set_paid(&inv.id, false));
    let unpaid = c.invoice(&inv.id).await.expect("get");
    assert!(!unpaid.is_paid);
    assert_eq!(unpaid.balance_ore, 130_875);
    assert!(!sb.billy().set_paid("inv-nothing", true));
}

#[tokio::test]
async fn validation_errors_carry_billys_message_and_are_not_retried() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    let before = c.requests();
    match c
        .create_invoice(&cleaning("contact-nobody", "B-1", false))
        .await
    {
        Err(BillyError::Invalid(m)) => {
            assert!(m.contains("invoice.contactId"), "{m}");
            assert!(m.contains("contact-nobody"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    let mut bad_product = cleaning(&contact, "B-2", false);
    bad_product.lines[0].product_id = "prod-windows".to_string();
    match c.create_invoice(&bad_product).await {
        Err(e @ BillyError::Invalid(_)) => {
            assert!(!e.is_transient());
            let m = e.to_string();
            assert!(m.contains("invoice.lines[0].productId"), "{m}");
            assert!(m.contains("prod-windows"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    let mut no_lines = cleaning(&contact, "B-3", false);
    no_lines.lines.clear();
    assert!(matches!(
        c.create_invoice(&no_lines).await,
        Err(BillyError::Invalid(m)) if m.contains("invoice.lines")
    ));
    let mut zero = cleaning(&contact, "B-4", false);
    zero.lines[0].quantity_centi = 0;
    assert!(matches!(
        c.create_invoice(&zero).await,
        Err(BillyError::Invalid(m)) if m.contains("quantity")
    ));
    assert_eq!(c.requests() - before, 4, "one attempt each");
    assert!(sb.billy().invoices().is_empty());
}

#[tokio::test]
async fn email_needs_an_approved_invoice() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = c
        .create_contact(&new_contact("Mette Hansen", "mette@hansen.dk"))
        .await
        .expect("contact");
    let person = contact.contact_person_id.clone().expect("person");
    let draft = c
        .create_invoice(&cleaning(&contact.id, "B-1", false))
        .await
        .expect("draft");
    let before = c.requests();
    match c
        .email_invoice(&draft.id, &person, "Faktura", "Tak for i dag")
        .await
    {
        Err(BillyError::Invalid(m)) => assert!(m.contains("draft"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.requests() - before, 1);
    assert!(sb.billy().emails().is_empty());

    c.approve_invoice(&draft.id).await.expect("approve");
    c.email_invoice(&draft.id, &person, "Faktura 1001", "Tak for i dag")
        .await
        .expect("sent");
    let emails = sb.billy().emails();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["invoiceId"], draft.id);
    assert_eq!(emails[0]["contactPersonId"], person);
    assert_eq!(emails[0]["to"], "mette@hansen.dk");
    assert_eq!(emails[0]["emailSubject"], "Faktura 1001");
    assert_eq!(emails[0]["emailBody"], "Tak for i dag");
    assert_eq!(sb.billy().invoices()[0]["sentState"], "sent");
    assert_eq!(sb.billy().stats().email, 2);

    // Someone else's contact person is refused.
    match c
        .email_invoice(&draft.id, "person-nobody", "Faktura", "x")
        .await
    {
        Err(BillyError::Invalid(m)) => assert!(m.contains("email.contactPersonId"), "{m}"),
        other => panic!("{other:?}"),
    }
}

/// Raw HTTP: the parts the client does not use, and the error shape.
#[test]
fn export_lines_point_at_billy() {
    let sb = sandbox();
    let lines = sb.export_lines(std::path::Path::new("/tmp/key.json"));
    assert!(lines.contains(&format!("export BILLY_API_KEY={BILLY_API_KEY}")));
    assert!(lines.contains(&format!(
        "export BILLY_ORGANIZATION_ID={BILLY_ORGANIZATION_ID}"
    )));
    assert!(lines.contains(&format!(
        "export RENOS_BILLY_BASE_URL={}",
        sb.billy_base_url()
    )));
    assert!(sb.billy_base_url().ends_with("/billy/v2/"));
}
