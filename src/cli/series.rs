//! `renos series list|show|pause|resume|end`: recurring bookings from the
//! shell.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;

use super::{Context, screen};
use crate::domain::series::{Pause, Series, SeriesEnd};
use crate::domain::when::dm;
use crate::domain::{Booking, BookingStatus};
use crate::i18n::{Language, Words};
use crate::store::{Store, Visit};
use crate::words::values;
use crate::words::values::date_error;

#[derive(Debug, Subcommand)]
pub enum SeriesCommand {
    /// Every series, with its rule and next visit.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One series and its visits.
    Show {
        #[arg(value_name = "ID")]
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Rest a series for a period (both days included).
    Pause {
        #[arg(value_name = "ID")]
        id: i64,
        #[arg(long, value_name = "DATE")]
        from: String,
        #[arg(long, value_name = "DATE")]
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// End a pause now; the visits come back up to the horizon.
    Resume {
        #[arg(value_name = "ID")]
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Make every series' visits up to the horizon (`[series]
    /// horizon_weeks`), as the back office does each day; again, nothing.
    Extend {
        #[arg(long)]
        json: bool,
    },
    /// End a series: no visits after this date.
    End {
        #[arg(value_name = "ID")]
        id: i64,
        #[arg(long, value_name = "DATE")]
        after: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    series: &'a Series,
    customer: String,
    describe: String,
    next: Option<&'a Booking>,
}

#[derive(Serialize)]
struct ShownVisit<'a> {
    #[serde(flatten)]
    booking: &'a Booking,
    original_start: &'a str,
    exception: &'a str,
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    series: &'a Series,
    customer: String,
    describe: String,
    visits: Vec<ShownVisit<'a>>,
}

fn date(ctx: &Context, name: &str, s: &str) -> Result<NaiveDate> {
    crate::domain::when::parse_date(s, ctx.today())
        .map(|d| d.date)
        .map_err(|e| anyhow!("--{name}: {}", date_error(ctx.words(), &e)))
}

/// `Series #3 at Hansen: every 2nd week, …`.
pub(super) fn heading(w: Words, s: &Series, customer: &str) -> String {
    w.with(
        "cli-series-heading",
        &[
            ("id", s.id.into()),
            ("customer", customer.into()),
            ("rule", values::series(w, s).into()),
        ],
    )
}

fn customer_name(store: &Store, id: i64) -> String {
    store
        .customer(id)
        .map(|c| c.name)
        .unwrap_or_else(|_| format!("#{id}"))
}

fn show(w: Words, store: &Store, id: i64, json: bool) -> Result<()> {
    let s = store.series(id)?;
    let visits: Vec<(Booking, Visit)> = store.series_visits(id)?;
    let mut out = screen::stdout();
    let customer = customer_name(store, s.customer_id);
    if json {
        screen::json(
            &mut out,
            &Shown {
                series: &s,
                customer,
                describe: values::series(Language::En.words(), &s),
                visits: visits
                    .iter()
                    .map(|(b, v)| ShownVisit {
                        booking: b,
                        original_start: &v.original,
                        exception: &v.exception,
                    })
                    .collect(),
            },
        )?;
    } else {
        writeln!(out, "{}", heading(w, &s, &customer))?;
        for p in &s.pauses {
            writeln!(
                out,
                "  {}",
                w.with(
                    "cli-series-paused",
                    &[("from", dm(p.from).into()), ("to", dm(p.to).into())]
                )
            )?;
        }
        let tz = store.tz();
        for (b, v) in &visits {
            let mut note = String::new();
            if !v.exception.is_empty() && v.exception != b.status.as_str() {
                let exception = w.with(
                    "cli-series-exception",
                    &[("exception", v.exception.as_str().into())],
                );
                note.push_str(&format!("  ({exception})"));
            }
            if b.status != BookingStatus::Scheduled {
                let status = w.with(
                    "cli-series-visit-status",
                    &[("status", b.status.as_str().into())],
                );
                note.push_str(&format!("  [{status}]"));
            }
            writeln!(
                out,
                "  #{:<5} {} {}–{}{}",
                b.id,
                tz.local(b.start).format("%Y-%m-%d"),
                tz.hm(b.start),
                tz.hm(b.end),
                note
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

pub fn run(ctx: &Context, cmd: SeriesCommand) -> Result<ExitCode> {
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    match cmd {
        SeriesCommand::List { json } => {
            let all = store.series_list()?;
            let now = store.now();
            let mut rows = Vec::new();
            for s in &all {
                let visits = store.series_visits(s.id)?;
                let next = visits
                    .into_iter()
                    .map(|(b, _)| b)
                    .filter(|b| b.status == BookingStatus::Scheduled && b.start >= now)
                    .min_by_key(|b| b.start);
                rows.push((s, next));
            }
            let mut out = screen::stdout();
            if json {
                let listed: Vec<Listed> = rows
                    .iter()
                    .map(|(s, next)| Listed {
                        series: s,
                        customer: customer_name(&store, s.customer_id),
                        describe: values::series(Language::En.words(), s),
                        next: next.as_ref(),
                    })
                    .collect();
                screen::json(&mut out, &listed)?;
            } else if rows.is_empty() {
                writeln!(out, "{}", w.get("cli-series-none"))?;
            } else {
                let tz = store.tz();
                for (s, next) in &rows {
                    let next = match next {
                        Some(b) => w.with(
                            "cli-series-next",
                            &[
                                ("date", dm(tz.local_date(b.start)).into()),
                                ("time", tz.hm(b.start).into()),
                            ],
                        ),
                        None if matches!(s.end, SeriesEnd::Until(u) if u < ctx.today()) => {
                            w.get("cli-series-ended")
                        }
                        None => w.get("cli-series-no-visit"),
                    };
                    writeln!(
                        out,
                        "#{:<4} {:<24} {}  ({next})",
                        s.id,
                        customer_name(&store, s.customer_id),
                        values::series(ctx.words(), s)
                    )?;
                }
            }
            out.flush()?;
        }
        SeriesCommand::Show { id, json } => show(w, &store, id, json)?,
        SeriesCommand::Extend { json } => {
            let made = store.extend_series(ctx.today())?;
            let mut out = screen::stdout();
            if json {
                screen::json(&mut out, &made)?;
            } else {
                let horizon = dm(store.calendar().horizon(ctx.today()));
                writeln!(
                    out,
                    "{}",
                    w.with(
                        "cli-series-extended",
                        &[
                            ("visits", made.created.into()),
                            ("series", made.series.into()),
                            ("horizon", horizon.into()),
                            ("review", made.review.into())
                        ]
                    )
                )?;
            }
            out.flush()?;
        }
        SeriesCommand::Pause { id, from, to, json } => {
            let pause = Pause {
                from: date(ctx, "from", &from)?,
                to: date(ctx, "to", &to)?,
            };
            let s = store.series(id)?;
            store.pause_series(id, s.version, pause)?;
            show(w, &store, id, json)?;
        }
        SeriesCommand::Resume { id, json } => {
            let s = store.series(id)?;
            store.resume_series(id, s.version)?;
            show(w, &store, id, json)?;
        }
        SeriesCommand::End { id, after, json } => {
            let after = date(ctx, "after", &after)?;
            let s = store.series(id)?;
            store.end_series(id, s.version, after)?;
            show(w, &store, id, json)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
