//! `renos move --scope following` (the split of a series) and `renos series
//! extend` (its visits made up to the horizon) killed with SIGKILL at random
//! moments, 50 times; then the database is checked: every visit each series
//! should have up to where it was made exists exactly once, every visit row
//! that disappeared was removed by its series (journaled), and the journal
//! holds every visit there is.

use crate::common;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use common::Lcg;
use renos::clock::Clock;
use renos::domain::WorkingHours;
use renos::domain::holidays::Holidays;
use renos::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd, original_key};
use renos::store::{BOOKING_REMOVE, NewCustomer, NewStaff, Store};

const KILLS: usize = 50;
const SERIES: usize = 12;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00")
        .expect("now")
        .with_timezone(&Utc)
}

fn cmd(db: &Path, home: &Path, at: NaiveDate, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_renos"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("USER", "crash")
        .env("RENOS_NOW", format!("{at}T10:00:00+01:00"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn open(db: &Path) -> Store {
    Store::open(db, "mette", Clock::Fixed(now())).expect("store")
}

/// Every series' visits exist once each, from today to where it was made.
fn check(db: &Path, today: NaiveDate, ever: &HashSet<i64>) {
    let s = open(db);
    let holidays = Holidays::default();
    let mut rows = 0;
    for series in s.series_list().expect("series") {
        let visits = s.series_visits(series.id).expect("visits");
        rows += visits.len();
        let mut seen = HashSet::new();
        for (_, v) in &visits {
            assert!(
                seen.insert(v.original.clone()),
                "series #{} doubled {v:?}",
                series.id
            );
        }
        let Some(last) = visits
            .iter()
            .filter_map(|(_, v)| renos::domain::series::parse_original_key(&v.original))
            .map(|t| t.date())
            .max()
        else {
            continue;
        };
        let expected = series
            .occurrences(series.first_date.max(today), last, s.tz(), &holidays)
            .expect("expand");
        for o in expected {
            let key = original_key(o.original);
            assert!(
                seen.contains(&key),
                "series #{} lost its visit {key}",
                series.id
            );
        }
    }
    assert!(rows > SERIES * 6, "only {rows} visits");
    let now: HashSet<i64> = s
        .series_list()
        .expect("series")
        .iter()
        .flat_map(|x| s.series_visits(x.id).expect("visits"))
        .map(|(b, _)| b.id)
        .collect();
    for id in ever {
        if !now.contains(id) && s.booking(*id).is_err() {
            let j = s.journal(Some(("booking", *id)), 1).expect("journal");
            assert_eq!(
                j.first().map(|e| e.action.as_str()),
                Some(BOOKING_REMOVE),
                "visit #{id} vanished without its series removing it"
            );
        }
    }
    // Every visit row has the journal entry that made it.
    for id in &now {
        let j = s.journal(Some(("booking", *id)), 1000).expect("journal");
        assert!(
            j.iter().any(|e| e.before.is_none()),
            "visit #{id} has no journal entry making it"
        );
    }
}

#[test]
fn killed_splits_and_extensions_lose_and_double_no_visit() {
    let _alone = common::alone();
    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path();
    std::fs::create_dir_all(home.join("config/renos")).expect("config dir");
    std::fs::write(
        home.join("config/renos/config.toml"),
        "[series]\nhorizon_weeks = 26\n",
    )
    .expect("config");
    let db = dir.path().join("renos.db");
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("today");
    {
        let mut s = open(&db);
        s.batch(|w| {
            for i in 0..SERIES {
                let staff = w.add_staff(NewStaff {
                    name: format!("Cleaner {i}"),
                    hours: WorkingHours::default(),
                    ..Default::default()
                })?;
                let customer = w.add_customer(NewCustomer {
                    name: format!("Kunde {i}"),
                    ..Default::default()
                })?;
                let first = today + chrono::Duration::days(1 + (i % 5) as i64);
                w.add_series(Series {
                    id: 0,
                    customer_id: customer.id,
                    staff_id: Some(staff.id),
                    service: "Fast rengøring".into(),
                    start_time: NaiveTime::from_hms_opt(8, 0, 0).expect("time"),
                    duration_min: 120,
                    first_date: first,
                    rule: Rule::Weekly {
                        every: 1 + (i % 2) as u32,
                        days: vec![first.weekday()],
                    },
                    end: SeriesEnd::Open,
                    holidays: if i % 3 == 0 {
                        HolidayPolicy::Move
                    } else {
                        HolidayPolicy::Skip
                    },
                    pauses: Vec::new(),
                    address: String::new(),
                    notes: String::new(),
                    version: 0,
                })?;
            }
            Ok(())
        })
        .expect("seed");
    }

    // How long a run takes here, so the kills land inside one.
    let t = std::time::Instant::now();
    assert!(
        cmd(&db, home, today, &["series", "extend"])
            .status()
            .expect("extend")
            .success()
    );
    let mean_run = (t.elapsed().as_millis() as u64).max(40);

    let mut ever: HashSet<i64> = HashSet::new();
    let mut rng = Lcg(0x5e41_e516);
    let mut killed = 0;
    let mut i = 0;
    let mut day = today;
    while killed < KILLS {
        i += 1;
        assert!(i < 10 * KILLS, "the kills keep missing the runs");
        let visits: Vec<i64> = {
            let s = open(&db);
            let mut v: Vec<i64> = Vec::new();
            let mut by_series: HashMap<i64, usize> = HashMap::new();
            for series in s.series_list().expect("series") {
                for (b, _) in s.series_visits(series.id).expect("visits") {
                    ever.insert(b.id);
                    if b.status == renos::domain::BookingStatus::Scheduled && b.start > now() {
                        *by_series.entry(series.id).or_default() += 1;
                        v.push(b.id);
                    }
                }
            }
            v
        };
        let mut child = if rng.next(2) == 0 && !visits.is_empty() {
            let id = visits[rng.next(visits.len() as u64) as usize].to_string();
            let hour = format!("{}", 7 + rng.next(8));
            cmd(
                &db,
                home,
                today,
                &[
                    "move",
                    &id,
                    "--start",
                    &hour,
                    "--scope",
                    "following",
                    "--accept-clash",
                    "kill test",
                ],
            )
            .spawn()
            .expect("spawn")
        } else {
            if rng.next(3) == 0 {
                day += chrono::Duration::days(1 + rng.next(6) as i64);
            }
            cmd(&db, home, day, &["series", "extend"])
                .spawn()
                .expect("spawn")
        };
        std::thread::sleep(Duration::from_millis(rng.next(mean_run * 2)));
        if child.try_wait().expect("wait").is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(killed >= KILLS, "only {killed} kills landed during a run");

    // Left alone, a last run makes what is missing; nothing was lost or doubled.
    assert!(
        cmd(&db, home, day, &["series", "extend"])
            .status()
            .expect("extend")
            .success()
    );
    check(&db, today, &ever);
}
