//! `renos sync`, `renos status`, `renos conflicts` and `renos resolve`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::Context;
use crate::engine::sync::{self, Choice, Direction, SyncOptions, SyncProgress, Syncer};
use crate::providers::google::RetryPolicy;
use crate::store::{GOOGLE_BOOKING, GOOGLE_SERIES, OutboxItem, SyncConflict, SyncLogEntry};

/// What to say when Google is not set up.
pub const NOT_SET_UP: &str = "Google Calendar is not set up: set GOOGLE_CLIENT_EMAIL and \
     GOOGLE_PRIVATE_KEY (or GOOGLE_KEY_FILE, or [google] key_file in the config), plus \
     GOOGLE_CALENDAR_ID and GOOGLE_IMPERSONATED_USER; to try it: `renos sandbox > g.env & sleep 1; . ./g.env`";

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

pub fn run(
    ctx: &Context,
    direction: Direction,
    force: bool,
    max_events: Option<usize>,
    json: bool,
) -> Result<ExitCode> {
    let store = ctx.open_existing()?;
    let rt = runtime()?;
    let report = rt.block_on(async {
        let client = sync::client(&ctx.settings.google, RetryPolicy::default())
            .await?
            .ok_or_else(|| anyhow!(NOT_SET_UP))?;
        let mut syncer = Syncer::new(store, client, &ctx.settings)?;
        let bar = (!json && super::screen::stderr_is_terminal()).then(|| {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template("{spinner} syncing: {pos} events read")
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
        writeln!(out, "{}", report.summary())?;
        for e in &report.errors {
            writeln!(out, "  error: {e}")?;
        }
        if report.open_conflicts > 0 {
            writeln!(
                out,
                "  see them with `renos conflicts`; settle with `renos resolve ID mine|theirs|both` or in the console"
            )?;
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
    last_sync: Option<SyncLogEntry>,
    recent: Vec<SyncLogEntry>,
    pending: i64,
    failed: Vec<OutboxItem>,
    conflicts: Vec<SyncConflict>,
    /// "synced 2 min ago", "3 pending", "offline", ...
    line: String,
}

#[derive(Serialize)]
struct CalendarStatus {
    id: String,
    incremental: bool,
    last_full_sync: Option<DateTime<Utc>>,
}

pub fn status(ctx: &Context, json: bool) -> Result<ExitCode> {
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
    let mut items = store.outbox_items(GOOGLE_BOOKING)?;
    items.extend(store.outbox_items(GOOGLE_SERIES)?);
    let s = Status {
        database: store.path().display().to_string(),
        google_set_up: ctx.settings.google.credentials.is_some(),
        calendars,
        last_sync: recent.first().cloned(),
        pending: items.iter().filter(|i| !i.failed).count() as i64,
        failed: items.into_iter().filter(|i| i.failed).collect(),
        conflicts: store.sync_conflicts()?,
        line: crate::tui::view::news::status_line(
            crate::i18n::Language::En.words(),
            &sync::status(&store)?,
            now,
        ),
        recent,
    };
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, &s)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let tz = ctx.settings.tz;
    writeln!(out, "Database   {}", s.database)?;
    if !s.google_set_up {
        writeln!(out, "Google     not set up. {NOT_SET_UP}")?;
    }
    for c in &s.calendars {
        let how = match (c.incremental, c.last_full_sync) {
            (true, Some(t)) => format!(
                "incremental (full sync {})",
                tz.local(t).format("%-d/%-m %H:%M")
            ),
            (true, None) => "incremental".to_string(),
            (false, _) => "full sync due".to_string(),
        };
        writeln!(out, "Calendar   {}: {how}", c.id)?;
    }
    writeln!(out, "Sync       {}", s.line)?;
    for e in &s.recent {
        let c = &e.counts;
        writeln!(
            out,
            "  {} {}{}: read {}, created {}, updated {}, cancelled {}, written {}, conflicts {}{}",
            tz.local(e.started_at).format("%-d/%-m %H:%M:%S"),
            if e.full { "full " } else { "" },
            e.direction,
            c.pulled,
            c.created,
            c.updated,
            c.deleted,
            c.pushed,
            c.conflicts,
            if e.errors.is_empty() {
                String::new()
            } else {
                format!(" — {}", e.errors)
            }
        )?;
    }
    for f in &s.failed {
        let what = if f.kind == GOOGLE_SERIES {
            "series"
        } else {
            "booking"
        };
        writeln!(out, "Refused    {what} #{}: {}", f.key, f.last_error)?;
    }
    for c in &s.conflicts {
        writeln!(
            out,
            "Conflict   booking #{}: {}",
            c.booking_id,
            c.kind.describe()
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn conflicts(ctx: &Context, json: bool) -> Result<ExitCode> {
    let store = ctx.open_existing()?;
    let list = store.sync_conflicts()?;
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, &list)?;
    } else if list.is_empty() {
        writeln!(out, "No sync conflicts.")?;
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
            None => "deleted".to_string(),
        };
        for c in &list {
            writeln!(out, "#{}  {}", c.booking_id, c.kind.describe())?;
            writeln!(out, "    mine:   {}", when(&c.mine))?;
            writeln!(out, "    theirs: {}", when(&c.theirs))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn resolve(ctx: &Context, booking: i64, choice: Choice) -> Result<ExitCode> {
    let mut store = ctx.open_existing()?;
    let settled = sync::resolve(&mut store, booking, choice)?;
    let text = crate::tui::view::news::settled(crate::i18n::Language::En.words(), &settled);
    writeln!(
        super::screen::stdout(),
        "{text}; run `renos sync` (or wait for the console) to send it"
    )?;
    Ok(ExitCode::SUCCESS)
}
