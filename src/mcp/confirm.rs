//! The two steps of every write: a dry run that writes nothing and hands
//! out a confirmation, then the confirmed call that writes. The
//! confirmation is bound to the login, the tool, the exact arguments and
//! what the dry run saw (a booking's version, the change an undo would take
//! back); it lasts [`CONFIRM_MINUTES`] and is used once. An idempotency
//! key makes a repeated confirmed call return the first call's result and
//! write nothing.

use ring::digest::{SHA256, digest};
use ring::rand::{SecureRandom, SystemRandom};
use serde::Serialize;
use serde_json::Value;

use super::session::{Outcome, Session, ToolError};
use crate::engine::remote::Desk;
use crate::store::{CONFIRM_MINUTES, Receipt, Unconfirmed};

/// The two fields every write tool takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confirmation<'a> {
    /// The token of the dry run; without it the call is a dry run.
    pub confirm: Option<&'a str>,
    /// Makes a repeat of the confirmed call harmless.
    pub idempotency_key: Option<&'a str>,
}

/// The arguments of a write tool: they carry the two fields.
pub trait WriteArgs {
    fn confirm(&self) -> Option<&str>;
    fn idempotency_key(&self) -> Option<&str>;
}

/// The two fields of a write tool's arguments.
pub fn step<A: WriteArgs>(a: &A) -> Confirmation<'_> {
    Confirmation {
        confirm: a.confirm(),
        idempotency_key: a.idempotency_key(),
    }
}

/// Implements [`WriteArgs`] for argument types with `confirm` and
/// `idempotency_key` fields.
macro_rules! write_args {
    ($($t:ty),*) => {$(
        impl $crate::mcp::confirm::WriteArgs for $t {
            fn confirm(&self) -> Option<&str> {
                self.confirm.as_deref()
            }
            fn idempotency_key(&self) -> Option<&str> {
                self.idempotency_key.as_deref()
            }
        }
    )*};
}
pub(crate) use write_args;

/// What a dry run answers: what would happen, and how to make it happen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DryRun<P> {
    /// Always true: nothing was written.
    pub dry_run: bool,
    pub would: P,
    /// Pass this as `confirm`, with the same arguments, to make the change.
    pub confirm: String,
    pub expires_at: String,
    pub next: String,
}

/// What a confirmed call answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Done<W> {
    pub done: bool,
    /// True when this is a repeat under an idempotency key: nothing was
    /// written now, the result is the first call's.
    pub repeated: bool,
    pub result: W,
}

