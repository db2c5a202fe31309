//! A series changed as a whole after some of its visits were moved on
//! their own: every live visit's instance in Google still shows the
//! visit's time (Google lists a series' instances from its rule: an
//! override whose original start the rule no longer has is not shown).

use renos::store::{Scope, Store, VisitChange};

use super::series::{hm, weekly};
use super::sync_env::*;

/// Each live visit of `series`: its instance in Google (by its link) is
/// listed among the series' instances, live, at the visit's time.
fn every_visit_shows_its_time(env: &Env, s: &Store, series: i64) {
    let master = s
        .google_series_link(series)
        .expect("series link")
        .expect("linked");
    let instances = env.google().instances(CAL, &master.event_id);
    for (b, v) in s.series_visits(series).expect("visits") {
        if !b.is_active() {
            continue;
        }
        let link = s.google_link(b.id).expect("link").expect("linked");
        let shown = instances
            .iter()
            .find(|e| e["id"] == link.event_id.as_str())
            .unwrap_or_else(|| {
                panic!(
                    "visit #{} ({}, {:?}) is no instance of its series: {}",
                    b.id, v.exception, v.original, link.event_id
                )
            });
        assert_ne!(shown["status"], "cancelled", "visit #{}: {shown}", b.id);
        assert_eq!(
            time_of(&shown["start"]),
            b.start,
            "visit #{}: {shown}",
            b.id
        );
    }
}

/// Visits moved on their own, then "this and following" asked on an
/// earlier visit (on the series' first, the store changes the whole
/// series), to another time or another day: every visit keeps its time in
/// Google too, whichever series it ends in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visits_moved_alone_keep_their_time_when_the_series_moves_on() {
    // (the visit moved alone, the visit "this and following" is asked on,
    // days its day moves)
    for (alone, from, days) in [(2, 0, 0), (2, 1, 0), (3, 0, 1), (3, 1, 1), (1, 1, 0)] {
        let env = Env::new();
        let mut s = env.store();
        let series = weekly(&mut s);
        let v: Vec<_> = s
            .series_visits(series.id)
            .expect("visits")
            .into_iter()
            .map(|(b, _)| b)
            .collect();
        s.move_visit(
            v[alone].id,
            v[alone].version,
            VisitChange {
                start: Some(hm("17:00")),
                ..VisitChange::default()
            },
            Scope::This,
            None,
        )
        .expect("move this");
        let r = env.sync().await;
        assert!(r.errors.is_empty(), "{r:?}");
        every_visit_shows_its_time(&env, &s, series.id);

        let at = s.booking(v[from].id).expect("visit");
        let day = env.store().tz().local_date(at.start);
        s.move_visit(
            at.id,
            at.version,
            VisitChange {
                start: Some(hm("18:30")),
                date: (days > 0).then(|| day + chrono::Days::new(days)),
                ..VisitChange::default()
            },
            Scope::Following,
            None,
        )
        .expect("move following");
        for _ in 0..2 {
            let r = env.sync().await;
            assert!(r.errors.is_empty(), "{r:?}");
        }
        for series in s.series_list().expect("series") {
            every_visit_shows_its_time(&env, &s, series.id);
        }
    }
}
