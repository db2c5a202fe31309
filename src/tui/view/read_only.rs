//! The words of the console's read-only mode: the header's mark and the
//! reason the help and the status line give.

use crate::domain::RoleSource;
use crate::store::Unwritable;
use crate::tui::app::ReadOnly;

/// The header's mark.
pub const MARK: &str = "read-only";

/// Why the console only reads, in a sentence; `db` names the database.
pub fn reason(why: &ReadOnly, db: &str) -> String {
    match why {
        ReadOnly::Viewer(a) => {
            let from = match &a.source {
                RoleSource::Config(path) => format!(" ([roles] in {path})"),
                RoleSource::NoRoles => String::new(),
            };
            format!(
                "{} is a viewer: read-only; changes need the dispatcher role{from}",
                a.login
            )
        }
        ReadOnly::Database(Unwritable::File) => {
            format!("Read-only: this user cannot write {db}")
        }
        ReadOnly::Database(Unwritable::Folder) => {
            format!("Read-only: this user cannot write the folder of {db}")
        }
        ReadOnly::Database(Unwritable::Opened) => {
            format!("Read-only: SQLite opened {db} read-only")
        }
    }
}
