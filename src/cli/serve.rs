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
use crate::i18n::Words;
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
        // The API's refusal, in the command's language.
        http::check_addr(*addr, *public).map_err(|_| {
            anyhow::anyhow!(ctx.words().with(
                "cli-serve-off-loopback",
                &[("addr", addr.to_string().into())]
            ))
        })?;
    }
    // A mistyped path is not a new, empty business: the database must be
    // there (and is brought up to date here, once, before the services).
    // The back office delivers and syncs: a viewer's would only be refused.
    let mut store = ctx.open_existing()?;
    store.allow(crate::domain::Permission::Deliveries)?;
    drop(store);
    let w = ctx.words();
    let lock = ServeLock::acquire(&ctx.db, Utc::now(), w)?;
    let log = crate::logging::to_file();
    let log_file = crate::logging::file().display().to_string();
    let log_line = match &log {
        Ok(_) => w.with("cli-serve-logging", &[("file", log_file.into())]),
        Err(why) => w.with(
            "cli-serve-no-log",
            &[("file", log_file.into()), ("error", why.to_string().into())],
        ),
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .with_context(|| w.get("cli-serve-no-runtime"))?;
    // Caught before anything starts: a signal from now on stops cleanly.
    let stop = {
        let _entered = rt.enter();
        Stop::install().with_context(|| w.get("cli-serve-no-signals"))?
    };
    // Bound before anything starts: a taken port stops the serve at once.
    let api = match http {
        Some(addr) => Some(rt.block_on(http::bind(*addr))?),
        None => None,
    };
    // The log is read by whoever keeps the server: in English.
    let logged = describe(crate::i18n::Language::En.words(), &ctx.settings);
    tracing::info!(
        target: "renos::serve",
        db = %ctx.db.display(),
        pid = std::process::id(),
        "serve started: {logged}"
    );
    let started = w.with(
        "cli-serve-started",
        &[
            ("pid", std::process::id().to_string().into()),
            ("db", ctx.db.display().to_string().into()),
            ("what", describe(w, &ctx.settings).into()),
            ("log", log_line.into()),
        ],
    );
    writeln!(super::screen::stderr(), "{started}")?;
    if let Some((_, bound)) = &api {
        tracing::info!(target: "renos::serve", %bound, "API listening");
        writeln!(
            super::screen::stderr(),
            "{}",
            w.with("cli-serve-api", &[("addr", bound.to_string().into())])
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

/// What runs, in a few words: "calendar sync every 5 min, Billy invoices and
/// payments, Twilio alerts (automatic ones on)".
fn describe(w: Words, s: &Settings) -> String {
    let sync = match (s.google.credentials.is_some(), s.sync.enabled) {
        (false, _) => "none",
        (true, false) => "off",
        (true, true) => "on",
    };
    let minutes = (s.sync.interval.as_secs() / 60).max(1);
    let twilio = match (s.twilio.is_set_up(), s.alerts.auto) {
        (false, _) => "none",
        (true, true) => "auto",
        (true, false) => "manual",
    };
    let billy = if s.billy.is_set_up() { "yes" } else { "no" };
    w.with(
        "cli-serve-what",
        &[
            ("sync", sync.into()),
            ("minutes", minutes.into()),
            ("billy", billy.into()),
            ("twilio", twilio.into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_runs() {
        let mut s = Settings::default();
        let en = crate::i18n::Language::En.words();
        assert_eq!(
            describe(en, &s),
            "Google Calendar not set up, Billy not set up, Twilio not set up"
        );
        s.billy.api_key = Some("k".into());
        s.billy.organization_id = Some("o".into());
        assert!(describe(en, &s).contains("Billy invoices and payments"));
        assert!(
            describe(crate::i18n::Language::Da.words(), &s)
                .contains("Billy: fakturaer og betalinger")
        );
    }
}
