//! The command line in Danish: bookings, series, staff, slots, the sick
//! call, the journal, the figures, invoices and alerts speak the language
//! chosen (`RENOS_LANGUAGE=da`), while `--json` keeps its fixed words.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{self, NOW};
use crate::office_env::{self, Env};
use chrono::Duration;
use renos::sandbox;
use serde_json::Value;

/// `renos` in `language`, as a user runs it.
fn run_in(language: &str, home: &Path, args: &[&str]) -> Output {
    Command::new(common::bin())
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

/// A demo database at the tests' `NOW`; runs commands against it.
struct Demo {
    home: tempfile::TempDir,
    db: String,
}

impl Demo {
    fn new() -> Demo {
        let home = tempfile::tempdir().expect("tmp");
        let db = home.path().join("r.db").display().to_string();
        let d = Demo { home, db };
        d.ok(&["demo", "--no-console"]);
        d
    }

    fn run(&self, language: &str, args: &[&str]) -> Output {
        let mut all = vec!["--db", self.db.as_str(), "--now", NOW];
        all.extend_from_slice(args);
        run_in(language, self.home.path(), &all)
    }

    /// Succeeds in Danish; what it printed.
    fn ok(&self, args: &[&str]) -> String {
        let o = self.run("da", args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    }

    /// Fails in Danish; what it said on stderr.
    fn fails(&self, args: &[&str]) -> String {
        let o = self.run("da", args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        stderr(&o)
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The booking number a line starts with after its verb: "Booket #214 …".
fn number_after(text: &str, verb: &str) -> String {
    let rest = text
        .split_once(verb)
        .unwrap_or_else(|| panic!("{verb:?} in {text}"))
        .1;
    rest.trim_start_matches('#')
        .split(' ')
        .next()
        .expect("number")
        .to_string()
}

#[test]
fn the_agenda_in_danish_and_its_json_unchanged() {
    let d = Demo::new();
    let out = d.ok(&["agenda"]);
    assert!(
        out.starts_with("2026-11-20 (fredag): 30 bookinger, 2 dobbeltbookinger"),
        "{out}"
    );
    assert!(out.contains(" i gang "), "{out}");
    assert!(out.contains(" færdig "), "{out}");
    assert!(out.contains("[overtid +22 min]"), "{out}");
    assert!(out.contains("\nUtildelt\n"), "{out}");
    assert!(out.contains("\nDobbeltbookinger\n"), "{out}");
    // "Konflikt" is the sync's word; the plan's are clashes.
    assert!(!out.contains("onflikt"), "{out}");
    assert!(!out.contains("in_progress"), "{out}");
    // The JSON is the same in both languages.
    let da = d.ok(&["agenda", "--json"]);
    let en = stdout(&d.run("en", &["agenda", "--json"]));
    assert_eq!(da, en);
    let items: Value = serde_json::from_str(&da).expect("json");
    assert!(
        items
            .as_array()
            .expect("array")
            .iter()
            .any(|i| i["status"] == "in_progress"),
        "{da}"
    );
    let en = stdout(&d.run("en", &["agenda"]));
    assert!(
        en.starts_with("2026-11-20 (Friday): 30 bookings, 2 clashes"),
        "{en}"
    );
}

#[test]
fn booking_moving_and_cancelling_in_danish() {
    let d = Demo::new();
    let book = [
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
    ];
    let out = d.ok(&book);
    assert!(out.starts_with("Booket #"), "{out}");
    assert!(
        out.contains(" tir 1/12 07:00–08:30 Anna Jensen hos Søren Østergaard"),
        "{out}"
    );
    let id = number_after(&out, "Booket ");
    // The same again double-books: refused, with the option that accepts it.
    let err = d.fails(&book);
    assert!(err.contains("(--accept-clash BEGRUNDELSE)"), "{err}");

    let out = d.ok(&["move", &id, "--start", "9"]);
    assert!(
        out.starts_with(&format!("Flyttet #{id} tir 1/12 09:00–10:30 Anna Jensen")),
        "{out}"
    );
    let err = d.fails(&["move", &id]);
    assert!(err.contains("intet at ændre: angiv --date"), "{err}");
    let out = d.ok(&["cancel", &id, "--reason", "kunden aflyste"]);
    assert!(out.starts_with(&format!("Aflyst #{id} tir 1/12")), "{out}");

    let err = d.fails(&[
        "book",
        "--customer",
        "Ingen Sådan",
        "--staff",
        "Anna Jensen",
        "--date",
        "2/12",
        "--start",
        "7",
        "--duration",
        "1h",
    ]);
    assert!(err.contains("--customer: ingen kunde hedder"), "{err}");
    let err = d.fails(&[
        "book",
        "--customer",
        "Søren Østergaard",
        "--staff",
        "Anna Jensen",
        "--start",
        "7",
        "--duration",
        "1h",
    ]);
    assert!(err.contains("--date: angiv (første) dato"), "{err}");
    let err = d.fails(&[
        "book",
        "--customer",
        "Søren Østergaard",
        "--staff",
        "Anna Jensen",
        "--date",
        "2/12",
        "--start",
        "9",
        "--end",
        "8",
    ]);
    assert!(err.contains("--end: 8 ligger ikke efter --start"), "{err}");

    // A series, and a move of this and the following visits.
    let out = d.ok(&[
        "book",
        "--customer",
        "Søren Østergaard",
        "--staff",
        "Camilla Holm",
        "--date",
        "3/12",
        "--start",
        "6",
        "--duration",
        "1h",
        "--repeat",
        "hver 2. uge",
    ]);
    assert!(out.starts_with("Serie #"), "{out}");
    assert!(out.contains(" hos Søren Østergaard: "), "{out}");
    assert!(out.contains("\n  #"), "{out}");
    let first_visit = number_after(out.lines().nth(1).expect("a visit"), "  ");
    let out = d.ok(&[
        "move",
        &first_visit,
        "--start",
        "6:30",
        "--scope",
        "following",
    ]);
    assert!(out.starts_with("Flyttet #"), "{out}");
    assert!(
        out.contains("  dette og de følgende besøg i serie #"),
        "{out}"
    );
    assert!(out.contains("flere ændret"), "{out}");
}

#[test]
fn series_in_danish() {
    let d = Demo::new();
    let out = d.ok(&["series", "list"]);
    assert!(out.contains("(næste 25/11 08:00)"), "{out}");
    let out = d.ok(&["series", "show", "1"]);
    assert!(out.starts_with("Serie #1 hos Søren Østergaard: "), "{out}");
    let out = d.ok(&["series", "pause", "1", "--from", "1/12", "--to", "14/12"]);
    assert!(out.contains("\n  på pause 1/12–14/12\n"), "{out}");
    let out = d.ok(&["series", "extend"]);
    assert!(out.contains(" besøg oprettet for "), "{out}");
    assert!(out.contains(" venter på gennemsyn"), "{out}");
    let en = stdout(&d.run("en", &["series", "list"]));
    assert!(en.contains("(next 25/11 08:00)"), "{en}");
}

#[test]
fn staff_in_danish() {
    let d = Demo::new();
    let out = d.ok(&["staff", "add", "Bo Berg", "--time-off", "2026-12-24:jul"]);
    assert!(out.starts_with("Tilføjet #"), "{out}");
    assert!(out.contains("fri 2026-12-24: jul"), "{out}");
    let out = d.ok(&[
        "staff",
        "set",
        "Bo Berg",
        "--contract-hours",
        "30",
        "--skills",
        "Fast rengøring",
        "--area",
        "8000-8200",
    ]);
    assert!(out.starts_with("Ændret #"), "{out}");
    assert!(
        out.contains("udfører Fast rengøring · område 8000-8200 · 30 t om ugen"),
        "{out}"
    );
    let out = d.ok(&["staff", "remove", "Bo Berg"]);
    assert!(
        out.starts_with("Fjernet Bo Berg (#") && out.contains("tidligere opgaver"),
        "{out}"
    );
    let err = d.fails(&["staff", "add", "X", "--colour", "lilla-ish"]);
    assert!(err.contains("er ikke en farve"), "{err}");

    let home = tempfile::tempdir().expect("tmp");
    let db = home.path().join("empty.db").display().to_string();
    let o = run_in("da", home.path(), &["--db", &db, "staff", "add", "Anna"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in("da", home.path(), &["--db", &db, "staff", "remove", "Anna"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in("da", home.path(), &["--db", &db, "staff", "list"]);
    assert!(
        stdout(&o).starts_with("Ingen rengørere endnu. Tilføj en:"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn slots_and_the_sick_call_in_danish() {
    let d = Demo::new();
    let out = d.ok(&[
        "slots",
        "--duration",
        "2h",
        "--days",
        "2",
        "--customer",
        "Søren",
    ]);
    assert!(
        out.starts_with("Ledige tider til 2 t fra fre 20/11 (2 dage), fast rengører først:"),
        "{out}"
    );
    assert!(out.contains("Anna Jensen: fast rengører, "), "{out}");
    assert!(out.contains(" flere)"), "{out}");
    let err = d.fails(&["slots", "--duration", "2h", "--days", "90"]);
    assert!(
        err.contains("--days: 90 ligger ikke mellem 1 og 60"),
        "{err}"
    );
    // The JSON keeps its English words.
    let json = d.ok(&["slots", "--duration", "2h", "--days", "1", "--json"]);
    let v: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["strategy"], "usual");

    let out = d.ok(&["reassign", "--staff", "Anna Jensen", "--from", "2026-11-23"]);
    assert!(
        out.starts_with("Opgaver for Anna Jensen 2026-11-23..2026-11-23: 1 skal flyttes"),
        "{out}"
    );
    assert!(
        out.contains("Intet ændret: tilføj --apply for at flytte dem."),
        "{out}"
    );
    let out = d.ok(&[
        "reassign",
        "--staff",
        "Anna Jensen",
        "--from",
        "2026-11-23",
        "--apply",
    ]);
    assert!(
        out.contains("1 opgave flyttet som én ændring; `u` i konsollen fortryder det"),
        "{out}"
    );
}

#[test]
fn the_journal_and_the_figures_in_danish() {
    let d = Demo::new();
    d.ok(&["staff", "add", "Bo Berg"]);
    let out = d.ok(&["journal", "--limit", "1"]);
    assert!(out.contains("Bo Berg"), "{out}");
    let err = d.fails(&["journal", "--booking", "9999"]);
    assert!(
        err.contains("booking #9999 har ingen historik: tjek nummeret med `renos agenda`"),
        "{err}"
    );
    let out = d.ok(&["stats"]);
    assert!(out.starts_with("Kunder         60\n"), "{out}");
    assert!(out.contains("\nBookinger      "), "{out}");
    assert!(out.contains(" · i gang "), "{out}");
    assert!(out.contains("\nImporter       ingen endnu\n"), "{out}");
    let json_da = d.ok(&["stats", "--json"]);
    assert_eq!(json_da, stdout(&d.run("en", &["stats", "--json"])));
    // After an import, the latest imports with their counts.
    let csv = d.home.path().join("kunder.csv");
    std::fs::write(&csv, "name,phone\nTove Ny,+4511223344\n").expect("csv");
    d.ok(&["import", "customers", csv.to_str().expect("path")]);
    let out = d.ok(&["stats"]);
    assert!(out.contains("\nSeneste importer\n"), "{out}");
    assert!(out.contains(" kunder "), "{out}");
    assert!(out.contains("oprettet 1 · opdateret 0"), "{out}");
}

/// `renos` in Danish against the office sandbox's Billy and Twilio.
fn office(env: &Env, home: &Path, args: &[&str]) -> Output {
    let now = office_env::now().to_rfc3339();
    let mut all = vec!["--db", env.db.to_str().expect("path"), "--now", &now];
    all.extend_from_slice(args);
    Command::new(common::bin())
        .args(&all)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "bo")
        .env("RENOS_LANGUAGE", "da")
        .env("BILLY_API_KEY", sandbox::BILLY_API_KEY)
        .env("BILLY_ORGANIZATION_ID", sandbox::BILLY_ORGANIZATION_ID)
        .env("RENOS_BILLY_BASE_URL", env.sandbox.billy_base_url())
        .env("TWILIO_ACCOUNT_SID", sandbox::TWILIO_ACCOUNT_SID)
        .env("TWILIO_AUTH_TOKEN", sandbox::TWILIO_AUTH_TOKEN)
        .env("TWILIO_PHONE_NUMBER", sandbox::TWILIO_PHONE_NUMBER)
        .env("RENOS_TWILIO_BASE_URL", env.sandbox.twilio_base_url())
        .output()
        .expect("run renos")
}

fn said(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

#[test]
fn invoices_and_alerts_in_danish() {
    let env = Env::new();
    let home = tempfile::tempdir().expect("home");
    let (one, two) = {
        let mut store = env.store();
        let s = office_env::seed(&mut store, "Kofoed");
        let one = office_env::finished(&mut store, &s, office_env::at(7, 0), Duration::hours(3));
        let two = office_env::finished(
            &mut store,
            &s,
            office_env::at(7, 0) - Duration::days(2),
            Duration::hours(2),
        );
        (one, two)
    };
    let run = |args: &[&str]| {
        let o = office(&env, home.path(), args);
        let t = said(&o);
        assert!(o.status.success(), "{args:?}: {t}");
        t
    };
    assert!(run(&["invoices"]).contains("Ingen fakturaer."));
    assert!(run(&["invoices", "--open"]).contains("Ingen åbne fakturaer."));
    let t = run(&["invoice", &one.to_string()]);
    assert!(t.contains(&format!("Fakturerer #{one} Kofoed: ")), "{t}");
    let t = run(&["invoices"]);
    assert!(t.contains("faktura") && t.contains("forfald"), "{t}");
    assert!(t.contains("kladde"), "{t}");
    // The month: the visit invoiced alone is left out, the other invoiced.
    let t = run(&["invoice", "--customer", "Kofoed", "--month", "2026-11"]);
    assert!(
        t.contains("Fakturerer Kofoed for november 2026: 1 besøg, "),
        "{t}"
    );
    assert!(t.contains("Udeladt:"), "{t}");
    assert!(
        t.contains(&format!("#{one} 23/11: allerede faktureret")),
        "{t}"
    );
    let t = run(&["invoice", "--customer", "Kofoed", "--month", "2026-11"]);
    assert!(
        t.contains("Intet at fakturere for Kofoed i november 2026: alle afsluttede besøg"),
        "{t}"
    );
    let _ = two;

    assert!(run(&["alerts"]).contains("Ingen alarmer."));
    let t = run(&[
        "alert",
        &one.to_string(),
        "--to",
        office_env::ON_CALL,
        "--message",
        "Ring tilbage",
    ]);
    assert!(t.contains("opkald til +4512345678"), "{t}");
    let t = run(&["alerts"]);
    assert!(t.contains(&format!("booking #{one}")), "{t}");
    assert!(t.contains("opkald til +4512345678: "), "{t}");
    let t = run(&["remind", "--dry-run"]);
    assert!(
        t.contains("Ingen bookinger i morgen med kundens telefonnummer."),
        "{t}"
    );
}
