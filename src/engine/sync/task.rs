//! The console's background sync: one task with its own database connection
//! and Google client that syncs when the dispatcher asks (`S`), every
//! `sync.interval`, and a little after a local change (`sync.debounce`), and
//! tells the console what it is doing through [`SyncEvent`]s.
//!
//! A run's future borrows the connection (not `Sync`) across its awaits, so
//! it cannot be a task of the console's multi-threaded runtime. The sync gets
//! a thread with a single-threaded runtime of its own instead; SQLite work
//! and HTTP waits then never hold up a thread the console needs.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};

use futures::FutureExt as _;
use tokio::sync::mpsc;

use super::{SyncOptions, SyncReport, Syncer, client};
use crate::clock::Clock;
use crate::config::{Settings, SyncConfig};
use crate::providers::google::RetryPolicy;
use crate::store::{GOOGLE_BOOKING, OutboxItem, Store, SyncCounts};

/// What the console is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncEvent {
    /// The sync's state in a few words ("synced 2 min ago · 3 pending"),
    /// sent when it changes.
    Status(String),
    /// A run began.
    Started,
    /// A run ended; `summary` is a line for the status bar.
    Finished { summary: String, manual: bool },
    /// A run (or getting ready for one) failed; `message` says what to do.
    Failed { message: String, manual: bool },
    /// Google Calendar is not set up: nothing will sync.
    NotSetUp,
}

/// The header's words when Google is not set up.
pub const NOT_SET_UP_STATUS: &str = "Google: not set up";

/// The answer to `S` when Google is not set up.
pub const NOT_SET_UP_MESSAGE: &str = "Google Calendar is not set up: set GOOGLE_CLIENT_EMAIL and \
     GOOGLE_PRIVATE_KEY (or GOOGLE_KEY_FILE, or [google] key_file in the config), then start \
     the console again";

/// How often the task looks at the outbox and the status.
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// How many due outbox entries the debounce looks at.
const DUE_LIMIT: usize = 500;
/// How long dropping the handle waits for a run to stop.
const STOP_WAIT: Duration = Duration::from_secs(2);

enum Command {
    SyncNow,
}

/// The running sync task. Dropping it stops the task (a run in progress is
/// abandoned at its next wait; what it committed stays).
pub struct SyncHandle {
    tx: Option<mpsc::UnboundedSender<Command>>,
    stopped: Option<std_mpsc::Receiver<()>>,
}

impl SyncHandle {
    /// Sync now (the dispatcher pressed `S`). During a run, that run's
    /// result is reported as asked for.
    pub fn sync_now(&self) {
        if let Some(tx) = &self.tx {
            // A closed channel means the task is gone; nothing to do.
            let _ = tx.send(Command::SyncNow);
        }
    }
}

impl Drop for SyncHandle {
    fn drop(&mut self) {
        // Closing the channel is the stop signal.
        self.tx.take();
        if let Some(stopped) = self.stopped.take() {
            // Wait briefly so an abandoned run can close its log entry; a
            // task stuck in the database is left behind rather than
            // holding up the exit.
            let _ = stopped.recv_timeout(STOP_WAIT);
        }
    }
}

/// Starts the background sync on its own connection to `db`.
pub fn spawn(
    settings: Settings,
    db: PathBuf,
    actor: String,
    clock: Clock,
    notify: impl Fn(SyncEvent) + Send + Sync + 'static,
) -> SyncHandle {
    let (tx, rx) = mpsc::unbounded_channel();
    let (stopped_tx, stopped) = std_mpsc::channel();
    let started = std::thread::Builder::new()
        .name("renos-sync".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            match runtime {
                Ok(rt) => {
                    let task = Task::new(settings, db, actor, clock, notify);
                    rt.block_on(task.run(rx));
                }
                Err(e) => notify(SyncEvent::Failed {
                    message: format!("The background sync could not start: {e}"),
                    manual: false,
                }),
            }
            let _ = stopped_tx.send(());
        });
    match started {
        Ok(_) => SyncHandle {
            tx: Some(tx),
            stopped: Some(stopped),
        },
        Err(e) => {
            tracing::error!("cannot start the sync thread: {e}");
            SyncHandle {
                tx: None,
                stopped: None,
            }
        }
    }
}

/// An outbox entry as the debounce tells versions apart: a new change bumps
/// `seq`, a failed delivery bumps `attempts` (and moves `next_at`).
type EntryKey = (i64, i64, i64);

fn entry_key(i: &OutboxItem) -> EntryKey {
    (i.id, i.seq, i.attempts)
}

/// When to sync without being asked. Pure: the task feeds it the clock and
/// the due outbox entries every second.
#[derive(Debug)]
struct Schedule {
    config: SyncConfig,
    next_interval: Instant,
    /// Due entries the last run left due (held by a conflict, or not tried
    /// because Google could not be reached): no reason to run again soon.
    settled: HashSet<EntryKey>,
    /// Since when an entry the last run did not see has been due.
    fresh_since: Option<Instant>,
}

