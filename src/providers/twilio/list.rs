//! Looking for calls and messages Twilio already has: the way to learn
//! whether a request whose answer was lost (a 5xx, a dropped connection, a
//! kill) placed anything, since Twilio has no idempotency key.
//!
//! Filters from Twilio's reference (and `spec/json/twilio_api_v2010.json`):
//! calls by `To`, `From`, `Status`, `StartTime>` (a query
//! `StartTime>=YYYY-MM-DD`: started on or after that day, UTC); messages by
//! `To`, `From`, `DateSent>`. A call has no `start_time` until it is dialed
//! and a message no `date_sent` until it is sent, so a date filter alone
//! would miss the newest: each search also reads what is not under way yet
//! (calls with `Status=queued`; for messages, whose list has no status
//! filter, the newest page). Pages are followed by `next_page_uri`.

use chrono::NaiveDate;
use reqwest::Method;
use serde_json::Value;

use super::client::{placed, segment};
use super::{Placed, TwilioClient, TwilioError};
use crate::providers::network::NetworkFault;

/// Pages read per search at most: the calls of one number over a day or
/// two fit in far fewer; past this the search says it could not finish.
const MAX_PAGES: usize = 20;
const PAGE_SIZE: &str = "100";

impl TwilioClient {
    /// Calls from our number to `to` that were dialed on or after `day`
    /// (UTC), and those still queued: what an earlier attempt may have
    /// placed. Any order.
    pub async fn calls_to(&self, to: &str, day: NaiveDate) -> Result<Vec<Placed>, TwilioError> {
        let from = self.settings().from.clone();
        let day = day.format("%Y-%m-%d").to_string();
        let mut out = self
            .list(
                "/Calls.json",
                "calls",
                &[("To", to), ("From", &from), ("StartTime>", &day)],
                MAX_PAGES,
            )
            .await?;
        let queued = self
            .list(
                "/Calls.json",
                "calls",
                &[("To", to), ("From", &from), ("Status", "queued")],
                MAX_PAGES,
            )
            .await?;
        merge(&mut out, queued);
        Ok(out)
    }

    /// Messages from our number to `to` sent on or after `day` (UTC), and
    /// the newest page of all of them (the ones not sent yet are there).
    pub async fn messages_to(&self, to: &str, day: NaiveDate) -> Result<Vec<Placed>, TwilioError> {
        let from = self.settings().from.clone();
        let day = day.format("%Y-%m-%d").to_string();
        let mut out = self
            .list(
                "/Messages.json",
                "messages",
                &[("To", to), ("From", &from), ("DateSent>", &day)],
                MAX_PAGES,
            )
            .await?;
        let newest = self
            .list(
                "/Messages.json",
                "messages",
                &[("To", to), ("From", &from)],
                1,
            )
            .await?;
        merge(&mut out, newest);
        Ok(out)
    }

    /// Every item of a list, following `next_page_uri` for up to `pages`
    /// pages; with more pages than that, `pages == 1` stops quietly (the
    /// caller wants the newest only) and otherwise it is an error, as a
    /// search that did not finish proves nothing.
    async fn list(
        &self,
        resource: &str,
        key: &str,
        filters: &[(&str, &str)],
        pages: usize,
    ) -> Result<Vec<Placed>, TwilioError> {
        let mut query: Vec<String> = filters
            .iter()
            .map(|(n, v)| format!("{}={}", segment(n), segment(v)))
            .collect();
        query.push(format!("PageSize={PAGE_SIZE}"));
        let mut path = format!("{}?{}", self.account_path(resource), query.join("&"));
        let prefix = format!("/{}", self.account_path(resource));
        let mut out = Vec::new();
        for page in 0..pages {
            let v = self.request(Method::GET, &path, None).await?;
            out.extend(page_items(&v, key)?);
            let Some(next) = v.get("next_page_uri").and_then(Value::as_str) else {
                return Ok(out);
            };
            // Only ever a page of the same list of the same account.
            if !next.starts_with(&format!("{prefix}?")) {
                return Err(TwilioError::Network(NetworkFault::unreadable(
                    next,
                    format!("Twilio's next page of {key} is elsewhere: {next}"),
                )));
            }
            if page + 1 == pages && pages > 1 {
                return Err(TwilioError::Network(
                    format!("more than {pages} pages of {key}: the search did not finish").into(),
                ));
            }
            path = next.trim_start_matches('/').to_string();
        }
        Ok(out)
    }
}

/// The calls or messages of one page of a list (under `key`).
pub(crate) fn page_items(page: &Value, key: &str) -> Result<Vec<Placed>, TwilioError> {
    let items = page.get(key).and_then(Value::as_array).ok_or_else(|| {
        TwilioError::Network(NetworkFault::unreadable(
            format!("no `{key}`"),
            format!("Twilio's list of {key} has no `{key}`"),
        ))
    })?;
    items.iter().map(|item| placed(item, key)).collect()
}

/// `more` added to `out`, each sid once.
fn merge(out: &mut Vec<Placed>, more: Vec<Placed>) {
    for p in more {
        if !out.iter().any(|o| o.sid == p.sid) {
            out.push(p);
        }
    }
}
