//! The contract against the sandbox's Microsoft Graph fake: the default
//! calendar of one mailbox, someone in Outlook writing to it with a token
//! of their own.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use super::{Fixture, conformance, now, quick_retries};
use renos::clock::Clock;
use renos::providers::calendar::{CalendarProvider, ItemId, ProviderError};
use renos::providers::outlook::{OutlookCalendar, OutlookCredentials, OutlookSettings, Window};
use renos::sandbox::{
    MICROSOFT_CLIENT, MICROSOFT_SECRET, MICROSOFT_TENANT, MICROSOFT_USER, Sandbox,
};

pub struct Graph {
    sandbox: Sandbox,
    calendar: Arc<OutlookCalendar>,
    outlook: Outlook,
}

/// Someone in Outlook: raw Graph requests.
struct Outlook {
    http: reqwest::Client,
    /// `…/users/{user}/calendar/events`
    events: String,
    token: String,
}

impl Outlook {
    async fn new(sb: &Sandbox) -> Outlook {
        let (http, token) = crate::graph::outlook_login(sb).await;
        Outlook {
            http,
            events: format!(
                "{}/users/{MICROSOFT_USER}/calendar/events",
                sb.graph_base_url()
            ),
            token,
        }
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.events))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("answer");
        let status = resp.status().as_u16();
        let v = resp.json().await.unwrap_or(Value::Null);
        assert!(
            (200..300).contains(&status),
            "{method} {path}: {status} {v}"
        );
        v
    }

    async fn create(&self, body: Value) -> ItemId {
        let v = self.send(Method::POST, "", Some(body)).await;
        ItemId(v["id"].as_str().expect("id").to_string())
    }
}

fn time(t: DateTime<Utc>) -> Value {
    json!({"dateTime": t.format("%Y-%m-%dT%H:%M:%S").to_string(), "timeZone": "UTC"})
}

