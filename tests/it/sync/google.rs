//! What the real Google Calendar does that a kinder fake would hide, each
//! met by the sync against the sandbox over real HTTP: recurring events,
//! event types, moves between calendars, purged events, paging rules,
//! quota windows and calendars that are unknown or shared read-only.

use std::time::Duration;

use super::sync_env::*;
use renos::domain::BookingStatus;
use renos::engine::sync::{Choice, Direction, SyncOptions, resolve};
use renos::sandbox::{CalendarRole, GoogleFaults};
use renos::store::GOOGLE_BOOKING;
use serde_json::json;

const BO: &str = "bo@renos.test";

fn live(env: &Env, cal: &str) -> Vec<serde_json::Value> {
    env.google()
        .events(cal)
        .into_iter()
        .filter(|e| e["status"] != "cancelled")
        .collect()
}

fn active(env: &Env) -> Vec<renos::domain::Booking> {
    env.bookings()
        .into_iter()
        .filter(|b| b.status != BookingStatus::Cancelled)
        .collect()
}

/// Someone makes a booking's own event repeat weekly in Google: the
/// instances carry the booking's private properties, and the series itself
/// is never listed. The booking stays (it is the instance at its own time);
/// the other instances within the window are jobs made by hand.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_whose_event_was_made_recurring_stays() {
    let env = Env::new();
    let mut s = env.store();
    let b = book(&mut s, 1, Some(1), 8);
    env.sync().await;
    let id = env.event_of(b.id)["id"].as_str().expect("id").to_string();
    let patched = env.google().edit(
        CAL,
        &id,
        json!({"recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"]}),
    );
    assert!(patched.is_some());

    for force in [false, true] {
        let r = env
            .run(SyncOptions {
                force,
                ..SyncOptions::default()
            })
            .await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.counts.deleted, 0, "{r:?}");
        let b2 = s.booking(b.id).expect("b");
        assert!(b2.is_active(), "force={force}: {b2:?}");
        assert_eq!(b2.start, b.start);
    }
    // Three more weeks: three more jobs, once each.
    let all = active(&env);
    assert_eq!(all.len(), 4, "{all:#?}");
    let starts: std::collections::BTreeSet<_> = all.iter().map(|b| b.start).collect();
    assert_eq!(starts.len(), 4);
    // A change there to the booking's own instance reaches the booking.
    let link = s.google_link(b.id).expect("link").expect("linked");
    assert_ne!(link.event_id, id, "linked to its instance now");
    env.google()
        .edit(CAL, &link.event_id, json!({"location": "Bagdøren"}));
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(s.booking(b.id).expect("b").address, "Bagdøren");
    assert_eq!(active(&env).len(), 4);
}

