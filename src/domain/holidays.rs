//! The days the business is closed: Danish public holidays, computed for any
//! year (Easter by the Gregorian computus, the days that hang on it), plus the
//! company's own choices: the customary days it may close (grundlovsdag,
//! juleaftensdag, nytårsaftensdag), its own closing days, and days it opens
//! although they are holidays.
//!
//! Store bededag (the fourth Friday after Easter) is a public holiday up to
//! and including 2023 and abolished from 2024.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A customary day off that is not a public holiday: the company chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Customary {
    /// Grundlovsdag, 5 June.
    Grundlovsdag,
    /// Juleaftensdag, 24 December.
    Juleaftensdag,
    /// Nytårsaftensdag, 31 December.
    Nytaarsaftensdag,
}

impl Customary {
    /// Parses a name as a config file writes it: `grundlovsdag`,
    /// `juleaftensdag` (or `juleaften`), `nytårsaftensdag` (or `nytaarsaften`).
    pub fn parse(name: &str) -> Result<Customary, String> {
        let n = name.trim().to_lowercase().replace("aa", "å");
        match n.as_str() {
            "grundlovsdag" => Ok(Customary::Grundlovsdag),
            "juleaftensdag" | "juleaften" => Ok(Customary::Juleaftensdag),
            "nytårsaftensdag" | "nytårsaften" => Ok(Customary::Nytaarsaftensdag),
            _ => Err(format!(
                "{name:?} is not a day the company can choose to close; use grundlovsdag, \
                 juleaftensdag or nytårsaftensdag (or give a date)"
            )),
        }
    }

    fn date(self, year: i32) -> Option<NaiveDate> {
        match self {
            Customary::Grundlovsdag => NaiveDate::from_ymd_opt(year, 6, 5),
            Customary::Juleaftensdag => NaiveDate::from_ymd_opt(year, 12, 24),
            Customary::Nytaarsaftensdag => NaiveDate::from_ymd_opt(year, 12, 31),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Customary::Grundlovsdag => "grundlovsdag",
            Customary::Juleaftensdag => "juleaftensdag",
            Customary::Nytaarsaftensdag => "nytårsaftensdag",
        }
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Denmark's public holidays of a year, by date, with their Danish names.
pub fn danish_public(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut out = Vec::with_capacity(12);
    let fixed = [
        (1, 1, "nytårsdag"),
        (12, 25, "juledag"),
        (12, 26, "2. juledag"),
    ];
    for (m, d, name) in fixed {
        if let Some(date) = NaiveDate::from_ymd_opt(year, m, d) {
            out.push((date, name));
        }
    }
    if let Some(e) = easter(year) {
        let rel = |days: i64| {
            if days < 0 {
                e.checked_sub_days(Days::new(days.unsigned_abs()))
            } else {
                e.checked_add_days(Days::new(days.unsigned_abs()))
            }
        };
        let mut moving = vec![
            (-3, "skærtorsdag"),
            (-2, "langfredag"),
            (0, "påskedag"),
            (1, "2. påskedag"),
            (39, "Kristi himmelfartsdag"),
            (49, "pinsedag"),
            (50, "2. pinsedag"),
        ];
        if year <= 2023 {
            moving.push((26, "store bededag"));
        }
        out.extend(
            moving
                .into_iter()
                .filter_map(|(days, name)| rel(days).map(|d| (d, name))),
        );
    }
    out.sort();
    out
}

/// The days the company is closed: public holidays and its own choices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    /// Customary days the company closes on.
    pub customary: BTreeSet<Customary>,
    /// The company's own closing days.
    pub closed: BTreeSet<NaiveDate>,
    /// Days the company works although they are holidays.
    pub open: BTreeSet<NaiveDate>,
}

impl Holidays {
    /// Why the company is closed on `date` ("juledag", "closing day"), or
    /// `None` when it is open (weekends are not holidays: they are a
    /// cleaner's working hours' business).
    pub fn closed_because(&self, date: NaiveDate) -> Option<&'static str> {
        if self.open.contains(&date) {
            return None;
        }
        if self.closed.contains(&date) {
            return Some("closing day");
        }
        if let Some(c) = self
            .customary
            .iter()
            .find(|c| c.date(date.year()) == Some(date))
        {
            return Some(c.name());
        }
        // Only the few days holidays fall on need the computation: New
        // Year's Day, Christmas, and Easter's from March to June.
        if matches!(
            (date.month(), date.day()),
            (1, 1) | (3..=6, _) | (12, 25 | 26)
        ) {
            return danish_public(date.year())
                .into_iter()
                .find(|(d, _)| *d == date)
                .map(|(_, n)| n);
        }
        None
    }

    pub fn is_closed(&self, date: NaiveDate) -> bool {
        self.closed_because(date).is_some()
    }

    /// The first working day after `date`: Monday to Friday and not closed.
    /// `None` past a year of closed days (a configuration no business has).
    pub fn next_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut d = date;
        for _ in 0..366 {
            d = d.succ_opt()?;
            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_closed(d) {
                return Some(d);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn easter_matches_the_almanac() {
        for (y, e) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter(y), Some(d(e)), "{y}");
        }
    }

    #[test]
    fn the_danish_holidays_of_2026() {
        let names: Vec<String> = danish_public(2026)
            .into_iter()
            .map(|(d, n)| format!("{d} {n}"))
            .collect();
        assert_eq!(
            names,
            [
                "2026-01-01 nytårsdag",
                "2026-04-02 skærtorsdag",
                "2026-04-03 langfredag",
                "2026-04-05 påskedag",
                "2026-04-06 2. påskedag",
                "2026-05-14 Kristi himmelfartsdag",
                "2026-05-24 pinsedag",
                "2026-05-25 2. pinsedag",
                "2026-12-25 juledag",
                "2026-12-26 2. juledag",
            ]
        );
    }

    #[test]
    fn store_bededag_ends_with_2023() {
        let h = Holidays::default();
        assert_eq!(h.closed_because(d("2023-05-05")), Some("store bededag"));
        assert_eq!(h.closed_because(d("2024-04-26")), None);
    }

    #[test]
    fn the_company_chooses_its_own_days() {
        let mut h = Holidays::default();
        assert!(!h.is_closed(d("2026-12-24")));
        h.customary
            .insert(Customary::parse("Juleaften").expect("name"));
        h.closed.insert(d("2026-12-28"));
        h.open.insert(d("2026-12-26"));
        assert_eq!(h.closed_because(d("2026-12-24")), Some("juleaftensdag"));
        assert_eq!(h.closed_because(d("2026-12-28")), Some("closing day"));
        assert!(!h.is_closed(d("2026-12-26")));
        assert!(h.is_closed(d("2026-12-25")));
        // Thu 24 closed, Fri 25 juledag, weekend, Mon 28 closed: Tue 29.
        assert_eq!(h.next_working_day(d("2026-12-23")), Some(d("2026-12-29")));
        assert!(Customary::parse("fastelavn").is_err());
    }
}
