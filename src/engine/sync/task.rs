//! The console's background sync: a service (see [`crate::engine::service`])
//! with its own database connection and Google client that syncs when the
//! dispatcher asks (`S`), every `sync.interval`, and a little after a local
//! change (`sync.debounce`), and tells the console what it is doing through
//! typed [`SyncEvent`]s; the console words them.
//!
//! A run's future borrows the connection (not `Sync`) across its awaits, so
//! it runs on the service's own single-threaded runtime; SQLite work and
//! HTTP waits then never hold up the screen.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::FutureExt as _;

use super::{SyncOptions, SyncReport, SyncStatus, Syncer, client};
use crate::clock::Clock;
use crate::config::{Settings, SyncConfig};
use crate::engine::service::{Inbox, Service, ServiceHandle, ServiceNews, spawn_service};
use crate::providers::retry::RetryPolicy;
use crate::store::{GOOGLE_BOOKING, GOOGLE_SERIES, OutboxItem, RunFailure, Store, SyncCounts};

/// What the console is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncEvent {
    /// The sync's state, sent when it changes.
    Status(SyncStatus),
    /// The state cannot be read from the database: why.
    StatusUnknown(String),
    /// A run began.
    Started,
    /// A run went through.
    Finished {
        report: Box<SyncReport>,
        manual: bool,
    },
    /// A run (or getting ready for one) failed.
    Failed { failure: SyncFailure, manual: bool },
    /// Google Calendar is not set up: nothing will sync.
    NotSetUp,
    /// Each calendar the sync drives, with what waits for it; sent when it
    /// changes.
    Calendars(Vec<super::status::Connection>),
    /// News of the sync service itself (it could not start, or stopped).
    Service(ServiceNews),
}

/// Why a run did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncFailure {
    /// Google Calendar is not set up.
    NotSetUp,
    /// The Google client cannot be made: the error.
    Connect(String),
    /// The sync cannot open the database: the error.
    Database(String),
    /// The sync cannot get ready (e.g. a bad calendar setting): the error.
    Start(String),
    /// The run panicked; the next one starts afresh.
    Panicked,
    /// The run failed: the error.
    Run(String),
    /// Google could not be reached; `pending` changes wait. `calendars`:
    /// how the run went for each calendar on another provider (they sync
    /// on their own meanwhile).
    Offline {
        pending: i64,
        calendars: Vec<super::calendars::CalendarRun>,
    },
    /// The run ended, but something did not go through.
    Incomplete(Box<SyncReport>),
}

/// How often the task looks at the outbox and the status.
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// How many due outbox entries the debounce looks at.
const DUE_LIMIT: usize = 500;

/// What the console asks of the sync.
pub enum SyncCommand {
    /// Sync now.
    SyncNow,
}

/// The running sync. Dropping it stops the sync (a run in progress is
/// abandoned at its next wait; what it committed stays).
pub struct SyncHandle(ServiceHandle<SyncCommand>);

impl SyncHandle {
    /// Sync now (the dispatcher pressed `S`). During a run, that run's
    /// result is reported as asked for.
    pub fn sync_now(&self) {
        // A closed channel means the sync is gone; it said so.
        self.0.send(SyncCommand::SyncNow);
    }

    /// Asks the sync to stop and waits a little; whether it stopped.
    pub fn stop(self) -> bool {
        self.0.stop()
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
    let notify: Notify = Arc::new(notify);
    let news = notify.clone();
    SyncHandle(spawn_service(
        "renos-sync",
        move |n| news(SyncEvent::Service(n)),
        move || Task::new(settings, db, actor, clock, notify),
    ))
}

type Notify = Arc<dyn Fn(SyncEvent) + Send + Sync>;

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

struct Task {
    settings: Settings,
    db: PathBuf,
    actor: String,
    clock: Clock,
    notify: Notify,
    /// The connection while there is no syncer (which then owns it).
    store: Option<Store>,
    syncer: Option<Syncer>,
    schedule: Schedule,
    /// The status last sent.
    status: Option<Result<SyncStatus, String>>,
    /// "Not set up" was told.
    told_not_set_up: bool,
    /// The calendars last sent.
    calendars: Option<Vec<super::status::Connection>>,
}

impl Service for Task {
    type Command = SyncCommand;

    fn every(&self) -> Duration {
        CHECK_EVERY
    }

    async fn command(
        &mut self,
        cmd: SyncCommand,
        inbox: &mut Inbox<SyncCommand>,
    ) -> anyhow::Result<()> {
        match cmd {
            SyncCommand::SyncNow if self.not_set_up() => {
                (self.notify)(SyncEvent::Failed {
                    failure: SyncFailure::NotSetUp,
                    manual: true,
                });
            }
            SyncCommand::SyncNow => {
                if self.sync(true, inbox).await.is_continue() {
                    self.refresh_status();
                }
            }
        }
        Ok(())
    }