/// A weekly cleaning made by hand as an open-ended series becomes a series
/// here: its visits are made up to the horizon (12 weeks), each linked to
/// its instance; a cancelled instance is a cancelled visit, a moved one a
/// moved visit (scope "this"); later syncs add nothing twice and write
/// nothing back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_made_open_ended_series_is_taken_in_as_a_series() {
    let env = Env::new();
    let g = env.google();
    let mut weekly = hand_made("Hansen - fast rengøring", at(8, 0), 2);
    weekly["location"] = json!("Vestergade 1, 8000 Aarhus");
    let master = g.create_recurring(CAL, weekly, &["RRULE:FREQ=WEEKLY;BYDAY=MO"]);
    let series = master["id"].as_str().expect("series id").to_string();
    let instances = g.instances(CAL, &series);
    assert!(instances.len() > 50, "open-ended: {}", instances.len());
    // The second Monday is cancelled, the third moved an hour later.
    let second = instances[1]["id"].as_str().expect("id").to_string();
    let third = instances[2]["id"].as_str().expect("id").to_string();
    assert!(g.delete(CAL, &second));
    let moved_start = at(9, 0) + chrono::Duration::weeks(2);
    g.edit(
        CAL,
        &third,
        json!({
            "start": {"dateTime": moved_start.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": (moved_start + chrono::Duration::hours(2)).to_rfc3339(), "timeZone": "Europe/Copenhagen"},
        }),
    )
    .expect("moved instance");

    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    let made = active(&env);
    // 2026-11-23 up to 12 weeks after 2026-11-20: 12 Mondays, one cancelled.
    assert_eq!(
        made.len(),
        11,
        "{:#?}",
        made.iter().map(|b| b.start).collect::<Vec<_>>()
    );
    assert!(made.iter().all(|b| b.customer_id == 1), "Hansen's");
    assert!(made.iter().any(|b| b.start == moved_start));
    assert!(
        !made
            .iter()
            .any(|b| b.start == at(8, 0) + chrono::Duration::weeks(1))
    );
    // One series, every visit of it, each instance once.
    let s = env.store();
    let all = s.series_list().expect("series");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(r.series_taken, 1, "{r:?}");
    let visits = s.series_visits(all[0].id).expect("visits");
    assert!(
        made.iter()
            .all(|b| visits.iter().any(|(v, _)| v.id == b.id))
    );
    let exceptions: Vec<&str> = visits.iter().map(|(_, v)| v.exception.as_str()).collect();
    assert_eq!(
        exceptions.iter().filter(|e| !e.is_empty()).count(),
        2,
        "{exceptions:?}"
    );
    let mut linked = std::collections::HashSet::new();
    for b in &made {
        let l = s.google_link(b.id).expect("link").expect("linked");
        assert!(l.event_id.starts_with(&format!("{series}_")), "{l:?}");
        assert!(linked.insert(l.event_id), "one visit per instance");
    }
    let link = s
        .google_series_link(all[0].id)
        .expect("link")
        .expect("the event is the series'");
    assert_eq!(link.event_id, series);
    // Nothing went back: the event and its instances as they were made.
    assert_eq!(
        live(&env, CAL).len(),
        2,
        "the series and its moved instance: {:#?}",
        live(&env, CAL)
    );
    assert!(
        g.events(CAL)
            .iter()
            .all(|e| e.get("extendedProperties").is_none())
    );
    // Again, incremental and full: nothing new, nothing cancelled.
    for force in [false, true] {
        let r = env
            .run(SyncOptions {
                force,
                ..SyncOptions::default()
            })
            .await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!((r.counts.created, r.counts.deleted), (0, 0), "{r:?}");
        assert_eq!((r.counts.updated, r.counts.pushed), (0, 0), "{r:?}");
        assert_eq!(r.series_taken, 0, "{r:?}");
    }
    assert_eq!(active(&env).len(), 11);
    assert_eq!(env.store().series_list().expect("series").len(), 1);
    // The series ends there: the future instances' bookings go.
    g.edit(
        CAL,
        &series,
        json!({"recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"]}),
    );
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    let left = active(&env);
    assert_eq!(left.len(), 2, "the first and the moved third: {left:#?}");
}

/// Birthdays, out-of-office, focus time, working locations and events from
/// Gmail are never cleaning jobs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_default_events_become_bookings() {
    let env = Env::new();
    let g = env.google();
    for (i, kind) in [
        "birthday",
        "outOfOffice",
        "focusTime",
        "workingLocation",
        "fromGmail",
        "default",
    ]
    .iter()
    .enumerate()
    {
        let mut ev = hand_made(&format!("Jensen {kind}"), at(6 + i as u32, 0), 1);
        if *kind == "birthday" || *kind == "workingLocation" {
            ev["start"] = json!({"date": "2026-11-23"});
            ev["end"] = json!({"date": "2026-11-24"});
        }
        let made = g.create_typed(CAL, kind, ev);
        assert!(made.get("error").is_none(), "{kind}: {made}");
    }
    let r = env.sync().await;
    assert!(r.errors.is_empty(), "{r:?}");
    let made = active(&env);
    assert_eq!(made.len(), 1, "{made:#?}");
    assert_eq!(made[0].start, at(11, 0));
    let r = env
        .run(SyncOptions {
            force: true,
            ..SyncOptions::default()
        })
        .await;
    assert_eq!(r.counts.created, 0, "{r:?}");
}

/// `events.move` to a cleaner's calendar leaves a cancelled copy in the
/// shared one: the booking follows its event (to Bo) instead of being
/// cancelled, whichever calendar the sync reads first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moved_event_follows_its_booking() {
    let mut env = Env::new();
    env.settings
        .google
        .staff_calendars
        .push(("Bo".into(), BO.into()));
    env.google().add_calendar(BO, CalendarRole::Owner);
    let mut s = env.store();
    let a = book(&mut s, 1, None, 8);
    let b = book(&mut s, 2, None, 11);
    env.sync().await;
    for (booking, first_pull) in [(a.id, Direction::Both), (b.id, Direction::Pull)] {
        let ev = env.event_of(booking)["id"]
            .as_str()
            .expect("id")
            .to_string();
        let moved = env.google().move_event(CAL, &ev, BO);
        assert!(moved.get("error").is_none(), "{moved}");
        let r = env
            .run(SyncOptions {
                direction: first_pull,
                ..SyncOptions::default()
            })
            .await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.counts.deleted, 0, "{r:?}");
        let now = s.booking(booking).expect("b");
        assert!(now.is_active(), "{now:?}");
        assert_eq!(now.staff_id, Some(2), "Bo's now");
        let link = s.google_link(booking).expect("l").expect("linked");
        assert_eq!(link.calendar_id, BO);
    }
    let r = env.sync().await;
    assert!(r.errors.is_empty() && r.pending == 0, "{r:?}");
    assert_eq!(live(&env, BO).len(), 2);
    assert_eq!(live(&env, CAL).len(), 0);
}

