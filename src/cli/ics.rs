//! `renos ics import FILE` and `renos ics export`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};
use clap::Subcommand;

use super::Context;
use super::output::{Output, list};
use super::progress::Bar;
use crate::engine::export::{IcsExport, export_ics};
use crate::engine::import::ics::{IcsReport, validate_ics};
use crate::engine::import::{DEFAULT_BATCH, IcsImport, Outcome, import_ics};
use crate::i18n::Words;
use crate::words::values;

#[derive(Debug, Subcommand)]
pub enum IcsCommand {
    /// Bookings from an iCalendar file (.ics). Importing the same file again
    /// changes nothing; a changed event updates its booking.
    Import {
        file: PathBuf,
        /// The cleaner for events whose attendees name none (none: unassigned).
        #[arg(long, value_name = "NAME")]
        staff: Option<String>,
        /// Only bookings from this day on.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only bookings up to and including this day; recurring events are
        /// expanded up to it (default: 12 weeks ahead).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Report what would happen; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the good events even when some are bad (those are reported).
        #[arg(long)]
        skip_invalid: bool,
        /// Events per transaction (1 to 100000).
        #[arg(long, default_value_t = DEFAULT_BATCH, value_name = "N",
              allow_negative_numbers = true, value_parser = super::numbers::count(super::numbers::MAX_BATCH))]
        batch_size: usize,
        /// The summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Bookings as an iCalendar file that calendar programs read.
    Export {
        /// The file to write; `-` or nothing for standard output.
        file: Option<PathBuf>,
        /// From this day on.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Up to and including this day.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// One cleaner's bookings only.
        #[arg(long, value_name = "NAME")]
        staff: Option<String>,
    },
}

/// Whether a file is a calendar (by extension, or by the first line of a
/// regular file).
pub fn is_calendar(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ics") || e.eq_ignore_ascii_case("ical"))
    {
        return true;
    }
    // Only a regular file is peeked at: a pipe would lose what is read here.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 64];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCALENDAR")
}

/// `[from, to)` in UTC; `None` is open.
type Range = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

impl Context {
    /// `[start of from, start of the day after to)` in UTC.
    fn range(&self, from: Option<&str>, to: Option<&str>) -> Result<Range> {
        let tz = self.settings.tz;
        let from = from
            .map(|d| self.parse_date(d).map(|d| tz.day_bounds(d).0))
            .transpose()?;
        let to = to
            .map(|d| self.parse_date(d).map(|d| tz.day_bounds(d).1))
            .transpose()?;
        if let (Some(f), Some(t)) = (from, to)
            && t <= f
        {
            return Err(anyhow!(self.words().get("cli-ics-to-before-from")));
        }
        Ok((from, to))
    }
}

