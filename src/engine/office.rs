//! The console's back office: a service (see [`super::service`]) with its
//! own database connection and the Billy and Twilio clients. It invoices,
//! places calls and SMS, watches payments and raises automatic alerts, and
//! tells the console through typed [`OfficeEvent`]s; the console words
//! them. How often it looks for work is `[office]` in the settings.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::delivery::{Delivered, Delivery, ProviderFault};
use super::health::{self, Finding, Level};
use super::not_set_up::NotSetUp;
use super::service::{Inbox, Service, ServiceHandle, ServiceNews, spawn_service};
use super::{alerts, billing};
use crate::clock::Clock;
use crate::config::Settings;
use crate::domain::month::Month;
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
    /// Count what invoicing a customer's month would charge: answered by
    /// [`OfficeEvent::MonthQuoted`], for the dispatcher to confirm.
    QuoteMonth { customer: i64, month: Month },
    /// Invoice a customer's month: one invoice, a line for each of the
    /// visits the dispatcher confirmed (`bookings`) still free to claim.
    InvoiceMonth {
        customer: i64,
        month: Month,
        bookings: Vec<i64>,
    },
    /// A voice call about a booking; `to` overrides the on-call number.
    Call { booking: i64, to: Option<String> },
    /// Ask Billy about payments now.
    PollPayments,
    /// Send tomorrow's SMS reminders.
    Remind,
    /// Tell the customers of these visits by SMS who comes now.
    TellNewCleaner(Vec<i64>),
}

/// Which provider a piece of news is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Billy,
    Twilio,
}

/// A provider's health, for the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProviderHealth {
    pub provider: Provider,
    pub level: Level,
    pub finding: Finding,
}

/// Something that went through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficeDone {
    /// A delivery went through (an invoice made, a call placed, a payment…).
    Delivered(Delivery),
    /// Billy was asked about payments and nothing changed.
    PaymentsChecked { unpaid: usize },
    /// Tomorrow's SMS reminders were queued.
    RemindersQueued { count: usize },
    /// Customers were told of their new cleaner by SMS.
    NewCleanerTold { count: usize },
}

/// Something that did not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficeFailure {
    /// The provider cannot be used (not set up, a bad setting): why, and
    /// the settings it lacks when that is why.
    Unavailable {
        provider: Provider,
        reason: ProviderFault,
        not_set_up: Option<NotSetUp>,
    },
    /// The back office cannot open the database.
    Database(String),
    /// A command failed: the error.
    Command(String),
    /// A delivery failed or waits.
    Delivery(Delivery),
}

/// A customer's month as invoicing it would charge it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthSummary {
    pub customer_id: i64,
    pub customer: String,
    pub month: Month,
    /// Finished visits not on an invoice yet, and their sum incl. moms.
    pub visits: usize,
    pub gross_ore: i64,
    /// Those visits' bookings.
    pub bookings: Vec<i64>,
    /// Finished visits of the month already on an invoice.
    pub invoiced: usize,
}

/// The summary of a month's quote; `raced` visits were claimed by another
/// invoice since the quote.
fn summary(q: &billing::MonthQuote, raced: usize) -> MonthSummary {
    MonthSummary {
        customer_id: q.customer.id,
        customer: q.customer.name.clone(),
        month: q.month,
        visits: q.visits.len(),
        gross_ore: q.gross_ore(),
        bookings: q.visits.iter().map(|v| v.booking.id).collect(),
        invoiced: q.invoiced.len() + raced,
    }
}

/// What the console is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficeEvent {
    /// Billy's and Twilio's health, for the header.
    Providers(Vec<ProviderHealth>),
    Done(OfficeDone),
    Failed(OfficeFailure),
    /// A draft invoice was made for this booking: ask whether to approve.
    DraftReady {
        booking: i64,
        gross_ore: i64,
    },
    /// What invoicing a customer's month would charge.
    MonthQuoted(MonthSummary),
    /// A monthly draft invoice was made: ask whether to approve it
    /// (through `booking`, one of its visits).
    MonthDraftReady {
        booking: i64,
        customer: String,
        month: Month,
        gross_ore: i64,
    },
    /// News of the back office itself (it could not start, or stopped).
    Service(ServiceNews),
}

/// The running back office; dropping it stops it.
pub struct OfficeHandle(ServiceHandle<OfficeCommand>);

impl OfficeHandle {
    pub fn send(&self, cmd: OfficeCommand) {
        // A closed channel means the office is gone; it said so.
        self.0.send(cmd);
    }

