//! The console: one event loop over one event enum. Terminal input, the
//! clock tick, replies of the store worker, news of the background sync and
//! of the back office (invoices, calls), and signals all arrive in one `select!`; nothing in it blocks, and the screen
//! is drawn only when something visible changed.

pub mod action;
pub mod app;
pub mod form;
pub mod input;
pub mod keymap;
pub mod theme;
pub mod view;

use std::io::Write;
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use crossterm::event::{Event as TermEvent, EventStream, KeyEventKind};
use futures::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::engine::office::{self, OfficeEvent};
use crate::engine::sync::{self as background_sync, SyncEvent};
use crate::engine::worker::{Reply, Request, Worker};
use crate::store::Store;
use app::{App, Effect, ReadOnly};
use keymap::Keymap;
use theme::Theme;

/// What the console needs to start.
pub struct Options {
    pub settings: Settings,
    pub theme: Theme,
    pub keymap: Keymap,
    pub clock: Clock,
    pub date: Option<NaiveDate>,
    /// A first message for the status line (e.g. where the demo lives).
    pub notice: Option<String>,
}

/// Picks the theme: `--theme` wins, then `NO_COLOR` (monochrome), then the
/// config file, then dark.
pub fn choose_theme(flag: Option<&str>, settings: &Settings) -> Result<Theme> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let name = match (flag, no_color, settings.theme.as_deref()) {
        (Some(f), _, _) => f,
        (None, true, _) => "monochrome",
        (None, false, Some(t)) => t,
        (None, false, None) => "dark",
    };
    Theme::load(name)
}

/// Runs the console on `store` until the dispatcher quits or a signal ends it.
pub fn run(store: Store, opts: Options) -> Result<()> {
    // One thread is enough: the store worker, the sync and the back office
    // run on threads of their own, and nothing here blocks.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime")?;
    runtime.block_on(event_loop(store, opts))
}

enum Event {
    Worker(Reply),
    Sync(SyncEvent),
    Office(OfficeEvent),
}

async fn event_loop(store: Store, opts: Options) -> Result<()> {
    let mut sigterm = signal(SignalKind::terminate()).context("cannot watch SIGTERM")?;
    let mut sighup = signal(SignalKind::hangup()).context("cannot watch SIGHUP")?;
    let (tx, mut rx) = mpsc::unbounded_channel::<Event>();
    let db_label = store.path().display().to_string();
    let db_path = store.path().to_path_buf();
    let read_only = if store.access().read_only() {
        Some(ReadOnly::Viewer(store.access().clone()))
    } else {
        store.unwritable().map(ReadOnly::Database)
    };
    let sync_tx = tx.clone();
    let office_tx = tx.clone();
    let worker = Worker::spawn(store, opts.settings.clone(), move |reply| {
        let _ = tx.send(Event::Worker(reply));
    });
    // A console that only reads leaves the back office and the sync to
    // the others (they would only be refused).
    let back_office = read_only.is_none();
    // Invoices and alerts too: an HTTP wait never holds up the worker.
    let office = back_office.then(|| {
        office::spawn(
            opts.settings.clone(),
            db_path.clone(),
            opts.settings.dispatcher.clone(),
            opts.clock,
            move |event| {
                let _ = office_tx.send(Event::Office(event));
            },
        )
    });
    // The sync has a connection of its own: a run never holds up the worker.
    let sync = back_office.then(|| {
        background_sync::spawn(
            opts.settings.clone(),
            db_path,
            opts.settings.dispatcher.clone(),
            opts.clock,
            move |event| {
                let _ = sync_tx.send(Event::Sync(event));
            },
        )
    });

    let now = opts.clock.now();
    let date = opts
        .date
        .unwrap_or_else(|| opts.settings.tz.local_date(now));
    let mut app = App::new(opts.settings, opts.theme, opts.keymap, now, date);
    app.db_label = db_label;
    app.fixed_clock = matches!(opts.clock, Clock::Fixed(_));
    if let Some(why) = &read_only {
        app.say(
            app::MessageKind::Info,
            view::read_only::reason(app.words(), why, &app.db_label),
        );
    }
    app.read_only = read_only;
    if let Some(n) = opts.notice {
        // It keeps the status line its full time; news waits in the log.
        app.notice(app::MessageKind::Info, n);
    }
    // The cursor is shown only where the dispatcher types.
    worker.send(Request::Load(date));

    // ratatui::init enters the alternate screen and raw mode, and installs a
    // panic hook that restores the terminal before the panic is reported.
    let mut terminal = ratatui::init();
    // A panic in a background service goes to the log, not over the screen
    // (and does not give the terminal back while the console runs).
    crate::engine::service::log_panics_of_services();
    let result = async {
        let mut events = EventStream::new();
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        draw(&mut terminal, &app)?;
        loop {
            let mut dirty = false;
            let mut effects = Vec::new();
            tokio::select! {
                ev = events.next() => match ev {
                    Some(Ok(TermEvent::Key(k))) if k.kind != KeyEventKind::Release => {
                        effects = app.handle_key(&k);
                        dirty = true;
                    }
                    Some(Ok(TermEvent::Resize(..))) => dirty = true,
                    Some(Ok(_)) => {}
                    // The terminal is gone (e.g. the SSH connection dropped).
                    Some(Err(_)) | None => break,
                },
                Some(event) = rx.recv() => match event {
                    Event::Worker(reply) => (dirty, effects) = app.on_reply_effects(reply),
                    Event::Sync(event) => dirty = app.on_sync(event),
                    Event::Office(event) => dirty = app.on_office(event),
                },
                _ = tick.tick() => dirty = app.tick(opts.clock.now()),
                _ = sigterm.recv() => break,
                _ = sighup.recv() => break,
            }
            for effect in effects {
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::Request(r) => worker.send(r),
                    Effect::SyncNow => {
                        if let Some(sync) = &sync {
                            sync.sync_now();
                        }
                    }
                    Effect::Office(cmd) => {
                        if let Some(office) = &office {
                            office.send(cmd);
                        }
                    }
                    Effect::ClearScreen => {
                        terminal.clear()?;
                        dirty = true;
                    }
                }
            }
            if dirty {
                draw(&mut terminal, &app)?;
            }
        }
        Ok::<(), anyhow::Error>(())
    }
    .await;
    ratatui::restore();
    drop(sync);
    drop(office);
    drop(worker);
    result
}

/// Draws one frame inside a synchronized update, so terminals that support it
/// show it at once rather than line by line.
fn draw(terminal: &mut ratatui::DefaultTerminal, app: &App) -> Result<()> {
    use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
    crossterm::queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| view::draw(f, app))?;
    crossterm::queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().flush()?;
    Ok(())
}
