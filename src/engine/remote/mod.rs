//! What a remote caller (a phone, an assistant, a program with a token) may
//! ask of the business, and the one place its role is checked. Each
//! operation is a method of [`Desk`] with a typed request and a typed
//! result; each checks the caller through [`check`], then reads or writes
//! through the same store functions as the console and the commands (clash
//! refusal with an accepted reason, review, journal). The HTTP API's routes
//! and the assistants' tools ask the same operations and only shape their
//! own answers. The journal names the person and how they came, by one
//! rule ([`Caller::actor`]): "Maja (via app)", "office (via assistant)".
//!
//! A viewer reads; a dispatcher also changes bookings; an admin also
//! invoices; a cleaner sees and changes only their own jobs (start,
//! finish, a note). Nothing here knows of HTTP: the API and the MCP server
//! both come through it.

mod app;
mod desk;
mod feed;
mod health;
mod read;
mod secret;
mod write;

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::clock::Clock;
use crate::config::Settings;
use crate::domain::{Access, Role, RoleSource, TokenRole};
use crate::store::{Store, StoreError};

pub use app::{AppJob, OnTheWay};
pub use desk::{Desk, Named};
pub use feed::{FeedEvent, FeedSender};
pub use health::{Health, Part, State};
pub use read::{
    BookingCheck, Checked, DEFAULT_MINUTES, DayConflict, Known, MAX_SLOT_DAYS, StaffClashes, Window,
};
pub use secret::{NewSecret, hash_secret, new_secret};
pub use write::{DEFAULT_SERVICE, JobAsk, Plan, parse_scope};

/// How a caller came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// The HTTP API (the cleaners' page, a program).
    App,
    /// An assistant, through the MCP server.
    Assistant,
}

impl Via {
    /// "via app", "via assistant", as the journal writes it.
    pub fn words(self) -> &'static str {
        match self {
            Via::App => "via app",
            Via::Assistant => "via assistant",
        }
    }
}

/// Who asks: the token's name, its role, the cleaner a cleaner's token
/// stands for, and how they came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub name: String,
    pub role: TokenRole,
    /// The cleaner's id, for a cleaner's token.
    pub staff: Option<i64>,
    pub via: Via,
    /// The token's id, for its last use.
    pub token: Option<i64>,
}

impl Caller {
    /// A login acting with its console role (no token), e.g. the one
    /// running `renos mcp` on stdio.
    pub fn login(name: &str, role: Role, via: Via) -> Caller {
        Caller {
            name: name.to_string(),
            role: match role {
                Role::Viewer => TokenRole::Viewer,
                Role::Dispatcher => TokenRole::Dispatcher,
                Role::Admin => TokenRole::Admin,
            },
            staff: None,
            via,
            token: None,
        }
    }

    /// The journal's actor, the one rule for every remote caller: the
    /// person (a token's name, or the login running the tools itself) and
    /// how they came, "Maja (via app)", "bo (via assistant)".
    pub fn actor(&self) -> String {
        format!("{} ({})", self.name, self.via.words())
    }
}

/// What an operation needs of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Read the plan (a cleaner's view is narrowed to their own jobs by
    /// the operation).
    Read,
    /// Read the business at large: conflicts, customers, slots. Not a cleaner.
    Overview,
    /// Read one job, of this cleaner (`None`: unassigned).
    SeeJob(Option<i64>),
    /// Create, move, reassign or cancel bookings.
    Book,
    /// Start, finish or note a job of this cleaner.
    WorkJob(Option<i64>),
    /// Invoice a finished job.
    Invoice,
}

/// The one check of a remote caller's role: may `caller` do what `need`
/// names? A refusal says what the role may do instead.
pub fn check(caller: &Caller, need: Need) -> Result<(), RemoteError> {
    use TokenRole::*;
    let own = |staff: Option<i64>| caller.staff.is_some() && caller.staff == staff;
    let allowed = match (caller.role, need) {
        (_, Need::Read) => true,
        (Cleaner, Need::SeeJob(s) | Need::WorkJob(s)) => own(s),
        (Cleaner, Need::Overview | Need::Book | Need::Invoice) => false,
        (Viewer, Need::Overview | Need::SeeJob(_)) => true,
        (Viewer, Need::Book | Need::WorkJob(_) | Need::Invoice) => false,
        (Dispatcher, Need::Invoice) => false,
        (Dispatcher | Admin, _) => true,
    };
    if allowed {
        return Ok(());
    }
    let may = match caller.role {
        Cleaner => "sees and changes only their own jobs (start, finish, a note)",
        Viewer => "reads only",
        Dispatcher => "changes bookings but does not invoice",
        Admin => "may do everything",
    };
    let what = match need {
        Need::Read | Need::Overview => "this",
        Need::SeeJob(_) => "this job",
        Need::Book => "changing bookings",
        Need::WorkJob(_) => "working this job",
        Need::Invoice => "invoicing",
    };
    // A login running the assistants' tools itself (stdio) has a role
    // from the config, not a token.
    let held = if caller.token.is_none() && caller.via == Via::Assistant {
        "here"
    } else {
        "token"
    };
    Err(RemoteError::Forbidden(format!(
        "{} is a {} {held}, which {may}: {what} is not allowed",
        caller.name, caller.role
    )))
}

