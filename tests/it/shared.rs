//! A team on one server, with real Unix users: `renos init --shared` makes
//! the folder the group's; a member reads and writes, a user outside the
//! group cannot even read; roles from `[roles]` are refused in the store,
//! journaled, and shown by `renos doctor`. (Root only: CI runs as root.)

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output};

use crate::users::{Team, open_folder};

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", text(&o));
    text(&o)
}

/// `renos init --shared DIR --group GROUP` as root.
fn init(dir: &Path, group: &str) -> String {
    ok(Command::new(crate::common::bin())
        .args([
            "init",
            "--shared",
            &dir.display().to_string(),
            "--group",
            group,
        ])
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("init"))
}

fn refusals(db: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.prepare("SELECT actor, reason FROM journal WHERE action = 'access.refused' ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn a_member_writes_the_shared_database_and_an_outsider_cannot_read_it() {
    let Some(team) = Team::make("a_member_writes_the_shared_database") else {
        return;
    };
    let top = open_folder();
    let dir = top.path().join("team");
    let said = init(&dir, &team.group);
    assert!(said.contains("made the database"), "{said}");
    assert!(said.contains("export RENOS_CONFIG="), "{said}");
    let meta = std::fs::metadata(&dir).expect("dir");
    assert_eq!(meta.mode() & 0o7777, 0o2770);
    let config = dir.join("config.toml").display().to_string();
    let db = dir.join("renos.db");
    let homes = open_folder();

    // The member, through the config alone.
    let added = ok(team.renos_as(
        &team.member,
        homes.path(),
        &["--config", &config, "staff", "add", "Anna Jensen"],
    ));
    assert!(added.contains("Anna Jensen"), "{added}");
    let listed = ok(team.renos_as(
        &team.member,
        homes.path(),
        &["--config", &config, "staff", "list"],
    ));
    assert!(listed.contains("Anna Jensen"), "{listed}");
    // What the member's renos made is the group's.
    for name in ["renos.db", "renos.db-wal", "renos.db-shm"] {
        let p = dir.join(name);
        if let Ok(m) = std::fs::metadata(&p) {
            assert_eq!(m.mode() & 0o777, 0o660, "{name}");
            assert_eq!(
                m.gid(),
                std::fs::metadata(&dir).expect("dir").gid(),
                "{name}"
            );
        }
    }

    // The outsider: refused by the kernel, said in a sentence (no panic).
    for args in [
        vec!["--config", config.as_str(), "agenda"],
        vec!["--db", db.to_str().expect("path"), "agenda"],
    ] {
        let out = team.renos_as(&team.outsider, homes.path(), &args);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(2), "{t}");
        assert!(t.to_lowercase().contains("permission denied"), "{t}");
        assert!(!t.contains("panicked"), "{t}");
        assert!(!t.contains("no database at"), "{t}");
    }

    // A member may not take over a folder that is not theirs.
    let out = team.renos_as(
        &team.member,
        homes.path(),
        &[
            "init",
            "--shared",
            &dir.display().to_string(),
            "--group",
            &team.group,
        ],
    );
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("not permitted to change the mode of"), "{t}");
    let out = team.renos_as(
        &team.member,
        homes.path(),
        &[
            "init",
            "--shared",
            &top.path().join("theirs").display().to_string(),
            "--group",
            &team.group,
        ],
    );
    let t = text(&out);
    assert!(t.contains("not permitted to make"), "{t}");

    // Run again: modes put back, the config kept.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let again = init(&dir, &team.group);
    assert!(again.contains("mode 644 → 660"), "{again}");
    assert!(again.contains("config.toml: in order"), "{again}");
}

#[test]
fn roles_are_refused_in_the_store_journaled_and_shown_by_the_doctor() {
    let Some(team) = Team::make("roles_are_refused_in_the_store") else {
        return;
    };
    let top = open_folder();
    let dir = top.path().join("team");
    init(&dir, &team.group);
    let config = dir.join("config.toml");
    let config_arg = config.display().to_string();
    let db = dir.join("renos.db");
    let homes = open_folder();
    let member = |args: &[&str]| {
        let mut all = vec!["--config", config_arg.as_str()];
        all.extend_from_slice(args);
        team.renos_as(&team.member, homes.path(), &all)
    };
    let set_roles = |roles: &str| {
        let base = format!("database = \"{}\"\n", db.display());
        std::fs::write(&config, format!("{base}{roles}")).expect("config");
    };

    // The group's members are dispatchers: staff is the admins'.
    set_roles(&format!("[roles]\ndispatcher = [\"@{}\"]\n", team.group));
    let out = member(&["staff", "add", "Anna Jensen"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(
        t.contains(&format!(
            "{} is a dispatcher here: changing staff needs the admin role ([roles] in {})",
            team.member, config_arg
        )),
        "{t}"
    );
    let out = member(&["doctor"]);
    let t = text(&out);
    assert!(
        t.contains(&format!("you       {}, role dispatcher", team.member)),
        "{t}"
    );

    // Unlisted, the member is a viewer: an import is refused too.
    set_roles("[roles]\nadmin = [\"root\"]\n");
    let csv = homes.path().join(&team.member).join("c.csv");
    std::fs::write(&csv, "name,phone\nSøren,+4520000000\n").expect("csv");
    let out = member(&["import", "customers", csv.to_str().expect("path")]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(
        t.contains(&format!(
            "{} is a viewer here: importing needs the dispatcher role",
            team.member
        )),
        "{t}"
    );
    let t = text(&member(&["doctor"]));
    assert!(t.contains(&format!("{}, role viewer", team.member)), "{t}");
    // Reading goes on.
    ok(member(&["agenda"]));

    let refused = refusals(&db);
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(refused.iter().all(|(actor, _)| *actor == team.member));
    assert!(refused[0].1.contains("changing staff needs the admin role"));
    assert!(refused[1].1.contains("importing needs the dispatcher role"));
    let conn = rusqlite::Connection::open(&db).expect("open");
    let (staff, customers): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM staff), (SELECT count(*) FROM customers)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("counts");
    assert_eq!(
        (staff, customers),
        (0, 0),
        "the refused changes wrote nothing"
    );
}

/// Without other users: this login made a viewer by the config may not run
/// the back office nor replace the database with the demo; the doctor says
/// the role.
#[test]
fn a_viewer_may_not_serve_nor_replace_the_database() {
    let home = tempfile::tempdir().expect("tmp");
    let h = home.path();
    let db = h.join("r.db").display().to_string();
    let config = h.join("c.toml");
    let config_arg = config.display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str(), "--config", config_arg.as_str()];
        all.extend_from_slice(args);
        crate::common::renos(h, &all)
    };
    std::fs::write(&config, "").expect("config");
    ok(run(&["--now", crate::common::NOW, "demo", "--no-console"]));
    let me = renos::config::login();
    std::fs::write(&config, format!("[roles]\nviewer = [\"{me}\"]\n")).expect("config");

    let out = run(&["serve"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(
        t.contains(&format!(
            "{me} is a viewer here: delivering to the providers needs the dispatcher role"
        )),
        "{t}"
    );
    let out = run(&["demo", "--no-console", "--force"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("changing staff needs the admin role"), "{t}");
    let t = ok(run(&["doctor"]));
    assert!(
        t.contains(&format!("{me}, role viewer ([roles] in {config_arg})")),
        "{t}"
    );
    // Both refusals are in the journal; the demo's data is still there.
    let refused = refusals(std::path::Path::new(&db));
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(ok(run(&["--now", crate::common::NOW, "agenda", "--json"])).len() > 10);
}
