//! `renos sync`, `renos status`, `renos conflicts` and `renos resolve`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::Context;
use crate::engine::sync::calendars::{self, CalendarOutcome, Provider};
use crate::engine::sync::{self, Choice, Direction, SyncOptions, SyncProgress, SyncReport, Syncer};
use crate::i18n::Words;
use crate::providers::google::RetryPolicy;
use crate::store::{GOOGLE_BOOKING, GOOGLE_SERIES, OutboxItem, SyncConflict, SyncLogEntry};

/// A provider's name in the language.
fn provider_word(w: Words, p: Provider) -> String {
    match p {
        Provider::Google => w.get("cli-provider-google"),
        Provider::CalDav => w.get("cli-provider-caldav"),
        Provider::Outlook => w.get("cli-provider-outlook"),
    }
}

/// What to say when Google is not set up.
pub fn not_set_up(w: Words) -> String {
    w.get("cli-sync-not-set-up")
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

/// A spinner with the count of events read, on a terminal only.
struct Spinner(Option<ProgressBar>);

impl SyncProgress for Spinner {
    fn pulled(&mut self, events: u64) {
        if let Some(b) = &self.0 {
            b.inc(events);
        }
    }
}

/// "full both", "pull": how a run went, in words.
fn how(w: Words, full: bool, direction: &str) -> String {
    w.with(
        "cli-sync-how",
        &[
            ("full", if full { "yes" } else { "no" }.into()),
            ("direction", direction.to_string().into()),
        ],
    )
}

/// The run in one line: what it read and wrote, then what waits.
fn summary(w: Words, r: &SyncReport) -> String {
    let c = &r.counts;
    let mut parts = vec![w.with(
        "cli-sync-summary",
        &[
            ("how", how(w, r.full, r.direction).into()),
            ("read", c.pulled.into()),
            ("created", c.created.into()),
            ("updated", c.updated.into()),
            ("cancelled", c.deleted.into()),
            ("written", c.pushed.into()),
            ("conflicts", c.conflicts.into()),
        ],
    )];
    if r.pending > 0 {
        parts.push(w.with("cli-sync-pending", &[("n", r.pending.into())]));
    }
    if r.open_conflicts > 0 {
        parts.push(w.with("cli-sync-conflicts-wait", &[("n", r.open_conflicts.into())]));
    }
    if r.series_taken > 0 {
        parts.push(w.with("cli-sync-series-taken", &[("n", r.series_taken.into())]));
    }
    for l in &r.loose_series {
        parts.push(w.with(
            "cli-sync-loose-series",
            &[
                ("summary", l.summary.trim().to_string().into()),
                ("why", crate::words::news::loose_why(w, &l.why).into()),
            ],
        ));
    }
    for n in &r.not_taken {
        parts.push(w.with(
            "cli-sync-not-taken",
            &[
                ("summary", n.summary.trim().to_string().into()),
                ("cleaner", n.cleaner.as_str().into()),
            ],
        ));
    }
    if r.more {
        parts.push(w.get("cli-sync-more"));
    }
    if r.offline {
        parts.push(w.get("cli-sync-offline"));
    }
    parts.join("; ")
}

pub fn run(
    ctx: &Context,
    direction: Direction,
    force: bool,
    max_events: Option<usize>,
    json: bool,
) -> Result<ExitCode> {
    let w = ctx.words();
    let store = ctx.open_existing()?;
    let rt = runtime()?;
    let report = rt.block_on(async {
        let client = sync::client(&ctx.settings.google, RetryPolicy::default())
            .await?
            .ok_or_else(|| anyhow!(not_set_up(w)))?;
        let mut syncer = Syncer::new(store, client, &ctx.settings)?;
        let bar = (!json && super::screen::stderr_is_terminal()).then(|| {
            let b = ProgressBar::new_spinner();
            // The bar's own placeholder goes in as the count.
            let template = format!(
                "{{spinner}} {}",
                w.with("cli-sync-spinner", &[("events", "{pos}".into())])
            );
            b.set_style(
                ProgressStyle::with_template(&template)
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        });
        let mut spinner = Spinner(bar);
        let report = syncer
            .run(
                SyncOptions {
                    direction,
                    force,
                    max_events,
                },
                &mut spinner,
            )
            .await;
        if let Some(b) = &spinner.0 {
            b.finish_and_clear();
        }
        report
    })?;
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, &report)?;
    } else {
        writeln!(out, "{}", summary(w, &report))?;
        for c in &report.calendars {
            let how = match c.outcome {
                CalendarOutcome::Synced => w.get("cli-sync-calendar-synced"),
                CalendarOutcome::Unreachable => w.get("cli-sync-calendar-unreachable"),
                CalendarOutcome::Refused => w.get("cli-sync-calendar-refused"),
                CalendarOutcome::NotSetUp => w.get("cli-sync-calendar-not-set-up"),
            };
            let id = c.key.split_once(':').map_or(c.key.as_str(), |(_, t)| t);
            writeln!(
                out,
                "  {}",
                w.with(
                    "cli-sync-calendar",
                    &[
                        ("provider", provider_word(w, c.provider).into()),
                        ("id", id.into()),
                        ("how", how.into()),
                    ]
                )
            )?;
        }
        for e in &report.errors {
            writeln!(
                out,
                "  {}",
                w.with(
                    "cli-sync-error",
                    &[("error", crate::words::news::run_error(w, e).into())]
                )
            )?;
        }
        if report.open_conflicts > 0 {
            writeln!(out, "  {}", w.get("cli-sync-see-conflicts"))?;
        }
    }
    out.flush()?;
    Ok(super::exit_code(report.errors.is_empty()))
}

