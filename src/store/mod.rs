//! SQLite, the single local truth. Every change is one short `BEGIN
//! IMMEDIATE` transaction that writes the row (bumping its `version`) and a
//! journal entry together, so a crash never leaves one without the other.

mod alerts;
mod assistant;
mod availability;
mod bookings;
mod check;
mod checkpoint;
mod customers;
mod edits;
// What the live feed reads (engine::remote).
mod change_refusal;
mod entry_refusal;
mod feed;
mod finder;
mod imports;
mod invoice_claims;
mod invoices;
pub mod journal;
mod open_error;
mod outbox;
mod reassign;
mod rows;
mod rules;
pub mod schema;
mod search;
mod series;
mod staff;
mod stats;
mod sync;
mod sync_marks;
mod sync_series;
mod sync_writer;
mod tokens;
mod undo;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::clock::Clock;
use crate::domain::booking::TransitionError;
use crate::domain::series::SeriesError;
use crate::domain::{Access, BusinessTz, Permission, Refusal, ShapeError};

pub use alerts::{
    AlertRecord, AlertState, Channel, NewAlert, Outcome as AlertOutcome, Standing as AlertStanding,
    TWILIO_ALERT,
};
pub use assistant::{CONFIRM_MINUTES, PastWrite, Receipt, Unconfirmed};
pub use availability::{AvailabilityPatch, split_week};
pub use bookings::NewBooking;
pub use change_refusal::{ChangeRefusal, Invoiced};
pub use check::Unwritable;
pub use customers::NewCustomer;
pub use edits::Save;
pub use entry_refusal::EntryRefusal;
pub use feed::{BookingThen, SyncRun};
pub use imports::{
    AddedBooking, CustomerKey, IMPORT_BOOKING, IMPORT_BOOKING_UPDATE, ImportCounts, ImportLogEntry,
    ImportSession, Importer,
};
pub use invoice_claims::{MonthlyClaim, NewLine as NewInvoiceLine, NewMonthlyInvoice};
pub use invoices::{
    BILLY_INVOICE, InvoiceLine, InvoiceRecord, InvoiceStage, NewInvoice, RemoteInvoice,
};
pub use journal::JournalEntry;
pub use open_error::OpenError;
pub use outbox::{
    CALENDAR_REMOVAL, GOOGLE_BOOKING, GOOGLE_SERIES, OutboxCounts, OutboxItem, SERIES_REMOVAL_MARK,
    host,
};
pub use reassign::Handover;
pub use rules::ClashRefusal;
pub use search::NoteRow;
pub use series::{
    BOOKING_REMOVE, Calendar, CreatedSeries, Extended, SERIES_ADD, SERIES_CHANGE, SERIES_END,
    SERIES_PAUSE, SERIES_RESUME, SERIES_SPLIT, Scope, ScopedOutcome, Visit, VisitChange,
    VisitWrite,
};
pub use staff::{NewStaff, StaffPatch};
pub use stats::{BookingStats, CustomerStats, HistoryStats, Stats};
pub use sync::{
    CalendarState, Link, RunFailure, SYNC_BOOKING, SyncConflict, SyncCounts, SyncLogEntry,
};
pub use sync_series::SeriesLink;
pub use sync_writer::SyncWriter;
pub use tokens::{NewToken, TokenRecord};
pub use undo::{
    Revert, SeriesUndone, UNDO_WINDOW_MINUTES, UndoHint, UndoOutcome, UndoRefusal, UndoWhat,
    action_noun,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "no database at {0}: run `renos demo` to try the demo, or `renos staff add` to start one"
    )]
    Missing(PathBuf),
    #[error(
        "the database is schema version {have}, newer than this renos knows ({known}): update renos"
    )]
    TooNew { have: i64, known: i64 },
    #[error("{entity} #{id} does not exist (it may have been removed)")]
    NotFound { entity: &'static str, id: i64 },
    #[error("{entity} #{id} was changed by {by} at {at} since you loaded it; look again and retry")]
    Stale {
        entity: &'static str,
        id: i64,
        by: String,
        at: String,
    },
    /// Saving would double-book a cleaner with bookings the dispatcher did
    /// not accept; the text names them.
    #[error("{0}")]
    Clash(Box<ClashRefusal>),
    /// An undo or redo that cannot be done, and why.
    #[error("{0}")]
    Undo(UndoRefusal),
    #[error(transparent)]
    Rule(#[from] TransitionError),
    /// A refusal in the store's or the engine's own English words, for
    /// what reaches no dispatcher in their language (an assistant's
    /// confirmation, a calendar's rule, the demo's own data).
    #[error("{0}")]
    Invalid(String),
    /// A value refused for what was typed: a name, a phone, a token, hours
    /// (see `EntryRefusal`).
    #[error("{0}")]
    Entry(EntryRefusal),
    /// A booking that cannot exist as drafted, in the domain's words.
    #[error("{0}")]
    Shape(ShapeError),
    /// A series that breaks its own rules, in the domain's words.
    #[error("{0}")]
    Series(SeriesError),
    /// The database file could not be opened or made (see `OpenError`).
    #[error("{0}")]
    Open(OpenError),
    /// A change refused for what the booking or series is, or what the
    /// change lacks (see `ChangeRefusal`).
    #[error("{0}")]
    Change(ChangeRefusal),
    /// A sync conflict to settle that is not there (any more): of the
    /// booking's own event, or of its series.
    #[error(
        "booking #{booking} has no sync conflict{} (it may have been settled already)",
        if *of_series { " of its series" } else { "" }
    )]
    NoSyncConflict { booking: i64, of_series: bool },
    /// No active cleaner has this name (or `#id`), as typed.
    #[error("no cleaner called {name:?}; `renos staff list` shows them")]
    NoSuchCleaner { name: String },
    /// The acting login's role does not allow the change (see
    /// `domain::access`); the refusal is journaled, the change is not made.
    #[error("{0}")]
    Refused(Refusal),
    /// SQLite's error, in its words. Not a `source` as well: an error
    /// chain would then say the same thing twice ("file is not a database:
    /// file is not a database").
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// Writing what was read out (an export) failed; the cause is kept as
    /// the source, so a reader that stopped early (a closed pipe) is told
    /// apart from a full disk.
    #[error("writing the export failed")]
    Write(#[source] std::io::Error),
}

