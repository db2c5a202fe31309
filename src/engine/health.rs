//! Is each provider reachable and are its credentials accepted? Checked by
//! `renos doctor` and by the console (for its header). What was found is a
//! typed value ([`Said`]); the views say it in the dispatcher's language,
//! with what to do.

use std::time::Duration;

use serde::Serialize;

use crate::config::Settings;
use crate::engine::delivery::ProviderFault;
use crate::providers::billy::BillyError;
use crate::providers::google::{GoogleError, RetryPolicy};
use crate::providers::network::NetworkFault;
use crate::providers::twilio::{TwilioError, is_account_sid, is_e164};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Ok,
    /// Works, but something is missing or worth a look.
    Warn,
    /// Does not work until fixed.
    Fail,
}

/// What a check found, in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    /// Reachable, and the credentials are accepted.
    Works,
    NotSetUp,
    SettingMissing,
    BadSetting,
    /// The Google key cannot be read.
    BadKey,
    /// The Twilio account SID is malformed.
    BadSid,
    /// The Twilio sender number is malformed.
    BadNumber,
    /// Billy has no product to invoice with.
    NoProduct,
    KeyRefused,
    /// The provider cannot be reached.
    Offline,
    /// The provider answered with an error.
    Error,
    /// A calendar the account may only read.
    ReadOnly,
    /// A calendar whose write access is unknown.
    WriteUnknown,
    /// A calendar Google does not know (or does not share).
    NotFound,
    /// Not there yet (the database before the first start).
    Missing,
    /// Changes the provider refused for good wait for the dispatcher.
    Refused,
}

/// Who a calendar check speaks of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarCheck {
    /// The calendar's id.
    pub calendar: String,
    /// The impersonated user; `None`: the service account itself.
    pub user: Option<String>,
    /// The cleaner whose calendar it is; `None`: the shared calendar.
    pub staff: Option<String>,
}

/// What a provider check found, with what the words need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    BillyNotSetUp,
    /// The settings named are missing.
    BillyHalfSetUp {
        missing: Vec<&'static str>,
    },
    BillyBadSetting {
        error: ProviderFault,
    },
    BillyWorks {
        organization: String,
    },
    /// No product of this name to put on invoice lines.
    BillyNoProduct {
        product: String,
    },
    BillyKeyRefused {
        error: crate::providers::billy::AccessRefusal,
    },
    BillyOffline {
        url: String,
        error: NetworkFault,
    },
    BillyError {
        error: BillyError,
    },
    TwilioNotSetUp,
    TwilioHalfSetUp {
        missing: Vec<&'static str>,
    },
    TwilioBadSid {
        sid: String,
    },
    TwilioBadNumber {
        number: String,
    },
    TwilioBadSetting {
        error: ProviderFault,
    },
    /// Works; `no_on_call`: automatic alerts are on with no on-call number.
    TwilioWorks {
        account: String,
        no_on_call: bool,
    },
    TwilioKeyRefused {
        error: crate::providers::twilio::AccessRefusal,
    },
    TwilioOffline {
        url: String,
        error: NetworkFault,
    },
    TwilioError {
        error: TwilioError,
    },
    GoogleNotSetUp,
    GoogleBadKey {
        error: String,
    },
    GoogleWorks {
        calendar: String,
    },
    GoogleOffline {
        error: NetworkFault,
    },
    GoogleRefused {
        error: String,
    },
    /// The account may read and change the calendar (`role`: owner, writer).
    CalendarWrites {
        at: CalendarCheck,
        role: String,
    },
    CalendarReadOnly {
        at: CalendarCheck,
        role: String,
    },
    CalendarWriteUnknown {
        at: CalendarCheck,
    },
    CalendarNotFound {
        at: CalendarCheck,
    },
    CalendarError {
        at: CalendarCheck,
        error: String,
    },
    /// A cleaner's own calendar (`[calendars.staff]`): `provider` is
    /// "CalDAV", "Google Calendar" or "Microsoft 365", `target` its address.
    StaffCalendar {
        cleaner: String,
        provider: &'static str,
        target: String,
        state: StaffCalendarState,
    },
}

