//! The journal: who changed what, when, with the row before and after, written
//! in the same transaction as the change itself.

use chrono::{DateTime, Utc};
use rusqlite::{CachedStatement, Connection, params};
use serde::Serialize;

use super::{Result, Store, WriteCtx, from_secs};
use crate::domain::Booking;

pub(crate) mod json;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// The dispatcher's reason (override, cancellation); empty if none.
    pub reason: String,
    /// For an undo or redo: the entry it reverted.
    pub reverts: Option<i64>,
    /// Has this entry itself been undone (or its undo redone)?
    pub reverted: bool,
}

/// Reads a journal row selected with `ENTRY_COLUMNS`.
pub(crate) fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<JournalEntry> {
    let at: i64 = r.get(1)?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(JournalEntry {
        id: r.get(0)?,
        at: from_secs(at.div_euclid(1000))? + chrono::Duration::milliseconds(at.rem_euclid(1000)),
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        before: parse(r.get(6)?),
        after: parse(r.get(7)?),
        reason: r.get(8)?,
        reverts: r.get(9)?,
        reverted: r.get(10)?,
    })
}

pub(crate) const ENTRY_COLUMNS: &str =
    "id, at, actor, action, entity, entity_id, before, after, reason, reverts, reverted";

pub(crate) fn record<B: Serialize, A: Serialize>(
    tx: &Connection,
    ctx: &WriteCtx,
    action: &str,
    entity: &str,
    entity_id: i64,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<i64> {
    record_full(tx, ctx, action, entity, entity_id, before, after, "", None)
}

/// `record` with the dispatcher's reason (an override, a cancellation) and,
/// for an undo or redo, the entry it reverts.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record_full<B: Serialize, A: Serialize>(
    tx: &Connection,
    ctx: &WriteCtx,
    action: &str,
    entity: &str,
    entity_id: i64,
    before: Option<&B>,
    after: Option<&A>,
    reason: &str,
    reverts: Option<i64>,
) -> Result<i64> {
    let encode = |v: Option<&dyn erased::Json>| v.map(erased::Json::encode).transpose();
    let before = encode(before.map(|b| b as &dyn erased::Json))?;
    let after = encode(after.map(|a| a as &dyn erased::Json))?;
    record_encoded(
        tx,
        ctx,
        action,
        entity,
        entity_id,
        before.as_deref(),
        after.as_deref(),
        reason,
        reverts,
    )
}

/// [`record_full`] with the row before and after already written as JSON
/// (for a caller that writes it faster than serde's generic way).
#[allow(clippy::too_many_arguments)]
pub(crate) fn record_encoded(
    tx: &Connection,
    ctx: &WriteCtx,
    action: &str,
    entity: &str,
    entity_id: i64,
    before: Option<&str>,
    after: Option<&str>,
    reason: &str,
    reverts: Option<i64>,
) -> Result<i64> {
    Entries::new(tx)?.record(
        tx,
        ctx,
        action,
        entity,
        entity_id,
        (before, after),
        reason,
        reverts,
    )
}

/// The journal's insert prepared once for a run of entries (a series
/// making a quarter's visits): the statement cache is not asked for each.
/// What a run's entries share (when, who, the action, the reason) stays
/// bound from one entry to the next and is bound again only when it
/// changes; SQLite keeps a statement's values until they are replaced.
pub(crate) struct Entries<'c> {
    stmt: CachedStatement<'c>,
    shared: Option<Shared>,
}

/// The values of `?1`–`?4`, `?8` and `?9` bound last.
struct Shared {
    at: i64,
    actor: String,
    action: String,
    entity: String,
    reason: String,
    reverts: Option<i64>,
}

