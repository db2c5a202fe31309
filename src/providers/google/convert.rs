//! Google's `Event` to and from the plain values the engine uses. Pure.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use google_calendar3::api::{Event, EventDateTime, EventExtendedProperties, Events};
use serde_json::{Value, json};

use super::types::{EventStatus, EventTime, EventWrite, Page, RemoteEvent};

/// An event as Google sent it. Missing fields become empty values, so a
/// cancelled event carrying only its id converts fine.
pub fn remote_event(ev: Event) -> RemoteEvent {
    let mut out = RemoteEvent::bare(
        ev.id.as_deref().unwrap_or_default(),
        EventStatus::parse(ev.status.as_deref()),
    );
    out.etag = ev.etag;
    out.updated = ev.updated;
    out.summary = ev.summary.unwrap_or_default();
    out.description = ev.description.unwrap_or_default();
    out.location = ev.location.unwrap_or_default();
    out.start = ev.start.as_ref().and_then(event_time);
    out.end = ev.end.as_ref().and_then(event_time);
    out.private = ev
        .extended_properties
        .and_then(|p| p.private)
        .map(|m| m.into_iter().collect())
        .unwrap_or_default();
    out.attendees = ev
        .attendees
        .unwrap_or_default()
        .into_iter()
        .filter_map(|a| {
            let email = a.email.unwrap_or_default();
            let name = a.display_name.unwrap_or_default();
            (!email.is_empty() || !name.is_empty()).then_some((email, name))
        })
        .collect();
    out.recurring_event_id = ev.recurring_event_id;
    out.original_start = ev.original_start_time.as_ref().and_then(event_time);
    out.event_type = ev.event_type;
    out.recurrence = ev.recurrence.unwrap_or_default();
    out.ical_uid = ev.i_cal_uid.filter(|u| !u.is_empty());
    out
}

/// `dateTime` wins over `date`; neither gives `None`.
pub fn event_time(t: &EventDateTime) -> Option<EventTime> {
    match (t.date_time, t.date) {
        (Some(at), _) => Some(EventTime::At(at)),
        (None, Some(day)) => Some(EventTime::Date(day)),
        (None, None) => None,
    }
}

/// One `events.list` answer. Items without an id cannot be matched to
/// anything and are left out.
pub fn page(events: Events) -> Page {
    Page {
        events: events
            .items
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.id.as_deref().is_some_and(|id| !id.is_empty()))
            .map(remote_event)
            .collect(),
        next_page_token: events.next_page_token.filter(|t| !t.is_empty()),
        next_sync_token: events.next_sync_token.filter(|t| !t.is_empty()),
    }
}

/// The body of an insert with a chosen id.
pub fn insert_event(id: &str, w: &EventWrite) -> Event {
    let at = |instant: DateTime<Utc>| EventDateTime {
        date: None,
        date_time: Some(instant),
        time_zone: non_empty(&w.time_zone),
    };
    Event {
        id: Some(id.to_string()),
        status: Some(w.status.as_str().to_string()),
        summary: Some(w.summary.clone()),
        description: Some(w.description.clone()),
        location: Some(w.location.clone()),
        start: Some(at(w.start)),
        end: Some(at(w.end)),
        extended_properties: Some(EventExtendedProperties {
            private: Some(
                w.private
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect::<HashMap<_, _>>(),
            ),
            shared: None,
        }),
        recurrence: (!w.recurrence.is_empty()).then(|| w.recurrence.clone()),
        ..Event::default()
    }
}

/// The JSON body of a patch: every field of the write, so a patch also
/// restores a cancelled event when the write says `confirmed`.
pub fn patch_body(w: &EventWrite) -> Value {
    let at = |instant: DateTime<Utc>| {
        let mut t = json!({ "dateTime": rfc3339(instant) });
        if let Some(tz) = non_empty(&w.time_zone) {
            t["timeZone"] = Value::String(tz);
        }
        t
    };
    let private: serde_json::Map<String, Value> = w
        .private
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let mut body = json!({
        "status": w.status.as_str(),
        "summary": w.summary,
        "description": w.description,
        "location": w.location,
        "start": at(w.start),
        "end": at(w.end),
        "extendedProperties": { "private": private },
    });
    if !w.recurrence.is_empty() {
        // A series' rule, replaced whole (an instance never gets one).
        body["recurrence"] = json!(w.recurrence);
    }
    body
}

