//! `renos stats [--json]`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use crate::domain::contact::format_money_ore;

pub fn run(ctx: &Context, json: bool) -> Result<ExitCode> {
    let store = ctx.open_existing()?;
    let s = store.stats()?;
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, &s)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let c = &s.customers;
    writeln!(out, "Customers      {}", c.total)?;
    writeln!(
        out,
        "  with e-mail {} · phone {} · address {} · company {} · bookings {}",
        c.with_email, c.with_phone, c.with_address, c.with_company, c.with_bookings
    )?;
    if c.without_contact > 0 {
        writeln!(out, "  {} without e-mail or phone", c.without_contact)?;
    }
    let b = &s.bookings;
    writeln!(out, "Bookings       {}", b.total)?;
    writeln!(
        out,
        "  scheduled {} · running {} · completed {} · cancelled {}",
        b.scheduled, b.in_progress, b.completed, b.cancelled
    )?;
    writeln!(
        out,
        "  unassigned {} · waiting for review {} · from calendars {}",
        b.unassigned, b.for_review, b.from_calendar
    )?;
    let h = &s.history;
    if h.leads + h.bookings + h.revenue_ore > 0 {
        writeln!(
            out,
            "Earlier system leads {} · bookings {} · revenue {} kr",
            h.leads,
            h.bookings,
            format_money_ore(h.revenue_ore)
        )?;
    }
    if !s.tags.is_empty() {
        let tags: Vec<String> = s.tags.iter().map(|(t, n)| format!("{t} {n}")).collect();
        writeln!(out, "Tags           {}", tags.join(" · "))?;
    }
    if s.imports.is_empty() {
        writeln!(out, "Imports        none yet")?;
    } else {
        writeln!(out, "Latest imports")?;
        for i in &s.imports {
            let at = ctx.settings.tz.local(i.at).format("%Y-%m-%d %H:%M");
            let n = &i.counts;
            writeln!(
                out,
                "  {at}  {:<9} {:<8} {}  created {} · updated {} · skipped {} · failed {}",
                i.kind, i.actor, i.file, n.created, n.updated, n.skipped, n.failed
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
