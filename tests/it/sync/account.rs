//! The shared calendars are reached through the seam's event-level calls
//! and nothing else: a syncer made over an account that records every call
//! (and passes it on to Google's) sees each request the run sends, and a
//! job, a series and a change made in Google come and go as ever.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;
use serde_json::json;

use renos::engine::sync::Syncer;
use renos::providers::calendar::events::{
    EventAccount, EventCalendar, EventWrite, ListQuery, Page, RemoteEvent,
};
use renos::providers::calendar::{
    CalendarProvider, Changes, Cursor, ItemId, ItemWrite, ProviderError, ProviderResult,
    RemoteItem, Version, Written,
};
use renos::providers::google::GoogleAccount;

use crate::sync_env::*;

/// Every event-level call, as `(calendar, what)`.
type Calls = Arc<Mutex<Vec<(String, &'static str)>>>;

pub(super) struct Recording {
    inner: GoogleAccount,
    calls: Calls,
    /// The delete (counted from 1) whose answer is lost: it is made in
    /// Google, the sync hears of a dropped connection. 0: none.
    lose_delete: Arc<AtomicU32>,
}

struct RecordingCalendar {
    inner: Arc<dyn EventCalendar>,
    calls: Calls,
    lose_delete: Arc<AtomicU32>,
}

impl RecordingCalendar {
    fn note(&self, what: &'static str) {
        self.calls
            .lock()
            .expect("calls")
            .push((self.inner.calendar_id().to_string(), what));
    }
}

impl EventAccount for Recording {
    fn calendar(&self, id: &str) -> Arc<dyn EventCalendar> {
        Arc::new(RecordingCalendar {
            inner: self.inner.calendar(id),
            calls: self.calls.clone(),
            lose_delete: self.lose_delete.clone(),
        })
    }

    fn requests(&self) -> u64 {
        self.inner.requests()
    }
}

// The item-level calls are not the shared calendars' way: each one is
// recorded as such, so the test sees if the engine ever takes it.
impl CalendarProvider for RecordingCalendar {
    fn changes<'a>(&'a self, since: Option<&'a Cursor>) -> BoxFuture<'a, ProviderResult<Changes>> {
        self.note("item changes");
        self.inner.changes(since)
    }

    fn create<'a>(&'a self, item: &'a ItemWrite) -> BoxFuture<'a, ProviderResult<Written>> {
        self.note("item create");
        self.inner.create(item)
    }

    fn update<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
        item: &'a ItemWrite,
    ) -> BoxFuture<'a, ProviderResult<Written>> {
        self.note("item update");
        self.inner.update(id, version, item)
    }

    fn delete<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
    ) -> BoxFuture<'a, ProviderResult<()>> {
        self.note("item delete");
        self.inner.delete(id, version)
    }

    fn get<'a>(&'a self, id: &'a ItemId) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        self.note("item get");
        self.inner.get(id)
    }

    fn find_by_booking<'a>(
        &'a self,
        booking: &'a str,
    ) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        self.note("item find");
        self.inner.find_by_booking(booking)
    }
}

impl EventCalendar for RecordingCalendar {
    fn calendar_id(&self) -> &str {
        self.inner.calendar_id()
    }

    fn list_events<'a>(&'a self, q: &'a ListQuery) -> BoxFuture<'a, ProviderResult<Page>> {
        self.note("list");
        self.inner.list_events(q)
    }

    fn get_event<'a>(&'a self, id: &'a str) -> BoxFuture<'a, ProviderResult<RemoteEvent>> {
        self.note("get");
        self.inner.get_event(id)
    }

    fn insert_event<'a>(
        &'a self,
        id: &'a str,
        event: &'a EventWrite,
    ) -> BoxFuture<'a, ProviderResult<RemoteEvent>> {
        self.note("insert");
        self.inner.insert_event(id, event)
    }

    fn patch_event<'a>(
        &'a self,
        id: &'a str,
        version: Option<&'a str>,
        event: &'a EventWrite,
    ) -> BoxFuture<'a, ProviderResult<RemoteEvent>> {
        self.note("patch");
        self.inner.patch_event(id, version, event)
    }

    fn delete_event<'a>(
        &'a self,
        id: &'a str,
        version: Option<&'a str>,
    ) -> BoxFuture<'a, ProviderResult<()>> {
        self.note("delete");
        Box::pin(async move {
            let done = self.inner.delete_event(id, version).await;
            let deletes = self
                .calls
                .lock()
                .expect("calls")
                .iter()
                .filter(|(_, w)| *w == "delete")
                .count();
            if self.lose_delete.load(Ordering::SeqCst) as usize == deletes {
                return Err(ProviderError::Transient("the answer was lost".into()));
            }
            done
        })
    }
}

pub(super) async fn recorded(env: &Env) -> (Syncer, Calls) {
    recorded_losing(env, 0).await
}

/// A syncer whose `lose`-th delete (from 1) is made but its answer lost.
pub(super) async fn recorded_losing(env: &Env, lose: u32) -> (Syncer, Calls) {
    let client = renos::engine::sync::client(&env.settings.google, quick())
        .await
        .expect("client")
        .expect("set up");
    let calls = Calls::default();
    let account = Recording {
        inner: GoogleAccount::new(client),
        calls: calls.clone(),
        lose_delete: Arc::new(AtomicU32::new(lose)),
    };
    let syncer =
        Syncer::with_account(env.store(), Arc::new(account), &env.settings).expect("syncer");
    (syncer, calls)
}

#[tokio::test]
async fn every_request_to_the_shared_calendars_goes_through_the_seam() {
    let env = Env::new();
    let mut s = env.store();
    let job = book(&mut s, 1, None, 9);
    let series = super::seam_writes::weekly(&mut s);

    let (mut syncer, calls) = recorded(&env).await;
    let r = syncer.run(Default::default(), &mut ()).await.expect("sync");
    assert!(r.errors.is_empty(), "{r:?}");
    let event = env.event_of(job.id);
    assert_eq!(event["status"], "confirmed");
    assert!(
        s.google_series_link(series.id).expect("link").is_some(),
        "the series has its recurring event"
    );

    // A change made in Google comes in; a cancellation here goes out.
    env.google()
        .edit(
            CAL,
            event["id"].as_str().expect("id"),
            json!({"location": "Der 7"}),
        )
        .expect("edited");
    let r = syncer.run(Default::default(), &mut ()).await.expect("sync");
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(s.booking(job.id).expect("job").address, "Der 7");
    let b = s.booking(job.id).expect("job");
    s.cancel_booking(b.id, b.version, "Kunden aflyste")
        .expect("cancelled");
    let r = syncer.run(Default::default(), &mut ()).await.expect("sync");
    assert!(r.errors.is_empty(), "{r:?}");
    assert!(env.live_events().iter().all(|e| e["id"] != event["id"]));

    let calls = calls.lock().expect("calls").clone();
    let kinds: std::collections::BTreeSet<&str> = calls.iter().map(|(_, w)| *w).collect();
    for kind in ["list", "insert", "delete"] {
        assert!(kinds.contains(kind), "{kind}: {calls:?}");
    }
    assert!(
        kinds.iter().all(|k| !k.starts_with("item")),
        "the shared calendars are read event by event: {calls:?}"
    );
    assert!(calls.iter().all(|(c, _)| c == CAL), "{calls:?}");
    // No request of the run went around the seam: the client sent one
    // request for each call (no faults, so no retries).
    let sent = env.google().stats();
    assert_eq!(
        sent.list + sent.get + sent.insert + sent.patch + sent.delete,
        calls.len() as u64,
        "{sent:?} against {calls:?}"
    );
}
