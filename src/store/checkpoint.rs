//! The WAL checkpoint of a large write, run beside the caller. SQLite
//! copies the write-ahead log back into the database file (and syncs both)
//! when a commit leaves the log past 1,000 pages; after a write of
//! thousands of rows (the horizon moving on, an import's batch) that copy
//! was a quarter of the write's time, spent while the caller waited. Such
//! a write commits without it, and a second connection on a thread of its
//! own does the copy while the caller goes on (SQLite lets a checkpoint
//! run beside readers and a writer). Nothing is less safe: until the copy
//! is done the log holds the committed pages, as it always does between
//! checkpoints.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Result, Store};

/// A checkpoint running beside the store's connection, if one is; waited
/// for when the next one starts and when the store is closed.
#[derive(Debug, Default)]
pub(crate) struct Aside {
    running: Option<JoinHandle<()>>,
}

impl Aside {
    /// Starts a checkpoint of the database at `path` on a thread of its own
    /// (after the one still running, if any, is done).
    pub fn start(&mut self, path: &Path) {
        self.wait();
        let path: PathBuf = path.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("renos-checkpoint".into())
            .spawn(move || {
                if let Err(e) = checkpoint(&path) {
                    // The next commit's own checkpoint, or closing the
                    // database, copies what this one could not.
                    tracing::debug!(error = %e, "checkpoint beside the write failed");
                }
            });
        match spawned {
            Ok(h) => self.running = Some(h),
            Err(e) => tracing::debug!(error = %e, "no thread for the checkpoint"),
        }
    }

    /// Starts a checkpoint as [`Aside::start`] does, unless one is still
    /// copying (it takes what is committed when it ends, or the next does).
    pub fn start_unless_busy(&mut self, path: &Path) {
        if self.running.as_ref().is_some_and(|h| !h.is_finished()) {
            return;
        }
        self.start(path);
    }

    /// Waits for the running checkpoint, if any.
    pub fn wait(&mut self) {
        if let Some(h) = self.running.take()
            && h.join().is_err()
        {
            tracing::warn!("the checkpoint thread stopped abnormally");
        }
    }
}

impl Drop for Aside {
    fn drop(&mut self) {
        self.wait();
    }
}

/// Copies what the log holds into the database, without waiting for a
/// reader or the writer (SQLite's passive checkpoint). A database that is
/// gone is not made again.
fn checkpoint(path: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    Ok(())
}

impl Store {
    /// Runs a large write whose commit leaves the log as it is (the
    /// connection's automatic checkpoint off while it runs); once it is
    /// committed, a thread of its own copies the log into the database.
    pub(crate) fn checkpoint_aside<T>(
        &mut self,
        write: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        let pages = autocheckpoint_off(self.conn())?;
        let out = write(self);
        autocheckpoint_back(self.conn(), pages)?;
        // Automatic checkpoints turned off by the user stay off.
        if out.is_ok() && pages > 0 {
            self.checkpoint.start(&self.path);
        }
        out
    }
}

/// Turns the connection's automatic checkpoint off; returns the pages it
/// was set to (0: it was off already).
pub(crate) fn autocheckpoint_off(conn: &Connection) -> Result<i64> {
    let pages: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    Ok(pages)
}

/// Sets the connection's automatic checkpoint back to `pages`.
pub(crate) fn autocheckpoint_back(conn: &Connection, pages: i64) -> Result<()> {
    conn.pragma_update(None, "wal_autocheckpoint", pages)?;
    Ok(())
}
