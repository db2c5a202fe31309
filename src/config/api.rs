//! `[api]`: the HTTP API's limits (`renos serve --http`): how many requests
//! a token may make, and how large a request may be.

use serde::Deserialize;

use super::error::{FieldError, FieldWhy, Unit};

/// The API's limits as checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiConfig {
    /// Requests a token may make per minute, on average.
    pub rate_per_minute: u32,
    /// Requests a token may make at once before the rate holds it back.
    pub burst: u32,
    /// The largest request body, in KiB.
    pub body_limit_kib: u32,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            rate_per_minute: 600,
            burst: 60,
            body_limit_kib: 64,
        }
    }
}

/// The `[api]` table as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct ApiFile {
    rate_per_minute: Option<u32>,
    burst: Option<u32>,
    body_limit_kib: Option<u32>,
}

impl ApiConfig {
    /// Checks the table: (key, message) for the first bad value.
    pub(super) fn from_file(f: ApiFile) -> Result<ApiConfig, FieldError> {
        let mut a = ApiConfig::default();
        let range = |key: &'static str, v: u32, lo: u32, hi: u32, unit: Unit| {
            if (lo..=hi).contains(&v) {
                Ok(v)
            } else {
                Err((key, FieldWhy::range(v, lo.into(), hi.into(), unit)))
            }
        };
        if let Some(v) = f.rate_per_minute {
            a.rate_per_minute = range("api.rate_per_minute", v, 1, 100_000, Unit::Requests)?;
        }
        if let Some(v) = f.burst {
            a.burst = range("api.burst", v, 1, 10_000, Unit::Requests)?;
        }
        if let Some(v) = f.body_limit_kib {
            a.body_limit_kib = range("api.body_limit_kib", v, 1, 10_240, Unit::KiB)?;
        }
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_ranges() {
        let a = ApiConfig::from_file(toml::from_str("burst = 5").unwrap()).unwrap();
        assert_eq!(a.burst, 5);
        assert_eq!(a.rate_per_minute, ApiConfig::default().rate_per_minute);
        let e = ApiConfig::from_file(toml::from_str("rate_per_minute = 0").unwrap()).unwrap_err();
        assert_eq!(e.0, "api.rate_per_minute");
        assert!(toml::from_str::<ApiFile>("rate = 1").is_err());
    }
}
