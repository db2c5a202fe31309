//! Loopback fakes of the services RenOS talks to, for tests and demos:
//! Google Calendar v3 with its OAuth token endpoint, the Billy accounting
//! API v2, Twilio's calls and messages, faults on demand, and admin
//! endpoints to look behind the scenes.
//!
//! The fakes are meant to be as strict as the real services, failures
//! included: a fake kinder than the real thing hides bugs.
//!
//! ```text
//! /token                               OAuth token endpoint (JWT bearer grant)   google/oauth.rs
//! /calendar/v3/calendars/{cal}/events  the calendar API                          google/
//! /admin/google/...                    look and change, faults, stats            google/admin.rs
//! /billy/v2/...                        Billy API v2 (contacts, invoices, ...)    billy.rs, billy/
//! /admin/billy/...                     invoices, paid, e-mails, faults, stats    billy/admin.rs
//! /twilio/2010-04-01/Accounts/...      Twilio calls, messages, the account       twilio.rs, twilio/
//! /admin/twilio/...                    calls and messages made, faults, stats    twilio/admin.rs
//! /graph/login/..., /graph/v1.0/...  Microsoft Graph: token, events, delta  graph/
//! /admin/reset                         wipe every service
//! ```
//!
//! Each service brings its own `router`; `app` merges them, so more
//! services can mount beside Google.

mod billy;
mod faults;
mod google;
mod graph;
mod net;
mod random;
mod twilio;

use std::io;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;

pub use billy::{
    BILLY_API_KEY, BILLY_ORGANIZATION_ID, BILLY_ORGANIZATION_NAME, BillyAdmin, BillyFaults,
    BillyStats,
};
pub use google::{
    CALENDAR_ID, CLIENT_EMAIL, CalendarRole, GoogleAdmin, GoogleFaults, GoogleStats,
    IMPERSONATED_USER, TEST_KEY_PEM, key_json,
};
pub use graph::{
    GraphAdmin, GraphFaults, GraphStats, MICROSOFT_CLIENT, MICROSOFT_SECRET, MICROSOFT_TENANT,
    MICROSOFT_USER,
};
pub use twilio::{
    TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_MESSAGING_SERVICE_SID, TWILIO_PHONE_NUMBER,
    TwilioAdmin, TwilioFaults, TwilioStats,
};

use billy::Billy;
use google::Google;
use net::Conns;

/// The state of every fake service.
#[derive(Clone)]
pub(crate) struct Services {
    pub(crate) google: Arc<Google>,
    pub(crate) billy: Arc<Billy>,
    pub(crate) twilio: Arc<twilio::Twilio>,
    pub(crate) graph: Arc<graph::Graph>,
}

impl Services {
    fn new() -> Services {
        Services {
            google: google::new(),
            billy: Billy::new(),
            twilio: twilio::Twilio::new(),
            graph: graph::new(),
        }
    }

    fn reset(&self) {
        self.google.lock().reset();
        self.billy.lock().reset();
        self.twilio.reset();
        self.graph.lock().reset();
    }
}

/// Every service's routes, and `/admin/reset`.
fn app(services: &Services) -> Router {
    Router::new()
        .merge(google::router(services.google.clone()))
        .merge(billy::router(services.billy.clone()))
        .merge(billy::admin_router(services.billy.clone()))
        .merge(twilio::router(services.twilio.clone()))
        .merge(twilio::admin_router(services.twilio.clone()))
        .merge(graph::router(services.graph.clone()))
        .route("/admin/reset", post(reset_all).with_state(services.clone()))
        .fallback(google::not_found_handler)
}

async fn reset_all(State(services): State<Services>) -> StatusCode {
    services.reset();
    StatusCode::NO_CONTENT
}

