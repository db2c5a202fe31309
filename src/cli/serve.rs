//! `renos serve`: the back office without a console. The sync, the
//! invoices and payments, the automatic alerts and the deliveries of the
//! outbox run on their own, as while a console is open, until SIGTERM or
//! SIGINT. One serve per database (a lock file beside it); consoles may
//! run beside it: the outbox's claims and the alerts' unique index keep
//! every delivery single. With `--http ADDR` it also serves the JSON API
//! for phones and programs with a token (see `http`).

mod lock;
mod log;

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, Result};
use chrono::Utc;

use super::Context;
use super::stop::Stop;
use crate::config::Settings;
use crate::engine::headless::BackOffice;
use crate::http;
use lock::ServeLock;

/// How long the services get to stop after a signal: the process ends
/// within a second of it, whatever a provider is keeping them waiting for.
const STOP_WITHIN: Duration = Duration::from_millis(500);

/// Where the API listens when `--http` is given without an address.
const DEFAULT_HTTP: &str = "127.0.0.1:8787";

/// `renos serve`'s own options (the database, config and clock are the
/// global ones).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ServeArgs {
    /// Also serve the JSON API (tokens: `renos token add`) on ADDR
    /// (default 127.0.0.1:8787; port 0 takes a free one, printed on stderr).
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = DEFAULT_HTTP)]
    pub http: Option<std::net::SocketAddr>,
    /// Allow --http on an address other than loopback (behind a reverse
    /// proxy that adds TLS).
    #[arg(long, requires = "http")]
    pub public: bool,
}

/// Serves the database until SIGTERM or SIGINT; exit code 0 after a clean
/// stop, 1 when a service could not start or stopped on an internal error.
/// Refused (an error) when the database is missing or already served.
pub fn run(ctx: &Context, args: &ServeArgs) -> Result<ExitCode> {
    // Every option is looked at here, so a new one cannot be forgotten.
    let ServeArgs { http, public } = args;
    if let Some(addr) = http {
        http::check_addr(*addr, *public)?;
    }
    // A mistyped path is not a new, empty business: the database must be
    // there (and is brought up to date here, once, before the services).
    // The back office delivers and syncs: a viewer's would only be refused.
    let mut store = ctx.open_existing()?;
    store.allow(crate::domain::Permission::Deliveries)?;
    drop(store);
    let lock = ServeLock::acquire(&ctx.db, Utc::now())?;
    let log = crate::logging::to_file();
    let log_line = match &log {
        Ok(_) => format!("logging to {}", crate::logging::file().display()),
        Err(why) => format!(
            "cannot log to {}: {why} (nothing will be logged)",
            crate::logging::file().display()
        ),
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime")?;
    // Caught before anything starts: a signal from now on stops cleanly.
    let stop = {
        let _entered = rt.enter();
        Stop::install().context("cannot watch SIGTERM and SIGINT")?
    };
    // Bound before anything starts: a taken port stops the serve at once.
    let api = match http {
        Some(addr) => Some(rt.block_on(http::bind(*addr))?),
        None => None,
    };
    let what = describe(&ctx.settings);
    tracing::info!(
        target: "renos::serve",
        db = %ctx.db.display(),
        pid = std::process::id(),
        "serve started: {what}"
    );
    writeln!(
        super::screen::stderr(),
        "renos serve (pid {}) on {}: {what}; {log_line}; SIGTERM or Ctrl-C stops it",
        std::process::id(),
        ctx.db.display()
    )?;
    if let Some((_, bound)) = &api {
        tracing::info!(target: "renos::serve", %bound, "API listening");
        writeln!(
            super::screen::stderr(),
            "renos serve: API on http://{bound}/api/v1 (GET /health needs no token)"
        )?;
    }
    // A service that could not start or stopped on an internal error ends
    // the serve (exit code 1), so a supervisor starts it again whole.
    let (died_tx, mut died) = tokio::sync::mpsc::unbounded_channel::<()>();
    let sync_died = died_tx.clone();
    let feed_died = died_tx.clone();
    let clock = ctx.clock;
    let back_office = BackOffice::start(
        &ctx.settings,
        ctx.db.clone(),
        &ctx.settings.dispatcher,
        ctx.clock,
        move |e| {
            if log::sync(&e, clock.now()) == log::Service::Gone {
                let _ = sync_died.send(());
            }
        },
        move |e| {
            if log::office(&e) == log::Service::Gone {
                let _ = died_tx.send(());
            }
        },
    );
    let remote =
        crate::engine::remote::Remote::new(ctx.settings.clone(), ctx.db.clone(), ctx.clock);
    // The live feed watches the database only while the API is served.
    let feed = match &api {
        Some(_) => Some(
            remote
                .start_feed(move |n| {
                    if log::feed(&n) == log::Service::Gone {
                        let _ = feed_died.send(());
                    }
                })
                .map_err(|e| anyhow::anyhow!("cannot start the API's feed: {e}"))?,
        ),
        None => None,
    };
    let ended = rt.block_on(async {
        let served = async {
            match (api, &feed) {
                (Some((listener, _)), Some((_, sender))) => {
                    http::serve(listener, remote, sender.clone()).await
                }
                _ => std::future::pending().await,
            }
        };
        tokio::select! {
            waited = stop.wait() => waited.map(|()| ExitCode::SUCCESS),
            _ = died.recv() => Ok(ExitCode::FAILURE),
            failed = served => {
                if let Err(e) = failed {
                    tracing::error!(target: "renos::serve", error = %e, "the API stopped");
                }
                Ok(ExitCode::FAILURE)
            }
        }
    });
    if let Some((mut handle, _)) = feed {
        handle.stop_within(STOP_WITHIN);
    }
    let left = back_office.stop(STOP_WITHIN);
    if left.is_empty() {
        tracing::info!(target: "renos::serve", "serve stopped");
    } else {
        tracing::warn!(
            target: "renos::serve",
            "serve stopped; left to end with the process: {}",
            left.join(", ")
        );
    }
    drop(lock);
    drop(log);
    ended
}

/// What runs, in a few words: "Google sync every 5 min, Billy invoices and
/// payments, Twilio alerts (automatic ones on)".
fn describe(s: &Settings) -> String {
    let sync = match (s.google.credentials.is_some(), s.sync.enabled) {
        (false, _) => "Google Calendar not set up".to_string(),
        (true, false) => "Google sync off (sync.enabled = false)".to_string(),
        (true, true) => format!(
            "Google sync every {} min",
            (s.sync.interval.as_secs() / 60).max(1)
        ),
    };
    let billy = if s.billy.is_set_up() {
        "Billy invoices and payments"
    } else {
        "Billy not set up"
    };
    let twilio = match (s.twilio.is_set_up(), s.alerts.auto) {
        (false, _) => "Twilio not set up",
        (true, true) => "Twilio alerts (automatic ones on)",
        (true, false) => "Twilio alerts (automatic ones off: alerts.auto)",
    };
    format!("{sync}, {billy}, {twilio}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_runs() {
        let mut s = Settings::default();
        assert_eq!(
            describe(&s),
            "Google Calendar not set up, Billy not set up, Twilio not set up"
        );
        s.billy.api_key = Some("k".into());
        s.billy.organization_id = Some("o".into());
        assert!(describe(&s).contains("Billy invoices and payments"));
    }
}
