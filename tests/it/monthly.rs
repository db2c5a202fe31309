//! Monthly invoices: a customer's finished visits of a month on one Billy
//! invoice, a line each; a visit on one invoice, ever (alone or in a month,
//! also when two runs race); a lost answer found again; and invoices made
//! before invoices had lines keep showing after the migration.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::office_env;

use chrono::{DateTime, Duration, TimeZone, Utc};
use office_env::*;
use renos::domain::month::Month;
use renos::engine::billing;
use renos::engine::delivery::Delivery;
use renos::sandbox::{self, BillyFaults};
use renos::store::{BILLY_INVOICE, InvoiceStage, Store};
use renos::words::news;
use serde_json::Value;

fn nov() -> Month {
    "2026-11".parse().expect("month")
}

/// 2026-11-`d` at `h`:00 UTC.
fn day(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0)
        .single()
        .expect("time")
}

/// Four finished visits of November (3 h, 2 h 50 min, 2 h, 1 h), one of them
/// just after midnight of 1 November in Copenhagen (still October in UTC);
/// plus one just after midnight of 1 December, one not finished and one of
/// another customer, none of which belong on the invoice.
fn month_of_visits(store: &mut Store, s: &Seeded) -> Vec<i64> {
    let first = Utc
        .with_ymd_and_hms(2026, 10, 31, 23, 30, 0)
        .single()
        .expect("t");
    let ids = vec![
        finished(store, s, first, Duration::hours(3)),
        finished(store, s, day(3, 7), Duration::minutes(170)),
        finished(store, s, day(10, 7), Duration::hours(2)),
        finished(store, s, day(17, 7), Duration::hours(1)),
    ];
    let december = Utc
        .with_ymd_and_hms(2026, 11, 30, 23, 30, 0)
        .single()
        .expect("t");
    finished(store, s, december, Duration::hours(2));
    job(store, s, day(20, 7), 120, false);
    let other = seed(store, "Nabo");
    finished(store, &other, day(10, 12), Duration::hours(2));
    ids
}

fn lines_of(env: &Env, billy_id: &str) -> Vec<Value> {
    env.sandbox
        .billy()
        .invoice_lines()
        .into_iter()
        .filter(|l| l["invoiceId"].as_str() == Some(billy_id))
        .collect()
}

