//! Instants are UTC; days, working hours and what a dispatcher types are local
//! to the business time zone. This module is the one place that converts,
//! correctly across daylight-saving changes.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;

/// The business time zone (default `Europe/Copenhagen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessTz(pub Tz);

impl Default for BusinessTz {
    fn default() -> Self {
        BusinessTz(chrono_tz::Europe::Copenhagen)
    }
}

impl BusinessTz {
    /// Parses an IANA zone name such as `Europe/Copenhagen`.
    pub fn parse(name: &str) -> Result<Self, String> {
        name.parse::<Tz>().map(BusinessTz).map_err(|_| {
            format!("unknown time zone {name:?} (use an IANA name such as Europe/Copenhagen)")
        })
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The UTC instant of a local wall-clock time. A time skipped by a
    /// spring-forward change maps to the first instant after the gap; an
    /// ambiguous autumn time maps to its earlier occurrence.
    pub fn instant(&self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let naive = NaiveDateTime::new(date, time);
        match self.0.from_local_datetime(&naive) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(early, _) => early.with_timezone(&Utc),
            LocalResult::None => {
                // Walk forward minute by minute out of the gap (gaps are at most a few hours).
                let mut probe = naive;
                for _ in 0..(4 * 60) {
                    probe += Duration::minutes(1);
                    if let Some(t) = self.0.from_local_datetime(&probe).earliest() {
                        return t.with_timezone(&Utc);
                    }
                }
                Utc.from_utc_datetime(&naive)
            }
        }
    }

    /// `[start, end)` of a local calendar day: 23, 24 or 25 hours long.
    pub fn day_bounds(&self, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let next = date.succ_opt().unwrap_or(date);
        (
            self.instant(date, NaiveTime::MIN),
            self.instant(next, NaiveTime::MIN),
        )
    }

    pub fn local(&self, t: DateTime<Utc>) -> DateTime<Tz> {
        t.with_timezone(&self.0)
    }

    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        self.local(t).date_naive()
    }

    pub fn weekday(&self, t: DateTime<Utc>) -> Weekday {
        self.local(t).weekday()
    }

    /// `HH:MM` local.
    pub fn hm(&self, t: DateTime<Utc>) -> String {
        self.local(t).format("%H:%M").to_string()
    }

    /// RFC 3339 with the local offset, e.g. `2026-11-20T09:00:00+01:00`.
    pub fn rfc3339(&self, t: DateTime<Utc>) -> String {
        self.local(t)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }
}

/// Parses `HH:MM` (24-hour).
pub fn parse_hm(s: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map_err(|_| format!("{s:?} is not a time; write it as HH:MM, e.g. 07:30"))
}

/// English weekday name, e.g. `Saturday`.
pub fn weekday_en(w: Weekday) -> &'static str {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ][w.num_days_from_monday() as usize]
}

/// Danish short weekday names, Monday first.
pub fn weekday_da(w: Weekday) -> &'static str {
    ["man", "tir", "ons", "tor", "fre", "lør", "søn"][w.num_days_from_monday() as usize]
}

/// Danish weekday names in full, Monday first: "mandag".
pub fn weekday_da_long(w: Weekday) -> &'static str {
    [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    ][w.num_days_from_monday() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn day_lengths_follow_dst() {
        let tz = BusinessTz::default();
        let len = |s| {
            let (a, b) = tz.day_bounds(d(s));
            (b - a).num_hours()
        };
        assert_eq!(len("2026-03-29"), 23, "spring forward");
        assert_eq!(len("2026-10-25"), 25, "fall back");
        assert_eq!(len("2026-11-20"), 24);
    }

    #[test]
    fn skipped_local_time_maps_after_the_gap() {
        let tz = BusinessTz::default();
        let t = tz.instant(
            d("2026-03-29"),
            NaiveTime::from_hms_opt(2, 30, 0).expect("time"),
        );
        assert_eq!(tz.hm(t), "03:00");
    }

    #[test]
    fn ambiguous_local_time_takes_the_earlier() {
        let tz = BusinessTz::default();
        let t = tz.instant(
            d("2026-10-25"),
            NaiveTime::from_hms_opt(2, 30, 0).expect("time"),
        );
        assert_eq!(tz.rfc3339(t), "2026-10-25T02:30:00+02:00");
    }

    #[test]
    fn bad_zone_is_explained() {
        let err = BusinessTz::parse("Europe/Kobenhavn").unwrap_err();
        assert!(err.contains("IANA"), "{err}");
    }
}
