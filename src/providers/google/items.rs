//! Google's events as the seam's items and back, pure: a recurring event
//! and its changed instances as one item, our facts as private extended
//! properties, ids for new events and instances, and versions.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::types::{EventStatus, EventTime, EventWrite, GoogleError, RemoteEvent};
use super::types::{PROP_BOOKING, PROP_INSTANCE};
use crate::providers::calendar::{
    Content, Exception, ItemId, ItemStatus, ItemWrite, PROPERTY_NAMES, Properties, ProviderError,
    ProviderResult, Recurrence, RemoteItem, Version, When,
};

/// The private extended property holding our fact `name`.
pub(super) fn private_key(name: &str) -> String {
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
            reason: String::new(),
            message: e.to_string(),
        },
        GoogleError::Refused {
            status,
            reason,
            message,
        } => ProviderError::Refused {
            status,
            reason,
            message,
        },
    }
}

/// A Google error as the event-level calls of the seam give it: every case
/// kept apart, so that [`GoogleError::from`] gives it back whole.
pub fn event_error(e: GoogleError) -> ProviderError {
    match e {
        GoogleError::FullSyncRequired => ProviderError::ResyncRequired,
        GoogleError::Deleted => ProviderError::Gone,
        GoogleError::Duplicate => ProviderError::AlreadyExists,
        GoogleError::Stale => ProviderError::PreconditionFailed,
        GoogleError::NotFound(what) => ProviderError::NotFound(what),
        GoogleError::Auth(why) => ProviderError::Unauthorised(why),
        GoogleError::RateLimited { retry_after } => ProviderError::RateLimited { retry_after },
        GoogleError::Server { status, message } => ProviderError::Server { status, message },
        GoogleError::Network(why) => ProviderError::Transient(why),
        GoogleError::BadPageToken => ProviderError::PageExpired,
        GoogleError::ReadOnly(why) => ProviderError::ReadOnly(why),
        GoogleError::Refused {
            status,
            reason,
            message,
        } => ProviderError::Refused {
            status,
            reason,
            message,
        },
    }
}

/// A failure of an event-level call on a Google calendar in Google's own
/// terms (how a run's log and the words name it).
impl From<ProviderError> for GoogleError {
    fn from(e: ProviderError) -> GoogleError {
        match e {
            ProviderError::ResyncRequired => GoogleError::FullSyncRequired,
            ProviderError::Gone => GoogleError::Deleted,
            ProviderError::AlreadyExists => GoogleError::Duplicate,
            ProviderError::PreconditionFailed => GoogleError::Stale,
            ProviderError::NotFound(what) => GoogleError::NotFound(what),
            ProviderError::Unauthorised(why) => GoogleError::Auth(why),
            ProviderError::RateLimited { retry_after } => GoogleError::RateLimited { retry_after },
            ProviderError::Server { status, message } => GoogleError::Server { status, message },
            ProviderError::Transient(why) => GoogleError::Network(why),
            ProviderError::PageExpired => GoogleError::BadPageToken,
            ProviderError::ReadOnly(why) => GoogleError::ReadOnly(why),
            ProviderError::Refused {
                status,
                reason,
                message,
            } => GoogleError::Refused {
                status,
                reason,
                message,
            },
            ProviderError::BadData(why) => GoogleError::Refused {
                status: 0,
                reason: "badData".to_string(),
                message: why,
            },
            e @ ProviderError::TooMany { .. } => GoogleError::Refused {
                status: 0,
                reason: "tooMany".to_string(),
                message: e.to_string(),
            },
        }
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
pub(super) fn split_version(v: &Version) -> (&str, Option<&str>) {
    match v.0.split_once(' ') {
        Some((etag, digest)) => (etag, Some(digest)),
        None => (v.0.as_str(), None),
    }
}

/// The version of a recurring event with changed instances: its etag and
/// a digest (FNV-1a) of the instances' ids and etags.
pub(super) fn series_version(etag: &str, instances: &[RemoteEvent]) -> Version {
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

pub(super) fn when_of(t: EventTime) -> When {
    match t {
        EventTime::At(at) => When::At(at),
        EventTime::Date(d) => When::Day(d),
    }
}

pub(super) fn status_of(s: EventStatus) -> ItemStatus {
    match s {
        EventStatus::Confirmed => ItemStatus::Confirmed,
        EventStatus::Tentative => ItemStatus::Tentative,
        EventStatus::Cancelled => ItemStatus::Cancelled,
    }
}

pub(super) fn content_of(ev: &RemoteEvent) -> Result<Content, String> {
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
pub(super) fn exdates(line: &str) -> Result<Vec<When>, String> {
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
pub(super) fn recurrence_of(lines: &[String]) -> Result<Option<Recurrence>, String> {
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
pub(super) fn item_of(ev: RemoteEvent, instances: Vec<RemoteEvent>) -> Result<RemoteItem, String> {
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
pub(super) fn follows_rule(master: &Content, original: When, c: &Content) -> bool {
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
pub(super) fn start_key(w: &When) -> DateTime<Utc> {
    match w {
        When::At(t) => *t,
        When::Day(d) => d
            .and_hms_opt(0, 0, 0)
            .map_or(DateTime::<Utc>::MIN_UTC, |t| t.and_utc()),
    }
}

pub(super) fn instant(w: &When) -> ProviderResult<DateTime<Utc>> {
    match w {
        When::At(t) => Ok(*t),
        When::Day(d) => Err(ProviderError::BadData(format!(
            "an all-day time ({d}) where a booking has a time"
        ))),
    }
}

pub(super) fn duration_of(c: &Content) -> ProviderResult<chrono::Duration> {
    Ok(instant(&c.end)? - instant(&c.start)?)
}

pub(super) fn event_status(s: ItemStatus) -> EventStatus {
    match s {
        ItemStatus::Confirmed => EventStatus::Confirmed,
        ItemStatus::Tentative => EventStatus::Tentative,
        ItemStatus::Cancelled => EventStatus::Cancelled,
    }
}

/// The private extended properties of `item`'s event.
pub(super) fn private_of(item: &ItemWrite) -> ProviderResult<BTreeMap<String, String>> {
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
pub(super) fn event_write(item: &ItemWrite) -> ProviderResult<EventWrite> {
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
pub(super) fn instance_write(item: &ItemWrite, c: &Content) -> ProviderResult<EventWrite> {
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
    fn every_google_error_comes_back_whole_through_the_seam() {
        use std::time::Duration;
        let all = [
            GoogleError::FullSyncRequired,
            GoogleError::Deleted,
            GoogleError::Duplicate,
            GoogleError::Stale,
            GoogleError::NotFound("event x".into()),
            GoogleError::Auth("invalid_grant".into()),
            GoogleError::RateLimited {
                retry_after: Some(Duration::from_secs(7)),
            },
            GoogleError::Server {
                status: 503,
                message: "Backend Error".into(),
            },
            GoogleError::Network("connection refused".into()),
            GoogleError::BadPageToken,
            GoogleError::ReadOnly("reader".into()),
            GoogleError::Refused {
                status: 400,
                reason: "badRequest".into(),
                message: "Invalid start time.".into(),
            },
        ];
        for e in all {
            let through = event_error(e.clone());
            // The engine's judgements hold on the seam's side as well.
            assert_eq!(through.is_transient(), e.is_transient(), "{e:?}");
            assert_eq!(through.is_network(), e.is_network(), "{e:?}");
            assert_eq!(through.is_rate_limit(), e.is_rate_limit(), "{e:?}");
            assert_eq!(GoogleError::from(through), e);
        }
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
