use super::*;
use crate::providers::billy::types::NewLine;

#[test]
fn contact_bodies() {
    let c = NewContact {
        name: " Hansen ApS ".into(),
        company: true,
        street: "Åboulevarden 3".into(),
        zipcode: "8000".into(),
        city: "Aarhus C".into(),
        phone: String::new(),
        email: "bo@hansen.dk".into(),
    };
    let b = contact_body("org", &c);
    let c = &b["contact"];
    assert_eq!(c["organizationId"], "org");
    assert_eq!(c["type"], "company");
    assert_eq!(c["name"], "Hansen ApS");
    assert_eq!(c["countryId"], "DK");
    assert_eq!(c["zipcodeText"], "8000");
    assert_eq!(c["cityText"], "Aarhus C");
    assert!(c.get("phone").is_none());
    assert_eq!(
        c["contactPersons"],
        json!([{"name": "Hansen ApS", "email": "bo@hansen.dk", "isPrimary": true}])
    );
    let b = contact_body("org", &NewContact::default());
    assert_eq!(b["contact"]["type"], "person");
    assert!(b["contact"].get("contactPersons").is_none());
}

fn new_invoice(quantity_centi: i64) -> NewInvoice {
    NewInvoice {
        contact_id: "c1".into(),
        entry_date: NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        payment_terms_days: 8,
        approved: false,
        contact_message: "Booking B-17".into(),
        lines: vec![NewLine {
            product_id: "p".into(),
            description: "Rengøring".into(),
            quantity_centi,
            unit_price_ore: 34_950,
        }],
    }
}

#[test]
fn invoice_bodies_speak_kroner() {
    let b = invoice_body("org", &new_invoice(325));
    let i = &b["invoice"];
    assert_eq!(i["entryDate"], "2026-03-02");
    assert_eq!(i["state"], "draft");
    assert_eq!(i["currencyId"], "DKK");
    assert_eq!(i["taxMode"], "excl");
    assert_eq!(i["paymentTermsDays"], 8);
    assert_eq!(i["lines"][0]["unitPrice"], json!(349.5));
    assert_eq!(i["lines"][0]["quantity"], json!(3.25));
    // Two decimals on the wire, as text: 1 h 20 min billed as 1.33 h.
    let b = invoice_body("org", &new_invoice(133));
    assert_eq!(b["invoice"]["lines"][0]["quantity"].to_string(), "1.33");
}

#[test]
fn credit_notes_and_voided_invoices_are_told_apart() {
    let base = json!({
        "id": "i1", "state": "approved", "contactId": "c1", "amount": 1047,
        "tax": 261.75, "balance": 0, "isPaid": true, "contactMessage": "B-17",
    });
    let read = |patch: Value| {
        let mut rec = base.clone();
        for (k, v) in patch.as_object().expect("obj") {
            rec[k] = v.clone();
        }
        invoice(rec.as_object().expect("obj")).expect("invoice")
    };
    let plain = read(json!({}));
    assert_eq!(plain.kind, InvoiceKind::Invoice);
    assert!(plain.is_live_invoice());
    let note = read(json!({"type": "creditNote", "creditedInvoiceId": "i0"}));
    assert_eq!(note.kind, InvoiceKind::CreditNote);
    assert_eq!(note.credited_invoice_id.as_deref(), Some("i0"));
    assert!(!note.is_live_invoice());
    assert_eq!(read(json!({"state": "voided"})).state, InvoiceState::Voided);
    let flagged = read(json!({"isVoided": true}));
    assert_eq!(flagged.state, InvoiceState::Voided);
    assert!(!flagged.is_live_invoice());
    let odd = read(json!({"state": "someday", "type": "whatever"}));
    assert_eq!(odd.state, InvoiceState::Unknown);
    assert!(odd.is_live_invoice(), "unknown is never taken for void");
}

#[test]
fn invoices_are_read_in_ore() {
    let rec = json!({
        "id": "i1", "invoiceNo": null, "state": "draft", "contactId": "c1",
        "entryDate": "2026-03-02", "dueDate": "2026-03-10",
        "amount": 1047, "tax": 261.75, "grossAmount": 1308.75,
        "balance": 1308.75, "isPaid": false, "contactMessage": "B-17",
    });
    let inv = invoice(rec.as_object().expect("obj")).expect("invoice");
    assert_eq!(inv.amount_ore, 104_700);
    assert_eq!(inv.tax_ore, 26_175);
    assert_eq!(inv.gross_ore, 130_875);
    assert_eq!(inv.balance_ore, 130_875);
    assert_eq!(inv.invoice_no, None);
    assert_eq!(inv.state, InvoiceState::Draft);
    assert_eq!(inv.due_date, NaiveDate::from_ymd_opt(2026, 3, 10));

    let mut odd = rec.clone();
    odd["invoiceNo"] = json!(1001);
    odd["amount"] = json!("1047.00");
    odd.as_object_mut().expect("obj").remove("grossAmount");
    let inv = invoice(odd.as_object().expect("obj")).expect("invoice");
    assert_eq!(inv.invoice_no.as_deref(), Some("1001"));
    assert_eq!(inv.gross_ore, 130_875);

    for (key, bad) in [
        ("amount", json!("lots")),
        ("tax", json!(null)),
        ("entryDate", json!("02/03/2026")),
        ("isPaid", json!("yes")),
        ("id", json!(null)),
    ] {
        let mut b = rec.clone();
        b[key] = bad;
        match invoice(b.as_object().expect("obj")) {
            Err(BillyError::Network(m)) => {
                assert!(
                    m.starts_with("Billy sent an answer that could not be read"),
                    "{m}"
                )
            }
            other => panic!("{key}: {other:?}"),
        }
    }
}

