//! `renos journal [--booking ID] [--limit N] [--json]`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use super::Context;
use crate::engine::history;

pub fn run(ctx: &Context, booking: Option<i64>, limit: usize, json: bool) -> Result<ExitCode> {
    let store = ctx.open_existing()?;
    if let Some(id) = booking {
        // A booking removed by an undo still has its history.
        if store.booking(id).is_err() && store.journal(Some(("booking", id)), 1)?.is_empty() {
            return Err(anyhow!(
                "booking #{id} has no history: check the number with `renos agenda`"
            ));
        }
    }
    let lines = history::load(&store, booking, limit, ctx.settings.tz)?;
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, &lines)?;
    } else if lines.is_empty() {
        writeln!(out, "The journal is empty.")?;
    } else {
        for l in lines.iter().rev() {
            let at = ctx.settings.tz.local(l.at_utc).format("%Y-%m-%d %H:%M");
            writeln!(out, "{at}  {:<10} {}", l.actor, l.what)?;
            for c in &l.changes {
                writeln!(out, "{:28}{c}", "")?;
            }
            if !l.reason.is_empty() {
                writeln!(out, "{:28}reason: {}", "", l.reason)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
