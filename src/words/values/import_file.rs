//! Why an import could not read its file at all, and where one stopped
//! midway, in words: both imports and `renos validate`. The system's and
//! the reader's own words, when there are any, come last, after a sentence
//! that says what happened and what to do.

use std::io::ErrorKind;

use crate::engine::import::{FileFault, ImportError, Stopped};
use crate::i18n::Words;

/// An import that wrote nothing: `kunder.csv: filen findes ikke: …`.
pub fn import_error(w: Words, e: &ImportError) -> String {
    match e {
        ImportError::File { file, fault } => w.with(
            "import-file",
            &[
                ("file", file.as_str().into()),
                ("what", file_fault(w, fault).into()),
            ],
        ),
        ImportError::Store(e) => super::store_error(w, e),
    }
}

/// Why the file could not be imported.
pub fn file_fault(w: Words, f: &FileFault) -> String {
    match f {
        FileFault::CannotRead { kind, detail } => {
            let key = match kind {
                ErrorKind::NotFound => "import-file-not-found",
                ErrorKind::PermissionDenied => "import-file-denied",
                ErrorKind::IsADirectory => "import-file-is-a-folder",
                _ => "import-file-cannot-read",
            };
            w.with(key, &[("detail", detail.as_str().into())])
        }
        FileFault::NoSuchCleaner { name, known } => {
            if known.is_empty() {
                w.with(
                    "import-file-no-cleaners",
                    &[("name", format!("{name:?}").into())],
                )
            } else {
                w.with(
                    "import-file-no-such-cleaner",
                    &[
                        ("name", format!("{name:?}").into()),
                        ("known", known.join(", ").into()),
                    ],
                )
            }
        }
        FileFault::Stopped {
            line: Some(line),
            detail,
        } => w.with(
            "import-file-stopped-at",
            &[("line", (*line).into()), ("detail", detail.as_str().into())],
        ),
        FileFault::Stopped { line: None, detail } => {
            w.with("import-file-stopped", &[("detail", detail.as_str().into())])
        }
        FileFault::StoppedWriting { line, detail } => w.with(
            "import-file-stopped-writing",
            &[
                ("line", line.map_or(0, |l| l as i64).into()),
                ("detail", detail.as_str().into()),
            ],
        ),
    }
}

/// Where an import stopped midway, and how to finish it.
pub fn import_stopped(w: Words, s: &Stopped) -> String {
    match s {
        Stopped::Events { first, last, why } => w.with(
            "import-stopped-events",
            &[
                ("first", (*first).into()),
                ("last", (*last).into()),
                ("why", super::store_error(w, &why.0).into()),
            ],
        ),
        Stopped::Overrides { why } => w.with(
            "import-stopped-overrides",
            &[("why", super::store_error(w, &why.0).into())],
        ),
        Stopped::Records { first, last, why } => w.with(
            "import-stopped-records",
            &[
                ("first", (*first).into()),
                ("last", (*last).into()),
                ("why", super::store_error(w, &why.0).into()),
            ],
        ),
    }
}

/// A file or folder the system would not let a command read or write, in
/// words: what it means and what to do, the system's own words after it.
pub fn io_error(w: Words, e: &std::io::Error) -> String {
    let detail = e.to_string();
    let key = match e.kind() {
        ErrorKind::NotFound => "io-not-found",
        ErrorKind::PermissionDenied => "io-denied",
        ErrorKind::IsADirectory => "io-is-a-folder",
        ErrorKind::AlreadyExists => "io-exists",
        ErrorKind::StorageFull => "io-full",
        _ => "io-other",
    };
    w.with(key, &[("detail", detail.into())])
}
