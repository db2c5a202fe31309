//! Two-way sync of bookings with the calendars, all behind the provider
//! seam (`providers::calendar`): the shared calendars (Google's) read
//! event by event through [`EventCalendar`](crate::providers::calendar::events::EventCalendar)
//! (`account`), the cleaners' own calendars on CalDAV or Microsoft 365 item
//! by item through [`CalendarProvider`](crate::providers::calendar::CalendarProvider)
//! (`calendars`, `seam`). The engine holds no client of its own.
//!
//! - **Pull**: a full list of each calendar the first time (and after a 410
//!   or `--force`), then only the changes since the stored sync token. Each
//!   page is applied in one transaction together with the token that
//!   follows it, so a crash repeats at most a page, which changes nothing.
//! - **Push**: the outbox entries that every booking change writes in its
//!   own transaction, delivered with conditional writes (see `push`).
//! - **Merge**: a field changed on one side only is taken over; the same
//!   field changed on both sides, or a deletion against an edit, waits in the
//!   conflict queue for the dispatcher (see `resolve`).
//! - **Series**: in a calendar read event by event, a series is one
//!   recurring event and its visits are its instances (`series`); in a
//!   cleaner's calendar on another provider its visits are written one by
//!   one.
//! - **Out of reach**: the shared calendars' account offline (or out of
//!   quota, or not allowed) holds up only what goes to it; the other
//!   calendars are pulled and pushed all the same (see `reach`).

mod account;
pub mod calendars;
mod customers;
mod fault;
mod fields;
mod handover;
mod pull;
mod push;
mod reach;
mod reconcile;
mod report;
mod resolve;
mod seam;
mod series;
mod status;
mod step;
mod task;
mod verify;

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{Context as _, Result};

use crate::config::{CalendarsConfig, GoogleConfig, GoogleCredentials, Settings, SyncConfig};
use crate::providers::calendar::events::EventAccount;
use crate::providers::google::{GoogleAccount, GoogleClient, GoogleSettings, RetryPolicy};
use crate::store::{GOOGLE_BOOKING, GOOGLE_SERIES, RunFailure, Store, SyncCounts};

pub use fault::{LooseWhy, RunError, read as read_run_errors, read_google_error};
pub use fields::{Layout, PROP_CUSTOMER, PROP_SERVICE, PROP_STAFF};
pub use reconcile::{DELETED_THERE, REVIEW_ALL_DAY, REVIEW_NEW_CUSTOMER};
pub use report::{Direction, SyncOptions, SyncReport};
pub use resolve::{Choice, Settled, resolve, resolve_held};
pub use series::{LooseSeries, PROP_SERIES, instance_id};
pub use status::{Connection, ConnectionState, Run, RunOutcome, SyncStatus, connections, status};
pub(crate) use step::StepError;
pub use task::*;

/// How often a calendar is listed in full, besides the incremental syncs.
const FULL_EVERY: chrono::Duration = chrono::Duration::hours(24);

/// The journal's actor for changes that came from the calendar.
pub const SYNC_ACTOR: &str = "Google Calendar";

/// Reports pulled events as they come (for a progress bar).
pub trait SyncProgress {
    fn pulled(&mut self, _events: u64) {}
}

impl SyncProgress for () {}

/// Builds the Google client from the settings; `None` when Google is not
/// set up.
pub async fn client(g: &GoogleConfig, retry: RetryPolicy) -> Result<Option<GoogleClient>> {
    match google_settings(g, retry)? {
        Some(settings) => Ok(Some(GoogleClient::new(settings).await?)),
        None => Ok(None),
    }
}

/// The client's settings: the key (from its file or the config), with the
/// config's (or the environment's) token URI winning over the key file's.
pub fn google_settings(g: &GoogleConfig, retry: RetryPolicy) -> Result<Option<GoogleSettings>> {
    let Some(creds) = &g.credentials else {
        return Ok(None);
    };
    let settings = match creds {
        GoogleCredentials::KeyFile(path) => {
            let text = crate::tomlfile::read(path)
                .with_context(|| format!("cannot read the Google key file {}", path.display()))?;
            let mut s = GoogleSettings::from_key_json(
                &text,
                g.impersonated_user.clone(),
                Some(g.base_url.clone()),
            )
            .map_err(|e| anyhow::anyhow!("Google key file {}: {e}", path.display()))?;
            // The config (or the environment) wins over the key file.
            if let Some(u) = &g.token_uri {
                s.token_uri = u.clone();
            }
            s.retry = retry;
            s
        }
        GoogleCredentials::Inline {
            client_email,
            private_key,
        } => GoogleSettings {
            client_email: client_email.clone(),
            private_key: private_key.clone(),
            token_uri: g
                .token_uri
                .clone()
                .unwrap_or_else(|| crate::providers::google::DEFAULT_TOKEN_URI.to_string()),
            subject: g.impersonated_user.clone(),
            base_url: g.base_url.clone(),
            retry,
        },
    };
    Ok(Some(settings))
}

