//! Recurring series: instances with `singleEvents=true`, the series and
//! its exceptions without, exceptions made through instance ids,
//! `events.instances`, bounded expansion.

use super::*;

const SERIES: &str = "ugentlig0001";

/// Sundays 09:00 in Copenhagen from 18 October 2026 (DST ends on the 25th),
/// four times, the third one skipped.
fn weekly(fx: &Fx) -> Value {
    fx.sb.google().create_recurring(
        CALENDAR_ID,
        json!({
            "id": SERIES,
            "summary": "Ugentlig rengøring",
            "start": {"dateTime": "2026-10-18T09:00:00", "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": "2026-10-18T11:00:00", "timeZone": "Europe/Copenhagen"},
            "extendedProperties": {"private": {"renos_booking": "41"}},
        }),
        &[
            "RRULE:FREQ=WEEKLY;COUNT=5",
            "EXDATE;TZID=Europe/Copenhagen:20261101T090000",
        ],
    )
}

#[tokio::test]
async fn single_events_lists_instances_in_local_time_never_the_series() {
    let fx = Fx::new().await;
    let series = weekly(&fx);
    assert_eq!(series["id"], SERIES, "{series}");
    let (items, _, _) = fx.drain(&[("singleEvents", "true")]).await;
    assert_eq!(
        ids(&items),
        [
            "ugentlig0001_20261018T070000Z",
            "ugentlig0001_20261025T080000Z",
            "ugentlig0001_20261108T080000Z",
            "ugentlig0001_20261115T080000Z",
        ]
    );
    let starts: Vec<_> = items
        .iter()
        .map(|e| e["start"]["dateTime"].clone())
        .collect();
    assert_eq!(starts[0], "2026-10-18T09:00:00+02:00");
    assert_eq!(starts[1], "2026-10-25T09:00:00+01:00");
    for ev in &items {
        assert_eq!(ev["recurringEventId"], SERIES);
        assert_eq!(ev["originalStartTime"], ev["start"]);
        assert_eq!(ev["iCalUID"], series["iCalUID"]);
        assert_eq!(ev["extendedProperties"]["private"]["renos_booking"], "41");
        assert!(ev.get("recurrence").is_none());
    }
    // An instance carries its series' private property: the filter finds it.
    let (items, _, _) = fx
        .drain(&[
            ("singleEvents", "true"),
            ("privateExtendedProperty", "renos_booking=41"),
        ])
        .await;
    assert_eq!(items.len(), 4);
    // Without singleEvents: the series itself.
    let (items, _, _) = fx.drain(&[]).await;
    assert_eq!(ids(&items), [SERIES]);
    assert_eq!(items[0]["recurrence"][0], "RRULE:FREQ=WEEKLY;COUNT=5");
    // timeMin / timeMax bound the instances.
    let (items, _, _) = fx
        .drain(&[
            ("singleEvents", "true"),
            ("timeMin", "2026-10-25T00:00:00Z"),
            ("timeMax", "2026-11-09T00:00:00Z"),
        ])
        .await;
    assert_eq!(items.len(), 2);
}

