//! One runner for the background services (the store worker, the sync, the
//! back office): each gets a named thread with a single-threaded runtime of
//! its own, so SQLite work and HTTP waits never hold up the screen. The
//! runner feeds a service its commands and its ticks, logs the errors they
//! return, catches a panic (logged, and told to the owner as
//! [`ServiceNews::Panicked`] rather than a silent death), and stops it on
//! request within a bounded wait.
//!
//! A new background job is a [`Service`] impl handed to [`spawn_service`].

use std::cell::Cell;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use tokio::sync::mpsc;

/// How long stopping a service waits for it by default: long enough for a
/// run to close its log entry, short enough not to hold up an exit.
pub const STOP_WAIT: Duration = Duration::from_secs(2);

/// What the runner tells a service's owner about the service itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceNews {
    /// The thread or its runtime could not be started: the service is not
    /// running at all.
    CouldNotStart {
        service: &'static str,
        error: String,
    },
    /// The service panicked and stopped; the details are in the log.
    Panicked { service: &'static str },
    /// A command or a tick returned an error (a tick's once until it
    /// changes); the service goes on.
    Failed {
        service: &'static str,
        error: String,
    },
}

/// A background job: commands from its owner, and ticks between them.
///
/// The futures run on the service's own single-threaded runtime, so they
/// need not be `Send` (a run may hold a database connection across awaits).
pub trait Service {
    /// What the owner may ask of it.
    type Command: Send + 'static;

    /// How often [`Service::tick`] runs; the first tick comes at once.
    fn every(&self) -> Duration;

    /// Does one command. An error is logged by the runner; what the owner
    /// must hear, the service tells it itself.
    fn command(
        &mut self,
        cmd: Self::Command,
        inbox: &mut Inbox<Self::Command>,
    ) -> impl Future<Output = anyhow::Result<()>>;

    /// Work that comes due on its own. A long piece of work may watch
    /// `inbox` meanwhile (a stop closes it).
    fn tick(
        &mut self,
        inbox: &mut Inbox<Self::Command>,
    ) -> impl Future<Output = anyhow::Result<()>>;
}

/// A service's commands, and whether it was asked to stop.
pub struct Inbox<C> {
    rx: mpsc::UnboundedReceiver<C>,
    closed: bool,
}

impl<C> Inbox<C> {
    /// The next command; `None` once the owner asked the service to stop
    /// (then [`Inbox::is_closed`] is true and the runner stops after the
    /// current command or tick).
    pub async fn recv(&mut self) -> Option<C> {
        if self.closed {
            return None;
        }
        let cmd = self.rx.recv().await;
        self.closed = cmd.is_none();
        cmd
    }

    /// Was the service asked to stop?
    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

/// A running service. Dropping it asks the service to stop and waits at
/// most [`STOP_WAIT`] (a service stuck in a blocking call is left behind
/// rather than holding up the exit).
pub struct ServiceHandle<C> {
    tx: Option<mpsc::UnboundedSender<C>>,
    stopped: Option<std_mpsc::Receiver<()>>,
}

impl<C> ServiceHandle<C> {
    /// Sends a command; `false` when the service is gone.
    pub fn send(&self, cmd: C) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(cmd).is_ok())
    }

    /// Asks the service to stop and waits at most [`STOP_WAIT`]; whether
    /// it stopped.
    pub fn stop(mut self) -> bool {
        self.stop_within(STOP_WAIT)
    }

    /// Asks the service to stop and waits at most `wait`; whether it
    /// stopped. Later calls (and the drop) return at once.
    pub fn stop_within(&mut self, wait: Duration) -> bool {
        // Closing the channel is the stop signal.
        self.tx.take();
        match self.stopped.take() {
            Some(rx) => !matches!(
                rx.recv_timeout(wait),
                Err(std_mpsc::RecvTimeoutError::Timeout)
            ),
            None => true,
        }
    }
}

impl<C> Drop for ServiceHandle<C> {
    fn drop(&mut self) {
        self.stop_within(STOP_WAIT);
    }
}

