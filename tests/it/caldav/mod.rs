//! The CalDAV client against a real Radicale started by each test:
//! discovery, conditional writes, sync listings (ours, someone else's
//! changes and deletions, an invalid token, thousands of items), Basic auth
//! refused, and a recurring event with a changed occurrence.

mod doctor;
pub(crate) mod radicale;
mod truncated;

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};

use radicale::{Other, Radicale};
use renos::providers::caldav::{CalDavCalendar, CalDavSettings, Credentials, discover};
use renos::providers::calendar::{
    CalendarProvider, Content, Exception, ItemStatus, ItemWrite, ProviderError, Recurrence, When,
};
use renos::providers::retry::RetryPolicy;

fn fast() -> RetryPolicy {
    RetryPolicy {
        retries: 2,
        base: Duration::from_millis(10),
        max_wait: Duration::from_millis(200),
        timeout: Duration::from_secs(20),
    }
}

fn settings(url: &str, user: &str, password: &str) -> CalDavSettings {
    CalDavSettings {
        url: url.to_string(),
        credentials: Credentials {
            username: user.to_string(),
            password: password.to_string(),
        },
        zone: chrono_tz::Europe::Copenhagen,
        retry: fast(),
    }
}

/// Radicale with anna's calendar `work`, and our client of it.
async fn calendar() -> (Radicale, CalDavCalendar, String) {
    let r = Radicale::start();
    let url = r.calendar_url("anna", "work");
    Other::new("anna").make_calendar(&url, "Arbejde").await;
    let c = CalDavCalendar::new(settings(&url, "anna", "anna-secret")).unwrap();
    (r, c, url)
}

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
}

fn booking(id: &str, day: u32) -> ItemWrite {
    ItemWrite {
        booking: id.to_string(),
        properties: Default::default(),
        key: None,
        content: Content {
            summary: format!("Rengøring {id}"),
            description: "Nøgle hos naboen".to_string(),
            location: "Åboulevarden 3, 8000 Aarhus C".to_string(),
            start: When::At(at(day, 8)),
            end: When::At(at(day, 10)),
            status: ItemStatus::Confirmed,
        },
        time_zone: "Europe/Copenhagen".to_string(),
        recurrence: None,
        exceptions: Vec::new(),
    }
}

/// An event as another client writes it.
fn foreign(uid: &str, summary: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
         DTSTAMP:20261201T120000Z\r\nDTSTART:20261208T130000Z\r\nDTEND:20261208T140000Z\r\n\
         SUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

#[tokio::test]
async fn calendars_are_found_from_the_servers_address() {
    let r = Radicale::start();
    let other = Other::new("anna");
    other
        .make_calendar(&r.calendar_url("anna", "work"), "Arbejde")
        .await;
    other
        .make_calendar(&r.calendar_url("anna", "home"), "Hjem")
        .await;
    let mut found = discover(&settings(&r.base(), "anna", "anna-secret"))
        .await
        .unwrap();
    found.sort_by(|a, b| a.url.cmp(&b.url));
    let urls: Vec<&str> = found.iter().map(|c| c.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            r.calendar_url("anna", "home").as_str(),
            r.calendar_url("anna", "work").as_str()
        ],
        "{}",
        r.log()
    );
    assert_eq!(found[1].name.as_deref(), Some("Arbejde"));

    // A calendar's own address is that calendar.
    let one = discover(&settings(
        &r.calendar_url("anna", "work"),
        "anna",
        "anna-secret",
    ))
    .await
    .unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].url, r.calendar_url("anna", "work"));
}

#[tokio::test]
async fn our_write_comes_back_with_the_version_it_made() {
    let (_r, c, _) = calendar().await;
    let written = c.create(&booking("101", 7)).await.unwrap();
    assert_eq!(written.id, c.id_for("101"));

    let listed = c.changes(None).await.unwrap();
    assert_eq!(listed.upserts.len(), 1);
    assert!(listed.deletions.is_empty());
    let item = &listed.upserts[0];
    assert_eq!(item.id, written.id);
    assert_eq!(item.version, written.version, "our own write, not an edit");
    assert_eq!(item.booking.as_deref(), Some("101"));
    assert_eq!(item.content, booking("101", 7).content);

    // The same booking twice: the second create is refused, not a copy.
    let again = c.create(&booking("101", 8)).await;
    assert_eq!(again, Err(ProviderError::PreconditionFailed));

    let found = c.find_by_booking("101").await.unwrap().unwrap();
    assert_eq!(found.version, written.version);
    assert_eq!(c.find_by_booking("999").await.unwrap(), None);

    // Nothing changed since: nothing listed.
    let next = c.changes(listed.next.as_ref()).await.unwrap();
    assert!(
        next.upserts.is_empty() && next.deletions.is_empty(),
        "{next:?}"
    );
}

