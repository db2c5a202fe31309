//! What the console writes to a cleaner's calendar on CalDAV or Microsoft
//! 365: our jobs' titles follow the booking, a job made by hand there takes
//! changes made here in its own item, and a series moved to such a cleaner
//! leaves nothing behind in Google. Each case runs against a real Radicale
//! and the Graph fake where both apply.

use chrono::{Datelike, NaiveDate, NaiveTime};
use renos::domain::Booking;
use renos::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
use renos::engine::sync::{Direction, SyncOptions};
use renos::providers::calendar::{Content, ItemStatus, ItemWrite, When};

use super::seam::*;
use crate::sync_env::*;

/// A job someone put in the calendar by hand: Madsen's, 13–15.
pub(super) fn by_hand() -> ItemWrite {
    let mut hand = ItemWrite::single(
        "not-ours",
        Content {
            summary: "Madsen".into(),
            description: String::new(),
            location: "Nørregade 3".into(),
            start: When::At(day(13)),
            end: When::At(day(15)),
            status: ItemStatus::Confirmed,
        },
        "Europe/Copenhagen",
    );
    hand.key = None;
    hand
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_jobs_titles_follow_the_booking() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let b = book(&mut env.store(), HANSEN, Some(ANNA), 9);
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let first = anna.item(b.id).await.expect("our item");
        assert!(
            first.content.summary.contains("Fast rengøring"),
            "{first:?}"
        );

        // Another service here: the title says so there.
        edit(&mut env.store(), b.id, |d| {
            d.service = "Vinduespudsning".into()
        });
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let item = anna.item(b.id).await.expect("our item");
        assert!(
            item.content.summary.contains("Vinduespudsning"),
            "the title follows: {item:?}"
        );
        assert_eq!(item.id, first.id, "the same item");
        // And stays put: nothing read back as an edit.
        let r = sync(&env, &[&anna]).await;
        assert_eq!(
            (r.counts.pushed, r.counts.updated, r.counts.created),
            (0, 0, 0),
            "{r:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_made_by_hand_there_takes_changes_made_here() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let made = anna.provider.create(&by_hand()).await.expect("by hand");
        sync(&env, &[&anna]).await;
        let b = env.bookings().pop().expect("taken in");
        // The journal names the calendar it was made in, and who made it.
        let (actor, calendar) = match anna.reference {
            renos::config::CalendarRef::CalDav(_) => ("CalDAV", "the CalDAV calendar"),
            _ => ("Microsoft 365", "the Microsoft 365 calendar"),
        };
        let journal = env
            .store()
            .journal(Some(("booking", b.id)), 10)
            .expect("journal");
        let entry = journal.last().expect("made");
        assert_eq!(
            (entry.actor.as_str(), entry.reason.clone()),
            (actor, format!("made in {calendar}")),
            "{journal:?}"
        );
        edit(&mut env.store(), b.id, |d| d.notes = "Kode 1234".into());
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let items = anna.items().await;
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0].id, made.id, "the same item, changed");
        assert!(
            items[0].content.description.contains("Kode 1234"),
            "{items:?}"
        );
        assert_eq!(items[0].content.summary, "Madsen", "its own title kept");
        let r = sync(&env, &[&anna]).await;
        assert_eq!((r.counts.pushed, r.counts.updated), (0, 0), "{r:?}");
        // Moved an hour here: the same item follows.
        edit(&mut env.store(), b.id, |d| {
            d.start = day(14);
            d.end = day(16);
        });
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let items = anna.items().await;
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0].content.start, When::At(day(14)));
        assert_eq!(items[0].content.summary, "Madsen");
    })
    .await;
}

