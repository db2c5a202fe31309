//! `renos sync` killed with SIGKILL at random moments, 50 times, while
//! whole series move between nobody (one recurring event in the shared
//! Google calendar) and a cleaner whose calendar is on a real Radicale
//! (each visit an item of its own there). A series moved to her leaves its
//! recurring event recorded for removal, removed once each visit has its
//! item. Then left to finish: no recurring event in Google for a series now
//! on CalDAV, one for each series of nobody's, every visit of hers once in
//! Radicale, nothing else there, and no visit cancelled.

use crate::common;
use crate::radicale::{Radicale, USERS};

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::annas_caldav::AnnasCalDav;
use chrono::{Datelike, NaiveTime};
use common::Lcg;
use common::sandbox::SandboxProcess;
use renos::clock::Clock;
use renos::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
use renos::domain::{BusinessTz, WorkingHours};
use renos::engine::sync::{Choice, resolve};
use renos::store::{
    CALENDAR_REMOVAL, NewCustomer, NewStaff, SERIES_REMOVAL_MARK, Scope, Store, VisitChange,
};
use serde_json::{Value, json};

const KILLS: usize = 50;
const SERIES: usize = 3;
const ANNA: i64 = 1;

fn sync_cmd(sb: &SandboxProcess, db: &std::path::Path, home: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_renos"));
    c.arg("sync")
        .arg("--db")
        .arg(db)
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("USER", "crash")
        .env("CALDAV_USERNAME", USERS[0].0)
        .env("CALDAV_PASSWORD", USERS[0].1)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in &sb.env {
        c.env(k, v);
    }
    c
}

/// Gives every visit of `series` from tomorrow on to `staff`, as the
/// console's "all" scope does.
fn give(s: &mut Store, series: i64, staff: Option<i64>) {
    let tomorrow = chrono::Utc::now() + chrono::Duration::days(1);
    let (first, _) = s
        .series_visits(series)
        .expect("visits")
        .into_iter()
        .find(|(b, _)| b.is_active() && b.start > tomorrow)
        .expect("a visit to come");
    s.move_visit(
        first.id,
        first.version,
        VisitChange {
            staff: Some(staff),
            ..VisitChange::default()
        },
        Scope::All,
        None,
    )
    .expect("moved");
}

