//! A service that could not be reached, or whose answer did not arrive
//! whole: [`NetworkFault`], what happened (a kind, for the words) and the
//! English text the error shows and the logs keep. Built from a
//! `reqwest::Error` here and nowhere else; a stored text reads back to its
//! kind. Also the HTTP client every provider builds, and an error's causes
//! on one line.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use crate::providers::retry::clip;

/// The service a fault was met with: its English texts name it as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Billy,
    Twilio,
    Google,
}

/// What happened on the way to a service.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FaultKind {
    /// No answer within the time allowed.
    Timeout { after: Duration },
    /// No connection could be opened to `host` (refused, no route, a name
    /// that does not resolve): nothing was sent.
    Unreachable { host: String },
    /// The answer began and broke off, or arrived damaged.
    BrokeOff,
    /// The connection failed another way.
    Failed,
    /// An answer came that could not be read (not JSON, a field missing,
    /// too large).
    Unreadable,
    /// No access token could be fetched (Google's token endpoint).
    NoToken,
    /// The HTTP client could not be set up (TLS).
    Setup,
    /// Known only by its text (read back from a log, say): shown as written.
    #[default]
    Said,
}

/// A network failure: its kind, the system's or service's own detail
/// (quoted as given), and the English text. It reads as its text, and two
/// are equal when their texts are: the kind only chooses the words.
#[derive(Debug, Clone)]
pub struct NetworkFault {
    /// Boxed: a fault is rare, the errors that carry it are passed often.
    kind: Box<FaultKind>,
    detail: String,
    text: String,
}

impl NetworkFault {
    /// A fault of `kind` with its `detail` and English `text`.
    pub fn new(kind: FaultKind, detail: impl Into<String>, text: impl Into<String>) -> Self {
        NetworkFault {
            kind: Box::new(kind),
            detail: detail.into(),
            text: text.into(),
        }
    }

    /// A request to `service` at `host` that failed (`timeout`: what it was
    /// allowed), in the words each client has always used.
    pub fn of(service: Service, e: &reqwest::Error, host: &str, timeout: Duration) -> Self {
        let detail = describe(e);
        let kind = if e.is_timeout() {
            FaultKind::Timeout { after: timeout }
        } else if e.is_connect() {
            FaultKind::Unreachable {
                host: host.to_string(),
            }
        } else if e.is_decode() || e.is_body() {
            FaultKind::BrokeOff
        } else {
            FaultKind::Failed
        };
        let secs = timeout.as_secs_f32();
        let text = match (service, &kind) {
            (Service::Billy, FaultKind::Timeout { .. }) => {
                format!("Billy did not answer within {secs} s")
            }
            (Service::Billy, FaultKind::Unreachable { host }) => {
                format!("cannot reach Billy at {host}: {detail}")
            }
            (Service::Billy, FaultKind::BrokeOff) => {
                format!("the answer from Billy broke off: {detail}")
            }
            (Service::Billy, _) => format!("the connection to Billy failed: {detail}"),
            (Service::Twilio, FaultKind::Timeout { .. }) => format!("no answer within {secs} s"),
            (Service::Twilio | Service::Google, _) => detail.clone(),
        };
        // Billy's texts were always cut to one short line.
        let text = match service {
            Service::Billy => clip(&text),
            Service::Twilio | Service::Google => text,
        };
        NetworkFault::new(kind, detail, text)
    }

    /// No answer within `after` (a wait kept by us, not the HTTP client's).
    pub fn timeout(after: Duration) -> Self {
        NetworkFault::new(
            FaultKind::Timeout { after },
            String::new(),
            format!("no answer within {} s", after.as_secs_f32()),
        )
    }

    /// An answer that could not be read: `detail` says what was wrong with
    /// it, `text` is the English.
    pub fn unreadable(detail: impl Into<String>, text: impl Into<String>) -> Self {
        NetworkFault::new(FaultKind::Unreadable, detail, text)
    }

