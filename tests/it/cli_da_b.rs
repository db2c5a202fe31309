//! The command line in Danish (`RENOS_LANGUAGE=da`): setup, doctor, sync,
//! calendars, import and export, serve. What a person reads is Danish;
//! `--json` keeps its English words.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{NOW, bin};

/// `renos ARGS` with a private environment, speaking Danish.
fn command(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "bo")
        .env("RENOS_LANGUAGE", "da");
    c
}

fn da(home: &Path, args: &[&str]) -> Output {
    command(home, args).output().expect("run renos")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A demo database in `home`, seeded in Danish; its path.
fn demo_db(home: &Path) -> String {
    let db = home.join("r.db").display().to_string();
    let o = da(home, &["--db", &db, "--now", NOW, "demo", "--no-console"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Demo: ") && stdout(&o).contains(" rengørere, "),
        "{}",
        stdout(&o)
    );
    db
}

#[test]
fn sync_status_and_conflicts_speak_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let db = demo_db(home.path());
    let o = da(home.path(), &["--db", &db, "--now", NOW, "sync"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Google Kalender er ikke sat op: sæt GOOGLE_CLIENT_EMAIL"),
        "{}",
        stderr(&o)
    );
    let o = da(home.path(), &["--db", &db, "--now", NOW, "status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.contains("Google     ikke sat op. Google Kalender"), "{t}");
    assert!(t.contains("Synk       "), "{t}");
    let o = da(
        home.path(),
        &["--db", &db, "--now", NOW, "status", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(
        v["line"]
            .as_str()
            .is_some_and(|l| !l.contains("synkroniseret")),
        "{v}"
    );
    let o = da(home.path(), &["--db", &db, "--now", NOW, "conflicts"]);
    assert_eq!(stdout(&o), "Ingen synkroniseringskonflikter.\n");
}

#[test]
fn import_validate_and_export_speak_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = dir.join("r.db").display().to_string();
    let good = dir.join("kunder.csv");
    std::fs::write(
        &good,
        "name,email,phone,address\n\
         Søren Østergaard,soren@example.dk,+4512345678,Østergade 12\n\
         Åse Ærø,ase@example.dk,+4587654321,Åboulevarden 3\n\
         Søren Østergaard,soren@example.dk,+4512345678,Østergade 12\n",
    )
    .expect("csv");
    let f = good.display().to_string();
    let o = da(dir, &["validate", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.contains("3 poster"), "{t}");
    assert!(
        t.contains("gode 2 · dubletter i filen 1 · forkerte 0"),
        "{t}"
    );
    assert!(
        t.contains("linje 4: samme e-mail som linje 2: dublet"),
        "{t}"
    );
    assert!(t.ends_with("Filen er i orden.\n"), "{t}");

    let o = da(dir, &["--db", &db, "--now", NOW, "import", "customers", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(
        t.contains("oprettet 2 · opdateret 0 · sprunget over 1"),
        "{t}"
    );
    assert!(t.ends_with("Importeret.\n"), "{t}");
    // The JSON keeps its words.
    let o = da(
        dir,
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "import",
            "customers",
            &f,
            "--dry-run",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["duplicates"][0]["action"], "unchanged", "{v}");

    let bad = dir.join("forkert.csv");
    std::fs::write(&bad, "name,email\nHans Berg,hans@\n").expect("csv");
    let o = da(
        dir,
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "import",
            "customers",
            &bad.display().to_string(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("Intet er importeret: 1 post er forkert."),
        "{}",
        stdout(&o)
    );

    let out = dir.join("ud.csv").display().to_string();
    let o = da(
        dir,
        &["--db", &db, "--now", NOW, "export", "customers", &out],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "2 kunder skrevet\n");
}

#[test]
fn calendars_speak_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = demo_db(dir);
    let file = dir.join("hansen.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n\
         UID:hansen-1@test\r\nDTSTART:20261207T090000Z\r\nDTEND:20261207T110000Z\r\n\
         SUMMARY:Rengøring hos Hansen\r\nLOCATION:Vestergade 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("ics");
    let f = file.display().to_string();
    let o = da(dir, &["--db", &db, "--now", NOW, "ics", "import", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.contains(": 1 begivenhed\n"), "{t}");
    assert!(t.contains("1 booking: oprettet 1"), "{t}");
    assert!(t.contains("uden rengører"), "{t}");
    assert!(t.ends_with("Importeret.\n"), "{t}");

    let out = dir.join("ud.ics").display().to_string();
    let o = da(
        dir,
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "ics",
            "export",
            &out,
            "--staff",
            "Ingen Sådan",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--staff \"Ingen Sådan\" er ikke en rengører (kendte: "),
        "{}",
        stderr(&o)
    );
    let o = da(
        dir,
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "ics",
            "export",
            &out,
            "--from",
            "2026-12-07",
            "--to",
            "2026-12-06",
        ],
    );
    assert!(
        stderr(&o).contains("--to ligger før --from"),
        "{}",
        stderr(&o)
    );
    let o = da(dir, &["--db", &db, "--now", NOW, "ics", "export", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with(" bookinger skrevet\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_doctor_speaks_danish_and_its_json_english() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = dir.join("ingen.db").display().to_string();
    let o = da(dir, &["--db", &db, "--now", NOW, "doctor"]);
    let t = stdout(&o);
    assert!(t.contains("✓ sprog     Konsollen taler dansk (da)"), "{t}");
    assert!(
        t.contains(&format!("! database  Der er endnu ingen database i {db}.")),
        "{t}"
    );
    assert!(t.contains("→ kør `renos demo` for at prøve demoen"), "{t}");
    assert!(
        t.contains("! billy     Billy (fakturaer) er ikke sat op: fakturering er slået fra."),
        "{t}"
    );
    assert!(
        t.contains("Ledige tider i trin på 15 min, fra 2 t til 90 dage frem"),
        "{t}"
    );
    assert!(t.ends_with("Intet står i vejen for arbejdet.\n"), "{t}");
    let o = da(dir, &["--db", &db, "--now", NOW, "doctor", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let checks = v["checks"].as_array().expect("checks");
    let language = checks
        .iter()
        .find(|c| c["check"] == "language")
        .expect("language");
    assert!(
        language["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("The console speaks Danish (da)")),
        "{language}"
    );
}

#[test]
fn setup_errors_and_the_sandbox_speak_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = demo_db(dir);
    let o = da(dir, &["--db", &db, "--theme", "dark", "agenda"]);
    assert!(
        stderr(&o).contains("--theme gælder konsollen"),
        "{}",
        stderr(&o)
    );
    let o = da(
        dir,
        &["--db", &db, "--now", NOW, "--date", "snart", "agenda"],
    );
    assert!(
        stderr(&o).contains("\"snart\" er ikke en dato: "),
        "{}",
        stderr(&o)
    );
    let typo = dir.join("ikke-her").join("r.db").display().to_string();
    let o = da(dir, &["--db", &typo, "staff", "add", "Anna Jensen"]);
    assert!(
        stderr(&o).contains("findes ikke (er --db skrevet forkert?)"),
        "{}",
        stderr(&o)
    );
    let o = da(dir, &["--db", &db, "--now", NOW, "demo", "--no-console"]);
    assert!(
        stderr(&o).contains("findes allerede; tilføj --force"),
        "{}",
        stderr(&o)
    );
    let o = da(dir, &["sandbox", "--addr", "0.0.0.0:0"]);
    assert!(
        stderr(&o).contains("sandkassen lytter kun på en loopback-adresse"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn init_speaks_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let group = Command::new("id").arg("-gn").output().expect("id");
    let group = String::from_utf8_lossy(&group.stdout).trim().to_string();
    let team = home.path().join("team").display().to_string();
    let o = da(home.path(), &["init", "--shared", &team, "--group", &group]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.contains("oprettede databasen"), "{t}");
    assert!(t.contains("Hvert medlem af"), "{t}");
    assert!(t.contains("\n  export RENOS_CONFIG="), "{t}");
}

#[test]
fn serve_says_what_runs_in_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let db = demo_db(home.path());
    let mut child = command(home.path(), &["--db", &db, "serve"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    let stderr = child.stderr.take().expect("stderr");
    BufReader::new(stderr).read_line(&mut line).expect("line");
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.starts_with("renos serve (pid "), "{line}");
    assert!(
        line.contains("Google Kalender ikke sat op, Billy ikke sat op, Twilio ikke sat op"),
        "{line}"
    );
    assert!(line.contains("SIGTERM eller Ctrl-C stopper den"), "{line}");
}

#[test]
fn help_speaks_the_language() {
    let home = tempfile::tempdir().expect("tmp");
    let top = stdout(&da(home.path(), &["--help"]));
    assert!(
        top.contains("Kommandoer:") && top.contains("Tilvalg:"),
        "{top}"
    );
    assert!(top.contains("Vis en dags bookinger pr. rengører"), "{top}");
    assert!(top.contains("  -h, --help              Vis hjælp"), "{top}");
    let book = stdout(&da(home.path(), &["book", "--help"]));
    assert!(book.starts_with("Book en opgave eller en serie"), "{book}");
    assert!(
        book.contains("Kunden: #id eller (en del af) navnet"),
        "{book}"
    );
    // `--language` before parsing, and English as the doc comments say it.
    let en = stdout(&da(home.path(), &["--language", "en", "book", "--help"]));
    assert!(en.starts_with("Book a job, or a recurring one"), "{en}");
    assert!(
        en.contains("Options:") && en.contains("The customer: #id"),
        "{en}"
    );
    let en = stdout(&crate::common::renos(home.path(), &["--help"]));
    assert!(
        en.contains("Commands:") && en.contains("Print help"),
        "{en}"
    );
    assert!(en.contains("Print a day's bookings per cleaner"), "{en}");
}
