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
    let w = ctx.words();
    // A label and its value: `Customers      20000`.
    let row = |key: &str, value: &dyn std::fmt::Display| format!("{:<14} {value}", w.get(key));
    let c = &s.customers;
    writeln!(out, "{}", row("cli-stats-customers", &c.total))?;
    writeln!(
        out,
        "  {}",
        w.with(
            "cli-stats-customer-fields",
            &[
                ("email", c.with_email.into()),
                ("phone", c.with_phone.into()),
                ("address", c.with_address.into()),
                ("company", c.with_company.into()),
                ("bookings", c.with_bookings.into())
            ]
        )
    )?;
    if c.without_contact > 0 {
        writeln!(
            out,
            "  {}",
            w.with("cli-stats-no-contact", &[("n", c.without_contact.into())])
        )?;
    }
    let b = &s.bookings;
    writeln!(out, "{}", row("cli-stats-bookings", &b.total))?;
    writeln!(
        out,
        "  {}",
        w.with(
            "cli-stats-booking-states",
            &[
                ("scheduled", b.scheduled.into()),
                ("running", b.in_progress.into()),
                ("completed", b.completed.into()),
                ("cancelled", b.cancelled.into())
            ]
        )
    )?;
    writeln!(
        out,
        "  {}",
        w.with(
            "cli-stats-booking-marks",
            &[
                ("unassigned", b.unassigned.into()),
                ("review", b.for_review.into()),
                ("calendar", b.from_calendar.into())
            ]
        )
    )?;
    let h = &s.history;
    if h.leads + h.bookings + h.revenue_ore > 0 {
        writeln!(
            out,
            "{}",
            w.with(
                "cli-stats-earlier",
                &[
                    ("leads", h.leads.into()),
                    ("bookings", h.bookings.into()),
                    ("revenue", format_money_ore(h.revenue_ore).into())
                ]
            )
        )?;
    }
    if !s.tags.is_empty() {
        let tags: Vec<String> = s.tags.iter().map(|(t, n)| format!("{t} {n}")).collect();
        writeln!(out, "{}", row("cli-stats-tags", &tags.join(" · ")))?;
    }
    if s.imports.is_empty() {
        let none = w.get("cli-stats-imports-none");
        writeln!(out, "{}", row("cli-stats-imports", &none))?;
    } else {
        writeln!(out, "{}", w.get("cli-stats-latest-imports"))?;
        for i in &s.imports {
            let at = ctx.settings.tz.local(i.at).format("%Y-%m-%d %H:%M");
            let n = &i.counts;
            writeln!(
                out,
                "  {at}  {:<9} {:<8} {}  {}",
                w.with("cli-stats-import-kind", &[("kind", i.kind.as_str().into())]),
                i.actor,
                i.file,
                w.with(
                    "cli-stats-import-counts",
                    &[
                        ("created", n.created.into()),
                        ("updated", n.updated.into()),
                        ("skipped", n.skipped.into()),
                        ("failed", n.failed.into())
                    ]
                )
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
