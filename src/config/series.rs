//! `[series]` (how far ahead recurring bookings are made) and `[holidays]`
//! (the company's closing days beside the public holidays).

use chrono::NaiveDate;
use serde::Deserialize;

use super::error::{FieldError, FieldWhy, Unit};

use crate::domain::holidays::{Customary, Holidays};

/// Recurring bookings' settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesConfig {
    /// How many weeks ahead a series' visits exist as bookings.
    pub horizon_weeks: u32,
}

impl Default for SeriesConfig {
    fn default() -> Self {
        SeriesConfig { horizon_weeks: 12 }
    }
}

/// The `[series]` table as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct SeriesFile {
    horizon_weeks: Option<u32>,
}

/// The `[holidays]` table as written: `closed` dates, `extra` customary
/// days the company closes on (grundlovsdag, juleaftensdag,
/// nytårsaftensdag), and `not`: holidays the company works.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct HolidaysFile {
    closed: Vec<String>,
    extra: Vec<String>,
    not: Vec<String>,
}

impl SeriesConfig {
    pub(super) fn from_file(f: SeriesFile) -> Result<SeriesConfig, FieldError> {
        let mut s = SeriesConfig::default();
        if let Some(w) = f.horizon_weeks {
            if !(1..=104).contains(&w) {
                return Err((
                    "series.horizon_weeks",
                    FieldWhy::range(w, 1, 104, Unit::Weeks),
                ));
            }
            s.horizon_weeks = w;
        }
        Ok(s)
    }
}

fn dates(name: &'static str, list: &[String]) -> Result<Vec<NaiveDate>, FieldError> {
    list.iter()
        .map(|s| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| (name, FieldWhy::NotADate { text: s.clone() }))
        })
        .collect()
}

pub(super) fn holidays_from_file(f: HolidaysFile) -> Result<Holidays, FieldError> {
    let mut h = Holidays::default();
    h.closed.extend(dates("holidays.closed", &f.closed)?);
    h.open.extend(dates("holidays.not", &f.not)?);
    for name in &f.extra {
        h.customary.insert(Customary::parse(name).map_err(|_| {
            let why = FieldWhy::NotAClosingDay { text: name.clone() };
            ("holidays.extra", why)
        })?);
    }
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_company_s_closing_days_and_the_horizon_are_read() {
        let f: HolidaysFile = toml::from_str(
            "closed = [\"2026-12-31\"]\nextra = [\"juleaftensdag\"]\nnot = [\"2026-12-26\"]",
        )
        .expect("toml");
        let h = holidays_from_file(f).expect("holidays");
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert!(h.is_closed(d("2026-12-24")) && h.is_closed(d("2026-12-31")));
        assert!(!h.is_closed(d("2026-12-26")));
        let f: HolidaysFile = toml::from_str("closed = [\"24/12\"]").expect("toml");
        assert_eq!(
            holidays_from_file(f).map_err(|(n, _)| n),
            Err("holidays.closed")
        );
        let f: SeriesFile = toml::from_str("horizon_weeks = 0").expect("toml");
        assert_eq!(
            SeriesConfig::from_file(f).map_err(|(n, _)| n),
            Err("series.horizon_weeks")
        );
        let f: SeriesFile = toml::from_str("horizon_weeks = 26").expect("toml");
        assert_eq!(SeriesConfig::from_file(f).map(|s| s.horizon_weeks), Ok(26));
    }
}
