//! Why Billy (invoices) or Twilio (calls and SMS) did not take a request, in
//! words: the console's status line, the message log, `renos invoice`,
//! `renos alert`, `renos remind` and `renos doctor`. English reads as the
//! error's own text (logs and `--json` keep it); Danish says what to do.
//! A text of the provider's own (its message, a network error) stays as
//! the provider or the system gave it.

use crate::engine::delivery::ProviderFault;
use crate::i18n::{Language, Words};
use crate::providers::billy::{
    AccessKind, AccessRefusal, BillyError, Missing, MissingKind, RequestKind, RequestRefusal, Thing,
};
use crate::providers::network::{FaultKind, NetworkFault, UrlFault};
use crate::providers::twilio::{self, TwilioError};

/// Why Billy refused, or could not be asked.
pub fn billy_error(w: Words, e: &BillyError) -> String {
    match e {
        BillyError::Auth(why) => w.with("billy-auth", &[("why", billy_access(w, why).into())]),
        BillyError::NotFound(what) => billy_missing(w, what),
        BillyError::Invalid(why) => billy_request(w, why),
        BillyError::RateLimited { .. } => w.get("billy-rate-limited"),
        BillyError::Server { status, message } => w.with(
            "billy-server",
            &[
                ("status", status.to_string().into()),
                ("message", message.as_str().into()),
            ],
        ),
        BillyError::Network(why) => {
            w.with("billy-network", &[("why", network_fault(w, why).into())])
        }
    }
}

/// What went wrong on the way to a service. Danish says what happened, the
/// system's or service's own detail after it as given; English is the
/// fault's own text, as the logs and `--json` keep it. A fault known only
/// by its text is shown as written.
pub fn network_fault(w: Words, f: &NetworkFault) -> String {
    if w.language() == Language::En {
        return f.to_string();
    }
    let detail = f.detail();
    match f.kind() {
        FaultKind::Timeout { after } => {
            let secs = after.as_secs_f32().to_string().replace('.', ",");
            w.with("network-timeout", &[("secs", secs.into())])
        }
        FaultKind::Unreachable { host } if host.is_empty() => w.with(
            "network-unreachable-somewhere",
            &[("detail", detail.into())],
        ),
        FaultKind::Unreachable { host } => w.with(
            "network-unreachable",
            &[("host", host.as_str().into()), ("detail", detail.into())],
        ),
        FaultKind::BrokeOff => w.with("network-broke-off", &[("detail", detail.into())]),
        FaultKind::Failed => w.with("network-failed", &[("detail", detail.into())]),
        FaultKind::Unreadable if detail.is_empty() => w.get("network-unreadable"),
        FaultKind::Unreadable => w.with("network-unreadable-why", &[("detail", detail.into())]),
        FaultKind::NoToken => w.with("network-no-token", &[("detail", detail.into())]),
        FaultKind::Setup => w.with("network-setup", &[("detail", detail.into())]),
        FaultKind::Said => f.to_string(),
    }
}

/// What Billy does not have (deleted there, say); Billy's own words after.
fn billy_missing(w: Words, m: &Missing) -> String {
    let MissingKind { thing, said } = m.kind();
    let missing = match thing {
        Thing::Invoice(id) => w.with("billy-missing-invoice", &[("id", id.as_str().into())]),
        Thing::Contact(id) => w.with("billy-missing-contact", &[("id", id.as_str().into())]),
        Thing::Other => return w.with("billy-not-found", &[("what", m.to_string().into())]),
    };
    match said {
        Some(said) => w.with(
            "billy-missing-said",
            &[("missing", missing.into()), ("said", said.as_str().into())],
        ),
        None => missing,
    }
}

