//! `[calendars]`: each cleaner's own calendar, on any provider, besides the
//! shared one. In the file:
//!
//! ```toml
//! [calendars]
//! caldav_credentials = "/home/kontor/.config/renos/caldav"   # optional
//!
//! [calendars.staff]
//! "Anna Jensen" = "caldav:http://127.0.0.1:5232/renos/anna/"
//! "Bo Hansen" = "google:bo@firma.dk"
//! "Carla Holm" = "outlook:carla@firma.dk"
//! ```
//!
//! CalDAV's username and password come from `CALDAV_USERNAME` and
//! `CALDAV_PASSWORD`, or from the `caldav_credentials` file (mode 0600).
//! Microsoft 365's app credentials come from `MICROSOFT_TENANT_ID`,
//! `MICROSOFT_CLIENT_ID` and `MICROSOFT_CLIENT_SECRET`; `graph_base_url` and
//! `graph_login_url` point elsewhere than Microsoft's own (a sandbox).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use super::error::FieldWhy;

/// A calendar on one provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarRef {
    /// `google:ID`: a Google Calendar id.
    Google(String),
    /// `caldav:URL`: a CalDAV calendar collection.
    CalDav(String),
    /// `outlook:USER`: a Microsoft 365 user's calendar (id or user name).
    Outlook(String),
}

impl CalendarRef {
    /// Reads `google:ID`, `caldav:URL` or `outlook:USER`.
    pub fn parse(s: &str) -> Result<CalendarRef, String> {
        let s = s.trim();
        let (kind, rest) = s.split_once(':').ok_or_else(|| {
            format!("{s:?} names no provider; write google:ID, caldav:URL or outlook:USER")
        })?;
        let rest = rest.trim();
        if rest.is_empty() {
            return Err(format!("{s:?} names no calendar after {kind}:"));
        }
        match kind.trim().to_ascii_lowercase().as_str() {
            "google" => plain(rest, "a Google calendar id").map(CalendarRef::Google),
            "outlook" => plain(rest, "a Microsoft 365 user").map(CalendarRef::Outlook),
            "caldav" => caldav_url(rest).map(CalendarRef::CalDav),
            other => Err(format!(
                "{other:?} is not a calendar provider; use google:, caldav: or outlook:"
            )),
        }
    }

    /// The provider's name, for people.
    pub fn provider(&self) -> &'static str {
        match self {
            CalendarRef::Google(_) => "Google Calendar",
            CalendarRef::CalDav(_) => "CalDAV",
            CalendarRef::Outlook(_) => "Microsoft 365",
        }
    }

    /// The calendar within its provider (id, URL or user).
    pub fn target(&self) -> &str {
        match self {
            CalendarRef::Google(s) | CalendarRef::CalDav(s) | CalendarRef::Outlook(s) => s,
        }
    }
}

fn plain(s: &str, what: &str) -> Result<String, String> {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{s:?} is not {what}: it holds a space"));
    }
    Ok(s.to_string())
}

/// An http(s) URL with a host, without query, fragment or password; with a
/// closing `/` (a collection).
fn caldav_url(s: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(s).map_err(|e| format!("{s:?} is not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("{s:?} is not an http or https URL"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{s:?} has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("{s:?} must not have a query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "the URL must not hold a username or password: set CALDAV_USERNAME and \
                    CALDAV_PASSWORD, or give [calendars] caldav_credentials"
                .to_string(),
        );
    }
    let mut text = url.to_string();
    if !text.ends_with('/') {
        text.push('/');
    }
    Ok(text)
}

/// `[calendars]` as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarsConfig {
    /// Cleaner's name (as in the staff list) → their calendar.
    pub staff: BTreeMap<String, CalendarRef>,
    /// The file with CalDAV's `username:password`, when not in the
    /// environment.
    pub caldav_credentials: Option<PathBuf>,
    /// Microsoft Graph (`https://graph.microsoft.com/v1.0`, or a sandbox's).
    pub graph_base_url: String,
    /// Microsoft's sign-in (`https://login.microsoftonline.com`, or a
    /// sandbox's).
    pub graph_login_url: String,
    /// Microsoft 365's app credentials given by the program itself (the
    /// demo's sandbox); never read from the file. Without them, from the
    /// environment.
    pub outlook_credentials: Option<crate::providers::outlook::OutlookCredentials>,
    /// CalDAV's credentials given by the program itself (the demo's own
    /// Radicale); never read from the file. They win over the environment
    /// and `caldav_credentials`.
    pub caldav_given: Option<crate::providers::caldav::Credentials>,
}

