//! Calendar objects (RFC 5545) to and from the seam's items.
//!
//! Today's iCalendar reader and writer (`interchange::ics`) are used rather
//! than a second parser such as `calcard`: they already read folded lines,
//! quoted parameters, IANA, Windows and VTIMEZONE-defined zones and
//! RECURRENCE-ID, they are fuzzed with every other reader, and what they
//! write imports in khal and calcurse. One calendar object holds one event
//! and its changed occurrences, all with one UID.

use std::io::Cursor as IoCursor;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::interchange::ics::{
    Component, Event, EventOut, IcsReader, IcsTime, IcsWriter, Resolved, TzResolver,
};
use crate::providers::calendar::{
    Content, Exception, ItemId, ItemStatus, ItemWrite, Properties, Recurrence, RemoteItem, Version,
    When, is_property,
};

/// The property that names the booking an event was made for.
pub const X_BOOKING: &str = "X-RENOS-BOOKING";

/// What our other facts' property names start with (`X-RENOS-CUSTOMER`, …).
pub(super) const X_PREFIX: &str = "X-RENOS-";

/// The iCalendar property holding our fact `name`.
fn x_name(name: &str) -> String {
    format!("{X_PREFIX}{}", name.to_ascii_uppercase())
}

/// Our facts among an event's `X-` properties.
fn properties_of(extra: &[(String, String)]) -> Properties {
    extra
        .iter()
        .filter_map(|(n, v)| {
            let name = n.strip_prefix(X_PREFIX)?.to_ascii_lowercase();
            is_property(&name).then(|| (name, v.clone()))
        })
        .collect()
}

const PRODID: &str = "-//RenOS Dispatch//CalDAV//EN";

/// The UID of the event made for `booking`.
pub fn uid_for(booking: &str) -> String {
    format!("renos-booking-{booking}")
}

/// The UID of the calendar object `data` (its first event's), if it has
/// one.
pub fn uid_of(data: &str) -> Option<String> {
    IcsReader::new(IoCursor::new(data.as_bytes()))
        .find_map(|c| match c {
            Ok(Component::Event(e)) => Some(e.uid),
            _ => None,
        })
        .filter(|u| !u.is_empty())
}

