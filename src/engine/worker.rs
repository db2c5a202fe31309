//! The store worker: a service (see [`super::service`]) that owns the
//! console's database connection. The UI sends it typed requests and gets
//! typed replies back through a callback (the UI words them); it never
//! touches SQLite on its own task. Between requests the worker watches
//! `PRAGMA data_version`, so another dispatcher's change (or a CLI
//! command's) reaches the screen within about a quarter of a second.

mod conflicts;
mod customers;
mod messages;
mod notes;
mod outcome;
mod search;
mod series;
mod slots;
mod staff;
mod stale;

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;

use super::day::DayPlan;
use super::history::{self};
use super::service::{Inbox, Service, ServiceHandle, spawn_service};
use super::sync::{self as sync_engine};
use super::week::{WeekPlan, monday_of};
use crate::config::Settings;
use crate::domain::Booking;
use crate::domain::fuzzy::CustomerIndex;
use crate::domain::memory::customer_memory;
use crate::store::{Save, Store, StoreError};

pub use conflicts::{ConflictItem, ConflictSide};
pub use customers::{CARD_BOOKINGS, CustomerCard, Lookalike, customer_card};
pub use messages::{Customers, Reply, Request, ReviewItem};
pub use outcome::{Attempt, Outcome, Refusal, SaveKind, ScopedChange, Unloaded};
pub use search::{CustomerJobs, Found, FoundBooking, NOTE_HITS, booking_number};
pub use staff::{StaffCard, staff_cards};
pub use stale::Stale;

/// How often the worker looks for other processes' changes.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(250);

/// How many journal entries the journal view shows.
const JOURNAL_LIMIT: usize = 500;

/// The running worker; dropping it stops it.
pub struct Worker(ServiceHandle<Request>);

impl Worker {
    /// Starts the worker on `store`. If it cannot start, `notify` hears so
    /// (as [`Reply::Service`]).
    pub fn spawn(
        store: Store,
        settings: Settings,
        notify: impl Fn(Reply) + Send + Sync + 'static,
    ) -> Worker {
        let notify = Arc::new(notify);
        let news = notify.clone();
        Worker(spawn_service(
            "renos-store",
            move |n| news(Reply::Service(n)),
            move || Watcher::new(StoreService::new(store, settings, move |r| notify(r))),
        ))
    }

    pub fn send(&self, request: Request) {
        // A closed channel means the worker is gone; it said so.
        self.0.send(request);
    }
}

/// The worker as a service: requests as commands, and a look at
/// `data_version` every [`WATCH_INTERVAL`].
struct Watcher<F: Fn(Reply)> {
    state: StoreService<F>,
    seen: Option<i64>,
    first: bool,
}

impl<F: Fn(Reply)> Watcher<F> {
    fn new(state: StoreService<F>) -> Self {
        Watcher {
            seen: state.store.data_version().ok(),
            state,
            first: true,
        }
    }
}

impl<F: Fn(Reply)> Service for Watcher<F> {
    type Command = Request;

    fn every(&self) -> Duration {
        WATCH_INTERVAL
    }

    async fn command(
        &mut self,
        request: Request,
        _inbox: &mut Inbox<Request>,
    ) -> anyhow::Result<()> {
        let load = matches!(request, Request::Load(_));
        self.state.handle(request);
        // The first load also brings the review queue and undo hint.
        if load && self.first {
            self.first = false;
            self.state.side();
        }
        self.seen = self.state.store.data_version().ok();
        Ok(())
    }

    async fn tick(&mut self, _inbox: &mut Inbox<Request>) -> anyhow::Result<()> {
        let now = self.state.store.data_version()?;
        if Some(now) != self.seen {
            self.seen = Some(now);
            self.state.reload();
        }
        Ok(())
    }
}

/// What the worker thread runs: requests in, replies out. Usable on its own
/// (synchronously) where a thread is not wanted, e.g. in tests.
pub struct StoreService<F: Fn(Reply)> {
    store: Store,
    settings: Settings,
    notify: F,
    day: Option<NaiveDate>,
    /// The day whose week the staff screen shows, while it is open.
    staff_day: Option<NaiveDate>,
    /// The booking notes the search looks in, once it has searched.
    notes: Option<search::Notes>,
    /// The Monday of the week the week board watches, while it is open.
    week: Option<NaiveDate>,
}

