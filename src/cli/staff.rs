//! `renos staff list|add|set|remove`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::Subcommand;

use super::Context;
use crate::domain::availability::{
    Area, Availability, DAY_HOURS_MAX, DateOverride, WEEK_HOURS_MAX, WeekHours, parse_hours,
    parse_skills,
};
use crate::domain::{Staff, TimeOff};
use crate::i18n::Words;
use crate::store::{AvailabilityPatch, NewStaff, StaffPatch, split_week};
use crate::words::values::hours_error;

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
        /// e.g. "mon-fri 07:00-16:00; sat 08:00-12:00" (default mon-fri 07:00-16:00);
        /// a second interval after a comma is a break: "mon-fri 08:00-12:00,12:30-16:00".
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
        /// Hours per weekday, breaks as a second interval:
        /// "mon-fri 08:00-12:00,12:30-16:00; sat 08:00-12:00".
        #[arg(long)]
        hours: Option<String>,
        /// Other hours for a date or range: "2026-12-24 closed",
        /// "2026-12-27..2026-12-30 09:00-13:00" (repeatable).
        #[arg(long = "override", value_name = "DATES HOURS")]
        overrides: Vec<String>,
        /// Remove all date overrides (before adding any given with --override).
        #[arg(long)]
        clear_overrides: bool,
        /// Services they do, comma-separated ("" for every service).
        #[arg(long)]
        skills: Option<String>,
        /// Postcodes they cover: "2100,2200-2450" ("" for everywhere).
        #[arg(long)]
        area: Option<String>,
        /// Contracted hours per week, e.g. 30 or 37.5 ("none" to remove).
        #[arg(long, value_name = "HOURS")]
        contract_hours: Option<String>,
        /// At most this many booked hours a day ("none" to remove).
        #[arg(long, value_name = "HOURS")]
        daily_max: Option<String>,
        /// Higher goes first when slots are ranked by priority.
        #[arg(long, allow_negative_numbers = true)]
        priority: Option<i32>,
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

fn week(w: Words, spec: Option<&str>) -> Result<Option<WeekHours>> {
    spec.map(|s| WeekHours::parse(s).map_err(|e| anyhow!("--hours: {}", hours_error(w, &e))))
        .transpose()
}

/// Hours as minutes (`30`, `37.5`, `7,5`), at most `max` hours; `none`
/// removes the value.
fn minutes(w: Words, field: &str, value: &str, max: u32) -> Result<Option<u32>> {
    parse_hours(value, max).map_err(|e| anyhow!("{field}: {}", hours_error(w, &e)))
}

/// Breaks, overrides, skills, area, contract, daily maximum and priority on one line.
fn describe_availability(w: Words, a: &Availability) -> String {
    let mut parts = vec![w.with("cli-staff-hours", &[("spec", a.week.to_spec().into())])];
    if !a.overrides.is_empty() {
        let o: Vec<String> = a.overrides.iter().map(DateOverride::to_spec).collect();
        parts.push(w.with("cli-staff-overrides", &[("spec", o.join("; ").into())]));
    }
    parts.push(if a.skills.is_empty() {
        w.get("cli-staff-every-service")
    } else {
        w.with("cli-staff-does", &[("skills", a.skills.join(", ").into())])
    });
    parts.push(if a.area.0.is_empty() {
        w.get("cli-staff-everywhere")
    } else {
        w.with("cli-staff-area", &[("spec", a.area.to_spec().into())])
    });
    if let Some(c) = a.contract_min {
        let hours =
            crate::words::text::hours(w, i64::from(c), crate::words::text::HourParts::Tenths);
        parts.push(w.with("cli-staff-contract", &[("hours", hours.into())]));
    }
    if let Some(m) = a.daily_max_min {
        let hours =
            crate::words::text::hours(w, i64::from(m), crate::words::text::HourParts::Tenths);
        parts.push(w.with("cli-staff-daily-max", &[("hours", hours.into())]));
    }
    if a.priority != 0 {
        parts.push(w.with("cli-staff-priority", &[("n", a.priority.into())]));
    }
    format!("     {}", parts.join(" · "))
}

fn time_off(w: Words, specs: &[String]) -> Result<Vec<TimeOff>> {
    specs
        .iter()
        .map(|s| TimeOff::parse(s).map_err(|e| anyhow!("--time-off: {}", hours_error(w, &e))))
        .collect()
}

