//! The doctor's findings in words: each check's sentence and what to do
//! about it, in the language asked for (the report's, or English for
//! `--json`).

use crate::engine::health::{CalendarCheck, Finding, Level, Said};
use crate::i18n::{Arg, Language, Words};
use crate::store::Unwritable;
use crate::words::text::duration;
use crate::words::values;

mod calendars;
pub use calendars::{CalendarFound, CalendarSaid};

/// A check with what it found.
pub struct Checked {
    /// "config", "database", "billy", … (also the JSON's name).
    pub check: &'static str,
    pub level: Level,
    pub finding: Finding,
    pub what: What,
}

impl Checked {
    pub fn new(check: &'static str, level: Level, finding: Finding, what: What) -> Checked {
        Checked {
            check,
            level,
            finding,
            what,
        }
    }
}

/// What a check found, with what its words need.
pub enum What {
    /// A provider's check (the engine's).
    Provider(Said),
    /// The configuration loaded; `exists`: from a file, not only defaults.
    ConfigReads {
        path: String,
        exists: bool,
    },
    ConfigBroken {
        error: String,
    },
    /// A file every user of the machine may read (`mode`: its permissions).
    ReadableByOthers {
        path: String,
        mode: u32,
    },
    Acting {
        login: String,
        display_name: Option<String>,
        role: String,
        /// The config that gives the roles; `None`: no roles, all admins.
        roles_from: Option<String>,
        read_only: bool,
    },
    Language(Language),
    /// The HTTP API's tokens and limits (`[api]`).
    Api {
        live: usize,
        total: usize,
        rate_per_minute: u32,
        burst: u32,
        body_limit_kib: u32,
    },
    Slots {
        grid_min: i64,
        min_notice_min: i64,
        max_notice_days: i64,
        within_min: i64,
        between_min: i64,
    },
    DbMissing {
        path: String,
    },
    DbCannotOpen {
        path: String,
        error: String,
    },
    DbDamaged {
        path: String,
        problems: String,
    },
    DbCheckStopped {
        path: String,
        error: String,
    },
    DbReadOnly {
        path: String,
        why: Unwritable,
    },
    DbCounts {
        path: String,
        customers: i64,
        bookings: i64,
    },
    DbCannotRead {
        path: String,
        error: String,
    },
    /// Invoices (`billy`) or calls and SMS the provider refused for good.
    OutboxRefused {
        billy: bool,
        count: i64,
    },
    /// Where a cleaner's own calendar's credentials come from.
    Calendar(CalendarSaid),
}

/// The check's name in the report's first column.
pub fn check_name(w: Words, check: &str) -> String {
    w.with("cli-doctor-check", &[("check", check.into())])
}

