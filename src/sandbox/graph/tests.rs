//! The fake's documented behaviour, over HTTP: the token grant and its
//! errors, delta paging and links, `@removed`, 410 `syncStateNotFound`,
//! 412 on a stale `If-Match`, 429 with `Retry-After`, and the expansion of
//! one extended property.

use reqwest::Method;
use serde_json::{Value, json};

use super::{GraphFaults, MICROSOFT_CLIENT, MICROSOFT_SECRET, MICROSOFT_TENANT, MICROSOFT_USER};
use crate::sandbox::Sandbox;

const PROP: &str = "String {00020329-0000-0000-c000-000000000046} Name Test";

struct Client {
    http: reqwest::Client,
    sb: Sandbox,
    token: String,
}

async fn token(http: &reqwest::Client, sb: &Sandbox, tenant: &str, secret: &str) -> (u16, Value) {
    let form = [
        ("client_id", MICROSOFT_CLIENT),
        ("client_secret", secret),
        ("scope", "https://graph.microsoft.com/.default"),
        ("grant_type", "client_credentials"),
    ];
    let resp = http
        .post(format!(
            "{}/{tenant}/oauth2/v2.0/token",
            sb.graph_login_url()
        ))
        .form(&form)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

impl Client {
    async fn new() -> Client {
        // The test client needs a TLS provider chosen; the fake itself
        // needs none (and takes nothing from the providers).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let sb = Sandbox::start("127.0.0.1:0".parse().unwrap()).unwrap();
        let http = reqwest::Client::new();
        let (status, v) = token(&http, &sb, MICROSOFT_TENANT, MICROSOFT_SECRET).await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["token_type"], "Bearer");
        assert!(v["expires_in"].as_u64().unwrap() > 3000);
        let token = v["access_token"].as_str().unwrap().to_string();
        Client { http, sb, token }
    }

    async fn call(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> (u16, reqwest::header::HeaderMap, Value) {
        let url = if url.starts_with("http") {
            url.to_string()
        } else {
            format!("{}/users/{MICROSOFT_USER}{url}", self.sb.graph_base_url())
        };
        let mut req = self.http.request(method, url).bearer_auth(&self.token);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        (status, headers, resp.json().await.unwrap_or(Value::Null))
    }

    async fn create(&self, subject: &str, day: u32) -> Value {
        let (s, _, v) = self
            .call(
                Method::POST,
                "/calendar/events",
                &[],
                Some(json!({
                    "subject": subject,
                    "start": {"dateTime": format!("2026-03-{day:02}T09:00:00"), "timeZone": "UTC"},
                    "end": {"dateTime": format!("2026-03-{day:02}T10:00:00"), "timeZone": "UTC"},
                    "singleValueExtendedProperties": [{"id": PROP, "value": subject}],
                })),
            )
            .await;
        assert_eq!(s, 201, "{v}");
        v
    }
}

const WINDOW: &str =
    "/calendarView/delta?startDateTime=2026-03-02T00:00:00Z&endDateTime=2026-04-01T00:00:00Z";

#[tokio::test]
async fn the_token_grant_checks_tenant_secret_and_grant() {
    let c = Client::new().await;
    let (s, v) = token(&c.http, &c.sb, MICROSOFT_TENANT, "wrong").await;
    assert_eq!((s, v["error"].as_str()), (401, Some("invalid_client")));
    let (s, v) = token(&c.http, &c.sb, "other-tenant", MICROSOFT_SECRET).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_request")));
    let resp = c
        .http
        .get(format!(
            "{}/users/{MICROSOFT_USER}{WINDOW}",
            c.sb.graph_base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    c.sb.graph().expire_tokens();
    let (s, _, v) = c.call(Method::GET, WINDOW, &[], None).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (401, Some("InvalidAuthenticationToken"))
    );
}

#[tokio::test]
async fn delta_pages_then_lists_changes_and_removals() {
    let c = Client::new().await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(
            c.create(&format!("e{i}"), 2 + i).await["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    c.create("outside the window", 1).await;
    let page = [("Prefer", "odata.maxpagesize=2")];
    let (s, h, v) = c.call(Method::GET, WINDOW, &page, None).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(h["preference-applied"], "odata.maxpagesize=2");
    assert_eq!(v["value"].as_array().unwrap().len(), 2);
    let mut next = v["@odata.nextLink"].as_str().unwrap().to_string();
    assert!(next.contains("$skiptoken="), "{next}");
    assert!(v.get("@odata.deltaLink").is_none());
    let mut seen = 2;
    let delta = loop {
        let (_, _, v) = c.call(Method::GET, &next, &page, None).await;
        seen += v["value"].as_array().unwrap().len();
        match v["@odata.nextLink"].as_str() {
            Some(n) => next = n.to_string(),
            None => break v["@odata.deltaLink"].as_str().unwrap().to_string(),
        }
    };
    assert_eq!(
        seen, 5,
        "the event on 1 March 09:00 is in the window too? no: it is"
    );
    assert!(delta.contains("$deltatoken="), "{delta}");
    // A spent skip token is gone.
    let (s, _, v) = c.call(Method::GET, &next, &page, None).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (410, Some("syncStateNotFound"))
    );

    let (s, _, _) = c
        .call(
            Method::DELETE,
            &format!("/calendar/events/{}", ids[0]),
            &[],
            None,
        )
        .await;
    assert_eq!(s, 204);
    let (_, _, v) = c.call(Method::GET, &delta, &[], None).await;
    let value = v["value"].as_array().unwrap();
    assert_eq!(value.len(), 1);
    assert_eq!(value[0]["id"], ids[0]);
    assert_eq!(value[0]["@removed"]["reason"], "deleted");

    c.sb.graph().forget_sync_state();
    let (s, _, v) = c.call(Method::GET, &delta, &[], None).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (410, Some("syncStateNotFound"))
    );
    let (s, _, _) = c.call(Method::GET, "/calendarView/delta", &[], None).await;
    assert_eq!(s, 400, "a first request names its window");
}

#[tokio::test]
async fn if_match_guards_writes() {
    let c = Client::new().await;
    let e = c.create("job", 3).await;
    let id = e["id"].as_str().unwrap();
    let etag = e["@odata.etag"].as_str().unwrap();
    assert!(etag.starts_with("W/\""), "{etag}");
    let path = format!("/calendar/events/{id}");
    let (s, _, v) = c
        .call(
            Method::PATCH,
            &path,
            &[("If-Match", etag)],
            Some(json!({"subject": "moved"})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_ne!(v["@odata.etag"].as_str().unwrap(), etag);
    let (s, _, v) = c
        .call(
            Method::PATCH,
            &path,
            &[("If-Match", etag)],
            Some(json!({"subject": "stale"})),
        )
        .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (412, Some("ErrorIrresolvableConflict"))
    );
    let (s, _, _) = c
        .call(Method::DELETE, &path, &[("If-Match", etag)], None)
        .await;
    assert_eq!(s, 412);
    let (s, _, v) = c
        .call(Method::PATCH, &path, &[], Some(json!({"colour": "red"})))
        .await;
    assert_eq!(s, 400, "{v}");
}

#[tokio::test]
async fn one_extended_property_is_expanded_on_request() {
    let c = Client::new().await;
    let id = c.create("with a property", 3).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, _, plain) = c
        .call(Method::GET, &format!("/calendar/events/{id}"), &[], None)
        .await;
    assert!(plain.get("singleValueExtendedProperties").is_none());
    let expand = format!(
        "/calendar/events/{id}?$expand=singleValueExtendedProperties($filter=id eq '{PROP}')"
    );
    let (_, _, v) = c.call(Method::GET, &expand, &[], None).await;
    assert_eq!(
        v["singleValueExtendedProperties"][0]["value"],
        "with a property"
    );
    let filter = format!(
        "/calendar/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{PROP}' and ep/value eq 'with a property')"
    );
    let (_, _, v) = c.call(Method::GET, &filter, &[], None).await;
    assert_eq!(v["value"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn throttling_answers_429_with_retry_after() {
    let c = Client::new().await;
    c.sb.graph().set_faults(GraphFaults {
        quota: Some((2, 60_000)),
        ..GraphFaults::default()
    });
    for _ in 0..2 {
        let (s, _, _) = c.call(Method::GET, WINDOW, &[], None).await;
        assert_eq!(s, 200);
    }
    let (s, h, v) = c.call(Method::GET, WINDOW, &[], None).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (429, Some("TooManyRequests"))
    );
    let wait: u64 = h["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(c.sb.graph().stats().throttled, 1);
}

#[tokio::test]
async fn faults_are_switched_over_http() {
    let c = Client::new().await;
    let admin = format!("{}/admin/graph", c.sb.url());
    let resp = c
        .http
        .put(format!("{admin}/faults"))
        .json(&json!({"server_error": 1, "fail_on": "delta"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let (s, _, v) = c.call(Method::GET, WINDOW, &[], None).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (503, Some("serviceNotAvailable"))
    );
    let (s, _, _) = c.call(Method::GET, WINDOW, &[], None).await;
    assert_eq!(s, 200, "one fault, taken once");
    let stats: Value = c
        .http
        .get(format!("{admin}/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["delta"], 1, "the faulted call never reached the API");
    let resp = c
        .http
        .post(format!("{admin}/expire-tokens"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 204);
    let (s, _, _) = c.call(Method::GET, WINDOW, &[], None).await;
    assert_eq!(s, 401);
}

/// The occurrences' starts (UTC, as listed) of each series in a window
/// from January to June 2026, by the series' subject.
async fn occurrence_starts(c: &Client) -> std::collections::BTreeMap<String, Vec<String>> {
    let window = "/calendarView/delta?startDateTime=2026-01-01T00:00:00Z\
                  &endDateTime=2026-06-01T00:00:00Z";
    let page = [("Prefer", "odata.maxpagesize=100")];
    let (s, _, v) = c.call(Method::GET, window, &page, None).await;
    assert_eq!(s, 200, "{v}");
    let mut out = std::collections::BTreeMap::<String, Vec<String>>::new();
    for e in v["value"].as_array().unwrap() {
        assert_eq!(e["type"], "occurrence", "{e}");
        let start = e["start"]["dateTime"].as_str().unwrap();
        out.entry(e["subject"].as_str().unwrap().to_string())
            .or_default()
            .push(start[..16].to_string());
    }
    out
}

#[tokio::test]
async fn monthly_patterns_fall_on_their_days() {
    let c = Client::new().await;
    let series = |subject: &str, start: &str, pattern: Value| {
        json!({
            "subject": subject,
            "start": {"dateTime": format!("{start}T09:00:00"), "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": format!("{start}T10:00:00"), "timeZone": "Europe/Copenhagen"},
            "recurrence": {
                "pattern": pattern,
                "range": {"type": "numbered", "startDate": start, "numberOfOccurrences": 4,
                          "recurrenceTimeZone": "Europe/Copenhagen"},
            },
        })
    };
    for body in [
        // The 31st: the last day of shorter months.
        series(
            "31st",
            "2026-01-31",
            json!({"type": "absoluteMonthly", "interval": 1, "dayOfMonth": 31}),
        ),
        // Every second month on the 15th.
        series(
            "15th",
            "2026-01-15",
            json!({"type": "absoluteMonthly", "interval": 2, "dayOfMonth": 15}),
        ),
        // The second Tuesday (index given).
        series(
            "2nd Tuesday",
            "2026-01-13",
            json!({"type": "relativeMonthly", "interval": 1, "daysOfWeek": ["tuesday"],
                   "index": "second"}),
        ),
        // The last Friday.
        series(
            "last Friday",
            "2026-01-30",
            json!({"type": "relativeMonthly", "interval": 1, "daysOfWeek": ["friday"],
                   "index": "last"}),
        ),
        // No index: the first of Monday or Thursday.
        series(
            "first Mon/Thu",
            "2026-01-01",
            json!({"type": "relativeMonthly", "interval": 1,
                   "daysOfWeek": ["monday", "thursday"]}),
        ),
    ] {
        let (s, _, v) = c
            .call(Method::POST, "/calendar/events", &[], Some(body))
            .await;
        assert_eq!(s, 201, "{v}");
    }
    let starts = occurrence_starts(&c).await;
    let want = |s: &[&str]| s.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    // 09:00 in Copenhagen: 08:00 UTC in winter, 07:00 from 29 March.
    assert_eq!(
        starts["31st"],
        want(&[
            "2026-01-31T08:00",
            "2026-02-28T08:00",
            "2026-03-31T07:00",
            "2026-04-30T07:00"
        ])
    );
    assert_eq!(
        starts["15th"],
        want(&["2026-01-15T08:00", "2026-03-15T08:00", "2026-05-15T07:00"]),
        "the fourth is in July, outside the window"
    );
    assert_eq!(
        starts["2nd Tuesday"],
        want(&[
            "2026-01-13T08:00",
            "2026-02-10T08:00",
            "2026-03-10T08:00",
            "2026-04-14T07:00"
        ])
    );
    assert_eq!(
        starts["last Friday"],
        want(&[
            "2026-01-30T08:00",
            "2026-02-27T08:00",
            "2026-03-27T08:00",
            "2026-04-24T07:00"
        ])
    );
    assert_eq!(
        starts["first Mon/Thu"],
        want(&[
            "2026-01-01T08:00",
            "2026-02-02T08:00",
            "2026-03-02T08:00",
            "2026-04-02T07:00"
        ])
    );
}