/// Owns a database connection and the calendars; runs syncs.
pub struct Syncer {
    store: Store,
    /// The shared calendars' account (and the cleaners' `google:` ones).
    account: account::Account,
    layout: Layout,
    google: GoogleConfig,
    sync: SyncConfig,
    counts: SyncCounts,
    offline: bool,
    /// Google is out of reach for the rest of this run (offline, out of
    /// quota, not allowed): its steps wait, the other calendars go on.
    google_out: bool,
    /// Recurring events made by hand taken in as series in this run.
    taken: i64,
    /// Recurring events made by hand kept as single bookings in this run.
    loose: Vec<LooseSeries>,
    /// Recurring items made by hand in cleaners' calendars on other
    /// providers, left out in this run.
    not_taken: Vec<calendars::NotTaken>,
    /// `[calendars.staff]`, as read.
    calendars: CalendarsConfig,
    /// The cleaners' calendars on other providers than Google, by key.
    seam: calendars::Providers,
    /// Calendars on other providers that could not be set up, with why.
    broken: std::collections::BTreeMap<String, String>,
    /// How each calendar on another provider went in this run.
    outcomes: Vec<calendars::CalendarRun>,
}

impl Syncer {
    /// A syncer for the shared Google calendars (through `client`) and the
    /// cleaners' calendars on other providers (`[calendars.staff]`; one
    /// that cannot be set up waits, named in every run's errors).
    pub fn new(store: Store, client: GoogleClient, settings: &Settings) -> Result<Syncer> {
        let mut client = client;
        client.set_pace(settings.sync.requests_per_minute);
        Syncer::with_account(store, Arc::new(GoogleAccount::new(client)), settings)
    }