/// What `renos doctor` found of a cleaner's own calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffCalendarState {
    /// Named, but this version does not sync it yet.
    NotSynced,
    /// No CalDAV username and password (why).
    NoCredentials(String),
    /// It answers and takes the password.
    Works,
    /// The server answers, but there is no calendar at the address.
    NoCalendar,
    /// The password is refused.
    Refused(String),
    /// The server does not answer.
    Offline(String),
    Error(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// "billy", "twilio", "google", "calendar"
    pub check: &'static str,
    pub level: Level,
    /// What was found, in a word (the console's header words it).
    pub finding: Finding,
    /// What was found, for a sentence and what to do.
    pub said: Said,
}

impl Health {
    pub fn new(check: &'static str, level: Level, finding: Finding, said: Said) -> Health {
        Health {
            check,
            level,
            finding,
            said,
        }
    }
}

/// Patience for a health check: one quick try.
fn quick() -> RetryPolicy {
    RetryPolicy {
        retries: 0,
        base: Duration::from_millis(200),
        max_wait: Duration::from_secs(1),
        timeout: Duration::from_secs(10),
    }
}

pub async fn billy(settings: &Settings) -> Health {
    let b = &settings.billy;
    let health = |level, finding, said| Health::new("billy", level, finding, said);
    if b.api_key.is_none() && b.organization_id.is_none() {
        return health(Level::Warn, Finding::NotSetUp, Said::BillyNotSetUp);
    }
    if !b.missing().is_empty() {
        return health(
            Level::Fail,
            Finding::SettingMissing,
            Said::BillyHalfSetUp {
                missing: b.missing(),
            },
        );
    }
    let client = match super::billing::client_with(settings, quick()) {
        Ok(c) => c,
        Err(e) => {
            return health(
                Level::Fail,
                Finding::BadSetting,
                Said::BillyBadSetting {
                    error: ProviderFault::of(&e),
                },
            );
        }
    };
    match client.organization().await {
        Ok(org) => match client.products().await {
            Ok(products)
                if products
                    .iter()
                    .any(|p| p.name.trim().eq_ignore_ascii_case(b.product.trim())) =>
            {
                health(
                    Level::Ok,
                    Finding::Works,
                    Said::BillyWorks {
                        organization: org.name,
                    },
                )
            }
            Ok(_) => health(
                Level::Warn,
                Finding::NoProduct,
                Said::BillyNoProduct {
                    product: b.product.clone(),
                },
            ),
            Err(e) => billy_error(&b.base_url, &e),
        },
        Err(e) => billy_error(&b.base_url, &e),
    }
}

fn billy_error(url: &str, e: &BillyError) -> Health {
    let (finding, said) = match e {
        BillyError::Auth(m) => (
            Finding::KeyRefused,
            Said::BillyKeyRefused { error: m.clone() },
        ),
        BillyError::Network(m) => (
            Finding::Offline,
            Said::BillyOffline {
                url: url.to_string(),
                error: m.clone(),
            },
        ),
        other => (
            Finding::Error,
            Said::BillyError {
                error: other.clone(),
            },
        ),
    };
    Health::new("billy", Level::Fail, finding, said)
}

