//! The contract against a real Radicale: anna's calendar `work`, our
//! client reaching it through a [`Gate`], someone else (a phone) writing
//! calendar objects straight to Radicale.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Duration, Utc};

use super::gate::Gate;
use super::{Fixture, at, booking, conformance, quick_retries};
use crate::caldav::radicale::{Other, Radicale, USERS};
use renos::providers::caldav::{CalDavCalendar, CalDavSettings, Credentials};
use renos::providers::calendar::{CalendarProvider, ItemId, ProviderError, When};

pub struct CalDav {
    radicale: Radicale,
    gate: Gate,
    calendar: Arc<CalDavCalendar>,
    phone: Phone,
    made: AtomicUsize,
}

/// Another CalDAV client as anna, talking to Radicale directly.
struct Phone {
    http: reqwest::Client,
    /// `http://127.0.0.1:PORT` (item ids are paths under it).
    server: String,
}

impl Phone {
    fn url(&self, id: &ItemId) -> String {
        format!("{}{}", self.server, id.0)
    }

    async fn get(&self, id: &ItemId) -> String {
        let r = self
            .http
            .get(self.url(id))
            .basic_auth(USERS[0].0, Some(USERS[0].1))
            .send()
            .await
            .expect("radicale answers");
        assert_eq!(r.status().as_u16(), 200, "GET {id:?}");
        // Unfolded: a property is one line.
        r.text()
            .await
            .expect("text")
            .replace("\r\n ", "")
            .replace("\r\n\t", "")
    }

    async fn put(&self, id: &ItemId, ics: &str) {
        let status = Other::new(USERS[0].0).put(&self.url(id), ics).await;
        assert!(matches!(status, 200 | 201 | 204), "PUT {id:?}: {status}");
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn event(
    uid: &str,
    summary: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    extra: &str,
) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
         DTSTAMP:20260301T120000Z\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:{summary}\r\n{extra}\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
        stamp(start),
        stamp(end)
    )
}

/// The value of the first `name` property of the master event (after the
/// first `BEGIN:VEVENT`), with its parameters: `(";TZID=…", "value")`.
fn master_property<'a>(ics: &'a str, name: &str) -> (&'a str, &'a str) {
    let master = ics.split("BEGIN:VEVENT").nth(1).expect("an event");
    master
        .lines()
        .find_map(|l| {
            let rest = l.trim_end_matches('\r').strip_prefix(name)?;
            if !rest.starts_with([':', ';']) {
                return None;
            }
            let (params, value) = rest.split_once(':')?;
            Some((params, value))
        })
        .unwrap_or_else(|| panic!("no {name} in {ics}"))
}

pub async fn calendar() -> CalDav {
    let radicale = Radicale::start();
    let url = radicale.calendar_url("anna", "work");
    Other::new("anna").make_calendar(&url, "Arbejde").await;
    let server = radicale.base().trim_end_matches('/').to_string();
    let target = server
        .trim_start_matches("http://")
        .parse()
        .expect("radicale's address");
    let gate = Gate::open(target).await;
    let calendar = CalDavCalendar::new(CalDavSettings {
        url: gate_url(&gate),
        credentials: Credentials {
            username: USERS[0].0.to_string(),
            password: USERS[0].1.to_string(),
        },
        zone: chrono_tz::Europe::Copenhagen,
        retry: quick_retries(),
    })
    .expect("client");
    CalDav {
        radicale,
        gate,
        calendar: Arc::new(calendar),
        phone: Phone {
            http: reqwest::Client::new(),
            server,
        },
        made: AtomicUsize::new(0),
    }
}

/// anna's calendar `work` as our client reaches it, through the gate.
fn gate_url(gate: &Gate) -> String {
    format!("http://127.0.0.1:{}/anna/work/", gate.port())
}

impl CalDav {
    /// The calendar's URL as our client reaches it (through the gate).
    pub fn url(&self) -> String {
        gate_url(&self.gate)
    }

    /// Our client, as the sync engine holds a calendar.
    pub fn shared(&self) -> Arc<dyn CalendarProvider> {
        self.calendar.clone()
    }

    /// A new item id of the phone's.
    fn next_id(&self) -> (String, ItemId) {
        let n = self.made.fetch_add(1, Ordering::Relaxed);
        let uid = format!("phone-{n}");
        (uid.clone(), ItemId(format!("/anna/work/{uid}.ics")))
    }
}

impl Fixture for CalDav {
    // One calendar object holds a series and its changed occurrences
    // (RECURRENCE-ID): written in one PUT.
    const WRITES_EXCEPTIONS: bool = true;