impl<'c> Entries<'c> {
    pub fn new(tx: &'c Connection) -> Result<Entries<'c>> {
        Ok(Entries {
            stmt: tx.prepare_cached(
                "INSERT INTO journal (at, actor, action, entity, entity_id, before, after, reason,
                   reverts)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            shared: None,
        })
    }

    /// Journals one change, as [`record_encoded`] does; the row before and
    /// after already written as JSON.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        tx: &Connection,
        ctx: &WriteCtx,
        action: &str,
        entity: &str,
        entity_id: i64,
        (before, after): (Option<&str>, Option<&str>),
        reason: &str,
        reverts: Option<i64>,
    ) -> Result<i64> {
        let at = ctx.now.timestamp_millis();
        let same = self.shared.as_ref().is_some_and(|s| {
            s.at == at
                && s.actor == ctx.actor
                && s.action == action
                && s.entity == entity
                && s.reason == reason
                && s.reverts == reverts
        });
        if !same {
            // Cleared first: if a value cannot be bound, none of the last
            // entry's is taken for kept.
            self.shared = None;
            let stmt = &mut self.stmt;
            stmt.raw_bind_parameter(1, at)?;
            stmt.raw_bind_parameter(2, &ctx.actor)?;
            stmt.raw_bind_parameter(3, action)?;
            stmt.raw_bind_parameter(4, entity)?;
            stmt.raw_bind_parameter(8, reason)?;
            stmt.raw_bind_parameter(9, reverts)?;
            self.shared = Some(Shared {
                at,
                actor: ctx.actor.clone(),
                action: action.to_string(),
                entity: entity.to_string(),
                reason: reason.to_string(),
                reverts,
            });
        }
        self.stmt.raw_bind_parameter(5, entity_id)?;
        self.stmt.raw_bind_parameter(6, before)?;
        self.stmt.raw_bind_parameter(7, after)?;
        self.stmt.raw_execute()?;
        let id = tx.last_insert_rowid();
        if ctx.google_outbox {
            let kind = match entity {
                "booking" => Some(super::GOOGLE_BOOKING),
                "series" => Some(super::outbox::GOOGLE_SERIES),
                _ => None,
            };
            if let Some(kind) = kind {
                super::outbox::enqueue(tx, ctx, kind, &entity_id.to_string(), "")?;
            }
        }
        Ok(id)
    }
}

/// A booking's JSON for the journal: written by hand ([`json::booking`]),
/// or by serde for what that does not write.
pub(crate) fn booking_json(b: &Booking) -> Result<String> {
    match json::booking(b) {
        Some(out) => Ok(out),
        None => serde_json::to_string(b).map_err(|e| super::StoreError::Corrupt(e.to_string())),
    }
}

/// The journal's action for a change refused for the role.
pub const REFUSED: &str = "access.refused";

/// Journals a change refused for the role: who, as what, what it needed,
/// and the sentence they were told.
pub(crate) fn record_refusal(
    tx: &Connection,
    ctx: &WriteCtx,
    refusal: &crate::domain::Refusal,
) -> Result<i64> {
    let what = serde_json::json!({
        "login": refusal.login,
        "role": refusal.role.as_str(),
        "change": refusal.need.as_str(),
        "needs": refusal.need.needs().as_str(),
    });
    record_full::<(), _>(
        tx,
        ctx,
        REFUSED,
        "access",
        0,
        None,
        Some(&what),
        &refusal.to_string(),
        None,
    )
}

impl Store {
    /// The newest `limit` entries, newest first, optionally for one entity
    /// (a booking's include its invoice and alerts).
    pub fn journal(&self, entity: Option<(&str, i64)>, limit: usize) -> Result<Vec<JournalEntry>> {
        let (kind, id) = entity.map_or((None, None), |(k, i)| (Some(k.to_string()), Some(i)));
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM journal
             WHERE (?1 IS NULL OR ((entity = ?1 OR (?1 = 'booking' AND entity IN ('invoice', 'alert')))
                                   AND entity_id = ?2))
             ORDER BY id DESC LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![kind, id, limit as i64], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

mod erased {
    use super::super::StoreError;

    /// Lets `record` encode two different `Serialize` types with one closure.
    pub trait Json {
        fn encode(&self) -> Result<String, StoreError>;
    }

    impl<T: serde::Serialize> Json for T {
        fn encode(&self) -> Result<String, StoreError> {
            serde_json::to_string(self).map_err(|e| StoreError::Corrupt(e.to_string()))
        }
    }
}
