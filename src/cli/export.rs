//! `renos export customers [FILE|-]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

use super::Context;
use super::output::Output;
use crate::engine::export::export_customers;
use crate::interchange::customers::CsvOptions;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Every customer as CSV (UTF-8, comma-separated), which `renos import
    /// customers` reads back unchanged.
    Customers {
        /// The file to write; `-` or nothing for standard output.
        file: Option<PathBuf>,
        /// For Danish Excel: semicolons, a byte-order mark and CRLF line ends;
        /// text that Excel would run as a formula (starting with = + - @) gets
        /// a ' in front, so it shows as text. Not for reading back.
        #[arg(long)]
        excel: bool,
    },
}

pub fn run(ctx: &Context, cmd: ExportCommand) -> Result<ExitCode> {
    let ExportCommand::Customers { file, excel } = cmd;
    let store = ctx.open_existing()?;
    let opts = if excel {
        CsvOptions::excel()
    } else {
        CsvOptions::default()
    };
    let mut out = Output::create(file.as_deref(), ctx.words())?;
    let n = export_customers(&store, &mut out, opts)?;
    out.commit()?;
    if !Output::is_stdout(file.as_deref()) {
        let said = ctx.words().with("cli-export-written", &[("n", n.into())]);
        writeln!(super::screen::stderr(), "{said}")?;
    }
    Ok(ExitCode::SUCCESS)
}
