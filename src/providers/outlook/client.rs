//! [`OutlookCalendar`]: the default calendar of one Microsoft 365 mailbox,
//! behind the provider seam. Changes come from `calendarView/delta` over a
//! fixed window; writes are POST, PATCH and DELETE, the last two with
//! `If-Match` on the event's `@odata.etag`. A first listing with a bound
//! stops paging as soon as it holds more items than the bound.

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, NaiveDate};
use futures::future::BoxFuture;
use reqwest::{Method, Url};
use serde_json::Value;

use super::auth::OutlookCredentials;
use super::event::{self, Kind};
use super::transport::{Answer, Call, Transport, host};
use crate::clock::Clock;
use crate::providers::calendar::{
    CalendarProvider, Changes, Cursor, ItemId, ItemWrite, ProviderError, ProviderResult,
    RemoteItem, Version, Written,
};
use crate::providers::retry::RetryPolicy;

/// Graph v1.0.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/v1.0";
/// The Microsoft identity platform (the tenant and `/oauth2/v2.0/token` follow).
pub const DEFAULT_LOGIN_URL: &str = "https://login.microsoftonline.com";

/// Most pages one listing follows: a service that never ends is not
/// followed for ever.
const MAX_PAGES: usize = 10_000;

/// What one cursor starts with (the format may change later).
const CURSOR_TAG: &str = "graph1";

/// The span of days a delta round covers, around the day it began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Days before the round's first day.
    pub back_days: i64,
    /// Days after it.
    pub ahead_days: i64,
    /// After this many days the window has slid far enough that a new round
    /// begins.
    pub slide_days: i64,
}

impl Default for Window {
    fn default() -> Window {
        Window {
            back_days: 30,
            ahead_days: 180,
            slide_days: 7,
        }
    }
}

/// Where a mailbox's calendar is and how the app signs in.
#[derive(Debug, Clone)]
pub struct OutlookSettings {
    pub credentials: OutlookCredentials,
    /// The mailbox (`anna@firma.dk` or its object id).
    pub user: String,
    /// [`DEFAULT_BASE_URL`], or the sandbox's.
    pub base_url: String,
    /// [`DEFAULT_LOGIN_URL`], or the sandbox's.
    pub login_url: String,
    pub window: Window,
    /// Events per delta page (`Prefer: odata.maxpagesize`).
    pub page_size: u32,
    pub retry: RetryPolicy,
    /// Where "today" comes from, for the window.
    pub clock: Clock,
}

/// The default calendar of one mailbox.
pub struct OutlookCalendar {
    graph: Transport,
    /// `…/v1.0`, no `/` at the end.
    base: String,
    user: String,
    window: Window,
    page_size: u32,
    clock: Clock,
}

impl std::fmt::Debug for OutlookCalendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutlookCalendar")
            .field("base", &self.base)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// A URL that is http(s) with a host and nothing secret in it, or why not.
