//! The calendars one sync drives, each named by a key: a Google calendar by
//! its id (as the sync's tables have always named it, so every row stays
//! what it was), a calendar on another provider by `caldav:URL` or
//! `outlook:USER`. Google calendars go through the engine's own Google
//! code; the others through the provider seam ([`CalendarProvider`]). Both
//! share the outbox, the links, the three-way merge, the conflict queue and
//! the journal.
//!
//! Between the seam and the shared merge, an item is seen as the event the
//! merge reads ([`as_event`]), and a booking is written as an item
//! ([`item_write`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::clock::Clock;
use crate::config::{CalendarRef, Settings};
use crate::domain::Booking;
use crate::domain::sync::EventFields;
use crate::providers::caldav::{CalDavCalendar, CalDavSettings, Credentials};
use crate::providers::calendar::events::{
    EventStatus, EventTime, PROP_BOOKING, PROP_INSTANCE, RemoteEvent,
};
use crate::providers::calendar::{
    CalendarProvider, Content, ItemStatus, ItemWrite, RemoteItem, When, Written,
};
use crate::providers::outlook::{OutlookCalendar, OutlookCredentials, OutlookSettings, Window};
use crate::providers::retry::RetryPolicy;
use crate::store::Store;

use super::Syncer;
use super::fields::{Layout, PROP_CUSTOMER, PROP_SERVICE, PROP_STAFF};

/// The calendars on other providers than Google, by key.
pub type Providers = BTreeMap<String, Arc<dyn CalendarProvider>>;

/// The key of a calendar: a Google id as it is, others with their provider.
pub fn key_of(r: &CalendarRef) -> String {
    match r {
        CalendarRef::Google(id) => id.clone(),
        CalendarRef::CalDav(url) => format!("caldav:{url}"),
        CalendarRef::Outlook(user) => format!("outlook:{user}"),
    }
}

/// Is the calendar `key` on another provider than Google (driven through
/// the seam)? A Google calendar id never starts with these.
pub fn is_seam(key: &str) -> bool {
    key.starts_with("caldav:") || key.starts_with("outlook:")
}

/// The journal's actor for changes from a CalDAV calendar.
pub const CALDAV_ACTOR: &str = "CalDAV";
/// The journal's actor for changes from a Microsoft 365 calendar.
pub const OUTLOOK_ACTOR: &str = "Microsoft 365";

/// The calendar a remark of the sync names, for the calendar `key`.
pub fn remarked(key: &str) -> crate::domain::remark::Calendar {
    Provider::of_key(key).remarked()
}

/// The journal's actor for changes from the calendar `key`.
pub fn actor_of(key: &str) -> &'static str {
    Provider::of_key(key).actor()
}

/// The provider a calendar is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    Google,
    CalDav,
    Outlook,
}

impl Provider {
    /// The calendar a remark names for this provider.
    pub fn remarked(self) -> crate::domain::remark::Calendar {
        use crate::domain::remark::Calendar;
        match self {
            Provider::Google => Calendar::Google,
            Provider::CalDav => Calendar::CalDav,
            Provider::Outlook => Calendar::Microsoft365,
        }
    }

    /// Who the journal says changed a booking when the change came from a
    /// calendar on this provider.
    pub fn actor(self) -> &'static str {
        match self {
            Provider::Google => super::SYNC_ACTOR,
            Provider::CalDav => CALDAV_ACTOR,
            Provider::Outlook => OUTLOOK_ACTOR,
        }
    }

    /// The provider of the calendar `key`.
    pub fn of_key(key: &str) -> Provider {
        if key.starts_with("caldav:") {
            Provider::CalDav
        } else if key.starts_with("outlook:") {
            Provider::Outlook
        } else {
            Provider::Google
        }
    }
}

