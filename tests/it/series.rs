//! Recurring bookings from the command line: book with --repeat, move one
//! visit and "this and following", cancel, pause, end; JSON everywhere and
//! errors that name the option.

use crate::common;

use common::{NOW, renos};
use serde_json::Value;

fn run(home: &std::path::Path, db: &str, args: &[&str]) -> (bool, String, String) {
    let mut all = vec!["--db", db, "--now", NOW];
    all.extend_from_slice(args);
    let o = renos(home, &all);
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[test]
fn a_fortnightly_booking_its_split_and_its_end_from_the_shell() {
    let home = tempfile::tempdir().expect("tmp");
    let db = home.path().join("r.db").display().to_string();
    let (ok, _, err) = run(home.path(), &db, &["demo", "--no-console"]);
    assert!(ok, "{err}");
    let (ok, out, err) = run(
        home.path(),
        &db,
        &[
            "book",
            "--customer",
            "Søren Østergaard",
            "--staff",
            "Anna Jensen",
            "--date",
            "1/12",
            "--start",
            "7",
            "--duration",
            "1h30",
            "--repeat",
            "hver 2. uge",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    let booked = json(&out);
    let series = booked["series"]["id"].as_i64().expect("series id");
    let visits = booked["visits"].as_array().expect("visits");
    assert!(visits.len() >= 5, "{out}");
    assert_eq!(visits[0]["start"], "2026-12-01T06:00:00Z");
    assert_eq!(visits[1]["start"], "2026-12-15T06:00:00Z");
    let third = visits[2]["id"].as_i64().expect("id").to_string();

    // This and following from the third visit: a new series from 29/12.
    let (ok, out, err) = run(
        home.path(),
        &db,
        &[
            "move",
            &third,
            "--start",
            "6:30",
            "--scope",
            "following",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    let moved = json(&out);
    assert_eq!(moved["scope"], "following");
    let new_series = moved["series_id"].as_i64().expect("new series");
    assert_ne!(new_series, series);
    assert_eq!(moved["booking"]["start"], "2026-12-29T05:30:00Z");

    let (ok, out, err) = run(
        home.path(),
        &db,
        &["series", "show", &series.to_string(), "--json"],
    );
    assert!(ok, "{err}");
    let old = json(&out);
    assert_eq!(old["end"]["until"], "2026-12-28");
    assert_eq!(old["visits"].as_array().map(Vec::len), Some(2));
    let (ok, out, _) = run(home.path(), &db, &["series", "list"]);
    assert!(ok);
    assert!(
        out.contains("every 2nd week, Tue 06:30, since 29/12"),
        "{out}"
    );

    // One visit cancelled alone; then the new series ends.
    let second = visits[1]["id"].as_i64().expect("id").to_string();
    let (ok, out, err) = run(
        home.path(),
        &db,
        &[
            "cancel",
            &second,
            "--reason",
            "kunden er bortrejst",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    assert_eq!(json(&out)["booking"]["status"], "cancelled");
    let (ok, out, err) = run(
        home.path(),
        &db,
        &[
            "series",
            "end",
            &new_series.to_string(),
            "--after",
            "12/1",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    assert_eq!(
        json(&out)["visits"].as_array().map(Vec::len),
        Some(2),
        "{out}"
    );

    // Errors name the option.
    for (args, says) in [
        (
            vec![
                "book",
                "--customer",
                "Søren Østergaard",
                "--staff",
                "Anna Jensen",
                "--date",
                "1/12",
                "--start",
                "7",
                "--duration",
                "2h",
                "--repeat",
                "sometimes",
            ],
            "--repeat:",
        ),
        (
            vec![
                "book",
                "--customer",
                "Nobody Here",
                "--staff",
                "Anna Jensen",
                "--date",
                "1/12",
                "--start",
                "7",
                "--duration",
                "2h",
            ],
            "--customer:",
        ),
        (
            vec![
                "book",
                "--customer",
                "Søren Østergaard",
                "--staff",
                "Nobody",
                "--date",
                "1/12",
                "--start",
                "7",
                "--duration",
                "2h",
            ],
            "--staff:",
        ),
        (
            vec![
                "book",
                "--customer",
                "Søren Østergaard",
                "--staff",
                "Anna Jensen",
                "--date",
                "1/12",
                "--start",
                "27",
                "--duration",
                "2h",
            ],
            "--start:",
        ),
        (
            vec![
                "move", &third, "--start", "9", "--scope", "all", "--staff", "Nobody",
            ],
            "--staff:",
        ),
    ] {
        let (ok, _, err) = run(home.path(), &db, &args);
        assert!(!ok && err.contains(says), "{args:?}: {err}");
    }
    // A clash is refused unless accepted.
    let (ok, _, err) = run(
        home.path(),
        &db,
        &[
            "book",
            "--customer",
            "Café Lindholm",
            "--staff",
            "Anna Jensen",
            "--date",
            "1/12",
            "--start",
            "7",
            "--duration",
            "1h",
            "--repeat",
            "weekly",
            "--count",
            "3",
        ],
    );
    assert!(!ok && err.contains("already booked"), "{err}");
    let (ok, out, err) = run(
        home.path(),
        &db,
        &[
            "book",
            "--customer",
            "Café Lindholm",
            "--staff",
            "Anna Jensen",
            "--date",
            "1/12",
            "--start",
            "7",
            "--duration",
            "1h",
            "--repeat",
            "weekly",
            "--count",
            "3",
            "--accept-clash",
            "kunden insisterer",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    assert_eq!(json(&out)["visits"].as_array().map(Vec::len), Some(3));
}

#[test]
fn a_series_of_its_own_rrule_is_booked_and_kept() {
    let home = tempfile::tempdir().expect("tmp");
    let db = home.path().join("r.db").display().to_string();
    let (ok, _, err) = run(home.path(), &db, &["demo", "--no-console"]);
    assert!(ok, "{err}");
    let (ok, out, err) = run(
        home.path(),
        &db,
        &[
            "book",
            "--customer",
            "Søren Østergaard",
            "--staff",
            "Anna Jensen",
            "--date",
            "1/12",
            "--start",
            "7",
            "--duration",
            "1",
            "--repeat",
            "FREQ=DAILY;INTERVAL=7",
            "--count",
            "3",
            "--json",
        ],
    );
    assert!(ok, "an RRULE of its own books: {err}");
    let booked = json(&out);
    let visits = booked["visits"].as_array().expect("visits");
    let starts: Vec<&str> = visits.iter().filter_map(|v| v["start"].as_str()).collect();
    assert_eq!(
        starts,
        [
            "2026-12-01T06:00:00Z",
            "2026-12-08T06:00:00Z",
            "2026-12-15T06:00:00Z"
        ]
    );
    // Its journal entry reads back.
    let (ok, out, err) = run(home.path(), &db, &["journal", "--limit", "10"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("FREQ=DAILY;INTERVAL=7"),
        "the series and its rule: {out}"
    );
}
