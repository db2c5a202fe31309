//! The app's credentials (`MICROSOFT_TENANT_ID`, `MICROSOFT_CLIENT_ID`,
//! `MICROSOFT_CLIENT_SECRET`) and the client-credentials grant: an access
//! token for `https://graph.microsoft.com/.default`, cached until shortly
//! before it expires.

use std::fmt;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::providers::calendar::{ProviderError, ProviderResult};
use crate::providers::retry::clip;

/// The environment variable with the organisation's tenant id.
pub const ENV_TENANT_ID: &str = "MICROSOFT_TENANT_ID";
/// The environment variable with the app's client id.
pub const ENV_CLIENT_ID: &str = "MICROSOFT_CLIENT_ID";
/// The environment variable with the app's client secret.
pub const ENV_CLIENT_SECRET: &str = "MICROSOFT_CLIENT_SECRET";

/// A token is renewed this long before it expires.
const MARGIN: Duration = Duration::from_secs(60);

/// The app's identity. The secret is never shown (`Debug` hides it).
#[derive(Clone, PartialEq, Eq)]
pub struct OutlookCredentials {
    pub tenant: String,
    pub client_id: String,
    pub secret: String,
}

impl fmt::Debug for OutlookCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutlookCredentials")
            .field("tenant", &self.tenant)
            .field("client_id", &self.client_id)
            .field("secret", &"…")
            .finish()
    }
}

impl OutlookCredentials {
    /// From the three environment variables, or a sentence naming the
    /// missing ones.
    pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Result<OutlookCredentials, String> {
        let get = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let (tenant, client_id, secret) = (
            get(ENV_TENANT_ID),
            get(ENV_CLIENT_ID),
            get(ENV_CLIENT_SECRET),
        );
        match (tenant, client_id, secret) {
            (Some(tenant), Some(client_id), Some(secret)) => Ok(OutlookCredentials {
                tenant: tenant.trim().to_string(),
                client_id: client_id.trim().to_string(),
                secret,
            }),
            (t, c, s) => {
                let missing: Vec<&str> = [
                    (t.is_none(), ENV_TENANT_ID),
                    (c.is_none(), ENV_CLIENT_ID),
                    (s.is_none(), ENV_CLIENT_SECRET),
                ]
                .into_iter()
                .filter(|(gone, _)| *gone)
                .map(|(_, name)| name)
                .collect();
                Err(format!(
                    "no Microsoft 365 app credentials: set {}",
                    missing.join(", ")
                ))
            }
        }
    }
}

/// An access token and when to stop using it.
#[derive(Clone)]
pub(super) struct Token {
    pub value: String,
    pub renew_at: Instant,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: Option<u64>,
}

#[derive(Deserialize)]
struct TokenError {
    error: Option<String>,
    error_description: Option<String>,
}

/// Asks the token endpoint under `login` for an access token.
pub(super) async fn fetch(
    http: &reqwest::Client,
    login: &str,
    creds: &OutlookCredentials,
) -> ProviderResult<Token> {
    let url = format!(
        "{}/{}/oauth2/v2.0/token",
        login.trim_end_matches('/'),
        creds.tenant
    );
    let form = [
        ("client_id", creds.client_id.as_str()),
        ("client_secret", creds.secret.as_str()),
        ("scope", "https://graph.microsoft.com/.default"),
        ("grant_type", "client_credentials"),
    ];
    let resp = http.post(&url).form(&form).send().await.map_err(|e| {
        ProviderError::Transient(format!(
            "the Microsoft sign-in cannot be reached ({})",
            if e.is_timeout() {
                "timed out"
            } else {
                "no connection"
            }
        ))
    })?;
    let status = resp.status().as_u16();
    let body = crate::providers::body::read(resp)
        .await
        .map_err(|e| ProviderError::Transient(format!("the Microsoft sign-in: {e}")))?;
    match status {
        200 => {
            let t: TokenAnswer = serde_json::from_slice(&body).map_err(|_| {
                ProviderError::BadData("the Microsoft sign-in sent an unreadable token".into())
            })?;
            let life = Duration::from_secs(t.expires_in.unwrap_or(300));
            Ok(Token {
                value: t.access_token,
                renew_at: Instant::now() + life.saturating_sub(MARGIN),
            })
        }
        429 | 500.. => Err(ProviderError::Transient(format!(
            "the Microsoft sign-in answered {status}"
        ))),
        _ => {
            let why = serde_json::from_slice::<TokenError>(&body)
                .ok()
                .map(|e| {
                    let code = e.error.unwrap_or_default();
                    let text = e.error_description.unwrap_or_default();
                    clip(&format!("{code}: {text}"))
                })
                .unwrap_or_else(|| format!("status {status}"));
            Err(ProviderError::Unauthorised(format!(
                "Microsoft refused the app's sign-in ({why}); check {ENV_TENANT_ID}, \
                 {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET}"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_come_from_the_environment_and_hide_the_secret() {
        let all = |k: &str| Some(format!("{k}-value"));
        let c = OutlookCredentials::from_env(all).unwrap();
        assert_eq!(c.tenant, "MICROSOFT_TENANT_ID-value");
        assert!(!format!("{c:?}").contains("SECRET-value"));
        let e =
            OutlookCredentials::from_env(|k: &str| (k == ENV_TENANT_ID).then(|| "t".to_string()))
                .unwrap_err();
        assert!(
            e.contains("MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET"),
            "{e}"
        );
    }
}