/// Cancelled events are purged after a while (404 afterwards). A change
/// made here to a booking whose event was deleted and purged there waits
/// for the dispatcher; keeping it makes a new event, and nothing is tried
/// again and again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purged_event_neither_loops_nor_loses_the_booking() {
    let env = Env::new();
    let mut s = env.store();
    let b = book(&mut s, 1, None, 8);
    let c = book(&mut s, 2, None, 12);
    env.sync().await;
    for id in [b.id, c.id] {
        let ev = env.event_of(id)["id"].as_str().expect("id").to_string();
        assert!(env.google().delete(CAL, &ev));
    }
    assert!(env.google().purge_cancelled() >= 2);
    // b: changed here meanwhile (a PATCH meets a 404); c: untouched.
    edit(&mut s, b.id, |d| d.notes = "nøgle under måtten".into());
    let r = env
        .run(SyncOptions {
            direction: Direction::Push,
            ..SyncOptions::default()
        })
        .await;
    assert!(r.errors.is_empty(), "no 'kept changing': {r:?}");
    assert!(s.sync_conflict(b.id).expect("c").is_some(), "{r:?}");
    resolve(&mut s, b.id, Choice::Mine).expect("resolve");
    env.google().reset_stats();
    let r = env
        .run(SyncOptions {
            force: true,
            ..SyncOptions::default()
        })
        .await;
    assert!(r.errors.is_empty() && r.pending == 0, "{r:?}");
    assert!(s.booking(b.id).expect("b").is_active());
    assert_eq!(env.event_of(b.id)["status"], "confirmed");
    assert_eq!(env.event_of(b.id)["description"], "nøgle under måtten");
    // c was deleted there and not touched here: the deletion holds.
    assert_eq!(s.booking(c.id).expect("c").status, BookingStatus::Cancelled);
    // Quiet afterwards.
    let r = env.sync().await;
    assert_eq!(r.requests, 1, "{r:?}");
    assert_eq!(s.outbox_counts(GOOGLE_BOOKING).expect("n").pending, 0);
}

/// Every page repeats the first page's query (`maxResults` included, even
/// when `--max-events` changes between runs), and a page token that
/// expired starts the listing again cleanly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_repeat_their_query_and_an_expired_token_starts_over() {
    let env = Env::new();
    for i in 0..30 {
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
    let run = |max| SyncOptions {
        direction: Direction::Pull,
        max_events: Some(max),
        ..SyncOptions::default()
    };
    let r = syncer.run(run(7), &mut ()).await.expect("1");
    assert!(r.more && r.errors.is_empty(), "{r:?}");
    // Another budget: the listing still asks for pages of 7.
    let r = syncer.run(run(20), &mut ()).await.expect("2");
    assert!(r.errors.is_empty(), "{r:?}");
    env.google().expire_page_tokens();
    let mut runs = 0;
    loop {
        let r = syncer.run(run(7), &mut ()).await.expect("n");
        assert!(r.errors.is_empty(), "{r:?}");
        runs += 1;
        if !r.more || runs > 10 {
            break;
        }
    }
    assert_eq!(active(&env).len(), 30, "every event once");
    let r = env.sync().await;
    assert_eq!((r.counts.created, r.counts.deleted), (0, 0), "{r:?}");
}

/// A lasting quota window (403 `quotaExceeded`) stops the push batch after
/// the first refusal instead of burning every outbox entry; afterwards
/// everything goes out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quota_window_stops_the_push_batch() {
    let env = Env::new();
    let mut s = env.store();
    env.sync().await;
    for i in 0..40u32 {
        book(&mut s, 1 + i64::from(i % 3), None, 6 + i % 12);
    }
    env.google().set_faults(GoogleFaults {
        quota_exceeded_for: Some(Duration::from_secs(60)),
        ..GoogleFaults::default()
    });
    env.google().reset_stats();
    let r = env
        .run(SyncOptions {
            direction: Direction::Push,
            ..SyncOptions::default()
        })
        .await;
    assert_eq!(r.counts.pushed, 0, "{r:?}");
    assert_eq!(r.pending, 40, "{r:?}");
    let requests = env.google().stats().calendar_calls();
    assert!(requests <= 5, "one entry's retries, not forty: {requests}");
    let tried: Vec<_> = (1..=40)
        .filter_map(|id| {
            s.outbox_entry(GOOGLE_BOOKING, &id.to_string())
                .expect("outbox")
                .filter(|e| e.attempts > 0)
        })
        .collect();
    assert_eq!(tried.len(), 1, "{tried:?}");
    env.google().clear_faults();
    let r = env.sync().await;
    assert!(r.errors.is_empty() && r.pending == 0, "{r:?}");
    assert_eq!(live(&env, CAL).len(), 40);
}