fn check_url(what: &str, url: &str) -> ProviderResult<Url> {
    let bad = |why: &str| ProviderError::Refused {
        status: 0,
        reason: String::new(),
        message: format!("the {what} `{url}` {why}"),
    };
    let parsed = Url::parse(url).map_err(|e| bad(&format!("is not a URL ({e})")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(bad("is not an http or https address"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() || parsed.query().is_some() {
        return Err(bad("must not hold a user, password or query"));
    }
    Ok(parsed)
}

/// The cursor: the round's first day and the delta link to go on from.
fn cursor(day: NaiveDate, link: &str) -> Cursor {
    Cursor(format!("{CURSOR_TAG} {day} {link}"))
}

fn parse_cursor(c: &Cursor) -> Option<(NaiveDate, &str)> {
    let rest = c.0.strip_prefix(CURSOR_TAG)?.strip_prefix(' ')?;
    let (day, link) = rest.split_once(' ')?;
    Some((NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?, link))
}

impl OutlookCalendar {
    /// The calendar of `settings.user`. No request is made: wrong
    /// credentials show on the first call.
    pub fn new(settings: OutlookSettings) -> ProviderResult<OutlookCalendar> {
        let base = check_url("Graph address", &settings.base_url)?;
        check_url("Microsoft sign-in address", &settings.login_url)?;
        if settings.user.trim().is_empty() || settings.user.contains(['/', '?', '#']) {
            return Err(ProviderError::Refused {
                status: 0,
                reason: String::new(),
                message: format!("`{}` is not a Microsoft 365 mailbox", settings.user),
            });
        }
        Ok(OutlookCalendar {
            graph: Transport::new(
                settings.credentials,
                settings.login_url.trim_end_matches('/').to_string(),
                settings.retry,
            )?,
            base: base.as_str().trim_end_matches('/').to_string(),
            user: settings.user,
            window: settings.window,
            page_size: settings.page_size.max(1),
            clock: settings.clock,
        })
    }

    /// Requests sent so far (token requests included).
    pub fn requests(&self) -> u64 {
        self.graph.requests()
    }

    /// The mailbox.
    pub fn user(&self) -> &str {
        &self.user
    }

    fn url(&self, path: &str, query: &[(&str, &str)]) -> ProviderResult<Url> {
        let mut url = Url::parse(&format!("{}/users/{}/{path}", self.base, self.user))
            .map_err(|e| ProviderError::BadData(format!("an address that cannot be made ({e})")))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    fn event_url(&self, id: &ItemId) -> ProviderResult<Url> {
        if id.0.is_empty() || id.0.contains(['/', '?', '#']) {
            return Err(ProviderError::BadData(format!("an event id {:?}", id.0)));
        }
        self.url(&format!("calendar/events/{}", id.0), &[])
    }

    /// A link Graph sent (next page, delta), only if it points back at
    /// Graph: the access token goes nowhere else.
    fn own_link(&self, link: &str) -> ProviderResult<Url> {
        let prefix = format!("{}/", self.base);
        if !link.starts_with(&prefix) {
            return Err(ProviderError::BadData(format!(
                "a paging link that leads away from {}",
                self.base
            )));
        }
        Url::parse(link).map_err(|e| ProviderError::BadData(format!("a paging link ({e})")))
    }

    fn unexpected(&self, what: &str, a: &Answer) -> ProviderError {
        match a.status {
            404 => ProviderError::NotFound(what.to_string()),
            412 => ProviderError::PreconditionFailed,
            s => ProviderError::Refused {
                status: s,
                reason: String::new(),
                message: format!("{what}: {}", a.message()),
            },
        }
    }

    /// Every entry of one delta round from `start` (a first request or a
    /// delta link), and the delta link it ended with. With a `tally`, the
    /// round stops with [`ProviderError::TooMany`] at the first page that
    /// takes it past its bound.
    async fn round(
        &self,
        mut url: Url,
        mut tally: Option<&mut Tally>,
    ) -> ProviderResult<(Vec<Value>, String)> {
        let mut entries = Vec::new();
        for _ in 0..MAX_PAGES {
            let mut call = Call::new(Method::GET, url.clone());
            call.prefer
                .push(format!("odata.maxpagesize={}", self.page_size));
            let a = self.graph.send(&call).await?;
            match a.status {
                200 => {}
                // 410 Gone `syncStateNotFound`: the delta token expired.
                410 => return Err(ProviderError::ResyncRequired),
                400 if a.code().is_some_and(|c| c.starts_with("syncState")) => {
                    return Err(ProviderError::ResyncRequired);
                }
                _ => return Err(self.unexpected("the calendar's changes", &a)),
            }
            let mut page = a.json()?;
            if let Some(values) = page["value"].as_array_mut() {
                if let Some(t) = tally.as_deref_mut()
                    && t.over_after(values)
                {
                    return Err(ProviderError::TooMany { limit: t.limit });
                }
                entries.append(values);
            }
            if let Some(next) = page["@odata.nextLink"].as_str() {
                url = self.own_link(next)?;
                continue;
            }
            return match page["@odata.deltaLink"].as_str() {
                Some(delta) => {
                    self.own_link(delta)?;
                    Ok((entries, delta.to_string()))
                }
                None => Err(ProviderError::BadData(format!(
                    "{} ended a listing without a delta link",
                    host(&url)
                ))),
            };
        }
        Err(ProviderError::BadData(format!(
            "{} sent more than {MAX_PAGES} pages",
            host(&url)
        )))
    }

    /// The changes since `since`; for a first listing (`None`) with more
    /// than `limit` items, [`ProviderError::TooMany`], read no further than
    /// the page that showed it.
    async fn list(&self, since: Option<&Cursor>, limit: Option<usize>) -> ProviderResult<Changes> {
        let today = self.clock.now().date_naive();
        let (day, url) = match since {
            Some(c) => {
                let (day, link) = parse_cursor(c).ok_or(ProviderError::ResyncRequired)?;
                // The window is fixed for a round (Graph keeps it in the
                // delta token). Once it has slid far enough, the cursor is
                // dropped and a new round begins over the new window: a
                // full listing, which the sync engine makes as for any
                // invalid cursor.
                if (today - day).num_days().abs() >= self.window.slide_days {
                    return Err(ProviderError::ResyncRequired);
                }
                (
                    day,
                    self.own_link(link)
                        .map_err(|_| ProviderError::ResyncRequired)?,
                )
            }
            None => {
                let start = (today - Duration::days(self.window.back_days)).to_string();
                let end = (today + Duration::days(self.window.ahead_days)).to_string();
                let expand = event::expand();
                let url = self.url(
                    "calendarView/delta",
                    &[
                        ("startDateTime", &format!("{start}T00:00:00Z")),
                        ("endDateTime", &format!("{end}T00:00:00Z")),
                        ("$expand", &expand),
                    ],
                )?;
                (today, url)
            }
        };
        let limit = limit.filter(|_| since.is_none());
        let mut tally = limit.map(Tally::new);
        let (entries, delta) = self.round(url, tally.as_mut()).await?;
        let mut out = Changes {
            next: Some(cursor(day, &delta)),
            ..Changes::default()
        };
        // Series come as their occurrences; each changed series is read
        // once, whole, from its master.
        let mut series: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for v in entries {
            let id = v["id"].as_str().unwrap_or_default().to_string();
            if v.get("@removed").is_some() {
                out.deletions.push(ItemId(id));
                continue;
            }
            match event::kind(&v) {
                Kind::Single | Kind::Master => match event::item(&v) {
                    Ok(item) => out.upserts.push(item),
                    Err(why) => out.unreadable.push((ItemId(id), why)),
                },
                Kind::Occurrence(master) => {
                    series.entry(master).or_default();
                }
                Kind::Exception(master) => series.entry(master).or_default().push(v),
            }
        }
        for (master, exceptions) in series {
            let id = ItemId(master);
            match self.get(&id).await? {
                Some(mut item) => {
                    for e in &exceptions {
                        match event::exception(e) {
                            Ok(ex) => item.exceptions.push(ex),
                            Err(why) => out.unreadable.push((id.clone(), why)),
                        }
                    }
                    out.upserts.push(item);
                }
                None => out.deletions.push(id),
            }
        }
        // The tally counts each item once; the bound is on the items
        // listed, as every provider counts it.
        match limit {
            Some(limit) if out.upserts.len() > limit => Err(ProviderError::TooMany { limit }),
            _ => Ok(out),
        }
    }

    /// One event (a series master with its rule), or `None` when gone.
    async fn get(&self, id: &ItemId) -> ProviderResult<Option<RemoteItem>> {
        let mut url = self.event_url(id)?;
        url.query_pairs_mut()
            .append_pair("$expand", &event::expand());
        let a = self.graph.send(&Call::new(Method::GET, url)).await?;
        match a.status {
            200 => event::item(&a.json()?)
                .map(Some)
                .map_err(ProviderError::BadData),
            404 => Ok(None),
            _ => Err(self.unexpected(&id.0, &a)),
        }
    }

    async fn find(&self, booking: &str) -> ProviderResult<Option<RemoteItem>> {
        let quoted = booking.replace('\'', "''");
        let prop = event::BOOKING_PROPERTY;
        let filter = format!(
            "singleValueExtendedProperties/Any(ep: ep/id eq '{prop}' and ep/value eq '{quoted}')"
        );
        let url = self.url(
            "calendar/events",
            &[("$filter", &filter), ("$expand", &event::expand())],
        )?;
        let a = self.graph.send(&Call::new(Method::GET, url)).await?;
        if a.status != 200 {
            return Err(self.unexpected("the search by booking", &a));
        }
        let v = a.json()?;
        let found = v["value"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| event::booking(e).as_deref() == Some(booking))
            .find_map(|e| event::item(e).ok());
        Ok(found)
    }

    fn written(&self, a: &Answer) -> ProviderResult<Written> {
        let v = a.json()?;
        match (v["id"].as_str(), v["@odata.etag"].as_str()) {
            (Some(id), Some(etag)) => Ok(Written {
                id: ItemId(id.to_string()),
                version: Version(etag.to_string()),
            }),
            _ => Err(ProviderError::BadData(
                "a written event came back without its id or etag".into(),
            )),
        }
    }

    async fn create_item(&self, item: &ItemWrite) -> ProviderResult<Written> {
        // Graph has no "only if absent" on a create: look first. A second
        // console writing the same booking at the same instant could still
        // make two; the sync engine finds them by booking id.
        if self.find(&item.booking).await?.is_some() {
            return Err(ProviderError::PreconditionFailed);
        }
        let mut call = Call::new(Method::POST, self.url("calendar/events", &[])?);
        call.body = Some(event::body(item).map_err(ProviderError::BadData)?);
        let a = self.graph.send(&call).await?;
        match a.status {
            200 | 201 => self.written(&a),
            _ => Err(self.unexpected("a new event", &a)),
        }
    }

    async fn update_item(
        &self,
        id: &ItemId,
        version: &Version,
        item: &ItemWrite,
    ) -> ProviderResult<Written> {
        let mut call = Call::new(Method::PATCH, self.event_url(id)?);
        call.if_match = Some(&version.0);
        call.body = Some(event::body(item).map_err(ProviderError::BadData)?);
        let a = self.graph.send(&call).await?;
        match a.status {
            200 => self.written(&a),
            // Deleted meanwhile: the version it was written against is gone.
            404 | 412 => Err(ProviderError::PreconditionFailed),
            _ => Err(self.unexpected(&id.0, &a)),
        }
    }

    async fn delete_item(&self, id: &ItemId, version: &Version) -> ProviderResult<()> {
        let mut call = Call::new(Method::DELETE, self.event_url(id)?);
        call.if_match = Some(&version.0);
        let a = self.graph.send(&call).await?;
        match a.status {
            200 | 204 => Ok(()),
            _ => Err(self.unexpected(&id.0, &a)),
        }
    }
}

/// The items a first listing's entries come to so far, to stop paging once
/// they are more than a bound: an event that reads counts once, a series
/// once (its occurrences are read whole from its master), a removal not
/// at all.
struct Tally {
    limit: usize,
    items: HashSet<String>,
}

impl Tally {
    fn new(limit: usize) -> Tally {
        Tally {
            limit,
            items: HashSet::new(),
        }
    }

    /// Counts the entries of one page; whether there are now more items
    /// than the bound.
    fn over_after(&mut self, page: &[Value]) -> bool {
        for v in page {
            if v.get("@removed").is_some() {
                continue;
            }
            let id = match event::kind(v) {
                Kind::Single | Kind::Master if event::item(v).is_ok() => {
                    v["id"].as_str().unwrap_or_default().to_string()
                }
                // Unreadable: listed apart, not taken in.
                Kind::Single | Kind::Master => continue,
                Kind::Occurrence(master) | Kind::Exception(master) => master,
            };
            self.items.insert(id);
        }
        self.items.len() > self.limit
    }
}

impl CalendarProvider for OutlookCalendar {
    fn changes<'a>(&'a self, since: Option<&'a Cursor>) -> BoxFuture<'a, ProviderResult<Changes>> {
        Box::pin(self.list(since, None))
    }

    fn first_listing<'a>(&'a self, limit: Option<usize>) -> BoxFuture<'a, ProviderResult<Changes>> {
        Box::pin(self.list(None, limit))
    }

    fn create<'a>(&'a self, item: &'a ItemWrite) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(self.create_item(item))
    }

    fn update<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
        item: &'a ItemWrite,
    ) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(self.update_item(id, version, item))
    }

    fn delete<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
    ) -> BoxFuture<'a, ProviderResult<()>> {
        Box::pin(self.delete_item(id, version))
    }

    fn get<'a>(&'a self, id: &'a ItemId) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        Box::pin(OutlookCalendar::get(self, id))
    }

    fn find_by_booking<'a>(
        &'a self,
        booking: &'a str,
    ) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        Box::pin(self.find(booking))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_hold_the_day_and_the_link() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let c = cursor(day, "https://graph.microsoft.com/v1.0/x?$deltatoken=a b");
        assert_eq!(
            parse_cursor(&c),
            Some((day, "https://graph.microsoft.com/v1.0/x?$deltatoken=a b"))
        );
        assert_eq!(parse_cursor(&Cursor("token".into())), None);
    }

    fn single(id: &str) -> Value {
        serde_json::json!({
            "id": id,
            "@odata.etag": "W/\"1\"",
            "type": "singleInstance",
            "start": {"dateTime": "2026-03-02T08:00:00.0000000", "timeZone": "UTC"},
            "end": {"dateTime": "2026-03-02T10:00:00.0000000", "timeZone": "UTC"},
        })
    }

    fn occurrence(master: &str, day: u32) -> Value {
        serde_json::json!({
            "id": format!("{master}_{day}"),
            "type": "occurrence",
            "seriesMasterId": master,
        })
    }

    #[test]
    fn a_tally_counts_items_not_entries() {
        let mut t = Tally::new(3);
        // A series of many occurrences is one item; a removal and an
        // event that cannot be read are none.
        let page: Vec<Value> = (1..=20)
            .map(|d| occurrence("s", d))
            .chain([
                single("a"),
                serde_json::json!({"id": "gone", "@removed": {"reason": "deleted"}}),
                serde_json::json!({"id": "broken", "type": "singleInstance"}),
            ])
            .collect();
        assert!(!t.over_after(&page));
        assert_eq!(t.items.len(), 2);
        // The same event again is still one; a third item reaches the
        // bound, a fourth passes it.
        assert!(!t.over_after(&[single("a"), single("b")]));
        assert!(t.over_after(&[single("c")]));
    }
}