    async fn tick(&mut self, inbox: &mut Inbox<SyncCommand>) -> anyhow::Result<()> {
        if self.not_set_up() {
            if !self.told_not_set_up {
                self.told_not_set_up = true;
                (self.notify)(SyncEvent::NotSetUp);
            }
            return Ok(());
        }
        self.refresh_status();
        if self.auto_due() && self.sync(false, inbox).await.is_continue() {
            self.refresh_status();
        }
        Ok(())
    }
}

impl Task {
    fn new(settings: Settings, db: PathBuf, actor: String, clock: Clock, notify: Notify) -> Self {
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
            told_not_set_up: false,
            calendars: None,
        }
    }

    fn not_set_up(&self) -> bool {
        self.settings.google.credentials.is_none()
    }

    fn open(&self) -> Result<Store, String> {
        Store::open_existing(&self.db, &self.actor, self.clock)
            .map(|s| {
                s.with_tz(self.settings.tz)
                    .with_access(self.settings.access.clone())
            })
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
            Ok(s) => [GOOGLE_SERIES, GOOGLE_BOOKING]
                .into_iter()
                .flat_map(|kind| s.outbox_due(kind, now, DUE_LIMIT).unwrap_or_default())
                .map(|i| entry_key(&i))
                .collect(),
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
        let status = match self.store() {
            Ok(store) => super::status(store).map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        if self.status.as_ref() != Some(&status) {
            self.status = Some(status.clone());
            (self.notify)(match status {
                Ok(s) => SyncEvent::Status(s),
                Err(e) => SyncEvent::StatusUnknown(e),
            });
            self.refresh_calendars();
        }
    }

    /// Sends each calendar's state when it changed (what waits for it
    /// changes only with the status).
    fn refresh_calendars(&mut self) {
        let settings = self.settings.clone();
        let Ok(Ok(calendars)) = self
            .store()
            .map(|store| super::status::connections(store, &settings))
        else {
            return;
        };
        if self.calendars.as_ref() != Some(&calendars) {
            self.calendars = Some(calendars.clone());
            (self.notify)(SyncEvent::Calendars(calendars));
        }
    }

    /// Makes sure there is a syncer, building the client (again) if needed.
    async fn ensure_syncer(&mut self) -> Result<(), SyncFailure> {
        if self.syncer.is_none() {
            let client = match client(&self.settings.google, RetryPolicy::default()).await {
                Ok(Some(c)) => c,
                Ok(None) => return Err(SyncFailure::NotSetUp),
                Err(e) => return Err(SyncFailure::Connect(format!("{e:#}"))),
            };
            let store = match self.store.take() {
                Some(s) => s,
                None => self.open().map_err(SyncFailure::Database)?,
            };
            let syncer = Syncer::new(store, client, &self.settings)
                .map_err(|e| SyncFailure::Start(format!("{e:#}")))?;
            self.syncer = Some(syncer);
        }
        Ok(())
    }

    /// One run; `Break` when the console went away meanwhile.
    async fn sync(&mut self, manual: bool, inbox: &mut Inbox<SyncCommand>) -> ControlFlow<()> {
        let mut manual = manual;
        if let Err(failure) = self.ensure_syncer().await {
            (self.notify)(SyncEvent::Failed { failure, manual });
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
                    cmd = inbox.recv() => match cmd {
                        Some(SyncCommand::SyncNow) => manual = true,
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
                    failure: SyncFailure::Panicked,
                    manual,
                }
            }
            Some(Ok(Err(e))) => {
                tracing::warn!("sync failed: {e:#}");
                SyncEvent::Failed {
                    failure: SyncFailure::Run(format!("{e:#}")),
                    manual,
                }
            }
            Some(Ok(Ok(report))) if report.offline => SyncEvent::Failed {
                failure: SyncFailure::Offline {
                    pending: report.pending,
                    calendars: report.calendars,
                },
                manual,
            },
            // Something did not go through: said as a failure, so it shows.
            Some(Ok(Ok(report))) if !report.errors.is_empty() => SyncEvent::Failed {
                failure: SyncFailure::Incomplete(Box::new(report)),
                manual,
            },
            Some(Ok(Ok(report))) => SyncEvent::Finished {
                report: Box::new(report),
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
                Some(RunFailure::Interrupted),
            );
        }
    }
}

#[cfg(test)]
mod tests;
