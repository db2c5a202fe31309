//! `renos agenda [DATE] [--json]`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::Context;
use crate::engine::DayPlan;
use crate::words::text::weekday_long;
use crate::words::values;

pub fn run(ctx: &Context, date: NaiveDate, json: bool) -> Result<ExitCode> {
    let store = ctx.open_existing()?;
    let plan = DayPlan::load(&store, date, &ctx.settings)?;
    let now = ctx.clock.now();
    let items = plan.agenda(now, &ctx.settings);
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, &items)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let w = ctx.words();
    let active = items.iter().filter(|i| i.status != "cancelled").count();
    writeln!(
        out,
        "{}",
        w.with(
            "cli-agenda-heading",
            &[
                ("date", date.to_string().into()),
                ("weekday", weekday_long(w, date.weekday()).into()),
                ("bookings", active.into()),
                ("clashes", plan.conflicts.len().into())
            ]
        )
    )?;
    let mut current: Option<Option<String>> = None;
    for i in &items {
        if current.as_ref() != Some(&i.staff) {
            let lane = i.staff.clone().unwrap_or_else(|| w.get("lane-unassigned"));
            writeln!(out, "\n{lane}")?;
            current = Some(i.staff.clone());
        }
        let mut flags = Vec::new();
        if let Some(level) = i.overtime_level {
            let level = w.with("cli-agenda-level", &[("level", level.into())]);
            flags.push(if i.overtime_minutes > 0 {
                w.with(
                    "cli-agenda-over",
                    &[("level", level.into()), ("min", i.overtime_minutes.into())],
                )
            } else {
                level
            });
        }
        if let Some(m) = i
            .late_start_minutes
            .filter(|_| date == ctx.settings.tz.local_date(now))
        {
            flags.push(w.with("cli-agenda-late-start", &[("min", m.into())]));
        }
        flags.extend(
            i.conflicts
                .iter()
                .map(|c| w.with("cli-agenda-clash", &[("kind", (*c).into())])),
        );
        let (s, e) = (&i.start[11..16], &i.end[11..16]);
        writeln!(
            out,
            "  {s}–{e}  {:<11} {:<28} {}{}",
            w.with("cli-agenda-status", &[("status", i.status.into())]),
            i.customer,
            i.service,
            if flags.is_empty() {
                String::new()
            } else {
                format!("  [{}]", flags.join(", "))
            }
        )?;
    }
    if !plan.conflicts.is_empty() {
        writeln!(out, "\n{}", w.get("cli-agenda-clashes"))?;
        for c in &plan.conflicts {
            let facts = plan.conflict_facts(c, &ctx.settings);
            writeln!(out, "  {}", values::conflict(ctx.words(), &facts))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
