//! One `renos serve` per database: an OS lock (flock) on a file beside the
//! database, with who holds it written inside. The lock goes with the
//! process, so a serve that crashed or was killed leaves nothing stale: the
//! next one simply takes it.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, SecondsFormat, Utc};

use crate::i18n::Words;

/// The lock file of the database at `db`: `renos.db` → `renos.db.serve.lock`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".serve.lock");
    db.with_file_name(name)
}

/// Who holds the lock, as written inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub host: String,
    pub pid: u32,
    pub since: String,
}

impl Holder {
    fn me(since: DateTime<Utc>) -> Holder {
        Holder {
            host: crate::store::host(),
            pid: std::process::id(),
            since: since.to_rfc3339_opts(SecondsFormat::Secs, true),
        }
    }

    fn text(&self) -> String {
        format!(
            "host={}\npid={}\nsince={}\n",
            self.host, self.pid, self.since
        )
    }

    /// Reads what [`Holder::text`] wrote; `None` for anything else (a
    /// holder that has not written yet).
    fn parse(text: &str) -> Option<Holder> {
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
                .map(str::trim)
        };
        Some(Holder {
            host: field("host")?.to_string(),
            pid: field("pid")?.parse().ok()?,
            since: field("since")?.to_string(),
        })
    }
}

/// The held lock; dropping it lets go (after clearing the holder's lines).
#[derive(Debug)]
pub struct ServeLock {
    file: File,
}

impl ServeLock {
    /// Takes the lock of the database at `db`, or says who holds it.
    pub fn acquire(db: &Path, now: DateTime<Utc>, w: Words) -> Result<ServeLock> {
        // Beside the file itself, however it is reached (a symlink, another
        // relative path): one lock per database.
        let real = db.canonicalize().unwrap_or_else(|_| db.to_path_buf());
        let path = path_for(&real);
        // A new lock file gets the folder's mode, like the database; a
        // symbolic link in its place is refused, not followed.
        let mut file = crate::fsperm::open_read_write(&path).with_context(|| {
            w.with(
                "cli-serve-cannot-open-lock",
                &[("lock", path.display().to_string().into())],
            )
        })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                // A holder that cannot be read is still a holder.
                let _ = file.read_to_string(&mut text);
                let holder = match Holder::parse(&text) {
                    Some(h) => w.with(
                        "cli-serve-holder",
                        &[
                            ("pid", h.pid.to_string().into()),
                            ("host", if h.host.is_empty() { "?" } else { &h.host }.into()),
                            ("since", h.since.into()),
                        ],
                    ),
                    None => w.get("cli-serve-holder-starting"),
                };
                return Err(anyhow!(w.with(
                    "cli-serve-held",
                    &[
                        ("db", db.display().to_string().into()),
                        ("holder", holder.into()),
                        ("lock", path.display().to_string().into())
                    ]
                )));
            }
            Err(TryLockError::Error(e)) => {
                return Err(anyhow!(w.with(
                    "cli-serve-cannot-lock",
                    &[
                        ("lock", path.display().to_string().into()),
                        ("error", e.to_string().into())
                    ]
                )));
            }
        }
        let me = Holder::me(now);
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(me.text().as_bytes()))
            .and_then(|()| file.sync_data())
            .with_context(|| {
                w.with(
                    "cli-serve-cannot-write-lock",
                    &[("lock", path.display().to_string().into())],
                )
            })?;
        Ok(ServeLock { file })
    }
}

impl Drop for ServeLock {
    fn drop(&mut self) {
        // Still held here: nobody reads half-cleared lines. Closing the
        // file lets go of the lock.
        let _ = self.file.set_len(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Words {
        crate::i18n::Language::En.words()
    }

    #[test]
    fn a_second_lock_is_refused_naming_the_holder_and_freed_on_drop() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("renos.db");
        let now = Utc::now();
        let held = ServeLock::acquire(&db, now, en()).expect("first");
        let path = path_for(&db);
        assert_eq!(path, dir.path().join("renos.db.serve.lock"));
        let text = std::fs::read_to_string(&path).expect("read");
        let holder = Holder::parse(&text).expect("holder");
        assert_eq!(holder.pid, std::process::id());
        // flock locks belong to the open file: a second open in this
        // process is refused like another process would be.
        let err = ServeLock::acquire(&db, now, en())
            .expect_err("second")
            .to_string();
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        assert!(err.contains(&holder.since), "{err}");
        drop(held);
        let again = ServeLock::acquire(&db, now, en()).expect("free again");
        drop(again);
    }

    #[test]
    fn a_database_reached_through_a_symlink_has_the_same_lock() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("renos.db");
        std::fs::write(&db, b"").expect("db");
        let other = dir.path().join("elsewhere");
        std::fs::create_dir(&other).expect("dir");
        let link = other.join("shop.db");
        std::os::unix::fs::symlink(&db, &link).expect("symlink");
        let _held = ServeLock::acquire(&db, Utc::now(), en()).expect("first");
        assert!(ServeLock::acquire(&link, Utc::now(), en()).is_err());
    }

    #[test]
    fn a_symlink_in_place_of_the_lock_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("renos.db");
        std::fs::write(&db, b"").expect("db");
        let target = dir.path().join("precious");
        std::fs::write(&target, "keep").expect("target");
        std::os::unix::fs::symlink(&target, path_for(&db)).expect("symlink");
        let err = ServeLock::acquire(&db, Utc::now(), en()).expect_err("refused");
        let err = format!("{err:#}");
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep");
    }

    #[test]
    fn holder_lines_round_trip_and_junk_is_no_holder() {
        let h = Holder {
            host: "srv".into(),
            pid: 42,
            since: "2026-11-20T10:02:00Z".into(),
        };
        assert_eq!(Holder::parse(&h.text()), Some(h));
        assert_eq!(Holder::parse(""), None);
        assert_eq!(Holder::parse("pid=x"), None);
    }
}
