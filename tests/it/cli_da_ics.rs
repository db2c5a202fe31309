//! The command line in Danish (`RENOS_LANGUAGE=da`) and English: a
//! calendar file's bad events, the double bookings it makes, a file that
//! cannot be read, an unknown cleaner or booking. Danish names the line and
//! the field; English reads as it always did, and `--json` keeps English.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{NOW, bin};

/// `renos ARGS` with a private environment, in `language`.
fn run(language: &str, home: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "bo")
        .env("RENOS_LANGUAGE", language)
        .output()
        .expect("run renos")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const BAD: &str = "BEGIN:VCALENDAR\r\n\
BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261210T090000Z\r\nDTEND:20261210T110000Z\r\n\
SUMMARY:Hansen\r\nX-RENOS-ESTIMATE:abc\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b\r\nDTSTART:2026x\r\nSUMMARY:Jensen\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20261210T090000Z\r\nDTEND:20261213T080000Z\r\n\
SUMMARY:Lang\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

const CLASHING: &str = "BEGIN:VCALENDAR\r\n\
BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261210T090000Z\r\nDTEND:20261210T110000Z\r\n\
SUMMARY:Hansen\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:y\r\nDTSTART:20261210T100000Z\r\nDTEND:20261210T120000Z\r\n\
SUMMARY:Jensen\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

#[test]
fn a_bad_calendar_names_its_lines_and_fields_in_danish_and_in_english() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = dir.join("r.db").display().to_string();
    let bad = dir.join("kalender.ics");
    std::fs::write(&bad, BAD).expect("ics");
    let f = bad.display().to_string();
    let args = ["--db", &db, "--now", NOW, "ics", "import", &f];

    let o = run("da", dir, &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let t = stdout(&o);
    for line in [
        "linje 2: X-RENOS-ESTIMATE \"abc\" er ikke et antal minutter: skriv et helt tal, f.eks. 90",
        "linje 11: begivenheden kan ikke læses og er ikke importeret: ret den i kalenderen, \
         eller spring den over med --skip-invalid (læseren siger: DTSTART \"2026x\"",
        "linje 14: \"Lang\" varer 71 timer, men en booking varer højst 24 timer: del den op i \
         kalenderen, eller spring den over med --skip-invalid",
    ] {
        assert!(t.contains(line), "{line}\n{t}");
    }
    for english in ["line ", "lasts", "is not a number"] {
        assert!(!t.contains(english), "{english}\n{t}");
    }

    let o = run("en", dir, &args);
    let t = stdout(&o);
    for line in [
        "line 2: X-RENOS-ESTIMATE \"abc\" is not a number of minutes",
        "line 14: \"Lang\" lasts 71 hours; a booking lasts at most 24 hours (leave it out with \
         --skip-invalid, or split it in the calendar)",
    ] {
        assert!(t.contains(line), "{line}\n{t}");
    }

    // `--json` keeps its English in either language.
    let mut json = args.to_vec();
    json.push("--json");
    let o = run("da", dir, &json);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        report["problems"][0],
        "line 2: X-RENOS-ESTIMATE \"abc\" is not a number of minutes"
    );
}