impl<F: Fn(Reply)> StoreService<F> {
    pub fn new(store: Store, settings: Settings, notify: F) -> Self {
        StoreService {
            store,
            settings,
            notify,
            day: None,
            staff_day: None,
            notes: None,
            week: None,
        }
    }

    /// The store it works on, for tests to look at.
    #[cfg(test)]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store to seed, for tests.
    #[cfg(test)]
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    fn load(&self, date: NaiveDate) -> Reply {
        let plan = DayPlan::load(&self.store, date, &self.settings).and_then(|mut p| {
            p.load_memory(&self.store, self.store.now(), self.settings.tz)?;
            p.load_sync_marks(&self.store)?;
            p.load_office(&self.store)?;
            p.load_series(&self.store)?;
            Ok(p)
        });
        match plan {
            Ok(plan) => Reply::Day(Box::new(plan)),
            Err(e) => Reply::NotLoaded {
                what: Unloaded::Day(date),
                error: Arc::new(e),
            },
        }
    }

    fn load_week(&self, monday: NaiveDate) -> Reply {
        match WeekPlan::load(&self.store, monday, &self.settings) {
            Ok(plan) => Reply::Week(Box::new(plan)),
            Err(e) => Reply::NotLoaded {
                what: Unloaded::Week(monday),
                error: Arc::new(e),
            },
        }
    }

    /// After a change (ours or another process's): the watched day (and
    /// week), the review queue, the sync conflicts and the undo hint again.
    fn reload(&self) {
        if let Some(d) = self.day {
            (self.notify)(self.load(d));
        }
        if let Some(d) = self.staff_day {
            (self.notify)(self.staff(d));
        }
        if let Some(m) = self.week {
            (self.notify)(self.load_week(m));
        }
        self.side();
    }

    /// The review queue, the sync conflicts and the undo hint.
    fn side(&self) {
        match self.review() {
            Ok(items) => (self.notify)(Reply::Review(items)),
            Err(e) => (self.notify)(Reply::NotLoaded {
                what: Unloaded::ReviewQueue,
                error: Arc::new(e),
            }),
        }
        (self.notify)(self.sync_conflicts());
        if let Ok(hint) = self.store.undo_hint() {
            (self.notify)(Reply::UndoHint(hint));
        }
    }

