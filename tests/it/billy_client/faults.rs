//! The Billy client under the fake's faults: rate limits, server errors,
//! lost answers, dropped connections and timeouts, and which calls are retried.

use super::*;

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
