//! The HTTP side: TLS connectors, the service-account authenticator, the
//! plain client for conditional writes, and how their failures read.

use std::error::Error as StdError;
use std::sync::Arc;
use std::time::Duration;

use google_calendar3::hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use google_calendar3::hyper_util::client::legacy::Client as LegacyClient;
use google_calendar3::hyper_util::client::legacy::connect::HttpConnector;
use google_calendar3::hyper_util::rt::TokioExecutor;
use rustls::RootCertStore;
use rustls::crypto::CryptoProvider;
use yup_oauth2::authenticator::Authenticator;
use yup_oauth2::{
    CustomHyperClientBuilder, HyperClientBuilder, ServiceAccountAuthenticator, ServiceAccountKey,
};

use super::retry::clip;
use super::settings::GoogleSettings;
use super::types::GoogleError;

/// Every call asks for the full calendar scope (with delegation each distinct
/// scope has to be allowed by the workspace admin, so one scope only).
pub const SCOPES: &[&str] = &["https://www.googleapis.com/auth/calendar"];

pub type Connector = HttpsConnector<HttpConnector>;
pub type Auth = Authenticator<Connector>;

const USER_AGENT: &str = concat!("renos/", env!("CARGO_PKG_VERSION"));

pub fn user_agent() -> String {
    USER_AGENT.to_string()
}

pub use crate::providers::install_crypto_provider;
pub use crate::providers::network::describe;
use crate::providers::network::{self, UrlFault};

fn provider() -> Arc<CryptoProvider> {
    CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()))
}

/// HTTPS with the system's root certificates, plain HTTP for loopback. A
/// machine without root certificates still gets a connector (TLS then
/// fails per request, loopback HTTP works).
pub fn connector() -> Result<Connector, GoogleError> {
    let builder = match HttpsConnectorBuilder::new().with_provider_and_native_roots(provider()) {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!("no usable root certificates ({e}); HTTPS to Google will fail");
            let config = rustls::ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .map_err(|e| GoogleError::Network(format!("cannot set up TLS: {e}")))?
                .with_root_certificates(RootCertStore::empty())
                .with_no_client_auth();
            HttpsConnectorBuilder::new().with_tls_config(config)
        }
    };
    Ok(builder.https_or_http().enable_http1().build())
}

/// The hub's HTTP client.
pub fn hub_client(conn: Connector) -> LegacyClient<Connector, google_calendar3::common::Body> {
    LegacyClient::builder(TokioExecutor::new()).build(conn)
}

/// The authenticator: signs a JWT for `subject` and trades it at the key's
/// token URI. Nothing is fetched yet. Token requests time out like any other.
pub async fn authenticator(
    settings: &GoogleSettings,
    conn: Connector,
    timeout: Duration,
) -> Result<Auth, GoogleError> {
    let key = ServiceAccountKey {
        key_type: Some("service_account".to_string()),
        project_id: None,
        private_key_id: None,
        private_key: settings.private_key.clone(),
        client_email: settings.client_email.clone(),
        client_id: None,
        auth_uri: None,
        token_uri: settings.token_uri.clone(),
        auth_provider_x509_cert_url: None,
        client_x509_cert_url: None,
    };
    let client: LegacyClient<Connector, String> =
        LegacyClient::builder(TokioExecutor::new()).build(conn);
    let http = CustomHyperClientBuilder::from(client)
        .build_hyper_client()
        .map_err(|e| GoogleError::Auth(format!("cannot set up the token client: {e}")))?
        .with_timeout(timeout);
    let mut builder = ServiceAccountAuthenticator::with_client(key, http);
    if let Some(user) = &settings.subject {
        builder = builder.subject(user.clone());
    }
    builder.build().await.map_err(|e| {
        // The only failure here is reading the key; the message never quotes it.
        GoogleError::Auth(format!(
            "the service account's private key cannot be used ({e}); \
             it must be the PEM (PKCS#8 RSA) `private_key` of the key file"
        ))
    })
}

/// The client for requests the hub cannot make (If-Match). Without
/// usable platform roots it falls back to no roots, so loopback HTTP works.
pub fn http_client(timeout: Duration) -> Result<reqwest::Client, GoogleError> {
    network::http_client(|| {
        reqwest::Client::builder()
            .timeout(timeout)
            .user_agent(USER_AGENT)
    })
    .map_err(|fault| GoogleError::Network(fault.to_string()))
}

