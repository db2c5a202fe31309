//! [`CalDavCalendar`]: one calendar collection on a CalDAV server, behind
//! the provider seam. Changes come from `sync-collection` (RFC 6578) and
//! their data from `calendar-multiget` (RFC 4791 7.9); writes are PUT and
//! DELETE with `If-None-Match: *` or `If-Match: ETAG`.
//!
//! A change to an item reads the stored object first (GET) and writes ours
//! over it line by line ([`merge`](super::merge)), so what a cleaner adds
//! on the phone stays: a changed item costs two requests, the GET and the
//! PUT. A listing with nothing changed is still one request, and a new
//! item or a deletion one.

use std::collections::BTreeMap;

use chrono::Utc;
use chrono_tz::Tz;
use futures::future::BoxFuture;
use reqwest::{Method, StatusCode, Url};

use super::credentials::Credentials;
use super::transport::{Answer, Dav, ICALENDAR, Request, XML, host, unexpected};
use super::xml::{self, Multistatus};
use super::{ical, merge};
use crate::providers::calendar::{
    CalendarProvider, Changes, Cursor, ItemId, ItemWrite, ProviderError, ProviderResult,
    RemoteItem, Version, Written,
};
use crate::providers::retry::RetryPolicy;

/// Items fetched by one `calendar-multiget`.
const MULTIGET_BATCH: usize = 200;

/// Most `sync-collection` rounds one listing follows (each continues a
/// truncated one): a server that never finishes is not followed for ever.
const MAX_SYNC_ROUNDS: usize = 10_000;

/// Where a CalDAV calendar is and how to get in.
#[derive(Debug, Clone)]
pub struct CalDavSettings {
    /// The calendar collection (`http://host:5232/anna/work/`), or for
    /// [`discover`](super::discover) any URL of the server.
    pub url: String,
    pub credentials: Credentials,
    /// The zone of times written without one (floating times).
    pub zone: Tz,
    pub retry: RetryPolicy,
}

/// One calendar collection on a CalDAV server.
pub struct CalDavCalendar {
    dav: Dav,
    /// Ends with `/`.
    collection: Url,
    zone: Tz,
}

impl std::fmt::Debug for CalDavCalendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CalDavCalendar")
            .field("collection", &self.collection.as_str())
            .finish_non_exhaustive()
    }
}

