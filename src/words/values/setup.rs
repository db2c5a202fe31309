//! Why `renos init` could not set up the team's folder, in words: no such
//! group, a file or link in the way, a step not permitted, the system's
//! refusal (its own words last).

use crate::engine::shared::SetupError;
use crate::i18n::Words;

use super::import_file::io_error;

/// Why the folder could not be set up.
pub fn setup_error(w: Words, e: &SetupError) -> String {
    let path = |p: &std::path::Path| p.display().to_string();
    match e {
        SetupError::NoGroup(group) => w.with(
            "setup-no-group",
            &[
                ("quoted", format!("{group:?}").into()),
                ("group", group.as_str().into()),
            ],
        ),
        SetupError::NotAFolder(p) => w.with("setup-not-a-folder", &[("path", path(p).into())]),
        SetupError::Foreign { dir, files } => w.with(
            "setup-foreign",
            &[
                ("path", path(dir).into()),
                ("files", files.join(", ").into()),
            ],
        ),
        SetupError::Link(p) => w.with("setup-link", &[("path", path(p).into())]),
        SetupError::NotPermitted { what, path: p } => w.with(
            "setup-not-permitted",
            &[("what", step(w, what, &path(p)).into())],
        ),
        SetupError::Io {
            what,
            path: p,
            error,
        } => w.with(
            "setup-io",
            &[
                ("what", step(w, what, &path(p)).into()),
                ("why", io_error(w, error).into()),
            ],
        ),
        SetupError::Store(e) => super::store_error(w, e),
    }
}

/// What setting up tried to do to a file or folder: "make /srv/renos",
/// "give to the group /srv/renos/renos.db".
fn step(w: Words, what: &str, path: &str) -> String {
    let key = match what {
        "make" => "setup-what-make",
        "create" => "setup-what-create",
        "read" => "setup-what-read",
        "write" => "setup-what-write",
        "give to the group" => "setup-what-group",
        "change the mode of" => "setup-what-mode",
        // A step named nowhere above: its English words.
        other => return format!("{other} {path}"),
    };
    w.with(key, &[("path", path.into())])
}
