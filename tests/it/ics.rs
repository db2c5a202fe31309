//! Calendars in and out: `renos ics export` / `renos ics import`, with the
//! files calcurse and khal really write, and through the real tools.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, TimeZone, Utc};
use common::{NOW, renos};
use renos::clock::Clock;
use renos::config::Settings;
use renos::domain::{Booking, BusinessTz};
use renos::engine::export::{IcsExport, export_ics};
use renos::engine::import::{IcsImport, Quiet, import_ics};
use renos::store::{NewStaff, Store};
use serde_json::Value;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .expect("now")
        .with_timezone(&Utc)
}

fn open(path: &Path) -> Store {
    Store::open(path, "dispatcher", Clock::Fixed(now()))
        .expect("store")
        .with_tz(BusinessTz::default())
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/ics")
        .join(name)
}

/// Everything a booking holds, with customer and cleaner by name (ids differ
/// between databases).
fn described(store: &Store) -> BTreeMap<(DateTime<Utc>, String, String), Value> {
    let staff: BTreeMap<i64, String> = store
        .staff()
        .expect("staff")
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let all = store
        .bookings_between(
            Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
                .single()
                .expect("t"),
            Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0)
                .single()
                .expect("t"),
        )
        .expect("bookings");
    let mut out = BTreeMap::new();
    for b in all {
        let c = store.customer(b.customer_id).expect("customer");
        let staff = b.staff_id.map(|s| staff[&s].clone()).unwrap_or_default();
        let Booking {
            id: _,
            customer_id: _,
            staff_id: _,
            version: _,
            ..
        } = b.clone();
        let mut v = serde_json::to_value(&b).expect("json");
        for k in ["id", "customer_id", "staff_id", "version"] {
            v.as_object_mut().expect("object").remove(k);
        }
        v["customer"] = Value::from(format!(
            "{} <{}> {} / {}",
            c.name, c.email, c.phone, c.address
        ));
        v["staff"] = Value::from(staff.clone());
        let clash = out.insert((b.start, staff, c.name.clone()), v);
        assert!(
            clash.is_none(),
            "two bookings share start, cleaner and customer"
        );
    }
    out
}

fn export(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    export_ics(store, &mut out, &IcsExport::default()).expect("export");
    out
}

fn import(store: &mut Store, file: &Path, opts: &IcsImport) -> renos::engine::import::IcsReport {
    let r = import_ics(store, file, opts, &mut Quiet).expect("import");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    r
}

#[test]
fn export_then_import_is_lossless_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut a = open(&dir.path().join("a.db"));
    renos::engine::demo::seed(&mut a, &Settings::default(), now()).expect("seed");
    let file = dir.path().join("a.ics");
    std::fs::write(&file, export(&a)).expect("write");

    // Into a database with the same cleaners and nothing else.
    let mut b = open(&dir.path().join("b.db"));
    for s in a.staff().expect("staff") {
        b.add_staff(NewStaff {
            name: s.name,
            phone: s.phone,
            colour: s.colour,
            hours: s.hours,
            time_off: s.time_off,
        })
        .expect("staff");
    }
    let first = import(&mut b, &file, &IcsImport::default());
    let expected = described(&a);
    assert_eq!(first.counts.created as usize, expected.len());
    assert_eq!(
        described(&b),
        expected,
        "every field of every booking came back"
    );

    // The same file again, into either database: nothing changes.
    for store in [&mut a, &mut b] {
        let again = import(store, &file, &IcsImport::default());
        assert_eq!(
            (again.counts.created, again.counts.updated),
            (0, 0),
            "{again:?}"
        );
    }
    assert_eq!(described(&b), expected);
    // And b's own export imports into a as nothing new either.
    let file_b = dir.path().join("b.ics");
    std::fs::write(&file_b, export(&b)).expect("write");
    let c = import(&mut a, &file_b, &IcsImport::default());
    assert_eq!((c.counts.created, c.counts.updated), (0, 0), "{c:?}");
}