impl Default for CalendarsConfig {
    fn default() -> CalendarsConfig {
        CalendarsConfig {
            staff: BTreeMap::new(),
            caldav_credentials: None,
            graph_base_url: crate::providers::outlook::DEFAULT_BASE_URL.to_string(),
            graph_login_url: crate::providers::outlook::DEFAULT_LOGIN_URL.to_string(),
            outlook_credentials: None,
            caldav_given: None,
        }
    }
}

/// `[calendars]` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct CalendarsFile {
    caldav_credentials: Option<PathBuf>,
    graph_base_url: Option<String>,
    graph_login_url: Option<String>,
    staff: BTreeMap<String, String>,
}

/// Why a line of `[calendars]` is refused: the table and key it is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Refusal {
    pub table: &'static str,
    pub key: String,
    pub why: FieldWhy,
}

impl CalendarsConfig {
    /// Checks the table: every cleaner named, every calendar readable.
    pub(super) fn from_file(f: CalendarsFile) -> Result<CalendarsConfig, Refusal> {
        let mut out = CalendarsConfig {
            caldav_credentials: f.caldav_credentials.filter(|p| !p.as_os_str().is_empty()),
            ..CalendarsConfig::default()
        };
        if let Some(u) = f.graph_base_url.filter(|u| !u.trim().is_empty()) {
            out.graph_base_url = u.trim().to_string();
        }
        if let Some(u) = f.graph_login_url.filter(|u| !u.trim().is_empty()) {
            out.graph_login_url = u.trim().to_string();
        }
        for (name, value) in f.staff {
            let refuse = |detail: String| Refusal {
                table: "calendars.staff",
                key: name.clone(),
                why: FieldWhy::Calendar { detail },
            };
            let cleaner = name.trim();
            if cleaner.is_empty() {
                return Err(refuse("a calendar without a cleaner's name".to_string()));
            }
            let calendar = CalendarRef::parse(&value).map_err(refuse)?;
            if out.staff.insert(cleaner.to_string(), calendar).is_some() {
                return Err(Refusal {
                    why: FieldWhy::Other(format!("{cleaner:?} is given two calendars")),
                    ..refuse(String::new())
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_provider_is_read() {
        assert_eq!(
            CalendarRef::parse("caldav:http://127.0.0.1:5232/renos/anna"),
            Ok(CalendarRef::CalDav(
                "http://127.0.0.1:5232/renos/anna/".to_string()
            ))
        );
        assert_eq!(
            CalendarRef::parse(" google:bo@firma.dk "),
            Ok(CalendarRef::Google("bo@firma.dk".to_string()))
        );
        assert_eq!(
            CalendarRef::parse("Outlook:carla@firma.dk"),
            Ok(CalendarRef::Outlook("carla@firma.dk".to_string()))
        );
    }

    #[test]
    fn bad_calendars_are_refused_in_words() {
        for (text, words) in [
            ("anna@firma.dk", "names no provider"),
            ("icloud:x", "not a calendar provider"),
            ("google:", "names no calendar"),
            ("google:a b", "holds a space"),
            ("caldav:ftp://x/", "not an http or https URL"),
            (
                "caldav:http://anna:pw@x/cal/",
                "must not hold a username or password",
            ),
            ("caldav:http://x/cal/?q=1", "query"),
            ("caldav:nowhere", "is not a URL"),
        ] {
            let e = CalendarRef::parse(text).unwrap_err();
            assert!(e.contains(words), "{text}: {e}");
        }
    }

    #[test]
    fn a_cleaner_given_twice_is_refused() {
        let f = CalendarsFile {
            caldav_credentials: None,
            graph_base_url: None,
            graph_login_url: None,
            staff: [
                ("Anna".to_string(), "google:a".to_string()),
                ("Anna ".to_string(), "google:b".to_string()),
            ]
            .into(),
        };
        let e = CalendarsConfig::from_file(f).unwrap_err();
        assert_eq!(e.table, "calendars.staff");
        assert!(e.why.to_string().contains("two calendars"), "{e:?}");
    }
}
