//! `renos import customers FILE` and `renos validate FILE`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};

use super::Context;
use super::output::list;
use super::progress::Bar;
use crate::engine::import::customers::{
    CustomerReport, Duplicate, DuplicateAction, validate_customers,
};
use crate::engine::import::snapshot::size_hint;
use crate::engine::import::{
    CustomerImport, DEFAULT_BATCH, MatchedBy, OnDuplicate, Outcome, import_customers,
};
use crate::i18n::Words;
use crate::interchange::customers::Format;
use crate::words::values;

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
    let mut bar = Bar::for_file(size_hint(&a.file), ctx.words());
    let report = import_customers(&mut store, &a.file, &opts, &mut bar)?;
    print(ctx.words(), &report, a.json, false)
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
    print(ctx.words(), &report, json, true)
}

/// A record that matched a known customer, in a sentence: "line 4: same
/// phone as line 2: merged (kept the customer's e-mail)".
fn duplicate(w: Words, d: &Duplicate) -> String {
    let by = match d.by {
        MatchedBy::Email => "email",
        MatchedBy::Phone => "phone",
        MatchedBy::NameAndAddress => "name-address",
    };
    let action = match d.action {
        DuplicateAction::Merged => "merged",
        DuplicateAction::Updated => "updated",
        DuplicateAction::Unchanged => "unchanged",
        DuplicateAction::Skipped => "skipped",
        DuplicateAction::Duplicate => "duplicate",
    };
    let kept: Vec<String> = d
        .kept
        .iter()
        .map(|f| w.with("cli-import-field", &[("field", (*f).into())]))
        .collect();
    let of = match d.of_line {
        Some(l) => w.with("cli-import-of-line", &[("line", l.into())]),
        None => w.with("cli-import-of-customer", &[("id", d.customer_id.into())]),
    };
    let said = w.with(
        "cli-import-duplicate",
        &[
            ("line", d.line.into()),
            ("by", by.into()),
            ("of", of.into()),
            ("action", action.into()),
        ],
    );
    if kept.is_empty() {
        said
    } else {
        w.with(
            "cli-import-duplicate-kept",
            &[
                ("duplicate", said.into()),
                ("fields", kept.join(", ").into()),
            ],
        )
    }
}

fn print(w: Words, r: &CustomerReport, json: bool, validating: bool) -> Result<ExitCode> {
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, r)?;
    } else {
        writeln!(
            out,
            "{}",
            w.with(
                "cli-import-head",
                &[
                    ("file", r.file.as_str().into()),
                    ("format", values::file_shape(w, &r.format).into()),
                    ("records", r.records.into())
                ]
            )
        )?;
        let c = &r.counts;
        if validating {
            writeln!(
                out,
                "  {}",
                w.with(
                    "cli-validate-counts",
                    &[
                        ("good", c.created.into()),
                        ("repeated", c.skipped.into()),
                        ("bad", c.failed.into())
                    ]
                )
            )?;
        } else {
            writeln!(
                out,
                "  {}",
                w.with(
                    "cli-import-counts",
                    &[
                        ("dry", if r.dry_run { "yes" } else { "no" }.into()),
                        ("created", c.created.into()),
                        ("updated", c.updated.into()),
                        ("skipped", c.skipped.into()),
                        ("failed", c.failed.into())
                    ]
                )
            )?;
        }
        let problems: Vec<String> = r
            .problems
            .iter()
            .map(|p| values::import_problem(w, p))
            .collect();
        list(
            &mut out,
            w,
            &w.get("cli-import-problems"),
            &problems,
            r.problems.more(),
        )?;
        let dups: Vec<String> = r.duplicates.iter().map(|d| duplicate(w, d)).collect();
        list(
            &mut out,
            w,
            &w.get("cli-import-duplicates"),
            &dups,
            r.duplicates.more(),
        )?;
        let b = &r.bookings;
        if b.listed > 0 && !validating {
            writeln!(
                out,
                "  {}",
                w.with(
                    "cli-import-bookings",
                    &[
                        ("listed", b.listed.into()),
                        ("created", b.created.into()),
                        ("existing", b.existing.into()),
                        ("clashes", b.conflicts.into()),
                        ("failed", b.failed.into())
                    ]
                )
            )?;
        }
        let not_created: Vec<String> = r
            .booking_problems
            .iter()
            .map(|p| values::booking_problem(w, p))
            .collect();
        list(
            &mut out,
            w,
            &w.get("cli-import-bookings-not-created"),
            &not_created,
            r.booking_problems.more(),
        )?;
        let warnings: Vec<String> = r
            .warnings
            .iter()
            .map(|x| values::import_warning(w, x))
            .collect();
        list(
            &mut out,
            w,
            &w.get("cli-import-warnings"),
            &warnings,
            r.warnings.more(),
        )?;
        let good = r.records.saturating_sub(c.failed.max(0) as u64);
        let end = match &r.outcome {
            Outcome::Imported => w.get("cli-import-imported"),
            Outcome::DryRun if validating => w.get("cli-validate-good"),
            Outcome::DryRun => w.get("cli-import-dry-run"),
            Outcome::Refused if validating => {
                w.with("cli-validate-bad", &[("bad", c.failed.into())])
            }
            Outcome::Refused => w.with(
                "cli-import-refused",
                &[("bad", c.failed.into()), ("good", good.into())],
            ),
            Outcome::Aborted { message } => w.with(
                "cli-import-stopped",
                &[("why", values::import_stopped(w, message).into())],
            ),
        };
        writeln!(out, "{end}")?;
    }
    out.flush()?;
    Ok(super::exit_code(r.outcome.ok()))
}
