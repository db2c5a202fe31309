//! The `[billy]`, `[twilio]`, `[billing]` and `[alerts]` sections, and the
//! environment variables of the existing RenOS services, which override the
//! file (`BILLY_API_KEY`, `BILLY_ORGANIZATION_ID`, `TWILIO_ACCOUNT_SID`,
//! `TWILIO_AUTH_TOKEN`, `TWILIO_PHONE_NUMBER`).

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::NaiveTime;
use serde::Deserialize;

use super::error::{FieldError, FieldWhy, Unit};

use crate::domain::contact::{normalize_phone, parse_money_ore};
use crate::domain::invoice::{BillingRules, ROUNDING_UNITS};
use crate::domain::time::parse_hm;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct BillyFile {
    api_key: Option<String>,
    organization_id: Option<String>,
    base_url: Option<String>,
    product: Option<String>,
    auto_approve: Option<bool>,
    email: Option<bool>,
    poll_min: Option<u32>,
    payment_terms_days: Option<u32>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct BillingFile {
    round_min: Option<u32>,
    hourly_rate: Option<Money>,
    /// Service name → hourly rate.
    rates: BTreeMap<String, Money>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct TwilioFile {
    account_sid: Option<String>,
    auth_token: Option<String>,
    phone_number: Option<String>,
    base_url: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct AlertsFile {
    auto: Option<bool>,
    on_call: Option<String>,
    double_booking_hours: Option<u32>,
    sender: Option<String>,
    remind_at: Option<String>,
}

/// Kroner as a number (`349`, `349.5`) or text (`"349,50 kr"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Money {
    Int(i64),
    Float(f64),
    Text(String),
}

impl Money {
    fn ore(&self) -> Result<i64, String> {
        let ore = match self {
            Money::Int(kr) => kr
                .checked_mul(100)
                .ok_or_else(|| format!("{kr} kr is too large"))?,
            Money::Float(kr) => crate::domain::money::ore_from_kroner(*kr)
                .ok_or_else(|| format!("{kr} is not an amount"))?,
            Money::Text(t) => parse_money_ore(t).map_err(|e| e.to_string())?,
        };
        if ore <= 0 {
            return Err("a rate must be more than 0 kr".into());
        }
        Ok(ore)
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct BillyConfig {
    /// `None`: invoicing is not set up.
    pub api_key: Option<String>,
    pub organization_id: Option<String>,
    pub base_url: String,
    /// The Billy product invoice lines use when no product is named like
    /// the service; it carries the VAT.
    pub product: String,
    /// Approve at once instead of leaving a draft for the dispatcher.
    pub auto_approve: bool,
    /// E-mail approved invoices to the customer.
    pub email: bool,
    /// How often unpaid invoices are checked.
    pub poll: Duration,
}

impl std::fmt::Debug for BillyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BillyConfig")
            .field("api_key", &self.api_key.as_ref().map(|_| "<hidden>"))
            .field("organization_id", &self.organization_id)
            .field("base_url", &self.base_url)
            .field("product", &self.product)
            .field("auto_approve", &self.auto_approve)
            .field("email", &self.email)
            .field("poll", &self.poll)
            .finish()
    }
}

impl Default for BillyConfig {
    fn default() -> Self {
        BillyConfig {
            api_key: None,
            organization_id: None,
            base_url: "https://api.billysbilling.com/v2/".into(),
            product: "Rengøring".into(),
            auto_approve: false,
            email: false,
            poll: Duration::from_secs(15 * 60),
        }
    }
}

impl BillyConfig {
    /// Both credentials are there.
    pub fn is_set_up(&self) -> bool {
        self.api_key.is_some() && self.organization_id.is_some()
    }

    /// What is missing, in the words of the environment variables.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.api_key.is_none() {
            out.push("BILLY_API_KEY");
        }
        if self.organization_id.is_none() {
            out.push("BILLY_ORGANIZATION_ID");
        }
        out
    }
}

#[derive(Clone, PartialEq, Eq, Default)]
pub struct TwilioConfig {
    pub account_sid: Option<String>,
    pub auth_token: Option<String>,
    /// The number calls and SMS come from (E.164).
    pub phone_number: Option<String>,
    pub base_url: String,
}

impl std::fmt::Debug for TwilioConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwilioConfig")
            .field("account_sid", &self.account_sid)
            .field("auth_token", &self.auth_token.as_ref().map(|_| "<hidden>"))
            .field("phone_number", &self.phone_number)
            .field("base_url", &self.base_url)
            .finish()
    }
}

impl TwilioConfig {
    pub(super) fn from_file_default() -> TwilioConfig {
        TwilioConfig {
            base_url: "https://api.twilio.com/".into(),
            ..TwilioConfig::default()
        }
    }

