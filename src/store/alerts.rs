//! Phone alerts (calls and SMS): written with their outbox entry before
//! Twilio hears of them. Automatic ones are unique per booking, kind and
//! threshold, so however many consoles notice the same overrun, and however
//! often they restart, one alert exists.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::{Result, Store, StoreError, from_secs, journal, outbox, to_secs};
use crate::domain::alert::{AlertKind, Priority};

/// Twilio must place alert `key` (its id).
pub const TWILIO_ALERT: &str = "twilio.alert";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Voice,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Voice => "voice",
            Channel::Sms => "sms",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
}

impl AlertRecord {
    /// "call to +4512345678: queued (CA…)" and the like, for the console.
    pub fn describe(&self) -> String {
        let what = match self.channel {
            Channel::Voice => "call",
            Channel::Sms => "SMS",
        };
        match self.state {
            AlertState::Pending if self.error.is_empty() => {
                format!("{what} to {}: waiting to be placed", self.to)
            }
            AlertState::Pending => format!("{what} to {}: retrying ({})", self.to, self.error),
            AlertState::Sent => format!(
                "{what} to {}: {} ({})",
                self.to,
                if self.status.is_empty() {
                    "sent"
                } else {
                    &self.status
                },
                self.sid.as_deref().unwrap_or("")
            ),
            AlertState::Failed => format!("{what} to {} refused: {}", self.to, self.error),
        }
    }
}

const COLUMNS: &str = "id, booking_id, kind, threshold, channel, to_number, message, priority, \
     state, sid, status, error, attempts, created_at, created_by, sent_at";

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
        kind: AlertKind::parse(&kind).ok_or_else(|| bad(2, "alert kind"))?,
        threshold: r.get(3)?,
        channel: match channel.as_str() {
            "voice" => Channel::Voice,
            "sms" => Channel::Sms,
            _ => return Err(bad(4, "channel")),
        },
        to: r.get(5)?,
        message: r.get(6)?,
        priority: match priority.as_str() {
            "critical" => Priority::Critical,
            _ => Priority::High,
        },
        state: match state.as_str() {
            "pending" => AlertState::Pending,
            "sent" => AlertState::Sent,
            "failed" => AlertState::Failed,
            _ => return Err(bad(8, "alert state")),
        },
        sid: r.get(9)?,
        status: r.get(10)?,
        error: r.get(11)?,
        attempts: r.get(12)?,
        created_at: from_secs(r.get(13)?)?,
        created_by: r.get(14)?,
        sent_at: r.get::<_, Option<i64>>(15)?.map(from_secs).transpose()?,
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
        self.write(|tx, ctx| {
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
        self.write(|tx, ctx| {
            tx.execute(
                "UPDATE alerts SET state = 'sent', sid = ?2, status = ?3, error = '',
                   attempts = attempts + 1, sent_at = ?4 WHERE id = ?1",
                params![id, sid, status, to_secs(ctx.now)],
            )?;
            let rec = get_in(tx, id)?;
            journal::record::<(), _>(
                tx,
                ctx,
                "alert.sent",
                "alert",
                rec.booking_id,
                None,
                Some(&journal_view(&rec)),
            )?;
            Ok(rec)
        })
    }

    /// Twilio's newer status of a placed call.
    pub fn alert_status(&mut self, id: i64, status: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE alerts SET status = ?2 WHERE id = ?1",
            params![id, status],
        )?;
        Ok(())
    }

    /// This attempt failed; the outbox tries again.
    pub fn alert_attempt_failed(&mut self, id: i64, error: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE alerts SET attempts = attempts + 1, error = ?2 WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    /// Twilio refused the alert for good (a bad number).
    pub fn alert_failed(&mut self, id: i64, error: &str) -> Result<AlertRecord> {
        self.write(|tx, ctx| {
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