/// `http(s)://host[:port]/…` without query or fragment, or why not.
pub(super) fn check_url(url: &str) -> ProviderResult<Url> {
    let bad = |why: &str| ProviderError::Refused {
        status: 0,
        reason: String::new(),
        message: format!("the CalDAV URL `{url}` {why}"),
    };
    let parsed = Url::parse(url).map_err(|e| bad(&format!("is not a URL ({e})")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("is not http or https"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad("must not have a query or fragment"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(bad(
            "must not hold a username or password (they come from CALDAV_USERNAME and \
             CALDAV_PASSWORD or the credentials file)",
        ));
    }
    Ok(parsed)
}

/// One path segment: letters, digits and `-_.~` stay, every other byte is
/// percent-encoded (as servers quote their hrefs, so ours compare equal).
fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl CalDavCalendar {
    /// The calendar at `settings.url`. No request is made: a wrong URL or
    /// password shows on the first call.
    pub fn new(settings: CalDavSettings) -> ProviderResult<CalDavCalendar> {
        let mut collection = check_url(&settings.url)?;
        if !collection.path().ends_with('/') {
            let path = format!("{}/", collection.path());
            collection.set_path(&path);
        }
        Ok(CalDavCalendar {
            dav: Dav::new(settings.credentials, settings.retry)?,
            collection,
            zone: settings.zone,
        })
    }

    /// The calendar's URL.
    pub fn url(&self) -> &str {
        self.collection.as_str()
    }

    /// Requests sent so far.
    pub fn requests(&self) -> u64 {
        self.dav.requests()
    }

    /// The id (href) of the item for `booking`: a name of ours in this
    /// collection.
    pub fn id_for(&self, booking: &str) -> ItemId {
        ItemId(format!(
            "{}{}.ics",
            self.collection.path(),
            segment(&ical::uid_for(booking))
        ))
    }

    fn url_of(&self, id: &ItemId) -> ProviderResult<Url> {
        self.collection
            .join(&id.0)
            .map_err(|e| ProviderError::BadData(format!("an item href {:?} ({e})", id.0)))
    }

    /// An href as the server wrote it (a path or a whole URL) as a path.
    fn path_of(&self, href: &str) -> String {
        match Url::parse(href) {
            Ok(u) => u.path().to_string(),
            Err(_) => href.to_string(),
        }
    }

    fn is_member(&self, path: &str) -> bool {
        path != self.collection.path() && !path.ends_with('/')
    }

    async fn report(&self, depth: &'static str, body: String) -> ProviderResult<Answer> {
        let mut req = Request::new(report_method(), self.collection.clone());
        req.depth = Some(depth);
        req.body = Some((body, XML));
        self.dav.send(&req).await
    }

    /// One `sync-collection` round from `token`.
    async fn sync_round(&self, token: &str) -> ProviderResult<Multistatus> {
        let answer = self.report("0", xml::sync_collection(token)).await?;
        match answer.status.as_u16() {
            207 => xml::multistatus(&answer.body),
            // RFC 6578 3.2: the token is no longer valid (Radicale answers
            // 403, others 409; some leave out the error body).
            403 | 409 if !token.is_empty() => {
                if xml::names_precondition(&answer.body, "valid-sync-token") {
                    Err(ProviderError::ResyncRequired)
                } else {
                    Err(unexpected("the calendar's sync listing", &answer))
                }
            }
            404 => Err(ProviderError::NotFound(format!(
                "no calendar at {}",
                self.collection
            ))),
            _ => Err(unexpected("the calendar's sync listing", &answer)),
        }
    }

    /// Etag and data of `hrefs`, read into `out`; hrefs gone meanwhile are
    /// deletions.
    async fn fetch(&self, hrefs: &[String], out: &mut Changes) -> ProviderResult<()> {
        for batch in hrefs.chunks(MULTIGET_BATCH) {
            let answer = self.report("1", xml::multiget(batch)).await?;
            if answer.status.as_u16() != 207 {
                return Err(unexpected("the calendar's items", &answer));
            }
            for r in xml::multistatus(&answer.body)?.responses {
                let path = self.path_of(&r.href);
                if !self.is_member(&path) {
                    continue;
                }
                let id = ItemId(path);
                match (r.status, r.etag, r.calendar_data) {
                    (Some(404), _, _) => out.deletions.push(id),
                    (_, Some(etag), Some(data)) => self.take(id, Version(etag), &data, out),
                    _ => out
                        .unreadable
                        .push((id, "listed without its etag or data".to_string())),
                }
            }
        }
        Ok(())
    }

    fn take(&self, id: ItemId, version: Version, data: &str, out: &mut Changes) {
        match ical::read(id.clone(), version, data, self.zone) {
            Ok(Some(item)) => out.upserts.push(item),
            // A task or journal entry: not ours to sync.
            Ok(None) => {}
            Err(why) => out.unreadable.push((id, why)),
        }
    }

    /// The etag of `id` when a write's answer did not carry one (a server
    /// that changed what it stored may leave it out, RFC 4791 5.3.4).
    async fn etag_of(&self, id: &ItemId) -> ProviderResult<Version> {
        let mut req = Request::new(propfind_method(), self.url_of(id)?);
        req.depth = Some("0");
        req.body = Some((xml::PROPFIND_ETAG.to_string(), XML));
        let answer = self.dav.send(&req).await?;
        if answer.status.as_u16() != 207 {
            return Err(unexpected(&id.0, &answer));
        }
        xml::multistatus(&answer.body)?
            .responses
            .into_iter()
            .find_map(|r| r.etag)
            .map(Version)
            .ok_or_else(|| ProviderError::BadData(format!("{} has no etag", id.0)))
    }

    /// The calendar object `id` as stored and the etag its answer named;
    /// `None` when it is gone.
    async fn stored(&self, id: &ItemId) -> ProviderResult<Option<Stored>> {
        let answer = self
            .dav
            .send(&Request::new(Method::GET, self.url_of(id)?))
            .await?;
        match answer.status.as_u16() {
            200 => {}
            404 | 410 => return Ok(None),
            _ => return Err(unexpected(&id.0, &answer)),
        }
        Ok(Some(Stored {
            body: answer.body,
            etag: answer.etag.map(Version),
        }))
    }

    /// Changes the item `id` at `version`: the stored object is read first
    /// and our changes are written over it line by line
    /// ([`merge::update`]), so it keeps its UID and everything we do not
    /// write (alarms, attendees, categories, other clients' properties),
    /// whoever made it. Ours under our own name too: a cleaner may add an
    /// alarm to one of our jobs on the phone.
    ///
    /// The write holds only at `version` (`If-Match`), so a change made
    /// after the engine last read the item is never written over. When the
    /// read already shows another version, or no item, the answer is
    /// [`ProviderError::PreconditionFailed`] without a write.
    ///
    /// An object under our own name that cannot be written over line by
    /// line (broken by another client, or no event at all) is written whole
    /// as ours, as it was made.
    async fn update_item(
        &self,
        id: &ItemId,
        version: &Version,
        item: &ItemWrite,
    ) -> ProviderResult<Written> {
        let Some(stored) = self.stored(id).await? else {
            // Deleted meanwhile: as a refused If-Match.
            return Err(ProviderError::PreconditionFailed);
        };
        if let Some(etag) = &stored.etag
            && !same_version(etag, version)
        {
            // Changed since the engine read it: the PUT would be refused.
            return Err(ProviderError::PreconditionFailed);
        }
        let now = Utc::now();
        let merged = stored
            .text(id)
            .map(|text| merge::update(text, item, now, self.zone));
        let data = match merged {
            Ok(Ok(data)) => data,
            _ if self.is_ours(id, item) => ical::write_as(item, &ical::uid_for(&item.booking), now)
                .map_err(ProviderError::BadData)?,
            Ok(Err(why)) => return Err(ProviderError::BadData(why)),
            Err(e) => return Err(e),
        };
        self.put(id.clone(), Condition::At(version), data).await
    }

    /// Whether `id` is the name we give `item`'s booking's item.
    fn is_ours(&self, id: &ItemId, item: &ItemWrite) -> bool {
        *id == self.id_for(&item.booking)
    }

    async fn put(
        &self,
        id: ItemId,
        condition: Condition<'_>,
        data: String,
    ) -> ProviderResult<Written> {
        let mut req = Request::new(Method::PUT, self.url_of(&id)?);
        match condition {
            Condition::Absent => req.if_none_match = true,
            Condition::At(v) => req.if_match = Some(&v.0),
        }
        req.body = Some((data, ICALENDAR));
        let answer = self.dav.send(&req).await?;
        match answer.status {
            StatusCode::CREATED | StatusCode::NO_CONTENT | StatusCode::OK => {
                let version = match answer.etag {
                    Some(e) => Version(e),
                    None => self.etag_of(&id).await?,
                };
                Ok(Written { id, version })
            }
            // An update of an item deleted meanwhile: If-Match fails.
            StatusCode::NOT_FOUND if matches!(condition, Condition::At(_)) => {
                Err(ProviderError::PreconditionFailed)
            }
            _ => Err(unexpected(&id.0, &answer)),
        }
    }

    async fn get(&self, id: ItemId) -> ProviderResult<Option<RemoteItem>> {
        let Some(stored) = self.stored(&id).await? else {
            return Ok(None);
        };
        let text = stored.text(&id)?;
        let version = match &stored.etag {
            Some(v) => v.clone(),
            None => self.etag_of(&id).await?,
        };
        ical::read(id, version, text, self.zone).map_err(ProviderError::BadData)
    }

    /// The changes since `since`; for a first listing (`None`) with more
    /// than `limit` items, [`ProviderError::TooMany`] before any is fetched.
    async fn list(&self, since: Option<&Cursor>, limit: Option<usize>) -> ProviderResult<Changes> {
        let mut token = since.map(|c| c.0.clone()).unwrap_or_default();
        // href → changed (true) or deleted (false); a later round wins.
        let mut seen: BTreeMap<String, bool> = BTreeMap::new();
        let mut rounds = 0;
        loop {
            let m = self.sync_round(&token).await?;
            for r in &m.responses {
                let path = self.path_of(&r.href);
                if !self.is_member(&path) {
                    continue;
                }
                match (r.status, &r.etag) {
                    (Some(404), _) => {
                        seen.insert(path, false);
                    }
                    (_, Some(_)) => {
                        seen.insert(path, true);
                    }
                    _ => {}
                }
            }
            let next = m
                .sync_token
                .clone()
                .filter(|t| !t.is_empty())
                .ok_or_else(|| {
                    ProviderError::BadData(format!(
                        "{} sent a sync listing without a sync token",
                        host(&self.collection)
                    ))
                })?;
            rounds += 1;
            let again = m.truncated() && next != token && rounds < MAX_SYNC_ROUNDS;
            token = next;
            if !again {
                break;
            }
        }
        let mut out = Changes {
            next: Some(Cursor(token)),
            ..Changes::default()
        };
        let mut changed = Vec::new();
        for (path, live) in seen {
            if live {
                changed.push(path);
            } else {
                out.deletions.push(ItemId(path));
            }
        }
        if let Some(limit) = limit.filter(|l| since.is_none() && changed.len() > *l) {
            return Err(ProviderError::TooMany { limit });
        }
        self.fetch(&changed, &mut out).await?;
        Ok(out)
    }

    async fn find(&self, booking: &str) -> ProviderResult<Option<RemoteItem>> {
        if let Some(item) = self.get(self.id_for(booking)).await? {
            return Ok(Some(item));
        }
        // Not under our name: moved by another client, or made by an older
        // version of ours. Ask the server for events carrying the id.
        let answer = self
            .report("1", xml::query_property(ical::X_BOOKING, booking))
            .await?;
        if answer.status.as_u16() != 207 {
            return Err(unexpected("the search by booking", &answer));
        }
        let mut found = Changes::default();
        for r in xml::multistatus(&answer.body)?.responses {
            let path = self.path_of(&r.href);
            if let (true, Some(etag), Some(data)) = (self.is_member(&path), r.etag, r.calendar_data)
            {
                self.take(ItemId(path), Version(etag), &data, &mut found);
            }
        }
        Ok(found
            .upserts
            .into_iter()
            .find(|i| i.booking.as_deref() == Some(booking)))
    }
}

/// A calendar object as a GET found it.
struct Stored {
    body: Vec<u8>,
    /// The `ETag` of the answer, when the server sent one.
    etag: Option<Version>,
}

impl Stored {
    /// The object as text (of the item `id`, for the message).
    fn text(&self, id: &ItemId) -> ProviderResult<&str> {
        std::str::from_utf8(&self.body)
            .map_err(|_| ProviderError::BadData(format!("{} is not UTF-8", id.0)))
    }
}

/// Whether the etag a GET answered with names `version`: compared as
/// `If-Match` compares them (RFC 9110 13.1.1, strong comparison), only
/// the space around them left out.
fn same_version(etag: &Version, version: &Version) -> bool {
    etag.0.trim() == version.0.trim()
}

/// The precondition of a PUT.
#[derive(Clone, Copy)]
enum Condition<'a> {
    /// `If-None-Match: *`
    Absent,
    /// `If-Match: ETAG`
    At(&'a Version),
}

pub(super) fn report_method() -> Method {
    Method::from_bytes(b"REPORT").unwrap_or(Method::GET)
}

pub(super) fn propfind_method() -> Method {
    Method::from_bytes(b"PROPFIND").unwrap_or(Method::GET)
}

impl CalendarProvider for CalDavCalendar {
    fn changes<'a>(&'a self, since: Option<&'a Cursor>) -> BoxFuture<'a, ProviderResult<Changes>> {
        Box::pin(self.list(since, None))
    }

    fn first_listing<'a>(&'a self, limit: Option<usize>) -> BoxFuture<'a, ProviderResult<Changes>> {
        Box::pin(self.list(None, limit))
    }

    fn create<'a>(&'a self, item: &'a ItemWrite) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(async move {
            let data = ical::write_as(item, &ical::uid_for(&item.booking), Utc::now())
                .map_err(ProviderError::BadData)?;
            self.put(self.id_for(&item.booking), Condition::Absent, data)
                .await
        })
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
        Box::pin(async move {
            let mut req = Request::new(Method::DELETE, self.url_of(id)?);
            req.if_match = Some(&version.0);
            let answer = self.dav.send(&req).await?;
            match answer.status.as_u16() {
                200 | 202 | 204 => Ok(()),
                _ => Err(unexpected(&id.0, &answer)),
            }
        })
    }

    fn get<'a>(&'a self, id: &'a ItemId) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        Box::pin(CalDavCalendar::get(self, id.clone()))
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

    fn calendar(url: &str) -> ProviderResult<CalDavCalendar> {
        CalDavCalendar::new(CalDavSettings {
            url: url.to_string(),
            credentials: Credentials {
                username: "anna".into(),
                password: "pw".into(),
            },
            zone: chrono_tz::Europe::Copenhagen,
            retry: RetryPolicy::default(),
        })
    }

    #[test]
    fn our_items_are_named_by_their_booking() {
        let c = calendar("http://127.0.0.1:5232/anna/work").unwrap();
        assert_eq!(c.url(), "http://127.0.0.1:5232/anna/work/");
        assert_eq!(
            c.id_for("7 b/ø").0,
            "/anna/work/renos-booking-7%20b%2F%C3%B8.ics"
        );
        assert_eq!(
            c.path_of("http://127.0.0.1:5232/anna/work/a.ics"),
            "/anna/work/a.ics"
        );
        assert!(!c.is_member("/anna/work/"));
        assert!(c.is_member("/anna/work/a.ics"));
    }

    #[test]
    fn urls_with_secrets_or_odd_schemes_are_refused() {
        assert!(calendar("ftp://x/").is_err());
        assert!(calendar("http://anna:pw@x/cal/").is_err());
        assert!(calendar("http://x/cal/?a=1").is_err());
        assert!(calendar("not a url").is_err());
    }
}