/// The calendar object of `item` under the UID `uid` (ours is
/// [`uid_for`] its booking; an item made by someone else keeps its own: a
/// server refuses another UID at its href), stamped `now`. Bookings are
/// timed: an all-day start or end is refused.
pub fn write_as(item: &ItemWrite, uid: &str, now: DateTime<Utc>) -> Result<String, String> {
    if let Some(name) = item.unknown_property() {
        return Err(format!("a property no calendar keeps: {name:?}"));
    }
    let tz: Tz = item
        .time_zone
        .parse()
        .map_err(|_| format!("unknown time zone {:?}", item.time_zone))?;
    let mut w = IcsWriter::new(Vec::new(), tz, PRODID).map_err(|e| e.to_string())?;
    let (rrule, exdates) = match &item.recurrence {
        Some(r) => (
            Some(r.rule.clone()),
            r.excluded
                .iter()
                .map(instant)
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => (None, Vec::new()),
    };
    let master = EventOut {
        rrule,
        exdates,
        ..event_out(uid, item, &item.content, now)?
    };
    w.event(&master).map_err(|e| e.to_string())?;
    for ex in &item.exceptions {
        let out = EventOut {
            recurrence_id: Some(instant(&ex.original_start)?),
            ..event_out(uid, item, &ex.content, now)?
        };
        w.event(&out).map_err(|e| e.to_string())?;
    }
    let bytes = w.finish().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

fn event_out(
    uid: &str,
    item: &ItemWrite,
    c: &Content,
    now: DateTime<Utc>,
) -> Result<EventOut, String> {
    let mut extra = vec![(X_BOOKING.to_string(), item.booking.clone())];
    extra.extend(
        item.properties
            .iter()
            .map(|(name, value)| (x_name(name), value.clone())),
    );
    Ok(EventOut {
        uid: uid.to_string(),
        stamp: now,
        start: instant(&c.start)?,
        end: instant(&c.end)?,
        summary: c.summary.clone(),
        description: c.description.clone(),
        location: c.location.clone(),
        status: Some(status_word(c.status).to_string()),
        extra,
        ..EventOut::default()
    })
}

fn instant(w: &When) -> Result<DateTime<Utc>, String> {
    match w {
        When::At(t) => Ok(*t),
        When::Day(d) => Err(format!("an all-day time ({d}) where a booking has a time")),
    }
}

fn status_word(s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Confirmed => "CONFIRMED",
        ItemStatus::Tentative => "TENTATIVE",
        ItemStatus::Cancelled => "CANCELLED",
    }
}

fn status_of(s: Option<&str>) -> ItemStatus {
    match s {
        Some("TENTATIVE") => ItemStatus::Tentative,
        Some("CANCELLED") => ItemStatus::Cancelled,
        _ => ItemStatus::Confirmed,
    }
}

/// Reads the calendar object `data` of the item `id` at `version`.
/// `Ok(None)`: it holds no event (a task, a journal entry). `zone` is the
/// zone of floating times.
pub fn read(
    id: ItemId,
    version: Version,
    data: &str,
    zone: Tz,
) -> Result<Option<RemoteItem>, String> {
    let (events, zones) = events_of(data, zone)?;
    let Some(first) = events.first() else {
        return Ok(None);
    };
    let uid = first.uid.clone();
    if events.iter().any(|e| e.uid != uid) {
        return Err("one calendar object holds events of several UIDs".to_string());
    }
    let (masters, others): (Vec<Event>, Vec<Event>) =
        events.into_iter().partition(|e| e.recurrence_id.is_none());
    let master = match masters.as_slice() {
        [m] => m,
        [] => return Err("changed occurrences without their recurring event".to_string()),
        _ => return Err("two events with one UID and no RECURRENCE-ID".to_string()),
    };
    let booking = master
        .extra
        .iter()
        .find(|(n, _)| n == X_BOOKING)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty());
    let recurrence = match &master.rrule {
        Some(rule) => Some(Recurrence {
            rule: rule.clone(),
            excluded: master
                .exdates
                .iter()
                .map(|t| when(&zones, t))
                .collect::<Result<_, _>>()?,
        }),
        None => None,
    };
    let mut exceptions = Vec::with_capacity(others.len());
    for e in &others {
        let Some(rid) = &e.recurrence_id else {
            continue;
        };
        exceptions.push(Exception {
            original_start: when(&zones, rid)?,
            content: content(&zones, e)?,
        });
    }
    Ok(Some(RemoteItem {
        id,
        version,
        booking,
        properties: properties_of(&master.extra),
        content: content(&zones, master)?,
        recurrence,
        exceptions,
    }))
}

/// The events of the calendar object `data` in their order, and its zones
/// to read their times with (`zone` for floating times).
pub(super) fn events_of(data: &str, zone: Tz) -> Result<(Vec<Event>, TzResolver), String> {
    let mut zones = TzResolver::new(zone);
    let mut events: Vec<Event> = Vec::new();
    for c in IcsReader::new(IoCursor::new(data.as_bytes())) {
        match c.map_err(|e| e.to_string())? {
            Component::Event(e) => events.push(*e),
            Component::Timezone(tz) => zones.add(&tz),
        }
    }
    Ok((events, zones))
}

pub(super) fn when(zones: &TzResolver, t: &IcsTime) -> Result<When, String> {
    Ok(match zones.resolve(t)? {
        Resolved::At(t) => When::At(t),
        Resolved::Day(d) => When::Day(d),
    })
}

