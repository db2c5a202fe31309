//! Two-way sync against the Google sandbox: the real client, real HTTP,
//! real SQLite.

use crate::sync_env;

/// The shared calendars reached through the seam alone.
mod account;
/// Sequences the state machine test found, pinned.
mod found;
/// What the real Google does that a kinder fake would hide.
mod google;
/// Recurring events made by hand in Google as series.
mod hand_made;
/// Adversarial cases: conflicts settled after the job moved on, a job
/// handed over and taken back, items moved or copied in the calendar.
mod hunt_chains;
mod hunt_conflicts;
/// A delete made in Google whose answer was lost, as a job or series moves between Google calendars.
mod hunt_google_moves;
mod hunt_hostile;
mod hunt_lost;
mod hunt_moves;
mod hunt_resync;
mod hunt_series;
mod hunt_undo;
mod hunt_walk;
/// A job's old item changed after the job moved to another provider.
mod left_behind;
/// The two losses seen from outside.
mod losses;
/// Events moved between calendars while their bookings change here.
mod moves;
/// A cleaner's calendar on CalDAV or Microsoft 365.
mod seam;
/// `--max-events` on those calendars' first listings.
mod seam_bound;
/// `renos status` and `renos sync` on those calendars.
mod seam_cli;
/// Google out of reach while those calendars answer.
mod seam_offline;
/// What the console writes to those calendars: titles, jobs made by hand
/// there, series moved there.
mod seam_writes;
/// Recurring bookings as recurring events.
mod series;
/// A series changed on both sides, or deleted in Google.
mod series_conflicts;
/// A series changed as a whole after visits were moved on their own.
mod series_moves;