    fn calendar(&self) -> &dyn CalendarProvider {
        self.calendar.as_ref()
    }

    fn requests(&self) -> u64 {
        self.calendar.requests()
    }

    // Radicale answers a sync listing whole (a listing cut short with 507
    // is the CalDAV tests' `truncated`); the client then fetches the items
    // 200 at a time.
    fn listing_requests(&self, n: usize) -> u64 {
        1 + n.div_ceil(200) as u64
    }

    async fn their_event(&self, summary: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> ItemId {
        let (uid, id) = self.next_id();
        self.phone
            .put(&id, &event(&uid, summary, start, end, ""))
            .await;
        id
    }

    async fn their_edit(&self, id: &ItemId, summary: &str) {
        let ics = self.phone.get(id).await;
        let (params, old) = master_property(&ics, "SUMMARY");
        let edited = ics.replacen(
            &format!("SUMMARY{params}:{old}\r\n"),
            &format!("SUMMARY:{summary}\r\n"),
            1,
        );
        assert_ne!(edited, ics, "the summary is replaced");
        self.phone.put(id, &edited).await;
    }

    async fn their_place(&self, id: &ItemId, place: &str) {
        let ics = self.phone.get(id).await;
        let master = ics.find("BEGIN:VEVENT\r\n").expect("an event");
        let line = ics[master..]
            .find("\r\nLOCATION")
            .map(|at| master + at + 2)
            .filter(|at| {
                ics[*at..].starts_with("LOCATION:") || ics[*at..].starts_with("LOCATION;")
            });
        let edited = match line {
            Some(at) => {
                let end = at + ics[at..].find("\r\n").expect("a line");
                format!("{}LOCATION:{place}{}", &ics[..at], &ics[end..])
            }
            None => ics.replacen(
                "BEGIN:VEVENT\r\n",
                &format!("BEGIN:VEVENT\r\nLOCATION:{place}\r\n"),
                1,
            ),
        };
        self.phone.put(id, &edited).await;
    }

    async fn their_delete(&self, id: &ItemId) {
        let status = Other::new(USERS[0].0).delete(&self.phone.url(id)).await;
        assert!(matches!(status, 200 | 204), "DELETE {id:?}: {status}");
    }

    async fn their_series(
        &self,
        summary: &str,
        start: DateTime<Utc>,
        hours: i64,
        count: u32,
    ) -> ItemId {
        let (uid, id) = self.next_id();
        let rule = format!("RRULE:FREQ=WEEKLY;COUNT={count}\r\n");
        let ics = event(&uid, summary, start, start + Duration::hours(hours), &rule);
        self.phone.put(&id, &ics).await;
        id
    }

    async fn their_move(
        &self,
        series: &ItemId,
        original: DateTime<Utc>,
        start: DateTime<Utc>,
        hours: i64,
    ) {
        let ics = self.phone.get(series).await;
        let (_, uid) = master_property(&ics, "UID");
        let (_, summary) = master_property(&ics, "SUMMARY");
        // RECURRENCE-ID in the form of the master's DTSTART (RFC 5545
        // 3.8.4.4): UTC, or local time in its zone.
        let recurrence_id = match master_property(&ics, "DTSTART") {
            (params, _) if params.starts_with(";TZID=") => {
                let zone: chrono_tz::Tz = params[6..].parse().expect("a zone");
                format!(
                    "RECURRENCE-ID{params}:{}",
                    original.with_timezone(&zone).format("%Y%m%dT%H%M%S")
                )
            }
            _ => format!("RECURRENCE-ID:{}", stamp(original)),
        };
        let moved = format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260301T120000Z\r\n{recurrence_id}\r\n\
             DTSTART:{}\r\nDTEND:{}\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            stamp(start),
            stamp(start + Duration::hours(hours)),
        );
        let with = ics.replacen("END:VCALENDAR\r\n", &moved, 1);
        self.phone.put(series, &with).await;
    }

    async fn fill(&self, n: usize) {
        // Straight into Radicale's storage: hundreds of PUTs take long.
        let items: Vec<(String, String)> = (0..n)
            .map(|i| {
                let start = super::at(3 + (i % 20) as u32, 6 + (i % 10) as u32);
                let uid = format!("job-{i}");
                let text = event(
                    &uid,
                    &format!("Job {i}"),
                    start,
                    start + Duration::hours(1),
                    "",
                );
                (format!("{uid}.ics"), text)
            })
            .collect();
        self.radicale.seed_calendar("anna", "work", &items);
    }

    async fn go_offline(&self) {
        self.gate.close().await;
    }

    async fn come_online(&self) {
        self.gate.reopen().await;
    }
}

conformance!(calendar());