/// A booking that cannot exist as drafted is an invalid change, in the
/// domain's words.
impl From<ShapeError> for StoreError {
    fn from(e: ShapeError) -> Self {
        StoreError::Shape(e)
    }
}

impl From<EntryRefusal> for StoreError {
    fn from(e: EntryRefusal) -> Self {
        StoreError::Entry(e)
    }
}

impl From<ChangeRefusal> for StoreError {
    fn from(e: ChangeRefusal) -> Self {
        StoreError::Change(e)
    }
}

impl StoreError {
    /// A change refused for what it is (its shape, its series' rules, a
    /// value typed), not a record missing, a clash or a database that
    /// failed: an import or the sync leaves such a change out and goes on.
    pub fn is_invalid(&self) -> bool {
        use ChangeRefusal::*;
        match self {
            StoreError::Invalid(_)
            | StoreError::Entry(_)
            | StoreError::Shape(_)
            | StoreError::Series(_) => true,
            // Refusals the store told in words of its own before they were
            // typed: the imports and the sync go on past them, as then.
            StoreError::Change(c) => matches!(
                c,
                NoteEmpty
                    | NotFinishedToInvoice { .. }
                    | AlreadyInvoiced { .. }
                    | InvoiceApproved { .. }
                    | StaffStillBooked { .. }
                    | OwnRuleCannotMove { .. }
            ),
            _ => false,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// SQLite's "file is not a database" as a sentence naming the file and
/// what to do; any other error as it is.
fn not_a_database(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::Open(OpenError::NotADatabase {
            path: path.to_path_buf(),
        }),
        _ => StoreError::Sql(e),
    }
}

#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// This connection among the process's: who holds an outbox claim.
    session: u64,
    actor: String,
    /// The acting login's role, checked before every write.
    access: Access,
    clock: Clock,
    tz: BusinessTz,
    /// Holidays and the horizon recurring bookings are made with.
    calendar: series::Calendar,
    path: PathBuf,
    /// A confirmed assistant's write under way: its next write transaction
    /// takes the confirmation and keeps the receipt (see `assistant`).
    receipt: Option<assistant::Receipt>,
}

impl Store {
    /// Opens (and creates, with its folder) the database at `path`, migrating
    /// it to the current schema. What it creates is private, or the group's
    /// in a shared folder (see `crate::fsperm`).
    pub fn open(path: &Path, actor: &str, clock: Clock) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::fsperm::create_dir_all(dir).map_err(|error| {
                StoreError::Open(OpenError::Folder {
                    path: dir.to_path_buf(),
                    error,
                })
            })?;
        }
        // Made here first, with the folder's mode: SQLite gives its WAL and
        // shared-memory files the mode of the database file.
        crate::fsperm::create_if_missing(path).map_err(|error| {
            StoreError::Open(OpenError::File {
                path: path.to_path_buf(),
                error,
            })
        })?;
        let conn = Connection::open(path)?;
        Store::setup(conn, path, actor, clock)
    }

    /// Opens an existing database; a missing file is `StoreError::Missing`.
    pub fn open_existing(path: &Path, actor: &str, clock: Clock) -> Result<Store> {
        match std::fs::metadata(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Missing(path.to_path_buf()));
            }
            // Not a missing file: usually a folder this user may not enter.
            Err(error) => {
                return Err(StoreError::Open(OpenError::Unreachable {
                    path: path.to_path_buf(),
                    error,
                }));
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        Store::setup(conn, path, actor, clock)
    }

    fn setup(mut conn: Connection, path: &Path, actor: &str, clock: Clock) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // The first statement reads the file: where a wrong file shows.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| not_a_database(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(%mode, "database is not in WAL mode");
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        // One write (a booking with its journal, outbox and sync entries, a
        // series with its visits) runs more distinct statements than
        // rusqlite's default cache of 16 holds: with that, a bulk import
        // parsed its statements again for every booking.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // The plan of a statement does not depend on the values bound to
        // it. Without this, SQLite's check of whether a query may use a
        // partial index (`bookings_series_original`, `bookings_review`)
        // marks every parameter, and the statement is compiled again each
        // time one is bound to a new value: the clash check of every
        // imported booking was.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        schema::migrate(&mut conn)?;
        static SESSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let session = SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Store {
            conn,
            session,
            actor: actor.to_string(),
            access: Access::unrestricted(actor),
            clock,
            tz: BusinessTz::default(),
            calendar: series::Calendar::default(),
            path: path.to_path_buf(),
            receipt: None,
        })
    }

    /// The business time zone, for times in messages (default Copenhagen).
    pub fn with_tz(mut self, tz: BusinessTz) -> Store {
        self.tz = tz;
        self
    }

    pub fn tz(&self) -> BusinessTz {
        self.tz
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Acts with this login's role (the config's `[roles]`); without it
    /// every change is allowed, as with no roles set.
    pub fn with_access(mut self, access: Access) -> Store {
        self.access = access;
        self
    }

    /// The acting login and its role.
    pub fn access(&self) -> &Access {
        &self.access
    }

    /// May the acting login make a change that needs `need`? Every write
    /// path asks this first. A refusal is journaled, in a transaction of
    /// its own, and returned; the change itself writes nothing.
    pub(crate) fn allow(&mut self, need: Permission) -> Result<()> {
        match self.access.check(need) {
            Ok(()) => Ok(()),
            Err(refusal) => Err(self.refused(refusal)),
        }
    }

    /// Journals `refusal` and makes it the error. A database this user
    /// cannot write keeps no record: the log has it then.
    fn refused(&mut self, refusal: Refusal) -> StoreError {
        let ctx = WriteCtx {
            actor: self.actor.clone(),
            now: self.clock.now(),
            tz: self.tz,
            google_outbox: false,
            access: self.access.clone(),
        };
        let kept = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)
            .and_then(|tx| {
                journal::record_refusal(&tx, &ctx, &refusal)?;
                tx.commit()?;
                Ok(())
            });
        if let Err(e) = kept {
            tracing::warn!(error = %e, "{refusal} (not journaled)");
        }
        StoreError::Refused(refusal)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where "now" comes from.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Changes whenever another connection commits: the cheap way to notice
    /// another dispatcher's change.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction, once the acting login
    /// may make a change that needs `need`: the write lock is taken up
    /// front, so checks made inside hold until commit.
    fn write<T>(
        &mut self,
        need: Permission,
        f: impl FnOnce(&Transaction, &WriteCtx) -> Result<T>,
    ) -> Result<T> {
        self.allow(need)?;
        self.transact(f)
    }

    /// Several changes in one transaction (all or nothing), e.g. seeding.
    /// Each change checks the role it needs; a refused one undoes the lot.
    pub fn batch<T>(&mut self, f: impl FnOnce(&Writer) -> Result<T>) -> Result<T> {
        self.transact(|tx, ctx| f(&Writer { tx, ctx }))
    }

    fn transact<T>(&mut self, f: impl FnOnce(&Transaction, &WriteCtx) -> Result<T>) -> Result<T> {
        let ctx = WriteCtx {
            actor: self.actor.clone(),
            now: self.clock.now(),
            tz: self.tz,
            google_outbox: outbox::google_on(&self.conn)?,
            access: self.access.clone(),
        };
        let receipt = self.receipt.take();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let journal_from = match &receipt {
            Some(_) => assistant::last_journal_id(&tx)?,
            None => 0,
        };
        match f(&tx, &ctx) {
            Ok(out) => {
                if let Some(r) = &receipt {
                    assistant::seal(&tx, &ctx, r, journal_from)?;
                }
                tx.commit()?;
                Ok(out)
            }
            Err(StoreError::Refused(refusal)) => {
                drop(tx);
                Err(self.refused(refusal))
            }
            Err(e) => Err(e),
        }
    }

    pub(crate) fn session(&self) -> u64 {
        self.session
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Journaled writes inside one open transaction (see `Store::batch`).
pub struct Writer<'a> {
    tx: &'a Transaction<'a>,
    ctx: &'a WriteCtx,
}

