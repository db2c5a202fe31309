//! `renos doctor`'s checks of each cleaner's own calendar
//! (`[calendars.staff]`): where its credentials come from (a password file
//! only its owner may read), then whether it answers and takes them.

use std::os::unix::fs::MetadataExt;

use super::said::{CalendarFound, CalendarSaid, Checked, What};
use crate::config::{CalendarRef, Settings};
use crate::engine::health::{self, Finding, Health, Level, StaffCalendarState as State};
use crate::providers::caldav::{self, CalDavSettings, Credentials};
use crate::providers::calendar::{CalendarProvider, ProviderError};
use crate::providers::outlook::{OutlookCalendar, OutlookCredentials, OutlookSettings, Window};
use crate::providers::retry::RetryPolicy;

/// One try, ten seconds: the doctor tells, it does not wait.
fn probe_retry() -> RetryPolicy {
    RetryPolicy {
        retries: 0,
        timeout: std::time::Duration::from_secs(10),
        ..RetryPolicy::default()
    }
}

/// What a provider's answer to the probe says.
fn answered(r: Result<(), ProviderError>) -> (Level, Finding, State) {
    match r {
        Ok(()) => (Level::Ok, Finding::Works, State::Works),
        Err(e @ ProviderError::Unauthorised(_)) => (
            Level::Fail,
            Finding::KeyRefused,
            State::Refused(e.to_string()),
        ),
        Err(ProviderError::NotFound(_)) => (Level::Fail, Finding::BadSetting, State::NoCalendar),
        Err(e) if e.is_transient() => {
            (Level::Fail, Finding::Offline, State::Offline(e.to_string()))
        }
        Err(e) => (Level::Fail, Finding::Error, State::Error(e.to_string())),
    }
}

/// Each cleaner's own calendar: a CalDAV one is asked for (reachable,
/// password accepted, a calendar at that address), a Microsoft 365 one
/// likewise with the app's credentials; a Google one goes through the
/// account the `[google]` check is about.
pub async fn staff_calendars(settings: &Settings) -> Vec<Checked> {
    let cal = &settings.calendars;
    let env = |k: &str| std::env::var(k).ok();
    let mut out = Vec::new();
    for (cleaner, calendar) in &cal.staff {
        let said = |state: State| health::Said::StaffCalendar {
            cleaner: cleaner.clone(),
            provider: calendar.provider(),
            target: calendar.target().to_string(),
            state,
        };
        let found = |level: Level, finding: Finding, found: CalendarFound| {
            Checked::new(
                "calendar",
                level,
                finding,
                What::Calendar(CalendarSaid {
                    cleaner: cleaner.clone(),
                    provider: calendar.provider(),
                    target: calendar.target().to_string(),
                    found,
                }),
            )
        };
        let health = |level, finding, state| {
            Checked::from(Health::new("calendar", level, finding, said(state)))
        };
        match calendar {
            // Through the account of `[google]`, checked on its own line.
            CalendarRef::Google(_) => {
                out.push(found(
                    Level::Ok,
                    Finding::Works,
                    CalendarFound::GoogleAccount,
                ));
            }
            CalendarRef::CalDav(url) => {
                let from_env = env(caldav::ENV_USERNAME).is_some_and(|s| !s.is_empty())
                    && env(caldav::ENV_PASSWORD).is_some_and(|s| !s.is_empty());
                if from_env {
                    out.push(found(Level::Ok, Finding::Works, CalendarFound::CalDavEnv));
                } else if let Some(path) = &cal.caldav_credentials {
                    // The file's own mode, said whatever it is (a link is
                    // not followed: the reader refuses one).
                    if let Ok(meta) = std::fs::symlink_metadata(path) {
                        let mode = meta.mode() & 0o777;
                        let private = meta.is_file() && mode & 0o077 == 0;
                        out.push(found(
                            if private { Level::Ok } else { Level::Fail },
                            if private {
                                Finding::Works
                            } else {
                                Finding::BadSetting
                            },
                            CalendarFound::PasswordFile {
                                path: path.display().to_string(),
                                mode,
                                private,
                            },
                        ));
                        if !private {
                            // Said above: not read, so nothing to ask.
                            continue;
                        }
                    }
                }
                let credentials = match Credentials::resolve(env, cal.caldav_credentials.as_deref())
                {
                    Ok(c) => c,
                    Err(e) => {
                        out.push(health(
                            Level::Fail,
                            Finding::SettingMissing,
                            State::NoCredentials(e),
                        ));
                        continue;
                    }
                };
                let probe = CalDavSettings {
                    url: url.clone(),
                    credentials,
                    zone: settings.tz.0,
                    retry: probe_retry(),
                };
                let (level, finding, state) = match caldav::discover(&probe).await {
                    Ok(cals) if cals.iter().any(|c| &c.url == url) => {
                        (Level::Ok, Finding::Works, State::Works)
                    }
                    Ok(_) => (Level::Fail, Finding::BadSetting, State::NoCalendar),
                    Err(e) => answered(Err(e)),
                };
                out.push(health(level, finding, state));
            }
            CalendarRef::Outlook(user) => {
                let credentials = match &cal.outlook_credentials {
                    Some(given) => {
                        out.push(found(Level::Ok, Finding::Works, CalendarFound::Given));
                        given.clone()
                    }
                    None => match OutlookCredentials::from_env(env) {
                        Ok(c) => {
                            out.push(found(Level::Ok, Finding::Works, CalendarFound::OutlookEnv));
                            c
                        }
                        Err(e) => {
                            out.push(health(
                                Level::Fail,
                                Finding::SettingMissing,
                                State::NoCredentials(e),
                            ));
                            continue;
                        }
                    },
                };
                let client = OutlookCalendar::new(OutlookSettings {
                    credentials,
                    user: user.clone(),
                    base_url: cal.graph_base_url.clone(),
                    login_url: cal.graph_login_url.clone(),
                    window: Window::default(),
                    page_size: 10,
                    retry: probe_retry(),
                    clock: crate::clock::Clock::System,
                });
                // One request: a look for an item no booking has.
                let r = match client {
                    Ok(c) => c.find_by_booking("0").await.map(|_| ()),
                    Err(e) => Err(e),
                };
                let (level, finding, state) = answered(r);
                out.push(health(level, finding, state));
            }
        }
    }
    out
}
