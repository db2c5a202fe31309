//! What the assistants' two-step writes keep (`renos mcp`): the
//! confirmations handed out by a dry run, and the receipts of confirmed
//! writes under an idempotency key.
//!
//! A confirmation is bound to one login, one tool and the digest of its
//! exact arguments, and lasts [`CONFIRM_MINUTES`]. A confirmed write takes
//! its confirmation (and writes its receipt) inside the write's own
//! transaction, so a token is used at most once and a kill can never leave
//! a change without its receipt, nor a receipt without its change.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, StoreError, WriteCtx, from_secs, to_secs};

/// How long a dry run's confirmation can be used.
pub const CONFIRM_MINUTES: i64 = 5;

/// A confirmed write about to be made: the confirmation it uses and, with
/// an idempotency key, the receipt it leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub token: String,
    pub tool: String,
    pub digest: String,
    pub key: Option<String>,
}

/// A confirmed write made earlier under the same idempotency key.
#[derive(Debug, Clone, PartialEq)]
pub struct PastWrite {
    pub tool: String,
    pub digest: String,
    pub at: DateTime<Utc>,
    /// What the write answered (JSON), once it was kept.
    pub result: Option<serde_json::Value>,
    /// The journal entries the write made, first and last.
    pub journal: (i64, i64),
}

/// Why a confirmation cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unconfirmed {
    /// Not one handed out to this login (or mistyped).
    Unknown,
    /// Used by an earlier confirmed call.
    Used,
    /// Past its time.
    Expired(DateTime<Utc>),
    /// Given for another tool, other arguments, or a row that has changed since.
    Other,
}

impl Store {
    /// Keeps a new confirmation for `tool` with arguments of `digest`; the
    /// expired ones go.
    pub fn issue_confirmation(
        &mut self,
        token: &str,
        tool: &str,
        digest: &str,
    ) -> Result<DateTime<Utc>> {
        let now = self.now();
        let expires = now + Duration::minutes(CONFIRM_MINUTES);
        let actor = self.actor().to_string();
        self.transact(|tx, _| {
            tx.execute(
                "DELETE FROM assistant_confirmations WHERE expires_at < ?1",
                [to_secs(now)],
            )?;
            tx.execute(
                "INSERT INTO assistant_confirmations (token, actor, tool, digest, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![token, actor, tool, digest, to_secs(expires)],
            )?;
            Ok(())
        })?;
        Ok(expires)
    }

    /// Can `token` confirm `tool` with arguments of `digest` now?
    pub fn check_confirmation(
        &self,
        token: &str,
        tool: &str,
        digest: &str,
    ) -> Result<std::result::Result<(), Unconfirmed>> {
        let row: Option<(String, String, i64, Option<i64>)> = self
            .conn()
            .query_row(
                "SELECT tool, digest, expires_at, used_at FROM assistant_confirmations
                 WHERE token = ?1 AND actor = ?2",
                params![token, self.actor()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((t, d, expires, used)) = row else {
            return Ok(Err(Unconfirmed::Unknown));
        };
        let expires = from_secs(expires)?;
        Ok(if used.is_some() {
            Err(Unconfirmed::Used)
        } else if expires <= self.now() {
            Err(Unconfirmed::Expired(expires))
        } else if t != tool || d != digest {
            Err(Unconfirmed::Other)
        } else {
            Ok(())
        })
    }

    /// The write made earlier by this login under idempotency `key`.
    pub fn past_write(&self, key: &str) -> Result<Option<PastWrite>> {
        let row = self
            .conn()
            .query_row(
                "SELECT tool, digest, at, result, journal_from, journal_to
                 FROM assistant_receipts WHERE actor = ?1 AND key = ?2",
                params![self.actor(), key],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, i64>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((tool, digest, at, result, from, to)) = row else {
            return Ok(None);
        };
        let result = match result {
            Some(text) => Some(
                serde_json::from_str(&text)
                    .map_err(|e| StoreError::Corrupt(format!("receipt {key:?}: {e}")))?,
            ),
            None => None,
        };
        Ok(Some(PastWrite {
            tool,
            digest,
            at: from_secs(at)?,
            result,
            journal: (from, to),
        }))
    }

    /// Runs `write` as the confirmed write of `receipt`: its first write
    /// transaction also takes the confirmation and keeps the receipt (see
    /// [`seal`]). Nothing is kept when `write` fails.
    pub fn confirmed<T, E: From<StoreError>>(
        &mut self,
        receipt: Receipt,
        write: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.receipt = Some(receipt);
        let out = write(self);
        let unsealed = self.receipt.take();
        match out {
            // The assistants' tools answer in fixed English words (as the
            // API does), so their refusals stay English.
            Ok(_) if unsealed.is_some() => {
                Err(StoreError::Invalid("the confirmed call changed nothing".into()).into())
            }
            out => out,
        }
    }

    /// Keeps what a confirmed write answered with its receipt (after the
    /// write's commit; until then a repeat finds the journal entries only).
    pub fn keep_result(&mut self, key: &str, result: &serde_json::Value) -> Result<()> {
        let actor = self.actor().to_string();
        let text = result.to_string();
        self.transact(|tx, _| {
            tx.execute(
                "UPDATE assistant_receipts SET result = ?1 WHERE actor = ?2 AND key = ?3",
                params![text, actor, key],
            )?;
            Ok(())
        })
    }
}

/// Inside a write transaction, before its commit: takes the confirmation
/// (refused when another call took it first) and keeps the receipt, naming
/// the journal entries the write made.
pub(super) fn seal(tx: &Connection, ctx: &WriteCtx, r: &Receipt, journal_from: i64) -> Result<()> {
    let taken = tx.execute(
        "UPDATE assistant_confirmations SET used_at = ?1
         WHERE token = ?2 AND actor = ?3 AND used_at IS NULL AND expires_at > ?1",
        params![to_secs(ctx.now), r.token, ctx.actor],
    )?;
    if taken != 1 {
        return Err(StoreError::Invalid(
            "this confirmation was used or has expired meanwhile; run the call again without \
             confirm"
                .into(),
        ));
    }
    if let Some(key) = &r.key {
        let journal_to = last_journal_id(tx)?;
        tx.execute(
            "INSERT INTO assistant_receipts
               (actor, key, tool, digest, at, journal_from, journal_to)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                ctx.actor,
                key,
                r.tool,
                r.digest,
                to_secs(ctx.now),
                journal_from + 1,
                journal_to
            ],
        )?;
    }
    Ok(())
}

/// The newest journal entry's id (0 when there is none).
pub(super) fn last_journal_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM journal", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests;
