//! A job or a series given to a cleaner whose calendar is another Google
//! calendar, or a series back from a cleaner on CalDAV before its visits
//! left Google: an old event goes, a new one comes. The old event's delete
//! is made in Google but its answer lost (a dropped connection, a run
//! killed just after): the next runs list the old event as cancelled. That
//! is the job leaving, never the job deleted there — nothing may be
//! cancelled, nothing asked of the dispatcher, nothing left behind.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use renos::providers::calendar::{
    CalendarProvider, Changes, Cursor, ItemId, ItemWrite, ProviderResult, RemoteItem, Version,
    Written,
};

use renos::domain::BookingStatus;
use renos::engine::sync::{Direction, SyncOptions};
use renos::sandbox::CalendarRole;
use renos::store::{Scope, VisitChange};

use super::account::recorded_losing;
use super::seam::{ANNA, Remote, configure, sync, syncer};
use super::seam_writes::weekly;
use crate::sync_env::*;

/// Bo's own Google calendar (cleaner 2).
const BO_CAL: &str = "bo@renos.test";
const BO: i64 = 2;

fn env_with_bo() -> Env {
    let mut env = Env::new();
    env.settings
        .google
        .staff_calendars
        .push(("Bo".into(), BO_CAL.into()));
    env.google().add_calendar(BO_CAL, CalendarRole::Owner);
    env
}

fn live(env: &Env, calendar: &str) -> Vec<serde_json::Value> {
    env.google()
        .events(calendar)
        .into_iter()
        .filter(|e| e["status"] != "cancelled")
        .collect()
}

/// A push-only run that loses the answer of its `lose`-th delete, then
/// ordinary runs.
async fn lose_then_sync(env: &Env, lose: u32) {
    let (mut syncer, _) = recorded_losing(env, lose).await;
    let push = SyncOptions {
        direction: Direction::Push,
        ..SyncOptions::default()
    };
    syncer.run(push, &mut ()).await.expect("sync");
    for _ in 0..3 {
        let r = env.sync().await;
        // Nobody deleted anything: nothing to ask the dispatcher either.
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_whose_old_events_delete_went_unheard_is_not_cancelled() {
    let env = env_with_bo();
    let mut s = env.store();
    let job = book(&mut s, 1, None, 9);
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");

    edit(&mut s, job.id, |d| d.staff_id = Some(BO));
    lose_then_sync(&env, 1).await;

    let now = s.booking(job.id).expect("job");
    assert_eq!(now.status, BookingStatus::Scheduled, "{now:?}");
    assert_eq!(now.staff_id, Some(BO));
    assert_eq!(
        live(&env, BO_CAL).len(),
        1,
        "{:#?}; link {:?}; all of Bo's {:#?}; the shared {:#?}; outbox {:?}",
        live(&env, BO_CAL),
        s.google_link(job.id).expect("link"),
        env.google().events(BO_CAL),
        env.google().events(CAL),
        s.outbox_items(renos::store::GOOGLE_BOOKING)
            .expect("outbox"),
    );
    assert!(live(&env, CAL).is_empty(), "{:#?}", live(&env, CAL));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_whose_old_events_delete_went_unheard_keeps_every_visit() {
    // The first delete is the recurring event's, the next ones its
    // instances' (a visit linked to one): each answer lost in turn.
    for lose in 1..=3 {
        let env = env_with_bo();
        let mut s = env.store();
        let series = weekly(&mut s);
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        let visits: Vec<i64> = s
            .series_visits(series.id)
            .expect("visits")
            .into_iter()
            .map(|(b, _)| b.id)
            .collect();
        give_series(&mut s, visits[0], Some(BO));

        lose_then_sync(&env, lose).await;

        for id in &visits {
            let b = s.booking(*id).expect("visit");
            assert_eq!(
                b.status,
                BookingStatus::Scheduled,
                "losing delete #{lose}: visit #{id} {b:?}; journal {:#?}",
                s.journal(Some(("booking", *id)), 10).expect("journal")
            );
        }
        let recurring: Vec<_> = live(&env, BO_CAL)
            .into_iter()
            .filter(|e| e.get("recurrence").is_some())
            .collect();
        assert_eq!(recurring.len(), 1, "losing delete #{lose}: {recurring:#?}");
        assert!(
            live(&env, CAL).is_empty(),
            "losing delete #{lose}: {:#?}",
            live(&env, CAL)
        );
    }
}

/// A cleaner's calendar whose creates never answer while `hang` is set: a
/// run that reaches one stops there, as a kill would stop it.
struct Hangs {
    inner: Arc<dyn CalendarProvider>,
    hang: Arc<AtomicBool>,
}

impl CalendarProvider for Hangs {
    fn changes<'a>(&'a self, since: Option<&'a Cursor>) -> BoxFuture<'a, ProviderResult<Changes>> {
        self.inner.changes(since)
    }

    fn create<'a>(&'a self, item: &'a ItemWrite) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(async move {
            if self.hang.load(Ordering::SeqCst) {
                futures::future::pending::<()>().await;
            }
            self.inner.create(item).await
        })
    }

    fn update<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
        item: &'a ItemWrite,
    ) -> BoxFuture<'a, ProviderResult<Written>> {
        self.inner.update(id, version, item)
    }

    fn delete<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
    ) -> BoxFuture<'a, ProviderResult<()>> {
        self.inner.delete(id, version)
    }

    fn get<'a>(&'a self, id: &'a ItemId) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        self.inner.get(id)
    }

    fn find_by_booking<'a>(
        &'a self,
        booking: &'a str,
    ) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        self.inner.find_by_booking(booking)
    }
}