/// A staff calendar nobody made (a typo) and one shared read-only: the
/// errors name them, nothing is lost, the shared calendar syncs on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_and_read_only_calendars_are_named() {
    let mut env = Env::new();
    env.settings
        .google
        .staff_calendars
        .push(("Anna".into(), "anna@renos.tset".into()));
    env.settings
        .google
        .staff_calendars
        .push(("Bo".into(), BO.into()));
    env.google().add_calendar(BO, CalendarRole::Reader);
    let mut s = env.store();
    let a = book(&mut s, 1, Some(1), 8);
    let b = book(&mut s, 2, Some(2), 10);
    let c = book(&mut s, 3, None, 12);
    let r = env.sync().await;
    let text = r
        .errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("anna@renos.tset"), "{text}");
    assert!(text.contains("share the calendar"), "{text}");
    assert_eq!(live(&env, CAL).len(), 1, "the shared calendar still syncs");
    assert!(s.google_link(c.id).expect("l").is_some());
    for id in [a.id, b.id] {
        assert!(s.booking(id).expect("b").is_active());
    }
    let failed = s.outbox_counts(GOOGLE_BOOKING).expect("n");
    assert_eq!(failed.failed + failed.pending, 2, "{failed:?}");
}

/// A hand-made series deleted and purged in Google before the next sync:
/// its bookings go (a deletion nobody here contradicted).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_deleted_and_purged_takes_its_bookings() {
    let env = Env::new();
    let g = env.google();
    let mut weekly = hand_made("Hansen - fast rengøring", at(8, 0), 2);
    weekly["location"] = json!("Vestergade 1, 8000 Aarhus");
    let master = g.create_recurring(CAL, weekly, &["RRULE:FREQ=WEEKLY;COUNT=4"]);
    let series = master["id"].as_str().expect("id").to_string();
    let r = env.sync().await;
    assert_eq!(r.counts.created, 4, "{r:?}");
    assert!(g.delete(CAL, &series));
    g.purge_cancelled();
    for _ in 0..2 {
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let s = env.store();
    let left = active(&env);
    assert!(left.is_empty(), "{left:#?} {:?}", s.sync_conflicts());
}

/// A page token kept from a `--max-events` run two hours ago is not sent
/// again: the listing starts over (Google's page tokens are short-lived),
/// and nothing is lost or made twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_old_page_token_is_not_sent_again() {
    use renos::clock::Clock;
    use renos::domain::BusinessTz;
    use renos::engine::sync::Syncer;
    use renos::store::Store;

    let env = Env::new();
    for i in 0..12 {
        env.google().create(
            CAL,
            hand_made(
                &format!("Kunde {i}"),
                at(6, 0) + chrono::Duration::days(i),
                1,
            ),
        );
    }
    let r = env
        .run(SyncOptions {
            direction: Direction::Pull,
            max_events: Some(5),
            ..SyncOptions::default()
        })
        .await;
    assert!(r.more, "{r:?}");
    // Two hours later, with a fake that would still take the token.
    env.google()
        .set_page_token_ttl(Duration::from_secs(24 * 3600));
    let later = Store::open(
        &env.db,
        "mette",
        Clock::Fixed(now() + chrono::Duration::hours(2)),
    )
    .expect("store")
    .with_tz(BusinessTz::default());
    let client = renos::engine::sync::client(&env.settings.google, quick())
        .await
        .expect("client")
        .expect("set up");
    let mut syncer = Syncer::new(later, client, &env.settings).expect("syncer");
    env.google().reset_stats();
    let r = syncer
        .run(SyncOptions::default(), &mut ())
        .await
        .expect("sync");
    assert!(r.errors.is_empty() && !r.more, "{r:?}");
    // Listed from the first page again: all twelve events read.
    assert_eq!(r.counts.pulled, 12, "{r:?}");
    assert_eq!(active(&env).len(), 12);
}