    pub fn is_set_up(&self) -> bool {
        self.missing().is_empty()
    }

    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.account_sid.is_none() {
            out.push("TWILIO_ACCOUNT_SID");
        }
        if self.auth_token.is_none() {
            out.push("TWILIO_AUTH_TOKEN");
        }
        if self.phone_number.is_none() {
            out.push("TWILIO_PHONE_NUMBER");
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertsConfig {
    /// Call on overtime and new double bookings without being asked.
    pub auto: bool,
    /// Who the calls go to (E.164); without it a call goes to the cleaner.
    pub on_call: Option<String>,
    /// Double bookings starting within this many hours call for an alert.
    pub double_booking_hours: u32,
    /// The name SMS reminders are signed with.
    pub sender: String,
    /// Send tomorrow's SMS reminders by themselves each day from this local
    /// time (the console's or `renos serve`'s back office); `None`: only
    /// when asked (`M`, `renos remind`).
    pub remind_at: Option<NaiveTime>,
}

impl Default for AlertsConfig {
    fn default() -> Self {
        AlertsConfig {
            auto: false,
            on_call: None,
            double_booking_hours: 24,
            sender: "RenOS".into(),
            remind_at: None,
        }
    }
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn phone(name: &'static str, raw: String) -> Result<String, FieldError> {
    normalize_phone(&raw).map_err(|e| (name, FieldWhy::Phone(e)))
}

pub(super) fn billy_from_file(f: BillyFile) -> Result<(BillyConfig, u32), FieldError> {
    let mut b = BillyConfig {
        api_key: nonempty(f.api_key),
        organization_id: nonempty(f.organization_id),
        ..BillyConfig::default()
    };
    if let Some(u) = nonempty(f.base_url) {
        b.base_url = u;
    }
    if let Some(p) = nonempty(f.product) {
        b.product = p;
    }
    b.auto_approve = f.auto_approve.unwrap_or(false);
    b.email = f.email.unwrap_or(false);
    if let Some(m) = f.poll_min {
        if !(1..=1440).contains(&m) {
            return Err(("billy.poll_min", FieldWhy::range(m, 1, 1440, Unit::Minutes)));
        }
        b.poll = Duration::from_secs(u64::from(m) * 60);
    }
    let terms = f.payment_terms_days.unwrap_or(8);
    if terms > 365 {
        return Err((
            "billy.payment_terms_days",
            FieldWhy::range(terms, 0, 365, Unit::Days),
        ));
    }
    Ok((b, terms))
}

pub(super) fn billing_from_file(f: BillingFile, terms: u32) -> Result<BillingRules, FieldError> {
    let mut r = BillingRules {
        payment_terms_days: terms,
        ..BillingRules::default()
    };
    if let Some(m) = f.round_min {
        if !ROUNDING_UNITS.contains(&m) {
            return Err((
                "billing.round_min",
                FieldWhy::NotABillingUnit { minutes: m },
            ));
        }
        r.round_min = m;
    }
    if let Some(m) = f.hourly_rate {
        r.default_rate_ore = m.ore().map_err(|detail| {
            let why = FieldWhy::Rate {
                service: None,
                detail,
            };
            ("billing.hourly_rate", why)
        })?;
    }
    for (service, m) in f.rates {
        let ore = m.ore().map_err(|detail| {
            let service = Some(service.clone());
            ("billing.rates", FieldWhy::Rate { service, detail })
        })?;
        r.rates.push((service, ore));
    }
    Ok(r)
}

pub(super) fn twilio_from_file(f: TwilioFile) -> Result<TwilioConfig, FieldError> {
    let mut t = TwilioConfig::from_file_default();
    t.account_sid = nonempty(f.account_sid);
    t.auth_token = nonempty(f.auth_token);
    t.phone_number = nonempty(f.phone_number)
        .map(|p| phone("twilio.phone_number", p))
        .transpose()?;
    if let Some(u) = nonempty(f.base_url) {
        t.base_url = u;
    }
    Ok(t)
}

pub(super) fn alerts_from_file(f: AlertsFile) -> Result<AlertsConfig, FieldError> {
    let mut a = AlertsConfig::default();
    if let Some(v) = f.auto {
        a.auto = v;
    }
    a.on_call = nonempty(f.on_call)
        .map(|p| phone("alerts.on_call", p))
        .transpose()?;
    if let Some(h) = f.double_booking_hours {
        if !(1..=168).contains(&h) {
            return Err((
                "alerts.double_booking_hours",
                FieldWhy::range(h, 1, 168, Unit::Hours),
            ));
        }
        a.double_booking_hours = h;
    }
    if let Some(s) = nonempty(f.sender) {
        a.sender = s;
    }
    a.remind_at = nonempty(f.remind_at)
        .map(|t| {
            parse_hm(&t).map_err(|_| ("alerts.remind_at", FieldWhy::NotATime { text: t.clone() }))
        })
        .transpose()?;
    Ok(a)
}

impl BillyConfig {
    pub fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) {
        let var = |k: &str| nonempty(env(k));
        if let Some(v) = var("BILLY_API_KEY") {
            self.api_key = Some(v);
        }
        if let Some(v) = var("BILLY_ORGANIZATION_ID") {
            self.organization_id = Some(v);
        }
        if let Some(v) = var("RENOS_BILLY_BASE_URL") {
            self.base_url = v;
        }
    }
}

impl TwilioConfig {
    /// A `TWILIO_PHONE_NUMBER` that is not a phone number is kept as given;
    /// `renos doctor` and the first call say what is wrong with it.
    pub fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) {
        let var = |k: &str| nonempty(env(k));
        if let Some(v) = var("TWILIO_ACCOUNT_SID") {
            self.account_sid = Some(v);
        }
        if let Some(v) = var("TWILIO_AUTH_TOKEN") {
            self.auth_token = Some(v);
        }
        if let Some(v) = var("TWILIO_PHONE_NUMBER") {
            self.phone_number = Some(normalize_phone(&v).unwrap_or(v));
        }
        if let Some(v) = var("RENOS_TWILIO_BASE_URL") {
            self.base_url = v;
        }
    }
}

impl AlertsConfig {
    pub fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) {
        if let Some(v) = nonempty(env("RENOS_ON_CALL")) {
            self.on_call = Some(normalize_phone(&v).unwrap_or(v));
        }
        if let Some(v) = nonempty(env("RENOS_AUTO_ALERTS")) {
            self.auto = matches!(v.as_str(), "1" | "true" | "yes" | "on");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;
    use std::path::Path;

    fn parse(t: &str) -> anyhow::Result<Settings> {
        Settings::parse(t, Path::new("config.toml"))
    }

    #[test]
    fn provider_sections() {
        let s = parse(
            "[billy]\napi_key = \"k\"\norganization_id = \"o\"\nauto_approve = true\npoll_min = 5\npayment_terms_days = 14\n\
             [billing]\nround_min = 30\nhourly_rate = \"349,50\"\n[billing.rates]\n\"Flytterengøring\" = 449\n\"Vinduer\" = 399.5\n\
             [twilio]\naccount_sid = \"AC1\"\nauth_token = \"t\"\nphone_number = \"70 00 00 00\"\n\
             [alerts]\nauto = true\non_call = \"12 34 56 78\"\n",
        )
        .expect("parse");
        assert!(s.billy.is_set_up() && s.billy.auto_approve);
        assert_eq!(s.billy.poll.as_secs(), 300);
        assert_eq!(s.billing.payment_terms_days, 14);
        assert_eq!(s.billing.round_min, 30);
        assert_eq!(s.billing.default_rate_ore, 34_950);
        assert_eq!(s.billing.rate_of("flytterengøring"), 44_900);
        assert_eq!(s.billing.rate_of("Vinduer"), 39_950);
        assert_eq!(s.twilio.phone_number.as_deref(), Some("+4570000000"));
        assert_eq!(s.alerts.on_call.as_deref(), Some("+4512345678"));
        assert!(s.alerts.auto);
        let shown = format!("{:?} {:?}", s.billy, s.twilio);
        assert!(
            !shown.contains("\"k\"") && !shown.contains("\"t\""),
            "{shown}"
        );
    }

    #[test]
    fn defaults_and_environment() {
        let mut s = parse("").expect("parse");
        assert!(!s.billy.is_set_up() && !s.twilio.is_set_up());
        assert_eq!(s.billing.default_rate_ore, 34_900);
        assert_eq!(s.billing.round_min, 15);
        assert_eq!(s.billy.poll.as_secs(), 900);
        let env = |k: &str| match k {
            "BILLY_API_KEY" => Some("key".to_string()),
            "BILLY_ORGANIZATION_ID" => Some("org".to_string()),
            "TWILIO_ACCOUNT_SID" => Some("AC2".to_string()),
            "TWILIO_AUTH_TOKEN" => Some("tok".to_string()),
            "TWILIO_PHONE_NUMBER" => Some("+4570000000".to_string()),
            "RENOS_TWILIO_BASE_URL" => Some("http://127.0.0.1:9/twilio/".to_string()),
            _ => None,
        };
        s.apply_env(&env);
        assert!(s.billy.is_set_up() && s.twilio.is_set_up());
        assert_eq!(s.twilio.base_url, "http://127.0.0.1:9/twilio/");
    }

    #[test]
    fn bad_values_name_the_field() {
        for (text, field) in [
            ("[billing]\nround_min = 20\n", "billing.round_min"),
            ("[billing]\nhourly_rate = \"abc\"\n", "billing.hourly_rate"),
            ("[billing.rates]\n\"X\" = 0\n", "billing.rates"),
            ("[billy]\npoll_min = 0\n", "billy.poll_min"),
            ("[alerts]\non_call = \"12\"\n", "alerts.on_call"),
            ("[alerts]\nremind_at = \"5pm\"\n", "alerts.remind_at"),
            ("[twilio]\nphone_number = \"abc\"\n", "twilio.phone_number"),
        ] {
            let e = parse(text).expect_err(text).to_string();
            assert!(
                e.contains(field) && e.contains("config.toml"),
                "{text}: {e}"
            );
        }
    }
}
