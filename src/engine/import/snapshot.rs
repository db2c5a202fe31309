//! The file an import reads, read once. An import checks every record
//! first and writes in a second pass; reading the file twice would hang on
//! a pipe (`<(…)`, a FIFO), find `/dev/stdin` empty the second time, and
//! write records nobody checked if the file were swapped in between.
//!
//! So the first pass reads the input (`-`: standard input) through a [`Tee`]
//! that keeps a copy of every byte in a private unnamed temporary file
//! (mode 0600, gone when dropped), and the second pass reads that copy:
//! what is written is exactly what was checked. The first pass still reads
//! the input as it comes, so a reader's limits stop an endless input at
//! once.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// The most an import reads (a larger input is refused, not half-read).
pub const MAX_INPUT_BYTES: u64 = 4 << 30;

/// The copy of what the first pass read.
#[derive(Debug)]
pub struct Snapshot {
    file: File,
}

/// The input as the first pass reads it, copied on the way.
pub struct Tee {
    input: Box<dyn Read>,
    copy: File,
    read: u64,
}

impl Snapshot {
    /// Opens `path` (`-`: standard input) for the first pass.
    pub fn open(path: &Path) -> io::Result<(Snapshot, Tee)> {
        let input: Box<dyn Read> = if path == Path::new("-") {
            Box::new(io::stdin())
        } else {
            Box::new(File::open(path)?)
        };
        Snapshot::of(input)
    }

    /// `input` for the first pass.
    pub fn of(input: Box<dyn Read>) -> io::Result<(Snapshot, Tee)> {
        let file = tempfile::tempfile()?;
        let copy = file.try_clone()?;
        Ok((
            Snapshot { file },
            Tee {
                input,
                copy,
                read: 0,
            },
        ))
    }

    /// What the first pass read, from its start, for the second pass (read
    /// it once the first pass is done: the handles share their position).
    pub fn reader(&self) -> io::Result<File> {
        let mut f = self.file.try_clone()?;
        f.seek(SeekFrom::Start(0))?;
        Ok(f)
    }
}

impl Read for Tee {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.input.read(buf)?;
        self.read += n as u64;
        if self.read > MAX_INPUT_BYTES {
            return Err(io::Error::other(format!(
                "it is larger than {} GB, the most an import reads; split it",
                MAX_INPUT_BYTES >> 30
            )));
        }
        self.copy.write_all(&buf[..n])?;
        Ok(n)
    }
}

/// The size of `path` when it is a regular file (for a progress bar);
/// 0 for a pipe or standard input.
pub fn size_hint(path: &Path) -> u64 {
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file())
        .map_or(0, |m| m.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(mut r: impl Read) -> String {
        let mut text = String::new();
        r.read_to_string(&mut text).expect("read");
        text
    }

    #[test]
    fn the_second_pass_reads_what_the_first_read() {
        let bytes = b"navn,telefon\nAnna,12345678\n";
        let (snap, tee) = Snapshot::of(Box::new(&bytes[..])).expect("open");
        assert_eq!(read_all(tee), "navn,telefon\nAnna,12345678\n");
        for _ in 0..2 {
            assert_eq!(
                read_all(snap.reader().expect("reader")),
                "navn,telefon\nAnna,12345678\n"
            );
        }
    }

    #[test]
    fn a_file_swapped_after_the_first_pass_changes_nothing() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("k.csv");
        std::fs::write(&path, "first").expect("write");
        let (snap, tee) = Snapshot::open(&path).expect("open");
        assert_eq!(read_all(tee), "first");
        std::fs::write(&path, "swapped").expect("write");
        assert_eq!(read_all(snap.reader().expect("reader")), "first");
    }
}