fn colour(w: Words, c: &str) -> Result<String> {
    if !c.is_empty() && c.parse::<ratatui::style::Color>().is_err() {
        return Err(anyhow!(
            w.with("cli-staff-bad-colour", &[("colour", c.into())])
        ));
    }
    Ok(c.to_string())
}

fn describe(w: Words, s: &Staff) -> String {
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
            format!(
                "  {}",
                w.with("cli-staff-off", &[("days", off.join(", ").into())])
            )
        }
    )
}

pub fn run(ctx: &Context, cmd: StaffCommand) -> Result<ExitCode> {
    let w = ctx.words();
    let mut out = super::screen::stdout();
    match cmd {
        StaffCommand::List { json } => {
            let store = ctx.open_existing()?;
            let staff = store.staff()?;
            if json {
                super::screen::json(&mut out, &staff)?;
            } else if staff.is_empty() {
                writeln!(out, "{}", w.get("cli-staff-none"))?;
            } else {
                for s in &staff {
                    writeln!(out, "{}", describe(w, s))?;
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
            let week = week(w, h.as_deref())?;
            let breaks = week.as_ref().filter(|w| w.0.iter().any(|d| d.len() > 1));
            let new = NewStaff {
                name,
                phone,
                colour: colour(w, &c)?,
                hours: week.as_ref().map(WeekHours::envelope).unwrap_or_default(),
                time_off: time_off(w, &t)?,
            };
            let mut store = ctx.open_or_create()?;
            // Hours with breaks go in with the cleaner, in the same change.
            let s = store.batch(|w| {
                let s = w.add_staff(new)?;
                if let Some(week) = breaks {
                    let a = Availability {
                        week: week.clone(),
                        ..Availability::default()
                    };
                    w.set_availability(&s, &a)?;
                }
                Ok(s)
            })?;
            writeln!(
                out,
                "{}",
                w.with("cli-staff-added", &[("staff", describe(w, &s).into())])
            )?;
        }
        StaffCommand::Set {
            who,
            name,
            phone,
            colour: c,
            hours: h,
            overrides,
            clear_overrides,
            skills,
            area,
            contract_hours,
            daily_max,
            priority,
            time_off: t,
            clear_time_off,
        } => {
            let week = week(w, h.as_deref())?;
            let (plain, week) = match week {
                Some(hours) => split_week(hours),
                None => (None, None),
            };
            let availability = AvailabilityPatch {
                week,
                add_overrides: overrides
                    .iter()
                    .map(|o| {
                        DateOverride::parse(o)
                            .map_err(|e| anyhow!("--override: {}", hours_error(w, &e)))
                    })
                    .collect::<Result<_>>()?,
                clear_overrides,
                skills: skills.as_deref().map(parse_skills),
                area: area
                    .as_deref()
                    .map(|a| Area::parse(a).map_err(|e| anyhow!("--area: {}", hours_error(w, &e))))
                    .transpose()?,
                contract_min: contract_hours
                    .as_deref()
                    .map(|v| minutes(w, "--contract-hours", v, WEEK_HOURS_MAX))
                    .transpose()?,
                daily_max_min: daily_max
                    .as_deref()
                    .map(|v| minutes(w, "--daily-max", v, DAY_HOURS_MAX))
                    .transpose()?,
                priority,
            };
            let patch = StaffPatch {
                name,
                phone,
                colour: c.as_deref().map(|c| colour(w, c)).transpose()?,
                hours: plain,
                add_time_off: time_off(w, &t)?,
                clear_time_off,
                availability,
            };
            let mut store = ctx.open_existing()?;
            let s = store.find_staff(&who)?;
            let s = store.update_staff(s.id, Some(s.version), patch)?;
            let a = store.availability(&s)?;
            writeln!(
                out,
                "{}",
                w.with("cli-staff-changed", &[("staff", describe(w, &s).into())])
            )?;
            writeln!(out, "{}", describe_availability(w, &a))?;
        }
        StaffCommand::Remove { who } => {
            let mut store = ctx.open_existing()?;
            let s = store.find_staff(&who)?;
            let s = store.remove_staff(s.id)?;
            writeln!(
                out,
                "{}",
                w.with(
                    "cli-staff-removed",
                    &[("name", s.name.as_str().into()), ("id", s.id.into())]
                )
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