/// DTEND, else DTSTART + DURATION, else (RFC 5545 3.6.1) the start itself
/// for a timed event and the next day for an all-day one.
pub(super) fn content(zones: &TzResolver, e: &Event) -> Result<Content, String> {
    let start_time = e
        .start
        .as_ref()
        .ok_or_else(|| format!("event {:?} has no DTSTART", e.uid))?;
    let start = when(zones, start_time)?;
    let too_long = || format!("event {:?} lasts past the calendar's end", e.uid);
    let end = match (&e.end, e.duration, start) {
        (Some(end), _, _) => when(zones, end)?,
        (None, Some(d), When::At(t)) => When::At(t.checked_add_signed(d).ok_or_else(too_long)?),
        (None, Some(d), When::Day(day)) => {
            When::Day(day.checked_add_signed(d).ok_or_else(too_long)?)
        }
        (None, None, When::At(t)) => When::At(t),
        (None, None, When::Day(day)) => When::Day(day.succ_opt().unwrap_or(day)),
    };
    Ok(Content {
        summary: e.summary.clone(),
        description: e.description.clone(),
        location: e.location.clone(),
        start,
        end,
        status: status_of(e.status.as_deref()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> When {
        When::At(Utc.with_ymd_and_hms(2026, 12, 7, h, 0, 0).unwrap())
    }

    fn item() -> ItemWrite {
        ItemWrite {
            booking: "42".into(),
            properties: Properties::from([
                ("customer".to_string(), "7".to_string()),
                ("service".to_string(), "Hoved; rengøring, stor".to_string()),
                ("staff".to_string(), String::new()),
            ]),
            key: None,
            content: Content {
                summary: "Hovedrengøring; Vesterbro".into(),
                description: "Nøgle under måtten\nRing på".into(),
                location: "Istedgade 1, København".into(),
                start: at(8),
                end: at(11),
                status: ItemStatus::Confirmed,
            },
            time_zone: "Europe/Copenhagen".into(),
            recurrence: Some(Recurrence {
                rule: "FREQ=WEEKLY;COUNT=4".into(),
                excluded: vec![When::At(
                    Utc.with_ymd_and_hms(2026, 12, 21, 8, 0, 0).unwrap(),
                )],
            }),
            exceptions: vec![Exception {
                original_start: When::At(Utc.with_ymd_and_hms(2026, 12, 14, 8, 0, 0).unwrap()),
                content: Content {
                    start: When::At(Utc.with_ymd_and_hms(2026, 12, 14, 12, 0, 0).unwrap()),
                    end: When::At(Utc.with_ymd_and_hms(2026, 12, 14, 15, 0, 0).unwrap()),
                    status: ItemStatus::Tentative,
                    ..item_content()
                },
            }],
        }
    }

    fn item_content() -> Content {
        Content {
            summary: "x".into(),
            description: String::new(),
            location: String::new(),
            start: at(8),
            end: at(9),
            status: ItemStatus::Confirmed,
        }
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let w = item();
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 0, 0, 0).unwrap();
        let text = write_as(&w, &uid_for(&w.booking), now).unwrap();
        assert!(text.contains("UID:renos-booking-42\r\n"));
        assert!(text.contains("X-RENOS-BOOKING:42\r\n"));
        assert_eq!(uid_of(&text).as_deref(), Some("renos-booking-42"));
        // An item made by someone else is written under its own UID.
        let theirs = write_as(&w, "a1b2@iphone", now).unwrap();
        assert_eq!(uid_of(&theirs).as_deref(), Some("a1b2@iphone"));
        let back = read(
            ItemId("/a/b.ics".into()),
            Version("\"1\"".into()),
            &text,
            chrono_tz::Europe::Copenhagen,
        )
        .unwrap()
        .unwrap();
        assert!(text.contains("X-RENOS-CUSTOMER:7\r\n"), "{text}");
        assert_eq!(back.booking.as_deref(), Some("42"));
        assert_eq!(back.properties, w.properties);
        assert_eq!(back.content, w.content);
        assert_eq!(back.recurrence, w.recurrence);
        assert_eq!(back.exceptions, w.exceptions);
    }

    #[test]
    fn a_property_no_calendar_keeps_is_refused() {
        let mut w = item();
        w.properties.insert("colour".into(), "red".into());
        assert!(write_as(&w, "u", Utc::now()).is_err());
    }

    #[test]
    fn all_day_times_are_not_written() {
        let mut w = item();
        w.content.start = When::Day(chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        assert!(write_as(&w, "u", Utc::now()).is_err());
    }

    #[test]
    fn objects_without_events_are_none_and_broken_ones_errors() {
        let z = chrono_tz::Europe::Copenhagen;
        let id = || ItemId("x".into());
        let v = || Version("v".into());
        let todo = "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
        assert_eq!(read(id(), v(), todo, z).unwrap(), None);
        assert!(read(id(), v(), "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", z).is_err());
        let no_start = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert!(read(id(), v(), no_start, z).is_err());
    }
}
