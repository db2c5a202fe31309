//! The contract against the sandbox's Microsoft Graph fake: the default
//! calendar of one mailbox, someone in Outlook writing to it with a token
//! of their own.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use super::{Fixture, conformance, now, quick_retries};
use renos::clock::Clock;
use renos::providers::calendar::{CalendarProvider, ItemId};
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