pub async fn twilio(settings: &Settings) -> Health {
    let t = &settings.twilio;
    let health = |level, finding, said| Health::new("twilio", level, finding, said);
    if t.account_sid.is_none() && t.auth_token.is_none() && t.phone_number.is_none() {
        return health(Level::Warn, Finding::NotSetUp, Said::TwilioNotSetUp);
    }
    if !t.missing().is_empty() {
        return health(
            Level::Fail,
            Finding::SettingMissing,
            Said::TwilioHalfSetUp {
                missing: t.missing(),
            },
        );
    }
    let sid = t.account_sid.as_deref().unwrap_or_default();
    if !is_account_sid(sid) {
        return health(
            Level::Fail,
            Finding::BadSid,
            Said::TwilioBadSid {
                sid: sid.to_string(),
            },
        );
    }
    let from = t.phone_number.as_deref().unwrap_or_default();
    if !is_e164(from) {
        return health(
            Level::Fail,
            Finding::BadNumber,
            Said::TwilioBadNumber {
                number: from.to_string(),
            },
        );
    }
    let client = match super::alerts::client(settings) {
        Ok(c) => c,
        Err(e) => {
            return health(
                Level::Fail,
                Finding::BadSetting,
                Said::TwilioBadSetting {
                    error: ProviderFault::of(&e),
                },
            );
        }
    };
    match client.account().await {
        Ok(account) => {
            let no_on_call = settings.alerts.auto && settings.alerts.on_call.is_none();
            let level = if no_on_call { Level::Warn } else { Level::Ok };
            health(
                level,
                Finding::Works,
                Said::TwilioWorks {
                    account,
                    no_on_call,
                },
            )
        }
        Err(TwilioError::Auth(m)) => health(
            Level::Fail,
            Finding::KeyRefused,
            Said::TwilioKeyRefused { error: m },
        ),
        Err(TwilioError::Network(m)) => health(
            Level::Fail,
            Finding::Offline,
            Said::TwilioOffline {
                url: t.base_url.to_string(),
                error: m,
            },
        ),
        Err(e) => health(Level::Fail, Finding::Error, Said::TwilioError { error: e }),
    }
}

/// Each configured calendar, probed: can the account read it, and write?
/// A mistyped or unshared calendar id is named (Google answers 404 for
/// both); a calendar shared read-only is a failure, as the sync must write.
pub async fn google_calendars(settings: &Settings) -> Vec<Health> {
    let g = &settings.google;
    let Ok(Some(client)) = super::sync::client(g, quick()).await else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for cal in g.calendars() {
        let at = CalendarCheck {
            calendar: cal.clone(),
            user: g.impersonated_user.clone(),
            staff: g
                .staff_calendars
                .iter()
                .find(|(_, c)| *c == cal)
                .map(|(name, _)| name.clone()),
        };
        let (level, finding, said) = match client.probe(&cal).await {
            Ok(Some(role)) if role == "owner" || role == "writer" => {
                (Level::Ok, Finding::Works, Said::CalendarWrites { at, role })
            }
            Ok(Some(role)) => (
                Level::Fail,
                Finding::ReadOnly,
                Said::CalendarReadOnly { at, role },
            ),
            Ok(None) => (
                Level::Warn,
                Finding::WriteUnknown,
                Said::CalendarWriteUnknown { at },
            ),
            Err(GoogleError::NotFound(_)) => (
                Level::Fail,
                Finding::NotFound,
                Said::CalendarNotFound { at },
            ),
            Err(e) => (
                Level::Fail,
                Finding::Error,
                Said::CalendarError {
                    at,
                    error: e.to_string(),
                },
            ),
        };
        out.push(Health::new("calendar", level, finding, said));
    }
    out
}

pub async fn google(settings: &Settings) -> Health {
    let g = &settings.google;
    let health = |level, finding, said| Health::new("google", level, finding, said);
    if g.credentials.is_none() {
        return health(Level::Warn, Finding::NotSetUp, Said::GoogleNotSetUp);
    }
    let client = match super::sync::client(g, quick()).await {
        Ok(Some(c)) => c,
        Ok(None) => return health(Level::Warn, Finding::NotSetUp, Said::GoogleNotSetUp),
        Err(e) => {
            return health(
                Level::Fail,
                Finding::BadKey,
                Said::GoogleBadKey {
                    error: format!("{e:#}"),
                },
            );
        }
    };
    match client.check_auth().await {
        Ok(()) => health(
            Level::Ok,
            Finding::Works,
            Said::GoogleWorks {
                calendar: g.calendar_id.clone(),
            },
        ),
        Err(GoogleError::Network(m)) => health(
            Level::Fail,
            Finding::Offline,
            Said::GoogleOffline {
                error: NetworkFault::read(&m),
            },
        ),
        Err(e) => health(
            Level::Fail,
            Finding::KeyRefused,
            Said::GoogleRefused {
                error: e.to_string(),
            },
        ),
    }
}
