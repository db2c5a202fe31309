//! The demo's API, cleaners' page and assistants' tools, served on loopback
//! beside its console for as long as the console runs (as `renos serve
//! --http` would serve them): on port 8787, or a free one when that is
//! taken.

use std::net::SocketAddr;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context as _, Result, anyhow};

use crate::clock::Clock;
use crate::config::Settings;
use crate::engine::remote::Remote;
use crate::engine::service::{ServiceHandle, ServiceNews};
use crate::http;

/// Where the demo serves when the port is free: `renos serve --http`'s own
/// default, so the links of `renos token add --qr` work too.
const PREFERRED: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 8787);

/// How long the feed gets to stop when the demo ends.
const STOP_WITHIN: Duration = Duration::from_millis(500);

/// The demo's server; it stops when dropped.
pub struct DemoApi {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    feed: ServiceHandle<()>,
}

impl DemoApi {
    /// Serves the database at `db` with `settings` on 127.0.0.1:8787, or on
    /// a free port when that one is taken.
    pub fn start(settings: &Settings, db: &Path, clock: Clock) -> Result<DemoApi> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("no runtime for the demo's API")?;
        let (listener, addr) = rt.block_on(async {
            match http::bind(PREFERRED).await {
                Ok(bound) => Ok(bound),
                Err(_) => http::bind(SocketAddr::new(PREFERRED.ip(), 0)).await,
            }
        })?;
        let remote = Remote::new(settings.clone(), db.to_path_buf(), clock);
        let (feed, sender) = remote
            .start_feed(log_feed)
            .map_err(|e| anyhow!("cannot start the API's feed: {e}"))?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("renos-demo-api".into())
            .spawn(move || {
                rt.block_on(async {
                    tokio::select! {
                        served = http::serve(listener, remote, sender) => {
                            if let Err(e) = served {
                                tracing::error!(target: "renos::demo", error = %e, "the demo's API stopped");
                            }
                        }
                        _ = stopped => {}
                    }
                });
            })
            .context("cannot start the demo's API")?;
        tracing::info!(target: "renos::demo", %addr, "the demo's API listening");
        Ok(DemoApi {
            addr,
            stop: Some(stop),
            thread: Some(thread),
            feed,
        })
    }

    /// Where the page and the API are: `http://127.0.0.1:8787`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for DemoApi {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.feed.stop_within(STOP_WITHIN);
    }
}

/// The feed's news goes to the log: the console's screen is the
/// dispatcher's.
fn log_feed(news: ServiceNews) {
    match news {
        ServiceNews::CouldNotStart { service, error } | ServiceNews::Failed { service, error } => {
            tracing::warn!(target: "renos::demo", service, %error, "the demo's feed");
        }
        ServiceNews::Panicked { service } => {
            tracing::error!(target: "renos::demo", service, "the demo's feed stopped");
        }
    }
}