/// A running sandbox; dropping it stops the server.
pub struct Sandbox {
    addr: SocketAddr,
    services: Services,
    conns: Arc<Conns>,
    app: Router,
    runtime: tokio::runtime::Handle,
    server: Mutex<Option<tokio::task::JoinHandle<()>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sandbox {
    /// Serves on `addr` (127.0.0.1:0 = a free port) from a dedicated thread
    /// with its own tokio runtime, so it works from sync code, from
    /// `#[tokio::test]` and across tests. Returns once listening.
    pub fn start(addr: SocketAddr) -> io::Result<Sandbox> {
        let listener = std::net::TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("renos-sandbox".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let _ = ready_tx.send(Ok(rt.handle().clone()));
                rt.block_on(async {
                    let _ = stop_rx.await;
                });
            })?;
        let runtime = ready_rx
            .recv()
            .map_err(|_| io::Error::other("the sandbox thread ended"))??;
        let services = Services::new();
        let conns = Arc::new(Conns::default());
        let app = app(&services);
        let mut sandbox = Sandbox {
            addr,
            services,
            conns,
            app,
            runtime,
            server: Mutex::new(None),
            stop: Some(stop_tx),
            thread: Some(thread),
        };
        let task = net::spawn_server(
            &sandbox.runtime,
            listener,
            sandbox.app.clone(),
            sandbox.conns.clone(),
        )?;
        *sandbox.server.get_mut().unwrap_or_else(|e| e.into_inner()) = Some(task);
        Ok(sandbox)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/calendar/v3/` (ends with `/`).
    pub fn google_base_url(&self) -> String {
        format!("{}/calendar/v3/", self.url())
    }

    /// `http://127.0.0.1:PORT/billy/v2/` (ends with `/`).
    pub fn billy_base_url(&self) -> String {
        format!("{}/billy/v2/", self.url())
    }

    /// `http://127.0.0.1:PORT/twilio/` (ends with `/`): the Twilio API root.
    pub fn twilio_base_url(&self) -> String {
        format!("{}/twilio/", self.url())
    }

    /// `http://127.0.0.1:PORT/token`
    pub fn token_uri(&self) -> String {
        format!("{}/token", self.url())
    }

    /// Closes the listener and every open connection (connections are
    /// refused, as when offline); the state is kept.
    pub fn go_offline(&self) {
        let task = self.server.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(task) = task {
            task.abort();
            // Wait until the listener is closed.
            let (tx, rx) = std::sync::mpsc::channel();
            self.runtime.spawn(async move {
                let _ = task.await;
                let _ = tx.send(());
            });
            let _ = rx.recv_timeout(Duration::from_secs(5));
        }
        self.conns.kill_all();
    }

    /// Listens again on the same port with the same state.
    pub fn come_online(&self) -> io::Result<()> {
        let mut server = self.server.lock().unwrap_or_else(|e| e.into_inner());
        if server.is_some() {
            return Ok(());
        }
        let listener = std::net::TcpListener::bind(self.addr)?;
        *server = Some(net::spawn_server(
            &self.runtime,
            listener,
            self.app.clone(),
            self.conns.clone(),
        )?);
        Ok(())
    }

    /// In-process admin handle (the same operations as `/admin/google/...`).
    pub fn google(&self) -> GoogleAdmin {
        GoogleAdmin {
            google: self.services.google.clone(),
        }
    }

    /// In-process admin handle (the same operations as `/admin/billy/...`).
    pub fn billy(&self) -> BillyAdmin {
        BillyAdmin {
            billy: self.services.billy.clone(),
        }
    }

    /// In-process admin handle (the same operations as `/admin/twilio/...`).
    pub fn twilio(&self) -> TwilioAdmin {
        TwilioAdmin {
            twilio: self.services.twilio.clone(),
        }
    }

    /// `http://127.0.0.1:PORT/graph/v1.0` (no `/` at the end): the Graph
    /// API root.
    pub fn graph_base_url(&self) -> String {
        format!("{}/graph/v1.0", self.url())
    }

    /// `http://127.0.0.1:PORT/graph/login`: the login root the token
    /// endpoint `/{tenant}/oauth2/v2.0/token` is under.
    pub fn graph_login_url(&self) -> String {
        format!("{}/graph/login", self.url())
    }

    /// In-process admin handle on the Graph fake.
    pub fn graph(&self) -> GraphAdmin {
        GraphAdmin {
            graph: self.services.graph.clone(),
        }
    }

    /// Wipes every service (as `POST /admin/reset`).
    pub fn reset(&self) {
        self.services.reset();
    }

    /// `export NAME=VALUE` lines (shell-quoted) pointing renos at this
    /// sandbox; `key_file` is where the caller wrote
    /// `key_json(self.token_uri())`.
    pub fn export_lines(&self, key_file: &Path) -> Vec<String> {
        let key_file = key_file.to_string_lossy();
        [
            ("GOOGLE_CLIENT_EMAIL", CLIENT_EMAIL.to_string()),
            ("GOOGLE_IMPERSONATED_USER", IMPERSONATED_USER.to_string()),
            ("GOOGLE_CALENDAR_ID", CALENDAR_ID.to_string()),
            ("GOOGLE_KEY_FILE", key_file.into_owned()),
            ("RENOS_GOOGLE_BASE_URL", self.google_base_url()),
            ("RENOS_GOOGLE_TOKEN_URI", self.token_uri()),
            ("BILLY_API_KEY", BILLY_API_KEY.to_string()),
            ("BILLY_ORGANIZATION_ID", BILLY_ORGANIZATION_ID.to_string()),
            ("RENOS_BILLY_BASE_URL", self.billy_base_url()),
            ("TWILIO_ACCOUNT_SID", TWILIO_ACCOUNT_SID.to_string()),
            ("TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN.to_string()),
            ("TWILIO_PHONE_NUMBER", TWILIO_PHONE_NUMBER.to_string()),
            ("RENOS_TWILIO_BASE_URL", self.twilio_base_url()),
            // Last: readers stop at it (tests/live/common/sandbox.rs).
            ("RENOS_SANDBOX_URL", self.url()),
        ]
        .into_iter()
        .map(|(name, value)| format!("export {name}={}", shell_quote(&value)))
        .collect()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(task) = self
            .server
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take()
        {
            task.abort();
        }
        self.conns.kill_all();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take()
            && thread.thread().id() != std::thread::current().id()
        {
            let _ = thread.join();
        }
    }
}

/// A value as a POSIX shell word: as is when safe, else in single quotes.
pub(crate) fn shell_quote(value: &str) -> String {
    let safe = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c));
    if safe {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_cross_threads() {
        fn shared<T: Send + Sync + 'static>() {}
        shared::<Sandbox>();
        shared::<GoogleAdmin>();
        shared::<BillyAdmin>();
        shared::<TwilioAdmin>();
        shared::<GraphAdmin>();
    }

    #[test]
    fn quoting() {
        assert_eq!(
            shell_quote("http://127.0.0.1:80/x"),
            "http://127.0.0.1:80/x"
        );
        assert_eq!(shell_quote("/tmp/a b"), "'/tmp/a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn key_file_parses() {
        let json = key_json("http://127.0.0.1:1/token");
        let key = yup_oauth2::parse_service_account_key(json).expect("key");
        assert_eq!(key.client_email, CLIENT_EMAIL);
        assert_eq!(key.token_uri, "http://127.0.0.1:1/token");
        assert!(google::oauth::public_key_der(TEST_KEY_PEM).is_some());
    }
}