#[tokio::test]
async fn writes_need_the_version_they_were_made_against() {
    let (_r, c, _) = calendar().await;
    let first = c.create(&booking("7", 7)).await.unwrap();
    let cursor = c.changes(None).await.unwrap().next;

    let moved = booking("7", 9);
    let second = c.update(&first.id, &first.version, &moved).await.unwrap();
    assert_ne!(second.version, first.version);

    // A stale version: 412, whether updating or deleting.
    let stale = c.update(&first.id, &first.version, &booking("7", 10)).await;
    assert_eq!(stale, Err(ProviderError::PreconditionFailed));
    let stale = c.delete(&first.id, &first.version).await;
    assert_eq!(stale, Err(ProviderError::PreconditionFailed));

    let listed = c.changes(cursor.as_ref()).await.unwrap();
    assert_eq!(listed.upserts.len(), 1);
    assert_eq!(listed.upserts[0].version, second.version);
    assert_eq!(listed.upserts[0].content, moved.content);

    c.delete(&second.id, &second.version).await.unwrap();
    let after = c.changes(listed.next.as_ref()).await.unwrap();
    assert_eq!(after.deletions, vec![second.id.clone()]);
    assert!(after.upserts.is_empty());

    // Gone: updating it fails on its precondition, deleting finds nothing.
    let gone = c.update(&second.id, &second.version, &moved).await;
    assert_eq!(gone, Err(ProviderError::PreconditionFailed));
    assert!(matches!(
        c.delete(&second.id, &second.version).await,
        Err(ProviderError::PreconditionFailed | ProviderError::NotFound(_))
    ));
}

#[tokio::test]
async fn changes_made_by_someone_else_are_seen_incrementally() {
    let (r, c, url) = calendar().await;
    let ours = c.create(&booking("55", 7)).await.unwrap();
    let cursor = c.changes(None).await.unwrap().next;
    let other = Other::new("anna");

    // A new event from a phone, and our event edited there.
    let phone = format!("{url}phone-1.ics");
    assert_eq!(
        other.put(&phone, &foreign("phone-1", "Tandlæge")).await,
        201
    );
    let mut edited = renos_event_text(&c, "55").await;
    edited = edited.replace("SUMMARY:Rengøring 55", "SUMMARY:Rengøring 55 (flyttet)");
    assert!(matches!(
        other
            .put(
                &format!("{}{}", r.base().trim_end_matches('/'), ours.id.0),
                &edited
            )
            .await,
        200 | 201 | 204
    ));

    let seen = c.changes(cursor.as_ref()).await.unwrap();
    assert_eq!(seen.upserts.len(), 2, "{seen:?}");
    let mine = seen.upserts.iter().find(|i| i.id == ours.id).unwrap();
    assert_ne!(mine.version, ours.version, "someone else's edit");
    assert_eq!(mine.content.summary, "Rengøring 55 (flyttet)");
    assert_eq!(mine.booking.as_deref(), Some("55"));
    let theirs = seen.upserts.iter().find(|i| i.id != ours.id).unwrap();
    assert_eq!(theirs.booking, None);
    assert_eq!(theirs.content.summary, "Tandlæge");

    // Deleted on the phone: a deletion here.
    assert_eq!(other.delete(&phone).await, 200);
    let gone = c.changes(seen.next.as_ref()).await.unwrap();
    assert!(gone.upserts.is_empty(), "{gone:?}");
    assert_eq!(gone.deletions, vec![theirs.id.clone()]);
}