#[test]
fn a_month_of_visits_becomes_one_billy_invoice_with_a_line_each() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Hansen");
    let ids = month_of_visits(&mut store, &s);

    let q = billing::quote_month(&store, &env.settings, s.customer, nov()).expect("quote");
    let quoted: Vec<i64> = q.visits.iter().map(|v| v.booking.id).collect();
    assert_eq!(quoted, ids, "the month's finished visits, by date");
    // 3 h + 3 h (2 h 50 rounded up) + 2 h + 1 h at 349 kr: 3,141 kr + moms.
    assert_eq!(q.net_ore(), 314_100);
    assert_eq!(q.gross_ore(), 392_625);
    assert_eq!(
        news::month_question(
            renos::i18n::Language::En.words(),
            "Hansen",
            nov(),
            q.visits.len(),
            q.gross_ore()
        ),
        "Invoice Hansen for November: 4 visits, 3.926,25 kr?"
    );
    assert_eq!(
        billing::month_description(&q, renos::i18n::Language::Da.words()),
        "Rengøring november 2026 (4 besøg)"
    );

    let claim = billing::request_month(&mut store, &env.settings, &q, false).expect("request");
    assert!(claim.left_out.is_empty());
    let rec = claim.invoice.expect("an invoice");
    assert_eq!(
        (rec.visits, rec.month, rec.booking_id),
        (4, Some(nov()), None)
    );
    let client = billing::client(&env.settings).expect("client");
    let d = rt()
        .block_on(billing::deliver_invoice(
            &mut store,
            &client,
            &env.settings,
            rec.id,
        ))
        .expect("deliver");
    assert!(d.retrying.is_empty() && d.refused.is_empty(), "{d:?}");
    assert!(
        news::delivery(renos::i18n::Language::En.words(), &d.done[0])
            .starts_with("Monthly draft invoice for Hansen (November 2026, 4 visits): 3.926,25 kr"),
        "{}",
        news::delivery(renos::i18n::Language::En.words(), &d.done[0])
    );

    // Billy has one invoice, with a line per visit: date, service, billed
    // time and amount as a single visit's invoice has them.
    let remote = env.sandbox.billy().invoices();
    assert_eq!(remote.len(), 1, "{remote:#?}");
    assert_eq!(
        remote[0]["contactMessage"].as_str(),
        Some(rec.reference.as_str())
    );
    assert_eq!(remote[0]["amount"].as_f64(), Some(3141.0));
    let rec = store.invoice_by_id(rec.id).expect("read").expect("kept");
    assert_eq!(rec.stage, InvoiceStage::Draft);
    assert_eq!((rec.net_ore, rec.gross_ore), (314_100, 392_625));
    let lines = lines_of(&env, rec.billy_id.as_deref().expect("billy id"));
    let words: Vec<(&str, f64)> = lines
        .iter()
        .map(|l| {
            (
                l["description"].as_str().unwrap_or_default(),
                l["amount"].as_f64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        words,
        vec![
            ("Rengøring 1/11 (3 t), Østergade 12, 8000 Aarhus C", 1047.0),
            ("Rengøring 3/11 (3 t), Østergade 12, 8000 Aarhus C", 1047.0),
            ("Rengøring 10/11 (2 t), Østergade 12, 8000 Aarhus C", 698.0),
            ("Rengøring 17/11 (1 t), Østergade 12, 8000 Aarhus C", 349.0),
        ]
    );
    // Each visit knows its invoice.
    for id in &ids {
        assert_eq!(
            store.invoice(*id).expect("read").map(|r| r.id),
            Some(rec.id)
        );
    }

    // Approving the month through any of its visits, as the console's I does.
    store.request_approval(ids[2], false).expect("approve");
    rt().block_on(billing::deliver(
        &mut store,
        &client,
        &env.settings,
        Some(ids[2]),
    ))
    .expect("deliver");
    let rec = store.invoice_by_id(rec.id).expect("read").expect("kept");
    assert_eq!(rec.stage, InvoiceStage::Approved);
    assert!(rec.invoice_no.is_some());
    let journal = store
        .journal(Some(("monthly_invoice", rec.id)), 20)
        .expect("j");
    let actions: Vec<&str> = journal.iter().map(|e| e.action.as_str()).collect();
    for a in ["invoice.request", "invoice.create", "invoice.approve"] {
        assert!(actions.contains(&a), "{a}: {actions:?}");
    }
    let visit = store.journal(Some(("booking", ids[0])), 20).expect("j");
    assert!(
        visit.iter().any(|e| e.action == "invoice.claim"),
        "{visit:?}"
    );
}

#[test]
fn a_visit_is_invoiced_once_whether_alone_or_in_a_month() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Lund");
    let ids = month_of_visits(&mut store, &s);

    // One visit invoiced alone first: the month leaves it out.
    billing::request(&mut store, &env.settings, ids[1], false).expect("alone");
    let q = billing::quote_month(&store, &env.settings, s.customer, nov()).expect("quote");
    assert_eq!(q.visits.len(), 3);
    assert_eq!(q.invoiced.len(), 1);
    assert_eq!(q.invoiced[0].0.id, ids[1]);
    let month = billing::request_month(&mut store, &env.settings, &q, false)
        .expect("month")
        .invoice
        .expect("invoice");
    assert_eq!(month.visits, 3);

    // A visit of the month cannot be invoiced alone…
    let err = billing::request(&mut store, &env.settings, ids[0], false).expect_err("claimed");
    assert!(
        err.to_string().contains("already invoiced") && err.to_string().contains("monthly"),
        "{err}"
    );
    // …nor in another month's invoice, even from a quote made before.
    let again = billing::request_month(&mut store, &env.settings, &q, false).expect("again");
    assert_eq!(again.invoice, None);
    let mut left = again.left_out.clone();
    left.sort();
    let mut want = vec![ids[0], ids[2], ids[3]];
    want.sort();
    assert_eq!(left, want);
    let q = billing::quote_month(&store, &env.settings, s.customer, nov()).expect("quote");
    assert!(q.visits.is_empty());
    assert_eq!(q.invoiced.len(), 4);
    // The schema holds it too: a second line for a visit is refused.
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let twice = conn.execute(
        "INSERT INTO invoice_lines (booking_id, invoice_id, description, billed_min, rate_ore)
         VALUES (?1, ?2, 'x', 60, 100)",
        rusqlite::params![ids[0], month.id],
    );
    assert!(twice.is_err(), "a visit on two invoices");
}

