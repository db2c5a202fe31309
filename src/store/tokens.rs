//! The API's tokens: a name, a role, the cleaner a cleaner's token stands
//! for, and a SHA-256 of the secret (the secret itself is shown once and
//! never kept). Made and revoked by an admin, journaled without the hash.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{EntryRefusal, Result, Store, StoreError, from_secs, journal, to_secs};
use crate::domain::{Permission, TokenRole};

/// A token to make: its secret already hashed.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub role: TokenRole,
    /// The cleaner of a cleaner's token (and only of one).
    pub staff_id: Option<i64>,
    /// SHA-256 of the secret.
    pub hash: [u8; 32],
}

/// A token as listed: everything but its hash.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenRecord {
    pub id: i64,
    pub name: String,
    #[serde(serialize_with = "role_name")]
    pub role: TokenRole,
    pub staff_id: Option<i64>,
    /// The cleaner's name, for a cleaner's token.
    pub staff: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub last_used: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

fn role_name<S: serde::Serializer>(r: &TokenRole, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(r.as_str())
}

/// The journal's view of a token: no hash.
#[derive(Serialize)]
struct Journaled<'a> {
    name: &'a str,
    role: &'a str,
    staff_id: Option<i64>,
    revoked: bool,
}

const COLUMNS: &str = "t.id, t.name, t.role, t.staff_id, s.name, t.created_at, t.created_by, \
                       t.last_used, t.revoked_at";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<TokenRecord> {
    let role: String = r.get(2)?;
    let role = TokenRole::parse(&role).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            2,
            rusqlite::types::Type::Text,
            format!("unknown token role {role:?}").into(),
        )
    })?;
    let when = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        r.get::<_, Option<i64>>(i)?.map(from_secs).transpose()
    };
    Ok(TokenRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        role,
        staff_id: r.get(3)?,
        staff: r.get(4)?,
        created_at: from_secs(r.get(5)?)?,
        created_by: r.get(6)?,
        last_used: when(7)?,
        revoked_at: when(8)?,
    })
}

/// How long a token's `last_used` may lag: one write a minute at most.
const LAST_USED_STEP_SECS: i64 = 60;

