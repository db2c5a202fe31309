//! The WAL checkpoint of a large write, left to the next commit. SQLite
//! copies the write-ahead log back into the database file (and syncs both)
//! when a commit leaves the log past 1,000 pages; after the horizon moved
//! on (thousands of visits, about 3,000 pages) that copy was a quarter of
//! the write's time, spent while the caller waited. Such a write commits
//! without it: the next commit past the limit, or closing the database,
//! copies the log, as SQLite does for every write below the limit. Nothing
//! is less safe: until then the log holds the committed pages, as it always
//! does between checkpoints.

use rusqlite::Connection;

use super::{Result, Store};

impl Store {
    /// Runs a large write whose commit leaves the log as it is (the
    /// connection's automatic checkpoint off while it runs; the setting
    /// comes back after).
    pub(crate) fn without_checkpoint<T>(
        &mut self,
        write: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        let pages = autocheckpoint_off(self.conn())?;
        let out = write(self);
        autocheckpoint_back(self.conn(), pages)?;
        out
    }
}

/// Turns the connection's automatic checkpoint off; returns the pages it
/// was set to (0: it was off already).
fn autocheckpoint_off(conn: &Connection) -> Result<i64> {
    let pages: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    Ok(pages)
}

/// Sets the connection's automatic checkpoint back to `pages`.
fn autocheckpoint_back(conn: &Connection, pages: i64) -> Result<()> {
    conn.pragma_update(None, "wal_autocheckpoint", pages)?;
    Ok(())
}
