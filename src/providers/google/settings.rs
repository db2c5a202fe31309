//! What the client needs to know: the service account, the impersonated
//! user, where Google lives and how patiently to retry.

use std::fmt;

/// Google's token endpoint, used when a key file names none.
pub const DEFAULT_TOKEN_URI: &str = "https://oauth2.googleapis.com/token";
/// The Calendar API v3 root.
pub const DEFAULT_BASE_URL: &str = "https://www.googleapis.com/calendar/v3/";

pub use crate::providers::retry::RetryPolicy;

/// The service account and where to reach Google. `Debug` leaves the private
/// key out.
#[derive(Clone)]
pub struct GoogleSettings {
    pub client_email: String,
    /// PEM (PKCS#8).
    pub private_key: String,
    pub token_uri: String,
    /// The user the service account acts for (domain-wide delegation).
    pub subject: Option<String>,
    /// Ends with `/`.
    pub base_url: String,
    pub retry: RetryPolicy,
}

impl fmt::Debug for GoogleSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoogleSettings")
            .field("client_email", &self.client_email)
            .field("private_key", &"<hidden>")
            .field("token_uri", &self.token_uri)
            .field("subject", &self.subject)
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .finish()
    }
}

impl GoogleSettings {
    /// Settings from the pieces, normalised: the key's `\n` escapes become
    /// newlines, an empty token URI or base URL takes Google's, and the base
    /// URL gets its trailing `/`.
    pub fn new(
        client_email: &str,
        private_key: &str,
        token_uri: Option<&str>,
        subject: Option<String>,
        base_url: Option<&str>,
    ) -> GoogleSettings {
        let token_uri = token_uri
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .unwrap_or(DEFAULT_TOKEN_URI);
        let base_url = base_url
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .unwrap_or(DEFAULT_BASE_URL);
        GoogleSettings {
            client_email: client_email.trim().to_string(),
            private_key: unescape_newlines(private_key),
            token_uri: token_uri.to_string(),
            subject: subject
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            base_url: with_trailing_slash(base_url),
            retry: RetryPolicy::default(),
        }
    }

    /// The same settings in the form the client uses them: what [`new`]
    /// does to its pieces, for settings written as a struct literal.
    ///
    /// [`new`]: GoogleSettings::new
    pub fn normalised(self) -> GoogleSettings {
        let retry = self.retry;
        GoogleSettings {
            retry,
            ..GoogleSettings::new(
                &self.client_email,
                &self.private_key,
                Some(&self.token_uri),
                self.subject,
                Some(&self.base_url),
            )
        }
    }

    /// From a service-account key file (`client_email`, `private_key`,
    /// `token_uri`). The error names what is missing and never quotes the key.
    pub fn from_key_json(
        json: &str,
        subject: Option<String>,
        base_url: Option<String>,
    ) -> Result<GoogleSettings, String> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
            format!(
                "the service-account key is not JSON (line {}, column {})",
                e.line(),
                e.column()
            )
        })?;
        let field = |name: &str| -> Result<Option<&str>, String> {
            match value.get(name) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => Err(format!(
                    "`{name}` in the service-account key is not a string"
                )),
            }
        };
        if !value.is_object() {
            return Err("the service-account key is not a JSON object".to_string());
        }
        if let Some(kind) = field("type")?
            && kind != "service_account"
        {
            return Err(format!(
                "the key is of type `{kind}`, not a service-account key"
            ));
        }
        let client_email = field("client_email")?
            .filter(|s| !s.trim().is_empty())
            .ok_or("the service-account key has no `client_email`")?;
        let private_key = field("private_key")?
            .filter(|s| !s.trim().is_empty())
            .ok_or("the service-account key has no `private_key`")?;
        let settings = GoogleSettings::new(
            client_email,
            private_key,
            field("token_uri")?,
            subject,
            base_url.as_deref(),
        );
        if !settings.private_key.contains("-----BEGIN") {
            return Err("`private_key` in the service-account key is not a PEM key".to_string());
        }
        Ok(settings)
    }
}

