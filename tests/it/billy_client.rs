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
async fn a_rate_limited_read_is_retried() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    let inv = c
        .create_invoice(&cleaning(&contact, "B-1", false))
        .await
        .expect("invoice");
    sb.billy().set_faults(BillyFaults {
        rate_limit: 2,
        retry_after_secs: Some(0),
        ..BillyFaults::default()
    });
    let before = c.requests();
    assert_eq!(c.invoice(&inv.id).await.expect("after the 429s"), inv);
    assert_eq!(c.requests() - before, 3);

    // A longer pause than the policy allows goes back to the caller.
    sb.billy().set_faults(BillyFaults {
        rate_limit: 1,
        retry_after_secs: Some(60),
        ..BillyFaults::default()
    });
    let before = c.requests();
    assert_eq!(
        c.invoice(&inv.id).await,
        Err(BillyError::RateLimited {
            retry_after: Some(Duration::from_secs(60))
        })
    );
    assert_eq!(c.requests() - before, 1);
}

#[tokio::test]
async fn a_rate_limited_create_is_retried_and_made_once() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    sb.billy().set_faults(BillyFaults {
        rate_limit: 1,
        ..BillyFaults::default()
    });
    let before = c.requests();
    let inv = c
        .create_invoice(&cleaning(&contact, "B-1", true))
        .await
        .expect("after the 429");
    assert_eq!(c.requests() - before, 2);
    assert_eq!(sb.billy().stats().invoice_create, 2);
    let stored = sb.billy().invoices();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], inv.id);
    assert_eq!(stored[0]["invoiceNo"], "1001");
}

#[tokio::test]
async fn a_server_error_on_create_is_not_retried() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    sb.billy().set_faults(BillyFaults {
        server_error: 1,
        ..BillyFaults::default()
    });
    let before = c.requests();
    match c.create_invoice(&cleaning(&contact, "B-1", false)).await {
        Err(e @ BillyError::Server { status: 500, .. }) => assert!(e.is_transient()),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.requests() - before, 1);
    assert!(sb.billy().invoices().is_empty());

    // An HTML error page from a proxy reads as well.
    sb.billy().set_faults(BillyFaults {
        server_error: 1,
        html_errors: true,
        ..BillyFaults::default()
    });
    match c.create_invoice(&cleaning(&contact, "B-1", false)).await {
        Err(BillyError::Server {
            status: 500,
            message,
        }) => assert_eq!(message, "an HTML page: 500 Internal Server Error"),
        other => panic!("{other:?}"),
    }
    // A read after a server error is retried.
    sb.billy().set_faults(BillyFaults {
        server_error: 2,
        ..BillyFaults::default()
    });
    let before = c.requests();
    assert!(
        c.invoices_of_contact(&contact)
            .await
            .expect("list")
            .is_empty()
    );
    assert_eq!(c.requests() - before, 3);
}

#[tokio::test]
async fn a_lost_answer_on_create_leaves_one_invoice_to_find() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    sb.billy().set_faults(BillyFaults {
        drop_after: 1,
        ..BillyFaults::default()
    });
    let before = c.requests();
    match c.create_invoice(&cleaning(&contact, "B-77", true)).await {
        Err(BillyError::Network(m)) => assert!(m.contains("Billy"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.requests() - before, 1, "never sent twice");
    let stored = sb.billy().invoices();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["contactMessage"], "Booking B-77");
    // What the caller does next: look for the reference before creating again.
    let found: Vec<Invoice> = c
        .invoices_of_contact(&contact)
        .await
        .expect("list")
        .into_iter()
        .filter(|i| i.contact_message.contains("B-77"))
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, stored[0]["id"]);
    assert_eq!(found[0].invoice_no.as_deref(), Some("1001"));
}

#[tokio::test]
async fn a_dropped_connection_repeats_reads_but_not_creates() {
    let sb = sandbox();
    let c = client(&sb);
    let contact = a_contact(&c).await;
    sb.billy().set_faults(BillyFaults {
        drop_before: 1,
        ..BillyFaults::default()
    });
    let before = c.requests();
    let got = c.contact(&contact).await.expect("after the drop");
    assert_eq!(got.id, contact);
    assert_eq!(
        c.requests() - before,
        3,
        "the dropped GET and two good ones"
    );

    sb.billy().set_faults(BillyFaults {
        drop_before: 1,
        ..BillyFaults::default()
    });
    let before = c.requests();
    let e = c
        .create_invoice(&cleaning(&contact, "B-1", false))
        .await
        .expect_err("dropped");
    assert!(matches!(e, BillyError::Network(_)), "{e:?}");
    assert_eq!(c.requests() - before, 1);
    assert!(sb.billy().invoices().is_empty());
}