#[test]
fn double_bookings_from_a_calendar_in_danish_and_in_english() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = dir.join("r.db").display().to_string();
    let o = run(
        "da",
        dir,
        &["--db", &db, "--now", NOW, "staff", "add", "Anna"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let file = dir.join("k.ics");
    std::fs::write(&file, CLASHING).expect("ics");
    let f = file.display().to_string();
    let args = |dry: bool| {
        let mut a = vec![
            "--db", &db, "--now", NOW, "ics", "import", &f, "--staff", "Anna",
        ];
        if dry {
            a.push("--dry-run");
        }
        a
    };
    let o = run("en", dir, &args(true));
    let t = stdout(&o);
    assert!(t.contains("11:00 double-books with #"), "{t}");
    let o = run("da", dir, &args(false));
    let t = stdout(&o);
    assert!(
        t.contains("dobbeltbookinger beholdt som i kalenderen"),
        "{t}"
    );
    assert!(
        t.contains("(10/12 kl. 11:00) er dobbeltbooket med #"),
        "{t}"
    );
}

#[test]
fn a_file_or_a_record_that_is_not_there_in_danish_and_in_english() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = dir.join("r.db").display().to_string();
    let o = run(
        "da",
        dir,
        &["--db", &db, "--now", NOW, "staff", "add", "Anna"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let gone = dir.join("væk.ics").display().to_string();
    let cases: [(Vec<&str>, &str, &str); 8] = [
        (
            vec!["ics", "import", &gone],
            "væk.ics: filen findes ikke: tjek navnet og mappen (systemet siger: ",
            "væk.ics: cannot read it: ",
        ),
        (
            vec!["import", "customers", "kunder.csv"],
            "kunder.csv: filen findes ikke: tjek navnet og mappen (systemet siger: ",
            "kunder.csv: cannot read it: ",
        ),
        (
            vec!["cancel", "999", "--reason", "syg"],
            "renos: booking #999 findes ikke (den kan være slettet): tjek nummeret",
            "renos: booking #999 does not exist (it may have been removed)",
        ),
        (
            vec!["series", "show", "5"],
            "renos: serie #5 findes ikke (den kan være slettet): tjek nummeret",
            "renos: series #5 does not exist (it may have been removed)",
        ),
        (
            vec!["resolve", "999", "mine"],
            "renos: booking #999 har ingen synkroniseringskonflikt (den kan allerede være afgjort)",
            "renos: booking #999 has no sync conflict (it may have been settled already)",
        ),
        (
            vec!["invoice", "999"],
            "renos: Billy er ikke sat op: sæt BILLY_API_KEY og BILLY_ORGANIZATION_ID (eller \
             [billy] i konfigurationen)",
            "renos: Billy is not set up: set BILLY_API_KEY and BILLY_ORGANIZATION_ID (or [billy] \
             in the config)",
        ),
        (
            vec!["alert", "999"],
            "renos: Twilio er ikke sat op: sæt TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN og \
             TWILIO_PHONE_NUMBER (eller [twilio] i konfigurationen)",
            "renos: Twilio is not set up: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN",
        ),
        (
            vec!["staff", "set", "Bob", "--priority", "2"],
            "renos: ingen rengører hedder \"Bob\"; `renos staff list` viser dem",
            "renos: no cleaner called \"Bob\"; `renos staff list` shows them",
        ),
    ];
    for (args, danish, english) in cases {
        let mut all = vec!["--db", db.as_str(), "--now", NOW];
        all.extend(args.iter().copied());
        let o = run("da", dir, &all);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(danish), "{danish}\n{}", stderr(&o));
        let o = run("en", dir, &all);
        assert!(stderr(&o).contains(english), "{english}\n{}", stderr(&o));
    }
    // The system's refusal, worded after the command's own sentence.
    let nowhere = dir.join("mangler").join("k.csv").display().to_string();
    let export = ["--db", &db, "--now", NOW, "export", "customers", &nowhere];
    let o = run("da", dir, &export);
    assert!(
        stderr(&o).contains(": filen eller mappen findes ikke: tjek stien (systemet siger: "),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("kan ikke skrive"), "{}", stderr(&o));
    let o = run("en", dir, &export);
    assert!(
        stderr(&o).contains("k.csv: No such file or directory"),
        "{}",
        stderr(&o)
    );
    let bad = dir.join("k.ics");
    std::fs::write(&bad, "hej\n").expect("ics");
    let f = bad.display().to_string();
    let o = run(
        "da",
        dir,
        &[
            "--db", &db, "--now", NOW, "ics", "import", &f, "--staff", "Bo",
        ],
    );
    assert!(
        stderr(&o).contains("--staff \"Bo\" er ikke en rengører (kendte: Anna)"),
        "{}",
        stderr(&o)
    );
    let o = run("da", dir, &["--db", &db, "--now", NOW, "ics", "import", &f]);
    assert!(
        stderr(&o).contains(
            "linje 1: filen kan ikke læses videre herfra, så intet er importeret: ret linjen, \
             eller tjek, at det er den rigtige fil (læseren siger: expected BEGIN:VCALENDAR"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_slot_finders_refusals_in_danish_and_in_english() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = dir.join("r.db").display().to_string();
    let o = run(
        "da",
        dir,
        &["--db", &db, "--now", NOW, "staff", "add", "Anna"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["slots", "--duration", "2", "--grid", "7"],
            "renos: --grid: 7 er ikke et trin; brug 5 til 120 minutter",
            "renos: --grid: 7 is not a grid; use 5 to 120 minutes",
        ),
        (
            &["slots", "--duration", "2", "--earliest", "25:00"],
            "renos: --earliest: \"25:00\" er ikke et klokkeslæt; skriv det som TT:MM",
            "renos: --earliest: \"25:00\" is not a time; write it as HH:MM",
        ),
        (
            &["slots", "--duration", "2", "--strategy", "foo"],
            "renos: --strategy: \"foo\" er ikke en strategi",
            "renos: --strategy: \"foo\" is not a strategy",
        ),
        (
            // The date said once, not twice.
            &["reassign", "--staff", "Anna", "--from", "2026-13-01"],
            "renos: --from: \"2026-13-01\" er ikke en dato: der er ingen måned 13",
            "renos: --from: \"2026-13-01\" is not a date: there is no month 13",
        ),
    ];
    for (args, danish, english) in cases {
        let mut all = vec!["--db", db.as_str(), "--now", NOW];
        all.extend(args.iter().copied());
        let o = run("da", dir, &all);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(danish), "{danish}\n{}", stderr(&o));
        let o = run("en", dir, &all);
        assert!(stderr(&o).contains(english), "{english}\n{}", stderr(&o));
    }
}