/// Why an operation did not happen, for the caller to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteError {
    /// No token, or one not known or revoked.
    Unauthenticated(String),
    /// The role does not allow it.
    Forbidden(String),
    NotFound(String),
    /// The booking changed since the caller saw it: by whom and when.
    Stale {
        id: i64,
        by: String,
        at: String,
    },
    /// It would double-book a cleaner; an accepted reason saves it.
    Clash(String),
    /// Not possible as asked (a finished job cancelled, a bad date).
    Invalid(String),
    /// The database or a provider failed.
    Failed(String),
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RemoteError::Unauthenticated(s)
            | RemoteError::Forbidden(s)
            | RemoteError::NotFound(s)
            | RemoteError::Clash(s)
            | RemoteError::Invalid(s)
            | RemoteError::Failed(s) => f.write_str(s),
            RemoteError::Stale { id, by, at } => write!(
                f,
                "booking #{id} was changed by {by} at {at} since you loaded it; load it again \
                 and retry"
            ),
        }
    }
}

impl std::error::Error for RemoteError {}

impl From<StoreError> for RemoteError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } | StoreError::Missing(_) => {
                RemoteError::NotFound(e.to_string())
            }
            StoreError::Stale { id, by, at, .. } => RemoteError::Stale { id, by, at },
            StoreError::Clash(msg) => RemoteError::Clash(format!(
                "{msg} (send accept_clash with the reason to book it anyway)"
            )),
            StoreError::Refused(r) => RemoteError::Forbidden(r.to_string()),
            StoreError::Rule(_)
            | StoreError::Invalid(_)
            | StoreError::Entry(_)
            | StoreError::Shape(_)
            | StoreError::Series(_)
            | StoreError::Open(_)
            | StoreError::Change(_)
            | StoreError::NoSyncConflict { .. }
            | StoreError::NoSuchCleaner { .. }
            | StoreError::Undo(_) => RemoteError::Invalid(e.to_string()),
            StoreError::TooNew { .. }
            | StoreError::Sql(_)
            | StoreError::Corrupt(_)
            | StoreError::Write(_) => {
                tracing::warn!(target: "renos::remote", error = %e, "store failed");
                RemoteError::Failed(e.to_string())
            }
        }
    }
}

/// The business as remote callers reach it: the database, the settings and
/// the clock. Each operation opens its own connection, acting as the caller
/// (cheap with SQLite; it keeps callers apart and runs on any thread).
#[derive(Debug, Clone)]
pub struct Remote {
    settings: Settings,
    db: PathBuf,
    clock: Clock,
}

impl Remote {
    pub fn new(settings: Settings, db: PathBuf, clock: Clock) -> Remote {
        Remote {
            settings,
            db,
            clock,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today in the business time zone.
    pub fn today(&self) -> NaiveDate {
        self.settings.tz.local_date(self.clock.now())
    }

    /// The database, acting as `caller`: the journal names them as
    /// [`Caller::actor`] says (the one rule, for the API and both ways to
    /// the assistants' tools); the store's own role check sees the caller's
    /// role (a cleaner's changes, already narrowed by [`check`], as a
    /// dispatcher's).
    pub fn store(&self, caller: &Caller) -> Result<Store, RemoteError> {
        let actor = caller.actor();
        let access = Access {
            login: actor.clone(),
            role: caller.role.console_role(),
            source: RoleSource::NoRoles,
        };
        Ok(Store::open_existing(&self.db, &actor, self.clock)?
            .with_tz(self.settings.tz)
            .with_access(access)
            .with_calendar(self.settings.calendar()))
    }

    /// Runs `op` at a desk acting as `caller` (the store opened for them).
    pub fn with_desk<T>(
        &self,
        caller: &Caller,
        op: impl FnOnce(&mut Desk) -> Result<T, RemoteError>,
    ) -> Result<T, RemoteError> {
        let mut store = self.store(caller)?;
        op(&mut Desk::new(&mut store, &self.settings, caller))
    }

    /// The database as the serving process itself (for the tokens).
    fn own_store(&self) -> Result<Store, RemoteError> {
        Ok(
            Store::open_existing(&self.db, &self.settings.dispatcher, self.clock)?
                .with_tz(self.settings.tz),
        )
    }

    /// The caller a presented secret stands for, its use noted; a secret
    /// not known (or of a revoked token) is refused.
    pub fn authenticate(&self, presented: &str, via: Via) -> Result<Caller, RemoteError> {
        let store = self.own_store()?;
        let live = store.live_token_hashes()?;
        let found = secret::find(&live, presented);
        let Some(t) = found else {
            return Err(RemoteError::Unauthenticated(
                "the token is not known or was revoked; ask an admin for a new one \
                 (`renos token add`)"
                    .into(),
            ));
        };
        // Noted at most once a minute: a write on every request would
        // contend with the back office for the write lock.
        let now = self.clock.now();
        let stale = t
            .last_used
            .is_none_or(|at| now - at >= chrono::Duration::seconds(60));
        if stale && let Err(e) = store.token_used(t.id, now) {
            tracing::warn!(target: "renos::remote", error = %e, "last use not noted");
        }
        Ok(Caller {
            name: t.name.clone(),
            role: t.role,
            staff: t.staff_id,
            via,
            token: Some(t.id),
        })
    }
}

#[cfg(test)]
mod tests;