/// A cleaner's calendar on another provider as the commands show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarView {
    pub key: String,
    pub provider: Provider,
    /// The calendar within its provider (URL or mailbox).
    pub target: String,
    /// Whose calendar it is.
    pub cleaner: String,
    /// Listed from a cursor (a full listing is not due).
    pub incremental: bool,
    pub last_full_sync: Option<DateTime<Utc>>,
    /// Why it cannot be used now (missing credentials), if so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_set_up: Option<String>,
}

/// The cleaners' calendars on other providers than Google, with their
/// state in the store and whether they can be set up (no request is made).
pub fn views(store: &Store, settings: &Settings) -> crate::store::Result<Vec<CalendarView>> {
    let (_, broken) = connect(settings, Clock::System);
    let mut out = Vec::new();
    for (cleaner, r) in &settings.calendars.staff {
        if matches!(r, CalendarRef::Google(_)) {
            continue;
        }
        let key = key_of(r);
        let st = store.calendar_state(&key)?;
        out.push(CalendarView {
            provider: Provider::of_key(&key),
            target: r.target().to_string(),
            cleaner: cleaner.clone(),
            incremental: st.sync_token.is_some(),
            last_full_sync: st.full_at,
            not_set_up: broken.get(&key).cloned(),
            key,
        });
    }
    Ok(out)
}

/// How a run went for a calendar on another provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarOutcome {
    /// Its changes were taken in.
    Synced,
    /// It could not be reached (or timed out): tried again later.
    Unreachable,
    /// It refused (credentials, permissions, bad data).
    Refused,
    /// It cannot be set up (missing credentials).
    NotSetUp,
}

/// One calendar on another provider in a run's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarRun {
    pub key: String,
    pub provider: Provider,
    pub outcome: CalendarOutcome,
}

/// A recurring item someone made by hand in a cleaner's calendar on
/// another provider: not taken in (only Google's recurring events become
/// series), so the run says so, or the job would be nowhere here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotTaken {
    /// The calendar's key.
    pub key: String,
    pub provider: Provider,
    /// Whose calendar it is (`[calendars.staff]`).
    pub cleaner: String,
    /// The item's title.
    pub summary: String,
}

/// Connects the cleaners' calendars on other providers than Google
/// (`[calendars.staff]`): CalDAV with the credentials the program gives
/// (the demo's), else from the environment or the 0600 file, Microsoft 365 with the app's credentials from the
/// environment. No request is made. A calendar that cannot be set up is
/// left out with why (its bookings wait in the outbox until it can).
pub fn connect(settings: &Settings, clock: Clock) -> (Providers, BTreeMap<String, String>) {
    let env = |k: &str| std::env::var(k).ok();
    let mut out = Providers::new();
    let mut broken = BTreeMap::new();
    for r in settings.calendars.staff.values() {
        if matches!(r, CalendarRef::Google(_)) {
            continue;
        }
        let key = key_of(r);
        match provider_for(settings, r, clock, &env) {
            Ok(p) => {
                out.insert(key, p);
            }
            Err(why) => {
                broken.insert(key, why);
            }
        }
    }
    (out, broken)
}

fn provider_for(
    settings: &Settings,
    r: &CalendarRef,
    clock: Clock,
    env: &dyn Fn(&str) -> Option<String>,
) -> std::result::Result<Arc<dyn CalendarProvider>, String> {
    let retry = RetryPolicy::default();
    Ok(match r {
        CalendarRef::Google(id) => return Err(format!("{id} is a Google calendar")),
        CalendarRef::CalDav(url) => {
            let credentials = match &settings.calendars.caldav_given {
                Some(given) => given.clone(),
                None => {
                    Credentials::resolve(env, settings.calendars.caldav_credentials.as_deref())?
                }
            };
            Arc::new(
                CalDavCalendar::new(CalDavSettings {
                    url: url.clone(),
                    credentials,
                    zone: settings.tz.0,
                    retry,
                })
                .map_err(|e| e.to_string())?,
            )
        }
        CalendarRef::Outlook(user) => {
            let credentials = match &settings.calendars.outlook_credentials {
                Some(given) => given.clone(),
                None => OutlookCredentials::from_env(env)?,
            };
            Arc::new(
                OutlookCalendar::new(OutlookSettings {
                    credentials,
                    user: user.clone(),
                    base_url: settings.calendars.graph_base_url.clone(),
                    login_url: settings.calendars.graph_login_url.clone(),
                    window: Window::default(),
                    page_size: 100,
                    retry,
                    clock,
                })
                .map_err(|e| e.to_string())?,
            )
        }
    })
}

