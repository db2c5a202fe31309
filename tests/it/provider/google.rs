//! The contract against the sandbox's Google Calendar fake, through
//! `GoogleProvider` over the `GoogleClient` the sync engine uses; someone
//! in Google Calendar writes through the sandbox's admin handle.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::{Fixture, conformance, quick_retries};
use renos::providers::calendar::{CalendarProvider, ItemId};
use renos::providers::google::{GoogleClient, GoogleProvider, GoogleSettings};
use renos::sandbox::{CALENDAR_ID, IMPERSONATED_USER, Sandbox, key_json};

pub struct Google {
    sandbox: Sandbox,
    provider: GoogleProvider,
}

fn time(t: DateTime<Utc>) -> Value {
    json!({"dateTime": t.to_rfc3339(), "timeZone": "UTC"})
}

fn event(summary: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> Value {
    json!({"summary": summary, "start": time(start), "end": time(end)})
}

pub async fn calendar() -> Google {
    let sandbox = Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox");
    let client = client_of(&sandbox).await;
    let provider = GoogleProvider::new(Arc::new(client), CALENDAR_ID);
    Google { sandbox, provider }
}

/// A client of the sandbox's Google fake, as the sync engine makes one.
async fn client_of(sandbox: &Sandbox) -> GoogleClient {
    let mut settings = GoogleSettings::from_key_json(
        &key_json(&sandbox.token_uri()),
        Some(IMPERSONATED_USER.to_string()),
        Some(sandbox.google_base_url()),
    )
    .expect("settings");
    settings.retry = quick_retries();
    GoogleClient::new(settings).await.expect("client")
}

impl Google {
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// Another client of the same fake.
    pub async fn new_client(&self) -> GoogleClient {
        client_of(&self.sandbox).await
    }

    fn id_of(made: Value) -> ItemId {
        ItemId(
            made["id"]
                .as_str()
                .unwrap_or_else(|| panic!("{made}"))
                .to_string(),
        )
    }
}

impl Fixture for Google {
    // A recurring event's changed instances are written beside it, by the
    // provider, in the same create.
    const WRITES_EXCEPTIONS: bool = true;

    fn calendar(&self) -> &dyn CalendarProvider {
        &self.provider
    }

    fn requests(&self) -> u64 {
        self.provider.client().requests()
    }

    // Google pages at 2,500 events: the items come in one page.
    fn listing_requests(&self, n: usize) -> u64 {
        n.div_ceil(2500) as u64
    }

    async fn their_event(&self, summary: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> ItemId {
        Self::id_of(
            self.sandbox
                .google()
                .create(CALENDAR_ID, event(summary, start, end)),
        )
    }

    async fn their_edit(&self, id: &ItemId, summary: &str) {
        let edited = self
            .sandbox
            .google()
            .edit(CALENDAR_ID, &id.0, json!({"summary": summary}));
        assert!(edited.is_some(), "edit {id:?}");
    }

    async fn their_place(&self, id: &ItemId, place: &str) {
        let edited = self
            .sandbox
            .google()
            .edit(CALENDAR_ID, &id.0, json!({"location": place}));
        assert!(edited.is_some(), "edit {id:?}");
    }

    async fn their_delete(&self, id: &ItemId) {
        assert!(
            self.sandbox.google().delete(CALENDAR_ID, &id.0),
            "delete {id:?}"
        );
    }

    async fn their_series(
        &self,
        summary: &str,
        start: DateTime<Utc>,
        hours: i64,
        count: u32,
    ) -> ItemId {
        let rule = format!("RRULE:FREQ=WEEKLY;COUNT={count}");
        let made = self.sandbox.google().create_recurring(
            CALENDAR_ID,
            event(summary, start, start + Duration::hours(hours)),
            &[&rule],
        );
        Self::id_of(made)
    }

    async fn their_move(
        &self,
        series: &ItemId,
        original: DateTime<Utc>,
        start: DateTime<Utc>,
        hours: i64,
    ) {
        // An instance's id is its series' and its original start.
        let instance = format!("{}_{}", series.0, original.format("%Y%m%dT%H%M%SZ"));
        let moved = self.sandbox.google().edit(
            CALENDAR_ID,
            &instance,
            json!({"start": time(start), "end": time(start + Duration::hours(hours))}),
        );
        assert!(moved.is_some(), "move {instance}");
    }

    async fn fill(&self, n: usize) {
        let g = self.sandbox.google();
        for i in 0..n {
            let start = super::at(3 + (i % 20) as u32, 6 + (i % 10) as u32);
            g.create(
                CALENDAR_ID,
                event(&format!("Job {i}"), start, start + Duration::hours(1)),
            );
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