/// A token failure as the engine sees it: no answer is a network problem,
/// anything else (refused grant, bad key, odd answer) is an auth problem.
/// The texts come from yup-oauth2 and carry no key or token.
pub fn token_error(e: &yup_oauth2::Error) -> GoogleError {
    use yup_oauth2::Error as E;
    match e {
        E::HttpError(_) | E::HttpClientError(_) => {
            GoogleError::Network(format!("token request failed: {}", describe(e)))
        }
        E::JSONError(_) => GoogleError::Network(
            "the token endpoint sent an answer that is not a token".to_string(),
        ),
        E::AuthError(a) => GoogleError::Auth(clip(&format!("token refused: {a}"))),
        E::MissingAccessToken => {
            GoogleError::Auth("the token endpoint sent no access token".to_string())
        }
        other => GoogleError::Auth(clip(&format!("no token: {other}"))),
    }
}

/// A boxed token failure from the hub (it wraps yup-oauth2's error).
pub fn boxed_token_error(e: &(dyn StdError + Send + Sync + 'static)) -> GoogleError {
    match e.downcast_ref::<yup_oauth2::Error>() {
        Some(y) => token_error(y),
        None => GoogleError::Auth(clip(&format!("no token: {}", describe(e)))),
    }
}

/// One path segment: unreserved characters and `@` stay, every other byte
/// is percent-encoded (calendar ids may hold `#`, which would end the path).
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `http(s)://host[:port]/...`, or why not.
pub fn check_url(what: &str, url: &str) -> Result<reqwest::Url, GoogleError> {
    let bad = |why: UrlFault| GoogleError::Refused {
        status: 0,
        reason: "invalidSettings".to_string(),
        message: format!("the {what} `{url}` {why}"),
    };
    let parsed = network::check_base_url(url, false).map_err(bad)?;
    if url.parse::<google_calendar3::hyper::Uri>().is_err() {
        return Err(bad(UrlFault::NotAUri));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded() {
        assert_eq!(segment("abc0123v"), "abc0123v");
        assert_eq!(
            segment("ops@renos.dk"),
            "ops@renos.dk",
            "an e-mail calendar id stays readable"
        );
        assert_eq!(
            segment("en.danish#holiday@group.v.calendar.google.com"),
            "en.danish%23holiday@group.v.calendar.google.com"
        );
        assert_eq!(segment("a/b?c d%"), "a%2Fb%3Fc%20d%25");
        assert_eq!(segment("ø"), "%C3%B8");
    }

    #[test]
    fn urls_are_checked() {
        assert!(check_url("base URL", "https://www.googleapis.com/calendar/v3/").is_ok());
        assert!(check_url("base URL", "http://127.0.0.1:8080/calendar/v3/").is_ok());
        for bad in [
            "",
            "www.googleapis.com/x/",
            "ftp://h/",
            "http://h/?a=1",
            "file:///x",
            "http://h/a b/",
        ] {
            match check_url("base URL", bad) {
                Err(GoogleError::Refused {
                    status: 0, message, ..
                }) => {
                    assert!(message.contains("base URL"), "{message}")
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn token_errors_are_sorted() {
        let refused: yup_oauth2::error::AuthError = serde_json::from_value(serde_json::json!({
            "error": "invalid_grant", "error_description": "Invalid JWT Signature."
        }))
        .expect("auth error");
        assert_eq!(
            token_error(&yup_oauth2::Error::AuthError(refused)),
            GoogleError::Auth("token refused: invalid_grant: Invalid JWT Signature.".into())
        );
        assert!(matches!(
            token_error(&yup_oauth2::Error::MissingAccessToken),
            GoogleError::Auth(_)
        ));
        let boxed: Box<dyn StdError + Send + Sync> =
            Box::new(yup_oauth2::Error::MissingAccessToken);
        assert!(matches!(
            boxed_token_error(boxed.as_ref()),
            GoogleError::Auth(_)
        ));
        let json = serde_json::from_str::<serde_json::Value>("<html>").expect_err("not json");
        assert!(matches!(
            token_error(&yup_oauth2::Error::JSONError(json)),
            GoogleError::Network(_)
        ));
    }
}
