//! `renos mcp`: the assistants' tools on stdio (see `crate::mcp`). Acts as
//! the login running it, with its role; the journal names it as every
//! remote caller is named ("bo (via assistant)"). Nothing but the protocol
//! goes to stdout: logs go to the log file.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use crate::engine::remote::{Caller, Remote, Via};
use crate::mcp::{Session, serve_stdio};

pub fn run(ctx: &Context) -> Result<ExitCode> {
    let _log = crate::logging::to_file();
    let access = &ctx.settings.access;
    let caller = Caller::login(&access.login, access.role, Via::Assistant);
    let remote = Remote::new(ctx.settings.clone(), ctx.db.clone(), ctx.clock);
    let session = Session::open(&remote, caller)?;
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(serve_stdio(session))?;
    Ok(ExitCode::SUCCESS)
}
