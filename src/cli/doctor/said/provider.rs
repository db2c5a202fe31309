//! What the doctor found of a service (Billy, Twilio, Google, a cleaner's
//! own calendar) in words: the finding and what to do about it.

use super::{and_list, calendars, yes};
use crate::engine::health::{CalendarCheck, Said};
use crate::i18n::Words;
use crate::words::values;

/// A provider's finding in words.
pub(super) fn provider(w: Words, said: &Said) -> (String, String) {
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
