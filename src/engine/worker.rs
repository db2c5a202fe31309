//! The store worker: one thread that owns the console's database connection.
//! The UI sends it typed requests and gets typed replies back through a
//! callback; it never touches SQLite on its own task. Between requests the
//! worker watches `PRAGMA data_version`, so another dispatcher's change (or a
//! CLI command's) reaches the screen within about a quarter of a second.

mod conflicts;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use super::day::DayPlan;
use super::history::{self, JournalLine};
use super::sync::{self as sync_engine, Choice};
use crate::config::Settings;
use crate::domain::fuzzy::CustomerIndex;
use crate::domain::memory::{CustomerMemory, customer_memory};
use crate::domain::{Booking, Customer};
use crate::store::{Save, Store, StoreError, UndoHint};

pub use conflicts::{ConflictItem, ConflictSide};

/// How often the worker looks for other processes' changes.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(250);

/// How many journal entries the journal view shows.
const JOURNAL_LIMIT: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Load (and from now on watch) this day.
    Load(NaiveDate),
    /// Start the job; `version` is what the dispatcher saw.
    Start {
        id: i64,
        version: i64,
    },
    Finish {
        id: i64,
        version: i64,
    },
    /// Create or edit a booking (the form, move mode).
    Save(Box<Save>),
    Cancel {
        id: i64,
        version: i64,
        reason: String,
    },
    /// Take a booking out of the review queue.
    Approve {
        id: i64,
        version: i64,
    },
    Undo,
    Redo,
    /// Every customer, for the form's search.
    Customers,
    /// One customer's history in figures, for the form.
    Memory(i64),
    /// Another day, for the form's clash preview.
    Preview(NaiveDate),
    /// The journal, of one booking or all.
    Journal {
        booking: Option<i64>,
    },
    /// The sync conflict queue.
    SyncConflicts,
    /// Settle a sync conflict as the dispatcher chose.
    Resolve {
        booking_id: i64,
        choice: Choice,
    },
}

/// The customer list prepared for searching.
#[derive(Clone)]
pub struct Customers {
    pub index: Arc<CustomerIndex>,
    pub by_id: Arc<HashMap<i64, Customer>>,
}

impl std::fmt::Debug for Customers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Customers({})", self.by_id.len())
    }
}

/// A booking in the review queue, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub id: i64,
    pub version: i64,
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub customer: String,
    pub staff: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub enum Reply {
    Day(Box<DayPlan>),
    /// A change went through; words for the status line.
    Done(String),
    /// A request failed; words for the status line.
    Failed(String),
    /// A save went through: the booking as stored.
    Saved {
        booking: Box<Booking>,
        text: String,
    },
    /// A save was refused; the form keeps what was typed.
    Refused(String),
    Customers(Customers),
    Memory(i64, CustomerMemory),
    Preview(Box<DayPlan>),
    Journal {
        booking: Option<i64>,
        lines: Vec<JournalLine>,
    },
    Review(Vec<ReviewItem>),
    /// The sync conflict queue.
    SyncConflicts(Vec<ConflictItem>),
    /// What `u` would undo now.
    UndoHint(Option<UndoHint>),
}

pub struct Worker {
    tx: Option<mpsc::Sender<Request>>,
    handle: Option<JoinHandle<()>>,
}

impl Worker {
    pub fn spawn(
        store: Store,
        settings: Settings,
        notify: impl Fn(Reply) + Send + 'static,
    ) -> Worker {
        let (tx, rx) = mpsc::channel();
        let handle = std::thread::Builder::new()
            .name("renos-store".into())
            .spawn(move || run(store, settings, rx, notify))
            .ok();
        Worker {
            tx: Some(tx),
            handle,
        }
    }

