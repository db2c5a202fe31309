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
use crate::tui::view::values;

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
        .map_err(|e| anyhow!("--{name}: {e}"))
}

fn customer_name(store: &Store, id: i64) -> String {
    store
        .customer(id)
        .map(|c| c.name)
        .unwrap_or_else(|_| format!("#{id}"))
}

fn show(store: &Store, id: i64, json: bool, w: Words) -> Result<()> {
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
        writeln!(
            out,
            "Series #{} at {}: {}",
            s.id,
            customer,
            values::series(w, &s)
        )?;
        for p in &s.pauses {
            writeln!(out, "  paused {}–{}", dm(p.from), dm(p.to))?;
        }
        let tz = store.tz();
        for (b, v) in &visits {
            let mut note = String::new();
            if !v.exception.is_empty() && v.exception != b.status.as_str() {
                note.push_str(&format!("  ({})", v.exception));
            }
            if b.status != BookingStatus::Scheduled {
                note.push_str(&format!("  [{}]", b.status.as_str().replace('_', " ")));
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
                writeln!(
                    out,
                    "No series yet. Book one: renos book --customer NAME --staff NAME --date 1/12 \
                     --start 9 --duration 2h --repeat \"every 2 weeks\""
                )?;
            } else {
                let tz = store.tz();
                for (s, next) in &rows {
                    let next = match next {
                        Some(b) => {
                            format!("next {} {}", dm(tz.local_date(b.start)), tz.hm(b.start))
                        }
                        None if matches!(s.end, SeriesEnd::Until(u) if u < ctx.today()) => {
                            "ended".into()
                        }
                        None => "no visit planned".into(),
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
        SeriesCommand::Show { id, json } => show(&store, id, json, ctx.words())?,
        SeriesCommand::Extend { json } => {
            let made = store.extend_series(ctx.today())?;
            let mut out = screen::stdout();
            if json {
                screen::json(&mut out, &made)?;
            } else {
                writeln!(
                    out,
                    "{} visits made for {} series up to {}; {} wait for review",
                    made.created,
                    made.series,
                    dm(store.calendar().horizon(ctx.today())),
                    made.review
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
            show(&store, id, json, ctx.words())?;
        }
        SeriesCommand::Resume { id, json } => {
            let s = store.series(id)?;
            store.resume_series(id, s.version)?;
            show(&store, id, json, ctx.words())?;
        }
        SeriesCommand::End { id, after, json } => {
            let after = date(ctx, "after", &after)?;
            let s = store.series(id)?;
            store.end_series(id, s.version, after)?;
            show(&store, id, json, ctx.words())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
