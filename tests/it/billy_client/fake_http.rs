//! The Billy fake itself over plain HTTP: its API and its admin endpoints.

use super::*;

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