use renos::domain::BookingStatus;
use renos::domain::sync::ConflictKind;
use renos::engine::sync::{Choice, DELETED_THERE, Direction, SyncOptions, resolve};
use renos::sandbox::GoogleFaults;
use serde_json::json;
use sync_env::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_full_sync_then_an_incremental_one_with_nothing_to_do() {
    let env = Env::new();
    let mut s = env.store();
    let a = book(&mut s, 1, Some(1), 8);
    let b = book(&mut s, 2, Some(2), 9);
    env.google()
        .create(CAL, hand_made("Madsen - vinduespudsning", at(12, 0), 2));

    let r = env.sync().await;
    assert!(r.full && r.errors.is_empty(), "{r:?}");
    assert_eq!((r.counts.created, r.counts.pushed), (1, 2), "{r:?}");
    let events = env.live_events();
    assert_eq!(events.len(), 3);
    for id in [a.id, b.id] {
        let ev = env.event_of(id);
        assert_eq!(
            ev["extendedProperties"]["private"]["renos_booking"],
            id.to_string()
        );
        assert_eq!(time_of(&ev["start"]), s.booking(id).expect("b").start);
    }
    assert!(
        env.event_of(a.id)["summary"]
            .as_str()
            .expect("summary")
            .contains("Hansen")
    );
    // The hand-made event became a booking of the customer its title names.
    let made: Vec<_> = env.bookings().into_iter().filter(|x| x.id > b.id).collect();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].customer_id, 3);
    assert_eq!(made[0].start, at(12, 0));
    assert!(!made[0].needs_review(), "{:?}", made[0].review);

    // The next run sees our own two inserts come back, and changes nothing.
    let r = env.sync().await;
    assert!(!r.full);
    assert_eq!(r.counts.pulled, 2, "{r:?}");
    assert_eq!(
        r.counts.pushed + r.counts.created + r.counts.updated,
        0,
        "{r:?}"
    );
    // With nothing changed anywhere: one request for the calendar.
    env.google().reset_stats();
    let r = env.sync().await;
    assert_eq!(r.counts.pulled, 0, "{r:?}");
    assert_eq!(r.requests, 1);
    assert_eq!(env.google().stats().calendar_calls(), 1, "one list call");
    assert_eq!(env.live_events().len(), 3);
    assert_eq!(env.bookings().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_edits_and_deletes_travel_both_ways() {
    let env = Env::new();
    let mut s = env.store();
    let a = book(&mut s, 1, Some(1), 8);
    let b = book(&mut s, 2, Some(2), 8);
    env.sync().await;

    // Here: a move and a cancellation.
    edit(&mut s, a.id, |d| {
        d.start = at(10, 0);
        d.end = at(12, 30);
    });
    let cur = s.booking(b.id).expect("b");
    s.cancel_booking(b.id, cur.version, "kunden er syg")
        .expect("cancel");
    assert_eq!(
        s.outbox_counts(renos::store::GOOGLE_BOOKING)
            .expect("n")
            .pending,
        2
    );
    let r = env.sync().await;
    assert_eq!(r.counts.pushed, 2, "{r:?}");
    assert_eq!(r.pending, 0);
    let ev = env.event_of(a.id);
    assert_eq!(time_of(&ev["start"]), at(10, 0));
    assert_eq!(time_of(&ev["end"]), at(12, 30));
    assert_eq!(env.event_of(b.id)["status"], "cancelled");

    // There: a new place and notes, then a deletion.
    let c = book(&mut s, 3, None, 14);
    env.sync().await;
    let ev_a = env.event_of(a.id)["id"].as_str().expect("id").to_string();
    env.google().edit(
        CAL,
        &ev_a,
        json!({"location": "Bagdøren, Vestergade 1", "description": "ring på"}),
    );
    let ev_c = env.event_of(c.id)["id"].as_str().expect("id").to_string();
    assert!(env.google().delete(CAL, &ev_c));
    let r = env.sync().await;
    assert_eq!((r.counts.updated, r.counts.deleted), (1, 1), "{r:?}");
    let a2 = s.booking(a.id).expect("a");
    assert_eq!(a2.address, "Bagdøren, Vestergade 1");
    assert_eq!(a2.notes, "ring på");
    assert_eq!(a2.start, at(10, 0), "the local move stays");
    let c2 = s.booking(c.id).expect("c");
    assert_eq!(c2.status, BookingStatus::Cancelled);
    assert_eq!(c2.cancel_reason, DELETED_THERE);
    // The journal says where the change came from.
    let j = s.journal(Some(("booking", a.id)), 1).expect("journal");
    assert_eq!(j[0].actor, "Google Calendar");
    // Nothing echoes back.
    let r = env.sync().await;
    assert_eq!(r.counts.pushed + r.counts.updated, 0, "{r:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_sync_token_means_a_full_sync_that_keeps_local_edits() {
    let env = Env::new();
    let mut s = env.store();
    let a = book(&mut s, 1, Some(1), 8);
    env.sync().await;
    edit(&mut s, a.id, |d| d.notes = "nøgle hos naboen".into());
    let ev = env.event_of(a.id)["id"].as_str().expect("id").to_string();
    env.google().edit(CAL, &ev, json!({"location": "Kontoret"}));
    env.google().set_faults(GoogleFaults {
        invalidate_sync_tokens: true,
        ..GoogleFaults::default()
    });
    let r = env.sync().await;
    assert!(r.full, "{r:?}");
    assert!(r.errors.is_empty(), "{r:?}");
    let a2 = s.booking(a.id).expect("a");
    assert_eq!(a2.notes, "nøgle hos naboen");
    assert_eq!(a2.address, "Kontoret");
    let ev = env.event_of(a.id);
    assert_eq!(ev["description"], "nøgle hos naboen");
    assert_eq!(ev["location"], "Kontoret");
    assert_eq!(env.live_events().len(), 1);
    assert_eq!(env.bookings().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_etag_is_reconciled_field_by_field() {
    let env = Env::new();
    let mut s = env.store();
    let a = book(&mut s, 1, Some(1), 8);
    env.sync().await;
    // Google changes the notes, we change the times; push only, so the
    // write meets the newer etag (412) before any pull.
    let ev = env.event_of(a.id)["id"].as_str().expect("id").to_string();
    env.google()
        .edit(CAL, &ev, json!({"description": "kode 1234"}));
    edit(&mut s, a.id, |d| {
        d.start = at(9, 0);
        d.end = at(11, 0);
    });
    env.google().reset_stats();
    let mut syncer = env.syncer().await;
    let r = syncer
        .run(
            SyncOptions {
                direction: Direction::Push,
                ..SyncOptions::default()
            },
            &mut (),
        )
        .await
        .expect("push");
    assert!(r.errors.is_empty(), "{r:?}");
    assert!(env.google().stats().get >= 1, "refetched after 412");
    let ev = env.event_of(a.id);
    assert_eq!(time_of(&ev["start"]), at(9, 0));
    assert_eq!(ev["description"], "kode 1234");
    let a2 = s.booking(a.id).expect("a");
    assert_eq!(a2.notes, "kode 1234");
    assert_eq!(a2.start, at(9, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_to_an_insert_makes_no_second_event() {
    let env = Env::new();
    let mut s = env.store();
    let a = book(&mut s, 1, Some(1), 8);
    env.google().set_faults(GoogleFaults {
        drop_after: 1,
        ..GoogleFaults::default()
    });
    // The first list call is dropped after the fact (harmless); push the
    // insert alone so the lost answer is the insert's.
    let mut syncer = env.syncer().await;
    let r = syncer
        .run(
            SyncOptions {
                direction: Direction::Push,
                ..SyncOptions::default()
            },
            &mut (),
        )
        .await
        .expect("push");
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(env.google().events(CAL).len(), 1);
    let link = s.google_link(a.id).expect("link").expect("linked");
    assert!(link.etag.is_some() && link.base.is_some(), "{link:?}");
    let r = env.sync().await;
    assert_eq!(r.counts.created + r.counts.pushed, 0, "{r:?}");
    assert_eq!(env.google().events(CAL).len(), 1);
    assert_eq!(env.bookings().len(), 1);
}

/// People write the service and the customer in one title: the service
/// the business does is the booking's service, the rest the customer; the
/// same customer written beside another service is found again, not made
/// twice; a "new customer" mark is no part of a name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_title_made_by_hand_tells_the_service_from_the_customer() {
    let env = Env::new();
    {
        // The business does regular cleaning and window cleaning.
        let mut s = env.store();
        book(&mut s, 2, None, 17);
        let b = book(&mut s, 1, None, 7);
        edit(&mut s, b.id, |d| d.service = "Vinduespudsning".into());
    }
    let g = env.google();
    g.create(CAL, hand_made("Vinduespudsning - Lars Bach", at(9, 0), 2));
    g.create(CAL, hand_made("Lars Bach – fast rengøring", at(12, 0), 2));
    g.create(
        CAL,
        hand_made("Ny kunde: Trappevask Vesterbro", at(15, 0), 2),
    );
    let r = env.sync().await;
    assert_eq!(r.counts.created, 3, "{r:?}");
    let s = env.store();
    let list = env.bookings();
    let find = |start| list.iter().find(|b| b.start == start).expect("booking");
    let windows = find(at(9, 0));
    assert_eq!(windows.service, "Vinduespudsning");
    let lars = s.customer(windows.customer_id).expect("customer");
    assert_eq!(lars.name, "Lars Bach");
    let cleaning = find(at(12, 0));
    assert_eq!(
        cleaning.service, "Fast rengøring",
        "as the business writes it"
    );
    assert_eq!(cleaning.customer_id, lars.id, "the same Lars Bach");
    assert!(
        windows.needs_review() || cleaning.needs_review(),
        "the job that made the new customer waits for review"
    );
    let stairs = find(at(15, 0));
    assert_eq!(stairs.service, "Rengøring", "no service named: the default");
    assert_eq!(
        s.customer(stairs.customer_id).expect("customer").name,
        "Trappevask Vesterbro"
    );
    // Their titles stay theirs: nothing is written back.
    let r = env.sync().await;
    assert_eq!(
        (r.counts.created, r.counts.pushed, r.counts.updated),
        (0, 0, 0),
        "{r:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hand_made_events_find_their_customer_or_wait_for_review() {
    let env = Env::new();
    let g = env.google();
    let mut by_mail = hand_made("Hovedrengøring", at(8, 0), 3);
    by_mail["description"] = json!("Kunde: jensen@example.dk, ring før");
    g.create(CAL, by_mail);
    let mut with_attendee = hand_made("Hansen: flytterengøring", at(12, 0), 4);
    with_attendee["attendees"] = json!([{"email": "bo@renos.dk", "displayName": "Bo"}]);
    g.create(CAL, with_attendee);
    g.create(CAL, hand_made("Ny kunde Vesterbro", at(15, 0), 2));
    let mut all_day = hand_made("Hansen", at(0, 0), 0);
    all_day["start"] = json!({"date": "2026-11-24"});
    all_day["end"] = json!({"date": "2026-11-25"});
    g.create(CAL, all_day);
    let cancelled = g.create(CAL, hand_made("Aflyst", at(16, 0), 1));
    g.delete(CAL, cancelled["id"].as_str().expect("id"));

    let r = env.sync().await;
    assert_eq!(r.counts.created, 4, "{r:?}");
    let s = env.store();
    let list = env.bookings();
    let find = |start| list.iter().find(|b| b.start == start).expect("booking");
    assert_eq!(find(at(8, 0)).customer_id, 2);
    let hansen = find(at(12, 0));
    assert_eq!((hansen.customer_id, hansen.staff_id), (1, Some(2)));
    let new = find(at(15, 0));
    assert!(new.needs_review());
    let c = s.customer(new.customer_id).expect("customer");
    assert_eq!(c.name, "Ny kunde Vesterbro");
    assert!(c.tags.iter().any(|t| t == "fra-kalender"));
    let day = list
        .iter()
        .find(|b| b.review.contains("all-day"))
        .expect("all-day booking in review");
    assert_eq!(day.customer_id, 1);
    // A second run makes nothing twice.
    let r = env.sync().await;
    assert_eq!(r.counts.created, 0);
    assert_eq!(env.bookings().len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflicts_wait_for_the_dispatcher_and_each_choice_holds() {
    let env = Env::new();
    let mut s = env.store();
    let ids: Vec<i64> = (0..4)
        .map(|i| book(&mut s, 1 + i % 3, None, 6 + 3 * i as u32).id)
        .collect();
    env.sync().await;
    let g = env.google();
    // The start changed on both sides for the first three; the fourth is
    // deleted there and edited here.
    for (n, id) in ids.iter().take(3).enumerate() {
        let ev = env.event_of(*id)["id"].as_str().expect("id").to_string();
        let theirs = at(6 + 3 * n as u32, 30);
        g.edit(
            CAL,
            &ev,
            json!({"start": {"dateTime": theirs.to_rfc3339()}, "end": {"dateTime": (theirs + chrono::Duration::hours(2)).to_rfc3339()}}),
        );
        edit(&mut s, *id, |d| {
            d.start = at(6 + 3 * n as u32, 15);
            d.end = d.start + chrono::Duration::hours(2);
        });
    }
    let ev4 = env.event_of(ids[3])["id"].as_str().expect("id").to_string();
    g.delete(CAL, &ev4);
    edit(&mut s, ids[3], |d| d.notes = "vigtigt".into());

    let r = env.sync().await;
    assert_eq!(r.open_conflicts, 4, "{r:?}");
    let conflicts = s.sync_conflicts().expect("conflicts");
    assert!(matches!(&conflicts[0].kind, ConflictKind::Fields(f) if !f.is_empty()));
    assert!(
        conflicts
            .iter()
            .any(|c| c.kind == ConflictKind::DeletedThere)
    );
    // Nothing was overwritten on either side while they wait.
    assert_eq!(s.booking(ids[0]).expect("b").start, at(6, 15));
    assert_eq!(time_of(&env.event_of(ids[0])["start"]), at(6, 30));
    assert_eq!(
        s.booking(ids[3]).expect("b").status,
        BookingStatus::Scheduled
    );

    resolve(&mut s, ids[0], Choice::Mine).expect("mine");
    resolve(&mut s, ids[1], Choice::Theirs).expect("theirs");
    resolve(&mut s, ids[2], Choice::Both).expect("both");
    resolve(&mut s, ids[3], Choice::Mine).expect("restore");
    let r = env.sync().await;
    assert!(r.errors.is_empty() && r.open_conflicts == 0, "{r:?}");
    assert_eq!(time_of(&env.event_of(ids[0])["start"]), at(6, 15));
    assert_eq!(s.booking(ids[1]).expect("b").start, at(9, 30));
    assert_eq!(time_of(&env.event_of(ids[1])["start"]), at(9, 30));
    // Both: ours stays, the calendar's version is a new booking with its own event.
    assert_eq!(time_of(&env.event_of(ids[2])["start"]), at(12, 15));
    let copy = env
        .bookings()
        .into_iter()
        .find(|b| b.start == at(12, 30))
        .expect("the calendar's version kept");
    assert!(copy.needs_review());
    assert_eq!(time_of(&env.event_of(copy.id)["start"]), at(12, 30));
    // Restored: the deleted event is back with our notes.
    let ev = env.event_of(ids[3]);
    assert_eq!(ev["status"], "confirmed");
    assert_eq!(ev["description"], "vigtigt");
    assert_eq!(env.live_events().len(), 5);
    // Settled for good.
    let r = env.sync().await;
    assert_eq!(
        r.open_conflicts + r.counts.pushed + r.counts.updated,
        0,
        "{r:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_made_offline_go_out_when_google_is_back() {
    let env = Env::new();
    let mut s = env.store();
    let a = book(&mut s, 1, Some(1), 8);
    env.sync().await;
    env.sandbox.go_offline();
    edit(&mut s, a.id, |d| d.notes = "skrevet offline".into());
    let b = book(&mut s, 2, Some(2), 12);
    let r = env.sync().await;
    assert!(r.offline, "{r:?}");
    assert_eq!(r.pending, 2);
    // The log says so in kind, not only in words.
    let status = renos::engine::sync::status(&s).expect("status");
    assert!(status.is_offline(), "{status:?}");
    assert_eq!(status.pending, 2);
    env.sandbox.come_online().expect("online");
    let r = env.sync().await;
    assert!(r.errors.is_empty() && !r.offline, "{r:?}");
    assert_eq!((r.pending, r.counts.pushed), (0, 2), "{r:?}");
    assert_eq!(env.event_of(a.id)["description"], "skrevet offline");
    assert_eq!(time_of(&env.event_of(b.id)["start"]), at(12, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_and_server_errors_are_retried_and_a_refusal_is_kept() {
    let env = Env::new();
    let mut s = env.store();
    book(&mut s, 1, Some(1), 8);
    env.google().set_faults(GoogleFaults {
        rate_limit: 2,
        retry_after_secs: None,
        ..GoogleFaults::default()
    });
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    env.google().set_faults(GoogleFaults {
        rate_limit: 1,
        rate_limit_403: true,
        server_error: 1,
        ..GoogleFaults::default()
    });
    book(&mut s, 2, Some(2), 8);
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(env.live_events().len(), 2);
    // Five 500s in a row outlast the client's retries: the change waits.
    env.google().set_faults(GoogleFaults {
        server_error: 8,
        ..GoogleFaults::default()
    });
    book(&mut s, 3, None, 14);
    let r = env.sync().await;
    assert!(!r.errors.is_empty());
    assert_eq!(r.pending, 1);
    env.google().clear_faults();
    let r = env.sync().await;
    assert_eq!((r.pending, r.counts.pushed), (0, 1), "{r:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_access_token_is_renewed() {
    let env = Env::new();
    let mut s = env.store();
    book(&mut s, 1, Some(1), 8);
    let mut syncer = env.syncer().await;
    syncer
        .run(SyncOptions::default(), &mut ())
        .await
        .expect("sync");
    env.google().set_faults(GoogleFaults {
        expire_tokens: true,
        ..GoogleFaults::default()
    });
    book(&mut s, 2, Some(2), 8);
    let r = syncer
        .run(SyncOptions::default(), &mut ())
        .await
        .expect("sync");
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(env.live_events().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_events_pages_through_a_big_calendar_over_several_runs() {
    let env = Env::new();
    for i in 0..25 {
        env.google().create(
            CAL,
            hand_made(
                &format!("Kunde {i}"),
                at(6, 0) + chrono::Duration::days(i),
                1,
            ),
        );
    }
    let mut syncer = env.syncer().await;
    let opts = SyncOptions {
        direction: Direction::Pull,
        max_events: Some(10),
        ..SyncOptions::default()
    };
    let r1 = syncer.run(opts, &mut ()).await.expect("1");
    assert!(r1.more && r1.counts.created == 10, "{r1:?}");
    let r2 = syncer.run(opts, &mut ()).await.expect("2");
    let r3 = syncer.run(opts, &mut ()).await.expect("3");
    assert!(!r3.more, "{r3:?}");
    assert_eq!(
        r1.counts.created + r2.counts.created + r3.counts.created,
        25
    );
    assert_eq!(env.bookings().len(), 25);
    // --force reads everything again and changes nothing.
    let r = syncer
        .run(
            SyncOptions {
                force: true,
                ..SyncOptions::default()
            },
            &mut (),
        )
        .await
        .expect("force");
    assert_eq!(
        (r.counts.pulled, r.counts.created, r.counts.updated),
        (25, 0, 0),
        "{r:?}"
    );
}
