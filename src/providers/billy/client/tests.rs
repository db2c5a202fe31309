use super::*;
use crate::providers::billy::types::NewLine;

fn settings(base: &str) -> BillySettings {
    BillySettings::new("secret-key-1", "org-1", Some(base))
}

#[test]
fn settings_are_checked() {
    assert!(BillyClient::new(settings("http://127.0.0.1:9/billy/v2")).is_ok());
    for bad in ["no url", "ftp://h/v2/", "http://h/v2/?x=1"] {
        assert!(
            matches!(BillyClient::new(settings(bad)), Err(BillyError::Invalid(_))),
            "{bad}"
        );
    }
    let no_key = BillySettings::new(" ", "org", None);
    match BillyClient::new(no_key) {
        Err(BillyError::Auth(m)) => assert!(m.contains("BILLY_API_KEY"), "{m}"),
        other => panic!("{other:?}"),
    }
    match BillyClient::new(BillySettings::new("key", "", None)) {
        Err(BillyError::Auth(m)) => assert!(m.contains("BILLY_ORGANIZATION_ID"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        BillyClient::new(BillySettings::new("ke\ny", "o", None)),
        Err(BillyError::Auth(_))
    ));
}

#[test]
fn urls_encode_segments_and_queries() {
    let c = BillyClient::new(settings("http://127.0.0.1:9/billy/v2")).expect("client");
    let u = c
        .url(
            &["invoices", "a/b c", "emails"],
            &[("contactId", "x&y".into())],
        )
        .expect("url");
    assert_eq!(
        u.as_str(),
        "http://127.0.0.1:9/billy/v2/invoices/a%2Fb%20c/emails?contactId=x%26y"
    );
    assert_eq!(
        c.url(&["organization"], &[]).expect("url").as_str(),
        "http://127.0.0.1:9/billy/v2/organization"
    );
    let shown = format!("{c:?}");
    assert!(!shown.contains("secret-key-1"), "{shown}");
    assert_eq!(c.clone().with_page_size(0).page_size, 1);
    assert_eq!(c.with_page_size(5000).page_size, MAX_PAGE_SIZE);
}

fn assert_send<T: Send>(_: &T) {}

#[allow(dead_code)]
fn futures_are_send(c: &BillyClient, nc: &NewContact, ni: &NewInvoice, _l: &NewLine) {
    assert_send(&c.organization());
    assert_send(&c.create_contact(nc));
    assert_send(&c.contact("c"));
    assert_send(&c.products());
    assert_send(&c.create_invoice(ni));
    assert_send(&c.invoices_of_contact("c"));
    assert_send(&c.invoice("i"));
    assert_send(&c.approve_invoice("i"));
    assert_send(&c.email_invoice("i", "p", "s", "b"));
}