impl Store {
    /// Makes a token; its name must be new (a revoked one's too, so the
    /// list never mixes two tokens of one name). Needs the admin role.
    pub fn add_token(&mut self, new: &NewToken) -> Result<TokenRecord> {
        let name = new.name.trim().to_string();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(EntryRefusal::TokenNameMissing.into());
        }
        if (new.role == TokenRole::Cleaner) != new.staff_id.is_some() {
            return Err(EntryRefusal::TokenStaff.into());
        }
        let id = self.write(Permission::Tokens, |tx, ctx| {
            let taken: Option<i64> = tx
                .query_row("SELECT id FROM api_tokens WHERE name = ?1", [&name], |r| {
                    r.get(0)
                })
                .optional()?;
            if taken.is_some() {
                return Err(EntryRefusal::TokenNameTaken { name: name.clone() }.into());
            }
            if let Some(staff) = new.staff_id {
                super::rules::exists(
                    tx,
                    "cleaner",
                    "SELECT 1 FROM staff WHERE id = ?1 AND active = 1",
                    staff,
                )?;
            }
            tx.execute(
                "INSERT INTO api_tokens (name, role, staff_id, hash, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    name,
                    new.role.as_str(),
                    new.staff_id,
                    &new.hash[..],
                    to_secs(ctx.now),
                    ctx.actor
                ],
            )?;
            let id = tx.last_insert_rowid();
            let after = Journaled {
                name: &name,
                role: new.role.as_str(),
                staff_id: new.staff_id,
                revoked: false,
            };
            journal::record::<(), _>(tx, ctx, "token.add", "token", id, None, Some(&after))?;
            Ok(id)
        })?;
        self.token(id)
    }

    fn token(&self, id: i64) -> Result<TokenRecord> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM api_tokens t LEFT JOIN staff s ON s.id = t.staff_id
                     WHERE t.id = ?1"
                ),
                [id],
                from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "token",
                id,
            })
    }

    /// Every token, revoked ones too, by name.
    pub fn tokens(&self) -> Result<Vec<TokenRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM api_tokens t LEFT JOIN staff s ON s.id = t.staff_id
             ORDER BY t.name"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Revokes the token called `name`: from now on it is refused. Needs
    /// the admin role.
    pub fn revoke_token(&mut self, name: &str) -> Result<TokenRecord> {
        let name = name.trim().to_string();
        let id = self.write(Permission::Tokens, |tx, ctx| {
            let found: Option<(i64, String, Option<i64>, Option<i64>)> = tx
                .query_row(
                    "SELECT id, role, staff_id, revoked_at FROM api_tokens WHERE name = ?1",
                    [&name],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((id, role, staff_id, revoked)) = found else {
                return Err(EntryRefusal::NoSuchToken { name: name.clone() }.into());
            };
            if revoked.is_some() {
                return Err(EntryRefusal::TokenRevoked { name: name.clone() }.into());
            }
            tx.execute(
                "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1",
                params![id, to_secs(ctx.now)],
            )?;
            let at = |revoked| Journaled {
                name: &name,
                role: &role,
                staff_id,
                revoked,
            };
            journal::record(
                tx,
                ctx,
                "token.revoke",
                "token",
                id,
                Some(&at(false)),
                Some(&at(true)),
            )?;
            Ok(id)
        })?;
        self.token(id)
    }

    /// The tokens not revoked, with their hashes, for the API to compare a
    /// presented secret with (in constant time, in `engine::remote`).
    pub fn live_token_hashes(&self) -> Result<Vec<(Vec<u8>, TokenRecord)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS}, t.hash FROM api_tokens t LEFT JOIN staff s ON s.id = t.staff_id
             WHERE t.revoked_at IS NULL"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, Vec<u8>>(9)?, from_row(r)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Notes that a token was used at `at` (at most once a minute: it is
    /// bookkeeping, not a change, so it is not journaled).
    pub fn token_used(&self, id: i64, at: DateTime<Utc>) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE api_tokens SET last_used = ?2
                 WHERE id = ?1 AND (last_used IS NULL OR last_used <= ?2 - ?3)",
            )?
            .execute(params![id, to_secs(at), LAST_USED_STEP_SECS])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::{Access, Role, RoleSource};
    use crate::store::NewStaff;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("t.db"), "anna", Clock::System).unwrap();
        (dir, s)
    }

    fn token(name: &str, role: TokenRole, staff_id: Option<i64>, byte: u8) -> NewToken {
        NewToken {
            name: name.into(),
            role,
            staff_id,
            hash: [byte; 32],
        }
    }

    #[test]
    fn made_listed_used_and_revoked_journaled_without_the_hash() {
        let (_d, mut s) = store();
        let maja = s
            .add_staff(NewStaff {
                name: "Maja".into(),
                ..NewStaff::default()
            })
            .unwrap();
        s.add_token(&token("office", TokenRole::Dispatcher, None, 1))
            .unwrap();
        let t = s
            .add_token(&token("maja", TokenRole::Cleaner, Some(maja.id), 2))
            .unwrap();
        assert_eq!(t.staff.as_deref(), Some("Maja"));
        assert!(
            s.add_token(&token("maja", TokenRole::Viewer, None, 3))
                .is_err(),
            "a name is used once"
        );
        assert!(
            s.add_token(&token("x", TokenRole::Cleaner, None, 4))
                .is_err(),
            "a cleaner's token names the cleaner"
        );
        assert!(
            s.add_token(&token("y", TokenRole::Cleaner, Some(999), 5))
                .is_err(),
            "the cleaner exists"
        );
        assert_eq!(s.live_token_hashes().unwrap().len(), 2);
        s.token_used(t.id, s.now()).unwrap();
        assert!(s.tokens().unwrap()[0].last_used.is_some());
        s.revoke_token("maja").unwrap();
        assert!(s.revoke_token("maja").is_err());
        assert_eq!(s.live_token_hashes().unwrap().len(), 1);
        let listed = s.tokens().unwrap();
        assert!(listed.iter().any(|t| t.revoked_at.is_some()));
        let journal = s.journal(Some(("token", t.id)), 10).unwrap();
        assert_eq!(journal.len(), 2);
        assert!(
            journal
                .iter()
                .all(|e| !serde_json::to_string(e).unwrap().contains("hash"))
        );
    }

    #[test]
    fn only_an_admin_makes_tokens() {
        let (_d, s) = store();
        let mut s = s.with_access(Access {
            login: "bo".into(),
            role: Role::Dispatcher,
            source: RoleSource::NoRoles,
        });
        assert!(matches!(
            s.add_token(&token("t", TokenRole::Viewer, None, 1)),
            Err(StoreError::Refused(_))
        ));
    }
}
