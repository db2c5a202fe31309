//! The modes of the files and folders renos creates. They are private to
//! their owner (files 0600, folders 0700) unless the folder they go into is
//! shared with a group, which its setgid bit says: then the group may read
//! and write them too (files 0660, folders 2770). A file or folder that
//! already exists keeps the mode it has.

use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The setgid bit of a folder: what it holds belongs to its group.
const SETGID: u32 = 0o2000;

/// The mode of a new file in a folder of mode `folder`.
pub fn file_mode(folder: u32) -> u32 {
    if folder & SETGID != 0 { 0o660 } else { 0o600 }
}

/// The mode of a new folder in a folder of mode `folder`.
pub fn dir_mode(folder: u32) -> u32 {
    if folder & SETGID != 0 { 0o2770 } else { 0o700 }
}

/// The mode of the folder `path` goes into (its parent, or the working
/// folder for a bare name).
fn folder_mode(path: &Path) -> io::Result<u32> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Ok(std::fs::metadata(parent)?.permissions().mode())
}

/// Creates `path` and the folders above it that are missing, each with the
/// mode its own parent calls for.
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    let missing: Vec<&Path> = path
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .take_while(|p| std::fs::metadata(p).is_err())
        .collect();
    for dir in missing.into_iter().rev() {
        let mode = dir_mode(folder_mode(dir)?);
        match DirBuilder::new().mode(mode).create(dir) {
            Ok(()) => {
                // The umask may have taken the group's bits: a shared
                // folder gets them back.
                if mode & SETGID != 0 {
                    std::fs::set_permissions(dir, Permissions::from_mode(mode))?;
                }
            }
            // Made by someone else meanwhile: theirs to keep.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Creates the folder `path`, which must not exist yet (a folder someone
/// else made beforehand, or a link, is refused), with its parent's rule.
pub fn create_dir(path: &Path) -> io::Result<()> {
    let mode = dir_mode(folder_mode(path)?);
    DirBuilder::new().mode(mode).create(path)?;
    if mode & SETGID != 0 {
        std::fs::set_permissions(path, Permissions::from_mode(mode))?;
    }
    Ok(())
}

/// Creates a new file for writing; fails if anything is at `path` already,
/// a symbolic link included (it is never followed).
pub fn create_new(path: &Path) -> io::Result<File> {
    let mode = file_mode(folder_mode(path)?);
    let f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)?;
    // Exactly this mode, whatever the umask took away.
    f.set_permissions(Permissions::from_mode(mode))?;
    Ok(f)
}

/// Creates an empty file at `path` if there is none; `true` when it did.
/// An existing file is left as it is.
pub fn create_if_missing(path: &Path) -> io::Result<bool> {
    match create_new(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// Opens `path` for appending, creating it (with the folder's mode) when
/// missing. A symbolic link there is refused, never followed.
pub fn open_append(path: &Path) -> io::Result<File> {
    create_if_missing(path)?;
    open_no_follow(path, OpenOptions::new().append(true))
}

/// Opens `path` for reading and writing, creating it (with the folder's
/// mode) when missing. A symbolic link there is refused, never followed.
pub fn open_read_write(path: &Path) -> io::Result<File> {
    create_if_missing(path)?;
    open_no_follow(path, OpenOptions::new().read(true).write(true))
}

/// Opens an existing `path` with `options`, refusing a symbolic link (a
/// link planted where renos writes would send the writes elsewhere).
fn open_no_follow(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    options
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                io::Error::other(format!(
                    "{} is a symbolic link, which renos does not follow; remove it",
                    path.display()
                ))
            } else {
                e
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).expect("stat").permissions().mode() & 0o7777
    }

    #[test]
    fn the_rule_follows_the_setgid_bit() {
        assert_eq!(file_mode(0o755), 0o600);
        assert_eq!(file_mode(0o2770), 0o660);
        assert_eq!(file_mode(0o2755), 0o660);
        assert_eq!(dir_mode(0o755), 0o700);
        assert_eq!(dir_mode(0o2770), 0o2770);
    }

    #[test]
    fn a_plain_folder_gets_private_files_and_folders() {
        let tmp = tempfile::tempdir().expect("tmp");
        std::fs::set_permissions(tmp.path(), Permissions::from_mode(0o755)).expect("chmod");
        let dir = tmp.path().join("a/b");
        create_dir_all(&dir).expect("mkdir");
        assert!(
            create_dir(&dir).is_err(),
            "an existing folder is not reused"
        );
        create_dir(&tmp.path().join("c")).expect("mkdir");
        assert_eq!(mode(&tmp.path().join("c")), 0o700);
        assert_eq!(mode(&tmp.path().join("a")), 0o700);
        assert_eq!(mode(&dir), 0o700);
        let file = dir.join("f");
        create_new(&file).expect("create");
        assert_eq!(mode(&file), 0o600);
        assert!(create_new(&file).is_err(), "an existing file is not reused");
        assert!(!create_if_missing(&file).expect("exists"));
    }

    #[test]
    fn a_setgid_folder_gets_group_files_and_folders() {
        let tmp = tempfile::tempdir().expect("tmp");
        std::fs::set_permissions(tmp.path(), Permissions::from_mode(0o2770)).expect("chmod");
        if mode(tmp.path()) & SETGID == 0 {
            eprintln!("skipped: this file system keeps no setgid bit");
            return;
        }
        let dir = tmp.path().join("shared");
        create_dir_all(&dir).expect("mkdir");
        assert_eq!(mode(&dir), 0o2770);
        let file = dir.join("f");
        create_new(&file).expect("create");
        assert_eq!(mode(&file), 0o660);
        let log = tmp.path().join("log");
        open_append(&log).expect("log");
        assert_eq!(mode(&log), 0o660);
    }

    #[test]
    fn an_existing_file_keeps_its_mode() {
        let tmp = tempfile::tempdir().expect("tmp");
        let file = tmp.path().join("f");
        std::fs::write(&file, "x").expect("write");
        std::fs::set_permissions(&file, Permissions::from_mode(0o644)).expect("chmod");
        open_append(&file).expect("append");
        assert_eq!(mode(&file), 0o644);
    }

    #[test]
    fn a_symlink_is_never_followed_by_create_new() {
        let tmp = tempfile::tempdir().expect("tmp");
        let target = tmp.path().join("target");
        std::fs::write(&target, "keep").expect("write");
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        assert!(create_new(&link).is_err());
        let dangling = tmp.path().join("dangling");
        std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).expect("link");
        assert!(create_new(&dangling).is_err());
        assert!(!tmp.path().join("nowhere").exists());
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep");
    }

    #[test]
    fn a_symlink_is_never_followed_when_opening() {
        let tmp = tempfile::tempdir().expect("tmp");
        let target = tmp.path().join("target");
        std::fs::write(&target, "keep").expect("write");
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        for open in [open_append, open_read_write] {
            let e = open(&link).expect_err("a link");
            assert!(e.to_string().contains("is a symbolic link"), "{e}");
        }
        let dangling = tmp.path().join("dangling");
        std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).expect("link");
        assert!(open_append(&dangling).is_err());
        assert!(!tmp.path().join("nowhere").exists());
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep");
        let plain = tmp.path().join("plain");
        open_read_write(&plain).expect("new file");
        open_read_write(&plain).expect("existing file");
    }
}