/// Every Friday 08:30 for Hansen with nobody yet (the shared Google
/// calendar), from 27/11, open-ended.
pub(super) fn weekly(s: &mut renos::store::Store) -> Series {
    let first = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    s.create_series(
        Series {
            id: 0,
            customer_id: HANSEN,
            staff_id: None,
            service: "Fast rengøring".into(),
            start_time: NaiveTime::from_hms_opt(8, 30, 0).expect("time"),
            duration_min: 120,
            first_date: first,
            rule: Rule::Weekly {
                every: 1,
                days: vec![first.weekday()],
            },
            end: SeriesEnd::Open,
            holidays: HolidayPolicy::Skip,
            pauses: Vec::new(),
            address: String::new(),
            notes: String::new(),
            version: 0,
        },
        None,
    )
    .expect("series")
    .series
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_moved_to_such_a_cleaner_leaves_nothing_in_google() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let series = weekly(&mut s);
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        let recurring = |env: &Env| {
            env.live_events()
                .into_iter()
                .filter(|e| e.get("recurrence").is_some())
                .count()
        };
        assert_eq!(recurring(&env), 1, "the series' recurring event");

        // Every visit to Anna.
        give_series(&mut s, series.id, Some(ANNA));
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        assert_eq!(recurring(&env), 0, "the recurring event is gone");
        assert!(env.live_events().is_empty(), "{:#?}", env.live_events());
        let live: Vec<Booking> = s
            .series_visits(series.id)
            .expect("visits")
            .into_iter()
            .map(|(b, _)| b)
            .filter(|b| b.is_active())
            .collect();
        assert!(live.len() >= 8, "no visit lost: {live:#?}");
        assert_eq!(anna.items().await.len(), live.len(), "each in Anna's");
        assert_eq!(s.series(series.id).expect("series").end, SeriesEnd::Open);
        let r = sync(&env, &[&anna]).await;
        assert_eq!(
            (
                r.counts.pushed,
                r.counts.updated,
                r.counts.deleted,
                r.pending
            ),
            (0, 0, 0, 0),
            "{r:?}"
        );

        // And back to nobody: one recurring event again, Anna's emptied.
        give_series(&mut s, series.id, None);
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        assert_eq!(recurring(&env), 1, "{:#?}", env.live_events());
        assert!(anna.items().await.is_empty());
        let again = s
            .series_visits(series.id)
            .expect("visits")
            .into_iter()
            .filter(|(b, _)| b.is_active())
            .count();
        assert_eq!(again, live.len(), "no visit lost");
    })
    .await;
}

/// How many visits of `series` are live.
fn live_visits(s: &renos::store::Store, series: i64) -> usize {
    s.series_visits(series)
        .expect("visits")
        .into_iter()
        .filter(|(b, _)| b.is_active())
        .count()
}

/// A series moved back from a cleaner's calendar to the shared Google
/// calendar: each visit follows its series there as an instance of the
/// recurring event, which has no version of its own until a listing
/// brings it. The old items must not wait for that listing: pushes alone
/// (`renos sync --direction push`, or a listing that came before the
/// visits took their instances) remove them once the instances are there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_moved_back_to_google_leaves_nothing_behind_with_pushes_alone() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut s = env.store();
        let series = weekly(&mut s);
        give_series(&mut s, series.id, Some(ANNA));
        for _ in 0..2 {
            let r = sync(&env, &[&anna]).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        let live = live_visits(&s, series.id);
        assert_eq!(anna.items().await.len(), live, "each visit in Anna's");

        give_series(&mut s, series.id, None);
        let push = SyncOptions {
            direction: Direction::Push,
            ..SyncOptions::default()
        };
        for _ in 0..2 {
            let r = run(&env, &[&anna], push).await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        assert!(
            anna.items().await.is_empty(),
            "Anna's calendar emptied: {:#?}",
            anna.items().await
        );
        let removals = s
            .outbox_items(renos::store::CALENDAR_REMOVAL)
            .expect("removals");
        assert!(removals.is_empty(), "{removals:#?}");
        let again = live_visits(&s, series.id);
        assert_eq!(again, live, "no visit lost");
        // And a whole sync after it changes nothing there.
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert!(anna.items().await.is_empty());
        let again = live_visits(&s, series.id);
        assert_eq!(again, live, "no visit lost");
    })
    .await;
}

/// A weekly job a cleaner puts in their own calendar as one recurring
/// item is not taken in (only Google's recurring events become series):
/// the run names it, whose calendar it is in and what to do, so it is not
/// silently nowhere here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recurring_item_made_by_hand_there_is_named_not_dropped_unseen() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        let mut weekly = by_hand();
        weekly.content.summary = "Madsen hver uge".into();
        weekly.recurrence = Some(renos::providers::calendar::Recurrence {
            rule: "FREQ=WEEKLY;COUNT=4".into(),
            excluded: Vec::new(),
        });
        anna.provider.create(&weekly).await.expect("made there");
        let r = sync(&env, &[&anna]).await;
        assert!(r.errors.is_empty(), "{r:?}");
        assert_eq!(r.counts.created, 0, "not taken in: {r:?}");
        assert_eq!(r.not_taken.len(), 1, "{r:?}");
        let n = &r.not_taken[0];
        assert_eq!(
            (n.cleaner.as_str(), n.summary.as_str()),
            ("Anna", "Madsen hver uge")
        );
        let en = renos::words::news::sync_summary(renos::i18n::Language::En.words(), &r);
        assert!(
            en.contains(
                "\"Madsen hver uge\" repeats in Anna's calendar, made by hand: it is not taken in"
            ),
            "{en}"
        );
        let da = renos::words::news::sync_summary(renos::i18n::Language::Da.words(), &r);
        assert!(da.contains("gentages i Annas kalender"), "{da}");
        // An incremental run with nothing changed there says nothing more.
        let r = sync(&env, &[&anna]).await;
        assert!(r.not_taken.is_empty(), "{r:?}");
    })
    .await;
}
