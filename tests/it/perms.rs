//! The files renos creates on a shared server: private by default (0600,
//! folders 0700), the group's in a setgid folder (0660, 2770); exports
//! never written through a planted symbolic link; the journal names the
//! real login whatever `$USER` says.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use renos::clock::Clock;
use renos::store::Store;

use crate::common::{self, NOW};

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p)
        .expect("stat")
        .permissions()
        .mode()
        & 0o7777
}

/// `renos ARGS` in `home` (a 0755 folder, as a home on a server is), with
/// `$USER` set to someone else.
fn renos(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(common::bin());
    c.args(args)
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "boss")
        .env("LOGNAME", "boss");
    c
}

fn run(home: &Path, args: &[&str]) -> Output {
    let o = renos(home, args).output().expect("run renos");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn home() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("tmp");
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    home
}

#[test]
fn the_database_its_folder_the_log_and_exports_are_private() {
    let home = home();
    let h = home.path();
    // The default database: its folders are made too.
    run(h, &["staff", "add", "Anna Jensen"]);
    let data = h.join("data");
    let db = data.join("renos/renos.db");
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("renos")), 0o700);
    assert_eq!(mode(&db), 0o600);
    for side in ["renos.db-wal", "renos.db-shm"] {
        let p = data.join("renos").join(side);
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{side}");
        }
    }

    // The demo's own folder and database.
    run(h, &["--now", NOW, "demo", "--no-console"]);
    let demo = data.join("renos/demo");
    assert_eq!(mode(&demo), 0o700);
    for e in std::fs::read_dir(&demo).expect("demo folder") {
        let p = e.expect("entry").path();
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }

    // An export.
    let out = h.join("customers.csv");
    run(h, &["export", "customers", &out.display().to_string()]);
    assert_eq!(mode(&out), 0o600);
    // Replacing a file keeps the mode its owner gave it.
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    run(h, &["export", "customers", &out.display().to_string()]);
    assert_eq!(mode(&out), 0o640);

    // The log, from `renos serve` (stopped as soon as it logs).
    let mut serve = renos(h, &["serve"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let log = h.join("state/renos/renos.log");
    let start = Instant::now();
    while !log.exists() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    serve.kill().expect("stop serve");
    serve.wait().expect("wait");
    assert!(log.exists(), "serve wrote no log");
    assert_eq!(mode(&h.join("state")), 0o700);
    assert_eq!(mode(&h.join("state/renos")), 0o700);
    assert_eq!(mode(&log), 0o600);
}

#[test]
fn the_wal_has_the_databases_mode_plain_or_shared() {
    for (folder, file) in [(0o755, 0o600), (0o2770, 0o660)] {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(folder))
            .expect("chmod");
        if mode(dir.path()) != folder {
            eprintln!("skipped {folder:o}: this file system keeps no setgid bit");
            continue;
        }
        let db = dir.path().join("renos.db");
        let store = Store::open(&db, "mette", Clock::System).expect("open");
        let wal = dir.path().join("renos.db-wal");
        assert!(wal.exists(), "the open database has a WAL");
        assert_eq!(mode(&db), file, "database in a {folder:o} folder");
        assert_eq!(mode(&wal), file, "WAL in a {folder:o} folder");
        let shm = dir.path().join("renos.db-shm");
        if shm.exists() {
            assert_eq!(mode(&shm), file, "shared memory in a {folder:o} folder");
        }
        drop(store);
    }
}

#[test]
fn a_database_that_exists_keeps_its_mode() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("renos.db");
    drop(Store::open(&db, "mette", Clock::System).expect("create"));
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    drop(Store::open(&db, "mette", Clock::System).expect("open again"));
    assert_eq!(mode(&db), 0o640);
}

#[test]
fn an_export_never_writes_through_a_planted_link() {
    let home = home();
    let h = home.path();
    let db = h.join("r.db").display().to_string();
    run(h, &["--db", &db, "--now", NOW, "demo", "--no-console"]);
    let victim = h.join("victim.txt");
    std::fs::write(&victim, "not yours").expect("victim");
    let out_dir = h.join("out");
    std::fs::create_dir(&out_dir).expect("out");

    // A link where the partial file used to be, and one at the destination.
    let dest = out_dir.join("customers.csv");
    std::os::unix::fs::symlink(&victim, out_dir.join(".customers.csv.partial")).expect("link");
    std::os::unix::fs::symlink(&victim, &dest).expect("link");
    run(
        h,
        &[
            "--db",
            &db,
            "export",
            "customers",
            &dest.display().to_string(),
        ],
    );

    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "not yours"
    );
    let meta = std::fs::symlink_metadata(&dest).expect("dest");
    assert!(meta.is_file(), "the link itself is replaced by the export");
    assert_eq!(mode(&dest), 0o600);
    assert!(
        std::fs::read_to_string(&dest)
            .expect("export")
            .lines()
            .count()
            > 1
    );
    // Nothing of ours is left beside it.
    let left: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn the_journal_names_the_real_login_not_user() {
    let home = home();
    let h = home.path();
    let db = h.join("r.db").display().to_string();
    run(h, &["--db", &db, "staff", "add", "Anna Jensen"]);
    // No `$USER` at all: still the login, not a made-up "dispatcher".
    let o = Command::new(common::bin())
        .args(["--db", &db, "staff", "remove", "Anna Jensen"])
        .env_clear()
        .env("RENOS_LANGUAGE", "en")
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", h)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A display name in the config stands beside the login.
    let config = h.join("c.toml");
    std::fs::write(&config, "dispatcher = \"Mette Larsen\"\n").expect("config");
    run(
        h,
        &[
            "--db",
            &db,
            "--config",
            &config.display().to_string(),
            "staff",
            "add",
            "Bo Holm",
        ],
    );

    let conn = rusqlite::Connection::open(&db).expect("open");
    let actors: Vec<String> = conn
        .prepare("SELECT actor FROM journal ORDER BY id")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let me = renos::config::login();
    assert_ne!(me, "boss");
    assert_eq!(
        actors,
        [me.clone(), me.clone(), format!("Mette Larsen ({me})")]
    );
}
