//! What went wrong in a sync run, typed: the commands and the console word
//! it (`words::news::run_error`). The run's log keeps it as its English
//! text (`Display`), as it always has; [`read`] reads a logged text back,
//! so `renos status` words the runs logged before as well. A text it does
//! not know stays as written.

use std::fmt;

use crate::domain::recurrence::RRuleError;
use crate::domain::series::SeriesError;
use crate::providers::calendar::ProviderError;
use crate::providers::google::GoogleError;

/// One thing that went wrong in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// Listing a calendar failed at Google.
    Calendar {
        calendar: String,
        error: GoogleError,
    },
    /// Checking whether linked events were deleted failed at Google.
    Checking(GoogleError),
    /// Writing a booking's (or a series') event failed at Google.
    Write {
        series: bool,
        id: i64,
        error: GoogleError,
    },
    /// A cleaner's own calendar (CalDAV, Microsoft 365) failed.
    Provider {
        calendar: String,
        error: ProviderError,
    },
    /// A cleaner's own calendar could not be set up (its address, its
    /// credentials); its changes wait in the outbox.
    NotSetUp { calendar: String, why: String },
    /// Checking whether linked items were deleted failed at a cleaner's
    /// own calendar.
    ProviderChecking(ProviderError),
    /// Writing a booking's item to a cleaner's own calendar failed.
    ProviderWrite {
        series: bool,
        id: i64,
        error: ProviderError,
    },
    /// Removing a moved job's item from the calendar it left failed (the
    /// outbox tries again).
    Removal(ProviderError),
    /// Anything else (the database, the setup), in English.
    Other(String),
}

const CHECKING: &str = "checking deleted events: ";
const REMOVAL: &str = "removing a moved job's old item: ";

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Calendar { calendar, error } => write!(f, "{calendar}: {error}"),
            RunError::Checking(error) => write!(f, "{CHECKING}{error}"),
            RunError::Write { series, id, error } => {
                let what = if *series { "series" } else { "booking" };
                write!(f, "{what} #{id}: {error}")
            }
            RunError::Provider { calendar, error } => write!(f, "{calendar}: {error}"),
            RunError::NotSetUp { calendar, why } => write!(f, "{calendar}: {why}"),
            RunError::ProviderChecking(error) => write!(f, "{CHECKING}{error}"),
            RunError::ProviderWrite { series, id, error } => {
                let what = if *series { "series" } else { "booking" };
                write!(f, "{what} #{id}: {error}")
            }
            RunError::Removal(error) => write!(f, "{REMOVAL}{error}"),
            RunError::Other(text) => f.write_str(text),
        }
    }
}

impl serde::Serialize for RunError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Why a recurring event made by hand could not be taken in as a series
/// (its instances stay single bookings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LooseWhy {
    /// An all-day event: no start time.
    AllDay,
    /// It starts at a second past the minute.
    SecondPastMinute,
    /// It does not last whole minutes, from 1 minute to 24 hours.
    Length,
    /// It has more than one RRULE.
    TwoRrules,
    /// A recurrence line a series does not know.
    UnknownLine(String),
    /// It has no RRULE.
    NoRrule,
    /// Its RRULE was refused.
    Rrule(RRuleError),
    /// A series cannot hold it.
    Series(SeriesError),
    /// Its dates do not keep one local time in the business's zone.
    LocalTime { zone: String },
    /// Refused otherwise (the store's rules), in English.
    Other(String),
}

impl fmt::Display for LooseWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LooseWhy::AllDay => f.write_str("an all-day event has no start time"),
            LooseWhy::SecondPastMinute => f.write_str("it starts at a second past the minute"),
            LooseWhy::Length => {
                f.write_str("a visit lasts whole minutes, from 1 minute to 24 hours")
            }
            LooseWhy::TwoRrules => f.write_str("it has more than one RRULE"),
            LooseWhy::UnknownLine(line) => write!(f, "{line:?} is not a rule a series knows"),
            LooseWhy::NoRrule => f.write_str("no RRULE"),
            LooseWhy::Rrule(e) => e.fmt(f),
            LooseWhy::Series(e) => e.fmt(f),
            LooseWhy::LocalTime { zone } => write!(
                f,
                "its dates do not keep one local time in {zone} the way a series does"
            ),
            LooseWhy::Other(text) => f.write_str(text),
        }
    }
}

impl serde::Serialize for LooseWhy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A failure at the shared calendars' account as a run's log and an outbox
/// entry keep it: in the account's own words (Google's), so that it reads
/// back typed ([`read_google_error`]) and is worded in the language.
pub fn account_text(e: &ProviderError) -> String {
    GoogleError::from(e.clone()).to_string()
}