/// Why a request to Billy is wrong, and what to fix; Billy's own words
/// (or a text read back from a log) after "Billy refused the request".
fn billy_request(w: Words, r: &RequestRefusal) -> String {
    let q = |t: &str| format!("{t:?}");
    match r.kind() {
        RequestKind::BadBaseUrl { url, why } => w.with(
            "billy-bad-base-url",
            &[
                ("url", url.as_str().into()),
                ("why", url_fault(w, why).into()),
            ],
        ),
        RequestKind::NoEmail { customer } => {
            w.with("billy-no-email", &[("customer", customer.as_str().into())])
        }
        RequestKind::NoProduct { service, product } => w.with(
            "billy-no-product",
            &[
                ("service", q(service).into()),
                ("product", q(product).into()),
            ],
        ),
        RequestKind::Said => w.with("billy-invalid", &[("why", r.to_string().into())]),
    }
}

/// Why a base URL cannot be used.
pub fn url_fault(w: Words, why: &UrlFault) -> String {
    match why {
        UrlFault::NotAUrl { detail } => {
            w.with("url-not-a-url", &[("detail", detail.as_str().into())])
        }
        UrlFault::NotHttp => w.get("url-not-http"),
        UrlFault::NoHost => w.get("url-no-host"),
        UrlFault::QueryOrFragment => w.get("url-query-or-fragment"),
        UrlFault::Credentials => w.get("url-credentials"),
        UrlFault::NotAUri => w.get("url-not-a-uri"),
    }
}

/// Why Billy refused access, and what to fix; Billy's own words after
/// it. A refusal known only by its text (read from a log) as written.
pub fn billy_access(w: Words, a: &AccessRefusal) -> String {
    let said = |said: &Option<String>| match said {
        Some(said) => said.clone(),
        None => w.get("billy-no-details"),
    };
    match a.kind() {
        AccessKind::NoKey => w.get("billy-access-no-key"),
        AccessKind::NoOrganization => w.get("billy-access-no-organization"),
        AccessKind::KeyNotSendable => w.get("billy-access-key-not-sendable"),
        AccessKind::KeyRefused { said: s } => {
            w.with("billy-access-key-refused", &[("said", said(s).into())])
        }
        AccessKind::NoAccess { said: s } => {
            w.with("billy-access-no-access", &[("said", said(s).into())])
        }
        AccessKind::OtherOrganization {
            id,
            name,
            configured,
        } => w.with(
            "billy-access-other-organization",
            &[
                ("id", id.as_str().into()),
                ("name", name.as_str().into()),
                ("configured", configured.as_str().into()),
            ],
        ),
        AccessKind::Other => a.to_string(),
    }
}

/// Why Twilio refused a call or an SMS, or could not be asked.
pub fn twilio_error(w: Words, e: &TwilioError) -> String {
    match e {
        TwilioError::Refused {
            status,
            code,
            message,
        } if *message.kind() == twilio::RequestKind::Said => w.with(
            "twilio-refused",
            &[
                ("refusal", refusal(w, *status, *code).into()),
                ("message", message.to_string().into()),
            ],
        ),
        TwilioError::Refused {
            status,
            code,
            message,
        } => w.with(
            "twilio-not-sent",
            &[
                ("refusal", refusal(w, *status, *code).into()),
                ("message", twilio_request(w, message.kind()).into()),
            ],
        ),
        TwilioError::Auth(why) => w.with("twilio-auth", &[("why", twilio_access(w, why).into())]),
        TwilioError::RateLimited { .. } => w.get("twilio-rate-limited"),
        TwilioError::Server { status, message } => w.with(
            "twilio-server",
            &[
                ("status", status.to_string().into()),
                ("message", message.as_str().into()),
            ],
        ),
        TwilioError::Network(why) => {
            w.with("twilio-network", &[("why", network_fault(w, why).into())])
        }
    }
}

