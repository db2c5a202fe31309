//! Why the database file could not be opened or made: its folder or file
//! cannot be created or entered, or it is not a RenOS database. Typed, so
//! each is worded in the language (`words::values::open_error`); `Display`
//! is the English text (the log). The system's own error is kept, so its
//! words come last.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum OpenError {
    /// The database's folder could not be made.
    Folder {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The database file could not be made.
    File {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The file is there but cannot be reached (usually a folder this user
    /// may not enter).
    Unreachable {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The file is not a RenOS database, or it is damaged.
    NotADatabase { path: PathBuf },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Folder { path, error } => {
                write!(f, "cannot create folder {}: {error}", path.display())
            }
            OpenError::File { path, error } => {
                write!(f, "cannot create {}: {error}", path.display())
            }
            OpenError::Unreachable { path, error } => {
                write!(f, "cannot open the database {}: {error}", path.display())
            }
            OpenError::NotADatabase { path } => write!(
                f,
                "{} is not a RenOS database (or it is damaged): check --db (or `database` in the \
                 config), or restore a backup",
                path.display()
            ),
        }
    }
}