/// RFC 3339 in UTC with `Z`, fractions only when there are any.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    use chrono::{NaiveDate, TimeZone};

    use crate::providers::google::types::{PROP_BOOKING, PROP_INSTANCE};

    fn write() -> EventWrite {
        EventWrite {
            summary: "Hovedrengøring – Jensen".into(),
            description: "Nøgle under måtten".into(),
            location: "Åboulevarden 3, 8000 Aarhus C".into(),
            start: Utc
                .with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
                .single()
                .expect("time"),
            end: Utc
                .with_ymd_and_hms(2026, 3, 2, 11, 30, 0)
                .single()
                .expect("time"),
            time_zone: "Europe/Copenhagen".into(),
            status: EventStatus::Confirmed,
            private: BTreeMap::from([
                (PROP_BOOKING.to_string(), "b-42".to_string()),
                (PROP_INSTANCE.to_string(), "db-1".to_string()),
            ]),
            recurrence: Vec::new(),
        }
    }

    fn private_map(ev: &Event) -> BTreeMap<String, String> {
        ev.extended_properties
            .as_ref()
            .and_then(|p| p.private.as_ref())
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }

    fn from_json(v: Value) -> Event {
        serde_json::from_value(v).expect("event json")
    }

    #[test]
    fn full_timed_event() {
        let ev = from_json(json!({
            "kind": "calendar#event",
            "id": "abc123",
            "etag": "\"3181161784712000\"",
            "status": "confirmed",
            "updated": "2026-03-01T10:15:00.123Z",
            "summary": "Rengøring",
            "description": "2 timer",
            "location": "Vejlevej 1",
            "start": {"dateTime": "2026-03-02T09:00:00+01:00", "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": "2026-03-02T11:00:00+01:00", "timeZone": "Europe/Copenhagen"},
            "extendedProperties": {"private": {"renos_booking": "b-1"}, "shared": {"x": "y"}},
            "attendees": [
                {"email": "mette@renos.dk", "displayName": "Mette", "responseStatus": "accepted"},
                {"email": "ole@renos.dk"},
                {}
            ],
            "recurringEventId": "series1",
        }));
        let r = remote_event(ev);
        assert_eq!(r.id, "abc123");
        assert_eq!(r.status, EventStatus::Confirmed);
        assert_eq!(r.etag.as_deref(), Some("\"3181161784712000\""));
        assert_eq!(
            r.updated,
            Some(
                Utc.with_ymd_and_hms(2026, 3, 1, 10, 15, 0)
                    .single()
                    .expect("t")
                    + chrono::Duration::milliseconds(123)
            )
        );
        assert_eq!(r.summary, "Rengøring");
        assert_eq!(r.description, "2 timer");
        assert_eq!(r.location, "Vejlevej 1");
        assert_eq!(
            r.start,
            Some(EventTime::At(
                Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
                    .single()
                    .expect("t")
            ))
        );
        assert_eq!(
            r.end,
            Some(EventTime::At(
                Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0)
                    .single()
                    .expect("t")
            ))
        );
        assert_eq!(
            r.private,
            BTreeMap::from([("renos_booking".to_string(), "b-1".to_string())])
        );
        assert_eq!(
            r.attendees,
            vec![
                ("mette@renos.dk".to_string(), "Mette".to_string()),
                ("ole@renos.dk".to_string(), String::new()),
            ]
        );
        assert_eq!(r.recurring_event_id.as_deref(), Some("series1"));
    }

    #[test]
    fn all_day_event() {
        let r = remote_event(from_json(json!({
            "id": "d1", "status": "tentative",
            "start": {"date": "2026-12-24"}, "end": {"date": "2026-12-27"},
        })));
        assert_eq!(r.status, EventStatus::Tentative);
        assert_eq!(
            r.start,
            Some(EventTime::Date(
                NaiveDate::from_ymd_opt(2026, 12, 24).expect("d")
            ))
        );
        assert_eq!(
            r.end,
            Some(EventTime::Date(
                NaiveDate::from_ymd_opt(2026, 12, 27).expect("d")
            ))
        );
    }

    #[test]
    fn cancelled_event_with_only_an_id() {
        let r = remote_event(from_json(json!({"id": "gone1", "status": "cancelled"})));
        assert_eq!(r, RemoteEvent::bare("gone1", EventStatus::Cancelled));
        let r = remote_event(from_json(json!({"id": "x"})));
        assert_eq!(r, RemoteEvent::bare("x", EventStatus::Confirmed));
    }

    #[test]
    fn page_keeps_tokens_and_skips_items_without_id() {
        let events: Events = serde_json::from_value(json!({
            "kind": "calendar#events",
            "items": [{"id": "a"}, {"summary": "no id"}, {"id": "b", "status": "cancelled"}],
            "nextPageToken": "p2",
        }))
        .expect("events");
        let p = page(events);
        assert_eq!(p.events.len(), 2);
        assert_eq!(p.events[1].status, EventStatus::Cancelled);
        assert_eq!(p.next_page_token.as_deref(), Some("p2"));
        assert_eq!(p.next_sync_token, None);

        let last: Events = serde_json::from_value(json!({"nextSyncToken": "s1"})).expect("events");
        let p = page(last);
        assert!(p.events.is_empty());
        assert_eq!(p.next_sync_token.as_deref(), Some("s1"));
    }

    #[test]
    fn insert_body_carries_everything() {
        let ev = insert_event("b42x", &write());
        assert_eq!(ev.id.as_deref(), Some("b42x"));
        assert_eq!(ev.status.as_deref(), Some("confirmed"));
        assert_eq!(private_map(&ev), write().private);
        let v = serde_json::to_value(&ev).expect("json");
        assert_eq!(v["start"]["timeZone"], "Europe/Copenhagen");
        assert_eq!(v["extendedProperties"]["private"]["renos_booking"], "b-42");
        let start: DateTime<Utc> =
            serde_json::from_value(v["start"]["dateTime"].clone()).expect("dateTime");
        assert_eq!(start, write().start);
        let back = remote_event(serde_json::from_value(v).expect("event"));
        assert_eq!(back.summary, write().summary);
        assert_eq!(back.start, Some(EventTime::At(write().start)));
        assert_eq!(back.end, Some(EventTime::At(write().end)));
        assert_eq!(back.private, write().private);
    }

    #[test]
    fn patch_body_has_every_field() {
        let mut w = write();
        w.status = EventStatus::Cancelled;
        let v = patch_body(&w);
        assert_eq!(
            v,
            json!({
                "status": "cancelled",
                "summary": "Hovedrengøring – Jensen",
                "description": "Nøgle under måtten",
                "location": "Åboulevarden 3, 8000 Aarhus C",
                "start": {"dateTime": "2026-03-02T08:00:00Z", "timeZone": "Europe/Copenhagen"},
                "end": {"dateTime": "2026-03-02T11:30:00Z", "timeZone": "Europe/Copenhagen"},
                "extendedProperties": {"private": {"renos_booking": "b-42", "renos_instance": "db-1"}},
            })
        );
        let back = remote_event(serde_json::from_value(v).expect("event"));
        assert_eq!(back.status, EventStatus::Cancelled);
        assert_eq!(back.start, Some(EventTime::At(w.start)));
    }

    #[test]
    fn patch_body_without_time_zone_and_with_fractions() {
        let mut w = write();
        w.time_zone = " ".into();
        w.start += chrono::Duration::milliseconds(250);
        let v = patch_body(&w);
        assert_eq!(v["start"], json!({"dateTime": "2026-03-02T08:00:00.250Z"}));
        assert_eq!(v["end"], json!({"dateTime": "2026-03-02T11:30:00Z"}));
    }
}