thread_local! {
    /// Set on a service's thread, so a panic there is logged rather than
    /// printed over the console's screen.
    static IN_SERVICE: Cell<bool> = const { Cell::new(false) };
}

/// Starts `make()`'s service on a thread named `name`. `news` hears of the
/// service itself: that it could not start, panicked, or failed.
pub fn spawn_service<S, M, N>(name: &'static str, news: N, make: M) -> ServiceHandle<S::Command>
where
    S: Service,
    M: FnOnce() -> S + Send + 'static,
    N: Fn(ServiceNews) + Send + Sync + 'static,
{
    let (tx, rx) = mpsc::unbounded_channel();
    let (stopped_tx, stopped) = std_mpsc::channel();
    let thread_news = std::sync::Arc::new(news);
    let on_thread = thread_news.clone();
    let started = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            IN_SERVICE.with(|f| f.set(true));
            let news = on_thread;
            match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => {
                    let ran = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        let service = make();
                        rt.block_on(drive(name, service, rx, &*news));
                    }));
                    if ran.is_err() {
                        tracing::error!(service = name, "the service stopped on a panic");
                        news(ServiceNews::Panicked { service: name });
                    }
                }
                Err(e) => {
                    tracing::error!(service = name, "cannot start the runtime: {e}");
                    news(ServiceNews::CouldNotStart {
                        service: name,
                        error: e.to_string(),
                    });
                }
            }
            let _ = stopped_tx.send(());
        });
    match started {
        Ok(_) => ServiceHandle {
            tx: Some(tx),
            stopped: Some(stopped),
        },
        Err(e) => {
            tracing::error!(service = name, "cannot start the thread: {e}");
            thread_news(ServiceNews::CouldNotStart {
                service: name,
                error: e.to_string(),
            });
            ServiceHandle {
                tx: None,
                stopped: None,
            }
        }
    }
}

/// Commands and ticks until the owner asks to stop.
async fn drive<S: Service>(
    name: &'static str,
    mut service: S,
    rx: mpsc::UnboundedReceiver<S::Command>,
    news: &dyn Fn(ServiceNews),
) {
    let mut inbox = Inbox { rx, closed: false };
    let mut errors = Errors {
        service: name,
        last: None,
    };
    let mut tick = tokio::time::interval(service.every());
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !inbox.is_closed() {
        tokio::select! {
            cmd = inbox.recv() => {
                if let Some(cmd) = cmd {
                    let out = service.command(cmd, &mut inbox).await;
                    errors.command(out, news);
                }
            }
            _ = tick.tick() => {
                let out = service.tick(&mut inbox).await;
                errors.tick(out, news);
            }
        }
    }
}

/// Logs a service's errors. A failed command is told every time; a tick
/// that fails is told once until the error changes or a tick goes through
/// again (an error that comes back every tick would fill the log).
struct Errors {
    service: &'static str,
    last: Option<String>,
}

impl Errors {
    fn command(&self, out: anyhow::Result<()>, news: &dyn Fn(ServiceNews)) {
        if let Err(e) = out {
            self.tell(format!("{e:#}"), news);
        }
    }

    fn tick(&mut self, out: anyhow::Result<()>, news: &dyn Fn(ServiceNews)) {
        match out {
            Ok(()) => self.last = None,
            Err(e) => {
                let error = format!("{e:#}");
                if self.last.as_deref() != Some(error.as_str()) {
                    self.tell(error.clone(), news);
                    self.last = Some(error);
                }
            }
        }
    }

    fn tell(&self, error: String, news: &dyn Fn(ServiceNews)) {
        tracing::warn!(service = self.service, "{error}");
        news(ServiceNews::Failed {
            service: self.service,
            error,
        });
    }
}

/// Makes a panic on a service's thread go to the log only: the default
/// report (and a terminal library's hook that gives the terminal back)
/// must not run while the console keeps the screen. Call it after the
/// console installed its own hook.
pub fn log_panics_of_services() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if IN_SERVICE.with(Cell::get) {
            let thread = std::thread::current();
            tracing::error!(
                service = thread.name().unwrap_or("service"),
                "panic: {info}"
            );
        } else {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests;
