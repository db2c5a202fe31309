//! [`GoogleProvider`]: one Google calendar behind the provider seam, over
//! the same [`GoogleClient`] the sync engine uses.
//!
//! - The cursor is Google's sync token; a 410 asks for a full sync
//!   ([`ProviderError::ResyncRequired`]). Recurring events are listed as
//!   themselves (`singleEvents=false`) with their changed instances beside
//!   them: an item is the recurring event, its changed instances are its
//!   exceptions, its cancelled instances and EXDATE lines the occurrences it
//!   leaves out. A changed instance whose recurring event was not in the
//!   listing brings the whole series along (one listing by `iCalUID`).
//! - The version is the event's etag. Google does not change a recurring
//!   event's etag when one of its instances changes, so a series with
//!   changed instances has a version made of the event's etag and a digest
//!   of its instances' etags; a write against it re-reads the instances
//!   first, and refuses when they moved ([`ProviderError::PreconditionFailed`]).
//! - The booking id and our other facts are private extended properties
//!   (`renos_booking`, `renos_customer`, …), as the sync engine writes them.
//! - A new item takes the id the write proposes ([`ItemWrite::key`]) or one
//!   derived from its booking, so a repeated create meets the first (409 →
//!   [`ProviderError::PreconditionFailed`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use futures::future::BoxFuture;

use super::client::GoogleClient;
use super::types::{EventStatus, EventTime, EventWrite, GoogleError, ListQuery, RemoteEvent};
use super::types::{PROP_BOOKING, PROP_INSTANCE};
use crate::providers::calendar::{
    CalendarProvider, Changes, Content, Cursor, Exception, ItemId, ItemStatus, ItemWrite,
    PROPERTY_NAMES, Properties, ProviderError, ProviderResult, Recurrence, RemoteItem, Version,
    When, Written,
};

/// Google's largest page.
const PAGE: u32 = 2500;

/// How often one listing starts again after a refused page token.
const RESTARTS: u32 = 3;

/// The private extended property holding our fact `name`.
fn private_key(name: &str) -> String {
    if name == "instance" {
        PROP_INSTANCE.to_string()
    } else {
        format!("renos_{name}")
    }
}

/// Google's error as the seam's.
pub fn provider_error(e: GoogleError) -> ProviderError {
    match e {
        GoogleError::FullSyncRequired => ProviderError::ResyncRequired,
        GoogleError::Stale | GoogleError::Duplicate => ProviderError::PreconditionFailed,
        GoogleError::Deleted => ProviderError::NotFound("the event is deleted".to_string()),
        GoogleError::NotFound(what) => ProviderError::NotFound(what),
        GoogleError::Auth(why) => ProviderError::Unauthorised(why),
        e @ (GoogleError::RateLimited { .. }
        | GoogleError::Server { .. }
        | GoogleError::Network(_)
        | GoogleError::BadPageToken) => ProviderError::Transient(e.to_string()),
        e @ GoogleError::ReadOnly(_) => ProviderError::Refused {
            status: 403,
            message: e.to_string(),
        },
        GoogleError::Refused {
            status, message, ..
        } => ProviderError::Refused { status, message },
    }
}

/// One calendar of one Google account.
pub struct GoogleProvider {
    client: Arc<GoogleClient>,
    calendar: String,
    /// Bounds of a full listing (events ending after `.0`, starting before
    /// `.1`); everything when `None`.
    window: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

impl std::fmt::Debug for GoogleProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GoogleProvider")
            .field("calendar", &self.calendar)
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

impl GoogleProvider {
    /// The calendar `calendar` (an id, or `primary`) through `client`.
    pub fn new(client: Arc<GoogleClient>, calendar: &str) -> GoogleProvider {
        GoogleProvider {
            client,
            calendar: calendar.to_string(),
            window: None,
        }
    }

