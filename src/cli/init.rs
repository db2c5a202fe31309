//! `renos init --shared DIR --group GROUP`: a folder for a team on one
//! server, said step by step, and how each member points renos at it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use crate::clock::Clock;
use crate::config::group_label;
use crate::engine::shared::{self, Step};
use crate::i18n::Words;

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
pub fn run(w: Words, args: &InitArgs, now: Option<&str>) -> Result<ExitCode> {
    let clock = match now {
        Some(s) => Clock::parse_fixed(s)
            .map_err(|e| anyhow!(crate::words::values::instant_error(w, &e)))?,
        None => Clock::System,
    };
    // Absolute, so the config and the hints hold from any folder.
    let dir = std::path::absolute(&args.shared).map_err(|e| {
        anyhow!(
            "{}: {}",
            args.shared.display(),
            crate::words::values::io_error(w, &e)
        )
    })?;
    let login = crate::config::login();
    let setup = shared::set_up(&dir, &args.group, &login, clock)
        .map_err(|e| anyhow!(crate::words::values::setup_error(w, &e)))?;
    let mut out = super::screen::stdout();
    for step in &setup.steps {
        writeln!(out, "{}", said(w, step))?;
    }
    let config = setup.config.display().to_string();
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        w.with(
            "cli-init-hint",
            &[
                ("group", args.group.as_str().into()),
                ("config", config.into()),
                ("db", setup.database.display().to_string().into())
            ]
        )
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One step in words.
fn said(w: Words, step: &Step) -> String {
    let path = |p: &Path| p.display().to_string();
    match step {
        Step::MadeFolder(p) => w.with(
            "cli-init-made-folder",
            &[
                ("path", path(p).into()),
                ("group", group_of(p).into()),
                ("mode", format!("{:o}", shared::FOLDER_MODE).into()),
            ],
        ),
        Step::MadeDatabase(p) => w.with(
            "cli-init-made-database",
            &[
                ("path", path(p).into()),
                ("mode", format!("{:o}", shared::DATABASE_MODE).into()),
            ],
        ),
        Step::Migrated(p) => w.with("cli-init-migrated", &[("path", path(p).into())]),
        Step::MadeConfig(p) => w.with(
            "cli-init-made-config",
            &[
                ("path", path(p).into()),
                ("mode", format!("{:o}", shared::CONFIG_MODE).into()),
            ],
        ),
        Step::Kept(p) => w.with("cli-init-kept", &[("path", path(p).into())]),
        Step::Fixed {
            path: p,
            mode,
            group,
        } => {
            let mut changes = Vec::new();
            if mode.0 != mode.1 {
                changes.push(w.with(
                    "cli-init-mode-changed",
                    &[
                        ("from", format!("{:o}", mode.0).into()),
                        ("to", format!("{:o}", mode.1).into()),
                    ],
                ));
            }
            if group.0 != group.1 {
                changes.push(w.with(
                    "cli-init-group-changed",
                    &[
                        ("from", group_label(group.0).into()),
                        ("to", group_label(group.1).into()),
                    ],
                ));
            }
            w.with(
                "cli-init-fixed",
                &[
                    ("path", path(p).into()),
                    ("changes", changes.join(", ").into()),
                ],
            )
        }
    }
}

fn group_of(p: &Path) -> String {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(p).map_or_else(|_| "?".into(), |m| group_label(m.gid()))
}
