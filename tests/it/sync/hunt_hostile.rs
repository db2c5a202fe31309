//! Hostile content in a cleaner's Microsoft 365 calendar: two items carrying
//! the same booking id, made by someone who copied one of ours (Outlook
//! keeps an event's extended properties on a copy) or edited its booking id
//! to another booking's. Looking a booking's item up by its id must never
//! take the other item's times for the booking's own, nor point the
//! booking at it.

use chrono::Duration;
use renos::domain::BookingStatus;
use renos::engine::sync::{Direction, SyncOptions};
use renos::providers::calendar::{ItemWrite, RemoteItem, When};
use renos::sandbox::MICROSOFT_USER;
use serde_json::{Value, json};

use super::seam::*;
use crate::sync_env::*;

/// The Graph fake's event of booking `id`, as Graph renders it.
fn raw_event(env: &Env, item: &RemoteItem) -> Value {
    env.sandbox
        .graph()
        .events(MICROSOFT_USER)
        .into_iter()
        .find(|e| e["id"] == item.id.0.as_str())
        .expect("the event")
}

/// Someone copies `item` to a week later: a new event with the same
/// extended properties. The copy's id sorts before the original's, so a
/// search by booking id meets the copy first (the fake lists by id).
async fn copy_a_week_later(env: &Env, anna: &Remote, item: &RemoteItem) -> String {
    let ev = raw_event(env, item);
    let later = |v: &Value| {
        let t = chrono::NaiveDateTime::parse_from_str(
            v["dateTime"].as_str().expect("dateTime"),
            "%Y-%m-%dT%H:%M:%S%.f",
        )
        .expect("a time");
        json!({
            "dateTime": (t + Duration::days(7)).format("%Y-%m-%dT%H:%M:%S").to_string(),
            "timeZone": v["timeZone"].clone(),
        })
    };
    let body = json!({
        "subject": ev["subject"],
        "body": ev["body"],
        "location": ev["location"],
        "start": later(&ev["start"]),
        "end": later(&ev["end"]),
        "singleValueExtendedProperties": ev["singleValueExtendedProperties"],
    });
    loop {
        let copy = env
            .sandbox
            .graph()
            .add_event(MICROSOFT_USER, &body)
            .expect("copied");
        let id = copy["id"].as_str().expect("id").to_string();
        if id < item.id.0 {
            return id;
        }
        // Listed after the original: not the case tried here.
        let listed = anna
            .items()
            .await
            .into_iter()
            .find(|i| i.id.0 == id)
            .expect("the copy");
        anna.provider
            .delete(&listed.id, &listed.version)
            .await
            .expect("copy removed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_of_a_jobs_item_never_moves_the_job() {
    let mut env = Env::new();
    let anna = Remote::graph(&env);
    configure(&mut env, &anna, None);
    let mut s = env.store();
    let b = book(&mut s, HANSEN, Some(ANNA), 9);
    let r = sync(&env, &[&anna]).await;
    assert!(r.errors.is_empty(), "{r:?}");
    let original = anna.item(b.id).await.expect("its item");
    copy_a_week_later(&env, &anna, &original).await;

    for _ in 0..3 {
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(now.status, BookingStatus::Scheduled);
    assert_eq!(
        (now.start, now.end),
        (b.start, b.end),
        "the copy's times are not the job's"
    );
    let link = s.google_link(b.id).unwrap().expect("linked");
    assert_eq!(link.event_id, original.id.0, "still its own item");
    let items = anna.items().await;
    let own = items
        .iter()
        .find(|i| i.id == original.id)
        .expect("the original stays");
    assert_eq!(own.content.start, When::At(b.start));
}

/// Two jobs; someone edits the booking id of the first one's item to the
/// second's. The second job then changes on both sides (a note here, a
/// place there): its write is refused and it is read again by its
/// booking id, which finds the first job's item first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_given_another_jobs_id_never_overwrites_that_job() {
    let mut env = Env::new();
    let anna = Remote::graph(&env);
    configure(&mut env, &anna, None);
    let mut s = env.store();
    let one = book(&mut s, HANSEN, Some(ANNA), 8);
    let two = book(&mut s, 2, Some(ANNA), 13);
    let r = sync(&env, &[&anna]).await;
    assert!(r.errors.is_empty(), "{r:?}");
    let (i1, i2) = (
        anna.item(one.id).await.expect("one's"),
        anna.item(two.id).await.expect("two's"),
    );
    // The job whose item sorts first gets its id changed to the other's.
    let (edited, victim, victim_item) = if i1.id < i2.id {
        (&i1, &two, &i2)
    } else {
        (&i2, &one, &i1)
    };
    let mut w = ItemWrite::single(
        &victim.id.to_string(),
        edited.content.clone(),
        "Europe/Copenhagen",
    );
    w.properties = edited.properties.clone();
    anna.provider
        .update(&edited.id, &edited.version, &w)
        .await
        .expect("its id edited");
    let r = sync(&env, &[&anna]).await;
    assert!(r.errors.is_empty(), "{r:?}");

    edit(&mut s, victim.id, |d| d.notes = "Ring på".into());
    let mut w = ItemWrite::single(
        &victim.id.to_string(),
        victim_item.content.clone(),
        "Europe/Copenhagen",
    );
    w.properties = victim_item.properties.clone();
    w.content.location = "Bagdøren".into();
    let current = anna
        .items()
        .await
        .into_iter()
        .find(|i| i.id == victim_item.id)
        .expect("there");
    anna.provider
        .update(&current.id, &current.version, &w)
        .await
        .expect("a place there");
    // Pushed before any pull: the write meets the newer version.
    let r = syncer(&env, &[&anna])
        .await
        .run(
            SyncOptions {
                direction: Direction::Push,
                ..SyncOptions::default()
            },
            &mut (),
        )
        .await;
    assert!(r.as_ref().is_ok_and(|r| r.errors.is_empty()), "{r:?}");

    for _ in 0..3 {
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let now = s.booking(victim.id).unwrap();
    assert_eq!(now.status, BookingStatus::Scheduled);
    assert_eq!(
        (now.start, now.end),
        (victim.start, victim.end),
        "the other job's times are not this one's: {now:?}"
    );
    assert_eq!(now.notes, "Ring på");
    assert_eq!(now.address, "Bagdøren");
    let link = s.google_link(victim.id).unwrap().expect("linked");
    assert_eq!(link.event_id, victim_item.id.0, "still its own item");
    let other = if victim.id == one.id { &two } else { &one };
    let o = s.booking(other.id).unwrap();
    assert_eq!(o.status, BookingStatus::Scheduled, "{o:?}");
    assert_eq!((o.start, o.end), (other.start, other.end));
}

/// The raw text of the CalDAV item at `url`.
async fn get_ics(url: &str) -> String {
    let (user, password) = crate::caldav::radicale::USERS[0];
    reqwest::Client::new()
        .get(url)
        .basic_auth(user, Some(password))
        .send()
        .await
        .expect("radicale answers")
        .text()
        .await
        .expect("text")
}

/// A job made by hand in Anna's CalDAV calendar (under a name of its own,
/// so it is searched for by its booking id), taken in and written to by
/// the console; then a client copies it twice to a week later, booking id
/// and all. Whichever the server lists first, the job keeps its own item.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_of_a_hand_made_caldav_job_never_move_it() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    configure(&mut env, &anna, None);
    let renos::config::CalendarRef::CalDav(url) = anna.reference.clone() else {
        unreachable!()
    };
    let hand = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Hand//EN\r\nBEGIN:VEVENT\r\n\
        UID:hand-1@example.dk\r\nDTSTAMP:20261120T070000Z\r\n\
        DTSTART:20261123T130000Z\r\nDTEND:20261123T150000Z\r\n\
        SUMMARY:Madsen\r\nLOCATION:Nørregade 3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let other = crate::caldav::radicale::Other::new("anna");
    assert_eq!(other.put(&format!("{url}m-hand.ics"), hand).await, 201);
    sync(&env, &[&anna]).await;
    let b = env.bookings().pop().expect("taken in");
    assert_eq!(b.start, at(13, 0));
    let mut s = env.store();
    edit(&mut s, b.id, |d| d.notes = "Ring på".into());
    let r = sync(&env, &[&anna]).await;
    assert!(r.errors.is_empty(), "{r:?}");
    let own = get_ics(&format!("{url}m-hand.ics")).await;
    assert!(own.contains("X-RENOS-BOOKING"), "{own}");

    for name in ["a-copy", "z-copy"] {
        let copy = own
            .replace("hand-1@example.dk", &format!("{name}@example.dk"))
            .replace("20261123T", "20261130T");
        assert_eq!(other.put(&format!("{url}{name}.ics"), &copy).await, 201);
    }
    for _ in 0..3 {
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let now = s.booking(b.id).unwrap();
    assert_eq!(now.status, BookingStatus::Scheduled);
    assert_eq!((now.start, now.notes.as_str()), (at(13, 0), "Ring på"));
    let link = s.google_link(b.id).unwrap().expect("linked");
    assert!(link.event_id.ends_with("m-hand.ics"), "{link:?}");
}

/// The other side of the case above: the job whose item had its booking id
/// edited away. Its item lives (it says another job's id); a change there
/// and one here meet in a refused write. The item is not deleted: the job
/// takes the change made there, with no "deleted there" to settle.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_whose_item_lost_its_id_is_not_taken_for_deleted() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let one = book(&mut s, HANSEN, Some(ANNA), 8);
        let two = book(&mut s, 2, Some(ANNA), 13);
        sync(&env, &[&anna]).await;
        let item = anna.item(one.id).await.expect("one's");
        // Its booking id edited to two's, and a place given.
        let mut w = ItemWrite::single(
            &two.id.to_string(),
            item.content.clone(),
            "Europe/Copenhagen",
        );
        w.properties = item.properties.clone();
        w.content.location = "Der 1".into();
        anna.provider
            .update(&item.id, &item.version, &w)
            .await
            .expect("edited there");
        edit(&mut s, one.id, |d| d.notes = "Ring på".into());
        let r = syncer(&env, &[&anna])
            .await
            .run(
                SyncOptions {
                    direction: Direction::Push,
                    ..SyncOptions::default()
                },
                &mut (),
            )
            .await;
        assert!(r.as_ref().is_ok_and(|r| r.errors.is_empty()), "{r:?}");
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
            assert_eq!(r.open_conflicts, 0, "{:?}", s.sync_conflicts().unwrap());
        }
        let now = s.booking(one.id).unwrap();
        assert_eq!(now.status, BookingStatus::Scheduled);
        assert_eq!(
            (now.notes.as_str(), now.address.as_str()),
            ("Ring på", "Der 1")
        );
        assert_eq!(anna.items().await.len(), 2, "{:#?}", anna.items().await);
        assert!(s.booking(two.id).unwrap().is_active());
    })
    .await;
}