#[tokio::test]
async fn a_timeout_on_create_is_not_retried() {
    let sb = sandbox();
    let c = BillyClient::new(BillySettings {
        retry: RetryPolicy {
            timeout: Duration::from_millis(150),
            ..fast()
        },
        ..settings(&sb)
    })
    .expect("client");
    let contact = a_contact(&c).await;
    sb.billy().set_faults(BillyFaults {
        latency_ms: 400,
        ..BillyFaults::default()
    });
    let before = c.requests();
    match c.create_invoice(&cleaning(&contact, "B-1", false)).await {
        Err(BillyError::Network(m)) => assert!(m.contains("did not answer within"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.requests() - before, 1);
    sb.billy().clear_faults();
    // The slow request was still processed, once.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while sb.billy().invoices().is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(sb.billy().invoices().len(), 1);
    assert_eq!(sb.billy().stats().invoice_create, 1);
}

#[tokio::test]
async fn faults_can_be_kept_to_invoices() {
    let sb = sandbox();
    let c = client(&sb);
    sb.billy().set_faults(BillyFaults {
        server_error: 1,
        fail_on: Some("invoices".to_string()),
        ..BillyFaults::default()
    });
    let contact = a_contact(&c).await;
    assert_eq!(sb.billy().faults().server_error, 1, "contacts were spared");
    let e = c
        .create_invoice(&cleaning(&contact, "B-1", false))
        .await
        .expect_err("500");
    assert!(matches!(e, BillyError::Server { status: 500, .. }));
    assert_eq!(
        sb.billy().faults(),
        BillyFaults {
            fail_on: Some("invoices".to_string()),
            ..BillyFaults::default()
        }
    );
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
#[tokio::test]
async fn the_api_over_raw_http() {
    let sb = sandbox();
    let c = client(&sb);
    let http = http();
    let base = sb.billy_base_url();
    let contact = a_contact(&c).await;
    let approved = c
        .create_invoice(&cleaning(&contact, "B-1", true))
        .await
        .expect("approved");
    let draft = c
        .create_invoice(&cleaning(&contact, "B-2", false))
        .await
        .expect("draft");

    let call = |method: reqwest::Method, path: &str, body: Option<Value>| {
        let mut req = http
            .request(method, format!("{base}{path}"))
            .header("X-Access-Token", BILLY_API_KEY);
        if let Some(b) = body {
            req = req.json(&b);
        }
        async move {
            let resp = req.send().await.expect("send");
            let status = resp.status().as_u16();
            let body: Value = resp.json().await.expect("json");
            (status, body)
        }
    };

    // Approved invoices are credited, not deleted.
    let (status, body) = call(
        reqwest::Method::DELETE,
        &format!("invoices/{}", approved.id),
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["errorCode"], "VALIDATION_ERROR");
    assert!(
        body["errorMessage"]
            .as_str()
            .expect("message")
            .contains("cannot be deleted, credit them"),
        "{body}"
    );
    assert_eq!(body["meta"]["statusCode"], 422);
    // Drafts are deleted, and deleting again is fine.
    for _ in 0..2 {
        let (status, _) = call(
            reqwest::Method::DELETE,
            &format!("invoices/{}", draft.id),
            None,
        )
        .await;
        assert_eq!(status, 200);
    }
    assert_eq!(sb.billy().invoices().len(), 1);
    assert!(matches!(
        c.invoice(&draft.id).await,
        Err(BillyError::NotFound(_))
    ));

    // Back to draft is refused.
    let (status, body) = call(
        reqwest::Method::PUT,
        &format!("invoices/{}", approved.id),
        Some(json!({"invoice": {"state": "draft"}})),
    )
    .await;
    assert_eq!(status, 422, "{body}");

    // Pages of more than 1000 are refused.
    let (status, body) = call(reqwest::Method::GET, "invoices?pageSize=1001", None).await;
    assert_eq!(status, 422);
    assert!(
        body["errorMessage"]
            .as_str()
            .expect("message")
            .contains("pageSize")
    );
    let (status, body) = call(
        reqwest::Method::GET,
        &format!("invoices?contactId={contact}&state=approved&isPaid=false&pageSize=1"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body["meta"]["paging"],
        json!({"page": 1, "pageCount": 1, "pageSize": 1, "total": 1})
    );

    // Products, rulesets and an unknown route.
    let (status, body) = call(reqwest::Method::GET, "products/prod-cleaning", None).await;
    assert_eq!(status, 200);
    assert_eq!(body["product"]["salesTaxRulesetId"], "ruleset-dk-sales-25");
    let (status, body) = call(reqwest::Method::GET, "salesTaxRulesets", None).await;
    assert_eq!(status, 200);
    assert_eq!(body["salesTaxRulesets"][0]["rate"], json!(0.25));
    let (status, body) = call(reqwest::Method::GET, "bankPayments", None).await;
    assert_eq!(status, 404);
    assert_eq!(body["errorCode"], "ROUTE_NOT_FOUND");
    assert_eq!(body["meta"]["statusCode"], 404);

    // No token: 401 in Billy's shape.
    let resp = http
        .get(format!("{base}organization"))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status().as_u16(), 401);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["errorCode"], "AUTHENTICATION_FAILED");
    assert_eq!(body["meta"]["statusCode"], 401);
}

#[tokio::test]
async fn the_admin_endpoints() {
    let sb = sandbox();
    let c = client(&sb);
    let http = http();
    let admin = format!("{}/admin/billy", sb.url());
    let contact = a_contact(&c).await;
    let inv = c
        .create_invoice(&cleaning(&contact, "B-1", true))
        .await
        .expect("invoice");

    let paid = http
        .post(format!("{admin}/invoices/{}/paid", inv.id))
        .json(&json!({"paid": true}))
        .send()
        .await
        .expect("paid");
    assert_eq!(paid.status().as_u16(), 200);
    let body: Value = paid.json().await.expect("json");
    assert_eq!(body["invoice"]["isPaid"], true);
    assert_eq!(body["invoice"]["balance"], json!(0.0));
    assert!(c.invoice(&inv.id).await.expect("get").is_paid);
    let missing = http
        .post(format!("{admin}/invoices/inv-nothing/paid"))
        .json(&json!({"paid": true}))
        .send()
        .await
        .expect("paid");
    assert_eq!(missing.status().as_u16(), 404);

    let list: Value = http
        .get(format!("{admin}/invoices"))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    assert_eq!(list["invoices"][0]["id"], inv.id);
    assert_eq!(list["invoiceLines"][0]["invoiceId"], inv.id);
    let contacts: Value = http
        .get(format!("{admin}/contacts"))
        .send()
        .await
        .expect("contacts")
        .json()
        .await
        .expect("json");
    assert_eq!(contacts["contacts"][0]["id"], contact);
    assert_eq!(contacts["contactPersons"][0]["email"], "mette@hansen.dk");

    let put = http
        .put(format!("{admin}/faults"))
        .json(&json!({"server_error": 2, "fail_on": "organization"}))
        .send()
        .await
        .expect("faults");
    assert_eq!(put.status().as_u16(), 200);
    assert_eq!(sb.billy().faults().server_error, 2);
    let del = http
        .delete(format!("{admin}/faults"))
        .send()
        .await
        .expect("clear");
    assert_eq!(del.status().as_u16(), 204);
    assert_eq!(sb.billy().faults(), BillyFaults::default());

    let stats: Value = http
        .get(format!("{admin}/stats"))
        .send()
        .await
        .expect("stats")
        .json()
        .await
        .expect("json");
    assert_eq!(stats["contact_create"], 1);
    assert_eq!(stats["invoice_create"], 1);
    assert_eq!(stats["invoice_get"], 1);
    http.delete(format!("{admin}/stats"))
        .send()
        .await
        .expect("reset stats");
    assert_eq!(sb.billy().stats().total(), 0);

    let emails: Value = http
        .get(format!("{admin}/emails"))
        .send()
        .await
        .expect("emails")
        .json()
        .await
        .expect("json");
    assert_eq!(emails, json!({"emails": []}));

    // `/admin/reset` wipes Billy too; products stay, numbering restarts.
    let reset = http
        .post(format!("{}/admin/reset", sb.url()))
        .send()
        .await
        .expect("reset");
    assert_eq!(reset.status().as_u16(), 204);
    assert!(sb.billy().invoices().is_empty());
    assert!(sb.billy().contacts().is_empty());
    assert_eq!(c.products().await.expect("products").len(), 3);
    let contact = a_contact(&c).await;
    let again = c
        .create_invoice(&cleaning(&contact, "B-1", true))
        .await
        .expect("invoice");
    assert_eq!(again.invoice_no.as_deref(), Some("1001"));
}

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
