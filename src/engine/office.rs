//! The console's back office: one thread with its own database connection
//! and the Billy and Twilio clients. It invoices, places calls and SMS,
//! watches payments and raises automatic alerts, and tells the console
//! through [`OfficeEvent`]s. Like the sync it runs on a single-threaded
//! runtime of its own, so HTTP waits never hold up the screen.

use std::path::PathBuf;
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use super::delivery::Delivered;
use super::health::{self, Health, Level};
use super::{alerts, billing};
use crate::clock::Clock;
use crate::config::Settings;
use crate::providers::billy::BillyClient;
use crate::providers::twilio::TwilioClient;
use crate::store::Store;

/// What the dispatcher asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficeCommand {
    /// Invoice a finished job (a draft unless `auto_approve`).
    Invoice(i64),
    /// Approve the booking's draft invoice.
    Approve(i64),
    /// A voice call about a booking; `to` overrides the on-call number.
    Call { booking: i64, to: Option<String> },
    /// Ask Billy about payments now.
    PollPayments,
    /// Send tomorrow's SMS reminders.
    Remind,
}

/// What the console is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficeEvent {
    /// Each provider's state in a few words, for the header.
    Providers(Vec<(String, bool)>),
    /// Something went through: a line for the status bar.
    Done(String),
    /// Something did not: a line for the status bar, in the error style.
    Failed(String),
    /// A draft invoice was made for this booking: ask whether to approve.
    DraftReady { booking: i64, text: String },
}

/// How often the task looks for work.
const TICK: Duration = Duration::from_secs(1);
/// How often automatic alerts are looked for.
const ALERT_EVERY: Duration = Duration::from_secs(10);
/// How often Twilio is asked how recent calls and SMS ended.
const CALL_STATUS_EVERY: Duration = Duration::from_secs(15);
/// How often the providers' health is checked again.
const HEALTH_EVERY: Duration = Duration::from_secs(300);

/// The running task; dropping it stops it.
pub struct OfficeHandle {
    tx: Option<mpsc::UnboundedSender<OfficeCommand>>,
    stopped: Option<std_mpsc::Receiver<()>>,
}

impl OfficeHandle {
    pub fn send(&self, cmd: OfficeCommand) {
        if let Some(tx) = &self.tx {
            // A closed channel means the task is gone; nothing to do.
            let _ = tx.send(cmd);
        }
    }
}

impl Drop for OfficeHandle {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(stopped) = self.stopped.take() {
            let _ = stopped.recv_timeout(Duration::from_secs(2));
        }
    }
}

/// Starts the back office on its own connection to `db`.
pub fn spawn(
    settings: Settings,
    db: PathBuf,
    actor: String,
    clock: Clock,
    notify: impl Fn(OfficeEvent) + Send + Sync + 'static,
) -> OfficeHandle {
    let (tx, rx) = mpsc::unbounded_channel();
    let (stopped_tx, stopped) = std_mpsc::channel();
    let started = std::thread::Builder::new()
        .name("renos-office".into())
        .spawn(move || {
            match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => {
                    let office = Office::new(settings, db, actor, clock, Box::new(notify));
                    rt.block_on(office.run(rx));
                }
                Err(e) => notify(OfficeEvent::Failed(format!(
                    "Invoices and alerts cannot start: {e}"
                ))),
            }
            let _ = stopped_tx.send(());
        });
    match started {
        Ok(_) => OfficeHandle {
            tx: Some(tx),
            stopped: Some(stopped),
        },
        Err(e) => {
            tracing::error!("cannot start the back-office thread: {e}");
            OfficeHandle {
                tx: None,
                stopped: None,
            }
        }
    }
}

