//! The store's refusals through the command line in Danish
//! (`RENOS_LANGUAGE=da`): tokens, cleaners, a login's role, a database file
//! that is not one, a mistyped `--now`, a customer to invoice that is not
//! there, a team's group that is not there, an API off loopback. English (`RENOS_LANGUAGE=en`) says what it always said.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{NOW, bin};

/// `renos ARGS` with a private environment, speaking `language`.
fn run(home: &Path, language: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("RENOS_LANGUAGE", language)
        .output()
        .expect("run renos")
}

fn da(home: &Path, args: &[&str]) -> Output {
    run(home, "da", args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Refused, with this one line on stderr.
fn refused(o: &Output, line: &str) {
    assert!(
        !o.status.success(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(stderr(o), format!("renos: {line}\n"));
}

/// A demo database in `home`; its path.
fn demo_db(home: &Path) -> String {
    let db = home.join("r.db").display().to_string();
    let o = da(home, &["--db", &db, "--now", NOW, "demo", "--no-console"]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

#[test]
fn tokens_and_cleaners_are_refused_in_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let db = demo_db(h);
    let renos = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str(), "--now", NOW];
        all.extend_from_slice(args);
        da(h, &all)
    };
    refused(
        &renos(&["token", "revoke", "nobody"]),
        "der er intet token, der hedder \"nobody\" (`renos token list` viser dem)",
    );
    refused(
        &renos(&["token", "add", " ", "--role", "admin"]),
        "et token skal have et navn (bogstaver, tal, mellemrum), f.eks. \"maja-telefon\"",
    );
    assert!(
        renos(&["token", "add", "maja", "--role", "viewer"])
            .status
            .success()
    );
    refused(
        &renos(&["token", "add", "maja", "--role", "admin"]),
        "der er allerede et token, der hedder \"maja\"; vælg et andet navn",
    );
    assert!(renos(&["token", "revoke", "maja"]).status.success());
    refused(
        &renos(&["token", "revoke", "maja"]),
        "tokenet \"maja\" er allerede tilbagekaldt",
    );
    refused(
        &renos(&["staff", "add", " "]),
        "en rengører skal have et navn",
    );
    refused(
        &renos(&["staff", "add", "Anna Jensen"]),
        "der er allerede en rengører, der hedder \"Anna Jensen\"",
    );
    refused(
        &renos(&["staff", "add", "Per", "--phone", "123"]),
        "telefon: \"123\" er ikke et telefonnummer: danske numre har 8 cifre, f.eks. +45 12 34 56 78",
    );
    let o = renos(&["staff", "remove", "Anna Jensen"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).starts_with("renos: Anna Jensen har stadig ")
            && stderr(&o).ends_with(
                " kommende eller igangværende opgaver; giv dem til en anden, eller aflys dem først\n"
            ),
        "{}",
        stderr(&o)
    );
    // English says what it always said.
    let o = run(
        h,
        "en",
        &["--db", &db, "--now", NOW, "token", "revoke", "nobody"],
    );
    refused(
        &o,
        "there is no token called \"nobody\" (`renos token list` lists them)",
    );
}

#[test]
fn a_role_that_does_not_allow_the_change_is_refused_in_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let db = demo_db(h);
    let config = h.join("viewer.toml");
    std::fs::write(
        &config,
        format!("[roles]\nviewer = [\"{}\"]\n", renos::config::login()),
    )
    .expect("config");
    let config = config.display().to_string();
    let me = renos::config::login();
    let o = da(
        h,
        &[
            "--config", &config, "--db", &db, "--now", NOW, "cancel", "1", "--reason", "x",
        ],
    );
    refused(
        &o,
        &format!(
            "{me} er læser her: at ændre bookinger kræver rollen dispatcher ([roles] i {config})"
        ),
    );
    let o = da(
        h,
        &[
            "--config", &config, "--db", &db, "--now", NOW, "staff", "add", "Bo",
        ],
    );
    refused(
        &o,
        &format!("{me} er læser her: at ændre rengørere kræver rollen admin ([roles] i {config})"),
    );
    let o = run(
        h,
        "en",
        &[
            "--config", &config, "--db", &db, "--now", NOW, "staff", "add", "Bo",
        ],
    );
    refused(
        &o,
        &format!(
            "{me} is a viewer here: changing staff needs the admin role ([roles] in {config})"
        ),
    );
}

#[test]
fn a_wrong_now_a_file_that_is_no_database_and_no_such_customer_in_danish() {
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let o = da(h, &["--now", "i går kl 9", "agenda"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).starts_with(
            "renos: --now: \"i går kl 9\" er ikke et tidspunkt i RFC 3339-form; skriv f.eks. \
             2026-11-20T10:30:00+01:00 (læseren siger: "
        ),
        "{}",
        stderr(&o)
    );
    let o = run(h, "en", &["--now", "i går kl 9", "agenda"]);
    assert!(
        stderr(&o).starts_with("renos: --now: \"i går kl 9\" is not an RFC 3339 time ("),
        "{}",
        stderr(&o)
    );
    let notes = h.join("noter.txt");
    std::fs::write(&notes, "husk nøglen\n".repeat(100)).expect("write");
    let notes = notes.display().to_string();
    refused(
        &da(h, &["--db", &notes, "--now", NOW, "agenda"]),
        &format!(
            "{notes} er ikke en RenOS-database (eller den er beskadiget): tjek --db (eller \
             `database` i konfigurationen), eller læg en sikkerhedskopi tilbage"
        ),
    );
    let shared = h.join("team").display().to_string();
    refused(
        &da(
            h,
            &["init", "--shared", &shared, "--group", "ingen-sadan-gruppe"],
        ),
        "der er ingen gruppe, der hedder \"ingen-sadan-gruppe\": opret den (`groupadd \
         ingen-sadan-gruppe`), og meld teamet ind i den (`usermod -aG ingen-sadan-gruppe LOGIN`)",
    );
    let db = demo_db(h);
    let o = da(
        h,
        &[
            "--db",
            &db,
            "--now",
            NOW,
            "serve",
            "--http",
            "192.0.2.1:8787",
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).starts_with(
            "renos: --http 192.0.2.1:8787 er ikke på loopback: API'et taler almindelig HTTP"
        ),
        "{}",
        stderr(&o)
    );
    let mut c = Command::new(bin());
    c.args([
        "--db",
        &db,
        "--now",
        NOW,
        "invoice",
        "--customer",
        "Ingen Sådan",
        "--month",
        "2026-11",
    ])
    .env_clear()
    .env("PATH", "/usr/bin:/bin")
    .env("HOME", h)
    .env("XDG_CONFIG_HOME", h.join("config"))
    .env("RENOS_LANGUAGE", "da")
    .env("BILLY_API_KEY", "key")
    .env("BILLY_ORGANIZATION_ID", "org")
    .env("BILLY_BASE_URL", "http://127.0.0.1:9");
    let o = c.output().expect("run renos");
    refused(
        &o,
        "ingen kunde passer på \"Ingen Sådan\"; tjek stavningen, eller skriv adressen",
    );
}