    /// Asks the office to stop and waits a little; whether it stopped.
    pub fn stop(self) -> bool {
        self.0.stop()
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
    let notify: Notify = Arc::new(notify);
    let news = notify.clone();
    OfficeHandle(spawn_service(
        "renos-office",
        move |n| news(OfficeEvent::Service(n)),
        move || Office::new(settings, db, actor, clock, notify),
    ))
}

type Notify = Arc<dyn Fn(OfficeEvent) + Send + Sync>;

struct Office {
    settings: Settings,
    db: PathBuf,
    actor: String,
    clock: Clock,
    notify: Notify,
    store: Option<Store>,
    /// The clients, or why there is none ("Billy is not set up: set …").
    billy: Result<BillyClient, OfficeFailure>,
    twilio: Result<TwilioClient, OfficeFailure>,
    next_poll: Instant,
    next_alerts: Instant,
    next_status: Instant,
    next_health: Instant,
    /// The local day tomorrow's reminders were last queued by themselves.
    reminded_on: Option<NaiveDate>,
    /// The local day recurring bookings were last made up to the horizon.
    series_on: Option<NaiveDate>,
}

/// Whether tomorrow's reminders are due by themselves (`alerts.remind_at`):
/// the day to note them for once queued. Once a day from that local time;
/// a restart later that day queues again, which sends nothing twice (a
/// reminder is unique per booking and day).
fn reminders_due(
    remind_at: Option<NaiveTime>,
    local_now: NaiveDateTime,
    reminded_on: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let at = remind_at?;
    let today = local_now.date();
    (local_now.time() >= at && reminded_on != Some(today)).then_some(today)
}

impl Service for Office {
    type Command = OfficeCommand;

    fn every(&self) -> Duration {
        self.settings.office.tick
    }

    async fn command(
        &mut self,
        cmd: OfficeCommand,
        _inbox: &mut Inbox<OfficeCommand>,
    ) -> anyhow::Result<()> {
        // What fails here is the dispatcher's to hear, not only the log's.
        if let Err(e) = self.try_command(cmd).await {
            (self.notify)(OfficeEvent::Failed(e));
        }
        Ok(())
    }

    async fn tick(&mut self, _inbox: &mut Inbox<OfficeCommand>) -> anyhow::Result<()> {
        let now = Instant::now();
        if now >= self.next_health {
            self.next_health = now + self.settings.office.health_every;
            self.check_health().await;
        }
        // Every round runs even when one fails; the first error is logged.
        let series = self.series_round();
        let invoices = self.invoices_round(now).await;
        let alerts = self.alerts_round(now).await;
        series.and(invoices).and(alerts)
    }
}

impl Office {
    fn new(settings: Settings, db: PathBuf, actor: String, clock: Clock, notify: Notify) -> Office {
        let unusable = |provider| {
            move |e: anyhow::Error| OfficeFailure::Unavailable {
                provider,
                reason: ProviderFault::of(&e),
                not_set_up: e.downcast_ref::<NotSetUp>().cloned(),
            }
        };
        let billy = billing::client(&settings).map_err(unusable(Provider::Billy));
        let twilio = alerts::client(&settings).map_err(unusable(Provider::Twilio));
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
            next_poll: now,
            next_alerts: now,
            next_status: now,
            next_health: now,
            reminded_on: None,
            series_on: None,
        }
    }

    fn store(&mut self) -> Result<&mut Store, OfficeFailure> {
        if self.store.is_none() {
            let s = Store::open_existing(&self.db, &self.actor, self.clock)
                .map_err(|e| OfficeFailure::Database(e.to_string()))?;
            self.store = Some(
                s.with_tz(self.settings.tz)
                    .with_access(self.settings.access.clone())
                    .with_calendar(self.settings.calendar()),
            );
        }
        self.store
            .as_mut()
            .ok_or_else(|| OfficeFailure::Database("no database".into()))
    }

    /// The connection for a round of its own; the error is for the log.
    fn round_store(&mut self) -> anyhow::Result<&mut Store> {
        match self.store() {
            Ok(s) => Ok(s),
            Err(OfficeFailure::Database(e)) => anyhow::bail!("cannot open the database: {e}"),
            Err(other) => anyhow::bail!("cannot open the database: {other:?}"),
        }
    }

    fn billy(&self) -> Result<BillyClient, OfficeFailure> {
        self.billy.clone()
    }

    fn twilio(&self) -> Result<TwilioClient, OfficeFailure> {
        self.twilio.clone()
    }

    fn say(&self, d: &Delivered) {
        for line in &d.done {
            (self.notify)(OfficeEvent::Done(OfficeDone::Delivered(line.clone())));
        }
        for line in d.retrying.iter().chain(&d.refused) {
            (self.notify)(OfficeEvent::Failed(OfficeFailure::Delivery(line.clone())));
        }
    }

