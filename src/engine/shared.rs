//! A folder for a team on one server (`renos init --shared DIR --group G`):
//! the folder setgid and the group's (2770), the database in it (0660), and
//! a config for the team's secrets (0640: the group reads it, its owner
//! writes it). Run again, it puts back what was changed and says so.
//! What renos creates there later gets the group's modes (`crate::fsperm`).

use std::fs::{DirBuilder, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::clock::Clock;
use crate::store::{Store, StoreError};

/// The folder's mode: the group's, setgid so what is made inside is too.
pub const FOLDER_MODE: u32 = 0o2770;
/// The database's mode, and that of its WAL, shared memory and lock.
pub const DATABASE_MODE: u32 = 0o660;
/// The config's mode: the group reads it, only its owner changes it.
pub const CONFIG_MODE: u32 = 0o640;
/// The database's file name in the folder.
pub const DATABASE: &str = "renos.db";
/// The config's file name in the folder.
pub const CONFIG: &str = "config.toml";

/// Files renos keeps beside the database; anything else in the folder
/// means it is someone else's.
const SIDE_FILES: [&str; 3] = ["-wal", "-shm", ".serve.lock"];

/// One thing done (or found in order) while setting up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A new folder, the group's.
    MadeFolder(PathBuf),
    /// A new database, its schema current.
    MadeDatabase(PathBuf),
    /// A new config with every key commented.
    MadeConfig(PathBuf),
    /// The mode or the group of an existing file or folder put right.
    Fixed {
        path: PathBuf,
        mode: (u32, u32),
        group: (u32, u32),
    },
    /// An existing file or folder already as it should be.
    Kept(PathBuf),
    /// An existing database brought to the current schema (or found so).
    Migrated(PathBuf),
}

/// Why the folder could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(
        "there is no group {0:?}: make it (`groupadd {0}`) and add the team (`usermod -aG {0} LOGIN`)"
    )]
    NoGroup(String),
    #[error("{0} exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error(
        "{} already holds files that are not renos's ({}): choose an empty folder, or move them away",
        dir.display(),
        files.join(", ")
    )]
    Foreign { dir: PathBuf, files: Vec<String> },
    #[error("{0} is a symbolic link, which renos does not follow; remove it")]
    Link(PathBuf),
    #[error(
        "not permitted to {what} {}: run `renos init` as root, or as the folder's owner and a member of the group",
        path.display()
    )]
    NotPermitted { what: &'static str, path: PathBuf },
    #[error("cannot {what} {}: {error}", path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        error: io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What `set_up` did, in order, and where the team's files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub database: PathBuf,
    pub config: PathBuf,
    pub steps: Vec<Step>,
}

/// Sets up (or puts right) `dir` for the members of `group`, acting as
/// `actor` for the database's first transaction.
pub fn set_up(dir: &Path, group: &str, actor: &str, clock: Clock) -> Result<Setup, SetupError> {
    let gid =
        crate::config::group_id(group).ok_or_else(|| SetupError::NoGroup(group.to_string()))?;
    let mut steps = Vec::new();
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => return Err(SetupError::Link(dir.to_path_buf())),
        Ok(m) if !m.is_dir() => return Err(SetupError::NotAFolder(dir.to_path_buf())),
        Ok(_) => {
            check_contents(dir)?;
            steps.push(put_right(dir, FOLDER_MODE, gid)?);
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // Its parent must be there already: one made here would be
            // private, and the team could not reach the folder.
            DirBuilder::new()
                .mode(0o700)
                .create(dir)
                .map_err(|e| refused("make", dir, e))?;
            // Given to the group before it is opened up to it.
            put_right(dir, FOLDER_MODE, gid)?;
            steps.push(Step::MadeFolder(dir.to_path_buf()));
        }
        Err(e) => return Err(io_error("read", dir, e)),
    }

    let database = dir.join(DATABASE);
    let existed = refuse_link(&database)?;
    if existed {
        steps.push(put_right(&database, DATABASE_MODE, gid)?);
    }
    // Created with the folder's rule (0660, the group's), or migrated.
    drop(Store::open(&database, actor, clock)?);
    steps.push(if existed {
        Step::Migrated(database.clone())
    } else {
        Step::MadeDatabase(database.clone())
    });
    for side in SIDE_FILES {
        let p = dir.join(format!("{DATABASE}{side}"));
        if refuse_link(&p)? {
            steps.push(put_right(&p, DATABASE_MODE, gid)?);
        }
    }

    let config = dir.join(CONFIG);
    if refuse_link(&config)? {
        steps.push(put_right(&config, CONFIG_MODE, gid)?);
    } else {
        write_config(&config, &database, group, gid)?;
        steps.push(Step::MadeConfig(config.clone()));
    }
    Ok(Setup {
        database,
        config,
        steps,
    })
}

