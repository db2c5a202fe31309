//! A cleaner's own calendar's credentials in words: where they come from,
//! and whether a password file is for its owner's eyes only.

use crate::i18n::Words;

/// A cleaner's calendar and where its credentials were found.
pub struct CalendarSaid {
    pub cleaner: String,
    /// "CalDAV", "Microsoft 365" (as `CalendarRef::provider` names it).
    pub provider: &'static str,
    pub target: String,
    pub found: CalendarFound,
}

/// Where the credentials come from.
pub enum CalendarFound {
    /// `CALDAV_USERNAME` and `CALDAV_PASSWORD`.
    CalDavEnv,
    /// `[calendars] caldav_credentials`: the file, its mode, and whether
    /// only its owner may read it (0600 or 0400).
    PasswordFile {
        path: String,
        mode: u32,
        private: bool,
    },
    /// `MICROSOFT_TENANT_ID`, `MICROSOFT_CLIENT_ID`, `MICROSOFT_CLIENT_SECRET`.
    OutlookEnv,
    /// Given by the program itself (the demo's sandbox).
    Given,
    /// A Google calendar: through the account of `[google]`.
    GoogleAccount,
}

/// Is `provider` Microsoft 365 (its credentials are the app's, not a
/// password)?
pub fn is_outlook(provider: &str) -> bool {
    provider == crate::config::CalendarRef::Outlook(String::new()).provider()
}

/// The sentence, and what to do (empty when nothing).
pub fn words(w: Words, s: &CalendarSaid) -> (String, String) {
    let named = w.with(
        "cli-doctor-own-calendar",
        &[
            ("cleaner", s.cleaner.as_str().into()),
            ("provider", s.provider.into()),
            ("target", s.target.as_str().into()),
        ],
    );
    let from = |from: &str| {
        w.with(
            "cli-doctor-calendar-credentials",
            &[("named", named.as_str().into()), ("from", from.into())],
        )
    };
    match &s.found {
        CalendarFound::CalDavEnv => (from("caldav_env"), String::new()),
        CalendarFound::OutlookEnv => (from("outlook_env"), String::new()),
        CalendarFound::Given => (from("given"), String::new()),
        CalendarFound::GoogleAccount => (from("google"), String::new()),
        CalendarFound::PasswordFile {
            path,
            mode,
            private,
        } => {
            let said = w.with(
                "cli-doctor-calendar-password-file",
                &[
                    ("named", named.as_str().into()),
                    ("path", path.as_str().into()),
                    ("mode", format!("{mode:04o}").into()),
                    ("private", if *private { "yes" } else { "no" }.into()),
                ],
            );
            let fix = if *private {
                String::new()
            } else {
                w.with(
                    "cli-doctor-calendar-password-file-fix",
                    &[("path", path.as_str().into())],
                )
            };
            (said, fix)
        }
    }
}