/// What is wrong with a request we would not send to Twilio, and what to
/// fix.
fn twilio_request(w: Words, kind: &twilio::RequestKind) -> String {
    use twilio::RequestKind as K;
    match kind {
        K::BadBaseUrl { url, why } => w.with(
            "twilio-bad-base-url",
            &[
                ("url", url.as_str().into()),
                ("why", url_fault(w, why).into()),
            ],
        ),
        K::SenderNotE164 { number } => w.with(
            "twilio-sender-not-e164",
            &[("number", number.as_str().into())],
        ),
        K::ZeroTimeout => w.get("twilio-zero-timeout"),
        K::TwimlTooLong { chars, max } => w.with(
            "twilio-twiml-too-long",
            &[
                ("chars", chars.to_string().into()),
                ("max", max.to_string().into()),
            ],
        ),
        K::BodyTooLong { chars, max } => w.with(
            "twilio-body-too-long",
            &[
                ("chars", chars.to_string().into()),
                ("max", max.to_string().into()),
            ],
        ),
        K::Said => String::new(),
    }
}

/// Why Twilio refused the credentials, and what to fix; Twilio's code and
/// words in it. A refusal known only by its text as written.
pub fn twilio_access(w: Words, a: &twilio::AccessRefusal) -> String {
    let said = |code: &Option<u32>, said: &str| match code {
        Some(code) => w.with(
            "twilio-said-code",
            &[("code", code.to_string().into()), ("message", said.into())],
        ),
        None => said.to_string(),
    };
    match a.kind() {
        twilio::AccessKind::BadSid => w.get("twilio-access-bad-sid"),
        twilio::AccessKind::NoToken => w.get("twilio-access-no-token"),
        twilio::AccessKind::Refused { code, said: s } => {
            w.with("twilio-access-refused", &[("said", said(code, s).into())])
        }
        twilio::AccessKind::Forbidden { code, said: s } => {
            w.with("twilio-access-forbidden", &[("said", said(code, s).into())])
        }
        twilio::AccessKind::Other => a.to_string(),
    }
}

/// "400, code 21211", "not sent": how Twilio refused.
fn refusal(w: Words, status: u16, code: Option<u32>) -> String {
    match (status, code) {
        (0, Some(code)) => w.with(
            "twilio-refusal-not-sent-code",
            &[("code", code.to_string().into())],
        ),
        (0, None) => w.get("twilio-refusal-not-sent"),
        (status, Some(code)) => w.with(
            "twilio-refusal-code",
            &[
                ("status", status.to_string().into()),
                ("code", code.to_string().into()),
            ],
        ),
        (status, None) => status.to_string(),
    }
}

/// Why a delivery (an invoice, a payment check, a call or SMS) did not go
/// through: the provider's error worded, a text of our own as written.
pub fn provider_fault(w: Words, e: &ProviderFault) -> String {
    match e {
        ProviderFault::Billy(e) => billy_error(w, e),
        ProviderFault::Twilio(e) => twilio_error(w, e),
        ProviderFault::Text(text) => text.clone(),
    }
}

/// A stored Billy error (an invoice's error, in English) in words; a text
/// whose kind cannot be told back is shown as written.
pub fn logged_billy_error(w: Words, text: &str) -> String {
    logged(
        text,
        |t| ProviderFault::read_billy(t).map(|e| billy_error(w, &e)),
        w,
    )
}

/// A stored Twilio error (an alert's error, in English) in words; a text
/// whose kind cannot be told back is shown as written.
pub fn logged_twilio_error(w: Words, text: &str) -> String {
    logged(
        text,
        |t| ProviderFault::read_twilio(t).map(|e| twilio_error(w, &e)),
        w,
    )
}

/// `text` worded by `read`, keeping the " (trying again)" the invoice
/// outbox adds to an error it tries again.
fn logged(text: &str, read: impl Fn(&str) -> Option<String>, w: Words) -> String {
    if let Some(error) = text.strip_suffix(ProviderFault::TRYING_AGAIN)
        && let Some(worded) = read(error)
    {
        return w.with("provider-error-trying-again", &[("error", worded.into())]);
    }
    read(text).unwrap_or_else(|| text.to_string())
}