/// A hex SHA-256 of the tool's name, its arguments and what they are bound to.
fn fingerprint(tool: &str, args: &Value, bound: &str) -> String {
    let text = format!("{tool}\n{args}\n{bound}");
    digest(&SHA256, text.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new random token.
fn token() -> Outcome<String> {
    let mut bytes = [0u8; 18];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| ToolError("no randomness for a confirmation token".into()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Why a confirmation was refused, in a sentence.
fn refusal(tool: &str, why: Unconfirmed, desk: &Session) -> ToolError {
    let again = format!(
        "call {tool} again without confirm to see what it would do and get a new confirmation"
    );
    ToolError(match why {
        Unconfirmed::Unknown => {
            format!("That confirmation is not one this desk handed out for you; {again}.")
        }
        Unconfirmed::Used => format!("That confirmation was used already; {again}."),
        Unconfirmed::Expired(at) => format!(
            "That confirmation expired at {} (a confirmation lasts {CONFIRM_MINUTES} minutes); \
             {again}.",
            desk.settings.tz.hm(at)
        ),
        Unconfirmed::Other => format!(
            "That confirmation was given for other arguments, or what it was shown has changed \
             since; {again}."
        ),
    })
}

/// The first call's answer when `key` was used before for this very call
/// (nothing is written then); a refusal when it was used for another one.
/// Every write tool asks this first, before it looks at the booking again.
///
/// A confirmation that is unknown, used or expired is refused here too,
/// before the tool looks at the business again (what it was given for is
/// checked once the tool knows what it is bound to).
pub fn repeated<A: Serialize>(
    desk: &Session,
    tool: &str,
    args: &A,
    step: &Confirmation,
) -> Outcome<Option<Value>> {
    let past = match step.idempotency_key {
        Some(key) => desk.store.past_write(key)?.map(|p| (key, p)),
        None => None,
    };
    let Some((key, past)) = past else {
        if let Some(token) = step.confirm {
            match desk.store.check_confirmation(token, tool, "")? {
                Ok(()) | Err(Unconfirmed::Other) => {}
                Err(why) => return Err(refusal(tool, why, desk)),
            }
        }
        return Ok(None);
    };
    let args = serde_json::to_value(args).map_err(|e| ToolError(e.to_string()))?;
    if past.tool != tool || past.digest != fingerprint(tool, &args, "") {
        return Err(ToolError(format!(
            "The idempotency key {key:?} was used for another call ({} at {}); use a new key \
             for a new change.",
            past.tool,
            desk.local(past.at)
        )));
    }
    let result = match past.result {
        Some(r) => r,
        None => serde_json::json!({
            "journal_entries": { "first": past.journal.0, "last": past.journal.1 }
        }),
    };
    to_value(&Done {
        done: true,
        repeated: true,
        result,
    })
    .map(Some)
}

/// The two steps of the write tool `tool` with arguments `args`
/// (without `confirm` and the key), bound as well to `bound` (what the dry
/// run saw). Without a confirmation `preview` is what would happen and
/// nothing is written; with one, `write` makes the change at the remote
/// layer's desk, in the transaction that keeps the receipt.
pub fn two_step<A, P, W>(
    desk: &mut Session,
    tool: &str,
    args: &A,
    bound: &str,
    step: Confirmation,
    preview: P,
    write: impl FnOnce(&mut Desk) -> Outcome<W>,
) -> Outcome<Value>
where
    A: Serialize,
    P: Serialize,
    W: Serialize,
{
    let args = serde_json::to_value(args).map_err(|e| ToolError(e.to_string()))?;
    let call = fingerprint(tool, &args, "");
    let seen = fingerprint(tool, &args, bound);
    let Some(confirm) = step.confirm else {
        let would = preview;
        let token = token()?;
        let expires = desk.store.issue_confirmation(&token, tool, &seen)?;
        return to_value(&DryRun {
            dry_run: true,
            would,
            next: format!(
                "Nothing was written. To make this change, call {tool} again with the same \
                 arguments and confirm set to this token (within {CONFIRM_MINUTES} minutes)."
            ),
            confirm: token,
            expires_at: desk.local(expires),
        });
    };
    if let Err(why) = desk.store.check_confirmation(confirm, tool, &seen)? {
        return Err(refusal(tool, why, desk));
    }
    let receipt = Receipt {
        token: confirm.to_string(),
        tool: tool.to_string(),
        digest: call,
        key: step.idempotency_key.map(str::to_string),
    };
    let Session {
        store,
        settings,
        caller,
    } = desk;
    let result = store.confirmed(receipt, |s| write(&mut Desk::new(s, settings, caller)))?;
    let result = serde_json::to_value(&result).map_err(|e| ToolError(e.to_string()))?;
    if let Some(key) = step.idempotency_key
        && let Err(e) = desk.store.keep_result(key, &result)
    {
        // The receipt is kept with the change: a repeat still writes
        // nothing, it answers with the journal entries instead.
        tracing::warn!(error = %e, "the result of a confirmed call was not kept");
    }
    to_value(&Done {
        done: true,
        repeated: false,
        result,
    })
}

fn to_value<T: Serialize>(v: &T) -> Outcome<Value> {
    serde_json::to_value(v).map_err(|e| ToolError(e.to_string()))
}
