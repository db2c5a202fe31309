//! The console of a team member on a shared server, as a real Unix user in
//! a real terminal (tmux, 80×24): a viewer sees the read-only mark and
//! edit keys answer with the reason; a database the member may only read
//! opens the same way. (Root only: CI runs as root.)

use std::process::Command;
use std::time::Duration;

use crate::common::{NOW, Tmux, bin};
use crate::users::{Team, open_folder};

fn root_renos(args: &[&str]) {
    let out = Command::new(bin())
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("renos");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_viewer_and_a_database_they_cannot_write_open_read_only() {
    let Some(team) = Team::make("a_viewer_and_a_database_they_cannot_write_open_read_only") else {
        return;
    };
    let top = open_folder();
    let dir = top.path().join("team");
    let dir_arg = dir.display().to_string();
    root_renos(&["init", "--shared", &dir_arg, "--group", &team.group]);
    let db = dir.join("renos.db");
    let db_arg = db.display().to_string();
    root_renos(&[
        "--db",
        &db_arg,
        "--now",
        NOW,
        "demo",
        "--no-console",
        "--force",
    ]);
    let config = dir.join("config.toml");
    let config_arg = config.display().to_string();
    // The member's console starts with a clean environment: English from
    // the file.
    let roles =
        format!("database = \"{db_arg}\"\n[ui]\nlanguage = \"en\"\n[roles]\nadmin = [\"root\"]\n");
    std::fs::write(&config, roles).expect("config");
    let homes = open_folder();
    let console = team.line_as(
        &team.member,
        homes.path(),
        &["--config", &config_arg, "--now", NOW],
    );

    let t = Tmux::start();
    t.run(&format!("{console}; echo EXITED"));
    let s = t.wait_text("bookings");
    let header = s.lines().next().unwrap_or_default().to_string();
    assert!(header.contains("read-only"), "{s}");
    assert!(header.contains(&team.member), "{s}");
    assert!(
        s.contains(&format!("{} is a viewer: read-only", team.member)),
        "{s}"
    );
    // The help says why in full.
    t.keys(&["?"]);
    let s = t.wait_text("Keys (any key closes)");
    assert!(s.contains("changes need the dispatcher role"), "{s}");
    t.keys(&["Escape"]);
    // Edit keys answer instead of opening the form.
    t.keys(&["n", "e", "m"]);
    std::thread::sleep(Duration::from_millis(400));
    let s = t.screen();
    assert!(
        !s.contains("New booking") && !s.contains("Edit booking"),
        "{s}"
    );
    assert!(s.contains("is a viewer: read-only"), "{s}");
    t.keys(&["q"]);
    t.wait_text("EXITED");

    // Without roles, but a database the group may only read.
    std::fs::write(
        &config,
        format!("database = \"{db_arg}\"\n[ui]\nlanguage = \"en\"\n"),
    )
    .expect("config");
    std::fs::set_permissions(&db, std::os::unix::fs::PermissionsExt::from_mode(0o640))
        .expect("chmod");
    t.run("clear");
    t.run(&format!("{console}; echo EXITED AGAIN"));
    let s = t.wait_for("the read-only mark", Duration::from_secs(10), |s| {
        s.contains("bookings") && s.contains("cannot write")
    });
    assert!(
        s.lines().next().unwrap_or_default().contains("read-only"),
        "{s}"
    );
    t.keys(&["s"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        t.screen().contains("Read-only: this user cannot write"),
        "{}",
        t.screen()
    );
    t.keys(&["q"]);
    t.wait_text("EXITED AGAIN");
}
