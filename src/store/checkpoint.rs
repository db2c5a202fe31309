//! The WAL checkpoint of a large write, left to the next commit (and made
//! less often during an import, see [`import_autocheckpoint`]). SQLite
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

/// The log pages an import's batches may leave before SQLite copies them
/// back (40 MiB of 4 KiB pages; SQLite's own limit is 1,000).
pub(crate) const IMPORT_CHECKPOINT_PAGES: i64 = 10_000;

/// Sets the connection's automatic checkpoint to [`IMPORT_CHECKPOINT_PAGES`]
/// for an import (unless it is off or higher already); returns the pages it
/// was set to.
///
/// Each batch of an import rewrites the same index pages (a thousand
/// bookings of a thousand customers touch most of the index by customer),
/// and with SQLite's limit every batch or two was copied back and synced:
/// the same pages copied again and again, and a sync each time. Copied back
/// every ten or so batches, each page is copied once for all of them.
/// Every batch still commits into the log as before; nothing is less safe.
pub(crate) fn import_autocheckpoint(conn: &Connection) -> Result<i64> {
    let pages: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
    if pages > 0 && pages < IMPORT_CHECKPOINT_PAGES {
        conn.pragma_update(None, "wal_autocheckpoint", IMPORT_CHECKPOINT_PAGES)?;
    }
    Ok(pages)
}

/// Sets the connection's automatic checkpoint back to `pages`.
pub(crate) fn autocheckpoint_back(conn: &Connection, pages: i64) -> Result<()> {
    conn.pragma_update(None, "wal_autocheckpoint", pages)?;
    Ok(())
}