    /// The HTTP client could not be set up: "cannot set up HTTP: …".
    pub fn setup(what: &str, e: &(dyn StdError + 'static)) -> Self {
        let detail = describe(e);
        let text = format!("cannot set up {what}: {detail}");
        NetworkFault::new(FaultKind::Setup, detail, text)
    }

    /// The same fault with `hide` applied to its detail and text (a secret
    /// blotted out, should a service ever echo it).
    pub fn hiding(self, hide: impl Fn(&str) -> String) -> Self {
        NetworkFault {
            kind: self.kind,
            detail: hide(&self.detail),
            text: hide(&self.text),
        }
    }

    /// What happened.
    pub fn kind(&self) -> &FaultKind {
        &self.kind
    }

    /// The system's or service's own detail, as given.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// A fault back from its English text (as stored or logged): the kind
    /// when the text shows it, else [`FaultKind::Said`].
    pub fn read(text: &str) -> Self {
        let said = |kind: FaultKind, detail: &str| NetworkFault::new(kind, detail, text);
        let secs = |s: &str| {
            s.strip_suffix(" s")
                .and_then(|n| n.parse::<f32>().ok())
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map(Duration::from_secs_f32)
        };
        if let Some(after) = text
            .strip_prefix("Billy did not answer within ")
            .or_else(|| text.strip_prefix("no answer within "))
            .and_then(secs)
        {
            return said(FaultKind::Timeout { after }, "");
        }
        if let Some((host, detail)) = text
            .strip_prefix("cannot reach Billy at ")
            .and_then(|rest| rest.split_once(": "))
        {
            let host = host.to_string();
            return said(FaultKind::Unreachable { host }, detail);
        }
        let prefixed = [
            ("the answer from Billy broke off: ", FaultKind::BrokeOff),
            ("the connection to Billy failed: ", FaultKind::Failed),
            (
                "Billy sent an answer that could not be read: ",
                FaultKind::Unreadable,
            ),
            ("token request failed: ", FaultKind::NoToken),
            ("cannot set up HTTP: ", FaultKind::Setup),
            ("cannot set up TLS: ", FaultKind::Setup),
        ];
        for (prefix, kind) in prefixed {
            if let Some(detail) = text.strip_prefix(prefix) {
                return said(kind, detail);
            }
        }
        if let Some(rest) = text.strip_prefix("Twilio's answer (")
            && let Some((_, rest)) = rest.split_once(") ")
        {
            if let Some(detail) = rest.strip_prefix("broke off: ") {
                return said(FaultKind::BrokeOff, detail);
            }
            if let Some(detail) = rest.strip_prefix("could not be read: ") {
                return said(FaultKind::Unreadable, detail);
            }
        }
        if let Some(detail) = text
            .strip_prefix("unreadable answer from Google Calendar (")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            return said(FaultKind::Unreadable, detail);
        }
        // reqwest's and hyper's own words for a connection not opened.
        if let Some(host) = unopened(text) {
            return said(FaultKind::Unreachable { host }, text);
        }
        said(FaultKind::Said, text)
    }
}

/// The host of a request reqwest or hyper could not connect to, from
/// their words ("error sending request for url (http://h:1/…): client
/// error (Connect): …"); an empty host when the text names none.
fn unopened(text: &str) -> Option<String> {
    let connect = ["(Connect)", "tcp connect error", "dns error"];
    if !connect.iter().any(|c| text.contains(c)) {
        return None;
    }
    let host = text
        .split_once("for url (")
        .and_then(|(_, rest)| rest.split_once(')'))
        .and_then(|(url, _)| reqwest::Url::parse(url).ok())
        .and_then(|url| url.host_str().map(str::to_string))
        .unwrap_or_default();
    Some(host)
}

impl fmt::Display for NetworkFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq for NetworkFault {
    fn eq(&self, other: &NetworkFault) -> bool {
        self.text == other.text
    }
}

impl Eq for NetworkFault {}

impl std::ops::Deref for NetworkFault {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

/// A fault known only by its text: read back to its kind.
impl From<&str> for NetworkFault {
    fn from(text: &str) -> NetworkFault {
        NetworkFault::read(text)
    }
}

impl From<String> for NetworkFault {
    fn from(text: String) -> NetworkFault {
        NetworkFault::read(&text)
    }
}

/// Why a service's base URL cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlFault {
    /// Not a URL at all; the parser's words.
    NotAUrl {
        detail: String,
    },
    NotHttp,
    NoHost,
    QueryOrFragment,
    /// A user name or password in it (credentials go elsewhere).
    Credentials,
    /// A URL the HTTP library cannot take (spaces, say).
    NotAUri,
}

impl fmt::Display for UrlFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlFault::NotAUrl { detail } => write!(f, "is not a URL ({detail})"),
            UrlFault::NotHttp => f.write_str("is not http or https"),
            UrlFault::NoHost => f.write_str("has no host"),
            UrlFault::QueryOrFragment => f.write_str("must not have a query or fragment"),
            UrlFault::Credentials => f.write_str("must not hold credentials"),
            UrlFault::NotAUri => f.write_str("is not a valid URI"),
        }
    }
}

