//! `renos import customers FILE` and `renos validate FILE`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};

use super::Context;
use super::output::list;
use super::progress::Bar;
use crate::engine::import::customers::{CustomerReport, validate_customers};
use crate::engine::import::snapshot::size_hint;
use crate::engine::import::{
    CustomerImport, DEFAULT_BATCH, OnDuplicate, Outcome, import_customers,
};
use crate::interchange::customers::Format;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Customers from a CSV or JSON file: checked first, then written in
    /// batches; nothing is written while any record is bad.
    Customers(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file (CSV with a header row, or JSON).
    pub file: PathBuf,
    /// The file's format (default: from its extension or its content).
    #[arg(long)]
    pub format: Option<FormatArg>,
    /// Report what would happen; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also create the bookings the JSON lists (same rules as the console).
    #[arg(long)]
    pub create_bookings: bool,
    /// What to do with a record that matches a known customer.
    #[arg(long, value_enum, default_value_t = OnDuplicate::Merge)]
    pub on_duplicate: OnDuplicate,
    /// Import the good records even when some are bad (those are reported).
    #[arg(long)]
    pub skip_invalid: bool,
    /// Records per transaction (1 to 100000).
    #[arg(long, default_value_t = DEFAULT_BATCH, value_name = "N",
          allow_negative_numbers = true, value_parser = super::numbers::count(super::numbers::MAX_BATCH))]
    pub batch_size: usize,
    /// The summary as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, cmd: ImportCommand) -> Result<ExitCode> {
    let ImportCommand::Customers(a) = cmd;
    let mut store = ctx.open_or_create()?;
    let opts = CustomerImport {
        format: a.format.map(Format::from),
        dry_run: a.dry_run,
        create_bookings: a.create_bookings,
        on_duplicate: a.on_duplicate,
        skip_invalid: a.skip_invalid,
        batch_size: a.batch_size,
    };
    let mut bar = Bar::for_file(size_hint(&a.file));
    let report = import_customers(&mut store, &a.file, &opts, &mut bar)?;
    print(&report, a.json, false)
}

/// `renos validate FILE`: a customer file or a calendar, checked alone.
pub fn validate(
    ctx: &Context,
    file: &Path,
    format: Option<FormatArg>,
    json: bool,
) -> Result<ExitCode> {
    if super::ics::is_calendar(file) {
        return super::ics::validate(ctx, file, json);
    }
    let report = validate_customers(file, format.map(Format::from), ctx.settings.tz)?;
    print(&report, json, true)
}

fn print(r: &CustomerReport, json: bool, validating: bool) -> Result<ExitCode> {
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, r)?;
    } else {
        writeln!(out, "{} ({}): {} record(s)", r.file, r.format, r.records)?;
        let c = &r.counts;
        if validating {
            writeln!(
                out,
                "  good {} · duplicates within the file {} · bad {}",
                c.created, c.skipped, c.failed
            )?;
        } else {
            let would = if r.dry_run { "would be " } else { "" };
            writeln!(
                out,
                "  {would}created {} · {would}updated {} · skipped {} · failed {}",
                c.created, c.updated, c.skipped, c.failed
            )?;
        }
        list(&mut out, "problems", r.problems.items(), r.problems.more())?;
        let dups: Vec<String> = r.duplicates.iter().map(|d| d.describe()).collect();
        list(&mut out, "duplicates", &dups, r.duplicates.more())?;
        let b = &r.bookings;
        if b.listed > 0 && !validating {
            writeln!(
                out,
                "  bookings: {} listed, {} created, {} already there, {} refused as double \
                 bookings, {} failed",
                b.listed, b.created, b.existing, b.conflicts, b.failed
            )?;
        }
        list(
            &mut out,
            "bookings not created",
            r.booking_problems.items(),
            r.booking_problems.more(),
        )?;
        list(&mut out, "warnings", r.warnings.items(), r.warnings.more())?;
        let good = r.records.saturating_sub(c.failed.max(0) as u64);
        match &r.outcome {
            Outcome::Imported => writeln!(out, "Imported.")?,
            Outcome::DryRun if validating => writeln!(out, "The file is good.")?,
            Outcome::DryRun => writeln!(out, "Dry run: nothing was written.")?,
            Outcome::Refused if validating => writeln!(
                out,
                "{} record(s) are bad: fix them, or import with --skip-invalid to leave them out.",
                c.failed
            )?,
            Outcome::Refused => writeln!(
                out,
                "Nothing was imported: {} record(s) are bad. Fix them, or pass --skip-invalid to \
                 import the other {good}.",
                c.failed
            )?,
            Outcome::Aborted { message } => writeln!(out, "Stopped: {message}")?,
        }
    }
    out.flush()?;
    Ok(super::exit_code(r.outcome.ok()))
}
