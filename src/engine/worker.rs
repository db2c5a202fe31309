//! The store worker: one thread that owns the console's database connection.
//! The UI sends it typed requests and gets typed replies back through a
//! callback; it never touches SQLite on its own task. Between requests the
//! worker watches `PRAGMA data_version`, so another dispatcher's change (or a
//! CLI command's) reaches the screen within about a quarter of a second.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDate;

use super::day::DayPlan;
use crate::config::Settings;
use crate::store::Store;

/// How often the worker looks for other processes' changes.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(250);

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
}

#[derive(Debug, Clone)]
pub enum Reply {
    Day(Box<DayPlan>),
    /// A change went through; words for the status line.
    Done(String),
    /// A request failed; words for the status line.
    Failed(String),
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

fn run(mut store: Store, settings: Settings, rx: mpsc::Receiver<Request>, notify: impl Fn(Reply)) {
    let mut day: Option<NaiveDate> = None;
    let mut seen = store.data_version().ok();
    let load = |store: &Store, date: NaiveDate| match DayPlan::load(store, date, &settings) {
        Ok(plan) => Reply::Day(Box::new(plan)),
        Err(e) => Reply::Failed(format!("could not load {date}: {e}")),
    };
    // After a change (ours or another process's), the watched day is sent again.
    let reload = |store: &Store, day: Option<NaiveDate>| {
        if let Some(d) = day {
            notify(load(store, d));
        }
    };
    loop {
        match rx.recv_timeout(WATCH_INTERVAL) {
            Ok(Request::Load(date)) => {
                day = Some(date);
                notify(load(&store, date));
            }
            Ok(Request::Start { id, version }) => {
                let reply = match store.start_booking(id, version) {
                    Ok(b) => Reply::Done(format!(
                        "Started booking #{} at {}",
                        b.id,
                        settings.tz.hm(store.now())
                    )),
                    Err(e) => Reply::Failed(format!("Could not start: {e}")),
                };
                notify(reply);
                reload(&store, day);
            }
            Ok(Request::Finish { id, version }) => {
                let reply = match store.finish_booking(id, version) {
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
                };
                notify(reply);
                reload(&store, day);
            }
            Err(RecvTimeoutError::Timeout) => {
                let now = store.data_version().ok();
                if now != seen {
                    seen = now;
                    reload(&store, day);
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}
