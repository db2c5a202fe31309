//! Who may change what: the three roles of a shared database and the
//! permission each kind of change needs. The config decides a login's role
//! (see `config::roles`); the store checks it where the change is written.

use std::fmt;

/// A role, lowest first: each may do everything the one below may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads only.
    Viewer,
    /// Bookings, customers, imports, the sync and alerts.
    Dispatcher,
    /// Also staff and billing.
    Admin,
}

impl Role {
    /// The role's name as the config writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Dispatcher => "dispatcher",
            Role::Admin => "admin",
        }
    }

    /// "a viewer", "an admin".
    fn with_article(self) -> &'static str {
        match self {
            Role::Viewer => "a viewer",
            Role::Dispatcher => "a dispatcher",
            Role::Admin => "an admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a write changes, and so which role it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Bookings: add, edit, move, cancel, start, finish, approve, undo.
    Bookings,
    Customers,
    /// Customer files and calendars read in.
    Imports,
    /// The Google sync's own changes and bookkeeping, conflicts settled.
    Sync,
    /// Calls and SMS, raised and followed.
    Alerts,
    /// The outbox's deliveries and the providers' answers to them.
    Deliveries,
    /// Cleaners added, changed or removed.
    Staff,
    /// Invoices asked for, approved or sent again.
    Billing,
    /// The API's tokens made or revoked.
    Tokens,
}

impl Permission {
    /// The lowest role that may make this change.
    pub fn needs(self) -> Role {
        match self {
            Permission::Bookings
            | Permission::Customers
            | Permission::Imports
            | Permission::Sync
            | Permission::Alerts
            | Permission::Deliveries => Role::Dispatcher,
            Permission::Staff | Permission::Billing | Permission::Tokens => Role::Admin,
        }
    }

    /// The change in words: "changing bookings".
    pub fn what(self) -> &'static str {
        match self {
            Permission::Bookings => "changing bookings",
            Permission::Customers => "changing customers",
            Permission::Imports => "importing",
            Permission::Sync => "syncing the calendars",
            Permission::Alerts => "calls and SMS",
            Permission::Deliveries => "delivering to the providers",
            Permission::Staff => "changing staff",
            Permission::Billing => "invoicing",
            Permission::Tokens => "managing API tokens",
        }
    }

    /// A short name for the journal.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Bookings => "bookings",
            Permission::Customers => "customers",
            Permission::Imports => "imports",
            Permission::Sync => "sync",
            Permission::Alerts => "alerts",
            Permission::Deliveries => "deliveries",
            Permission::Staff => "staff",
            Permission::Billing => "billing",
            Permission::Tokens => "tokens",
        }
    }
}

/// The role of an API token: one of the console's roles, or a cleaner,
/// who sees and changes only their own jobs (start, finish, a note).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenRole {
    Cleaner,
    Viewer,
    Dispatcher,
    Admin,
}

impl TokenRole {
    /// The role's name as `renos token add --role` and the database write it.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenRole::Cleaner => "cleaner",
            TokenRole::Viewer => "viewer",
            TokenRole::Dispatcher => "dispatcher",
            TokenRole::Admin => "admin",
        }
    }

    /// The role named `text`, if it is one.
    pub fn parse(text: &str) -> Option<TokenRole> {
        match text.trim() {
            "cleaner" => Some(TokenRole::Cleaner),
            "viewer" => Some(TokenRole::Viewer),
            "dispatcher" => Some(TokenRole::Dispatcher),
            "admin" => Some(TokenRole::Admin),
            _ => None,
        }
    }

    /// The console role a token of this role acts with. A cleaner reads
    /// and changes through the API's own check of whose job it is (see
    /// `engine::remote`), so the store sees the changes a cleaner may make
    /// as a dispatcher's.
    pub fn console_role(self) -> Role {
        match self {
            TokenRole::Viewer => Role::Viewer,
            TokenRole::Cleaner | TokenRole::Dispatcher => Role::Dispatcher,
            TokenRole::Admin => Role::Admin,
        }
    }
}

impl fmt::Display for TokenRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a role came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleSource {
    /// No `[roles]` anywhere: everybody is an admin (one user, or a team
    /// that trusts itself).
    NoRoles,
    /// The `[roles]` table of this config file.
    Config(String),
}

/// The acting login and its role, decided once when the config is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub login: String,
    pub role: Role,
    pub source: RoleSource,
}

impl Access {
    /// Everybody may do everything: no roles are set.
    pub fn unrestricted(login: &str) -> Access {
        Access {
            login: login.to_string(),
            role: Role::Admin,
            source: RoleSource::NoRoles,
        }
    }

    /// Reads only?
    pub fn read_only(&self) -> bool {
        self.role < Role::Dispatcher
    }

    /// May this login make a change that needs `need`? The one check.
    pub fn check(&self, need: Permission) -> Result<(), Refusal> {
        if self.role >= need.needs() {
            return Ok(());
        }
        Err(Refusal {
            login: self.login.clone(),
            role: self.role,
            need,
            source: self.source.clone(),
        })
    }
}

/// A change refused for the role: who, as what, and what it needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub login: String,
    pub role: Role,
    pub need: Permission,
    pub source: RoleSource,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is {} here: {} needs the {} role",
            self.login,
            self.role.with_article(),
            self.need.what(),
            self.need.needs()
        )?;
        if let RoleSource::Config(path) = &self.source {
            write!(f, " ([roles] in {path})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_role(role: Role) -> Access {
        Access {
            login: "anna".into(),
            role,
            source: RoleSource::Config("/srv/renos/config.toml".into()),
        }
    }

    #[test]
    fn each_role_may_what_the_one_below_may() {
        let all = [
            Permission::Bookings,
            Permission::Customers,
            Permission::Imports,
            Permission::Sync,
            Permission::Alerts,
            Permission::Deliveries,
            Permission::Staff,
            Permission::Billing,
            Permission::Tokens,
        ];
        for p in all {
            assert!(as_role(Role::Viewer).check(p).is_err(), "{p:?}");
            assert!(as_role(Role::Admin).check(p).is_ok(), "{p:?}");
            assert!(Access::unrestricted("bo").check(p).is_ok(), "{p:?}");
        }
        let d = as_role(Role::Dispatcher);
        assert!(d.check(Permission::Bookings).is_ok());
        assert!(d.check(Permission::Staff).is_err());
        assert!(d.check(Permission::Billing).is_err());
        assert!(d.check(Permission::Tokens).is_err());
        assert!(as_role(Role::Viewer).read_only() && !d.read_only());
    }

    #[test]
    fn a_refusal_names_login_role_need_and_file() {
        let e = as_role(Role::Viewer)
            .check(Permission::Bookings)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "anna is a viewer here: changing bookings needs the dispatcher role \
             ([roles] in /srv/renos/config.toml)"
        );
        let e = as_role(Role::Dispatcher)
            .check(Permission::Staff)
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("anna is a dispatcher here: changing staff needs the admin role"),
            "{e}"
        );
    }
}