/// Gives every visit of a series from `visit` on to `to` (the console's
/// scope "all").
fn give_series(s: &mut renos::store::Store, visit: i64, to: Option<i64>) {
    let first = s.booking(visit).expect("visit");
    s.move_visit(
        first.id,
        first.version,
        VisitChange {
            staff: Some(to),
            ..VisitChange::default()
        },
        Scope::All,
        None,
    )
    .expect("given");
}

/// The kill test's case, made to happen: a series given to Anna (CalDAV)
/// and back to nobody before its visits left Google. Its first visit was
/// handed over when the run stopped; the others still link the instances
/// of its old recurring event. Back to nobody, those instances go as the
/// visits take the new event's — one delete's answer lost on the way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_back_from_a_caldav_cleaner_before_its_visits_left_keeps_every_visit() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    configure(&mut env, &anna, None);
    let mut s = env.store();
    let series = weekly(&mut s);
    let r = sync(&env, &[&anna]).await;
    assert!(r.errors.is_empty(), "{r:?}");
    let visits: Vec<i64> = s
        .series_visits(series.id)
        .expect("visits")
        .into_iter()
        .map(|(b, _)| b.id)
        .collect();

    give_series(&mut s, visits[0], Some(ANNA));
    let hanging = Remote {
        reference: anna.reference.clone(),
        provider: Arc::new(Hangs {
            inner: anna.provider.clone(),
            hang: Arc::new(AtomicBool::new(true)),
        }),
        _radicale: None,
    };
    let mut stopped = syncer(&env, &[&hanging]).await;
    let cut = tokio::time::timeout(
        Duration::from_secs(3),
        stopped.run(SyncOptions::default(), &mut ()),
    )
    .await;
    assert!(cut.is_err(), "the run stops at Anna's first create");
    drop(stopped);
    let still = visits
        .iter()
        .filter(|id| {
            s.google_link(**id)
                .expect("link")
                .is_some_and(|l| l.calendar_id == CAL)
        })
        .count();
    assert!(still > 1, "visits still in Google: {still}");

    give_series(&mut s, visits[0], None);
    let (mut syncer, _) = recorded_losing(&env, 1).await;
    syncer.use_calendar(&anna.key(), anna.provider.clone());
    let push = SyncOptions {
        direction: Direction::Push,
        ..SyncOptions::default()
    };
    syncer.run(push, &mut ()).await.expect("sync");
    for _ in 0..3 {
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    }
    for id in &visits {
        let b = s.booking(*id).expect("visit");
        assert_eq!(
            b.status,
            BookingStatus::Scheduled,
            "visit #{id} {b:?}; journal {:#?}",
            s.journal(Some(("booking", *id)), 10).expect("journal")
        );
    }
    assert!(anna.items().await.is_empty(), "{:#?}", anna.items().await);
    let recurring: Vec<_> = live(&env, CAL)
        .into_iter()
        .filter(|e| e.get("recurrence").is_some())
        .collect();
    assert_eq!(recurring.len(), 1, "{recurring:#?}");
}
