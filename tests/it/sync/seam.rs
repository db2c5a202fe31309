//! A cleaner's calendar on another provider than Google, driven by the same
//! sync: each case runs against a real Radicale (CalDAV) and the Graph fake
//! (Microsoft 365), beside the Google sandbox's shared calendar.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use renos::clock::Clock;
use renos::config::CalendarRef;
use renos::domain::BookingStatus;
use renos::engine::sync::calendars::key_of;
use renos::engine::sync::{Direction, SyncOptions, SyncReport, Syncer};
use renos::providers::caldav::{CalDavCalendar, CalDavSettings, Credentials};
use renos::providers::calendar::{CalendarProvider, ItemWrite, RemoteItem};
use renos::providers::outlook::{OutlookCalendar, OutlookCredentials, OutlookSettings, Window};
use renos::providers::retry::RetryPolicy;
use renos::sandbox::{MICROSOFT_CLIENT, MICROSOFT_SECRET, MICROSOFT_TENANT, MICROSOFT_USER};
use renos::store::{CALENDAR_REMOVAL, CalendarState};

use crate::caldav::radicale::{Other, Radicale};
use crate::sync_env::*;

pub(super) fn fast() -> RetryPolicy {
    RetryPolicy {
        retries: 1,
        base: Duration::from_millis(5),
        max_wait: Duration::from_millis(50),
        timeout: Duration::from_secs(10),
    }
}

/// A cleaner's calendar on one provider, and what keeps it running.
pub(super) struct Remote {
    pub(super) reference: CalendarRef,
    pub(super) provider: Arc<dyn CalendarProvider>,
    pub(super) _radicale: Option<Radicale>,
}

impl Remote {
    pub(super) fn key(&self) -> String {
        key_of(&self.reference)
    }

    /// anna's calendar on a fresh Radicale.
    pub(super) async fn caldav() -> Remote {
        let r = Radicale::start();
        let url = r.calendar_url("anna", "work");
        Other::new("anna").make_calendar(&url, "Arbejde").await;
        Remote {
            reference: CalendarRef::CalDav(url.clone()),
            provider: Arc::new(caldav_at(&url)),
            _radicale: Some(r),
        }
    }

    /// A mailbox's calendar in the Graph fake of `env`'s sandbox.
    pub(super) fn graph(env: &Env) -> Remote {
        Remote::graph_in(&env.sandbox)
    }

    /// A mailbox's calendar in the Graph fake of `sandbox`.
    pub(super) fn graph_in(sandbox: &renos::sandbox::Sandbox) -> Remote {
        let settings = OutlookSettings {
            credentials: OutlookCredentials {
                tenant: MICROSOFT_TENANT.to_string(),
                client_id: MICROSOFT_CLIENT.to_string(),
                secret: MICROSOFT_SECRET.to_string(),
            },
            user: MICROSOFT_USER.to_string(),
            base_url: sandbox.graph_base_url(),
            login_url: sandbox.graph_login_url(),
            window: Window::default(),
            page_size: 50,
            retry: fast(),
            clock: Clock::Fixed(now()),
        };
        Remote {
            reference: CalendarRef::Outlook(MICROSOFT_USER.to_string()),
            provider: Arc::new(OutlookCalendar::new(settings).expect("graph")),
            _radicale: None,
        }
    }

    pub(super) async fn item(&self, booking: i64) -> Option<RemoteItem> {
        self.provider
            .find_by_booking(&booking.to_string())
            .await
            .expect("find")
    }

    pub(super) async fn items(&self) -> Vec<RemoteItem> {
        self.provider.changes(None).await.expect("list").upserts
    }

    /// Someone changes the item there (its place).
    pub(super) async fn edit_place(&self, booking: i64, place: &str) {
        let it = self.item(booking).await.expect("there");
        let mut w = ItemWrite::single(
            &booking.to_string(),
            it.content.clone(),
            "Europe/Copenhagen",
        );
        w.properties = it.properties.clone();
        w.content.location = place.to_string();
        self.provider
            .update(&it.id, &it.version, &w)
            .await
            .expect("edit there");
    }
}

pub(super) fn caldav_at(url: &str) -> CalDavCalendar {
    CalDavCalendar::new(CalDavSettings {
        url: url.to_string(),
        credentials: Credentials {
            username: "anna".to_string(),
            password: "anna-secret".to_string(),
        },
        zone: chrono_tz::Europe::Copenhagen,
        retry: fast(),
    })
    .expect("caldav")
}

/// Anna's (staff 1) calendar is `anna`, Bo's (staff 2) `bo` when given.
pub(super) fn configure(env: &mut Env, anna: &Remote, bo: Option<&Remote>) {
    env.settings
        .calendars
        .staff
        .insert("Anna".to_string(), anna.reference.clone());
    if let Some(bo) = bo {
        env.settings
            .calendars
            .staff
            .insert("Bo".to_string(), bo.reference.clone());
    }
}

