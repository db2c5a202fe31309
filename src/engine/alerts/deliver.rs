//! The outbox of alerts, delivered to Twilio. Twilio has no idempotency key,
//! so a call is recorded as placed the moment Twilio's answer arrives; only
//! a crash in between (or a lost answer) can place it twice.

use anyhow::Result;

use crate::engine::delivery::{CLAIM, Delivered, capitalized, retry_at};
use crate::providers::twilio::{TwilioClient, TwilioError, say_twiml};
use crate::store::{AlertState, Channel, OutboxItem, Store, TWILIO_ALERT};

/// Places the due alerts (or only alert `only`, at once).
pub async fn deliver(
    store: &mut Store,
    client: &TwilioClient,
    only: Option<i64>,
) -> Result<Delivered> {
    let now = store.now();
    let items: Vec<OutboxItem> = match only {
        Some(id) => store
            .outbox_entry(TWILIO_ALERT, &id.to_string())?
            .filter(|i| !i.failed)
            .into_iter()
            .collect(),
        None => store.outbox_due(TWILIO_ALERT, now, 100)?,
    };
    let mut out = Delivered::default();
    for item in items {
        let Ok(alert_id) = item.key.parse::<i64>() else {
            store.outbox_fail(&item, "not an alert id")?;
            continue;
        };
        if !store.outbox_claim(&item, now + CLAIM, only.is_some())? {
            continue;
        }
        let alert = store.alert(alert_id)?;
        if alert.state != AlertState::Pending {
            store.outbox_done(&item)?;
            continue;
        }
        let placed = match alert.channel {
            Channel::Voice => client.call(&alert.to, &say_twiml(&alert.message)).await,
            Channel::Sms => client.sms(&alert.to, &alert.message).await,
        };
        match placed {
            Ok(p) => {
                let rec = store.alert_sent(alert_id, &p.sid, &p.status)?;
                store.outbox_done(&item)?;
                out.done.push(capitalized(&format!(
                    "{} for booking #{}: {}",
                    rec.kind.label(),
                    rec.booking_id,
                    rec.describe()
                )));
            }
            Err(e) if e.is_transient() => {
                let retry_after = match &e {
                    TwilioError::RateLimited { retry_after } => *retry_after,
                    _ => None,
                };
                store.alert_attempt_failed(alert_id, &e.to_string())?;
                store.outbox_retry(
                    &item,
                    &e.to_string(),
                    retry_at(now, item.attempts, retry_after),
                )?;
                out.retrying.push(capitalized(&format!(
                    "{} to {}: Twilio: {e} (trying again)",
                    alert.kind.label(),
                    alert.to
                )));
                if matches!(e, TwilioError::Network(_)) {
                    break;
                }
            }
            Err(e) => {
                store.alert_failed(alert_id, &e.to_string())?;
                store.outbox_fail(&item, &e.to_string())?;
                out.refused.push(capitalized(&format!(
                    "{} to {} refused by Twilio: {e}",
                    alert.kind.label(),
                    alert.to
                )));
            }
        }
    }
    Ok(out)
}

/// Asks Twilio how the recent calls went (placed within the last hour and
/// not yet finished); `done` lists the changes.
pub async fn refresh_statuses(store: &mut Store, client: &TwilioClient) -> Result<Delivered> {
    const FINAL: [&str; 5] = ["completed", "busy", "failed", "no-answer", "canceled"];
    let since = store.now() - chrono::Duration::hours(1);
    let mut out = Delivered::default();
    for a in store.alerts(50)? {
        let recent = a.sent_at.is_some_and(|t| t >= since);
        if a.channel != Channel::Voice
            || a.state != AlertState::Sent
            || !recent
            || FINAL.contains(&a.status.as_str())
        {
            continue;
        }
        let Some(sid) = &a.sid else { continue };
        match client.call_status(sid).await {
            Ok(p) if p.status != a.status => {
                store.alert_status(a.id, &p.status)?;
                out.done.push(format!(
                    "Call to {} (booking #{}): {}",
                    a.to, a.booking_id, p.status
                ));
            }
            Ok(_) => {}
            Err(e) if e.is_transient() => {
                out.retrying.push(format!("Call status: Twilio: {e}"));
                break;
            }
            Err(e) => out
                .refused
                .push(format!("Call status of {sid}: Twilio: {e}")),
        }
    }
    Ok(out)
}
