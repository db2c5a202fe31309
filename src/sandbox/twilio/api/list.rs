//! Reading lists of calls and messages: Twilio's filters and its paging.
//!
//! - Calls (https://www.twilio.com/docs/voice/api/call-resource#read-multiple-call-resources):
//!   `To`, `From`, `Status`, `ParentCallSid`, `StartTime`, `StartTime<`,
//!   `StartTime>`, `EndTime`, `EndTime<`, `EndTime>`. A query
//!   `StartTime>=2026-11-23` is the parameter `StartTime>` with the value
//!   `2026-11-23`: calls that *started* (were dialed) on or after midnight
//!   UTC of that day. A call not yet dialed has no `start_time` and so no
//!   date filter finds it (ask for `Status=queued` to see those).
//! - Messages (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources):
//!   `To`, `From`, `DateSent`, `DateSent<`, `DateSent>`; a message not yet
//!   sent has no `date_sent` and no date filter finds it.
//! - Paging (https://www.twilio.com/docs/usage/twilios-response#response-formats-list-paging-information):
//!   `PageSize` (default 50, at most 1000), `Page`, `PageToken`; the answer
//!   carries `next_page_uri` (relative to the API host, `null` on the last
//!   page) that repeats the filters. Newest first (by `date_created`).
//!
//! Unconfirmed: what Twilio answers for a date it cannot read (here 400,
//! code 20001), and whether `StartTime<` with a bare date includes that day
//! (here it does, as "on or before" reads).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};

use super::{TwError, account_uri, call_resource, message_resource, parse_form};
use crate::sandbox::twilio::{CallRecord, MessageRecord, TwilioState};

const DEFAULT_PAGE_SIZE: usize = 50;
const MAX_PAGE_SIZE: usize = 1000;

/// A date bound: a bare day (UTC) or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Day(NaiveDate),
    At(DateTime<Utc>),
}

impl Bound {
    fn parse(name: &str, v: &str) -> Result<Bound, TwError> {
        if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            return Ok(Bound::Day(d));
        }
        DateTime::parse_from_rfc3339(v)
            .map(|t| Bound::At(t.with_timezone(&Utc)))
            .map_err(|_| TwError::bad(20001, format!("Invalid {name}: {v} (use YYYY-MM-DD)")))
    }
}

/// `=`, `<` (on or before), `>` (on or after) a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    On,
    Before,
    After,
}

fn matches(t: Option<DateTime<Utc>>, cmp: Cmp, b: Bound) -> bool {
    let Some(t) = t else { return false };
    match (cmp, b) {
        (Cmp::On, Bound::Day(d)) => t.date_naive() == d,
        (Cmp::Before, Bound::Day(d)) => t.date_naive() <= d,
        (Cmp::After, Bound::Day(d)) => t.date_naive() >= d,
        (Cmp::On, Bound::At(a)) => t == a,
        (Cmp::Before, Bound::At(a)) => t <= a,
        (Cmp::After, Bound::At(a)) => t >= a,
    }
}

/// The date filters on one field (`StartTime`, `EndTime`, `DateSent`).
fn date_filters(p: &[(String, String)], field: &str) -> Result<Vec<(Cmp, Bound)>, TwError> {
    let mut out = Vec::new();
    for (name, cmp) in [
        (field.to_string(), Cmp::On),
        (format!("{field}<"), Cmp::Before),
        (format!("{field}>"), Cmp::After),
    ] {
        if let Some(v) = value(p, &name) {
            out.push((cmp, Bound::parse(&name, v)?));
        }
    }
    Ok(out)
}

fn value<'a>(p: &'a [(String, String)], name: &str) -> Option<&'a str> {
    p.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// One page of a list, newest first.
struct Page {
    size: usize,
    number: usize,
    /// Index of the first item of this page in the filtered list.
    start: usize,
}

fn page_of(p: &[(String, String)], sids: &[&str]) -> Result<Page, TwError> {
    let size = match value(p, "PageSize") {
        None => DEFAULT_PAGE_SIZE,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
            .ok_or_else(|| TwError::bad(20001, "PageSize must be 1 to 1000"))?,
    };
    let number = match value(p, "Page") {
        None => 0,
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| TwError::bad(20001, "Page must be a whole number"))?,
    };
    // A token names the last item of the page before: stable while new
    // calls arrive at the head of the list.
    let start = match value(p, "PageToken") {
        Some(token) => {
            let after = token.strip_prefix("PA").unwrap_or(token);
            match sids.iter().position(|s| *s == after) {
                Some(i) => i + 1,
                None => return Err(TwError::bad(20001, "Invalid PageToken")),
            }
        }
        None => number.saturating_mul(size),
    };
    Ok(Page {
        size,
        number,
        start,
    })
}