    async fn try_command(&mut self, cmd: OfficeCommand) -> Result<(), OfficeFailure> {
        let settings = self.settings.clone();
        let failed = |e: &dyn std::fmt::Display| OfficeFailure::Command(e.to_string());
        let failed_chain = |e: anyhow::Error| OfficeFailure::Command(format!("{e:#}"));
        match cmd {
            OfficeCommand::Invoice(id) | OfficeCommand::Approve(id) => {
                let client = self.billy()?;
                let store = self.store()?;
                let asked = store.invoice(id).map_err(|e| failed(&e))?;
                if matches!(cmd, OfficeCommand::Invoice(_)) && asked.is_some() {
                    // Asked before and not through (refused, or waiting): again, now.
                    store.retry_invoice(id).map_err(|e| failed(&e))?;
                } else if matches!(cmd, OfficeCommand::Invoice(_)) {
                    billing::request(store, &settings, id, false).map_err(failed_chain)?;
                } else {
                    store
                        .request_approval(id, settings.billy.email)
                        .map_err(|e| failed(&e))?;
                }
                let d = billing::deliver(store, &client, &settings, Some(id))
                    .await
                    .map_err(failed_chain)?;
                let draft = store
                    .invoice(id)
                    .ok()
                    .flatten()
                    .filter(|r| r.stage == crate::store::InvoiceStage::Draft && !r.approve);
                self.say(&d);
                if let Some(rec) = draft {
                    (self.notify)(OfficeEvent::DraftReady {
                        booking: id,
                        gross_ore: rec.gross_ore,
                    });
                }
            }
            OfficeCommand::QuoteMonth { customer, month } => {
                let store = self.store()?;
                let q = billing::quote_month(store, &settings, customer, month)
                    .map_err(failed_chain)?;
                (self.notify)(OfficeEvent::MonthQuoted(summary(&q, 0)));
            }
            OfficeCommand::InvoiceMonth {
                customer,
                month,
                bookings,
            } => {
                let client = self.billy()?;
                let store = self.store()?;
                let mut q = billing::quote_month(store, &settings, customer, month)
                    .map_err(failed_chain)?;
                // Only what the dispatcher saw in the question.
                q.visits.retain(|v| bookings.contains(&v.booking.id));
                let (claim, raced) = if q.visits.is_empty() {
                    (None, 0)
                } else {
                    let c = billing::request_month(store, &settings, &q, false)
                        .map_err(failed_chain)?;
                    (c.invoice, c.left_out.len())
                };
                let Some(rec) = claim else {
                    // Invoiced meanwhile (by another console, say): nothing left.
                    q.visits.clear();
                    (self.notify)(OfficeEvent::MonthQuoted(summary(&q, raced)));
                    return Ok(());
                };
                let d = billing::deliver_invoice(store, &client, &settings, rec.id)
                    .await
                    .map_err(failed_chain)?;
                let draft = store
                    .invoice_by_id(rec.id)
                    .ok()
                    .flatten()
                    .filter(|r| r.stage == crate::store::InvoiceStage::Draft && !r.approve);
                self.say(&d);
                if let (Some(r), Some(first)) = (draft, q.visits.first()) {
                    (self.notify)(OfficeEvent::MonthDraftReady {
                        booking: first.booking.id,
                        customer: q.customer.name.clone(),
                        month,
                        gross_ore: r.gross_ore,
                    });
                }
            }
            OfficeCommand::Call { booking, to } => {
                let client = self.twilio()?;
                let store = self.store()?;
                let rec = alerts::raise_manual(store, &settings, booking, to.as_deref(), None)
                    .map_err(failed_chain)?;
                let d = alerts::deliver(store, &client, Some(rec.id))
                    .await
                    .map_err(failed_chain)?;
                self.say(&d);
            }
            OfficeCommand::PollPayments => {
                let client = self.billy()?;
                let store = self.store()?;
                let mut d = billing::deliver(store, &client, &settings, None)
                    .await
                    .map_err(failed_chain)?;
                d.extend(
                    billing::poll_payments(store, &client, None)
                        .await
                        .map_err(failed_chain)?,
                );
                let unpaid = store.unpaid_invoices().map(|v| v.len()).unwrap_or(0);
                if d.is_empty() {
                    (self.notify)(OfficeEvent::Done(OfficeDone::PaymentsChecked { unpaid }));
                }
                self.say(&d);
                self.next_poll = Instant::now() + self.settings.billy.poll;
            }
            OfficeCommand::Remind | OfficeCommand::TellNewCleaner(_) => {
                let client = self.twilio()?;
                let store = self.store()?;
                let queued = match &cmd {
                    OfficeCommand::TellNewCleaner(ids) => {
                        alerts::queue_new_cleaner(store, &settings, ids)
                    }
                    _ => alerts::queue_reminders(store, &settings),
                }
                .map_err(failed_chain)?;
                let d = alerts::deliver(store, &client, None)
                    .await
                    .map_err(failed_chain)?;
                let count = queued.len();
                (self.notify)(OfficeEvent::Done(match cmd {
                    OfficeCommand::TellNewCleaner(_) => OfficeDone::NewCleanerTold { count },
                    _ => OfficeDone::RemindersQueued { count },
                }));
                self.say(&Delivered {
                    done: Vec::new(),
                    ..d
                });
            }
        }
        Ok(())
    }