impl Syncer {
    /// Drives the calendar `key` (`caldav:URL`, `outlook:USER`) through
    /// `provider` instead of the one the config names (a sandbox, a test).
    pub fn use_calendar(&mut self, key: &str, provider: Arc<dyn CalendarProvider>) {
        self.broken.remove(key);
        self.seam.insert(key.to_string(), provider);
    }

    /// Every calendar the sync drives: Google's (the shared one and the
    /// cleaners'), then the cleaners' on other providers.
    pub(super) fn all_calendars(&self) -> Vec<String> {
        let mut out = self.google_calendars();
        for key in self.seam.keys().chain(self.broken.keys()) {
            if !out.contains(key) {
                out.push(key.clone());
            }
        }
        out
    }

    /// Google's calendars: `[google]`'s and the cleaners' `google:` ones.
    pub(super) fn google_calendars(&self) -> Vec<String> {
        let mut out = self.google.calendars();
        for r in self.calendars.staff.values() {
            if let CalendarRef::Google(id) = r
                && !out.contains(id)
            {
                out.push(id.clone());
            }
        }
        out
    }
}

/// The private property an item's fact `name` is read as by the merge.
fn private_name(name: &str) -> String {
    match name {
        "instance" => PROP_INSTANCE.to_string(),
        "customer" => PROP_CUSTOMER.to_string(),
        "service" => PROP_SERVICE.to_string(),
        "staff" => PROP_STAFF.to_string(),
        other => format!("renos_{other}"),
    }
}

fn event_time(w: When) -> EventTime {
    match w {
        When::At(t) => EventTime::At(t),
        When::Day(d) => EventTime::Date(d),
    }
}

/// An item as the event the shared merge reads: its version as the etag,
/// its booking and facts as private properties. A recurring item keeps its
/// rule as a `recurrence` line.
pub fn as_event(item: &RemoteItem) -> RemoteEvent {
    let status = match item.content.status {
        ItemStatus::Confirmed => EventStatus::Confirmed,
        ItemStatus::Tentative => EventStatus::Tentative,
        ItemStatus::Cancelled => EventStatus::Cancelled,
    };
    let mut ev = RemoteEvent::bare(&item.id.0, status);
    ev.etag = Some(item.version.0.clone());
    ev.summary = item.content.summary.clone();
    ev.description = item.content.description.clone();
    ev.location = item.content.location.clone();
    ev.start = Some(event_time(item.content.start));
    ev.end = Some(event_time(item.content.end));
    if let Some(b) = &item.booking {
        ev.private.insert(PROP_BOOKING.to_string(), b.clone());
    }
    for (k, v) in &item.properties {
        ev.private.insert(private_name(k), v.clone());
    }
    if let Some(r) = &item.recurrence {
        ev.recurrence.push(format!("RRULE:{}", r.rule));
    }
    ev
}

/// What an item just written says, as the event the merge reads.
pub fn written_event(w: &Written, item: &ItemWrite) -> RemoteEvent {
    as_event(&RemoteItem {
        id: w.id.clone(),
        version: w.version.clone(),
        booking: Some(item.booking.clone()),
        properties: item.properties.clone(),
        content: item.content.clone(),
        recurrence: None,
        exceptions: Vec::new(),
    })
}

