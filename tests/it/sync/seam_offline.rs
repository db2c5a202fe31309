//! Google out of reach while the cleaners' calendars answer: Anna's on a
//! real Radicale (CalDAV) and Bo's on the Graph fake (Microsoft 365, served
//! by a sandbox of its own so it stays up) sync on their own, the run says
//! that Google alone could not be reached, and nothing waiting for Google
//! is lost or removed before its time.

use std::os::unix::fs::PermissionsExt;

use renos::domain::BookingStatus;
use renos::engine::sync::calendars::CalendarOutcome;
use renos::engine::sync::{ConnectionState, RunError, connections};
use renos::providers::outlook::OutlookCredentials;
use renos::sandbox::{MICROSOFT_CLIENT, MICROSOFT_SECRET, MICROSOFT_TENANT, Sandbox};
use renos::store::CALENDAR_REMOVAL;

use super::seam::{ANNA, BO, HANSEN, Remote, configure, sync};
use crate::sync_env::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cleaners_calendars_sync_while_google_is_offline() {
    let mut env = Env::new();
    let microsoft = Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox");
    let anna = Remote::caldav().await;
    // Bo's calendar in the Graph fake of a sandbox apart from Google's.
    let bo = Remote::graph_in(&microsoft);
    configure(&mut env, &anna, Some(&bo));
    // Both set up as the config would (the header shows them so).
    let secrets = tempfile::tempdir().expect("tmp");
    let caldav = secrets.path().join("caldav");
    std::fs::write(&caldav, "anna:anna-secret\n").expect("write");
    std::fs::set_permissions(&caldav, std::fs::Permissions::from_mode(0o600)).expect("mode");
    env.settings.calendars.caldav_credentials = Some(caldav);
    env.settings.calendars.outlook_credentials = Some(OutlookCredentials {
        tenant: MICROSOFT_TENANT.to_string(),
        client_id: MICROSOFT_CLIENT.to_string(),
        secret: MICROSOFT_SECRET.to_string(),
    });
    let all = [&anna, &bo];

    let a = book(&mut env.store(), HANSEN, Some(ANNA), 9);
    let b = book(&mut env.store(), HANSEN, Some(BO), 9);
    let shared = book(&mut env.store(), HANSEN, None, 12);
    let handed = book(&mut env.store(), HANSEN, Some(ANNA), 6);
    let r = sync(&env, &all).await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(env.live_events().len(), 1);

    // Changes on every side while Google is down.
    let a2 = book(&mut env.store(), HANSEN, Some(ANNA), 16);
    let b2 = book(&mut env.store(), HANSEN, Some(BO), 16);
    let waits = book(&mut env.store(), HANSEN, None, 15);
    edit(&mut env.store(), shared.id, |d| d.staff_id = Some(ANNA));
    edit(&mut env.store(), handed.id, |d| d.staff_id = Some(BO));
    anna.edit_place(a.id, "Vestergade 9").await;
    bo.edit_place(b.id, "Østergade 7").await;
    env.sandbox.go_offline();

    let r = sync(&env, &all).await;
    assert!(r.offline, "{r:?}");
    assert!(
        r.errors
            .iter()
            .all(|e| matches!(e, RunError::Calendar { calendar, .. } if calendar == CAL)),
        "only Google's calendar is out of reach: {r:?}"
    );
    for remote in all {
        let run = r
            .calendars
            .iter()
            .find(|c| c.key == remote.key())
            .expect("in the report");
        assert_eq!(run.outcome, CalendarOutcome::Synced, "{r:?}");
    }
    // Their changes are taken in, the console's are sent.
    assert_eq!(env.store().booking(a.id).unwrap().address, "Vestergade 9");
    assert_eq!(env.store().booking(b.id).unwrap().address, "Østergade 7");
    assert!(anna.item(a2.id).await.is_some(), "sent to Anna's calendar");
    assert!(bo.item(b2.id).await.is_some(), "sent to Bo's calendar");
    // The job moved from Google to Anna is in her calendar; its Google
    // event waits for Google.
    assert!(anna.item(shared.id).await.is_some(), "moved to Anna's");
    assert_eq!(
        env.store().outbox_items(CALENDAR_REMOVAL).unwrap().len(),
        1,
        "the Google event is recorded for removal"
    );
    // A job handed from Anna to Bo leaves Anna's calendar now: only what
    // is in Google waits for Google.
    assert!(bo.item(handed.id).await.is_some(), "in Bo's calendar");
    assert!(anna.item(handed.id).await.is_none(), "gone from Anna's");
    assert_eq!(r.pending, 1, "the shared calendar's new job waits: {r:?}");
    assert_eq!(r.failed, 0, "{r:?}");
    for x in env.bookings() {
        assert_eq!(x.status, BookingStatus::Scheduled, "nothing cancelled");
    }
    // Each connection says its own state.
    let store = env.store();
    let states: Vec<(String, ConnectionState)> = connections(&store, &env.settings)
        .unwrap()
        .into_iter()
        .map(|c| {
            let last = match r.calendars.iter().find(|run| run.key == c.key) {
                Some(run) => run.outcome,
                None if r.offline => CalendarOutcome::Unreachable,
                None => CalendarOutcome::Synced,
            };
            let state = c.state(Some(last));
            (c.key, state)
        })
        .collect();
    assert_eq!(
        states,
        vec![
            (CAL.to_string(), ConnectionState::CannotReach),
            (anna.key(), ConnectionState::UpToDate),
            (bo.key(), ConnectionState::UpToDate),
        ]
    );
    drop(store);

    // Back: what waited for Google goes, once.
    env.sandbox.come_online().expect("online");
    let r = sync(&env, &all).await;
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.pending, 0, "{r:?}");
    let live = env.live_events();
    assert_eq!(live.len(), 1, "only the shared job: {live:?}");
    assert_eq!(env.event_of(waits.id)["status"], "confirmed");
    assert!(
        env.store()
            .outbox_items(CALENDAR_REMOVAL)
            .unwrap()
            .is_empty()
    );
    assert_eq!(anna.items().await.len(), 3, "a, a2 and the moved job");
    assert_eq!(bo.items().await.len(), 3, "b, b2 and the job handed over");
}