fn event(summary: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> Value {
    json!({"subject": summary, "start": time(start), "end": time(end)})
}

pub async fn calendar() -> Graph {
    calendar_at(now()).await
}

/// The fixture with our client's clock (its window of days) on `today`.
pub async fn calendar_at(today: DateTime<Utc>) -> Graph {
    let sandbox = Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox");
    let calendar = OutlookCalendar::new(OutlookSettings {
        credentials: OutlookCredentials {
            tenant: MICROSOFT_TENANT.to_string(),
            client_id: MICROSOFT_CLIENT.to_string(),
            secret: MICROSOFT_SECRET.to_string(),
        },
        user: MICROSOFT_USER.to_string(),
        base_url: sandbox.graph_base_url(),
        login_url: sandbox.graph_login_url(),
        window: Window::default(),
        page_size: 10,
        retry: quick_retries(),
        clock: Clock::Fixed(today),
    })
    .expect("client");
    let outlook = Outlook::new(&sandbox).await;
    Graph {
        sandbox,
        calendar: Arc::new(calendar),
        outlook,
    }
}

impl Graph {
    /// Our client, as the sync engine holds a calendar.
    pub fn shared(&self) -> Arc<dyn CalendarProvider> {
        self.calendar.clone()
    }
}

impl Fixture for Graph {
    // A changed occurrence is an event of its own in Graph, written apart
    // from its series: the client refuses a series that has any
    // (`BadData`) rather than dropping them.
    const WRITES_EXCEPTIONS: bool = false;

    fn calendar(&self) -> &dyn CalendarProvider {
        self.calendar.as_ref()
    }

    fn requests(&self) -> u64 {
        self.calendar.requests()
    }

    // The sign-in, then pages of ten (the fixture's `page_size`).
    fn listing_requests(&self, n: usize) -> u64 {
        1 + n.div_ceil(10) as u64
    }

    async fn their_event(&self, summary: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> ItemId {
        self.outlook.create(event(summary, start, end)).await
    }

    async fn their_edit(&self, id: &ItemId, summary: &str) {
        self.outlook
            .send(
                Method::PATCH,
                &format!("/{}", id.0),
                Some(json!({"subject": summary})),
            )
            .await;
    }

    async fn their_place(&self, id: &ItemId, place: &str) {
        self.outlook
            .send(
                Method::PATCH,
                &format!("/{}", id.0),
                Some(json!({"location": {"displayName": place}})),
            )
            .await;
    }

    async fn their_delete(&self, id: &ItemId) {
        self.outlook
            .send(Method::DELETE, &format!("/{}", id.0), None)
            .await;
    }

    async fn their_series(
        &self,
        summary: &str,
        start: DateTime<Utc>,
        hours: i64,
        count: u32,
    ) -> ItemId {
        let mut body = event(summary, start, start + Duration::hours(hours));
        body["recurrence"] = json!({
            "pattern": {
                "type": "weekly",
                "interval": 1,
                "daysOfWeek": [start.format("%A").to_string().to_lowercase()],
            },
            "range": {
                "type": "numbered",
                "startDate": start.date_naive().to_string(),
                "numberOfOccurrences": count,
            },
        });
        self.outlook.create(body).await
    }

    async fn their_move(
        &self,
        series: &ItemId,
        original: DateTime<Utc>,
        start: DateTime<Utc>,
        hours: i64,
    ) {
        // The fake names an occurrence `{series}_{yyyymmdd}` (Graph's own
        // ids are opaque; a client finds them with `instances`).
        let occurrence = format!("/{}_{}", series.0, original.format("%Y%m%d"));
        let body = json!({"start": time(start), "end": time(start + Duration::hours(hours))});
        let v = self
            .outlook
            .send(Method::PATCH, &occurrence, Some(body))
            .await;
        assert_eq!(v["type"], "exception", "{v}");
    }

    async fn fill(&self, n: usize) {
        for i in 0..n {
            let start = super::at(3 + (i % 20) as u32, 6 + (i % 10) as u32);
            self.outlook
                .create(event(
                    &format!("Job {i}"),
                    start,
                    start + Duration::hours(1),
                ))
                .await;
        }
    }

    async fn go_offline(&self) {
        self.sandbox.go_offline();
    }

    async fn come_online(&self) {
        self.sandbox.come_online().expect("the same port");
    }
}

conformance!(calendar());

/// A bounded first listing of Microsoft 365 stops paging at the first page
/// that holds more items than the bound, and takes nothing; a bound the
/// calendar does not pass takes every page. A series counts once, however
/// many occurrences it is listed as.
#[tokio::test]
async fn a_bounded_first_listing_stops_reading_past_its_bound() {
    let f = calendar().await;
    f.fill(30).await;
    let cal = f.calendar();
    // Delta pages the fake served.
    let pages = || f.sandbox.graph().stats().delta;

    let (before, served) = (f.requests(), pages());
    let past = cal.first_listing(Some(5)).await;
    assert_eq!(past, Err(ProviderError::TooMany { limit: 5 }));
    // The sign-in and the first page of ten.
    assert_eq!(f.requests() - before, 2, "read no further than the bound");
    assert_eq!(pages() - served, 1, "one page served");

    let before = f.requests();
    let past = cal.first_listing(Some(19)).await;
    assert_eq!(past, Err(ProviderError::TooMany { limit: 19 }));
    assert_eq!(f.requests() - before, 2, "two pages of ten hold 20");

    let before = f.requests();
    let all = cal.first_listing(Some(30)).await.unwrap();
    assert_eq!(all.upserts.len(), 30, "thirty exactly is taken");
    assert!(all.next.is_some());
    assert_eq!(f.requests() - before, 3, "every page");

    // A series listed as twelve occurrences is one item more.
    f.their_series("Fast", super::at(2, 9), 1, 12).await;
    let all = cal.first_listing(Some(31)).await.unwrap();
    assert_eq!(all.upserts.len(), 31);
    let past = cal.first_listing(Some(30)).await;
    assert_eq!(past, Err(ProviderError::TooMany { limit: 30 }));
}
