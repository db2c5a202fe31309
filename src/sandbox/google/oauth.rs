//! The OAuth token endpoint of a service account with domain-wide
//! delegation: a signed JWT in, a short-lived bearer token out.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::Deserialize;
use serde_json::{Value, json};

use super::super::random::random_bytes;
use super::account::CLIENT_EMAIL;
use super::error::json_body;
use super::state::{Google, Issued};

pub(crate) const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
pub(crate) const CALENDAR_SCOPE: &str = "https://www.googleapis.com/auth/calendar";
/// Scopes the sandbox's domain admin has authorised for the service account.
const AUTHORISED_SCOPES: &[&str] = &[
    CALENDAR_SCOPE,
    "https://www.googleapis.com/auth/calendar.events",
];
/// Seconds an access token lives.
pub(crate) const TOKEN_LIFETIME: u64 = 3599;
/// Seconds an assertion may claim to come from the future (clock skew).
const SKEW: i64 = 300;

/// base64url, padded or not.
const B64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The PKCS#1 public key of a PKCS#8 PEM RSA private key.
pub(crate) fn public_key_der(pem: &str) -> Option<Vec<u8>> {
    let b64: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .map(str::trim)
        .collect();
    let der = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    let pair = ring::signature::RsaKeyPair::from_pkcs8(&der).ok()?;
    Some(pair.public().as_ref().to_vec())
}

pub(crate) fn router(google: Arc<Google>) -> Router {
    Router::new()
        .route("/token", post(token))
        .with_state(google)
}

#[derive(Debug, Deserialize)]
struct TokenForm {
    grant_type: Option<String>,
    assertion: Option<String>,
}

/// A refusal as the token endpoint words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl Refusal {
    fn grant(description: &str) -> Refusal {
        Refusal {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_grant",
            description: description.to_string(),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.error, "error_description": self.description });
        (self.status, json_body(&body)).into_response()
    }
}

