//! The command line in Danish (`RENOS_LANGUAGE=da`), the lines the engine
//! builds: a customer file's bad records and what was passed over, a failed
//! sync in `renos sync` and `renos status`. `--json` keeps its English.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{NOW, bin};

/// `renos ARGS` with a private environment, in `language`.
fn command(language: &str, home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "bo")
        .env("RENOS_LANGUAGE", language);
    c
}

fn run(language: &str, home: &Path, args: &[&str]) -> Output {
    command(language, home, args).output().expect("run renos")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_bad_customer_file_names_its_lines_and_fields_in_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = dir.join("r.db").display().to_string();
    let bad = dir.join("kunder.csv");
    std::fs::write(
        &bad,
        "Navn;Email;Telefon;Omsætning;Kundenr\n\
         Hans Berg;hans@;+4512345678;100;7\n\
         ;ok@example.dk;12;1.047,50 kr;8\n\
         Åse Ærø;ase@example.dk;+4587654321;mange penge;9\n",
    )
    .expect("csv");
    let f = bad.display().to_string();
    let args = ["--db", &db, "--now", NOW, "import", "customers", &f];

    let o = run("da", dir, &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(
        t.contains("(CSV, semikolonsepareret, UTF-8, 5 kolonner)"),
        "{t}"
    );
    assert!(
        t.contains(
            "linje 2, kolonne Email: \"hans@\" er ikke en e-mailadresse: delen efter @ mangler"
        ),
        "{t}"
    );
    assert!(
        t.contains("linje 3, kolonne Navn: en kunde skal have et navn"),
        "{t}"
    );
    assert!(
        t.contains("linje 3, kolonne Telefon: \"12\" er ikke et telefonnummer"),
        "{t}"
    );
    assert!(
        t.contains("linje 4, kolonne Omsætning: \"mange penge\" er ikke et beløb"),
        "{t}"
    );
    assert!(
        t.contains("kolonnen \"Kundenr\" (kolonne 5) kender vi ikke; den springes over"),
        "{t}"
    );
    for english in ["line ", "column", "is not", "ignored"] {
        assert!(!t.contains(english), "{english:?} in {t}");
    }

    // The same in English, as it always read.
    let o = run("en", dir, &args);
    let t = stdout(&o);
    assert!(
        t.contains("line 2, column Email: \"hans@\" is not an e-mail address"),
        "{t}"
    );
    assert!(
        t.contains("(CSV, semicolon-separated, UTF-8, 5 columns)"),
        "{t}"
    );

    // `--json` keeps its English words whatever the language.
    let mut json = args.to_vec();
    json.push("--json");
    let o = run("da", dir, &json);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v["format"], "CSV, semicolon-separated, UTF-8, 5 columns",
        "{v}"
    );
    assert_eq!(
        v["problems"][0],
        "line 2, column Email: \"hans@\" is not an e-mail address: the part after @ is missing",
        "{v}"
    );
    assert_eq!(
        v["warnings"][0], "column \"Kundenr\" (column 5) is not one we know; it is ignored",
        "{v}"
    );
}

#[test]
fn a_sync_that_cannot_reach_google_says_so_in_danish_then_and_in_status() {
    let home = tempfile::tempdir().expect("tmp");
    let dir = home.path();
    let db = dir.join("r.db").display().to_string();
    let o = run(
        "da",
        dir,
        &["--db", &db, "--now", NOW, "demo", "--no-console"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // Nothing listens on port 9: Google cannot be reached.
    let nowhere = "http://127.0.0.1:9";
    let key = dir.join("key.json");
    std::fs::write(&key, renos::sandbox::key_json(&format!("{nowhere}/token"))).expect("key");
    let sync = |language: &str, args: &[&str]| {
        let mut all = vec!["--db", db.as_str(), "--now", NOW];
        all.extend_from_slice(args);
        command(language, dir, &all)
            .env("GOOGLE_KEY_FILE", &key)
            .env("GOOGLE_CALENDAR_ID", "primary")
            .env("GOOGLE_IMPERSONATED_USER", "dispatch@example.dk")
            .env("RENOS_GOOGLE_BASE_URL", format!("{nowhere}/calendar/v3"))
            .env("RENOS_GOOGLE_TOKEN_URI", format!("{nowhere}/token"))
            .output()
            .expect("run renos")
    };

    let o = sync("da", &["sync", "--direction", "pull"]);
    assert!(!o.status.success(), "{}", stdout(&o));
    let t = stdout(&o);
    assert!(t.contains("primary: kan ikke nå Google Kalender: "), "{t}");
    assert!(!t.contains("cannot reach"), "{t}");

    let o = sync("da", &["status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(
        t.contains("— primary: kan ikke nå Google Kalender: "),
        "{t}"
    );
    assert!(!t.contains("cannot reach"), "{t}");

    // English reads as it always did, and `--json` keeps the English text.
    let o = sync("en", &["status"]);
    assert!(
        stdout(&o).contains("— primary: cannot reach Google Calendar: "),
        "{}",
        stdout(&o)
    );
    let o = sync("da", &["status", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(
        v["last_sync"]["errors"]
            .as_str()
            .is_some_and(|e| e.starts_with("primary: cannot reach Google Calendar: ")),
        "{v}"
    );
}
