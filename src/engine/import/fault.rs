//! Why an import could not read its file at all, and where one stopped
//! midway, typed for both imports (customers and calendars). The commands
//! word them in their language (`words::values::import_file_fault`,
//! `import_stopped`); the English `Display` is what `--json` and the log
//! say, as always.

use std::fmt;
use std::io;
use std::sync::Arc;

use crate::store::StoreError;

/// Why a file could not be imported (nothing was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFault {
    /// The file cannot be opened or read: what kind of failure, and the
    /// system's own words.
    CannotRead { kind: io::ErrorKind, detail: String },
    /// `--staff` names no cleaner (the name, and the cleaners there are).
    NoSuchCleaner { name: String, known: Vec<String> },
    /// The reader stopped (at this line, when it knows it): the rest is not
    /// a file it can follow. Its own words.
    Stopped { line: Option<u64>, detail: String },
    /// The reader stopped while the records were written (at this line,
    /// when it knows it): the batches before it are written. Its own words.
    StoppedWriting { line: Option<u64>, detail: String },
}

impl FileFault {
    /// The file cannot be opened or read.
    pub fn cannot_read(e: &io::Error) -> FileFault {
        FileFault::CannotRead {
            kind: e.kind(),
            detail: e.to_string(),
        }
    }
}

impl fmt::Display for FileFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileFault::CannotRead { detail, .. } => write!(f, "cannot read it: {detail}"),
            FileFault::NoSuchCleaner { name, known } => {
                write!(f, "--staff {name:?} is not a cleaner (known: ")?;
                if known.is_empty() {
                    f.write_str("none yet: add them with `renos staff add`)")
                } else {
                    write!(f, "{})", known.join(", "))
                }
            }
            FileFault::Stopped {
                line: Some(line),
                detail,
            }
            | FileFault::StoppedWriting {
                line: Some(line),
                detail,
            } => write!(f, "line {line}: {detail}"),
            FileFault::Stopped { line: None, detail }
            | FileFault::StoppedWriting { line: None, detail } => f.write_str(detail),
        }
    }
}

/// Where an import stopped midway: the batches before it are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// The events on these lines (and any after them) were not imported;
    /// why, as the store said it.
    Events {
        first: u64,
        last: u64,
        why: StoreSaid,
    },
    /// The changed occurrences of recurring events were not all imported.
    Overrides { why: StoreSaid },
    /// The customer records on these lines (and any after them) were not
    /// imported.
    Records {
        first: u64,
        last: u64,
        why: StoreSaid,
    },
}

/// Why a batch or a record was not written: the store's error, kept whole
/// so the commands word it in their language
/// (`words::values::store_error`). Two are equal when their English texts
/// are.
#[derive(Debug, Clone)]
pub struct StoreSaid(pub Arc<StoreError>);

impl From<StoreError> for StoreSaid {
    fn from(e: StoreError) -> Self {
        StoreSaid(Arc::new(e))
    }
}

impl PartialEq for StoreSaid {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_string() == other.0.to_string()
    }
}

impl Eq for StoreSaid {}

impl fmt::Display for StoreSaid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stopped::Events { first, last, why } => write!(
                f,
                "the events on lines {first}–{last} were not imported: {why}. The events before \
                 them are imported; run the import again to finish (events already imported are \
                 recognised by their UID)"
            ),
            Stopped::Overrides { why } => write!(
                f,
                "the changed occurrences of recurring events were not all imported: {why}. Run \
                 the import again to finish (events already imported are recognised by their UID)"
            ),
            Stopped::Records { first, last, why } => write!(
                f,
                "lines {first}–{last} were not imported: {why}. The lines before them are \
                 imported; run the import again to finish (records already imported are \
                 recognised as duplicates)"
            ),
        }
    }
}

/// As its English text, the way `--json` has always had it.
impl serde::Serialize for Stopped {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
