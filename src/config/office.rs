//! `[office]`: how often the back office (invoices, calls, SMS, payments)
//! looks for work. The defaults suit a console; tests make them short.

use std::time::Duration;

use serde::Deserialize;

use super::error::{FieldError, FieldWhy, Unit};

/// How often the back office does each of its rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeConfig {
    /// How often it looks for work (deliveries due, the rounds below).
    pub tick: Duration,
    /// How often automatic alerts are looked for.
    pub alert_every: Duration,
    /// How often Twilio is asked how recent calls and SMS ended.
    pub call_status_every: Duration,
    /// How often Billy's and Twilio's health is checked again.
    pub health_every: Duration,
}

impl Default for OfficeConfig {
    fn default() -> Self {
        OfficeConfig {
            tick: Duration::from_secs(1),
            alert_every: Duration::from_secs(10),
            call_status_every: Duration::from_secs(15),
            health_every: Duration::from_secs(300),
        }
    }
}

/// The `[office]` table as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct OfficeFile {
    tick_ms: Option<u64>,
    alert_every_sec: Option<u64>,
    call_status_every_sec: Option<u64>,
    health_every_sec: Option<u64>,
}

impl OfficeConfig {
    pub(super) fn from_file(f: OfficeFile) -> Result<OfficeConfig, FieldError> {
        let mut o = OfficeConfig::default();
        let secs = |name: &'static str, v: u64, max: u64| {
            if (1..=max).contains(&v) {
                Ok(Duration::from_secs(v))
            } else {
                Err((name, FieldWhy::range(v, 1, max, Unit::Seconds)))
            }
        };
        if let Some(ms) = f.tick_ms {
            if !(10..=60_000).contains(&ms) {
                return Err((
                    "office.tick_ms",
                    FieldWhy::range(ms, 10, 60_000, Unit::Milliseconds),
                ));
            }
            o.tick = Duration::from_millis(ms);
        }
        if let Some(v) = f.alert_every_sec {
            o.alert_every = secs("office.alert_every_sec", v, 3600)?;
        }
        if let Some(v) = f.call_status_every_sec {
            o.call_status_every = secs("office.call_status_every_sec", v, 3600)?;
        }
        if let Some(v) = f.health_every_sec {
            o.health_every = secs("office.health_every_sec", v, 86_400)?;
        }
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_console_s_and_a_file_shortens_them() {
        let o = OfficeConfig::from_file(OfficeFile::default()).expect("defaults");
        assert_eq!(o, OfficeConfig::default());
        assert_eq!(o.alert_every, Duration::from_secs(10));
        let f: OfficeFile = toml::from_str("tick_ms = 50\nalert_every_sec = 1").expect("toml");
        let o = OfficeConfig::from_file(f).expect("short");
        assert_eq!(o.tick, Duration::from_millis(50));
        assert_eq!(o.alert_every, Duration::from_secs(1));
        let f: OfficeFile = toml::from_str("health_every_sec = 0").expect("toml");
        assert_eq!(
            OfficeConfig::from_file(f).map_err(|(name, _)| name),
            Err("office.health_every_sec")
        );
    }
}