impl Schedule {
    /// The first automatic run comes at once, so the console opens on fresh data.
    fn new(config: SyncConfig, now: Instant) -> Schedule {
        Schedule {
            config,
            next_interval: now,
            settled: HashSet::new(),
            fresh_since: None,
        }
    }

    /// Is an automatic run due? `due` are the outbox entries due now.
    fn due(&mut self, now: Instant, due: &[EntryKey]) -> bool {
        if !self.config.enabled {
            return false;
        }
        if now >= self.next_interval {
            return true;
        }
        if due.iter().any(|k| !self.settled.contains(k)) {
            let since = *self.fresh_since.get_or_insert(now);
            now.duration_since(since) >= self.config.debounce
        } else {
            self.fresh_since = None;
            false
        }
    }

    /// A run ended at `now`, leaving `due` due.
    fn ran(&mut self, now: Instant, due: &[EntryKey]) {
        self.next_interval = now + self.config.interval;
        self.settled = due.iter().copied().collect();
        self.fresh_since = None;
    }
}

struct Task<F> {
    settings: Settings,
    db: PathBuf,
    actor: String,
    clock: Clock,
    notify: F,
    /// The connection while there is no syncer (which then owns it).
    store: Option<Store>,
    syncer: Option<Syncer>,
    schedule: Schedule,
    /// The status last sent.
    status: Option<String>,
}