fn db_with_cleaners(dir: &Path, names: &[&str]) -> String {
    // A named database is made only in a folder that is there.
    std::fs::create_dir_all(dir).expect("folder");
    let db = dir.join("r.db").display().to_string();
    for n in names {
        let o = renos(dir, &["--db", &db, "--now", NOW, "staff", "add", n]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    db
}

fn run_json(dir: &Path, args: &[&str]) -> Value {
    let o = renos(dir, args);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "renos {args:?}: {out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn agenda(dir: &Path, db: &str, day: &str) -> Vec<Value> {
    let v = run_json(dir, &["--db", db, "--now", NOW, "agenda", day, "--json"]);
    v.as_array().expect("array").clone()
}

#[test]
fn a_calendar_written_by_calcurse_imports() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = db_with_cleaners(dir.path(), &["Maria"]);
    let f = fixture("calcurse-export.ics");
    let args = [
        "--db",
        &db,
        "--now",
        NOW,
        "ics",
        "import",
        f.to_str().expect("path"),
        "--staff",
        "Maria",
        "--from",
        "2026-10-01",
        "--json",
    ];
    let r = run_json(dir.path(), &args);
    // One all-day event, one single job, a weekly series 12/10–14/12 (10
    // dates: its visits are made from --from on).
    assert_eq!(r["series_events"], 1, "{r}");
    assert_eq!(r["created"], 12, "{r}");
    // No customer in the file is known: each is made from its event and
    // waits for review, as does the all-day event's missing time.
    assert_eq!(r["for_review"], 12, "{r}");
    assert_eq!(r["customers_created"], 3, "{r}");
    let day = agenda(dir.path(), &db, "2026-11-23");
    let job = day
        .iter()
        .find(|j| {
            j["customer"]
                .as_str()
                .is_some_and(|s| s.contains("Hovedrengøring"))
        })
        .unwrap_or_else(|| panic!("{day:?}"));
    assert_eq!(job["start"], "2026-11-23T09:00:00+01:00");
    assert_eq!(job["end"], "2026-11-23T11:30:00+01:00");
    assert_eq!(job["staff"], "Maria");
    // The weekly 08:00 stays 08:00 local on both sides of the October change.
    for d in ["2026-10-19", "2026-10-26", "2026-12-14"] {
        let day = agenda(dir.path(), &db, d);
        assert!(
            day.iter()
                .any(|j| j["start"].as_str().is_some_and(|s| s.contains("T08:00:00"))),
            "{d}: {day:?}"
        );
    }
    // No UIDs in calcurse's file, yet a second import finds every booking.
    let again = run_json(dir.path(), &args);
    assert_eq!(
        (again["created"].as_i64(), again["updated"].as_i64()),
        (Some(0), Some(0)),
        "{again}"
    );
}

#[test]
fn calendars_written_by_khal_import_with_their_zones_series_and_text() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = db_with_cleaners(dir.path(), &["Maria"]);
    for name in [
        "khal-timed.ics",
        "khal-allday.ics",
        "khal-weekly.ics",
        "khal-details.ics",
    ] {
        let f = fixture(name);
        let r = run_json(
            dir.path(),
            &[
                "--db",
                &db,
                "--now",
                NOW,
                "ics",
                "import",
                f.to_str().expect("path"),
                // The weekly series' visits from October on.
                "--from",
                "2026-10-01",
                "--json",
            ],
        );
        assert_eq!(r["failed"], 0, "{name}: {r}");
        assert!(r["created"].as_i64() >= Some(1), "{name}: {r}");
    }
    let day = agenda(dir.path(), &db, "2026-11-25");
    let job = day
        .iter()
        .find(|j| {
            j["address"]
                .as_str()
                .is_some_and(|a| a.contains("Strandvejen 12; 2900 Hellerup"))
        })
        .unwrap_or_else(|| panic!("{day:?}"));
    assert_eq!(job["start"], "2026-11-25T13:00:00+01:00");
    assert_eq!(
        job["staff"],
        Value::Null,
        "no attendee, no --staff: unassigned"
    );
    // The weekly series, before and after the change to winter time.
    for d in ["2026-10-19", "2026-11-02"] {
        let day = agenda(dir.path(), &db, d);
        assert!(
            day.iter()
                .any(|j| j["start"].as_str().is_some_and(|s| s.contains("T08:00:00"))),
            "{d}: {day:?}"
        );
    }
}

