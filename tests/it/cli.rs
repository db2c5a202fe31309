//! The non-interactive commands, run as a user would.

use crate::common;

use common::{NOW, renos};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A demo database in `home`; its path.
fn demo_db(home: &std::path::Path) -> String {
    let db = home.join("r.db").display().to_string();
    let o = renos(home, &["--db", &db, "--now", NOW, "demo", "--no-console"]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

#[test]
fn agenda_json_carries_the_promised_fields() {
    let home = tempfile::tempdir().expect("tmp");
    let db = demo_db(home.path());
    let o = renos(
        home.path(),
        &["--db", &db, "--now", NOW, "agenda", "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let items: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON array");
    let items = items.as_array().expect("array");
    assert_eq!(items.len(), 31);
    for i in items {
        for key in [
            "id",
            "staff",
            "customer",
            "start",
            "end",
            "status",
            "conflicts",
            "overtime_minutes",
        ] {
            assert!(i.get(key).is_some(), "{key} missing in {i}");
        }
        let start = i["start"].as_str().expect("start");
        assert!(
            chrono::DateTime::parse_from_rfc3339(start).is_ok() && start.ends_with("+01:00"),
            "{start}"
        );
    }
    let alert = items
        .iter()
        .find(|i| i["overtime_minutes"] == 122)
        .expect("the alert job, 122 minutes over at 11:02");
    assert_eq!(alert["status"], "in_progress");
    let doubles: Vec<_> = items
        .iter()
        .filter(|i| {
            i["conflicts"]
                .as_array()
                .is_some_and(|c| c.iter().any(|k| k == "double_booking"))
        })
        .collect();
    assert_eq!(
        doubles.len(),
        2,
        "both bookings of the double booking carry it"
    );
    assert!(
        items.iter().any(|i| i["staff"].is_null()),
        "the unassigned job"
    );

    let text = renos(
        home.path(),
        &["--db", &db, "--now", NOW, "agenda", "tomorrow"],
    );
    assert!(
        stdout(&text).starts_with("2026-11-21 (Saturday)"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn errors_are_one_line_and_exit_2() {
    let home = tempfile::tempdir().expect("tmp");
    let missing = home.path().join("nope.db").display().to_string();
    let o = renos(home.path(), &["--db", &missing, "agenda"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("no database") && stderr(&o).contains("renos demo"));
    assert!(
        !home.path().join("nope.db").exists(),
        "agenda must not create a database"
    );

    let o = renos(home.path(), &["--db", &missing, "agenda", "2026-02-30"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a date"), "{}", stderr(&o));

    let o = renos(home.path(), &["--now", "yesterday-ish", "agenda"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--now"), "{}", stderr(&o));

    let cfg = home.path().join("config.toml");
    std::fs::write(
        &cfg,
        "time_zone = \"Europe/Copenhagen\"\n[day]\nstart = \"7\"\n",
    )
    .expect("write");
    let o = renos(
        home.path(),
        &["--config", &cfg.display().to_string(), "agenda"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("config.toml") && stderr(&o).contains("day.start"),
        "{}",
        stderr(&o)
    );

    let theme = home.path().join("mine.toml");
    std::fs::write(&theme, "[styles]\nbooking = { fg = \"blurple\" }\n").expect("write");
    let db = home.path().join("t.db").display().to_string();
    let o = renos(
        home.path(),
        &["--db", &db, "--theme", &theme.display().to_string()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("mine.toml: line 2"), "{}", stderr(&o));
}

#[test]
fn staff_commands_manage_cleaners_and_are_journaled() {
    let home = tempfile::tempdir().expect("tmp");
    let db = home.path().join("s.db").display().to_string();
    let o = renos(
        home.path(),
        &[
            "--db",
            &db,
            "staff",
            "add",
            "Anna Jensen",
            "--phone",
            "+4521345678",
            "--hours",
            "mon-thu 07:00-15:00",
            "--time-off",
            "2026-12-24..2026-12-26:Jul",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = renos(
        home.path(),
        &[
            "--db",
            &db,
            "staff",
            "set",
            "anna jensen",
            "--hours",
            "mon-fri 08:00-16:00",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = renos(home.path(), &["--db", &db, "staff", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(list[0]["name"], "Anna Jensen");
    assert_eq!(list[0]["time_off"][0]["reason"], "Jul");
    let o = renos(home.path(), &["--db", &db, "staff", "list"]);
    assert!(stdout(&o).contains("mon-fri 08:00-16:00"), "{}", stdout(&o));
    let o = renos(
        home.path(),
        &[
            "--db",
            &db,
            "staff",
            "add",
            "Bo",
            "--hours",
            "mon-fri 16:00-08:00",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--hours") && stderr(&o).contains("end after"),
        "{}",
        stderr(&o)
    );
    let o = renos(
        home.path(),
        &["--db", &db, "staff", "remove", "Anna Jensen"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = renos(home.path(), &["--db", &db, "staff", "list"]);
    assert!(stdout(&o).contains("No cleaners yet"), "{}", stdout(&o));

    // Every change went into the journal with the acting Unix user: the
    // real login, whatever `$USER` (here "bo") says.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let rows: Vec<(String, String)> = conn
        .prepare("SELECT actor, action FROM journal ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let actions: Vec<&str> = rows.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(actions, ["staff.add", "staff.set", "staff.remove"]);
    let me = renos::config::login();
    assert!(rows.iter().all(|(who, _)| *who == me), "{rows:?}");
}

#[test]
fn demo_refuses_to_overwrite_without_force() {
    let home = tempfile::tempdir().expect("tmp");
    let db = home.path().join("d.db").display().to_string();
    assert!(
        renos(
            home.path(),
            &["--db", &db, "--now", NOW, "demo", "--no-console"]
        )
        .status
        .success()
    );
    let o = renos(
        home.path(),
        &["--db", &db, "--now", NOW, "demo", "--no-console"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    let o = renos(
        home.path(),
        &["--db", &db, "--now", NOW, "demo", "--no-console", "--force"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // Without --db every demo gets a fresh file of its own.
    let a = stdout(&renos(home.path(), &["demo", "--no-console"]));
    let b = stdout(&renos(home.path(), &["demo", "--no-console"]));
    assert!(a.contains("demo") && a != b, "{a} / {b}");
}

#[test]
fn demo_help_names_the_folder_its_databases_go_to() {
    let home = tempfile::tempdir().expect("tmp");
    let help = stdout(&renos(home.path(), &["demo", "--help"]));
    assert!(help.contains("renos/demo/"), "{help}");
    let o = renos(home.path(), &["demo", "--no-console"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let folder = home.path().join("data").join("renos").join("demo");
    assert!(
        stdout(&o).contains(&folder.display().to_string()),
        "{}",
        stdout(&o)
    );
}

#[test]
fn theme_is_offered_by_the_console_and_demo_only() {
    let home = tempfile::tempdir().expect("tmp");
    assert!(stdout(&renos(home.path(), &["--help"])).contains("--theme"));
    assert!(stdout(&renos(home.path(), &["demo", "--help"])).contains("--theme"));
    for cmd in ["agenda", "journal", "import", "sync"] {
        let help = stdout(&renos(home.path(), &[cmd, "--help"]));
        assert!(!help.contains("--theme"), "{cmd}: {help}");
    }
    let db = demo_db(home.path());
    let o = renos(home.path(), &["--db", &db, "--theme", "light", "agenda"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--theme is for the console"),
        "{}",
        stderr(&o)
    );
    for args in [
        ["--theme", "light", "demo", "--no-console", "--force"],
        ["demo", "--no-console", "--force", "--theme", "light"],
    ] {
        let mut all = vec!["--db", &db, "--now", NOW];
        all.extend(args);
        let o = renos(home.path(), &all);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_database_in_a_folder_that_is_not_there_is_refused_naming_it() {
    let home = tempfile::tempdir().expect("tmp");
    let typo = home.path().join("tpyo");
    let db = typo.join("renos.db").display().to_string();
    for args in [
        vec!["--db", db.as_str(), "staff", "add", "Anna"],
        vec!["--db", db.as_str()],
    ] {
        let o = renos(home.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains(&typo.display().to_string()) && err.contains("renos init"),
            "{err}"
        );
        assert!(!typo.exists(), "{args:?} made the folder");
    }
    // In a folder that is there, a command that makes a database makes it.
    let here = home.path().join("here.db").display().to_string();
    let o = renos(home.path(), &["--db", &here, "staff", "add", "Anna"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn journal_prints_who_changed_what_and_filters_by_booking() {
    let home = tempfile::tempdir().expect("tmp");
    let db = demo_db(home.path());
    // The login running the test (whatever `$USER`, "bo", says) changes a
    // cleaner's phone; the booking history stays the demo's.
    let o = renos(
        home.path(),
        &[
            "--db",
            &db,
            "staff",
            "set",
            "Anna Jensen",
            "--phone",
            "+4511223344",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = renos(home.path(), &["--db", &db, "journal", "--limit", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let me = format!(" {} ", renos::config::login());
    assert!(text.contains(&me) && text.contains("phone"), "{text}");
    assert!(text.contains("+4511223344"), "{text}");

    let o = renos(
        home.path(),
        &["--db", &db, "journal", "--booking", "3", "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let lines = lines.as_array().expect("array");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["entity_id"], 3);
    assert_eq!(lines[0]["actor"], "demo");
    assert_eq!(lines[0]["action"], "booking.add");
    assert!(
        lines[0]["changes"][0]
            .as_str()
            .expect("text")
            .starts_with("created: ")
    );
    // The words a dispatcher reads, and the typed fields beside them.
    let sentence = lines[0]["sentence"].as_str().expect("sentence");
    assert!(sentence.starts_with("demo booked #3 "), "{sentence}");
    assert_eq!(lines[0]["fields"][0]["field"], "customer");
    assert_eq!(lines[0]["fields"][0]["before"]["type"], "nothing");

    let o = renos(home.path(), &["--db", &db, "journal", "--booking", "99999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("#99999"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
}

/// A file that is not a database is named with what to do, once: no error
/// chain that says the same thing twice.
#[test]
fn a_file_that_is_not_a_database_is_said_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("notes.db");
    std::fs::write(&file, "not a database, just notes\n".repeat(100)).expect("write");
    let db = file.display().to_string();
    for args in [vec!["--db", &db, "agenda"], vec!["--db", &db, "journal"]] {
        let out = renos(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("is not a RenOS database"), "{err}");
        assert!(err.contains("check --db"), "{err}");
        assert_eq!(
            err.matches("database").count(),
            2,
            "once, and `database` in the config: {err}"
        );
    }
}

/// A cleaner's phone is kept as customers' are (E.164), however typed; a
/// number that is none is refused, naming it.
#[test]
fn staff_phones_are_kept_in_e164() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db").display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        renos(dir.path(), &all)
    };
    let out = run(&["staff", "add", "Anna Jensen", "--phone", "12 34 56 78"]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("+4512345678"), "{}", stdout(&out));
    let out = run(&["staff", "set", "Anna Jensen", "--phone", "0045 8765 4321"]);
    assert!(out.status.success(), "{out:?}");
    let out = run(&["staff", "add", "Bo Berg", "--phone", "call me"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("\"call me\" is not a phone number"),
        "{}",
        stderr(&out)
    );
    let out = run(&["staff", "list", "--json"]);
    let staff: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(staff[0]["phone"], "+4587654321", "{staff}");
    assert_eq!(staff.as_array().map(Vec::len), Some(1), "{staff}");
}

/// A reader that stops early ends the output quietly: no panic, nothing on
/// stderr.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo_db(dir.path());
    let bin = env!("CARGO_BIN_EXE_renos");
    for cmd in ["staff list", "agenda", "journal", "export customers -"] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' --db '{db}' {cmd} | true"))
            .env("RENOS_LANGUAGE", "en")
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .expect("sh");
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{cmd}: {err}");
        assert!(!err.contains("Broken pipe"), "{cmd}: {err}");
    }
}

/// A process that serves (here the sandbox; `serve`, the console's feed and
/// the demo alike) lives through SIGPIPE, which a socket written after its
/// peer hung up raises: a client going away mid-answer must not end it.
#[test]
fn a_hung_up_client_does_not_end_a_server() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("tmp");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_renos"))
        .args(["sandbox", "--dir"])
        .arg(dir.path())
        .env("RENOS_LANGUAGE", "en")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("sandbox");
    let out = child.stdout.take().expect("stdout");
    let started = BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.starts_with("export RENOS_SANDBOX_URL="));
    assert!(started, "the sandbox did not start");
    let pid = i32::try_from(child.id()).expect("pid");
    // SAFETY: a signal to our own child, which has not been waited for.
    let sent = unsafe { libc::kill(pid, libc::SIGPIPE) };
    assert_eq!(sent, 0, "kill");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let ended = child.try_wait().expect("wait");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(ended, None, "SIGPIPE ended the sandbox");
}

/// Every numeric option at its extremes: a clear error naming the option
/// (and the range where there is one), exit code 2, never a panic.
#[test]
fn numeric_options_are_range_checked() {
    let home = tempfile::tempdir().expect("tmp");
    let db = home.path().join("none.db").display().to_string();
    let file = home.path().join("f.csv").display().to_string();
    let ics = home.path().join("f.ics").display().to_string();
    // (arguments before the value, option, what the error names)
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["import", "customers", &file],
            "--batch-size",
            "1..=100000",
        ),
        (&["ics", "import", &ics], "--batch-size", "1..=100000"),
        (&["journal"], "--limit", "1..=100000"),
        (&["journal"], "--booking", "1.."),
        (&["alerts"], "--limit", "1..=100000"),
        (&["sync"], "--max-events", "1..=10000000"),
    ];
    let values = [
        "0",
        "100000000",
        "18446744073709551615",
        "99999999999999999999999",
        "-1",
        "-9223372036854775808",
        "ten",
        "",
        "1.5",
    ];
    for (before, opt, range) in cases {
        for v in values {
            if *range == "1.." && v == "100000000" {
                continue; // a booking number that may exist
            }
            let with_eq = format!("{opt}={v}");
            let mut args = vec!["--db", &db];
            args.extend_from_slice(before);
            args.push(&with_eq);
            let o = renos(home.path(), &args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            assert!(
                err.contains(opt),
                "{args:?} does not name the option: {err}"
            );
            if ["0", "100000000", "-1"].contains(&v) {
                assert!(err.contains(range), "{args:?} does not say {range}: {err}");
            }
            // The same with the value as the next argument.
            let mut args = vec!["--db", &db];
            args.extend_from_slice(before);
            args.extend([*opt, v]);
            let o = renos(home.path(), &args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            assert!(
                err.contains(opt),
                "{args:?} does not name the option: {err}"
            );
        }
    }
    // The positional booking numbers.
    for cmd in [&["resolve"][..], &["invoice"], &["alert"]] {
        for v in ["0", "-1", "9223372036854775808", "x"] {
            let mut args = vec!["--db", &db];
            args.extend_from_slice(cmd);
            args.push("--");
            args.push(v);
            if cmd[0] == "resolve" {
                args.push("mine");
            }
            let o = renos(home.path(), &args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            assert!(err.contains("BOOKING"), "{args:?}: {err}");
        }
    }
}