#[test]
fn a_lost_answer_on_a_monthly_invoice_is_found_not_made_twice() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Holm");
    // The contact exists before: the retry must search Billy for the month.
    let first = finished(&mut store, &s, day(2, 7), Duration::hours(1));
    billing::request(&mut store, &env.settings, first, true).expect("one");
    let client = billing::client(&env.settings).expect("client");
    rt().block_on(billing::deliver(&mut store, &client, &env.settings, None))
        .expect("deliver");
    let ids = month_of_visits(&mut store, &s);

    let q = billing::quote_month(&store, &env.settings, s.customer, nov()).expect("quote");
    assert_eq!(q.visits.len(), 4);
    let rec = billing::request_month(&mut store, &env.settings, &q, false)
        .expect("request")
        .invoice
        .expect("invoice");
    // Billy makes the invoice, then the answer is lost.
    env.sandbox.billy().set_faults(BillyFaults {
        drop_after: 1,
        fail_on: Some("POST /billy/v2/invoices".into()),
        ..BillyFaults::default()
    });
    let d = rt()
        .block_on(billing::deliver_invoice(
            &mut store,
            &client,
            &env.settings,
            rec.id,
        ))
        .expect("deliver");
    assert_eq!(d.retrying.len(), 1, "{d:?}");
    assert!(
        matches!(&d.retrying[0], Delivery::MonthlyInvoiceFailed { customer, .. } if customer == "Holm"),
        "{d:?}"
    );
    assert!(
        news::delivery(renos::i18n::Language::En.words(), &d.retrying[0])
            .starts_with("Monthly invoice for Holm (November 2026): Billy:")
    );
    let local = store.invoice_by_id(rec.id).expect("read").expect("kept");
    assert_eq!(local.stage, InvoiceStage::Pending);
    assert!(!local.error.is_empty());
    assert!(
        store
            .outbox_entry(BILLY_INVOICE, &rec.id.to_string())
            .expect("read")
            .is_some()
    );

    // Tried again (as the CLI does when run again): found, not made again.
    store.retry_invoice_of(rec.id).expect("retry");
    let d = rt()
        .block_on(billing::deliver_invoice(
            &mut store,
            &client,
            &env.settings,
            rec.id,
        ))
        .expect("deliver");
    assert!(d.retrying.is_empty() && d.refused.is_empty(), "{d:?}");
    let mine: Vec<Value> = env
        .sandbox
        .billy()
        .invoices()
        .into_iter()
        .filter(|i| i["contactMessage"].as_str() == Some(rec.reference.as_str()))
        .collect();
    assert_eq!(mine.len(), 1, "one Billy invoice for the month");
    let local = store.invoice_by_id(rec.id).expect("read").expect("kept");
    assert_eq!(local.stage, InvoiceStage::Draft);
    assert_eq!(local.billy_id.as_deref(), mine[0]["id"].as_str());
    assert_eq!(lines_of(&env, mine[0]["id"].as_str().expect("id")).len(), 4);
    let j = store
        .journal(Some(("monthly_invoice", rec.id)), 10)
        .expect("j");
    assert!(j.iter().any(|e| e.action == "invoice.found"), "{j:?}");
    assert_eq!(
        env.sandbox.billy().invoices().len(),
        2,
        "the single one and the month"
    );
    let _ = ids;
}

