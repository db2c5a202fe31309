//! `renos demo`: a fresh database with the demo business, then the console.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;

use super::Context;
use crate::engine::demo;
use crate::store::Store;

/// Where a demo goes when no `--db` is given: a new file each time, so a demo
/// never overwrites anything and always shows today.
fn fresh_path() -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    crate::config::paths::data_dir()
        .join("demo")
        .join(format!("demo-{stamp}-{}.db", std::process::id()))
}

pub fn run(
    ctx: &Context,
    db_given: bool,
    force: bool,
    no_console: bool,
    theme: Option<&str>,
    date: Option<NaiveDate>,
) -> Result<ExitCode> {
    let path = if db_given {
        ctx.db.clone()
    } else {
        fresh_path()
    };
    if path.exists() {
        if !force {
            return Err(anyhow!(
                "{} already exists; add --force to replace it with the demo, or open it with `renos --db {}`",
                path.display(),
                path.display()
            ));
        }
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", path.display()));
            if p.exists() {
                std::fs::remove_file(&p)
                    .map_err(|e| anyhow!("cannot replace {}: {e}", p.display()))?;
            }
        }
    }
    // The demo's own history is written as "demo", so the dispatcher's undo
    // starts with their own first change.
    let summary = {
        let mut seeder = Store::open(&path, "demo", ctx.clock)?.with_tz(ctx.settings.tz);
        demo::seed(&mut seeder, &ctx.settings, ctx.clock.now())?
    };
    let store = Store::open(&path, &ctx.settings.dispatcher, ctx.clock)?.with_tz(ctx.settings.tz);
    let notice = format!(
        "Demo: {} cleaners, {} customers, {} bookings in {}",
        summary.staff,
        summary.customers,
        summary.bookings,
        path.display()
    );
    if no_console {
        println!("{notice}");
        return Ok(ExitCode::SUCCESS);
    }
    let sub = Context {
        settings: ctx.settings.clone(),
        clock: ctx.clock,
        db: path,
    };
    super::console(&sub, store, theme, date, Some(notice))
}
