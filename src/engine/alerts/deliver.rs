//! The outbox of alerts, delivered to Twilio, and what became of them.
//!
//! Twilio has no idempotency key, so a call is never sent again blindly:
//! before the first request the alert notes when it was tried (`tried_at`,
//! committed before the request leaves), and whoever delivers it later — a
//! retry after a 5xx or a dropped answer, or a process started after a
//! kill — first searches Twilio's list of calls (or messages) to that
//! number since then. A call found there that no alert owns is this one's:
//! it is adopted, not placed again. Only one alert per number and channel
//! may be in doubt at a time (see `Store::alert_trying`), so a call found
//! cannot be another alert's.
//!
//! Twilio's 201 is not the end: a call can go unanswered (busy, no-answer,
//! failed, canceled) and a message can turn out `undelivered` or `failed`
//! later. [`refresh_statuses`] asks until each says how it ended; what
//! reached no one is reported, and is not retried on its own (ringing the
//! same phone again, or texting a number that cannot receive, is the
//! dispatcher's call: `V` places a call again).

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::engine::delivery::{CLAIM, Delivered, Delivery, retry_at};
use crate::providers::twilio::{Placed, TwilioClient, TwilioError, say_twiml};
use crate::store::{
    AlertOutcome, AlertRecord, AlertState, Channel, OutboxItem, Store, TWILIO_ALERT,
};

/// How far Twilio's clock may be behind ours: calls created up to this long
/// before our first attempt still count as possibly ours.
const SKEW: chrono::Duration = chrono::Duration::seconds(60);

/// How long after it was placed an alert's end is asked for.
const WATCH_FOR: chrono::Duration = chrono::Duration::hours(24);

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
    // Alerts in doubt first: settling one frees its number for the rest.
    let mut work = Vec::with_capacity(items.len());
    for item in items {
        let Ok(alert_id) = item.key.parse::<i64>() else {
            store.outbox_fail(&item, "not an alert id")?;
            continue;
        };
        let in_doubt = store.alert(alert_id).is_ok_and(|a| a.tried_at.is_some());
        work.push((!in_doubt, item, alert_id));
    }
    work.sort_by_key(|(later, _, _)| *later);
    let mut out = Delivered::default();
    for (_, item, alert_id) in work {
        if !store.outbox_claim(&item, now + CLAIM, only.is_some())? {
            continue;
        }
        let alert = store.alert(alert_id)?;
        if alert.state != AlertState::Pending {
            store.outbox_done(&item)?;
            continue;
        }
        if alert.tried_at.is_some() {
            match earlier(store, client, &alert).await {
                Ok(Some(p)) => {
                    let rec = store.alert_found(alert_id, &p.sid, &p.status)?;
                    store.outbox_done(&item)?;
                    out.done.push(Delivery::Alert {
                        record: Box::new(rec),
                        found: true,
                    });
                    continue;
                }
                Ok(None) => {}
                Err(e) => {
                    // Not known whether it was placed: never send blindly.
                    let stop = matches!(e, TwilioError::Network(_));
                    retry(store, &item, &alert, &e, now, &mut out)?;
                    if stop {
                        break;
                    }
                    continue;
                }
            }
        }
        // Noted before the request leaves: a kill after this point leaves
        // an alert that is searched for before it is sent again.
        if !store.alert_trying(alert_id, Utc::now())? {
            let why = format!(
                "waiting until Twilio confirms the earlier {} to {}",
                match alert.channel {
                    Channel::Voice => "call",
                    Channel::Sms => "SMS",
                },
                alert.to
            );
            let waiting = Delivery::AlertWaiting {
                kind: alert.kind,
                channel: alert.channel,
                to: alert.to.clone(),
            };
            // Due again at once: the other is settled within a round or two,
            // and waiting costs no request to Twilio.
            store.outbox_retry(&item, &why, now)?;
            out.retrying.push(waiting);
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
                out.done.push(Delivery::Alert {
                    record: Box::new(rec),
                    found: false,
                });
            }
            Err(e) if e.is_transient() => {
                let stop = matches!(e, TwilioError::Network(_));
                retry(store, &item, &alert, &e, now, &mut out)?;
                if stop {
                    break;
                }
            }
            Err(e) => {
                store.alert_failed(alert_id, &e.to_string())?;
                store.outbox_fail(&item, &e.to_string())?;
                out.refused.push(Delivery::AlertFailed {
                    kind: alert.kind,
                    to: alert.to.clone(),
                    error: e.into(),
                    for_good: true,
                });
            }
        }
    }
    Ok(out)
}

