//! The demo's cleaners on other calendars than the shared Google one:
//! Louise Nielsen's on Microsoft 365 (the demo's sandbox serves the Graph
//! fake, with its organisation's app credentials given to this demo only),
//! and Mikkel Sørensen's on CalDAV (a Radicale of the demo's own, where it
//! is installed). Each calendar holds a few jobs put in by hand, which the
//! first sync takes in as bookings. Everything stays on loopback.

use std::path::Path;

use anyhow::{Context as _, Result, anyhow};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use super::radicale::{self, NotStarted, Radicale, Seed};
use crate::config::{CalendarRef, CalendarsConfig, Settings};
use crate::i18n::Words;
use crate::providers::outlook::OutlookCredentials;
use crate::sandbox::{self, Sandbox};

/// The cleaner whose calendar is on CalDAV.
pub const CALDAV_CLEANER: &str = "Mikkel Sørensen";
/// The cleaner whose calendar is on Microsoft 365.
pub const OUTLOOK_CLEANER: &str = "Louise Nielsen";
/// Her mailbox in the sandbox's organisation.
pub const OUTLOOK_USER: &str = "louise@renos.example";
/// The CalDAV user and calendar.
const CALDAV_USER: &str = "mikkel";
const CALDAV_CALENDAR: &str = "arbejde";

/// A job put in a cleaner's calendar by hand: days from today, local
/// start, minutes, title, place.
type HandJob = (i64, (u32, u32), i64, &'static str, &'static str);

/// In Mikkel's CalDAV calendar.
const CALDAV_JOBS: [HandJob; 2] = [
    (
        1,
        (13, 0),
        120,
        "Vinduespudsning - Karen Lykke",
        "Oddervej 88, 8270 Højbjerg",
    ),
    (
        2,
        (9, 0),
        150,
        "Fast rengøring - Frederik Dahl",
        "Nørregade 18, 8000 Aarhus C",
    ),
];

/// In Louise's Microsoft 365 calendar.
const OUTLOOK_JOBS: [HandJob; 2] = [
    (
        1,
        (14, 30),
        120,
        "Hovedrengøring - Kasper Bæk",
        "Bispehavevej 9, 8210 Aarhus V",
    ),
    (
        2,
        (8, 0),
        120,
        "Fast rengøring - Niels Ågaard",
        "Ormslevvej 61, 8260 Viby J",
    ),
];

/// What keeps the demo's calendars running (Radicale, where it runs).
pub struct DemoCalendars {
    _radicale: Option<Radicale>,
}

/// Puts the two cleaners' calendars in `settings` and fills them with
/// their hand-made jobs; the notice's words where the CalDAV half is left
/// out, and why. Calendars the config names for cleaners are left out of
/// the demo: they name the business's own cleaners and calendars, not the
/// demo's, and nothing of the demo's may reach them.
pub fn set_up(
    sb: &Sandbox,
    settings: &mut Settings,
    db: &Path,
    now: DateTime<Utc>,
) -> Result<(DemoCalendars, Option<String>)> {
    let w = settings.language.words();
    let today = settings.tz.local_date(now);
    settings.calendars = CalendarsConfig::default();
    outlook(sb, settings, today).with_context(|| w.get("demo-calendar-outlook-failed"))?;
    let (radicale, said) = match caldav(settings, db, today, w) {
        Ok(r) => (Some(r), None),
        Err(NotStarted::NotInstalled) => (
            None,
            Some(w.with(
                "demo-notice-no-radicale",
                &[("cleaner", CALDAV_CLEANER.into())],
            )),
        ),
        Err(NotStarted::Failed(e)) => (
            None,
            Some(w.with(
                "demo-notice-radicale-failed",
                &[("cleaner", CALDAV_CLEANER.into()), ("error", e.into())],
            )),
        ),
    };
    Ok((
        DemoCalendars {
            _radicale: radicale,
        },
        said,
    ))
}