/// Our event for `booking_id` as another client writes it back.
async fn renos_event_text(c: &CalDavCalendar, booking_id: &str) -> String {
    let item = c.find_by_booking(booking_id).await.unwrap().unwrap();
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n\
         UID:{}\r\nDTSTAMP:20261201T120000Z\r\nDTSTART:20261207T080000Z\r\n\
         DTEND:20261207T100000Z\r\nSUMMARY:{}\r\nX-RENOS-BOOKING:{booking_id}\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
        renos::providers::caldav::uid_for(booking_id),
        item.content.summary
    )
}

#[tokio::test]
async fn an_invalid_sync_token_asks_for_a_full_sync() {
    let (_r, c, _) = calendar().await;
    c.create(&booking("1", 7)).await.unwrap();
    let good = c.changes(None).await.unwrap().next.unwrap();
    for bad in [
        "not-a-token".to_string(),
        format!("{}0", good.0),
        "http://radicale.org/ns/sync/0000000000000000000000000000000000000000".to_string(),
    ] {
        let r = c
            .changes(Some(&renos::providers::calendar::Cursor(bad.clone())))
            .await;
        assert_eq!(r, Err(ProviderError::ResyncRequired), "token {bad}");
    }
}

#[tokio::test]
async fn thousands_of_items_are_listed_whole() {
    let r = Radicale::start();
    let items: Vec<(String, String)> = (0..2000)
        .map(|n| {
            let text = foreign(&format!("bulk-{n}"), &format!("Job {n}"));
            (format!("bulk-{n}.ics"), text)
        })
        .collect();
    let url = r.seed_calendar("anna", "many", &items);
    // Radicale reads every item once on the first listing: slow on a busy
    // machine, so a long timeout here.
    let patient = CalDavSettings {
        retry: RetryPolicy {
            timeout: Duration::from_secs(300),
            ..fast()
        },
        ..settings(&url, "anna", "anna-secret")
    };
    let c = CalDavCalendar::new(patient).unwrap();
    let all = c.changes(None).await.unwrap();
    assert!(all.unreadable.is_empty(), "{:?}", all.unreadable.first());
    assert_eq!(all.upserts.len(), 2000);
    let mut summaries: Vec<&str> = all
        .upserts
        .iter()
        .map(|i| i.content.summary.as_str())
        .collect();
    summaries.sort_unstable();
    summaries.dedup();
    assert_eq!(summaries.len(), 2000);
    // One listing (Radicale does not truncate) and ten fetches of 200.
    assert_eq!(c.requests(), 11);

    let before = c.requests();
    let none = c.changes(all.next.as_ref()).await.unwrap();
    assert!(none.upserts.is_empty() && none.deletions.is_empty());
    assert_eq!(c.requests() - before, 1, "an idle sync is one request");

    // One change among the thousands: only it comes back.
    let other = Other::new("anna");
    assert_eq!(other.delete(&format!("{url}bulk-7.ics")).await, 200);
    let one = c.changes(none.next.as_ref()).await.unwrap();
    assert_eq!(one.deletions.len(), 1, "{one:?}");
    assert!(one.upserts.is_empty());
}

