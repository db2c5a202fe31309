//! `renos sync` killed with SIGKILL at random moments, 50 times, while the
//! jobs of a cleaner whose calendar is on a real Radicale (CalDAV) are
//! made, moved, given to nobody and back, and cancelled here, and moved,
//! changed, deleted and made by hand there; then left to finish. Every
//! booking of hers is in Radicale once, every item in Radicale is one of
//! her bookings once, cancelled ones are gone, and the last edits of both
//! sides arrived.

use crate::common;
use crate::radicale::{Other, Radicale, USERS};
use crate::sync_env;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::annas_caldav::AnnasCalDav;
use chrono::{DateTime, Utc};
use common::Lcg;
use common::sandbox::SandboxProcess;
use renos::clock::Clock;
use renos::domain::{BookingDraft, BusinessTz, WorkingHours};
use renos::engine::sync::{Choice, resolve};
use renos::providers::calendar::{CalendarProvider, ItemWrite, RemoteItem, When};
use renos::store::{NewCustomer, NewStaff, Save, Store};
use serde_json::{Value, json};
use sync_env::at;

const KILLS: usize = 50;
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

/// Day `d` after the fixed day, at `h` o'clock UTC: one job of Anna's per
/// day, so no move clashes.
fn slot(d: i64, h: u32) -> DateTime<Utc> {
    at(h, 0) + chrono::Duration::days(d)
}

fn draft(customer: i64, staff: Option<i64>, start: DateTime<Utc>) -> BookingDraft {
    BookingDraft {
        customer_id: customer,
        staff_id: staff,
        service: "Fast rengøring".into(),
        start,
        end: start + chrono::Duration::hours(2),
        estimate_min: 120,
        address: String::new(),
        notes: String::new(),
        review: String::new(),
    }
}

/// A new job on a day of its own.
fn book(s: &mut Store, days: &mut i64, staff: Option<i64>) -> i64 {
    *days += 1;
    s.save_booking(Save {
        target: None,
        draft: draft(1 + *days % 3, staff, slot(*days, 8)),
        accepted: Vec::new(),
        reason: String::new(),
    })
    .expect("book")
    .id
}

/// A change as the console saves it; `false` when refused (a clash).
fn change(s: &mut Store, id: i64, f: impl FnOnce(&mut BookingDraft)) -> bool {
    let b = s.booking(id).expect("booking");
    let mut d = BookingDraft::of(&b);
    f(&mut d);
    s.save_booking(Save {
        target: Some((id, b.version)),
        draft: d,
        accepted: Vec::new(),
        reason: String::new(),
    })
    .is_ok()
}

/// A job someone put in Anna's calendar from their phone.
fn phone_event(uid: &str, start: DateTime<Utc>) -> String {
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
         DTSTAMP:20261101T120000Z\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:Madsen vinduer\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
        stamp(start),
        stamp(start + chrono::Duration::hours(1)),
    )
}

fn instant(w: When) -> DateTime<Utc> {
    match w {
        When::At(t) => t,
        When::Day(d) => d.and_time(chrono::NaiveTime::MIN).and_utc(),
    }
}