/// The item of booking `b` saying `f`: its facts as properties, a stable
/// key derived from the booking.
pub fn item_write(layout: &Layout, b: &Booking, f: &EventFields) -> ItemWrite {
    let ev = layout.write_of(b, f);
    let mut item = ItemWrite::single(
        &b.id.to_string(),
        Content {
            summary: ev.summary,
            description: ev.description,
            location: ev.location,
            start: When::At(ev.start),
            end: When::At(ev.end),
            status: ItemStatus::Confirmed,
        },
        &ev.time_zone,
    );
    item.key = Some(layout.event_id(b.id));
    for (name, private) in [
        ("instance", PROP_INSTANCE),
        ("customer", PROP_CUSTOMER),
        ("service", PROP_SERVICE),
        ("staff", PROP_STAFF),
    ] {
        if let Some(v) = ev.private.get(private) {
            item.properties.insert(name.to_string(), v.clone());
        }
    }
    item
}

/// The calendar of the item a removal entry (`CALENDAR_REMOVAL`, keyed
/// `booking\tcalendar\titem`) takes away; `None` when the key cannot be
/// read.
pub fn removal_calendar(key: &str) -> Option<&str> {
    removal_parts(key).map(|(_, calendar, _)| calendar)
}

/// The parts of a removal entry's key: whose (a booking id, or a series
/// marked [`crate::store::SERIES_REMOVAL_MARK`]), the calendar, the item.
pub fn removal_parts(key: &str) -> Option<(&str, &str, &str)> {
    let mut parts = key.splitn(3, '\t');
    Some((parts.next()?, parts.next()?, parts.next()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::calendar::{ItemId, Version};

    #[test]
    fn keys_keep_google_ids_and_name_the_others() {
        let g = key_of(&CalendarRef::Google("bo@firma.dk".into()));
        assert_eq!(g, "bo@firma.dk");
        assert!(!is_seam(&g));
        let c = key_of(&CalendarRef::CalDav("http://h/anna/".into()));
        assert_eq!(c, "caldav:http://h/anna/");
        assert!(is_seam(&c));
        let o = key_of(&CalendarRef::Outlook("carla@firma.dk".into()));
        assert!(is_seam(&o));
        assert_eq!(Provider::of_key(&o), Provider::Outlook);
        assert_eq!(Provider::of_key(&g), Provider::Google);
    }

    #[test]
    fn a_removal_names_the_calendar_its_item_is_in() {
        assert_eq!(
            removal_calendar("17\tcaldav:http://h/anna/\t/anna/x.ics"),
            Some("caldav:http://h/anna/")
        );
        assert_eq!(
            removal_calendar("s3\tshared@firma.dk\tev1"),
            Some("shared@firma.dk")
        );
        assert_eq!(removal_calendar("17\tshared@firma.dk"), None);
    }

    #[test]
    fn an_item_reads_as_the_event_the_merge_knows() {
        let t = chrono::DateTime::<chrono::Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let item = RemoteItem {
            id: ItemId("/anna/x.ics".into()),
            version: Version("\"v1\"".into()),
            booking: Some("17".into()),
            properties: [("instance".to_string(), "db1".to_string())].into(),
            content: Content {
                summary: "s".into(),
                description: "d".into(),
                location: "l".into(),
                start: When::At(t),
                end: When::At(t),
                status: ItemStatus::Cancelled,
            },
            recurrence: None,
            exceptions: Vec::new(),
        };
        let ev = as_event(&item);
        assert_eq!(ev.id, "/anna/x.ics");
        assert_eq!(ev.etag.as_deref(), Some("\"v1\""));
        assert_eq!(ev.status, EventStatus::Cancelled);
        assert_eq!(ev.private.get(PROP_BOOKING).map(String::as_str), Some("17"));
        assert_eq!(
            ev.private.get(PROP_INSTANCE).map(String::as_str),
            Some("db1")
        );
    }
}
