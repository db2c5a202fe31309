//! `renos init --shared DIR --group GROUP`: a folder for a team on one
//! server, said step by step, and how each member points renos at it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use crate::clock::Clock;
use crate::config::group_label;
use crate::engine::shared::{self, Step};

#[derive(Debug, Clone, clap::Args)]
pub struct InitArgs {
    /// The team's folder (made if missing; its parent must exist).
    #[arg(long, value_name = "DIR")]
    pub shared: PathBuf,
    /// The Unix group of the team: its members read and write the database.
    #[arg(long, value_name = "GROUP")]
    pub group: String,
}

/// Sets up the folder, or puts it right; prints what it did.
pub fn run(args: &InitArgs, now: Option<&str>) -> Result<ExitCode> {
    let clock = match now {
        Some(s) => Clock::parse_fixed(s).map_err(|e| anyhow!("--now: {e}"))?,
        None => Clock::System,
    };
    // Absolute, so the config and the hints hold from any folder.
    let dir =
        std::path::absolute(&args.shared).map_err(|e| anyhow!("{}: {e}", args.shared.display()))?;
    let login = crate::config::login();
    let setup = shared::set_up(&dir, &args.group, &login, clock)?;
    let mut out = super::screen::stdout();
    for step in &setup.steps {
        writeln!(out, "{}", said(step))?;
    }
    let config = setup.config.display();
    writeln!(
        out,
        "\nEach member of {} points renos at it (e.g. in ~/.profile):\n  export RENOS_CONFIG={config}\n\
         The config names the database; `--db {}` and RENOS_DB work too.\n\
         Roles and the providers' secrets go in {config} (see its comments);\n\
         `renos doctor` shows who you are here and checks the modes.",
        args.group,
        setup.database.display()
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One step in words.
fn said(step: &Step) -> String {
    match step {
        Step::MadeFolder(p) => format!(
            "made {} (group {}, mode {:o}: what is made inside is the group's)",
            p.display(),
            group_of(p),
            shared::FOLDER_MODE
        ),
        Step::MadeDatabase(p) => format!(
            "made the database {} (mode {:o})",
            p.display(),
            shared::DATABASE_MODE
        ),
        Step::Migrated(p) => format!("the database {} is up to date", p.display()),
        Step::MadeConfig(p) => format!(
            "made the config {} (mode {:o}: the group reads it, you change it)",
            p.display(),
            shared::CONFIG_MODE
        ),
        Step::Kept(p) => format!("{}: in order", p.display()),
        Step::Fixed { path, mode, group } => {
            let mut changes = Vec::new();
            if mode.0 != mode.1 {
                changes.push(format!("mode {:o} → {:o}", mode.0, mode.1));
            }
            if group.0 != group.1 {
                changes.push(format!(
                    "group {} → {}",
                    group_label(group.0),
                    group_label(group.1)
                ));
            }
            format!("{}: {}", path.display(), changes.join(", "))
        }
    }
}

fn group_of(p: &Path) -> String {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(p).map_or_else(|_| "?".into(), |m| group_label(m.gid()))
}