    /// A full listing brings only events ending after `from` and starting
    /// before `to` (the sync window).
    pub fn with_window(mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> GoogleProvider {
        self.window = Some((from, to));
        self
    }

    pub fn calendar(&self) -> &str {
        &self.calendar
    }

    pub fn client(&self) -> &GoogleClient {
        &self.client
    }

    /// Every page of one listing; a refused page token starts it again.
    async fn list_all(
        &self,
        first: ListQuery,
    ) -> ProviderResult<(Vec<RemoteEvent>, Option<String>)> {
        let mut q = first.clone();
        let mut events = Vec::new();
        let mut restarts = 0;
        loop {
            match self.client.list(&self.calendar, &q).await {
                Ok(page) => {
                    events.extend(page.events);
                    match page.next_page_token {
                        Some(t) => q.page_token = Some(t),
                        None => return Ok((events, page.next_sync_token)),
                    }
                }
                Err(GoogleError::BadPageToken) if restarts < RESTARTS => {
                    restarts += 1;
                    events.clear();
                    q = first.clone();
                }
                Err(e) => return Err(provider_error(e)),
            }
        }
    }

    /// A recurring event and every changed (or cancelled) instance of it.
    async fn series_of(&self, uid: &str) -> ProviderResult<Vec<RemoteEvent>> {
        let q = ListQuery {
            ical_uid: Some(uid.to_string()),
            whole_series: true,
            max_results: Some(PAGE),
            ..ListQuery::default()
        };
        Ok(self.list_all(q).await?.0)
    }

    /// The item `id` as it is now, with its instances; `None` when deleted.
    async fn read(&self, id: &str) -> ProviderResult<Option<RemoteItem>> {
        let ev = match self.client.get(&self.calendar, id).await {
            Ok(ev) if ev.status != EventStatus::Cancelled => ev,
            Ok(_) | Err(GoogleError::Deleted) | Err(GoogleError::NotFound(_)) => return Ok(None),
            Err(e) => return Err(provider_error(e)),
        };
        self.complete(ev).await.map(Some)
    }

    /// `ev` as an item: a recurring event with its instances read.
    async fn complete(&self, ev: RemoteEvent) -> ProviderResult<RemoteItem> {
        if ev.recurrence.is_empty() {
            return item_of(ev, Vec::new()).map_err(ProviderError::BadData);
        }
        let instances = match &ev.ical_uid {
            Some(uid) => self
                .series_of(uid)
                .await?
                .into_iter()
                .filter(|e| e.recurring_event_id.as_deref() == Some(ev.id.as_str()))
                .collect(),
            None => Vec::new(),
        };
        item_of(ev, instances).map_err(ProviderError::BadData)
    }

    /// Writes the changed occurrences of `item` as instances of the recurring
    /// event `id`, and puts back those changed there that `item` no longer
    /// changes (`before`: the item as it was).
    async fn write_exceptions(
        &self,
        id: &str,
        item: &ItemWrite,
        before: Option<&RemoteItem>,
    ) -> ProviderResult<()> {
        for ex in &item.exceptions {
            let w = instance_write(item, &ex.content)?;
            let inst = instance_id(id, &ex.original_start);
            self.client
                .patch(&self.calendar, &inst, None, &w)
                .await
                .map_err(provider_error)?;
        }
        let Some(before) = before else {
            return Ok(());
        };
        let kept: Vec<&When> = item.exceptions.iter().map(|e| &e.original_start).collect();
        let excluded: Vec<&When> = item
            .recurrence
            .iter()
            .flat_map(|r| r.excluded.iter())
            .collect();
        let duration = duration_of(&item.content)?;
        let gone_back = before
            .exceptions
            .iter()
            .map(|e| e.original_start)
            .chain(before.recurrence.iter().flat_map(|r| r.excluded.clone()))
            .filter(|o| !kept.contains(&o) && !excluded.contains(&o));
        let mut restored = Vec::new();
        for original in gone_back {
            if restored.contains(&original) {
                continue;
            }
            restored.push(original);
            let When::At(at) = original else {
                continue;
            };
            let content = Content {
                start: When::At(at),
                end: When::At(at + duration),
                ..item.content.clone()
            };
            let w = instance_write(item, &content)?;
            match self
                .client
                .patch(&self.calendar, &instance_id(id, &original), None, &w)
                .await
            {
                // An EXDATE taken out of the rule needs no instance put back.
                Ok(_) | Err(GoogleError::NotFound(_)) | Err(GoogleError::Deleted) => {}
                Err(e) => return Err(provider_error(e)),
            }
        }
        Ok(())
    }

    /// What was written: the event's etag, or for a series the version a
    /// listing will show (its instances read again).
    async fn written(&self, ev: RemoteEvent) -> ProviderResult<Written> {
        let id = ItemId(ev.id.clone());
        if ev.recurrence.is_empty() {
            let version = ev.etag.clone().unwrap_or_default();
            return Ok(Written {
                id,
                version: Version(version),
            });
        }
        let item = match self.read(&ev.id).await? {
            Some(item) => item,
            None => return Err(ProviderError::NotFound(ev.id)),
        };
        Ok(Written {
            id,
            version: item.version,
        })
    }
}

impl CalendarProvider for GoogleProvider {
    fn changes<'a>(&'a self, since: Option<&'a Cursor>) -> BoxFuture<'a, ProviderResult<Changes>> {
        Box::pin(async move {
            let full = since.is_none();
            let q = ListQuery {
                sync_token: since.map(|c| c.0.clone()),
                max_results: Some(PAGE),
                time_min: self.window.filter(|_| full).map(|w| w.0),
                time_max: self.window.filter(|_| full).map(|w| w.1),
                whole_series: true,
                ..ListQuery::default()
            };
            let (events, next) = self.list_all(q).await?;
            let mut changes = Changes {
                next: next.map(Cursor),
                ..Changes::default()
            };
            // Recurring events and single ones, in the order listed; the
            // changed instances by their recurring event.
            let mut order = Vec::new();
            let mut masters: BTreeMap<String, RemoteEvent> = BTreeMap::new();
            let mut instances: BTreeMap<String, Vec<RemoteEvent>> = BTreeMap::new();
            for ev in events {
                match ev.recurring_event_id.clone() {
                    Some(m) => instances.entry(m).or_default().push(ev),
                    None if ev.status == EventStatus::Cancelled => {
                        masters.remove(&ev.id);
                        changes.deletions.push(ItemId(ev.id));
                    }
                    None => {
                        if !masters.contains_key(&ev.id) {
                            order.push(ev.id.clone());
                        }
                        masters.insert(ev.id.clone(), ev);
                    }
                }
            }
            let deleted: Vec<String> = changes.deletions.iter().map(|d| d.0.clone()).collect();
            // Instances of a recurring event the listing did not bring: the
            // whole series is read.
            for m in instances.keys() {
                if !masters.contains_key(m) && !deleted.contains(m) {
                    order.push(m.clone());
                }
            }
            for id in order {
                let listed = masters.remove(&id);
                let item = match listed {
                    // A full listing brings every changed instance.
                    Some(ev) if full || ev.recurrence.is_empty() => {
                        let own = instances.remove(&id).unwrap_or_default();
                        item_of(ev, own)
                    }
                    Some(ev) => match self.complete(ev).await {
                        Ok(item) => Ok(item),
                        Err(ProviderError::BadData(why)) => Err(why),
                        Err(e) => return Err(e),
                    },
                    None => match self.read(&id).await {
                        Ok(Some(item)) => Ok(item),
                        Ok(None) => {
                            changes.deletions.push(ItemId(id));
                            continue;
                        }
                        Err(ProviderError::BadData(why)) => Err(why),
                        Err(e) => return Err(e),
                    },
                };
                match item {
                    Ok(item) => changes.upserts.push(item),
                    Err(why) => changes.unreadable.push((ItemId(id), why)),
                }
            }
            Ok(changes)
        })
    }

