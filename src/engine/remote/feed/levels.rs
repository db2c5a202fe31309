//! The overtime levels told so far, so each running job's passing of a
//! level is told once.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::overtime::overtime;
use crate::domain::{Booking, Overtime, OvertimeLevel, OvertimeRules};

/// The highest level told of each running job.
#[derive(Debug, Default)]
pub(super) struct Levels {
    told: HashMap<i64, OvertimeLevel>,
}

impl Levels {
    /// The jobs of `running` that passed a level not yet told (warning,
    /// overtime, alert); a job no longer running is forgotten. With
    /// `quiet`, the levels are only noted (the feed's first look: a level
    /// reached before it started is not news).
    pub(super) fn passed<'a>(
        &mut self,
        running: &'a [Booking],
        now: DateTime<Utc>,
        rules: &OvertimeRules,
        quiet: bool,
    ) -> Vec<(&'a Booking, Overtime)> {
        self.told
            .retain(|id, _| running.iter().any(|b| b.id == *id));
        let mut out = Vec::new();
        for b in running {
            let Some(o) = overtime(b, now, rules) else {
                continue;
            };
            let told = self.told.get(&b.id).copied().unwrap_or(OvertimeLevel::Ok);
            if o.level > told {
                self.told.insert(b.id, o.level);
                if !quiet {
                    out.push((b, o));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::domain::BookingStatus;

    fn job(id: i64, started: DateTime<Utc>) -> Booking {
        Booking {
            id,
            customer_id: 1,
            staff_id: Some(3),
            service: "Rengøring".into(),
            start: started,
            end: started + Duration::minutes(100),
            estimate_min: 100,
            status: BookingStatus::InProgress,
            started_at: Some(started),
            finished_at: None,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
            cancel_reason: String::new(),
            version: 1,
        }
    }

    #[test]
    fn each_level_is_told_once_and_a_finished_job_forgotten() {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
        let rules = OvertimeRules::default();
        let jobs = [job(1, t0)];
        let mut l = Levels::default();
        let at = |m: i64| t0 + Duration::minutes(m);
        assert!(l.passed(&jobs, at(10), &rules, false).is_empty());
        let told = l.passed(&jobs, at(95), &rules, false);
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].1.level, OvertimeLevel::Warning);
        assert!(l.passed(&jobs, at(96), &rules, false).is_empty());
        // Past two levels at once: the higher is told.
        let told = l.passed(&jobs, at(140), &rules, false);
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].1.level, OvertimeLevel::Alert);
        assert!(l.passed(&jobs, at(200), &rules, false).is_empty());
        assert!(l.passed(&[], at(200), &rules, false).is_empty());
        assert_eq!(l.told.len(), 0);
        // Noted quietly at the first look, then not told again.
        assert!(l.passed(&jobs, at(105), &rules, true).is_empty());
        assert!(l.passed(&jobs, at(106), &rules, false).is_empty());
        assert_eq!(
            l.passed(&jobs, at(140), &rules, false)[0].1.level,
            OvertimeLevel::Alert
        );
    }
}