    /// A syncer whose shared calendars are `account`'s: any provider read
    /// event by event behind the seam.
    pub fn with_account(
        store: Store,
        account: Arc<dyn EventAccount>,
        settings: &Settings,
    ) -> Result<Syncer> {
        let layout = layout(
            &store,
            &settings.google,
            &settings.calendars,
            &settings.sync,
        )?;
        let (seam, broken) = calendars::connect(settings, store.clock());
        Ok(Syncer {
            store,
            account: account::Account::new(account),
            layout,
            google: settings.google.clone(),
            sync: settings.sync,
            counts: SyncCounts::default(),
            offline: false,
            google_out: false,
            taken: 0,
            loose: Vec::new(),
            not_taken: Vec::new(),
            calendars: settings.calendars.clone(),
            seam,
            broken,
            outcomes: Vec::new(),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Runs `f` in one store transaction for the sync, with the layout and
    /// this run's counts at hand.
    fn settle_in_store<T>(
        &mut self,
        f: impl FnOnce(&crate::store::SyncWriter, &Layout, &mut SyncCounts) -> crate::store::Result<T>,
    ) -> crate::store::Result<T> {
        self.settle_in_store_as(SYNC_ACTOR, f)
    }

    /// [`Syncer::settle_in_store`], journaled as `actor` (the provider the
    /// changes came from).
    fn settle_in_store_as<T>(
        &mut self,
        actor: &str,
        f: impl FnOnce(&crate::store::SyncWriter, &Layout, &mut SyncCounts) -> crate::store::Result<T>,
    ) -> crate::store::Result<T> {
        let Syncer {
            store,
            layout,
            counts,
            ..
        } = self;
        let out = store.sync_write(actor, |w| f(w, layout, counts));
        if out.is_err() {
            // Customers it made are gone with the transaction.
            layout.forget_customers();
        }
        out
    }

    /// One sync run; its log entry is written whatever happens.
    pub async fn run(
        &mut self,
        opts: SyncOptions,
        progress: &mut dyn SyncProgress,
    ) -> Result<SyncReport> {
        self.layout = layout(&self.store, &self.google, &self.calendars, &self.sync)?;
        self.counts = SyncCounts::default();
        self.offline = false;
        self.google_out = false;
        self.taken = 0;
        self.loose.clear();
        self.not_taken.clear();
        self.outcomes.clear();
        let requests = self.account.requests();
        let log = self
            .store
            .start_sync_log(opts.direction.as_str(), opts.force)?;
        let mut errors = Vec::new();
        let mut full = false;
        let mut more = false;
        let outcome = self
            .run_inner(opts, progress, &mut errors, &mut full, &mut more)
            .await;
        if let Err(e) = &outcome {
            errors.push(RunError::Other(format!("{e:#}")));
        }
        let failure = match (errors.is_empty(), self.offline) {
            (true, _) => None,
            (false, true) => Some(RunFailure::Offline),
            (false, false) => Some(RunFailure::Errors),
        };
        self.store
            .finish_sync_log(log, full, &self.counts, &logged(&errors), failure)?;
        outcome?;
        let outbox = self.store.outbox_counts(GOOGLE_BOOKING)?;
        let series = self.store.outbox_counts(GOOGLE_SERIES)?;
        Ok(SyncReport {
            direction: opts.direction.as_str(),
            full,
            counts: self.counts.clone(),
            pending: outbox.pending + series.pending,
            failed: outbox.failed + series.failed,
            open_conflicts: self.store.sync_conflicts()?.len() as i64,
            more,
            offline: self.offline,
            errors,
            requests: self.account.requests() - requests,
            series_taken: self.taken,
            loose_series: std::mem::take(&mut self.loose),
            not_taken: std::mem::take(&mut self.not_taken),
            calendars: std::mem::take(&mut self.outcomes),
        })
    }

    async fn run_inner(
        &mut self,
        opts: SyncOptions,
        progress: &mut dyn SyncProgress,
        errors: &mut Vec<RunError>,
        full: &mut bool,
        more: &mut bool,
    ) -> Result<()> {
        if !self.store.google_outbox_enabled()? {
            self.store.enable_google_outbox()?;
        }
        let calendars = self.all_calendars();
        if opts.force {
            for c in &calendars {
                self.store.reset_calendar_state(c)?;
            }
        }
        // A full listing once a day: instances of recurring events and
        // events that came into the window since are taken in, and the
        // window moves on (an incremental sync reports only changes).
        let now = self.store.now();
        for c in &calendars {
            let st = self.store.calendar_state(c)?;
            if st.sync_token.is_some()
                && st.page_token.is_none()
                && st.full_at.is_some_and(|t| now - t > FULL_EVERY)
            {
                self.store.reset_calendar_state(c)?;
            }
        }
        let first = calendars
            .iter()
            // One that cannot be set up never lists: not a first sync.
            .filter(|c| !self.broken.contains_key(*c))
            .map(|c| self.store.calendar_state(c))
            .collect::<crate::store::Result<Vec<_>>>()?
            .iter()
            .any(|s| s.sync_token.is_none());
        if first || opts.force {
            // Bookings made before sync was switched on (or never linked).
            let since = self.store.now() - chrono::Duration::days(i64::from(self.sync.past_days));
            for id in self.store.unlinked_bookings(since)? {
                self.store.enqueue(GOOGLE_BOOKING, &id.to_string(), "")?;
            }
        }
        if opts.direction != Direction::Push {
            // Suspects left by a run that stopped before checking them.
            self.verify_or_note(errors).await?;
            let mut budget = opts.max_events;
            for c in &calendars {
                if calendars::is_seam(c) {
                    use calendars::CalendarOutcome as O;
                    let outcome = if let Some(why) = self.broken.get(c) {
                        errors.push(RunError::NotSetUp {
                            calendar: c.clone(),
                            why: why.clone(),
                        });
                        O::NotSetUp
                    } else {
                        match self.pull_seam(c, opts.max_events, progress).await {
                            Ok(p) => {
                                *full |= p.full;
                                O::Synced
                            }
                            Err(StepError::Store(e)) => return Err(e.into()),
                            // One calendar out of reach: the others go on.
                            Err(e) => {
                                let unreachable = e.is_unreachable();
                                errors.push(e.into_run(c));
                                if unreachable {
                                    O::Unreachable
                                } else {
                                    O::Refused
                                }
                            }
                        }
                    };
                    self.outcomes.push(calendars::CalendarRun {
                        key: c.clone(),
                        provider: calendars::Provider::of_key(c),
                        outcome,
                    });
                    continue;
                }
                if self.google_out {
                    // Google is out of reach: its calendars wait.
                    continue;
                }
                match self.pull(c, &mut budget, progress).await {
                    Ok(p) => {
                        *full |= p.full;
                        *more |= p.more;
                    }
                    Err(StepError::Store(e)) => return Err(e.into()),
                    Err(StepError::Account(e)) => {
                        let offline = e.is_network();
                        self.offline |= offline;
                        // Offline: Google's other calendars wait for the
                        // next run; the other providers' go on.
                        self.google_out |= offline;
                        errors.push(RunError::Calendar {
                            calendar: c.clone(),
                            error: e.into(),
                        });
                    }
                    Err(StepError::Calendar(error)) => errors.push(RunError::Provider {
                        calendar: c.clone(),
                        error,
                    }),
                }
            }
            self.verify_or_note(errors).await?;
        }
        if opts.direction != Direction::Pull {
            // Series without their recurring event (made before sync was
            // on, or before series went to Google as one event).
            for id in self.store.unlinked_series()? {
                self.store.enqueue(GOOGLE_SERIES, &id.to_string(), "")?;
            }
            self.counts.pushed += self.push_due(errors).await?;
        }
        Ok(())
    }
}

impl Syncer {
    /// Checks the suspect links; a Google failure is noted and the check
    /// waits for the next run (nothing is cancelled meanwhile).
    async fn verify_or_note(&mut self, errors: &mut Vec<RunError>) -> Result<()> {
        match self.verify_suspects().await {
            Ok(()) => Ok(()),
            Err(StepError::Store(e)) => Err(e.into()),
            Err(StepError::Account(e)) => {
                self.offline |= e.is_network();
                self.google_out |= e.is_network();
                errors.push(RunError::Checking(e.into()));
                Ok(())
            }
            Err(StepError::Calendar(e)) => {
                errors.push(RunError::ProviderChecking(e));
                Ok(())
            }
        }
    }
}

/// A run's errors as its log keeps them: their English texts.
fn logged(errors: &[RunError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The calendars and cleaners as the sync sees them now: `[calendars.staff]`
/// wins over `google.staff_calendars` for a cleaner named in both.
fn layout(
    store: &Store,
    g: &GoogleConfig,
    own: &CalendarsConfig,
    sync: &SyncConfig,
) -> Result<Layout> {
    let staff = store.staff()?;
    let by_name: HashMap<String, i64> = staff
        .iter()
        .map(|s| (s.name.to_lowercase(), s.id))
        .collect();
    let mut staff_calendar = HashMap::new();
    let mut calendar_staff = HashMap::new();
    for (name, cal) in &g.staff_calendars {
        let Some(id) = by_name.get(&name.to_lowercase()) else {
            anyhow::bail!(
                "google.staff_calendars names {name:?}, who is not a cleaner here; fix the config"
            );
        };
        staff_calendar.insert(*id, cal.clone());
        calendar_staff.insert(cal.clone(), *id);
    }
    for (name, r) in &own.staff {
        let Some(id) = by_name.get(&name.to_lowercase()) else {
            anyhow::bail!(
                "calendars.staff names {name:?}, who is not a cleaner here; fix the config"
            );
        };
        let key = calendars::key_of(r);
        if let Some(old) = staff_calendar.insert(*id, key.clone()) {
            calendar_staff.remove(&old);
        }
        calendar_staff.insert(key, *id);
    }
    Ok(Layout {
        instance: store.instance_id()?,
        tz: store.tz(),
        shared: g.calendar_id.clone(),
        staff_calendar,
        calendar_staff,
        staff_names: staff.into_iter().map(|s| (s.id, s.name)).collect(),
        window: (
            store.now() - chrono::Duration::days(i64::from(sync.past_days)),
            store.now() + chrono::Duration::days(i64::from(sync.future_days)),
        ),
        instances_until: store.now() + chrono::Duration::weeks(i64::from(sync.instance_weeks)),
        customers: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::GoogleCredentials;

    #[test]
    fn the_configured_token_uri_wins_over_the_key_files() {
        let dir = tempfile::tempdir().expect("tmp");
        let key = dir.path().join("key.json");
        std::fs::write(
            &key,
            crate::sandbox::key_json("http://127.0.0.1:1/from-the-key-file"),
        )
        .expect("key");
        let mut g = GoogleConfig {
            credentials: Some(GoogleCredentials::KeyFile(key)),
            ..GoogleConfig::default()
        };
        let uri = |g: &GoogleConfig| {
            google_settings(g, RetryPolicy::default())
                .expect("settings")
                .expect("set up")
                .token_uri
        };
        assert_eq!(uri(&g), "http://127.0.0.1:1/from-the-key-file");
        g.apply_env(&|k| {
            (k == "RENOS_GOOGLE_TOKEN_URI").then(|| "http://127.0.0.1:1/from-env".to_string())
        });
        assert_eq!(uri(&g), "http://127.0.0.1:1/from-env");
    }
}
