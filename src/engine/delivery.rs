//! What every outbox delivery shares: holding an entry while it is worked
//! on, and when to try again after a provider said "not now".

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::alert::AlertKind;
use crate::domain::month::Month;
use crate::store::{AlertRecord, Channel, InvoiceRecord};

use crate::providers::billy::{BillyError, read_missing};
use crate::providers::network::{FaultKind, NetworkFault};
use crate::providers::retry::{RetryPolicy, backoff, jitter_seed};
use crate::providers::twilio::{self, TwilioError};

/// How long one delivery holds an entry. A delivery that dies (a crash, a
/// killed process) leaves it to come due again after this.
pub const CLAIM: chrono::Duration = chrono::Duration::seconds(120);

/// The backoff of outbox retries: 5 s, doubling, at most 10 minutes.
const POLICY: RetryPolicy = RetryPolicy {
    retries: u32::MAX,
    base: Duration::from_secs(5),
    max_wait: Duration::from_secs(600),
    timeout: Duration::from_secs(30),
};

/// When to try again after `attempts` failed tries, honouring a provider's
/// `Retry-After` (even a long one).
pub fn retry_at(now: DateTime<Utc>, attempts: i64, retry_after: Option<Duration>) -> DateTime<Utc> {
    let attempt = u32::try_from(attempts.max(0)).unwrap_or(u32::MAX);
    let wait = backoff(&POLICY, attempt, retry_after, jitter_seed())
        .or(retry_after)
        .unwrap_or(POLICY.max_wait)
        // Never sooner than a second: a tight loop helps nobody.
        .max(Duration::from_secs(1));
    now + chrono::Duration::from_std(wait).unwrap_or(CLAIM)
}

/// One thing a round of deliveries did, or could not do. Values only:
/// the console and the CLI word them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// An invoice moved on (made, approved, e-mailed): where it stands now.
    Invoice {
        record: Box<InvoiceRecord>,
        customer: String,
        today: NaiveDate,
    },
    /// Billy did not take the invoice of `booking`: the error.
    InvoiceFailed { booking: i64, error: ProviderFault },
    /// An invoice was voided (or credited in full) in Billy.
    InvoiceVoided {
        booking: i64,
        number: String,
        credited: bool,
    },
    /// Billy did not take the monthly invoice of `customer` for `month`.
    MonthlyInvoiceFailed {
        customer: String,
        month: Month,
        error: ProviderFault,
    },
    /// A monthly invoice was voided (or credited in full) in Billy.
    MonthlyInvoiceVoided {
        customer: String,
        month: Month,
        number: String,
        credited: bool,
    },
    /// An invoice was paid.
    InvoicePaid { number: String, customer: String },
    /// Payments could not be checked (`invoice`: that one's).
    PaymentCheckFailed {
        invoice: Option<String>,
        error: ProviderFault,
    },
    /// A call or SMS was placed, or ended (answered, not answered,
    /// delivered…); `found` when an earlier attempt had placed it.
    Alert {
        record: Box<AlertRecord>,
        found: bool,
    },
    /// An alert waits until Twilio confirms an earlier one to the same number.
    AlertWaiting {
        kind: AlertKind,
        channel: Channel,
        to: String,
    },
    /// Twilio did not take an alert: the error; `for_good` when it is
    /// not tried again.
    AlertFailed {
        kind: AlertKind,
        to: String,
        error: ProviderFault,
        for_good: bool,
    },
    /// How alerts ended could not be asked (`sid`: that one's).
    AlertStatusFailed {
        sid: Option<String>,
        error: ProviderFault,
    },
}

/// Why Billy or Twilio did not take a request (a delivery, a check): the
/// provider's typed error (worded where it is shown), or a text of our own. `Display` is the English text
/// the outbox and the records keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderFault {
    Billy(BillyError),
    Twilio(TwilioError),
    /// Not the provider's: a local failure, as written.
    Text(String),
}

impl ProviderFault {
    /// The provider's error inside `e`, or `e`'s text (its causes joined).
    pub fn of(e: &anyhow::Error) -> ProviderFault {
        if let Some(b) = e.downcast_ref::<BillyError>() {
            return ProviderFault::Billy(b.clone());
        }
        if let Some(t) = e.downcast_ref::<TwilioError>() {
            return ProviderFault::Twilio(t.clone());
        }
        ProviderFault::Text(format!("{e:#}"))
    }

    /// What the invoice outbox adds to an error it tries again.
    pub const TRYING_AGAIN: &'static str = " (trying again)";

