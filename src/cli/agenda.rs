//! `renos agenda [DATE] [--json]`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;

use super::Context;
use crate::engine::DayPlan;
use crate::tui::view::values;

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
    let active = items.iter().filter(|i| i.status != "cancelled").count();
    writeln!(
        out,
        "{date} ({}): {active} bookings, {} conflicts",
        date.format("%A"),
        plan.conflicts.len()
    )?;
    let mut current: Option<Option<String>> = None;
    for i in &items {
        if current.as_ref() != Some(&i.staff) {
            writeln!(out, "\n{}", i.staff.as_deref().unwrap_or("Unassigned"))?;
            current = Some(i.staff.clone());
        }
        let mut flags = Vec::new();
        if let Some(level) = i.overtime_level {
            flags.push(if i.overtime_minutes > 0 {
                format!("{level} +{} min", i.overtime_minutes)
            } else {
                level.to_string()
            });
        }
        if let Some(m) = i
            .late_start_minutes
            .filter(|_| date == ctx.settings.tz.local_date(now))
        {
            flags.push(format!("late start {m} min"));
        }
        flags.extend(i.conflicts.iter().map(|c| c.to_string()));
        let (s, e) = (&i.start[11..16], &i.end[11..16]);
        writeln!(
            out,
            "  {s}–{e}  {:<11} {:<28} {}{}",
            i.status,
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
        writeln!(out, "\nConflicts")?;
        for c in &plan.conflicts {
            let facts = plan.conflict_facts(c, &ctx.settings);
            writeln!(out, "  {}", values::conflict(ctx.words(), &facts))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