/// Not this time: the alert keeps waiting, with a backoff.
fn retry(
    store: &mut Store,
    item: &OutboxItem,
    alert: &AlertRecord,
    e: &TwilioError,
    now: DateTime<Utc>,
    out: &mut Delivered,
) -> Result<()> {
    let retry_after = match e {
        TwilioError::RateLimited { retry_after } => *retry_after,
        _ => None,
    };
    store.alert_attempt_failed(alert.id, &e.to_string())?;
    store.outbox_retry(
        item,
        &e.to_string(),
        retry_at(now, item.attempts, retry_after),
    )?;
    out.retrying.push(Delivery::AlertFailed {
        kind: alert.kind,
        to: alert.to.clone(),
        error: e.clone().into(),
        for_good: false,
    });
    Ok(())
}

/// The call or message an earlier attempt of `alert` placed, if Twilio has
/// one: to the same number from ours, created since the first attempt (less
/// the clock skew), and owned by no other alert. The oldest such, as the
/// first attempt's is the one that counts.
async fn earlier(
    store: &Store,
    client: &TwilioClient,
    alert: &AlertRecord,
) -> Result<Option<Placed>, TwilioError> {
    let Some(tried) = alert.tried_at else {
        return Ok(None);
    };
    let since = tried - SKEW;
    let found = match alert.channel {
        Channel::Voice => client.calls_to(&alert.to, since.date_naive()).await?,
        Channel::Sms => client.messages_to(&alert.to, since.date_naive()).await?,
    };
    let from = &client.settings().from;
    let mut mine = Vec::new();
    for p in found {
        if p.to != alert.to || &p.from != from || p.created.is_none_or(|c| c < since) {
            continue;
        }
        // A store error here must not read as "not placed".
        match store.alert_sid_known(&p.sid) {
            Ok(false) => mine.push(p),
            Ok(true) => {}
            Err(e) => {
                return Err(TwilioError::Network(
                    format!("cannot read the alerts: {e}").into(),
                ));
            }
        }
    }
    mine.sort_by_key(|p| p.created);
    Ok(mine.into_iter().next())
}

/// Asks Twilio how the alerts placed within the last day ended (calls
/// answered or not, messages delivered or not). `done` lists the progress,
/// `refused` what reached no one (for the dispatcher), `retrying` what
/// could not be asked.
pub async fn refresh_statuses(store: &mut Store, client: &TwilioClient) -> Result<Delivered> {
    let since = store.now() - WATCH_FOR;
    let mut out = Delivered::default();
    for a in store.alerts_under_way(since)? {
        let Some(sid) = &a.sid else { continue };
        let now = match a.channel {
            Channel::Voice => client.call_status(sid).await,
            Channel::Sms => client.message_status(sid).await,
        };
        match now {
            Ok(p) if p.status != a.status => {
                let error = match (p.error_code, &p.error_message) {
                    (Some(code), Some(m)) => format!("Twilio error {code}: {m}"),
                    (Some(code), None) => format!("Twilio error {code}"),
                    (None, _) => String::new(),
                };
                let rec = store.alert_progress(a.id, &p.status, &error)?;
                let reached = rec.outcome() != AlertOutcome::NotReached;
                let news = Delivery::Alert {
                    record: Box::new(rec),
                    found: false,
                };
                if reached {
                    out.done.push(news);
                } else {
                    out.refused.push(news);
                }
            }
            Ok(_) => {}
            Err(e) if e.is_transient() => {
                out.retrying.push(Delivery::AlertStatusFailed {
                    sid: None,
                    error: e.into(),
                });
                break;
            }
            Err(e) => out.refused.push(Delivery::AlertStatusFailed {
                sid: Some(sid.clone()),
                error: e.into(),
            }),
        }
    }
    Ok(out)
}

/// Asks how alerts `ids` ended until Twilio has said for each, or `rounds`
/// rounds passed (`pause` apart): what `renos remind` waits for before it
/// counts a reminder as delivered. The lines of every round, together.
pub async fn await_outcomes(
    store: &mut Store,
    client: &TwilioClient,
    ids: &[i64],
    rounds: usize,
    pause: std::time::Duration,
) -> Result<Delivered> {
    let mut out = Delivered::default();
    for round in 0..rounds {
        let open = ids
            .iter()
            .filter(|id| store.alert(**id).is_ok_and(|a| !a.is_settled()))
            .count();
        if open == 0 {
            break;
        }
        if round > 0 {
            tokio::time::sleep(pause).await;
        }
        out.extend(refresh_statuses(store, client).await?);
    }
    Ok(out)
}
