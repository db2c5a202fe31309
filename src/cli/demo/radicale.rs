//! The demo's own CalDAV server: Radicale on a free loopback port, with its
//! configuration, its one user and its storage in a folder beside the demo
//! database; stopped when dropped (when the demo ends), and on Linux also
//! when the demo is killed outright (the kernel sends it SIGTERM when the
//! demo's process dies).

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};

use crate::i18n::Words;

/// The file that marks a folder as the demo's Radicale's (only such a
/// folder is cleared for a new demo).
const CONFIG: &str = "radicale.conf";

/// Why the demo's Radicale is not running.
#[derive(Debug)]
pub enum NotStarted {
    /// `radicale` is not on the PATH.
    NotInstalled,
    /// It would not start: why.
    Failed(String),
}

/// A running Radicale of the demo's.
pub struct Radicale {
    child: Child,
    port: u16,
}

/// One calendar of one user in Radicale's storage, made before it starts:
/// a calendar long in use, its events as files.
pub struct Seed<'a> {
    pub user: &'a str,
    pub password: &'a str,
    pub calendar: &'a str,
    /// (file name, calendar object)
    pub items: Vec<(String, String)>,
}

impl Radicale {
    /// Starts Radicale with its storage in `dir` (made anew), holding
    /// `seed`; waits until it answers.
    pub fn start(dir: &Path, seed: &Seed, w: Words) -> Result<Radicale, NotStarted> {
        let failed = |e: &dyn std::fmt::Display| NotStarted::Failed(e.to_string());
        prepare(dir, seed, w).map_err(|e| failed(&format!("{e:#}")))?;
        let mut last = String::new();
        // A few tries: another process may take the free port first.
        for _ in 0..3 {
            let port = free_port().map_err(|e| failed(&e))?;
            let config = format!(
                "[server]\nhosts = 127.0.0.1:{port}\n\
                 [auth]\ntype = htpasswd\nhtpasswd_filename = {users}\n\
                 htpasswd_encryption = plain\ndelay = 0\n\
                 [rights]\ntype = owner_only\n\
                 [storage]\nfilesystem_folder = {storage}\n\
                 [web]\ntype = none\n\
                 [logging]\nlevel = warning\n",
                users = dir.join("users").display(),
                storage = dir.join("collections").display(),
            );
            let config_path = dir.join(CONFIG);
            super::super::output::write_private(&config_path, config.as_bytes(), w)
                .map_err(|e| failed(&format!("{e:#}")))?;
            let log = std::fs::File::create(dir.join("log")).map_err(|e| failed(&e))?;
            let mut command = Command::new("radicale");
            command
                .arg("--config")
                .arg(&config_path)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log);
            ends_with_the_demo(&mut command);
            let child = command.spawn();
            let mut child = match child {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(NotStarted::NotInstalled);
                }
                Err(e) => return Err(failed(&e)),
            };
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
                    return Ok(Radicale { child, port });
                }
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                if Instant::now() > deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            last = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
        }
        let last = last.lines().last().unwrap_or_default().to_string();
        Err(failed(&last))
    }

    /// The URL of `user`'s calendar `name`.
    pub fn calendar_url(&self, user: &str, name: &str) -> String {
        format!("http://127.0.0.1:{}/{user}/{name}/", self.port)
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The demo's Radicale's folder beside the demo database `db`:
/// `demo-….db` → `demo-…-caldav/`.
pub fn folder(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or_else(|| "demo".into(), |s| s.to_string_lossy().into_owned());
    db.with_file_name(format!("{stem}-caldav"))
}

/// Clears an earlier demo's Radicale folder at `dir` (only one with the
/// demo's configuration in it), then makes it with the user and the seeded
/// calendar.
fn prepare(dir: &Path, seed: &Seed, w: Words) -> Result<()> {
    if dir.join(CONFIG).is_file() {
        std::fs::remove_dir_all(dir)?;
    }
    crate::fsperm::create_dir_all(dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
    let users = format!("{}:{}\n", seed.user, seed.password);
    super::super::output::write_private(&dir.join("users"), users.as_bytes(), w)?;
    let calendar = dir
        .join("collections/collection-root")
        .join(seed.user)
        .join(seed.calendar);
    std::fs::create_dir_all(&calendar)?;
    std::fs::write(calendar.join(".Radicale.props"), r#"{"tag": "VCALENDAR"}"#)?;
    for (file, text) in &seed.items {
        std::fs::write(calendar.join(file), text)?;
    }
    Ok(())
}

/// Has the child end with this process, even one killed with SIGKILL: the
/// kernel sends it SIGTERM when its parent dies (Linux). A parent gone
/// before the child got that far ends the child at once.
#[cfg(target_os = "linux")]
fn ends_with_the_demo(command: &mut Command) {
    use std::os::unix::process::CommandExt as _;
    let parent = std::process::id();
    // SAFETY: between fork and exec only async-signal-safe calls are made
    // (prctl, getppid, raise), touching no memory but their arguments.
    unsafe {
        command.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM as libc::c_ulong) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if libc::getppid() as u32 != parent {
                libc::raise(libc::SIGTERM);
            }
            Ok(())
        });
    }
}

/// Elsewhere the demo's Radicale is stopped when the demo ends normally.
#[cfg(not(target_os = "linux"))]
fn ends_with_the_demo(_: &mut Command) {}

fn free_port() -> std::io::Result<u16> {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(l.local_addr()?.port())
}