    pub fn send(&self, request: Request) {
        if let Some(tx) = &self.tx {
            // A closed channel means the worker is gone; the UI is shutting down.
            let _ = tx.send(request);
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// What the worker thread runs: requests in, replies out. Usable on its own
/// (synchronously) where a thread is not wanted, e.g. in tests.
pub struct Service<F: Fn(Reply)> {
    store: Store,
    settings: Settings,
    notify: F,
    day: Option<NaiveDate>,
}

impl<F: Fn(Reply)> Service<F> {
    pub fn new(store: Store, settings: Settings, notify: F) -> Self {
        Service {
            store,
            settings,
            notify,
            day: None,
        }
    }

    fn load(&self, date: NaiveDate) -> Reply {
        let plan = DayPlan::load(&self.store, date, &self.settings).and_then(|mut p| {
            p.load_memory(&self.store, self.store.now(), self.settings.tz)?;
            p.load_sync_marks(&self.store)?;
            p.load_office(&self.store)?;
            Ok(p)
        });
        match plan {
            Ok(plan) => Reply::Day(Box::new(plan)),
            Err(e) => Reply::Failed(format!("could not load {date}: {e}")),
        }
    }

    /// After a change (ours or another process's): the watched day, the
    /// review queue, the sync conflicts and the undo hint again.
    fn reload(&self) {
        if let Some(d) = self.day {
            (self.notify)(self.load(d));
        }
        self.side();
    }

    /// The review queue, the sync conflicts and the undo hint.
    fn side(&self) {
        match self.review() {
            Ok(items) => (self.notify)(Reply::Review(items)),
            Err(e) => (self.notify)(Reply::Failed(format!(
                "could not load the review queue: {e}"
            ))),
        }
        (self.notify)(self.sync_conflicts());
        if let Ok(hint) = self.store.undo_hint() {
            (self.notify)(Reply::UndoHint(hint));
        }
    }

    fn sync_conflicts(&self) -> Reply {
        match conflicts::load(&self.store) {
            Ok(items) => Reply::SyncConflicts(items),
            Err(e) => Reply::Failed(format!("could not load the sync conflicts: {e}")),
        }
    }

    fn review(&self) -> crate::store::Result<Vec<ReviewItem>> {
        let queue = self.store.review_queue()?;
        let customers = self
            .store
            .customers_by_id(queue.iter().map(|b| b.customer_id))?;
        let staff = self.store.staff_names()?;
        Ok(queue
            .into_iter()
            .map(|b| ReviewItem {
                id: b.id,
                version: b.version,
                date: self.settings.tz.local_date(b.start),
                start: b.start,
                customer: customers.get(&b.customer_id).map_or_else(
                    || format!("customer #{}", b.customer_id),
                    |c| c.name.clone(),
                ),
                staff: b
                    .staff_id
                    .and_then(|id| staff.get(&id).cloned())
                    .unwrap_or_else(|| "unassigned".into()),
                reason: b.review,
            })
            .collect())
    }

    /// A refusal in words; for another dispatcher's change, also what they changed.
    fn explain(&self, e: &StoreError) -> String {
        let StoreError::Stale {
            entity: "booking",
            id,
            ..
        } = e
        else {
            return e.to_string();
        };
        let changes = history::load(&self.store, Some(*id), 1, self.settings.tz)
            .ok()
            .and_then(|l| l.into_iter().next())
            .map(|l| l.changes.join(", "))
            .filter(|c| !c.is_empty());
        match changes {
            Some(c) => format!("{e} (they changed: {c})"),
            None => e.to_string(),
        }
    }

    /// Does one request; a change is followed by the day, the review queue
    /// and the undo hint again.
    pub fn handle(&mut self, request: Request) {
        let tz = self.settings.tz;
        let changed = match request {
            Request::Load(date) => {
                self.day = Some(date);
                (self.notify)(self.load(date));
                false
            }
            Request::Start { id, version } => {
                (self.notify)(match self.store.start_booking(id, version) {
                    Ok(b) => Reply::Done(format!(
                        "Started booking #{} at {}",
                        b.id,
                        tz.hm(self.store.now())
                    )),
                    Err(e) => Reply::Failed(format!("Could not start: {e}")),
                });
                true
            }
            Request::Finish { id, version } => {
                (self.notify)(match self.store.finish_booking(id, version) {
                    Ok(b) => {
                        let worked = b.actual_minutes().unwrap_or(0);
                        Reply::Done(format!(
                            "Finished booking #{} after {} h {:02} min",
                            b.id,
                            worked / 60,
                            worked % 60
                        ))
                    }
                    Err(e) => Reply::Failed(format!("Could not finish: {e}")),
                });
                true
            }
            Request::Save(save) => {
                let new = save.target.is_none();
                (self.notify)(match self.store.save_booking(*save) {
                    Ok(b) => {
                        let action = self
                            .store
                            .journal(Some(("booking", b.id)), 1)
                            .ok()
                            .and_then(|j| j.into_iter().next())
                            .map(|e| e.action);
                        let verb = match action.as_deref() {
                            _ if new => "Created",
                            Some("booking.move") => "Moved",
                            Some("booking.reassign") => "Reassigned",
                            _ => "Saved",
                        };
                        let staff = b
                            .staff_id
                            .and_then(|id| self.store.staff_names().ok()?.remove(&id))
                            .unwrap_or_else(|| "unassigned".into());
                        let mut text = format!(
                            "{verb} booking #{}: {} {}, {staff}",
                            b.id,
                            tz.local(b.start).format("%-d/%-m"),
                            tz.hm(b.start)
                        );
                        if b.needs_review() {
                            text.push_str(" (waiting for review)");
                        }
                        Reply::Saved {
                            booking: Box::new(b),
                            text,
                        }
                    }
                    Err(e) => Reply::Refused(format!("Not saved: {}", self.explain(&e))),
                });
                true
            }
            Request::Cancel {
                id,
                version,
                reason,
            } => {
                (self.notify)(match self.store.cancel_booking(id, version, &reason) {
                    Ok(b) => Reply::Done(format!("Cancelled booking #{} ({reason})", b.id)),
                    Err(e) => Reply::Failed(format!("Could not cancel: {}", self.explain(&e))),
                });
                true
            }
            Request::Approve { id, version } => {
                (self.notify)(match self.store.approve_booking(id, version) {
                    Ok(b) => Reply::Done(format!("Approved booking #{}", b.id)),
                    Err(e) => Reply::Failed(format!("Could not approve: {e}")),
                });
                true
            }
            Request::Undo | Request::Redo => {
                let out = if request == Request::Undo {
                    self.store.undo()
                } else {
                    self.store.redo()
                };
                (self.notify)(match out {
                    Ok(o) => Reply::Done(o.text),
                    Err(e) => Reply::Failed(e.to_string()),
                });
                true
            }
            Request::Customers => {
                (self.notify)(match self.store.customers() {
                    Ok(list) => {
                        let index = Arc::new(CustomerIndex::new(&list));
                        let by_id = list.into_iter().map(|c| (c.id, c)).collect();
                        Reply::Customers(Customers {
                            index,
                            by_id: Arc::new(by_id),
                        })
                    }
                    Err(e) => Reply::Failed(format!("could not load customers: {e}")),
                });
                false
            }
            Request::Memory(id) => {
                (self.notify)(match self.store.customer_bookings(id) {
                    Ok(history) => {
                        Reply::Memory(id, customer_memory(&history, self.store.now(), tz))
                    }
                    Err(e) => Reply::Failed(format!("could not load the customer's history: {e}")),
                });
                false
            }
            Request::Preview(date) => {
                (self.notify)(match self.load(date) {
                    Reply::Day(plan) => Reply::Preview(plan),
                    other => other,
                });
                false
            }
            Request::Journal { booking } => {
                (self.notify)(
                    match history::load(&self.store, booking, JOURNAL_LIMIT, tz) {
                        Ok(lines) => Reply::Journal { booking, lines },
                        Err(e) => Reply::Failed(format!("could not read the journal: {e}")),
                    },
                );
                false
            }
            Request::SyncConflicts => {
                (self.notify)(self.sync_conflicts());
                false
            }
            Request::Resolve { booking_id, choice } => {
                (self.notify)(
                    match sync_engine::resolve(&mut self.store, booking_id, choice) {
                        Ok(text) => Reply::Done(text),
                        Err(e) => Reply::Failed(format!("Could not settle the conflict: {e}")),
                    },
                );
                true
            }
        };
        if changed {
            self.reload();
        }
    }
}

fn run(store: Store, settings: Settings, rx: mpsc::Receiver<Request>, notify: impl Fn(Reply)) {
    let mut seen = store.data_version().ok();
    let mut state = Service::new(store, settings, notify);
    let mut first = true;
    loop {
        match rx.recv_timeout(WATCH_INTERVAL) {
            Ok(request) => {
                let load = matches!(request, Request::Load(_));
                state.handle(request);
                // The first load also brings the review queue and undo hint.
                if load && first {
                    first = false;
                    state.side();
                }
                seen = state.store.data_version().ok();
            }
            Err(RecvTimeoutError::Timeout) => {
                let now = state.store.data_version().ok();
                if now != seen {
                    seen = now;
                    state.reload();
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

#[cfg(test)]
mod tests;