    /// Invoices due to Billy, and payments every `billy.poll`.
    async fn invoices_round(&mut self, now: Instant) -> anyhow::Result<()> {
        let Ok(client) = self.billy.clone() else {
            return Ok(());
        };
        let settings = self.settings.clone();
        let poll = now >= self.next_poll;
        if poll {
            self.next_poll = now + settings.billy.poll;
        }
        let store = self.round_store()?;
        let mut d = billing::deliver(store, &client, &settings, None).await?;
        if poll {
            d.extend(billing::poll_payments(store, &client, None).await?);
        }
        self.say(&d);
        Ok(())
    }

    /// Once a local day: recurring bookings made up to the horizon (running
    /// it again the same day would make nothing).
    fn series_round(&mut self) -> anyhow::Result<()> {
        let today = self.settings.tz.local_date(self.clock.now());
        if self.series_on == Some(today) {
            return Ok(());
        }
        let made = self.round_store()?.extend_series(today)?;
        self.series_on = Some(today);
        if made.created > 0 {
            tracing::info!(
                created = made.created,
                review = made.review,
                "recurring visits made up to the horizon"
            );
        }
        Ok(())
    }

    /// Automatic alerts, calls and SMS due to Twilio, and how recent ones ended.
    async fn alerts_round(&mut self, now: Instant) -> anyhow::Result<()> {
        let Ok(client) = self.twilio.clone() else {
            return Ok(());
        };
        let settings = self.settings.clone();
        let check = settings.alerts.auto && now >= self.next_alerts;
        if check {
            self.next_alerts = now + settings.office.alert_every;
        }
        let refresh = now >= self.next_status;
        if refresh {
            self.next_status = now + settings.office.call_status_every;
        }
        let local_now = settings.tz.local(self.clock.now()).naive_local();
        let remind = reminders_due(settings.alerts.remind_at, local_now, self.reminded_on);
        let store = self.round_store()?;
        if check {
            let at = store.now();
            let report = alerts::check_auto(store, &settings, at)?;
            for r in &report.raised {
                tracing::info!(
                    booking = r.booking_id,
                    kind = r.kind.as_str(),
                    "alert raised"
                );
            }
        }
        let reminded = match remind {
            Some(_) => Some(alerts::queue_reminders(store, &settings)?.len()),
            None => None,
        };
        let mut d = alerts::deliver(store, &client, None).await?;
        if refresh {
            // Progress is for the details panel; a call nobody answered
            // or an SMS that was not delivered is for the status line too.
            let r = alerts::refresh_statuses(store, &client).await?;
            d.refused.extend(r.refused);
        }
        d.retrying.clear();
        if let (Some(day), Some(count)) = (remind, reminded) {
            self.reminded_on = Some(day);
            tracing::info!(count, "tomorrow's reminders queued by themselves");
            if count > 0 {
                (self.notify)(OfficeEvent::Done(OfficeDone::RemindersQueued { count }));
            }
        }
        self.say(&d);
        Ok(())
    }

    async fn check_health(&mut self) {
        let (b, t) = tokio::join!(
            health::billy(&self.settings),
            health::twilio(&self.settings)
        );
        let states = [(Provider::Billy, b), (Provider::Twilio, t)]
            .into_iter()
            .map(|(provider, h)| ProviderHealth {
                provider,
                level: h.level,
                finding: h.finding,
            })
            .collect();
        (self.notify)(OfficeEvent::Providers(states));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, d)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .expect("time")
    }

    #[test]
    fn reminders_are_due_once_a_day_from_their_time() {
        let five = NaiveTime::from_hms_opt(17, 0, 0);
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d);
        assert_eq!(reminders_due(None, at(7, 18, 0), None), None, "off");
        assert_eq!(reminders_due(five, at(7, 16, 59), None), None, "not yet");
        assert_eq!(reminders_due(five, at(7, 17, 0), None), day(7));
        assert_eq!(reminders_due(five, at(7, 23, 0), day(6)), day(7));
        assert_eq!(
            reminders_due(five, at(7, 18, 0), day(7)),
            None,
            "done today"
        );
        assert_eq!(
            reminders_due(five, at(8, 9, 0), day(7)),
            None,
            "tomorrow's not yet"
        );
        assert_eq!(reminders_due(five, at(8, 17, 30), day(7)), day(8));
    }
}
