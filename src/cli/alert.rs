//! `renos alert`, `renos alerts` and `renos remind`: calls and SMS through
//! Twilio from the shell.

use std::process::ExitCode;

use anyhow::Result;

use super::invoice::{report, runtime};
use super::{Context, exit_code as exit};
use crate::engine::alerts;

/// `renos alert ID [--to NUMBER] [--message TEXT]`: a call about a booking.
pub fn alert(
    ctx: &Context,
    id: i64,
    to: Option<&str>,
    message: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let mut store = ctx.open_existing()?;
    let client = alerts::client(&ctx.settings)?;
    let rec = alerts::raise_manual(&mut store, &ctx.settings, id, to, message)?;
    let d = runtime()?.block_on(alerts::deliver(&mut store, &client, Some(rec.id)))?;
    let rec = store.alert(rec.id)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&rec)?);
        Ok(exit(d.refused.is_empty() && d.retrying.is_empty()))
    } else {
        Ok(exit(report(&d)))
    }
}

/// `renos alerts [--check]`: the latest alerts; with `--check`, first raise
/// the automatic alerts the plan calls for and place everything pending.
pub fn alerts(ctx: &Context, check: bool, limit: usize, json: bool) -> Result<ExitCode> {
    let mut store = ctx.open_existing()?;
    let mut ok = true;
    if check {
        let client = alerts::client(&ctx.settings)?;
        let now = store.now();
        let auto = alerts::check_auto(&mut store, &ctx.settings, now)?;
        for u in &auto.unreachable {
            eprintln!("Not raised: {u}");
        }
        let d = runtime()?.block_on(alerts::deliver(&mut store, &client, None))?;
        ok = if json {
            d.refused.is_empty() && d.retrying.is_empty()
        } else {
            report(&d)
        };
    }
    let list = store.alerts(limit)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else if list.is_empty() {
        println!("No alerts.");
    } else {
        for a in &list {
            println!(
                "#{:<4} {}  booking #{:<5} {:<20} {}",
                a.id,
                ctx.settings.tz.local(a.created_at).format("%Y-%m-%d %H:%M"),
                a.booking_id,
                a.kind.label(),
                a.describe()
            );
            println!("       “{}”", a.message);
        }
    }
    Ok(exit(ok))
}

/// `renos remind [--dry-run]`: SMS reminders to tomorrow's customers, each
/// sent once.
pub fn remind(ctx: &Context, dry_run: bool) -> Result<ExitCode> {
    let mut store = ctx.open_existing()?;
    let (list, skipped) = alerts::reminders(&store, &ctx.settings)?;
    for s in &skipped {
        eprintln!("No reminder for {s}");
    }
    if dry_run {
        if list.is_empty() {
            println!("No bookings tomorrow with a customer phone number.");
        }
        for r in &list {
            println!(
                "{} #{} {} {}: {}",
                if r.already { "sent   " } else { "to send" },
                r.booking_id,
                r.customer,
                r.to,
                r.message
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let client = alerts::client(&ctx.settings)?;
    let queued = alerts::queue_reminders(&mut store, &ctx.settings)?;
    let sent_before = list.iter().filter(|r| r.already).count();
    // Earlier reminders still waiting (Twilio was busy) go out too.
    let d = runtime()?.block_on(alerts::deliver(&mut store, &client, None))?;
    let ok = report(&d);
    println!(
        "{} reminder{} sent, {sent_before} sent before.",
        queued.len(),
        if queued.len() == 1 { "" } else { "s" }
    );
    Ok(exit(ok))
}