/// An item made by hand on a phone, holding what we do not write (an
/// alarm, two attendees, categories, a property of its own), takes our new
/// place and time and keeps all the rest. Radicale only: Microsoft 365
/// takes our changes as a PATCH of the fields we write.
#[tokio::test]
async fn an_item_made_by_hand_keeps_what_we_do_not_write() {
    let f = calendar().await;
    let (uid, id) = f.next_id();
    let kept = [
        "ATTENDEE;CN=\"Jensen, Anna\";ROLE=REQ-PARTICIPANT:mailto:anna@firma.dk",
        "ATTENDEE;CN=Bo:mailto:bo@firma.dk",
        "CATEGORIES:Rengøring,Fast kunde",
        "X-SOMETHING;X-P=\"a,b\":behold mig",
    ];
    let alarm = "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Påmindelse\r\n\
                 TRIGGER:-PT15M\r\nEND:VALARM\r\n";
    let extra = format!("LOCATION:Vesterbro\r\n{}\r\n{alarm}", kept.join("\r\n"));
    f.phone
        .put(&id, &event(&uid, "Madsen", at(12, 8), at(12, 10), &extra))
        .await;
    let cal = f.calendar();
    let first = cal.changes(None).await.unwrap();
    let listed = first.upserts.iter().find(|i| i.id == id).unwrap().clone();
    assert_eq!(listed.booking, None);

    // The console gives the job a new place and time.
    let mut ours = booking("b-12", 12);
    ours.content.location = "Nørregade 3, 8000 Aarhus C".to_string();
    ours.content.start = When::At(at(12, 11));
    ours.content.end = When::At(at(12, 13));
    let written = cal.update(&id, &listed.version, &ours).await.unwrap();
    assert_eq!(written.id, id);

    let stored = f.phone.get(&id).await;
    for line in kept.iter().chain(&[alarm, &format!("UID:{uid}\r\n")]) {
        assert!(stored.contains(line), "{line:?} kept in\n{stored}");
    }
    assert!(!stored.contains("Vesterbro"), "{stored}");
    assert!(!stored.contains("Madsen"), "{stored}");
    let seen = cal.changes(first.next.as_ref()).await.unwrap();
    let changed = seen.upserts.iter().find(|i| i.id == id).unwrap();
    assert_eq!(changed.content, ours.content, "the place and time changed");
    assert_eq!(changed.booking.as_deref(), Some("b-12"));
    assert_eq!(changed.version, written.version);

    // Written over again at a stale version: refused, nothing lost.
    let stale = cal.update(&id, &listed.version, &ours).await;
    assert!(
        matches!(stale, Err(ProviderError::PreconditionFailed)),
        "{stale:?}"
    );
}

/// A CalDAV first listing past its bound stops after the sync listing,
/// before any item is fetched.
#[tokio::test]
async fn a_bounded_first_listing_fetches_nothing_past_its_bound() {
    let f = calendar().await;
    f.fill(300).await;
    let before = f.requests();
    let past = f.calendar().first_listing(Some(299)).await;
    assert!(matches!(past, Err(ProviderError::TooMany { limit: 299 })));
    assert_eq!(f.requests() - before, 1, "the sync listing alone");
}

/// The stored bytes of the first `name` property of `ics` (its folded
/// lines included).
fn stored_property<'a>(ics: &'a str, name: &str) -> &'a str {
    let at = [":", ";"]
        .iter()
        .filter_map(|sep| ics.find(&format!("\r\n{name}{sep}")))
        .min()
        .unwrap_or_else(|| panic!("no {name} in {ics}"))
        + 2;
    let mut end = at;
    loop {
        end += ics[end..].find("\r\n").expect("a line end") + 2;
        if !ics[end..].starts_with([' ', '\t']) {
            return &ics[at..end];
        }
    }
}

/// The stored bytes of the first component `name` of `ics`.
fn stored_component<'a>(ics: &'a str, name: &str) -> &'a str {
    let begin = ics
        .find(&format!("BEGIN:{name}\r\n"))
        .unwrap_or_else(|| panic!("no {name} in {ics}"));
    let end = format!("END:{name}\r\n");
    let to = begin + ics[begin..].find(&end).expect("its end") + end.len();
    &ics[begin..to]
}

