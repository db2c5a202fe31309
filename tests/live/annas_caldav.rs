//! Anna's calendar on a real Radicale, set up for a kill test: the calendar
//! made, the console's config naming it, and someone else's view of it (a
//! phone with a CalDAV client) to change it and to read what it holds.

use std::path::Path;

use renos::providers::caldav::{CalDavCalendar, CalDavSettings, Credentials};
use renos::providers::calendar::{CalendarProvider, ItemStatus, RemoteItem};
use renos::providers::retry::RetryPolicy;
use tokio::runtime::Runtime;

use crate::radicale::{Other, Radicale, USERS};

pub struct AnnasCalDav {
    /// The calendar's URL.
    pub url: String,
    /// The calendar as the sync keys it (`caldav:URL`).
    pub key: String,
    /// Someone else's view of it.
    pub there: CalDavCalendar,
}

impl AnnasCalDav {
    /// Makes Anna's calendar in `radicale` and names it in the config under
    /// `home` (`[calendars.staff]`).
    pub fn set_up(rt: &Runtime, radicale: &Radicale, home: &Path) -> AnnasCalDav {
        let url = radicale.calendar_url("anna", "work");
        rt.block_on(Other::new("anna").make_calendar(&url, "Arbejde"));
        let there = CalDavCalendar::new(CalDavSettings {
            url: url.clone(),
            credentials: Credentials {
                username: USERS[0].0.to_string(),
                password: USERS[0].1.to_string(),
            },
            zone: chrono_tz::Europe::Copenhagen,
            retry: RetryPolicy::default(),
        })
        .expect("client");
        let config = home.join("config/renos");
        std::fs::create_dir_all(&config).expect("config dir");
        std::fs::write(
            config.join("config.toml"),
            format!("[calendars.staff]\n\"Anna\" = \"caldav:{url}\"\n"),
        )
        .expect("config");
        AnnasCalDav {
            key: format!("caldav:{url}"),
            url,
            there,
        }
    }

    /// The items the calendar holds now (cancelled ones left out).
    pub fn items(&self, rt: &Runtime) -> Vec<RemoteItem> {
        rt.block_on(self.there.changes(None))
            .expect("radicale lists")
            .upserts
            .into_iter()
            .filter(|i| i.content.status != ItemStatus::Cancelled)
            .collect()
    }
}