/// The errors of a logged run (joined with `; `) read back, in order.
pub fn read(text: &str) -> Vec<RunError> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (error, tail) = read_one(rest);
        out.push(error);
        rest = tail.strip_prefix("; ").unwrap_or(tail);
    }
    out
}

/// A Google error's English text (an outbox entry's last error) read back;
/// `None` when it is not one.
pub fn read_google_error(text: &str) -> Option<GoogleError> {
    google(text).and_then(|(e, tail)| tail.is_empty().then_some(e))
}

/// The error at the start of `text`, and what follows it.
fn read_one(text: &str) -> (RunError, &str) {
    if let Some(rest) = text.strip_prefix(CHECKING)
        && let Some((error, tail)) = google(rest)
    {
        return (RunError::Checking(error), tail);
    }
    for (prefix, series) in [("booking #", false), ("series #", true)] {
        if let Some(rest) = text.strip_prefix(prefix)
            && let Some((id, rest)) = rest.split_once(": ")
            && let Ok(id) = id.parse::<i64>()
            && let Some((error, tail)) = google(rest)
        {
            return (RunError::Write { series, id, error }, tail);
        }
    }
    if let Some((calendar, rest)) = text.split_once(": ")
        && !calendar.contains("; ")
        && let Some((error, tail)) = google(rest)
    {
        let calendar = calendar.to_string();
        return (RunError::Calendar { calendar, error }, tail);
    }
    let end = text.find("; ").unwrap_or(text.len());
    (RunError::Other(text[..end].to_string()), &text[end..])
}

/// A Google error's English text at the start of `text` (it ends at the
/// end or at `; `), and what follows it.
fn google(text: &str) -> Option<(GoogleError, &str)> {
    let fixed = [
        GoogleError::FullSyncRequired,
        GoogleError::Deleted,
        GoogleError::Duplicate,
        GoogleError::Stale,
        GoogleError::RateLimited { retry_after: None },
        GoogleError::BadPageToken,
    ];
    for e in fixed {
        let said = e.to_string();
        if let Some(tail) = text.strip_prefix(said.as_str())
            && (tail.is_empty() || tail.starts_with("; "))
        {
            return Some((e, tail));
        }
    }
    let end = text.find("; ").unwrap_or(text.len());
    let (said, tail) = text.split_at(end);
    let payload = |prefix: &str| said.strip_prefix(prefix).map(str::to_string);
    let error = if let Some(m) = payload("cannot reach Google Calendar: ") {
        GoogleError::Network(m)
    } else if let Some(m) = payload("Google refused the credentials: ") {
        GoogleError::Auth(m)
    } else if let Some(m) = payload("not found in Google Calendar: ") {
        GoogleError::NotFound(m)
    } else if let Some(rest) = payload("Google Calendar answered ") {
        let (status, message) = rest.split_once(": ")?;
        GoogleError::Server {
            status: status.parse().ok()?,
            message: message.to_string(),
        }
    } else if let Some(rest) = payload("Google Calendar refused the request (") {
        let (head, message) = rest.split_once("): ")?;
        let (status, reason) = head.split_once(' ')?;
        GoogleError::Refused {
            status: status.parse().ok()?,
            reason: reason.to_string(),
            message: message.to_string(),
        }
    } else {
        return None;
    };
    Some((error, tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logged_run_reads_back_as_it_was_written() {
        let all = vec![
            RunError::Calendar {
                calendar: "primary".into(),
                error: GoogleError::Network("connection refused".into()),
            },
            RunError::Checking(GoogleError::RateLimited { retry_after: None }),
            RunError::Write {
                series: false,
                id: 47,
                error: GoogleError::Refused {
                    status: 400,
                    reason: "badRequest".into(),
                    message: "Invalid start time.".into(),
                },
            },
            RunError::Write {
                series: true,
                id: 3,
                error: GoogleError::Server {
                    status: 503,
                    message: "Backend Error".into(),
                },
            },
            RunError::Calendar {
                calendar: "anna@example.dk".into(),
                error: GoogleError::Auth("invalid_grant".into()),
            },
            RunError::Other("database is locked".into()),
        ];
        let logged = all
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        assert_eq!(read(&logged), all);
        let refused = GoogleError::Stale;
        assert_eq!(read_google_error(&refused.to_string()), Some(refused));
        assert_eq!(read_google_error("not a series id"), None);
        assert_eq!(read(""), Vec::<RunError>::new());
    }
}
