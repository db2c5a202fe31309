//! The words of the console's read-only mode: the reason the help and the
//! status line give (the header's mark is `header-read-only`).

use crate::domain::RoleSource;
use crate::i18n::Words;
use crate::store::Unwritable;
use crate::tui::app::ReadOnly;

/// Why the console only reads, in a sentence; `db` names the database.
pub fn reason(w: Words, why: &ReadOnly, db: &str) -> String {
    match why {
        ReadOnly::Viewer(a) => {
            let login = a.login.as_str().into();
            match &a.source {
                RoleSource::Config(path) => w.with(
                    "read-only-viewer-from",
                    &[("login", login), ("path", path.as_str().into())],
                ),
                RoleSource::NoRoles => w.with("read-only-viewer", &[("login", login)]),
            }
        }
        ReadOnly::Database(Unwritable::File) => w.with("read-only-file", &[("db", db.into())]),
        ReadOnly::Database(Unwritable::Folder) => w.with("read-only-folder", &[("db", db.into())]),
        ReadOnly::Database(Unwritable::Opened) => w.with("read-only-opened", &[("db", db.into())]),
    }
}