pub(super) async fn syncer(env: &Env, remotes: &[&Remote]) -> Syncer {
    let mut s = env.syncer().await;
    for r in remotes {
        s.use_calendar(&r.key(), r.provider.clone());
    }
    s
}

pub(super) async fn run(env: &Env, remotes: &[&Remote], opts: SyncOptions) -> SyncReport {
    syncer(env, remotes)
        .await
        .run(opts, &mut ())
        .await
        .expect("sync")
}

pub(super) async fn sync(env: &Env, remotes: &[&Remote]) -> SyncReport {
    run(env, remotes, SyncOptions::default()).await
}

pub(super) const ANNA: i64 = 1;
pub(super) const BO: i64 = 2;
pub(super) const HANSEN: i64 = 1;

pub(super) fn day(h: u32) -> DateTime<Utc> {
    at(h, 0)
}

pub(super) async fn each(case: impl AsyncFn(Env, Remote)) {
    for kind in ["caldav", "graph"] {
        let env = Env::new();
        let remote = match kind {
            "caldav" => Remote::caldav().await,
            _ => Remote::graph(&env),
        };
        eprintln!("-- {kind}");
        case(env, remote).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_sync_both_ways_then_nothing_read_back_as_an_edit() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let b = book(&mut env.store(), HANSEN, Some(ANNA), 9);
        // A job someone put in Anna's calendar by hand.
        let mut hand = ItemWrite::single(
            "not-ours",
            renos::providers::calendar::Content {
                summary: "Madsen".into(),
                description: String::new(),
                location: "Nørregade 3".into(),
                start: renos::providers::calendar::When::At(day(13)),
                end: renos::providers::calendar::When::At(day(15)),
                status: renos::providers::calendar::ItemStatus::Confirmed,
            },
            "Europe/Copenhagen",
        );
        hand.key = None;
        anna.provider.create(&hand).await.expect("by hand");

        let first = sync(&env, &[&anna]).await;
        assert!(first.errors.is_empty(), "{first:?}");
        let item = anna.item(b.id).await.expect("our item");
        assert_eq!(
            item.properties.get("customer").map(String::as_str),
            Some("1")
        );
        assert!(item.content.summary.contains("Hansen"), "{item:?}");
        let made = env
            .bookings()
            .into_iter()
            .find(|x| x.id != b.id)
            .expect("a booking from the hand-made item");
        assert_eq!(made.staff_id, Some(ANNA), "Anna's calendar, Anna's job");
        assert_eq!(made.start, day(13));
        assert!(
            env.live_events().is_empty(),
            "nothing in the shared calendar"
        );

        let again = sync(&env, &[&anna]).await;
        assert!(again.errors.is_empty(), "{again:?}");
        assert_eq!(
            (
                again.counts.updated,
                again.counts.pushed,
                again.counts.created
            ),
            (0, 0, 0),
            "{again:?}"
        );
        assert_eq!(env.bookings().len(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_and_deletions_both_ways() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let b = book(&mut env.store(), HANSEN, Some(ANNA), 9);
        let b2 = book(&mut env.store(), HANSEN, Some(ANNA), 13);
        sync(&env, &[&anna]).await;

        // Here: moved an hour.
        edit(&mut env.store(), b.id, |d| {
            d.start = day(10);
            d.end = day(12);
        });
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let item = anna.item(b.id).await.expect("there");
        assert_eq!(
            item.content.start,
            renos::providers::calendar::When::At(day(10))
        );

        // There: a new place.
        anna.edit_place(b.id, "Vestergade 9").await;
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(env.store().booking(b.id).unwrap().address, "Vestergade 9");
        assert_eq!(r.counts.pushed, 0, "taken in, not written back: {r:?}");

        // There: deleted → cancelled here.
        let it = anna.item(b2.id).await.expect("there");
        anna.provider
            .delete(&it.id, &it.version)
            .await
            .expect("delete");
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(
            env.store().booking(b2.id).unwrap().status,
            BookingStatus::Cancelled
        );

        // Here: cancelled → deleted there.
        let mut s = env.store();
        let cur = s.booking(b.id).unwrap();
        s.cancel_booking(b.id, cur.version, "kunden aflyste")
            .expect("cancel");
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert!(anna.item(b.id).await.is_none(), "deleted there");
        assert!(anna.items().await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_cursor_means_a_full_listing_and_nothing_doubled() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let b = book(&mut env.store(), HANSEN, Some(ANNA), 9);
        sync(&env, &[&anna]).await;
        let key = anna.key();
        let mut st = env.store();
        let mut state: CalendarState = st.calendar_state(&key).unwrap();
        assert!(state.sync_token.is_some());
        state.sync_token = Some(match &anna.reference {
            CalendarRef::CalDav(url) => format!("{url}sync/not-a-token"),
            _ => "graph1 2026-11-20 http://127.0.0.1:9/nowhere".to_string(),
        });
        st.sync_write("test", |w| w.save_state(&key, &state))
            .unwrap();
        anna.edit_place(b.id, "Østergade 7").await;
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert!(r.full, "{r:?}");
        assert_eq!(env.bookings().len(), 1);
        assert_eq!(env.store().booking(b.id).unwrap().address, "Østergade 7");
        assert_eq!(anna.items().await.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_write_is_merged_with_the_change_there() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let b = book(&mut env.store(), HANSEN, Some(ANNA), 9);
        sync(&env, &[&anna]).await;
        // There a new place; here new notes; only pushing: the write is
        // refused (the version moved) and merged.
        anna.edit_place(b.id, "Vestergade 9").await;
        edit(&mut env.store(), b.id, |d| {
            d.notes = "Nøgle under måtten".into()
        });
        let r = run(
            &env,
            &[&anna],
            SyncOptions {
                direction: Direction::Push,
                ..SyncOptions::default()
            },
        )
        .await;
        assert!(r.errors.is_empty(), "{r:?}");
        let booking = env.store().booking(b.id).unwrap();
        assert_eq!(booking.address, "Vestergade 9");
        assert_eq!(booking.notes, "Nøgle under måtten");
        let item = anna.item(b.id).await.expect("there");
        assert_eq!(item.content.location, "Vestergade 9");
        assert!(
            item.content.description.contains("Nøgle under måtten"),
            "{item:?}"
        );
        assert_eq!(r.open_conflicts, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_and_back_loses_nothing() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let b = book(&mut env.store(), HANSEN, Some(ANNA), 9);
        // The calendar cannot be reached: the change waits.
        let down = Remote {
            reference: anna.reference.clone(),
            provider: Arc::new(caldav_at("http://127.0.0.1:9/anna/work/")),
            _radicale: None,
        };
        let r = sync(&env, &[&down]).await;
        assert!(!r.errors.is_empty(), "{r:?}");
        assert_eq!(r.pending, 1, "{r:?}");
        assert_eq!(r.failed, 0, "{r:?}");
        assert_eq!(env.live_events().len(), 0);
        // Back: delivered once.
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.pending, 0);
        assert!(anna.item(b.id).await.is_some());
        assert_eq!(anna.items().await.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_moved_google_to_caldav_to_outlook_is_never_lost() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let all = [&anna, &bo];
    // Nobody's yet: the shared Google calendar.
    let b = book(&mut env.store(), HANSEN, None, 9);
    sync(&env, &all).await;
    assert_eq!(env.live_events().len(), 1);

    // To Anna while her calendar is down: nothing is removed from Google
    // until her item is there.
    edit(&mut env.store(), b.id, |d| d.staff_id = Some(ANNA));
    let down = Remote {
        reference: anna.reference.clone(),
        provider: Arc::new(caldav_at("http://127.0.0.1:9/anna/work/")),
        _radicale: None,
    };
    let r = sync(&env, &[&down, &bo]).await;
    assert!(!r.errors.is_empty(), "{r:?}");
    assert_eq!(env.live_events().len(), 1, "still in Google");
    assert_eq!(
        env.store().outbox_items(CALENDAR_REMOVAL).unwrap().len(),
        1,
        "the Google event is recorded for removal"
    );
    let r = sync(&env, &all).await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert!(anna.item(b.id).await.is_some(), "in Anna's calendar");
    assert!(env.live_events().is_empty(), "gone from Google");
    assert_eq!(
        env.store().booking(b.id).unwrap().status,
        BookingStatus::Scheduled
    );

    // To Bo on Microsoft 365.
    edit(&mut env.store(), b.id, |d| d.staff_id = Some(BO));
    let r = sync(&env, &all).await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert!(bo.item(b.id).await.is_some(), "in Bo's calendar");
    assert!(anna.item(b.id).await.is_none(), "gone from Anna's");
    let r = sync(&env, &all).await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.counts.pushed, 0, "{r:?}");
    let bookings = env.bookings();
    assert_eq!(bookings.len(), 1, "never doubled: {bookings:?}");
    assert_eq!(bookings[0].status, BookingStatus::Scheduled);
    assert_eq!(bookings[0].staff_id, Some(BO));
    assert_eq!(bo.items().await.len(), 1);
    assert!(anna.items().await.is_empty());
    assert!(env.live_events().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_whose_answer_was_lost_is_found_not_doubled() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let b = book(&mut env.store(), HANSEN, Some(ANNA), 9);
        // The item was made, but the run stopped before it was recorded.
        let mut made = ItemWrite::single(
            &b.id.to_string(),
            renos::providers::calendar::Content {
                summary: "Hansen · Fast rengøring (Anna)".into(),
                description: String::new(),
                location: "Vestergade 1, 8000 Aarhus".into(),
                start: renos::providers::calendar::When::At(b.start),
                end: renos::providers::calendar::When::At(b.end),
                status: renos::providers::calendar::ItemStatus::Confirmed,
            },
            "Europe/Copenhagen",
        );
        let instance = env.store().instance_id().unwrap();
        made.properties.insert("instance".into(), instance);
        anna.provider
            .create(&made)
            .await
            .expect("made before the stop");
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(anna.items().await.len(), 1, "one item, not two");
        assert_eq!(env.bookings().len(), 1, "one booking, not two");
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!((r.counts.pushed, r.counts.created), (0, 0), "{r:?}");
    })
    .await;
}

/// Which calendar holds booking `id` how many times: (Google, Anna, Bo).
async fn copies(env: &Env, anna: &Remote, bo: &Remote, id: i64) -> (usize, usize, usize) {
    let google = env
        .live_events()
        .iter()
        .filter(|e| e["extendedProperties"]["private"]["renos_booking"] == id.to_string().as_str())
        .count();
    let count = |items: Vec<RemoteItem>| {
        items
            .iter()
            .filter(|i| i.booking.as_deref() == Some(id.to_string().as_str()))
            .count()
    };
    (google, count(anna.items().await), count(bo.items().await))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_cut_short_anywhere_never_lose_or_double_a_job() {
    let mut env = Env::new();
    let anna = Remote::caldav().await;
    let bo = Remote::graph(&env);
    configure(&mut env, &anna, Some(&bo));
    let all = [&anna, &bo];
    let who = [None, Some(ANNA), Some(BO)];
    let ids: Vec<i64> = (0..6)
        // Each in a slot of its own, so no move or reassignment clashes.
        .map(|i| book(&mut env.store(), HANSEN, who[i % 3], 7 + 2 * i as u32).id)
        .collect();
    let mut rng = crate::common::Lcg(20);
    let mut cut = 0;
    for round in 0..30 {
        let n = rng.next(6) as usize;
        let id = ids[n];
        match round % 3 {
            0 => {
                let to = who[rng.next(3) as usize];
                edit(&mut env.store(), id, |d| d.staff_id = to);
            }
            1 => {
                let h = 7 + 2 * n as u32 + rng.next(2) as u32;
                edit(&mut env.store(), id, |d| {
                    d.start = day(h);
                    d.end = day(h + 1);
                });
            }
            _ => {}
        }
        // A run stopped at any point, as a kill would stop it: every step
        // it finished is committed, the one under way is not.
        let mut s = syncer(&env, &all).await;
        let wait = Duration::from_millis(1 + rng.next(80));
        if tokio::time::timeout(wait, s.run(SyncOptions::default(), &mut ()))
            .await
            .is_err()
        {
            cut += 1;
        }
    }
    assert!(cut > 5, "most runs should be cut short ({cut})");
    for _ in 0..2 {
        let r = sync(&env, &all).await;
        assert!(r.errors.is_empty(), "{r:?}");
    }
    let r = sync(&env, &all).await;
    assert_eq!(
        (r.counts.pushed, r.counts.created, r.pending),
        (0, 0, 0),
        "{r:?}"
    );
    let bookings = env.bookings();
    assert_eq!(bookings.len(), 6, "{bookings:?}");
    for b in &bookings {
        assert_eq!(b.status, BookingStatus::Scheduled, "{b:?}");
        let want = match b.staff_id {
            None => (1, 0, 0),
            Some(ANNA) => (0, 1, 0),
            _ => (0, 0, 1),
        };
        assert_eq!(
            copies(&env, &anna, &bo, b.id).await,
            want,
            "booking #{} of {:?}",
            b.id,
            b.staff_id
        );
    }
    let removals = env.store().outbox_items(CALENDAR_REMOVAL).unwrap();
    assert!(
        removals.iter().all(|i| i.failed || i.attempts == 0) || removals.is_empty(),
        "{removals:?}"
    );
}

/// Gives every visit of `series` (from its first) to `staff`, as the
/// console's "all" scope does.
pub(super) fn give_series(s: &mut renos::store::Store, series: i64, staff: Option<i64>) {
    let first = s.series_visits(series).expect("visits")[0].0.clone();
    s.move_visit(
        first.id,
        first.version,
        renos::store::VisitChange {
            staff: Some(staff),
            ..renos::store::VisitChange::default()
        },
        renos::store::Scope::All,
        None,
    )
    .expect("given");
}
