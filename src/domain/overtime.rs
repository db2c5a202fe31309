//! How far a running job is over its estimate, and late starts.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::booking::{Booking, BookingStatus};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OvertimeLevel {
    /// Below the warning share of the estimate.
    Ok,
    /// Between the warning share and 100 % of the estimate.
    Warning,
    /// Over the estimate.
    Overtime,
    /// Over by at least max(alert minutes, alert share of the estimate).
    Alert,
}

impl OvertimeLevel {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OvertimeRules {
    /// Warning from this share of the estimate (percent).
    pub warning_pct: u32,
    /// Alert when over by at least this many minutes…
    pub alert_min_minutes: u32,
    /// …and at least this share of the estimate (percent).
    pub alert_pct: u32,
}

impl Default for OvertimeRules {
    fn default() -> Self {
        OvertimeRules {
            warning_pct: 90,
            alert_min_minutes: 30,
            alert_pct: 20,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Overtime {
    pub level: OvertimeLevel,
    pub elapsed_min: i64,
    pub estimate_min: i64,
    /// Minutes over the estimate; 0 when not over.
    pub over_min: i64,
}

impl Overtime {
    /// Elapsed as a share of the estimate, for meters (1.0 = on estimate).
    pub fn ratio(&self) -> f64 {
        if self.estimate_min <= 0 {
            return if self.elapsed_min > 0 {
                f64::INFINITY
            } else {
                0.0
            };
        }
        self.elapsed_min as f64 / self.estimate_min as f64
    }
}

/// Classifies `elapsed` minutes against an `estimate`, both in minutes.
pub fn classify(elapsed_min: i64, estimate_min: i64, rules: &OvertimeRules) -> Overtime {
    let elapsed = elapsed_min.max(0);
    let estimate = estimate_min.max(0);
    let over = (elapsed - estimate).max(0);
    // Integer arithmetic: `elapsed * 100 < warning_pct * estimate` means below the warning share.
    let level = if elapsed * 100 < i64::from(rules.warning_pct) * estimate {
        OvertimeLevel::Ok
    } else if elapsed <= estimate {
        OvertimeLevel::Warning
    } else {
        let share = (estimate * i64::from(rules.alert_pct) + 99) / 100;
        let threshold = i64::from(rules.alert_min_minutes).max(share);
        if over >= threshold {
            OvertimeLevel::Alert
        } else {
            OvertimeLevel::Overtime
        }
    };
    Overtime {
        level,
        elapsed_min: elapsed,
        estimate_min: estimate,
        over_min: over,
    }
}

/// The meter of a running job at `now`; `None` when the job is not running.
pub fn overtime(b: &Booking, now: DateTime<Utc>, rules: &OvertimeRules) -> Option<Overtime> {
    if b.status != BookingStatus::InProgress {
        return None;
    }
    let started = b.started_at?;
    Some(classify(
        (now - started).num_minutes(),
        i64::from(b.estimate_min),
        rules,
    ))
}

/// Minutes a scheduled job is past its planned start without being started.
pub fn late_start(b: &Booking, now: DateTime<Utc>) -> Option<i64> {
    (b.status == BookingStatus::Scheduled && b.start < now).then(|| (now - b.start).num_minutes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn level(elapsed: i64, estimate: i64) -> OvertimeLevel {
        classify(elapsed, estimate, &OvertimeRules::default()).level
    }

    #[test]
    fn the_business_example_is_an_alert_120_minutes_over() {
        let o = classify(300, 180, &OvertimeRules::default());
        assert_eq!(o.level, OvertimeLevel::Alert);
        assert_eq!(o.over_min, 120);
    }

    #[test]
    fn levels_at_their_edges() {
        // 90 % of 180 is 162.
        assert_eq!(level(161, 180), OvertimeLevel::Ok);
        assert_eq!(level(162, 180), OvertimeLevel::Warning);
        assert_eq!(level(180, 180), OvertimeLevel::Warning);
        assert_eq!(level(181, 180), OvertimeLevel::Overtime);
        // 20 % of 180 is 36 > 30, so the alert starts 36 minutes over.
        assert_eq!(level(215, 180), OvertimeLevel::Overtime);
        assert_eq!(level(216, 180), OvertimeLevel::Alert);
        // For a short job the 30-minute floor rules: 20 % of 60 is 12.
        assert_eq!(level(89, 60), OvertimeLevel::Overtime);
        assert_eq!(level(90, 60), OvertimeLevel::Alert);
    }

    #[test]
    fn thresholds_are_configurable() {
        let rules = OvertimeRules {
            warning_pct: 50,
            alert_min_minutes: 10,
            alert_pct: 0,
        };
        assert_eq!(classify(50, 100, &rules).level, OvertimeLevel::Warning);
        assert_eq!(classify(110, 100, &rules).level, OvertimeLevel::Alert);
    }

    #[test]
    fn zero_estimate_is_over_at_once() {
        assert_eq!(level(0, 0), OvertimeLevel::Warning);
        assert_eq!(level(45, 0), OvertimeLevel::Alert);
    }

    proptest! {
        #[test]
        fn level_never_falls_as_time_passes(estimate in 0i64..600, a in 0i64..1200, b in 0i64..1200) {
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(level(lo, estimate) <= level(hi, estimate));
        }

        #[test]
        fn over_minutes_match_the_level(estimate in 0i64..600, elapsed in 0i64..1200) {
            let o = classify(elapsed, estimate, &OvertimeRules::default());
            prop_assert_eq!(o.over_min, (elapsed - estimate).max(0));
            prop_assert_eq!(o.level >= OvertimeLevel::Overtime, o.over_min > 0);
        }
    }
}