#[tokio::test]
async fn instance_ids_make_exceptions() {
    let fx = Fx::new().await;
    weekly(&fx);
    let (_, _, _) = fx.drain(&[("singleEvents", "true")]).await;
    let (_, sync, _) = fx
        .drain(&[("singleEvents", "true"), ("showDeleted", "true")])
        .await;
    let moved = "ugentlig0001_20261025T080000Z";
    let (status, got) = fx.call(reqwest::Method::GET, &fx.event(moved), None).await;
    assert_eq!(status, StatusCode::OK, "{got}");
    assert_eq!(got["recurringEventId"], SERIES);
    let (status, ev) = fx
        .call(
            reqwest::Method::PATCH,
            &fx.event(moved),
            Some(json!({
                "summary": "Flyttet",
                "start": {"dateTime": "2026-10-25T13:00:00+01:00", "timeZone": "Europe/Copenhagen"},
                "end": {"dateTime": "2026-10-25T15:00:00+01:00", "timeZone": "Europe/Copenhagen"},
            })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{ev}");
    assert_eq!(ev["id"], moved);
    assert_eq!(
        ev["originalStartTime"]["dateTime"],
        "2026-10-25T09:00:00+01:00"
    );
    let cancelled = "ugentlig0001_20261108T080000Z";
    let (status, _) = fx
        .call(reqwest::Method::DELETE, &fx.event(cancelled), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = fx
        .call(reqwest::Method::DELETE, &fx.event(cancelled), None)
        .await;
    assert_eq!((status, reason(&body)), (StatusCode::GONE, "deleted"));
    // Not an instance of the series.
    let (status, _) = fx
        .call(
            reqwest::Method::GET,
            &fx.event("ugentlig0001_20261026T080000Z"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (items, _, _) = fx
        .drain(&[("singleEvents", "true"), ("showDeleted", "true")])
        .await;
    assert_eq!(items.len(), 4);
    let by_id = |id: &str| items.iter().find(|e| e["id"] == id).cloned().expect(id);
    assert_eq!(by_id(moved)["summary"], "Flyttet");
    assert_eq!(by_id(cancelled)["status"], "cancelled");
    let (items, _, _) = fx.drain(&[("singleEvents", "true")]).await;
    assert_eq!(items.len(), 3);
    // singleEvents=false: the series and its exceptions, the cancelled one
    // even without showDeleted (as the events.list reference says).
    let (items, _, _) = fx.drain(&[("showDeleted", "true")]).await;
    assert_eq!(ids(&items), [SERIES, moved, cancelled]);
    let (items, _, _) = fx.drain(&[]).await;
    assert_eq!(ids(&items), [SERIES, moved, cancelled]);
    // Incremental: the two exceptions changed.
    let (items, _, _) = fx
        .drain(&[("singleEvents", "true"), ("syncToken", &sync)])
        .await;
    assert_eq!(ids(&items), [moved, cancelled]);
    let gone = &items[1];
    assert_eq!(gone["status"], "cancelled");
    assert_eq!(gone["recurringEventId"], SERIES);
    assert_eq!(
        gone["originalStartTime"]["dateTime"],
        "2026-11-08T09:00:00+01:00"
    );
}

#[tokio::test]
async fn a_changed_series_brings_its_instances_into_incremental_sync() {
    let fx = Fx::new().await;
    weekly(&fx);
    let (_, sync, _) = fx
        .drain(&[("singleEvents", "true"), ("showDeleted", "true")])
        .await;
    let (status, _) = fx
        .call(
            reqwest::Method::PATCH,
            &fx.event(SERIES),
            Some(json!({"location": "Vestergade 1"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (items, _, _) = fx
        .drain(&[("singleEvents", "true"), ("syncToken", &sync)])
        .await;
    assert_eq!(items.len(), 4);
    assert!(items.iter().all(|e| e["location"] == "Vestergade 1"));
    // A deleted series: its instances come back cancelled.
    let (_, sync, _) = fx
        .drain(&[("singleEvents", "true"), ("syncToken", &sync)])
        .await;
    let (status, _) = fx
        .call(reqwest::Method::DELETE, &fx.event(SERIES), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (items, _, _) = fx
        .drain(&[("singleEvents", "true"), ("syncToken", &sync)])
        .await;
    assert_eq!(items.len(), 4);
    assert!(
        items.iter().all(|e| e["status"] == "cancelled"),
        "{items:?}"
    );
}

#[tokio::test]
async fn an_open_ended_series_needs_time_max() {
    let fx = Fx::new().await;
    // Relative to today: the expansion horizon is two years from now.
    let first = (chrono::Utc::now() - chrono::Duration::days(3)).date_naive();
    let day = |n: i64| first + chrono::Duration::days(n);
    let series = fx.sb.google().create_recurring(
        CALENDAR_ID,
        json!({
            "id": "hverdag0001",
            "summary": "Hver dag",
            "start": {"date": first.to_string()},
            "end": {"date": day(1).to_string()},
        }),
        &["RRULE:FREQ=DAILY"],
    );
    assert_eq!(series["id"], "hverdag0001", "{series}");
    let (min, max) = (
        format!("{first}T12:00:00Z"),
        format!("{}T12:00:00Z", day(7)),
    );
    let (items, _, _) = fx
        .drain(&[
            ("singleEvents", "true"),
            ("timeMin", &min),
            ("timeMax", &max),
        ])
        .await;
    assert_eq!(items.len(), 8);
    let stamp = first.format("%Y%m%d");
    assert_eq!(items[0]["id"], format!("hverdag0001_{stamp}"));
    assert_eq!(
        items[0]["originalStartTime"],
        json!({"date": first.to_string()})
    );
    // Without timeMax the listing pages on, up to the cap of 730 instances.
    let (items, _, pages) = fx
        .drain(&[("singleEvents", "true"), ("maxResults", "250")])
        .await;
    assert_eq!(items.len(), 730);
    assert_eq!(pages, 3);
    // events.instances pages the same way.
    let url = format!("{}/instances", fx.event("hverdag0001"));
    let query = format!("{url}?maxResults=3&timeMax={}T00:00:00Z", day(9));
    let (status, body) = fx.call(reqwest::Method::GET, &query, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["items"].as_array().map(Vec::len), Some(3));
    let token = body["nextPageToken"].as_str().expect("more");
    let (status, body) = fx
        .call(
            reqwest::Method::GET,
            &format!("{query}&pageToken={token}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["items"][0]["id"],
        format!("hverdag0001_{}", day(3).format("%Y%m%d"))
    );
    let (status, _) = fx
        .call(
            reqwest::Method::GET,
            &format!("{}/instances", fx.event("ukendt0001")),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        fx.sb.google().instances(CALENDAR_ID, "hverdag0001").len(),
        730
    );
}

#[tokio::test]
async fn a_timed_series_needs_its_time_zone() {
    let fx = Fx::new().await;
    let (status, body) = fx
        .insert(json!({
            "summary": "Uden zone",
            "start": {"dateTime": "2026-11-02T09:00:00+01:00"},
            "end": {"dateTime": "2026-11-02T10:00:00+01:00"},
            "recurrence": ["RRULE:FREQ=MONTHLY;BYDAY=1MO"],
        }))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = fx
        .insert(json!({
            "summary": "Første mandag",
            "start": {"dateTime": "2026-11-02T09:00:00+01:00", "timeZone": "Europe/Copenhagen"},
            "end": {"dateTime": "2026-11-02T10:00:00+01:00", "timeZone": "Europe/Copenhagen"},
            "recurrence": ["RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=3"],
        }))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (items, _, _) = fx.drain(&[("singleEvents", "true")]).await;
    let starts: Vec<_> = items
        .iter()
        .map(|e| e["start"]["dateTime"].clone())
        .collect();
    assert_eq!(
        starts,
        [
            json!("2026-11-02T09:00:00+01:00"),
            json!("2026-12-07T09:00:00+01:00"),
            json!("2027-01-04T09:00:00+01:00"),
        ]
    );
}