    /// A Billy error back from its English text (as stored), when its kind
    /// shows (a network fault's by its own words).
    pub fn read_billy(text: &str) -> Option<BillyError> {
        if let Some(why) = text.strip_prefix("Billy refused access: ") {
            return Some(BillyError::Auth(why.into()));
        }
        if let Some(what) = text.strip_prefix("not found in Billy: ") {
            return Some(BillyError::NotFound(read_missing(what)));
        }
        if let Some(why) = text.strip_prefix("Billy refused the request: ") {
            return Some(BillyError::Invalid(why.into()));
        }
        if text == "Billy is rate limiting us; trying again later" {
            return Some(BillyError::RateLimited { retry_after: None });
        }
        if let Some((status, message)) = text
            .strip_prefix("Billy answered ")
            .and_then(|rest| rest.split_once(": "))
            && let Ok(status) = status.parse()
        {
            return Some(BillyError::Server {
                status,
                message: message.to_string(),
            });
        }
        let fault = NetworkFault::read(text);
        (*fault.kind() != FaultKind::Said).then_some(BillyError::Network(fault))
    }

    /// A Twilio error back from its English text (as stored), when its
    /// kind shows.
    pub fn read_twilio(text: &str) -> Option<TwilioError> {
        if let Some(why) = text.strip_prefix("Twilio refused the credentials: ") {
            return Some(TwilioError::Auth(why.into()));
        }
        if let Some(why) = text.strip_prefix("cannot reach Twilio: ") {
            return Some(TwilioError::Network(why.into()));
        }
        if text == "Twilio is rate limiting us (too many requests at once); trying again later" {
            return Some(TwilioError::RateLimited { retry_after: None });
        }
        if let Some(rest) = text.strip_prefix("Twilio refused the request (") {
            let (refusal, message) = rest.split_once("): ")?;
            let (status, code) = match refusal.split_once(", code ") {
                Some((status, code)) => (status, Some(code.parse().ok()?)),
                None => (refusal, None),
            };
            let status = if status == "not sent" {
                0
            } else {
                status.parse().ok()?
            };
            return Some(TwilioError::Refused {
                status,
                code,
                message: twilio::read_request(message),
            });
        }
        let (status, message) = text.strip_prefix("Twilio answered ")?.split_once(": ")?;
        Some(TwilioError::Server {
            status: status.parse().ok()?,
            message: message.to_string(),
        })
    }
}

impl std::fmt::Display for ProviderFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProviderFault::Billy(e) => e.fmt(f),
            ProviderFault::Twilio(e) => e.fmt(f),
            ProviderFault::Text(text) => f.write_str(text),
        }
    }
}

impl From<BillyError> for ProviderFault {
    fn from(e: BillyError) -> ProviderFault {
        ProviderFault::Billy(e)
    }
}

impl From<TwilioError> for ProviderFault {
    fn from(e: TwilioError) -> ProviderFault {
        ProviderFault::Twilio(e)
    }
}

impl From<&str> for ProviderFault {
    fn from(text: &str) -> ProviderFault {
        ProviderFault::Text(text.to_string())
    }
}

impl From<String> for ProviderFault {
    fn from(text: String) -> ProviderFault {
        ProviderFault::Text(text)
    }
}

/// What one round of deliveries did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivered {
    /// What went through.
    pub done: Vec<Delivery>,
    /// Will be tried again: what went wrong.
    pub retrying: Vec<Delivery>,
    /// Refused for good (or reached no one): what the dispatcher must fix.
    pub refused: Vec<Delivery>,
}

impl Delivered {
    pub fn is_empty(&self) -> bool {
        self.done.is_empty() && self.retrying.is_empty() && self.refused.is_empty()
    }

    pub fn extend(&mut self, other: Delivered) {
        self.done.extend(other.done);
        self.retrying.extend(other.retrying);
        self.refused.extend(other.refused);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn retries_back_off_and_honour_retry_after() {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 23, 7, 0, 0)
            .single()
            .expect("t");
        for attempts in 0..40 {
            let at = retry_at(now, attempts, None);
            assert!(at >= now + chrono::Duration::seconds(1), "{attempts}");
            assert!(at <= now + chrono::Duration::seconds(600), "{attempts}");
        }
        let at = retry_at(now, 0, Some(Duration::from_secs(30)));
        assert!(at >= now + chrono::Duration::seconds(30));
        let at = retry_at(now, 0, Some(Duration::from_secs(3600)));
        assert_eq!(at, now + chrono::Duration::seconds(3600));
    }
}
