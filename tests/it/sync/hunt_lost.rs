//! A write whose answer was lost (the connection dropped, the run was
//! killed) and a change made there before the next run: the job's item was
//! made, or changed, without our hearing of it; then someone gives it a
//! place. The next run finds the item; the place given there must reach
//! the booking, not be written over by the console's version.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures::future::BoxFuture;
use renos::providers::calendar::{
    CalendarProvider, Changes, Cursor, ItemId, ItemWrite, ProviderError, ProviderResult,
    RemoteItem, Version, Written,
};

use super::seam::*;
use crate::sync_env::*;

/// A calendar whose next create (or update) is made, but its answer lost.
struct LosesAnswers {
    inner: Arc<dyn CalendarProvider>,
    create: AtomicBool,
    update: AtomicBool,
}

fn lost() -> ProviderError {
    ProviderError::Transient("the answer was lost".into())
}

impl CalendarProvider for LosesAnswers {
    fn changes<'a>(&'a self, since: Option<&'a Cursor>) -> BoxFuture<'a, ProviderResult<Changes>> {
        self.inner.changes(since)
    }

    fn create<'a>(&'a self, item: &'a ItemWrite) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(async move {
            let w = self.inner.create(item).await?;
            match self.create.swap(false, Ordering::SeqCst) {
                true => Err(lost()),
                false => Ok(w),
            }
        })
    }

    fn update<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
        item: &'a ItemWrite,
    ) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(async move {
            let w = self.inner.update(id, version, item).await?;
            match self.update.swap(false, Ordering::SeqCst) {
                true => Err(lost()),
                false => Ok(w),
            }
        })
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

fn losing(remote: &Remote, create: bool, update: bool) -> Remote {
    Remote {
        reference: remote.reference.clone(),
        provider: Arc::new(LosesAnswers {
            inner: remote.provider.clone(),
            create: AtomicBool::new(create),
            update: AtomicBool::new(update),
        }),
        _radicale: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_place_given_to_an_item_whose_create_answer_was_lost_stays() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let b = book(&mut s, HANSEN, Some(ANNA), 9);
        let r = sync(&env, &[&losing(&anna, true, false)]).await;
        assert!(!r.errors.is_empty(), "the answer was lost: {r:?}");
        assert!(anna.item(b.id).await.is_some(), "made all the same");

        anna.edit_place(b.id, "Der 11").await;
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        assert_eq!(s.booking(b.id).unwrap().address, "Der 11");
        let item = anna.item(b.id).await.expect("there");
        assert_eq!(item.content.location, "Der 11");
        assert_eq!(anna.items().await.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_place_given_to_an_item_whose_update_answer_was_lost_stays() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let b = book(&mut s, HANSEN, Some(ANNA), 9);
        sync(&env, &[&anna]).await;
        edit(&mut s, b.id, |d| d.notes = "Ring på".into());
        let r = sync(&env, &[&losing(&anna, false, true)]).await;
        assert!(!r.errors.is_empty(), "the answer was lost: {r:?}");

        anna.edit_place(b.id, "Der 12").await;
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
        }
        let now = s.booking(b.id).unwrap();
        assert_eq!(
            (now.notes.as_str(), now.address.as_str()),
            ("Ring på", "Der 12")
        );
        let item = anna.item(b.id).await.expect("there");
        assert_eq!(item.content.location, "Der 12");
        assert!(item.content.description.contains("Ring på"));
    })
    .await;
}

/// The same with a note written here before the next run: the console's
/// note and the calendar's place both stay (what the lost create sent is
/// what both agreed on, not what the next try sends).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_create_then_changes_on_both_sides_keep_both() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let b = book(&mut s, HANSEN, Some(ANNA), 9);
        let r = sync(&env, &[&losing(&anna, true, false)]).await;
        assert!(!r.errors.is_empty(), "the answer was lost: {r:?}");
        edit(&mut s, b.id, |d| d.notes = "Ring på".into());
        anna.edit_place(b.id, "Der 13").await;
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
        }
        let now = s.booking(b.id).unwrap();
        assert_eq!(
            (now.notes.as_str(), now.address.as_str()),
            ("Ring på", "Der 13")
        );
        let item = anna.item(b.id).await.expect("there");
        assert_eq!(item.content.location, "Der 13");
        assert!(item.content.description.contains("Ring på"), "{item:?}");
        assert_eq!(anna.items().await.len(), 1);
    })
    .await;
}

/// A lost create, a place given there, and the job given to nobody (the
/// shared Google calendar) before the next run: the item the create made
/// is read before it is left behind, so the place goes with the job.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_create_changed_there_then_reassigned_keeps_the_change() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let b = book(&mut s, HANSEN, Some(ANNA), 9);
        let r = sync(&env, &[&losing(&anna, true, false)]).await;
        assert!(!r.errors.is_empty(), "the answer was lost: {r:?}");
        anna.edit_place(b.id, "Der 14").await;
        edit(&mut s, b.id, |d| d.staff_id = None);
        for _ in 0..3 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
        }
        let now = s.booking(b.id).unwrap();
        assert_eq!((now.staff_id, now.address.as_str()), (None, "Der 14"));
        assert_eq!(env.event_of(b.id)["location"], "Der 14");
        assert!(anna.items().await.is_empty(), "{:#?}", anna.items().await);
    })
    .await;
}
