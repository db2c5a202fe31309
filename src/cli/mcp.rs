//! `renos mcp`: the assistants' tools on stdio (see `crate::mcp`). Acts as
//! the login running it, with its role; the journal names it "via
//! assistant". Nothing but the protocol goes to stdout: logs go to the log
//! file.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use crate::engine::remote::{Caller, Via};
use crate::mcp::{Desk, VIA, serve_stdio};
use crate::store::Store;

pub fn run(ctx: &Context) -> Result<ExitCode> {
    let _log = crate::logging::to_file();
    let actor = format!("{} {VIA}", ctx.settings.dispatcher);
    let store = Store::open_existing(&ctx.db, &actor, ctx.clock)?
        .with_tz(ctx.settings.tz)
        .with_access(ctx.settings.access.clone())
        .with_calendar(ctx.settings.calendar());
    let access = &ctx.settings.access;
    let caller = Caller::login(&access.login, access.role, Via::Assistant);
    let desk = Desk::new(store, ctx.settings.clone(), caller);
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(serve_stdio(desk))?;
    Ok(ExitCode::SUCCESS)
}
