//! `renos sync` killed with SIGKILL at random moments, over and over, while
//! both sides keep changing; then left to finish. No booking may be lost or
//! duplicated on either side, and every last edit must arrive.

use crate::common;
use crate::sync_env;

use std::collections::{BTreeMap, HashMap};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::Lcg;
use common::sandbox::SandboxProcess;
use renos::clock::Clock;
use renos::domain::{BusinessTz, WorkingHours};
use renos::store::{NewCustomer, NewStaff, Store};
use serde_json::{Value, json};
use sync_env::{at, book, edit, hand_made};

const KILLS: usize = 50;

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
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in &sb.env {
        c.env(k, v);
    }
    c
}

/// Four syncs left alone after the kills; the last one's output.
fn last_syncs(
    sb: &SandboxProcess,
    db: &std::path::Path,
    home: &std::path::Path,
) -> std::process::Output {
    let mut last = None;
    for _ in 0..4 {
        last = Some(
            sync_cmd(sb, db, home)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .output()
                .expect("sync"),
        );
    }
    last.expect("four syncs")
}

/// What a sync printed, for a failure's message.
fn said(o: &std::process::Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn killed_syncs_lose_and_duplicate_nothing() {
    let _alone = common::alone();
    let dir = tempfile::tempdir().expect("tmp");
    let mut sb = SandboxProcess::start(dir.path());
    let admin =
        |method: reqwest::Method, path: String, body: Option<Value>| sb.admin(method, &path, body);
    let cal = renos::sandbox::CALENDAR_ID;
    let events_path = format!("/admin/google/calendars/{cal}/events");
    // A little latency widens the windows between request and commit.
    admin(
        reqwest::Method::PUT,
        "/admin/google/faults".into(),
        Some(json!({"latency_ms": 4})),
    );

    let db = dir.path().join("renos.db");
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
    let mut ids: Vec<i64> = (0..6)
        .map(|i| book(&mut s, 1 + i % 3, None, 6 + 2 * i as u32).id)
        .collect();

    // How long a sync takes here, so the kills land inside one.
    let t = std::time::Instant::now();
    assert!(
        sync_cmd(&sb, &db, dir.path())
            .status()
            .expect("sync")
            .success()
    );
    let mean_run = (t.elapsed().as_millis() as u64).max(20);
    let mut killed = 0;
    let mut rng = Lcg(0x5eed_2026);
    let mut last_notes: HashMap<i64, String> = HashMap::new();
    let mut last_place: HashMap<String, String> = HashMap::new();
    let mut hand_made_count = 0;
    let mut i = 0;
    while killed < KILLS {
        i += 1;
        assert!(i < 10 * KILLS, "the kills keep missing the syncs");
        // Both sides move on between the kills.
        let id = ids[rng.next(ids.len() as u64) as usize];
        edit(&mut s, id, |d| d.notes = format!("her {i}"));
        last_notes.insert(id, format!("her {i}"));
        if i % 5 == 0 {
            ids.push(book(&mut s, 1 + (i as i64 % 3), None, 6 + (i % 10) as u32).id);
        }
        let events = admin(reqwest::Method::GET, events_path.clone(), None);
        let live: Vec<&Value> = events["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|e| e["status"] != "cancelled")
            .collect();
        if i % 3 == 0 && !live.is_empty() {
            let ev = live[rng.next(live.len() as u64) as usize];
            let ev_id = ev["id"].as_str().expect("id").to_string();
            admin(
                reqwest::Method::PATCH,
                format!("{events_path}/{ev_id}"),
                Some(json!({"location": format!("der {i}")})),
            );
            last_place.insert(ev_id, format!("der {i}"));
        }
        if i % 7 == 0 {
            hand_made_count += 1;
            admin(
                reqwest::Method::POST,
                events_path.clone(),
                Some(hand_made(
                    &format!("Hånd {i}"),
                    at(14, 0) + chrono::Duration::days(i as i64),
                    1,
                )),
            );
        }
        let mut child = sync_cmd(&sb, &db, dir.path()).spawn().expect("sync");
        std::thread::sleep(Duration::from_millis(rng.next(mean_run * 2)));
        if child.try_wait().expect("wait").is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(killed >= KILLS, "only {killed} kills landed during a sync");
    // Left alone, it finishes.
    let last = last_syncs(&sb, &db, dir.path());
    assert!(
        last.status.success(),
        "the last sync failed: {}\n{}",
        said(&last),
        sb.ended(dir.path()).unwrap_or_default()
    );

    let s = open();
    let events = admin(reqwest::Method::GET, events_path.clone(), None);
    let live: Vec<&Value> = events["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|e| e["status"] != "cancelled")
        .collect();
    let all = s
        .bookings_between(
            at(0, 0) - chrono::Duration::days(30),
            at(0, 0) + chrono::Duration::days(400),
        )
        .expect("bookings");
    assert!(all.iter().all(|b| b.is_active()), "nothing was cancelled");
    assert_eq!(
        all.len(),
        ids.len() + hand_made_count,
        "bookings: no loss, no duplicates"
    );
    assert_eq!(live.len(), all.len(), "events: no loss, no duplicates");
    let links: BTreeMap<String, i64> = s
        .google_links(cal)
        .expect("links")
        .into_iter()
        .map(|l| (l.event_id, l.booking_id))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for ev in &live {
        let id = ev["id"].as_str().expect("id");
        let booking = *links
            .get(id)
            .unwrap_or_else(|| panic!("event {id} has no booking"));
        assert!(seen.insert(booking), "two events for booking #{booking}");
        let b = s.booking(booking).expect("booking");
        assert_eq!(ev["description"].as_str().unwrap_or_default(), b.notes);
        if let Some(n) = last_notes.get(&booking) {
            assert_eq!(&b.notes, n, "booking #{booking} lost its last edit");
        }
        if let Some(p) = last_place.get(id) {
            assert_eq!(ev["location"].as_str(), Some(p.as_str()));
            assert_eq!(&b.address, p, "booking #{booking} lost the calendar's edit");
        }
    }
}

/// Series pushed while `renos sync` is killed at random moments: each
/// series ends up as ONE recurring event (its id derived from the series,
/// so a repeated insert meets 409), its cancelled visits as EXDATEs, its
/// moved visits as overrides, and no visit as an event of its own.
#[test]
fn killed_series_pushes_leave_one_event_per_series() {
    use chrono::{Datelike, Days, NaiveTime};
    use renos::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
    use renos::store::{Scope, VisitChange};

    const SERIES_KILLS: usize = 25;
    let _alone = common::alone();
    // `RENOS_CRASH_KEEP=1` keeps the folder (database, sandbox) to replay
    // a failure; `RENOS_CRASH_SEED` picks other kill moments.
    let dir = tempfile::Builder::new()
        .disable_cleanup(std::env::var_os("RENOS_CRASH_KEEP").is_some())
        .tempdir()
        .expect("tmp");
    eprintln!("series kill test in {}", dir.path().display());
    let mut sb = SandboxProcess::start(dir.path());
    let cal = renos::sandbox::CALENDAR_ID;
    let events_path = format!("/admin/google/calendars/{cal}/events");
    sb.admin(
        reqwest::Method::PUT,
        "/admin/google/faults",
        Some(json!({"latency_ms": 4})),
    );
    let db = dir.path().join("renos.db");
    let open = || {
        Store::open(&db, "mette", Clock::System)
            .expect("store")
            .with_tz(BusinessTz::default())
    };
    let mut s = open();
    let customer = s
        .add_customer(NewCustomer {
            name: "Hansen".into(),
            address: "Hansenvej 1".into(),
            ..NewCustomer::default()
        })
        .expect("customer");
    let today = BusinessTz::default().local_date(chrono::Utc::now());
    let mut made = Vec::new();
    let new_series = |s: &mut Store, n: u32| {
        let first = today
            .checked_add_days(Days::new(u64::from(n % 7) + 1))
            .expect("date");
        s.create_series(
            Series {
                id: 0,
                customer_id: customer.id,
                staff_id: None,
                service: "Fast rengøring".into(),
                start_time: NaiveTime::from_hms_opt(7 + n % 10, 0, 0).expect("time"),
                duration_min: 90,
                first_date: first,
                rule: Rule::Weekly {
                    every: 1 + n % 2,
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
    };
    made.push(new_series(&mut s, 0));
    let t = std::time::Instant::now();
    assert!(
        sync_cmd(&sb, &db, dir.path())
            .status()
            .expect("sync")
            .success()
    );
    let mean_run = (t.elapsed().as_millis() as u64).max(20);
    let mut rng = Lcg(std::env::var("RENOS_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x005e_71e5));
    let mut killed = 0;
    let mut i = 0u32;
    while killed < SERIES_KILLS {
        i += 1;
        assert!(
            i < 10 * SERIES_KILLS as u32,
            "the kills keep missing the syncs"
        );
        match i % 4 {
            0 => made.push(new_series(&mut s, i)),
            op => {
                let id = made[rng.next(made.len() as u64) as usize];
                let live: Vec<_> = s
                    .series_visits(id)
                    .expect("visits")
                    .into_iter()
                    .filter(|(b, v)| b.is_active() && v.exception.is_empty())
                    .collect();
                if let Some((b, _)) = live.get(rng.next(live.len().max(1) as u64) as usize) {
                    let _ = match op {
                        1 => s.cancel_visit(b.id, b.version, "aflyst", Scope::This),
                        2 => s.move_visit(
                            b.id,
                            b.version,
                            VisitChange {
                                start: Some(NaiveTime::from_hms_opt(17, 0, 0).expect("t")),
                                ..VisitChange::default()
                            },
                            Scope::This,
                            None,
                        ),
                        _ => s.move_visit(
                            b.id,
                            b.version,
                            VisitChange {
                                start: Some(NaiveTime::from_hms_opt(18, 30, 0).expect("t")),
                                ..VisitChange::default()
                            },
                            Scope::Following,
                            None,
                        ),
                    };
                }
            }
        }
        let mut child = sync_cmd(&sb, &db, dir.path()).spawn().expect("sync");
        std::thread::sleep(Duration::from_millis(rng.next(mean_run * 2)));
        if child.try_wait().expect("wait").is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    let last = last_syncs(&sb, &db, dir.path());
    assert!(
        last.status.success(),
        "the last sync failed: {}\n{}",
        said(&last),
        sb.ended(dir.path()).unwrap_or_default()
    );

    let s = open();
    let events = sb.admin(reqwest::Method::GET, &events_path, None);
    let items = events["items"].as_array().expect("items");
    let live: Vec<&Value> = items
        .iter()
        .filter(|e| e["status"] != "cancelled")
        .collect();
    assert!(
        live.iter()
            .all(|e| e.get("recurrence").is_some() || e.get("recurringEventId").is_some()),
        "no visit is an event of its own"
    );
    let mut masters: HashMap<i64, Vec<&Value>> = HashMap::new();
    for e in live.iter().filter(|e| e.get("recurrence").is_some()) {
        let id: i64 = e["extendedProperties"]["private"]["renos_series"]
            .as_str()
            .expect("renos_series")
            .parse()
            .expect("series id");
        masters.entry(id).or_default().push(e);
    }
    let all = s.series_list().expect("series");
    assert_eq!(masters.len(), all.len(), "one event per series");
    for series in &all {
        let m = &masters[&series.id];
        assert_eq!(m.len(), 1, "series #{} has {} events", series.id, m.len());
        let master_id = m[0]["id"].as_str().expect("id");
        let prefix = format!("{master_id}_");
        for (b, v) in s.series_visits(series.id).expect("visits") {
            let link = s.google_link(b.id).expect("link");
            if !b.is_active() {
                continue;
            }
            let link = link.unwrap_or_else(|| panic!("visit #{} has no event", b.id));
            assert!(link.event_id.starts_with(&prefix), "{link:?}");
            let is_override = items
                .iter()
                .any(|e| e["id"] == link.event_id.as_str() && e["status"] != "cancelled");
            assert_eq!(
                is_override,
                v.exception == "moved",
                "visit #{} ({}) and its instance",
                b.id,
                v.exception
            );
        }
    }
}

/// Recurring events made by hand in Google, taken in while `renos sync` is
/// killed at random moments (some instances moved there meanwhile): each
/// becomes ONE series, each of its live instances up to the horizon ONE
/// visit, and no booking exists besides the visits.
#[test]
fn killed_syncs_take_in_each_hand_made_series_once() {
    const TAKE_IN_KILLS: usize = 20;
    let _alone = common::alone();
    let dir = tempfile::tempdir().expect("tmp");
    let mut sb = SandboxProcess::start(dir.path());
    let cal = renos::sandbox::CALENDAR_ID;
    let events_path = format!("/admin/google/calendars/{cal}/events");
    sb.admin(
        reqwest::Method::PUT,
        "/admin/google/faults",
        Some(json!({"latency_ms": 4})),
    );
    let db = dir.path().join("renos.db");
    let open = || {
        Store::open(&db, "mette", Clock::System)
            .expect("store")
            .with_tz(BusinessTz::default())
    };
    let mut s = open();
    for name in ["Hansen", "Jensen"] {
        s.add_customer(NewCustomer {
            name: name.into(),
            address: format!("{name}vej 1"),
            ..NewCustomer::default()
        })
        .expect("customer");
    }
    drop(s);
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    let start_of = |n: u32| {
        tomorrow
            .and_hms_opt(7 + n % 8, 0, 0)
            .expect("time")
            .and_utc()
            + chrono::Duration::days(i64::from(n % 5))
    };
    let mut made = Vec::new();
    let new_series = |n: u32| -> String {
        let mut ev = hand_made(
            if n.is_multiple_of(2) {
                "Hansen - fast rengøring"
            } else {
                "Jensen hver anden uge"
            },
            start_of(n),
            2,
        );
        ev["recurrence"] = json!([if n.is_multiple_of(2) {
            "RRULE:FREQ=WEEKLY"
        } else {
            "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=5"
        }]);
        let made = sb.admin(reqwest::Method::POST, &events_path, Some(ev));
        made["id"].as_str().expect("id").to_string()
    };
    made.push(new_series(0));
    let t = std::time::Instant::now();
    assert!(
        sync_cmd(&sb, &db, dir.path())
            .status()
            .expect("sync")
            .success()
    );
    let mean_run = (t.elapsed().as_millis() as u64).max(20);
    let mut rng = Lcg(0x7a4e_1234);
    let mut killed = 0;
    let mut i = 0u32;
    while killed < TAKE_IN_KILLS {
        i += 1;
        assert!(
            i < 10 * TAKE_IN_KILLS as u32,
            "the kills keep missing the syncs"
        );
        if i.is_multiple_of(2) {
            made.push(new_series(i));
        } else {
            // One instance of one of them moved an hour later there.
            let id = &made[rng.next(made.len() as u64) as usize];
            let inst = sb.admin(
                reqwest::Method::GET,
                &format!("{events_path}/{id}/instances"),
                None,
            );
            let items = inst["items"].as_array().cloned().unwrap_or_default();
            if let Some(one) = items.get(rng.next(items.len().max(1) as u64) as usize) {
                let at = |k: &str| {
                    chrono::DateTime::parse_from_rfc3339(
                        one[k]["dateTime"].as_str().expect("dateTime"),
                    )
                    .expect("time")
                        + chrono::Duration::hours(1)
                };
                sb.admin(
                    reqwest::Method::PATCH,
                    &format!("{events_path}/{}", one["id"].as_str().expect("id")),
                    Some(json!({
                        "start": {"dateTime": at("start").to_rfc3339(), "timeZone": "Europe/Copenhagen"},
                        "end": {"dateTime": at("end").to_rfc3339(), "timeZone": "Europe/Copenhagen"},
                    })),
                );
            }
        }
        let mut child = sync_cmd(&sb, &db, dir.path()).spawn().expect("sync");
        std::thread::sleep(Duration::from_millis(rng.next(mean_run * 2)));
        if child.try_wait().expect("wait").is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    let last = last_syncs(&sb, &db, dir.path());
    assert!(
        last.status.success(),
        "the last sync failed: {}\n{}",
        said(&last),
        sb.ended(dir.path()).unwrap_or_default()
    );

    let s = open();
    let all = s.series_list().expect("series");
    assert_eq!(all.len(), made.len(), "one series per recurring event");
    // The visits are made up to the horizon (12 weeks); the instances
    // well inside it are checked.
    let until = chrono::Utc::now() + chrono::Duration::weeks(11);
    let mut visits = std::collections::HashSet::new();
    for id in &made {
        let link = s
            .google_series_by_event(cal, id)
            .expect("link")
            .unwrap_or_else(|| panic!("{id} is no series"));
        let inst = sb.admin(
            reqwest::Method::GET,
            &format!("{events_path}/{id}/instances"),
            None,
        );
        for one in inst["items"].as_array().expect("items") {
            let start = chrono::DateTime::parse_from_rfc3339(
                one["start"]["dateTime"].as_str().expect("dateTime"),
            )
            .expect("time")
            .with_timezone(&chrono::Utc);
            if one["status"] == "cancelled" || start > until {
                continue;
            }
            let iid = one["id"].as_str().expect("id");
            let linked: Vec<_> = s
                .google_links(cal)
                .expect("links")
                .into_iter()
                .filter(|l| l.event_id == iid && !l.gone)
                .collect();
            assert_eq!(linked.len(), 1, "instance {iid} is one visit: {linked:?}");
            let b = s.booking(linked[0].booking_id).expect("visit");
            assert!(b.is_active(), "{b:?}");
            assert_eq!(b.start, start, "{iid}");
            let v = s.visit_of(b.id).expect("v").expect("a visit");
            assert_eq!(v.series_id, link.series_id);
            assert!(visits.insert(b.id), "one visit, one instance");
        }
    }
    let loose: Vec<_> = s
        .bookings_between(chrono::Utc::now() - chrono::Duration::days(1), until)
        .expect("bookings")
        .into_iter()
        .filter(|b| b.is_active() && s.visit_of(b.id).expect("v").is_none())
        .collect();
    assert!(loose.is_empty(), "bookings besides the visits: {loose:#?}");
}