fn tool(name: &str) -> PathBuf {
    for dir in ["/usr/bin", "/usr/local/bin", "/bin"] {
        let p = Path::new(dir).join(name);
        if p.exists() {
            return p;
        }
    }
    panic!("{name} is not installed: `apt-get install khal calcurse` (scripts/test does it)");
}

#[test]
fn renos_export_survives_a_trip_through_calcurse() {
    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path();
    let db = home.join("a.db").display().to_string();
    let o = renos(home, &["--db", &db, "--now", NOW, "demo", "--no-console"]);
    assert!(o.status.success());
    let ics = home.join("day.ics");
    let o = renos(
        home,
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "ics",
            "export",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-20",
            "--staff",
            "Anna Jensen",
            ics.to_str().expect("path"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cal = home.join("calcurse");
    std::fs::create_dir_all(&cal).expect("dir");
    let run = |args: &[&str]| {
        let o = Command::new(tool("calcurse"))
            .args(["-D", cal.to_str().expect("path")])
            .args(args)
            .env("TZ", "Europe/Copenhagen")
            .env("HOME", home)
            .output()
            .expect("calcurse");
        assert!(
            o.status.success(),
            "calcurse {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        o.stdout
    };
    run(&["-i", ics.to_str().expect("path")]);
    let back = home.join("back.ics");
    std::fs::write(&back, run(&["-xical"])).expect("write");

    let before = agenda(home, &db, "2026-11-20");
    let maria: Vec<&Value> = before
        .iter()
        .filter(|j| j["staff"] == "Anna Jensen")
        .collect();
    assert!(!maria.is_empty());
    let fresh = db_with_cleaners(&home.join("fresh"), &["Anna Jensen"]);
    let r = run_json(
        &home.join("fresh"),
        &[
            "--db",
            &fresh,
            "--now",
            NOW,
            "ics",
            "import",
            back.to_str().expect("path"),
            "--staff",
            "Anna Jensen",
            "--json",
        ],
    );
    assert_eq!(r["created"].as_u64(), Some(maria.len() as u64), "{r}");
    let after = agenda(&home.join("fresh"), &fresh, "2026-11-20");
    let times = |v: &[&Value]| -> Vec<(String, String)> {
        let mut t: Vec<_> = v
            .iter()
            .map(|j| (j["start"].to_string(), j["end"].to_string()))
            .collect();
        t.sort();
        t
    };
    assert_eq!(times(&after.iter().collect::<Vec<_>>()), times(&maria));
}

#[test]
fn renos_export_imports_into_khal() {
    let dir = tempfile::tempdir().expect("tmp");
    let home = dir.path();
    let db = home.join("a.db").display().to_string();
    assert!(
        renos(home, &["--db", &db, "--now", NOW, "demo", "--no-console"])
            .status
            .success()
    );
    let ics = home.join("all.ics");
    let o = renos(
        home,
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "ics",
            "export",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-20",
            ics.to_str().expect("p"),
        ],
    );
    assert!(o.status.success());
    let vdir = home.join("cal");
    std::fs::create_dir_all(&vdir).expect("dir");
    let config = home.join("khal.conf");
    std::fs::write(
        &config,
        format!(
            "[calendars]\n[[work]]\npath = {}\ntype = calendar\n[locale]\nlocal_timezone = \
             Europe/Copenhagen\ndefault_timezone = Europe/Copenhagen\ntimeformat = %H:%M\n\
             dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n\
             longdatetimeformat = %Y-%m-%d %H:%M\n[default]\ndefault_calendar = work\n",
            vdir.display()
        ),
    )
    .expect("config");
    let khal = |args: &[&str]| {
        let o = Command::new(tool("khal"))
            .arg("-c")
            .arg(&config)
            .args(args)
            .env("TZ", "Europe/Copenhagen")
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("khal-data"))
            .output()
            .expect("khal");
        assert!(
            o.status.success(),
            "khal {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    khal(&["import", "--batch", ics.to_str().expect("p")]);
    let listed = khal(&[
        "list",
        "--format",
        "{start-time}-{end-time} {title}",
        "2026-11-20",
        "1d",
    ]);
    let day = agenda(home, &db, "2026-11-20");
    let lines = listed.lines().filter(|l| l.contains(" – ")).count();
    assert_eq!(lines, day.len(), "{listed}");
    for j in &day {
        let hm = |k: &str| {
            j[k].as_str()
                .map(|t| t[11..16].to_string())
                .unwrap_or_default()
        };
        let line = format!(
            "{}-{} {} – {}",
            hm("start"),
            hm("end"),
            j["customer"].as_str().unwrap_or(""),
            j["service"].as_str().unwrap_or("")
        );
        assert!(
            listed.contains(&line),
            "{line} missing in khal's list:\n{listed}"
        );
    }
}

#[test]
fn an_outlook_series_with_an_exception_and_an_override_imports_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = db_with_cleaners(dir.path(), &["Maria Hansen", "Ole Bach"]);
    let f = fixture("outlook-style.ics");
    let path = f.to_str().expect("path");
    let november = [
        "--db",
        &db,
        "--now",
        NOW,
        "ics",
        "import",
        path,
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--json",
    ];
    let r = run_json(dir.path(), &november);
    // Mondays and Thursdays, 8 dates from 19/10; 4 fall in November.
    assert_eq!(r["created"], 4, "{r}");
    assert_eq!(
        r["outside"], 2,
        "the summer job and the all-day closure: {r}"
    );
    assert_eq!(
        r["customers_created"], 1,
        "the override is the series' customer: {r}"
    );
    let moved = agenda(dir.path(), &db, "2026-11-05");
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(
        moved[0]["start"], "2026-11-05T13:00:00+01:00",
        "the override's time"
    );
    assert_eq!(
        moved[0]["staff"], "Maria Hansen",
        "ATTENDEE CN=\"Hansen, Maria\""
    );
    assert_eq!(moved[0]["service"], "Kontor", "the first category");

    // The whole file: October, the summer job and the all-day closure too.
    // The series' visits from October on, as the calendar has them.
    let all = [
        "--db",
        &db,
        "--now",
        NOW,
        "ics",
        "import",
        path,
        "--from",
        "2026-01-01",
        "--json",
    ];
    let r = run_json(dir.path(), &all);
    assert_eq!(
        (r["created"].as_i64(), r["skipped"].as_i64()),
        // October's three visits, the summer job and the closure; the
        // override again (November's other visits are the series' own).
        (Some(5), Some(1)),
        "{r}"
    );
    assert!(
        agenda(dir.path(), &db, "2026-10-29").is_empty(),
        "EXDATE 29/10"
    );
    let after_dst = agenda(dir.path(), &db, "2026-10-26");
    assert_eq!(
        after_dst[0]["start"], "2026-10-26T10:00:00+01:00",
        "10:00 local after the change"
    );
    let before_dst = agenda(dir.path(), &db, "2026-10-22");
    assert_eq!(before_dst[0]["start"], "2026-10-22T10:00:00+02:00");
    let closed = agenda(dir.path(), &db, "2026-06-05");
    assert_eq!(closed[0]["staff"], Value::Null, "no attendee: unassigned");
    let text = String::from_utf8_lossy(
        &renos(
            dir.path(),
            &["--db", &db, "--now", NOW, "agenda", "2026-06-05"],
        )
        .stdout,
    )
    .into_owned();
    assert!(text.contains("Unassigned"), "{text}");
    let stats = run_json(dir.path(), &["--db", &db, "stats", "--json"]);
    assert_eq!(
        stats["bookings"]["unassigned"], 2,
        "closure and summer job: {stats}"
    );
    assert_eq!(stats["bookings"]["for_review"].as_i64(), Some(9), "{stats}");

    // Once more: nothing changes.
    let again = run_json(dir.path(), &all);
    assert_eq!(
        (again["created"].as_i64(), again["updated"].as_i64()),
        (Some(0), Some(0)),
        "{again}"
    );
    // The override, the summer job and the closure (the series' own
    // visits are the series', not counted).
    assert_eq!(again["skipped"], 3);
}

/// An event that ends before it starts is said as such (not as "no end
/// time"), and waits for review with an hour assumed.
#[test]
fn an_end_before_the_start_is_named_as_such() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("back.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n\
         UID:back-1@test\r\nDTSTART:20261207T100000Z\r\nDTEND:20261207T090000Z\r\n\
         SUMMARY:Rengøring hos Hansen\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("ics");
    let db = dir.path().join("r.db");
    let out = renos(
        dir.path(),
        &[
            "--db",
            &db.display().to_string(),
            "--now",
            NOW,
            "ics",
            "import",
            &file.display().to_string(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let store = Store::open(&db, "t", Clock::System).expect("open");
    let b = store
        .bookings_between(
            Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0)
                .single()
                .expect("t"),
            Utc.with_ymd_and_hms(2026, 12, 8, 0, 0, 0)
                .single()
                .expect("t"),
        )
        .expect("bookings");
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(
        b[0].review.contains("the end is before the start"),
        "{}",
        b[0].review
    );
    assert_eq!((b[0].end - b[0].start).num_minutes(), 60);
}

/// A calendar of `(uid, start, summary, categories)`, two hours each.
fn titled(events: &[(&str, &str, &str, &str)]) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for (uid, start, summary, categories) in events {
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{uid}@test\r\nDTSTART:{start}00Z\r\nDURATION:PT2H\r\n\
             SUMMARY:{summary}\r\n"
        ));
        if !categories.is_empty() {
            out.push_str(&format!("CATEGORIES:{categories}\r\n"));
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// An old calendar's titles hold the service and the customer in one line:
/// a part naming a service the business books is the service, the rest the
/// customer, made once and found again beside another service.
#[test]
fn an_imported_title_tells_the_service_from_the_customer() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir.path().join("t.db"));
    // The business books window cleaning and regular cleaning.
    let known = dir.path().join("known.ics");
    std::fs::write(
        &known,
        titled(&[
            ("k1", "20261201T0800", "Hansen", "Vinduespudsning"),
            ("k2", "20261201T1100", "Hansen", "Fast rengøring"),
        ]),
    )
    .expect("ics");
    import(&mut store, &known, &IcsImport::default());
    let old = dir.path().join("old.ics");
    std::fs::write(
        &old,
        titled(&[
            ("o1", "20261202T0800", "Vinduespudsning - Lars Bach", ""),
            ("o2", "20261203T0800", "Lars Bach – fast rengøring", ""),
            ("o3", "20261204T0800", "Ny kunde: Trappevask Vesterbro", ""),
        ]),
    )
    .expect("ics");
    let r = import(&mut store, &old, &IcsImport::default());
    assert_eq!(r.customers_created, 2, "{r:?}");
    let seen = described(&store);
    let of = |day: u32| {
        let at = Utc
            .with_ymd_and_hms(2026, 12, day, 8, 0, 0)
            .single()
            .expect("t");
        let ((_, _, customer), v) = seen
            .iter()
            .find(|((t, _, _), _)| *t == at)
            .expect("booking");
        let service = v["service"].as_str().unwrap_or_default().to_string();
        (customer.clone(), service)
    };
    assert_eq!(of(2), ("Lars Bach".into(), "Vinduespudsning".into()));
    assert_eq!(of(3), ("Lars Bach".into(), "Fast rengøring".into()));
    assert_eq!(of(4), ("Trappevask Vesterbro".into(), "Rengøring".into()));
}
