//! `renos invoice`, `renos invoices --poll` and `renos alerts --check`
//! killed with SIGKILL at random moments, over and over, against a sandbox
//! process that keeps its state; then left to finish. No booking may be
//! invoiced twice, and every alert must be placed exactly once: Twilio has
//! no idempotency key, so an alert whose attempt was cut short is looked
//! for at Twilio before it is sent again.

use crate::common;
use crate::office_env;

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use common::Lcg;
use common::sandbox::SandboxProcess;
use renos::clock::Clock;
use renos::domain::BusinessTz;
use renos::domain::alert::{AlertKind, Priority};
use renos::store::{Channel, NewAlert, Store};
use serde_json::{Value, json};

const KILLS: usize = 50;
const BOOKINGS: usize = 24;
const ALERTS: usize = 16;

fn cmd(
    sb: &SandboxProcess,
    db: &std::path::Path,
    home: &std::path::Path,
    args: &[&str],
) -> Command {
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
        .env("RENOS_ON_CALL", "+4512345678")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in &sb.env {
        c.env(k, v);
    }
    c
}

#[test]
fn killed_invoicing_and_alerting_invoice_once_and_lose_no_alert() {
    let _alone = common::alone();
    let dir = tempfile::tempdir().expect("tmp");
    let sb = SandboxProcess::start(dir.path());
    // A little latency widens the windows between request and commit.
    sb.admin(
        reqwest::Method::PUT,
        "/admin/billy/faults",
        Some(json!({"latency_ms": 15})),
    );
    sb.admin(
        reqwest::Method::PUT,
        "/admin/twilio/faults",
        Some(json!({"latency_ms": 15})),
    );
    let db = dir.path().join("renos.db");
    let open = || {
        Store::open(&db, "mette", Clock::System)
            .expect("store")
            .with_tz(BusinessTz::default())
    };
    let mut s = open();
    let mut bookings = Vec::new();
    for name in ["Hansen", "Jensen", "Madsen"] {
        let seeded = office_env::seed(&mut s, name);
        for i in 0..BOOKINGS / 3 {
            let start = Utc::now() - chrono::Duration::days(1 + i as i64);
            bookings.push(office_env::finished(
                &mut s,
                &seeded,
                start,
                chrono::Duration::minutes(60 + 15 * i as i64),
            ));
        }
    }
    let mut messages = HashMap::new();
    for n in 0..ALERTS {
        let booking = bookings[n % bookings.len()];
        let message = format!("Prøvealarm nummer {n}");
        let rec = s
            .raise_alert(&NewAlert {
                booking_id: booking,
                kind: AlertKind::Manual,
                threshold: String::new(),
                channel: Channel::Voice,
                to: "+4512345678".into(),
                message: message.clone(),
                priority: Priority::High,
            })
            .expect("alert")
            .expect("raised");
        messages.insert(message, rec.id);
    }

    // How long a run takes here, so the kills land inside one.
    let t = std::time::Instant::now();
    let first = bookings[0].to_string();
    assert!(
        cmd(&sb, &db, dir.path(), &["invoice", &first, "--approve"])
            .status()
            .expect("invoice")
            .success()
    );
    let mean_run = (t.elapsed().as_millis() as u64).max(40);

    let mut rng = Lcg(0x0ff1_ce26);
    let mut killed = 0;
    let mut i = 0;
    while killed < KILLS {
        i += 1;
        assert!(i < 10 * KILLS, "the kills keep missing the runs");
        let booking = bookings[rng.next(bookings.len() as u64) as usize].to_string();
        let args: Vec<&str> = match rng.next(4) {
            0 | 1 => vec!["invoice", &booking, "--approve"],
            2 => vec!["invoices", "--poll"],
            _ => vec!["alerts", "--check"],
        };
        let mut child = cmd(&sb, &db, dir.path(), &args).spawn().expect("spawn");
        std::thread::sleep(Duration::from_millis(rng.next(mean_run * 2)));
        if child.try_wait().expect("wait").is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(killed >= KILLS, "only {killed} kills landed during a run");

    // Left alone, everything asked for goes through.
    for _ in 0..3 {
        let _ = cmd(&sb, &db, dir.path(), &["invoices", "--poll"]).status();
        let _ = cmd(&sb, &db, dir.path(), &["alerts", "--check"]).status();
    }
    let s = open();
    let invoices = sb.admin(reqwest::Method::GET, "/admin/billy/invoices", None);
    let invoices = invoices
        .as_array()
        .or_else(|| invoices["invoices"].as_array())
        .cloned()
        .expect("invoices");
    let mut per_reference: HashMap<String, usize> = HashMap::new();
    for inv in &invoices {
        let r = inv["contactMessage"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        *per_reference.entry(r).or_default() += 1;
    }
    let mut asked = 0;
    for id in &bookings {
        let Some(rec) = s.invoice(*id).expect("read") else {
            continue;
        };
        asked += 1;
        assert_eq!(
            per_reference.get(&rec.reference).copied().unwrap_or(0),
            1,
            "booking #{id}: exactly one invoice in Billy"
        );
        assert!(rec.invoice_no.is_some(), "booking #{id} approved: {rec:?}");
    }
    assert!(asked > 5, "only {asked} bookings were invoiced");
    assert_eq!(
        invoices.len(),
        asked,
        "no invoice in Billy without a booking"
    );

    let calls = sb.admin(reqwest::Method::GET, "/admin/twilio/calls", None);
    let calls: Vec<Value> = calls
        .as_array()
        .or_else(|| calls["calls"].as_array())
        .cloned()
        .expect("calls");
    let mut per_message: HashMap<String, usize> = HashMap::new();
    for c in &calls {
        *per_message
            .entry(c["say"].as_str().unwrap_or_default().to_string())
            .or_default() += 1;
    }
    for (message, id) in &messages {
        let n = per_message.get(message).copied().unwrap_or(0);
        assert_eq!(n, 1, "alert #{id} ({message}) placed {n} times");
        let rec = s.alert(*id).expect("alert");
        assert_eq!(rec.state, renos::store::AlertState::Sent, "{rec:?}");
    }
}

const MONTH_KILLS: usize = 30;

/// `renos invoice --customer NAME --month 2026-10 --approve` killed at random
/// moments, over and over, while finished visits keep coming in; then left
/// to finish. Each monthly invoice is made once in Billy with a line per
/// visit it claimed, and every visit of the month is on exactly one invoice.
#[test]
fn killed_monthly_invoicing_makes_each_invoice_once_with_all_its_visits() {
    let _alone = common::alone();
    let dir = tempfile::tempdir().expect("tmp");
    let sb = SandboxProcess::start(dir.path());
    sb.admin(
        reqwest::Method::PUT,
        "/admin/billy/faults",
        Some(json!({"latency_ms": 15})),
    );
    let db = dir.path().join("renos.db");
    let open = || {
        Store::open(&db, "mette", Clock::System)
            .expect("store")
            .with_tz(BusinessTz::default())
    };
    let october = |day: u32| {
        chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 10, day, 7, 0, 0)
            .single()
            .expect("t")
    };
    let mut s = open();
    let names = ["Hansen", "Jensen", "Madsen"];
    let mut customers = Vec::new();
    let mut day = 1;
    for name in names {
        let seeded = office_env::seed(&mut s, name);
        for _ in 0..4 {
            office_env::finished(&mut s, &seeded, october(day), chrono::Duration::hours(2));
            day += 1;
        }
        customers.push(seeded);
    }
    let run = |name: &str| {
        cmd(
            &sb,
            &db,
            dir.path(),
            &[
                "invoice",
                "--customer",
                name,
                "--month",
                "2026-10",
                "--approve",
            ],
        )
    };

    let t = std::time::Instant::now();
    assert!(run("Hansen").status().expect("run").success());
    let mean_run = (t.elapsed().as_millis() as u64).max(40);

    let mut rng = Lcg(0x0c70_2026);
    let mut killed = 0;
    let mut i = 0;
    while killed < MONTH_KILLS {
        i += 1;
        assert!(i < 10 * MONTH_KILLS, "the kills keep missing the runs");
        let who = rng.next(names.len() as u64) as usize;
        if i % 4 == 0 && day < 31 {
            // A visit finished late: the next run invoices it on its own monthly invoice.
            office_env::finished(
                &mut s,
                &customers[who],
                october(day),
                chrono::Duration::hours(1),
            );
            day += 1;
        }
        let mut child = run(names[who]).spawn().expect("spawn");
        std::thread::sleep(Duration::from_millis(rng.next(mean_run * 2)));
        if child.try_wait().expect("wait").is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }

    // Left alone, everything asked for goes through.
    for _ in 0..2 {
        for name in names {
            let _ = run(name).status();
        }
        let _ = cmd(&sb, &db, dir.path(), &["invoices", "--poll"]).status();
    }
    let s = open();
    let all = sb.admin(reqwest::Method::GET, "/admin/billy/invoices", None);
    let remote = all["invoices"].as_array().cloned().expect("invoices");
    let lines = all["invoiceLines"].as_array().cloned().expect("lines");
    let mut per_reference: HashMap<String, Vec<String>> = HashMap::new();
    for inv in &remote {
        per_reference
            .entry(
                inv["contactMessage"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
            .or_default()
            .push(inv["id"].as_str().unwrap_or_default().to_string());
    }
    let mut local = 0;
    for c in &customers {
        for rec in s
            .monthly_invoices(c.customer, "2026-10".parse().expect("month"))
            .expect("read")
        {
            local += 1;
            let ids = per_reference
                .get(&rec.reference)
                .cloned()
                .unwrap_or_default();
            assert_eq!(ids.len(), 1, "invoice {} made {} times", rec.id, ids.len());
            let n = lines
                .iter()
                .filter(|l| l["invoiceId"] == ids[0].as_str())
                .count();
            assert_eq!(n as i64, rec.visits, "{rec:?}");
            assert!(rec.invoice_no.is_some(), "approved: {rec:?}");
        }
    }
    assert_eq!(remote.len(), local, "no invoice in Billy without a claim");
    // Every finished visit of the month is on an invoice.
    for c in &customers {
        let (from, to) = "2026-10"
            .parse::<renos::domain::month::Month>()
            .expect("month")
            .bounds(BusinessTz::default());
        for b in s.finished_visits(c.customer, from, to).expect("visits") {
            assert!(
                s.invoice(b.id).expect("read").is_some(),
                "#{} left out",
                b.id
            );
        }
    }
}