#[test]
fn killed_syncs_move_series_to_caldav_and_back_whole() {
    if Command::new("radicale")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        eprintln!(
            "skipped: `radicale` is not on PATH; the series move kill test needs a real server \
             (apt-get install radicale)"
        );
        return;
    }
    let _alone = common::alone();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path();
    let sb = SandboxProcess::start(home);
    sb.admin(
        reqwest::Method::PUT,
        "/admin/google/faults",
        Some(json!({"latency_ms": 4})),
    );
    let events_path = sb.events_path();
    let radicale = Radicale::start();
    let anna = AnnasCalDav::set_up(&rt, &radicale, home);
    let items = || anna.items(&rt);

    let db = home.join("renos.db");
    let open = || {
        Store::open(&db, "mette", Clock::System)
            .expect("store")
            .with_tz(BusinessTz::default())
    };
    let mut s = open();
    s.add_staff(NewStaff {
        name: "Anna".into(),
        phone: String::new(),
        colour: String::new(),
        hours: WorkingHours::default(),
        time_off: Vec::new(),
    })
    .expect("staff");
    for name in ["Hansen", "Jensen", "Madsen"] {
        s.add_customer(NewCustomer {
            name: name.into(),
            address: format!("{name}vej 1"),
            ..NewCustomer::default()
        })
        .expect("customer");
    }
    // Weekly series on days of their own (no clash when all are Anna's),
    // the first with her, the others with nobody.
    let today = s.tz().local_date(chrono::Utc::now());
    let ids: Vec<i64> = (0..SERIES)
        .map(|i| {
            let first = today + chrono::Duration::days(2 + i as i64);
            s.create_series(
                Series {
                    id: 0,
                    customer_id: 1 + i as i64,
                    staff_id: (i == 0).then_some(ANNA),
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
            .id
        })
        .collect();

    // How long a sync takes here, so the kills land inside one.
    let t = std::time::Instant::now();
    assert!(sync_cmd(&sb, &db, home).status().expect("sync").success());
    let mean_run = (t.elapsed().as_millis() as u64).max(20);
    assert!(!items().is_empty(), "Anna's visits reached Radicale");

    let mut rng = Lcg(0x5e71_e5c0);
    let mut killed = 0;
    let mut i = 0;
    // Kills after which a series' recurring event waited for its removal.
    let mut left_behind = 0;
    let mut to_anna = 0;
    while killed < KILLS {
        i += 1;
        assert!(i < 10 * KILLS, "the kills keep missing the syncs");
        // A series changes hands every other round: a sync may be killed
        // between the hand-over and the removal it leaves.
        if i % 2 == 1 {
            let series = ids[rng.next(SERIES as u64) as usize];
            let now = s.series(series).expect("series").staff_id;
            give(
                &mut s,
                series,
                if now.is_some() { None } else { Some(ANNA) },
            );
            to_anna += usize::from(now.is_none());
        }
        let mut child = sync_cmd(&sb, &db, home).spawn().expect("sync");
        std::thread::sleep(Duration::from_millis(rng.next(mean_run * 2)));
        let was_running = child.try_wait().expect("wait").is_none();
        let _ = child.kill();
        let _ = child.wait();
        if was_running {
            killed += 1;
            let waiting = s.outbox_items(CALENDAR_REMOVAL).expect("removals");
            if waiting
                .iter()
                .any(|e| e.key.starts_with(SERIES_REMOVAL_MARK))
            {
                left_behind += 1;
            }
        }
    }
    eprintln!(
        "{killed} kills in {i} rounds; {to_anna} series given to Anna; \
         {left_behind} kills left a recurring event waiting for its removal"
    );
    assert!(
        left_behind > 0,
        "no kill landed while a series' recurring event waited for its removal"
    );

    // Left alone, it finishes.
    let mut ok = false;
    for round in 0..6 {
        ok = sync_cmd(&sb, &db, home).status().expect("sync").success();
        if round >= 3 {
            for c in s.sync_conflicts().expect("conflicts") {
                resolve(&mut s, c.booking_id, Choice::Mine).expect("resolve");
            }
        }
    }
    assert!(ok, "the last sync failed");
    let s = open();
    assert!(s.sync_conflicts().expect("conflicts").is_empty());
    let removals = s.outbox_items(CALENDAR_REMOVAL).expect("removals");
    assert!(removals.is_empty(), "removals left: {removals:#?}");

    // Whose each series is now, and its visits from tomorrow on.
    let mut annas_visits = BTreeSet::new();
    let mut nobodys = BTreeSet::new();
    for &id in &ids {
        let series = s.series(id).expect("series");
        let visits = s.series_visits(id).expect("visits");
        for (b, _) in &visits {
            if b.is_active() {
                continue;
            }
            // What Google holds of every event the series ever had.
            let link = s.google_link(b.id).expect("link");
            let series_link = s.google_series_link(id).expect("series link");
            let stem = link
                .as_ref()
                .and_then(|l| l.event_id.split_once('r').map(|(a, _)| format!("{a}r")))
                .unwrap_or_default();
            let events = sb.admin(reqwest::Method::GET, &events_path, None);
            let google: Vec<String> = events["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|e| {
                    !stem.is_empty() && e["id"].as_str().is_some_and(|i| i.starts_with(&stem))
                })
                .map(|e| {
                    format!(
                        "{} {} {} {}",
                        e["id"], e["status"], e["recurrence"], e["originalStartTime"]
                    )
                })
                .collect();
            let all: Vec<String> = visits
                .iter()
                .map(|(b, v)| {
                    format!(
                        "#{} {} {:?} staff {:?} exception {:?}",
                        b.id, v.original, b.status, b.staff_id, v.exception
                    )
                })
                .collect();
            // The syncs' own log, kept past the temporary folder.
            let kept =
                std::env::temp_dir().join(format!("series_move_crash-{}.log", std::process::id()));
            let _ = std::fs::copy(home.join("state/renos/renos.log"), &kept);
            eprintln!("the syncs' log: {}", kept.display());
            panic!(
                "visit #{} of series #{id} cancelled though nobody cancelled it; \
                 its journal: {:#?}; its link: {link:?}; its series' link: {series_link:?}; \
                 the series' visits: {all:#?}; \
                 the series' events in Google: {google:#?}; the runs: {:#?}",
                b.id,
                s.journal(Some(("booking", b.id)), 50).expect("journal"),
                s.sync_log(40).expect("runs"),
            );
        }
        match series.staff_id {
            Some(ANNA) => annas_visits.extend(visits.iter().map(|(b, _)| b.id)),
            _ => {
                nobodys.insert(id);
            }
        }
    }

    // Radicale: every visit of Anna's series once, nothing else.
    let mut seen = BTreeMap::new();
    for it in items() {
        let booking: i64 = it
            .booking
            .as_deref()
            .and_then(|b| b.parse().ok())
            .unwrap_or_else(|| panic!("an item in Radicale with no booking: {it:?}"));
        assert!(
            annas_visits.contains(&booking),
            "an item in Radicale for booking #{booking}, not a visit of Anna's series"
        );
        *seen.entry(booking).or_insert(0) += 1;
    }
    assert!(
        seen.values().all(|n| *n == 1),
        "visits in Radicale more than once: {seen:?}"
    );
    assert_eq!(
        seen.keys().copied().collect::<BTreeSet<_>>(),
        annas_visits,
        "each visit of Anna's series in Radicale"
    );

    // Google: one recurring event for each series of nobody's, none for
    // Anna's.
    let events = sb.admin(reqwest::Method::GET, &events_path, None);
    let live: Vec<&Value> = events["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|e| e["status"] != "cancelled")
        .collect();
    let recurring: BTreeSet<String> = live
        .iter()
        .filter(|e| e.get("recurrence").is_some())
        .map(|e| e["id"].as_str().expect("id").to_string())
        .collect();
    let expected: BTreeSet<String> = nobodys
        .iter()
        .map(|&id| {
            s.google_series_link(id)
                .expect("link")
                .expect("nobody's series has its event")
                .event_id
        })
        .collect();
    assert_eq!(
        recurring, expected,
        "recurring events in Google: one for each series of nobody's, none for Anna's"
    );
    for e in &live {
        if e.get("recurrence").is_none() {
            let of = e["recurringEventId"].as_str().unwrap_or_default();
            assert!(
                expected.contains(of),
                "an event in Google that is not of a series of nobody's: {e}"
            );
        }
    }
}
