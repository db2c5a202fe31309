//! An item moved between two cleaners' CalDAV calendars on one server
//! (WebDAV MOVE, as a client showing both calendars does when an event is
//! dragged from one to the other): it keeps its name and its booking id.
//! Gone from Anna's calendar is not deleted: the job lives in Bo's, and is
//! never cancelled for it.

use std::sync::Arc;

use renos::config::CalendarRef;
use renos::domain::BookingStatus;

use super::seam::*;
use crate::caldav::radicale::{Other, Radicale, USERS};
use crate::sync_env::*;

/// Anna's and Bo's calendars, two collections on one Radicale.
async fn two_on_one_server() -> (Remote, Remote) {
    let r = Radicale::start();
    let a = r.calendar_url("anna", "work");
    let b = r.calendar_url("anna", "bo");
    Other::new("anna").make_calendar(&a, "Anna").await;
    Other::new("anna").make_calendar(&b, "Bo").await;
    let bo = Remote {
        reference: CalendarRef::CalDav(b.clone()),
        provider: Arc::new(caldav_at(&b)),
        _radicale: None,
    };
    let anna = Remote {
        reference: CalendarRef::CalDav(a.clone()),
        provider: Arc::new(caldav_at(&a)),
        _radicale: Some(r),
    };
    (anna, bo)
}

/// WebDAV MOVE of the item at `path` into the collection `to`.
async fn move_item(base: &str, path: &str, to: &str) -> String {
    let name = path.rsplit('/').next().expect("a name");
    let from = format!("{}{path}", base.trim_end_matches('/'));
    let dest = format!("{to}{name}");
    let (user, password) = USERS[0];
    let r = reqwest::Client::new()
        .request(reqwest::Method::from_bytes(b"MOVE").expect("MOVE"), &from)
        .basic_auth(user, Some(password))
        .header("Destination", &dest)
        .header("Overwrite", "F")
        .send()
        .await
        .expect("radicale answers");
    assert!(
        r.status().is_success(),
        "MOVE {from} → {dest}: {}",
        r.status()
    );
    dest
}

fn origin(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split('/').next().unwrap_or_default();
    format!("http://{host}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_moved_to_another_cleaners_calendar_is_not_a_deletion() {
    let mut env = Env::new();
    let (anna, bo) = two_on_one_server().await;
    configure(&mut env, &anna, Some(&bo));
    let all = [&anna, &bo];
    let mut s = env.store();
    let b = book(&mut s, HANSEN, Some(ANNA), 9);
    let r = sync(&env, &all).await;
    assert!(r.errors.is_empty(), "{r:?}");
    let item = anna.item(b.id).await.expect("in Anna's calendar");

    let CalendarRef::CalDav(bo_url) = &bo.reference else {
        unreachable!()
    };
    move_item(&origin(bo_url), &item.id.0, bo_url).await;
    assert!(anna.item(b.id).await.is_none());
    assert!(bo.item(b.id).await.is_some());

    for _ in 0..3 {
        let r = sync(&env, &all).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let conflicts = s.sync_conflicts().unwrap();
        assert!(conflicts.is_empty(), "nothing clashes here: {conflicts:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(
        now.status,
        BookingStatus::Scheduled,
        "moved is not deleted: {now:?}"
    );
    // Bo's calendar holds it: it is Bo's job now, as a move between two
    // Google calendars makes it.
    assert_eq!(now.staff_id, Some(BO), "{now:?}");
    assert_eq!(bo.items().await.len(), 1);
    assert!(anna.items().await.is_empty());
    assert_eq!(env.bookings().len(), 1);
}