/// The list answer: `key` holds the page's items, with Twilio's paging fields.
fn answer(
    resource: &str,
    key: &str,
    p: &[(String, String)],
    sids: &[&str],
    items: Vec<Value>,
) -> Result<Value, TwError> {
    let page = page_of(p, sids)?;
    let total = items.len();
    let shown: Vec<Value> = items.into_iter().skip(page.start).take(page.size).collect();
    let end = page.start + shown.len();
    // The filters, repeated on every page's link.
    let filters: Vec<(String, String)> = p
        .iter()
        .filter(|(n, _)| !matches!(n.as_str(), "Page" | "PageSize" | "PageToken"))
        .cloned()
        .collect();
    let link = |number: usize, token: Option<&str>| {
        let mut q = filters.clone();
        q.push(("PageSize".into(), page.size.to_string()));
        q.push(("Page".into(), number.to_string()));
        if let Some(t) = token {
            q.push(("PageToken".into(), format!("PA{t}")));
        }
        format!("{}?{}", account_uri(resource), encode(&q))
    };
    let next = (end < total && !shown.is_empty())
        .then(|| link(page.number + 1, sids.get(end - 1).copied()));
    let previous = (page.number > 0).then(|| link(page.number - 1, None));
    let mut v = json!({
        "end": end.saturating_sub(1),
        "first_page_uri": link(0, None),
        "next_page_uri": next,
        "previous_page_uri": previous,
        "page": page.number,
        "page_size": page.size,
        "start": page.start,
        "uri": link(page.number, None),
    });
    v[key] = Value::Array(shown);
    Ok(v)
}

/// `GET …/Calls.json?…`
pub(crate) fn calls(st: &TwilioState, query: &str) -> Result<Value, TwError> {
    let p = parse_form(query.as_bytes())
        .ok_or_else(|| TwError::bad(20001, "The query is not valid UTF-8"))?;
    let started = date_filters(&p, "StartTime")?;
    let ended = date_filters(&p, "EndTime")?;
    let to = value(&p, "To");
    let from = value(&p, "From");
    let status = value(&p, "Status");
    // Every call here is a parent: a child filter finds none.
    let parent = value(&p, "ParentCallSid");
    let mut found: Vec<&CallRecord> = st
        .calls
        .iter()
        .filter(|c| to.is_none_or(|t| c.to == t))
        .filter(|c| from.is_none_or(|f| c.from == f))
        .filter(|c| status.is_none_or(|s| c.status == s))
        .filter(|_| parent.is_none())
        .filter(|c| started.iter().all(|(cmp, b)| matches(c.started, *cmp, *b)))
        .filter(|c| ended.iter().all(|(cmp, b)| matches(c.ended, *cmp, *b)))
        .collect();
    newest_first(&mut found, |c| c.created);
    let sids: Vec<&str> = found.iter().map(|c| c.sid.as_str()).collect();
    let items = found.iter().map(|c| call_resource(c)).collect();
    answer("/Calls.json", "calls", &p, &sids, items)
}

/// `GET …/Messages.json?…`
pub(crate) fn messages(st: &TwilioState, query: &str) -> Result<Value, TwError> {
    let p = parse_form(query.as_bytes())
        .ok_or_else(|| TwError::bad(20001, "The query is not valid UTF-8"))?;
    let sent = date_filters(&p, "DateSent")?;
    let to = value(&p, "To");
    let from = value(&p, "From");
    let mut found: Vec<&MessageRecord> = st
        .messages
        .iter()
        .filter(|m| to.is_none_or(|t| m.to == t))
        .filter(|m| from.is_none_or(|f| m.from.as_deref() == Some(f)))
        .filter(|m| sent.iter().all(|(cmp, b)| matches(m.sent, *cmp, *b)))
        .collect();
    newest_first(&mut found, |m| m.created);
    let sids: Vec<&str> = found.iter().map(|m| m.sid.as_str()).collect();
    let items = found.iter().map(|m| message_resource(m)).collect();
    answer("/Messages.json", "messages", &p, &sids, items)
}

/// Newest first; among equals (one second apart is common) the later
/// placed first, so the order never changes between two reads.
fn newest_first<T>(items: &mut Vec<&T>, created: impl Fn(&T) -> DateTime<Utc>) {
    items.reverse();
    items.sort_by_key(|i| std::cmp::Reverse(created(i)));
}