/// The sentence, and what to do (empty when nothing).
pub fn words(w: Words, what: &What) -> (String, String) {
    let key = |k: &str| w.get(k);
    let path_error = |k: &str, path: &str, error: &str| {
        w.with(k, &[("path", path.into()), ("error", error.into())])
    };
    match what {
        What::Provider(said) => provider(w, said),
        What::Calendar(said) => calendars::words(w, said),
        What::ConfigReads { path, exists } => (
            w.with(
                "cli-doctor-config-reads",
                &[("path", path.as_str().into()), ("exists", yes(*exists))],
            ),
            String::new(),
        ),
        What::ConfigBroken { error } => (error.clone(), key("cli-doctor-config-broken-fix")),
        What::ReadableByOthers { path, mode } => (
            w.with(
                "cli-doctor-readable",
                &[
                    ("path", path.as_str().into()),
                    ("mode", format!("{mode:o}").into()),
                ],
            ),
            key("cli-doctor-readable-fix"),
        ),
        What::Acting {
            login,
            display_name,
            role,
            roles_from,
            read_only,
        } => {
            let name = match display_name {
                Some(d) => w.with(
                    "cli-doctor-login-named",
                    &[
                        ("login", login.as_str().into()),
                        ("name", d.as_str().into()),
                    ],
                ),
                None => login.clone(),
            };
            let from = match roles_from {
                Some(p) => w.with("cli-doctor-roles-from", &[("path", p.as_str().into())]),
                None => key("cli-doctor-roles-none"),
            };
            let fix = if *read_only {
                key("cli-doctor-read-only-fix")
            } else {
                String::new()
            };
            let said = w.with(
                "cli-doctor-acting",
                &[
                    ("name", name.into()),
                    ("role", role.as_str().into()),
                    ("from", from.into()),
                ],
            );
            (said, fix)
        }
        What::Api {
            live,
            total,
            rate_per_minute,
            burst,
            body_limit_kib,
        } => (
            w.with(
                "cli-doctor-api",
                &[
                    ("live", (*live).into()),
                    ("total", (*total).into()),
                    ("rate", (*rate_per_minute).into()),
                    ("burst", (*burst).into()),
                    ("body", (*body_limit_kib).into()),
                ],
            ),
            String::new(),
        ),
        What::Language(l) => (
            w.with(
                "cli-doctor-language",
                &[
                    ("language", l.code().into()),
                    ("env", crate::config::LANGUAGE_ENV.into()),
                ],
            ),
            String::new(),
        ),
        What::Slots {
            grid_min,
            min_notice_min,
            max_notice_days,
            within_min,
            between_min,
        } => (
            w.with(
                "cli-doctor-slots",
                &[
                    ("grid", duration(w, *grid_min).into()),
                    ("notice", duration(w, *min_notice_min).into()),
                    ("days", (*max_notice_days).into()),
                    ("within", duration(w, *within_min).into()),
                    ("between", duration(w, *between_min).into()),
                ],
            ),
            String::new(),
        ),
        What::DbMissing { path } => (
            w.with("cli-doctor-db-missing", &[("path", path.as_str().into())]),
            key("cli-doctor-db-missing-fix"),
        ),
        What::DbCannotOpen { path, error } => (
            path_error("cli-doctor-db-cannot-open", path, error),
            key("cli-doctor-db-cannot-open-fix"),
        ),
        What::DbDamaged { path, problems } => (
            w.with(
                "cli-doctor-db-damaged",
                &[
                    ("path", path.as_str().into()),
                    ("problems", problems.as_str().into()),
                ],
            ),
            key("cli-doctor-db-damaged-fix"),
        ),
        What::DbCheckStopped { path, error } => (
            path_error("cli-doctor-db-check-stopped", path, error),
            key("cli-doctor-db-damaged-fix"),
        ),
        What::DbReadOnly { path, why } => {
            let why = match why {
                Unwritable::File => "file",
                Unwritable::Folder => "folder",
                Unwritable::Opened => "opened",
            };
            (
                w.with(
                    "cli-doctor-db-read-only",
                    &[("path", path.as_str().into()), ("why", why.into())],
                ),
                key("cli-doctor-db-read-only-fix"),
            )
        }
        What::DbCounts {
            path,
            customers,
            bookings,
        } => (
            w.with(
                "cli-doctor-db-counts",
                &[
                    ("path", path.as_str().into()),
                    ("customers", (*customers).into()),
                    ("bookings", (*bookings).into()),
                ],
            ),
            String::new(),
        ),
        What::DbCannotRead { path, error } => (
            path_error("cli-doctor-db-cannot-read", path, error),
            key("cli-doctor-db-cannot-read-fix"),
        ),
        What::OutboxRefused { billy: true, count } => (
            w.with("cli-doctor-billy-refused", &[("n", (*count).into())]),
            key("cli-doctor-billy-refused-fix"),
        ),
        What::OutboxRefused {
            billy: false,
            count,
        } => (
            w.with("cli-doctor-twilio-refused", &[("n", (*count).into())]),
            key("cli-doctor-twilio-refused-fix"),
        ),
    }
}

fn yes(b: bool) -> Arg<'static> {
    if b { "yes" } else { "no" }.into()
}

/// "A and B", "A, B and C".
fn and_list(w: Words, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => w.with(
            "cli-doctor-and",
            &[("first", rest.join(", ").into()), ("last", (*last).into())],
        ),
    }
}

