//! `renos staff list|add|set|remove`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::Subcommand;

use super::Context;
use crate::domain::{Staff, TimeOff, WorkingHours};
use crate::store::{NewStaff, StaffPatch};

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// List the cleaners.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a cleaner.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        phone: String,
        /// A colour name or #rrggbb for the lane marker.
        #[arg(long, default_value = "")]
        colour: String,
        /// e.g. "mon-fri 07:00-16:00, sat 08:00-12:00" (default mon-fri 07:00-16:00).
        #[arg(long)]
        hours: Option<String>,
        /// Days off: 2026-11-24 or 2026-11-24..2026-11-26, optionally ":reason". Repeatable.
        #[arg(long = "time-off", value_name = "DATES")]
        time_off: Vec<String>,
    },
    /// Change a cleaner (by name or #id).
    Set {
        who: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        colour: Option<String>,
        #[arg(long)]
        hours: Option<String>,
        /// Add days off (repeatable).
        #[arg(long = "time-off", value_name = "DATES")]
        time_off: Vec<String>,
        /// Remove all days off (before adding any given with --time-off).
        #[arg(long)]
        clear_time_off: bool,
    },
    /// Remove a cleaner from the plan (refused while they have jobs to come).
    Remove { who: String },
}

fn hours(spec: Option<&str>) -> Result<Option<WorkingHours>> {
    spec.map(|s| WorkingHours::parse(s).map_err(|e| anyhow!("--hours: {e}")))
        .transpose()
}

fn time_off(specs: &[String]) -> Result<Vec<TimeOff>> {
    specs
        .iter()
        .map(|s| TimeOff::parse(s).map_err(|e| anyhow!("--time-off: {e}")))
        .collect()
}

fn colour(c: &str) -> Result<String> {
    if !c.is_empty() && c.parse::<ratatui::style::Color>().is_err() {
        return Err(anyhow!(
            "--colour: {c:?} is not a colour; use a name (blue) or #rrggbb"
        ));
    }
    Ok(c.to_string())
}

fn describe(s: &Staff) -> String {
    let off: Vec<String> = s
        .time_off
        .iter()
        .map(|t| {
            let range = if t.from == t.to {
                t.from.to_string()
            } else {
                format!("{}..{}", t.from, t.to)
            };
            if t.reason.is_empty() {
                range
            } else {
                format!("{range}: {}", t.reason)
            }
        })
        .collect();
    format!(
        "#{:<3} {:<20} {:<13} {}{}",
        s.id,
        s.name,
        s.phone,
        s.hours.to_spec(),
        if off.is_empty() {
            String::new()
        } else {
            format!("  off {}", off.join(", "))
        }
    )
}

pub fn run(ctx: &Context, cmd: StaffCommand) -> Result<ExitCode> {
    let mut out = super::screen::stdout();
    match cmd {
        StaffCommand::List { json } => {
            let store = ctx.open_existing()?;
            let staff = store.staff()?;
            if json {
                super::screen::json(&mut out, &staff)?;
            } else if staff.is_empty() {
                writeln!(
                    out,
                    "No cleaners yet. Add one: renos staff add \"Anna Jensen\" --hours \"mon-fri 07:00-16:00\""
                )?;
            } else {
                for s in &staff {
                    writeln!(out, "{}", describe(s))?;
                }
            }
        }
        StaffCommand::Add {
            name,
            phone,
            colour: c,
            hours: h,
            time_off: t,
        } => {
            let new = NewStaff {
                name,
                phone,
                colour: colour(&c)?,
                hours: hours(h.as_deref())?.unwrap_or_default(),
                time_off: time_off(&t)?,
            };
            let mut store = ctx.open_or_create()?;
            let s = store.add_staff(new)?;
            writeln!(out, "Added {}", describe(&s))?;
        }
        StaffCommand::Set {
            who,
            name,
            phone,
            colour: c,
            hours: h,
            time_off: t,
            clear_time_off,
        } => {
            let patch = StaffPatch {
                name,
                phone,
                colour: c.as_deref().map(colour).transpose()?,
                hours: hours(h.as_deref())?,
                add_time_off: time_off(&t)?,
                clear_time_off,
            };
            let mut store = ctx.open_existing()?;
            let s = store.find_staff(&who)?;
            let s = store.update_staff(s.id, Some(s.version), patch)?;
            writeln!(out, "Changed {}", describe(&s))?;
        }
        StaffCommand::Remove { who } => {
            let mut store = ctx.open_existing()?;
            let s = store.find_staff(&who)?;
            let s = store.remove_staff(s.id)?;
            writeln!(
                out,
                "Removed {} (#{}); their past jobs stay in the journal",
                s.name, s.id
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
