//! The sandbox's Google account: the service account, the user it acts
//! for, the calendar RenOS writes to, and its throwaway key.

/// The service account's e-mail.
pub const CLIENT_EMAIL: &str = "renos-sandbox@renos-sandbox.iam.gserviceaccount.com";
/// The user the service account acts for (domain-wide delegation).
pub const IMPERSONATED_USER: &str = "dispatch@renos.test";
/// The calendar RenOS writes to.
pub const CALENDAR_ID: &str = "renos@renos.test";
/// The service account's RSA key. A throwaway test key, made for the sandbox
/// and published with it: it opens nothing but the sandbox.
pub const TEST_KEY_PEM: &str = include_str!("../test-key.pem");

/// A service-account key file (JSON) for the sandbox's account, with its
/// token endpoint at `token_uri`.
pub fn key_json(token_uri: &str) -> String {
    let key = serde_json::json!({
        "type": "service_account",
        "project_id": "renos-sandbox",
        "private_key_id": "sandbox-key",
        "private_key": TEST_KEY_PEM,
        "client_email": CLIENT_EMAIL,
        "client_id": "100000000000000000001",
        "auth_uri": "http://127.0.0.1/auth",
        "token_uri": token_uri,
        "auth_provider_x509_cert_url": "http://127.0.0.1/certs",
        "client_x509_cert_url": "http://127.0.0.1/certs/x",
    });
    serde_json::to_string_pretty(&key).unwrap_or_default()
}