#[test]
fn primary_persons() {
    let persons = json!([
        {"id": "p1", "contactId": "c1", "isPrimary": false},
        {"id": "p2", "contactId": "c1", "isPrimary": true},
        {"id": "p3", "contactId": "c2", "isPrimary": true},
    ]);
    let answer = json!({ "contactPersons": persons });
    let list = plural(&answer, "contactPersons").expect("list");
    assert_eq!(primary_person(&list, "c1").as_deref(), Some("p2"));
    assert_eq!(primary_person(&list[..1], "c1").as_deref(), Some("p1"));
    assert_eq!(primary_person(&list, "c9"), None);
}

#[test]
fn error_bodies_of_any_shape() {
    let billy = br#"{"errorCode":"VALIDATION_ERROR","errorMessage":"contactId: no such contact","meta":{"statusCode":422}}"#;
    assert_eq!(
        classify(422, billy, None, "x", "k"),
        BillyError::Invalid("contactId: no such contact".into())
    );
    let nested = br#"{"errorMessage":"Validation failed","validationErrors":{"invoice":{"attributes":{"entryDate":"is required"}}}}"#;
    assert_eq!(
        error_message(nested).as_deref(),
        Some("Validation failed (invoice.entryDate: is required)")
    );
    assert_eq!(error_message(br#"{"errorCode":"X"}"#).as_deref(), Some("X"));
    assert_eq!(
        error_message(
            b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
        )
        .as_deref(),
        Some("an HTML page: 502 Bad Gateway")
    );
    assert_eq!(error_message(b"  "), None);
    assert_eq!(error_message(b"oops\nbad"), Some("oops bad".into()));
    assert_eq!(
        classify(502, b"<html>", None, "x", "k"),
        BillyError::Server {
            status: 502,
            message: "an HTML page".into()
        }
    );
    assert_eq!(
        classify(500, b"", None, "x", "k"),
        BillyError::Server {
            status: 500,
            message: "HTTP 500".into()
        }
    );
    assert_eq!(
        classify(404, b"", None, "invoice i9", "k"),
        BillyError::NotFound("invoice i9".into())
    );
    assert_eq!(
        classify(429, b"{}", Some(Duration::from_secs(3)), "x", "k"),
        BillyError::RateLimited {
            retry_after: Some(Duration::from_secs(3))
        }
    );
    assert!(matches!(
        classify(409, b"", None, "x", "k"),
        BillyError::Invalid(m) if m.to_string() == "HTTP 409"
    ));
}

#[test]
fn auth_errors_say_what_to_fix_and_hide_the_key() {
    let body = br#"{"errorMessage":"Invalid token secret-token-123"}"#;
    match classify(401, body, None, "x", "secret-token-123") {
        BillyError::Auth(m) => {
            assert!(m.contains("BILLY_API_KEY"), "{m}");
            assert!(!m.contains("secret-token-123"), "{m}");
            assert!(m.contains("<hidden>"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    match classify(403, b"", None, "x", "k") {
        BillyError::Auth(m) => assert!(m.contains("BILLY_ORGANIZATION_ID"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn paging_and_records() {
    let a = json!({"invoices": [{"id": "a"}], "meta": {"paging": {"page": 2, "pageCount": 3}}});
    assert_eq!(paging(&a), Some((2, 3)));
    assert_eq!(paging(&json!({})), None);
    assert_eq!(first(&a, "invoices").expect("first")["id"], "a");
    assert!(first(&json!({"invoices": []}), "invoices").is_err());
    assert!(plural(&json!({"invoices": 3}), "invoices").is_err());
    assert!(plural(&json!({}), "invoices").expect("none").is_empty());
    assert!(single(&json!({"invoice": []}), "invoice").is_err());
    let org = organization(&json!({"organization": {"id": "o1", "name": "RenOS"}})).expect("org");
    assert_eq!(
        org,
        Organization {
            id: "o1".into(),
            name: "RenOS".into()
        }
    );
}