    fn create<'a>(&'a self, item: &'a ItemWrite) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(async move {
            let w = event_write(item)?;
            let id = item.key.clone().unwrap_or_else(|| key_for(&item.booking));
            let ev = self
                .client
                .insert(&self.calendar, &id, &w)
                .await
                .map_err(provider_error)?;
            if !item.exceptions.is_empty() {
                self.write_exceptions(&ev.id, item, None).await?;
            }
            self.written(ev).await
        })
    }

    fn update<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
        item: &'a ItemWrite,
    ) -> BoxFuture<'a, ProviderResult<Written>> {
        Box::pin(async move {
            let w = event_write(item)?;
            let (etag, digest) = split_version(version);
            // A series' instances, to check the version against and to put
            // back what the write no longer changes.
            let before = if digest.is_some() || item.recurrence.is_some() {
                match self.read(&id.0).await? {
                    Some(b) if digest.is_none() || b.version == *version => Some(b),
                    _ => return Err(ProviderError::PreconditionFailed),
                }
            } else {
                None
            };
            let ev = self
                .client
                .patch(&self.calendar, &id.0, Some(etag), &w)
                .await
                .map_err(provider_error)?;
            if item.recurrence.is_some() {
                self.write_exceptions(&ev.id, item, before.as_ref()).await?;
            }
            self.written(ev).await
        })
    }

    fn delete<'a>(
        &'a self,
        id: &'a ItemId,
        version: &'a Version,
    ) -> BoxFuture<'a, ProviderResult<()>> {
        Box::pin(async move {
            let (etag, digest) = split_version(version);
            if digest.is_some() {
                match self.read(&id.0).await? {
                    Some(b) if b.version == *version => {}
                    Some(_) => return Err(ProviderError::PreconditionFailed),
                    None => return Err(ProviderError::NotFound(id.0.clone())),
                }
            }
            self.client
                .delete(&self.calendar, &id.0, Some(etag))
                .await
                .map_err(provider_error)
        })
    }

    fn find_by_booking<'a>(
        &'a self,
        booking: &'a str,
    ) -> BoxFuture<'a, ProviderResult<Option<RemoteItem>>> {
        Box::pin(async move {
            let q = ListQuery {
                private: vec![(PROP_BOOKING.to_string(), booking.to_string())],
                live_only: true,
                whole_series: true,
                max_results: Some(50),
                ..ListQuery::default()
            };
            let (events, _) = self.list_all(q).await?;
            // Changed instances carry their series' properties too.
            let Some(ev) = events
                .into_iter()
                .find(|e| e.recurring_event_id.is_none() && e.status != EventStatus::Cancelled)
            else {
                return Ok(None);
            };
            self.complete(ev).await.map(Some)
        })
    }
}

