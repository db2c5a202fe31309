//! The username and password for a CalDAV server (HTTP Basic auth): from
//! `CALDAV_USERNAME` and `CALDAV_PASSWORD`, or from a file only its owner
//! may read, holding one line `username:password`.

use std::fmt;
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

/// The environment variable with the username.
pub const ENV_USERNAME: &str = "CALDAV_USERNAME";
/// The environment variable with the password.
pub const ENV_PASSWORD: &str = "CALDAV_PASSWORD";

/// A credentials file is a line, not a document.
const MAX_FILE: u64 = 4096;

/// Basic auth credentials. The password is never shown (`Debug` hides it).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"…")
            .finish()
    }
}

impl Credentials {
    /// From the environment when both variables are set, else from `file`
    /// when there is one; otherwise a sentence saying how to give them.
    pub fn resolve(
        env: impl Fn(&str) -> Option<String>,
        file: Option<&Path>,
    ) -> Result<Credentials, String> {
        let user = env(ENV_USERNAME).filter(|s| !s.is_empty());
        let pass = env(ENV_PASSWORD).filter(|s| !s.is_empty());
        match (user, pass, file) {
            (Some(username), Some(password), _) => Ok(Credentials { username, password }),
            (_, _, Some(path)) => Credentials::from_file(path),
            (Some(_), None, None) => Err(format!(
                "{ENV_USERNAME} is set but {ENV_PASSWORD} is not: set both, or give a \
                 credentials file"
            )),
            _ => Err(format!(
                "no CalDAV credentials: set {ENV_USERNAME} and {ENV_PASSWORD}, or give a \
                 credentials file (one line username:password, mode 0600)"
            )),
        }
    }

    /// Reads `username:password` from `path`, which must be a regular file
    /// that only its owner may read or write (mode 0600 or 0400). A link is
    /// not followed.
    pub fn from_file(path: &Path) -> Result<Credentials, String> {
        let shown = path.display();
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
            .map_err(|e| format!("cannot read the CalDAV credentials file {shown}: {e}"))?;
        let meta = f
            .metadata()
            .map_err(|e| format!("cannot read the CalDAV credentials file {shown}: {e}"))?;
        if !meta.is_file() {
            return Err(format!(
                "the CalDAV credentials file {shown} is not a regular file"
            ));
        }
        let mode = meta.mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(format!(
                "the CalDAV credentials file {shown} may be read by others (mode {mode:04o}); \
                 it holds a password: run `chmod 600 {shown}`"
            ));
        }
        let mut text = String::new();
        f.by_ref()
            .take(MAX_FILE)
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the CalDAV credentials file {shown}: {e}"))?;
        let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
        match line.split_once(':') {
            Some((u, p)) if !u.trim().is_empty() && !p.is_empty() => Ok(Credentials {
                username: u.trim().to_string(),
                password: p.to_string(),
            }),
            _ => Err(format!(
                "the CalDAV credentials file {shown} must hold one line username:password"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    fn file(text: &str, mode: u32) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("caldav");
        std::fs::write(&p, text).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        (dir, p)
    }

    #[test]
    fn the_environment_comes_first() {
        let c = Credentials::resolve(env(&[(ENV_USERNAME, "anna"), (ENV_PASSWORD, "pw")]), None)
            .unwrap();
        assert_eq!(c.username, "anna");
        assert!(!format!("{c:?}").contains("pw"));
        let e = Credentials::resolve(env(&[(ENV_USERNAME, "anna")]), None).unwrap_err();
        assert!(e.contains("CALDAV_PASSWORD is not"), "{e}");
        let e = Credentials::resolve(env(&[]), None).unwrap_err();
        assert!(e.contains("set CALDAV_USERNAME and CALDAV_PASSWORD"), "{e}");
    }

    #[test]
    fn a_private_file_is_read() {
        let (_d, p) = file("anna:se:cret\n", 0o600);
        let c = Credentials::resolve(env(&[]), Some(&p)).unwrap();
        assert_eq!(
            (c.username.as_str(), c.password.as_str()),
            ("anna", "se:cret")
        );
    }

    #[test]
    fn a_file_others_may_read_is_refused_with_a_sentence() {
        let (_d, p) = file("anna:pw\n", 0o644);
        let e = Credentials::from_file(&p).unwrap_err();
        assert!(e.contains("may be read by others (mode 0644)"), "{e}");
        assert!(e.contains("chmod 600"), "{e}");
    }

    #[test]
    fn a_file_without_a_password_is_refused() {
        let (_d, p) = file("anna\n", 0o600);
        assert!(
            Credentials::from_file(&p)
                .unwrap_err()
                .contains("username:password")
        );
    }
}
