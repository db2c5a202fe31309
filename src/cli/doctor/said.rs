//! The doctor's findings in words: each check's sentence and what to do
//! about it, in the language asked for (the report's, or English for
//! `--json`).

use crate::engine::health::{Finding, Level, Said};
use crate::i18n::{Arg, Language, Words};
use crate::store::Unwritable;
use crate::words::text::duration;

mod calendars;
mod provider;
pub use calendars::{CalendarFound, CalendarSaid};
use provider::provider;

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

pub(super) fn yes(b: bool) -> Arg<'static> {
    if b { "yes" } else { "no" }.into()
}

/// "A and B", "A, B and C".
pub(super) fn and_list(w: Words, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => w.with(
            "cli-doctor-and",
            &[("first", rest.join(", ").into()), ("last", (*last).into())],
        ),
    }
}

#[cfg(test)]
mod tests;