/// Refuses a folder holding anything but renos's own files.
fn check_contents(dir: &Path) -> Result<(), SetupError> {
    let mut foreign = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io_error("read", dir, e))? {
        let entry = entry.map_err(|e| io_error("read", dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name == CONFIG
            || name == DATABASE
            || SIDE_FILES.iter().any(|s| name == format!("{DATABASE}{s}"));
        if !ours {
            foreign.push(name);
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    if foreign.len() > 5 {
        let more = foreign.len() - 4;
        foreign.truncate(4);
        foreign.push(format!("and {more} more"));
    }
    Err(SetupError::Foreign {
        dir: dir.to_path_buf(),
        files: foreign,
    })
}

/// Whether `path` exists; a symbolic link there is an error.
fn refuse_link(path: &Path) -> Result<bool, SetupError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(SetupError::Link(path.to_path_buf())),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_error("read", path, e)),
    }
}

/// Gives `path` the group `gid` and the mode `mode`, saying what changed.
fn put_right(path: &Path, mode: u32, gid: u32) -> Result<Step, SetupError> {
    let before = std::fs::symlink_metadata(path).map_err(|e| io_error("read", path, e))?;
    let (old_mode, old_gid) = (before.mode() & 0o7777, before.gid());
    if old_gid != gid {
        std::os::unix::fs::lchown(path, None, Some(gid))
            .map_err(|e| refused("give to the group", path, e))?;
    }
    // Always set: a change of group clears the setgid bit.
    std::fs::set_permissions(path, Permissions::from_mode(mode))
        .map_err(|e| refused("change the mode of", path, e))?;
    let after = std::fs::symlink_metadata(path).map_err(|e| io_error("read", path, e))?;
    Ok(if (old_mode, old_gid) == (mode, gid) {
        Step::Kept(path.to_path_buf())
    } else {
        Step::Fixed {
            path: path.to_path_buf(),
            mode: (old_mode, after.mode() & 0o7777),
            group: (old_gid, after.gid()),
        }
    })
}

/// The config file of the team: every key commented, the database named.
fn write_config(path: &Path, database: &Path, group: &str, gid: u32) -> Result<(), SetupError> {
    let text = config_text(database, group);
    let mut f = crate::fsperm::create_new(path).map_err(|e| io_error("create", path, e))?;
    put_right(path, CONFIG_MODE, gid)?;
    io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| io_error("write", path, e))?;
    f.sync_all().map_err(|e| io_error("write", path, e))?;
    Ok(())
}

/// The text of a new team config.
pub fn config_text(database: &Path, group: &str) -> String {
    let db = toml::Value::String(database.display().to_string());
    format!(
        "# RenOS Dispatch: the settings of the team {group}.
# The group reads this file (mode 640); only its owner changes it.
# Each member points renos at it: export RENOS_CONFIG=<this file>

database = {db}

# Who may change what, by Unix login or @group. Without [roles] everybody
# is an admin; with it, a login not listed is a viewer (reads only).
# dispatcher: bookings, customers, imports, sync, alerts;
# admin: also staff and invoices.
# [roles]
# admin = [\"anna\"]
# dispatcher = [\"@{group}\"]
# viewer = [\"@seasonal\"]

# Google Calendar (or GOOGLE_* in the environment).
# [google]
# calendar_id = \"\"
# key_file = \"\"

# Billy (invoices).
# [billy]
# api_key = \"\"
# organization_id = \"\"

# Twilio (calls and SMS).
# [twilio]
# account_sid = \"\"
# auth_token = \"\"
# phone_number = \"\"

# The slot finder (F, renos slots) and the sick call (X, renos reassign):
# slots start every grid_min minutes, at least min_notice_min minutes and
# at most max_notice_days days ahead, and keep the travel gap free around
# each job (within one area: [conflicts] travel_gap_min, 15).
# [slots]
# grid_min = 15
# min_notice_min = 120
# max_notice_days = 90
# travel_gap_between_areas_min = 30
"
    )
}