#[tokio::test]
async fn a_wrong_password_is_refused_in_words() {
    let (r, _c, url) = calendar().await;
    let wrong = CalDavCalendar::new(settings(&url, "anna", "not-it")).unwrap();
    let e = wrong.changes(None).await.unwrap_err();
    let ProviderError::Unauthorised(why) = &e else {
        panic!("{e:?}");
    };
    assert!(
        why.contains("did not accept the password of \"anna\""),
        "{why}"
    );
    assert!(!e.to_string().contains("not-it"), "no password in {e}");
    let e = discover(&settings(&r.base(), "anna", "not-it"))
        .await
        .unwrap_err();
    assert!(matches!(e, ProviderError::Unauthorised(_)), "{e:?}");

    // Someone else's calendar: refused, not empty.
    let bob = CalDavCalendar::new(settings(&url, "bob", "bob-secret")).unwrap();
    let e = bob.changes(None).await.unwrap_err();
    assert!(
        matches!(
            e,
            ProviderError::Refused { status: 403, .. } | ProviderError::NotFound(_)
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn a_recurring_event_comes_through_with_its_changed_occurrence() {
    let (_r, c, url) = calendar().await;
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n\
BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen\r\n\
BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:weekly-1\r\nDTSTAMP:20261201T120000Z\r\n\
DTSTART;TZID=Europe/Copenhagen:20261207T090000\r\n\
DTEND;TZID=Europe/Copenhagen:20261207T110000\r\n\
RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6\r\n\
EXDATE;TZID=Europe/Copenhagen:20261228T090000\r\n\
SUMMARY:Ugentlig rengøring\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:weekly-1\r\nDTSTAMP:20261201T120000Z\r\n\
RECURRENCE-ID;TZID=Europe/Copenhagen:20261214T090000\r\n\
DTSTART;TZID=Europe/Copenhagen:20261215T130000\r\n\
DTEND;TZID=Europe/Copenhagen:20261215T150000\r\n\
SUMMARY:Ugentlig rengøring (tirsdag)\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    assert_eq!(
        Other::new("anna")
            .put(&format!("{url}weekly-1.ics"), ics)
            .await,
        201
    );

    let listed = c.changes(None).await.unwrap();
    assert_eq!(listed.upserts.len(), 1, "{listed:?}");
    let item = &listed.upserts[0];
    assert_eq!(item.content.start, When::At(at(7, 8)));
    assert_eq!(
        item.recurrence,
        Some(Recurrence {
            rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=6".to_string(),
            excluded: vec![When::At(at(28, 8))],
        })
    );
    assert_eq!(item.exceptions.len(), 1);
    let Exception {
        original_start,
        content,
    } = &item.exceptions[0];
    assert_eq!(*original_start, When::At(at(14, 8)));
    assert_eq!(content.start, When::At(at(15, 12)));
    assert_eq!(content.end, When::At(at(15, 14)));
    assert_eq!(content.summary, "Ugentlig rengøring (tirsdag)");
}

#[tokio::test]
async fn a_series_we_write_keeps_its_changed_occurrence() {
    let (_r, c, _) = calendar().await;
    let mut series = booking("s-9", 7);
    series.recurrence = Some(Recurrence {
        rule: "FREQ=WEEKLY;COUNT=4".to_string(),
        excluded: vec![When::At(at(21, 8))],
    });
    series.exceptions = vec![Exception {
        original_start: When::At(at(14, 8)),
        content: Content {
            start: When::At(at(14, 12)),
            end: When::At(at(14, 14)),
            ..series.content.clone()
        },
    }];
    let written = c.create(&series).await.unwrap();
    let item = c.find_by_booking("s-9").await.unwrap().unwrap();
    assert_eq!(item.version, written.version);
    assert_eq!(item.recurrence, series.recurrence);
    assert_eq!(item.exceptions, series.exceptions);
}

#[tokio::test]
async fn our_event_is_found_by_its_booking_under_another_name() {
    let (_r, c, url) = calendar().await;
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n\
UID:copied-elsewhere\r\nDTSTAMP:20261201T120000Z\r\nDTSTART:20261208T130000Z\r\n\
DTEND:20261208T140000Z\r\nSUMMARY:Flyttet\r\nX-RENOS-BOOKING:812\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let other = Other::new("anna");
    assert_eq!(other.put(&format!("{url}elsewhere.ics"), text).await, 201);
    // A booking whose id holds the one searched for is not a match.
    let near = text
        .replace("copied-elsewhere", "near")
        .replace("X-RENOS-BOOKING:812", "X-RENOS-BOOKING:8120");
    assert_eq!(other.put(&format!("{url}near.ics"), &near).await, 201);
    let found = c.find_by_booking("812").await.unwrap().unwrap();
    assert!(found.id.0.ends_with("/elsewhere.ics"), "{:?}", found.id);
    assert_eq!(found.booking.as_deref(), Some("812"));
}

#[tokio::test]
async fn a_server_that_is_not_there_is_worth_trying_later() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/anna/work/");
    let c = CalDavCalendar::new(settings(&url, "anna", "anna-secret")).unwrap();
    let e = c.changes(None).await.unwrap_err();
    assert!(e.is_transient(), "{e:?}");
    assert!(e.to_string().contains("cannot be reached"), "{e}");
    // Reads are tried again; writes are left to the caller.
    assert_eq!(c.requests(), 3);
    let e = c.create(&booking("1", 7)).await.unwrap_err();
    assert!(e.is_transient(), "{e:?}");
    assert_eq!(c.requests(), 4);
}