    fn sync_conflicts(&self) -> Reply {
        match conflicts::load(&self.store) {
            Ok(items) => Reply::SyncConflicts(items),
            Err(e) => Reply::NotLoaded {
                what: Unloaded::SyncConflicts,
                error: Arc::new(e),
            },
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
                    .unwrap_or_default(),
                reason: b.review,
            })
            .collect())
    }

    /// A refusal; for another dispatcher's change to a booking, also who
    /// changed it, when and what.
    fn refused(&self, attempt: Attempt, e: StoreError) -> Reply {
        self.refused_save(attempt, e, None, None)
    }

    /// A refusal of `save`, made on `base`: when someone changed the
    /// booking meanwhile, with the three versions compared.
    fn refused_save(
        &self,
        attempt: Attempt,
        e: StoreError,
        save: Option<&Save>,
        base: Option<&Booking>,
    ) -> Reply {
        let stale = stale::of_refusal(&self.store, &e, save, base).map(Box::new);
        Reply::Refused(Refusal {
            attempt,
            error: Arc::new(e),
            stale,
        })
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
                    Ok(b) => Reply::Done(Outcome::Started {
                        id: b.id,
                        at: self.store.now(),
                    }),
                    Err(e) => self.refused(Attempt::Start, e),
                });
                true
            }
            Request::Finish { id, version } => {
                (self.notify)(match self.store.finish_booking(id, version) {
                    Ok(b) => Reply::Done(Outcome::Finished {
                        id: b.id,
                        minutes: b.actual_minutes().unwrap_or(0),
                    }),
                    Err(e) => self.refused(Attempt::Finish, e),
                });
                true
            }
            Request::Save { save, base } => {
                let before = save.target.and_then(|(id, _)| self.store.booking(id).ok());
                (self.notify)(match self.store.save_booking((*save).clone()) {
                    Ok(b) => {
                        let staff = b
                            .staff_id
                            .and_then(|id| self.store.staff_names().ok()?.remove(&id));
                        Reply::Saved {
                            kind: SaveKind::of(before.as_ref(), &b),
                            booking: Box::new(b),
                            staff,
                        }
                    }
                    Err(e) => self.refused_save(Attempt::Save, e, Some(&save), base.as_deref()),
                });
                true
            }
            Request::Cancel {
                id,
                version,
                reason,
            } => {
                (self.notify)(match self.store.cancel_booking(id, version, &reason) {
                    Ok(b) => Reply::Done(Outcome::Cancelled { id: b.id, reason }),
                    Err(e) => self.refused(Attempt::Cancel, e),
                });
                true
            }
            Request::Approve { id, version } => {
                (self.notify)(match self.store.approve_booking(id, version) {
                    Ok(b) => Reply::Done(Outcome::Approved { id: b.id }),
                    Err(e) => self.refused(Attempt::Approve, e),
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
                    Ok(o) => Reply::Done(Outcome::Undone {
                        revert: o.revert,
                        change: o.change,
                        booking: o.booking_id,
                        series: o.series,
                    }),
                    Err(e) if request == Request::Undo => self.refused(Attempt::Undo, e),
                    Err(e) => self.refused(Attempt::Redo, e),
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
                    Err(e) => Reply::NotLoaded {
                        what: Unloaded::Customers,
                        error: Arc::new(e),
                    },
                });
                false
            }
            Request::Memory(id) => {
                (self.notify)(match self.store.customer_bookings(id) {
                    Ok(history) => {
                        Reply::Memory(id, customer_memory(&history, self.store.now(), tz))
                    }
                    Err(e) => Reply::NotLoaded {
                        what: Unloaded::CustomerHistory,
                        error: Arc::new(e),
                    },
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
                        Err(e) => Reply::NotLoaded {
                            what: Unloaded::Journal,
                            error: Arc::new(e),
                        },
                    },
                );
                false
            }
            Request::SyncConflicts => {
                (self.notify)(self.sync_conflicts());
                false
            }
            Request::Resolve {
                booking_id,
                of_series,
                choice,
            } => {
                (self.notify)(
                    match sync_engine::resolve_held(&mut self.store, booking_id, of_series, choice)
                    {
                        Ok(settled) => Reply::Done(Outcome::Settled(settled)),
                        Err(e) => self.refused(Attempt::Resolve, e),
                    },
                );
                true
            }
            Request::CreateSeries { series, accept } => {
                let reply = self.create_series(*series, accept.as_deref());
                (self.notify)(reply);
                true
            }
            Request::MoveVisit {
                id,
                version,
                change,
                scope,
                accept,
            } => {
                let reply = self.move_visit(id, version, change, scope, accept.as_deref());
                (self.notify)(reply);
                true
            }
            Request::CancelVisit {
                id,
                version,
                reason,
                scope,
            } => {
                let reply = self.cancel_visit(id, version, &reason, scope);
                (self.notify)(reply);
                true
            }
            Request::Slots { seq, request } => {
                (self.notify)(self.slots(seq, &request));
                false
            }
            Request::SickCall {
                seq,
                staff_id,
                from,
                to,
            } => {
                (self.notify)(self.sick_call(seq, staff_id, from, to));
                false
            }
            Request::Staff(day) => {
                self.staff_day = day;
                if let Some(d) = day {
                    (self.notify)(self.staff(d));
                }
                false
            }
            Request::SetStaff { id, version, edit } => {
                let reply = self.set_staff(id, version, &edit);
                (self.notify)(reply);
                true
            }
            Request::Find {
                seq,
                query,
                customers,
            } => {
                let reply = self.search(seq, &query, &customers);
                (self.notify)(reply);
                false
            }
            Request::ApplySickCall { plan, reason } => {
                let reply = self.apply_sick_call(&plan, &reason);
                (self.notify)(reply);
                true
            }
            Request::AddCustomer { customer, anyway } => {
                let reply = self.add_customer(*customer, anyway);
                let added = matches!(reply, Reply::CustomerAdded(_));
                (self.notify)(reply);
                added
            }
            Request::CustomerCard(id) => {
                (self.notify)(self.customer_card(id));
                false
            }
            Request::EditCustomer(edited) => {
                let reply = self.edit_customer(&edited);
                (self.notify)(reply);
                true
            }
            Request::Week(date) => {
                self.week = date.map(monday_of);
                if let Some(m) = self.week {
                    (self.notify)(self.load_week(m));
                }
                false
            }
        };
        if changed {
            self.reload();
        }
    }
}

#[cfg(test)]
mod tests;