/// `renos` against the database at `db` and the sandbox's Billy, at the
/// office tests' `now`.
fn renos(env: &Env, home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_renos"));
    c.arg("--db")
        .arg(&env.db)
        .arg("--now")
        .arg(now().to_rfc3339())
        .args(args)
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("USER", "bo")
        .env("BILLY_API_KEY", sandbox::BILLY_API_KEY)
        .env("BILLY_ORGANIZATION_ID", sandbox::BILLY_ORGANIZATION_ID)
        .env("RENOS_BILLY_BASE_URL", env.sandbox.billy_base_url())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn two_runs_at_once_make_one_monthly_invoice() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    let ids = {
        let mut store = env.store();
        let s = seed(&mut store, "Kofoed");
        month_of_visits(&mut store, &s)
    };
    // Slow answers widen the window between the claim and Billy's answer.
    env.sandbox.billy().set_faults(BillyFaults {
        latency_ms: 150,
        ..BillyFaults::default()
    });
    let args = ["invoice", "--customer", "kofoed", "--month", "2026-11"];
    let runs: Vec<_> = (0..3)
        .map(|_| renos(&env, home.path(), &args).spawn().expect("run"))
        .collect();
    let outs: Vec<Output> = runs
        .into_iter()
        .map(|r| r.wait_with_output().expect("wait"))
        .collect();
    for o in &outs {
        assert!(o.status.success(), "{}", text(o));
    }
    let remote = env.sandbox.billy().invoices();
    assert_eq!(remote.len(), 1, "one invoice: {remote:#?}");
    let billy_id = remote[0]["id"].as_str().expect("id");
    assert_eq!(lines_of(&env, billy_id).len(), 4);
    let store = env.store();
    let month = store
        .monthly_invoices(
            store.invoice(ids[0]).expect("r").expect("inv").customer_id,
            nov(),
        )
        .expect("read");
    assert_eq!(month.len(), 1, "{month:?}");
    for id in &ids {
        assert_eq!(
            store.invoice(*id).expect("read").map(|r| r.id),
            Some(month[0].id)
        );
    }

    // Run again: nothing new to invoice, said in a sentence, exit 0.
    let o = renos(&env, home.path(), &args).output().expect("run");
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(
        t.contains("Nothing to invoice for Kofoed in November 2026"),
        "{t}"
    );
    assert!(t.contains("already invoiced"), "{t}");
    let o = renos(&env, home.path(), &[&args[..], &["--json"]].concat())
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{}", text(&o)));
    assert_eq!(v["month"], "2026-11");
    assert_eq!(v["invoices"].as_array().map(Vec::len), Some(1), "{v:#}");
    assert_eq!(v["invoices"][0]["visits"], 4);
    assert_eq!(v["invoices"][0]["payment"], "draft");
    let left = v["left_out"].as_array().cloned().unwrap_or_default();
    assert_eq!(left.len(), 4, "{v:#}");
    assert!(left.iter().all(|l| l["why"] == "invoiced"), "{v:#}");
    // A visit of the month asked for alone: its invoice is the month's, so
    // that one is shown (as for a visit invoiced before), and no other made.
    let o = renos(&env, home.path(), &["invoice", &ids[0].to_string()])
        .output()
        .expect("run");
    let t = text(&o);
    assert!(
        t.contains("Monthly draft invoice for Kofoed (November 2026, 4 visits)"),
        "{t}"
    );
    assert_eq!(env.sandbox.billy().invoices().len(), 1);
    // An ambiguous customer: the candidates, and nothing done.
    {
        let mut store = env.store();
        seed(&mut store, "Kofoed & Co");
        seed(&mut store, "Kofoed Rengøring");
    }
    let o = renos(
        &env,
        home.path(),
        &["invoice", "--customer", "kofo", "--month", "2026-11"],
    )
    .output()
    .expect("run");
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(
        t.contains("several customers") && t.contains("Kofoed & Co"),
        "{t}"
    );

    // `renos invoices` lists the month with its visit count.
    let o = renos(&env, home.path(), &["invoices"])
        .output()
        .expect("run");
    let t = text(&o);
    let row = t
        .lines()
        .find(|l| l.contains("2026-11"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(
        row.contains("Kofoed") && row.contains("3.926,25 kr"),
        "{row}"
    );
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[1], "4", "{row}");
}

#[test]
fn invoices_made_before_lines_keep_showing_after_the_migration() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    // A database at the version before invoices had lines.
    let before = renos::store::schema::MIGRATIONS
        .iter()
        .position(|m| m.contains("CREATE TABLE invoice_lines"))
        .expect("the migration");
    {
        let conn = rusqlite::Connection::open(&env.db).expect("open");
        for m in &renos::store::schema::MIGRATIONS[..before] {
            conn.execute_batch(m).expect("migrate");
        }
        conn.pragma_update(None, "user_version", before as i64)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO staff (id, name, hours, updated_at, updated_by)
               VALUES (1, 'Anna', 'mon-sun 06:00-22:00', 0, 'x');
             INSERT INTO customers (id, name, updated_at, updated_by) VALUES (3, 'Bager Hansen', 0, 'x');
             INSERT INTO bookings (id, customer_id, staff_id, service, start_at, end_at,
               estimate_min, status, started_at, finished_at, updated_at, updated_by)
             VALUES (7, 3, 1, 'Rengøring', 1794207600, 1794218400, 180, 'completed',
               1794207600, 1794218400, 0, 'x'),
                    (9, 3, 1, 'Rengøring', 1794294000, 1794304800, 180, 'completed',
               1794294000, 1794304800, 0, 'x');
             INSERT INTO invoices (booking_id, reference, state, approve, email, billy_id,
               invoice_no, contact_id, description, billed_min, rate_ore, net_ore, vat_ore,
               gross_ore, balance_ore, paid, entry_date, terms_days, due_date, created_at,
               created_by, updated_at)
             VALUES (7, '[RenOS booking ab12-7]', 'approved', 1, 0, 'inv-1', '1042', 'c-1',
               'Rengøring 9/11 (3 t)', 180, 34900, 104700, 26175, 130875, 130875, 0,
               '2026-11-10', 8, '2026-11-18', 1794312000, 'mette', 1794312000),
                    (9, '[RenOS booking ab12-9]', 'pending', 0, 0, NULL, NULL, NULL,
               'Rengøring 10/11 (3 t)', 180, 34900, 104700, 26175, 130875, NULL, 0,
               '2026-11-11', 8, NULL, 1794398400, 'mette', 1794398400);
             INSERT INTO outbox (kind, key, next_at, created_at)
               VALUES ('billy.invoice', '9', 0, 1794398400);",
        )
        .expect("rows");
    }
    let o = renos(&env, home.path(), &["invoices"])
        .output()
        .expect("run");
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    let row = |b: &str| {
        t.lines()
            .find(|l| l.trim_start().starts_with(b))
            .unwrap_or_else(|| panic!("{b}: {t}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        row("#7"),
        "#7 1 1042 Bager Hansen 1.308,75 kr overdue 2026-11-18"
    );
    assert_eq!(row("#9"), "#9 1 pending Bager Hansen 1.308,75 kr pending");
    let o = renos(&env, home.path(), &["invoices", "--json"])
        .output()
        .expect("run");
    let list: Value = serde_json::from_slice(&o.stdout).expect("json");
    let seven = list
        .as_array()
        .and_then(|l| l.iter().find(|i| i["booking_id"] == 7))
        .expect("#7");
    assert_eq!(seven["invoice_no"], "1042");
    assert_eq!(seven["id"], 7);
    assert_eq!(seven["visits"], 1);
    assert_eq!(seven["month"], Value::Null);
    assert_eq!(seven["customer"], "Bager Hansen");
    assert_eq!(seven["gross_ore"], 130_875);

    // The queued entry still names its invoice; the visits stay claimed.
    let mut store = env.store();
    let waiting = store.invoice(9).expect("read").expect("invoice");
    assert_eq!(waiting.id, 9);
    assert!(
        store
            .outbox_entry(BILLY_INVOICE, &waiting.id.to_string())
            .expect("read")
            .is_some()
    );
    let err = billing::request(&mut store, &env.settings, 7, false).expect_err("claimed");
    assert!(err.to_string().contains("already invoiced"), "{err}");
    // A new invoice gets an id of its own, past the old ones.
    let s = Seeded {
        staff: 1,
        customer: 3,
    };
    let fresh = finished(&mut store, &s, day(12, 7), Duration::hours(1));
    let rec = billing::request(&mut store, &env.settings, fresh, false).expect("new");
    assert!(rec.id > 9, "{rec:?}");
}
