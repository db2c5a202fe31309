//! Where an export goes: standard output (exact, or cleaned for a terminal:
//! see [`super::screen::data_stdout`]), or a file that appears only when
//! it is complete (written beside it, then renamed), so a failed export never
//! leaves half a file. The file is private, or the group's in a shared
//! folder (see `crate::fsperm`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::i18n::Words;

enum Sink {
    /// Exact bytes into a file or pipe, made safe on a terminal.
    Stdout(Box<dyn Write>),
    File(BufWriter<File>),
}

pub struct Output {
    sink: Sink,
    /// `(partial file, destination)` when writing a file.
    paths: Option<(PathBuf, PathBuf)>,
    /// The words of the errors.
    words: Words,
}

impl Output {
    /// No path or `-`: standard output.
    pub fn is_stdout(path: Option<&Path>) -> bool {
        path.is_none_or(|p| p.as_os_str() == "-")
    }

    pub fn create(path: Option<&Path>, words: Words) -> Result<Output> {
        let dest = match path {
            Some(p) if !Output::is_stdout(Some(p)) => p,
            _ => {
                return Ok(Output {
                    sink: Sink::Stdout(super::screen::data_stdout()),
                    paths: None,
                    words,
                });
            }
        };
        let (f, tmp) = partial(dest).with_context(|| cannot_write(words, dest))?;
        Ok(Output {
            sink: Sink::File(BufWriter::new(f)),
            paths: Some((tmp, dest.to_path_buf())),
            words,
        })
    }

    /// Flushes; a file is synced and renamed into place. The rename
    /// replaces whatever is at the destination, a symbolic link itself
    /// rather than the file it points to.
    pub fn commit(mut self) -> Result<()> {
        self.flush()?;
        if let (Sink::File(w), Some((tmp, dest))) = (&self.sink, self.paths.take()) {
            w.get_ref().sync_all()?;
            std::fs::rename(&tmp, &dest).with_context(|| cannot_write(self.words, &dest))?;
        }
        Ok(())
    }
}

/// A new file beside `dest` with a name no one can guess, so nothing planted
/// there beforehand (a symbolic link) is ever written through. It has the
/// mode of the file it will replace, or else the folder's (see
/// `crate::fsperm`).
fn partial(dest: &Path) -> std::io::Result<(File, PathBuf)> {
    use ring::rand::{SecureRandom, SystemRandom};
    use std::os::unix::fs::PermissionsExt;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let rng = SystemRandom::new();
    let mut tries = 0;
    loop {
        let mut bytes = [0u8; 8];
        rng.fill(&mut bytes)
            .map_err(|_| std::io::Error::other("no random numbers for a file name"))?;
        let tag: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let tmp = dest.with_file_name(format!(".{name}.{tag}.partial"));
        match crate::fsperm::create_new(&tmp) {
            Ok(f) => {
                // A file the export replaces keeps the mode its owner gave it.
                if let Ok(m) = std::fs::symlink_metadata(dest)
                    && m.is_file()
                {
                    let mode = m.permissions().mode() & 0o777;
                    if let Err(e) = f.set_permissions(std::fs::Permissions::from_mode(mode)) {
                        let _ = std::fs::remove_file(&tmp);
                        return Err(e);
                    }
                }
                return Ok((f, tmp));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 8 => tries += 1,
            Err(e) => return Err(e),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.flush(),
            Sink::File(w) => w.flush(),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // Not committed: the export did not finish; leave no partial file.
        if let Some((tmp, _)) = self.paths.take()
            && let Err(e) = std::fs::remove_file(&tmp)
        {
            tracing::warn!(file = %tmp.display(), error = %e, "cannot remove a partial export");
        }
    }
}

/// Writes a file only its owner may read (mode 0600): keys, credentials.
/// It is written beside `path` and renamed over it, so an existing file is
/// replaced (a symbolic link itself, never the file it points to) and a
/// failed write leaves the old one.
pub fn write_private(path: &Path, bytes: &[u8], words: Words) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let write = || -> std::io::Result<()> {
        let (mut f, tmp) = partial(path)?;
        let done = f
            .set_permissions(std::fs::Permissions::from_mode(0o600))
            .and_then(|()| f.write_all(bytes))
            .and_then(|()| f.sync_all())
            .and_then(|()| std::fs::rename(&tmp, path));
        if done.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        done
    };
    write().with_context(|| cannot_write(words, path))
}

/// "cannot write PATH", for the error's context.
fn cannot_write(w: Words, path: &Path) -> String {
    w.with(
        "cli-cannot-write",
        &[("path", path.display().to_string().into())],
    )
}

/// Lists longer than this are cut in the text report (`--json` has more).
const SHOWN: usize = 50;

/// Writes `lines` under a heading, at most `SHOWN` of them; `more` is how
/// many the report counted without keeping them.
pub(super) fn list(
    out: &mut impl Write,
    w: Words,
    heading: &str,
    lines: &[String],
    more: u64,
) -> std::io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out, "  {heading}:")?;
    for l in lines.iter().take(SHOWN) {
        writeln!(out, "    {l}")?;
    }
    let rest = lines.len().saturating_sub(SHOWN) as u64 + more;
    if more > 0 {
        let listed = crate::engine::import::LISTED as u64;
        writeln!(
            out,
            "    {}",
            w.with(
                "cli-list-more-kept",
                &[("n", rest.into()), ("listed", listed.into())]
            )
        )?;
    } else if rest > 0 {
        writeln!(
            out,
            "    {}",
            w.with("cli-list-more", &[("n", rest.into())])
        )?;
    }
    Ok(())
}