#[test]
fn killed_syncs_keep_a_caldav_calendar_whole() {
    if Command::new("radicale")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        eprintln!(
            "skipped: `radicale` is not on PATH; the CalDAV kill test needs a real server \
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
    let (url, key, there) = (&anna.url, anna.key.clone(), &anna.there);
    // Someone else's device with Anna's calendar: puts jobs in by hand.
    let phone = Other::new("anna");
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
    let mut days = 0i64;
    let mut ids: Vec<i64> = (0..8)
        .map(|i| book(&mut s, &mut days, (i % 4 != 3).then_some(ANNA)))
        .collect();

    // How long a sync takes here, so the kills land inside one.
    let t = std::time::Instant::now();
    assert!(sync_cmd(&sb, &db, home).status().expect("sync").success());
    let mean_run = (t.elapsed().as_millis() as u64).max(20);
    assert_eq!(items().len(), 6, "Anna's jobs reached Radicale");

    let mut rng = Lcg(0xca1d_a520);
    let mut killed = 0;
    let mut i = 0;
    let mut last_notes: HashMap<i64, String> = HashMap::new();
    let mut last_place: HashMap<i64, String> = HashMap::new();
    let mut cancelled_here = BTreeSet::new();
    let mut deleted_there = BTreeSet::new();
    // What happened to each booking, in order, for a failure's message.
    let mut story: HashMap<i64, Vec<String>> = HashMap::new();
    let mut made_there = 0;
    while killed < KILLS {
        i += 1;
        assert!(i < 10 * KILLS, "the kills keep missing the syncs");
        // Here: notes, an hour later, to nobody or to Anna, cancelled, new;
        // the jobs made by hand there too.
        let live: Vec<i64> = s
            .bookings_between(slot(0, 0), slot(0, 0) + chrono::Duration::days(400))
            .expect("bookings")
            .into_iter()
            .filter(|b| b.is_active())
            .map(|b| b.id)
            .collect();
        if let Some(&id) = live.get(rng.next(live.len().max(1) as u64) as usize) {
            let note = format!("her {i}");
            if change(&mut s, id, |d| d.notes = note.clone()) {
                last_notes.insert(id, note);
            }
            match i % 9 {
                1 | 5 => {
                    change(&mut s, id, |d| {
                        d.start += chrono::Duration::hours(1);
                        d.end += chrono::Duration::hours(1);
                    });
                }
                3 | 7 => {
                    story
                        .entry(id)
                        .or_default()
                        .push(format!("{i}: reassigned here"));
                    change(&mut s, id, |d| {
                        d.staff_id = if d.staff_id.is_some() {
                            None
                        } else {
                            Some(ANNA)
                        }
                    });
                }
                8 => {
                    let b = s.booking(id).expect("booking");
                    s.cancel_booking(id, b.version, "aflyst").expect("cancel");
                    cancelled_here.insert(id);
                }
                _ => {}
            }
        }
        if i % 5 == 0 {
            ids.push(book(&mut s, &mut days, Some(ANNA)));
        }
        // There: a new place, a later time, a deletion, a job by hand.
        let mine: Vec<RemoteItem> = items()
            .into_iter()
            .filter(|it| it.booking.is_some())
            .collect();
        if let Some(it) = mine.get(rng.next(mine.len().max(1) as u64) as usize) {
            let booking: i64 = it
                .booking
                .as_deref()
                .and_then(|b| b.parse().ok())
                .expect("our booking");
            if i % 11 == 0 {
                rt.block_on(there.delete(&it.id, &it.version))
                    .expect("deleted there");
                deleted_there.insert(booking);
                story
                    .entry(booking)
                    .or_default()
                    .push(format!("{i}: deleted there"));
                // Deleted after its place changed: kept here ("mine"), it is
                // the booking as it is here, with or without that place.
                last_place.remove(&booking);
            } else if i % 3 == 0 {
                let place = format!("Der {i}");
                let mut w = ItemWrite::single(
                    &booking.to_string(),
                    it.content.clone(),
                    "Europe/Copenhagen",
                );
                w.properties = it.properties.clone();
                w.content.location = place.clone();
                rt.block_on(there.update(&it.id, &it.version, &w))
                    .expect("changed there");
                last_place.insert(booking, place);
                story
                    .entry(booking)
                    .or_default()
                    .push(format!("{i}: place there"));
            } else if i % 4 == 2 {
                // Half an hour later there.
                let later = |w: When| When::At(instant(w) + chrono::Duration::minutes(30));
                let mut w = ItemWrite::single(
                    &booking.to_string(),
                    it.content.clone(),
                    "Europe/Copenhagen",
                );
                w.properties = it.properties.clone();
                w.content.start = later(it.content.start);
                w.content.end = later(it.content.end);
                rt.block_on(there.update(&it.id, &it.version, &w))
                    .expect("moved there");
            }
        }
        if i % 7 == 0 {
            made_there += 1;
            days += 1;
            let uid = format!("phone-{i}");
            let status = rt.block_on(phone.put(
                &format!("{url}{uid}.ics"),
                &phone_event(&uid, slot(days, 13)),
            ));
            assert!(matches!(status, 200 | 201 | 204), "PUT: {status}");
        }
        let mut child = sync_cmd(&sb, &db, home).spawn().expect("sync");
        std::thread::sleep(Duration::from_millis(rng.next(mean_run * 2)));
        if child.try_wait().expect("wait").is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(killed >= KILLS, "only {killed} kills landed during a sync");

    // Left alone, it finishes; a deletion there against a change here is
    // settled by the dispatcher keeping theirs.
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
    assert!(s.sync_conflicts().expect("conflicts").is_empty());

    let s = open();
    let all = s
        .bookings_between(
            slot(0, 0) - chrono::Duration::days(30),
            slot(0, 0) + chrono::Duration::days(400),
        )
        .expect("bookings");
    assert_eq!(
        all.len(),
        ids.len() + made_there,
        "bookings: each made once, each job made there taken in once"
    );
    for b in &all {
        if !b.is_active() {
            assert!(
                cancelled_here.contains(&b.id) || deleted_there.contains(&b.id),
                "booking #{} cancelled though nobody cancelled it: {}",
                b.id,
                b.cancel_reason
            );
        }
    }
    let active: BTreeMap<i64, _> = all
        .iter()
        .filter(|b| b.is_active())
        .map(|b| (b.id, b))
        .collect();

    // Radicale: each item one of Anna's bookings, each of hers once.
    let links: BTreeMap<String, i64> = s
        .google_links(&key)
        .expect("links")
        .into_iter()
        .filter(|l| !l.gone)
        .map(|l| (l.event_id, l.booking_id))
        .collect();
    let mut seen = BTreeSet::new();
    for it in items() {
        let booking = *links
            .get(&it.id.0)
            .unwrap_or_else(|| panic!("an item in Radicale with no booking: {it:?}"));
        assert!(seen.insert(booking), "two items for booking #{booking}");
        let b = active
            .get(&booking)
            .unwrap_or_else(|| panic!("an item in Radicale for a cancelled booking: {it:?}"));
        assert_eq!(b.staff_id, Some(ANNA), "{it:?}");
        assert_eq!(instant(it.content.start), b.start, "booking #{booking}");
        assert_eq!(instant(it.content.end), b.end, "booking #{booking}");
        assert_eq!(it.content.description, b.notes, "booking #{booking}");
    }
    let annas: BTreeSet<i64> = active
        .values()
        .filter(|b| b.staff_id == Some(ANNA))
        .map(|b| b.id)
        .collect();
    assert_eq!(seen, annas, "Anna's bookings and Radicale's items");

    // Google's shared calendar: the jobs of nobody yet, once each.
    let events = sb.admin(reqwest::Method::GET, &events_path, None);
    let live: Vec<&Value> = events["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|e| e["status"] != "cancelled")
        .collect();
    let google: BTreeMap<String, i64> = s
        .google_links(renos::sandbox::CALENDAR_ID)
        .expect("links")
        .into_iter()
        .filter(|l| !l.gone)
        .map(|l| (l.event_id, l.booking_id))
        .collect();
    let mut unassigned = BTreeSet::new();
    for ev in &live {
        let id = ev["id"].as_str().expect("id");
        let booking = *google
            .get(id)
            .unwrap_or_else(|| panic!("event {id} has no booking"));
        assert!(unassigned.insert(booking), "two events for #{booking}");
        let b = active
            .get(&booking)
            .unwrap_or_else(|| panic!("an event for a cancelled booking: {ev}"));
        assert_eq!(b.staff_id, None, "{ev}");
    }
    let nobody: BTreeSet<i64> = active
        .values()
        .filter(|b| b.staff_id.is_none())
        .map(|b| b.id)
        .collect();
    assert_eq!(
        unassigned, nobody,
        "unassigned bookings and Google's events"
    );

    // The last edits of both sides arrived.
    for (id, b) in &active {
        if let Some(n) = last_notes.get(id) {
            assert_eq!(&b.notes, n, "booking #{id} lost its last edit");
        }
        if let Some(p) = last_place.get(id) {
            assert_eq!(
                &b.address,
                p,
                "booking #{id} lost the calendar's edit: {:?}",
                story.get(id)
            );
        }
    }
}
