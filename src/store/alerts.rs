//! Phone alerts (calls and SMS): written with their outbox entry before
//! Twilio hears of them. Automatic ones are unique per booking, kind and
//! threshold, so however many consoles notice the same overrun, and however
//! often they restart, one alert exists.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::{Result, Store, StoreError, from_secs, journal, outbox, to_secs};
use crate::domain::Permission;
use crate::domain::alert::{AlertKind, Priority};

/// Twilio must place alert `key` (its id).
pub const TWILIO_ALERT: &str = "twilio.alert";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Channel {
    Voice,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AlertState {
    /// Waiting for Twilio (or for a retry).
    Pending,
    /// Twilio accepted it.
    Sent,
    /// Twilio refused it for good (a bad number): the dispatcher must act.
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAlert {
    pub booking_id: i64,
    pub kind: AlertKind,
    /// What makes an automatic alert unique for its booking and kind.
    pub threshold: String,
    pub channel: Channel,
    /// E.164.
    pub to: String,
    pub message: String,
    pub priority: Priority,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertRecord {
    pub id: i64,
    pub booking_id: i64,
    pub kind: AlertKind,
    pub threshold: String,
    pub channel: Channel,
    pub to: String,
    pub message: String,
    pub priority: Priority,
    pub state: AlertState,
    /// Twilio's call or message sid, once accepted.
    pub sid: Option<String>,
    /// Twilio's status of the call or message ("queued", "completed", …).
    pub status: String,
    /// Why the last attempt failed; empty when it did not.
    pub error: String,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub sent_at: Option<DateTime<Utc>>,
    /// When it was first sent in a way that may have reached Twilio (by the
    /// real clock): before sending it again, look for it at Twilio.
    pub tried_at: Option<DateTime<Utc>>,
}

/// How an alert ended up, as the dispatcher needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Not placed yet (waiting, or retrying).
    Pending,
    /// Twilio refused it for good.
    Refused,
    /// Placed; Twilio has not said how it ended yet.
    UnderWay,
    /// The call was answered, the message delivered.
    Reached,
    /// The call went unanswered (busy, failed, no-answer, canceled); the
    /// message was not delivered (undelivered, failed, canceled). Not
    /// retried on its own: the dispatcher decides (a call again with `V`).
    NotReached,
}

/// Twilio's statuses of a call or message that did not reach anyone.
const NOT_REACHED: [&str; 5] = ["busy", "failed", "no-answer", "canceled", "undelivered"];
/// Twilio's statuses of a call answered or a message delivered.
const REACHED: [&str; 3] = ["completed", "delivered", "read"];

impl AlertRecord {
    pub fn outcome(&self) -> Outcome {
        match self.state {
            AlertState::Pending => Outcome::Pending,
            AlertState::Failed => Outcome::Refused,
            AlertState::Sent if NOT_REACHED.contains(&self.status.as_str()) => Outcome::NotReached,
            AlertState::Sent if REACHED.contains(&self.status.as_str()) => Outcome::Reached,
            AlertState::Sent => Outcome::UnderWay,
        }
    }

    /// Twilio has said its last word on it (or it never got there).
    pub fn is_settled(&self) -> bool {
        !matches!(self.outcome(), Outcome::Pending | Outcome::UnderWay)
    }
}

const COLUMNS: &str = "id, booking_id, kind, threshold, channel, to_number, message, priority, \
     state, sid, status, error, attempts, created_at, created_by, sent_at, tried_at";

fn bad(i: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        format!("bad {what}").into(),
    )
}

fn from_row(r: &Row) -> rusqlite::Result<AlertRecord> {
    let kind: String = r.get(2)?;
    let channel: String = r.get(4)?;
    let priority: String = r.get(7)?;
    let state: String = r.get(8)?;
    Ok(AlertRecord {
        id: r.get(0)?,
        booking_id: r.get(1)?,
        kind: kind.parse().map_err(|_| bad(2, "alert kind"))?,
        threshold: r.get(3)?,
        channel: channel.parse().map_err(|_| bad(4, "channel"))?,
        to: r.get(5)?,
        message: r.get(6)?,
        priority: priority.parse().map_err(|_| bad(7, "priority"))?,
        state: state.parse().map_err(|_| bad(8, "alert state"))?,
        sid: r.get(9)?,
        status: r.get(10)?,
        error: r.get(11)?,
        attempts: r.get(12)?,
        created_at: from_secs(r.get(13)?)?,
        created_by: r.get(14)?,
        sent_at: r.get::<_, Option<i64>>(15)?.map(from_secs).transpose()?,
        tried_at: r.get::<_, Option<i64>>(16)?.map(from_secs).transpose()?,
    })
}

fn get_in(tx: &Connection, id: i64) -> Result<AlertRecord> {
    tx.prepare_cached(&format!("SELECT {COLUMNS} FROM alerts WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "alert",
            id,
        })
}

fn journal_view(a: &AlertRecord) -> serde_json::Value {
    serde_json::json!({
        "alert": a.id,
        "kind": a.kind.as_str(),
        "channel": a.channel.as_str(),
        "to": a.to,
        "state": a.state,
        "sid": a.sid,
        "status": a.status,
        "error": a.error,
    })
}

impl Store {
    /// Records an alert and its outbox entry. An automatic alert that
    /// already exists (same booking, kind and threshold) is not raised
    /// again: `None`.
    pub fn raise_alert(&mut self, new: &NewAlert) -> Result<Option<AlertRecord>> {
        self.write(Permission::Alerts, |tx, ctx| {
            let n = tx
                .prepare_cached(
                    "INSERT INTO alerts (booking_id, kind, threshold, channel, to_number, message,
                       priority, created_at, created_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                     ON CONFLICT DO NOTHING",
                )?
                .execute(params![
                    new.booking_id,
                    new.kind.as_str(),
                    new.threshold,
                    new.channel.as_str(),
                    new.to,
                    new.message,
                    new.priority.as_str(),
                    to_secs(ctx.now),
                    ctx.actor,
                ])?;
            if n == 0 {
                return Ok(None);
            }
            let rec = get_in(tx, tx.last_insert_rowid())?;
            journal::record::<(), _>(
                tx,
                ctx,
                "alert.raise",
                "alert",
                rec.booking_id,
                None,
                Some(&journal_view(&rec)),
            )?;
            outbox::enqueue(tx, ctx, TWILIO_ALERT, &rec.id.to_string(), "")?;
            Ok(Some(rec))
        })
    }

    /// Has this automatic alert been raised already?
    pub fn alert_raised(&self, booking_id: i64, kind: AlertKind, threshold: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT 1 FROM alerts WHERE booking_id = ?1 AND kind = ?2 AND threshold = ?3",
            )?
            .query_row(params![booking_id, kind.as_str(), threshold], |_| Ok(()))
            .optional()?
            .is_some())
    }

    pub fn alert(&self, id: i64) -> Result<AlertRecord> {
        get_in(self.conn(), id)
    }

    /// The newest `limit` alerts, newest first.
    pub fn alerts(&self, limit: usize) -> Result<Vec<AlertRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM alerts ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit as i64], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest alert of each of `bookings` that has one.
    pub fn latest_alerts(
        &self,
        bookings: impl IntoIterator<Item = i64>,
    ) -> Result<HashMap<i64, AlertRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM alerts WHERE booking_id = ?1 ORDER BY id DESC LIMIT 1"
        ))?;
        let mut out = HashMap::new();
        for id in bookings {
            if let Some(a) = stmt.query_row([id], from_row).optional()? {
                out.insert(id, a);
            }
        }
        Ok(out)
    }

    /// Twilio accepted the alert.
    pub fn alert_sent(&mut self, id: i64, sid: &str, status: &str) -> Result<AlertRecord> {
        self.placed(id, sid, status, "alert.sent", 1)
    }

    /// An earlier attempt whose answer was lost did place it: the call or
    /// message found at Twilio is this alert's.
    pub fn alert_found(&mut self, id: i64, sid: &str, status: &str) -> Result<AlertRecord> {
        self.placed(id, sid, status, "alert.found", 0)
    }

    fn placed(
        &mut self,
        id: i64,
        sid: &str,
        status: &str,
        action: &str,
        attempt: i64,
    ) -> Result<AlertRecord> {
        self.write(Permission::Alerts, |tx, ctx| {
            tx.execute(
                "UPDATE alerts SET state = 'sent', sid = ?2, status = ?3, error = '',
                   attempts = attempts + ?5, sent_at = ?4 WHERE id = ?1",
                params![id, sid, status, to_secs(ctx.now), attempt],
            )?;
            let rec = get_in(tx, id)?;
            journal::record::<(), _>(
                tx,
                ctx,
                action,
                "alert",
                rec.booking_id,
                None,
                Some(&journal_view(&rec)),
            )?;
            Ok(rec)
        })
    }

    /// About to send alert `id` to Twilio at `at` (the real clock): noted
    /// first (kept from the first time), so that whoever sends it next
    /// looks for it at Twilio before sending it again.
    ///
    /// `false`, and nothing noted, while another alert of the same channel
    /// to the same number is in doubt (sent, answer not known): Twilio's
    /// lists tell calls apart only by number and time, so one alert in
    /// doubt per number keeps a call found from being taken for another
    /// alert's.
    pub fn alert_trying(&mut self, id: i64, at: DateTime<Utc>) -> Result<bool> {
        self.write(Permission::Alerts, |tx, _| {
            let n = tx.execute(
                "UPDATE alerts SET tried_at = COALESCE(tried_at, ?2)
                 WHERE id = ?1 AND state = 'pending'
                   AND NOT EXISTS (
                     SELECT 1 FROM alerts o
                     WHERE o.to_number = alerts.to_number AND o.channel = alerts.channel
                       AND o.id <> alerts.id AND o.state = 'pending'
                       AND o.tried_at IS NOT NULL)",
                params![id, to_secs(at)],
            )?;
            Ok(n == 1)
        })
    }

    /// Does an alert already own this call or message?
    pub fn alert_sid_known(&self, sid: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM alerts WHERE sid = ?1")?
            .query_row([sid], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Placed alerts (since `since`) whose end Twilio has not told yet.
    pub fn alerts_under_way(&self, since: DateTime<Utc>) -> Result<Vec<AlertRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM alerts WHERE state = 'sent' AND sent_at >= ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([to_secs(since)], from_row)?;
        let all: Vec<AlertRecord> = rows.collect::<rusqlite::Result<_>>()?;
        Ok(all.into_iter().filter(|a| !a.is_settled()).collect())
    }

    /// Twilio's newer status of a placed call or message, and the error it
    /// names (a message not delivered). An end that reached no one is
    /// journaled: the dispatcher must hear of it.
    pub fn alert_progress(&mut self, id: i64, status: &str, error: &str) -> Result<AlertRecord> {
        self.write(Permission::Alerts, |tx, ctx| {
            tx.execute(
                "UPDATE alerts SET status = ?2, error = ?3 WHERE id = ?1",
                params![id, status, error],
            )?;
            let rec = get_in(tx, id)?;
            if rec.outcome() == Outcome::NotReached {
                journal::record::<(), _>(
                    tx,
                    ctx,
                    "alert.not_reached",
                    "alert",
                    rec.booking_id,
                    None,
                    Some(&journal_view(&rec)),
                )?;
            }
            Ok(rec)
        })
    }

    /// This attempt failed; the outbox tries again.
    pub fn alert_attempt_failed(&mut self, id: i64, error: &str) -> Result<()> {
        self.allow(Permission::Alerts)?;
        self.conn().execute(
            "UPDATE alerts SET attempts = attempts + 1, error = ?2 WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    /// Twilio refused the alert for good (a bad number).
    pub fn alert_failed(&mut self, id: i64, error: &str) -> Result<AlertRecord> {
        self.write(Permission::Alerts, |tx, ctx| {
            tx.execute(
                "UPDATE alerts SET state = 'failed', attempts = attempts + 1, error = ?2
                 WHERE id = ?1",
                params![id, error],
            )?;
            let rec = get_in(tx, id)?;
            journal::record::<(), _>(
                tx,
                ctx,
                "alert.failed",
                "alert",
                rec.booking_id,
                None,
                Some(&journal_view(&rec)),
            )?;
            Ok(rec)
        })
    }
}