/// Prepared statements kept per connection (see `Store::setup`).
const STATEMENT_CACHE: usize = 128;

/// Who writes, and when, for the journal of one transaction.
pub(crate) struct WriteCtx {
    pub actor: String,
    pub now: DateTime<Utc>,
    pub tz: BusinessTz,
    /// Booking changes leave an outbox entry for Google (sync is on, and
    /// the change does not come from the calendar itself).
    pub google_outbox: bool,
    /// The acting login's role, for the changes of a batch.
    pub access: Access,
}

impl WriteCtx {
    /// The role check of one change inside a batch (see `Store::allow`);
    /// the batch journals the refusal once it is rolled back.
    pub fn allow(&self, need: Permission) -> Result<()> {
        self.access.check(need).map_err(StoreError::Refused)
    }

    /// A stored instant as the dispatcher reads it: "14:05", or "20/11 14:05"
    /// when it is not today.
    pub fn when(&self, t: DateTime<Utc>) -> String {
        if self.tz.local_date(t) == self.tz.local_date(self.now) {
            self.tz.hm(t)
        } else {
            self.tz.local(t).format("%-d/%-m %H:%M").to_string()
        }
    }
}

pub(crate) fn to_secs(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

pub(crate) fn from_secs(s: i64) -> rusqlite::Result<DateTime<Utc>> {
    Utc.timestamp_opt(s, 0).single().ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Integer,
            format!("bad timestamp {s}").into(),
        )
    })
}

/// Refuses a write made against an old version, naming who changed the row.
pub(crate) fn check_version(
    tx: &Connection,
    ctx: &WriteCtx,
    entity: &'static str,
    table: &str,
    id: i64,
    expected: i64,
) -> Result<()> {
    let current: Option<i64> = tx
        .query_row(
            &format!("SELECT version FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| {
            if e == rusqlite::Error::QueryReturnedNoRows {
                Ok(None)
            } else {
                Err(e)
            }
        })?;
    match current {
        None => Err(StoreError::NotFound { entity, id }),
        Some(v) if v == expected => Ok(()),
        Some(_) => {
            let (by, at): (String, i64) = tx.query_row(
                &format!("SELECT updated_by, updated_at FROM {table} WHERE id = ?1"),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let at = from_secs(at).map(|t| ctx.when(t)).unwrap_or_default();
            Err(StoreError::Stale { entity, id, by, at })
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod edit_tests;

#[cfg(test)]
mod access_tests;
#[cfg(test)]
mod slot_tests;