/// Turns the two characters `\` `n` into a newline (keys kept in environment
/// variables are often written that way) and drops `\r`.
pub fn unescape_newlines(key: &str) -> String {
    key.replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace('\r', "")
        .trim()
        .to_string()
        + "\n"
}

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const PEM_ESCAPED: &str =
        "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN\\nBgkqhkiG9w0B\\n-----END PRIVATE KEY-----\\n";

    fn key_json(extra: &str) -> String {
        format!(
            r#"{{"type":"service_account","client_email":"sa@p.iam.gserviceaccount.com",
                "private_key":"{PEM_ESCAPED}"{extra}}}"#
        )
    }

    #[test]
    fn retry_policy_defaults() {
        let p = RetryPolicy::default();
        assert_eq!(p.retries, 3);
        assert_eq!(p.base, Duration::from_millis(500));
        assert_eq!(p.max_wait, Duration::from_secs(30));
        assert_eq!(p.timeout, Duration::from_secs(30));
    }

    #[test]
    fn key_json_with_defaults() {
        let s = GoogleSettings::from_key_json(&key_json(""), None, None).expect("settings");
        assert_eq!(s.client_email, "sa@p.iam.gserviceaccount.com");
        assert_eq!(s.token_uri, DEFAULT_TOKEN_URI);
        assert_eq!(s.base_url, DEFAULT_BASE_URL);
        assert_eq!(s.subject, None);
        assert!(
            s.private_key
                .starts_with("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n")
        );
        assert!(s.private_key.ends_with("-----END PRIVATE KEY-----\n"));
        assert!(!s.private_key.contains("\\n"));
        assert_eq!(s.retry, RetryPolicy::default());
    }

    #[test]
    fn key_json_with_token_uri_subject_and_base_url() {
        let json = key_json(r#","token_uri":"http://127.0.0.1:9/token""#);
        let s = GoogleSettings::from_key_json(
            &json,
            Some("ops@renos.dk".into()),
            Some("http://127.0.0.1:9/calendar/v3".into()),
        )
        .expect("settings");
        assert_eq!(s.token_uri, "http://127.0.0.1:9/token");
        assert_eq!(s.subject.as_deref(), Some("ops@renos.dk"));
        assert_eq!(s.base_url, "http://127.0.0.1:9/calendar/v3/");
    }

    #[test]
    fn key_json_with_real_newlines_is_kept() {
        let json = serde_json::json!({
            "client_email": "sa@x",
            "private_key": "-----BEGIN PRIVATE KEY-----\r\nAAAA\r\n-----END PRIVATE KEY-----\r\n",
        })
        .to_string();
        let s = GoogleSettings::from_key_json(&json, None, None).expect("settings");
        assert_eq!(
            s.private_key,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        );
    }

    #[test]
    fn key_json_errors_name_the_problem_without_the_key() {
        let no_email = format!(r#"{{"private_key":"{PEM_ESCAPED}"}}"#);
        let e = GoogleSettings::from_key_json(&no_email, None, None).expect_err("no email");
        assert!(e.contains("client_email"), "{e}");
        assert!(!e.contains("MIIEvQ"), "{e}");

        let e = GoogleSettings::from_key_json(r#"{"client_email":"a@b"}"#, None, None)
            .expect_err("no key");
        assert!(e.contains("private_key"), "{e}");

        let e = GoogleSettings::from_key_json(
            r#"{"client_email":"a@b","private_key":"secret-not-pem"}"#,
            None,
            None,
        )
        .expect_err("not pem");
        assert!(e.contains("PEM"), "{e}");
        assert!(!e.contains("secret-not-pem"), "{e}");

        let e = GoogleSettings::from_key_json("{not json", None, None).expect_err("json");
        assert!(e.contains("not JSON"), "{e}");

        let e = GoogleSettings::from_key_json(r#"{"type":"authorized_user"}"#, None, None)
            .expect_err("type");
        assert!(e.contains("authorized_user"), "{e}");

        let e = GoogleSettings::from_key_json("[]", None, None).expect_err("array");
        assert!(e.contains("object"), "{e}");
    }

    #[test]
    fn unescape_turns_backslash_n_into_newlines() {
        assert_eq!(unescape_newlines("a\\nb\\r\\nc"), "a\nb\nc\n");
        assert_eq!(unescape_newlines("a\nb\n"), "a\nb\n");
        assert_eq!(unescape_newlines("  a\\n\\n  "), "a\n");
    }

    #[test]
    fn debug_does_not_print_the_key() {
        let s = GoogleSettings::from_key_json(&key_json(""), Some("ops@renos.dk".into()), None)
            .expect("settings");
        let shown = format!("{s:?} {s:#?}");
        assert!(!shown.contains("MIIEvQ"), "{shown}");
        assert!(!shown.contains("BEGIN"), "{shown}");
        assert!(shown.contains("sa@p.iam.gserviceaccount.com"));
        assert!(shown.contains("ops@renos.dk"));
    }

    #[test]
    fn struct_literals_are_normalised() {
        let s = GoogleSettings {
            client_email: " a@b ".into(),
            private_key: "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----".into(),
            token_uri: String::new(),
            subject: Some("ops@renos.dk".into()),
            base_url: "http://127.0.0.1:9/calendar/v3".into(),
            retry: RetryPolicy {
                retries: 1,
                ..RetryPolicy::default()
            },
        }
        .normalised();
        assert_eq!(s.client_email, "a@b");
        assert_eq!(
            s.private_key,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        );
        assert_eq!(s.token_uri, DEFAULT_TOKEN_URI);
        assert_eq!(s.base_url, "http://127.0.0.1:9/calendar/v3/");
        assert_eq!(s.subject.as_deref(), Some("ops@renos.dk"));
        assert_eq!(s.retry.retries, 1);
    }

    #[test]
    fn new_fills_defaults_for_empty_values() {
        let s = GoogleSettings::new("a@b", "k", Some(" "), Some(" ".into()), Some(""));
        assert_eq!(s.token_uri, DEFAULT_TOKEN_URI);
        assert_eq!(s.base_url, DEFAULT_BASE_URL);
        assert_eq!(s.subject, None);
    }
}