/// The id of a new event for `booking` when the write proposes none:
/// `renos` and the booking in base32hex (Google takes `a`–`v`, `0`–`9`).
pub fn key_for(booking: &str) -> String {
    const DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    let mut out = String::from("renos");
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in booking.bytes() {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(DIGITS[((acc >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(DIGITS[((acc << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The id of the instance of recurring event `id` at `original` (its start
/// as the rule has it): `{id}_20261207T080000Z`, or `{id}_20261207` all day.
pub fn instance_id(id: &str, original: &When) -> String {
    match original {
        When::At(t) => format!("{id}_{}", t.format("%Y%m%dT%H%M%SZ")),
        When::Day(d) => format!("{id}_{}", d.format("%Y%m%d")),
    }
}

/// A version as the etag to send and the digest of a series' instances.
fn split_version(v: &Version) -> (&str, Option<&str>) {
    match v.0.split_once(' ') {
        Some((etag, digest)) => (etag, Some(digest)),
        None => (v.0.as_str(), None),
    }
}

/// The version of a recurring event with changed instances: its etag and
/// a digest (FNV-1a) of the instances' ids and etags.
fn series_version(etag: &str, instances: &[RemoteEvent]) -> Version {
    if instances.is_empty() {
        return Version(etag.to_string());
    }
    let mut parts: Vec<String> = instances
        .iter()
        .map(|i| format!("{}={}", i.id, i.etag.as_deref().unwrap_or_default()))
        .collect();
    parts.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.join("\n").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    Version(format!("{etag} {h:016x}"))
}

fn when_of(t: EventTime) -> When {
    match t {
        EventTime::At(at) => When::At(at),
        EventTime::Date(d) => When::Day(d),
    }
}

fn status_of(s: EventStatus) -> ItemStatus {
    match s {
        EventStatus::Confirmed => ItemStatus::Confirmed,
        EventStatus::Tentative => ItemStatus::Tentative,
        EventStatus::Cancelled => ItemStatus::Cancelled,
    }
}

fn content_of(ev: &RemoteEvent) -> Result<Content, String> {
    let (Some(start), Some(end)) = (ev.start, ev.end) else {
        return Err(format!("the event {} has no start or end", ev.id));
    };
    Ok(Content {
        summary: ev.summary.clone(),
        description: ev.description.clone(),
        location: ev.location.clone(),
        start: when_of(start),
        end: when_of(end),
        status: status_of(ev.status),
    })
}

/// The dates of one `EXDATE` line: UTC (`…Z`), in a zone (`TZID=`), or
/// days (`VALUE=DATE`).
fn exdates(line: &str) -> Result<Vec<When>, String> {
    let bad = || format!("an EXDATE line that cannot be read: {line:?}");
    let (head, values) = line.split_once(':').ok_or_else(bad)?;
    let zone: Option<Tz> = head
        .split(';')
        .find_map(|p| p.strip_prefix("TZID="))
        .map(|z| z.parse().map_err(|_| bad()))
        .transpose()?;
    values
        .split(',')
        .map(|v| {
            let v = v.trim();
            if v.len() == 8 {
                return NaiveDate::parse_from_str(v, "%Y%m%d")
                    .map(When::Day)
                    .map_err(|_| bad());
            }
            if let Some(utc) = v.strip_suffix('Z') {
                return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
                    .map(|t| When::At(t.and_utc()))
                    .map_err(|_| bad());
            }
            let local = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
            match zone {
                Some(z) => z
                    .from_local_datetime(&local)
                    .earliest()
                    .map(|t| When::At(t.with_timezone(&Utc)))
                    .ok_or_else(bad),
                None => Err(bad()),
            }
        })
        .collect()
}

/// A recurring event's lines as the seam's rule; other lines (RDATE)
/// cannot be held and make the item unreadable.
fn recurrence_of(lines: &[String]) -> Result<Option<Recurrence>, String> {
    if lines.is_empty() {
        return Ok(None);
    }
    let mut rule = None;
    let mut excluded = Vec::new();
    for l in lines {
        let name = l.split([':', ';']).next().unwrap_or_default();
        match name.to_ascii_uppercase().as_str() {
            "RRULE" => rule = Some(l.split_once(':').map_or("", |(_, r)| r).to_string()),
            "EXDATE" => excluded.extend(exdates(l)?),
            _ => return Err(format!("a recurrence line the sync cannot hold: {l:?}")),
        }
    }
    let rule = rule.ok_or("a recurring event without an RRULE")?;
    Ok(Some(Recurrence { rule, excluded }))
}

/// An event and its changed instances as an item.
fn item_of(ev: RemoteEvent, instances: Vec<RemoteEvent>) -> Result<RemoteItem, String> {
    let mut recurrence = recurrence_of(&ev.recurrence)?;
    let master = content_of(&ev)?;
    let mut exceptions = Vec::new();
    for i in &instances {
        let original = i
            .original_start
            .map(when_of)
            .ok_or_else(|| format!("the instance {} has no original start", i.id))?;
        if i.status == EventStatus::Cancelled {
            // A deleted occurrence: one the rule leaves out.
            if let Some(r) = recurrence.as_mut()
                && !r.excluded.contains(&original)
            {
                r.excluded.push(original);
            }
            continue;
        }
        let content = content_of(i)?;
        // Google keeps an instance that was changed and put back as an
        // instance of its own: saying what the rule says, it changes nothing.
        if follows_rule(&master, original, &content) {
            continue;
        }
        exceptions.push(Exception {
            original_start: original,
            content,
        });
    }
    exceptions.sort_by_key(|e| start_key(&e.original_start));
    if let Some(r) = recurrence.as_mut() {
        r.excluded.sort_by_key(start_key);
    }
    let properties: Properties = PROPERTY_NAMES
        .iter()
        .filter_map(|n| {
            ev.private
                .get(&private_key(n))
                .map(|v| (n.to_string(), v.clone()))
        })
        .collect();
    let etag = ev.etag.clone().unwrap_or_default();
    Ok(RemoteItem {
        id: ItemId(ev.id.clone()),
        version: series_version(&etag, &instances),
        booking: ev.private.get(PROP_BOOKING).cloned(),
        properties,
        content: master,
        recurrence,
        exceptions,
    })
}

/// Does an occurrence at `original` saying `c` say what the series says?
fn follows_rule(master: &Content, original: When, c: &Content) -> bool {
    let (When::At(ms), When::At(me), When::At(o)) = (master.start, master.end, original) else {
        return false;
    };
    *c == Content {
        start: When::At(o),
        end: When::At(o + (me - ms)),
        ..master.clone()
    }
}

/// A start as something to sort by.
fn start_key(w: &When) -> DateTime<Utc> {
    match w {
        When::At(t) => *t,
        When::Day(d) => d
            .and_hms_opt(0, 0, 0)
            .map_or(DateTime::<Utc>::MIN_UTC, |t| t.and_utc()),
    }
}

fn instant(w: &When) -> ProviderResult<DateTime<Utc>> {
    match w {
        When::At(t) => Ok(*t),
        When::Day(d) => Err(ProviderError::BadData(format!(
            "an all-day time ({d}) where a booking has a time"
        ))),
    }
}

fn duration_of(c: &Content) -> ProviderResult<chrono::Duration> {
    Ok(instant(&c.end)? - instant(&c.start)?)
}

fn event_status(s: ItemStatus) -> EventStatus {
    match s {
        ItemStatus::Confirmed => EventStatus::Confirmed,
        ItemStatus::Tentative => EventStatus::Tentative,
        ItemStatus::Cancelled => EventStatus::Cancelled,
    }
}

/// The private extended properties of `item`'s event.
fn private_of(item: &ItemWrite) -> ProviderResult<BTreeMap<String, String>> {
    if let Some(name) = item.unknown_property() {
        return Err(ProviderError::BadData(format!(
            "a property no calendar keeps: {name:?}"
        )));
    }
    let mut private: BTreeMap<String, String> = item
        .properties
        .iter()
        .map(|(k, v)| (private_key(k), v.clone()))
        .collect();
    private.insert(PROP_BOOKING.to_string(), item.booking.clone());
    Ok(private)
}

/// The event of `item`: timed, its rule and left-out dates (in UTC) as
/// `recurrence` lines.
fn event_write(item: &ItemWrite) -> ProviderResult<EventWrite> {
    let mut w = instance_write(item, &item.content)?;
    if let Some(r) = &item.recurrence {
        w.recurrence.push(format!("RRULE:{}", r.rule));
        if !r.excluded.is_empty() {
            let dates = r
                .excluded
                .iter()
                .map(|d| instant(d).map(|t| t.format("%Y%m%dT%H%M%SZ").to_string()))
                .collect::<ProviderResult<Vec<_>>>()?;
            w.recurrence.push(format!("EXDATE:{}", dates.join(",")));
        }
    }
    Ok(w)
}

/// One event (or instance) saying `c`, with `item`'s properties.
fn instance_write(item: &ItemWrite, c: &Content) -> ProviderResult<EventWrite> {
    Ok(EventWrite {
        summary: c.summary.clone(),
        description: c.description.clone(),
        location: c.location.clone(),
        start: instant(&c.start)?,
        end: instant(&c.end)?,
        time_zone: item.time_zone.clone(),
        status: event_status(c.status),
        private: private_of(item)?,
        recurrence: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0)
            .single()
            .expect("t")
    }

    #[test]
    fn keys_are_base32hex_and_differ_by_booking() {
        let a = key_for("17");
        assert!(a.starts_with("renos"));
        assert!(
            a.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'v').contains(&b)),
            "{a}"
        );
        assert_ne!(a, key_for("18"));
        assert_ne!(key_for("1"), key_for("1\0"));
    }

    #[test]
    fn exdate_lines_of_every_shape_are_read() {
        let z = exdates("EXDATE:20261207T080000Z,20261214T080000Z").expect("utc");
        assert_eq!(z, vec![When::At(at(7, 8)), When::At(at(14, 8))]);
        let local = exdates("EXDATE;TZID=Europe/Copenhagen:20261207T090000").expect("tz");
        assert_eq!(local, vec![When::At(at(7, 8))]);
        let day = exdates("EXDATE;VALUE=DATE:20261207").expect("day");
        assert_eq!(
            day,
            vec![When::Day(NaiveDate::from_ymd_opt(2026, 12, 7).expect("d"))]
        );
        assert!(exdates("EXDATE:20261207T090000").is_err());
        assert!(recurrence_of(&["RDATE:20261207T090000Z".into()]).is_err());
    }

    fn event(id: &str) -> RemoteEvent {
        let mut ev = RemoteEvent::bare(id, EventStatus::Confirmed);
        ev.etag = Some("\"1\"".into());
        ev.start = Some(EventTime::At(at(7, 8)));
        ev.end = Some(EventTime::At(at(7, 10)));
        ev
    }

    #[test]
    fn a_series_with_its_instances_is_one_item() {
        let mut m = event("s1");
        m.recurrence = vec!["RRULE:FREQ=WEEKLY;COUNT=4".into()];
        m.private.insert(PROP_BOOKING.into(), "9".into());
        m.private.insert("renos_series".into(), "3".into());
        m.private.insert("renos_other".into(), "x".into());
        let mut moved = event("s1_20261214T080000Z");
        moved.recurring_event_id = Some("s1".into());
        moved.original_start = Some(EventTime::At(at(14, 8)));
        moved.start = Some(EventTime::At(at(14, 12)));
        moved.end = Some(EventTime::At(at(14, 14)));
        let mut gone = RemoteEvent::bare("s1_20261221T080000Z", EventStatus::Cancelled);
        gone.recurring_event_id = Some("s1".into());
        gone.original_start = Some(EventTime::At(at(21, 8)));
        let item = item_of(m.clone(), vec![moved.clone(), gone.clone()]).expect("item");
        assert_eq!(item.booking.as_deref(), Some("9"));
        assert_eq!(
            item.properties,
            Properties::from([("series".to_string(), "3".to_string())])
        );
        let r = item.recurrence.clone().expect("rule");
        assert_eq!(r.rule, "FREQ=WEEKLY;COUNT=4");
        assert_eq!(r.excluded, vec![When::At(at(21, 8))]);
        assert_eq!(item.exceptions.len(), 1);
        assert_eq!(item.exceptions[0].content.start, When::At(at(14, 12)));
        // The version moves with an instance, not only with the event.
        assert!(item.version.0.starts_with("\"1\" "));
        moved.etag = Some("\"2\"".into());
        let again = item_of(m.clone(), vec![moved, gone]).expect("item");
        assert_ne!(item.version, again.version);
        assert_eq!(item_of(m, Vec::new()).expect("item").version.0, "\"1\"");
    }

    #[test]
    fn errors_map_to_the_seams_cases() {
        assert_eq!(
            provider_error(GoogleError::FullSyncRequired),
            ProviderError::ResyncRequired
        );
        assert_eq!(
            provider_error(GoogleError::Stale),
            ProviderError::PreconditionFailed
        );
        assert_eq!(
            provider_error(GoogleError::Duplicate),
            ProviderError::PreconditionFailed
        );
        assert!(provider_error(GoogleError::Network("x".into())).is_transient());
        assert!(matches!(
            provider_error(GoogleError::Deleted),
            ProviderError::NotFound(_)
        ));
    }
}