async fn token(
    State(google): State<Arc<Google>>,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    google.lock().stats.token += 1;
    let Ok(Form(form)) = form else {
        return Refusal {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_request",
            description: "Request must be application/x-www-form-urlencoded.".into(),
        }
        .into_response();
    };
    if form.grant_type.as_deref() != Some(GRANT_TYPE) {
        return Refusal {
            status: StatusCode::BAD_REQUEST,
            error: "unsupported_grant_type",
            description: format!(
                "Invalid grant_type: {}",
                form.grant_type.unwrap_or_default()
            ),
        }
        .into_response();
    }
    let Some(key) = google.public_key.as_deref() else {
        return Refusal {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "internal_failure",
            description: "The sandbox test key cannot be read.".into(),
        }
        .into_response();
    };
    let now = chrono::Utc::now().timestamp();
    match verify(form.assertion.as_deref().unwrap_or(""), key, now) {
        Ok(subject) => {
            let access = format!("ya29.sandbox-{}", hex(&random_bytes::<24>()));
            google.lock().tokens.insert(
                access.clone(),
                Issued {
                    expires: Instant::now() + Duration::from_secs(TOKEN_LIFETIME),
                    subject: subject.unwrap_or_else(|| CLIENT_EMAIL.to_string()),
                },
            );
            json_body(&json!({
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": TOKEN_LIFETIME,
            }))
        }
        Err(refusal) => refusal.into_response(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks an RS256 assertion; the impersonated user (`sub`), if any.
pub(crate) fn verify(
    assertion: &str,
    public_key: &[u8],
    now: i64,
) -> Result<Option<String>, Refusal> {
    let malformed = || Refusal::grant("Invalid JWT: the assertion is malformed.");
    let mut parts = assertion.split('.');
    let (Some(head), Some(body), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed());
    };
    let header: Value = B64
        .decode(head)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(malformed)?;
    if header.get("alg").and_then(Value::as_str) != Some("RS256") {
        return Err(Refusal::grant("Invalid JWT: the algorithm must be RS256."));
    }
    let signature = B64.decode(sig).map_err(|_| malformed())?;
    let signed = &assertion[..head.len() + 1 + body.len()];
    ring::signature::UnparsedPublicKey::new(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        public_key,
    )
    .verify(signed.as_bytes(), &signature)
    .map_err(|_| Refusal::grant("Invalid JWT Signature."))?;

    let claims: Value = B64
        .decode(body)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(malformed)?;
    if claims.get("iss").and_then(Value::as_str) != Some(CLIENT_EMAIL) {
        return Err(Refusal::grant("Invalid grant: account not found"));
    }
    let aud = claims.get("aud").and_then(Value::as_str).unwrap_or("");
    if url_path(aud) != Some("/token") {
        return Err(Refusal::grant(
            "Invalid JWT: the audience must be the token endpoint.",
        ));
    }
    let (iat, exp) = match (
        claims.get("iat").and_then(Value::as_i64),
        claims.get("exp").and_then(Value::as_i64),
    ) {
        (Some(iat), Some(exp)) => (iat, exp),
        _ => return Err(malformed()),
    };
    if exp <= iat || exp - iat > 3600 || exp <= now || iat > now + SKEW {
        return Err(Refusal::grant(
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable \
             timeframe. Check your iat and exp values in the JWT claim.",
        ));
    }
    let scopes: Vec<&str> = claims
        .get("scope")
        .and_then(Value::as_str)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    if scopes.is_empty() {
        return Err(Refusal {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_scope",
            description: "Empty or missing scope not allowed.".into(),
        });
    }
    if !scopes.contains(&CALENDAR_SCOPE) || scopes.iter().any(|s| !AUTHORISED_SCOPES.contains(s)) {
        return Err(Refusal {
            status: StatusCode::UNAUTHORIZED,
            error: "unauthorized_client",
            description: "Client is unauthorized to retrieve access tokens using this method, \
                          or client not authorized for any of the scopes requested."
                .into(),
        });
    }
    match claims.get("sub") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.contains('@') => Ok(Some(s.clone())),
        Some(_) => Err(Refusal::grant("Invalid email or User ID")),
    }
}

/// The path of an absolute http(s) URL.
fn url_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let path = &rest[rest.find('/')?..];
    Some(path.split(['?', '#']).next().unwrap_or(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::{RSA_PKCS1_SHA256, RsaKeyPair};

    fn sign(header: &Value, claims: &Value, engine: &GeneralPurpose) -> String {
        let b64: String = super::super::account::TEST_KEY_PEM
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .expect("pem");
        let pair = RsaKeyPair::from_pkcs8(&der).expect("key");
        let mut jwt = format!(
            "{}.{}",
            engine.encode(header.to_string()),
            engine.encode(claims.to_string())
        );
        let mut sig = vec![0; pair.public().modulus_len()];
        pair.sign(
            &RSA_PKCS1_SHA256,
            &ring::rand::SystemRandom::new(),
            jwt.as_bytes(),
            &mut sig,
        )
        .expect("sign");
        jwt.push('.');
        jwt.push_str(&engine.encode(sig));
        jwt
    }

    fn claims(now: i64) -> Value {
        json!({
            "iss": CLIENT_EMAIL,
            "aud": "http://127.0.0.1:9/token",
            "scope": CALENDAR_SCOPE,
            "iat": now,
            "exp": now + 3595,
            "sub": null,
        })
    }

    #[test]
    fn verifies_padded_and_unpadded() {
        let key = public_key_der(super::super::account::TEST_KEY_PEM).expect("key");
        let now = 1_800_000_000;
        let head = json!({"alg": "RS256", "typ": "JWT"});
        let padded = base64::engine::general_purpose::URL_SAFE;
        let bare = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        assert_eq!(
            verify(&sign(&head, &claims(now), &padded), &key, now),
            Ok(None)
        );
        let mut c = claims(now);
        c["sub"] = json!("dispatch@renos.test");
        assert_eq!(
            verify(&sign(&head, &c, &bare), &key, now),
            Ok(Some("dispatch@renos.test".into()))
        );
    }

    #[test]
    fn refusals() {
        let key = public_key_der(super::super::account::TEST_KEY_PEM).expect("key");
        let now = 1_800_000_000;
        let head = json!({"alg": "RS256", "typ": "JWT"});
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let refused = |c: Value| {
            verify(&sign(&head, &c, &e), &key, now)
                .expect_err("refused")
                .error
        };
        let mut c = claims(now);
        c["iss"] = json!("someone@else.iam.gserviceaccount.com");
        assert_eq!(refused(c), "invalid_grant");
        let mut c = claims(now);
        c["exp"] = json!(now + 3601);
        assert_eq!(refused(c), "invalid_grant");
        let mut c = claims(now);
        c["exp"] = json!(now - 1);
        c["iat"] = json!(now - 100);
        assert_eq!(refused(c), "invalid_grant");
        let mut c = claims(now);
        c["aud"] = json!("http://127.0.0.1:9/other");
        assert_eq!(refused(c), "invalid_grant");
        let mut c = claims(now);
        c["scope"] = json!("https://www.googleapis.com/auth/calendar.readonly");
        assert_eq!(refused(c), "unauthorized_client");
        let mut c = claims(now);
        c["scope"] = json!("");
        assert_eq!(refused(c), "invalid_scope");

        let good = sign(&head, &claims(now), &e);
        let (rest, sig) = good.rsplit_once('.').expect("jwt");
        let mut sig = sig.to_string();
        let flipped = if sig.starts_with('A') { "B" } else { "A" };
        sig.replace_range(..1, flipped);
        let tampered = format!("{rest}.{sig}");
        let r = verify(&tampered, &key, now).expect_err("tampered");
        assert_eq!(r.description, "Invalid JWT Signature.");
        assert!(verify("a.b", &key, now).is_err());
    }

    #[test]
    fn paths() {
        assert_eq!(url_path("http://127.0.0.1:80/token"), Some("/token"));
        assert_eq!(
            url_path("https://oauth2.googleapis.com/token?x"),
            Some("/token")
        );
        assert_eq!(url_path("http://host"), None);
        assert_eq!(url_path("/token"), None);
    }
}
