//! The database file's own health, for `renos doctor` and the console:
//! SQLite's `quick_check`, and whether this process may write to it.

use std::path::Path;

use rusqlite::MAIN_DB;

use super::{Result, Store};

/// Why this user cannot write to the database, when they cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwritable {
    /// The file itself is not writable for this user.
    File,
    /// Its folder is not, where SQLite makes its journal files.
    Folder,
    /// SQLite opened it read-only.
    Opened,
}

/// May the real user write to `path` (the kernel's answer, by uid)?
fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt as _;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a NUL-terminated path alive for the call; access
    // only reads it.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

impl Store {
    /// What `PRAGMA quick_check` finds wrong; empty when the file is sound.
    /// At most `limit` problems are listed.
    pub fn quick_check(&self, limit: u32) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("PRAGMA quick_check({limit})"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let found = rows.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(found.into_iter().filter(|l| l != "ok").collect())
    }

    /// Did SQLite open the database read-only (the file or its folder is
    /// not writable by this user)? Every change would fail.
    pub fn is_read_only(&self) -> Result<bool> {
        Ok(self.conn().is_readonly(MAIN_DB)?)
    }

    /// Why every change would fail here, if it would: the file or its
    /// folder is not writable for this user, or SQLite opened it read-only.
    pub fn unwritable(&self) -> Option<Unwritable> {
        let path = self.path();
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !writable(path) {
            Some(Unwritable::File)
        } else if !writable(folder) {
            Some(Unwritable::Folder)
        } else if self.is_read_only().unwrap_or(true) {
            Some(Unwritable::Opened)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;

    #[test]
    fn a_sound_database_has_nothing_to_say_and_is_writable() {
        let dir = tempfile::tempdir().expect("tmp");
        let s = Store::open(&dir.path().join("r.db"), "t", Clock::System).expect("open");
        assert_eq!(s.quick_check(10).expect("check"), Vec::<String>::new());
        assert!(!s.is_read_only().expect("mode"));
        assert_eq!(s.unwritable(), None);
    }
}
