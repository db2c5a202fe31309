//! The back office without a console: the background sync and the office
//! (invoices, payments, automatic alerts, and the deliveries of their
//! outbox entries), the same services the console starts, started side by
//! side. Their news goes where the caller says (for `renos serve`, the log).

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::office::{self, OfficeEvent, OfficeHandle};
use super::sync::{self as background_sync, SyncEvent, SyncHandle};
use crate::clock::Clock;
use crate::config::Settings;

/// The running services.
pub struct BackOffice {
    sync: SyncHandle,
    office: OfficeHandle,
}

impl BackOffice {
    /// Starts the sync and the office, each on its own connection to `db`,
    /// writing as `actor`; their news goes to `on_sync` and `on_office`
    /// (the caller words it: for `renos serve`, the log).
    pub fn start(
        settings: &Settings,
        db: PathBuf,
        actor: &str,
        clock: Clock,
        on_sync: impl Fn(SyncEvent) + Send + Sync + 'static,
        on_office: impl Fn(OfficeEvent) + Send + Sync + 'static,
    ) -> BackOffice {
        let office = office::spawn(
            settings.clone(),
            db.clone(),
            actor.to_string(),
            clock,
            on_office,
        );
        let sync = background_sync::spawn(settings.clone(), db, actor.to_string(), clock, on_sync);
        BackOffice { sync, office }
    }

    /// Stops every service through its handle, all at once, waiting at
    /// most `within`. Returns the names of those still busy then: they are
    /// left to end with the process (what they committed stays; a hold on
    /// an outbox entry is taken over as soon as the process is gone).
    pub fn stop(self, within: Duration) -> Vec<&'static str> {
        let deadline = Instant::now() + within;
        let (done_tx, done) = mpsc::channel();
        let mut running = vec!["sync", "office"];
        let BackOffice { sync, office } = self;
        stop_apart("sync", sync, &done_tx);
        stop_apart("office", office, &done_tx);
        drop(done_tx);
        while !running.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            match done.recv_timeout(left) {
                Ok(name) => running.retain(|n| *n != name),
                Err(_) => break,
            }
        }
        running
    }
}

/// Drops `handle` (which stops its service and waits for it) on a thread of
/// its own, and reports `name` once that is done.
fn stop_apart<H: Send + 'static>(name: &'static str, handle: H, done: &mpsc::Sender<&'static str>) {
    let done = done.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("renos-stop-{name}"))
        .spawn(move || {
            drop(handle);
            let _ = done.send(name);
        });
    if let Err(e) = spawned {
        // The handle went with the closure: stopped here, waited for here.
        tracing::warn!("cannot stop the {name} on a thread of its own: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn stops_every_service_through_its_handle() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("renos.db");
        drop(Store::open(&db, "t", Clock::System).expect("store"));
        let office =
            BackOffice::start(&Settings::default(), db, "t", Clock::System, |_| {}, |_| {});
        std::thread::sleep(Duration::from_millis(100));
        let asked = Instant::now();
        assert_eq!(office.stop(Duration::from_secs(2)), Vec::<&str>::new());
        assert!(asked.elapsed() < Duration::from_secs(1));
    }
}
