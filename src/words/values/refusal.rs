//! The store's refusals of what was typed or who typed it, in words: a
//! name, a phone, a token or hours refused; a booking that cannot exist as
//! drafted; a change the login's role does not allow; a database file that
//! cannot be opened or made.

use crate::domain::{Permission, Refusal, RoleSource, ShapeError};
use crate::i18n::Words;
use crate::store::{EntryRefusal, OpenError};

use super::{io_error, staff_field};

/// A value refused for what was typed: `der er allerede en rengører, der
/// hedder "Anna"`.
pub fn entry_refusal(w: Words, e: &EntryRefusal) -> String {
    use crate::domain::availability::StaffField;
    use EntryRefusal::*;
    let name = |key: &str, name: &str| w.with(key, &[("name", format!("{name:?}").into())]);
    match e {
        CustomerNameMissing => w.get("entry-customer-name-missing"),
        CleanerNameMissing => w.get("entry-cleaner-name-missing"),
        CleanerNameTooLong { name: n } => name("entry-cleaner-name-too-long", n),
        CleanerNameTaken { name: n } => name("entry-cleaner-name-taken", n),
        CleanerPhone(p) => w.with(
            "entry-cleaner-phone",
            &[("why", super::phone_error(w, p).into())],
        ),
        TokenNameMissing => w.get("entry-token-name-missing"),
        TokenStaff => w.get("entry-token-staff"),
        TokenNameTaken { name: n } => name("entry-token-name-taken", n),
        NoSuchToken { name: n } => name("entry-no-such-token", n),
        TokenRevoked { name: n } => name("entry-token-revoked", n),
        DailyMaxNone => w.with(
            "entry-hours-none",
            &[("field", staff_field(w, StaffField::DailyMax).into())],
        ),
        ContractNone => w.with(
            "entry-hours-none",
            &[("field", staff_field(w, StaffField::Contract).into())],
        ),
    }
}

/// A booking that cannot exist as drafted.
pub fn shape_error(w: Words, e: &ShapeError) -> String {
    match e {
        ShapeError::EndsBeforeStart => w.get("shape-ends-before-start"),
        ShapeError::TooLong => w.with(
            "shape-too-long",
            &[("max", crate::domain::MAX_BOOKING_HOURS.into())],
        ),
        ShapeError::NoService => w.get("form-no-service"),
    }
}

/// A change the login's role does not allow: `bo er læser her: at ændre
/// bookinger kræver rollen dispatcher ([roles] i /srv/renos/config.toml)`.
pub fn access_refusal(w: Words, r: &Refusal) -> String {
    let (role, what, need) = (
        r.role.as_str(),
        w.get(permission_key(r.need)),
        r.need.needs(),
    );
    match &r.source {
        RoleSource::NoRoles => w.with(
            "access-refused",
            &[
                ("login", r.login.as_str().into()),
                ("role", role.into()),
                ("what", what.into()),
                ("need", need.as_str().into()),
            ],
        ),
        RoleSource::Config(path) => w.with(
            "access-refused-from",
            &[
                ("login", r.login.as_str().into()),
                ("role", role.into()),
                ("what", what.into()),
                ("need", need.as_str().into()),
                ("path", path.as_str().into()),
            ],
        ),
    }
}

/// The change a permission allows, as a refusal names it.
fn permission_key(p: Permission) -> &'static str {
    match p {
        Permission::Bookings => "access-what-bookings",
        Permission::Customers => "access-what-customers",
        Permission::Imports => "access-what-imports",
        Permission::Sync => "access-what-sync",
        Permission::Alerts => "access-what-alerts",
        Permission::Deliveries => "access-what-deliveries",
        Permission::Staff => "access-what-staff",
        Permission::Billing => "access-what-billing",
        Permission::Tokens => "access-what-tokens",
    }
}

/// The database file that cannot be opened or made, what to do, and the
/// system's words.
pub fn open_error(w: Words, e: &OpenError) -> String {
    let at = |key: &str, path: &std::path::Path, error: &std::io::Error| {
        w.with(
            key,
            &[
                ("path", path.display().to_string().into()),
                ("why", io_error(w, error).into()),
            ],
        )
    };
    match e {
        OpenError::Folder { path, error } => at("store-open-folder", path, error),
        OpenError::File { path, error } => at("store-open-file", path, error),
        OpenError::Unreachable { path, error } => at("store-open-unreachable", path, error),
        OpenError::NotADatabase { path } => w.with(
            "store-not-a-database",
            &[("path", path.display().to_string().into())],
        ),
    }
}
