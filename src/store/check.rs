//! The database file's own health, for `renos doctor`: SQLite's
//! `quick_check`, and whether this process may write to it.

use rusqlite::MAIN_DB;

use super::{Result, Store};

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
    }
}