#[derive(Serialize)]
struct Status {
    database: String,
    google_set_up: bool,
    calendars: Vec<CalendarStatus>,
    /// The cleaners' calendars on other providers than Google.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    own_calendars: Vec<calendars::CalendarView>,
    last_sync: Option<SyncLogEntry>,
    recent: Vec<SyncLogEntry>,
    pending: i64,
    failed: Vec<OutboxItem>,
    conflicts: Vec<SyncConflict>,
    /// "synced 2 min ago", "3 pending", "offline", ... (in English: scripts
    /// read the JSON).
    line: String,
}

#[derive(Serialize)]
struct CalendarStatus {
    id: String,
    incremental: bool,
    last_full_sync: Option<DateTime<Utc>>,
}

pub fn status(ctx: &Context, json: bool) -> Result<ExitCode> {
    let w = ctx.words();
    let store = ctx.open_existing()?;
    let now = ctx.clock.now();
    let recent = store.sync_log(5)?;
    let calendars = ctx
        .settings
        .google
        .calendars()
        .into_iter()
        .map(|id| {
            let s = store.calendar_state(&id)?;
            Ok(CalendarStatus {
                id,
                incremental: s.sync_token.is_some(),
                last_full_sync: s.full_at,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let own_calendars = calendars::views(&store, &ctx.settings)?;
    let mut items = store.outbox_items(GOOGLE_BOOKING)?;
    items.extend(store.outbox_items(GOOGLE_SERIES)?);
    let state = sync::status(&store)?;
    let s = Status {
        database: store.path().display().to_string(),
        google_set_up: ctx.settings.google.credentials.is_some(),
        calendars,
        own_calendars,
        last_sync: recent.first().cloned(),
        pending: items.iter().filter(|i| !i.failed).count() as i64,
        failed: items.into_iter().filter(|i| i.failed).collect(),
        conflicts: store.sync_conflicts()?,
        line: crate::words::news::status_line(crate::i18n::Language::En.words(), &state, now),
        recent,
    };
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, &s)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let tz = ctx.settings.tz;
    // Each line starts with its label in a column of its own.
    let label = |key: &str| format!("{:<10}", w.get(key));
    writeln!(out, "{} {}", label("cli-status-database"), s.database)?;
    if !s.google_set_up {
        writeln!(
            out,
            "{} {}",
            label("cli-status-google"),
            w.with(
                "cli-status-google-not-set-up",
                &[("how", not_set_up(w).into())]
            )
        )?;
    }
    for c in &s.calendars {
        let full = c
            .last_full_sync
            .map(|t| tz.local(t).format("%-d/%-m %H:%M").to_string());
        let how = match (c.incremental, full) {
            (true, Some(t)) => w.with("cli-status-incremental-since", &[("full", t.into())]),
            (true, None) => w.get("cli-status-incremental"),
            (false, _) => w.get("cli-status-full-due"),
        };
        writeln!(
            out,
            "{} {}",
            label("cli-status-calendar"),
            w.with(
                "cli-status-calendar-line",
                &[("id", c.id.as_str().into()), ("how", how.into())]
            )
        )?;
    }
    for c in &s.own_calendars {
        let full = c
            .last_full_sync
            .map(|t| tz.local(t).format("%-d/%-m %H:%M").to_string());
        let how = match (&c.not_set_up, c.incremental, full) {
            (Some(why), _, _) => w.with(
                "cli-status-calendar-not-set-up",
                &[("why", why.as_str().into())],
            ),
            (None, true, Some(t)) => w.with("cli-status-incremental-since", &[("full", t.into())]),
            (None, true, None) => w.get("cli-status-incremental"),
            (None, false, _) => w.get("cli-status-full-due"),
        };
        writeln!(
            out,
            "{} {}",
            label("cli-status-calendar"),
            w.with(
                "cli-status-own-calendar-line",
                &[
                    ("cleaner", c.cleaner.as_str().into()),
                    ("provider", provider_word(w, c.provider).into()),
                    ("id", c.target.as_str().into()),
                    ("how", how.into()),
                ]
            )
        )?;
    }
    writeln!(
        out,
        "{} {}",
        label("cli-status-sync"),
        crate::words::news::status_line(w, &state, now)
    )?;
    for e in &s.recent {
        let c = &e.counts;
        let run = w.with(
            "cli-status-run",
            &[
                (
                    "at",
                    tz.local(e.started_at)
                        .format("%-d/%-m %H:%M:%S")
                        .to_string()
                        .into(),
                ),
                ("how", how(w, e.full, &e.direction).into()),
                ("read", c.pulled.into()),
                ("created", c.created.into()),
                ("updated", c.updated.into()),
                ("cancelled", c.deleted.into()),
                ("written", c.pushed.into()),
                ("conflicts", c.conflicts.into()),
            ],
        );
        if e.errors.is_empty() {
            writeln!(out, "  {run}")?;
        } else {
            let errors = crate::words::news::logged_run_errors(w, &e.errors);
            writeln!(out, "  {run} — {errors}")?;
        }
    }
    for f in &s.failed {
        let what = if f.kind == GOOGLE_SERIES {
            "series"
        } else {
            "booking"
        };
        writeln!(
            out,
            "{} {}",
            label("cli-status-refused"),
            w.with(
                "cli-status-refused-line",
                &[
                    ("what", what.into()),
                    ("id", f.key.as_str().into()),
                    (
                        "error",
                        crate::words::news::logged_google_error(w, &f.last_error).into()
                    )
                ]
            )
        )?;
    }
    for c in &s.conflicts {
        writeln!(
            out,
            "{} {}",
            label("cli-status-conflict"),
            w.with(
                "cli-status-conflict-line",
                &[
                    ("id", c.booking_id.into()),
                    ("what", crate::words::news::conflict_kind(w, &c.kind).into())
                ]
            )
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn conflicts(ctx: &Context, json: bool) -> Result<ExitCode> {
    let w = ctx.words();
    let store = ctx.open_existing()?;
    let list = store.sync_conflicts()?;
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, &list)?;
    } else if list.is_empty() {
        writeln!(out, "{}", w.get("cli-conflicts-none"))?;
    } else {
        let tz = ctx.settings.tz;
        let when = |f: &Option<crate::domain::sync::EventFields>| match f {
            Some(f) => format!(
                "{} {}–{} {}",
                tz.local(f.start).format("%-d/%-m"),
                tz.hm(f.start),
                tz.hm(f.end),
                f.location
            ),
            None => w.get("cli-conflicts-deleted"),
        };
        let (mine, theirs) = (w.get("cli-conflicts-mine"), w.get("cli-conflicts-theirs"));
        let width = mine.chars().count().max(theirs.chars().count());
        for c in &list {
            writeln!(
                out,
                "#{}  {}",
                c.booking_id,
                crate::words::news::conflict_kind(w, &c.kind)
            )?;
            writeln!(out, "    {mine:<width$} {}", when(&c.mine))?;
            writeln!(out, "    {theirs:<width$} {}", when(&c.theirs))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn resolve(ctx: &Context, booking: i64, choice: Choice) -> Result<ExitCode> {
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    let settled = sync::resolve(&mut store, booking, choice)?;
    let text = crate::words::news::settled(w, &settled);
    writeln!(
        super::screen::stdout(),
        "{}",
        w.with("cli-resolve-settled", &[("settled", text.into())])
    )?;
    Ok(ExitCode::SUCCESS)
}
