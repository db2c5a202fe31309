//! `[slots]`: the slot finder's grid, its notice limits and the travel gap
//! between two areas (the gap within one is `[conflicts] travel_gap_min`).

use serde::Deserialize;

use super::error::{FieldError, FieldWhy, RangeNote, Unit};

use crate::domain::availability::TravelGap;
use crate::domain::slots::{DEFAULT_GRID_MIN, Notice, SlotRules, check_grid};

/// The finder's settings as checked; see [`SlotsConfig::rules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotsConfig {
    /// Minutes between slot starts.
    pub grid_min: u32,
    /// A slot starts at least this many minutes after now.
    pub min_notice_min: u32,
    /// And at most this many days after now.
    pub max_notice_days: u32,
    /// Minutes kept free between jobs in two areas (or where a place is
    /// not known); never less than the gap within one.
    pub travel_gap_between_areas_min: u32,
}

impl Default for SlotsConfig {
    fn default() -> Self {
        let notice = Notice::default();
        SlotsConfig {
            grid_min: DEFAULT_GRID_MIN,
            min_notice_min: notice.min_minutes,
            max_notice_days: notice.max_days,
            travel_gap_between_areas_min: TravelGap::default().between_min,
        }
    }
}

/// The `[slots]` table as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct SlotsFile {
    grid_min: Option<u32>,
    min_notice_min: Option<u32>,
    max_notice_days: Option<u32>,
    travel_gap_between_areas_min: Option<u32>,
}

/// The most minimum notice: a week.
const MAX_MIN_NOTICE_MIN: u32 = 7 * 24 * 60;
/// The furthest ahead: two years.
const MAX_NOTICE_DAYS: u32 = 730;
/// The largest travel gap, as `[conflicts] travel_gap_min`'s.
const MAX_GAP_MIN: u32 = 240;

impl SlotsConfig {
    /// Checks the table; `within_min` is `[conflicts] travel_gap_min`.
    pub(super) fn from_file(f: SlotsFile, within_min: u32) -> Result<SlotsConfig, FieldError> {
        let mut s = SlotsConfig::default();
        if let Some(g) = f.grid_min {
            s.grid_min =
                check_grid(g).map_err(|_| ("slots.grid_min", FieldWhy::NotAGrid { minutes: g }))?;
        }
        if let Some(m) = f.min_notice_min {
            if m > MAX_MIN_NOTICE_MIN {
                return Err((
                    "slots.min_notice_min",
                    FieldWhy::range_noted(
                        m,
                        0,
                        MAX_MIN_NOTICE_MIN.into(),
                        Unit::Minutes,
                        RangeNote::AWeek,
                    ),
                ));
            }
            s.min_notice_min = m;
        }
        if let Some(d) = f.max_notice_days {
            if !(1..=MAX_NOTICE_DAYS).contains(&d) {
                return Err((
                    "slots.max_notice_days",
                    FieldWhy::range(d, 1, MAX_NOTICE_DAYS.into(), Unit::Days),
                ));
            }
            s.max_notice_days = d;
        }
        if u64::from(s.max_notice_days) * 24 * 60 <= u64::from(s.min_notice_min) {
            return Err((
                "slots.max_notice_days",
                FieldWhy::NoticeLeavesNothing {
                    days: s.max_notice_days,
                    min_notice_min: s.min_notice_min,
                },
            ));
        }
        if let Some(g) = f.travel_gap_between_areas_min {
            if !(within_min..=MAX_GAP_MIN).contains(&g) {
                return Err((
                    "slots.travel_gap_between_areas_min",
                    FieldWhy::range_noted(
                        g,
                        within_min.into(),
                        MAX_GAP_MIN.into(),
                        Unit::Minutes,
                        RangeNote::AreaGap,
                    ),
                ));
            }
            s.travel_gap_between_areas_min = g;
        }
        Ok(s)
    }

    /// The finder's rules, with `within_min` (`[conflicts] travel_gap_min`)
    /// as the gap within an area; the gap between two is never less.
    pub fn rules(&self, within_min: u32) -> SlotRules {
        SlotRules {
            grid_min: self.grid_min,
            notice: Notice {
                min_minutes: self.min_notice_min,
                max_days: self.max_notice_days,
            },
            gap: TravelGap {
                within_min,
                between_min: self.travel_gap_between_areas_min.max(within_min),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Settings;

    fn parse(t: &str) -> anyhow::Result<Settings> {
        Settings::parse(t, Path::new("config.toml"))
    }

    #[test]
    fn without_the_table_the_finder_keeps_its_own_rules() {
        let s = parse("").expect("defaults");
        assert_eq!(s.slots, SlotsConfig::default());
        assert_eq!(s.slot_rules(), SlotRules::default());
    }

    #[test]
    fn the_table_is_read() {
        let s = parse(
            "[conflicts]\ntravel_gap_min = 20\n[slots]\ngrid_min = 30\nmin_notice_min = 60\nmax_notice_days = 45\ntravel_gap_between_areas_min = 40\n",
        )
        .expect("parse");
        let r = s.slot_rules();
        assert_eq!(r.grid_min, 30);
        assert_eq!(
            r.notice,
            Notice {
                min_minutes: 60,
                max_days: 45
            }
        );
        assert_eq!(
            r.gap,
            TravelGap {
                within_min: 20,
                between_min: 40
            }
        );
        // A larger gap within an area than the default between two lifts it.
        let s = parse("[conflicts]\ntravel_gap_min = 45\n").expect("parse");
        assert_eq!(s.slot_rules().gap.between_min, 45);
    }

    #[test]
    fn a_bad_value_names_the_file_the_line_and_the_key() {
        for (text, key, line) in [
            ("[slots]\ngrid_min = 7\n", "slots.grid_min", 2),
            ("[slots]\ngrid_min = 0\n", "slots.grid_min", 2),
            (
                "[slots]\n\nmin_notice_min = 20000\n",
                "slots.min_notice_min",
                3,
            ),
            ("[slots]\nmax_notice_days = 0\n", "slots.max_notice_days", 2),
            (
                "[slots]\nmin_notice_min = 2880\nmax_notice_days = 2\n",
                "slots.max_notice_days",
                3,
            ),
            (
                "[conflicts]\ntravel_gap_min = 20\n[slots]\ntravel_gap_between_areas_min = 10\n",
                "slots.travel_gap_between_areas_min",
                4,
            ),
            (
                "[slots]\ntravel_gap_between_areas_min = 300\n",
                "slots.travel_gap_between_areas_min",
                2,
            ),
        ] {
            let e = parse(text).unwrap_err().to_string();
            assert!(
                e.contains("config.toml") && e.contains(&format!("line {line}")) && e.contains(key),
                "{text:?}: {e}"
            );
        }
        // Not a number, or a key it does not know: the parser names the line.
        for text in [
            "[slots]\ngrid_min = \"x\"\n",
            "[slots]\ngrid_min = -15\n",
            "[slots]\ngrid = 15\n",
        ] {
            let e = parse(text).unwrap_err().to_string();
            assert!(
                e.contains("config.toml") && e.contains("line 2"),
                "{text:?}: {e}"
            );
        }
    }
}