fn io_error(what: &'static str, path: &Path, error: io::Error) -> SetupError {
    SetupError::Io {
        what,
        path: path.to_path_buf(),
        error,
    }
}

fn refused(what: &'static str, path: &Path, error: io::Error) -> SetupError {
    if error.kind() == io::ErrorKind::PermissionDenied {
        SetupError::NotPermitted {
            what,
            path: path.to_path_buf(),
        }
    } else {
        io_error(what, path, error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A group this process may give files to: its own.
    fn own_group() -> String {
        // SAFETY: getegid cannot fail.
        crate::config::group_label(unsafe { libc::getegid() })
    }

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).expect("stat").mode() & 0o7777
    }

    #[test]
    fn a_new_folder_gets_the_database_and_the_config() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("team");
        let setup = set_up(&dir, &own_group(), "t", Clock::System).expect("set up");
        assert_eq!(mode(&dir), FOLDER_MODE);
        assert_eq!(mode(&setup.database), DATABASE_MODE);
        assert_eq!(mode(&setup.config), CONFIG_MODE);
        assert_eq!(
            setup.steps,
            [
                Step::MadeFolder(dir.clone()),
                Step::MadeDatabase(setup.database.clone()),
                Step::MadeConfig(setup.config.clone())
            ]
        );
        // The config reads, and names the database.
        let s = crate::config::Settings::load(Some(&setup.config)).expect("config");
        assert_eq!(s.database, setup.database);
    }

    #[test]
    fn the_commented_slots_table_holds_the_defaults() {
        let text = config_text(Path::new("/srv/renos/renos.db"), "team");
        let start = text.find("# [slots]").expect("the [slots] table");
        let table: String = text[start..]
            .lines()
            .take_while(|l| l.starts_with("# "))
            .map(|l| format!("{}\n", &l[2..]))
            .collect();
        assert!(table.contains("travel_gap_between_areas_min"), "{table}");
        let s = crate::config::Settings::parse(&table, Path::new("config.toml")).expect("parse");
        assert_eq!(s.slots, crate::config::SlotsConfig::default());
    }

    #[test]
    fn run_again_it_puts_modes_back_and_keeps_the_config() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("team");
        let first = set_up(&dir, &own_group(), "t", Clock::System).expect("set up");
        std::fs::write(&first.config, "dispatcher = \"Mette\"\n").expect("edit");
        std::fs::set_permissions(&first.database, Permissions::from_mode(0o644)).expect("chmod");
        let again = set_up(&dir, &own_group(), "t", Clock::System).expect("again");
        assert_eq!(mode(&first.database), DATABASE_MODE);
        assert!(again.steps.iter().any(|s| matches!(
            s,
            Step::Fixed { path, mode: (0o644, 0o660), .. } if *path == first.database
        )));
        assert!(again.steps.contains(&Step::Kept(dir.clone())));
        assert_eq!(
            std::fs::read_to_string(&first.config).expect("config"),
            "dispatcher = \"Mette\"\n",
            "never overwritten"
        );
    }

    #[test]
    fn a_folder_of_other_files_or_an_unknown_group_is_refused() {
        let tmp = tempfile::tempdir().expect("tmp");
        std::fs::write(tmp.path().join("notes.txt"), "mine").expect("file");
        let e = set_up(tmp.path(), &own_group(), "t", Clock::System).unwrap_err();
        assert!(matches!(e, SetupError::Foreign { .. }), "{e}");
        assert!(e.to_string().contains("notes.txt"), "{e}");
        assert!(!tmp.path().join(DATABASE).exists());
        let e = set_up(
            &tmp.path().join("x"),
            "no-such-group-here",
            "t",
            Clock::System,
        )
        .unwrap_err();
        assert!(e.to_string().contains("groupadd no-such-group-here"), "{e}");
        assert!(!tmp.path().join("x").exists());
    }
}
