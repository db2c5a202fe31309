//! Is each provider reachable and are its credentials accepted? Checked by
//! `renos doctor` and by the console (for its header), and said in words a
//! dispatcher can act on.

use std::time::Duration;

use serde::Serialize;

use crate::config::Settings;
use crate::providers::billy::BillyError;
use crate::providers::google::{GoogleError, RetryPolicy};
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    /// "billy", "twilio", "google", "database", "config", …
    pub check: &'static str,
    pub level: Level,
    /// What was found, in a word (the console's header words it).
    pub finding: Finding,
    /// What was found, in a sentence.
    pub message: String,
    /// What to do about it; empty when nothing.
    pub fix: String,
}

impl Health {
    pub fn new(
        check: &'static str,
        level: Level,
        finding: Finding,
        message: String,
        fix: &str,
    ) -> Health {
        Health {
            check,
            level,
            finding,
            message,
            fix: fix.to_string(),
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
    let name = "Billy";
    if b.api_key.is_none() && b.organization_id.is_none() {
        return Health::new(
            "billy",
            Level::Warn,
            Finding::NotSetUp,
            "Billy (invoices) is not set up: invoicing is off.".into(),
            "set BILLY_API_KEY and BILLY_ORGANIZATION_ID (or [billy] api_key and organization_id in the config)",
        );
    }
    if !b.missing().is_empty() {
        return Health::new(
            "billy",
            Level::Fail,
            Finding::SettingMissing,
            format!(
                "Billy is half set up: {} is missing.",
                b.missing().join(" and ")
            ),
            &format!("set {}", b.missing().join(" and ")),
        );
    }
    let client = match super::billing::client_with(settings, quick()) {
        Ok(c) => c,
        Err(e) => {
            return Health::new(
                "billy",
                Level::Fail,
                Finding::BadSetting,
                format!("{e}"),
                "check the [billy] settings",
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
                Health::new(
                    "billy",
                    Level::Ok,
                    Finding::Works,
                    format!("Billy accepts the API key (organization {:?}).", org.name),
                    "",
                )
            }
            Ok(_) => Health::new(
                "billy",
                Level::Warn,
                Finding::NoProduct,
                format!(
                    "Billy accepts the API key, but has no product named {:?}: invoice lines \
                     need one (it carries the 25 % VAT).",
                    b.product
                ),
                "create the product in Billy, or name an existing one in [billy] product",
            ),
            Err(e) => billy_error(name, &b.base_url, &e),
        },
        Err(e) => billy_error(name, &b.base_url, &e),
    }
}

fn billy_error(name: &str, url: &str, e: &BillyError) -> Health {
    match e {
        BillyError::Auth(m) => Health::new(
            "billy",
            Level::Fail,
            Finding::KeyRefused,
            format!("{name} refused the credentials: {m}"),
            "check BILLY_API_KEY (an access token made in Billy under Settings → Access tokens) \
             and BILLY_ORGANIZATION_ID",
        ),
        BillyError::Network(m) => Health::new(
            "billy",
            Level::Fail,
            Finding::Offline,
            format!("{name} cannot be reached at {url}: {m}"),
            "check the network connection, or the base URL (RENOS_BILLY_BASE_URL / [billy] base_url)",
        ),
        other => Health::new(
            "billy",
            Level::Fail,
            Finding::Error,
            format!("{name} answered with an error: {other}"),
            "try again later; if it stays, check Billy's status page",
        ),
    }
}

pub async fn twilio(settings: &Settings) -> Health {
    let t = &settings.twilio;
    if t.account_sid.is_none() && t.auth_token.is_none() && t.phone_number.is_none() {
        return Health::new(
            "twilio",
            Level::Warn,
            Finding::NotSetUp,
            "Twilio (calls and SMS) is not set up: alerts and reminders are off.".into(),
            "set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER (or [twilio] in the config)",
        );
    }
    if !t.missing().is_empty() {
        return Health::new(
            "twilio",
            Level::Fail,
            Finding::SettingMissing,
            format!(
                "Twilio is half set up: {} is missing.",
                t.missing().join(", ")
            ),
            &format!("set {}", t.missing().join(", ")),
        );
    }
    let sid = t.account_sid.as_deref().unwrap_or_default();
    if !is_account_sid(sid) {
        return Health::new(
            "twilio",
            Level::Fail,
            Finding::BadSid,
            format!(
                "TWILIO_ACCOUNT_SID {sid:?} is not an account SID (AC followed by 32 hex digits)."
            ),
            "copy the Account SID from the Twilio console",
        );
    }
    let from = t.phone_number.as_deref().unwrap_or_default();
    if !is_e164(from) {
        return Health::new(
            "twilio",
            Level::Fail,
            Finding::BadNumber,
            format!("TWILIO_PHONE_NUMBER {from:?} is not a phone number in +45… form."),
            "set TWILIO_PHONE_NUMBER to your Twilio number, e.g. +4570000000",
        );
    }
    let client = match super::alerts::client(settings) {
        Ok(c) => c,
        Err(e) => {
            return Health::new(
                "twilio",
                Level::Fail,
                Finding::BadSetting,
                e.to_string(),
                "check the [twilio] settings",
            );
        }
    };
    match client.account().await {
        Ok(name) => {
            let mut h = Health::new(
                "twilio",
                Level::Ok,
                Finding::Works,
                format!("Twilio accepts the credentials (account {name:?})."),
                "",
            );
            if settings.alerts.auto && settings.alerts.on_call.is_none() {
                h.level = Level::Warn;
                h.message.push_str(
                    " Automatic alerts are on but no on-call number is set: they go to the cleaner's phone.",
                );
                h.fix = "set [alerts] on_call (or RENOS_ON_CALL) to the dispatcher's phone".into();
            }
            h
        }
        Err(TwilioError::Auth(m)) => Health::new(
            "twilio",
            Level::Fail,
            Finding::KeyRefused,
            format!("Twilio refused the credentials: {m}"),
            "check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (Twilio console → Account info)",
        ),
        Err(TwilioError::Network(m)) => Health::new(
            "twilio",
            Level::Fail,
            Finding::Offline,
            format!("Twilio cannot be reached at {}: {m}", t.base_url),
            "check the network connection, or the base URL (RENOS_TWILIO_BASE_URL / [twilio] base_url)",
        ),
        Err(e) => Health::new(
            "twilio",
            Level::Fail,
            Finding::Error,
            format!("Twilio answered with an error: {e}"),
            "try again later; if it stays, check Twilio's status page",
        ),
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
    let user = g
        .impersonated_user
        .clone()
        .unwrap_or_else(|| "the service account".to_string());
    let mut out = Vec::new();
    for cal in g.calendars() {
        let who = g
            .staff_calendars
            .iter()
            .find(|(_, c)| *c == cal)
            .map_or("the shared calendar".to_string(), |(name, _)| {
                format!("{name}'s calendar")
            });
        let fix_id = if cal == g.calendar_id {
            "check GOOGLE_CALENDAR_ID (or [google] calendar_id)".to_string()
        } else {
            "check [google.staff_calendars] in the config".to_string()
        };
        out.push(match client.probe(&cal).await {
            Ok(Some(role)) if role == "owner" || role == "writer" => Health::new(
                "calendar",
                Level::Ok,
                Finding::Works,
                format!("{user} can read and change {who} {cal} ({role})."),
                "",
            ),
            Ok(Some(role)) => Health::new(
                "calendar",
                Level::Fail,
                Finding::ReadOnly,
                format!("{user} can only read {who} {cal} ({role}): the sync cannot write bookings there."),
                &format!("share {cal} with {user} as \"Make changes to events\""),
            ),
            Ok(None) => Health::new(
                "calendar",
                Level::Warn,
                Finding::WriteUnknown,
                format!("{user} can read {who} {cal}, but it is not in the user's calendar list, so write access is unknown."),
                &format!("add {cal} to {user}'s calendar list, shared as \"Make changes to events\""),
            ),
            Err(GoogleError::NotFound(_)) => Health::new(
                "calendar",
                Level::Fail,
                Finding::NotFound,
                format!("Google has no calendar {cal} that {user} can see ({who}): the id is mistyped, or the calendar is not shared with {user}."),
                &format!("{fix_id}, or share the calendar with {user}"),
            ),
            Err(e) => Health::new(
                "calendar",
                Level::Fail,
                Finding::Error,
                format!("{who} {cal} cannot be checked: {e}"),
                "try again; if it stays, run `renos sync` and read its errors",
            ),
        });
    }
    out
}

pub async fn google(settings: &Settings) -> Health {
    let g = &settings.google;
    if g.credentials.is_none() {
        return Health::new(
            "google",
            Level::Warn,
            Finding::NotSetUp,
            "Google Calendar is not set up: the calendar sync is off.".into(),
            "set GOOGLE_CLIENT_EMAIL and GOOGLE_PRIVATE_KEY (or GOOGLE_KEY_FILE), GOOGLE_CALENDAR_ID and GOOGLE_IMPERSONATED_USER",
        );
    }
    let client = match super::sync::client(g, quick()).await {
        Ok(Some(c)) => c,
        Ok(None) => {
            return Health::new(
                "google",
                Level::Warn,
                Finding::NotSetUp,
                "Google Calendar is not set up.".into(),
                "",
            );
        }
        Err(e) => {
            return Health::new(
                "google",
                Level::Fail,
                Finding::BadKey,
                format!("The Google service-account key cannot be used: {e:#}"),
                "check GOOGLE_PRIVATE_KEY / GOOGLE_KEY_FILE (the JSON key of the service account)",
            );
        }
    };
    match client.check_auth().await {
        Ok(()) => Health::new(
            "google",
            Level::Ok,
            Finding::Works,
            format!("Google accepts the service account for {}.", g.calendar_id),
            "",
        ),
        Err(GoogleError::Network(m)) => Health::new(
            "google",
            Level::Fail,
            Finding::Offline,
            format!("Google cannot be reached: {m}"),
            "check the network connection, or RENOS_GOOGLE_BASE_URL / RENOS_GOOGLE_TOKEN_URI",
        ),
        Err(e) => Health::new(
            "google",
            Level::Fail,
            Finding::KeyRefused,
            format!("Google refused the service account: {e}"),
            "check the key, GOOGLE_IMPERSONATED_USER and the domain-wide delegation for the calendar scope",
        ),
    }
}
