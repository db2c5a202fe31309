//! Driving the built binary in a real terminal: tmux at 80×24.

pub mod sandbox;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

pub const NOW: &str = "2026-11-20T11:02:00+01:00";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_renos")
}

/// Turns on the machine: consoles share it, a kill test has it alone.
static TURNS: RwLock<()> = RwLock::new(());

/// Waits until no console and no other kill test runs, and keeps them
/// waiting while the guard lives: the kill tests time a run first and aim
/// their kills inside runs of that length, which a changing load would
/// spoil.
pub fn alone() -> RwLockWriteGuard<'static, ()> {
    TURNS.write().unwrap_or_else(PoisonError::into_inner)
}

/// A shared turn: waits while a kill test runs, and keeps the next one
/// waiting while the guard lives. [`Tmux::start`] takes one; a test that
/// runs processes without a console takes its own.
pub fn beside_others() -> RwLockReadGuard<'static, ()> {
    TURNS.read().unwrap_or_else(PoisonError::into_inner)
}

/// A private tmux server (its own socket) with one 80×24 shell.
pub struct Tmux {
    socket: PathBuf,
    pub dir: tempfile::TempDir,
    /// A shared turn, held until the server is gone (one per test: a test
    /// holding two could wait forever behind a kill test).
    _turn: RwLockReadGuard<'static, ()>,
}

impl Tmux {
    pub fn start() -> Tmux {
        let turn = beside_others();
        let dir = tempfile::tempdir().expect("tmp");
        let socket = dir.path().join("tmux.sock");
        let t = Tmux {
            socket,
            dir,
            _turn: turn,
        };
        // A tiny shell prompt so screens are easy to read; XDG folders kept inside the temp dir.
        let env = format!(
            "env -i PATH={bin}:/usr/bin:/bin HOME={home} TERM=xterm-256color XDG_DATA_HOME={home}/data XDG_STATE_HOME={home}/state \
             XDG_CONFIG_HOME={home}/config USER=mette RENOS_LANGUAGE=en PS1='$ ' sh",
            bin = t.bin_dir().display(),
            home = t.dir.path().display()
        );
        std::fs::create_dir_all(t.bin_dir()).expect("bin dir");
        let link = t.bin_dir().join("renos");
        if !link.exists() {
            std::os::unix::fs::symlink(bin(), &link).expect("symlink renos");
        }
        let out = t.tmux(&["new-session", "-d", "-x", "80", "-y", "24", "-s", "t", &env]);
        assert!(
            out.status.success(),
            "tmux did not start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.tmux(&["set-option", "-t", "t", "status", "off"]);
        t
    }

    fn bin_dir(&self) -> PathBuf {
        self.dir.path().join("bin")
    }

    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux must be installed (apt-get install -y tmux; scripts/test does it)")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Types a line into the shell.
    pub fn run(&self, line: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", line]);
        self.tmux(&["send-keys", "-t", "t", "Enter"]);
    }

    /// Sends tmux key names (`Down`, `q`, `C-c`, `Escape`).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "t", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    pub fn format(&self, f: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["display-message", "-p", "-t", "t", f]).stdout)
            .trim()
            .to_string()
    }

    /// Waits until `pred` holds for the screen, or fails showing the screen.
    pub fn wait_for(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > timeout {
                panic!("timed out after {timeout:?} waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), Duration::from_secs(10), |s| {
            s.contains(text)
        })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// The binary with a private environment under `home`, in `language`:
/// nothing of the caller's environment reaches it.
pub fn private(home: &Path, language: &str) -> Command {
    let mut c = Command::new(bin());
    c.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "bo")
        .env("RENOS_LANGUAGE", language);
    c
}

/// Runs the binary to completion with a private environment.
pub fn renos(home: &Path, args: &[&str]) -> Output {
    private(home, "en").args(args).output().expect("run renos")
}

/// Everything a command said, standard output then standard error (the
/// integration tests read it).
#[allow(dead_code)]
pub fn said(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A small deterministic generator, so a failure can be replayed.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}