struct Office {
    settings: Settings,
    db: PathBuf,
    actor: String,
    clock: Clock,
    notify: Box<dyn Fn(OfficeEvent) + Send + Sync>,
    store: Option<Store>,
    /// The clients, or why there is none ("Billy is not set up: set …").
    billy: Result<BillyClient, String>,
    twilio: Result<TwilioClient, String>,
    health: Vec<Health>,
    next_poll: Instant,
    next_alerts: Instant,
    next_status: Instant,
    next_health: Instant,
}

impl Office {
    fn new(
        settings: Settings,
        db: PathBuf,
        actor: String,
        clock: Clock,
        notify: Box<dyn Fn(OfficeEvent) + Send + Sync>,
    ) -> Office {
        let billy = billing::client(&settings).map_err(|e| format!("{e:#}"));
        let twilio = alerts::client(&settings).map_err(|e| format!("{e:#}"));
        let now = Instant::now();
        Office {
            settings,
            db,
            actor,
            clock,
            notify,
            store: None,
            billy,
            twilio,
            health: Vec::new(),
            next_poll: now,
            next_alerts: now,
            next_status: now,
            next_health: now,
        }
    }

    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<OfficeCommand>) {
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                cmd = rx.recv() => match cmd {
                    Some(cmd) => self.command(cmd).await,
                    None => return,
                },
                _ = tick.tick() => self.tick().await,
            }
        }
    }

    fn store(&mut self) -> Result<&mut Store, String> {
        if self.store.is_none() {
            let s = Store::open_existing(&self.db, &self.actor, self.clock)
                .map_err(|e| format!("Invoices and alerts cannot open the database: {e}"))?;
            self.store = Some(s.with_tz(self.settings.tz));
        }
        self.store.as_mut().ok_or_else(|| "no database".to_string())
    }

    fn say(&self, d: &Delivered) {
        for line in &d.done {
            (self.notify)(OfficeEvent::Done(line.clone()));
        }
        for line in d.retrying.iter().chain(&d.refused) {
            (self.notify)(OfficeEvent::Failed(line.clone()));
        }
    }

    fn fail(&self, text: String) {
        (self.notify)(OfficeEvent::Failed(text));
    }

    async fn command(&mut self, cmd: OfficeCommand) {
        if let Err(e) = self.try_command(cmd).await {
            self.fail(e);
        }
    }

    async fn try_command(&mut self, cmd: OfficeCommand) -> Result<(), String> {
        let settings = self.settings.clone();
        match cmd {
            OfficeCommand::Invoice(id) | OfficeCommand::Approve(id) => {
                let client = self.billy.clone()?;
                let store = self.store()?;
                let asked = store.invoice(id).map_err(|e| e.to_string())?;
                if matches!(cmd, OfficeCommand::Invoice(_)) && asked.is_some() {
                    // Asked before and not through (refused, or waiting): again, now.
                    store.retry_invoice(id).map_err(|e| e.to_string())?;
                } else if matches!(cmd, OfficeCommand::Invoice(_)) {
                    billing::request(store, &settings, id, false).map_err(|e| format!("{e:#}"))?;
                } else {
                    store
                        .request_approval(id, settings.billy.email)
                        .map_err(|e| e.to_string())?;
                }
                let d = billing::deliver(store, &client, &settings, Some(id))
                    .await
                    .map_err(|e| format!("{e:#}"))?;
                let draft = store
                    .invoice(id)
                    .ok()
                    .flatten()
                    .filter(|r| r.stage == crate::store::InvoiceStage::Draft && !r.approve);
                self.say(&d);
                if let Some(rec) = draft {
                    (self.notify)(OfficeEvent::DraftReady {
                        booking: id,
                        text: format!(
                            "Approve the draft invoice of booking #{id} ({} incl. moms)?",
                            crate::domain::money::format_kr(rec.gross_ore)
                        ),
                    });
                }
            }
            OfficeCommand::Call { booking, to } => {
                let client = self.twilio.clone()?;
                let store = self.store()?;
                let rec = alerts::raise_manual(store, &settings, booking, to.as_deref(), None)
                    .map_err(|e| format!("{e:#}"))?;
                let d = alerts::deliver(store, &client, Some(rec.id))
                    .await
                    .map_err(|e| format!("{e:#}"))?;
                self.say(&d);
            }
            OfficeCommand::PollPayments => {
                let client = self.billy.clone()?;
                let store = self.store()?;
                let mut d = billing::deliver(store, &client, &settings, None)
                    .await
                    .map_err(|e| format!("{e:#}"))?;
                d.extend(
                    billing::poll_payments(store, &client, None)
                        .await
                        .map_err(|e| format!("{e:#}"))?,
                );
                let open = store.unpaid_invoices().map(|v| v.len()).unwrap_or(0);
                if d.is_empty() {
                    (self.notify)(OfficeEvent::Done(format!(
                        "Payments checked: {open} invoice{} unpaid",
                        if open == 1 { "" } else { "s" }
                    )));
                }
                self.say(&d);
                self.next_poll = Instant::now() + self.settings.billy.poll;
            }
            OfficeCommand::Remind => {
                let client = self.twilio.clone()?;
                let store = self.store()?;
                let queued =
                    alerts::queue_reminders(store, &settings).map_err(|e| format!("{e:#}"))?;
                let d = alerts::deliver(store, &client, None)
                    .await
                    .map_err(|e| format!("{e:#}"))?;
                (self.notify)(OfficeEvent::Done(format!(
                    "Reminders: {} SMS queued for tomorrow's customers",
                    queued.len()
                )));
                self.say(&Delivered {
                    done: Vec::new(),
                    ..d
                });
            }
        }
        Ok(())
    }

    /// Work that comes due on its own.
    async fn tick(&mut self) {
        let now = Instant::now();
        if now >= self.next_health {
            self.next_health = now + HEALTH_EVERY;
            self.check_health().await;
        }
        let settings = self.settings.clone();
        if let Ok(client) = self.billy.clone() {
            let poll = now >= self.next_poll;
            let Ok(store) = self.store() else { return };
            let mut d = billing::deliver(store, &client, &settings, None)
                .await
                .unwrap_or_default();
            if poll {
                d.extend(
                    billing::poll_payments(store, &client, None)
                        .await
                        .unwrap_or_default(),
                );
            }
            if poll {
                self.next_poll = now + settings.billy.poll;
            }
            self.say(&d);
        }
        if let Ok(client) = self.twilio.clone() {
            let check = settings.alerts.auto && now >= self.next_alerts;
            if check {
                self.next_alerts = now + ALERT_EVERY;
            }
            let refresh = now >= self.next_status;
            if refresh {
                self.next_status = now + CALL_STATUS_EVERY;
            }
            let Ok(store) = self.store() else { return };
            if check {
                let at = store.now();
                match alerts::check_auto(store, &settings, at) {
                    Ok(report) => {
                        for r in &report.raised {
                            tracing::info!(
                                booking = r.booking_id,
                                kind = r.kind.as_str(),
                                "alert raised"
                            );
                        }
                    }
                    Err(e) => tracing::warn!("automatic alerts: {e:#}"),
                }
            }
            let mut d = alerts::deliver(store, &client, None)
                .await
                .unwrap_or_default();
            if refresh {
                // Progress is for the details panel; a call nobody answered
                // or an SMS that was not delivered is for the status line too.
                if let Ok(r) = alerts::refresh_statuses(store, &client).await {
                    d.refused.extend(r.refused);
                }
            }
            d.retrying.clear();
            self.say(&d);
        }
    }

    async fn check_health(&mut self) {
        let (b, t) = tokio::join!(
            health::billy(&self.settings),
            health::twilio(&self.settings)
        );
        self.health = vec![b, t];
        let states = self
            .health
            .iter()
            .map(|h| (h.short.clone(), h.level != Level::Fail))
            .collect();
        (self.notify)(OfficeEvent::Providers(states));
    }
}