/// The instants of a hand-made job.
fn span(settings: &Settings, today: NaiveDate, job: &HandJob) -> (DateTime<Utc>, DateTime<Utc>) {
    let (days, (h, m), minutes, _, _) = *job;
    let time = NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    let start = settings.tz.instant(today + Duration::days(days), time);
    (start, start + Duration::minutes(minutes))
}

/// Louise's calendar in the sandbox's Graph fake, her jobs made there
/// through Graph as Outlook would.
fn outlook(sb: &Sandbox, settings: &mut Settings, today: NaiveDate) -> Result<()> {
    let cal = &mut settings.calendars;
    cal.graph_base_url = sb.graph_base_url();
    cal.graph_login_url = sb.graph_login_url();
    cal.outlook_credentials = Some(OutlookCredentials {
        tenant: sandbox::MICROSOFT_TENANT.to_string(),
        client_id: sandbox::MICROSOFT_CLIENT.to_string(),
        secret: sandbox::MICROSOFT_SECRET.to_string(),
    });
    cal.staff.insert(
        OUTLOOK_CLEANER.to_string(),
        CalendarRef::Outlook(OUTLOOK_USER.to_string()),
    );
    let events: Vec<serde_json::Value> = OUTLOOK_JOBS
        .iter()
        .map(|job| {
            let (start, end) = span(settings, today, job);
            let at = |t: DateTime<Utc>| {
                serde_json::json!({
                    "dateTime": t.naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string(),
                    "timeZone": "UTC",
                })
            };
            serde_json::json!({
                "subject": job.3,
                "location": {"displayName": job.4},
                "start": at(start),
                "end": at(end),
            })
        })
        .collect();
    // Made there by someone: straight into the demo's Graph fake.
    let graph = sb.graph();
    for ev in &events {
        graph
            .add_event(OUTLOOK_USER, ev)
            .map_err(|e| anyhow!("{e}"))?;
    }
    Ok(())
}

/// Mikkel's calendar on the demo's own Radicale, his jobs in it as files
/// (a calendar long in use); its password in a 0600 file beside it, and
/// given to the sync so that no CalDAV credentials in the environment
/// take its place.
fn caldav(
    settings: &mut Settings,
    db: &Path,
    today: NaiveDate,
    w: Words,
) -> Result<Radicale, NotStarted> {
    let failed = |e: anyhow::Error| NotStarted::Failed(format!("{e:#}"));
    let password = crate::engine::remote::new_secret()
        .map_err(|e| NotStarted::Failed(e.to_string()))?
        .secret;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let items = CALDAV_JOBS
        .iter()
        .enumerate()
        .map(|(i, job)| {
            let (start, end) = span(settings, today, job);
            let utc = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
            let uid = format!("demo-hand-{i}@mikkel.example");
            let ics = format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mikkel's phone//EN\r\n\
                 BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:{stamp}\r\nDTSTART:{}\r\nDTEND:{}\r\n\
                 SUMMARY:{}\r\nLOCATION:{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                utc(start),
                utc(end),
                job.3,
                job.4.replace(',', "\\,"),
            );
            (format!("demo-hand-{i}.ics"), ics)
        })
        .collect();
    let dir = radicale::folder(db);
    let seed = Seed {
        user: CALDAV_USER,
        password: &password,
        calendar: CALDAV_CALENDAR,
        items,
    };
    let server = Radicale::start(&dir, &seed, w)?;
    let credentials = dir.join("credentials");
    super::super::output::write_private(
        &credentials,
        format!("{CALDAV_USER}:{password}\n").as_bytes(),
        w,
    )
    .map_err(failed)?;
    let cal = &mut settings.calendars;
    cal.caldav_credentials = Some(credentials);
    // The demo's own, whatever `CALDAV_USERNAME` and `CALDAV_PASSWORD`
    // say: those name the business's server, not the demo's.
    cal.caldav_given = Some(crate::providers::caldav::Credentials {
        username: CALDAV_USER.to_string(),
        password,
    });
    cal.staff.insert(
        CALDAV_CLEANER.to_string(),
        CalendarRef::CalDav(server.calendar_url(CALDAV_USER, CALDAV_CALENDAR)),
    );
    Ok(server)
}