/// `http(s)://host[:port]/...`, without query or fragment, or why not;
/// `no_credentials`: without a user name or password either.
pub fn check_base_url(url: &str, no_credentials: bool) -> Result<reqwest::Url, UrlFault> {
    let parsed = reqwest::Url::parse(url).map_err(|e| UrlFault::NotAUrl {
        detail: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(UrlFault::NotHttp);
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(UrlFault::NoHost);
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(UrlFault::QueryOrFragment);
    }
    if no_credentials && (!parsed.username().is_empty() || parsed.password().is_some()) {
        return Err(UrlFault::Credentials);
    }
    Ok(parsed)
}

/// The HTTP client `builder` makes. Without usable platform roots it falls
/// back to none, so loopback HTTP still works.
pub fn http_client(
    builder: impl Fn() -> reqwest::ClientBuilder,
) -> Result<reqwest::Client, NetworkFault> {
    match builder().build() {
        Ok(c) => Ok(c),
        Err(e) => {
            tracing::warn!("HTTPS client without root certificates ({})", describe(&e));
            builder()
                .tls_certs_only(Vec::<reqwest::Certificate>::new())
                .build()
                .map_err(|e| NetworkFault::setup("HTTP", &e))
        }
    }
}

/// An error and its causes on one line: "a: b: c".
pub fn describe(e: &(dyn StdError + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    clip(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn refused(service: Service) -> NetworkFault {
        crate::providers::install_crypto_provider();
        let client = reqwest::Client::builder().build().expect("client");
        let e = client
            .get("http://127.0.0.1:1/x")
            .send()
            .await
            .expect_err("nothing listens on port 1");
        NetworkFault::of(service, &e, "127.0.0.1", Duration::from_secs(30))
    }

    #[tokio::test]
    async fn a_closed_port_is_unreachable_in_each_clients_words() {
        let billy = refused(Service::Billy).await;
        assert_eq!(
            billy.kind(),
            &FaultKind::Unreachable {
                host: "127.0.0.1".into()
            }
        );
        assert!(
            billy.starts_with("cannot reach Billy at 127.0.0.1: "),
            "{billy}"
        );
        assert!(billy.ends_with(billy.detail()), "{billy}");
        let twilio = refused(Service::Twilio).await;
        assert_eq!(twilio.to_string(), twilio.detail());
        // Read back from their texts: the same kind.
        assert_eq!(NetworkFault::read(&billy).kind(), billy.kind());
        assert_eq!(NetworkFault::read(&twilio).kind(), twilio.kind());
        assert_eq!(NetworkFault::read(&billy), billy);
    }

    #[test]
    fn stored_texts_read_back_to_their_kind() {
        let cases = [
            (
                "Billy did not answer within 30 s",
                FaultKind::Timeout {
                    after: Duration::from_secs(30),
                },
                "",
            ),
            (
                "no answer within 0.3 s",
                FaultKind::Timeout {
                    after: Duration::from_secs_f32(0.3),
                },
                "",
            ),
            (
                "cannot reach Billy at h: refused",
                FaultKind::Unreachable { host: "h".into() },
                "refused",
            ),
            (
                "the answer from Billy broke off: reset",
                FaultKind::BrokeOff,
                "reset",
            ),
            (
                "the connection to Billy failed: odd",
                FaultKind::Failed,
                "odd",
            ),
            (
                "Billy sent an answer that could not be read: no `invoice` object",
                FaultKind::Unreadable,
                "no `invoice` object",
            ),
            (
                "Twilio's answer (200) broke off: reset",
                FaultKind::BrokeOff,
                "reset",
            ),
            (
                "unreadable answer from Google Calendar (EOF)",
                FaultKind::Unreadable,
                "EOF",
            ),
            ("token request failed: dns", FaultKind::NoToken, "dns"),
            ("cannot set up HTTP: no TLS", FaultKind::Setup, "no TLS"),
            ("timed out", FaultKind::Said, "timed out"),
        ];
        for (text, kind, detail) in cases {
            let f = NetworkFault::from(text);
            assert_eq!(f.kind(), &kind, "{text}");
            assert_eq!(f.detail(), detail, "{text}");
            assert_eq!(f.to_string(), text);
        }
        let hyper = "error sending request for url (http://127.0.0.1:1/v2/organization): \
                     client error (Connect): tcp connect error: Connection refused (os error 111)";
        assert_eq!(
            NetworkFault::read(hyper).kind(),
            &FaultKind::Unreachable {
                host: "127.0.0.1".into()
            }
        );
    }

    #[test]
    fn a_secret_is_hidden_from_detail_and_text() {
        let f = NetworkFault::new(FaultKind::Failed, "key k3y", "failed: key k3y")
            .hiding(|t| t.replace("k3y", "<hidden>"));
        assert_eq!(f.detail(), "key <hidden>");
        assert_eq!(f.to_string(), "failed: key <hidden>");
    }
}