/// A query string: every byte but unreserved ones percent-encoded.
fn encode(pairs: &[(String, String)]) -> String {
    let enc = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    };
    pairs
        .iter()
        .map(|(n, v)| format!("{}={}", enc(n), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::twilio::TWILIO_PHONE_NUMBER;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .single()
            .expect("t")
    }

    fn call(sid: &str, to: &str, created: DateTime<Utc>, dialed: bool) -> CallRecord {
        CallRecord {
            sid: sid.into(),
            to: to.into(),
            from: TWILIO_PHONE_NUMBER.into(),
            twiml: None,
            url: None,
            say: None,
            language: None,
            voice: None,
            timeout: 60,
            status_callback: None,
            status: if dialed { "ringing" } else { "queued" },
            ends: "completed",
            created,
            updated: created,
            started: dialed.then_some(created),
            answered: None,
            ended: None,
        }
    }

    fn sids(v: &Value) -> Vec<String> {
        v["calls"]
            .as_array()
            .expect("calls")
            .iter()
            .map(|c| c["sid"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn filters_and_dates() {
        let mut st = TwilioState::default();
        st.calls.push(call("CA1", "+4512345678", at(22, 9), true));
        st.calls.push(call("CA2", "+4512345678", at(23, 9), true));
        st.calls.push(call("CA3", "+4512345678", at(23, 10), false));
        st.calls.push(call("CA4", "+4587654321", at(23, 11), true));
        let all = calls(&st, "").expect("list");
        assert_eq!(sids(&all), ["CA4", "CA3", "CA2", "CA1"]);
        assert_eq!(all["next_page_uri"], Value::Null);
        let q = "To=%2B4512345678&From=%2B4570000000&StartTime%3E=2026-11-23";
        assert_eq!(
            sids(&calls(&st, q).expect("list")),
            ["CA2"],
            "not dialed: no start_time"
        );
        let q = "To=%2B4512345678&Status=queued";
        assert_eq!(sids(&calls(&st, q).expect("list")), ["CA3"]);
        assert_eq!(
            sids(&calls(&st, "StartTime%3C=2026-11-22").expect("list")),
            ["CA1"]
        );
        assert_eq!(
            sids(&calls(&st, "StartTime=2026-11-23").expect("list")),
            ["CA4", "CA2"]
        );
        assert_eq!(
            sids(&calls(&st, "StartTime%3E=2026-11-23T10:30:00Z").expect("list")),
            ["CA4"]
        );
        assert_eq!(
            calls(&st, "StartTime%3E=yesterday").expect_err("date").code,
            20001
        );
        assert!(sids(&calls(&st, "ParentCallSid=CA1").expect("list")).is_empty());
    }

    #[test]
    fn pages_follow_their_links_and_repeat_the_filters() {
        let mut st = TwilioState::default();
        for i in 0..7 {
            st.calls
                .push(call(&format!("CA{i}"), "+4512345678", at(23, 8 + i), true));
        }
        let first = calls(&st, "To=%2B4512345678&PageSize=3").expect("page");
        assert_eq!(sids(&first), ["CA6", "CA5", "CA4"]);
        let next = first["next_page_uri"].as_str().expect("next").to_string();
        assert!(next.contains("To=%2B4512345678"), "{next}");
        // A call placed meanwhile does not shift the next page.
        st.calls.push(call("CA9", "+4512345678", at(23, 20), true));
        let query = next.split_once('?').expect("query").1;
        let second = calls(&st, query).expect("page");
        assert_eq!(sids(&second), ["CA3", "CA2", "CA1"]);
        assert_eq!(second["page"], 1);
        let query = second["next_page_uri"]
            .as_str()
            .expect("next")
            .split_once('?')
            .expect("query")
            .1
            .to_string();
        let third = calls(&st, &query).expect("page");
        assert_eq!(sids(&third), ["CA0"]);
        assert_eq!(third["next_page_uri"], Value::Null);
        assert_eq!(calls(&st, "PageSize=0").expect_err("size").code, 20001);
        assert_eq!(calls(&st, "PageSize=1001").expect_err("size").code, 20001);
        assert_eq!(
            calls(&st, "PageToken=PAnope").expect_err("token").code,
            20001
        );
    }

    #[test]
    fn messages_filter_on_the_sent_date() {
        let mut st = TwilioState::default();
        let m = |sid: &str, sent: Option<DateTime<Utc>>| MessageRecord {
            sid: sid.into(),
            to: "+4512345678".into(),
            from: Some(TWILIO_PHONE_NUMBER.into()),
            messaging_service_sid: None,
            body: "x".into(),
            status: if sent.is_some() { "sent" } else { "queued" },
            ends: "delivered",
            end_code: None,
            created: at(23, 9),
            updated: at(23, 9),
            sent,
        };
        st.messages.push(m("SM1", Some(at(23, 9))));
        st.messages.push(m("SM2", None));
        let v = messages(&st, "To=%2B4512345678&DateSent%3E=2026-11-23").expect("list");
        let got: Vec<&str> = v["messages"]
            .as_array()
            .expect("messages")
            .iter()
            .filter_map(|m| m["sid"].as_str())
            .collect();
        assert_eq!(got, ["SM1"]);
        let v = messages(&st, "From=%2B4570000000").expect("list");
        assert_eq!(v["messages"].as_array().map(Vec::len), Some(2));
    }
}