impl<F: Fn(SyncEvent)> Task<F> {
    fn new(settings: Settings, db: PathBuf, actor: String, clock: Clock, notify: F) -> Self {
        let schedule = Schedule::new(settings.sync, Instant::now());
        Task {
            settings,
            db,
            actor,
            clock,
            notify,
            store: None,
            syncer: None,
            schedule,
            status: None,
        }
    }

    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Command>) {
        if self.settings.google.credentials.is_none() {
            (self.notify)(SyncEvent::Status(NOT_SET_UP_STATUS.to_string()));
            (self.notify)(SyncEvent::NotSetUp);
            while let Some(Command::SyncNow) = rx.recv().await {
                (self.notify)(SyncEvent::Failed {
                    message: NOT_SET_UP_MESSAGE.to_string(),
                    manual: true,
                });
            }
            return;
        }
        let mut tick = tokio::time::interval(CHECK_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let manual = tokio::select! {
                cmd = rx.recv() => match cmd {
                    Some(Command::SyncNow) => true,
                    None => return,
                },
                _ = tick.tick() => {
                    self.refresh_status();
                    if !self.auto_due() {
                        continue;
                    }
                    false
                }
            };
            if self.sync(manual, &mut rx).await.is_break() {
                return;
            }
            self.refresh_status();
        }
    }

    fn open(&self) -> Result<Store, String> {
        Store::open_existing(&self.db, &self.actor, self.clock)
            .map(|s| s.with_tz(self.settings.tz))
            .map_err(|e| e.to_string())
    }

    /// The connection, opened again if it was lost.
    fn store(&mut self) -> Result<&Store, String> {
        if let Some(s) = &self.syncer {
            return Ok(s.store());
        }
        if self.store.is_none() {
            self.store = Some(self.open()?);
        }
        self.store.as_ref().ok_or_else(|| "no database".to_string())
    }

    fn due_entries(&mut self) -> Vec<EntryKey> {
        let now = self.clock.now();
        match self.store() {
            Ok(s) => s
                .outbox_due(GOOGLE_BOOKING, now, DUE_LIMIT)
                .map(|items| items.iter().map(entry_key).collect())
                .unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }

    fn auto_due(&mut self) -> bool {
        if !self.settings.sync.enabled {
            return false;
        }
        let due = self.due_entries();
        self.schedule.due(Instant::now(), &due)
    }

    /// Sends the status when it changed.
    fn refresh_status(&mut self) {
        let now = self.clock.now();
        let text = match self.store() {
            Ok(store) => super::status(store, now).map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        let text = text.unwrap_or_else(|e| format!("sync status unknown: {e}"));
        if self.status.as_deref() != Some(text.as_str()) {
            self.status = Some(text.clone());
            (self.notify)(SyncEvent::Status(text));
        }
    }

    /// Makes sure there is a syncer, building the client (again) if needed.
    async fn ensure_syncer(&mut self) -> Result<(), String> {
        if self.syncer.is_none() {
            let client = match client(&self.settings.google, RetryPolicy::default()).await {
                Ok(Some(c)) => c,
                Ok(None) => return Err(NOT_SET_UP_MESSAGE.to_string()),
                Err(e) => {
                    return Err(format!(
                        "Cannot connect to Google Calendar: {e:#}; check the Google settings"
                    ));
                }
            };
            let store = match self.store.take() {
                Some(s) => s,
                None => self
                    .open()
                    .map_err(|e| format!("The sync cannot open the database: {e}"))?,
            };
            let syncer = Syncer::new(store, client, &self.settings)
                .map_err(|e| format!("The sync cannot start: {e:#}"))?;
            self.syncer = Some(syncer);
        }
        Ok(())
    }

    /// One run; `Break` when the console went away meanwhile.
    async fn sync(
        &mut self,
        manual: bool,
        rx: &mut mpsc::UnboundedReceiver<Command>,
    ) -> ControlFlow<()> {
        let mut manual = manual;
        if let Err(message) = self.ensure_syncer().await {
            (self.notify)(SyncEvent::Failed { message, manual });
            let due = self.due_entries();
            self.schedule.ran(Instant::now(), &due);
            return ControlFlow::Continue(());
        }
        let Some(syncer) = self.syncer.as_mut() else {
            return ControlFlow::Continue(());
        };
        let last_log = syncer
            .store()
            .sync_log(1)
            .ok()
            .and_then(|l| l.first().map(|e| e.id));
        (self.notify)(SyncEvent::Started);
        let outcome = {
            let mut progress = ();
            let run =
                AssertUnwindSafe(syncer.run(SyncOptions::default(), &mut progress)).catch_unwind();
            tokio::pin!(run);
            loop {
                tokio::select! {
                    out = &mut run => break Some(out),
                    cmd = rx.recv() => match cmd {
                        Some(Command::SyncNow) => manual = true,
                        None => break None,
                    },
                }
            }
        };
        let event = match outcome {
            None => {
                self.close_interrupted(last_log);
                return ControlFlow::Break(());
            }
            Some(Err(_)) => {
                tracing::error!("the sync run panicked");
                // Whatever state it was in goes; the next run starts afresh.
                self.syncer = None;
                SyncEvent::Failed {
                    message: "The sync stopped on an internal error; it will start afresh next \
                              time (details in the log)"
                        .to_string(),
                    manual,
                }
            }
            Some(Ok(Err(e))) => {
                tracing::warn!("sync failed: {e:#}");
                SyncEvent::Failed {
                    message: format!("Sync failed: {e:#}"),
                    manual,
                }
            }
            Some(Ok(Ok(report))) if report.offline => SyncEvent::Failed {
                message: offline_message(&report),
                manual,
            },
            // Something did not go through: said as a failure, so it shows.
            Some(Ok(Ok(report))) if !report.errors.is_empty() => SyncEvent::Failed {
                message: summary(&report),
                manual,
            },
            Some(Ok(Ok(report))) => SyncEvent::Finished {
                summary: summary(&report),
                manual,
            },
        };
        (self.notify)(event);
        let due = self.due_entries();
        self.schedule.ran(Instant::now(), &due);
        ControlFlow::Continue(())
    }

    /// The console closed during a run: its log entry says so, rather than
    /// "syncing…" until the next run.
    fn close_interrupted(&mut self, before: Option<i64>) {
        let Some(syncer) = &mut self.syncer else {
            return;
        };
        let last = syncer
            .store()
            .sync_log(1)
            .ok()
            .and_then(|l| l.into_iter().next());
        if let Some(l) = last.filter(|l| Some(l.id) != before && l.ended_at.is_none()) {
            let _ = syncer.store_mut().finish_sync_log(
                l.id,
                false,
                &SyncCounts::default(),
                "interrupted: the console closed during the sync",
            );
        }
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One short line for the status bar: only what happened, what needs the
/// dispatcher first (the status bar may cut the end).
pub fn summary(r: &SyncReport) -> String {
    let c = &r.counts;
    let mut parts = Vec::new();
    if let Some(first) = r.errors.first() {
        parts.push(match r.errors.len() {
            1 => first.clone(),
            n => format!("{first} (and {} more)", n - 1),
        });
    }
    if r.open_conflicts > 0 {
        parts.push(format!(
            "{} — press C",
            plural(r.open_conflicts, "conflict waits", "conflicts wait")
        ));
    }
    let done: Vec<String> = [
        (c.pulled, "read"),
        (c.created, "new"),
        (c.updated, "updated"),
        (c.deleted, "cancelled"),
        (c.pushed, "written"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    parts.push(if done.is_empty() {
        "no changes".to_string()
    } else {
        done.join(", ")
    });
    if r.pending > 0 {
        parts.push(format!("{} pending", r.pending));
    }
    if r.failed > 0 {
        parts.push(format!(
            "{} refused by Google",
            plural(r.failed, "change", "changes")
        ));
    }
    if r.more {
        parts.push("more to read next time".to_string());
    }
    format!(
        "{}{}: {}",
        if r.errors.is_empty() {
            "Synced"
        } else {
            "Sync incomplete"
        },
        if r.full { " (full)" } else { "" },
        parts.join("; ")
    )
}

fn offline_message(r: &SyncReport) -> String {
    if r.pending > 0 {
        format!(
            "Offline: Google Calendar cannot be reached; {} wait and go out once it answers",
            plural(r.pending, "change", "changes")
        )
    } else {
        "Offline: Google Calendar cannot be reached; the sync tries again by itself".to_string()
    }
}

#[cfg(test)]
mod tests;
