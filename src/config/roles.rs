//! The `[roles]` table: who is an admin, a dispatcher or a viewer, by Unix
//! login or by group (`@renos`). Without the table everybody is an admin;
//! with it, a login it does not list is a viewer. A login named outright
//! gets the role it is named under (the highest, if several); otherwise
//! its groups decide, and the lowest of theirs counts, so `viewer =
//! ["@seasonal"]` holds for seasonal staff who are in the team's group too.

use std::path::Path;

use serde::Deserialize;

use super::error::{FieldError, FieldWhy};

use crate::domain::{Access, Role, RoleSource};

/// The table as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RolesFile {
    admin: Vec<String>,
    dispatcher: Vec<String>,
    viewer: Vec<String>,
}

/// The role of `login`, a member of `groups`, under the table `roles` of
/// the config file `path`; `None` for no table. An empty name is an error
/// (field name, message).
pub(super) fn access(
    roles: Option<RolesFile>,
    login: &str,
    groups: &[String],
    path: &Path,
) -> Result<Access, FieldError> {
    let Some(roles) = roles else {
        return Ok(Access::unrestricted(login));
    };
    let mut by_login: Option<Role> = None;
    let mut by_group: Option<Role> = None;
    for (field, names, r) in [
        ("roles.viewer", &roles.viewer, Role::Viewer),
        ("roles.dispatcher", &roles.dispatcher, Role::Dispatcher),
        ("roles.admin", &roles.admin, Role::Admin),
    ] {
        for name in names {
            let name = name.trim();
            let group = name.strip_prefix('@').map(str::trim);
            if name.is_empty() || group == Some("") {
                return Err((field, FieldWhy::EmptyRoleName));
            }
            match group {
                Some(g) if groups.iter().any(|mine| mine == g) => {
                    by_group = Some(by_group.map_or(r, |had| had.min(r)));
                }
                None if name == login => by_login = Some(by_login.map_or(r, |had| had.max(r))),
                _ => {}
            }
        }
    }
    Ok(Access {
        login: login.to_string(),
        role: by_login.or(by_group).unwrap_or(Role::Viewer),
        source: RoleSource::Config(path.display().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> RolesFile {
        toml::from_str(text).expect("toml")
    }

    fn role(text: &str, login: &str, groups: &[&str]) -> Role {
        let groups: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
        access(Some(table(text)), login, &groups, Path::new("c.toml"))
            .expect("roles")
            .role
    }

    #[test]
    fn no_table_means_everybody_is_an_admin() {
        let a = access(None, "bo", &[], Path::new("c.toml")).expect("roles");
        assert_eq!(a.role, Role::Admin);
        assert_eq!(a.source, RoleSource::NoRoles);
    }

    #[test]
    fn a_login_named_outright_wins_then_the_lowest_group() {
        let t = "admin = [\"anna\"]\ndispatcher = [\"@renos\"]\nviewer = [\"@seasonal\", \"anna\"]";
        assert_eq!(role(t, "anna", &["seasonal"]), Role::Admin);
        assert_eq!(role(t, "bo", &["users", "renos"]), Role::Dispatcher);
        assert_eq!(role(t, "bo", &["seasonal"]), Role::Viewer);
        assert_eq!(role(t, "bo", &["renos", "seasonal"]), Role::Viewer);
        assert_eq!(role(t, "carl", &["users"]), Role::Viewer, "unlisted");
        assert_eq!(
            role("", "anna", &[]),
            Role::Viewer,
            "an empty table lists nobody"
        );
        assert_eq!(role("dispatcher = [\"@bo\"]", "bo", &[]), Role::Viewer);
    }

    #[test]
    fn an_empty_name_is_an_error_naming_the_field() {
        let e = access(
            Some(table("viewer = [\"@\"]")),
            "bo",
            &[],
            Path::new("c.toml"),
        )
        .unwrap_err();
        assert_eq!(e.0, "roles.viewer");
    }
}
