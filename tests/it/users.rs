//! Real Unix users and a group for the shared-server tests, made with
//! `groupadd`/`useradd` under unique names and removed when dropped. Only
//! root may make them: elsewhere `Team::make` prints why and gives `None`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};

/// A group with one member, and a user outside it.
pub struct Team {
    pub group: String,
    pub member: String,
    pub outsider: String,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

/// One change to the user database at a time: `useradd` and friends lock
/// `/etc/passwd` and give up when another holds it.
static ACCOUNTS: Mutex<()> = Mutex::new(());

fn sh(program: &str, args: &[&str]) {
    let mut tries = 0;
    loop {
        let out = Command::new(program).args(args).output().expect(program);
        if out.status.success() {
            return;
        }
        tries += 1;
        // A lock held by something else on the machine: wait and retry.
        if tries < 5 && String::from_utf8_lossy(&out.stderr).contains("lock") {
            std::thread::sleep(std::time::Duration::from_millis(500));
            continue;
        }
        panic!(
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Team {
    /// Makes the group and the two users; `None` (with a message) when not
    /// root.
    pub fn make(test: &str) -> Option<Team> {
        if renos::config::login() != "root" {
            eprintln!("skipped {test}: making Unix users needs root");
            return None;
        }
        let n = format!(
            "{}x{}",
            std::process::id() % 100_000,
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let team = Team {
            group: format!("rng{n}"),
            member: format!("rnm{n}"),
            outsider: format!("rno{n}"),
        };
        let _accounts = ACCOUNTS.lock().unwrap_or_else(PoisonError::into_inner);
        sh("groupadd", &[&team.group]);
        // Dropped from here on: whatever was made is removed.
        for (user, groups) in [(&team.member, Some(&team.group)), (&team.outsider, None)] {
            let mut args = vec!["--no-create-home", "--shell", "/bin/sh"];
            if let Some(g) = groups {
                args.extend(["-G", g.as_str()]);
            }
            args.push(user.as_str());
            sh("useradd", &args);
        }
        Some(team)
    }

    /// `renos ARGS` as `user`, with a private environment under `home`
    /// (made and given to them).
    pub fn renos_as(&self, user: &str, home: &Path, args: &[&str]) -> Output {
        self.command_as(user, home, args).output().expect("runuser")
    }

    /// The command line of `renos ARGS` as `user` (see `renos_as`).
    pub fn command_as(&self, user: &str, home: &Path, args: &[&str]) -> Command {
        let home = own_home(user, home);
        let mut c = Command::new("runuser");
        c.args([
            "-u",
            user,
            "--",
            "env",
            "-i",
            "PATH=/usr/bin:/bin",
            "RENOS_LANGUAGE=en",
        ])
        .arg(format!("HOME={}", home.display()))
        .arg(format!("XDG_DATA_HOME={}/data", home.display()))
        .arg(format!("XDG_STATE_HOME={}/state", home.display()))
        .arg(format!("XDG_CONFIG_HOME={}/config", home.display()))
        .arg(crate::common::bin())
        .args(args);
        c
    }

    /// The shell words of `renos ARGS` as `user` in a terminal (for tmux).
    pub fn line_as(&self, user: &str, home: &Path, args: &[&str]) -> String {
        let home = own_home(user, home);
        format!(
            "{runuser} -u {user} -- env -i PATH=/usr/bin:/bin RENOS_LANGUAGE=en TERM=xterm-256color HOME={h} \
             XDG_DATA_HOME={h}/data XDG_STATE_HOME={h}/state XDG_CONFIG_HOME={h}/config {bin} {args}",
            h = home.display(),
            // The terminal's shell may not have sbin in its path.
            runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
                .into_iter()
                .find(|p| Path::new(p).exists())
                .unwrap_or("runuser"),
            bin = crate::common::bin(),
            args = args.join(" ")
        )
    }
}

/// `home/user`, made and given to `user`.
fn own_home(user: &str, home: &Path) -> PathBuf {
    let dir = home.join(user);
    if !dir.exists() {
        std::fs::create_dir_all(&dir).expect("home");
        sh("chown", &[user, &dir.display().to_string()]);
    }
    dir
}

impl Drop for Team {
    fn drop(&mut self) {
        let _accounts = ACCOUNTS.lock().unwrap_or_else(PoisonError::into_inner);
        for user in [&self.member, &self.outsider] {
            let _ = Command::new("userdel").arg(user).output();
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

/// A folder every user may enter (tests' temporary folders are private).
pub fn open_folder() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}