pub fn run(ctx: &Context, cmd: IcsCommand) -> Result<ExitCode> {
    match cmd {
        IcsCommand::Import {
            file,
            staff,
            from,
            to,
            dry_run,
            skip_invalid,
            batch_size,
            json,
        } => {
            let (from, to) = ctx.range(from.as_deref(), to.as_deref())?;
            let mut store = ctx.open_or_create()?;
            let opts = IcsImport {
                staff,
                from,
                to,
                dry_run,
                skip_invalid,
                batch_size,
            };
            let size = crate::engine::import::snapshot::size_hint(&file);
            let report = import_ics(
                &mut store,
                &file,
                &opts,
                &mut Bar::for_file(size, ctx.words()),
            )?;
            print(ctx.words(), &report, json)
        }
        IcsCommand::Export {
            file,
            from,
            to,
            staff,
        } => {
            let (from, to) = ctx.range(from.as_deref(), to.as_deref())?;
            let store = ctx.open_existing()?;
            let staff_id = match staff {
                None => None,
                Some(name) => {
                    let all = store.staff()?;
                    let found = all
                        .iter()
                        .find(|s| s.name.eq_ignore_ascii_case(name.trim()));
                    Some(found.map(|s| s.id).ok_or_else(|| {
                        let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
                        anyhow!(ctx.words().with(
                            "cli-ics-no-such-cleaner",
                            &[
                                ("name", name.as_str().into()),
                                ("known", names.join(", ").into())
                            ]
                        ))
                    })?)
                }
            };
            let opts = IcsExport { from, to, staff_id };
            let mut out = Output::create(file.as_deref(), ctx.words())?;
            let n = export_ics(&store, &mut out, &opts)?;
            out.commit()?;
            if !Output::is_stdout(file.as_deref()) {
                let said = ctx.words().with("cli-ics-written", &[("n", n.into())]);
                writeln!(super::screen::stderr(), "{said}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub fn validate(ctx: &Context, file: &Path, json: bool) -> Result<ExitCode> {
    let report = validate_ics(file, ctx.settings.tz, ctx.clock.now())?;
    print(ctx.words(), &report, json)
}

fn print(w: Words, r: &IcsReport, json: bool) -> Result<ExitCode> {
    let mut out = super::screen::stdout();
    let outcome = r.outcome.clone().unwrap_or(Outcome::Refused);
    if json {
        super::screen::json(&mut out, r)?;
    } else {
        writeln!(
            out,
            "{}",
            w.with(
                "cli-ics-head",
                &[
                    ("file", r.file.as_str().into()),
                    ("events", r.events.into())
                ]
            )
        )?;
        let c = &r.counts;
        let dry = if r.dry_run { "yes" } else { "no" };
        if !matches!(outcome, Outcome::Refused) {
            writeln!(
                out,
                "  {}",
                w.with(
                    "cli-ics-counts",
                    &[
                        ("bookings", r.occurrences.into()),
                        ("dry", dry.into()),
                        ("created", c.created.into()),
                        ("updated", c.updated.into()),
                        ("same", c.skipped.into()),
                        ("failed", c.failed.into())
                    ]
                )
            )?;
            if r.series_events > 0 {
                let s = &r.series;
                let line = if s.created + s.updated + s.same == 0 {
                    w.with("cli-ics-series", &[("n", r.series_events.into())])
                } else {
                    w.with(
                        "cli-ics-series-counts",
                        &[
                            ("n", r.series_events.into()),
                            ("dry", dry.into()),
                            ("created", s.created.into()),
                            ("updated", s.updated.into()),
                            ("same", s.same.into()),
                        ],
                    )
                };
                writeln!(out, "  {line}")?;
            }
            for (n, key) in [
                (r.outside, "cli-ics-outside"),
                (r.unassigned, "cli-ics-unassigned"),
                (r.customers_created, "cli-ics-customers-created"),
                (r.for_review, "cli-ics-for-review"),
            ] {
                if n > 0 {
                    writeln!(out, "  {}", w.with(key, &[("n", n.into())]))?;
                }
            }
        }
        let problems: Vec<String> = r
            .problems
            .iter()
            .map(|p| values::ics_problem(w, p))
            .collect();
        list(
            &mut out,
            w,
            &w.get("cli-import-problems"),
            &problems,
            r.problems.more(),
        )?;
        let clashes: Vec<String> = r.clashes.iter().map(|c| values::ics_clash(w, c)).collect();
        list(
            &mut out,
            w,
            &w.get("cli-ics-clashes"),
            &clashes,
            r.clashes.more(),
        )?;
        let warnings: Vec<String> = r
            .warnings
            .iter()
            .map(|x| values::ics_warning(w, x))
            .collect();
        list(
            &mut out,
            w,
            &w.get("cli-import-warnings"),
            &warnings,
            r.warnings.more(),
        )?;
        let end = match &outcome {
            Outcome::Imported => w.get("cli-import-imported"),
            Outcome::DryRun => w.get("cli-ics-dry-run"),
            Outcome::Refused => w.with("cli-ics-refused", &[("bad", r.counts.failed.into())]),
            Outcome::Aborted { message } => w.with(
                "cli-import-stopped",
                &[("why", values::import_stopped(w, message).into())],
            ),
        };
        writeln!(out, "{end}")?;
    }
    out.flush()?;
    Ok(super::exit_code(outcome.ok()))
}