/// What a cleaner adds on the phone to one of our items (an alarm,
/// categories, another app's property) stays byte for byte when we next
/// write a new time and place over it. The write reads the stored object
/// first: two requests; one at a stale version stops after the read.
#[tokio::test]
async fn our_item_keeps_what_a_cleaner_adds_to_it() {
    let f = calendar().await;
    let cal = f.calendar();
    let made = cal.create(&booking("b-20", 20)).await.unwrap();
    let first = cal.changes(None).await.unwrap();
    assert_eq!(first.upserts.len(), 1);

    // The phone adds to it, at the version it read.
    let phone = Other::new(USERS[0].0);
    let url = f.phone.url(&made.id);
    let (status, ours, etag) = phone.get(&url).await;
    assert_eq!(status, 200);
    assert_eq!(etag.as_deref(), Some(made.version.0.as_str()));
    assert_eq!(ours.matches("END:VEVENT\r\n").count(), 1, "{ours}");
    let added = "CATEGORIES:Rengøring,Fast kunde\r\n\
                 X-OTHER-APP;X-P=\"a,b\":behold mig\r\n\
                 BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Påmindelse\r\n\
                 TRIGGER:-PT15M\r\nEND:VALARM\r\n";
    let theirs = ours.replacen("END:VEVENT\r\n", &format!("{added}END:VEVENT\r\n"), 1);
    let status = phone.put_if_match(&url, &theirs, &made.version.0).await;
    assert!(matches!(status, 200 | 201 | 204), "PUT: {status}");
    let (_, stored, _) = phone.get(&url).await;
    let kept = [
        stored_property(&stored, "CATEGORIES").to_string(),
        stored_property(&stored, "X-OTHER-APP").to_string(),
        stored_component(&stored, "VALARM").to_string(),
    ];

    // We read their version, then write a new time and place.
    let seen = cal.changes(first.next.as_ref()).await.unwrap();
    let listed = seen.upserts.iter().find(|i| i.id == made.id).unwrap();
    assert_ne!(listed.version, made.version);
    let mut moved = booking("b-20", 21);
    moved.content.location = "Nørregade 3, 8000 Aarhus C".to_string();
    moved.content.start = When::At(at(21, 11));
    moved.content.end = When::At(at(21, 13));
    let before = f.requests();
    let written = cal.update(&made.id, &listed.version, &moved).await.unwrap();
    let used = f.requests() - before;
    assert_eq!(written.id, made.id);

    let (_, after, etag) = phone.get(&url).await;
    assert_eq!(etag.as_deref(), Some(written.version.0.as_str()));
    for line in &kept {
        assert!(after.contains(line.as_str()), "{line:?} kept in\n{after}");
        assert_eq!(after.matches(line.as_str()).count(), 1, "once: {line:?}");
    }
    let back = cal.changes(seen.next.as_ref()).await.unwrap();
    let changed = back.upserts.iter().find(|i| i.id == made.id).unwrap();
    assert_eq!(changed.content, moved.content, "our new time and place");
    assert_eq!(changed.booking.as_deref(), Some("b-20"));
    assert_eq!(changed.version, written.version);
    assert_eq!(used, 2, "the stored object read, then written");

    // Written at the version before ours: refused after the read, nothing
    // written.
    let before = f.requests();
    let stale = cal
        .update(&made.id, &listed.version, &booking("b-20", 25))
        .await;
    assert_eq!(stale, Err(ProviderError::PreconditionFailed));
    assert_eq!(f.requests() - before, 1, "the read alone, no doomed write");
    let (_, unchanged, etag) = phone.get(&url).await;
    assert_eq!(unchanged, after, "nothing changed");
    assert_eq!(etag.as_deref(), Some(written.version.0.as_str()));
}

/// An object under our own name that cannot be written over line by line
/// (no event left in it: a client turned it into a task) is written whole
/// as ours, as it was made.
#[tokio::test]
async fn our_item_broken_by_another_client_is_written_whole() {
    let f = calendar().await;
    let cal = f.calendar();
    let made = cal.create(&booking("b-30", 20)).await.unwrap();
    let url = f.phone.url(&made.id);
    let phone = Other::new(USERS[0].0);
    let task = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Broken//EN\r\n\
                BEGIN:VTODO\r\nUID:renos-booking-b-30\r\nDTSTAMP:20260301T120000Z\r\n\
                SUMMARY:Ring til kunden\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
    let status = phone.put_if_match(&url, task, &made.version.0).await;
    assert!(matches!(status, 200 | 201 | 204), "PUT: {status}");
    let (_, _, etag) = phone.get(&url).await;
    let version = renos::providers::calendar::Version(etag.expect("an etag"));

    let written = cal
        .update(&made.id, &version, &booking("b-30", 22))
        .await
        .unwrap();
    let found = cal.find_by_booking("b-30").await.unwrap().unwrap();
    assert_eq!(found.version, written.version);
    assert_eq!(found.content, booking("b-30", 22).content);
    assert!(found.exceptions.is_empty(), "{found:?}");
}
