//! `renos slots`, `renos reassign` and the availability options of
//! `renos staff set`, run as a user would on the demo business.

use crate::common;

use common::{NOW, renos};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn demo_db(home: &std::path::Path) -> String {
    let db = home.join("r.db").display().to_string();
    let o = renos(home, &["--db", &db, "--now", NOW, "demo", "--no-console"]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

#[test]
fn slots_lists_ranked_cleaners_with_reasons() {
    let home = tempfile::tempdir().expect("tmp");
    let db = demo_db(home.path());
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str(), "--now", NOW];
        all.extend_from_slice(args);
        renos(home.path(), &all)
    };
    let o = run(&[
        "slots",
        "--duration",
        "3",
        "--days",
        "3",
        "--strategy",
        "least-busy",
        "--service",
        "Vinduespudsning",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let f: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let offers = f["offers"].as_array().expect("offers");
    assert!(!offers.is_empty(), "{f}");
    assert_eq!(offers[0]["rank"], 1);
    assert!(
        offers[0]["reason"]
            .as_str()
            .expect("reason")
            .contains("booked this week")
    );
    let left: Vec<&str> = f["left_out"]
        .as_array()
        .expect("left out")
        .iter()
        .filter(|l| l["why"] == "skill")
        .map(|l| l["name"].as_str().expect("name"))
        .collect();
    assert!(left.contains(&"Mikkel Sørensen"), "{f}");
    for o in offers {
        for s in o["slots"].as_array().expect("slots") {
            let start = chrono::DateTime::parse_from_rfc3339(s["start"].as_str().expect("s"))
                .expect("rfc3339");
            let end = chrono::DateTime::parse_from_rfc3339(s["end"].as_str().expect("e"))
                .expect("rfc3339");
            assert_eq!((end - start).num_minutes(), 180);
        }
    }
    let o = run(&["slots", "--duration", "2", "--staff", "Anna Jensen"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("1. Anna Jensen: asked for"), "{text}");
    let o = run(&["slots", "--duration", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--duration"), "{}", stderr(&o));
}

#[test]
fn staff_set_takes_availability_and_names_the_field_it_refuses() {
    let home = tempfile::tempdir().expect("tmp");
    let db = demo_db(home.path());
    let run = |args: &[&str]| {
        let mut all = vec![
            "--db",
            db.as_str(),
            "--now",
            NOW,
            "staff",
            "set",
            "Anna Jensen",
        ];
        all.extend_from_slice(args);
        renos(home.path(), &all)
    };
    let o = run(&[
        "--hours",
        "mon-fri 08:00-12:00,12:30-16:00",
        "--override",
        "2026-12-24 closed",
        "--skills",
        "Fast rengøring, Vinduespudsning",
        "--area",
        "8000-8270",
        "--contract-hours",
        "30",
        "--daily-max",
        "7.5",
        "--priority",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("mon-fri 08:00-12:00,12:30-16:00")
            && text.contains("30 h a week")
            && text.contains("at most 7.5 h a day"),
        "{text}"
    );
    let o = renos(
        home.path(),
        &[
            "--db",
            db.as_str(),
            "staff",
            "add",
            "Bo Brask",
            "--hours",
            "mon-fri 08:00-12:00,12:30-16:00",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("mon-fri 08:00-16:00"), "{}", stdout(&o));
    for (args, field) in [
        (&["--hours", "mon 08:00-12:00,11:00-13:00"][..], "--hours"),
        (&["--override", "2026-13-01 closed"][..], "--override"),
        (&["--area", "21"][..], "--area"),
        (&["--contract-hours", "lots"][..], "--contract-hours"),
        (&["--daily-max", "25"][..], "--daily-max"),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(field), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn reassign_lists_the_plan_and_applies_it_as_one_change() {
    let home = tempfile::tempdir().expect("tmp");
    let db = demo_db(home.path());
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str(), "--now", NOW];
        all.extend_from_slice(args);
        renos(home.path(), &all)
    };
    let args = [
        "reassign",
        "--staff",
        "Anna Jensen",
        "--from",
        "tomorrow",
        "--to",
        "2026-11-27",
    ];
    let o = run(&[&args[..], &["--json"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let plan: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let movable = plan["plan"]
        .as_array()
        .expect("plan")
        .iter()
        .filter(|r| !r["to"].is_null())
        .count();
    // Three jobs of the day's plan and a visit of the demo's weekly series
    // (it becomes an exception of its series when reassigned).
    assert_eq!(movable, 4, "{plan}");
    assert_eq!(plan["applied"], 0);
    let o = run(&[&args[..], &["--apply", "--json"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let done: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(done["applied"], movable);
    let o = run(&["journal", "--limit", "1"]);
    assert!(
        stdout(&o).contains("sick call: Anna Jensen"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn slots_for_a_customer_with_no_visits_says_it_goes_in_turn() {
    let home = tempfile::tempdir().expect("tmp");
    let db = demo_db(home.path());
    let csv = home.path().join("new.csv");
    std::fs::write(&csv, "Name,Email\nViggo Nyborg,viggo@example.dk\n").expect("csv");
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str(), "--now", NOW];
        all.extend_from_slice(args);
        renos(home.path(), &all)
    };
    let o = run(&["import", "customers", &csv.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["slots", "--duration", "2", "--customer", "Viggo Nyborg"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(
        text.matches("No visits of Viggo Nyborg yet: in turn")
            .count(),
        1,
        "{text}"
    );
    let o = run(&[
        "slots",
        "--duration",
        "2",
        "--customer",
        "Viggo Nyborg",
        "--json",
    ]);
    let f: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(f["no_history"], true, "{f}");
    // A customer with visits is ranked by their usual cleaner: nothing to say.
    let o = run(&["slots", "--duration", "2", "--customer", "Søren Østergaard"]);
    let text = stdout(&o);
    assert!(!text.contains("No visits"), "{text}");
}

/// `[slots]` in the config changes what `renos slots` offers: the grid the
/// slots start on and the minimum notice; `--grid` overrides the grid.
#[test]
fn slots_follow_the_configured_grid_and_notice() {
    let home = tempfile::tempdir().expect("tmp");
    let db = home.path().join("r.db").display().to_string();
    // One cleaner free all day, every day.
    let o = renos(
        home.path(),
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "staff",
            "add",
            "Anna Jensen",
            "--hours",
            "mon-sun 07:00-18:00",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let config = home.path().join("config.toml");
    // Every start offered today (local wall time), and the exit status.
    let starts = |slots: &str, extra: &[&str]| {
        std::fs::write(&config, format!("[slots]\n{slots}")).expect("config");
        let cfg = config.display().to_string();
        let mut all = vec!["--db", db.as_str(), "--now", NOW, "--config", cfg.as_str()];
        all.extend_from_slice(&[
            "slots",
            "--duration",
            "1",
            "--days",
            "1",
            "--per-cleaner",
            "100",
            "--json",
        ]);
        all.extend_from_slice(extra);
        let o = renos(home.path(), &all);
        assert!(o.status.success(), "{slots}: {}", stderr(&o));
        let f: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
        let mut list: Vec<String> = f["offers"]
            .as_array()
            .expect("offers")
            .iter()
            .flat_map(|o| o["slots"].as_array().expect("slots").clone())
            .map(|s| s["start"].as_str().expect("start")[11..16].to_string())
            .collect();
        list.sort();
        list.dedup();
        list
    };
    // Now is 11:02: without a minimum notice the quarter hours from 11:15.
    let soon = starts("min_notice_min = 0\n", &[]);
    assert_eq!(soon.first().map(String::as_str), Some("11:15"), "{soon:?}");
    // Two hours' notice on the half hours: from 13:30, never a quarter past.
    let half = starts("grid_min = 30\nmin_notice_min = 120\n", &[]);
    assert_eq!(half.first().map(String::as_str), Some("13:30"), "{half:?}");
    assert!(
        half.iter()
            .all(|t| t.ends_with(":00") || t.ends_with(":30"))
    );
    assert!(soon.iter().any(|t| t.ends_with(":15")), "{soon:?}");
    assert_ne!(soon, half);
    // --grid wins over the config.
    let hours = starts("grid_min = 30\nmin_notice_min = 120\n", &["--grid", "60"]);
    assert_eq!(
        hours.first().map(String::as_str),
        Some("14:00"),
        "{hours:?}"
    );
    assert!(hours.iter().all(|t| t.ends_with(":00")), "{hours:?}");
    // A grid that does not fit an hour is refused, naming the option or the key.
    let cfg = config.display().to_string();
    let run = |extra: &[&str]| {
        let mut all = vec!["--db", db.as_str(), "--now", NOW, "--config", cfg.as_str()];
        all.extend_from_slice(&["slots", "--duration", "1"]);
        all.extend_from_slice(extra);
        renos(home.path(), &all)
    };
    std::fs::write(&config, "").expect("config");
    let o = run(&["--grid", "7"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--grid"), "{}", stderr(&o));
    std::fs::write(&config, "[slots]\ngrid_min = 45\n").expect("config");
    let o = run(&[]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("config.toml") && e.contains("line 2") && e.contains("slots.grid_min"),
        "{e}"
    );
}