/// A provider's finding in words.
fn provider(w: Words, said: &Said) -> (String, String) {
    let key = |k: &str| w.get(k);
    let error = |k: &str, e: &str| w.with(k, &[("error", e.into())]);
    let url_error =
        |k: &str, url: &str, e: &str| w.with(k, &[("url", url.into()), ("error", e.into())]);
    match said {
        Said::BillyNotSetUp => (
            key("cli-doctor-billy-not-set-up"),
            key("cli-doctor-billy-not-set-up-fix"),
        ),
        Said::BillyHalfSetUp { missing } => {
            let missing = and_list(w, missing);
            (
                w.with(
                    "cli-doctor-billy-half",
                    &[("missing", missing.as_str().into())],
                ),
                w.with("cli-doctor-set", &[("missing", missing.into())]),
            )
        }
        Said::BillyBadSetting { error } => (
            values::provider_fault(w, error),
            key("cli-doctor-billy-bad-setting-fix"),
        ),
        Said::BillyWorks { organization } => (
            w.with(
                "cli-doctor-billy-works",
                &[("organization", organization.as_str().into())],
            ),
            String::new(),
        ),
        Said::BillyNoProduct { product } => (
            w.with(
                "cli-doctor-billy-no-product",
                &[("product", product.as_str().into())],
            ),
            key("cli-doctor-billy-no-product-fix"),
        ),
        Said::BillyKeyRefused { error: e } => (
            error("cli-doctor-billy-key-refused", &values::billy_access(w, e)),
            key("cli-doctor-billy-key-refused-fix"),
        ),
        Said::BillyOffline { url, error: e } => (
            url_error(
                "cli-doctor-billy-offline",
                url,
                &values::network_fault(w, e),
            ),
            key("cli-doctor-billy-offline-fix"),
        ),
        Said::BillyError { error: e } => (
            error("cli-doctor-billy-error", &values::billy_error(w, e)),
            key("cli-doctor-billy-error-fix"),
        ),
        Said::TwilioNotSetUp => (
            key("cli-doctor-twilio-not-set-up"),
            key("cli-doctor-twilio-not-set-up-fix"),
        ),
        Said::TwilioHalfSetUp { missing } => {
            let missing = missing.join(", ");
            (
                w.with(
                    "cli-doctor-twilio-half",
                    &[("missing", missing.as_str().into())],
                ),
                w.with("cli-doctor-set", &[("missing", missing.into())]),
            )
        }
        Said::TwilioBadSid { sid } => (
            w.with("cli-doctor-twilio-bad-sid", &[("sid", sid.as_str().into())]),
            key("cli-doctor-twilio-bad-sid-fix"),
        ),
        Said::TwilioBadNumber { number } => (
            w.with(
                "cli-doctor-twilio-bad-number",
                &[("number", number.as_str().into())],
            ),
            key("cli-doctor-twilio-bad-number-fix"),
        ),
        Said::TwilioBadSetting { error } => (
            values::provider_fault(w, error),
            key("cli-doctor-twilio-bad-setting-fix"),
        ),
        Said::TwilioWorks {
            account,
            no_on_call,
        } => (
            w.with(
                "cli-doctor-twilio-works",
                &[
                    ("account", account.as_str().into()),
                    ("no_on_call", yes(*no_on_call)),
                ],
            ),
            if *no_on_call {
                key("cli-doctor-twilio-on-call-fix")
            } else {
                String::new()
            },
        ),
        Said::TwilioKeyRefused { error: e } => (
            error(
                "cli-doctor-twilio-key-refused",
                &values::twilio_access(w, e),
            ),
            key("cli-doctor-twilio-key-refused-fix"),
        ),
        Said::TwilioOffline { url, error: e } => (
            url_error(
                "cli-doctor-twilio-offline",
                url,
                &values::network_fault(w, e),
            ),
            key("cli-doctor-twilio-offline-fix"),
        ),
        Said::TwilioError { error: e } => (
            error("cli-doctor-twilio-error", &values::twilio_error(w, e)),
            key("cli-doctor-twilio-error-fix"),
        ),
        Said::GoogleNotSetUp => (
            key("cli-doctor-google-not-set-up"),
            key("cli-doctor-google-not-set-up-fix"),
        ),
        Said::GoogleBadKey { error: e } => (
            error("cli-doctor-google-bad-key", e),
            key("cli-doctor-google-bad-key-fix"),
        ),
        Said::GoogleWorks { calendar } => (
            w.with(
                "cli-doctor-google-works",
                &[("calendar", calendar.as_str().into())],
            ),
            String::new(),
        ),
        Said::GoogleOffline { error: e } => (
            error("cli-doctor-google-offline", &values::network_fault(w, e)),
            key("cli-doctor-google-offline-fix"),
        ),
        Said::GoogleRefused { error: e } => (
            error("cli-doctor-google-refused", e),
            key("cli-doctor-google-refused-fix"),
        ),
        Said::CalendarWrites { at, role } => {
            let (user, who) = calendar_names(w, at);
            (
                w.with(
                    "cli-doctor-calendar-writes",
                    &[
                        ("user", user.into()),
                        ("who", who.into()),
                        ("calendar", at.calendar.as_str().into()),
                        ("role", role.as_str().into()),
                    ],
                ),
                String::new(),
            )
        }
        Said::CalendarReadOnly { at, role } => {
            let (user, who) = calendar_names(w, at);
            let fix = w.with(
                "cli-doctor-calendar-read-only-fix",
                &[
                    ("calendar", at.calendar.as_str().into()),
                    ("user", user.as_str().into()),
                ],
            );
            let said = w.with(
                "cli-doctor-calendar-read-only",
                &[
                    ("user", user.into()),
                    ("who", who.into()),
                    ("calendar", at.calendar.as_str().into()),
                    ("role", role.as_str().into()),
                ],
            );
            (said, fix)
        }
        Said::CalendarWriteUnknown { at } => {
            let (user, who) = calendar_names(w, at);
            let fix = w.with(
                "cli-doctor-calendar-write-unknown-fix",
                &[
                    ("calendar", at.calendar.as_str().into()),
                    ("user", user.as_str().into()),
                ],
            );
            let said = w.with(
                "cli-doctor-calendar-write-unknown",
                &[
                    ("user", user.into()),
                    ("who", who.into()),
                    ("calendar", at.calendar.as_str().into()),
                ],
            );
            (said, fix)
        }
        Said::CalendarNotFound { at } => {
            let (user, who) = calendar_names(w, at);
            let fix = w.with(
                "cli-doctor-calendar-not-found-fix",
                &[
                    ("shared", yes(at.staff.is_none())),
                    ("user", user.as_str().into()),
                ],
            );
            let said = w.with(
                "cli-doctor-calendar-not-found",
                &[
                    ("user", user.into()),
                    ("who", who.into()),
                    ("calendar", at.calendar.as_str().into()),
                ],
            );
            (said, fix)
        }
        Said::CalendarError { at, error: e } => {
            let (_, who) = calendar_names(w, at);
            (
                w.with(
                    "cli-doctor-calendar-error",
                    &[
                        ("who", who.into()),
                        ("calendar", at.calendar.as_str().into()),
                        ("error", e.as_str().into()),
                    ],
                ),
                key("cli-doctor-calendar-error-fix"),
            )
        }
        Said::StaffCalendar {
            cleaner,
            provider,
            target,
            state,
        } => {
            use crate::engine::health::StaffCalendarState as State;
            let named = w.with(
                "cli-doctor-own-calendar",
                &[
                    ("cleaner", cleaner.as_str().into()),
                    ("provider", (*provider).into()),
                    ("target", target.as_str().into()),
                ],
            );
            let with = |k: &str, e: &str| {
                w.with(k, &[("named", named.as_str().into()), ("error", e.into())])
            };
            let plain = |k: &str| w.with(k, &[("named", named.as_str().into())]);
            match state {
                State::NotSynced => (plain("cli-doctor-staff-calendar-not-synced"), String::new()),
                State::NoCredentials(e) | State::Refused(e) if calendars::is_outlook(provider) => (
                    with("cli-doctor-staff-calendar-error", e),
                    key("cli-doctor-outlook-calendar-credentials-fix"),
                ),
                State::NoCredentials(e) => (
                    with("cli-doctor-staff-calendar-error", e),
                    key("cli-doctor-staff-calendar-credentials-fix"),
                ),
                State::Works if calendars::is_outlook(provider) => {
                    (plain("cli-doctor-outlook-calendar-works"), String::new())
                }
                State::Works => (plain("cli-doctor-staff-calendar-works"), String::new()),
                State::NoCalendar => (
                    plain("cli-doctor-staff-calendar-none"),
                    key("cli-doctor-staff-calendar-none-fix"),
                ),
                State::Refused(e) => (
                    with("cli-doctor-staff-calendar-error", e),
                    key("cli-doctor-staff-calendar-refused-fix"),
                ),
                State::Offline(e) => (
                    with("cli-doctor-staff-calendar-error", e),
                    key("cli-doctor-staff-calendar-offline-fix"),
                ),
                State::Error(e) => (
                    with("cli-doctor-staff-calendar-error", e),
                    key("cli-doctor-staff-calendar-error-fix"),
                ),
            }
        }
    }
}

/// Who reads the calendar ("the service account" or the user), and whose
/// calendar it is ("the shared calendar", "Bo's calendar").
fn calendar_names(w: Words, at: &CalendarCheck) -> (String, String) {
    let user = match &at.user {
        Some(u) => u.clone(),
        None => w.get("cli-doctor-service-account"),
    };
    let who = match &at.staff {
        Some(name) => w.with(
            "cli-doctor-staff-calendar",
            &[("name", name.as_str().into())],
        ),
        None => w.get("cli-doctor-shared-calendar"),
    };
    (user, who)
}

#[cfg(test)]
mod tests;
